"""What a sync with nothing to do reads, and the files that let it read little.

A no-op sync stats every corpus file but reads neither the stem table nor
the fingerprints of the counts of recurring lines; these tests pin what it
still checks and what makes it fall back to reading everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import nksearch
from nksearch.analysis.stemmer import stem_cache_key
from nksearch.documents import corpus as corpus_module
from nksearch.documents.corpus import scan
from nksearch.indexing import layout, recurring


def _state_file(index: Path) -> Path:
    meta = layout.read_meta(index)
    assert meta is not None and meta.toc is not None
    return recurring.state_path(index / meta.generation, meta.toc[0])


def test_a_no_op_sync_reads_no_stem_table(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = built

    def refuse(*_args: object) -> dict[str, str]:
        raise AssertionError("the stem table was read")

    monkeypatch.setattr(layout, "load_stems", refuse)
    report = nksearch.sync(corpus, index)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)


def test_a_sync_that_adds_a_file_reads_the_stem_table(built: tuple[Path, Path]) -> None:
    corpus, index = built
    (corpus / "baru.txt").write_text(
        "Perundingan damai\n\nPerundingan damai dimediasi pihak ketiga.\n", encoding="utf-8"
    )
    assert nksearch.sync(corpus, index).added == 1
    stems = layout.load_stems(index, stem_cache_key())
    assert stems["dimediasi"] == "mediasi"
    assert stems["perdamaian"] == "damai"  # the words of the seeds are still there


def test_the_stem_cache_is_whole_only_with_its_own_key(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    key = stem_cache_key()
    assert layout.stems_whole(index, key)
    assert not layout.stems_whole(index, key + "x")
    assert not layout.stems_whole(index, key[:-1])
    data = (index / layout.STEMS).read_bytes()
    (index / layout.STEMS).write_bytes(data[:-1])  # cut short: its checksum fails
    assert not layout.stems_whole(index, key)
    assert layout.load_stems(index, key) == {}


def test_stems_saved_under_one_key_load_only_under_it(tmp_path: Path) -> None:
    layout.save_stems(tmp_path, "rules-a", {"perdamaian": "damai"})
    assert layout.load_stems(tmp_path, "rules-a") == {"perdamaian": "damai"}
    assert layout.load_stems(tmp_path, "rules-b") == {}
    assert layout.load_stems(tmp_path, "rules-") == {}


def test_the_stamps_of_a_state_are_read_without_its_fingerprints(
    built: tuple[Path, Path],
) -> None:
    corpus, index = built
    path = _state_file(index)
    data = path.read_bytes()
    path.write_bytes(data[:-1])  # the second part (fingerprints) is damaged
    toc = int(path.stem.split("-")[1])
    saved = recurring.read_saved(path.parent, toc)
    assert saved is not None
    assert saved.stamps() == scan(corpus).files
    assert saved.state() is None
    assert recurring.load(path.parent, toc) is None
    # A no-op sync needs only the stamps; a sync that writes needs the whole
    # state, finds it damaged and rebuilds.
    assert nksearch.sync(corpus, index).unchanged == 5
    (corpus / "baru.txt").write_text("Judul\n\nIsi berita baru.\n", encoding="utf-8")
    report = nksearch.sync(corpus, index)
    assert report.rebuilt
    assert report.reason == "the index's counts of recurring lines were lost: rebuilt it"
    assert report.added == 6


def test_a_state_with_bytes_after_its_end_is_damaged(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    path = _state_file(index)
    toc = int(path.stem.split("-")[1])
    whole = recurring.read_saved(path.parent, toc)
    assert whole is not None and whole.state() is not None
    path.write_bytes(path.read_bytes() + b"\x00")
    saved = recurring.read_saved(path.parent, toc)
    assert saved is not None and saved.state() is None


def test_a_state_with_damaged_stamps_is_not_read(built: tuple[Path, Path]) -> None:
    _corpus, index = built
    path = _state_file(index)
    data = bytearray(path.read_bytes())
    data[60] ^= 0xFF  # inside the paths and stamps
    path.write_bytes(bytes(data))
    assert recurring.read_saved(path.parent, int(path.stem.split("-")[1])) is None


def test_scan_stamps_plain_files_and_looks_at_everything_else(tmp_path: Path) -> None:
    root = tmp_path / "korpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a", encoding="utf-8")
    (root / "b.TXT").write_text("bb", encoding="utf-8")
    (root / "berita.md").mkdir()  # a folder named like a document
    (root / "berita.md" / "c.htm").write_text("ccc", encoding="utf-8")
    (root / "sub" / "d.html").write_text("dddd", encoding="utf-8")
    (root / "gambar.png").write_bytes(b"\x89PNG")
    (root / "pintas.txt").symlink_to(root / "a.txt")
    (root / "kosong.txt").symlink_to(root / "tidak-ada.txt")
    (root / "kabar-é.txt").write_text("e", encoding="utf-8")
    found = scan(root)
    assert sorted(found.files) == [
        "a.txt",
        "b.TXT",
        "berita.md/c.htm",
        "kabar-é.txt",
        "pintas.txt",
        "sub/d.html",
    ]
    sizes = {rel: int(stamp.rpartition(":")[2]) for rel, stamp in found.files.items()}
    assert sizes == {
        "a.txt": 1,
        "b.TXT": 2,
        "berita.md/c.htm": 3,
        "kabar-é.txt": 1,
        "pintas.txt": 1,
        "sub/d.html": 4,
    }
    st = os.stat(root / "sub" / "d.html")
    assert found.files["sub/d.html"] == f"{st.st_mtime_ns}:{st.st_size}"
    assert [(p.path, p.reason) for p in found.problems] == [
        ("kosong.txt", "broken or looping symlink")
    ]


def test_a_file_gone_between_listing_and_stamping_is_not_stamped(tmp_path: Path) -> None:
    (tmp_path / "ada.txt").write_text("ada", encoding="utf-8")
    (tmp_path / "sub").mkdir()  # no regular file: left to the look one by one
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        stamps = corpus_module._stamps(fd, ["ada.txt", "hilang.txt", "sub"])
        first = corpus_module._stamps(fd, ["hilang.txt", "ada.txt"])
    finally:
        os.close(fd)
    st = os.stat(tmp_path / "ada.txt")
    assert stamps == first == {"ada.txt": f"{st.st_mtime_ns}:3"}


def test_a_file_that_vanishes_during_a_scan_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("satu.txt", "dua.txt", "tiga.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    listdir = os.listdir

    def listing_then_removing(fd: int) -> list[str]:
        names = listdir(fd)
        (tmp_path / "dua.txt").unlink()  # removed after the folder was listed
        return names

    monkeypatch.setattr(corpus_module.os, "listdir", listing_then_removing)
    found = scan(tmp_path)
    assert sorted(found.files) == ["satu.txt", "tiga.txt"]
    assert found.problems == ()
