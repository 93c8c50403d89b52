"""One sync, step by step, on a corpus of three short pages (fast: every build is tiny)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from nksearch.analysis.stemmer import stem_cache_key
from nksearch.documents import frontmatter
from nksearch.documents.corpus import scan, stamp_size
from nksearch.errors import CorpusError, DamagedIndex, Fix, IndexBusyError, IndexProblem
from nksearch.indexing import foldertimes, layout, recurring, sync
from nksearch.indexing.versions import INDEX_VERSION
from nksearch.models import Skipped, SyncReport

PAGES = {
    "gempa.txt": "Gempa Guncang Cianjur\n\nSenin, 21 November 2022\n\n"
    "CIANJUR - Gempa mengguncang Cianjur dan warga mengungsi ke lapangan.\n",
    "banjir.md": "---\ntitle: Banjir Rendam Bekasi\ndate: 2023-01-02\n---\n"
    "Banjir merendam ribuan rumah warga di Bekasi.\n",
    "rusak.md": "---\ntitle: [tak ditutup\n---\nHarga beras naik di pasar induk.\n",
}


def pages(root: Path, names: tuple[str, ...] = tuple(PAGES)) -> Path:
    root.mkdir(exist_ok=True)
    for name in names:
        (root / name).write_text(PAGES[name], "utf-8")
    (root / "biner.txt").write_bytes(b"\x00\x01\x02" * 40)
    return root


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return pages(tmp_path / "korpus"), tmp_path / "indeks"


def front_matter_warning() -> Skipped:
    why = frontmatter.problem(PAGES["rusak.md"])
    assert why is not None
    return Skipped("rusak.md", why)


def generations(index: Path) -> list[str]:
    return sorted(p.name for p in index.iterdir() if p.name.startswith(layout.GEN_PREFIX))


def test_a_first_sync_builds_everything_and_keeps_what_the_next_needs(
    folders: tuple[Path, Path],
) -> None:
    corpus, index = folders
    calls: list[tuple[int, int]] = []
    report = sync.sync(corpus, index, progress=lambda done, total: calls.append((done, total)))
    assert report.took_ms > 0
    assert report == SyncReport(
        added=3,
        skipped=(Skipped("biner.txt", "binary data"),),
        rebuilt=True,
        reason="no index yet: built it",
        took_ms=report.took_ms,
        warnings=(front_matter_warning(),),
    )
    assert calls == [(2, 4), (4, 4)]  # reading is the first half, indexing the second
    meta = layout.read_meta(index)
    assert meta is not None and generations(index) == [meta.generation]
    assert (meta.version, meta.corpus, meta.documents) == (INDEX_VERSION, str(corpus), 3)
    assert meta.toc == layout.toc_sum(index / meta.generation) and meta.toc is not None
    assert layout.load_skipped(index) == {
        "biner.txt": [scan(corpus).files["biner.txt"], "binary data"]
    }
    assert layout.stems_whole(index, stem_cache_key())
    assert layout.load_stems(index, stem_cache_key())["mengguncang"] == "guncang"
    saved = foldertimes.load(index, corpus)
    assert saved is not None and set(saved.folders) == {""}
    assert sorted(p.name for p in index.iterdir() if not p.name.startswith("g-")) == [
        layout.META, foldertimes.FOLDERS, layout.SKIPPED, layout.STEMS, layout.LOCK,
    ]  # fmt: skip


def test_a_second_sync_changes_nothing_and_remembers_what_it_skipped(
    folders: tuple[Path, Path],
) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    before = layout.read_meta(index)
    calls: list[tuple[int, int]] = []
    report = sync.sync(corpus, index, progress=lambda done, total: calls.append((done, total)))
    assert report == SyncReport(
        unchanged=3, skipped=(Skipped("biner.txt", "binary data"),), took_ms=report.took_ms
    )
    assert calls == []
    after = layout.read_meta(index)
    assert before is not None and after is not None
    assert (after.generation, after.documents, after.toc) == (before.generation, 3, before.toc)


def test_a_sync_adds_changes_and_removes_in_place(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    generation = generations(index)
    (corpus / "gempa.txt").write_text(PAGES["gempa.txt"] + "Gempa susulan terasa di Sukabumi.\n")
    (corpus / "rusak.md").write_text(PAGES["rusak.md"].replace("beras", "gula"), "utf-8")
    (corpus / "banjir.md").unlink()
    (corpus / "sub").mkdir()
    (corpus / "sub" / "baru.txt").write_text(
        "Jembatan Baru\n\nJembatan baru diresmikan di Bogor.\n"
    )
    (corpus / "kosong.txt").write_text("  \n")
    calls: list[tuple[int, int]] = []
    report = sync.sync(corpus, index, progress=lambda done, total: calls.append((done, total)))
    assert report == SyncReport(
        added=1,
        updated=2,
        removed=1,
        skipped=(Skipped("biner.txt", "binary data"), Skipped("kosong.txt", "empty file")),
        took_ms=report.took_ms,
        warnings=(front_matter_warning(),),
    )
    assert calls == [(2, 4), (4, 4)]  # four read (one empty), three indexed
    assert generations(index) == generation
    meta = layout.read_meta(index)
    assert meta is not None and (meta.documents, meta.corpus) == (3, str(corpus))
    assert meta.toc == layout.toc_sum(index / meta.generation)
    assert set(layout.load_skipped(index)) == {"biner.txt", "kosong.txt"}
    saved = foldertimes.load(index, corpus)
    assert saved is not None and set(saved.folders) == {"", "sub"}


def test_a_page_that_became_unreadable_leaves_the_index(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    (corpus / "gempa.txt").write_bytes(b"\x00\x01" * 50)
    report = sync.sync(corpus, index)
    assert report == SyncReport(
        unchanged=2,
        skipped=(Skipped("biner.txt", "binary data"), Skipped("gempa.txt", "binary data")),
        took_ms=report.took_ms,
    )
    meta = layout.read_meta(index)
    assert meta is not None and meta.documents == 2
    assert layout.load_skipped(index)["gempa.txt"] == [
        scan(corpus).files["gempa.txt"],
        "binary data",
    ]
    again = sync.sync(corpus, index)  # known unreadable and unchanged: not read again
    assert (again.unchanged, len(again.skipped)) == (2, 2)
    after = layout.read_meta(index)
    assert after is not None and after.toc == meta.toc  # nothing written


def test_a_sync_with_its_own_record_never_reads_the_segments(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch._whoosh import readers

    corpus, index = folders
    sync.sync(corpus, index)

    def unreadable(_ix: object) -> dict[str, str]:
        raise ValueError("segments unreadable")

    monkeypatch.setattr(readers, "indexed_stamps", unreadable)
    (corpus / "baru.txt").write_text("Jembatan Baru\n\nJembatan baru diresmikan di Bogor.\n")
    assert sync.sync(corpus, index).added == 1  # the stamps came from the sync's own record
    meta = layout.read_meta(index)
    assert meta is not None
    for state in (index / meta.generation).glob(f"{recurring.PREFIX}*"):
        state.unlink()  # no record: the segments must be read
    with pytest.raises(DamagedIndex) as caught:
        sync.sync(corpus, index)
    assert str(caught.value) == f"index {str(index)!r} is damaged (ValueError)"
    assert caught.value.path == str(index)


def test_a_generation_that_cannot_be_opened_is_damage(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch._whoosh import opening

    corpus, index = folders
    sync.sync(corpus, index)

    def broken(_folder: object) -> None:
        raise EOFError

    monkeypatch.setattr(opening, "open_dir", broken)
    meta = layout.read_meta(index)
    assert meta is not None
    with pytest.raises(DamagedIndex) as caught:
        sync.open_generation(index / meta.generation, index)
    assert str(caught.value) == f"index {str(index)!r} is damaged (EOFError)"
    assert (caught.value.path, caught.value.fix) == (str(index), Fix.REBUILD)


def test_a_markdown_page_changed_to_broken_front_matter_is_a_warning(
    folders: tuple[Path, Path],
) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    (corpus / "banjir.md").write_text(PAGES["rusak.md"].replace("beras", "gula"), "utf-8")
    report = sync.sync(corpus, index)
    assert (report.updated, report.rebuilt) == (1, False)
    assert [w.path for w in report.warnings] == ["banjir.md"]


def test_asking_for_a_rebuild_writes_a_new_generation_without_a_reason(
    folders: tuple[Path, Path],
) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    old = generations(index)
    calls: list[tuple[int, int]] = []
    report = sync.sync(
        corpus, index, rebuild=True, progress=lambda done, total: calls.append((done, total))
    )
    assert (report.added, report.rebuilt, report.reason) == (3, True, None)
    assert calls[-1] == (4, 4)
    assert len(generations(index)) == 1 and generations(index) != old


def test_another_version_is_rebuilt_with_the_reason(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    data = json.loads((index / layout.META).read_text("utf-8"))
    (index / layout.META).write_text(json.dumps({**data, "version": "0"}), "utf-8")
    report = sync.sync(corpus, index)
    assert (report.added, report.rebuilt) == (3, True)
    assert report.reason == "the index was made by another nksearch version: rebuilt it"
    meta = layout.read_meta(index)
    assert meta is not None and meta.version == INDEX_VERSION


def test_a_damaged_description_stops_a_sync_but_not_a_rebuild(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    (index / layout.META).write_text("{rusak", "utf-8")
    with pytest.raises(DamagedIndex) as caught:
        sync.sync(corpus, index)
    assert (caught.value.path, caught.value.fix) == (str(index), Fix.REBUILD)
    report = sync.sync(corpus, index, rebuild=True)
    assert (report.added, report.rebuilt, report.reason) == (3, True, None)
    assert layout.read_meta(index) is not None and len(generations(index)) == 1


def test_lost_counts_of_recurring_lines_mean_a_rebuild(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    meta = layout.read_meta(index)
    assert meta is not None
    for state in (index / meta.generation).glob(f"{recurring.PREFIX}*"):
        state.unlink()
    assert sync.sync(corpus, index).rebuilt is False  # nothing to read: nothing lost
    (corpus / "baru.txt").write_text("Jembatan Baru\n\nJembatan baru diresmikan di Bogor.\n")
    calls: list[tuple[int, int]] = []
    report = sync.sync(corpus, index, progress=lambda d, t: calls.append((d, t)))
    assert (report.added, report.rebuilt) == (4, True)
    assert report.reason == "the index's counts of recurring lines were lost: rebuilt it"
    assert calls == [(2, 5), (5, 5)]  # the rebuild reports its progress


def test_a_lost_stem_cache_is_refilled_from_the_index(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    (index / layout.STEMS).unlink()
    assert sync.sync(corpus, index).unchanged == 3
    stems = layout.load_stems(index, stem_cache_key())
    assert (stems["mengguncang"], stems["merendam"]) == ("guncang", "rendam")


def test_a_sync_waits_as_long_as_it_is_told_then_says_busy(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    with layout.write_lock(index, 1.0), pytest.raises(IndexBusyError):
        sync.sync(corpus, index, lock_timeout=0.05)
    assert sync.sync(corpus, index).unchanged == 3  # the lock is free again


def test_a_missing_corpus_is_said_before_any_index_is_made(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        sync.sync(tmp_path / "tiada", tmp_path / "indeks")
    assert not (tmp_path / "indeks").exists()


def test_a_write_that_fails_for_space_says_so(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = folders

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(foldertimes, "save", full)
    with pytest.raises(IndexProblem) as caught:
        sync.sync(corpus, index)
    assert type(caught.value) is IndexProblem
    assert str(caught.value) == (
        f"cannot write the index in {str(index)!r}: No space left on device"
    )
    assert (caught.value.path, caught.value.fix) == (str(index), Fix.FREE_SPACE)

    def unnamed(*_args: object) -> None:
        raise OSError("rusak")

    monkeypatch.setattr(foldertimes, "save", unnamed)
    with pytest.raises(IndexProblem, match=r": rusak$"):
        sync.sync(corpus, index)


def test_errors_inside_a_sync_are_said_as_damage_or_passed_on(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = folders
    problem = CorpusError("a problem the user can fix")

    def fails(error: Exception):  # type: ignore[no-untyped-def]
        def save(*_args: object) -> None:
            raise error

        return save

    monkeypatch.setattr(foldertimes, "save", fails(problem))
    with pytest.raises(CorpusError) as caught:
        sync.sync(corpus, index)
    assert caught.value is problem
    monkeypatch.setattr(foldertimes, "save", fails(ValueError("bad segment")))
    with pytest.raises(DamagedIndex) as damaged:
        sync.sync(corpus, index)
    assert str(damaged.value) == f"index {str(index)!r} is damaged (ValueError)"
    assert (damaged.value.path, damaged.value.fix) == (str(index), Fix.REBUILD)


def test_ensure_index_builds_only_a_missing_index(tmp_path: Path) -> None:
    corpus, index = pages(tmp_path / "korpus"), tmp_path / "a" / "indeks"
    started: list[bool] = []
    calls: list[tuple[int, int]] = []

    def starting() -> None:
        started.append(index.is_dir() and layout.read_meta(index) is None)

    report = sync.ensure_index(
        corpus, index, progress=lambda d, t: calls.append((d, t)), starting=starting
    )
    assert report is not None
    assert (report.added, report.rebuilt, report.reason) == (3, True, "no index yet: built it")
    assert started == [True] and calls[-1] == (4, 4)
    assert sync.ensure_index(corpus, index, starting=lambda: started.append(False)) is None
    assert started == [True]
    assert sync.ensure_index(corpus, index) is None


def test_ensure_index_checks_the_corpus_before_making_the_folder(tmp_path: Path) -> None:
    (tmp_path / "berkas.txt").write_text("a file")
    for corpus, says in (
        (tmp_path / "tiada", "does not exist"),
        (tmp_path / "berkas.txt", "is not a directory"),
    ):
        with pytest.raises(CorpusError, match=says):
            sync.ensure_index(corpus, tmp_path / "indeks", starting=lambda: pytest.fail("started"))
    assert not (tmp_path / "indeks").exists()


# -- a large rebuild's worker processes ---------------------------------------------


SHOP = "Toko Kelontong Sumber Rejeki buka setiap hari sampai malam."  # a line every page repeats


def shop_pages(root: Path) -> Path:
    """The three pages, the binary file and six pages ending with the shop's line."""
    pages(root)
    for number in range(6):
        (root / f"warta-{number}.txt").write_text(
            f"Warga Kampung {number} Bersihkan Selokan\n\n"
            f"Warga kampung {number} membersihkan selokan setelah hujan deras.\n\n{SHOP}\n",
            "utf-8",
        )
    return root


def new_generation(tmp_path: Path) -> tuple[Path, Any]:
    """An empty generation folder and its Whoosh index, for a build's workers."""
    from nksearch._whoosh import opening
    from nksearch.indexing.schema import make_schema

    gen = tmp_path / "generasi"
    gen.mkdir()
    return gen, opening.create_in(gen, make_schema())


@pytest.mark.parametrize("warm", [False, True])
def test_workers_index_every_readable_file_as_one_process_reads_it(
    tmp_path: Path, warm: bool
) -> None:
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.documents.corpus import scan
    from nksearch.indexing import parallel

    root = shop_pages(tmp_path / "korpus")
    todo = sorted(scan(root).files.items())
    read = [item for item in recurring.read(root, todo) if not isinstance(item, Skipped)]
    docs = {rel: (stamp, prints) for rel, stamp, _article, prints in read}
    analyzer = Analyzer()
    words = {
        w
        for _r, _s, article, _p in read
        for w in analyzer.words(article.title + " " + article.body)
    }
    if warm:
        analyzer.learn({word: Analyzer().stem(word) for word in words})
    gen, ix = new_generation(tmp_path)
    calls: list[tuple[int, int]] = []
    skipped, state = parallel.build(
        analyzer, ix, gen, root, todo, 2, lambda done, total: calls.append((done, total))
    )
    assert skipped == [Skipped("biner.txt", "binary data")]
    assert state.docs == docs
    assert state.found == recurring.found_in(docs) and state.found  # the shop's line
    assert calls[-1] == (len(todo), len(todo)) == (10, 10)
    assert all(done < total == 10 for done, total in calls[:-1])
    assert list(gen.glob(".articles-*")) == []  # spill files removed
    assert words <= set(analyzer.stems)  # stems the workers made are learnt
    with ix.searcher() as searcher:
        stored = {fields["path"]: fields for fields in searcher.all_stored_fields()}
    assert sorted(stored) == sorted(docs)
    for rel, _stamp, article, prints in read:
        clean = recurring.clean(article, recurring.cut_of(prints, state.found))
        assert (stored[rel]["title"], stored[rel]["body"]) == (clean.title, clean.body)
    assert SHOP not in stored["warta-0.txt"]["body"]
    assert "membersihkan selokan" in stored["warta-0.txt"]["body"]
    ix.close()


def test_a_parallel_build_reports_each_phase_as_its_share_of_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading is the first 30 % of the files, stemming the next 20 %, writing the rest.

    Workers count their files one part at a time here, and each waits until
    the building process has reported progress twice more, so every count is
    seen (a builder that stops reporting is given up on after 5 s, once).
    """
    import multiprocessing

    from nksearch.analysis.analyzer import Analyzer
    from nksearch.indexing import parallel

    fork = multiprocessing.get_context("fork")
    reported, given_up, one_at_a_time = fork.Event(), fork.Event(), fork.Lock()
    tick = parallel._tick

    def seen_by_the_builder(count: int) -> None:
        with one_at_a_time:
            tick(count)
            for _ in range(2):  # the first report may have read the count before it grew
                reported.clear()
                if not given_up.is_set() and not reported.wait(5):
                    given_up.set()

    monkeypatch.setattr(parallel, "_tick", seen_by_the_builder)
    monkeypatch.setattr(parallel, "_context", lambda: fork)
    root = shop_pages(tmp_path / "korpus")
    (root / "biner.txt").write_text("Pasar Baru\n\nPasar baru dibuka di Bogor.\n")  # all ten read
    todo = sorted(scan(root).files.items())
    gen, ix = new_generation(tmp_path)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        reported.set()

    parallel.build(Analyzer(), ix, gen, root, todo, 2, progress)
    ix.close()
    done = [d for d, _total in calls]
    assert {total for _done, total in calls} == {10}
    assert calls[-1] == (10, 10) and max(done[:-1]) == 9  # only the end says all
    assert done == sorted(done) and done[0] >= 0
    assert {3, 5, 9} <= set(done)  # read, stemmed, written: 0.3, 0.5 and all but the end
    # Between them, one writing worker's part written: 5 + half its share.
    parts = parallel.split([stamp_size(stamp) + 200 for _rel, stamp in todo], 2)
    assert {d for d in done if 5 < d < 9} <= {int(5 + (b - a) / 2) for a, b in parts}
    assert any(5 < d < 9 for d in done)
    assert not given_up.is_set()


def test_a_writing_worker_indexes_the_articles_of_its_part_without_boilerplate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from nksearch._whoosh.termwriter import commit_segments
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.documents.corpus import scan
    from nksearch.indexing import parallel

    root = shop_pages(tmp_path / "korpus")
    for number in range(92):  # a part of 99: one short of a second progress tick
        (root / f"zz-{number:02}.txt").write_text(
            f"Pasar {number} Ramai\n\nPasar {number} ramai.\n\n{SHOP}\n"
        )
    todo = sorted(scan(root).files.items())
    counter = multiprocessing.Value("i", 0)
    analyzer = Analyzer()
    monkeypatch.setattr(parallel, "_worker", parallel._Worker(counter, analyzer, [], {}))
    first, second = tmp_path / "bagian-0", tmp_path / "bagian-1"
    part_one, _skipped, _words = parallel._read_part(root, todo[:3], first)
    part_two, skipped, _words = parallel._read_part(root, todo[3:], second)
    assert skipped == [] and len(part_one) == 2  # biner.txt was in the first part
    assert counter.value == 3 + 99  # every file read counted once, skipped ones too
    items = part_one + part_two
    found = recurring.found_in({rel: (stamp, prints) for rel, stamp, prints in items})
    worker = parallel._state()
    worker.items, worker.found = items, found
    counter.value = 0
    gen, ix = new_generation(tmp_path)
    segments, stems = parallel._write_part(str(gen), len(part_one), len(items), second)
    assert counter.value == len(part_two) == 99
    assert stems and analyzer.take_new_stems() == {}  # handed back once
    assert stems["membersihkan"] == "bersih"
    commit_segments(ix, segments)
    with ix.searcher() as searcher:
        stored = {fields["path"]: fields for fields in searcher.all_stored_fields()}
    assert sorted(stored) == [rel for rel, _stamp, _prints in part_two]
    by_path = {
        item[0]: item for item in recurring.read(root, todo) if not isinstance(item, Skipped)
    }
    for rel in stored:
        _rel, _stamp, article, prints = by_path[rel]
        clean = recurring.clean(article, recurring.cut_of(prints, found))
        assert (stored[rel]["title"], stored[rel]["body"]) == (clean.title, clean.body)
        assert SHOP not in stored[rel]["body"]
    ix.close()


def test_a_parallel_build_with_three_workers_gives_each_its_own_part(tmp_path: Path) -> None:
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.indexing import parallel

    root = shop_pages(tmp_path / "korpus")
    todo = sorted(scan(root).files.items())
    gen, ix = new_generation(tmp_path)
    skipped, state = parallel.build(Analyzer(), ix, gen, root, todo, 3, None)
    assert skipped == [Skipped("biner.txt", "binary data")] and len(state.docs) == 9
    with ix.searcher() as searcher:
        assert sorted(f["path"] for f in searcher.all_stored_fields()) == sorted(state.docs)
        assert len(searcher.reader().leaf_readers()) == 3  # a segment per writing worker
    ix.close()


def test_files_are_split_into_runs_of_about_equal_weight() -> None:
    from nksearch.indexing.parallel import split

    assert split([1] * 10, 2) == [(0, 5), (5, 10)]
    assert split([1] * 10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert split([6, 1, 1, 1, 1], 2) == [(0, 1), (1, 5)]  # a heavy file alone
    assert split([1, 1, 1, 1, 6], 2) == [(0, 5)]  # a run closes once it holds its share
    assert split([2, 2, 2], 2) == [(0, 2), (2, 3)]  # a bound reached exactly closes a run
    assert split([3], 4) == [(0, 1)]  # never more runs than files
    assert split([0, 0, 0], 2) == [(0, 3)]  # weightless files: one run
    assert split([1, 1, 0, 0], 2) == [(0, 1), (1, 4)]  # never more runs than asked for
    assert split([], 2) == []


def test_reading_and_indexing_report_progress_every_fifty_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch.analysis.analyzer import Analyzer

    root = tmp_path / "korpus"
    root.mkdir()
    for number in range(120):
        (root / f"b{number:03}.txt").write_text(
            f"Berita Nomor {number}\n\nWarga desa {number} menanam padi.\n", "utf-8"
        )
    todo = sorted(scan(root).files.items())
    calls: list[tuple[int, int, int]] = []
    given: list[object] = []
    read_files = recurring.read

    def counted(root: Path, todo: list[tuple[str, str]]) -> Any:
        for item in read_files(root, todo):
            given.append(item)
            yield item

    monkeypatch.setattr(recurring, "read", counted)
    read, skipped = sync._read_all(root, todo, lambda d, t: calls.append((d, t, len(given))), 120)
    assert (len(read), skipped) == (120, [])
    # After 50, 100 and 120 files read: the first half of the progress.
    assert calls == [(25, 120, 50), (50, 120, 100), (60, 120, 120)]
    calls.clear()
    added: list[dict[str, object]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total, len(added)))

    sync._add_all(Analyzer(), added.append, read, {}, progress, 120)
    assert [fields["path"] for fields in added] == [rel for rel, _stamp in todo]
    assert calls == [(85, 120, 50), (110, 120, 100), (120, 120, 120)]


def test_a_rebuild_that_fails_keeps_the_index_in_use(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = folders
    sync.sync(corpus, index)
    before = layout.read_meta(index)
    assert before is not None

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recurring, "save", full)
    with pytest.raises(IndexProblem, match="No space left on device"):
        sync.sync(corpus, index, rebuild=True)
    assert layout.read_meta(index) == before
    assert generations(index) == [before.generation]  # the new one removed, not the old
    monkeypatch.undo()
    assert sync.sync(corpus, index).unchanged == 3


def test_a_sync_says_how_long_it_took(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import types

    corpus, index = folders
    clock = iter([100.0, 100.25])
    fake = types.SimpleNamespace(perf_counter=lambda: next(clock))
    monkeypatch.setattr(sync, "time", fake)
    assert sync.sync(corpus, index).took_ms == 250.0


@pytest.mark.parametrize(
    ("files", "cores", "parallel"),
    [(4, 2, True), (3, 2, False), (4, 1, False), (4, None, False), (4, 8, True)],
)
def test_a_rebuild_uses_worker_processes_from_enough_files_and_cores(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: int,
    cores: int | None,
    parallel: bool,
) -> None:
    from nksearch.indexing import parallel as workers

    root = tmp_path / "korpus"
    root.mkdir()
    for number in range(files):
        (root / f"b{number}.txt").write_text(f"Berita {number}\n\nWarga menanam padi.\n")
    monkeypatch.setattr(sync, "PARALLEL_THRESHOLD", 4)
    monkeypatch.setattr(sync.os, "cpu_count", lambda: cores)
    used: list[int] = []
    build = workers.build

    def counted(*args: Any) -> Any:
        used.append(args[5])
        return build(*args)

    monkeypatch.setattr(workers, "build", counted)
    calls: list[tuple[int, int]] = []
    report = sync.sync(root, tmp_path / "indeks", progress=lambda d, t: calls.append((d, t)))
    assert report.added == files
    assert used == ([min(cores or 1, sync.MAX_WORKERS)] if parallel else [])
    assert calls[-1] == (files, files)


def test_a_worker_that_cannot_start_fails_the_build_instead_of_waiting_for_ever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import threading

    from nksearch.analysis.analyzer import Analyzer
    from nksearch.indexing import parallel

    class Broken(Analyzer):
        def take_new_stems(self) -> dict[str, str]:
            raise MemoryError("kehabisan memori")

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    root = shop_pages(tmp_path / "korpus")
    todo = sorted(scan(root).files.items())
    gen, ix = new_generation(tmp_path)
    raised: list[BaseException] = []

    def build() -> None:
        try:
            parallel.build(Broken(), ix, gen, root, todo, 2, None)
        except BaseException as exc:  # looked at below
            raised.append(exc)

    builder = threading.Thread(target=build, daemon=True)
    builder.start()
    builder.join(120)  # only a build that waits for ever takes this long
    assert not builder.is_alive()
    assert [type(exc) for exc in raised] == [IndexProblem]
    assert str(raised[0]) == (
        f"cannot build the index in {str(tmp_path)!r}: "
        "a build worker could not start: kehabisan memori"
    )
    assert raised[0].path == str(tmp_path) and raised[0].fix is None  # type: ignore[attr-defined]
    assert list(gen.glob(".articles-*")) == []
    ix.close()


class _Captured:
    """A stream without a descriptor, as a Textual app leaves ``sys.stderr``."""

    def write(self, text: str) -> int:
        return len(text)

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize("original_usable", [True, False])
def test_the_resource_tracker_starts_with_a_stderr_it_can_hand_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, original_usable: bool
) -> None:
    import sys
    from multiprocessing import resource_tracker

    from nksearch.indexing import parallel

    seen: list[tuple[object, int]] = []

    def ensure_running() -> None:
        seen.append((sys.stderr, sys.stderr.fileno()))

    monkeypatch.setattr(resource_tracker, "ensure_running", ensure_running)
    original = open(tmp_path / "stderr.txt", "w") if original_usable else _Captured()  # noqa: SIM115
    captured = _Captured()
    monkeypatch.setattr(sys, "__stderr__", original)
    monkeypatch.setattr(sys, "stderr", captured)
    parallel._start_resource_tracker()
    assert sys.stderr is captured  # put back
    [(stand_in, descriptor)] = seen
    assert descriptor >= 0
    if original_usable:
        assert stand_in is original and not original.closed  # type: ignore[union-attr]
        original.close()  # type: ignore[union-attr]
    else:
        assert stand_in is not original and getattr(stand_in, "name", None) == os.devnull
        assert getattr(stand_in, "mode", None) == "w"  # the tracker writes to it
        assert stand_in.closed  # type: ignore[attr-defined]


def test_the_resource_tracker_is_left_alone_when_stderr_has_a_descriptor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys
    from multiprocessing import resource_tracker

    from nksearch.indexing import parallel

    calls: list[object] = []
    monkeypatch.setattr(resource_tracker, "ensure_running", lambda: calls.append(sys.stderr))
    with open(tmp_path / "stderr.txt", "w") as stream:
        monkeypatch.setattr(sys, "stderr", stream)
        parallel._start_resource_tracker()
        assert sys.stderr is stream
    assert calls == []
    assert parallel._descriptor(_Captured()) == -1 and parallel._descriptor(None) == -1


def test_a_task_in_a_worker_that_could_not_start_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from nksearch.indexing import parallel

    monkeypatch.setattr(parallel, "_worker", None)
    monkeypatch.setattr(parallel, "_failed", MemoryError("kehabisan memori"))
    with pytest.raises(parallel.WorkerFailed) as raised:
        parallel._state()
    assert str(raised.value) == "a build worker could not start: kehabisan memori"
    assert isinstance(raised.value.__cause__, MemoryError)
    monkeypatch.setattr(parallel, "_failed", None)
    with pytest.raises(AssertionError, match=r"^called outside a build worker$"):
        parallel._state()
