"""The ``nksearch`` command, a thin front end over the Python API.

- ``commands``: the Typer app and its commands;
- ``errors``: exit codes, and core errors worded with the user's flags;
- ``group``: Click's usage errors as one line;
- ``output``: results, documents and notes on the terminal, escape-free;
- ``export``, ``batch``, ``workflow``, ``watch``, ``setup``: output formats,
  batch files, marks, saved searches and history, watching, ``init`` and
  the configuration file's defaults;
- ``main``: the console entry point.

Nothing here searches or indexes: every command calls ``nksearch``'s API.
"""

from __future__ import annotations

from typing import Any


def main() -> None:
    """Console-script entry point (see :mod:`nksearch.cli.main`)."""
    from nksearch.cli.main import main as _main

    _main()


def __getattr__(name: str) -> Any:
    if name == "app":
        from nksearch.cli.commands import app

        return app
    raise AttributeError(name)
