"""Parse a user's query into a Whoosh query over the nksearch fields.

Syntax: any-word ranking by default; ``AND``, ``OR``, ``NOT``, ``"phrases"``,
``title:``/``source:``/``body:`` fields, ``prefix*``, ``fuzzy~`` and
``word^2`` boosts. A bare word searches the stemmed title and body and the
exact (unstemmed) words, so ``perdamaian`` finds ``damai`` while the literal
word still scores more. ``?`` is punctuation, not a wildcard: people type
questions.

``NOT`` keeps its meaning inside an any-word group: Whoosh turns
``Putin NOT Sochi`` into ``Putin OR (NOT Sochi)``, which matches everything;
here it becomes ``Putin ANDNOT Sochi``. An operator with nothing to join
(``Putin AND``, ``OR Putin``, ``Putin NOT``) and a field name with no word
(``title:``) are left out instead of being searched as words; the query is
then marked ``malformed``, like one with an unclosed quote or bracket, so no
spelling is suggested for it. This module does not run searches; prefixes
and fuzzy words are expanded by ``expansion``.
"""

from __future__ import annotations

import re
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
#: Operators joining two parts, and the one negating the part after it.
_BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE", "REQUIRE"})
_OPERATORS = _BINARY | {"NOT"}
#: The pieces operators stand between: a quoted phrase (closed or not), a
#: bracket, or a run of anything else.
_PIECE = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
#: A field name with no word after it.
_EMPTY_FIELD = re.compile(
    rf"(?i)(?<![\w:])(?:{'|'.join(FIELD_ALIASES)}):(?=[\s()]|$)"
)


@dataclass(frozen=True)
class ParsedQuery:
    """A Whoosh query plus what highlighting and ranking need to know.

    ``stems`` and ``words`` are the positive (not negated) terms as stems and
    as exact lowercase words; ``prefixes`` are the ``prefix*`` terms;
    ``expands`` says whether prefixes or fuzzy terms stand for several terms
    (once expanded, ``expansions`` holds the ``(field, term)`` pairs they
    stand for and ``notes`` what a cap changed); ``malformed`` says the text
    has a syntax error (an unclosed quote or bracket, a dangling operator or
    field name), which was searched as well as it could be.
    """

    text: str
    query: Any
    stems: frozenset[str]
    words: frozenset[str]
    prefixes: frozenset[str]
    expands: bool = False
    malformed: bool = False
    expansions: frozenset[tuple[str, str]] = frozenset()
    notes: tuple[str, ...] = ()


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
        cleaned, malformed = tidy(cleaned)
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
            cleaned,
            fixed,
            frozenset(stems),
            frozenset(words),
            frozenset(prefixes),
            expands,
            malformed,
        )


def tidy(text: str) -> tuple[str, bool]:
    """``(text, malformed)``: dangling operators and empty field names left out.

    An operator joining two parts needs a part on each side, ``NOT`` one
    after it; any other is dropped (``Putin AND`` searches ``Putin``), as is
    a field name followed by no word. ``malformed`` also flags an unclosed
    quote or an unbalanced bracket, which the parser tolerates.
    """
    pieces = [(m.start(), m.end(), m.group()) for m in _PIECE.finditer(text)]
    kept: list[int] = []
    for i, (_start, _end, piece) in enumerate(pieces):
        if piece in _BINARY and (
            not kept or pieces[kept[-1]][2] in _OPERATORS or pieces[kept[-1]][2] == "("
        ):
            continue  # nothing on its left to join
        if piece == ")":
            while kept and pieces[kept[-1]][2] in _OPERATORS:
                kept.pop()  # nothing on their right
        kept.append(i)
    while kept and pieces[kept[-1]][2] in _OPERATORS:
        kept.pop()
    malformed = len(kept) < len(pieces)
    if malformed:
        chars = list(text)
        for i in set(range(len(pieces))) - set(kept):
            start, end, _piece = pieces[i]
            chars[start:end] = " " * (end - start)
        text = "".join(chars)
    text, empty_fields = _EMPTY_FIELD.subn(lambda m: " " * len(m.group()), text)
    depth = 0
    for piece in (p for _s, _e, p in pieces if p in "()"):
        depth += 1 if piece == "(" else -1
        malformed = malformed or depth < 0
    unclosed = text.count('"') % 2 == 1
    return text.strip(), malformed or bool(empty_fields) or depth != 0 or unclosed


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
    if isinstance(q, wq.BinaryQuery):  # ANDNOT, ANDMAYBE, REQUIRE: two parts, no boost
        a, b = _rewrite(q.a, schema), _rewrite(q.b, schema)
        if a is wq.NullQuery:
            return b if isinstance(q, wq.Otherwise) else wq.NullQuery
        if b is wq.NullQuery:
            return a if not isinstance(q, wq.Require) else wq.NullQuery
        return type(q)(a, b)
    if isinstance(q, wq.CompoundQuery):
        subs = [_rewrite(s, schema) for s in q.subqueries]
        subs = [s for s in subs if s is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        return type(q)(subs, boost=q.boost)
    if isinstance(q, wq.Not):
        return wq.Not(_rewrite(q.query, schema))
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
