"""nksearch: full-text search for Indonesian news articles.

The Python API::

    import nksearch

    report = nksearch.sync("seeds", "index")        # build or update the index
    with nksearch.open_index("index") as idx:
        results = idx.search("perdamaian", limit=5)
        for hit in results.hits:
            print(hit.title, hit.date, hit.snippet)

Importing this package is cheap: Whoosh and Sastrawi load on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from nksearch import whoosh_speedups
from nksearch.errors import ExitCode, NksearchError
from nksearch.models import Article, Hit, Results, Skipped, Stats, SyncReport

if TYPE_CHECKING:
    from nksearch.search import Index

__all__ = [
    "Article",
    "ExitCode",
    "Hit",
    "Index",
    "NksearchError",
    "Results",
    "Skipped",
    "Stats",
    "SyncReport",
    "open_index",
    "sync",
]

__version__ = "0.1.0"

whoosh_speedups.install()


def sync(
    corpus_dir: str | os.PathLike[str],
    index_dir: str | os.PathLike[str],
    *,
    rebuild: bool = False,
    **options: Any,
) -> SyncReport:
    """Bring the index up to date with the corpus (see :func:`nksearch.indexing.sync`)."""
    from nksearch.indexing import sync as _sync

    return _sync(corpus_dir, index_dir, rebuild=rebuild, **options)


def open_index(index_dir: str | os.PathLike[str]) -> Index:
    """Open an index for searching (see :class:`nksearch.search.Index`)."""
    from nksearch.search import open_index as _open_index

    return _open_index(index_dir)


def __getattr__(name: str) -> Any:
    if name == "Index":
        from nksearch.search import Index

        return Index
    raise AttributeError(name)
