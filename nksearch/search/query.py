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

from nksearch.errors import Fix, QuerySyntaxError

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
    ``expands`` says whether prefixes or fuzzy terms stand for several terms.
    """

    text: str
    query: Any
    stems: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]
    expands: bool = False


class QueryParser:
    """Parses query text for one index's schema (whose analyzer it runs)."""

    def __init__(self, schema: Any) -> None:
        self._schema = schema
        parser = MultifieldParser(
            list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=OrGroup
        )
        parser.remove_plugin_class(plugins.WildcardPlugin)
        parser.remove_plugin_class(plugins.RangePlugin)
        parser.remove_plugin_class(plugins.FieldsPlugin)
        names = "|".join(FIELD_ALIASES)
        parser.add_plugin(plugins.FieldsPlugin(expr=rf"(?P<text>(?i:{names})):"))
        parser.add_plugin(plugins.PrefixPlugin())
        parser.add_plugin(plugins.FuzzyTermPlugin())
        aliases = {v: [k] for k, v in FIELD_ALIASES.items() if k != v}
        parser.add_plugin(plugins.FieldAliasPlugin(aliases))
        self._parser = parser

    def parse(self, text: str) -> ParsedQuery:
        """Parse ``text``; raises :class:`QuerySyntaxError` when it cannot."""
        if len(text) > MAX_QUERY_CHARS:
            raise QuerySyntaxError(
                f"query is {len(text):,} characters long;"
                f" shorten it to {MAX_QUERY_CHARS:,} or fewer"
            )
        cleaned = "".join(ch if ch.isprintable() else " " for ch in text).strip()
        try:
            fixed = _rewrite(self._parser.parse(cleaned), self._schema)
        except QuerySyntaxError:
            raise
        except Exception as exc:  # Whoosh's parser raises assorted types
            raise QuerySyntaxError(
                f"cannot understand the query ({exc})", fix=Fix.QUERY_SYNTAX
            ) from exc
        stems: set[str] = set()
        words: set[str] = set()
        prefixes: set[str] = set()
        _collect(fixed, stems, words, prefixes, negated=False)
        expands = any(isinstance(q, (wq.FuzzyTerm, wq.Prefix)) for q in fixed.leaves())
        return ParsedQuery(
            cleaned, fixed, frozenset(stems), frozenset(words), frozenset(prefixes), expands
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
    q: Any, stems: set[str], words: set[str], prefixes: set[str], *, negated: bool
) -> None:
    if isinstance(q, wq.Not):
        _collect(q.query, stems, words, prefixes, negated=True)
        return
    if isinstance(q, wq.AndNot):
        _collect(q.a, stems, words, prefixes, negated=negated)
        _collect(q.b, stems, words, prefixes, negated=True)
        return
    if negated:
        return
    if isinstance(q, wq.Phrase):
        if q.fieldname in ("title", "body"):
            stems.update(q.words)
        return
    if isinstance(q, wq.Prefix) and not isinstance(q, wq.FuzzyTerm):
        prefixes.add(q.text)
        return
    if isinstance(q, wq.Term):
        text = q.text if isinstance(q.text, str) else str(q.text)
        if q.fieldname in ("title", "body"):
            stems.add(text)
        elif q.fieldname == "exact":
            words.add(text)
        return
    for child in q.children() if hasattr(q, "children") else ():
        _collect(child, stems, words, prefixes, negated=negated)
