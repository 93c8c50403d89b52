"""Plain, frozen data objects passed between the core and the front ends.

Nothing here knows about Whoosh, Typer or Textual: the CLI and the TUI only ever
receive these dataclasses. This module does no I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One corpus file, decoded and cleaned.

    Attributes:
        path: Path relative to the corpus root, with forward slashes.
        title: The headline (never a photo caption or a site menu).
        date: Publication date as ``YYYY-MM-DD``, or None when the page has none.
        source: The outlet named by the text (e.g. ``SINDOnews``), or None.
        body: The article text with site chrome and teaser lists removed.
        raw: The decoded file text, unmodified.
    """

    path: str
    title: str
    date: str | None
    source: str | None
    body: str
    raw: str


@dataclass(frozen=True)
class Skipped:
    """A corpus file that could not be indexed, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Also:
    """Another article of the same story (a near duplicate) folded into a hit."""

    path: str
    title: str
    date: str | None
    source: str | None


@dataclass(frozen=True)
class Hit:
    """One ranked search result.

    ``matches`` holds ``(start, end)`` character offsets into ``snippet``.
    ``also`` is None unless the search grouped near duplicates; then it lists
    the group's other matching articles (see ``Index.search(group=True)``).
    """

    path: str
    title: str
    date: str | None
    source: str | None
    score: float
    snippet: str
    matches: tuple[tuple[int, int], ...]
    also: tuple[Also, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["matches"] = [list(m) for m in self.matches]
        if self.also is None:
            del data["also"]
        return data


#: The facets of a search, in the order they are listed.
FACET_KINDS = ("source", "month", "person", "place", "organization")


@dataclass(frozen=True)
class Facets:
    """Counts of matching documents by outlet, month and the names they mention.

    Each is a tuple of ``(value, documents)``, most documents first (ties by
    value); ``month`` values are ``YYYY-MM``.
    """

    source: tuple[tuple[str, int], ...] = ()
    month: tuple[tuple[str, int], ...] = ()
    person: tuple[tuple[str, int], ...] = ()
    place: tuple[tuple[str, int], ...] = ()
    organization: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {kind: [list(pair) for pair in getattr(self, kind)] for kind in FACET_KINDS}


@dataclass(frozen=True)
class Timeline:
    """Matching documents counted by period (``day``, ``week``, ``month`` or ``year``).

    ``buckets`` are ``(period, documents)`` in time order, empty periods
    between the first and the last included; ``undated`` counts matching
    documents without a date.
    """

    query: str
    by: str
    buckets: tuple[tuple[str, int], ...]
    undated: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "by": self.by,
            "buckets": [list(b) for b in self.buckets],
            "undated": self.undated,
        }


@dataclass(frozen=True)
class Results:
    """The answer to one query.

    ``notes`` say where the search differs from what was asked, one
    sentence each (e.g. a fuzzy word's edits capped at two).
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    took_ms: float
    suggestion: str | None = None
    notes: tuple[str, ...] = ()
    #: Counts over all matching documents, when asked for (``facets=True``).
    facets: Facets | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "query": self.query,
            "total": self.total,
            "took_ms": round(self.took_ms, 3),
            "suggestion": self.suggestion,
            "notes": list(self.notes),
            "hits": [hit.to_dict() for hit in self.hits],
        }
        if self.facets is not None:
            data["facets"] = self.facets.to_dict()
        return data


@dataclass(frozen=True)
class SyncReport:
    """What one sync of the index against the corpus did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    rebuilt: bool = False
    reason: str | None = None
    took_ms: float = 0.0
    #: Files indexed with a caveat, e.g. front matter read as text (path, why).
    warnings: tuple[Skipped, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


@dataclass(frozen=True)
class AddReport:
    """What adding files did: the names copied into the corpus, and the sync after."""

    copied: tuple[str, ...]
    sync: SyncReport


@dataclass(frozen=True)
class Outlet:
    """A news outlet an index knows, and how many of its documents it holds."""

    name: str
    documents: int


@dataclass(frozen=True)
class Stats:
    """A summary of an index and how it relates to its corpus.

    ``last_sync`` is an ISO 8601 time with its UTC offset; ``outlets`` are
    listed most documents first.
    """

    documents: int
    index_bytes: int
    corpus_bytes: int
    last_sync: str | None
    stale: tuple[str, ...]
    corpus: str
    index: str
    outlets: tuple[Outlet, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stale"] = list(self.stale)
        data["outlets"] = [asdict(outlet) for outlet in self.outlets]
        return data
