"""Whole posting lists written in Whoosh 3's block format, and segment commits.

:class:`TermWriter` writes, byte for byte, what Whoosh's ``W3PostingsWriter``
writes one posting at a time (except that a block too small to gain from
compression is left uncompressed, which Whoosh's reader reads as well);
:func:`commit_segments` publishes segments built by the writers of
``writer`` with one table-of-contents write, which is Whoosh's atomic commit.
Whoosh's private structures are used here and in the other modules of this
package only.
"""

from __future__ import annotations

import itertools
import os
import shutil
import zlib
from array import array
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.compat import dumps
from whoosh.filedb.filetables import _lengths as _HASH_LENGTHS
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from nksearch._whoosh.opening import DurableStorage, segment_files


class TermWriter:
    """Writes whole posting lists in Whoosh 3's block format.

    Byte for byte what ``W3PostingsWriter`` writes one posting at a time
    (header, pickled block info and block data, negative length on the last
    block, then the term-info row), without its per-posting calls: each
    term's bytes are joined and written at once, and the term-index row is
    added the way ``OrderedHashWriter.add`` adds it.
    """

    def __init__(self, field_writer: Any, fmt: Any, lengths: dict[int, int]) -> None:
        self._postfile = field_writer._postfile.file
        self._terms = field_writer._tindex
        self._termfile = self._terms.dbfile.file
        self._prefix = pack_ushort(field_writer._fieldid)
        self._limit = field_writer._codec._blocklimit
        self._compression: int = field_writer._codec._compression
        self._fixed = fmt.fixed_value_size()
        self._lengths: list[int] = []
        if lengths:
            table = [0] * (max(lengths) + 1)
            for doc, length in lengths.items():
                table[doc] = length
            self._lengths = table

    def write(
        self, tbytes: bytes, docs: array[int], weights: array[float], values: list[bytes]
    ) -> None:
        if len(docs) == 1:
            self._write_one(tbytes, docs[0], weights[0], values)
            return
        start = self._postfile.tell()
        chunks = [WHOOSH3_HEADER_MAGIC]
        total = len(docs)
        limit = self._limit
        table = self._lengths
        weight = 0.0
        minlength: int | None = None
        maxlength = 0
        topweight = 0.0
        for first in range(0, total, limit):
            last = min(first + limit, total)
            ids, block_weights = docs[first:last].tolist(), weights[first:last]
            block_values = values[first:last]
            low: int | None = None
            high = 0
            if table:
                found = [table[d] for d in ids]
                if 0 in found:
                    found = [n for n in found if n]
                if found:
                    low, high = min(found), max(found)
            blockmax = max(block_weights)
            deltas = (ids[0], *[b - a for a, b in itertools.pairwise(ids)])
            databytes, level = self._pack(
                (deltas, _mini_weights(block_weights), self._mini_values(block_values))
            )
            infobytes = dumps(
                (len(ids), ids[-1], blockmax, level, _length_byte(low), _length_byte(high)), 2
            )
            size = len(infobytes) + len(databytes)
            chunks += (pack_int(-size if last == total else size), infobytes, databytes)
            weight += sum(block_weights)
            if low is not None:
                minlength = low if minlength is None else min(minlength, low)
            maxlength = max(maxlength, high)
            topweight = max(topweight, blockmax)
        data = b"".join(chunks)
        self._postfile.write(data)
        info = (
            _TERM_INFO.pack(
                0,
                weight,
                total,
                _length_byte(minlength),
                _length_byte(maxlength),
                topweight,
                docs[0],
                docs[-1],
            )
            + pack_long(start)
            + pack_int(len(data))
        )
        self._add_term(self._prefix + tbytes, info)

    def _write_one(self, tbytes: bytes, doc: int, weight: float, values: list[bytes]) -> None:
        """:meth:`write` for a term in one document (most terms), the same bytes."""
        start = self._postfile.tell()
        length = self._lengths[doc] if self._lengths else 0
        low = high = _length_byte(length)  # a length of 0 is byte 0 either way
        databytes, level = self._pack(
            ((doc,), None if weight == 1.0 else weight, self._mini_values(values))
        )
        infobytes = dumps((1, doc, weight, level, low, high), 2)
        size = len(infobytes) + len(databytes)
        data = WHOOSH3_HEADER_MAGIC + pack_int(-size) + infobytes + databytes
        self._postfile.write(data)
        info = _TERM_INFO.pack(0, weight, 1, low, high, weight, doc, doc)
        self._add_term(self._prefix + tbytes, info + pack_long(start) + pack_int(len(data)))

    def _pack(self, data: tuple[Any, Any, Any]) -> tuple[bytes, int]:
        """A block's pickled data and its compression level (0: stored as is).

        Whoosh's reader decompresses a block whose info names a level; a
        block too small to gain from zlib is kept as it is.
        """
        databytes = dumps(data, 2)
        level = self._compression
        if level and len(databytes) >= MIN_COMPRESSED:
            packed = zlib.compress(databytes, level)
            if len(packed) < len(databytes):
                return packed, level
        return databytes, 0

    def _add_term(self, key: bytes, value: bytes) -> None:
        terms = self._terms
        if key <= terms.lastkey:
            raise ValueError(f"Keys must increase: {terms.lastkey!r}..{key!r}")
        pos = self._termfile.tell()
        terms.index.append(pos)
        self._termfile.write(_HASH_LENGTHS.pack(len(key), len(value)) + key + value)
        h = terms.hashfn(key)
        terms.buckets[h & 255].append((h, pos))
        terms.lastkey = key

    def _mini_values(self, values: list[bytes]) -> Any:
        fixed = self._fixed
        if fixed is None or fixed < 0:
            return tuple(values)
        if fixed == 0:
            return None
        return b"".join(values)


#: Blocks whose pickle is shorter than this are never compressed.
MIN_COMPRESSED = 64
_TERM_INFO = W3TermInfo._struct
_LENGTH_BYTES: dict[int, int] = {}


def _length_byte(length: int | None) -> int:
    if length is None:
        return 0
    found = _LENGTH_BYTES.get(length)
    if found is None:
        found = _LENGTH_BYTES[length] = length_to_byte(length)
    return found


def _mini_weights(weights: array[float]) -> Any:
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)


def remove_temporary_folder(storage: Any, indexname: str) -> None:
    """Remove the temporary folder Whoosh's per-document writers share.

    Each writer's column file in it is gone once its segment is written;
    only call this when no writer of the index is still at work.
    """
    folder = getattr(storage, "folder", None)
    if folder is not None:
        shutil.rmtree(os.path.join(folder, f"{indexname}.tmp"), ignore_errors=True)


def commit_segments(ix: FileIndex, segments: list[Any]) -> None:
    """Publish ``segments`` (written by ``writer.BulkSegmentWriter``) atomically."""
    toc = ix._read_toc()
    generation = toc.generation + 1
    live = [s for s in segments if s.doc_count_all() > 0]
    if isinstance(ix.storage, DurableStorage):  # segments written by other processes too
        ix.storage.track(segment_files(ix.storage, live))
    TOC(toc.schema, toc.segments + live, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, toc.segments + live)
    remove_temporary_folder(ix.storage, ix.indexname)
