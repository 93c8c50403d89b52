"""Hostile text: nothing a document (or its file name) holds drives the terminal.

A corpus file full of ANSI colours, clear-screen, an OSC 52 clipboard write,
BEL, the 8-bit CSI, a hyperlink and Rich markup is indexed, searched, shown
and listed. Piped output (CliRunner) must hold no control character at all;
on a terminal (the real ``nksearch`` under a pseudo-terminal) only nksearch's
own SGR colour codes may appear. Markup always prints literally.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.cli.commands import app

runner = CliRunner()

HOSTILE = (
    "Judul \x1b[31mMerah\x1b[0m [bold red]Tebal[/] Durian \x07Montong\n\n"
    "JAKARTA - Warga \x1b[2J\x1b[H membeli durian \x1b]52;c;ZWNobyBwd25lZA==\x07 di pasar"
    " \x07\x07 [bold red]markup[/] dan [link=https://contoh.id]tautan[/link]"
    " \x1b]8;;https://contoh.id\x1b\\klik\x1b]8;;\x1b\\ \u009b2J delapan bit"
    " \x1b[?1049h \x1bP+q\x1b\\ \x1b]0;judul jendela\x1b\\ durian \u202eterbalik\u202c.\n"
    "Paragraf kedua: \x1b[6n \x1b[21t \x1bc durian lagi \x1b]52;c;?\x07 selesai.\n"
)
# A file name carrying the same kinds of sequence.
HOSTILE_NAME = "nama\x1b]52;c;aGk=\x07\x1b[2J[bold red]x\u009b31m.txt"
SHOWN_NAME = "nama[bold red]x.txt"  # what a terminal may see of it
MARKUP = "[bold red]Tebal[/]"
OWN_SGR = {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[36m"}
# Every C0 and C1 control, DEL and the bidi controls; \n and \t are text.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(corpus: Path, index_dir: Path) -> tuple[Path, Path]:
    """The seeds plus two hostile articles (one with a hostile name), indexed."""
    (corpus / "jahat.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / HOSTILE_NAME).write_text(HOSTILE.replace("Durian", "Rambutan"), encoding="utf-8")
    (corpus / ("kosong\x1b[2J\x07.txt")).write_bytes(b"")  # skipped: named in a warning
    nksearch.sync(corpus, index_dir)
    return corpus, index_dir


def where(built: tuple[Path, Path]) -> list[str]:
    return ["--corpus", str(built[0]), "--index", str(built[1])]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def assert_plain(*texts: str) -> None:
    for text in texts:
        found = CONTROLS.findall(text)
        assert not found, f"control characters reached the output: {found!r}"


# --- the core -----------------------------------------------------------------------


def test_api_hits_and_documents_are_clean(hostile: tuple[Path, Path]) -> None:
    corpus, index_dir = hostile
    with nksearch.open_index(index_dir) as idx:
        results = idx.search("durian rambutan", limit=10)
        paths = {hit.path for hit in results.hits}
        assert {"jahat.txt", HOSTILE_NAME} <= paths  # the path is data: kept exact
        for hit in results.hits:
            assert_plain(hit.title, hit.snippet, hit.source or "", hit.date or "")
        doc = idx.document("jahat.txt", corpus)
    assert doc.title == f"Judul Merah {MARKUP} Durian Montong"
    assert_plain(doc.title, doc.body)
    assert doc.raw == HOSTILE  # raw is the file as it is, for callers that escape it


# --- piped output ----------------------------------------------------------------------


def test_query_piped_prints_text_only(hostile: tuple[Path, Path]) -> None:
    code, out, err = invoke("query", "durian", *where(hostile))
    assert code == 0, err
    assert_plain(out, err)
    assert f" 1. Judul Merah {MARKUP} Durian Montong" in out.splitlines()
    assert "[bold red]markup[/] dan [link=https://contoh.id]tautan[/link] klik" in out


def test_query_json_holds_no_raw_controls(hostile: tuple[Path, Path]) -> None:
    code, out, err = invoke("query", "durian rambutan", "--json", *where(hostile))
    assert code == 0, err
    assert_plain(out, err)
    data = json.loads(out)
    titles = {hit["path"]: hit["title"] for hit in data["hits"]}
    assert titles["jahat.txt"] == f"Judul Merah {MARKUP} Durian Montong"
    assert titles[HOSTILE_NAME] == f"Judul Merah {MARKUP} Rambutan Montong"
    for hit in data["hits"]:
        assert_plain(hit["title"], hit["snippet"])


@pytest.mark.parametrize("raw", [False, True], ids=["clean", "raw"])
def test_show_piped_prints_text_only(hostile: tuple[Path, Path], raw: bool) -> None:
    code, out, err = invoke("show", "jahat.txt", *(["--raw"] if raw else []),
                            "--corpus", str(hostile[0]))
    assert code == 0, err
    assert_plain(out, err)
    assert out.startswith(f"Judul Merah {MARKUP} Durian Montong\n")
    assert "[link=https://contoh.id]tautan[/link]" in out


def test_hostile_file_names_in_every_command(hostile: tuple[Path, Path]) -> None:
    corpus, _index = hostile
    (corpus / "baru\x1b]52;c;eA==\x07.txt").write_text("Judul Baru\n\nIsi baru.\n")
    runs = [
        invoke("query", "rambutan", *where(hostile)),
        invoke("stats", *where(hostile)),
        invoke("show", HOSTILE_NAME, "--corpus", str(corpus)),
        invoke("show", "tidak\x1b[2J\x07ada.txt", "--corpus", str(corpus)),
        invoke("index", *where(hostile)),
    ]
    for _code, out, err in runs:
        assert_plain(out, err)
    query_out = runs[0][1]
    assert f"    no date · {SHOWN_NAME}  score " in query_out
    assert "  baru.txt" in runs[1][1].splitlines()  # a stale file, listed by stats
    assert runs[3][0] == 2 and runs[3][2].count("\n") == 1
    assert "nksearch: warning: skipped kosong.txt: empty file" in runs[4][2]


def test_error_messages_quoting_user_input_are_clean(hostile: tuple[Path, Path]) -> None:
    code, out, err = invoke("query", "durian", "--since", "\x1b]52;c;aGk=\x07", *where(hostile))
    assert code == 2 and out == ""
    assert_plain(err)
    code, out, err = invoke("query", "durian", "--source", "\x1b[2J", *where(hostile))
    assert code in (1, 2)
    assert_plain(out, err)


# --- on a terminal -----------------------------------------------------------------


def console_script() -> str:
    found = Path(sys.executable).with_name("nksearch")
    return str(found) if found.exists() else shutil.which("nksearch") or ""


def run_on_terminal(args: list[str], *, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the real ``nksearch`` with stdin, stdout and stderr on a pseudo-terminal."""
    main, sub = os.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ.update(TERM="xterm-256color", COLUMNS="100", LINES="40", **(env or {}))
    proc = subprocess.Popen([console_script(), *args], stdin=sub, stdout=sub, stderr=sub,
                            env=environ, close_fds=True)
    os.close(sub)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout=30)
    finally:
        os.close(main)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return code, b"".join(chunks).decode("utf-8")


def assert_only_own_colours(text: str) -> None:
    for bad in ("\x1b]", "\x1b[2J", "\x1b[H", "\x1b[?", "\x1bP", "\x1bc", "\x07", "\x9b"):
        assert bad not in text, f"{bad!r} reached the terminal"
    escapes = re.findall(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|.?)", text)
    assert set(escapes) <= OWN_SGR, set(escapes) - OWN_SGR
    # Apart from escapes, only line ends and carriage returns (the progress bar).
    assert not CONTROLS.findall(re.sub(r"\x1b\[[0-9;]*m|\r", "", text))


TERMINAL_RUNS = {
    "query": ["query", "durian rambutan"],
    "query-json": ["query", "durian rambutan", "--json"],
    "show": ["show", "jahat.txt"],
    "show-raw": ["show", "jahat.txt", "--raw"],
    "show-name": ["show", HOSTILE_NAME],
    "stats": ["stats"],
    "rebuild": ["index", "--rebuild"],
}


@pytest.mark.skipif(not console_script() or not hasattr(os, "openpty"),
                    reason="needs the nksearch console script and a pseudo-terminal")
@pytest.mark.parametrize("args", TERMINAL_RUNS.values(), ids=TERMINAL_RUNS.keys())
def test_terminal_sees_only_nksearch_colours(hostile: tuple[Path, Path], args: list[str]) -> None:
    folders = where(hostile) if args[0] != "show" else ["--corpus", str(hostile[0])]
    code, text = run_on_terminal([*args, *folders])
    assert code == 0, text
    assert_only_own_colours(text)
    if args[0] in ("query", "show"):
        assert MARKUP in text
    if args == TERMINAL_RUNS["query"]:
        assert "\x1b[1mJudul Merah [bold red]Tebal[/] Durian Montong\x1b[0m" in text
        assert SHOWN_NAME in text
    if args[0] == "index":
        assert "skipped kosong.txt: empty file" in text


@pytest.mark.skipif(not console_script() or not hasattr(os, "openpty"),
                    reason="needs the nksearch console script and a pseudo-terminal")
def test_no_color_on_a_terminal_means_no_escapes(hostile: tuple[Path, Path]) -> None:
    code, text = run_on_terminal(["query", "durian", *where(hostile)], env={"NO_COLOR": "1"})
    assert code == 0, text
    assert "\x1b" not in text and "\x07" not in text
    assert f"Judul Merah {MARKUP} Durian Montong" in text
