"""Parse a user's query into a Whoosh query over the nksearch fields.

Syntax: any-word ranking by default; ``AND``, ``OR``, ``NOT``, ``"phrases"``,
``title:``/``source:``/``body:`` fields, ``prefix*``, ``fuzzy~`` and
``word^2`` boosts. A bare word searches the stemmed title and body and the
exact (unstemmed) words, so ``perdamaian`` finds ``damai`` while the literal
word still scores more. ``?`` is punctuation, not a wildcard: people type
questions.

``NOT`` keeps its meaning inside an any-word group: Whoosh turns
``Putin NOT Sochi`` into ``Putin OR (NOT Sochi)``, which matches everything;
here it becomes ``Putin ANDNOT Sochi``. This module does not run searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.qparser import MultifieldParser, OrGroup, plugins

from nksearch import analysis
from nksearch.errors import QuerySyntaxError

#: Fields a bare word searches, with their weights against each other.
FIELD_BOOSTS = {"title": 1.0, "body": 1.0, "exact": 0.3}
#: Field names users may write before a colon (Indonesian aliases included).
FIELD_ALIASES = {"title": "title", "judul": "title", "source": "source",
                 "sumber": "source", "body": "body", "isi": "body"}
MAX_QUERY_CHARS = 10_000


@dataclass(frozen=True)
class ParsedQuery:
    """A Whoosh query plus what highlighting and ranking need to know.

    ``stems`` and ``words`` are the positive (not negated) terms as stems and
    as exact lowercase words; ``prefixes`` are the ``prefix*`` terms;
    ``concepts`` counts the distinct positive terms, for coordination.
    """

    text: str
    query: Any
    stems: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]
    concepts: int
    expands: bool = False


def _parser(schema: Any) -> MultifieldParser:
    parser = MultifieldParser(list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=OrGroup)
    parser.remove_plugin_class(plugins.WildcardPlugin)
    parser.remove_plugin_class(plugins.RangePlugin)
    parser.remove_plugin_class(plugins.FieldsPlugin)
    names = "|".join(FIELD_ALIASES)
    parser.add_plugin(plugins.FieldsPlugin(expr=rf"(?P<text>(?i:{names})):"))
    parser.add_plugin(plugins.PrefixPlugin())
    parser.add_plugin(plugins.FuzzyTermPlugin())
    parser.add_plugin(plugins.FieldAliasPlugin({v: [k] for k, v in FIELD_ALIASES.items() if k != v}))
    return parser


_PARSERS: dict[int, tuple[Any, MultifieldParser]] = {}

def parse(text: str, schema: Any) -> ParsedQuery:
    """Parse ``text``; raises :class:`QuerySyntaxError` when it cannot."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query is {len(text):,} characters long; shorten it to {MAX_QUERY_CHARS:,} or fewer"
        )
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    entry = _PARSERS.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _PARSERS[id(schema)] = (schema, _parser(schema))
    try:
        parsed = entry[1].parse(cleaned)
        fixed = _rewrite(parsed, schema)
    except QuerySyntaxError:
        raise
    except Exception as exc:  # Whoosh's parser raises assorted types
        raise QuerySyntaxError(
            f"cannot understand the query ({exc}); check quotes, brackets and operators"
        ) from exc
    stems: set[str] = set()
    words: set[str] = set()
    prefixes: set[str] = set()
    concepts: set[str] = set()
    _collect(fixed, stems, words, prefixes, concepts, negated=False)
    expands = any(isinstance(q, (wq.FuzzyTerm, wq.Prefix)) for q in fixed.leaves())
    return ParsedQuery(
        cleaned,
        fixed,
        frozenset(stems),
        frozenset(words),
        frozenset(prefixes),
        len(concepts),
        expands,
    )


def _rewrite(q: Any, schema: Any) -> Any:
    """Fix NOT inside OR groups and drop phrase queries on the exact field."""
    if isinstance(q, wq.Phrase) and not schema[q.fieldname].format.supports("positions"):
        return wq.NullQuery
    if isinstance(q, wq.Or):
        q.matcher_type = wq.Or.DEFAULT_MATCHER  # block-max skipping on any index size
        subs = [_rewrite(s, schema) for s in q.subqueries]
        positives = [s for s in subs if not isinstance(s, wq.Not) and s is not wq.NullQuery]
        negatives = [s.query for s in subs if isinstance(s, wq.Not)]
        if negatives and positives:
            positive = _or(positives, q) if len(positives) > 1 else positives[0]
            negative = wq.Or(negatives) if len(negatives) > 1 else negatives[0]
            return wq.AndNot(positive, negative)
        if not positives and negatives:
            return wq.Not(wq.Or(negatives)) if len(negatives) > 1 else wq.Not(negatives[0])
        return _or(positives, q) if positives else wq.NullQuery
    if isinstance(q, wq.CompoundQuery):
        subs = [_rewrite(s, schema) for s in q.subqueries]
        subs = [s for s in subs if s is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        return type(q)(subs, boost=q.boost)
    if isinstance(q, wq.Not):
        return wq.Not(_rewrite(q.query, schema))
    if isinstance(q, (wq.AndNot, wq.AndMaybe, wq.Require)):
        a, b = _rewrite(q.a, schema), _rewrite(q.b, schema)
        if a is wq.NullQuery:
            return wq.NullQuery
        if b is wq.NullQuery:
            return a if not isinstance(q, wq.Require) else wq.NullQuery
        return type(q)(a, b)
    return q


def _or(subqueries: list[Any], like: Any) -> Any:
    combined = wq.Or(subqueries, boost=like.boost, scale=like.scale)
    combined.matcher_type = wq.Or.DEFAULT_MATCHER
    return combined


def _collect(
    q: Any,
    stems: set[str],
    words: set[str],
    prefixes: set[str],
    concepts: set[str],
    *,
    negated: bool,
) -> None:
    if isinstance(q, wq.Not):
        _collect(q.query, stems, words, prefixes, concepts, negated=True)
        return
    if isinstance(q, wq.AndNot):
        _collect(q.a, stems, words, prefixes, concepts, negated=negated)
        _collect(q.b, stems, words, prefixes, concepts, negated=True)
        return
    if negated:
        return
    if isinstance(q, wq.Phrase):
        if q.fieldname in ("title", "body"):
            stems.update(q.words)
            concepts.add(" ".join(q.words))
        return
    if isinstance(q, wq.Prefix) and not isinstance(q, wq.FuzzyTerm):
        prefixes.add(q.text)
        concepts.add(q.text + "*")
        return
    if isinstance(q, wq.Term):
        text = q.text if isinstance(q.text, str) else str(q.text)
        if q.fieldname in ("title", "body"):
            stems.add(text)
            concepts.add(text)
        elif q.fieldname == "exact":
            words.add(text)
            concepts.add(analysis.stem(text))
        return
    for child in q.children() if hasattr(q, "children") else ():
        _collect(child, stems, words, prefixes, concepts, negated=negated)
