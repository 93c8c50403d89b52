"""Build the segments of a new index generation on every core.

Three phases, each in a pool of worker processes:

1. read, decode, clean and fingerprint the files, and list the words no
   cached stem covers yet; each worker writes the articles it cleaned to a
   spill file of its own, so the building process keeps only paths and
   fingerprints;
2. stem those words, each word once, split between the workers (Sastrawi is
   the slowest step of a cold build); a few are left to phase 3;
3. analyse the documents without their boilerplate (every stem is now a
   dict lookup) and write one Whoosh segment per worker with
   ``BulkSegmentWriter``, each worker streaming the articles of one spill
   file, one at a time.

Between phases 1 and 3 the parent counts the fingerprints of every document
and finds the corpus's boilerplate (see ``nksearch.documents.boilerplate``).
The parent then publishes all segments in one atomic commit.

Workers are forked when the calling process has one thread, so they inherit
the analyzer and the files' fingerprints without copying them; from a process
with other threads (the search UI builds its index from a worker thread)
forking is unsafe, and workers start from a fork server instead, receiving
them once each.
This module is used by ``sync`` for large rebuilds; it does not decide what
to index.
"""

from __future__ import annotations

import dataclasses
import itertools
import marshal
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nksearch._whoosh import opening
from nksearch._whoosh.termwriter import commit_segments
from nksearch._whoosh.writer import BulkSegmentWriter
from nksearch.analysis.analyzer import Analyzer, stem_many
from nksearch.documents import boilerplate, decode, page
from nksearch.documents.boilerplate import Prints, Recurring
from nksearch.documents.corpus import stamp_size
from nksearch.errors import IndexProblem
from nksearch.indexing import recurring
from nksearch.indexing.fields import document_fields
from nksearch.models import Article, Skipped

Progress = Callable[[int, int], None]
Todo = list[tuple[str, str]]
#: One file read: its path, stamp and fingerprints (its cleaned article is
#: the next one in its part's spill file).
Item = tuple[str, str, Prints]

#: Fewer unknown words than this are stemmed by the writing workers as they
#: meet them, instead of in a phase of their own (a rebuild after a few edits).
STEM_PHASE_WORDS = 2000


@dataclasses.dataclass
class _Worker:
    """What a worker process holds for the length of its pool."""

    counter: Any
    analyzer: Analyzer
    items: list[Item]
    found: Recurring


_worker: _Worker | None = None  # set in each worker by _start_worker
_failed: BaseException | None = None  # why _start_worker could not set it


class WorkerFailed(RuntimeError):
    """A build worker could not start; raised by its tasks, in the building process."""


def _start_worker(counter: Any, analyzer: Analyzer, items: list[Item], found: Recurring) -> None:
    """In a worker: keep the pool's state; exit when the building process is gone.

    Forked workers inherit these arguments without copying them. It never
    raises: a pool whose workers fail to start starts new ones for ever, and
    the build would wait for ever; the worker's tasks fail instead.
    """
    global _worker, _failed
    try:
        analyzer.take_new_stems()  # report only the stems this worker computes
        _worker = _Worker(counter, analyzer, items, found)
        parent = os.getppid()  # the builder, or the fork server (which exits with it)

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    except Exception as exc:
        _worker, _failed = None, exc


def _state() -> _Worker:
    if _worker is None:
        if _failed is not None:
            raise WorkerFailed(f"a build worker could not start: {_failed}") from _failed
        raise AssertionError("called outside a build worker")
    return _worker


def _tick(count: int) -> None:
    counter = _state().counter
    with counter.get_lock():
        counter.value += count


def _read_part(root: Path, todo: Todo, spill: Path) -> tuple[list[Item], list[Skipped], set[str]]:
    """Read and clean ``todo``; cleaned articles go to ``spill``, in order.

    The building process keeps only paths and fingerprints, and the writing
    worker of the same part reads the articles back one at a time, so no
    process holds the corpus's text.
    """
    state = _state()
    stems = state.analyzer.stems
    words = state.analyzer.words
    unknown: set[str] = set()
    out: list[Item] = []
    skipped: list[Skipped] = []
    with open(spill, "wb") as articles:
        for count, (rel, stamp) in enumerate(todo, 1):
            found = decode.read_text(root, root / rel)
            if isinstance(found, Skipped):
                skipped.append(found)
            else:
                article = page.parse_article(*found)
                prints = boilerplate.prints(article.source, article.body)
                out.append((rel, stamp, prints))
                marshal.dump(_fields(article), articles)
                for text in (article.title, article.body):
                    unknown.update(w for w in words(text) if w not in stems)
            if count % 50 == 0:
                _tick(50)
    _tick(len(todo) % 50)
    return out, skipped, unknown


def _fields(article: Article) -> tuple[str, str, str | None, str | None, str]:
    return (article.path, article.title, article.date, article.source, article.body)


def _spilled(articles: Any) -> Article:
    path, title, date, source, body = marshal.load(articles)
    return Article(path, title, date, source, body, raw="")


def _stem_part(words: list[str]) -> dict[str, str]:
    stems = stem_many(words)
    _tick(len(words))
    return stems


def _write_part(
    gen_dir: str, start: int, end: int, spill: Path
) -> tuple[list[Any], dict[str, str]]:
    state = _state()
    analyzer = state.analyzer
    writer = BulkSegmentWriter(opening.open_dir(gen_dir), documents=end - start)
    with open(spill, "rb") as articles:
        for count, (_rel, stamp, prints) in enumerate(state.items[start:end], 1):
            article = _spilled(articles)
            cut = recurring.cut_of(prints, state.found)
            writer.add(document_fields(analyzer, recurring.clean(article, cut), stamp))
            if count % 50 == 0:
                _tick(50)
    _tick((end - start) % 50)
    return writer.finish(), analyzer.take_new_stems()


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
            if stand_in is not None and stand_in is not original:
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
) -> tuple[list[Skipped], recurring.State]:
    """Index ``todo`` into new segments of ``ix`` and commit them.

    Stems the workers compute are learnt by ``analyzer``.
    Returns the files skipped and the boilerplate state of the new segments.
    """
    context = _context()
    counter = context.Value("q", 0)
    total = len(todo)
    items: list[Item] = []
    found: Recurring = {}

    def run(func: Any, args: list[tuple[Any, ...]], scale: float, base: float) -> list[Any]:
        counter.value = 0
        initargs = (counter, analyzer, items, found)
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
        spills = [gen / f".articles-{n}.tmp" for n in range(len(ranges))]
        reads = [(root, todo[a:b], spills[n]) for n, (a, b) in enumerate(ranges)]
        parts = run(_read_part, reads, 0.3, 0)
        items = [item for part, _skipped, _words in parts for item in part]
        skipped = [item for _part, part, _words in parts for item in part]
        unknown = sorted(set().union(*(words for _part, _skipped, words in parts)))
        if unknown and (len(unknown) >= STEM_PHASE_WORDS or not analyzer.stems):
            chunks = [unknown[i::workers] for i in range(workers)]
            stemmed = run(
                _stem_part, [(c,) for c in chunks], 0.2 * total / len(unknown), 0.3 * total
            )
            for stems in stemmed:
                analyzer.learn(stems)
        docs = {rel: (stamp, prints) for rel, stamp, prints in items}
        found = recurring.found_in(docs)
        # Each writing worker takes the files one reading worker read, so it
        # reads that worker's articles back in order.
        ends = list(itertools.accumulate(len(part) for part, _skipped, _words in parts))
        shares = [
            (str(gen), a, b, spills[n])
            for n, (a, b) in enumerate(zip([0, *ends[:-1]], ends, strict=True))
        ]
        written = run(_write_part, shares, 0.5, 0.5 * total)
        for _segments, stems in written:
            analyzer.learn(stems)
        commit_segments(ix, [seg for segments, _stems in written for seg in segments])
    except WorkerFailed as exc:
        raise IndexProblem(
            f"cannot build the index in {str(gen.parent)!r}: {exc}", path=gen.parent
        ) from exc
    finally:
        for spill in gen.glob(".articles-*.tmp"):
            spill.unlink()
        if progress is not None:
            progress(total, total)
    return skipped, recurring.State(docs, found)
