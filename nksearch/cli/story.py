"""Commands that follow a story: ``similar``, ``duplicates`` and ``timeline``.

They call :meth:`Index.similar`, :meth:`Index.duplicates` and
:meth:`Index.timeline`; this module also prints the facets and the folded
near duplicates of ``query --facets`` and ``query --group``. stdout carries
the data (``--json``: one object); errors go through ``fail``.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from nksearch.cli import output
from nksearch.cli.common import CorpusOpt, IndexOpt, app, ensure_index, fail
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, ExitCode
from nksearch.errors import NksearchError
from nksearch.models import FACET_KINDS, Facets, Timeline

#: Widest bar of a timeline chart, in characters.
BAR_WIDTH = 50
_FACET_TITLES = {
    "source": "Outlets",
    "month": "Months",
    "person": "People",
    "place": "Places",
    "organization": "Organisations",
}


@app.command()
def similar(
    path: Annotated[str, typer.Argument(help="Document path, relative to the corpus.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Articles to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Articles most like a given one (more like this); exit 1 when there are none."""
    from nksearch.search.index import open_index

    try:
        ensure_index(corpus, index)
        with open_index(index) as idx:
            results = idx.similar(path, limit=limit)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        output.data(json.dumps(results.to_dict(), ensure_ascii=True))
    else:
        output.results(results)
    raise typer.Exit(code=int(ExitCode.OK if results.hits else ExitCode.NO_HITS))


@app.command()
def duplicates(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Groups of near-duplicate articles (the same story, copied or lightly edited)."""
    from nksearch.search.index import open_index

    try:
        ensure_index(corpus, index)
        with open_index(index) as idx:
            groups = idx.duplicates()
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        output.data(json.dumps({"groups": groups}, ensure_ascii=True))
        return
    for number, group in enumerate(groups, 1):
        output.data(f"{number:>3}. " + f"\n{'':5}".join(output.safe(p) for p in group))
    articles = sum(len(g) for g in groups)
    sys.stderr.write(f"{len(groups)} group(s) of near duplicates, {articles} articles\n")


@app.command()
def timeline(
    text: Annotated[str, typer.Argument(help="What to search for (see README: query syntax).")],
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    since: Annotated[str | None, typer.Option(help="Only articles on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles on/before YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Coverage over time: every matching article counted by period, as a bar chart."""
    from nksearch.search.index import open_index

    try:
        ensure_index(corpus, index)
        with open_index(index) as idx:
            found = idx.timeline(text, by=by, since=since, until=until, source=source)
    except NksearchError as exc:
        fail(exc, corpus, index)
    if as_json:
        output.data(json.dumps(found.to_dict(), ensure_ascii=True))
    else:
        chart(found)
    total = sum(n for _p, n in found.buckets) + found.undated
    raise typer.Exit(code=int(ExitCode.OK if total else ExitCode.NO_HITS))


def chart(found: Timeline) -> None:
    """A horizontal bar per period on stdout (coloured only on a terminal)."""
    on = output.colour_on(sys.stdout)
    peak = max((n for _p, n in found.buckets), default=0)
    width = max((len(p) for p, _n in found.buckets), default=0)
    for period, count in found.buckets:
        size = round(count / peak * BAR_WIDTH) if peak else 0
        bar = "█" * size if size or not count else "▏"
        painted = f"{output.CYAN}{bar}{output.RESET}" if on and bar else bar
        output.data(f"{period:<{width}} {painted} {count}".rstrip())
    total = sum(n for _p, n in found.buckets)
    dated = f"{total} dated article{'s' if total != 1 else ''}"
    sys.stderr.write(f"{dated}, {found.undated} undated\n")


def print_facets(facets: Facets) -> None:
    """The facets after the hits, one block per kind (on stdout: they are data)."""
    for kind in FACET_KINDS:
        values = getattr(facets, kind)
        shown = ", ".join(f"{output.safe(name)} {count}" for name, count in values) or "-"
        output.data(f"{_FACET_TITLES[kind]}: {shown}")
