"""Which corpus files changed since the last sync, read cheaply.

Used on every ``nksearch query`` (to warn about stale results) and by the
UI, so it imports only what comparing stamps needs: no document parsing, no
analysis. Syncing itself lives in ``indexing``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nksearch import store
from nksearch.corpus import scan


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
            paths = _column_values(perdoc.column_reader("path", path_type))
            stamps = _column_values(perdoc.column_reader("stamp", stamp_type))
            deleted = frozenset(perdoc.deleted_docs()) if perdoc.has_deletions() else frozenset()
            for doc, (path, stamp) in enumerate(zip(paths, stamps)):
                if doc not in deleted:
                    found[path.decode("utf-8")] = stamp.decode("utf-8")
        return found


def _column_values(column: Any) -> Iterable[bytes]:
    """A variable-length bytes column's values, its data read in one piece."""
    lengths = getattr(column, "_lengths", None)
    offsets = getattr(column, "_offsets", None)
    if lengths is None or offsets is None or not len(lengths):
        return column  # another column type: Whoosh's own iteration
    end = max(start + size for start, size in zip(offsets, lengths))
    data = column._dbfile.get(column._basepos, end)
    return [data[start : start + size] for start, size in zip(offsets, lengths)]


def _stamps_one_by_one(reader: Any) -> dict[str, str]:
    """The same through Whoosh's own column reader (any segment layout)."""
    paths = reader.column_reader("path")
    stamps = reader.column_reader("stamp")
    return {
        paths[doc].decode("utf-8") if isinstance(paths[doc], bytes) else paths[doc]:
        stamps[doc].decode("utf-8") if isinstance(stamps[doc], bytes) else stamps[doc]
        for doc in reader.all_doc_ids()
    }


def stale_files(corpus_dir: Path, ix: Any, index_path: Path) -> list[str]:
    """Corpus files that are new, changed or deleted since the last sync."""
    found = scan(corpus_dir)
    indexed = indexed_stamps(ix)
    skips = store.load_skipped(index_path)
    stale = [
        rel
        for rel, stamp in found.files.items()
        if indexed.get(rel) != stamp and (skips.get(rel) or [None])[0] != stamp
    ]
    stale.extend(rel for rel in indexed if rel not in found.files)
    return sorted(stale)
