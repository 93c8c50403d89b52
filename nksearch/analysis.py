"""Indonesian text analysis: tokens, stop words and Sastrawi stems.

One fused pass turns text into ``(stem, exact, start, end)`` tuples; the same
function serves indexing, query parsing, highlighting and snippets, so the
index and the query always agree. Stems come from Sastrawi through a
module-level, lazily built stemmer and a plain dict cache that the indexer can
persist next to the index. Corrections for words Sastrawi gets wrong live here.

This module knows nothing about files, indexes or queries beyond words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from nksearch import whoosh_speedups

whoosh_speedups.install()

from whoosh.analysis import Token, Tokenizer  # noqa: E402

#: Bump when tokenizing, stop words or stemming rules change: the persisted
#: stem cache and the index schema depend on it.
RULES_VERSION = 1

# A number with separators ("6.500", "1,5"), or words joined by hyphens, with
# apostrophes inside words ("Jum'at") kept in the word.
_WORD = r"[^\W_]+(?:['\u2019][^\W_]+)*"
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)+(?![^\W_])|" + _WORD + r"(?:[-\u2010\u2011]" + _WORD + r")*"
)
_PART_RE = re.compile(_WORD)
_APOSTROPHES = re.compile(r"['\u2019]")
_HYPHENS = re.compile(r"[-\u2010\u2011]")

#: Clitics written after a hyphen ("Facebook-nya"): the word is the first part.
_CLITICS = frozenset({"nya", "ku", "mu", "lah", "kah", "tah", "pun"})

# Words in Sastrawi's stop list that people search news for: dates, numbers,
# places in a story, people, work.
_SEARCHABLE = frozenset(
    """
    akhir akhiri akhirnya awal awalnya bagian bapak baru besar bulan dekat
    depan belakang bawah datang diakhiri empat dua hari ibu jawab jawaban
    jelas jumlah kasus kecil keadaan keluar kembali kerja bekerja lama lima
    luar masalah masuk mata naik nyata orang panjang penting pertama
    pertanyaan persoalan salam satu siap tanya tempat tepat tiga waktunya
    lewat turut kali sekolah berakhir mulai dimulai memulai
    """.split()
)


#: Question words dropped from queries only: people type whole questions, and
#: these words say what kind of answer is wanted, not what it is about.
QUERY_STOP_WORDS = frozenset(
    """
    apa apakah siapa siapakah kapan kapankah dimana dimanakah manakah mana
    bagaimana bagaimanakah mengapa kenapa berapa berapakah adakah bilakah
    """.split()
)


@lru_cache(maxsize=1)
def query_stop_words() -> frozenset[str]:
    """Stop words for query text: the index's list plus question words."""
    return stop_words() | QUERY_STOP_WORDS


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Sastrawi's Indonesian stop list less the words people search for."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import (
        StopWordRemoverFactory,
    )

    words = StopWordRemoverFactory().get_stop_words()
    return frozenset(w for w in words if w not in _SEARCHABLE)


#: Words Sastrawi stems wrongly, mapped to the right stem. Each is a word a
#: user searches for whose Sastrawi stem merges it with an unrelated word or
#: splits it from its family.
STEM_EXCEPTIONS: dict[str, str] = {
    "bekasi": "bekasi",  # the city, not "bekas" (used)
    "pemilu": "pemilu",  # general election, not "milu"
    "berikan": "beri",  # give, not "ikan" (fish)
    "kaukasus": "kaukasus",  # the Caucasus, not "kasus" (case)
    "kesiapan": "siap",
    "kesiapannya": "siap",
    "ketidaksiapan": "siap",
}

# A word Sastrawi can change starts with one of its prefixes (or an infix
# after the first letter) or ends with one of its suffixes; any other word
# that is not a root in its dictionary comes back unchanged.
_AFFIXABLE = re.compile(
    r"^(?:di|ke|se|be|me|pe|te|ku|kau|.(?:em|el|er|in))|(?:i|an|lah|kah|tah|pun|ku|mu|nya|is)$"
)

_stemmer: Any = None
_dictionary: frozenset[str] | None = None

#: The word -> stem cache shared by every caller in this process.
STEM_CACHE: dict[str, str] = {}
#: Stems computed since the last :func:`take_new_stems` (to persist or to
#: send from a worker process back to the indexer).
NEW_STEMS: dict[str, str] = {}


def _sastrawi() -> Any:
    global _stemmer, _dictionary
    if _stemmer is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        from nksearch import sastrawi_speedups

        sastrawi_speedups.install()
        cached = StemmerFactory().create_stemmer()
        _stemmer = cached.delegatedStemmer
        _dictionary = frozenset(_stemmer.dictionary.words)
    return _stemmer


def sastrawi_fingerprint() -> str:
    """Identifies the installed Sastrawi (its dictionary and stemmer code).

    Read from file sizes rather than package metadata, which is slow to
    import on every one-shot query.
    """
    import Sastrawi

    base = Path(Sastrawi.__file__).parent / "Stemmer"
    sizes = []
    for name in ("data/kata-dasar.txt", "Stemmer.py", "StemmerFactory.py"):
        try:
            sizes.append(str((base / name).stat().st_size))
        except OSError:
            sizes.append("0")
    return "-".join(sizes)


def _stem_uncached(word: str) -> str:
    """Stem one lowercase word, applying nksearch's corrections."""
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    if not word.isalpha() and "-" not in word:
        return word  # numbers and mixed tokens ("covid19") stay whole
    if len(word) <= 3:
        return word
    stemmer = _sastrawi()
    if "-" not in word:
        assert _dictionary is not None
        if word in _dictionary or not _AFFIXABLE.search(word):
            return word  # what Sastrawi returns, without its slow search
    return str(stemmer.stem_word(word))


def stem(word: str) -> str:
    """The stem of a lowercase word, through the process-wide cache."""
    try:
        return STEM_CACHE[word]
    except KeyError:
        result = STEM_CACHE[word] = NEW_STEMS[word] = _stem_uncached(word)
        return result


def stem_many(words: list[str]) -> dict[str, str]:
    """Stem each word (bypassing the cache); used by worker processes."""
    return {word: _stem_uncached(word) for word in words}


def take_new_stems() -> dict[str, str]:
    """Return and forget the stems computed since the last call."""
    global NEW_STEMS
    new, NEW_STEMS = NEW_STEMS, {}
    return new


def stem_cache_key() -> str:
    """Identifies the stemmer and rules a persisted cache was made with."""
    return f"sastrawi-{sastrawi_fingerprint()}/rules-{RULES_VERSION}"


def _compound_kind(word: str) -> str:
    """How to index a hyphenated lowercase word: ``one``, ``clitic`` or ``split``.

    Reduplication (``negara-negara``, ``berkali-kali``, ``besar-besaran``) is
    one word: both halves share a stem. A clitic (``Facebook-nya``) belongs to
    the word before it. Anything else (``Nagorno-Karabakh``,
    ``Azerbaijan-Armenia``) is split so each part is searchable on its own.
    """
    parts = _HYPHENS.split(word)
    if len(parts) == 2:
        first, second = parts
        if second in _CLITICS:
            return "clitic"
        if first == second or stem(first) == stem(second):
            return "one"
    return "split"


Analysed = tuple[str, str, int, int]


def analyse(text: str, *, stops: frozenset[str] | None = None) -> list[Analysed]:
    """Tokens of ``text`` as ``(stem, exact, start, end)``.

    ``exact`` is the lowercase surface form; ``start``/``end`` are character
    offsets into ``text``. Stop words are dropped.
    """
    if stops is None:
        stops = stop_words()
    cache = STEM_CACHE
    out: list[Analysed] = []
    append = out.append
    for match in _TOKEN_RE.finditer(text):
        word = match.group().lower()
        start = match.start()
        if "'" in word or "\u2019" in word:
            word = _APOSTROPHES.sub("", word)
        if "-" in word or "\u2010" in word or "\u2011" in word:
            kind = _compound_kind(word)
            if kind != "one":
                for part_match in _PART_RE.finditer(match.group()):
                    part = _APOSTROPHES.sub("", part_match.group().lower())
                    if part not in stops:
                        pstart = start + part_match.start()
                        pend = start + part_match.end()
                        append((cache.get(part) or stem(part), part, pstart, pend))
                    if kind == "clitic":
                        break
                continue
            word = _HYPHENS.sub("-", word)
        if word in stops:
            continue
        s = cache.get(word)
        if s is None:
            s = stem(word)
        append((s, word, start, match.end()))
    return out


#: Each lowercase token seen by :func:`index_terms`, as its ``(stem, exact)``
#: pairs (none for a stop word, several for a split compound).
_TERMS_OF_TOKEN: dict[str, tuple[tuple[str, str], ...]] = {}


def _lowered_whole(text: str) -> str | None:
    """``text`` lowercased in one call, when that splits into the same tokens
    as lowercasing each token; None for text holding a letter whose lowercase
    is longer ("İ") or capital sigma (whose lowercase depends on its
    neighbours), which must be lowercased token by token.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text:
        return None
    return lowered


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """The stems and exact forms :func:`analyse` gives for ``text``, without offsets.

    Indexing needs no character offsets, so the text is lowercased and split
    in one call and each distinct token is analysed once per process.
    """
    lowered = _lowered_whole(text)
    if lowered is None:
        found = analyse(text)
        return [t[0] for t in found], [t[1] for t in found]
    memo = _TERMS_OF_TOKEN
    if len(memo) > 200_000:
        memo.clear()
    stems: list[str] = []
    exact: list[str] = []
    for token in _TOKEN_RE.findall(lowered):
        pairs = memo.get(token)
        if pairs is None:
            pairs = memo[token] = tuple((t[0], t[1]) for t in analyse(token))
        for stem_, word in pairs:
            stems.append(stem_)
            exact.append(word)
    return stems, exact


def words(text: str) -> set[str]:
    """The distinct lowercase words of ``text`` (before stemming)."""
    lowered = _lowered_whole(text)
    if lowered is None:
        tokens = {match.group().lower() for match in _TOKEN_RE.finditer(text)}
    else:
        tokens = set(_TOKEN_RE.findall(lowered))
    found: set[str] = set()
    for token in tokens:
        if "'" in token or "\u2019" in token:
            token = _APOSTROPHES.sub("", token)
        if "-" in token or "\u2010" in token or "\u2011" in token:
            found.update(p for p in _HYPHENS.split(token) if p)
            found.add(_HYPHENS.sub("-", token))
        else:
            found.add(token)
    return found


class IndonesianTokenizer(Tokenizer):  # type: ignore[misc]
    """A Whoosh tokenizer running :func:`analyse` (stemmed or exact forms).

    It is pickled into the index schema, so it holds only a flag; the stemmer
    and its dictionary are reached through module-level functions.
    """

    def __init__(self, stemmed: bool = True) -> None:
        self.stemmed = stemmed
        self.is_morph = stemmed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndonesianTokenizer) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.stemmed))

    def __call__(  # noqa: PLR0913 - Whoosh's tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value.lower()
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        index = 0 if self.stemmed else 1
        stops = query_stop_words() if mode == "query" else None
        for pos, item in enumerate(analyse(value, stops=stops)):
            token.text = item[index]
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[item[2] : item[3]]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + item[2]
                token.endchar = start_char + item[3]
            yield token
