"""The research workflow in the UI: marks, tags and notes, history, saved searches, export.

:class:`WorkflowApp` is the base of the search app. Its actions mark the
selected result (or the open article) starred or read, add or remove tags
and write a note through a small input; opening an article marks it read.
Up in an empty search box walks back through the history; ``ctrl+o`` lists
the saved searches with their new hits; the command palette exports the
current results to a CSV or Markdown file it names. It also notices when
the index changed underneath the UI (``nksearch watch`` or another
command synced it) and shows the new results and status without ``ctrl+r``.
Every use of the user database or the index runs in a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import Input

from nksearch.errors import NksearchError, UsageError
from nksearch.indexing.layout import META
from nksearch.tui import messages as msg
from nksearch.tui.article import ArticleScreen
from nksearch.tui.filters import FilterBar
from nksearch.tui.panels import PromptScreen, SavedScreen
from nksearch.tui.session import Request, display_text, one_line
from nksearch.workflow import export
from nksearch.workflow.limits import MAX_NOTE, MAX_TAG
from nksearch.workflow.marks import NO_MARKS, MarkChange, Marks
from nksearch.workflow.saved import SavedSearch
from nksearch.workflow.searching import SavedStatus, every_hit, save, show, status

if TYPE_CHECKING:
    from nksearch.tui.screen import SearchScreen
    from nksearch.tui.session import Session

#: Seconds between looks at whether the index changed underneath the UI.
INDEX_CHECK_INTERVAL = 1.0


class MarksChanged(Message, bubble=False):
    def __init__(self, path: str, marks: Marks, said: str) -> None:
        super().__init__()
        self.path, self.marks, self.said = path, marks, said


class SavedReady(Message, bubble=False):
    def __init__(self, statuses: list[SavedStatus]) -> None:
        super().__init__()
        self.statuses = statuses


class Done(Message, bubble=False):
    """A workflow worker finished: what to say, and whether to search again."""

    def __init__(self, said: str, *, error: bool = False, research: bool = False) -> None:
        super().__init__()
        self.said, self.error, self.research = said, error, research


class IndexChanged(Message, bubble=False):
    def __init__(self, documents: int) -> None:
        super().__init__()
        self.documents = documents


def said(what: str, marks: Marks) -> str:
    """What a change of marks did, in a few words."""
    if what == "starred":
        return "★ Starred" if marks.starred else "Unstarred"
    if what == "read":
        return "Marked read" if marks.read else "Marked unread"
    if what == "tags":
        return f"Tags: {', '.join(marks.tags)}" if marks.tags else "No tags"
    return "Note saved" if marks.note else "Note removed"


def tag_change(text: str) -> MarkChange:
    """``a, b, -c``: add a and b, remove c."""
    words = [word.strip() for word in text.split(",") if word.strip()]
    add = tuple(word for word in words if not word.startswith("-"))
    remove = tuple(word[1:] for word in words if word.startswith("-"))
    return MarkChange(add_tags=add, remove_tags=remove)


class WorkflowApp(App[None]):
    """Marks, history, saved searches, export and live refresh for the search app."""

    session: Session
    search_screen: SearchScreen
    syncing: bool

    def __init__(self) -> None:
        super().__init__()
        self._index_stamp: tuple[int, int, int] | None = None
        self._history: list[str] = []
        self._recalled: tuple[int, str] | None = None

    def on_mount(self) -> None:
        self._index_stamp = self._stamp()
        self.set_interval(INDEX_CHECK_INTERVAL, self._check_index)

    # -- the selected document -------------------------------------------------

    def _current(self) -> tuple[str, Marks] | None:
        """The open article's path, or the selected result's, with its marks as shown."""
        if isinstance(self.screen, ArticleScreen):
            return self.screen.document.article.path, NO_MARKS
        if self.screen is self.search_screen:
            row = self.search_screen.results.current
            if row is not None:
                return row.hit.path, row.marks
        return None

    def _mark(self, change: Any, said: str = "") -> None:
        current = self._current()
        if current is None:
            self.bell()
            return
        self._mark_worker(current[0], change, said)

    @work(thread=True, group="marks", exit_on_error=False)
    def _mark_worker(self, path: str, change: Any, said: str) -> None:
        """Apply ``change`` (a MarkChange, or a function of the marks now giving one)."""
        try:
            with self.session.user() as user:
                now = user.marks([path]).get(path, NO_MARKS)
                wanted = change(now) if callable(change) else change
                marks = user.mark([path], wanted).get(path, NO_MARKS)
        except NksearchError as exc:
            self.post_message(Done(self.session.describe(exc), error=True))
            return
        self.post_message(MarksChanged(path, marks, said))

    def on_marks_changed(self, message: MarksChanged) -> None:
        if message.said:
            self.notify(one_line(display_text(said(message.said, message.marks))), markup=False)
        self._research()

    def _research(self) -> None:
        screen = self.search_screen
        if screen.answer is not None:
            screen.search_now(force=True, keep_index=screen.results.highlighted)

    def action_toggle_star(self) -> None:
        self._mark(lambda m: MarkChange(starred=not m.starred), "starred")

    def action_toggle_read(self) -> None:
        self._mark(lambda m: MarkChange(read=not m.read), "read")

    def action_edit_tags(self) -> None:
        current = self._current()
        if current is None:
            self.bell()
            return

        def done(text: str | None) -> None:
            if text:
                self._mark(tag_change(text), "tags")

        shown = ", ".join(current[1].tags)
        title = f"Tags (now: {shown or 'none'}); a, b adds, -a removes"
        self.push_screen(PromptScreen(title, max_length=MAX_TAG * 4), done)

    def action_edit_note(self) -> None:
        current = self._current()
        if current is None:
            self.bell()
            return

        def done(text: str | None) -> None:
            if text is not None:
                change = MarkChange(note=text) if text.strip() else MarkChange(clear_note=True)
                self._mark(change, "note")

        note = current[1].note or ""
        self.push_screen(PromptScreen("Note", value=note, max_length=MAX_NOTE), done)

    def on_article_opened(self, message: msg.ArticleOpened) -> None:
        answer = self.search_screen.answer
        total = answer.results.total if answer is not None else 0
        self._opened_worker(message.path, message.query, total)

    @work(thread=True, group="marks", exit_on_error=False)
    def _opened_worker(self, path: str, query: str, total: int) -> None:
        try:
            with self.session.user() as user:
                marks = user.mark([path], MarkChange(read=True)).get(path, NO_MARKS)
                if query.strip():
                    user.record(query, total)
        except NksearchError as exc:
            self.post_message(Done(self.session.describe(exc), error=True))
            return
        self.post_message(MarksChanged(path, marks, ""))

    # -- history -----------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and event.value.strip():
            self._record_worker(event.value)

    @work(thread=True, group="history", exit_on_error=False)
    def _record_worker(self, text: str) -> None:
        try:
            answer = self.session.search(Request(text, limit=1))
            with self.session.user() as user:
                user.record(text, answer.results.total if answer else 0)
        except NksearchError:
            return  # a query that fails is not worth remembering; its error is shown

    def action_history_back(self) -> None:
        box = self.search_screen.search_box
        if box.value and (self._recalled is None or box.value != self._recalled[1]):
            return  # Up means history only in an empty box (or while walking it)
        if not box.value:
            try:
                with self.session.user() as user:
                    self._history = [entry.query for entry in user.history(100)]
            except NksearchError as exc:
                self.notify(self.session.describe(exc), severity="error", markup=False)
                return
            self._recalled = None
        position = self._recalled[0] + 1 if self._recalled else 0
        if position >= len(self._history):
            self.bell()
            return
        self._recalled = (position, self._history[position])
        box.value = self._history[position]
        box.cursor_position = len(box.value)

    # -- saved searches -----------------------------------------------------------

    def action_saved_searches(self) -> None:
        if self.search_screen.ready:
            self._saved_worker()

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def _saved_worker(self) -> None:
        try:
            with self.session.borrow() as idx, self.session.user() as user:
                found = status(idx, user)
        except NksearchError as exc:
            self.post_message(Done(self.session.describe(exc), error=True))
            return
        self.post_message(SavedReady(found))

    def on_saved_ready(self, message: SavedReady) -> None:
        if not isinstance(self.screen, SavedScreen):
            self.push_screen(SavedScreen(message.statuses), self._saved_chosen)

    def _saved_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        what, name = choice
        if what == "add":
            self.push_screen(PromptScreen("Save the current search as"), self._save_named)
        elif what == "remove":
            self._saved_change_worker("remove", name, None)
        else:
            self._saved_change_worker("run", name, None)

    def _save_named(self, name: str | None) -> None:
        if name:
            screen = self.search_screen
            filters = screen.filters
            kept = SavedSearch(name, screen.search_box.value, filters.since if filters else None,
                               filters.until if filters else None,
                               filters.source if filters else None, screen.sort)  # fmt: skip
            self._saved_change_worker("add", name, kept)

    @work(thread=True, group="saved", exit_on_error=False)
    def _saved_change_worker(self, what: str, name: str, kept: SavedSearch | None) -> None:
        try:
            with self.session.borrow() as idx, self.session.user() as user:
                if what == "add" and kept is not None:
                    done = save(idx, user, kept)
                    said = f"Saved {name!r}: {done.total} hits"
                elif what == "remove":
                    user.remove_saved(name)
                    said = f"Removed {name!r}"
                else:
                    search, _, new = show(idx, user, name, limit=10_000)
                    self.call_from_thread(self._run_saved, search)
                    said = f"{name}: {len(new)} new hit{'s' if len(new) != 1 else ''}"
        except NksearchError as exc:
            self.post_message(Done(self.session.describe(exc), error=True))
            return
        self.post_message(Done(said))

    def _run_saved(self, search: SavedSearch) -> None:
        screen = self.search_screen
        bar = screen.query_one(FilterBar)
        for field, value in (("since", search.since), ("until", search.until),
                             ("source", search.source)):  # fmt: skip
            bar.query_one(f"#filter-{field}", Input).value = value or ""
        if search.since or search.until or search.source:
            bar.display = True
        screen.sort = search.sort
        screen.status.change(sort=search.sort)
        screen.search_box.value = search.query
        screen.search_now(force=True)

    def on_done(self, message: Done) -> None:
        severity: SeverityLevel = "error" if message.error else "information"
        self.notify(one_line(display_text(message.said)), severity=severity, markup=False)
        if message.research:
            self._research()

    # -- export ---------------------------------------------------------------------

    def action_export(self) -> None:
        answer = self.search_screen.answer
        if answer is None or not answer.results.hits:
            self.notify("Nothing to export: search first.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name and name.strip():
                self._export_worker(answer.request, Path(name.strip()).expanduser())

        title = "Export these results to (.csv or .md)"
        self.push_screen(PromptScreen(title, value="nksearch-results.csv"), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_worker(self, request: Request, target: Path) -> None:
        try:
            if target.exists():
                raise UsageError(f"{str(target)!r} exists already; choose another name")
            options = {"since": request.since, "until": request.until,
                       "source": request.source, "sort": request.sort}  # fmt: skip
            with self.session.borrow() as idx, self.session.user() as user:
                found = every_hit(idx, request.text, options)
                keep = user.filter(starred=request.starred, unread=request.unread,
                                   tags=(request.tag,) if request.tag else ())  # fmt: skip
                if keep is not None:
                    hits = tuple(hit for hit in found.hits if keep(hit.path))
                    found = type(found)(found.query, hits, len(hits), found.took_ms)
                marks = user.marks(hit.path for hit in found.hits)
            markdown = target.suffix.lower() in (".md", ".markdown")
            text = (export.to_markdown(found, marks) if markdown
                    else export.to_csv([(None, found, marks)]))  # fmt: skip
            with open(target, "x", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except NksearchError as exc:
            self.post_message(Done(self.session.describe(exc), error=True))
            return
        except OSError as exc:
            self.post_message(Done(f"cannot write {str(target)!r}: {exc.strerror}", error=True))
            return
        self.post_message(Done(f"Wrote {len(found.hits)} hits to {target}"))

    def workflow_commands(self) -> Iterable[SystemCommand]:
        """The command palette's entries for this part of the UI."""
        yield SystemCommand("Export results", "Write these results to a CSV or Markdown file",
                            self.action_export)  # fmt: skip
        yield SystemCommand("Saved searches", "Run, save or remove saved searches (ctrl+o)",
                            self.action_saved_searches)  # fmt: skip
        yield SystemCommand("Star", "Star or unstar the selected article (*)",
                            self.action_toggle_star)  # fmt: skip

    # -- the index changing underneath ------------------------------------------------

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.session.index_path / META)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _check_index(self) -> None:
        stamp = self._stamp()
        if stamp == self._index_stamp:
            return
        if self.syncing or not self.search_screen.ready:
            return  # the app's own sync or first opening shows its results itself
        self._index_stamp = stamp
        self._index_changed_worker()

    @work(thread=True, exclusive=True, group="index-changed", exit_on_error=False)
    def _index_changed_worker(self) -> None:
        try:
            documents = self.session.refresh()
            self.session.user().close()  # marks follow files the sync saw moved
        except NksearchError:
            return  # the next search says what is wrong
        self.post_message(IndexChanged(documents))
        self.post_message(msg.StaleChecked(self.session.stale()))

    def on_index_changed(self, message: IndexChanged) -> None:
        screen = self.search_screen
        screen.index_ready(message.documents)

    def on_sync_done(self, _message: msg.SyncDone) -> None:
        self._index_stamp = self._stamp()  # the app's own sync: its results are on their way
        self._follow_worker()

    @work(thread=True, group="marks", exit_on_error=False)
    def _follow_worker(self) -> None:
        """Move the marks of files the sync found renamed or moved."""
        try:
            with self.session.user() as user:
                moved = user.moved
        except NksearchError:
            return  # marking says what is wrong
        if moved:
            self.call_from_thread(self._research)
