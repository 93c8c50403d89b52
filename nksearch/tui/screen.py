"""The search screen: search box, filters, results, preview and status line.

Searches run in a worker thread through the shared
:class:`~nksearch.tui.session.Session`. Typing starts a search at once after a
pause and otherwise waits for a pause (the debounce); Enter searches at once.
Each search carries a sequence number and only the answer to the latest one
is shown, so a slow old search never replaces a newer answer.

Opening and syncing the index belong to the app, which tells this screen
what happened through its public methods.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from nksearch.errors import NksearchError
from nksearch.models import SyncReport
from nksearch.search.filters import SORTS
from nksearch.tui import messages as msg
from nksearch.tui.article import ArticleScreen
from nksearch.tui.filters import FilterBar, Filters
from nksearch.tui.help import empty_corpus_content, missing_corpus_content, welcome_content
from nksearch.tui.keys import bindings
from nksearch.tui.preview import Preview
from nksearch.tui.results import ResultsList
from nksearch.tui.searchbar import ErrorLine, SearchBox, SuggestionLine
from nksearch.tui.session import Answer, Request, Session
from nksearch.tui.status import StatusBar, SyncBar

#: Hits fetched per search at least (more when the list shows more lines);
#: moving past the last one fetches this many more.
PAGE = 10


class ResultsShown(Message, bubble=False):
    """The results of search ``seq`` for ``query`` are on screen."""

    def __init__(self, seq: int, query: str) -> None:
        super().__init__()
        self.seq = seq
        self.query = query


class SearchScreen(Screen[None]):
    """Where people search; the app's first screen."""

    AUTO_FOCUS = "SearchBox"
    BINDINGS: ClassVar[list[BindingType]] = bindings("screen")

    def __init__(
        self, session: Session, *, show_timings: bool, debounce: float, cursor_blink: bool
    ) -> None:
        super().__init__()
        self.session = session
        self.show_timings = show_timings
        self.debounce = debounce
        self.cursor_blink = cursor_blink
        self.ready = False
        self.documents: int | None = None
        self.sort = "relevance"
        self.filters: Filters | None = Filters()
        self.answer: Answer | None = None
        self.seq = 0
        self._limit = PAGE
        self._page = PAGE
        self._last_request: Request | None = None
        self._keep_path: str | None = None
        self._keep_index: int | None = None
        self._timer: Timer | None = None
        self._last_key = 0.0

    def compose(self) -> ComposeResult:
        yield SearchBox(blink=self.cursor_blink, id="search")
        yield FilterBar(id="filters")
        yield ErrorLine(id="error")
        yield SuggestionLine(id="suggestion")
        with Container(id="main", classes="-empty"):
            yield ResultsList(id="results")
            yield Preview(id="preview")
            yield Static(id="placeholder", markup=False)
        yield SyncBar(id="sync")
        yield StatusBar(show_timings=self.show_timings, id="status")
        yield Footer()

    def on_mount(self) -> None:
        for widget in ("#filters", "#error", "#suggestion", "#sync"):
            self.query_one(widget).display = False
        self.results.border_title = "Results"
        self.query_one(Preview).border_title = "Preview"
        self._placeholder(Content("Opening the index…"))
        self.status.change()

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def _placeholder(self, content: Content | None) -> None:
        """Show ``content`` instead of the results, or the results if None."""
        if content is not None and self.results.has_focus:
            self.app.set_focus(self.search_box)
        self.query_one("#main").set_class(content is not None, "-empty")
        if content is not None:
            self.query_one("#placeholder", Static).update(content)

    # -- told by the app -------------------------------------------------------

    def index_ready(self, documents: int) -> None:
        """The index is open: search for whatever was typed meanwhile."""
        self.ready = True
        self.documents = documents
        self.status.change(documents=documents)
        self.search_now(force=True, keep_path=self._selected_path())

    def set_stale(self, files: int) -> None:
        self.status.change(stale=files)

    def sync_started(self, text: str) -> None:
        self.query_one(SyncBar).start(text)
        self.status.change(busy="syncing…")
        if not self.ready:
            self._placeholder(Content(f"{text}…"))

    def sync_progress(self, done: int, total: int) -> None:
        self.query_one(SyncBar).advance(done, total)

    def sync_ended(self) -> None:
        self.query_one(SyncBar).stop()
        self.status.change(busy="")

    def sync_done(self, report: SyncReport, documents: int) -> None:
        self.sync_ended()
        if report.rebuilt and documents:
            self.notify(f"Index built: {documents:,} articles.")
        elif report.changed and not report.rebuilt:
            self.notify(f"Index synced: {report.added} added, {report.updated} updated,"
                        f" {report.removed} removed.")
        if report.skipped:
            self.notify(f"{len(report.skipped)} file(s) could not be read.", severity="warning")
        self.index_ready(documents)

    def sync_failed(self, error: str, *, corpus_missing: bool) -> None:
        self.sync_ended()
        self.show_error(error)
        if corpus_missing:
            self._placeholder(missing_corpus_content(self.session.corpus, error))
        elif not self.ready:
            self._placeholder(Content(f"{error}\n\nPress ctrl+r to try again."))

    def show_error(self, error: str) -> None:
        self.query_one(ErrorLine).show(error)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Show a worker's unexpected error inline; the app keeps running."""
        error = worker.error
        self.show_error(f"unexpected error: {type(error).__name__}: {error}")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    # -- searching -------------------------------------------------------------

    def _first_page(self) -> None:
        """Fetch as many hits as the list shows (snippets cost time per hit)."""
        if self.results.display and self.results.size.height:
            self._page = max(PAGE, self.results.scrollable_content_region.height)
        self._limit = self._page

    @on(Input.Changed, "#search")
    def _query_changed(self) -> None:
        self._first_page()
        self.schedule_search()

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.search_now(force=True)

    def typing_recently(self, seconds: float = 2.0) -> bool:
        return time.monotonic() - self._last_key < seconds

    def schedule_search(self) -> None:
        """Search after a pause in typing; at once for the first key after one."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        now = time.monotonic()
        idle = now - self._last_key >= self.debounce
        self._last_key = now
        if idle:
            self.search_now()
        else:
            self._timer = self.set_timer(self.debounce, self.search_now)

    def search_now(
        self, *, force: bool = False, keep_path: str | None = None, keep_index: int | None = None
    ) -> None:
        """Start a search for what the search box and filters say now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.ready or self.filters is None:
            return
        filters, text = self.filters, self.search_box.value
        request = Request(text, filters.since, filters.until, filters.source, self.sort,
                          self._limit)
        if request == self._last_request and not force:
            return
        self._last_request = request
        self.seq += 1
        self._keep_path, self._keep_index = keep_path, keep_index
        if not text.strip():
            self._show(None)
            return
        self._search_worker(self.seq, request)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, seq: int, request: Request) -> None:
        worker = get_current_worker()
        try:
            answer = self.session.search(request, cancelled=lambda: worker.is_cancelled)
        except NksearchError as exc:
            self.post_message(msg.SearchFailed(seq, self.session.describe(exc)))
            return
        if answer is not None and not worker.is_cancelled:
            self.post_message(msg.SearchDone(seq, answer))
            from nksearch.search.index import SUGGEST_BELOW  # loaded by the search just run

            total = answer.results.total
            if total < SUGGEST_BELOW and not worker.is_cancelled:
                try:
                    suggestion = self.session.suggest(request.text, total)
                except NksearchError:
                    suggestion = None  # the results (or their error) are shown already
                if not worker.is_cancelled:
                    self.post_message(msg.SuggestionFound(seq, suggestion))

    def on_suggestion_found(self, message: msg.SuggestionFound) -> None:
        if message.seq == self.seq and message.suggestion:
            self.query_one(SuggestionLine).show(message.suggestion)

    def on_search_done(self, message: msg.SearchDone) -> None:
        if message.seq == self.seq:  # else an older search: a newer one is on its way
            self._show(message.answer)

    def on_search_failed(self, message: msg.SearchFailed) -> None:
        if message.seq == self.seq:
            self._show(None, error=message.error)

    def _show(self, answer: Answer | None, *, error: str = "") -> None:
        """Put ``answer`` (or the welcome text, or ``error``) on screen."""
        self.answer = answer
        self.show_error(error)
        results = self.results
        self.query_one(SuggestionLine).show(None)  # a did-you-mean follows on its own
        if answer is None:
            results.show((), more=False)
            self.status.change(hits=None, took_ms=None)
            if error:
                self._placeholder(Content("Fix the query above to see results."))
            else:
                self._placeholder(self._idle_content())
        else:
            found = answer.results
            keep = self._keep_index
            if self._keep_path is not None:
                paths = [row.hit.path for row in answer.rows]
                keep = paths.index(self._keep_path) if self._keep_path in paths else None
            results.show(answer.rows, more=found.total > len(found.hits), keep=keep)
            described = self.filters.describe() if self.filters else ""
            self.status.change(hits=found.total, shown=len(found.hits), took_ms=found.took_ms,
                               sort=self.sort, filters=described)
            if found.hits:
                self._placeholder(None)
            elif self.documents == 0:
                self._placeholder(self._idle_content())
            else:
                where = f" ({described})" if described else ""
                self._placeholder(Content(f"No articles match {found.query!r}{where}."))
        self.query_one(Preview).show(results.current)
        shown = ResultsShown(self.seq, answer.request.text if answer else "")
        self.call_after_refresh(self.post_message, shown)

    def _idle_content(self) -> Content:
        if self.documents == 0:
            return empty_corpus_content(self.session.corpus)
        return welcome_content(self.documents or 0)

    def on_results_list_load_more(self) -> None:
        if self.answer is not None:
            self._limit += PAGE
            self.search_now(keep_index=self.results.highlighted)

    def on_results_list_left_top(self) -> None:
        self.app.set_focus(self.search_box)

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self) -> None:
        self.query_one(Preview).show(self.results.current)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self) -> None:
        row = self.results.current
        if row is not None:
            self._document_worker(row.hit.path, self.answer.request.text if self.answer else "")

    def _selected_path(self) -> str | None:
        row = self.results.current
        return row.hit.path if row else None

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _document_worker(self, path: str, query: str) -> None:
        try:
            document = self.session.document(path, query)
        except NksearchError as exc:
            self.post_message(msg.Problem(self.session.describe(exc)))
            return
        self.post_message(msg.DocumentReady(document))

    def on_document_ready(self, message: msg.DocumentReady) -> None:
        self.app.push_screen(ArticleScreen(message.document))

    def on_problem(self, message: msg.Problem) -> None:
        self.show_error(message.error)

    def on_filter_bar_changed(self, message: FilterBar.Changed) -> None:
        self.filters = message.filters
        if message.filters is not None:
            self._first_page()
            self.schedule_search()

    @on(SuggestionLine.Chosen)
    def _suggestion_chosen(self, message: SuggestionLine.Chosen) -> None:
        box = self.search_box
        with box.prevent(Input.Changed):
            box.value = message.suggestion
        box.cursor_position = len(box.value)
        self._first_page()
        self.search_now()

    # -- actions -----------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.app.set_focus(self.search_box)

    def action_focus_results(self) -> None:
        if self.results.rows:
            self.app.set_focus(self.results)

    def action_toggle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.status.change(sort=self.sort)
        self.search_now()

    def action_toggle_filters(self) -> None:
        bar = self.query_one(FilterBar)
        bar.display = not bar.display
        if bar.display:
            self.app.set_focus(self.query_one("#filter-since", Input))
        elif self.focused is None or bar in self.focused.ancestors:
            self.app.set_focus(self.search_box)

    def action_use_suggestion(self) -> None:
        if not self.query_one(SuggestionLine).choose():
            self.app.bell()
