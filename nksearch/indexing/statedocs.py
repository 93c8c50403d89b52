"""Every indexed document's stamp and fingerprints, kept as the columns they are stored in.

A state (see ``recurring``) holds one row per indexed document: its path,
stamp, outlet group, body fingerprint and unit fingerprints. At ten times
IndoSum that is 34,630 rows, and a sync that adds ten files changes ten of
them. :class:`Docs` keeps the columns as read from the file, and beside them
the rows a sync has taken out and the documents it has put in, so neither
reading a state nor writing the next one makes an object per document; a
document's ``(stamp, Prints)`` is made only when it is looked up.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import NamedTuple, TypeVar

from nksearch.documents.boilerplate import FINGERPRINT_SIZE, Prints

_T = TypeVar("_T")

#: One indexed document: its stamp and its fingerprints.
Doc = tuple[str, Prints]

#: How many unit fingerprints each document has (4 bytes each, this machine's order).
COUNT = "I"


class Columns(NamedTuple):
    """The rows of a state, column by column, as they are stored."""

    paths: list[str]
    stamps: list[str]
    groups: list[str]
    bodies: bytes  # one fingerprint per row
    units: bytes  # every row's unit fingerprints, one run after another
    counts: array[int]  # how many unit fingerprints each row has


def columns_of(docs: Iterable[tuple[str, Doc]]) -> Columns:
    """The columns of ``(path, (stamp, prints))`` rows, transposed at C speed."""
    rows = list(docs)
    if not rows:
        return Columns([], [], [], b"", b"", array(COUNT))
    paths, pairs = zip(*rows, strict=True)
    stamps, prints = zip(*pairs, strict=True)
    groups, bodies, units = zip(*prints, strict=True)
    counts = array(COUNT, [n // FINGERPRINT_SIZE for n in map(len, units)])
    return Columns(
        list(paths), list(stamps), list(groups), b"".join(bodies), b"".join(units), counts
    )


class Docs(MutableMapping[str, Doc]):
    """``{path: (stamp, prints)}`` over a state's columns (see the module's text).

    Rows taken out are remembered by number; documents put in (or put in
    again) are kept in a small dictionary after the rows.
    """

    def __init__(self, columns: Columns | None = None) -> None:
        self._cols = columns if columns is not None else columns_of(())
        self._ends: list[int] | None = None
        self._rows: dict[str, int] | None = None
        self._gone: set[int] = set()
        self._new: dict[str, Doc] = {}

    @classmethod
    def of(cls, docs: Mapping[str, Doc]) -> Docs:
        """The documents of ``docs`` as columns."""
        return docs if isinstance(docs, Docs) else cls(columns_of(docs.items()))

    @property
    def rows(self) -> int:
        """How many rows the columns it was made from hold."""
        return len(self._cols.paths)

    def changes(self) -> tuple[list[str], dict[str, Doc]]:
        """What differs from the columns: the paths of the rows taken out (in row
        order), and the documents put in (some of them in place of a row)."""
        paths = self._cols.paths
        return [paths[row] for row in sorted(self._gone)], dict(self._new)

    def _row(self, rel: str) -> int | None:
        if self._rows is None:
            self._rows = dict(zip(self._cols.paths, range(len(self._cols.paths)), strict=True))
        row = self._rows.get(rel)
        return None if row is None or row in self._gone else row

    def _unit_ends(self) -> list[int]:
        if self._ends is None:
            size = FINGERPRINT_SIZE
            self._ends = [0, *itertools.accumulate(n * size for n in self._cols.counts)]
        return self._ends

    def __getitem__(self, rel: str) -> Doc:
        if rel in self._new:
            return self._new[rel]
        row = self._row(rel)
        if row is None:
            raise KeyError(rel)
        cols, size, ends = self._cols, FINGERPRINT_SIZE, self._unit_ends()
        body = cols.bodies[row * size : (row + 1) * size]
        units = cols.units[ends[row] : ends[row + 1]]
        return cols.stamps[row], Prints(cols.groups[row], body, units)

    def __setitem__(self, rel: str, doc: Doc) -> None:
        row = self._row(rel)
        if row is not None:
            self._gone.add(row)
        self._new[rel] = doc

    def __delitem__(self, rel: str) -> None:
        if rel in self._new:
            del self._new[rel]
            return
        row = self._row(rel)
        if row is None:
            raise KeyError(rel)
        self._gone.add(row)

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and (rel in self._new or self._row(rel) is not None)

    def __iter__(self) -> Iterator[str]:
        yield from self._kept(self._cols.paths)
        yield from list(self._new)

    def __len__(self) -> int:
        return len(self._cols.paths) - len(self._gone) + len(self._new)

    def _kept(self, values: Iterable[_T]) -> Iterable[_T]:
        """The values of a row column (or of anything row by row) for the rows kept."""
        if not self._gone:
            return values
        mask = bytearray(b"\x01") * len(self._cols.paths)
        for row in self._gone:
            mask[row] = 0
        return itertools.compress(values, mask)

    def stamps(self) -> dict[str, str]:
        """``{path: stamp}`` of every document."""
        found = dict(zip(self._kept(self._cols.paths), self._kept(self._cols.stamps), strict=True))
        found.update((rel, stamp) for rel, (stamp, _prints) in self._new.items())
        return found

    def distinct(self) -> dict[tuple[str, bytes], bytes]:
        """Every document's units keyed by its group and body (a body shared is one key).

        Made at C speed from the columns: what :func:`boilerplate.recurring_in` counts.
        """
        cols, size, ends = self._cols, FINGERPRINT_SIZE, self._unit_ends()
        bodies = [cols.bodies[i : i + size] for i in range(0, len(cols.bodies), size)]
        units = map(cols.units.__getitem__, map(slice, ends, itertools.islice(ends, 1, None)))
        keys = zip(self._kept(cols.groups), self._kept(bodies), strict=True)
        distinct = dict(zip(keys, self._kept(units), strict=True))
        distinct.update(((p.group, p.body), p.units) for _stamp, p in self._new.values())
        return distinct

    def columns(self) -> Columns:
        """The documents as columns: the rows kept, then the documents put in."""
        cols = self._cols
        if self._gone:
            size, ends = FINGERPRINT_SIZE, self._unit_ends()
            gone = sorted(self._gone)
            starts, stops = [0, *(row + 1 for row in gone)], [*gone, len(cols.paths)]
            runs = [(a, b) for a, b in zip(starts, stops, strict=True) if a < b]
            cols = Columns(
                list(self._kept(cols.paths)),
                list(self._kept(cols.stamps)),
                list(self._kept(cols.groups)),
                b"".join(cols.bodies[a * size : b * size] for a, b in runs),
                b"".join(cols.units[ends[a] : ends[b]] for a, b in runs),
                array(COUNT, self._kept(cols.counts)),
            )
        if not self._new:
            return cols
        new = columns_of(self._new.items())
        counts = array(COUNT, cols.counts)
        counts.extend(new.counts)
        return Columns(
            cols.paths + new.paths,
            cols.stamps + new.stamps,
            cols.groups + new.groups,
            cols.bodies + new.bodies,
            cols.units + new.units,
            counts,
        )
