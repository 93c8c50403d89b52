"""Search output in every format, and the mark filters of ``query``.

``query --format text|json|jsonl|csv|md`` (``--json`` is ``--format json``)
writes its results here; the formats themselves are built by
:mod:`nksearch.workflow.export`. The options are defined here so that
``query`` (in :mod:`nksearch.cli.commands`) stays short.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from nksearch.cli import output
from nksearch.errors import Option, UsageError
from nksearch.models import Results

FormatOpt = Annotated[
    str, typer.Option("--format", help="text, json, jsonl, csv or md (Markdown).")
]
StarredOpt = Annotated[bool, typer.Option("--starred", help="Only starred documents.")]
UnreadOpt = Annotated[bool, typer.Option("--unread", help="Only documents not read yet.")]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", help="Only documents with this tag (repeatable).")
]


def check_format(fmt: str, as_json: bool, allowed: tuple[str, ...] | None = None) -> str:
    """The output format asked for; ``--json`` means ``--format json``."""
    from nksearch.workflow.export import FORMATS

    choices = allowed or FORMATS
    fmt = fmt.strip().lower()
    if fmt not in choices:
        raise UsageError(Option("format"), f" must be one of {', '.join(choices)}, not {fmt!r}")
    if as_json and fmt not in ("text", "json"):
        raise UsageError(Option("json"), " and ", Option("format"), f" {fmt} ask for two formats")
    return "json" if as_json else fmt


def marked_search(
    idx: Any, corpus: Path, index: Path, text: str, filters: dict[str, Any], options: dict[str, Any]
) -> tuple[Results, Mapping[str, Any]]:
    """Run a query narrowed by mark filters, record it in the history; its marks."""
    import nksearch
    from nksearch.errors import IndexProblem
    from nksearch.workflow.searching import search

    try:
        user = nksearch.open_userdata(index, corpus if corpus.is_dir() else None)
    except IndexProblem as exc:
        if any(filters.values()):
            raise
        output.warn(f"{exc}; searching without marks")  # the index itself still answers
        return idx.search(text, **options), {}
    with user:
        results = search(idx, user, text, **filters, **options)
        user.record(text, results.total)
        return results, user.marks(hit.path for hit in results.hits)


def emit(results: Results, marks: Mapping[str, Any], fmt: str) -> None:
    """Write ``results`` to stdout in ``fmt``."""
    from nksearch.workflow import export

    if fmt == "text":
        output.results(results, marks)
    elif fmt == "json":
        output.data(export.to_json(results, marks))
    elif fmt == "jsonl":
        sys.stdout.write(export.to_jsonl([(None, results, marks)]))
    elif fmt == "csv":
        sys.stdout.write(export.to_csv([(None, results, marks)]))
    else:
        sys.stdout.write(export.to_markdown(results, marks))
    if fmt != "text":
        for text in results.notes:
            output.note(text)
