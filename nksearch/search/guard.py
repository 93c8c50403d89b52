"""Index calls that survive a concurrent rebuild and report damage in one way.

:func:`guarded` wraps a method of an open index: when a rebuild replaced the
generation the index has open, it reopens it and retries the call once;
anything else a truncated or garbled file raises inside Whoosh becomes the
one damaged-index error, naming the cure. Nothing here reads the index.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from nksearch.errors import NksearchError, damaged_index

T = TypeVar("T")


class Reopenable(Protocol):
    """An open index that can tell whether a rebuild moved it on, and reopen."""

    path: Any

    def _generation_changed(self) -> bool: ...

    def _open(self) -> None: ...


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """Report unreadable index files as damage, after one retry.

    A rebuild can replace the generation this index has open; when the
    current generation changed, the index is reopened and the call retried.
    """

    @functools.wraps(method)
    def call(self: Reopenable, *args: Any, **kwargs: Any) -> T:
        retried = False
        while True:
            try:
                return method(self, *args, **kwargs)
            except NksearchError:
                raise
            except Exception as exc:  # damaged files raise many types inside Whoosh
                if retried or not self._generation_changed():
                    raise damaged_index(self.path, exc) from exc
                retried = True
                self._open()

    return call
