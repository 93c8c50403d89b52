"""Did-you-mean: the nearest indexed word to an unknown query word.

The vocabulary is every word the stem cache kept with the index has seen,
bucketed by first letter, so a suggestion compares a word with a few hundred
candidates of about its length, each with a bounded edit distance, and then
keeps only words the index really holds. Whoosh's own corrector walks the
whole term list per word and takes seconds on a few thousand articles.
:func:`respell` rewrites a query's unknown words with their nearest
indexed words; whether the result finds more is the caller's to check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from nksearch.analysis.analyzer import Analyzer

#: Query words never corrected: operators typed in lowercase, mostly.
_LEAVE_ALONE = frozenset({"and", "or", "not"})


class Vocabulary:
    """Known words by first letter; frequencies come from the searcher."""

    def __init__(self, words: Any) -> None:
        buckets: dict[str, list[str]] = {}
        for word in words:
            if len(word) >= 3 and word.isalpha():
                buckets.setdefault(word[0], []).append(word)
        self._buckets = buckets
        self.size = len(words)

    def nearest(self, word: str, frequency: Any) -> str | None:
        """The closest indexed word (up to 1 edit for short words, 2 for longer).

        ``frequency(word)`` gives a candidate's document frequency; words
        that are not in the index (0) are never suggested.
        """
        if word in _LEAVE_ALONE or len(word) < 3 or not word.isalpha():
            return None
        maxdist = 1 if len(word) <= 5 else 2
        found: list[tuple[int, str]] = []
        letters = frozenset(word)
        for candidate in self._buckets.get(word[0], ()):
            if abs(len(candidate) - len(word)) > maxdist or candidate == word:
                continue
            if len(letters.symmetric_difference(candidate)) > 2 * maxdist:
                continue  # each edit changes at most two letters of the set
            distance = bounded_distance(word, candidate, maxdist)
            if distance <= maxdist:
                found.append((distance, candidate))
        best: tuple[int, int, str] | None = None
        for distance, candidate in found:
            count = frequency(candidate)
            if count > 0 and (best is None or (distance, -count, candidate) < best):
                best = (distance, -count, candidate)
        return best[2] if best else None


def bounded_distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` once it exceeds ``bound``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        smallest = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            smallest = min(smallest, value)
        if smallest > bound:
            return bound + 1
        previous = current
    return previous[-1]


def _in_case_of(word: str, match: re.Match[str]) -> str:
    return _same_case(match.group(), word)


def _same_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word.capitalize()
    return word


def respell(
    text: str,
    words: frozenset[str],
    vocabulary: Vocabulary,
    analyzer: Analyzer,
    frequency: Callable[[str, str], int],
) -> str:
    """``text`` with each of its ``words`` the index lacks replaced by the nearest it holds.

    ``frequency(field, word)`` is a word's document frequency in a field:
    ``body`` for a word that is its own stem, ``exact`` for other forms.
    """

    def documents(word: str) -> int:
        stem = analyzer.stems.get(word, word)
        return frequency("body", word) if stem == word else frequency("exact", word)

    replaced = text
    for word in sorted(words):
        if frequency("exact", word) + frequency("body", word):
            continue
        best = vocabulary.nearest(word, documents)
        if best is None:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        replaced = pattern.sub(functools.partial(_in_case_of, best), replaced)
    return replaced
