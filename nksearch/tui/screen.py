"""The search screen: search box, filters, results, preview and status line.

Searches run in a worker thread through the shared
:class:`~nksearch.tui.session.Session`. Typing starts a search at once after a
pause and otherwise waits for a pause (the debounce); Enter searches at once.
Each search carries a sequence number and only the answer to the latest one
is shown, so a slow old search never replaces a newer answer. A search that
takes longer than a keystroke says "searching…" in the status line until its
answer arrives. A search that fails for the query already shown (a new sort,
the next page, other filters, a sync) keeps those results on screen and
where the focus was, with the error above them.

Opening and syncing the index belong to the app, which tells this screen
what happened through its public methods.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from nksearch.errors import NksearchError, UsageError
from nksearch.models import SyncReport
from nksearch.search.filters import SORTS
from nksearch.tui import messages as msg
from nksearch.tui.area import ResultsArea
from nksearch.tui.article import ArticleScreen
from nksearch.tui.filters import FilterBar, Filters
from nksearch.tui.help import (
    building_content,
    empty_corpus_content,
    missing_corpus_content,
    no_hits_content,
    search_failed_content,
    sync_notices,
    welcome_content,
)
from nksearch.tui.keys import bindings
from nksearch.tui.results import ResultsList
from nksearch.tui.searchbar import ErrorLine, SearchBox, SuggestionLine
from nksearch.tui.session import Answer, Request, Session
from nksearch.tui.status import StatusBar, SyncBar
from nksearch.tui.story import StoryScreenMixin

#: Hits fetched per search at least (more when the list shows more lines);
#: moving past the last one fetches this many more.
PAGE = 10


class SearchScreen(StoryScreenMixin, Screen[None]):
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
        self._latest: tuple[Worker[None], Request] | None = None  # the latest search
        self._last_key = 0.0
        self.where: dict[str, str] = {}  # facet values chosen in the facet panel

    def compose(self) -> ComposeResult:
        yield SearchBox(blink=self.cursor_blink, id="search")
        yield FilterBar(id="filters")
        yield ErrorLine(id="error")
        yield SuggestionLine(id="suggestion")
        yield from self.story_widgets()
        yield ResultsArea(id="main", classes="-empty")
        yield SyncBar(id="sync")
        yield StatusBar(show_timings=self.show_timings, id="status")
        yield Footer()

    def on_mount(self) -> None:
        for widget in ("#filters", "#error", "#suggestion", "#sync"):
            self.query_one(widget).display = False
        self._placeholder(Content("Opening the index…"))
        self.status.change()

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    @property
    def area(self) -> ResultsArea:
        return self.query_one(ResultsArea)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def _placeholder(self, content: Content) -> None:
        """Show ``content`` instead of the results (the focus leaves the list)."""
        if self.results.has_focus:
            self.app.set_focus(self.search_box)
        self.area.show_text(content)

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
            self._placeholder(building_content(text, self.session.corpus))

    def sync_progress(self, done: int, total: int) -> None:
        self.query_one(SyncBar).advance(done, total)

    def sync_ended(self) -> None:
        self.query_one(SyncBar).stop()
        self.status.change(busy="")

    def sync_done(self, report: SyncReport, documents: int) -> None:
        self.sync_ended()
        for text, severity in sync_notices(report, documents):
            self.notify(text, severity=severity)
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
        error = f"unexpected error: {type(worker.error).__name__}: {worker.error}"
        latest = self._latest
        if latest is not None and worker is latest[0]:
            self._search_failed(latest[1], error)
        elif worker.group != "search":  # else an older search: a newer one is on its way
            self.show_error(error)

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

    @property
    def search_pending(self) -> bool:
        """Whether a search waits for the end of a pause in typing."""
        return self._timer is not None

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
                          self._limit, self.story_where(), filters.starred, filters.unread,
                          filters.tag)
        if request == self._last_request and not force:
            return
        self._last_request = request
        self.seq += 1
        self._keep_path, self._keep_index = keep_path, keep_index
        if not text.strip():
            self._search_over()
            self._show(None)
            return
        self._latest = (self._search_worker(self.seq, request), request)
        self.status.search_started()

    def on_status_bar_still_searching(self) -> None:
        latest = self._latest
        if latest is not None and self.area.text is not None:  # no results shown
            self._placeholder(Content(f"Searching for {latest[1].text!r}…"))

    def _search_over(self) -> None:
        """The latest search has its answer (or has none to wait for)."""
        self._latest = None
        self.status.search_over()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, seq: int, request: Request) -> None:
        worker = get_current_worker()
        try:
            answer = self.session.search(request, cancelled=lambda: worker.is_cancelled)
        except NksearchError as exc:
            error = self.session.describe(exc)
            query_error = isinstance(exc, UsageError)  # a bad query, date or source
            self.post_message(msg.SearchFailed(seq, request, error, query_error=query_error))
            return
        if answer is not None and not worker.is_cancelled:
            self.post_message(msg.SearchDone(seq, answer))
            # The core decides whether a did-you-mean is worth offering (few
            # hits, or a word no article has); results are on screen first.
            if not worker.is_cancelled:
                try:
                    suggestion = self.session.suggest(request.text, answer.results.total)
                except NksearchError:
                    suggestion = None  # the results (or their error) are shown already
                if not worker.is_cancelled:
                    self.post_message(msg.SuggestionFound(seq, suggestion))

    def on_suggestion_found(self, message: msg.SuggestionFound) -> None:
        if message.seq == self.seq and message.suggestion:
            self.query_one(SuggestionLine).show(message.suggestion)

    def on_search_done(self, message: msg.SearchDone) -> None:
        if message.seq == self.seq:  # else an older search: a newer one is on its way
            self._search_over()
            self._show(message.answer)

    def on_search_failed(self, message: msg.SearchFailed) -> None:
        if message.seq == self.seq:
            self._search_failed(message.request, message.error, query_error=message.query_error)

    def _search_failed(self, request: Request, error: str, *, query_error: bool = False) -> None:
        """Show why the latest search failed.

        When the results on screen answer the same text (the search was a new
        sort, the next page, other filters or a re-search after a sync), they
        stay, and so does the focus; the screen goes back to their sort and
        page, so ``s`` or Down tries again.
        """
        self._search_over()
        shown = self.answer
        if shown is None or shown.request.text != request.text:
            self._show(None, error=error, query_error=query_error)
            return
        self.sort = shown.request.sort
        self._limit = shown.request.limit
        self._last_request = shown.request
        self.status.change(sort=self.sort)
        self.show_error(error)

    def _show(self, answer: Answer | None, *, error: str = "", query_error: bool = True) -> None:
        """Put ``answer`` (or the welcome text, or ``error``) on screen."""
        self.answer = answer
        self.show_error(error)
        self.query_one(SuggestionLine).show(None)  # a did-you-mean follows on its own
        if answer is None:
            self.status.change(hits=None, took_ms=None, notes=())
            if error:
                self._placeholder(search_failed_content(query_error=query_error))
            else:
                self._placeholder(self._idle_content())
        else:
            found = answer.results
            described = self.filters.describe() if self.filters else ""
            described = self.story_described(described)
            self.status.change(hits=found.total, shown=len(found.hits), took_ms=found.took_ms,
                               sort=self.sort, filters=described, notes=found.notes)
            if found.hits:
                self.area.show_rows(answer.rows, more=found.total > len(found.hits),
                                    keep_index=self._keep_index, keep_path=self._keep_path)
            elif self.documents == 0:
                self._placeholder(self._idle_content())
            else:
                self._placeholder(no_hits_content(found.query, described))
        self.story_refresh(answer)
        shown = msg.ResultsShown(self.seq, answer.request.text if answer else "")
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
