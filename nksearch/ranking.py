"""Rank matching documents: BM25F candidates, coordination, exact totals.

Whoosh scores the best candidates with its block-max optimisation, which
skips most documents but leaves the number of matches unknown. The query's
*concepts* (the parts of an any-word or all-word query: a word in all its
fields, a phrase, a prefix) are then looked up one by one, which gives both the
exact total and, for each candidate, how many concepts it matches; documents
matching more of the query rank first.

This module works on Whoosh objects handed to it by ``search`` and returns
document numbers and scores; it does not build hits or snippets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

#: How many BM25F candidates the coordination factor re-ranks.
DEPTH = 50
#: Exponent of the share of query concepts a document matches.
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
        return Shape(inner.mode, inner.concepts, q.b) if inner.negative is None else Shape("other", ())
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
    word's position in the query text; other parts stand on their own.
    """
    groups: dict[Any, list[Any]] = {}
    for sub in subqueries:
        if isinstance(sub, _LEAVES):
            start = getattr(sub, "startchar", None)
            key: Any = (start, getattr(sub, "endchar", None)) if start is not None else _words(sub)
        else:
            key = id(sub)
        groups.setdefault(key, []).append(sub)
    return tuple(g[0] if len(g) == 1 else wq.Or(g) for g in groups.values())


def _words(q: Any) -> Any:
    return ("phrase", tuple(q.words)) if isinstance(q, wq.Phrase) else ("text", q.text)


def _docs(searcher: Any, q: Any) -> set[int]:
    return set(searcher.docs_for_query(q))


def rank(
    searcher: Any, q: Any, limit: int, filters: Any, by_date: bool
) -> tuple[list[tuple[int, float]], int]:
    """``([(docnum, score), ...], total)`` for the top ``limit`` documents."""
    form = shape(q)
    allowed = _docs(searcher, filters) if filters is not None else None
    if form.mode == "other":
        results = searcher.search(q, limit=None if by_date else max(limit, DEPTH), filter=filters)
        scored = [(hit.docnum, float(hit.score or 0.0)) for hit in results]
        total = len(results)
        if by_date:
            return _by_date(searcher, scored, limit), total
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
    if by_date:
        results = searcher.search(q, limit=None, filter=filters)
        scored = [(hit.docnum, float(hit.score or 0.0)) for hit in results]
        return _by_date(searcher, scored, limit), total
    results = searcher.search(q, limit=max(limit, DEPTH), filter=filters)
    count = len(sets)
    ranked = []
    for hit in results:
        score = float(hit.score or 0.0)
        if count > 1 and form.mode == "any":
            share = sum(1 for s in sets if hit.docnum in s) / count
            score *= share**COORD_POWER
        ranked.append((hit.docnum, score))
    ranked.sort(key=lambda pair: (-pair[1], pair[0]))
    return ranked[:limit], total


def _by_date(searcher: Any, scored: list[tuple[int, float]], limit: int) -> list[tuple[int, float]]:
    dates = searcher.reader().column_reader("date")

    def key(pair: tuple[int, float]) -> tuple[str, float, int]:
        value = dates[pair[0]]
        text = value.decode("utf-8") if isinstance(value, bytes) else (value or "")
        return text, pair[1], -pair[0]

    return sorted(scored, key=key, reverse=True)[:limit]
