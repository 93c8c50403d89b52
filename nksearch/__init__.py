"""nksearch: full-text search for Indonesian news articles.

The Python API::

    import nksearch

    report = nksearch.sync("seeds", "index")        # build or update the index
    with nksearch.open_index("index") as idx:
        results = idx.search("perdamaian", limit=5)
        for hit in results.hits:
            print(hit.title, hit.date, hit.snippet)

The stages, each a subpackage that imports only the ones before it:
``documents`` (files to clean articles) → ``analysis`` (words, stop words,
stems) → ``indexing`` (the on-disk index and its syncs) → ``search`` (queries,
ranking, snippets) → ``workflow`` (marks, saved searches, history, exports,
watching); ``_whoosh`` holds every use of Whoosh's private API, and ``cli``
and ``tui`` are front ends over the functions below.

Importing this package is cheap and changes no other library: Whoosh and
Sastrawi load on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nksearch._version import __version__
from nksearch.errors import Fix, NksearchError, Option
from nksearch.models import (
    AddReport,
    Article,
    Hit,
    Outlet,
    Results,
    Skipped,
    Stats,
    SyncReport,
)

if TYPE_CHECKING:
    from nksearch.indexing.check import CheckReport
    from nksearch.search.index import Index
    from nksearch.workflow.userdata import UserData
    from nksearch.workflow.watch import WatchEvent

__all__ = [
    "AddReport",
    "Article",
    "Fix",
    "Hit",
    "Index",
    "NksearchError",
    "Option",
    "Outlet",
    "Results",
    "Skipped",
    "Stats",
    "SyncReport",
    "UserData",
    "__version__",
    "add",
    "check",
    "ensure_index",
    "open_index",
    "open_userdata",
    "read_document",
    "stem",
    "sync",
    "watch",
]

PathLike = str | os.PathLike[str]
Progress = Callable[[int, int], None]


def sync(
    corpus_dir: PathLike,
    index_dir: PathLike,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    **options: Any,
) -> SyncReport:
    """Bring the index up to date with the corpus (see :func:`nksearch.indexing.sync.sync`)."""
    from nksearch.indexing.sync import sync as _sync

    return _sync(corpus_dir, index_dir, rebuild=rebuild, progress=progress, **options)


def ensure_index(
    corpus_dir: PathLike,
    index_dir: PathLike,
    *,
    progress: Progress | None = None,
    starting: Callable[[], None] | None = None,
) -> SyncReport | None:
    """Build the index from the corpus when there is none yet.

    Returns the build's report, or None when an index was already there
    (it is not synced: see :func:`sync`). ``starting()`` is called once the
    folders are checked, just before a build begins.

    Raises:
        CorpusError: the corpus folder is missing.
        IndexProblem: the index folder cannot be written, or is busy.
    """
    from nksearch.indexing.sync import ensure_index as _ensure

    return _ensure(Path(corpus_dir), Path(index_dir), progress=progress, starting=starting)


def add(
    corpus_dir: PathLike,
    index_dir: PathLike,
    files: Iterable[PathLike],
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> AddReport:
    """Copy ``files`` into the corpus (see :mod:`nksearch.documents.adding`), then sync.

    A folder brings its document files at any depth, under a folder of its
    own name. Nothing is copied unless every file can be: a symlink, a file
    that is not a document, or a different file of the same name already in
    the corpus (unless ``overwrite``) is a :class:`UsageError`.
    """
    from nksearch.documents.adding import add_files

    copied = add_files(Path(corpus_dir), files, overwrite=overwrite)
    report = sync(corpus_dir, index_dir, progress=progress)
    return AddReport(tuple(copied), report)


def stem(word: str) -> str:
    """The stem nksearch's analysis gives ``word`` (lowercased first).

    The same stemming every index uses (the best-ranked affix analysis, see
    ``nksearch.analysis.morphology``); an index's own cache only remembers these.
    """
    from nksearch.analysis.stemmer import stem_word

    return stem_word(word.lower())


def open_index(index_dir: PathLike) -> Index:
    """Open an index for searching (see :class:`nksearch.search.index.Index`)."""
    from nksearch.search.index import open_index as _open_index

    return _open_index(index_dir)


def check(index_dir: PathLike, corpus_dir: PathLike | None = None) -> CheckReport:
    """Verify every file of the index in ``index_dir``; compare it with ``corpus_dir``.

    Returns a :class:`~nksearch.indexing.check.CheckReport`: the damaged
    files (none when ``report.sound``), notes on the caches, and the corpus
    files new, changed or deleted since the last sync. A corpus folder that
    is not there is not compared (``report.corpus`` is None).

    Raises:
        IndexMissing: there is no index in ``index_dir``.
    """
    from nksearch.errors import CorpusError
    from nksearch.indexing.check import check_index

    try:
        return check_index(index_dir, corpus_dir)
    except CorpusError:
        return check_index(index_dir)


def read_document(corpus_dir: PathLike, path: str, index_dir: PathLike | None = None) -> Article:
    """One corpus document, refusing paths outside the corpus.

    With ``index_dir`` holding an index of the corpus, the article as indexed;
    otherwise the file read and cleaned.
    """
    from nksearch.search.index import read_document as _read

    return _read(corpus_dir, path, index_dir)


def open_userdata(
    index_dir: PathLike, corpus_dir: PathLike | None = None, *, follow: bool = True
) -> UserData:
    """The marks, saved searches and history kept beside an index (see
    :class:`nksearch.workflow.userdata.UserData`); with the corpus (and
    ``follow``), marks of renamed or moved files are first moved to their new paths."""
    from nksearch.workflow.userdata import UserData

    return UserData(index_dir, corpus_dir, follow=follow)


def watch(
    corpus_dir: PathLike,
    index_dir: PathLike,
    on_sync: Callable[[WatchEvent], None],
    **options: Any,
) -> None:
    """Keep the index in sync while files change (see :func:`nksearch.workflow.watch.watch`)."""
    from nksearch.workflow.watch import watch as _watch

    _watch(corpus_dir, index_dir, on_sync, **options)


def __getattr__(name: str) -> Any:
    if name == "Index":
        from nksearch.search.index import Index

        return Index
    if name == "UserData":
        from nksearch.workflow.userdata import UserData

        return UserData
    raise AttributeError(name)
