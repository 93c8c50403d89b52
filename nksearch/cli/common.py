"""What every ``nksearch`` command shares: the Typer app, the folder options, failing.

Commands live in :mod:`nksearch.cli.commands` and in one module per topic
beside it; each registers itself on :data:`app` and reports a
:class:`NksearchError` with :func:`fail` (one line, the documented exit code).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from nksearch.cli import output
from nksearch.cli.errors import (
    exit_code,
    word,
)
from nksearch.cli.group import Commands
from nksearch.errors import NksearchError

app = typer.Typer(
    name="nksearch",
    cls=Commands,
    help="Full-text search for Indonesian news articles.",
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

CorpusOpt = Annotated[
    Path,
    typer.Option("--corpus", envvar="NKSEARCH_CORPUS", help="Folder of article files."),
]
IndexOpt = Annotated[
    Path,
    typer.Option("--index", envvar="NKSEARCH_INDEX", help="Folder holding the index."),
]


def fail(exc: NksearchError, corpus: Path | None = None, index: Path | None = None) -> NoReturn:
    """Report ``exc`` as one line and exit with its code."""
    output.error(word(exc, corpus=corpus, index=index))
    raise typer.Exit(code=int(exit_code(exc)))


def report_skipped(report: Any) -> None:
    for item in report.skipped:
        output.warn(f"skipped {item.path}: {item.reason}")
    for item in report.warnings:
        output.warn(f"{item.path}: {item.reason}")


def ensure_index(corpus: Path, index: Path) -> None:
    """Build the index when there is none yet (``query`` needs one)."""
    if not has_index(index):  # cheap: the build's modules load only when needed
        import nksearch

        report = nksearch.ensure_index(
            corpus,
            index,
            progress=output.progress_bar("indexing"),
            starting=lambda: output.note(
                f"no index yet in {str(index)!r}: building it from {str(corpus)!r} …"
            ),
        )
        if report is not None:
            report_skipped(report)


def has_index(index: Path) -> bool:
    """Whether ``index`` holds an index already (a damaged one counts)."""
    from nksearch.errors import IndexProblem
    from nksearch.indexing.layout import read_meta

    try:
        return read_meta(index) is not None
    except IndexProblem:
        return True


def report_sync(report: Any, first: bool) -> None:
    """What a sync did, in one line (and why it rebuilt, if it had to)."""
    report_skipped(report)
    if report.reason and not first:
        output.note(report.reason)
    output.note(output.sync_summary(report, first=first))


def env_path(name: str, default: Path) -> Path:
    """The folder an environment variable names, else ``default``."""
    value = os.environ.get(name)
    return Path(value) if value else default
