"""Prefix and fuzzy words expanded from the index's own vocabulary.

:class:`Vocabulary` holds the terms of one searcher's fields, read from the
sorted term files the first time a field is needed (see
``_whoosh.readers.field_terms``). Its sorted lists answer two questions
without looking at every term:

- the terms starting with a prefix are one range of a sorted list (two
  binary searches);
- the terms within *k* edits of a word are found by walking the sorted list
  as a trie, one row of the edit-distance table per prefix (the Levenshtein
  automaton, simulated): a prefix none of whose completions can come within
  *k* edits is skipped with all the terms below it.

:func:`expand` rewrites the ``prefix*`` and ``word~n`` parts of a parsed
query into the terms they stand for: at most :data:`MAX_EDITS` edits, and
the :data:`MAX_EXPANSIONS` most frequent terms of each field, with a note
saying so when a cap applied; a ``source:`` word becomes the outlets it
names (see ``outlets``). This module runs no search.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from typing import Any

from whoosh import query as wq

from nksearch._whoosh.readers import field_terms, prefix_terms
from nksearch.search.outlets import matching_terms, outlet_query

#: Most edits a fuzzy word may have (``~3`` and more are searched as ``~2``).
MAX_EDITS = 2
#: Most terms one prefix or fuzzy word stands for in one field (its most
#: frequent ones): more cost time to rank and add little.
MAX_EXPANSIONS = 32
#: Fields whose terms are words: a fuzzy word is looked up in all of them at once.
WORD_FIELDS = ("title", "body", "exact")
#: Above every character: ``prefix + _TOP`` sorts after every term with the prefix.
_TOP = "\U0010ffff"


class Expansion(wq.Or):  # type: ignore[misc]
    """The terms one ``prefix*`` or ``word~n`` stands for in one field.

    Ranking treats it as the word it came from: its terms, in every field,
    make one concept of the query (see ``ranking``).
    """

    def __init__(self, terms: list[Any], startchar: int | None, endchar: int | None) -> None:
        super().__init__(terms)
        self.startchar = startchar
        self.endchar = endchar


class Vocabulary:
    """The terms of one searcher's fields, sorted.

    A field's terms are read when first needed; prefix ranges are read on
    their own, with their document frequencies.
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._read: dict[str, list[list[str]]] = {}
        self._sorted: dict[str, list[str]] = {}
        self._ranges: dict[tuple[str, str], dict[str, int]] = {}
        self._union: list[str] | None = None
        self._near: dict[tuple[str, str, int, int], list[tuple[str, int]]] = {}

    def _segments(self, field: str) -> list[list[str]]:
        """Each segment's sorted terms of ``field``."""
        found = self._read.get(field)
        if found is None:
            found = self._read[field] = field_terms(self._reader, field)
        return found

    def frequency(self, field: str, term: str) -> int:
        """The number of documents with ``term`` in ``field``."""
        return int(self._reader.doc_frequency(field, term))

    def terms(self, field: str) -> list[str]:
        """The terms of ``field``, sorted, each once."""
        found = self._sorted.get(field)
        if found is None:
            found = self._sorted[field] = _merged(self._segments(field))
        return found

    def starting(self, field: str, prefix: str) -> dict[str, int]:
        """``{term: document frequency}`` of the terms of ``field`` starting with ``prefix``."""
        key = (field, prefix)
        found = self._ranges.get(key)
        if found is None:
            if len(self._ranges) > 256:
                self._ranges.clear()
            found = self._ranges[key] = prefix_terms(self._reader, field, prefix)
        return found

    def near(
        self, field: str, word: str, maxdist: int, prefix: int = 0
    ) -> list[tuple[str, int, int]]:
        """``(term, edits, documents)`` of each term of ``field`` near ``word``.

        Near means within ``maxdist`` edits; an edit inserts, deletes or
        replaces a letter, or swaps two adjacent ones. Terms must start with
        the first ``prefix`` letters of ``word``. The word fields are
        searched together, once per word.
        """
        group = "words" if field in WORD_FIELDS else field
        key = (group, word, maxdist, prefix)
        found = self._near.get(key)
        if found is None:
            if len(self._near) > 1024:
                self._near.clear()
            terms = self._words() if group == "words" else self.terms(field)
            found = self._near[key] = within(terms, word, maxdist, word[:prefix])
        counted = [(term, edits, self.frequency(field, term)) for term, edits in found]
        return [item for item in counted if item[2]]

    def _words(self) -> list[str]:
        """The terms of every word field, sorted, each once."""
        if self._union is None:
            self._union = _merged([run for f in WORD_FIELDS for run in self._segments(f)])
        return self._union


def _merged(runs: list[list[str]]) -> list[str]:
    """Sorted lists merged into one, each term once."""
    if len(runs) == 1:
        return runs[0]
    return list(dict.fromkeys(sorted(term for run in runs for term in run)))


def within(terms: list[str], word: str, maxdist: int, prefix: str = "") -> list[tuple[str, int]]:
    """``(term, edits)`` for each of the sorted ``terms`` within ``maxdist`` edits of ``word``.

    Edits are counted as in the optimal string alignment distance (a swap of
    two adjacent letters is one edit). The sorted list is walked as a trie:
    each node is a prefix shared by the terms ``terms[lo:hi]``, with the row
    of the edit-distance table of that prefix against ``word``; only the
    cells within ``maxdist`` of the diagonal can stay within ``maxdist``, and
    a node whose row has no cell within ``maxdist`` is not descended.
    """
    n = len(word)
    over = maxdist + 1
    lo = bisect_left(terms, prefix)
    hi = bisect_left(terms, prefix + _TOP, lo) if prefix else len(terms)
    found: list[tuple[str, int]] = []
    if lo >= hi:
        return found
    first = [j if j <= maxdist else over for j in range(n + 1)]
    # (lo, hi, depth, row, row of the parent prefix, last letter of the prefix);
    # at the root no letter precedes, so the parent row is never read.
    stack = [(lo, hi, 0, first, first, "")]
    while stack:
        lo, hi, depth, row, before, last = stack.pop()
        if len(terms[lo]) == depth:  # the prefix is itself a term
            if row[n] <= maxdist:
                found.append((terms[lo], row[n]))
            lo += 1
            if lo >= hi:
                continue
        i = depth + 1
        band_lo, band_hi = max(1, i - maxdist), min(n, i + maxdist)
        start = i if i <= maxdist else over
        stem = terms[lo][:depth]
        while lo < hi:
            letter = terms[lo][depth]
            end = bisect_left(terms, stem + chr(ord(letter) + 1), lo + 1, hi)
            new = [over] * (n + 1)
            new[0] = best = start
            left = new[band_lo - 1]
            for j in range(band_lo, band_hi + 1):
                wanted = word[j - 1]
                value = row[j - 1] + (wanted != letter)
                if row[j] < value:
                    value = row[j] + 1
                if left < value:
                    value = left + 1
                if last == wanted and j > 1 and letter == word[j - 2] and before[j - 2] < value:
                    value = before[j - 2] + 1  # the two letters swapped
                new[j] = left = value
                if value < best:
                    best = value
            if best <= maxdist:
                stack.append((lo, end, i, new, row, letter))
            lo = end
    return found


def _most_frequent(counts: dict[str, int], weights: dict[str, float]) -> list[tuple[str, float]]:
    """The :data:`MAX_EXPANSIONS` most frequent terms (fewest edits first on a tie)."""
    chosen = heapq.nsmallest(
        MAX_EXPANSIONS, counts, key=lambda term: (-counts[term], -weights[term], term)
    )
    return [(term, weights[term]) for term in chosen]


class Expander:
    """Rewrites the prefixes and fuzzy words of parsed queries (see :func:`expand`)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.terms: set[tuple[str, str]] = set()
        self._notes: list[str] = []
        self._capped: dict[str, int] = {}  # shown word -> most terms it matched in a field

    @property
    def notes(self) -> list[str]:
        """What a cap changed, one line each, in the order the query says it."""
        capped = [
            f"{shown} matches {count:,} words; the {MAX_EXPANSIONS} most frequent were searched"
            for shown, count in self._capped.items()
        ]
        return self._notes + capped

    def _note(self, text: str) -> None:
        if text not in self._notes:
            self._notes.append(text)

    def leaf(self, q: Any) -> Any:
        """The terms a prefix or fuzzy leaf stands for, as an :class:`Expansion`."""
        field = q.fieldname
        if isinstance(q, wq.FuzzyTerm):
            word = str(q.text)
            maxdist = int(q.maxdist)
            if maxdist > MAX_EDITS:
                self._note(
                    f"{word}~{maxdist} was searched as {word}~{MAX_EDITS}:"
                    f" at most {MAX_EDITS} edits are allowed"
                )
                maxdist = MAX_EDITS
            near = self.vocabulary.near(field, word, maxdist, int(q.prefixlength))
            counts = {term: documents for term, _edits, documents in near}
            # A term further from the word counts for less than the word itself.
            weights = {term: 1.0 / (1 + edits) for term, edits, _documents in near}
            shown = f"{word}~{maxdist}"
        else:
            word = str(q.text)
            counts = self.vocabulary.starting(field, word)
            weights = dict.fromkeys(counts, 1.0)
            shown = f"{word}*"
        if len(counts) > MAX_EXPANSIONS:
            self._capped[shown] = max(self._capped.get(shown, 0), len(counts))
        chosen = _most_frequent(counts, weights)
        if not chosen:
            return wq.NullQuery
        start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)
        terms = []
        for term, weight in chosen:
            self.terms.add((field, term))
            found = wq.Term(field, term, boost=q.boost * weight)
            found.startchar, found.endchar = start, end
            terms.append(found)
        return Expansion(terms, start, end)

    def outlet(self, q: Any) -> Any:
        """The outlet terms a ``source:`` word stands for (see ``outlets``)."""
        start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)

        def term(text: str) -> Any:
            found = wq.Term("source", text, boost=q.boost)
            found.startchar, found.endchar = start, end
            return found

        outlets = self.vocabulary.terms("source")
        matched = matching_terms(str(q.text), outlets)
        if matched:
            return Expansion([term(text) for text in matched], start, end)
        # A domain or an alias: all the words of the outlet's name, each its own
        # part of the query (sharing the typed word's place would make them one).
        named = outlet_query(
            str(q.text), outlets, lambda text: wq.Term("source", text, boost=q.boost)
        )
        return named if named is not None else wq.NullQuery

    def rewrite(self, q: Any) -> Any:
        """``q`` with every prefix, fuzzy word and outlet word expanded."""
        if isinstance(q, (wq.FuzzyTerm, wq.Prefix)):
            return self.leaf(q)
        if type(q) is wq.Term and q.fieldname == "source":
            return self.outlet(q)
        if isinstance(q, wq.BinaryQuery):
            return self._binary(q)
        if isinstance(q, wq.CompoundQuery):
            subs = [self.rewrite(s) for s in q.subqueries]
            subs = [s for s in subs if s is not wq.NullQuery]
            if not subs:
                return wq.NullQuery
            if isinstance(q, wq.And) and len(subs) < len(q.subqueries):
                return wq.NullQuery  # a part that matches nothing: so does the whole
            combined = type(q)(subs, boost=q.boost)
            if isinstance(q, wq.Or):
                combined.matcher_type = q.matcher_type
                combined.minmatch, combined.scale = q.minmatch, q.scale
            return combined
        if isinstance(q, wq.Not):
            inner = self.rewrite(q.query)
            return wq.Every() if inner is wq.NullQuery else wq.Not(inner)
        return q

    def _binary(self, q: Any) -> Any:
        """``a ANDNOT b`` and the like: a part that matches nothing is left out."""
        a, b = self.rewrite(q.a), self.rewrite(q.b)
        if a is wq.NullQuery:
            return b if isinstance(q, wq.Otherwise) else wq.NullQuery
        if b is wq.NullQuery:
            return wq.NullQuery if isinstance(q, wq.Require) else a
        return type(q)(a, b)


def expand(q: Any, vocabulary: Vocabulary) -> tuple[Any, list[str], set[tuple[str, str]]]:
    """``(query, notes, terms)``: ``q`` with its prefixes and fuzzy words expanded.

    ``notes`` say where a cap applied; ``terms`` are the ``(field, term)``
    pairs the expansions stand for (for highlighting).
    """
    expander = Expander(vocabulary)
    return expander.rewrite(q), expander.notes, expander.terms
