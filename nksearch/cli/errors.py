"""Exit codes, and core errors worded for the command line.

The core's errors say what is wrong and carry a :class:`~nksearch.errors.Fix`;
here they become one line naming the flags and a command that works as
pasted, with the folders the user gave (``nksearch index --rebuild --index
/their/index``), and an exit code:

====  =========================================
0     success (for ``query``: at least one hit)
1     ``query`` found nothing
2     bad usage or query syntax
3     corpus or index problem
====  =========================================
"""

from __future__ import annotations

import shlex
from enum import IntEnum
from pathlib import Path

from nksearch.errors import Fix, NksearchError, UsageError

DEFAULT_CORPUS = Path("seeds")
DEFAULT_INDEX = Path("index")


class ExitCode(IntEnum):
    """Documented process exit codes of the ``nksearch`` command."""

    OK = 0
    NO_HITS = 1
    USAGE = 2
    INDEX = 3


def exit_code(exc: NksearchError) -> ExitCode:
    return ExitCode.USAGE if isinstance(exc, UsageError) else ExitCode.INDEX


def folder_flags(corpus: Path | None, index: Path | None) -> str:
    """`` --index DIR --corpus DIR`` for the folders that are not the defaults."""
    flags = ""
    if index is not None and index != DEFAULT_INDEX:
        flags += f" --index {shlex.quote(str(index))}"
    if corpus is not None and corpus != DEFAULT_CORPUS:
        flags += f" --corpus {shlex.quote(str(corpus))}"
    return flags


def _hint(fix: Fix, flags: str) -> str:
    return {
        Fix.REBUILD: f"run 'nksearch index --rebuild{flags}'",
        Fix.SYNC: f"run 'nksearch index{flags}' to build it",
        Fix.OTHER_INDEX: "pass --index DIR",
        Fix.OTHER_CORPUS: "create it or pass --corpus DIR",
        Fix.WAIT: "try again when it has finished",
        Fix.OVERWRITE: "rename the file or pass --overwrite",
        Fix.QUERY_SYNTAX: "check quotes, brackets and operators",
        Fix.LIST_DOCUMENTS: f"see 'nksearch query{flags} TEXT' for paths",
        Fix.FREE_SPACE: "free some space or pass --index DIR",
    }[fix]


def word(exc: NksearchError, *, corpus: Path | None = None, index: Path | None = None) -> str:
    """``exc`` as one line for the terminal, options written as flags."""
    text = exc.describe(lambda name: f"--{name}")
    if exc.fix is None:
        return text
    return f"{text}; {_hint(exc.fix, folder_flags(corpus, index))}"
