"""Reading an index's columns and postings in bulk, below Whoosh's public API.

Whoosh reads columns and posting lists a value at a time through several
wrappers; a one-shot query or a sync reads thousands. These functions read
whole columns and posting blocks in one piece from Whoosh's segment files:

- :func:`indexed_stamps`: ``{path: stamp}`` of every live document;
- :func:`field_lengths`: each document's length in a field;
- :func:`read_postings`: a term's document numbers with its weights or its
  encoded positions.

They return plain Python values; callers never see a Whoosh object from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length


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
    table = [byte_to_length(b) for b in range(256)]
    found = [0] * reader.doc_count_all()
    for leaf, offset in reader.leaf_readers():
        column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None:
            continue
        # One byte per document: read the stored run in one go (the column
        # object would read and unpack them one by one).
        raw = column._dbfile.get(column._basepos, column._count)
        for i, byte in enumerate(raw):
            found[offset + i] = table[byte] if byte else 0
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
