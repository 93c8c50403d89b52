"""Keeping an index in sync while files are added, changed or deleted.

:func:`watch` syncs once, then waits for changes under the corpus with
``watchfiles`` (inotify, FSEvents or ReadDirectoryChangesW through Rust's
``notify``; polling where none of them works, or when asked) and syncs again
after each burst: changes are gathered until the corpus has been quiet for
``step_ms`` (at most ``debounce_ms``), so copying a thousand files is one
sync. A sync that fails (the index busy, a corpus gone) is reported and
tried again at the next change or after ``retry_s`` seconds. Files changed
while the first sync ran are caught by a second one once the watcher is up.

While it runs the watcher holds ``watch.lock`` in the index folder (an
``flock`` the kernel drops when the process dies): :func:`watching` tells
other processes that the index is being kept up to date, so a query need not
look for changed files itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from nksearch.documents.corpus import SUFFIXES, check_corpus
from nksearch.errors import Fix, IndexBusyError, NksearchError
from nksearch.indexing.layout import ensure_dir
from nksearch.models import SyncReport

LOCK = "watch.lock"


@dataclass(frozen=True)
class WatchEvent:
    """One sync of the watcher: what it did, or why it failed, and the changes behind it."""

    changes: int
    report: SyncReport | None = None
    error: NksearchError | None = None
    polling: bool = False


def _lock_path(index_dir: Path) -> Path:
    return Path(index_dir) / LOCK


def watching(index_dir: str | os.PathLike[str]) -> bool:
    """Whether a watcher is keeping ``index_dir`` in sync right now."""
    try:
        fd = os.open(_lock_path(Path(index_dir)), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops a lock taken here
    return False


@contextlib.contextmanager
def holding(index_dir: Path) -> Iterator[None]:
    """Hold the watcher's lock of ``index_dir`` (IndexBusyError if another watcher has it)."""
    ensure_dir(index_dir)
    fd = os.open(_lock_path(index_dir), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise IndexBusyError(
                f"another 'nksearch watch' keeps index {str(index_dir)!r} in sync",
                path=index_dir,
                fix=Fix.WAIT,
            ) from exc
        yield
    finally:
        os.close(fd)


def relevant(change: object, path: str) -> bool:
    """A change worth a sync: a document file, or a folder (it may hold some)."""
    name = os.path.basename(path)
    if name.startswith("."):
        return False
    return name.lower().endswith(SUFFIXES) or "." not in name


def watch(
    corpus_dir: str | os.PathLike[str],
    index_dir: str | os.PathLike[str],
    on_sync: Callable[[WatchEvent], None],
    *,
    stop: threading.Event | None = None,
    polling: bool = False,
    step_ms: int = 300,
    debounce_ms: int = 2_000,
    retry_s: float = 5.0,
) -> None:
    """Sync now, then after every burst of changes, until ``stop`` is set.

    ``on_sync`` is called after each sync (and for a sync that failed).

    Raises:
        CorpusError: the corpus folder is missing.
        IndexBusyError: another watcher holds the index.
    """
    import watchfiles

    corpus, index = Path(corpus_dir), Path(index_dir)
    check_corpus(corpus)
    stop = stop or threading.Event()
    with holding(index):
        pending = not _sync(corpus, index, 0, on_sync, polling)
        # A change between that sync and the watcher's start is caught by one
        # more sync at the watcher's first quiet second (reported if it did anything).
        catch_up = True
        last_try = time.monotonic()
        while not stop.is_set():
            try:
                for changes in watchfiles.watch(
                    corpus,
                    watch_filter=relevant,
                    stop_event=stop,
                    step=step_ms,
                    debounce=debounce_ms,
                    rust_timeout=1_000,
                    yield_on_timeout=True,
                    force_polling=polling,
                    raise_interrupt=True,
                ):
                    retry = pending and time.monotonic() - last_try >= retry_s
                    if changes or retry or catch_up:
                        quiet = not changes and catch_up and not pending
                        pending = not _sync(corpus, index, len(changes), on_sync, polling, quiet)
                        catch_up, last_try = False, time.monotonic()
                return
            except OSError:  # no inotify here (or its limit reached): poll instead
                if polling:
                    raise
                polling = True


def _sync(
    corpus: Path,
    index: Path,
    changes: int,
    on_sync: Callable[[WatchEvent], None],
    polling: bool,
    quiet: bool = False,
) -> bool:
    """Sync and report it (unless ``quiet`` and nothing changed); whether it worked."""
    from nksearch.indexing.sync import sync  # loaded by a watcher, not by `watching`

    try:
        report = sync(corpus, index)
    except NksearchError as exc:
        on_sync(WatchEvent(changes, error=exc, polling=polling))
        return False
    if not quiet or report.changed:
        on_sync(WatchEvent(changes, report=report, polling=polling))
    return True
