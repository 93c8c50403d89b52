"""Which corpus folders gained or lost entries since a scan, read cheaply.

A folder's modification time changes when an entry is created, deleted or
renamed in it; it does not change when a file in it is rewritten in place.
:func:`changed_folders` compares every folder's time with the one a
:func:`~nksearch.documents.corpus.scan` recorded and lists again only the
folders that differ (and folders new since), stamping their documents as a
scan would. A corpus of 34,630 files in one unchanged folder costs one
``stat`` instead of 34,630.

What this finds: files added, deleted or renamed, and files saved by writing
a new file and renaming it over the old one (what most editors and
``nksearch add`` do). What it cannot find: a file rewritten in place (the
same file opened for writing, as ``>>`` or ``cp`` over an existing file
do) in a folder whose entries did not change; only a full scan sees that.

Folder times can be coarser than the changes they record: a folder changed
within :data:`RACY_NS` before the scan that recorded its time may have been
changed again in the same tick after it was listed, so such a folder is
always listed again (the same rule as Git's "racy" index entries).

This module does not decode files and keeps no state of its own.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from nksearch.documents.corpus import check_corpus, list_folder
from nksearch.models import Skipped

#: A folder whose recorded time is this close to (or after) the start of the
#: scan that recorded it is listed again every time (2 s: the coarsest
#: timestamps of common file systems).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Changed:
    """What :func:`changed_folders` found.

    ``folders`` are the corpus-relative folders (``""`` is the root) whose
    entries may differ from the recorded scan, gone ones included;
    ``files`` stamps every document directly inside those folders that are
    still there, and inside folders new since the scan.
    """

    folders: frozenset[str]
    files: dict[str, str]
    problems: tuple[Skipped, ...]


def changed_folders(root: Path, recorded: dict[str, int], started_ns: int) -> Changed:
    """Compare folder times with ``recorded`` (from a scan begun at ``started_ns``)."""
    base = check_corpus(root)
    racy = started_ns - RACY_NS
    changed: set[str] = set()
    pending: list[Path] = []
    for rel, mtime in recorded.items():
        path = base / rel if rel else base
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:  # gone (or unreadable): its files are gone from view
            changed.add(rel)
            continue
        if not stat.S_ISDIR(st.st_mode):
            changed.add(rel)
        elif st.st_mtime_ns != mtime or mtime >= racy:
            changed.add(rel)
            pending.append(path)
    files: dict[str, str] = {}
    problems: list[Skipped] = []
    seen: dict[str, int] = {}
    while pending:
        for sub in list_folder(base, pending.pop(), files, problems, seen):
            rel = sub.relative_to(base).as_posix()
            if rel not in recorded:  # new since the scan: everything in it is new
                changed.add(rel)
                pending.append(sub)
    return Changed(frozenset(changed), files, tuple(problems))


def parent_of(rel: str) -> str:
    """The corpus-relative folder of a corpus-relative file path (``""``: the root)."""
    return rel.rpartition("/")[0]
