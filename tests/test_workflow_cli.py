"""The workflow commands: mark, query filters and formats, saved, history, batch, init, watch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nksearch.cli.commands import app

runner = CliRunner()
DOC = "001_63c42fef90ae31eb.txt"
SNIPPET_1 = (
    "…Keduanya diundang untuk melakukan dialog damai pada hari ini, Jumat, 9 Oktober 2020."
    ' "Presiden Rusia mengeluarkan seruan untuk menghentikan pertempuran di Nagorno-Karabakh'
    " atas dasar kemanusiaan untuk menukar jenazah…"
)
SNIPPET_2 = (
    '…tentang aspek-aspek yang spesifik dalam perjanjian perdamaian," kata Lavrov mengakui.'
    " Armenia yang mempunyai perjanjian kerja sama pertahanan dengan Rusia, sudah berulang"
    " kali mengimbau Moskow agar menggunakan pasukan…"
)
NEW_ARTICLE = (
    "Rusia Kembali Menengahi Perdamaian di Kaukasus\n\n"
    "Jum'at, 12 Mei 2023 - 10:00 WIB\n\n"
    "Moskow kembali menawarkan diri menengahi perdamaian antara Armenia dan Azerbaijan.\n"
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit code, stdout (line ends as written: CSV's are CRLF) and stderr."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


@pytest.fixture(autouse=True)
def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("NKSEARCH_HISTORY", raising=False)


def where(built: tuple[Path, Path]) -> list[str]:
    return ["--corpus", str(built[0]), "--index", str(built[1])]


def marked(built: tuple[Path, Path]) -> None:
    code, out, err = run(
        "mark", DOC, "--star", "--tag", "=SUM(A1)", "--note", "cek\nlagi", *where(built)
    )
    assert code == 0, err
    assert out == f"{DOC}  ★ starred · unread · tags: =SUM(A1) · note: cek lagi\n"


def test_csv_export_is_rfc4180_with_marks_and_no_formulas(built: tuple[Path, Path]) -> None:
    marked(built)
    code, out, err = run("query", "perdamaian", "--limit", "2", "--format", "csv", *where(built))
    assert code == 0, err
    assert out == (
        "rank,path,title,date,source,score,snippet,tags,note\r\n"
        f"1,{DOC},Putin Ajak Menlu Azerbaijan dan Armenia Bahas Perdamaian,2020-10-09,"
        f'medcom.id,4.9206,"{SNIPPET_1.replace(chr(34), 2 * chr(34))}",\'=SUM(A1),"cek\nlagi"\r\n'
        "2,004_24ba11577c6bdac0.txt,Rusia Tengahi Konflik Militer Azerbaijan-Armenia,,,2.6398,"
        f'"{SNIPPET_2.replace(chr(34), 2 * chr(34))}",,\r\n'
    )


def test_csv_without_marks_has_no_mark_columns(built: tuple[Path, Path]) -> None:
    code, out, _ = run("query", "perdamaian", "--limit", "1", "--format", "csv", *where(built))
    assert code == 0
    assert out.startswith("rank,path,title,date,source,score,snippet\r\n1,001_")


def test_jsonl_export_is_one_hit_per_line(built: tuple[Path, Path]) -> None:
    marked(built)
    code, out, _ = run("query", "perdamaian", "--limit", "1", "--format", "jsonl", *where(built))
    assert code == 0
    expected = {
        "rank": 1,
        "path": DOC,
        "title": "Putin Ajak Menlu Azerbaijan dan Armenia Bahas Perdamaian",
        "date": "2020-10-09",
        "source": "medcom.id",
        "score": 4.9206,
        "snippet": SNIPPET_1,
        "matches": [[42, 47]],
        "marks": {"read": False, "starred": True, "tags": ["=SUM(A1)"], "note": "cek\nlagi"},
    }
    assert out.endswith("\n") and out.count("\n") == 1
    assert json.loads(out) == expected and list(json.loads(out)) == list(expected)


def test_markdown_export_is_a_numbered_list_with_literal_text(built: tuple[Path, Path]) -> None:
    marked(built)
    code, out, _ = run("query", "perdamaian", "--limit", "1", "--format", "md", *where(built))
    assert code == 0
    assert out == (
        "# perdamaian\n\n1 of 4 hits\n\n"
        "1. ★ **Putin Ajak Menlu Azerbaijan dan Armenia Bahas Perdamaian**\\\n"
        "   2020-10-09 · medcom.id · 001\\_63c42fef90ae31eb.txt\\\n"
        f"   {SNIPPET_1}\\\n"
        "   tags: \\=SUM(A1)\\\n"
        "   note: cek lagi\n"
    )


def test_json_hits_carry_their_marks_and_json_is_format_json(built: tuple[Path, Path]) -> None:
    run("mark", DOC, "--read", "--tag", "rusia", *where(built))
    outs = [
        run("query", "perdamaian", "--limit", "4", flag, *where(built))[1]
        for flag in ("--json", "--format=json")
    ]
    data = json.loads(outs[0])
    assert [hit["marks"] for hit in data["hits"]][:2] == [
        {"read": True, "starred": False, "tags": ["rusia"], "note": None},
        {"read": False, "starred": False, "tags": [], "note": None},
    ]
    assert json.loads(outs[1])["hits"] == data["hits"]


def test_mark_filters_narrow_the_hits(built: tuple[Path, Path]) -> None:
    run("mark", DOC, "--read", "--star", *where(built))
    run("mark", "003_b561e05cfa5aa674.txt", "--tag", "telepon", *where(built))

    def paths(*flags: str) -> tuple[int, list[str]]:
        code, out, _ = run("query", "perdamaian", "--json", *flags, *where(built))
        return code, [hit["path"] for hit in json.loads(out)["hits"]]

    assert paths("--starred") == (0, [DOC])
    assert paths("--tag", "telepon") == (0, ["003_b561e05cfa5aa674.txt"])
    assert paths("--unread")[1] == [
        "004_24ba11577c6bdac0.txt", "003_b561e05cfa5aa674.txt", "000_c7cea75aa3edd05e.txt"
    ]  # fmt: skip
    assert paths("--starred", "--tag", "telepon") == (1, [])


def test_bad_format_and_conflicting_flags_are_usage_errors(built: tuple[Path, Path]) -> None:
    code, out, err = run("query", "Putin", "--format", "xml", *where(built))
    assert (code, out) == (2, "")
    assert err == "nksearch: error: --format must be one of text, json, jsonl, csv, md, not 'xml'\n"
    code, _, err = run("query", "Putin", "--json", "--format", "csv", *where(built))
    assert code == 2 and "--json and --format csv ask for two formats" in err


def test_mark_refuses_absurd_input_with_one_line(built: tuple[Path, Path]) -> None:
    code, out, err = run("mark", DOC, "--note", "x" * 1_000_000, *where(built))
    assert (code, out) == (2, "")
    assert err == "nksearch: error: --note has 1,000,000 characters; at most 10,000\n"
    code, _, err = run("mark", DOC, "--tag", "a\x00b", *where(built))
    assert code == 2 and "--tag 'a\\x00b' has control characters" in err
    code, _, err = run("mark", "../x.txt", "--read", *where(built))
    assert code == 2 and "outside the corpus" in err


def test_mark_without_changes_shows_marks_as_json(built: tuple[Path, Path]) -> None:
    run("mark", DOC, "--tag", "[bold]x[/bold]", *where(built))
    code, out, _ = run("mark", DOC, "000_c7cea75aa3edd05e.txt", "--json", *where(built))
    assert code == 0
    assert json.loads(out) == {"marks": [
        {"path": DOC, "read": False, "starred": False, "tags": ["[bold]x[/bold]"], "note": None},
        {"path": "000_c7cea75aa3edd05e.txt", "read": False, "starred": False, "tags": [],
         "note": None},
    ]}  # fmt: skip


def test_saved_searches_show_what_a_sync_added_as_new(built: tuple[Path, Path]) -> None:
    code, _, err = run("saved", "add", "mediasi", "menengahi perdamaian", *where(built))
    assert code == 0 and err == "saved 'mediasi': 4 hits\n"
    code, out, _ = run("saved", "list", "--json", *where(built))
    assert json.loads(out) == {
        "saved": [{"name": "mediasi", "query": "menengahi perdamaian", "total": 4, "new": 0}]
    }
    (built[0] / "2023-05-12 kaukasus.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert run("index", *where(built))[0] == 0
    code, out, _ = run("saved", "list", *where(built))
    assert out == "mediasi  1 new of 5  menengahi perdamaian\n"
    code, out, _ = run("saved", "show", "mediasi", "--json", "--limit", "2", *where(built))
    data = json.loads(out)
    assert data["name"] == "mediasi" and data["total"] == 5
    assert [(h["path"], h["new"]) for h in data["hits"]] == [
        ("2023-05-12 kaukasus.txt", True), ("004_24ba11577c6bdac0.txt", False)
    ]  # fmt: skip
    assert json.loads(run("saved", "list", "--json", *where(built))[1])["saved"][0]["new"] == 0
    assert run("saved", "remove", "mediasi", *where(built))[0] == 0
    code, _, err = run("saved", "show", "mediasi", *where(built))
    assert code == 2 and err == "nksearch: error: no saved search 'mediasi'; none saved yet\n"


def test_history_records_queries_unless_turned_off(built: tuple[Path, Path]) -> None:
    run("query", "Putin", *where(built))
    run("query", "Navalny", *where(built))
    run("query", "Sochi", *where(built), env={"NKSEARCH_HISTORY": "0"})
    code, out, _ = run("history", "--json", "--limit", "5", *where(built))
    entries = json.loads(out)["history"]
    assert [(e["query"], e["total"]) for e in entries] == [("Navalny", 0), ("Putin", 5)]
    assert all(e["at"].endswith("+00:00") for e in entries)
    code, out, _ = run("history", "--limit", "1", *where(built))
    assert code == 0 and out.endswith("    0 hits  Navalny\n")


def test_batch_runs_every_line_and_reports_a_bad_one(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    queries = tmp_path / "queries.txt"
    too_long = "Putin " * 2_000
    queries.write_text(f"# daftar\nShoigu\n\n{too_long}\n=Lavrov\n", encoding="utf-8")
    code, out, err = run("batch", str(queries), "--limit", "1", *where(built))
    assert code == 2
    lines = out.split("\r\n")
    assert lines[0] == "query,rank,path,title,date,source,score,snippet"
    assert lines[1].startswith("Shoigu,1,000_c7cea75aa3edd05e.txt,")
    assert lines[2].startswith("'=Lavrov,1,004_24ba11577c6bdac0.txt,")
    assert lines[3:] == [""]
    assert err.splitlines()[0] == (
        f"nksearch: error: {queries}:4: query is 11,999 characters long;"
        " shorten it to 10,000 or fewer"
    )
    assert err.splitlines()[-1] == "2 of 3 queries ran, 2 hits"


def test_batch_jsonl_and_an_unreadable_file(built: tuple[Path, Path], tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("Shoigu\nNavalny\n", encoding="utf-8")
    code, out, _ = run("batch", str(queries), "--format", "jsonl", *where(built))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["query"], r["rank"], r["path"]) for r in rows] == [
        ("Shoigu", 1, "000_c7cea75aa3edd05e.txt")
    ]
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    code, out, err = run("batch", str(tmp_path / "bin.txt"), *where(built))
    assert (code, out) == (2, "") and "is not UTF-8 text" in err


def test_init_writes_the_folders_every_command_then_uses(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = built
    code, _, err = run("init", "--corpus", str(corpus), "--index", str(index))
    assert code == 0, err
    config = tmp_path / "config" / "nksearch" / "config.toml"
    assert config.read_text("utf-8") == f'corpus = "{corpus}"\nindex = "{index}"\n'
    monkeypatch.chdir(tmp_path)  # no ./seeds here: the folders come from the file
    code, out, err = run("query", "Shoigu", "--json")
    assert code == 0, err
    assert json.loads(out)["total"] == 1
    code, _, err = run("query", "Shoigu", env={"NKSEARCH_INDEX": str(tmp_path / "other")})
    assert code == 0 and "no index yet in" in err  # the variable wins over the file
    config.write_text("corpus = [", encoding="utf-8")
    code, _, err = run("query", "Shoigu")
    assert code == 2 and "is not valid TOML" in err


def test_watch_syncs_an_added_file_and_exits_0_on_ctrl_c(built: tuple[Path, Path]) -> None:
    corpus, index = built
    proc = subprocess.Popen(
        [sys.executable, "-c", "from nksearch.cli import main; main()", "watch", *where(built)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        # SIGINT as a terminal delivers it, whatever the suite inherited: a
        # watcher started with SIGINT ignored never sees Ctrl-C (one left behind
        # by a loaded run had SIGINT and SIGQUIT ignored and waited forever).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("watching ")
        assert proc.stderr.readline().startswith("synced: 0 added")
        (corpus / "baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        line = proc.stderr.readline()
        assert "synced: 1 added" in line, line
        _, out, err = run("query", "Kaukasus", "--json", *where(built))
        assert json.loads(out)["hits"][0]["path"] == "baru.txt"
        assert "changed since the last sync" not in err
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:  # a failed check leaves no watcher behind
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 60  # the lock goes with the process
    from nksearch.workflow.watch import watching

    while watching(index) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not watching(index)


def test_a_damaged_user_database_does_not_stop_a_plain_query(built: tuple[Path, Path]) -> None:
    (built[1] / "user.db").write_bytes(b"not a database at all " * 200)
    code, out, err = run("query", "Shoigu", "--json", *where(built))
    assert code == 0 and json.loads(out)["hits"][0]["marks"]["starred"] is False
    assert "user database" in err and "searching without marks" in err
    code, out, err = run("query", "Shoigu", "--starred", *where(built))
    assert (code, out) == (3, "") and err.startswith("nksearch: error: the user database")
    code, _, err = run("mark", "000_c7cea75aa3edd05e.txt", "--star", *where(built))
    assert code == 3 and "move it away to start a new one" in err
