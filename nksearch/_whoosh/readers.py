"""Reading an index's columns and postings in bulk, below Whoosh's public API.

Whoosh reads columns and posting lists a value at a time through several
wrappers; a one-shot query or a sync reads thousands. These functions read
whole columns and posting blocks in one piece from Whoosh's segment files:

- :func:`indexed_stamps`: ``{path: stamp}`` of every live document;
- :func:`field_lengths`: each document's length in a field;
- :func:`read_postings`: a term's document numbers with its weights or its
  encoded positions;
- :func:`text_column`: a sortable text column (such as dates) by document
  number, read segment by segment; :func:`bytes_column` the same for bytes;
- :func:`field_terms`: each segment's terms of a field, read as one run of
  its sorted term file; :func:`prefix_terms`: the terms starting with a
  prefix, with their document frequencies.

They return plain Python values; callers never see a Whoosh object from here.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length

#: A term file record starts with the lengths of its key and its value; the
#: key is the field number (2 bytes) and the term; the value, a term info,
#: holds the document frequency 5 bytes in.
_RECORD = struct.Struct("!ii")
_DOC_FREQUENCY = struct.Struct("!I")
_DF_OFFSET = 5


def indexed_stamps(ix: Any) -> dict[str, str]:
    """``{path: stamp}`` for every live document, read from columns only.

    Each segment's two columns are read straight through (Whoosh's combined
    column reader goes through several wrappers per document).
    """
    with ix.reader() as reader:
        if reader.doc_count_all() == 0:
            return {}  # an empty index has no columns
        found: dict[str, str] = {}
        schema = reader.schema  # ix.schema would read the index's table of contents again
        path_type, stamp_type = schema["path"].column_type, schema["stamp"].column_type
        for leaf, _offset in reader.leaf_readers():
            if leaf.doc_count_all() == 0:
                continue  # a segment without documents has no columns
            perdoc = leaf._perdoc
            if not (perdoc.has_column("path") and perdoc.has_column("stamp")):
                return _stamps_one_by_one(reader)
            paths = _bytes_column(perdoc.column_reader("path", path_type))
            stamps = _bytes_column(perdoc.column_reader("stamp", stamp_type))
            deleted = frozenset(perdoc.deleted_docs()) if perdoc.has_deletions() else frozenset()
            for doc, (path, stamp) in enumerate(zip(paths, stamps, strict=False)):
                if doc not in deleted:
                    found[path.decode("utf-8")] = stamp.decode("utf-8")
        return found


def _bytes_column(column: Any) -> Iterable[bytes]:
    """A variable-length bytes column's values, its data read in one piece."""
    lengths = getattr(column, "_lengths", None)
    offsets = getattr(column, "_offsets", None)
    if lengths is None or offsets is None or not len(lengths):
        return column  # another column type: Whoosh's own iteration
    end = max(start + size for start, size in zip(offsets, lengths, strict=False))
    data = column._dbfile.get(column._basepos, end)
    return [data[start : start + size] for start, size in zip(offsets, lengths, strict=False)]


def _stamps_one_by_one(reader: Any) -> dict[str, str]:
    """The same through Whoosh's own column reader (any segment layout)."""
    paths = reader.column_reader("path")
    stamps = reader.column_reader("stamp")
    return {
        paths[doc].decode("utf-8") if isinstance(paths[doc], bytes) else paths[doc]: stamps[
            doc
        ].decode("utf-8")
        if isinstance(stamps[doc], bytes)
        else stamps[doc]
        for doc in reader.all_doc_ids()
    }


def field_lengths(reader: Any, field: str) -> list[int]:
    """Each document's length in ``field``, by document number (0 when empty)."""
    table = [0] + [byte_to_length(b) for b in range(1, 256)]
    found = [0] * reader.doc_count_all()
    for leaf, offset in reader.leaf_readers():
        column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None:
            continue
        # One byte per document: read the stored run in one go (the column
        # object would read and unpack them one by one), decoded at C speed.
        raw = column._dbfile.get(column._basepos, column._count)
        found[offset : offset + len(raw)] = map(table.__getitem__, raw)
    return found


def read_postings(
    reader: Any, field: str, text: str, *, positions: bool
) -> tuple[list[int], list[Any]]:
    """Document numbers of a term, with its weights or its encoded positions."""
    ids: list[int] = []
    data: list[Any] = []
    for leaf, offset in reader.leaf_readers():
        if leaf.doc_frequency(field, text):
            _read_leaf(leaf, field, text, offset, ids, data, positions)
    return ids, data


def _read_leaf(
    leaf: Any, field: str, text: str, offset: int, ids: list[int], data: list[Any], positions: bool
) -> None:
    matcher = leaf.postings(field, text)
    deleted: frozenset[int] = frozenset()
    if hasattr(matcher, "child"):  # deletions are filtered by a wrapper
        deleted = frozenset(leaf._perdoc.deleted_docs())
        matcher = matcher.child
    while matcher.is_active():
        matcher._read_ids()
        if positions:
            matcher._read_values()
            block = matcher._values
        else:
            matcher._read_weights()
            block = matcher._weights
        for doc, item in zip(matcher._ids, block, strict=False):
            if doc not in deleted:
                ids.append(offset + doc)
                data.append(item)
        if matcher._lastblock:
            break
        matcher._next_block()


def text_column(reader: Any, field: str) -> list[str]:
    """Each document's value in a sortable text column, by document number.

    Read segment by segment: a segment without the column (none of its
    documents had a value) gives ``""`` for each of its documents, where
    Whoosh's combined column reader would shift the documents after it.
    """
    found = [""] * reader.doc_count_all()
    column_type = reader.schema[field].column_type
    for leaf, offset in reader.leaf_readers():
        perdoc = leaf._perdoc
        if not perdoc.has_column(field):
            continue
        values = _bytes_column(perdoc.column_reader(field, column_type))
        for i, value in enumerate(values):
            if value:
                found[offset + i] = value.decode("utf-8") if isinstance(value, bytes) else value
    return found


def bytes_column(reader: Any, field: str) -> list[bytes]:
    """Each document's value in a bytes column, by document number (b"" if none)."""
    found = [b""] * reader.doc_count_all()
    for leaf, offset in reader.leaf_readers():
        perdoc = leaf._perdoc
        if not perdoc.has_column(field):
            continue
        values = _bytes_column(perdoc.column_reader(field, reader.schema[field].column_type))
        for i, value in enumerate(values):
            if value:
                found[offset + i] = bytes(value)
    return found


def field_terms(reader: Any, field: str) -> list[list[str]]:
    """Each segment's terms of ``field``, in sorted order.

    Each segment's term file is sorted by field and term, so a field's terms
    are one run of it, found by two binary searches and read in one piece
    (Whoosh's own iteration decodes a full term info per term).
    """
    found = []
    for leaf, _offset in reader.leaf_readers():
        run = _term_run(leaf, field, b"")
        if run:
            found.append(_parse_run(run, None))
    return found


def prefix_terms(reader: Any, field: str, prefix: str) -> dict[str, int]:
    """``{term: document frequency}`` of the terms of ``field`` starting with ``prefix``.

    In sorted order; frequencies are summed over segments and, like
    Whoosh's, count deleted documents until a segment is merged.
    """
    found: dict[str, int] = {}
    runs = 0
    for leaf, _offset in reader.leaf_readers():
        run = _term_run(leaf, field, prefix.encode("utf-8"))
        if not run:
            continue
        runs += 1
        frequencies: list[int] = []
        for term, frequency in zip(_parse_run(run, frequencies), frequencies, strict=True):
            found[term] = found.get(term, 0) + frequency
    return found if runs < 2 else {term: found[term] for term in sorted(found)}


def _term_run(leaf: Any, field: str, prefix: bytes) -> bytes:
    """The bytes of one segment's term records of ``field`` starting with ``prefix``."""
    terms = leaf._terms
    number = terms._fieldmap.get(field)
    if number is None:
        return b""
    table = terms._tindex
    start_key = pack_ushort(number) + prefix
    # Every key starting with the prefix sorts below the prefix followed by
    # 0xff (no UTF-8 byte); the next field's keys follow the last of this one.
    end_key = start_key + b"\xff" if prefix else pack_ushort(number + 1)
    start = table.closest_key_pos(start_key)
    if start is None:
        return b""
    end = table.closest_key_pos(end_key)
    if end is None:
        end = table.endofdata
    return bytes(table.dbfile.get(start, end - start))


def _parse_run(data: bytes, frequencies: list[int] | None) -> list[str]:
    """The terms of a run of term records (and their frequencies, if asked for)."""
    unpack_record, unpack_df = _RECORD.unpack_from, _DOC_FREQUENCY.unpack_from
    keys: list[bytes] = []
    add_key = keys.append
    pos, size = 0, len(data)
    while pos < size:
        key_length, value_length = unpack_record(data, pos)
        key_end = pos + 8 + key_length
        add_key(data[pos + 10 : key_end])  # after the field number
        if frequencies is not None:
            frequencies.append(unpack_df(data, key_end + _DF_OFFSET)[0])
        pos = key_end + value_length
    # Terms never hold a NUL: decoding them joined is one call instead of thousands.
    return b"\x00".join(keys).decode("utf-8").split("\x00") if keys else []
