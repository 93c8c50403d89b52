"""The console entry point: streams that tolerate a reader leaving, one-line failures.

:func:`main` installs the Whoosh start-up stand-ins (for this process only;
see ``nksearch._whoosh.startup``), makes stdout and stderr go quiet when
their reader leaves (``nksearch query … | head``), and turns anything no
:class:`NksearchError` describes into one line with exit code 3.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from nksearch.cli import output
from nksearch.cli.errors import ExitCode


class _ReaderMayLeave:
    """An output stream that goes quiet once its reader has left.

    With ``nksearch query … | head`` (or ``2>&1 | head``) the command then
    finishes as usual and exits with its own code (0 with hits, 1 without);
    its remaining output goes nowhere.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._reader_left()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_left()

    def _reader_left(self) -> None:
        self._gone = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())  # what is still buffered goes nowhere
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    """Console-script entry point."""
    from nksearch._whoosh import startup

    startup.install()  # this process only: nothing else here uses those modules
    from nksearch.cli.commands import app
    from nksearch.cli.group import only_invoked

    # A stream closed from the start (`>&-`) has nobody reading it either.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = _ReaderMayLeave(sys.stdout)
    sys.stderr = _ReaderMayLeave(sys.stderr)
    try:
        try:
            only_invoked(app, sys.argv[1:])()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    except KeyboardInterrupt:
        output.error("interrupted")
        raise SystemExit(130) from None
    except Exception as exc:
        # A failure no NksearchError describes, most likely an index damaged
        # in a way Whoosh does not recognise: one line, and never exit code 1,
        # which would read as "no hits".
        output.error(
            f"unexpected {type(exc).__name__}: {exc}; if the index is damaged,"
            " 'nksearch index --rebuild' repairs it"
        )
        raise SystemExit(int(ExitCode.INDEX)) from None
