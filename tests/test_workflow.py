"""The user database: marks that follow files, saved searches, history, concurrency, limits."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import nksearch
from nksearch.errors import DocumentNotFound, IndexProblem, UsageError
from nksearch.workflow.marks import MarkChange, Marks
from nksearch.workflow.saved import SavedSearch
from nksearch.workflow.searching import save, show, status
from nksearch.workflow.store import DB_NAME

DOC = "000_c7cea75aa3edd05e.txt"
OTHER = "003_b561e05cfa5aa674.txt"
NEW_ARTICLE = (
    "Rusia Kembali Menengahi Perdamaian di Kaukasus\n\n"
    "Jum'at, 12 Mei 2023 - 10:00 WIB\n\n"
    "Moskow kembali menawarkan diri menengahi perdamaian antara Armenia dan Azerbaijan.\n"
)


def test_marks_are_kept_by_path_and_survive_a_rebuild(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(read=True, starred=True, add_tags=("rusia", "sochi")))
        user.mark([OTHER], MarkChange(note="cek lagi"))
    nksearch.sync(corpus, index, rebuild=True)
    with nksearch.open_userdata(index, corpus) as user:
        assert user.marks() == {
            DOC: Marks(read=True, starred=True, tags=("rusia", "sochi"), note=None),
            OTHER: Marks(note="cek lagi"),
        }
    assert (index / DB_NAME).is_file()


def test_marks_follow_a_renamed_and_moved_file(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(starred=True, add_tags=("konflik",)))
    (corpus / "arsip").mkdir()
    os.rename(corpus / DOC, corpus / "arsip" / "putin-sochi.txt")
    nksearch.sync(corpus, index)
    with nksearch.open_userdata(index, corpus) as user:
        assert user.moved == [(DOC, "arsip/putin-sochi.txt")]
        assert user.marks() == {"arsip/putin-sochi.txt": Marks(starred=True, tags=("konflik",))}


def test_marks_follow_a_file_edited_then_renamed(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(read=True))
    with open(corpus / DOC, "a", encoding="utf-8") as handle:
        handle.write("\nKoreksi: judul diperbarui.\n")
    with nksearch.open_userdata(index, corpus) as user:  # sees the edit, keeps its checksum
        assert user.moved == []
    os.rename(corpus / DOC, corpus / "diperbarui.txt")
    with nksearch.open_userdata(index, corpus) as user:
        assert user.marks() == {"diperbarui.txt": Marks(read=True)}


def test_marks_of_a_deleted_file_wait_for_it_to_come_back(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(starred=True))
    kept = (corpus / DOC).read_bytes()
    (corpus / DOC).unlink()
    with nksearch.open_userdata(index, corpus) as user:
        assert user.marks() == {DOC: Marks(starred=True)}
    (corpus / DOC).write_bytes(kept)
    with nksearch.open_userdata(index, corpus) as user:
        assert user.marks() == {DOC: Marks(starred=True)}


def test_unmarking_everything_forgets_the_document(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(starred=True, add_tags=("a",), note="n"))
        user.mark([DOC], MarkChange(starred=False, remove_tags=("a",), clear_note=True))
        assert user.marks() == {}
        assert user.store.query("SELECT count(*) FROM documents") == [(0,)]


def test_marking_a_path_outside_or_missing_is_refused(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        with pytest.raises(UsageError, match="outside the corpus"):
            user.mark(["../index/CURRENT.json"], MarkChange(read=True))
        with pytest.raises(DocumentNotFound, match=r"no document 'tidak-ada\.txt'"):
            user.mark(["tidak-ada.txt"], MarkChange(read=True))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (MarkChange(note="x" * 1_000_000), "note has 1,000,000 characters; at most 10,000"),
        (MarkChange(note="a\x00b"), "note has control characters"),
        (MarkChange(add_tags=tuple(f"t{i}" for i in range(10_000))), "10,000 tags at once"),
        (MarkChange(add_tags=("a\x00b",)), "has control characters"),
        (MarkChange(add_tags=("\x1b[31mred",)), "has control characters"),
        (MarkChange(add_tags=("a,b",)), "has a comma"),
        (MarkChange(add_tags=("   ",)), "tag cannot be empty"),
        (MarkChange(add_tags=("x" * 65,)), "tag has 65 characters; at most 64"),
    ],
)
def test_absurd_input_is_refused_and_changes_nothing(
    built: tuple[Path, Path], change: MarkChange, message: str
) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(add_tags=("awal",)))
        with pytest.raises(UsageError, match=message.replace("(", r"\(")):
            user.mark([DOC], change)
        assert user.marks() == {DOC: Marks(tags=("awal",))}
    check = sqlite3.connect(index / DB_NAME)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_more_than_a_hundred_tags_on_one_document_is_refused(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(add_tags=tuple(f"a{i}" for i in range(60))))
        with pytest.raises(UsageError, match="would have 110 tags; at most 100"):
            user.mark([DOC], MarkChange(add_tags=tuple(f"b{i}" for i in range(50))))
        assert len(user.marks()[DOC].tags) == 60


def test_the_database_is_wal_with_a_schema_version_and_foreign_keys(index_dir: Path) -> None:
    with nksearch.open_userdata(index_dir) as user:
        db = user.store.db
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO tags (document, tag) VALUES (999, 'x')")


def test_a_database_from_a_newer_version_is_not_touched(index_dir: Path) -> None:
    index_dir.mkdir()
    db = sqlite3.connect(index_dir / DB_NAME)
    db.execute("PRAGMA user_version = 7")
    db.close()
    with pytest.raises(IndexProblem, match="written by a newer nksearch"):
        nksearch.open_userdata(index_dir)


def test_a_file_that_is_not_a_database_is_an_index_problem(index_dir: Path) -> None:
    index_dir.mkdir()
    (index_dir / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(IndexProblem, match="cannot be read"):
        nksearch.open_userdata(index_dir)


def test_saved_search_shows_an_article_indexed_later_as_new(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_index(index) as idx, nksearch.open_userdata(index, corpus) as user:
        kept = save(idx, user, SavedSearch("mediasi", "menengahi perdamaian"))
        assert (kept.total, kept.new) == (4, 0)
    (corpus / "2023-05-12 kaukasus.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    nksearch.sync(corpus, index)
    with nksearch.open_index(index) as idx, nksearch.open_userdata(index, corpus) as user:
        assert [(s.search.name, s.total, s.new) for s in status(idx, user)] == [("mediasi", 5, 1)]
        _, results, new = show(idx, user, "mediasi", limit=3)
        assert results.hits[0].path == "2023-05-12 kaukasus.txt"
        assert new == {"2023-05-12 kaukasus.txt"}
        assert [(s.total, s.new) for s in status(idx, user)] == [(5, 0)]


def test_saved_search_names_are_unique_and_removal_cascades(built: tuple[Path, Path]) -> None:
    index = built[1]
    with nksearch.open_index(index) as idx, nksearch.open_userdata(index) as user:
        save(idx, user, SavedSearch("a", "Putin"))
        with pytest.raises(UsageError, match="already a saved search 'a'"):
            save(idx, user, SavedSearch("a", "Lavrov"))
        user.remove_saved("a")
        assert user.store.query("SELECT count(*) FROM seen") == [(0,)]
        with pytest.raises(DocumentNotFound, match="no saved search 'a'; none saved yet"):
            user.remove_saved("a")


def test_history_keeps_queries_newest_first_once_each(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with nksearch.open_userdata(index_dir) as user:
        user.record("Putin", 4)
        user.record("Lavrov", 2)
        user.record("Putin", 5)
        assert [(e.query, e.total) for e in user.history()] == [("Putin", 5), ("Lavrov", 2)]
        monkeypatch.setenv("NKSEARCH_HISTORY", "0")
        user.record("Sochi", 1)
        assert [e.query for e in user.history(limit=1)] == ["Putin"]


WRITER = textwrap.dedent(
    """
    import sys
    import nksearch
    from nksearch.workflow.marks import MarkChange

    corpus, index, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with nksearch.open_userdata(index, corpus) as user:
        print("ready", flush=True)
        sys.stdin.readline()  # go
        for i in range(count):
            user.mark([{doc!r}], MarkChange(add_tags=(f"{{name}}{{i}}",), note=f"{{name}}{{i}}"))
            user.record(f"{{name}} {{i}}", i)
            print(i, flush=True)
    """
).format(doc=DOC)


def _writer(corpus: Path, index: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(corpus), str(index), name, str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_lose_nothing(built: tuple[Path, Path]) -> None:
    corpus, index = built
    writers = [_writer(corpus, index, name, 40) for name in ("a", "b")]
    for proc in writers:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    for proc in writers:  # both start together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in writers:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    with nksearch.open_userdata(index, corpus) as user:
        tags = set(user.marks()[DOC].tags)
        assert tags == {f"{n}{i}" for n in "ab" for i in range(40)}
        assert len(user.history(limit=1000)) == 80


def test_a_writer_killed_mid_work_leaves_the_database_consistent(built: tuple[Path, Path]) -> None:
    corpus, index = built
    proc = _writer(corpus, index, "k", 90)
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline() == "ready\n"
    proc.stdin.write("go\n")
    proc.stdin.flush()
    for _ in range(20):
        last = int(proc.stdout.readline())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    db = sqlite3.connect(index / DB_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    with nksearch.open_userdata(index, corpus) as user:
        marks = user.marks()[DOC]
        done = int((marks.note or "k-1")[1:])
        assert done >= last
        assert set(marks.tags) == {f"k{i}" for i in range(done + 1)}


def test_a_rebuild_into_an_index_folder_keeps_the_database(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        user.mark([DOC], MarkChange(read=True))
    shutil.rmtree(next(index.glob("g-*")))  # a generation lost: the rebuild makes a new one
    nksearch.sync(corpus, index, rebuild=True)
    with nksearch.open_userdata(index, corpus) as user:
        assert user.marks() == {DOC: Marks(read=True)}


def test_text_that_is_not_unicode_is_refused_or_escaped(built: tuple[Path, Path]) -> None:
    corpus, index = built
    with nksearch.open_userdata(index, corpus) as user:
        with pytest.raises(UsageError, match=r"a tag is not valid text \(character 2\)"):
            user.mark([DOC], MarkChange(add_tags=("a\udcff",)))
        with pytest.raises(UsageError, match="the note is not valid text"):
            user.mark([DOC], MarkChange(note="\ud800"))
        user.record("Putin \udcff", 0)  # a command line's undecodable byte
        assert [e.query for e in user.history()] == ["Putin \\xff"]
