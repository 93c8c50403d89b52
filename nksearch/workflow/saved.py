"""Saved searches and the hits a person has already seen of each.

A saved search is a name, a query and its options (since, until, source,
sort). The hits it had when it was saved count as seen; so do the hits each
showing of it lists. A hit it finds later (an article added to the corpus
and indexed) is new until it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nksearch.errors import DocumentNotFound, UsageError
from nksearch.workflow.limits import check_name, check_query
from nksearch.workflow.store import Store, now_iso


@dataclass(frozen=True)
class SavedSearch:
    """A search kept under a name, with its options."""

    name: str
    query: str
    since: str | None = None
    until: str | None = None
    source: str | None = None
    sort: str = "relevance"
    created: str = ""

    def options(self) -> dict[str, Any]:
        """The keyword arguments of :meth:`Index.search` it stands for."""
        return {"since": self.since, "until": self.until, "source": self.source,
                "sort": self.sort}  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "query": self.query, **self.options(),
                "created": self.created}  # fmt: skip


_COLUMNS = "name, query, since, until, source, sort, created"


def _saved(row: tuple[object, ...]) -> SavedSearch:
    name, query, since, until, source, sort, created = row
    return SavedSearch(
        str(name), str(query), since and str(since), until and str(until),  # type: ignore[arg-type]
        source and str(source), str(sort), str(created),  # type: ignore[arg-type]
    )  # fmt: skip


def add(store: Store, search: SavedSearch, seen: Iterable[str]) -> SavedSearch:
    """Keep ``search`` under its name, its current hits ``seen``.

    Raises:
        UsageError: a bad name or query, or the name is taken.
    """
    name = check_name(search.name)
    query = check_query(search.query)
    created = now_iso()
    with store.write() as db:
        if db.execute("SELECT 1 FROM saved WHERE name = ?", (name,)).fetchone():
            raise UsageError(f"there is already a saved search {name!r}; remove it first")
        cursor = db.execute(
            f"INSERT INTO saved ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, query, search.since, search.until, search.source, search.sort, created),
        )
        db.executemany(
            "INSERT OR IGNORE INTO seen (saved, path) VALUES (?, ?)",
            [(cursor.lastrowid, path) for path in seen],
        )
    return get(store, name)


def all_saved(store: Store) -> list[SavedSearch]:
    """Every saved search, by name."""
    return [_saved(row) for row in store.query(f"SELECT {_COLUMNS} FROM saved ORDER BY name")]


def get(store: Store, name: str) -> SavedSearch:
    """The saved search called ``name``.

    Raises:
        DocumentNotFound: there is none of that name.
    """
    rows = store.query(f"SELECT {_COLUMNS} FROM saved WHERE name = ?", (name.strip(),))
    if not rows:
        names = [s.name for s in all_saved(store)]
        known = f"; saved searches: {', '.join(names)}" if names else "; none saved yet"
        raise DocumentNotFound(f"no saved search {name!r}{known}")
    return _saved(rows[0])


def remove(store: Store, name: str) -> None:
    """Forget a saved search and what it has seen."""
    get(store, name)
    with store.write() as db:
        db.execute("DELETE FROM saved WHERE name = ?", (name.strip(),))


def seen(store: Store, name: str) -> set[str]:
    """The paths the saved search ``name`` has shown (or had when saved)."""
    rows = store.query(
        "SELECT path FROM seen JOIN saved ON saved.id = seen.saved WHERE saved.name = ?",
        (name.strip(),),
    )
    return {str(row[0]) for row in rows}


def see(store: Store, name: str, paths: Iterable[str]) -> None:
    """Count ``paths`` as seen by the saved search ``name``."""
    with store.write() as db:
        row = db.execute("SELECT id FROM saved WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            return
        db.executemany(
            "INSERT OR IGNORE INTO seen (saved, path) VALUES (?, ?)",
            [(row[0], path) for path in paths],
        )
