"""The corpus folders' times as the last sync saw them, kept with the index.

``folders.json`` in the index folder holds the corpus root, when the sync's
scan began, and each corpus folder's modification time read by that scan
(see ``nksearch.documents.corpus.scan``). A one-shot query compares folder
times with these to list only folders whose entries changed since (see
``nksearch.documents.folders``). The file is written after the index took
the scan's files in, so it is never newer than what the index holds; a
missing, damaged or foreign file means "check every file", never an error.
This module only owns that file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nksearch.documents.corpus import Scan
from nksearch.indexing import layout

FOLDERS = "folders.json"


@dataclass(frozen=True)
class FolderTimes:
    """Folder times recorded by one scan of ``root``, begun at ``started_ns``."""

    root: str
    started_ns: int
    folders: dict[str, int]


def save(index_dir: Path, found: Scan) -> None:
    """Record the folder times of ``found`` (a scan the index now reflects)."""
    data = {"root": str(found.root), "started_ns": found.started_ns, "folders": found.folders}
    layout._write_atomic(index_dir / FOLDERS, json.dumps(data, ensure_ascii=False).encode())


def load(index_dir: Path, root: Path) -> FolderTimes | None:
    """The record for corpus ``root``, or None when there is no usable one."""
    try:
        data = json.loads((index_dir / FOLDERS).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("root") != str(root):
        return None
    started, folders = data.get("started_ns"), data.get("folders")
    if not isinstance(started, int) or not isinstance(folders, dict) or "" not in folders:
        return None
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in folders.items()):
        return None
    return FolderTimes(str(root), started, folders)
