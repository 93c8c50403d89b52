"""``nksearch batch FILE``: one query per line, every hit in one CSV or JSON Lines output.

Each row or object carries its ``query``; a progress bar goes to stderr, and a
bad query is reported there by its line number while the rest still run
(exit code 2 at the end when one failed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from nksearch.cli import output
from nksearch.cli.common import CorpusOpt, IndexOpt, app, ensure_index, fail
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, ExitCode, word
from nksearch.cli.export import check_format
from nksearch.errors import NksearchError


@app.command()
def batch(
    file: Annotated[Path, typer.Argument(help="A file of queries, one per line ('#' comments).")],
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits per query.")] = 10,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Run every query of a file into one CSV or JSON Lines output with a query column."""
    import nksearch
    from nksearch.workflow import export
    from nksearch.workflow.batch import read_batch

    try:
        fmt = check_format(fmt, False, ("csv", "jsonl"))
        queries = read_batch(file)
        ensure_index(corpus, index)
        idx = nksearch.open_index(index)
        user = nksearch.open_userdata(index, corpus if corpus.is_dir() else None)
    except NksearchError as exc:
        fail(exc, corpus, index)
    answers: list[export.Answer] = []
    failed = 0
    progress = output.progress_bar("batch", unit="queries") if queries else None
    with idx, user:
        for done, (number, text) in enumerate(queries, 1):
            try:
                results = idx.search(text, limit=limit, suggest=False)
            except NksearchError as exc:
                failed += 1
                output.error(f"{file}:{number}: {word(exc, corpus=corpus, index=index)}")
            else:
                answers.append((text, results, user.marks(h.path for h in results.hits)))
            if progress is not None:
                progress(done, len(queries))
    if fmt == "csv":
        sys.stdout.write(export.to_csv(answers, with_query=True))
    else:
        sys.stdout.write(export.to_jsonl(answers))
    hits = sum(len(results.hits) for _, results, _ in answers)
    output.note(f"{len(answers)} of {len(queries)} queries ran, {hits} hits")
    if failed:
        raise typer.Exit(code=int(ExitCode.USAGE))
    raise typer.Exit(code=int(ExitCode.OK if hits else ExitCode.NO_HITS))
