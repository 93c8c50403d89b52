"""Searches that know the user's marks: mark filters, saved searches and their new hits.

An index answers a query; this module narrows the answer to starred,
unread or tagged documents, and runs saved searches to count and show the
hits they had not seen. A filter needs every hit of the query, so a filtered
search asks the index for all of them and keeps the first ``limit`` that pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from nksearch.models import Results
from nksearch.search.index import Index
from nksearch.workflow.saved import SavedSearch
from nksearch.workflow.userdata import UserData


@dataclass(frozen=True)
class SavedStatus:
    """A saved search as it stands: its hits now and how many are new."""

    search: SavedSearch
    total: int
    new: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.search.name, "query": self.search.query, "total": self.total,
                "new": self.new}  # fmt: skip


def search(
    idx: Index,
    user: UserData,
    text: str,
    *,
    limit: int = 10,
    starred: bool = False,
    unread: bool = False,
    tags: tuple[str, ...] | list[str] = (),
    **options: Any,
) -> Results:
    """``idx.search`` narrowed to documents whose marks pass the filters."""
    keep = user.filter(starred=starred, unread=unread, tags=tags)
    results = idx.search(text, limit=limit, **options)
    if keep is None:
        return results
    if results.total > len(results.hits):
        results = idx.search(text, limit=results.total, **options)
    passing = [hit for hit in results.hits if keep(hit.path)]
    return replace(results, hits=tuple(passing[:limit]), total=len(passing))


def every_hit(idx: Index, text: str, options: dict[str, Any]) -> Results:
    """All hits of a query (snippets and all)."""
    first = idx.search(text, limit=10, suggest=False, **options)
    if first.total <= len(first.hits):
        return first
    return idx.search(text, limit=first.total, suggest=False, **options)


def save(idx: Index, user: UserData, search_: SavedSearch) -> SavedStatus:
    """Keep a search (checked by running it); its hits now count as seen."""
    found = every_hit(idx, search_.query, search_.options())
    kept = user.save(search_, (hit.path for hit in found.hits))
    return SavedStatus(kept, found.total, 0)


def status(idx: Index, user: UserData) -> list[SavedStatus]:
    """Every saved search with its number of hits and of hits not yet seen."""
    statuses = []
    for kept in user.saved():
        found = every_hit(idx, kept.query, kept.options())
        seen = user.seen(kept.name)
        new = sum(1 for hit in found.hits if hit.path not in seen)
        statuses.append(SavedStatus(kept, found.total, new))
    return statuses


def show(
    idx: Index, user: UserData, name: str, *, limit: int = 10
) -> tuple[SavedSearch, Results, frozenset[str]]:
    """Run a saved search: ``(search, results, new paths among the hits)``.

    New hits come first, then the rest in the search's own order; the hits
    shown count as seen from now on.
    """
    kept = user.saved(name)[0]
    found = every_hit(idx, kept.query, kept.options())
    seen = user.seen(kept.name)
    fresh = [hit for hit in found.hits if hit.path not in seen]
    old = [hit for hit in found.hits if hit.path in seen]
    shown = tuple((fresh + old)[:limit])
    user.see(kept.name, (hit.path for hit in shown))
    new = frozenset(hit.path for hit in shown if hit.path not in seen)
    return kept, replace(found, hits=shown), new
