"""The search UI's hold on the core: the index, shared safely between threads.

Whoosh searchers must not be used by two threads at once, and the UI runs every
index call in a worker thread, so :class:`Session` lends each call an ``Index``
of its own from a small pool (see ``pool``). It turns core results into
display-ready records: text passed through :func:`nksearch.documents.safety.clean_text`,
tabs expanded, and match offsets computed on exactly the text that is shown.

This module imports neither Textual nor Rich; it does not decide how anything
looks, and it does not catch errors (the app shows them inline).
"""

from __future__ import annotations

import shlex
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import nksearch
from nksearch.documents.safety import clean_text
from nksearch.errors import Fix, NksearchError
from nksearch.models import Article, Facets, Hit, Results, SyncReport, Timeline
from nksearch.tui.pool import IndexPool
from nksearch.workflow.marks import NO_MARKS, Marks
from nksearch.workflow.searching import search as marked_search
from nksearch.workflow.userdata import UserData

Spans = tuple[tuple[int, int], ...]
TAB_SIZE = 4


def display_text(text: str) -> str:
    """Untrusted text as it is shown: no control sequences, tabs as spaces."""
    return clean_text(text).expandtabs(TAB_SIZE)


def one_line(text: str) -> str:
    """``text`` with line breaks turned into spaces (titles are one line)."""
    return " ".join(text.splitlines())


def highlight_all(index: nksearch.Index, texts: Sequence[str], query: str) -> list[Spans]:
    """Every match of ``query`` in each of ``texts``, found in one pass.

    Parsing the query is the costly part of :meth:`Index.highlight`, so the
    texts are joined, matched once, and the spans handed back to each text.
    """
    if not query.strip() or not texts:
        return [() for _ in texts]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 2
    per_text: list[list[tuple[int, int]]] = [[] for _ in texts]
    for start, end in index.highlight("\n\n".join(texts), query):
        number = bisect_right(starts, start) - 1
        base = starts[number]
        end = min(end, base + len(texts[number]))
        if end > start:
            per_text[number].append((start - base, end - base))
    return [tuple(spans) for spans in per_text]


def paragraphs(body: str) -> str:
    """The clean text with an empty line between paragraphs, for reading."""
    return "\n\n".join(line for line in body.split("\n") if line.strip())


@dataclass(frozen=True)
class Request:
    """One search as the user asked for it."""

    text: str
    since: str | None = None
    until: str | None = None
    source: str | None = None
    sort: str = "relevance"
    limit: int = 20
    #: Facet values the results must have (``(("person", "Vladimir Putin"),)``).
    where: tuple[tuple[str, str], ...] = ()
    starred: bool = False
    unread: bool = False
    tag: str | None = None


@dataclass(frozen=True)
class Row:
    """One hit, ready to show: clean title and snippet with their match spans."""

    hit: Hit
    title: str
    title_spans: Spans
    snippet: str
    snippet_spans: Spans
    marks: Marks = NO_MARKS


@dataclass(frozen=True)
class Answer:
    """The rows of one search, with the core's results they came from."""

    request: Request
    results: Results
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Document:
    """An article to read, clean and raw, each with every match of the query."""

    article: Article
    query: str
    title: str
    title_spans: Spans
    body: str
    body_spans: Spans
    raw: str
    raw_spans: Spans


class Session:
    """The index of one corpus, shared safely between worker threads.

    Every call borrows an open ``Index`` from an :class:`IndexPool` for its
    whole duration, so no Whoosh searcher is ever used by two threads at once.
    """

    def __init__(self, corpus: Path, index: Path, *, searchers: int = 2) -> None:
        self.corpus = Path(corpus)
        self.index_path = Path(index)
        self._pool = IndexPool(self.index_path, searchers)

    @property
    def is_open(self) -> bool:
        return self._pool.is_open

    def open(self) -> int:
        """Open (or reopen) the index; returns its document count.

        Raises:
            IndexProblem: there is no usable index yet.
        """
        return self._pool.reset()

    def close(self) -> None:
        self._pool.close()

    def describe(self, exc: NksearchError) -> str:
        """``exc`` as one line for the UI, with what to do here about it."""
        index = shlex.quote(str(self.index_path))
        corpus = shlex.quote(str(self.corpus))
        hints = {
            Fix.REBUILD: f"rebuild it from a shell: nksearch index --rebuild --index {index}"
            f" --corpus {corpus}",
            Fix.SYNC: "press ctrl+r to build it",
            Fix.OTHER_INDEX: "start again with: nksearch tui --index FOLDER",
            Fix.OTHER_CORPUS: "start again with: nksearch tui --corpus FOLDER",
            Fix.WAIT: "press ctrl+r when it has finished",
            Fix.FREE_SPACE: "free some space and press ctrl+r",
        }
        text = exc.describe()
        hint = hints.get(exc.fix) if exc.fix is not None else None
        if hint is None and exc.fix is not None:
            hint = exc.fix.value
        return f"{text}; {hint}" if hint else text

    def document_count(self) -> int:
        with self._pool.borrow() as index:
            return index.document_count

    def borrow(self) -> AbstractContextManager[nksearch.Index]:
        """An open ``Index`` for this thread alone, for the length of a ``with``."""
        return self._pool.borrow()

    def refresh(self) -> int:
        """Catch up with a sync another process made; the document count now."""
        with self._pool.borrow() as index:
            index.refresh()
            return index.document_count

    def search(
        self, request: Request, cancelled: Callable[[], bool] | None = None
    ) -> Answer | None:
        """Run ``request``; None when ``cancelled()`` turned true while waiting.

        Raises:
            QuerySyntaxError, UsageError: a bad query, date or source.
            IndexProblem: the index is damaged or not open.
        """
        with self._pool.borrow() as index, self.user(follow=False) as user:
            if cancelled is not None and cancelled():
                return None
            results = marked_search(
                index,
                user,
                request.text,
                limit=request.limit,
                since=request.since,
                until=request.until,
                source=request.source,
                sort=request.sort,
                suggest=False,  # looked up afterwards, so results show first
                group=True,  # near duplicates fold into one row ("+2 other outlets")
                where=dict(request.where),
                starred=request.starred,
                unread=request.unread,
                tags=(request.tag,) if request.tag else (),
            )
            marks = user.marks(hit.path for hit in results.hits)
            rows = self._rows(index, results.hits, request.text, marks)
        return Answer(request, results, rows)

    def overview(self, request: Request, *, facets: bool) -> tuple[Timeline, Facets | None]:
        """The monthly timeline of ``request``'s matches, and their facets if asked."""
        with self._pool.borrow() as index:
            where = dict(request.where)
            options = {"since": request.since, "until": request.until, "source": request.source}
            found = index.timeline(request.text, by="month", where=where, **options)
            counted = None
            if facets:
                counted = index.search(
                    request.text, limit=1, suggest=False, facets=True, where=where, **options
                ).facets
        return found, counted

    def similar(self, path: str) -> Results:
        """The articles most like the one at ``path``."""
        with self._pool.borrow() as index:
            return index.similar(path, limit=20)

    def user(self, *, follow: bool = True) -> UserData:
        """The marks, saved searches and history beside the index (one per call and thread).

        Without ``follow``, marks of moved files are not looked for (searches
        as you type leave that to the next marking).
        """
        corpus = self.corpus if self.corpus.is_dir() else None
        return nksearch.open_userdata(self.index_path, corpus, follow=follow)

    def suggest(self, text: str, total: int) -> str | None:
        """A did-you-mean for ``text``, which found ``total`` hits; or None."""
        with self._pool.borrow() as index:
            return index.suggest(text, total=total)

    @staticmethod
    def _rows(
        index: nksearch.Index, hits: Sequence[Hit], query: str, marks: Mapping[str, Marks]
    ) -> tuple[Row, ...]:
        titles = [one_line(display_text(hit.title or hit.path)) for hit in hits]
        snippets = [display_text(hit.snippet) for hit in hits]
        # Offsets move when control sequences are dropped: match again then.
        redo = [n for n, hit in enumerate(hits) if snippets[n] != hit.snippet]
        found = highlight_all(index, titles + [snippets[n] for n in redo], query)
        snippet_spans = [tuple(hit.matches) for hit in hits]
        for number, spans in zip(redo, found[len(hits) :], strict=True):
            snippet_spans[number] = spans
        return tuple(
            Row(
                hit,
                titles[n],
                found[n],
                snippets[n],
                snippet_spans[n],
                marks.get(hit.path, NO_MARKS),
            )
            for n, hit in enumerate(hits)
        )

    def document(self, path: str, query: str) -> Document:
        """The article at ``path`` with every match of ``query`` in it.

        Raises:
            DocumentNotFound: the file is gone or unreadable.
            IndexProblem: the index is damaged or not open.
        """
        with self._pool.borrow() as index:
            article = index.document(path, corpus_dir=self.corpus)
            title = one_line(display_text(article.title or article.path))
            body = display_text(paragraphs(article.body))
            raw = display_text(article.raw)
            spans = highlight_all(index, [title, body, raw], query)
        return Document(article, query, title, spans[0], body, spans[1], raw, spans[2])

    def stale(self) -> list[str]:
        """Corpus files added, changed or deleted since the last sync."""
        with self._pool.borrow() as index:
            index.refresh()
            if index.document_count == 0:
                # An empty index cannot list its stamps: every file is new.
                from nksearch.documents.corpus import scan

                return sorted(scan(self.corpus).files)
            return index.stale(self.corpus)

    def sync(self, progress: Callable[[int, int], None] | None = None) -> tuple[SyncReport, int]:
        """Sync the index with the corpus, then (re)open it.

        Returns the sync report and the new document count. Searches keep
        running on the previous state of the index while files are read.

        Raises:
            CorpusError: the corpus folder is missing.
            IndexProblem: the index is busy, damaged or not writable.
        """
        # An empty index is rebuilt rather than updated: it costs nothing,
        # and updating one fails in some core versions.
        empty = self.is_open and self.document_count() == 0
        report = nksearch.sync(self.corpus, self.index_path, rebuild=empty, progress=progress)
        if not self.is_open:
            return report, self._pool.reset()
        with self._pool.borrow() as index:
            index.refresh()  # the others refresh themselves when next used
            return report, index.document_count
