"""Marks on documents: read, starred, tags and a note, following the document.

A mark is kept by the document's corpus path, with the SHA-256 and size of
the file when it was marked. When a marked path is no longer in the corpus
(the file was renamed or moved), :func:`follow_moves` finds the file with the
same content (only files of the same size are read) and moves the marks
there; a file edited in place gets its new checksum the same way, so it can
still be followed later. Marks of a file that is gone stay until it comes back.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nksearch.documents.corpus import scan
from nksearch.errors import NksearchError, UsageError
from nksearch.workflow.limits import MAX_TAGS, check_note, check_tags
from nksearch.workflow.store import Store, now_iso


@dataclass(frozen=True)
class Marks:
    """What a person marked on one document."""

    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.read or self.starred or self.tags or self.note)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "starred": self.starred, "tags": list(self.tags),
                "note": self.note}  # fmt: skip


NO_MARKS = Marks()


@dataclass(frozen=True)
class MarkChange:
    """A change to some documents' marks; None and empty mean "leave as it is"."""

    read: bool | None = None
    starred: bool | None = None
    add_tags: tuple[str, ...] = field(default_factory=tuple)
    remove_tags: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None
    clear_note: bool = False


def file_digest(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size of a file."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def marks_of(store: Store, paths: Iterable[str] | None = None) -> dict[str, Marks]:
    """The marks of ``paths`` (every marked document when None); unmarked ones are left out."""
    rows = store.query("SELECT id, path, read, starred, note FROM documents")
    wanted = None if paths is None else set(paths)
    tags: dict[int, list[str]] = {}
    for doc, tag in store.query("SELECT document, tag FROM tags ORDER BY tag"):
        tags.setdefault(int(doc), []).append(str(tag))  # type: ignore[call-overload]
    found = {}
    for doc, path, read, starred, note in rows:
        if wanted is not None and path not in wanted:
            continue
        found[str(path)] = Marks(
            read=bool(read),
            starred=bool(starred),
            tags=tuple(tags.get(int(doc), ())),  # type: ignore[call-overload]
            note=str(note) if note else None,
        )
    return found


def apply(store: Store, corpus: Path, paths: list[str], change: MarkChange) -> dict[str, Marks]:
    """Change the marks of corpus-relative ``paths`` in one transaction; their new marks.

    Raises:
        UsageError: a bad tag or note.
    """
    add = check_tags(change.add_tags)
    remove = check_tags(change.remove_tags)
    note = check_note(change.note) if change.note is not None else None
    digests: dict[str, tuple[str | None, int | None]] = {}
    for path in paths:
        try:
            digests[path] = file_digest(corpus / path)
        except OSError:
            digests[path] = (None, None)
    with store.write() as db:
        for path in paths:
            sha, size = digests[path]
            db.execute(
                "INSERT INTO documents (path, sha256, size, changed) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (path) DO UPDATE SET sha256 = coalesce(excluded.sha256, sha256),"
                " size = coalesce(excluded.size, size), changed = excluded.changed",
                (path, sha, size, now_iso()),
            )
            doc = db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()[0]
            if change.read is not None:
                db.execute("UPDATE documents SET read = ? WHERE id = ?", (int(change.read), doc))
            if change.starred is not None:
                db.execute(
                    "UPDATE documents SET starred = ? WHERE id = ?", (int(change.starred), doc)
                )
            if note is not None or change.clear_note:
                db.execute("UPDATE documents SET note = ? WHERE id = ?", (note or None, doc))
            db.executemany(
                "INSERT OR IGNORE INTO tags (document, tag) VALUES (?, ?)", [(doc, t) for t in add]
            )
            db.executemany(
                "DELETE FROM tags WHERE document = ? AND tag = ?", [(doc, t) for t in remove]
            )
            count = db.execute("SELECT count(*) FROM tags WHERE document = ?", (doc,)).fetchone()
            if count[0] > MAX_TAGS:
                raise UsageError(f"{path!r} would have {count[0]:,} tags; at most {MAX_TAGS}")
        _drop_empty(db)
    return marks_of(store, paths)


def _drop_empty(db: Any) -> None:
    db.execute(
        "DELETE FROM documents WHERE read = 0 AND starred = 0 AND note IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM tags WHERE tags.document = documents.id)"
    )


def follow_moves(store: Store, corpus: Path) -> list[tuple[str, str]]:
    """Move marks of renamed or moved files to their new paths; ``(old, new)`` pairs.

    Costs one ``stat`` per marked document when nothing moved; a corpus scan
    and the reading of same-sized files when something did.
    """
    rows = store.query("SELECT id, path, sha256, size FROM documents")
    missing: dict[int, tuple[str, str | None, int | None]] = {}
    edited: list[tuple[int, str]] = []
    for doc, path, sha, size in rows:
        try:
            st = os.stat(corpus / str(path))
        except OSError:
            missing[int(doc)] = (str(path), sha, size)  # type: ignore[call-overload,assignment]
            continue
        if size != st.st_size:
            edited.append((int(doc), str(path)))  # type: ignore[call-overload]
    updates = []
    for doc, path in edited:
        try:
            updates.append((*file_digest(corpus / path), doc))
        except OSError:
            continue
    moves = _find_moved(corpus, missing, {str(row[1]) for row in rows}) if missing else []
    if not updates and not moves:
        return []
    with store.write() as db:
        db.executemany("UPDATE documents SET sha256 = ?, size = ? WHERE id = ?", updates)
        for doc, new in moves:
            db.execute("UPDATE documents SET path = ? WHERE id = ?", (new, doc))
    return [(missing[doc][0], new) for doc, new in moves]


def _find_moved(
    corpus: Path, missing: dict[int, tuple[str, str | None, int | None]], known: set[str]
) -> list[tuple[int, str]]:
    by_size: dict[int, list[tuple[int, str]]] = {}
    for doc, (_, sha, size) in missing.items():
        if sha and size is not None:
            by_size.setdefault(size, []).append((doc, sha))
    if not by_size:
        return []
    try:
        found = scan(corpus)
    except NksearchError:  # a missing corpus moves nothing; saying so is the caller's job
        return []
    moves: list[tuple[int, str]] = []
    for rel in sorted(found.files):
        if rel in known:
            continue
        try:
            size = (corpus / rel).stat().st_size
        except OSError:
            continue
        waiting = by_size.get(size)
        if not waiting:
            continue
        sha, _ = file_digest(corpus / rel)
        for pair in waiting:
            if pair[1] == sha:
                moves.append((pair[0], rel))
                waiting.remove(pair)
                known.add(rel)
                break
    return moves


def allowed(
    store: Store, *, starred: bool = False, unread: bool = False, tags: Iterable[str] = ()
) -> Callable[[str], bool] | None:
    """A test of a path against mark filters (all must hold), or None without filters."""
    wanted = check_tags(list(tags))
    if not (starred or unread or wanted):
        return None
    marks = marks_of(store)

    def test(path: str) -> bool:
        mine = marks.get(path, NO_MARKS)
        if starred and not mine.starred:
            return False
        if unread and mine.read:
            return False
        return all(tag in mine.tags for tag in wanted)

    return test
