"""``nksearch init`` and the default folders it keeps in a configuration file.

When neither a flag nor ``NKSEARCH_CORPUS``/``NKSEARCH_INDEX`` names a
folder, every command takes it from ``$XDG_CONFIG_HOME/nksearch/config.toml``
(see :mod:`nksearch.workflow.config`), and without that file from
``./seeds`` and ``./index`` as before. The values reach each command as
Click's ``default_map``, which ranks below the command line and the
environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from nksearch.cli import output
from nksearch.cli.common import app, fail
from nksearch.cli.errors import DEFAULT_CORPUS, DEFAULT_INDEX
from nksearch.errors import NksearchError


def _defaults_for(command: Any, folders: dict[str, str]) -> dict[str, Any]:
    """The default map of ``command`` and its subcommands for the configured folders."""
    found: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            found[name] = _defaults_for(sub, folders)
        else:
            params = {param.name for param in sub.params}
            found[name] = {key: value for key, value in folders.items() if key in params}
    return found


def apply_config(ctx: typer.Context) -> tuple[Path, Path]:
    """Make the configured folders every command's defaults; the folders the UI opens.

    A configuration file that cannot be read is reported (exit code 2).
    """
    from nksearch.workflow.config import read_config

    try:
        folders = read_config()
    except NksearchError as exc:
        fail(exc)
    if folders:
        values = {key: str(path) for key, path in folders.items()}
        ctx.default_map = {**(ctx.default_map or {}), **_defaults_for(ctx.command, values)}
    return folders.get("corpus", DEFAULT_CORPUS), folders.get("index", DEFAULT_INDEX)


@app.command()
def init(
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Folder of article files.")
    ] = DEFAULT_CORPUS,
    index: Annotated[
        Path, typer.Option("--index", help="Folder holding the index.")
    ] = DEFAULT_INDEX,
) -> None:
    """Remember the corpus and index folders for every later command (a config file)."""
    from nksearch.workflow.config import write_config

    try:
        written = write_config(corpus, index)
    except NksearchError as exc:
        fail(exc, corpus, index)
    output.note(f"wrote {written}: corpus {corpus.resolve()}, index {index.resolve()}")
    if not corpus.is_dir():
        output.warn(f"the corpus folder {str(corpus)!r} does not exist yet")
    else:
        output.note("build or update the index with 'nksearch index'")
