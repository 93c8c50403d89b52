"""Boilerplate found across a corpus: lines and sentences an outlet repeats.

A line (a paragraph of ``Article.body``) or a sentence that recurs verbatim
in many documents of one outlet is the outlet's chrome, not its text: a
footer under every article (DailySocial's "DailySocial.id adalah portal
berita startup …") would otherwise make all of them match its words
(``startup``). Page cleaning drops the chrome it can tell from one page;
this finds what only the corpus shows.

Each document is summed up by :func:`prints`: the fingerprints of its lines
and of the sentences of its multi-sentence lines, its outlet group and a
fingerprint of its whole body. :func:`recurring` counts them per group and
returns the fingerprints that reach :func:`threshold`; :func:`strip` takes
those lines and sentences out of a body.

The threshold (measured on the 3,463 IndoSum articles, grouped by outlet):
that footer is in 318 of DailySocial's 322 articles (98.8%; 25.3% of
the 1,259 articles whose outlet is not named), while the most documents any
quoted paragraph or wire-copy passage reaches is 3 (a sentence of at least
four words: 2), and the most any other line reaches is 10.3% of its outlet
(a "Babak kedua" section heading). A unit is boilerplate when at least
:data:`MIN_DOCUMENTS` documents and :data:`MIN_SHARE` of its group's
documents contain it. Identical bodies (a file saved twice, a copied corpus)
count once, so copies never make their own text recur.

Pure functions: no I/O, no index, nothing persisted here (see
``nksearch.indexing.recurring``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from hashlib import blake2b as _blake2b
from typing import NamedTuple

#: A unit must be in at least this many documents of its group: twice the
#: most any quoted passage reaches on IndoSum (3).
MIN_DOCUMENTS = 6
#: ... and in at least this share of them: above the 10.3% of the most
#: frequent section heading, below the 25.3% of a footer diluted among
#: articles of several unnamed outlets.
MIN_SHARE = 0.15
#: Sentences shorter than this (list numbers, "(rsa)", a lone quote mark)
#: are never units of their own; a whole line of any length is.
MIN_SENTENCE_WORDS = 4
#: Changes with the units, the fingerprints or the threshold above.
RULES = f"boilerplate-1/{MIN_DOCUMENTS}/{MIN_SHARE}/{MIN_SENTENCE_WORDS}"

FINGERPRINT_SIZE = 8
_NUMBER = next(code for code in "QL" if array(code).itemsize == FINGERPRINT_SIZE)
PARAGRAPH = "\n\n"

# A sentence ends at . ! ? or … (closing quotes and brackets after it stay
# with it) followed by spaces (page cleaning leaves no other whitespace in a
# line): split() gives text, end, spaces, text, ...
_SENTENCE_END = re.compile(r"([.!?\u2026][\"'\u201d\u2019)\]]*)( +)")


def fingerprint(text: str) -> bytes:
    """A stable 8-byte fingerprint of ``text`` (the same in every process)."""
    return _blake2b(text.encode("utf-8", "surrogatepass"), digest_size=FINGERPRINT_SIZE).digest()


def group_of(source: str | None) -> str:
    """The group an article's outlet puts it in; no outlet is a group too ("")."""
    return (source or "").casefold()


def sentences(line: str) -> list[tuple[str, str]]:
    """The sentences of ``line``, each with the whitespace that follows it."""
    parts = _SENTENCE_END.split(line)
    found = [(parts[i] + parts[i + 1], parts[i + 2]) for i in range(0, len(parts) - 1, 3)]
    if parts[-1]:
        found.append((parts[-1], ""))
    return found


def _is_unit(sentence: str) -> bool:
    # Page cleaning leaves single spaces between words.
    return sentence.count(" ") >= MIN_SENTENCE_WORDS - 1


def units(body: str) -> set[str]:
    """The texts counted across documents: every line, and long-enough sentences."""
    found: set[str] = set()
    split = _SENTENCE_END.split
    for line in body.split(PARAGRAPH):
        if not line or line in found:
            continue
        found.add(line)
        parts = split(line)
        if len(parts) > 1:
            found.update(
                text
                for text in [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 3)]
                + [parts[-1]]
                if _is_unit(text)
            )
    return found


class Prints(NamedTuple):
    """What counting needs of one document (a tuple: a sync holds one per document).

    Attributes:
        group: The outlet group (see :func:`group_of`).
        body: The fingerprint of the whole body (identical bodies count once).
        units: The sorted fingerprints of its units, concatenated.
    """

    group: str
    body: bytes
    units: bytes

    def each(self) -> list[bytes]:
        size = FINGERPRINT_SIZE
        data = self.units
        return [data[i : i + size] for i in range(0, len(data), size)]

    def matching(self, found: frozenset[bytes]) -> frozenset[bytes]:
        """The fingerprints of this document that are in ``found``."""
        if not found:
            return frozenset()
        return frozenset(fp for fp in self.each() if fp in found)


def prints(source: str | None, body: str) -> Prints:
    """The fingerprints of one article's body (its outlet is ``source``)."""
    each = sorted({fingerprint(text) for text in units(body)})
    return Prints(group_of(source), fingerprint(body), b"".join(each))


def threshold(documents: int) -> int:
    """How many of a group's ``documents`` must contain a unit for it to be boilerplate."""
    return max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * documents - 1e-9))


Recurring = dict[str, frozenset[bytes]]


def recurring(documents: Iterable[tuple[str, bytes, bytes]]) -> Recurring:
    """The boilerplate fingerprints of each group (groups with none are left out).

    ``documents`` are :class:`Prints`, or plain ``(group, body, units)`` tuples.
    """
    return recurring_in({(group, body): units_ for group, body, units_ in documents})


def recurring_in(distinct: dict[tuple[str, bytes], bytes]) -> Recurring:
    """:func:`recurring` of the documents ``{(group, body): units}``.

    Keyed by group and body, identical bodies are one document (their units
    are the same).
    """
    members: dict[str, list[bytes]] = {}
    for (group, _body), units_ in distinct.items():
        members.setdefault(group, []).append(units_)
    found: Recurring = {}
    for group, items in members.items():
        need = threshold(len(items))
        if len(items) < need:
            continue
        # Fingerprints read as 8-byte numbers are counted without a Python
        # object per fingerprint and document.
        counts = Counter(array(_NUMBER, b"".join(items)))
        hits = array(_NUMBER, [number for number, count in counts.items() if count >= need])
        if hits:
            data = hits.tobytes()
            size = FINGERPRINT_SIZE
            found[group] = frozenset(data[i : i + size] for i in range(0, len(data), size))
    return found


def changed(before: Recurring, after: Recurring) -> Recurring:
    """Per group, the fingerprints that crossed the threshold either way."""
    out: Recurring = {}
    for group in before.keys() | after.keys():
        moved = before.get(group, frozenset()) ^ after.get(group, frozenset())
        if moved:
            out[group] = moved
    return out


def strip(body: str, found: frozenset[bytes]) -> str:
    """``body`` without its lines and sentences whose fingerprints are in ``found``."""
    if not found:
        return body
    kept = []
    for line in body.split(PARAGRAPH):
        if line and fingerprint(line) in found:
            continue
        parts = sentences(line)
        if len(parts) > 1:
            left = [
                text + space
                for text, space in parts
                if not (_is_unit(text) and fingerprint(text) in found)
            ]
            if len(left) < len(parts):
                line = "".join(left).rstrip()
                if not line:
                    continue
        kept.append(line)
    return PARAGRAPH.join(kept)
