"""The one error hierarchy of nksearch.

Every error the core raises on purpose is an :class:`NksearchError` that says
what is wrong in plain words, which path it concerns and what fixes it, as
structured fields. It names no command-line flag and carries no exit code:
the parameters it mentions are :class:`Option` parts, written ``since`` by
``str(error)`` and ``--since`` by the CLI, and the remedy is a :class:`Fix`
that each front end words its own way (the CLI as a command that works as
pasted). This module prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


@dataclass(frozen=True)
class Option:
    """A parameter named inside an error message (``since``, ``sort``, ``index``)."""

    name: str


class Fix(Enum):
    """What the user can do about an error."""

    REBUILD = "rebuild the index"
    SYNC = "sync the index with the corpus"
    OTHER_INDEX = "choose another index folder"
    OTHER_CORPUS = "create the corpus folder or choose another"
    WAIT = "try again when the other update has finished"
    OVERWRITE = "rename the file or allow overwriting"
    QUERY_SYNTAX = "check quotes, brackets and operators"
    LIST_DOCUMENTS = "search to see the documents' paths"
    FREE_SPACE = "free some space or choose another index folder"


Part = str | Option


class NksearchError(Exception):
    """A problem the user can fix.

    Attributes:
        parts: The message: text and the :class:`Option` s it mentions.
        path: The file or folder concerned, if any.
        fix: What fixes it, if anything does.
    """

    def __init__(
        self, *parts: Part, path: str | Path | None = None, fix: Fix | None = None
    ) -> None:
        self.parts = parts
        self.path = str(path) if path is not None else None
        self.fix = fix
        super().__init__(self.describe())

    def describe(self, option: Callable[[str], str] = str) -> str:
        """The message, each option written by ``option(name)``."""
        return "".join(option(p.name) if isinstance(p, Option) else p for p in self.parts)


class UsageError(NksearchError):
    """Bad arguments: a malformed date, an unknown sort order, a bad path."""


class QuerySyntaxError(UsageError):
    """A query that cannot be parsed."""


class CorpusError(NksearchError):
    """The corpus directory is missing, unreadable or not a directory."""


class IndexProblem(NksearchError):
    """The index is missing, damaged, of another schema, or not writable."""


class IndexMissing(IndexProblem):
    """There is no index in the folder yet."""


class DamagedIndex(IndexProblem):
    """Index files that cannot be read."""


def damaged_index(index_dir: object, exc: BaseException) -> DamagedIndex:
    """The error for an index whose files cannot be read (``exc`` says how)."""
    return DamagedIndex(
        f"index {str(index_dir)!r} is damaged ({type(exc).__name__})",
        path=str(index_dir),
        fix=Fix.REBUILD,
    )


class IndexBusyError(IndexProblem):
    """Another process holds the index writer lock."""


class DocumentNotFound(UsageError):
    """A path that is not a document of the corpus."""


class PathOutsideCorpus(UsageError):
    """A path that resolves outside the corpus directory."""
