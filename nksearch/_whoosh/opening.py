"""Opening and creating Whoosh indexes that are read as data and written durably.

:func:`open_dir` and :func:`create_in` stand for Whoosh's functions of the
same names. The index they return reads its table of contents through the
restricted unpickler (``unpickle``): the schema may hold only the classes an
nksearch schema is made of, the segment list only Whoosh 3's segments, whose
readers read every other pickle as plain data (``safecodec``). Anything else
raises :class:`~nksearch._whoosh.unpickle.UnsafeIndexData` before any of it
is called.

Its storage syncs what it writes: each file created through it is flushed
to disk (``fsync``) before the next rename, which is how Whoosh makes a
table of contents visible, and the folder is synced after the rename; so
after a power loss the table of contents in use names only whole files.
Segment files written by other processes are handed over with
:meth:`DurableStorage.track` before their commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from whoosh.fields import Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import _CURRENT_TOC_VERSION, _DEF_INDEX_NAME, TOC, EmptyIndexError, FileIndex
from whoosh.system import _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

from nksearch._whoosh import unpickle
from nksearch._whoosh.safecodec import SafeCodec, SafeSegment
from nksearch._whoosh.unpickle import UnsafeIndexData


def sync_file(path: str) -> None:
    """Flush a file's data to disk (a file already gone needs nothing)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_directory(path: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (new, renamed and removed names) to disk."""
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def checksum(path: str) -> tuple[int, int]:
    """``(size, CRC-32)`` of a file, read in pieces."""
    crc = size = 0
    with open(path, "rb") as handle:
        while piece := handle.read(1 << 20):
            crc = zlib.crc32(piece, crc)
            size += len(piece)
    return size, crc


def sums_name(generation: int) -> str:
    """The file listing the size and CRC-32 of each file of a table of contents."""
    return f"{SUMS_PREFIX}{generation}{SUMS_SUFFIX}"


def read_sums(storage: Any, generation: int) -> dict[str, tuple[int, int]] | None:
    """The sizes and checksums recorded for table of contents ``generation``, if any."""
    try:
        with open(storage._fpath(sums_name(generation)), "rb") as handle:
            table = json.loads(handle.read())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UnsafeIndexData(f"the checksum list is unreadable ({type(exc).__name__})") from exc
    if not isinstance(table, dict) or not all(
        isinstance(name, str)
        and isinstance(row, list)
        and len(row) == 2
        and all(type(n) is int for n in row)
        for name, row in table.items()
    ):
        raise UnsafeIndexData("the checksum list is not a table of numbers")
    return {name: (row[0], row[1]) for name, row in table.items()}


class DurableStorage(FileStorage):  # type: ignore[misc]
    """A ``FileStorage`` that syncs the files it wrote before each rename.

    When the rename publishes a table of contents, the size and CRC-32 of
    every segment file it can name are written beside it first
    (:func:`sums_name`), for ``nksearch check``.
    """

    def __init__(self, path: str, readonly: bool = False) -> None:
        super().__init__(path, readonly=readonly)
        self._unsynced: set[str] = set()

    def create_file(self, name: str, **kwargs: Any) -> Any:
        handle = super().create_file(name, **kwargs)
        self._unsynced.add(name)
        return handle

    def track(self, names: Iterable[str]) -> None:
        """Sync these files (written by another process) before the next rename."""
        self._unsynced.update(names)

    def sync_files(self) -> None:
        """Flush every file written through this storage since the last rename."""
        for name in sorted(self._unsynced):
            sync_file(self._fpath(name))
        self._unsynced.clear()

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        toc = _TOC_NAME.fullmatch(newname)
        if toc:
            self._write_sums(int(toc.group(1)))
        self.sync_files()
        super().rename_file(oldname, newname, safe)
        sync_directory(self.folder)
        if toc:
            self._remove_sums(keep=int(toc.group(1)))

    def _write_sums(self, generation: int) -> None:
        names = self.list()
        previous: dict[str, tuple[int, int]] = {}
        for name in names:
            found = _SUMS_NAME.fullmatch(name)
            if found and int(found.group(1)) < generation:
                with contextlib.suppress(UnsafeIndexData):
                    previous = read_sums(self, int(found.group(1))) or previous
        present = set(names)
        table = {name: list(row) for name, row in previous.items() if name in present}
        for name in self._unsynced:
            if _SEGMENT_FILE.fullmatch(name) and name in present:
                table[name] = list(checksum(self._fpath(name)))
        handle = self.create_file(sums_name(generation))
        handle.write(json.dumps(table, sort_keys=True).encode())
        handle.close()

    def _remove_sums(self, keep: int) -> None:
        for name in self.list():
            found = _SUMS_NAME.fullmatch(name)
            if found and int(found.group(1)) != keep:
                with contextlib.suppress(OSError):
                    self.delete_file(name)


SUMS_PREFIX, SUMS_SUFFIX = "sums-", ".json"
_SUMS_NAME = re.compile(rf"{SUMS_PREFIX}(\d+){re.escape(SUMS_SUFFIX)}")
_TOC_NAME = re.compile(r"_[A-Za-z0-9]+_(\d+)\.toc")
#: A segment's file: ``<index>_<segment id>.<extension>`` (Whoosh's naming).
_SEGMENT_FILE = re.compile(r"[A-Za-z0-9]+_[0-9a-z]+\.[A-Za-z0-9_.]+")


def read_toc(storage: Any, indexname: str, schema: Any = None) -> Any:
    """Whoosh's ``TOC.read``, every class it unpickles checked against an allow-list."""
    gen = TOC._latest_generation(storage, indexname)
    if gen < 0:
        raise EmptyIndexError(f"Index {indexname!r} does not exist in {storage!r}")
    stream = storage.open_file(TOC._filename(indexname, gen))
    try:
        for size in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
            if stream.read_varint() != size:
                raise UnsafeIndexData("table of contents made on another architecture")
        if stream.read_int() != -12345:
            raise UnsafeIndexData("table of contents in another byte order")
        version = stream.read_int()
        release = (stream.read_varint(), stream.read_varint(), stream.read_varint())
        if version != _CURRENT_TOC_VERSION:
            raise UnsafeIndexData(f"table of contents of Whoosh format {version}")
        if schema:
            stream.skip_string()
        else:
            schema = unpickle.loads(stream.read_string(), unpickle.SCHEMA)
            if not isinstance(schema, Schema):
                raise UnsafeIndexData("the schema is not a schema")
        if stream.read_int() != gen:
            raise UnsafeIndexData("table of contents of another generation")
        stream.read_int()  # unused
        segments = unpickle.load(stream.file, unpickle.SEGMENTS)
    finally:
        stream.close()
    check_segments(segments)
    return TOC(schema, segments, gen, version=version, release=release)


def check_segments(segments: Any) -> None:
    """Refuse a segment list holding anything but plain Whoosh 3 segments."""
    if not isinstance(segments, list):
        raise UnsafeIndexData("the segment list is not a list")
    for segment in segments:
        if type(segment) is not SafeSegment or type(segment._codec) is not SafeCodec:
            raise UnsafeIndexData("a segment is not a Whoosh 3 segment")
        state = segment.__dict__
        if not (
            isinstance(state.get("indexname"), str)
            and isinstance(state.get("segid"), str)
            and state["segid"].isalnum()
            and type(state.get("_doccount")) is int
            and state["_doccount"] >= 0
            and state.get("compound", False) is False
        ):
            raise UnsafeIndexData("a segment's description is not right")
        deleted = state.get("_deleted")
        if deleted is not None and not (
            isinstance(deleted, set) and all(type(d) is int for d in deleted)
        ):
            raise UnsafeIndexData("a segment's deleted documents are not numbers")
        lengths = state.get("_fieldlengths", {})
        if not (
            type(lengths) in (dict, defaultdict)
            and getattr(lengths, "default_factory", int) is int
            and all(isinstance(k, str) and type(v) is int for k, v in lengths.items())
        ):
            raise UnsafeIndexData("a segment's field lengths are not numbers")
        codec = segment._codec.__dict__
        if not all(
            type(codec.get(key)) is int for key in ("_blocklimit", "_compression", "_inlinelimit")
        ):
            raise UnsafeIndexData("a segment's codec options are not numbers")


class SafeFileIndex(FileIndex):  # type: ignore[misc]
    """Whoosh's ``FileIndex``, its table of contents read by :func:`read_toc`."""

    def __init__(self, storage: Any, schema: Any = None, indexname: str = _DEF_INDEX_NAME) -> None:
        self.storage = storage
        self._schema = schema
        self.indexname = indexname
        read_toc(storage, indexname, schema)

    @classmethod
    def create(cls, storage: Any, schema: Any, indexname: str = _DEF_INDEX_NAME) -> Any:
        TOC.create(storage, schema, indexname)
        return cls(storage, schema, indexname)

    def _read_toc(self) -> Any:
        return read_toc(self.storage, self.indexname, self._schema)


def open_dir(dirname: str | os.PathLike[str]) -> Any:
    """Open the Whoosh index in ``dirname``, reading it as data."""
    return SafeFileIndex(DurableStorage(str(dirname)))


def create_in(dirname: str | os.PathLike[str], schema: Any) -> Any:
    """Create a Whoosh index in ``dirname`` (its files synced as they are committed)."""
    return SafeFileIndex.create(DurableStorage(str(dirname)), schema)


def segment_files(storage: Any, segments: Iterable[Any]) -> list[str]:
    """The names of the files of ``segments`` in ``storage``."""
    prefixes = tuple(f"{segment.segment_id()}." for segment in segments)
    return [name for name in storage.list() if prefixes and name.startswith(prefixes)]
