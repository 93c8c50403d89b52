"""The watcher keeps an index in sync: added, deleted and bursts of files, and its lock."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import nksearch
from nksearch.errors import IndexBusyError
from nksearch.workflow.watch import WatchEvent, holding, watching

ARTICLE = "Judul Berita {n}\n\nIsi berita nomor {n} tentang Zanzibar dan perundingan damai.\n"
DEADLINE = 60.0  # only a real hang gets near this


class Watcher:
    def __init__(self, corpus: Path, index: Path, **options: object) -> None:
        self.events: queue.Queue[WatchEvent] = queue.Queue()
        self.stop = threading.Event()
        self.failed: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(corpus, index, options))
        self.thread.start()

    def _run(self, corpus: Path, index: Path, options: dict[str, object]) -> None:
        try:
            nksearch.watch(corpus, index, self.events.put, stop=self.stop, **options)
        except BaseException as exc:  # the test reports it
            self.failed.append(exc)

    def next(self) -> WatchEvent:
        return self.events.get(timeout=DEADLINE)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=DEADLINE)
        assert not self.thread.is_alive() and self.failed == []


@pytest.fixture
def watcher(built: tuple[Path, Path]) -> Iterator[Watcher]:
    running = Watcher(*built)
    yield running
    running.close()


def test_the_watcher_syncs_added_and_deleted_files(
    built: tuple[Path, Path], watcher: Watcher
) -> None:
    corpus, index = built
    first = watcher.next()
    assert first.report is not None and first.report.unchanged == 5
    assert watching(index)
    (corpus / "baru.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    added = watcher.next()
    assert added.report is not None and (added.report.added, added.changes) == (1, 1)
    with nksearch.open_index(index) as idx:
        assert [hit.path for hit in idx.search("Zanzibar").hits] == ["baru.txt"]
    (corpus / "baru.txt").unlink()
    removed = watcher.next()
    assert removed.report is not None and removed.report.removed == 1
    with nksearch.open_index(index) as idx:
        assert idx.search("Zanzibar").total == 0


def test_a_burst_of_files_is_one_sync(built: tuple[Path, Path]) -> None:
    corpus, _ = built
    running = Watcher(*built, step_ms=3_000, debounce_ms=60_000)
    try:
        running.next()  # the first sync
        burst = corpus / "kiriman"
        burst.mkdir()
        for n in range(1_000):
            (burst / f"{n:04}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
        event = running.next()
        assert event.report is not None and event.report.added == 1_000
        assert running.events.empty()
    finally:
        running.close()


def test_a_second_watcher_of_one_index_is_refused(built: tuple[Path, Path]) -> None:
    _, index = built
    with holding(index), pytest.raises(IndexBusyError, match="another 'nksearch watch'"):
        nksearch.watch(*built, lambda event: None)
    assert not watching(index)


def test_polling_works_where_events_do_not(built: tuple[Path, Path]) -> None:
    corpus, _ = built
    running = Watcher(*built, polling=True)
    try:
        assert running.next().polling
        (corpus / "lewat-polling.txt").write_text(ARTICLE.format(n=2), encoding="utf-8")
        event = running.next()
        assert event.report is not None and event.report.added == 1
    finally:
        running.close()
