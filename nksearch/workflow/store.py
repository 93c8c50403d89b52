"""The user database: one SQLite file in the index folder, outside the generations.

``user.db`` sits beside ``CURRENT.json``, so a rebuild (a new generation)
never touches it. It runs in WAL mode with foreign keys on and a schema
version in ``PRAGMA user_version``; every change is one ``BEGIN IMMEDIATE``
transaction, so two processes writing at once (the UI and a command) wait
for each other instead of losing a change, and a writer killed at any moment
leaves the database as it was before its transaction or after it.

This module owns the connection and the schema; what the tables mean is in
:mod:`.marks`, :mod:`.saved` and :mod:`.history`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from nksearch.errors import Fix, IndexProblem

DB_NAME = "user.db"
SCHEMA_VERSION = 1
#: How long a writer waits for another one before saying the database is busy.
BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    size INTEGER,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    note TEXT,
    changed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256);
CREATE TABLE IF NOT EXISTS tags (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (document, tag)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags (tag);
CREATE TABLE IF NOT EXISTS saved (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL,
    since TEXT,
    until TEXT,
    source TEXT,
    sort TEXT NOT NULL DEFAULT 'relevance',
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
    saved INTEGER NOT NULL REFERENCES saved (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    PRIMARY KEY (saved, path)
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY,
    query TEXT NOT NULL,
    at TEXT NOT NULL,
    total INTEGER NOT NULL
);
"""


def now_iso() -> str:
    """The current time, ISO 8601 in UTC to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _damaged(path: Path, exc: BaseException) -> IndexProblem:
    return IndexProblem(
        f"the user database {str(path)!r} cannot be read ({exc}); move it away to start a new one",
        path=path,
    )


class Store:
    """An open user database (a context manager; close it when done)."""

    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = Path(index_dir)
        self.path = self.index_dir / DB_NAME
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexProblem(
                f"cannot create index directory {str(self.index_dir)!r}: {exc.strerror}",
                path=self.index_dir,
                fix=Fix.OTHER_INDEX,
            ) from exc
        try:
            self.db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise _damaged(self.path, exc) from exc
        try:
            self._prepare()
        except sqlite3.OperationalError as exc:
            self.db.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise IndexProblem(
                    f"the user database {str(self.path)!r} is busy", path=self.path, fix=Fix.WAIT
                ) from exc
            raise _damaged(self.path, exc) from exc
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise _damaged(self.path, exc) from exc
        except IndexProblem:
            self.db.close()
            raise

    def _prepare(self) -> None:
        db = self.db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise IndexProblem(
                f"the user database {str(self.path)!r} was written by a newer nksearch"
                f" (schema {version}, this one reads {SCHEMA_VERSION})",
                path=self.path,
            )
        with self.write():
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything in it happens, or nothing does.

        ``BEGIN IMMEDIATE`` takes the write lock at once, so a change read and
        written back (tags, seen hits) cannot interleave with another process.
        """
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise IndexProblem(
                f"the user database {str(self.path)!r} is busy", path=self.path, fix=Fix.WAIT
            ) from exc
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise IndexProblem(
                f"cannot write the user database {str(self.path)!r}: {exc}", path=self.path
            ) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Rows of a read-only statement."""
        try:
            return list(self.db.execute(sql, params))
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
