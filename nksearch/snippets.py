"""Find query matches in text and cut the best passage around them.

Matching is stem-aware: a word matches when its Sastrawi stem is one of the
query's stems, its exact form is one of the query's words, or it starts with a
query prefix. The forms of each stem come from the stem cache kept with the
index, turned around once per process, so a snippet costs one regular
expression scan, not a stemmer run. Very long documents are only scanned up
to :data:`SCAN_LIMIT` characters.

This module returns offsets; it does not colour or escape anything.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from nksearch import analysis

SNIPPET_CHARS = 220
SCAN_LIMIT = 200_000

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")


_inverse: dict[str, set[str]] = {}
_inverse_size = -1
_patterns: dict[tuple[frozenset[str], tuple[str, ...]], re.Pattern[str]] = {}


def _forms_by_stem() -> dict[str, set[str]]:
    """Every known word, grouped by its stem (from the shared stem cache).

    The cache only grows, in insertion order, so each call adds just the
    words cached since the last one (query words, a sync's new words).
    """
    global _inverse_size
    cache = analysis.STEM_CACHE
    if len(cache) < _inverse_size:  # the cache was replaced: start again
        _inverse.clear()
        _inverse_size = -1
    if len(cache) != _inverse_size:
        start = max(_inverse_size, 0)
        added = list(itertools.islice(cache.items(), start, None))
        stops = analysis.stop_words()
        fresh: dict[str, set[str]] = {}
        for word, stem in added:
            if word not in stops:
                fresh.setdefault(stem, set()).add(word)
        # New sets replace old ones, never change them: another thread may
        # be reading a stem's forms right now.
        for stem, forms in fresh.items():
            _inverse[stem] = _inverse.get(stem, set()) | forms
        _inverse_size = start + len(added)
    return _inverse


_lookups = 0
_recent: dict[frozenset[str], frozenset[str]] = {}


def _forms_of(stems: set[str]) -> frozenset[str]:
    """Known words whose stem is in ``stems``, remembered per query.

    The first queries of a process scan the cache directly (a few
    milliseconds, once per query); a process that keeps searching builds the
    stem-to-words map once and reuses it.
    """
    global _lookups
    key = frozenset(stems)
    if not key:
        return key
    found = _recent.get(key)
    if found is not None and len(analysis.STEM_CACHE) == _recent_size[0]:
        return found
    _lookups += 1
    stops = analysis.stop_words()
    if _lookups <= 3 and _inverse_size < 0:
        found = frozenset(w for w, s in analysis.STEM_CACHE.items() if s in key and w not in stops)
    else:
        inverse = _forms_by_stem()
        found = frozenset(w for stem in key for w in inverse.get(stem, ()))
    if len(_recent) > 64 or len(analysis.STEM_CACHE) != _recent_size[0]:
        _recent.clear()
        _recent_size[0] = len(analysis.STEM_CACHE)
    _recent[key] = found
    return found


_recent_size = [0]


def _pattern(forms: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern[str]:
    key = (forms, prefixes)
    found = _patterns.get(key)
    if found is None:
        parts = [re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))]
        parts += [re.escape(p) + r"[^\W_]*" for p in prefixes]
        found = re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])", re.IGNORECASE)
        if len(_patterns) > 256:
            _patterns.clear()
        _patterns[key] = found
    return found


def match_spans(
    text: str,
    stems: Iterable[str],
    words: Iterable[str] = (),
    prefixes: Iterable[str] = (),
    *,
    limit: int | None = None,
) -> list[tuple[int, int, str]]:
    """``(start, end, concept)`` for each matching word of ``text``.

    A word matches when it is one of ``words``, a known form of one of
    ``stems`` (any word whose Sastrawi stem it is), or starts with a prefix.
    ``concept`` is the stem (or prefix) the word matched, so callers can count
    distinct query terms in a passage. One compiled regular expression scans
    the text, so no word is stemmed here.
    """
    stem_set, prefix_tuple = set(stems), tuple(sorted(set(prefixes)))
    forms = set(words) | stem_set | _forms_of(stem_set)
    forms.discard("")
    if not forms and not prefix_tuple:
        return []
    scanned = text if limit is None else text[:limit]
    cache = analysis.STEM_CACHE
    found: list[tuple[int, int, str]] = []
    for match in _pattern(frozenset(forms), prefix_tuple).finditer(scanned):
        word = match.group().lower()
        concept = cache.get(word, word)
        if concept not in stem_set:
            concept = next((p for p in prefix_tuple if word.startswith(p)), concept)
        found.append((match.start(), match.end(), concept))
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
