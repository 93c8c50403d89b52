"""A power-loss simulator for tests: what would be on disk if power failed now?

:class:`Disk` watches a folder through a shim over the file layer
(``os.fsync``, ``os.rename``, ``os.replace``, ``os.unlink``, ``os.remove``,
``os.rmdir``, patched for the length of a ``with``) and keeps what a file
system promises to keep after a power loss, in the model crash-consistency
tools such as ALICE and LazyFS use:

- a file's bytes are safe as they were at its last ``fsync``; bytes written
  since are lost (a file never synced comes back empty);
- a folder's entries (files created, renamed, removed) are safe as they
  were at the folder's last ``fsync``.

Everything in the folder when watching starts counts as safe. After every
``fsync`` the safe state changes, so each one is a moment a power loss can
leave behind; :meth:`Disk.images` writes each such state to a folder of its
own, for the test to open.

Files are told apart by inode; an inode freed by a removal or a rename over
it counts as a new file when it is used again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class Disk:
    """The safe state of a folder tree, updated as its files are synced."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._next = 0
        self._live: dict[int, int] = {}  # inode -> file identity
        self._kinds: dict[int, bool] = {}  # identity -> is a folder
        self._bytes: dict[int, bytes] = {}  # identity -> bytes as last synced
        self._entries: dict[int, dict[str, int]] = {}  # folder identity -> entries as synced
        self._states: list[tuple[str, bytes]] = []  # (what was synced, safe state)
        self.events: list[tuple[str, ...]] = []  # ("fsync", path), ("rename", src, dst), ...
        self._root = self._take(root)
        self._states.append(("start", self._freeze()))

    # -- identities and the safe state --------------------------------------------------

    def _identity(self, inode: int, folder: bool) -> int:
        found = self._live.get(inode)
        if found is None:
            found = self._live[inode] = self._next
            self._kinds[found] = folder
            self._next += 1
        return found

    def _take(self, path: Path) -> int:
        """Count everything under ``path`` as safe (the starting state)."""
        info = path.lstat()
        folder = stat.S_ISDIR(info.st_mode)
        identity = self._identity(info.st_ino, folder)
        if folder:
            self._entries[identity] = {child.name: self._take(child) for child in path.iterdir()}
        else:
            self._bytes[identity] = path.read_bytes()
        return identity

    def _synced(self, fd: int) -> None:
        info = os.fstat(fd)
        path = os.readlink(f"/proc/self/fd/{fd}")
        if not path.startswith(str(self.root)):
            return
        self.events.append(("fsync", path))
        if stat.S_ISDIR(info.st_mode):
            identity = self._identity(info.st_ino, True)
            entries = {}
            for name in os.listdir(path):
                child = os.lstat(os.path.join(path, name))
                entries[name] = self._identity(child.st_ino, stat.S_ISDIR(child.st_mode))
            self._entries[identity] = entries
        else:
            identity = self._identity(info.st_ino, False)
            with open(f"/proc/self/fd/{fd}", "rb") as handle:
                self._bytes[identity] = handle.read()
        self._states.append((path, self._freeze()))

    def _freeze(self) -> bytes:
        """The safe state as one value (tree walked from the root)."""
        parts: list[bytes] = []

        def walk(identity: int, prefix: str) -> None:
            for name, child in sorted(self._entries.get(identity, {}).items()):
                if self._kinds[child]:
                    parts.append(f"D {prefix}{name}\n".encode())
                    walk(child, f"{prefix}{name}/")
                else:
                    data = self._bytes.get(child, b"")
                    parts.append(f"F {prefix}{name} {len(data)}\n".encode() + data)

        walk(self._root, "")
        return b"".join(parts)

    def _gone(self, path: Any, dir_fd: int | None = None) -> None:
        """An entry is about to be removed or renamed over: its inode may be reused."""
        with contextlib.suppress(OSError):
            info = os.lstat(path, dir_fd=dir_fd) if dir_fd is not None else os.lstat(path)
            self._live.pop(info.st_ino, None)

    # -- the shim ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def watching(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
        real = {
            name: getattr(os, name)
            for name in ("fsync", "rename", "replace", "unlink", "remove", "rmdir")
        }

        def fsync(fd: int) -> None:
            real["fsync"](fd)
            self._synced(fd)

        def moving(name: str) -> Any:
            def move(src: Any, dst: Any, *, src_dir_fd: Any = None, dst_dir_fd: Any = None) -> None:
                self._gone(dst, dst_dir_fd)
                self.events.append((name, os.fspath(src), os.fspath(dst)))
                real[name](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

            return move

        def removing(name: str) -> Any:
            def remove(path: Any, *, dir_fd: Any = None) -> None:
                self._gone(path, dir_fd)
                real[name](path, dir_fd=dir_fd)

            return remove

        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", fsync)
            for name in ("rename", "replace"):
                patch.setattr(os, name, moving(name))
            for name in ("unlink", "remove", "rmdir"):
                patch.setattr(os, name, removing(name))
            yield self

    # -- what a power loss leaves --------------------------------------------------------

    def images(self, target: Path) -> list[tuple[str, Path]]:
        """Each distinct safe state, written to a folder under ``target``: (last sync, folder)."""
        made: list[tuple[str, Path]] = []
        seen: set[str] = set()
        for number, (what, state) in enumerate(self._states):
            digest = hashlib.sha256(state).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            folder = target / f"after-{number:03d}"
            _write_state(state, folder)
            made.append((what, folder))
        return made


def _write_state(state: bytes, folder: Path) -> None:
    folder.mkdir(parents=True)
    pos = 0
    while pos < len(state):
        end = state.index(b"\n", pos)
        kind, rest = state[pos:end].decode().split(" ", 1)
        pos = end + 1
        if kind == "D":
            (folder / rest).mkdir()
            continue
        name, size = rest.rsplit(" ", 1)
        (folder / name).write_bytes(state[pos : pos + int(size)])
        pos += int(size)
