"""The on-disk layout of an index directory, its lock and its side files.

::

    index/
      CURRENT.json   which generation answers queries, its version, last sync
      write.lock     held (flock) by the one process that may write
      stems.cache    persisted word -> stem cache (marshal, framed: see framed())
      skipped.json   files that could not be indexed, with their stamps
      g-<id>/        one Whoosh index: a generation, with recurring-<n>.state,
                     the paths, stamps, fingerprints and boilerplate of its
                     table of contents number n, whole or as its changes
                     since a whole one kept beside it (see recurring)

A rebuild writes a new generation beside the current one and then replaces
``CURRENT.json`` atomically, so a crash at any moment leaves the old index
answering. Incremental syncs commit into the current generation through
Whoosh's own atomic table-of-contents write. This module does not analyse or
search; it only owns files.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import marshal
import os
import re
import shutil
import struct
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nksearch.errors import Fix, IndexBusyError, IndexProblem, damaged_index

META = "CURRENT.json"
LOCK = "write.lock"
STEMS = "stems.cache"
SKIPPED = "skipped.json"
GEN_PREFIX = "g-"
#: The stem cache: this header, then (framed) the key it was made with and
#: the marshalled table of words to stems.
STEMS_MAGIC = b"nksearch stem cache, keyed 2\n"
_KEY_LENGTH = struct.Struct("<I")


@dataclass(frozen=True)
class Meta:
    """The contents of ``CURRENT.json``."""

    generation: str
    version: str
    corpus: str
    last_sync: str
    documents: int
    #: The table of contents the sync left: its number, size and CRC-32 (see
    #: :func:`toc_sum`); None in a file written by an older nksearch.
    toc: tuple[int, int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        if self.toc is None:
            del data["toc"]
        else:
            data["toc"] = list(self.toc)
        return data


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def sync_directory(path: Path) -> None:
    """Flush a folder's entries (files created, renamed, removed) to disk."""
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: written, synced, renamed, folder synced."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    sync_directory(path.parent)


_FRAME = struct.Struct("<IQ")  # CRC-32 and length of the payload
FRAME_SIZE = _FRAME.size


def framed(magic: bytes, payload: bytes) -> bytes:
    """``payload`` behind a header: ``magic``, its CRC-32 and its length."""
    return magic + _FRAME.pack(zlib.crc32(payload), len(payload)) + payload


def framed_length(magic: bytes, data: bytes) -> int | None:
    """The payload length the header of :func:`framed` data records, or None."""
    if len(data) < len(magic) + _FRAME.size or not data.startswith(magic):
        return None
    return int(_FRAME.unpack_from(data, len(magic))[1])


def unframed(magic: bytes, data: bytes) -> bytes | None:
    """The payload of :func:`framed` data, or None when any of it is not right."""
    start = len(magic) + _FRAME.size
    if len(data) < start or not data.startswith(magic):
        return None
    crc, size = _FRAME.unpack_from(data, len(magic))
    payload = data[start:]
    if len(payload) != size or zlib.crc32(payload) != crc:
        return None
    return payload


def read_meta(index_dir: Path) -> Meta | None:
    """The current generation's metadata, or None when there is no index."""
    path = index_dir / META
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexProblem(
            f"cannot read index {str(index_dir)!r}: {exc.strerror}", path=index_dir
        ) from exc
    try:
        data = json.loads(raw)
        return Meta(
            generation=str(data["generation"]),
            version=str(data["version"]),
            corpus=str(data["corpus"]),
            last_sync=str(data["last_sync"]),
            documents=int(data["documents"]),
            toc=_toc_of(data.get("toc")),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise damaged_index(index_dir, exc) from exc


def _toc_of(value: Any) -> tuple[int, int, int] | None:
    if isinstance(value, list) and len(value) == 3 and all(type(n) is int for n in value):
        return (value[0], value[1], value[2])
    return None


def write_meta(index_dir: Path, meta: Meta) -> None:
    _write_atomic(index_dir / META, json.dumps(meta.to_json(), indent=1).encode())


def new_generation(index_dir: Path) -> Path:
    name = f"{GEN_PREFIX}{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    path = index_dir / name
    path.mkdir()
    sync_directory(index_dir)  # the folder exists before CURRENT.json can name it
    return path


def remove_other_generations(index_dir: Path, keep: str) -> None:
    """Delete generations other than ``keep`` (old ones and crashed rebuilds)."""
    for child in index_dir.iterdir():
        if child.name.startswith(GEN_PREFIX) and child.name != keep and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)


def ensure_dir(index_dir: Path) -> None:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexProblem(
            f"cannot create index directory {str(index_dir)!r}: {exc.strerror}",
            path=index_dir,
            fix=Fix.OTHER_INDEX,
        ) from exc
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise IndexProblem(
            f"index directory {str(index_dir)!r} is not writable",
            path=index_dir,
            fix=Fix.OTHER_INDEX,
        )


_HELD: set[int] = set()  # descriptors of the writer locks this process holds


def _drop_inherited_locks() -> None:
    # A forked worker shares its parent's lock; were it to outlive a parent
    # killed with SIGKILL, it would keep the index locked. Only the parent
    # holds it.
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)


@contextlib.contextmanager
def write_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's writer lock, waiting up to ``timeout`` seconds.

    The lock is an ``flock`` on ``write.lock``: the kernel releases it when the
    holder dies, so a killed sync never leaves the index locked. Processes
    forked while it is held do not keep it.
    """
    try:
        fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexProblem(
            f"cannot lock index {str(index_dir)!r}: {exc.strerror}",
            path=index_dir,
            fix=Fix.OTHER_INDEX,
        ) from exc
    _HELD.add(fd)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise IndexProblem(
                        f"cannot lock index {str(index_dir)!r}: {exc.strerror}", path=index_dir
                    ) from exc
                if time.monotonic() >= deadline:
                    raise IndexBusyError(
                        f"index {str(index_dir)!r} is busy: another nksearch is updating it",
                        path=index_dir,
                        fix=Fix.WAIT,
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)


_TOC = re.compile(r"_MAIN_(\d+)\.toc")


def latest_toc(gen_dir: Path) -> int | None:
    """The number of a generation's newest Whoosh table of contents, or None.

    What Whoosh itself opens (the highest ``_MAIN_<n>.toc``), found without
    loading Whoosh.
    """
    try:
        names = os.listdir(gen_dir)
    except OSError:
        return None
    found = [int(m.group(1)) for m in map(_TOC.fullmatch, names) if m]
    return max(found) if found else None


def toc_sum(gen_dir: Path) -> tuple[int, int, int] | None:
    """``(number, size, CRC-32)`` of a generation's newest table of contents, or None.

    Recorded in ``CURRENT.json`` after each sync, so the next sync can tell,
    without loading Whoosh, that the table of contents is the one it left.
    """
    number = latest_toc(gen_dir)
    if number is None:
        return None
    try:
        data = (gen_dir / f"_MAIN_{number}.toc").read_bytes()
    except OSError:
        return None
    return number, len(data), zlib.crc32(data)


def _stem_table(index_dir: Path, key: str) -> memoryview | None:
    """The stem cache's marshalled table when the file is whole and made with ``key``."""
    try:
        payload = unframed(STEMS_MAGIC, (index_dir / STEMS).read_bytes())
    except OSError:
        return None
    wanted = key.encode("utf-8")
    start = _KEY_LENGTH.size + len(wanted)
    if payload is None or len(payload) < start:
        return None
    (length,) = _KEY_LENGTH.unpack_from(payload)
    if length != len(wanted) or payload[_KEY_LENGTH.size : start] != wanted:
        return None
    return memoryview(payload)[start:]


def stems_whole(index_dir: Path, key: str) -> bool:
    """Whether the stem cache is whole and made with ``key``, its table not read."""
    return _stem_table(index_dir, key) is not None


def load_stems(index_dir: Path, key: str) -> dict[str, str]:
    """The persisted stem cache if it is whole and made with the same rules, else {}.

    Its table is unmarshalled only when its header, checksum and key are
    right (see :func:`framed`), and used only when it maps words to words.
    """
    table = _stem_table(index_dir, key)
    try:
        stems = None if table is None else marshal.loads(table)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(stems, dict) or not stems:
        return {}
    if set(map(type, stems)) != {str} or set(map(type, stems.values())) != {str}:
        return {}
    return stems


def save_stems(index_dir: Path, key: str, stems: dict[str, str]) -> None:
    wanted = key.encode("utf-8")
    payload = _KEY_LENGTH.pack(len(wanted)) + wanted + marshal.dumps(stems)
    _write_atomic(index_dir / STEMS, framed(STEMS_MAGIC, payload))


def load_skipped(index_dir: Path) -> dict[str, list[str]]:
    """``{path: [stamp, reason]}`` of files a previous sync could not index."""
    try:
        data = json.loads((index_dir / SKIPPED).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_skipped(index_dir: Path, skipped: dict[str, list[str]]) -> None:
    _write_atomic(index_dir / SKIPPED, json.dumps(skipped, ensure_ascii=False).encode())


def directory_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(root, name))
    return total
