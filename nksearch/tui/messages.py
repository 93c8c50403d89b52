"""Messages the app's worker threads post back to the UI thread.

Each is a small record of what a worker found; the handlers of the node that
started the worker decide what to show, so none of them bubble. Nothing here
touches the index.
"""

from __future__ import annotations

from textual.message import Message

from nksearch.models import SyncReport
from nksearch.tui.session import Answer, Document, Request


class IndexReady(Message, bubble=False):
    """The index is open and holds ``documents`` articles."""

    def __init__(self, documents: int) -> None:
        super().__init__()
        self.documents = documents


class IndexMissing(Message, bubble=False):
    """There is no usable index yet; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class SuggestionFound(Message, bubble=False):
    """A did-you-mean for search number ``seq`` (looked up after its results)."""

    def __init__(self, seq: int, suggestion: str | None) -> None:
        super().__init__()
        self.seq = seq
        self.suggestion = suggestion


class SearchDone(Message, bubble=False):
    """Search number ``seq`` finished."""

    def __init__(self, seq: int, answer: Answer) -> None:
        super().__init__()
        self.seq = seq
        self.answer = answer


class SearchFailed(Message, bubble=False):
    """Search number ``seq``, for ``request``, failed with a message a user can act on.

    ``query_error`` says the query (or a filter) is wrong, rather than the index.
    """

    def __init__(self, seq: int, request: Request, error: str, *, query_error: bool) -> None:
        super().__init__()
        self.seq = seq
        self.request = request
        self.error = error
        self.query_error = query_error


class ResultsShown(Message, bubble=False):
    """The results of search ``seq`` for ``query`` are on screen."""

    def __init__(self, seq: int, query: str) -> None:
        super().__init__()
        self.seq = seq
        self.query = query


class StaleChecked(Message, bubble=False):
    """Files changed in the corpus since the last sync."""

    def __init__(self, files: list[str]) -> None:
        super().__init__()
        self.files = files


class SyncProgress(Message, bubble=False):
    """``done`` of ``total`` files read by the running sync."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class SyncDone(Message, bubble=False):
    """A sync finished; the index now holds ``documents`` articles."""

    def __init__(self, report: SyncReport, documents: int) -> None:
        super().__init__()
        self.report = report
        self.documents = documents


class SyncFailed(Message, bubble=False):
    """A sync (or opening the index) failed."""

    def __init__(self, error: str, *, corpus_missing: bool = False) -> None:
        super().__init__()
        self.error = error
        self.corpus_missing = corpus_missing


class DocumentReady(Message, bubble=False):
    """An article was read and is ready to open."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document


class Problem(Message, bubble=False):
    """Something failed that is not tied to one search; shown inline."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ArticleOpened(Message, bubble=False):
    """An article was opened to read (it counts as read from now on)."""

    def __init__(self, path: str, query: str) -> None:
        super().__init__()
        self.path = path
        self.query = query
