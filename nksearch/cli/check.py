"""``nksearch check``: verify every file of an index, and compare it with the corpus.

Prints what :func:`nksearch.check` found (stdout: one JSON object with
``--json``), then exits 0 when the index is sound and 3 when it is damaged,
with one line on stderr naming the fix. Files that changed in the corpus
since the last sync are reported, not counted as damage.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from nksearch.cli import output
from nksearch.cli.common import CorpusOpt, IndexOpt, app, fail
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, folder_flags
from nksearch.errors import DamagedIndex, Fix, IndexProblem, NksearchError

#: How many paths of each kind the text report lists.
SHOWN = 10


@app.command()
def check(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Verify the index file by file (exit 3 if damaged) and compare it with the corpus."""
    import nksearch

    try:
        report = nksearch.check(index, corpus)
    except NksearchError as exc:
        fail(exc, corpus, index)
    flags = folder_flags(corpus, index)
    if as_json:
        output.data(json.dumps(_as_dict(report, flags), ensure_ascii=True))
    else:
        _print(report, flags)
    if report.damage:
        if any(item.fix is Fix.REBUILD for item in report.damage):
            files = _count(len(report.damage), "file")
            fail(
                DamagedIndex(f"index {str(index)!r} is damaged ({files})", fix=Fix.REBUILD),
                corpus,
                index,
            )
        fail(
            IndexProblem(
                f"index {str(index)!r} is out of step with its files: run 'nksearch index{flags}'"
            )
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _fix(fix: Fix, flags: str) -> str:
    return f"nksearch index --rebuild{flags}" if fix is Fix.REBUILD else f"nksearch index{flags}"


def _as_dict(report: Any, flags: str) -> dict[str, Any]:
    corpus = report.corpus
    return {
        "index": report.index,
        "sound": report.sound,
        "generation": report.generation,
        "toc": report.toc,
        "segments": report.segments,
        "documents": report.documents,
        "checksums": report.checksums,
        "damage": [
            {"file": item.file, "problem": item.problem, "fix": _fix(item.fix, flags)}
            for item in report.damage
        ],
        "notes": list(report.notes),
        "corpus": None
        if corpus is None
        else {
            "new": list(corpus.new),
            "changed": list(corpus.changed),
            "deleted": list(corpus.deleted),
            "skipped": [{"path": path, "reason": reason} for path, reason in corpus.skipped],
        },
    }


def _print(report: Any, flags: str) -> None:
    state = "sound" if report.sound else "damaged"
    output.data(output.safe(f"index {report.index}: {state}"))
    if report.toc:
        how = "checksums and structure" if report.checksums else "structure (no checksums kept)"
        output.data(
            output.safe(
                f"  {report.toc}: {_count(report.segments, 'segment')}, "
                f"{report.documents:,} documents; files checked by {how}"
            )
        )
    for item in report.damage:
        output.data(
            output.safe(f"  damaged: {item.file}: {item.problem}; run '{_fix(item.fix, flags)}'")
        )
    for note in report.notes:
        output.data(output.safe(f"  note: {note}"))
    corpus = report.corpus
    if corpus is None:
        return
    if corpus.in_sync:
        output.data("corpus: in step with the index")
    else:
        counts = (
            f"{len(corpus.new)} new, {len(corpus.changed)} changed, {len(corpus.deleted)} deleted"
        )
        output.data(f"corpus: {counts} since the last sync; run 'nksearch index{flags}'")
    for label, paths in (
        ("new", corpus.new),
        ("changed", corpus.changed),
        ("deleted", corpus.deleted),
    ):
        for path in paths[:SHOWN]:
            output.data(output.safe(f"  {label}: {path}"))
        if len(paths) > SHOWN:
            output.data(f"  … and {len(paths) - SHOWN:,} more {label}")
    for path, reason in corpus.skipped[:SHOWN]:
        output.data(output.safe(f"  skipped: {path}: {reason}"))
    if len(corpus.skipped) > SHOWN:
        output.data(f"  … and {len(corpus.skipped) - SHOWN:,} more skipped")
