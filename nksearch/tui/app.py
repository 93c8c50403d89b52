"""The nksearch terminal UI: search as you type, read articles, keep the index fresh.

:func:`make_app` builds the app for a corpus and an index folder; the CLI and
the tests both use it. The app owns the index's life: it opens it in a worker
after the first paint (building it from the corpus when there is none), syncs
it on ctrl+r with a progress bar, and checks now and then for corpus files
changed since the last sync. Searching and reading happen on the
:class:`~nksearch.tui.screen.SearchScreen`. Every index call runs in a worker
thread through one :class:`~nksearch.tui.session.Session`, which serialises
them. Marks, history, saved searches, export and noticing syncs made by
another process come from :class:`~nksearch.tui.workflow.WorkflowApp`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from nksearch.errors import CorpusError, IndexProblem, NksearchError
from nksearch.tui import messages as msg
from nksearch.tui.help import HelpScreen
from nksearch.tui.keys import bindings
from nksearch.tui.screen import SearchScreen
from nksearch.tui.session import Session
from nksearch.tui.workflow import WorkflowApp


class NksearchApp(WorkflowApp):
    """Full-text search over a folder of Indonesian news articles."""

    CSS_PATH = "nksearch.tcss"
    TITLE = "nksearch"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        corpus: Path,
        index: Path,
        *,
        show_timings: bool = True,
        debounce: float = 0.15,
        stale_interval: float | None = 15.0,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = Session(corpus, index)
        self.stale_interval = stale_interval
        self.search_screen = SearchScreen(
            self.session, show_timings=show_timings, debounce=debounce, cursor_blink=cursor_blink
        )
        self.syncing = False
        self._generation = 0

    def get_default_screen(self) -> Screen:
        return self.search_screen

    def on_mount(self) -> None:
        self.call_after_refresh(self._open_index)
        if self.stale_interval:
            self.set_interval(self.stale_interval, self.check_stale)

    def on_unmount(self) -> None:
        self.session.close()

    # -- opening the index -------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _open_index(self) -> None:
        try:
            documents = self.session.open()
        except IndexProblem as exc:
            self.post_message(msg.IndexMissing(self.session.describe(exc)))
            return
        self.post_message(msg.IndexReady(documents))
        self.post_message(msg.StaleChecked(self.session.stale()))

    def on_index_missing(self, _message: msg.IndexMissing) -> None:
        self._start_sync("Building the index")

    def on_index_ready(self, message: msg.IndexReady) -> None:
        self.search_screen.index_ready(message.documents)

    # -- syncing -------------------------------------------------------------------

    def _start_sync(self, text: str) -> None:
        if self.syncing:
            self.notify("The index is already syncing.")
            return
        self.syncing = True
        self._generation += 1
        self.search_screen.sync_started(text)
        self._sync()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self) -> None:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done >= total or now - last > 0.05:
                last = now
                self.post_message(msg.SyncProgress(done, total))

        try:
            report, documents = self.session.sync(progress)
        except CorpusError as exc:
            self.post_message(msg.SyncFailed(self.session.describe(exc), corpus_missing=True))
            return
        except NksearchError as exc:
            self.post_message(msg.SyncFailed(self.session.describe(exc)))
            return
        self.post_message(msg.SyncDone(report, documents))
        if not get_current_worker().is_cancelled:
            self.post_message(msg.StaleChecked(self.session.stale()))

    def on_sync_progress(self, message: msg.SyncProgress) -> None:
        self.search_screen.sync_progress(message.done, message.total)

    def on_sync_done(self, message: msg.SyncDone) -> None:
        self._sync_over()
        self.search_screen.sync_done(message.report, message.documents)

    def on_sync_failed(self, message: msg.SyncFailed) -> None:
        self._sync_over()
        self.search_screen.sync_failed(message.error, corpus_missing=message.corpus_missing)

    def _sync_over(self) -> None:
        self.syncing = False
        self._generation += 1

    # -- changed files ----------------------------------------------------------------

    def check_stale(self, *, now: bool = False) -> None:
        """Count corpus files changed since the last sync (in a worker).

        Unless ``now``, skipped while someone is typing: the scan holds the
        index for a moment.
        """
        screen = self.search_screen
        if screen.ready and not self.syncing and (now or not screen.typing_recently()):
            self._stale_worker(self._generation)

    @work(thread=True, exclusive=True, group="stale", exit_on_error=False)
    def _stale_worker(self, generation: int) -> None:
        files = self.session.stale()
        if generation == self._generation:
            self.post_message(msg.StaleChecked(files))

    def on_stale_checked(self, message: msg.StaleChecked) -> None:
        if not self.syncing:
            self.search_screen.set_stale(len(message.files))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show an unexpected failure of any worker inline, never as a crash."""
        if event.state != WorkerState.ERROR:
            return
        self.search_screen.worker_failed(event.worker)
        if event.worker.group == "sync":
            self._sync_over()
            self.search_screen.sync_ended()

    # -- actions -------------------------------------------------------------------------

    def _to_search_screen(self) -> None:
        while self.screen is not self.search_screen and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_focus_search(self) -> None:
        self._to_search_screen()
        self.search_screen.action_focus_search()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_resync(self) -> None:
        self._start_sync("Syncing the index with the corpus")

    def action_toggle_sort(self) -> None:
        self._to_search_screen()
        self.search_screen.action_toggle_sort()

    def action_toggle_filters(self) -> None:
        self._to_search_screen()
        self.search_screen.action_toggle_filters()

    def action_use_suggestion(self) -> None:
        self._to_search_screen()
        self.search_screen.action_use_suggestion()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Go to the search box (/)", self.action_focus_search)
        yield SystemCommand("Sync index", "Re-read changed corpus files (ctrl+r)",
                            self.action_resync)
        yield SystemCommand("Toggle sort", "Sort by relevance or by date (s)",
                            self.action_toggle_sort)
        yield SystemCommand("Filters", "Show or hide the date and source filters (f)",
                            self.action_toggle_filters)
        yield SystemCommand("Did you mean", "Search for the suggested spelling (ctrl+s)",
                            self.action_use_suggestion)
        yield SystemCommand("Help", "Keys and query syntax (F1)", self.action_help)
        yield from self.workflow_commands()


def make_app(
    corpus: Path,
    index: Path,
    *,
    show_timings: bool = True,
    debounce: float = 0.15,
    stale_interval: float | None = 15.0,
    cursor_blink: bool = True,
) -> NksearchApp:
    """The search UI for ``corpus`` and its index in ``index``.

    Args:
        corpus: Folder of ``.txt``/``.md`` articles.
        index: Folder holding (or to hold) the index; built on first start.
        show_timings: Show how long each search took (tests turn this off).
        debounce: Seconds of typing pause before a search runs.
        stale_interval: Seconds between checks for changed corpus files, or None.
        cursor_blink: Blink the search box cursor (snapshot tests turn this off).
    """
    return NksearchApp(
        Path(corpus),
        Path(index),
        show_timings=show_timings,
        debounce=debounce,
        stale_interval=stale_interval,
        cursor_blink=cursor_blink,
    )
