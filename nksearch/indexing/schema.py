"""The Whoosh schema of an nksearch index and its version.

Fields: ``title`` and ``body`` hold Sastrawi stems (with positions, for
phrases); ``exact`` holds the lowercase words of title and body that differ
from their stem (so exact wording can outrank a stem match; a root word is its
own stem, and spelling suggestions see real words in ``exact`` and ``body``);
``source`` and ``date`` are for filters; ``path`` and ``stamp`` let a sync
find what changed without reading stored text. ``outlet`` (the outlet's
display name), ``person``, ``place`` and ``organization`` (the names the
entity recogniser found, ``|``-separated) are indexed for exact filters and
kept as columns for facets; ``minhash`` is a column holding the document's
near-duplicate sketch (``analysis.shingles``).

Text fields accept either a string (analysed by the field's analyzer, as at
query time) or a pre-analysed tuple of terms, which lets the indexer analyse
each document once for all fields. This module does not read files or search.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from nksearch._whoosh.postings import term_values
from nksearch.analysis.analyzer import Analyzer
from nksearch.analysis.fields import IndonesianTokenizer
from nksearch.analysis.names import key as name_key
from nksearch.indexing.versions import INDEX_VERSION, SCHEMA_VERSION  # noqa: F401 (re-exported)

TITLE_BOOST = 2.0


class AnalysedText(TEXT):  # type: ignore[misc]
    """A TEXT field that also accepts a tuple of already analysed terms."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, tuple):
            yield from super().index(value, **kwargs)
            return
        yield from term_values(self.format, value)


#: Separates the names of an entity field's value.
NAME_SEPARATOR = "|"


class NameListTokenizer(Tokenizer):  # type: ignore[misc]
    """``|``-separated names, each one term: the name's :func:`~nksearch.analysis.names.key`."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Any]:
        token = Token(**{k: v for k, v in kwargs.items() if k in ("positions", "chars")})
        token.boost = 1.0
        for position, name in enumerate(value.split(NAME_SEPARATOR)):
            text = name_key(name)
            if text:
                token.text = text
                token.pos = position
                token.stopped = False
                yield token


def _names() -> KEYWORD:
    return KEYWORD(analyzer=NameListTokenizer(), sortable=True)


def make_schema() -> Schema:
    """A fresh schema (its tokenizers pickle without their analyzer)."""
    stemmed = IndonesianTokenizer(stemmed=True)
    exact = IndonesianTokenizer(stemmed=False)
    return Schema(
        path=ID(stored=True, unique=True, sortable=True),
        stamp=ID(sortable=True),
        title=AnalysedText(analyzer=stemmed, stored=True, field_boost=TITLE_BOOST),
        body=AnalysedText(analyzer=stemmed, stored=True),
        exact=AnalysedText(analyzer=exact, phrase=False),
        source=TEXT(analyzer=RegexTokenizer() | LowercaseFilter(), stored=True),
        date=ID(stored=True, sortable=True),
        outlet=ID(sortable=True),
        person=_names(),
        place=_names(),
        organization=_names(),
        minhash=COLUMN(VarBytesColumn()),
    )


def bind(schema: Schema, analyzer: Analyzer) -> None:
    """Make every nksearch tokenizer of ``schema`` run ``analyzer``."""
    for _name, field in schema.items():
        tokenizer = getattr(field, "analyzer", None)
        if isinstance(tokenizer, IndonesianTokenizer):
            tokenizer.bind(analyzer)
