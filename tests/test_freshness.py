"""What a quick check for changed files finds (one-shot queries) and what it misses.

Folder times are set an hour back before the sync, so the sync's record is
not "racy" (a folder changed within two seconds of the scan is always
listed again); each change below then moves a folder's time only if it
adds, removes or renames an entry, as on any POSIX file system.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.cli.commands import app
from nksearch.documents.folders import RACY_NS, changed_folders
from nksearch.indexing import foldertimes

ARTICLE = "Judul Tambahan Tentang Armenia\n\nIsi berita tentang Armenia dan Rusia.\n"
HOUR_AGO = time.time() - 3600


def query(corpus: Path, index_dir: Path) -> tuple[int, str]:
    args = ["query", "Armenia", "--corpus", str(corpus), "--index", str(index_dir)]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stderr


def age_folders(corpus: Path) -> None:
    """Set every folder's time an hour back (files keep theirs)."""
    for folder, _dirs, _files in os.walk(corpus):
        os.utime(folder, (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def aged(corpus: Path, index_dir: Path) -> tuple[Path, Path]:
    (corpus / "dalam" / "lagi").mkdir(parents=True)
    (corpus / "dalam" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "dalam" / "lagi" / "b.txt").write_text(ARTICLE + "Dua.\n", encoding="utf-8")
    age_folders(corpus)
    nksearch.sync(corpus, index_dir)
    return corpus, index_dir


def stale(corpus: Path, index_dir: Path, *, quick: bool) -> list[str]:
    with nksearch.open_index(index_dir) as idx:
        return idx.stale(corpus, quick=quick)


def test_sync_records_every_folder(aged: tuple[Path, Path]) -> None:
    corpus, index_dir = aged
    record = foldertimes.load(index_dir, corpus.resolve())
    assert record is not None
    assert sorted(record.folders) == ["", "dalam", "dalam/lagi"]
    assert max(record.folders.values()) < record.started_ns - RACY_NS
    assert stale(corpus, index_dir, quick=True) == []
    unchanged = changed_folders(corpus, record.folders, record.started_ns)
    assert unchanged.folders == frozenset() and unchanged.files == {}


def test_quick_check_finds_added_deleted_and_renamed_files(aged: tuple[Path, Path]) -> None:
    corpus, index_dir = aged
    (corpus / "dalam" / "lagi" / "baru.txt").write_text(ARTICLE + "Baru.\n", encoding="utf-8")
    (corpus / "dalam" / "a.txt").rename(corpus / "dalam" / "c.txt")
    (corpus / "001_63c42fef90ae31eb.txt").unlink()
    expected = [
        "001_63c42fef90ae31eb.txt",
        "dalam/a.txt",
        "dalam/c.txt",
        "dalam/lagi/baru.txt",
    ]
    assert stale(corpus, index_dir, quick=True) == expected
    assert stale(corpus, index_dir, quick=False) == expected


def test_quick_check_finds_a_file_saved_by_replacing_it(aged: tuple[Path, Path]) -> None:
    corpus, index_dir = aged
    target = corpus / "dalam" / "lagi" / "b.txt"
    temporary = target.with_name(".b.txt.swp")
    temporary.write_text(ARTICLE + "Diubah.\n", encoding="utf-8")
    temporary.replace(target)  # how most editors save
    assert stale(corpus, index_dir, quick=True) == ["dalam/lagi/b.txt"]


def test_quick_check_finds_new_and_removed_folders(aged: tuple[Path, Path]) -> None:
    corpus, index_dir = aged
    (corpus / "dalam" / "lagi" / "b.txt").unlink()
    (corpus / "dalam" / "lagi").rmdir()
    (corpus / "kiriman" / "2020").mkdir(parents=True)
    (corpus / "kiriman" / "2020" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    expected = ["dalam/lagi/b.txt", "kiriman/2020/d.txt"]
    assert stale(corpus, index_dir, quick=True) == expected
    assert stale(corpus, index_dir, quick=False) == expected


def test_a_file_rewritten_in_place_is_missed_by_the_quick_check_only(
    aged: tuple[Path, Path],
) -> None:
    corpus, index_dir = aged
    with (corpus / "dalam" / "a.txt").open("a", encoding="utf-8") as handle:
        handle.write("Paragraf tambahan.\n")  # in place: the folder's entries do not change
    assert stale(corpus, index_dir, quick=True) == []
    assert stale(corpus, index_dir, quick=False) == ["dalam/a.txt"]
    report = nksearch.sync(corpus, index_dir)  # a sync checks every file
    assert report.updated == 1
    assert stale(corpus, index_dir, quick=False) == []


def test_a_folder_changed_just_before_the_sync_is_always_listed(
    corpus: Path, index_dir: Path
) -> None:
    # The corpus folder changed a moment ago: its time is within the racy
    # window of the sync's scan, so even an in-place rewrite is found.
    os.utime(corpus)
    nksearch.sync(corpus, index_dir)
    record = foldertimes.load(index_dir, corpus.resolve())
    assert record is not None and record.folders[""] >= record.started_ns - RACY_NS
    with (corpus / "003_b561e05cfa5aa674.txt").open("a", encoding="utf-8") as handle:
        handle.write("Tambahan.\n")
    assert stale(corpus, index_dir, quick=True) == ["003_b561e05cfa5aa674.txt"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"[]",
        b'{"root": 1}',
        b'{"root": "%s", "started_ns": 1, "folders": {"": "x"}}',
    ],
)
def test_an_unusable_record_means_a_full_check(aged: tuple[Path, Path], content: bytes) -> None:
    corpus, index_dir = aged
    (index_dir / foldertimes.FOLDERS).write_bytes(
        content.replace(b"%s", str(corpus.resolve()).encode())
    )
    with (corpus / "dalam" / "a.txt").open("a", encoding="utf-8") as handle:
        handle.write("Paragraf tambahan.\n")
    assert foldertimes.load(index_dir, corpus.resolve()) is None
    assert stale(corpus, index_dir, quick=True) == ["dalam/a.txt"]


def test_a_record_of_another_corpus_is_not_used(aged: tuple[Path, Path]) -> None:
    corpus, index_dir = aged
    data = json.loads((index_dir / foldertimes.FOLDERS).read_text(encoding="utf-8"))
    data["root"] = "/elsewhere"
    (index_dir / foldertimes.FOLDERS).write_text(json.dumps(data), encoding="utf-8")
    with (corpus / "dalam" / "a.txt").open("a", encoding="utf-8") as handle:
        handle.write("Paragraf tambahan.\n")
    assert stale(corpus, index_dir, quick=True) == ["dalam/a.txt"]


def test_one_shot_query_warns_about_an_added_file_but_not_an_in_place_edit(
    aged: tuple[Path, Path],
) -> None:
    corpus, _index_dir = aged
    with (corpus / "dalam" / "a.txt").open("a", encoding="utf-8") as handle:
        handle.write("Paragraf tambahan.\n")
    code, err = query(*aged)
    assert code == 0 and "changed since the last sync" not in err
    (corpus / "dalam" / "e.txt").write_text(ARTICLE, encoding="utf-8")
    code, err = query(*aged)
    assert code == 0
    # The added file, and the edited one beside it: their folder is listed again.
    assert "2 file(s) changed since the last sync" in err
