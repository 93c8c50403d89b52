"""Build the segments of a new index generation on every core.

Three phases, each in a pool of forked worker processes:

1. read, decode and clean the files, and list the words no cached stem
   covers yet;
2. stem those words, each word once, split between the workers (Sastrawi is
   the slowest step of a cold build);
3. analyse the documents (every stem is now a dict lookup) and write one
   Whoosh segment per worker with :class:`BulkSegmentWriter`.

When the stem cache is already warm (a rebuild), one pass does it all: each
worker reads, analyses and writes its share, taking the fields of files that
have not changed from the previous generation's document cache (see
``doccache``). Every worker also writes its documents' fields to a cache
part for the next rebuild. The parent then publishes all segments in one
atomic commit. Forking after
phases 1 and 2 lets phase 3 workers inherit the cleaned articles and the stem
cache without copying them. This module is used by ``indexing`` for large
rebuilds; it does not decide what to index.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from nksearch import analysis, doccache
from nksearch.fastwriter import BulkSegmentWriter, commit_segments
from nksearch.models import Article, Skipped

Progress = Callable[[int, int], None]
Todo = list[tuple[str, str]]

_counter: Any = None  # shared progress counter, inherited by workers
# (stamp, article, cache key), inherited in phase 3
_articles: list[tuple[str, Article, bytes]] = []
_fields: Callable[[Article, str], dict[str, Any]] | None = None
_cached: dict[bytes, doccache.Entry] = {}  # the previous generation's records


def _die_with_parent(parent: int) -> None:
    """In a worker: exit when the indexing process is gone (e.g. killed)."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _tick(count: int) -> None:
    if _counter is not None:
        with _counter.get_lock():
            _counter.value += count


def _read_part(
    root: Path, todo: Todo
) -> tuple[list[tuple[str, Article | Skipped, bytes]], set[str]]:
    from nksearch.documents import read_article

    cache = analysis.STEM_CACHE
    unknown: set[str] = set()
    out: list[tuple[str, Article | Skipped, bytes]] = []
    for count, (rel, stamp) in enumerate(todo, 1):
        found = read_article(root, root / rel)
        key = b""
        if isinstance(found, Article):
            key = doccache.digest(found.path, found.raw)
            found = dataclasses.replace(found, raw="")
            for text in (found.title, found.body):
                unknown.update(w for w in analysis.words(text) if w not in cache)
        out.append((stamp, found, key))
        if count % 50 == 0:
            _tick(50)
    _tick(len(todo) % 50)
    return out, unknown


def _stem_part(words: list[str]) -> dict[str, str]:
    stems = analysis.stem_many(words)
    _tick(len(words))
    return stems


def _write_part(gen_dir: str, start: int, end: int, part: int) -> list[Any]:
    assert _fields is not None
    writer = BulkSegmentWriter(whoosh_index.open_dir(gen_dir))
    keep = doccache.Writer(Path(gen_dir), part)
    for count, (stamp, article, key) in enumerate(_articles[start:end], 1):
        fields = _fields(article, stamp)
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
    from nksearch.documents import parse_article, read_text

    assert _fields is not None
    analysis.take_new_stems()
    writer = BulkSegmentWriter(whoosh_index.open_dir(gen_dir))
    cached = doccache.Reader(_cached)
    keep = doccache.Writer(Path(gen_dir), part)
    skipped: list[Skipped] = []
    for count, (rel, stamp) in enumerate(todo, 1):
        found = read_text(root, root / rel)
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            key = doccache.digest(*found)
            hit = cached.get(key)
            if hit is None:
                fields = _fields(parse_article(*found), stamp)
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
    return segments, skipped, analysis.take_new_stems()


def _split(weights: list[int], parts: int) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of about equal total weight, in order."""
    total = sum(weights) or 1
    bounds = [0]
    running = 0
    for i, weight in enumerate(weights):
        running += weight
        if running >= total * len(bounds) / parts and len(bounds) < parts:
            bounds.append(i + 1)
    bounds.append(len(weights))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def build(
    ix: Any,
    gen: Path,
    root: Path,
    todo: Todo,
    workers: int,
    fields: Callable[[Article, str], dict[str, Any]],
    progress: Progress | None,
    previous: Path | None = None,
) -> list[Skipped]:
    """Index ``todo`` into new segments of ``ix`` and commit them.

    ``previous`` is the generation being replaced, whose document cache a
    warm rebuild reads.
    """
    global _counter, _articles, _fields, _cached
    context = multiprocessing.get_context("fork")
    _counter = context.Value("q", 0)
    total = len(todo)

    def run(func: Any, args: list[tuple[Any, ...]], scale: float, base: float) -> list[Any]:
        import os

        with context.Pool(len(args), initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            pending = pool.starmap_async(func, args)
            while not pending.ready():
                pending.wait(0.2)
                if progress is not None:
                    done = base + scale * _counter.value
                    progress(min(int(done), total - 1), total)
            return list(pending.get())

    try:
        sizes = [int(stamp.rsplit(":", 1)[1]) + 200 for _rel, stamp in todo]
        ranges = _split(sizes, workers)
        _fields = fields
        doccache.validity()  # read the code fingerprint once, before forking
        if analysis.STEM_CACHE:
            # Warm: most words have a cached stem, so each worker reads,
            # analyses and writes its share in one pass.
            _cached = doccache.load_index(previous)
            args = [(str(gen), root, todo[a:b], part) for part, (a, b) in enumerate(ranges)]
            done = run(_read_write_part, args, 1.0, 0)
            skipped = [item for _segs, part, _stems in done for item in part]
            for _segs, _part, stems in done:
                analysis.STEM_CACHE.update(stems)
                analysis.NEW_STEMS.update(stems)
            commit_segments(ix, [seg for segs, _part, _stems in done for seg in segs])
            return skipped
        parts = run(_read_part, [(root, todo[a:b]) for a, b in ranges], 0.3, 0)
        read = [item for items, _w in parts for item in items]
        unknown = sorted(set().union(*(words for _items, words in parts)))
        if unknown:
            _counter.value = 0
            chunks = [unknown[i::workers] for i in range(workers)]
            stemmed = run(_stem_part, [(c,) for c in chunks], 0.2 * total / len(unknown), 0.3 * total)
            for stems in stemmed:
                analysis.STEM_CACHE.update(stems)
                analysis.NEW_STEMS.update(stems)
        skipped = [item for _stamp, item, _key in read if isinstance(item, Skipped)]
        _articles = [(stamp, item, key) for stamp, item, key in read if isinstance(item, Article)]
        _counter.value = 0
        weights = [len(article.body) + 200 for _stamp, article, _key in _articles]
        segments = run(
            _write_part,
            [(str(gen), a, b, part) for part, (a, b) in enumerate(_split(weights, workers))],
            0.5,
            0.5 * total,
        )
        commit_segments(ix, [segment for part in segments for segment in part])
    finally:
        _articles, _fields, _counter, _cached = [], None, None, {}
        if progress is not None:
            progress(total, total)
    return skipped
