"""``nksearch.check`` field by field: what a report says of a broken index.

The command's tests (``tests/test_check.py``) damage files and read the exit
code and the JSON; these read the :class:`CheckReport` itself, so that every
field of an early return (an unreadable description, a generation that is not
there) is pinned, and what a skipped file's record says reaches the report.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import nksearch
from nksearch.errors import Fix, IndexMissing
from nksearch.indexing import layout
from nksearch.indexing.check import CheckReport, Damage


def generation(index: Path) -> str:
    meta = layout.read_meta(index)
    assert meta is not None
    return meta.generation


def name_generation(index: Path, name: str) -> None:
    data = json.loads((index / layout.META).read_text("utf-8"))
    data["generation"] = name
    (index / layout.META).write_text(json.dumps(data), "utf-8")


def test_an_unreadable_description_is_the_whole_report(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    (index / layout.META).write_text("{", "utf-8")
    assert nksearch.check(index) == CheckReport(
        str(index), "", "", 0, 0, False,
        (Damage("CURRENT.json", "not readable as the index's description"),),
    )  # fmt: skip


def test_no_index_names_the_folder_and_says_to_sync(tmp_path: Path) -> None:
    missing = tmp_path / "tidak ada"
    with pytest.raises(IndexMissing) as raised:
        nksearch.check(missing)
    assert str(raised.value) == f"no index in {str(missing)!r}"
    assert (raised.value.path, raised.value.fix) == (str(missing), Fix.SYNC)


def test_a_generation_that_is_gone_is_named(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    shutil.rmtree(index / generation(index))
    gone = generation(index)
    assert nksearch.check(index) == CheckReport(
        str(index), gone, "", 0, 0, False, (Damage(gone, "missing: CURRENT.json names it"),)
    )


def test_a_folder_that_is_no_generation_is_not_read_as_one(built: tuple[Path, Path]) -> None:
    """A description naming some other folder of the index names no generation."""
    _corpus, index = built
    (index / "bukan-generasi").mkdir()
    name_generation(index, "bukan-generasi")
    report = nksearch.check(index)
    assert report.damage == (Damage("bukan-generasi", "missing: CURRENT.json names it"),)
    assert (report.generation, report.toc, report.segments, report.documents) == (
        "bukan-generasi", "", 0, 0,
    )  # fmt: skip


def test_a_sound_report_names_its_table_of_contents(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    gen = generation(index)
    (toc,) = sorted(p.name for p in (index / gen).iterdir() if p.name.endswith(".toc"))
    report = nksearch.check(index)
    assert report.sound and report.checksums
    assert (report.toc, report.documents) == (f"{gen}/{toc}", 5)


def test_a_lost_table_of_contents_leaves_the_report_without_one(
    built: tuple[Path, Path],
) -> None:
    _corpus, index = built
    gen = generation(index)
    (toc,) = [p for p in (index / gen).iterdir() if p.name.endswith(".toc")]
    toc.unlink()
    report = nksearch.check(index)
    assert (report.toc, report.segments, report.documents) == ("", 0, 0)
    assert report.damage == (Damage(f"{gen}/_MAIN_0.toc", "missing: no table of contents"),)


def test_a_skipped_file_is_reported_with_its_reason(built: tuple[Path, Path]) -> None:
    corpus, index = built
    odd = corpus / "kosong.txt"
    odd.write_bytes(b"")
    report = nksearch.sync(corpus, index)
    assert report.skipped
    skipped = layout.load_skipped(index)
    assert list(skipped) == ["kosong.txt"] and len(skipped["kosong.txt"]) == 2
    reason = skipped["kosong.txt"][1]
    assert reason
    difference = nksearch.check(index, corpus).corpus
    assert difference is not None
    assert difference.skipped == (("kosong.txt", reason),)
    # A record without a reason (as an older sync wrote it) says none.
    layout.save_skipped(index, {"kosong.txt": skipped["kosong.txt"][:1]})
    difference = nksearch.check(index, corpus).corpus
    assert difference is not None
    assert difference.skipped == (("kosong.txt", ""),)
    assert difference.in_sync
