"""Sync a Whoosh index with a corpus directory: incremental or full rebuild.

``sync`` scans the corpus, compares file stamps with the ones stored in the
index, and re-reads only new and changed files; deleted files are removed. A
rebuild (asked for, or needed because the index format changed) writes a new
generation and swaps it in atomically (see ``store``). Documents are read,
cleaned and analysed in worker processes when there are many; the parent only
feeds Whoosh. Stems are cached on disk next to the index so later builds stem
only words they have never seen.

This module does not search and prints nothing: progress goes to a callback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from nksearch import analysis, parallel, store
from nksearch.corpus import Scan, scan
from nksearch.documents import read_article
from nksearch.errors import IndexProblem, NksearchError, damaged_index
from nksearch.fastwriter import BulkSegmentWriter, FastSegmentWriter, commit_segments
from nksearch.freshness import indexed_stamps
from nksearch.models import Article, Skipped, SyncReport
from nksearch.schema import INDEX_VERSION, make_schema

Progress = Callable[[int, int], None]

#: Below this many files to read, worker processes cost more than they save.
PARALLEL_THRESHOLD = 400
MAX_WORKERS = 4
#: Weight of the opening words standing in for a missing headline, relative
#: to a real headline (measured on judged questions; see benchmarks/README.md).
EXCERPT_TITLE_WEIGHT = 0.5
WORKER_LIMIT_MB = 128
LOCK_TIMEOUT = 5.0

# One prepared document: everything the writer needs, analysed once.
Prepared = tuple[str, str, dict[str, Any]]


def _prepare(root: Path, rel: str, stamp: str) -> Prepared | Skipped:
    found = read_article(root, root / rel)
    if isinstance(found, Skipped):
        return found
    return (rel, stamp, _fields(found, stamp))


def _title_is_excerpt(article: Article) -> bool:
    """True when the title is taken from the body: the page had no headline.

    Such a title is the body's opening (perhaps after a dateline such as
    "Jakarta, Kompas -"), or the whole body when it is one short line.
    """
    core = article.title.removesuffix("…").strip()
    return bool(core) and core in article.body[: len(core) + 80]


def _fields(article: Article, stamp: str) -> dict[str, Any]:
    excerpt = _title_is_excerpt(article)
    title, title_exact = analysis.index_terms(article.title)
    body, body_exact = analysis.index_terms(article.body)
    fields: dict[str, Any] = {
        "path": article.path,
        "stamp": stamp,
        "title": tuple(title),
        "_stored_title": article.title,
        "body": tuple(body),
        "_stored_body": article.body,
        # Surface forms that differ from their stem: enough for exact wording
        # to outrank a stem match (a root word is its own stem).
        "exact": tuple(w for s, w in zip(title, title_exact) if w != s)
        + tuple(w for s, w in zip(body, body_exact) if w != s),
    }
    if excerpt:
        # The opening words of a page without a headline usually name its
        # subject: they count as a title, at a fraction of a headline's weight.
        fields["_title_boost"] = EXCERPT_TITLE_WEIGHT
    if article.source:
        fields["source"] = article.source
    if article.date:
        fields["date"] = article.date
    return fields


def _open(gen_dir: Path) -> Any:
    try:
        return whoosh_index.open_dir(str(gen_dir))
    except Exception as exc:  # Whoosh raises many types for damaged files
        raise damaged_index(gen_dir.parent, exc) from exc


def sync(
    corpus_dir: str | os.PathLike[str],
    index_dir: str | os.PathLike[str],
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> SyncReport:
    """Bring the index in ``index_dir`` up to date with ``corpus_dir``.

    Args:
        corpus_dir: Folder of ``.txt``/``.md`` documents (searched recursively).
        index_dir: Folder holding the index; created when missing.
        rebuild: Build from scratch in a new generation and swap it in.
        progress: Called as ``progress(done, total)`` while files are read.
        lock_timeout: Seconds to wait for another writer before giving up.

    Raises:
        CorpusError: the corpus folder is missing or not a folder.
        IndexProblem: the index is damaged, not writable or busy.
    """
    started = time.perf_counter()
    found = scan(Path(corpus_dir))
    index_path = Path(index_dir)
    store.ensure_dir(index_path)
    with store.write_lock(index_path, lock_timeout):
        try:
            meta = store.read_meta(index_path)
        except IndexProblem:
            if not rebuild:
                raise
            meta = None  # a rebuild replaces whatever is there
        reason = None
        if meta is None:
            reason = None if rebuild else "no index yet: built it"
            rebuild = True
        elif meta.version != INDEX_VERSION:
            reason = "the index was made by another nksearch version: rebuilt it"
            rebuild = True
        key = analysis.stem_cache_key()
        on_disk = store.load_stems(index_path, key)
        analysis.STEM_CACHE.update(on_disk)
        analysis.take_new_stems()
        try:
            if rebuild:
                current = meta.generation if meta is not None else ""
                report = _rebuild(found, index_path, current, progress)
            else:
                assert meta is not None
                if not on_disk:  # lost, damaged or made by other rules: refill it
                    _stem_vocabulary(index_path / meta.generation)
                report = _update(found, index_path, meta.generation, progress)
            new = analysis.take_new_stems()
            if new or len(on_disk) < len(analysis.STEM_CACHE):
                store.save_stems(index_path, key, analysis.STEM_CACHE)
        except NksearchError:
            raise
        except OSError as exc:
            raise IndexProblem(
                f"cannot write the index in {str(index_path)!r}: {exc.strerror or exc};"
                " free some space or pass --index DIR"
            ) from exc
        except Exception as exc:  # unreadable segment files surface as many types
            raise damaged_index(index_path, exc) from exc
    took = (time.perf_counter() - started) * 1000
    return SyncReport(
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        skipped=report.skipped,
        rebuilt=rebuild,
        reason=reason,
        took_ms=took,
    )


def _writer(ix: Any) -> FastSegmentWriter:
    return FastSegmentWriter(ix, limitmb=WORKER_LIMIT_MB)


def _feed(
    add: Callable[[dict[str, Any]], None],
    root: Path,
    todo: list[tuple[str, str]],
    progress: Progress | None,
) -> tuple[int, list[Skipped], dict[str, list[str]]]:
    """Add ``todo`` documents in this process; returns (written, skipped, skip map)."""
    written = 0
    skipped: list[Skipped] = []
    skip_map: dict[str, list[str]] = {}
    total = len(todo)
    for done, (rel, stamp) in enumerate(todo, 1):
        item = _prepare(root, rel, stamp)
        if isinstance(item, Skipped):
            skipped.append(item)
            skip_map[item.path] = [stamp, item.reason]
        else:
            add(item[2])
            written += 1
        if progress is not None and (done % 50 == 0 or done == total):
            progress(done, total)
    return written, skipped, skip_map


def _rebuild(
    found: Scan, index_path: Path, current: str, progress: Progress | None
) -> SyncReport:
    """Build a new generation beside ``current`` (the one in use, or "")."""
    gen = store.new_generation(index_path)
    todo = list(found.files.items())
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    try:
        ix = whoosh_index.create_in(str(gen), make_schema())
        if len(todo) >= PARALLEL_THRESHOLD and workers > 1:
            previous = index_path / current if current else None
            skipped = parallel.build(ix, gen, found.root, todo, workers, _fields, progress, previous)
            stamps = dict(todo)
            skip_map = {item.path: [stamps[item.path], item.reason] for item in skipped}
        else:
            bulk = BulkSegmentWriter(ix)
            _written, skipped, skip_map = _feed(bulk.add, found.root, todo, progress)
            commit_segments(ix, bulk.finish())
        with ix.searcher() as searcher:
            written = searcher.doc_count()
        ix.close()
    except BaseException:
        store.remove_other_generations(index_path, keep=current)
        raise
    store.save_skipped(index_path, skip_map)
    store.write_meta(
        index_path,
        store.Meta(gen.name, INDEX_VERSION, str(found.root), store.now_iso(), written),
    )
    store.remove_other_generations(index_path, keep=gen.name)
    return SyncReport(added=written, skipped=tuple(found.problems) + tuple(skipped))


def _stem_vocabulary(gen_dir: Path) -> None:
    """Stem every word the index holds, so the stem cache saved next is whole.

    Snippets and did-you-mean suggestions know a word's forms only from the
    stem cache; one missing from disk would leave them only the words typed.
    """
    ix = _open(gen_dir)
    try:
        with ix.reader() as reader:
            for field in ("title", "body", "exact"):
                for term in reader.lexicon(field):
                    analysis.stem(term.decode("utf-8") if isinstance(term, bytes) else term)
    finally:
        ix.close()


def _update(
    found: Scan, index_path: Path, generation: str, progress: Progress | None
) -> SyncReport:
    ix = _open(index_path / generation)
    try:
        indexed = indexed_stamps(ix)
    except Exception as exc:  # damaged segment files surface on first read
        raise damaged_index(index_path, exc) from exc
    known_skips = store.load_skipped(index_path)
    todo: list[tuple[str, str]] = []
    kept_skips: dict[str, list[str]] = {}
    previously_skipped: list[Skipped] = []
    added = updated = unchanged = 0
    for rel, stamp in found.files.items():
        old = indexed.get(rel)
        if old == stamp:
            unchanged += 1
            continue
        skip = known_skips.get(rel)
        if old is None and skip is not None and skip[0] == stamp:
            kept_skips[rel] = skip
            previously_skipped.append(Skipped(rel, skip[1]))
            continue
        todo.append((rel, stamp))
        if old is None:
            added += 1
        else:
            updated += 1
    removed = [rel for rel in indexed if rel not in found.files]
    skipped: list[Skipped] = []
    if todo or removed:
        writer = _writer(ix)
        try:
            for rel in removed:
                writer.delete_by_term("path", rel)
            for rel, _stamp in todo:
                if rel in indexed:
                    writer.delete_by_term("path", rel)
            _written, skipped, skip_map = _feed(writer.add_prepared, found.root, todo, progress)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        kept_skips.update(skip_map)
        for item in skipped:
            if item.path in indexed:
                updated -= 1
            else:
                added -= 1
    if kept_skips != known_skips:
        store.save_skipped(index_path, kept_skips)
    with ix.searcher() as searcher:
        count = searcher.doc_count()
    ix.close()
    store.write_meta(
        index_path,
        store.Meta(generation, INDEX_VERSION, str(found.root), store.now_iso(), count),
    )
    store.remove_other_generations(index_path, keep=generation)  # left by killed rebuilds
    return SyncReport(
        added=added,
        updated=updated,
        removed=len(removed),
        unchanged=unchanged,
        skipped=tuple(found.problems) + tuple(previously_skipped) + tuple(skipped),
    )
