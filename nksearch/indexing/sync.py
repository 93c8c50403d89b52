"""Sync a Whoosh index with a corpus directory: incremental or full rebuild.

``sync`` scans the corpus, compares file stamps with the ones stored in the
index, and re-reads only new and changed files; deleted files are removed. A
rebuild (asked for, or needed because the index format changed) writes a new
generation and swaps it in atomically (see ``layout``). Large rebuilds read,
clean and analyse documents in worker processes (see ``parallel``); the
parent only publishes their segments. Each sync has an
:class:`~nksearch.analysis.analyzer.Analyzer` of its own, started from the
stem cache kept with the index, so later builds stem only words they have
never seen, and the cache is saved back when it grew.

Lines and sentences an outlet repeats across the corpus are left out of
what is indexed and stored (see ``nksearch.documents.boilerplate``). Each
sync counts them again from the fingerprints kept with the index (see
``recurring``) and the files it reads; unchanged documents with a line that
crossed the threshold either way are indexed again, so an index synced
step by step holds what a rebuild would.

This module does not search and prints nothing: progress goes to a callback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nksearch.analysis.stemmer import stem_cache_key
from nksearch.documents.corpus import Scan, check_corpus, scan
from nksearch.errors import Fix, IndexProblem, NksearchError, damaged_index
from nksearch.indexing import foldertimes, layout, recurring
from nksearch.indexing.stemcache import SyncStems
from nksearch.indexing.versions import INDEX_VERSION
from nksearch.models import Skipped, SyncReport

if TYPE_CHECKING:
    from nksearch.analysis.analyzer import Analyzer

# Whoosh, the segment writers and the field builders are imported where a
# sync writes: a sync that finds nothing changed loads none of them.

Progress = Callable[[int, int], None]

#: Below this many files to read, worker processes cost more than they save.
PARALLEL_THRESHOLD = 400
MAX_WORKERS = 4
WORKER_LIMIT_MB = 128
LOCK_TIMEOUT = 5.0


def open_generation(gen_dir: Path, index_dir: Path) -> Any:
    """Open one generation's Whoosh index; unreadable files are damage."""
    from nksearch._whoosh import opening

    try:
        return opening.open_dir(gen_dir)
    except Exception as exc:  # Whoosh raises many types for damaged files
        raise damaged_index(index_dir, exc) from exc


def ensure_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    starting: Callable[[], None] | None = None,
) -> SyncReport | None:
    """Build the index when there is none; None when there is one already.

    The corpus and the index folder are checked first, so what is wrong is
    said before anything is built; ``starting()`` is called just before the
    build begins.
    """
    if layout.read_meta(index_dir) is not None:
        return None
    check_corpus(corpus_dir)
    layout.ensure_dir(index_dir)
    if starting is not None:
        starting()
    return sync(corpus_dir, index_dir, progress=progress)


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
    layout.ensure_dir(index_path)
    with layout.write_lock(index_path, lock_timeout):
        try:
            meta = layout.read_meta(index_path)
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
        stems = SyncStems(index_path, stem_cache_key())  # read when a file is analysed
        try:
            if rebuild:
                current = meta.generation if meta is not None else ""
                report = _rebuild(stems.analyzer(), found, index_path, current, progress)
            else:
                assert meta is not None
                if not stems.whole_on_disk():  # lost, damaged or made by other rules
                    stems.refill(index_path / meta.generation)
                update = _update(stems.analyzer, found, index_path, meta, progress)
                if update is None:
                    reason = "the index's counts of recurring lines were lost: rebuilt it"
                    rebuild = True
                    update = _rebuild(
                        stems.analyzer(), found, index_path, meta.generation, progress
                    )
                report = update
            stems.save()
            foldertimes.save(index_path, found)  # the index now reflects this scan
        except NksearchError:
            raise
        except OSError as exc:
            raise IndexProblem(
                f"cannot write the index in {str(index_path)!r}: {exc.strerror or exc}",
                path=index_path,
                fix=Fix.FREE_SPACE,
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
        warnings=report.warnings,
    )


def _read_all(
    root: Path, todo: list[tuple[str, str]], progress: Progress | None, total: int
) -> tuple[list[recurring.Read], list[Skipped]]:
    """Read, clean and fingerprint ``todo`` in this process (the first half of progress)."""
    read: list[recurring.Read] = []
    skipped: list[Skipped] = []
    for done, item in enumerate(recurring.read(root, todo), 1):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            read.append(item)
        if progress is not None and (done % 50 == 0 or done == len(todo)):
            progress(done * total // (2 * len(todo)), total)
    return read, skipped


def _add_all(
    analyzer: Analyzer,
    add: Callable[[dict[str, Any]], None],
    read: list[recurring.Read],
    found: recurring.Recurring,
    progress: Progress | None,
    total: int,
) -> None:
    """Index ``read`` without its boilerplate (the second half of progress)."""
    from nksearch.indexing.fields import document_fields

    for done, (_rel, stamp, article, prints) in enumerate(read, 1):
        clean = recurring.clean(article, recurring.cut_of(prints, found))
        add(document_fields(analyzer, clean, stamp))
        if progress is not None and (done % 50 == 0 or done == len(read)):
            progress(total // 2 + done * (total - total // 2) // len(read), total)


def _rebuild(
    analyzer: Analyzer, found: Scan, index_path: Path, current: str, progress: Progress | None
) -> SyncReport:
    """Build a new generation beside ``current`` (the one in use, or "")."""
    from nksearch._whoosh import opening
    from nksearch._whoosh.termwriter import commit_segments
    from nksearch._whoosh.writer import BulkSegmentWriter
    from nksearch.indexing.schema import make_schema

    gen = layout.new_generation(index_path)
    todo = sorted(found.files.items())  # the same order of documents on every build
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    try:
        ix = opening.create_in(gen, make_schema())
        if len(todo) >= PARALLEL_THRESHOLD and workers > 1:
            from nksearch.indexing import parallel  # page cleaning and worker pools: only now

            skipped, state = parallel.build(analyzer, ix, gen, found.root, todo, workers, progress)
        else:
            read, skipped = _read_all(found.root, todo, progress, len(todo))
            docs = {rel: (stamp, prints) for rel, stamp, _article, prints in read}
            state = recurring.State(docs, recurring.found_in(docs))
            bulk = BulkSegmentWriter(ix)
            _add_all(analyzer, bulk.add, read, state.found, progress, len(todo))
            del read
            commit_segments(ix, bulk.finish())
        recurring.save(gen, ix.latest_generation(), state)
        written = ix.doc_count()  # from a reader: no searching modules loaded
        ix.close()
    except BaseException:
        layout.remove_other_generations(index_path, keep=current)
        raise
    stamps = dict(todo)
    skip_map = {item.path: [stamps[item.path], item.reason] for item in skipped}
    layout.save_skipped(index_path, skip_map)
    layout.write_meta(
        index_path,
        layout.Meta(
            gen.name, INDEX_VERSION, str(found.root), layout.now_iso(), written, layout.toc_sum(gen)
        ),
    )
    layout.remove_other_generations(index_path, keep=gen.name)
    return SyncReport(
        added=written,
        skipped=tuple(found.problems) + tuple(skipped),
        warnings=recurring.front_matter_warnings(found.root, todo, skipped),
    )


def _update(
    analyzer: Callable[[], Analyzer],
    found: Scan,
    index_path: Path,
    meta: layout.Meta,
    progress: Progress | None,
) -> SyncReport | None:
    """Sync the current generation in place; None when its boilerplate is unknown.

    What is indexed is read from the state kept with the table of contents
    in use (see ``recurring``), when that table of contents is the one the
    last sync left (``meta.toc``); Whoosh is opened only when files changed,
    or to read the table of contents when it is not the one left.
    """
    generation = meta.generation
    gen_dir = index_path / generation
    left = layout.toc_sum(gen_dir)
    toc = None if left is None else left[0]
    saved = None if toc is None else recurring.read_saved(gen_dir, toc)
    indexed = saved.stamps() if saved is not None and left == meta.toc else None
    ix = None
    if indexed is None:  # a state of an older format, or lost: ask the index
        from nksearch._whoosh.readers import indexed_stamps

        ix = open_generation(gen_dir, index_path)
        try:
            indexed = indexed_stamps(ix)
        except Exception as exc:  # damaged segment files surface on first read
            ix.close()
            raise damaged_index(index_path, exc) from exc
    known_skips = layout.load_skipped(index_path)
    todo: list[tuple[str, str]] = []
    kept_skips: dict[str, list[str]] = {}
    previously_skipped: list[Skipped] = []
    added = updated = 0
    # The files new or changed since the last sync (nothing changed: one
    # comparison, made in C), in path order, so documents are added as a
    # rebuild adds them.
    get = indexed.get
    differ = (
        []
        if found.files == indexed
        else [(rel, stamp) for rel, stamp in found.files.items() if get(rel) != stamp]
    )
    unchanged = len(found.files) - len(differ)
    for rel, stamp in sorted(differ):
        old = indexed.get(rel)
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
    removed = [] if unchanged == len(indexed) else sorted(indexed.keys() - found.files.keys())
    skipped: list[Skipped] = []
    count = len(indexed)
    if todo or removed:
        from nksearch._whoosh.writer import FastSegmentWriter, merge_small
        from nksearch.documents import boilerplate

        if ix is None:
            ix = open_generation(gen_dir, index_path)
        state = None if saved is None else saved.state()
        if state is None or not state.matches(indexed) or ix.doc_count() != len(indexed):
            ix.close()
            return None
        read, skipped = _read_all(found.root, todo, progress, len(todo))
        docs = state.docs
        for rel in removed:
            del docs[rel]
        for rel, _stamp in todo:
            docs.pop(rel, None)
        docs.update((rel, (stamp, prints)) for rel, stamp, _article, prints in read)
        now = recurring.found_in(docs)
        # Unchanged documents with a line that crossed the threshold either
        # way are indexed again, as a rebuild would index them.
        moved = boilerplate.changed(state.found, now)
        again: list[tuple[str, str]] = []
        lost: list[Skipped] = []
        if moved:
            fresh = {rel for rel, _stamp in todo}
            again = [
                (rel, stamp)
                for rel, (stamp, prints) in docs.items()
                if rel not in fresh and recurring.cut_of(prints, moved)
            ]
            more, lost = _read_all(found.root, again, None, 0)
            read += more
            for item in lost:  # gone or unreadable since the scan
                docs.pop(item.path, None)
            skipped += lost
        writer = FastSegmentWriter(ix, limitmb=WORKER_LIMIT_MB)
        try:
            for rel in removed:
                writer.delete_by_term("path", rel)
            for rel, _stamp in todo + again:
                if rel in indexed:
                    writer.delete_by_term("path", rel)
            _add_all(analyzer(), writer.add_prepared, read, now, progress, len(todo))
            recurring.save(gen_dir, writer.generation, recurring.State(docs, now, state.base))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=merge_small)  # small segments folded together
        recurring.remove_others(gen_dir, keep=writer.generation)
        stamps = dict(todo + again)
        kept_skips.update({item.path: [stamps[item.path], item.reason] for item in skipped})
        for item in skipped[: len(skipped) - len(lost)]:
            if item.path in indexed:
                updated -= 1
            else:
                added -= 1
        count = ix.doc_count()
        left = layout.toc_sum(gen_dir)  # the table of contents this sync committed
    if ix is not None:
        ix.close()
    if kept_skips != known_skips:
        layout.save_skipped(index_path, kept_skips)
    layout.write_meta(
        index_path,
        layout.Meta(
            generation,
            INDEX_VERSION,
            str(found.root),
            layout.now_iso(),
            count,
            left,
        ),
    )
    layout.remove_other_generations(index_path, keep=generation)  # left by killed rebuilds
    return SyncReport(
        added=added,
        updated=updated,
        removed=len(removed),
        unchanged=unchanged,
        skipped=tuple(found.problems) + tuple(previously_skipped) + tuple(skipped),
        warnings=recurring.front_matter_warnings(found.root, todo, skipped),
    )
