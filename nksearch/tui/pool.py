"""A few open ``Index`` objects of one index folder, each lent to one thread at a time.

A Whoosh searcher must not be used by two threads at once, so every index
call borrows an ``Index`` for its whole duration. Keeping more than one lets
a new search run while an older, slow one (a spelling suggestion over a big
index can take seconds) is still finishing in another thread; the second
``Index`` is opened only when two calls actually overlap. ``reset`` reopens
after a rebuild; indexes lent out at that moment are closed when returned.

This module imports neither Textual nor Rich and knows nothing of searching.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nksearch
from nksearch.errors import IndexProblem


class IndexPool:
    """Up to ``size`` open indexes of ``path``, lent one thread at a time."""

    def __init__(self, path: Path, size: int = 2) -> None:
        self.path = path
        self.size = max(1, size)
        self._cond = threading.Condition()
        self._free: list[nksearch.Index] = []
        self._count = 0  # indexes of this generation, free or lent
        self._generation = 0
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def reset(self) -> int:
        """(Re)open the index; returns its document count.

        Raises:
            IndexProblem: there is no usable index in ``path``.
        """
        index = nksearch.open_index(self.path)
        documents = index.document_count
        with self._cond:
            self._retire()
            self._free.append(index)
            self._count = 1
            self._open = True
        return documents

    def close(self) -> None:
        with self._cond:
            self._retire()
            self._open = False

    def _retire(self) -> None:
        for index in self._free:
            index.close()
        self._free.clear()
        self._count = 0
        self._generation += 1
        self._cond.notify_all()

    @contextmanager
    def borrow(self) -> Iterator[nksearch.Index]:
        """An open index for this thread alone, until the ``with`` block ends.

        Raises:
            IndexProblem: the pool is not open.
        """
        index: nksearch.Index | None = None
        with self._cond:
            while True:
                if not self._open:
                    raise IndexProblem(f"the index in {str(self.path)!r} is not open yet")
                generation = self._generation
                if self._free:
                    index = self._free.pop()
                    break
                if self._count < self.size:
                    self._count += 1
                    break
                self._cond.wait()
        if index is None:
            try:
                index = nksearch.open_index(self.path)
            except BaseException:
                with self._cond:
                    if generation == self._generation:
                        self._count -= 1
                    self._cond.notify()
                raise
        try:
            yield index
        finally:
            with self._cond:
                if generation == self._generation and self._open:
                    self._free.append(index)
                else:
                    index.close()
                self._cond.notify()
