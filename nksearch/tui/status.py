"""The status line and the sync progress bar.

The status line says whether a search is running, how many hits the last
search found, how long it took, how many articles the index holds, the sort
order and filters in use, and whether corpus files changed since the last
sync. The sync bar shows how far a sync got and for how long it has run.
Both only display facts the app hands them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, ProgressBar, Static

#: Seconds a search runs before the status line says "searching…".
SLOW_SEARCH = 0.15


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
    searching: bool = False
    notes: tuple[str, ...] = ()


class StatusBar(Static):
    """One line of facts about the last search and the index."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-bar--stale",
        "status-bar--fresh",
        "status-bar--dim",
        "status-bar--busy",
    }

    class StillSearching(Message):
        """The latest search has been running for longer than a keystroke."""

    def __init__(self, *, show_timings: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.show_timings = show_timings
        self.status = Status()
        self._slow: Timer | None = None

    def change(self, **changes: object) -> None:
        """Update some facts and redraw."""
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        self.update(self.render_status())

    def search_started(self) -> None:
        """A search started: say "searching…" if it is still running after a keystroke."""
        if self.status.searching:
            self.post_message(self.StillSearching())  # a newer search, as slow
        elif self._slow is None:
            self._slow = self.set_timer(SLOW_SEARCH, self._still_searching)

    def search_over(self) -> None:
        """The latest search has its answer, or there is none to wait for."""
        if self._slow is not None:
            self._slow.stop()
            self._slow = None
        if self.status.searching:
            self.change(searching=False)

    def _still_searching(self) -> None:
        self._slow = None
        self.change(searching=True)
        self.post_message(self.StillSearching())

    def render_status(self) -> Content:
        s = self.status
        parts: list[Content] = []
        if s.searching:
            parts.append(Content.styled("searching…", ".status-bar--busy"))
        if s.busy:
            parts.append(Content(s.busy))
        if s.hits is not None:
            count = f"{s.shown} of {s.hits:,} hits" if s.hits > s.shown else f"{s.hits:,} hits"
            if s.hits == 1:
                count = "1 hit"
            if self.show_timings and s.took_ms is not None:
                count += f" in {s.took_ms:.0f} ms"
            parts.append(Content(count))
        parts.extend(Content.styled(note, ".status-bar--stale") for note in s.notes)
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
    """Shown while the index syncs with the corpus, with the time it has taken.

    The core reports its progress in files, so the bar gives the share done;
    the seconds keep counting through the last steps, which it does not
    measure (saving a large index takes a while at 99%).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.total: int | None = None
        self._started = 0.0
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label("Syncing the index with the corpus", id="sync-label")
        yield ProgressBar(show_eta=False, id="sync-progress")
        yield Label(id="sync-time")

    def start(self, text: str) -> None:
        self.text = text
        self.total = None
        self._started = time.monotonic()
        self.query_one(ProgressBar).update(total=None, progress=0)
        self._tick()
        if self._ticker is None:
            self._ticker = self.set_interval(1.0, self._tick)
        self.display = True

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` files are through."""
        if total != self.total:
            self.total = total
            self._tick()
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.display = False

    @property
    def label(self) -> str:
        """The text beside the bar."""
        return str(self.query_one("#sync-label", Label).content)

    def _tick(self) -> None:
        files = f" ({self.total:,} files)" if self.total else ""
        self.query_one("#sync-label", Label).update(Content(f"{self.text}{files}"))
        seconds = int(time.monotonic() - self._started)
        self.query_one("#sync-time", Label).update(Content(f"{seconds // 60}:{seconds % 60:02d}"))
