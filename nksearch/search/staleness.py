"""Which corpus files changed since the last sync, read cheaply.

Used on every ``nksearch query`` (to warn about stale results) and by the
UI, so it imports only what comparing stamps needs: no document parsing, no
analysis. Syncing itself is ``nksearch.indexing``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nksearch._whoosh.readers import indexed_stamps
from nksearch.documents.corpus import scan
from nksearch.indexing.layout import load_skipped


def stale_files(corpus_dir: Path, ix: Any, index_path: Path) -> list[str]:
    """Corpus files that are new, changed or deleted since the last sync."""
    found = scan(corpus_dir)
    indexed = indexed_stamps(ix)
    skipped = {rel: entry[0] for rel, entry in load_skipped(index_path).items() if entry}
    stale = [
        rel
        for rel, stamp in found.files.items()
        if indexed.get(rel) != stamp and skipped.get(rel) != stamp
    ]
    stale.extend(rel for rel in indexed if rel not in found.files)
    return sorted(stale)
