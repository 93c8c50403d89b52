"""Running a piece of a test as a user without root's rights, for permission tests."""

from __future__ import annotations

import os
from collections.abc import Callable


def as_nobody(action: Callable[[], object]) -> str:
    """``repr(action())`` as computed by a user without root's right to read anything.

    As root (always, in CI), a forked child drops to ``nobody`` first; the
    code it runs is already loaded, so it needs no access to the interpreter.
    """
    if os.geteuid() != 0:
        return repr(action())
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, act, report, leave at once
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(write, repr(action()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        said = answer.read().decode()
    os.waitpid(pid, 0)
    return said
