"""The status line and the sync progress bar.

The status line says how many hits the last search found, how long it took,
how many articles the index holds, the sort order and filters in use, and
whether corpus files changed since the last sync. It only displays facts the
app hands it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static


@dataclass(frozen=True)
class Status:
    """Everything the status line shows; None means not known yet."""

    hits: int | None = None
    shown: int = 0
    took_ms: float | None = None
    documents: int | None = None
    sort: str = "relevance"
    filters: str = ""
    stale: int | None = None
    busy: str = ""


class StatusBar(Static):
    """One line of facts about the last search and the index."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-bar--stale",
        "status-bar--fresh",
        "status-bar--dim",
    }

    def __init__(self, *, show_timings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.show_timings = show_timings
        self.status = Status()

    def change(self, **changes: object) -> None:
        """Update some facts and redraw."""
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        self.update(self.render_status())

    def render_status(self) -> Content:
        s = self.status
        parts: list[Content] = []
        if s.busy:
            parts.append(Content(s.busy))
        if s.hits is not None:
            count = f"{s.shown} of {s.hits:,} hits" if s.hits > s.shown else f"{s.hits:,} hits"
            if s.hits == 1:
                count = "1 hit"
            if self.show_timings and s.took_ms is not None:
                count += f" in {s.took_ms:.0f} ms"
            parts.append(Content(count))
        if s.documents is not None:
            parts.append(Content(f"{s.documents:,} articles"))
        parts.append(Content(f"by {s.sort}"))
        if s.filters:
            parts.append(Content(s.filters))
        if s.stale is not None:
            if s.stale:
                word = "file" if s.stale == 1 else "files"
                parts.append(
                    Content.styled(f"{s.stale} {word} changed: ctrl+r", ".status-bar--stale")
                )
            else:
                parts.append(Content.styled("index up to date", ".status-bar--fresh"))
        return Content.styled(" · ", ".status-bar--dim").join(parts)


class SyncBar(Horizontal):
    """Shown while the index syncs with the corpus."""

    def compose(self) -> ComposeResult:
        yield Label("Syncing the index with the corpus", id="sync-label")
        yield ProgressBar(show_eta=False, id="sync-progress")

    def start(self, text: str) -> None:
        self.query_one("#sync-label", Label).update(Content(text))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.display = True

    def advance(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def stop(self) -> None:
        self.display = False
