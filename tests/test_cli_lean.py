"""A command line that names a command gets only that command made (``group.only_invoked``).

Help, suggestions and usage errors must read exactly as with every command
made; the console entry point runs the lean app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from nksearch.cli.commands import app
from nksearch.cli.group import only_invoked

ROOT = Path(__file__).resolve().parent.parent


def names(made: typer.Typer) -> list[str]:
    return sorted(typer.main.get_command(made).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("words", "command"),
    [(["query", "Rusia"], "query"), (["index", "--rebuild"], "index"), (["show"], "show"),
     (["check", "--help"], "check")],
)  # fmt: skip
def test_a_command_named_first_is_the_only_one_made(words: list[str], command: str) -> None:
    lean = only_invoked(app, words)
    assert lean is not app and names(lean) == [command]
    assert len(app.registered_commands) > 10 and app.registered_groups  # the app is untouched
    assert lean.registered_callback is app.registered_callback


@pytest.mark.parametrize(
    "words",
    [[], ["--help"], ["--help", "query"], ["saved", "list"], ["qurey", "x"], ["x", "query"],
     ["Query"]],
)  # fmt: skip
def test_anything_else_gets_every_command(words: list[str]) -> None:
    assert only_invoked(app, words) is app
    assert "saved" in names(app) and "query" in names(app)


@pytest.mark.parametrize(
    "words",
    [["query", "--help"], ["index", "--help"], ["query"], ["query", "--bogus", "x"],
     ["show", "--corpus"], ["query", "x", "--limit", "0"]],
)  # fmt: skip
def test_help_and_usage_errors_read_as_with_every_command(words: list[str]) -> None:
    runner = CliRunner()
    whole = runner.invoke(app, words, prog_name="nksearch")
    lean = runner.invoke(only_invoked(app, words), words, prog_name="nksearch")
    assert (lean.exit_code, lean.output) == (whole.exit_code, whole.output)
    assert whole.exit_code in (0, 2)


def _run(script: str, *words: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    run = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv[0] = 'nksearch'; {script}", *words],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    return run.returncode, run.stdout, run.stderr


def test_the_entry_point_runs_the_command_named() -> None:
    entry = "from nksearch.cli import main; main()"
    whole = "from nksearch.cli.commands import app; app()"
    helped = _run(entry, "query", "--help")
    assert helped == _run(whole, "query", "--help")
    assert helped[0] == 0 and helped[1].startswith("Usage: nksearch query [OPTIONS] {text}\n")
    assert _run(entry, "qurey") == (
        2,
        "",
        "nksearch: error: no such command 'qurey'. Did you mean 'query'?; see 'nksearch --help'\n",
    )
