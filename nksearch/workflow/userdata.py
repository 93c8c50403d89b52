"""One person's data beside an index: marks, saved searches and history, in one object.

:class:`UserData` opens the user database of an index folder (see
:mod:`.store`) and, given the corpus, first moves the marks of renamed or
moved files to their new paths. It is what the public API hands the front
ends; the rules live in :mod:`.marks`, :mod:`.saved` and :mod:`.history`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from nksearch.documents.corpus import resolve_document
from nksearch.errors import UsageError
from nksearch.workflow import history as _history
from nksearch.workflow import marks as _marks
from nksearch.workflow import saved as _saved
from nksearch.workflow.history import HistoryEntry
from nksearch.workflow.marks import MarkChange, Marks
from nksearch.workflow.saved import SavedSearch
from nksearch.workflow.store import Store


class UserData:
    """The user database of ``index_dir`` (a context manager).

    Args:
        index_dir: The index folder; the database is ``user.db`` in it.
        corpus_dir: The corpus, to mark files by path and follow moved ones.
        follow: Move marks of renamed or moved files first (costs a corpus
            scan while a marked file is missing; a UI searching as you type
            leaves it to its marking).
    """

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        corpus_dir: str | os.PathLike[str] | None = None,
        *,
        follow: bool = True,
    ) -> None:
        self.store = Store(Path(index_dir))
        self.corpus = Path(corpus_dir) if corpus_dir is not None else None
        try:
            if follow and self.corpus is not None and self.corpus.is_dir():
                self.moved = _marks.follow_moves(self.store, self.corpus)
            else:
                self.moved = []
        except BaseException:
            self.store.close()
            raise

    def marks(self, paths: Iterable[str] | None = None) -> dict[str, Marks]:
        """The marks of ``paths`` (of every marked document when None); unmarked ones left out."""
        return _marks.marks_of(self.store, paths)

    def mark(self, paths: Iterable[str], change: MarkChange) -> dict[str, Marks]:
        """Change the marks of documents, given by corpus path (or a path into the corpus).

        Raises:
            UsageError: a path outside the corpus or not in it, a bad tag or note.
        """
        if self.corpus is None:
            raise UsageError("marking documents needs the corpus folder")
        names = [resolve_document(self.corpus, path)[1] for path in paths]
        if not names:
            raise UsageError("name at least one document to mark")
        return _marks.apply(self.store, self.corpus.resolve(), names, change)

    def filter(
        self, *, starred: bool = False, unread: bool = False, tags: Iterable[str] = ()
    ) -> Callable[[str], bool] | None:
        """A test of paths against mark filters (all must hold); None without filters."""
        return _marks.allowed(self.store, starred=starred, unread=unread, tags=tags)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use and how many documents have it, most first."""
        rows = self.store.query(
            "SELECT tag, count(*) AS n FROM tags GROUP BY tag ORDER BY n DESC, tag"
        )
        return [(str(tag), int(n)) for tag, n in rows]  # type: ignore[call-overload]

    def save(self, search: SavedSearch, seen: Iterable[str] = ()) -> SavedSearch:
        """Keep a search under its name; ``seen`` are the hits it has now."""
        return _saved.add(self.store, search, seen)

    def saved(self, name: str | None = None) -> list[SavedSearch]:
        """Every saved search, or the one called ``name`` (DocumentNotFound if none)."""
        if name is not None:
            return [_saved.get(self.store, name)]
        return _saved.all_saved(self.store)

    def remove_saved(self, name: str) -> None:
        _saved.remove(self.store, name)

    def seen(self, name: str) -> set[str]:
        return _saved.seen(self.store, name)

    def see(self, name: str, paths: Iterable[str]) -> None:
        _saved.see(self.store, name, paths)

    def record(self, query: str, total: int) -> None:
        """Add a query to the history (nothing when ``NKSEARCH_HISTORY=0``)."""
        _history.record(self.store, query, total)

    def history(self, limit: int = 20) -> list[HistoryEntry]:
        """The latest queries, newest first."""
        if limit < 1:
            raise UsageError("limit must be at least 1")
        return _history.entries(self.store, limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> UserData:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
