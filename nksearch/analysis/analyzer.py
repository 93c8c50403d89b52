"""The Indonesian analyzer of one index: tokens, stop words and cached stems.

An :class:`Analyzer` turns text into ``(stem, exact, start, end)`` tuples; the
same object serves indexing, query parsing, highlighting and snippets of one
index, so the index and its queries always agree. It owns that index's
word → stem cache (persisted next to the index by ``nksearch.indexing``) and
the inverse map of known forms per stem that highlighting needs, so two
indexes open in one process never see each other's words. The Sastrawi
stemmer itself is shared (see ``stemmer``): it is read-only.

This module knows nothing about files, indexes or queries beyond words.
"""

from __future__ import annotations

import itertools
import threading

from nksearch.analysis import stemmer
from nksearch.analysis.stopwords import query_stop_words, stop_words
from nksearch.analysis.tokens import (
    APOSTROPHES,
    CLITICS,
    HYPHENS,
    PART_RE,
    TOKEN_RE,
    has_apostrophe,
    has_hyphen,
    lowered_whole,
)
from nksearch.analysis.tokens import words as _words

Analysed = tuple[str, str, int, int]

#: Distinct tokens whose analysis :meth:`Analyzer.index_terms` remembers.
_MEMO_LIMIT = 200_000


def stem_many(words: list[str]) -> dict[str, str]:
    """Stem each word without any cache (what build workers run)."""
    return {word: stemmer.stem_word(word) for word in words}


class Analyzer:
    """Tokens, stop words and stems for one index, with its stem cache.

    Args:
        stems: A word → stem cache to start from (e.g. the one persisted
            with the index); it is copied.
    """

    def __init__(self, stems: dict[str, str] | None = None) -> None:
        self.stems: dict[str, str] = dict(stems) if stems else {}
        self._new: dict[str, str] = {}
        self.stop_words = stop_words()
        self.query_stop_words = query_stop_words()
        self._terms_of_token: dict[str, tuple[tuple[str, str], ...]] = {}
        self._forms: dict[str, frozenset[str]] = {}
        self._forms_size = 0
        self._forms_lock = threading.Lock()
        self._lookups = 0
        self._recent: dict[frozenset[str], frozenset[str]] = {}
        self._recent_size = 0

    def __getstate__(self) -> dict[str, dict[str, str]]:
        """Only the stem cache travels (to build workers); the rest is remade."""
        return {"stems": self.stems}

    def __setstate__(self, state: dict[str, dict[str, str]]) -> None:
        self.__init__(state["stems"])  # type: ignore[misc]

    # -- stems --------------------------------------------------------------

    def stem(self, word: str) -> str:
        """The stem of a lowercase word, through this analyzer's cache."""
        try:
            return self.stems[word]
        except KeyError:
            result = self.stems[word] = self._new[word] = stemmer.stem_word(word)
            return result

    def learn(self, stems: dict[str, str], *, new: bool = True) -> None:
        """Add stems computed elsewhere to the cache.

        With ``new`` (stems a build worker computed) they are also reported by
        :meth:`take_new_stems`; stems read back from the index are not.
        """
        self.stems.update(stems)
        if new:
            self._new.update(stems)

    def take_new_stems(self) -> dict[str, str]:
        """Return and forget the stems computed or learnt since the last call."""
        new, self._new = self._new, {}
        return new

    def words(self, text: str) -> set[str]:
        """The distinct lowercase words of ``text`` (see :func:`tokens.words`)."""
        return _words(text)

    # -- analysis -----------------------------------------------------------

    def _compound_kind(self, word: str) -> str:
        """How to index a hyphenated lowercase word: ``one``, ``clitic`` or ``split``.

        Reduplication (``negara-negara``, ``berkali-kali``, ``besar-besaran``)
        is one word: both halves share a stem. A clitic (``Facebook-nya``)
        belongs to the word before it. Anything else (``Nagorno-Karabakh``,
        ``Azerbaijan-Armenia``) is split so each part is searchable on its own.
        """
        parts = HYPHENS.split(word)
        if len(parts) == 2:
            first, second = parts
            if second in CLITICS:
                return "clitic"
            if first == second or self.stem(first) == self.stem(second):
                return "one"
        return "split"

    def analyse(self, text: str, *, query: bool = False) -> list[Analysed]:
        """Tokens of ``text`` as ``(stem, exact, start, end)``.

        ``exact`` is the lowercase surface form; ``start``/``end`` are
        character offsets into ``text``. Stop words are dropped, and with
        ``query`` question words too.
        """
        stops = self.query_stop_words if query else self.stop_words
        cache = self.stems
        stem = self.stem
        out: list[Analysed] = []
        append = out.append
        for match in TOKEN_RE.finditer(text):
            word = match.group().lower()
            start = match.start()
            if has_apostrophe(word):
                word = APOSTROPHES.sub("", word)
            if has_hyphen(word):
                kind = self._compound_kind(word)
                if kind != "one":
                    for part_match in PART_RE.finditer(match.group()):
                        part = APOSTROPHES.sub("", part_match.group().lower())
                        if part not in stops:
                            pstart = start + part_match.start()
                            pend = start + part_match.end()
                            append((cache.get(part) or stem(part), part, pstart, pend))
                        if kind == "clitic":
                            break
                    continue
                word = HYPHENS.sub("-", word)
            if word in stops:
                continue
            s = cache.get(word)
            if s is None:
                s = stem(word)
            append((s, word, start, match.end()))
        return out

    def index_terms(self, text: str) -> tuple[list[str], list[str]]:
        """The stems and exact forms :meth:`analyse` gives, without offsets.

        Indexing needs no character offsets, so the text is lowercased and
        split in one call and each distinct token is analysed once.
        """
        lowered = lowered_whole(text)
        if lowered is None:
            found = self.analyse(text)
            return [t[0] for t in found], [t[1] for t in found]
        memo = self._terms_of_token
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        stems: list[str] = []
        exact: list[str] = []
        for token in TOKEN_RE.findall(lowered):
            pairs = memo.get(token)
            if pairs is None:
                pairs = memo[token] = tuple((t[0], t[1]) for t in self.analyse(token))
            for stem_, word in pairs:
                stems.append(stem_)
                exact.append(word)
        return stems, exact

    # -- forms --------------------------------------------------------------

    def forms_of(self, stems: set[str] | frozenset[str]) -> frozenset[str]:
        """Every known word (not a stop word) whose stem is in ``stems``.

        The stem → words map is built from the cache on first use and then
        grows with it: the cache only grows, in insertion order, so each call
        adds just the words cached since the last one. Safe to call from
        several threads. The first few lookups of an analyzer scan the cache
        directly instead (milliseconds, where building the map costs more
        than a one-shot query's whole search); answers are remembered per
        set of stems until the cache grows.
        """
        key = frozenset(stems)
        if not key:
            return key
        size = len(self.stems)
        found = self._recent.get(key)
        if found is not None and size == self._recent_size:
            return found
        self._lookups += 1
        if self._lookups <= 3 and self._forms_size == 0:
            stops = self.stop_words
            found = frozenset(w for w, s in self.stems.items() if s in key and w not in stops)
        else:
            self._update_forms()
            forms = self._forms
            found = frozenset(w for stem in key for w in forms.get(stem, ()))
        if len(self._recent) > 64 or size != self._recent_size:
            self._recent = {}
            self._recent_size = size
        self._recent[key] = found
        return found

    def _update_forms(self) -> None:
        cache = self.stems
        if len(cache) == self._forms_size:
            return
        with self._forms_lock:
            start = self._forms_size
            if len(cache) < start:  # the cache was replaced: start again
                self._forms, start = {}, 0
            added = list(itertools.islice(cache.items(), start, None))
            fresh: dict[str, set[str]] = {}
            stops = self.stop_words
            for word, stem in added:
                if word not in stops:
                    fresh.setdefault(stem, set()).add(word)
            # A new map replaces the old one: readers never see it half made.
            forms = dict(self._forms)
            for stem, words in fresh.items():
                forms[stem] = forms.get(stem, frozenset()) | words
            self._forms = forms
            self._forms_size = start + len(added)
