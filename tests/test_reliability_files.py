"""Bad corpus files: every readable text is indexed, everything else skipped.

Each case puts one awkward file beside the seed articles, then syncs twice:
once through the Python API and once through ``nksearch index`` (in
process, with CliRunner), each into its own copy of the corpus. The run must
finish with exit code 0, a readable file must be searchable through both,
and a file that cannot be indexed must be named in a warning with its reason.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.documents import decode as documents
from nksearch.indexing import sync as indexing
from nksearch.cli.commands import app
from nksearch.models import Skipped, SyncReport

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_COUNT = 5
runner = CliRunner()

Setup = Callable[[Path], object]


@dataclass
class Synced:
    """The outcome of syncing the same corpus through the API and the CLI."""

    report: SyncReport
    api: tuple[Path, Path]  # (corpus, index) synced through the API
    cli: tuple[Path, Path]  # (corpus, index) synced through the CLI
    cli_stderr: str


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def sync_both(tmp_path: Path, setup: Setup) -> Synced:
    """Copy the seeds twice, run ``setup`` on each copy, sync through API and CLI."""
    corpora = []
    for name in ("api", "cli"):
        corpus = tmp_path / name / "corpus"
        shutil.copytree(SEEDS, corpus)
        setup(corpus)
        corpora.append(corpus)
    api_index, cli_index = tmp_path / "api" / "index", tmp_path / "cli" / "index"
    report = nksearch.sync(corpora[0], api_index)
    code, _out, err = invoke("index", "--corpus", str(corpora[1]), "--index", str(cli_index))
    assert code == 0, err
    return Synced(report, (corpora[0], api_index), (corpora[1], cli_index), err)


def api_paths(index: Path, query: str) -> list[str]:
    with nksearch.open_index(index) as idx:
        return [hit.path for hit in idx.search(query, limit=50).hits]


def cli_paths(corpus: Path, index: Path, query: str) -> list[str]:
    code, out, err = invoke("query", query, "--json", "--limit", "50",
                            "--corpus", str(corpus), "--index", str(index))
    paths = [hit["path"] for hit in json.loads(out)["hits"]]
    assert code == (0 if paths else 1), err  # exit 1 means exactly "no hits"
    return paths


def assert_found(synced: Synced, query: str, path: str) -> None:
    """``query`` finds ``path`` through both the API and the CLI."""
    assert path in api_paths(synced.api[1], query)
    assert path in cli_paths(*synced.cli, query)


def assert_indexed(synced: Synced, extra: int) -> None:
    assert synced.report.added == SEED_COUNT + extra
    assert f"built a new index: {SEED_COUNT + extra} added," in synced.cli_stderr


def assert_skipped(synced: Synced, name: str, reason: str) -> None:
    """Both runs skipped ``name`` with ``reason``, and the CLI said so."""
    assert Skipped(name, reason) in synced.report.skipped
    assert f"nksearch: warning: skipped {name}: {reason}" in synced.cli_stderr.splitlines()


def article(title: str, body: str) -> str:
    return f"{title}\n\nJAKARTA - {body}\n"


# --- contents ------------------------------------------------------------------


def test_random_binary_data_is_skipped(tmp_path: Path) -> None:
    data = random.Random(5).randbytes(8192)
    synced = sync_both(tmp_path, lambda corpus: (corpus / "acak.txt").write_bytes(data))
    assert_skipped(synced, "acak.txt", "binary data")
    assert_indexed(synced, 0)


def test_text_with_nul_bytes_is_indexed(tmp_path: Path) -> None:
    data = article("Judul Berita Bernul", "Petani\x00 memanen\x00 durian di\x00 kebun.").encode()
    synced = sync_both(tmp_path, lambda c: (c / "nul.txt").write_bytes(data))
    assert_indexed(synced, 1)
    assert_found(synced, "durian", "nul.txt")
    with nksearch.open_index(synced.api[1]) as idx:
        found = idx.document("nul.txt", synced.api[0])
    assert found.body == "JAKARTA - Petani memanen durian di kebun."


def test_cp1252_text_is_indexed(tmp_path: Path) -> None:
    text = article("Kafe Baru \u201cKopi Enak\u201d Dibuka", "Pemilik caf\xe9 menjual kopi luwak.")
    synced = sync_both(tmp_path, lambda c: (c / "kafe.txt").write_bytes(text.encode("cp1252")))
    assert_indexed(synced, 1)
    assert_found(synced, "café", "kafe.txt")
    with nksearch.open_index(synced.api[1]) as idx:
        hit = idx.search("luwak").hits[0]
    assert hit.title == "Kafe Baru \u201cKopi Enak\u201d Dibuka"


def test_utf16_with_bom_is_indexed(tmp_path: Path) -> None:
    text = article("Berita Dalam Utf Enam Belas", "Zamrud khatulistiwa bersinar.")
    synced = sync_both(tmp_path, lambda c: (c / "u16.txt").write_bytes(text.encode("utf-16")))
    assert_indexed(synced, 1)
    assert_found(synced, "khatulistiwa", "u16.txt")


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    synced = sync_both(tmp_path, lambda c: (c / "kosong.txt").write_bytes(b""))
    assert_skipped(synced, "kosong.txt", "empty file")
    assert_indexed(synced, 0)


def test_whitespace_only_file_is_skipped(tmp_path: Path) -> None:
    synced = sync_both(tmp_path, lambda c: (c / "spasi.md").write_bytes(b" \t\r\n\n  \r\n"))
    assert_skipped(synced, "spasi.md", "empty file")
    assert_indexed(synced, 0)


def test_crlf_line_ends_are_indexed_without_carriage_returns(tmp_path: Path) -> None:
    text = article("Judul Dengan Baris Windows", "Nelayan menangkap tongkol.\r\nLalu pulang.")
    data = text.replace("\n", "\r\n").replace("\r\r", "\r").encode()
    synced = sync_both(tmp_path, lambda c: (c / "crlf.txt").write_bytes(data))
    assert_indexed(synced, 1)
    assert_found(synced, "tongkol", "crlf.txt")
    with nksearch.open_index(synced.api[1]) as idx:
        hit = idx.search("tongkol").hits[0]
        doc = idx.document("crlf.txt", synced.api[0])
    assert hit.title == "Judul Dengan Baris Windows"
    assert "\r" not in hit.snippet and "\r" not in doc.body and "\r" not in doc.raw


def test_twenty_megabyte_file_is_indexed(corpus: Path, index_dir: Path) -> None:
    # One corpus only: the CLI builds the index and the API searches it.
    paragraph = (
        "Harga beras dan minyak goreng di pasar tradisional kembali naik pekan ini,"
        " kata pedagang yang ditemui di Jakarta. "
    ) * 4
    body = (paragraph + "\n\n") * 50_000 + "Penutup berita menyebut kata langka rambutanbinjai.\n"
    path = corpus / "besar.txt"
    path.write_text("Judul Berkas Yang Sangat Besar\n\n" + body, encoding="utf-8")
    assert path.stat().st_size >= 20 * 2**20
    code, _out, err = invoke("index", "--corpus", str(corpus), "--index", str(index_dir))
    assert code == 0, err
    assert "built a new index: 6 added, 0 skipped" in err
    with nksearch.open_index(index_dir) as idx:
        results = idx.search("rambutanbinjai")
    assert [hit.path for hit in results.hits] == ["besar.txt"]
    assert cli_paths(corpus, index_dir, "rambutanbinjai") == ["besar.txt"]


# --- names and kinds of files ----------------------------------------------------


def test_names_with_spaces_and_non_ascii_characters(tmp_path: Path) -> None:
    name = "Berita Ñusantara – café 東京 ☕.txt"

    def setup(corpus: Path) -> None:
        (corpus / "sub folder é").mkdir()
        (corpus / "sub folder é" / name).write_text(article("Judul Nama Aneh", "Makan gudeg."))

    synced = sync_both(tmp_path, setup)
    assert_indexed(synced, 1)
    rel = f"sub folder é/{name}"
    assert_found(synced, "gudeg", rel)
    code, out, err = invoke("show", rel, "--corpus", str(synced.cli[0]))
    assert code == 0, err
    assert out.splitlines()[0] == "Judul Nama Aneh"


def test_directory_named_like_a_document_is_a_folder(tmp_path: Path) -> None:
    def setup(corpus: Path) -> None:
        (corpus / "x.txt").mkdir()
        (corpus / "y.txt").mkdir()
        (corpus / "y.txt" / "dalam.txt").write_text(article("Judul Di Dalam", "Ada salak."))

    synced = sync_both(tmp_path, setup)
    assert_indexed(synced, 1)
    assert_found(synced, "salak", "y.txt/dalam.txt")
    assert "x.txt" not in synced.cli_stderr
    code, _out, err = invoke("show", "x.txt", "--corpus", str(synced.cli[0]))
    assert code == 2
    assert err == "nksearch: error: 'x.txt' is not a file in the corpus\n"


def test_dangling_symlink_is_skipped(tmp_path: Path) -> None:
    synced = sync_both(tmp_path, lambda c: os.symlink("tidak-ada.txt", c / "putus.txt"))
    assert_skipped(synced, "putus.txt", "broken or looping symlink")
    assert_indexed(synced, 0)


def test_symlink_loop_is_skipped(tmp_path: Path) -> None:
    def setup(corpus: Path) -> None:
        os.symlink("b.txt", corpus / "a.txt")
        os.symlink("a.txt", corpus / "b.txt")
        os.symlink(".", corpus / "loop")  # a folder link: never followed

    synced = sync_both(tmp_path, setup)
    assert_skipped(synced, "a.txt", "broken or looping symlink")
    assert_skipped(synced, "b.txt", "broken or looping symlink")
    assert_indexed(synced, 0)


def test_name_that_is_not_utf8_is_skipped(tmp_path: Path) -> None:
    def setup(corpus: Path) -> None:
        Path(os.fsdecode(bytes(corpus) + b"/nama\xff.txt")).write_text(article("Judul", "Isi."))

    synced = sync_both(tmp_path, setup)
    assert_skipped(synced, "nama\\xff.txt", "file name is not valid UTF-8; rename it")
    assert_indexed(synced, 0)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    synced = sync_both(tmp_path, lambda c: os.mkfifo(c / "pipa.txt"))
    assert_skipped(synced, "pipa.txt", "not a regular file")
    assert_indexed(synced, 0)


# --- files that change under a sync -------------------------------------------------


@contextmanager
def on_read(name: str, action: Callable[[Path], None]) -> Iterator[None]:
    """Run ``action`` on the file ``name`` just before a sync reads it."""
    real = documents.read_text

    def read_text(root: Path, path: Path) -> tuple[str, str] | Skipped:
        if path.name == name:
            action(path)
        return real(root, path)

    # Every read goes through read_text (read_article calls it too).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents, "read_text", read_text)
        yield


def test_file_deleted_between_scan_and_read(tmp_path: Path) -> None:
    def setup(corpus: Path) -> None:
        (corpus / "hilang.txt").write_text(article("Judul Yang Hilang", "Sebentar ada."))

    with on_read("hilang.txt", lambda path: path.unlink()):
        synced = sync_both(tmp_path, setup)
    assert_skipped(synced, "hilang.txt", "not readable: No such file or directory")
    assert_indexed(synced, 0)
    # Nothing is remembered about the vanished file: the next sync is clean.
    again = nksearch.sync(*synced.api)
    assert (again.added, again.removed, again.skipped) == (0, 0, ())


def test_file_replaced_by_a_folder_between_scan_and_read(tmp_path: Path) -> None:
    def swap(path: Path) -> None:
        path.unlink()
        path.mkdir()

    def setup(corpus: Path) -> None:
        (corpus / "tukar.txt").write_text(article("Judul Yang Ditukar", "Isi."))

    with on_read("tukar.txt", swap):
        synced = sync_both(tmp_path, setup)
    assert_skipped(synced, "tukar.txt", "not readable: Is a directory")
    assert_indexed(synced, 0)


def test_file_changed_between_scan_and_read(tmp_path: Path) -> None:
    def rewrite(path: Path) -> None:
        path.write_text(article("Judul Yang Berubah", "Kini tentang kedondong manis sekali."))

    def setup(corpus: Path) -> None:
        (corpus / "ubah.txt").write_text(article("Judul Yang Berubah", "Dulu tentang sawo."))

    with on_read("ubah.txt", rewrite):
        synced = sync_both(tmp_path, setup)
    assert_indexed(synced, 1)
    assert_found(synced, "kedondong", "ubah.txt")
    # The index recorded the stamp seen by the scan, so the next sync reads
    # the file again and ends up exactly where a fresh build would.
    again = nksearch.sync(*synced.api)
    assert (again.added, again.updated, again.removed) == (0, 1, 0)
    code, _out, err = invoke("index", "--corpus", str(synced.cli[0]),
                             "--index", str(synced.cli[1]))
    assert code == 0 and "synced: 0 added, 1 updated, 0 removed" in err
    for corpus, index in (synced.api, synced.cli):
        with nksearch.open_index(index) as idx:
            assert idx.stale(corpus) == []
            assert [h.path for h in idx.search("kedondong").hits] == ["ubah.txt"]
            assert idx.search("sawo").total == 0


# --- all of them at once --------------------------------------------------------------


def every_bad_file(corpus: Path) -> None:
    (corpus / "acak.txt").write_bytes(random.Random(9).randbytes(4096))
    (corpus / "kosong.txt").write_bytes(b"")
    (corpus / "spasi.txt").write_bytes(b"\n \n")
    (corpus / "nul.txt").write_bytes(article("Judul Bernul", "Ada\x00 nangka.").encode())
    (corpus / "kafe.txt").write_bytes(article("Judul Kafe", "Caf\xe9 nangka.").encode("cp1252"))
    (corpus / "u16.txt").write_bytes(article("Judul Utf", "Buah nangka.").encode("utf-16"))
    (corpus / "crlf.txt").write_bytes(article("Judul Crlf", "Sayur nangka.").encode()
                                      .replace(b"\n", b"\r\n"))
    (corpus / "nama berspasi é.txt").write_text(article("Judul Spasi", "Kolak nangka."))
    (corpus / "x.txt").mkdir()
    os.symlink("tidak-ada.txt", corpus / "putus.txt")
    os.symlink("b.txt", corpus / "a.txt")
    os.symlink("a.txt", corpus / "b.txt")
    (corpus / "hilang.txt").write_text(article("Judul Hilang", "Nangka hilang."))


EVERY_SKIP = {
    Skipped("acak.txt", "binary data"),
    Skipped("kosong.txt", "empty file"),
    Skipped("spasi.txt", "empty file"),
    Skipped("putus.txt", "broken or looping symlink"),
    Skipped("a.txt", "broken or looping symlink"),
    Skipped("b.txt", "broken or looping symlink"),
    Skipped("hilang.txt", "not readable: No such file or directory"),
}
EVERY_HIT = {"nul.txt", "kafe.txt", "u16.txt", "crlf.txt", "nama berspasi é.txt"}


@pytest.mark.parametrize("parallel", [False, True], ids=["one-process", "parallel"])
def test_every_bad_file_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    if parallel:
        monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 1)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with on_read("hilang.txt", lambda path: path.unlink()):
        synced = sync_both(tmp_path, every_bad_file)
    assert set(synced.report.skipped) == EVERY_SKIP
    assert synced.report.added == SEED_COUNT + len(EVERY_HIT)
    warnings = {line for line in synced.cli_stderr.splitlines() if "warning" in line}
    assert warnings == {f"nksearch: warning: skipped {s.path}: {s.reason}" for s in EVERY_SKIP}
    assert set(api_paths(synced.api[1], "nangka")) == EVERY_HIT
    assert set(cli_paths(*synced.cli, "nangka")) == EVERY_HIT
