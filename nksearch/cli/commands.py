"""The ``nksearch`` commands: a thin Typer layer over the Python API.

Commands of a topic of their own live in a module beside this one
(registered on the same ``app`` from :mod:`nksearch.cli.common`).
stdout carries data and only data (results, documents, JSON); progress,
warnings and errors go to stderr. Every :class:`NksearchError` becomes one
line on stderr, worded by ``errors`` with the folders the user gave, and its
documented exit code. Textual is imported only by the ``tui`` command.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from nksearch.cli import export, output
from nksearch.cli.common import (
    CorpusOpt,
    IndexOpt,
    app,
    ensure_index,
    env_path,
    fail,
    has_index,
    report_sync,
)
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, ExitCode, folder_flags
from nksearch.errors import NksearchError


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Full-text search for Indonesian news articles.

    With no command on a terminal, opens the search UI.
    """
    from nksearch.cli.setup import apply_config

    corpus, index = apply_config(ctx)  # a config file's folders, below flags and variables
    if ctx.invoked_subcommand is None:
        if sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(
                tui,
                corpus=env_path("NKSEARCH_CORPUS", corpus),
                index=env_path("NKSEARCH_INDEX", index),
            )
        else:
            typer.echo(ctx.get_help())


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="What to search for (see README: query syntax).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    since: Annotated[str | None, typer.Option(help="Only articles on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles on/before YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    sort: Annotated[str, typer.Option(help="relevance or date (newest first).")] = "relevance",
    group: Annotated[
        bool, typer.Option("--group", help="Fold near duplicates into one hit ('also').")
    ] = False,
    facets: Annotated[
        bool, typer.Option("--facets", help="Count matches by outlet, month and names.")
    ] = False,
    fmt: export.FormatOpt = "text",
    starred: export.StarredOpt = False,
    unread: export.UnreadOpt = False,
    tag: export.TagOpt = None,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Search the corpus; exit 0 with hits, 1 without."""
    from nksearch.search.index import open_index
    from nksearch.workflow.watch import watching

    try:
        fmt = export.check_format(fmt, as_json)
        ensure_index(corpus, index)
        with open_index(index) as idx:
            results, marks = export.marked_search(
                idx, corpus, index, text,
                {"starred": starred, "unread": unread, "tags": tag or ()},
                {"limit": limit, "since": since, "until": until, "source": source, "sort": sort,
                 "group": group, "facets": facets},
            )  # fmt: skip
            fresh = not corpus.is_dir() or watching(index)  # a watcher keeps it in sync
            stale = [] if fresh else idx.stale(corpus.resolve(), quick=True)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if stale:
        output.warn(
            f"{len(stale)} file(s) changed since the last sync;"
            f" run 'nksearch index{folder_flags(corpus, index)}' to update"
        )
    export.emit(results, marks, fmt)
    if fmt == "text" and results.facets is not None:
        from nksearch.cli.story import print_facets

        print_facets(results.facets)
    raise typer.Exit(code=int(ExitCode.OK if results.hits else ExitCode.NO_HITS))


@app.command("index")
def index_cmd(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild from scratch.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Sync the index with the corpus: new, changed and deleted files only."""
    import nksearch

    first = not has_index(index)
    try:
        report = nksearch.sync(
            corpus, index, rebuild=rebuild, progress=output.progress_bar("indexing")
        )
    except NksearchError as exc:
        fail(exc, corpus, index)
    report_sync(report, first)


@app.command()
def add(
    files: Annotated[
        list[Path],
        typer.Argument(help="Article files, or folders whose article files to add (recursively)."),
    ],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace corpus files of the same name.")
    ] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Copy files (a folder's with their paths under it) into the corpus, then sync the index."""
    import nksearch

    first = not has_index(index)
    try:
        done = nksearch.add(
            corpus, index, files, overwrite=overwrite, progress=output.progress_bar("indexing")
        )
    except NksearchError as exc:
        fail(exc, corpus, index)
    for name in done.copied:
        output.note(f"added {name}")
    report_sync(done.sync, first)


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="Document path, relative to the corpus.")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the file as it is.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Print a document's clean text as indexed (or, with --raw, the file itself)."""
    import nksearch

    try:
        article = nksearch.read_document(corpus, path, index)
    except NksearchError as exc:
        fail(exc, corpus, index)
    output.document(article, raw=raw)


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Documents, index size, last sync, outlets and files changed since."""
    import nksearch

    try:
        with nksearch.open_index(index) as idx:
            info = idx.stats(corpus)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        output.data(json.dumps(info.to_dict(), ensure_ascii=True))
    else:
        output.stats(info)


@app.command()
def tui(corpus: CorpusOpt = DEFAULT_CORPUS, index: IndexOpt = DEFAULT_INDEX) -> None:
    """Open the search UI."""
    from nksearch.tui.app import make_app

    try:
        application = make_app(corpus=corpus, index=index)
    except NksearchError as exc:
        fail(exc, corpus, index)
    code = application.run()
    raise typer.Exit(code=int(code or 0))


from nksearch.cli import (  # noqa: E402 (each registers its commands)
    batch,  # noqa: F401
    check,  # noqa: F401
    setup,  # noqa: F401
    story,  # noqa: F401
    watch,  # noqa: F401
    workflow,  # noqa: F401
)
