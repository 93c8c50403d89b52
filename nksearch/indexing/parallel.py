"""Build the segments of a new index generation on every core.

Three phases, each in a pool of worker processes:

1. read, decode and clean the files, and list the words no cached stem
   covers yet;
2. stem those words, each word once, split between the workers (Sastrawi is
   the slowest step of a cold build);
3. analyse the documents (every stem is now a dict lookup) and write one
   Whoosh segment per worker with ``BulkSegmentWriter``.

When the stem cache is already warm (a rebuild), one pass does it all: each
worker reads, analyses and writes its share, taking the fields of files that
have not changed from the previous generation's document cache (see
``doccache``). Every worker also writes its documents' fields to a cache
part for the next rebuild. The parent then publishes all segments in one
atomic commit.

Workers are forked when the calling process has one thread, so they inherit
the analyzer and the cleaned articles without copying them; from a process
with other threads (the search UI builds its index from a worker thread)
forking is unsafe, and workers start from a fork server instead, receiving
them once each.
This module is used by ``sync`` for large rebuilds; it does not decide what
to index.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from nksearch._whoosh.termwriter import commit_segments
from nksearch._whoosh.writer import BulkSegmentWriter
from nksearch.analysis.analyzer import Analyzer, stem_many
from nksearch.documents import decode, page
from nksearch.documents.corpus import stamp_size
from nksearch.indexing import doccache
from nksearch.indexing.fields import document_fields
from nksearch.models import Article, Skipped

Progress = Callable[[int, int], None]
Todo = list[tuple[str, str]]
#: One cleaned article to write: (stamp, article, document cache key).
Cleaned = tuple[str, Article, bytes]


@dataclasses.dataclass
class _Worker:
    """What a worker process holds for the length of its pool."""

    counter: Any
    analyzer: Analyzer
    cached: dict[bytes, doccache.Entry]
    articles: list[Cleaned]


_worker: _Worker | None = None  # set in each worker by _start_worker


def _start_worker(
    counter: Any,
    analyzer: Analyzer,
    cached: dict[bytes, doccache.Entry],
    articles: list[Cleaned],
) -> None:
    """In a worker: keep the pool's state; exit when the building process is gone.

    Forked workers inherit these arguments without copying them.
    """
    global _worker
    analyzer.take_new_stems()  # report only the stems this worker computes
    _worker = _Worker(counter, analyzer, cached, articles)
    parent = os.getppid()  # the builder, or the fork server (which exits with it)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _state() -> _Worker:
    assert _worker is not None, "called outside a build worker"
    return _worker


def _tick(count: int) -> None:
    counter = _state().counter
    with counter.get_lock():
        counter.value += count


def _read_part(
    root: Path, todo: Todo
) -> tuple[list[tuple[str, Article | Skipped, bytes]], set[str]]:
    cache = _state().analyzer.stems
    unknown: set[str] = set()
    out: list[tuple[str, Article | Skipped, bytes]] = []
    for count, (rel, stamp) in enumerate(todo, 1):
        found = decode.read_article(root, root / rel)
        key = b""
        if isinstance(found, Article):
            key = doccache.digest(found.path, found.raw)
            found = dataclasses.replace(found, raw="")
            for text in (found.title, found.body):
                unknown.update(w for w in _state().analyzer.words(text) if w not in cache)
        out.append((stamp, found, key))
        if count % 50 == 0:
            _tick(50)
    _tick(len(todo) % 50)
    return out, unknown


def _stem_part(words: list[str]) -> dict[str, str]:
    stems = stem_many(words)
    _tick(len(words))
    return stems


def _write_part(gen_dir: str, start: int, end: int, part: int) -> list[Any]:
    state = _state()
    analyzer = state.analyzer
    writer = BulkSegmentWriter(whoosh_index.open_dir(gen_dir))
    keep = doccache.Writer(Path(gen_dir), part)
    for count, (stamp, article, key) in enumerate(state.articles[start:end], 1):
        fields = document_fields(analyzer, article, stamp)
        writer.add(fields)
        keep.add(key, fields)
        if count % 50 == 0:
            _tick(50)
    segments = writer.finish()
    keep.close()
    return segments


def _read_write_part(
    gen_dir: str, root: Path, todo: Todo, part: int
) -> tuple[list[Any], list[Skipped], dict[str, str]]:
    state = _state()
    analyzer = state.analyzer
    writer = BulkSegmentWriter(whoosh_index.open_dir(gen_dir))
    cached = doccache.Reader(state.cached)
    keep = doccache.Writer(Path(gen_dir), part)
    skipped: list[Skipped] = []
    for count, (rel, stamp) in enumerate(todo, 1):
        found = decode.read_text(root, root / rel)
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            key = doccache.digest(*found)
            hit = cached.get(key)
            if hit is None:
                fields = document_fields(analyzer, page.parse_article(*found), stamp)
                writer.add(fields)
                keep.add(key, fields)
            else:
                fields, record = hit
                fields["stamp"] = stamp
                writer.add(fields)
                keep.add_record(key, record)
        if count % 50 == 0:
            _tick(50)
    cached.close()
    segments = writer.finish()
    keep.close()
    return segments, skipped, analyzer.take_new_stems()


def split(weights: list[int], parts: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of about equal total weight, in order."""
    total = sum(weights) or 1
    bounds = [0]
    running = 0
    for i, weight in enumerate(weights):
        running += weight
        if running >= total * len(bounds) / parts and len(bounds) < parts:
            bounds.append(i + 1)
    bounds.append(len(weights))
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _context() -> Any:
    """Fork when it is safe (this process has one thread), else a fork server."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    _start_resource_tracker()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


_tracker_lock = threading.Lock()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which a fork server's locks need.

    multiprocessing hands the tracker process it starts the descriptor of
    ``sys.stderr``; a program that captures stderr (a Textual app does) has
    one of -1 there, and starting the tracker fails. For that moment only,
    the process's own stderr (or ``/dev/null``) stands in.
    """
    from multiprocessing import resource_tracker

    if _descriptor(sys.stderr) >= 0:
        return  # the tracker starts on first use, as usual
    with _tracker_lock:
        captured = sys.stderr
        original = sys.__stderr__
        stand_in = original if _descriptor(original) >= 0 else open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = stand_in
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
            if stand_in is not original:
                stand_in.close()


def _descriptor(stream: Any) -> int:
    try:
        return int(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return -1


def build(
    analyzer: Analyzer,
    ix: Any,
    gen: Path,
    root: Path,
    todo: Todo,
    workers: int,
    progress: Progress | None,
    previous: Path | None = None,
) -> list[Skipped]:
    """Index ``todo`` into new segments of ``ix`` and commit them.

    ``previous`` is the generation being replaced, whose document cache a
    warm rebuild reads. Stems the workers compute are learnt by ``analyzer``.
    """
    context = _context()
    counter = context.Value("q", 0)
    total = len(todo)
    cached: dict[bytes, doccache.Entry] = {}
    articles: list[Cleaned] = []

    def run(func: Any, args: list[tuple[Any, ...]], scale: float, base: float) -> list[Any]:
        initargs = (counter, analyzer, cached, articles)
        with context.Pool(len(args), initializer=_start_worker, initargs=initargs) as pool:
            pending = pool.starmap_async(func, args)
            while not pending.ready():
                pending.wait(0.2)
                if progress is not None:
                    done = base + scale * counter.value
                    progress(min(int(done), total - 1), total)
            return list(pending.get())

    try:
        ranges = split([stamp_size(stamp) + 200 for _rel, stamp in todo], workers)
        doccache.validity()  # read the code fingerprint once, before the workers start
        if analyzer.stems:
            # Warm: most words have a cached stem, so each worker reads,
            # analyses and writes its share in one pass.
            cached = doccache.load_index(previous)
            args = [(str(gen), root, todo[a:b], part) for part, (a, b) in enumerate(ranges)]
            done = run(_read_write_part, args, 1.0, 0)
            for _segs, _part, stems in done:
                analyzer.learn(stems)
            commit_segments(ix, [seg for segs, _part, _stems in done for seg in segs])
            return [item for _segs, part, _stems in done for item in part]
        parts = run(_read_part, [(root, todo[a:b]) for a, b in ranges], 0.3, 0)
        read = [item for items, _w in parts for item in items]
        unknown = sorted(set().union(*(words for _items, words in parts)))
        if unknown:
            counter.value = 0
            chunks = [unknown[i::workers] for i in range(workers)]
            stemmed = run(
                _stem_part, [(c,) for c in chunks], 0.2 * total / len(unknown), 0.3 * total
            )
            for stems in stemmed:
                analyzer.learn(stems)
        skipped = [item for _stamp, item, _key in read if isinstance(item, Skipped)]
        articles = [(stamp, item, key) for stamp, item, key in read if isinstance(item, Article)]
        counter.value = 0
        weights = [len(article.body) + 200 for _stamp, article, _key in articles]
        shares = [(str(gen), a, b, n) for n, (a, b) in enumerate(split(weights, workers))]
        segments = run(_write_part, shares, 0.5, 0.5 * total)
        commit_segments(ix, [segment for part in segments for segment in part])
    finally:
        if progress is not None:
            progress(total, total)
    return skipped
