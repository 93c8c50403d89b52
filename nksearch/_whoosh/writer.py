"""Leaner Whoosh segment writers, and segments written in parallel.

Whoosh's ``SegmentWriter`` spends most of a build on per-posting overhead:
it checks and sizes every posting as it is pooled, and while writing the
postings it looks up each document's field length through a file-backed
column, once per posting. :class:`FastSegmentWriter` keeps Whoosh's file
format and commit protocol but

- turns pre-analysed documents (see ``postings``) into postings
  in one loop and pools them without per-item checks;
- reads each field-length column into memory once when postings are written;
- uses a temporary folder of its own, so several writers can build segments
  of one index at the same time, each in its own process.

:class:`BulkSegmentWriter` builds new segments from pre-analysed documents
term by term, and ``termwriter.commit_segments`` publishes them with one
table-of-contents write, which is Whoosh's atomic commit. This module knows
nothing about corpora or documents.
"""

from __future__ import annotations

import itertools
import marshal
import uuid
from array import array
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TypeAlias

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, _lenfield
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from nksearch._whoosh.postings import term_columns, term_values
from nksearch._whoosh.termwriter import TermWriter, remove_temporary_folder

# Posting blocks are compressed with zlib at its fastest level: about 40% of
# the postings' size, for no measurable query time (a block is decompressed
# in C, once per read); blocks stay readable by any Whoosh 2.7.
CODEC_OPTIONS = {"compression": 1}
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
        limit: int = kwargs.get("limitmb", 128)
        self.pool: _LeanPool = _LeanPool(self._tempstorage, self.newsegment, limitmb=limit)

    def add_prepared(self, fields: dict[str, Any]) -> None:
        """Add a document whose text fields are tuples of analysed terms.

        Other values (IDs, stored-only text) go through Whoosh's usual path.
        Fields are added in name order, as Whoosh's writer adds them, so
        stored fields are kept in the same order.
        """
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        self.perdocwriter.start_doc(docnum)
        for name in sorted(k for k in fields if not k.startswith("_")):
            value = fields[name]
            field = schema[name]
            if not isinstance(value, tuple):
                self._add_plain(name, value, fields.get(f"_stored_{name}", value))
                continue
            factor = float(fields.get(f"_{name}_boost", 1.0))
            pending: list[tuple[str, bytes, int, float, bytes]] = []
            size = 0
            for tbytes, _freq, weight, vbytes in term_values(field.format, value, factor):
                pending.append((name, tbytes, docnum, weight, vbytes))
                size += 200 + len(tbytes) + len(vbytes)
            pool.add_many(pending, size)
            pool.fieldnames.add(name)
            stored = fields.get(f"_stored_{name}") if field.stored else None
            self.perdocwriter.add_field(name, field, stored, len(value))
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
        """Write the pooled postings term by term (see :class:`TermWriter`).

        The pool yields postings sorted by field, term and document, as
        Whoosh's ``add_postings`` takes them; each term's list is written
        whole instead of one posting at a time.
        """
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        writer = self.fieldwriter
        field_of = itertools.groupby(self.pool.iter_postings(), key=lambda p: p[0])
        for name, postings in field_of:
            field = self.schema[name]
            writer.start_field(name, field)
            table: dict[int, int] = {}
            if lengths is not None and field.scorable:
                table = {d: lengths.doc_field_length(d, name) for d in range(self.docnum)}
            terms = TermWriter(writer, field.format, table)
            for tbytes, group in itertools.groupby(postings, key=lambda p: p[1]):
                docs, weights, values = array("I"), array("f"), []
                for _name, _tbytes, docnum, weight, value in group:
                    if docnum >= 0:  # Whoosh marks spelling-only words with -1
                        docs.append(docnum)
                        weights.append(weight)
                        values.append(value if value is not None else b"")
                if docs:
                    terms.write(tbytes, docs, weights, values)
            writer.finish_field()
        writer.close()
        if lengths is not None:
            lengths._reader.close()

    def _finish(self) -> None:
        super()._finish()
        # Whoosh's per-document writer leaves its temporary folder behind.
        remove_temporary_folder(self.storage, self.indexname)


#: Segments with fewer live documents than this are folded together.
SMALL_SEGMENT = 256


def merge_small(writer: Any, segments: list[Any]) -> list[Any]:
    """A merge policy: fold every small segment into the one being written.

    Whoosh's ``MERGE_SMALL`` lets about five one-document segments pile up
    before it merges them (Fibonacci tiers), so each sync of a file adds
    one more segment for every query to visit. Here, as soon as two
    segments hold fewer than :data:`SMALL_SEGMENT` live documents each,
    they are copied into the new segment: besides the large segments of a
    build, an index keeps at most two small ones, and a sync copies at most
    a few hundred documents. Returns the segments left as they are.
    """
    from whoosh.reading import SegmentReader

    small = [seg for seg in segments if seg.doc_count() < SMALL_SEGMENT]
    if len(small) < 2:
        return segments
    for seg in small:
        if seg.doc_count() == 0:
            continue  # nothing live to copy: the segment is dropped
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in small]


_Postings: TypeAlias = "tuple[array[int], array[float], bytearray, array[int]]"


class BulkSegmentWriter:
    """Writes new segments from pre-analysed documents, term by term.

    Instead of pooling one tuple per posting and sorting them (Whoosh's way),
    postings are grouped per term as documents arrive (document numbers only
    grow, so each list is already sorted) and written block by block through
    Whoosh's own codec, with field lengths kept in memory. A segment is cut
    every ``max_postings`` postings to bound memory on large corpora, unless
    fewer documents are still to come (``documents``) than a quarter of the
    segment's: those go into it, so a build leaves no tiny last segment for
    the next sync to merge.
    Segments are published by :func:`commit_segments`; deletions and merges
    are not this writer's job (use Whoosh's writer for incremental changes).
    """

    def __init__(self, ix: Any, max_postings: int = 1_500_000, documents: int = 0) -> None:
        self._ix = ix
        self._storage = ix.storage
        self._schema = ix.schema
        self._codec = W3Codec(**CODEC_OPTIONS)
        self._max_postings = max_postings
        # How many documents this writer will be given (0: unknown); it keeps
        # the last few in the segment before rather than cutting a tiny one.
        self._left = documents
        self.segments: list[Any] = []
        self._perdoc: Any = None  # a segment is begun by its first document

    def _begin(self) -> None:
        self._segment = self._codec.new_segment(self._storage, self._ix.indexname)
        self._perdoc = self._codec.per_document_writer(self._storage, self._segment)
        self._docnum = 0
        # Per field: term -> (document numbers, weights, encoded values one
        # after the other, where each value ends): a posting costs a few bytes
        # more than its value, not a Python object of its own.
        self._postings: dict[str, dict[bytes, _Postings]] = {}
        self._lengths: dict[str, dict[int, int]] = defaultdict(dict)
        self._count = 0

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document (text fields as tuples of analysed terms)."""
        if self._perdoc is None:
            self._begin()
        schema, docnum, perdoc = self._schema, self._docnum, self._perdoc
        perdoc.start_doc(docnum)
        for name in sorted(k for k in fields if not k.startswith("_")):
            value = fields[name]
            field = schema[name]
            stored = fields.get(f"_stored_{name}", value) if field.stored else None
            if isinstance(value, tuple):
                factor = float(fields.get(f"_{name}_boost", 1.0))
                terms, _freqs, weights, values = term_columns(field.format, value, factor)
                length = len(value)
            else:
                items = list(field.index(value)) if field.indexed else []  # columns only
                terms = [item[0] for item in items]
                weights = [item[2] for item in items]
                values = [item[3] for item in items]
                length = sum(item[1] for item in items) if field.scorable else 0
            postings = self._postings.get(name)
            if postings is None:
                postings = self._postings[name] = {}
            for tbytes, weight, vbytes in zip(terms, weights, values, strict=False):
                entry = postings.get(tbytes)
                if entry is None:
                    entry = postings[tbytes] = (array("I"), array("f"), bytearray(), array("I"))
                entry[0].append(docnum)
                entry[1].append(weight)
                if vbytes:
                    entry[2].extend(vbytes)
                    entry[3].append(len(entry[2]))
            self._count += len(terms)
            if length:
                self._lengths[name][docnum] = length
            perdoc.add_field(name, field, stored, length)
            column = field.column_type
            if column and not isinstance(value, tuple):
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self._docnum += 1
        self._left -= 1
        if self._count >= self._max_postings and (
            self._left <= 0 or self._left > self._docnum // 4
        ):
            self._flush()

    def _flush(self) -> None:
        if self._perdoc is None:
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
            terms = TermWriter(writer, field.format, lengths)
            for tbytes in sorted(postings):
                docs, weights, data, ends = postings[tbytes]
                raw = bytes(data)
                starts = itertools.chain((0,), ends)
                values = [raw[a:b] for a, b in zip(starts, ends, strict=False)]
                terms.write(tbytes, docs, weights, values)
            writer.finish_field()
        writer.close()
        self._segment.set_doc_count(self._docnum)
        self.segments.append(self._segment)
        self._perdoc = None

    def finish(self) -> list[Any]:
        """Write what is buffered; return the new (unpublished) segments."""
        self._flush()
        return self.segments
