"""``nksearch mark``, ``saved`` and ``history``: a person's marks, saved searches and queries.

Thin commands over :func:`nksearch.open_userdata` and
:mod:`nksearch.workflow.searching`. Tags, notes and queries are user text
printed to a terminal, so they pass through the same cleaning as document
text (:func:`nksearch.cli.output.safe`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from nksearch.cli import output
from nksearch.cli.common import CorpusOpt, IndexOpt, app, ensure_index, fail
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, ExitCode
from nksearch.errors import NksearchError, UsageError

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]

saved_app = typer.Typer(
    name="saved",
    help="Saved searches and the hits they have not shown yet.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(saved_app)


def _corpus(corpus: Path) -> Path | None:
    return corpus if corpus.is_dir() else None


@app.command()
def mark(
    paths: Annotated[list[str], typer.Argument(help="Documents, relative to the corpus.")],
    read: Annotated[
        bool | None, typer.Option("--read/--unread", help="Mark as read or not read.")
    ] = None,
    star: Annotated[bool | None, typer.Option("--star/--unstar", help="Star or unstar.")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag (repeatable).")] = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", help="Remove a tag (repeatable).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Set the note.")] = None,
    no_note: Annotated[bool, typer.Option("--no-note", help="Remove the note.")] = False,
    as_json: JsonOpt = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Mark documents read or unread, starred, tagged or with a note (no option: show marks)."""
    import nksearch
    from nksearch.documents.corpus import resolve_document
    from nksearch.workflow.marks import NO_MARKS, MarkChange

    change = MarkChange(read, star, tuple(tag or ()), tuple(untag or ()), note, no_note)
    try:
        if note is not None and no_note:
            raise UsageError("--note and --no-note contradict each other")
        with nksearch.open_userdata(index, corpus) as user:
            names = list(dict.fromkeys(resolve_document(corpus, path)[1] for path in paths))
            if change != MarkChange():
                user.mark(names, change)
            marks = user.marks(names)
    except NksearchError as exc:
        fail(exc, corpus, index)
    found = {name: marks.get(name, NO_MARKS) for name in names}
    if as_json:
        rows = [{"path": path, **mine.to_dict()} for path, mine in found.items()]
        output.data(json.dumps({"marks": rows}, ensure_ascii=True))
        return
    for path, mine in found.items():
        output.data(f"{output.safe(path)}  {output.marks_line(mine)}")


@saved_app.command("add")
def saved_add(
    name: Annotated[str, typer.Argument(help="A name for the search.")],
    text: Annotated[str, typer.Argument(help="The query (see README: query syntax).")],
    since: Annotated[str | None, typer.Option(help="Only articles on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles on/before YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    sort: Annotated[str, typer.Option(help="relevance or date (newest first).")] = "relevance",
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Save a search; the hits it has now count as seen, later ones as new."""
    import nksearch
    from nksearch.workflow.saved import SavedSearch
    from nksearch.workflow.searching import save

    try:
        ensure_index(corpus, index)
        with nksearch.open_index(index) as idx, nksearch.open_userdata(index) as user:
            done = save(idx, user, SavedSearch(name, text, since, until, source, sort))
    except NksearchError as exc:
        fail(exc, corpus, index)
    output.note(f"saved {done.search.name!r}: {done.total} hit{'s' if done.total != 1 else ''}")


@saved_app.command("list")
def saved_list(
    as_json: JsonOpt = False, corpus: CorpusOpt = DEFAULT_CORPUS, index: IndexOpt = DEFAULT_INDEX
) -> None:
    """Every saved search with its hits and how many of them are new."""
    import nksearch
    from nksearch.workflow.searching import status

    try:
        ensure_index(corpus, index)
        with nksearch.open_index(index) as idx, nksearch.open_userdata(index) as user:
            found = status(idx, user)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        output.data(json.dumps({"saved": [s.to_dict() for s in found]}, ensure_ascii=True))
        return
    if not found:
        output.note("no saved searches yet: 'nksearch saved add NAME QUERY' keeps one")
    width = max((len(s.search.name) for s in found), default=0)
    for item in found:
        counts = f"{item.new} new of {item.total}"
        line = f"{item.search.name:<{width}}  {counts}  {item.search.query}"
        output.data(output.safe(line))


@saved_app.command("show")
def saved_show(
    name: Annotated[str, typer.Argument(help="The saved search.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits to show.")] = 10,
    as_json: JsonOpt = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Run a saved search, new hits first; the hits shown count as seen."""
    import nksearch
    from nksearch.workflow.export import hit_dict
    from nksearch.workflow.searching import show

    try:
        ensure_index(corpus, index)
        with nksearch.open_index(index) as idx, nksearch.open_userdata(index, _corpus(corpus)) as u:
            kept, results, new = show(idx, u, name, limit=limit)
            marks = u.marks(hit.path for hit in results.hits)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        data: dict[str, Any] = {"name": kept.name, **results.to_dict()}
        data["hits"] = [{**hit_dict(h, marks), "new": h.path in new} for h in results.hits]
        output.data(json.dumps(data, ensure_ascii=True))
    else:
        output.note(f"{kept.name}: {kept.query} ({len(new)} new)")
        output.results(results, marks)
        for rank, hit in enumerate(results.hits, 1):
            if hit.path in new:
                output.note(f"new: {rank}. {hit.path}")
    raise typer.Exit(code=int(ExitCode.OK if results.hits else ExitCode.NO_HITS))


@saved_app.command("remove")
def saved_remove(
    name: Annotated[str, typer.Argument(help="The saved search.")],
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Forget a saved search."""
    import nksearch

    try:
        with nksearch.open_userdata(index) as user:
            user.remove_saved(name)
    except NksearchError as exc:
        fail(exc, corpus, index)
    output.note(f"removed {name!r}")


@app.command()
def history(
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Queries to show.")] = 20,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """The latest queries, newest first (NKSEARCH_HISTORY=0 keeps none)."""
    import nksearch
    from nksearch.workflow.store import DB_NAME

    try:
        if not (index / DB_NAME).exists():  # nothing recorded yet: create nothing
            entries = []
        else:
            with nksearch.open_userdata(index) as user:
                entries = user.history(limit)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        data = {"history": [entry.to_dict() for entry in entries]}
        output.data(json.dumps(data, ensure_ascii=True))
        return
    for entry in entries:
        hits = f"{entry.total} hit{'s' if entry.total != 1 else ''}"
        output.data(f"{output.local_time(entry.at)}  {hits:>10}  {output.safe(entry.query)}")
