"""``nksearch watch``: keep the index in sync while files are added, changed or deleted.

One line on stderr per sync; Ctrl-C stops it with exit code 0. While it runs,
``nksearch query`` does not look for changed files itself (see
:func:`nksearch.workflow.watch.watching`).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from nksearch.cli import output
from nksearch.cli.common import CorpusOpt, IndexOpt, app, fail, report_skipped
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX, word
from nksearch.errors import NksearchError


@app.command()
def watch(
    poll: Annotated[
        bool, typer.Option("--poll", help="Poll the corpus instead of waiting for events.")
    ] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Keep the index in sync with the corpus until Ctrl-C."""
    import nksearch

    polling_said = poll

    def said(event: Any) -> None:
        nonlocal polling_said
        if event.polling and not polling_said:
            output.note("file-system events are not available here: polling the corpus")
            polling_said = True
        if event.error is not None:
            output.warn(f"sync failed: {word(event.error, corpus=corpus, index=index)}")
            return
        report_skipped(event.report)
        changes = f"{event.changes} change{'s' if event.changes != 1 else ''}; "
        output.note(("" if event.changes == 0 else changes) + output.sync_summary(event.report))

    output.note(f"watching {str(corpus)!r} (Ctrl-C to stop)")
    try:
        nksearch.watch(corpus, index, said, polling=poll)
    except NksearchError as exc:
        fail(exc, corpus, index)
    except KeyboardInterrupt:
        output.note("stopped watching")
    raise typer.Exit(code=0)
