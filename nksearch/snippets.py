"""Find query matches in text and cut the best passage around them.

Matching is stem-aware: a word matches when its Sastrawi stem is one of the
query's stems, its exact form is one of the query's words, or it starts with a
query prefix. Tokens come from :func:`nksearch.analysis.analyse`, whose stems
are cached, so a snippet costs a regex pass and dict lookups, not a stemmer
run. Very long documents are only scanned up to :data:`SCAN_LIMIT` characters.

This module returns offsets; it does not colour or escape anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nksearch import analysis

SNIPPET_CHARS = 220
SCAN_LIMIT = 200_000

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")


def match_spans(
    text: str,
    stems: Iterable[str],
    words: Iterable[str] = (),
    prefixes: Iterable[str] = (),
    *,
    limit: int | None = None,
) -> list[tuple[int, int, str]]:
    """``(start, end, concept)`` for each matching word of ``text``.

    ``concept`` is the stem (or prefix) the word matched, so callers can count
    distinct query terms in a passage.
    """
    stem_set, word_set, prefix_list = set(stems), set(words), tuple(prefixes)
    if not (stem_set or word_set or prefix_list):
        return []
    scanned = text if limit is None else text[:limit]
    found: list[tuple[int, int, str]] = []
    for stem, exact, start, end in analysis.analyse(scanned):
        if stem in stem_set or exact in word_set:
            found.append((start, end, stem))
        elif prefix_list:
            for prefix in prefix_list:
                if exact.startswith(prefix):
                    found.append((start, end, prefix))
                    break
    return found


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


def make_snippet(
    text: str,
    stems: Iterable[str],
    words: Iterable[str] = (),
    prefixes: Iterable[str] = (),
    *,
    width: int = SNIPPET_CHARS,
) -> tuple[str, tuple[Span, ...]]:
    """The best passage of ``text`` and the ``(start, end)`` of each match in it."""
    found = match_spans(text, stems, words, prefixes, limit=SCAN_LIMIT)
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
