"""Rank matching documents: BM25F candidates, coordination, exact totals.

Whoosh scores the best candidates with its block-max optimisation, which
skips most documents but leaves the number of matches unknown. The query's
*concepts* (the parts of an any-word or all-word query: a word in all its
fields, a phrase, a prefix) are then looked up one by one, which gives both the
exact total and, for each candidate, which concepts it matches; documents
matching more of the query rank first, each concept weighted by its IDF so a
rare name counts for more than a common word. Sorted by date, the newest
come first and documents without a date after every dated one.

This module works on Whoosh objects handed to it by ``search`` and returns
document numbers and scores; it does not build hits or snippets.
"""

from __future__ import annotations

import bisect
import heapq
import math
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from nksearch._whoosh.readers import field_lengths, read_postings, text_column
from nksearch.search.expansion import Expansion

#: How many BM25F candidates the coordination factor re-ranks.
DEPTH = 50
#: Postings whose encoded positions a searcher keeps for phrase queries.
MAX_HELD_POSITIONS = 1_000_000
#: Exponent of the share of the query a document matches (each concept
#: weighted by its IDF).
COORD_POWER = 2.0


@dataclass(frozen=True)
class Shape:
    """How a query combines its concepts: ``any``, ``all`` or ``other``."""

    mode: str
    concepts: tuple[Any, ...]
    negative: Any = None


def shape(q: Any) -> Shape:
    """The concepts of a parsed (and rewritten) query."""
    if isinstance(q, wq.AndNot):
        inner = shape(q.a)
        if inner.negative is not None:
            return Shape("other", ())
        return Shape(inner.mode, inner.concepts, q.b)
    if isinstance(q, wq.Or) and not isinstance(q, wq.DisjunctionMax) and _plain_or(q):
        return Shape("any", _group(q.subqueries))
    if isinstance(q, wq.And):
        return Shape("all", _group(q.subqueries))
    if isinstance(q, _LEAVES):
        return Shape("any", (q,))
    return Shape("other", ())


_LEAVES = (wq.Term, wq.Phrase, wq.Prefix)


def _plain_or(q: Any) -> bool:
    return not getattr(q, "minmatch", 0)


def _group(subqueries: list[Any]) -> tuple[Any, ...]:
    """Group one word's per-field queries into one concept.

    The parser expands a bare word into a query per field, all carrying the
    word's position in the query text; so do the terms a prefix or a fuzzy
    word stands for (an :class:`Expansion` per field). Other parts stand on
    their own.
    """
    groups: dict[Any, list[Any]] = {}
    for sub in subqueries:
        if isinstance(sub, (*_LEAVES, Expansion)):
            start = getattr(sub, "startchar", None)
            if start is not None:
                key: Any = (start, getattr(sub, "endchar", None))
            else:
                key = id(sub) if isinstance(sub, Expansion) else _words(sub)
        else:
            key = id(sub)
        group = groups.setdefault(key, [])
        group.extend(sub.subqueries if isinstance(sub, Expansion) else [sub])
    return tuple(g[0] if len(g) == 1 else wq.Or(g) for g in groups.values())


def _words(q: Any) -> Any:
    return ("phrase", tuple(q.words)) if isinstance(q, wq.Phrase) else ("text", q.text)


class Postings:
    """Posting lists and field lengths of one searcher, read block by block.

    Whoosh's matchers cost microseconds per posting; reading whole blocks
    and scoring them in one loop is many times faster for the words and
    phrases people type; prefixes and fuzzy words arrive expanded into the
    terms they stand for (see ``expansion``). Lists, and each document's
    date (read segment by segment), are cached for the life of the searcher.
    """

    def __init__(self, searcher: Any, params: dict[str, float]) -> None:
        self.searcher = searcher
        self._params = params
        self._lengths: dict[str, list[int]] = {}
        self._dates: list[str] | None = None
        self._lists: dict[tuple[str, str], tuple[list[int], list[float]]] = {}
        self._values: dict[tuple[str, str], tuple[dict[int, int], list[bytes]]] = {}
        self._held = 0  # postings whose positions are cached

    def lengths(self, field: str) -> list[int]:
        found = self._lengths.get(field)
        if found is None:
            found = self._lengths[field] = field_lengths(self.searcher.reader(), field)
        return found

    def dates(self) -> list[str]:
        """Each document's date as ``YYYY-MM-DD``, ``""`` when it has none."""
        if self._dates is None:
            self._dates = text_column(self.searcher.reader(), "date")
        return self._dates

    def arrays(self, field: str, text: str) -> tuple[list[int], list[float]]:
        key = (field, text)
        found = self._lists.get(key)
        if found is None:
            if len(self._lists) > 4096:
                self._lists.clear()
            found = self._lists[key] = self._read(field, text, positions=False)
        return found

    def values(self, field: str, text: str) -> tuple[dict[int, int], list[bytes]]:
        """``({docnum: index}, encoded values)`` of a term: its positions, still encoded."""
        key = (field, text)
        found = self._values.get(key)
        if found is None:
            ids, values = self._read(field, text, positions=True)
            self._held += len(values)
            if self._held > MAX_HELD_POSITIONS:
                self._values.clear()
                self._held = len(values)
            found = self._values[key] = ({d: i for i, d in enumerate(ids)}, values)
        return found

    def _read(self, field: str, text: str, *, positions: bool) -> tuple[list[int], list[Any]]:
        """Document numbers of a term, with its weights or its encoded positions."""
        return read_postings(self.searcher.reader(), field, text, positions=positions)

    def scores(self, field: str, text: str, boost: float) -> dict[int, float]:
        """BM25F score of each document containing the term (as Whoosh scores it)."""
        ids, weights = self.arrays(field, text)
        if not ids:
            return {}
        numerator, c1, c2 = self._saturation(field, text, boost)
        lengths = self.lengths(field)
        return {
            d: numerator * w / (w + c1 + c2 * lengths[d])
            for d, w in zip(ids, weights, strict=True)
        }

    def _saturation(self, field: str, text: str, boost: float) -> tuple[float, float, float]:
        """``(numerator, c1, c2)``: a posting of weight ``w`` in a field of
        length ``n`` scores ``numerator * w / (w + c1 + c2 * n)``."""
        k1 = self._params.get("K1", 1.2)
        b = self._params.get(f"{field}_B", self._params.get("B", 0.75))
        avgfl = self.searcher.avg_field_length(field) or 1
        numerator = self.searcher.idf(field, text) * (k1 + 1) * boost
        return numerator, k1 * (1 - b), k1 * b / avgfl

    def phrase_scores(
        self, field: str, words: list[str], boost: float, slop: int
    ) -> dict[int, float]:
        """Score of each document holding the phrase, as Whoosh scores a phrase.

        A document matches when the words occur in order, each at most
        ``slop`` positions after the one before; its score is the sum of
        the words' own scores in the field (Whoosh's span matcher does the
        same).
        """
        found = [self.values(field, word) for word in words]
        if not all(index for index, _values in found):
            return {}
        rarest = min(found, key=lambda pair: len(pair[0]))[0]
        decode = self.searcher.schema[field].format.decode_positions
        matching = []
        for doc in rarest:
            if all(doc in index for index, _values in found):
                positions = [decode(values[index[doc]]) for index, values in found]
                if _in_order(positions, slop):
                    matching.append(doc)
        if not matching:
            return {}
        # Each word's score, for the matching documents only; positions and
        # weights are read in the same order, so ``index`` finds both.
        lengths = self.lengths(field)
        total = dict.fromkeys(matching, 0.0)
        for word, (index, _values) in zip(words, found, strict=True):
            weights = self.arrays(field, word)[1]
            numerator, c1, c2 = self._saturation(field, word, 1.0)
            for doc in matching:
                w = weights[index[doc]]
                total[doc] += numerator * w / (w + c1 + c2 * lengths[doc])
        if boost != 1.0:  # Whoosh boosts the sum, not each word
            return {doc: score * boost for doc, score in total.items()}
        return total


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """True if one position from each list follows the last by 1 to ``slop``."""
    reached = set(positions[0])
    for following in positions[1:]:
        if slop == 1:
            reached = {p + 1 for p in reached}.intersection(following)
        else:
            ends = sorted(reached)
            reached = {p for p in following if _any_between(ends, p - slop, p - 1)}
        if not reached:
            return False
    return True


def _any_between(sorted_values: list[int], low: int, high: int) -> bool:
    i = bisect.bisect_left(sorted_values, low)
    return i < len(sorted_values) and sorted_values[i] <= high


#: One part of a concept: ``(field, words, boost, slop)``; one word is a term.
Leaf = tuple[str, tuple[str, ...], float, int]


def _term_groups(concepts: tuple[Any, ...]) -> list[list[Leaf]] | None:
    """Each concept as a list of leaves, or None if any is not words or phrases."""
    groups: list[list[Leaf]] = []
    for concept in concepts:
        leaves = concept.subqueries if isinstance(concept, wq.Or) else [concept]
        group: list[Leaf] = []
        for leaf in leaves:
            if type(leaf) is wq.Term:
                text = leaf.text if isinstance(leaf.text, str) else leaf.text.decode("utf-8")
                group.append((str(leaf.fieldname), (str(text),), float(leaf.boost), 1))
            elif (
                type(leaf) is wq.Phrase
                and leaf.words
                and all(isinstance(w, str) for w in leaf.words)
            ):
                group.append((leaf.fieldname, tuple(leaf.words), float(leaf.boost), int(leaf.slop)))
            else:
                return None
        groups.append(group)
    return groups


def _docs(searcher: Any, q: Any) -> set[int]:
    return set(searcher.docs_for_query(q))


def rank(
    postings: Postings, q: Any, limit: int, filters: Any, by_date: bool
) -> tuple[list[tuple[int, float]], int]:
    """``([(docnum, score), ...], total)`` for the top ``limit`` documents."""
    searcher = postings.searcher
    form = shape(q)
    allowed = _docs(searcher, filters) if filters is not None else None
    groups = _term_groups(form.concepts) if form.mode != "other" else None
    if groups is not None:
        return _rank_terms(postings, q, form, groups, allowed, limit, by_date)
    if form.mode == "other":
        results = searcher.search(q, limit=None if by_date else max(limit, DEPTH), filter=filters)
        scored = [(hit.docnum, float(hit.score or 0.0)) for hit in results]
        total = len(results)
        if by_date:
            return _by_date(postings, scored, limit), total
        return scored[:limit], total

    sets = [_docs(searcher, c) for c in form.concepts]
    if form.mode == "all":
        matching = set.intersection(*sets) if sets else set()
    else:
        matching = set().union(*sets)
    if form.negative is not None:
        matching -= _docs(searcher, form.negative)
    if allowed is not None:
        matching &= allowed
    total = len(matching)
    results = searcher.search(q, limit=None if by_date else max(limit, DEPTH), filter=filters)
    count = len(sets)
    ranked = []
    for hit in results:
        score = float(hit.score or 0.0)
        if count > 1 and form.mode == "any":
            share = sum(1 for s in sets if hit.docnum in s) / count
            score *= share**COORD_POWER
        ranked.append((hit.docnum, score))
    if by_date:  # the same scores as by relevance, in date order
        return _by_date(postings, ranked, limit), total
    ranked.sort(key=lambda pair: (-pair[1], pair[0]))
    return ranked[:limit], total


def _rank_terms(
    postings: Postings,
    q: Any,
    form: Shape,
    groups: list[list[Leaf]],
    allowed: set[int] | None,
    limit: int,
    by_date: bool,
) -> tuple[list[tuple[int, float]], int]:
    """Score word and phrase queries from posting arrays, without Whoosh matchers."""
    concept_scores: list[dict[int, float]] = []
    for group in groups:
        combined: dict[int, float] = {}
        for field, words, boost, slop in group:
            if len(words) == 1:
                scores = postings.scores(field, words[0], boost)
            else:
                scores = postings.phrase_scores(field, list(words), boost, slop)
            for doc, score in scores.items():
                combined[doc] = combined.get(doc, 0.0) + score
        concept_scores.append(combined)
    # A concept weighs by how rare it is (an IDF over the documents it
    # matches): matching a rare name counts for more than a common word.
    documents = postings.searcher.doc_count() or 1
    weights = [math.log(1 + documents / (1 + len(scores))) for scores in concept_scores]
    if form.mode == "all":
        matching = set.intersection(*(set(c) for c in concept_scores)) if concept_scores else set()
    else:
        matching = set().union(*concept_scores)
    if form.negative is not None:
        matching -= _docs(postings.searcher, form.negative)
    if allowed is not None:
        matching &= allowed
    coordinate = len(concept_scores) > 1 and form.mode == "any"
    whole = sum(weights) or 1.0
    scored = []
    for doc in matching:
        total = 0.0
        matched = 0.0
        for scores, weight in zip(concept_scores, weights, strict=False):
            value = scores.get(doc)
            if value is not None:
                total += value
                matched += weight
        if coordinate:
            total *= (matched / whole) ** COORD_POWER
        scored.append((doc, total))
    if by_date:
        return _by_date(postings, scored, limit), len(matching)
    top = heapq.nsmallest(limit, scored, key=lambda pair: (-pair[1], pair[0]))
    return top, len(matching)


def _by_date(
    postings: Postings, scored: list[tuple[int, float]], limit: int
) -> list[tuple[int, float]]:
    """Newest first; documents without a date after every dated one."""
    dates = postings.dates()

    def key(pair: tuple[int, float]) -> tuple[bool, str, float, int]:
        value = dates[pair[0]]
        return bool(value), value, pair[1], -pair[0]

    return sorted(scored, key=key, reverse=True)[:limit]
