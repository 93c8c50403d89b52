"""Which corpus files changed since the last sync, read cheaply.

Used on every ``nksearch query`` (to warn about stale results) and by the
UI, so it imports only what comparing stamps needs: no document parsing, no
analysis. Syncing itself is ``nksearch.indexing``'s.

Two depths: a full check stamps every corpus file (one ``stat`` each); a
quick check (``quick=True``, what a one-shot query does) stamps only the
files of folders whose entries changed since the last sync (see
``nksearch.documents.folders``), so it misses a file rewritten in place in
an otherwise unchanged folder. Without a usable record of the folders'
times, a quick check is a full one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nksearch._whoosh.readers import indexed_stamps
from nksearch.documents.corpus import check_corpus, scan
from nksearch.documents.folders import changed_folders, parent_of
from nksearch.indexing import foldertimes
from nksearch.indexing.layout import load_skipped


def stale_files(corpus_dir: Path, ix: Any, index_path: Path, *, quick: bool = False) -> list[str]:
    """Corpus files that are new, changed or deleted since the last sync."""
    record = foldertimes.load(index_path, check_corpus(corpus_dir)) if quick else None
    if record is None:
        files = scan(corpus_dir).files
        folders = None
    else:
        changed = changed_folders(corpus_dir, record.folders, record.started_ns)
        if not changed.folders:
            return []
        files, folders = changed.files, changed.folders
    indexed = indexed_stamps(ix)
    skipped = {rel: entry[0] for rel, entry in load_skipped(index_path).items() if entry}
    stale = [
        rel
        for rel, stamp in files.items()
        if indexed.get(rel) != stamp and skipped.get(rel) != stamp
    ]
    stale.extend(
        rel
        for rel in indexed
        if rel not in files and (folders is None or parent_of(rel) in folders)
    )
    return sorted(stale)
