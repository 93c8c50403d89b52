"""Typer's command group, with Click's own usage errors as one line each.

Typer makes a Click command of every command before it runs one; a
command line that starts with a command's name (``nksearch query …``) only
needs that one (:func:`only_invoked`), which saves a one-shot command the
making of the others.

Click prints a usage error (an unknown option, a missing argument) as a
usage block, a hint and the error. :class:`Commands` turns Click's printing
off and reports one line naming the help to read, with exit code 2 (never 1,
which means "no hits").
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_name

from nksearch.cli import output
from nksearch.cli.errors import ExitCode

try:  # recent Typer releases bundle their own copy of Click
    from typer._click.exceptions import ClickException, NoSuchOption
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - older Typer with Click installed
    from click.exceptions import ClickException, NoSuchOption  # type: ignore[no-redef,assignment]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[no-redef,assignment]


class Commands(TyperGroup):  # type: ignore[misc]
    """The ``nksearch`` command group: Click's errors as one line, exit code 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickUsageError as exc:
            words = list(args) if args is not None else sys.argv[1:]
            output.error(usage_message(exc, self._command_named(words)))
            code = int(ExitCode.USAGE)
        except ClickException as exc:
            output.error(exc.format_message())
            code = int(ExitCode.USAGE)
        except typer.Abort:
            output.error("interrupted")
            code = 130
        code = code if isinstance(code, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)

    def _command_named(self, words: list[str]) -> str | None:
        """The subcommand a command line names (its first word), if any."""
        first = next((w for w in words if not w.startswith("-")), None)
        return first if first in self.commands else None


def usage_message(exc: Any, command: str | None) -> str:
    """Click's message as one line, with where to read more.

    Some parser errors (an option missing its value) carry no context; the
    subcommand is then the one the command line names.
    """
    message = exc.format_message().rstrip(".")
    message = message[:1].lower() + message[1:]
    if exc.ctx is not None:
        command = exc.ctx.command.name if exc.ctx.parent is not None else None
    if isinstance(exc, NoSuchOption) and command == "query" and not exc.possibilities:
        message += "; to search for text starting with '-', put '--' before the text"
    path = f"nksearch {command}" if command else "nksearch"
    return f"{message}; see '{path} --help'"


def only_invoked(app: typer.Typer, words: Sequence[str]) -> typer.Typer:
    """``app`` with only the command ``words`` start with, if they start with one.

    Anything else (no words, an option first, a group's name, a word that
    names no command) gets the whole app, so help lists every command and a
    misspelt command gets Click's suggestions.
    """
    first = words[0] if words else ""
    named = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == first
    ]
    if len(named) != 1:
        return app
    lean = copy.copy(app)
    lean.registered_commands = named
    lean.registered_groups = []
    return lean
