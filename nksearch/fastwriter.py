"""A leaner Whoosh segment writer, and segments written in parallel.

Whoosh's ``SegmentWriter`` spends most of a build on per-posting overhead:
it checks and sizes every posting as it is pooled, and while writing the
postings it looks up each document's field length through a file-backed
column, once per posting. :class:`FastSegmentWriter` keeps Whoosh's file
format and commit protocol but

- turns pre-analysed documents (see ``schema.AnalysedText``) into postings
  in one loop and pools them without per-item checks;
- reads each field-length column into memory once when postings are written;
- uses a temporary folder of its own, so several writers can build segments
  of one index at the same time, each in its own process.

:func:`commit_segments` then publishes segments built that way with one
table-of-contents write, which is Whoosh's atomic commit. This module knows
nothing about corpora or documents.
"""

from __future__ import annotations

import marshal
import uuid
from array import array
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3TermInfo,
    _lenfield,
)
from whoosh.compat import dumps
from whoosh.filedb.filetables import _lengths as _HASH_LENGTHS
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from nksearch.schema import term_columns, term_values

# Posting-block compression costs more build time than it saves disk space
# on news-sized documents; blocks stay readable by any Whoosh 2.7.
CODEC_OPTIONS = {"compression": 0}
_RUN_CHUNK = 20_000


class _LeanPool(PostingPool):  # type: ignore[misc]
    """A posting pool that trusts its caller (postings are made below)."""

    def _write_run(self, f: Any, items: list[Any]) -> None:
        # Whoosh pickles runs one posting at a time; marshal in chunks is
        # several times faster and still bounds memory when runs are merged.
        for start in range(0, len(items), _RUN_CHUNK):
            marshal.dump(items[start : start + _RUN_CHUNK], f)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)

    def add_many(self, items: list[tuple[str, bytes, int, float, bytes]], size: int) -> None:
        self.current.extend(items)
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()


class _Lengths:
    """Field lengths of a new segment, read into memory once per field."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._cache.get(fieldname)
        if lengths is None:
            lengths = self._load(fieldname)
        return lengths[docnum] if docnum < len(lengths) else default

    def _load(self, fieldname: str) -> list[int]:
        column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            lengths: list[int] = []
        else:
            table = [byte_to_length(b) for b in range(256)]
            lengths = [table[b] if b else 0 for b in column]
        self._cache[fieldname] = lengths
        return lengths

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


class FastSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """A ``SegmentWriter`` with fast paths for pre-analysed documents."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", W3Codec(**CODEC_OPTIONS))
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self._tempstorage = self.storage.temp_storage(
            f"{self.indexname}.{uuid.uuid4().hex[:12]}.tmp"
        )
        self.pool = _LeanPool(self._tempstorage, self.newsegment, limitmb=self.pool.limit // 2**20)

    def add_prepared(self, fields: dict[str, Any]) -> None:
        """Add a document whose text fields are tuples of analysed terms.

        Other values (IDs, stored-only text) go through Whoosh's usual path.
        """
        schema = self.schema
        docnum = self.docnum
        pending: list[tuple[str, bytes, int, float, bytes]] = []
        size = 0
        plain: dict[str, Any] = {}
        self.perdocwriter.start_doc(docnum)
        for name in sorted(k for k in fields if not k.startswith("_")):
            value = fields[name]
            field = schema[name]
            if not isinstance(value, tuple):
                plain[name] = value
                continue
            factor = float(fields.get(f"_{name}_boost", 1.0))
            for tbytes, _freq, weight, vbytes in term_values(field.format, value, factor):
                pending.append((name, tbytes, docnum, weight, vbytes))
                size += 200 + len(tbytes) + len(vbytes)
            self.pool.fieldnames.add(name)
            stored = fields.get(f"_stored_{name}") if field.stored else None
            self.perdocwriter.add_field(name, field, stored, len(value))
        self.pool.add_many(pending, size)
        for name, value in plain.items():
            self._add_plain(name, value, fields.get(f"_stored_{name}", value))
        self.perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_plain(self, name: str, value: Any, stored: Any) -> None:
        field = self.schema[name]
        length = 0
        if field.indexed:
            for tbytes, freq, weight, vbytes in field.index(value):
                if field.scorable:
                    length += freq
                self.pool.add((name, tbytes, self.docnum, weight, vbytes))
        self.perdocwriter.add_field(name, field, stored if field.stored else None, length)
        column = field.column_type
        if column and stored is not None:
            self.perdocwriter.add_column_value(name, column, field.to_column_value(stored))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths is not None:
            lengths._reader.close()

    def finish_segment(self) -> Any:
        """Write this writer's segment files without publishing them."""
        segment = self._finalize_segment()
        self._finish()
        return segment


class BulkSegmentWriter:
    """Writes new segments from pre-analysed documents, term by term.

    Instead of pooling one tuple per posting and sorting them (Whoosh's way),
    postings are grouped per term as documents arrive (document numbers only
    grow, so each list is already sorted) and written block by block through
    Whoosh's own codec, with field lengths kept in memory. A segment is cut
    every ``max_postings`` postings to bound memory on large corpora.
    Segments are published by :func:`commit_segments`; deletions and merges
    are not this writer's job (use Whoosh's writer for incremental changes).
    """

    def __init__(self, ix: Any, max_postings: int = 1_500_000) -> None:
        self._ix = ix
        self._storage = ix.storage
        self._schema = ix.schema
        self._codec = W3Codec(**CODEC_OPTIONS)
        self._max_postings = max_postings
        self.segments: list[Any] = []
        self._begin()

    def _begin(self) -> None:
        self._segment = self._codec.new_segment(self._storage, self._ix.indexname)
        self._perdoc = self._codec.per_document_writer(self._storage, self._segment)
        self._docnum = 0
        # Per field: term -> (document numbers, weights, encoded values).
        self._postings: dict[str, dict[bytes, tuple[array[int], array[float], list[bytes]]]] = {}
        self._lengths: dict[str, dict[int, int]] = defaultdict(dict)
        self._count = 0

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document (text fields as tuples of analysed terms).

        The postings of each analysed field are left in ``fields["_terms"]``
        as ``{name: (terms, weights, values, length)}``; a document cache may
        keep them and hand them back instead of the terms (whose tuple is
        then empty).
        """
        schema, docnum, perdoc = self._schema, self._docnum, self._perdoc
        made = fields.get("_terms")
        if made is None:
            made = fields["_terms"] = {}
        perdoc.start_doc(docnum)
        for name in sorted(k for k in fields if not k.startswith("_")):
            value = fields[name]
            field = schema[name]
            stored = fields.get(f"_stored_{name}", value) if field.stored else None
            if isinstance(value, tuple):
                known = made.get(name)
                if known is None:
                    factor = float(fields.get(f"_{name}_boost", 1.0))
                    terms, _freqs, weights, values = term_columns(field.format, value, factor)
                    known = made[name] = (terms, weights, values, len(value))
                terms, weights, values, length = known
            else:
                items = list(field.index(value))
                terms = [item[0] for item in items]
                weights = [item[2] for item in items]
                values = [item[3] for item in items]
                length = sum(item[1] for item in items) if field.scorable else 0
            postings = self._postings.get(name)
            if postings is None:
                postings = self._postings[name] = {}
            for tbytes, weight, vbytes in zip(terms, weights, values):
                entry = postings.get(tbytes)
                if entry is None:
                    entry = postings[tbytes] = (array("I"), array("f"), [])
                entry[0].append(docnum)
                entry[1].append(weight)
                if vbytes:
                    entry[2].append(vbytes)
            self._count += len(terms)
            if length:
                self._lengths[name][docnum] = length
            perdoc.add_field(name, field, stored, length)
            column = field.column_type
            if column and not isinstance(value, tuple):
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self._docnum += 1
        if self._count >= self._max_postings:
            self._flush()

    def _flush(self) -> None:
        if not self._docnum:
            return
        self._perdoc.close()
        writer = self._codec.field_writer(self._storage, self._segment)
        for name in sorted(self._postings):
            field = self._schema[name]
            postings = self._postings[name]
            if not postings:
                continue
            lengths = self._lengths.get(name, {})
            writer.start_field(name, field)
            terms = _TermWriter(writer, field.format, lengths)
            for tbytes in sorted(postings):
                docs, weights, values = postings[tbytes]
                terms.write(tbytes, docs, weights, values)
            writer.finish_field()
        writer.close()
        self._segment.set_doc_count(self._docnum)
        self.segments.append(self._segment)
        self._begin()

    def finish(self) -> list[Any]:
        """Write what is buffered; return the new (unpublished) segments."""
        self._flush()
        return self.segments


class _TermWriter:
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
        self._fixed = fmt.fixed_value_size()
        self._lengths: list[int] = []
        if lengths:
            table = [0] * (max(lengths) + 1)
            for doc, length in lengths.items():
                table[doc] = length
            self._lengths = table

    def write(self, tbytes: bytes, docs: array[int], weights: array[float], values: list[bytes]) -> None:
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
            deltas = (ids[0], *[b - a for a, b in zip(ids, ids[1:])])
            databytes = dumps((deltas, _mini_weights(block_weights), self._mini_values(block_values)), 2)
            infobytes = dumps((len(ids), ids[-1], blockmax, 0, _length_byte(low), _length_byte(high)), 2)
            size = len(infobytes) + len(databytes)
            chunks += (pack_int(-size if last == total else size), infobytes, databytes)
            weight += sum(block_weights)
            if low is not None:
                minlength = low if minlength is None else min(minlength, low)
            maxlength = max(maxlength, high)
            topweight = max(topweight, blockmax)
        data = b"".join(chunks)
        self._postfile.write(data)
        info = _TERM_INFO.pack(
            0, weight, total, _length_byte(minlength), _length_byte(maxlength), topweight,
            docs[0], docs[-1],
        ) + pack_long(start) + pack_int(len(data))
        self._add_term(self._prefix + tbytes, info)

    def _write_one(self, tbytes: bytes, doc: int, weight: float, values: list[bytes]) -> None:
        """:meth:`write` for a term in one document (most terms), the same bytes."""
        start = self._postfile.tell()
        length = self._lengths[doc] if self._lengths else 0
        low = high = _length_byte(length)  # a length of 0 is byte 0 either way
        databytes = dumps(((doc,), None if weight == 1.0 else weight, self._mini_values(values)), 2)
        infobytes = dumps((1, doc, weight, 0, low, high), 2)
        size = len(infobytes) + len(databytes)
        data = WHOOSH3_HEADER_MAGIC + pack_int(-size) + infobytes + databytes
        self._postfile.write(data)
        info = _TERM_INFO.pack(0, weight, 1, low, high, weight, doc, doc)
        self._add_term(self._prefix + tbytes, info + pack_long(start) + pack_int(len(data)))

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


def commit_segments(ix: FileIndex, segments: list[Any]) -> None:
    """Publish ``segments`` (finished by :meth:`finish_segment`) atomically."""
    toc = ix._read_toc()
    generation = toc.generation + 1
    live = [s for s in segments if s.doc_count_all() > 0]
    TOC(toc.schema, toc.segments + live, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, toc.segments + live)
