"""The Whoosh schema of an nksearch index and its version.

Fields: ``title`` and ``body`` hold Sastrawi stems (with positions, for
phrases); ``exact`` holds the lowercase words of title and body that differ from
their stem (so exact wording can outrank a stem match; a root word is its own
stem, and spelling suggestions see real words in ``exact`` and ``body``); ``source`` and ``date`` are for filters; ``path`` and ``stamp`` let a
sync find what changed without reading stored text.

Text fields accept either a string (analysed by the field's analyzer, as at
query time) or a pre-analysed tuple of terms, which lets the indexer analyse
each document once for all fields. This module does not read files or search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.system import pack_uint

from nksearch.analysis import RULES_VERSION, IndonesianTokenizer

#: Bump when fields change; with the analysis rules it forms the index version.
SCHEMA_VERSION = 1
INDEX_VERSION = f"{SCHEMA_VERSION}.{RULES_VERSION}"

TITLE_BOOST = 2.0


#: Encoded position lists of one position, by position (most postings).
_SINGLE_POSITION: dict[int, bytes] = {}


def term_values(
    fmt: Any, terms: tuple[str, ...], factor: float = 1.0
) -> list[tuple[bytes, int, float, bytes]]:
    """``(term bytes, frequency, weight, encoded value)`` for analysed terms.

    What Whoosh's format would produce from an analyzer, for terms analysed
    already; ``factor`` scales the weights (a per-document field boost).
    """
    return list(zip(*term_columns(fmt, terms, factor)))


#: Each term's UTF-8 bytes (indexing encodes the same words over and over).
_TERM_BYTES: dict[str, bytes] = {}


def term_columns(
    fmt: Any, terms: tuple[str, ...], factor: float = 1.0
) -> tuple[list[bytes], list[int], list[float], list[bytes]]:
    """:func:`term_values` as four parallel lists (terms, frequencies, weights, values)."""
    boost = fmt.field_boost * factor
    encoded = _TERM_BYTES
    if len(encoded) > 1_000_000:
        encoded.clear()
    if fmt.supports("positions"):
        positions: dict[str, list[int]] = {}
        for pos, term in enumerate(terms):
            found = positions.get(term)
            if found is None:
                positions[term] = [pos]
            else:
                found.append(pos)
        encode = fmt.encode
        single = _SINGLE_POSITION
        values = []
        freqs = []
        for poslist in positions.values():
            if len(poslist) == 1:
                vbytes = single.get(poslist[0])
                if vbytes is None:
                    vbytes = single[poslist[0]] = encode(poslist)
                freqs.append(1)
            else:
                vbytes = encode(poslist)
                freqs.append(len(poslist))
            values.append(vbytes)
        counted: Iterable[str] = positions.keys()
    else:
        counts: dict[str, int] = defaultdict(int)
        for term in terms:
            counts[term] += 1
        counted = counts.keys()
        freqs = list(counts.values())
        values = [pack_uint(freq) for freq in freqs]
    names = []
    for term in counted:
        name = encoded.get(term)
        if name is None:
            name = encoded[term] = term.encode("utf-8")
        names.append(name)
    return names, freqs, [freq * boost for freq in freqs], values


class AnalysedText(TEXT):  # type: ignore[misc]
    """A TEXT field that also accepts a tuple of already analysed terms."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, tuple):
            yield from super().index(value, **kwargs)
            return
        yield from term_values(self.format, value)


def make_schema() -> Schema:
    """A fresh schema; analyzers are module-level and pickle by reference."""
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
    )
