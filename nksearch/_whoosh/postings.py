"""Postings of pre-analysed terms, encoded as Whoosh's formats encode them.

Indexing analyses each document once for all fields; these functions turn a
field's tuple of terms into what Whoosh's format would produce from an
analyzer: term bytes, frequencies, weights and encoded values (positions).
Pure functions over Whoosh's format objects; no index is touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from whoosh.system import pack_uint

#: Encoded position lists of one position, by position (most postings).
_SINGLE_POSITION: dict[int, bytes] = {}


def term_values(
    fmt: Any, terms: tuple[str, ...], factor: float = 1.0
) -> list[tuple[bytes, int, float, bytes]]:
    """``(term bytes, frequency, weight, encoded value)`` for analysed terms.

    What Whoosh's format would produce from an analyzer, for terms analysed
    already; ``factor`` scales the weights (a per-document field boost).
    """
    return list(zip(*term_columns(fmt, terms, factor), strict=False))


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
