"""The nksearch command: output, exit codes, and errors as one line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.cli.commands import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def where(built: tuple[Path, Path]) -> list[str]:
    corpus, index_dir = built
    return ["--corpus", str(corpus), "--index", str(index_dir)]


def test_query_prints_ranked_hits(built: tuple[Path, Path]) -> None:
    code, out, err = run("query", "Shoigu", *where(built))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == " 1. Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
    assert lines[1].startswith("    2021-11-24 · SINDOnews · 000_c7cea75aa3edd05e.txt  score ")
    assert "Sergei Shoigu merundingkan" in lines[2]
    assert "\x1b" not in out  # no colour when not on a terminal
    assert err.startswith("1 of 1 hit in ")


def test_query_json_is_one_object_on_stdout(built: tuple[Path, Path]) -> None:
    code, out, err = run("query", "perdamaian", "--json", "--limit", "2", *where(built))
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["query", "total", "took_ms", "suggestion", "notes", "hits"]
    assert data["query"] == "perdamaian" and data["total"] == 4 and len(data["hits"]) == 2
    assert data["notes"] == []
    hit = data["hits"][0]
    assert list(hit) == ["path", "title", "date", "source", "score", "snippet", "matches", "marks"]
    assert hit["path"] == "001_63c42fef90ae31eb.txt" and hit["date"] == "2020-10-09"
    for start, end in hit["matches"]:
        assert hit["snippet"][start:end].lower() in {"damai", "perdamaian"}
    assert err == ""


def test_no_hits_exits_1(built: tuple[Path, Path]) -> None:
    code, out, _err = run("query", "Navalny", "--json", *where(built))
    assert code == 1
    assert json.loads(out)["total"] == 0


def test_query_builds_a_missing_index(corpus: Path, index_dir: Path) -> None:
    code, out, err = run("query", "Lavrov", "--corpus", str(corpus), "--index", str(index_dir))
    assert code == 0
    assert err.startswith(f"no index yet in '{index_dir}': building it from '{corpus}' …\n")
    assert "Rusia Tengahi Konflik Militer Azerbaijan-Armenia" in out


def test_query_warns_about_stale_files(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    (corpus / "extra.txt").write_text("Judul Tambahan Tentang Armenia\n\nIsi berita tentang Armenia.\n")
    code, _out, err = run("query", "Armenia", *where(built))
    assert code == 0
    # A command that works as pasted: the folders given are named.
    assert "1 file(s) changed since the last sync; run 'nksearch index --index" in err
    assert f"--index {index_dir} --corpus {corpus}' to update" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2020-02-30"], "nksearch: error: --since '2020-02-30' is not a date; use YYYY-MM-DD"),
        (["--sort", "size"], "nksearch: error: --sort 'size' is not one of: relevance, date"),
    ],
)
def test_bad_options_exit_2_with_one_line(built: tuple[Path, Path], args: list[str], message: str) -> None:
    code, out, err = run("query", "Putin", *args, *where(built))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [err.strip()] and err.startswith(message)


@pytest.mark.parametrize(
    ("args", "says", "help_for"),
    [
        (["query", "Putin", "--limit", "0"], "0 is not in the range", "nksearch query"),
        (["query", "Putin", "--limit"], "'--limit' requires an argument", "nksearch query"),
        (["query", "Putin", "--json=1"], "'--json' does not take a value", "nksearch query"),
        (["query", "-Putin"], "put '--' before the text", "nksearch query"),
        (["query"], "missing argument", "nksearch query"),
        (["index", "--fast"], "--fast", "nksearch index"),
        (["index", "--rebuild=1"], "'--rebuild' does not take a value", "nksearch index"),
        (["serch", "Putin"], "serch", "nksearch"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], says: str, help_for: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("nksearch: error: "), err
    assert err.endswith(f"; see '{help_for} --help'\n") and says in err, err


def _run_script(
    *args: str, env: dict[str, str] | None = None, **popen: Any
) -> subprocess.Popen[bytes]:
    """The ``nksearch`` console entry point in a child process."""
    script = "import sys; sys.argv[0] = 'nksearch'; from nksearch.cli import main; main()"
    environ = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], env={**environ, **(env or {})}, **popen
    )


@pytest.mark.parametrize("with_stderr", [False, True], ids=["stdout", "stdout-and-stderr"])
def test_a_reader_leaving_early_keeps_the_exit_code(
    corpus: Path, index_dir: Path, with_stderr: bool
) -> None:
    """``nksearch query … | head -1`` (or ``2>&1 | head -1``) with hits exits 0, not 1."""
    for i in range(300):
        text = f"Berita {i}\n\n" + "Rusia menengahi perundingan damai di Moskow. " * 3
        (corpus / f"berita-{i:03}.txt").write_text(text, encoding="utf-8")
    nksearch.sync(corpus, index_dir)
    proc = _run_script(
        "query", "Rusia", "--limit", "300", "--corpus", str(corpus), "--index", str(index_dir),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT if with_stderr else subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b" 1. ")
    proc.stdout.close()  # about 100 kB are still to come: a write meets a closed pipe
    err = proc.stderr.read().decode() if proc.stderr is not None else ""
    assert proc.wait(timeout=120) == 0, err
    if not with_stderr:
        assert err.endswith(" ms\n") and "error" not in err and "Exception" not in err, err


def test_closed_stdout_is_not_an_error(built: tuple[Path, Path]) -> None:
    """``nksearch query Putin >&-``: nothing to print to, still the hits' exit code."""
    proc = _run_script(
        "query", "Putin", *where(built), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # the child starts with its stdout closed
    )
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err.decode().startswith("5 of 5 hits in ") and b"error" not in err


@pytest.mark.parametrize("query", ['"unclosed', "(", "AND", "title:", "*", "x" * 5000])
def test_malformed_queries_never_trace(built: tuple[Path, Path], query: str) -> None:
    code, out, err = run("query", query, *where(built))
    assert code == 1, err  # nothing to search for is found nowhere: no hits
    assert out == "No results.\n"
    assert "Traceback" not in err


def test_missing_corpus_exits_3(tmp_path: Path) -> None:
    code, _out, err = run("index", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i"))
    assert code == 3
    assert err.startswith("nksearch: error: corpus directory") and "does not exist" in err


def test_index_summary(built: tuple[Path, Path]) -> None:
    code, out, err = run("index", *where(built))
    assert code == 0 and out == ""
    assert err.startswith("synced: 0 added, 0 updated, 0 removed, 0 skipped, 5 unchanged")
    code, _out, err = run("index", "--rebuild", *where(built))
    assert err.startswith("rebuilt: 5 added, 0 updated, 0 removed, 0 skipped, 0 unchanged")


def test_add_copies_and_syncs(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, _ = built
    new = tmp_path / "banjir.txt"
    new.write_text("Banjir Melanda Jakarta Utara\n\nHujan deras membuat banjir di Jakarta.\n")
    code, _out, err = run("add", str(new), *where(built))
    assert code == 0, err
    assert (corpus / "banjir.txt").read_text() == new.read_text()
    assert "1 added" in err
    code, out, _ = run("query", "banjir", "--json", *where(built))
    assert json.loads(out)["hits"][0]["path"] == "banjir.txt"
    new.write_text("Berita Lain\n\nIsi yang berbeda sama sekali.\n")
    code, _out, err = run("add", str(new), *where(built))
    assert code == 2
    assert "a different banjir.txt is already in the corpus" in err
    assert "Hujan deras" in (corpus / "banjir.txt").read_text()


def test_add_refuses_other_files(built: tuple[Path, Path], tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF")
    code, _out, err = run("add", str(pdf), *where(built))
    assert code == 2 and "x.pdf is not a .txt" in err and err.endswith(" file\n")
    link = tmp_path / "link.txt"
    link.symlink_to("/etc/passwd")
    code, _out, err = run("add", str(link), *where(built))
    assert code == 2 and "is a symlink" in err


def test_show_clean_and_raw(built: tuple[Path, Path]) -> None:
    corpus, _ = built
    code, out, _ = run("show", "003_b561e05cfa5aa674.txt", "--corpus", str(corpus))
    assert code == 0
    assert out.splitlines()[0] == "Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan Bahas Konflik"
    assert out.splitlines()[1] == "2020-11-03 · Tempo · 003_b561e05cfa5aa674.txt"
    assert "Korea Utara" not in out
    code, raw, _ = run("show", "003_b561e05cfa5aa674.txt", "--raw", "--corpus", str(corpus))
    assert raw == (corpus / "003_b561e05cfa5aa674.txt").read_text("utf-8")


def test_show_with_an_index_prints_the_article_as_indexed(built: tuple[Path, Path]) -> None:
    """With --index, show prints what searches found; --raw is always the file."""
    corpus, _ = built
    name = "003_b561e05cfa5aa674.txt"
    (corpus / name).write_text("Judul Baru Setelah Sinkron\n\nIsi yang belum diindeks.\n")
    code, out, err = run("show", name, *where(built))
    assert code == 0, err
    assert out.splitlines()[0] == "Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan Bahas Konflik"
    code, out, _ = run("show", name, "--corpus", str(corpus), "--index", str(corpus / "none"))
    assert code == 0 and out.splitlines()[0] == "Judul Baru Setelah Sinkron"
    code, raw, _ = run("show", name, "--raw", *where(built))
    assert raw == (corpus / name).read_text("utf-8")
    code, out, err = run("show", "../../etc/passwd", *where(built))
    assert code == 2 and out == "" and "is outside the corpus" in err


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd"])
def test_show_refuses_paths_outside_the_corpus(built: tuple[Path, Path], path: str) -> None:
    corpus, _ = built
    code, out, err = run("show", path, "--corpus", str(corpus))
    assert code == 2 and out == ""
    assert "is outside the corpus" in err


def test_hostile_text_never_reaches_the_terminal(built: tuple[Path, Path]) -> None:
    corpus, _ = built
    (corpus / "evil.txt").write_text(
        "Judul \x1b[31mMerah\x1b[0m [bold red]Tebal[/]\n\n"
        "Isi \x1b]52;c;aGVsbG8=\x07berita\x07 \x1b[2J tentang Armenia [link=x]klik[/link].\n"
    )
    assert run("index", *where(built))[0] == 0
    code, out, _ = run("query", "Merah", *where(built))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold red]Tebal[/]" in out
    code, raw, _ = run("show", "evil.txt", "--raw", "--corpus", str(corpus))
    assert "\x1b" not in raw and "\x07" not in raw and "[link=x]klik[/link]" in raw
    code, data, _ = run("query", "Merah", "--json", *where(built))
    assert "\x1b" not in data and "\\u001b" not in data


def test_stats(built: tuple[Path, Path]) -> None:
    code, out, _ = run("stats", "--json", *where(built))
    assert code == 0
    data = json.loads(out)
    assert data["documents"] == 5 and data["stale"] == [] and data["index_bytes"] > 0
    code, out, _ = run("stats", *where(built))
    assert out.splitlines()[0] == "documents:   5"


def test_environment_variables_choose_folders(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index_dir = built
    env = {"NKSEARCH_CORPUS": str(corpus), "NKSEARCH_INDEX": str(index_dir)}
    elsewhere = tmp_path / "elsewhere"  # the default folders (seeds/, index/) are not here
    elsewhere.mkdir()
    proc = _run_script("query", "Shoigu", "--json", env=env, cwd=elsewhere,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert json.loads(out)["total"] == 1


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"nksearch {name}" in readme, name


def test_unusable_front_matter_is_indexed_as_text_with_a_warning(built: tuple[Path, Path]) -> None:
    corpus, _ = built
    (corpus / "kliping.md").write_text(
        "---\ntitle: [Judul Kliping\nsource: https://www.tempo.co/x\n---\n\n"
        "Isi kliping tentang Kazakhstan yang menengahi perundingan.\n",
        encoding="utf-8",
    )
    code, _out, err = run("index", *where(built))
    assert code == 0, err
    assert "nksearch: warning: kliping.md: front matter is not valid YAML (line 3): read as text" in err
    code, out, _err = run("query", "Kazakhstan", "--json", *where(built))
    assert [hit["path"] for hit in json.loads(out)["hits"]] == ["kliping.md"]
    code, _out, err = run("index", *where(built))
    assert "kliping.md" not in err  # said once, when the file was read


def test_add_refuses_a_plan_that_cannot_be_carried_out_whole(built: tuple[Path, Path], tmp_path: Path) -> None:
    """Nothing is copied when one file would stand where another needs a folder, nor
    when a file is already in a corpus subfolder (it would be indexed twice)."""
    corpus, _ = built
    (tmp_path / "src" / "kiriman.txt").mkdir(parents=True)
    (tmp_path / "src" / "kiriman.txt" / "a.txt").write_text("Judul Satu\n\nIsi satu.\n")
    (tmp_path / "kiriman.txt").write_text("Judul Dua\n\nIsi dua.\n")
    before = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*"))
    code, _out, err = run("add", str(tmp_path / "kiriman.txt"), str(tmp_path / "src" / "kiriman.txt"),
                          *where(built))
    assert code == 2 and "where" in err and "needs a folder" in err
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text("Judul Tiga\n\nIsi tiga.\n")
    code, _out, err = run("add", str(corpus / "sub" / "b.txt"), *where(built))
    assert code == 2 and "is in the corpus already" in err
    after = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*"))
    assert after == before + ["sub", "sub/b.txt"]
