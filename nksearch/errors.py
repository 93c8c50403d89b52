"""The one error hierarchy of nksearch.

Every error the core raises on purpose is an ``NksearchError`` whose message a
user can act on, and whose ``exit_code`` is the documented CLI exit code. This
module does not print anything; front ends decide how to show the message.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes of the ``nksearch`` command."""

    OK = 0
    NO_HITS = 1
    USAGE = 2
    INDEX = 3


class NksearchError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    exit_code: ExitCode = ExitCode.INDEX


class UsageError(NksearchError):
    """Bad arguments: a malformed date, an unknown sort order, a bad path."""

    exit_code = ExitCode.USAGE


class QuerySyntaxError(UsageError):
    """A query that cannot be parsed."""


class CorpusError(NksearchError):
    """The corpus directory is missing, unreadable or not a directory."""


class IndexProblem(NksearchError):
    """The index is missing, damaged, of another schema, or not writable."""


def damaged_index(index_dir: object, exc: BaseException) -> IndexProblem:
    """The error for an index whose files cannot be read (``exc`` says how)."""
    return IndexProblem(
        f"index {str(index_dir)!r} is damaged ({type(exc).__name__});"
        " run 'nksearch index --rebuild'"
    )


class IndexBusyError(IndexProblem):
    """Another process holds the index writer lock."""


class DocumentNotFound(UsageError):
    """A path that is not a document of the corpus."""


class PathOutsideCorpus(UsageError):
    """A path that resolves outside the corpus directory."""
