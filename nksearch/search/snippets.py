"""Find query matches in text and cut the best passage around them.

Matching is stem-aware: a word matches when its Sastrawi stem is one of the
query's stems, its exact form is one of the query's words, or it starts with a
query prefix. The forms of each stem come from the index's analyzer (its stem
cache, turned around once), so a snippet costs one regular expression scan,
not a stemmer run. Very long documents are only scanned up
to :data:`SCAN_LIMIT` characters.

This module returns offsets; it does not colour or escape anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nksearch.analysis.analyzer import Analyzer

SNIPPET_CHARS = 220
SCAN_LIMIT = 200_000

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")


class Highlighter:
    """Finds the matches of a query's terms in text, for one index's analyzer.

    The words matching a stem come from the analyzer's stem cache (see
    :meth:`Analyzer.forms_of`); the compiled expression for each set of
    forms is kept, a few hundred at most.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._patterns: dict[tuple[frozenset[str], tuple[str, ...]], re.Pattern[str]] = {}

    def _pattern(self, forms: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern[str]:
        key = (forms, prefixes)
        found = self._patterns.get(key)
        if found is None:
            parts = [re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))]
            parts += [re.escape(p) + r"[^\W_]*" for p in prefixes]
            found = re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.IGNORECASE)
            if len(self._patterns) > 256:
                self._patterns = {}
            self._patterns[key] = found
        return found

    def match_spans(
        self,
        text: str,
        stems: Iterable[str],
        words: Iterable[str] = (),
        prefixes: Iterable[str] = (),
        *,
        limit: int | None = None,
    ) -> list[tuple[int, int, str]]:
        """``(start, end, concept)`` for each matching word of ``text``.

        A word matches when it is one of ``words``, a known form of one of
        ``stems`` (any word whose Sastrawi stem it is), or starts with a
        prefix. ``concept`` is the stem (or prefix) the word matched, so
        callers can count distinct query terms in a passage. One compiled
        regular expression scans the text, so no word is stemmed here.
        """
        stem_set, prefix_tuple = set(stems), tuple(sorted(set(prefixes)))
        forms = set(words) | stem_set | self.analyzer.forms_of(stem_set)
        forms.discard("")
        if not forms and not prefix_tuple:
            return []
        scanned = text if limit is None else text[:limit]
        cache = self.analyzer.stems
        found: list[tuple[int, int, str]] = []
        for match in self._pattern(frozenset(forms), prefix_tuple).finditer(scanned):
            word = match.group().lower()
            concept = cache.get(word, word)
            if concept not in stem_set:
                concept = next((p for p in prefix_tuple if word.startswith(p)), concept)
            found.append((match.start(), match.end(), concept))
        return found

    def snippet(
        self,
        text: str,
        stems: Iterable[str],
        words: Iterable[str] = (),
        prefixes: Iterable[str] = (),
        *,
        width: int = SNIPPET_CHARS,
    ) -> tuple[str, tuple[Span, ...]]:
        """The best passage of ``text`` and the ``(start, end)`` of each match in it."""
        found = self.match_spans(text, stems, words, prefixes, limit=SCAN_LIMIT)
        return cut_snippet(text, found, width)


def _best_window(found: list[tuple[int, int, str]], width: int) -> int:
    """Index in ``found`` where the densest window of ``width`` chars starts."""
    best, best_key = 0, (-1, -1)
    right = 0
    for left in range(len(found)):
        if right < left:
            right = left
        while right + 1 < len(found) and found[right + 1][1] - found[left][0] <= width:
            right += 1
        window = found[left : right + 1]
        key = (len({c for _s, _e, c in window}), len(window))
        if key > best_key:
            best, best_key = left, key
    return best


def _collapse(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with whitespace runs collapsed, and an offset map."""
    out: list[str] = []
    mapping: list[int] = []
    last_space = True
    for i in range(start, end):
        ch = text[i]
        mapping.append(len(out))
        if ch.isspace():
            if not last_space:
                out.append(" ")
            last_space = True
        else:
            out.append(ch)
            last_space = False
    mapping.append(len(out))
    return "".join(out), mapping


def cut_snippet(
    text: str, found: list[tuple[int, int, str]], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[Span, ...]]:
    """The passage of ``text`` densest in ``found`` matches, and their spans in it."""
    if not found:
        start, end = 0, min(len(text), width)
    else:
        first = _best_window(found, width)
        start = found[first][0]
        # Open a little before the first match, at a word or sentence boundary.
        lead = max(0, start - width // 4)
        sentence = max(text.rfind(". ", lead, start), text.rfind("\n", lead, start))
        if sentence >= 0:
            start = sentence + 1
        elif lead > 0:
            space = text.find(" ", lead, start)
            start = space + 1 if space >= 0 else start
        else:
            start = 0
        end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        if space > 0:
            end = space
    while start < end and text[start].isspace():
        start += 1
    body, mapping = _collapse(text, start, end)
    body = body.rstrip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix)
    spans = tuple(
        (mapping[s - start] + shift, mapping[e - start] + shift)
        for s, e, _c in found
        if s >= start and e <= end and mapping[e - start] <= len(body)
    )
    return prefix + body + suffix, spans
