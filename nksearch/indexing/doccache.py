"""Analysed documents kept with an index generation, for the next rebuild.

Cleaning a page and analysing its words is most of a rebuild's work, and
for a file that has not changed it gives the same fields every time. A
parallel rebuild writes each document's fields and postings (marshalled,
compressed) to ``docs-<n>.data`` in the new generation's folder, with
``docs-<n>.index`` mapping a key to the record's place and checksum. The key
is a digest of the file's path and text and of the boilerplate fingerprints
left out of it (see :func:`variant`), so a line that became boilerplate, or
stopped being it, is never taken from a record made before. The index also
keeps each file's fingerprints (see ``nksearch.documents.boilerplate``) under
the digest of its path and text, so the next rebuild cleans only files whose
path or text changed, and analyses only those and the ones whose boilerplate
changed. The parts go when their generation goes.

The cache is an optimisation only: a part made by another version of the
rules, a part whose index fails its checksum (see ``layout.framed``), or a
damaged, missing or mismatched record, is a miss, never an error.
This module reads and writes those files; it does not decide what to index.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nksearch.documents.boilerplate import FINGERPRINT_SIZE, Prints
from nksearch.indexing import layout

#: Bump when the record layout changes.
FORMAT = 5
_PREFIX = "docs-"
INDEX_MAGIC = b"nksearch document cache\n"

Entry = tuple[str, int, int, int]  # (data file, offset, size, crc32)


@dataclass
class Cache:
    """What the parts of a generation list: records and fingerprints.

    Attributes:
        entries: Where each record is, by :func:`variant` key.
        prints: Each file's fingerprints, by :func:`digest`.
    """

    entries: dict[bytes, Entry]
    prints: dict[bytes, Prints]


def validity() -> str:
    """What a cached record depends on: the code and word lists that make it.

    The source of every module between a file's bytes and its postings (page
    cleaning, analysis, field building, postings encoding), Sastrawi's stop
    list and dictionary, and the index schema: any change makes every record
    a miss.
    """
    global _validity
    if _validity is None:
        from nksearch._version import __version__
        from nksearch._whoosh import postings, termwriter, writer
        from nksearch.analysis import (
            analyzer,
            entities,
            gazetteer,
            shingles,
            stemmer,
            stopwords,
            tokens,
        )
        from nksearch.documents import (
            boilerplate,
            chrome,
            datelines,
            decode,
            filenames,
            frontmatter,
            htmlpage,
            metadata,
            outlets,
            page,
            safety,
        )
        from nksearch.indexing import fields, schema

        modules = (
            boilerplate, chrome, datelines, decode, filenames, frontmatter, htmlpage,
            metadata, outlets, page, safety,
            analyzer, stemmer, stopwords, tokens, entities, gazetteer, shingles,
            fields, schema, postings, termwriter, writer,
        )  # fmt: skip
        fingerprint = hashlib.blake2b(digest_size=16)
        for module in modules:
            try:
                fingerprint.update(Path(module.__file__ or "").read_bytes())
            except OSError:  # no readable source: the version has to do
                fingerprint.update(f"{module.__name__} {__version__}".encode())
        fingerprint.update("\n".join(sorted(stopwords.stop_words())).encode("utf-8"))
        from importlib import metadata as installed

        for package in ("trafilatura", "htmldate", "PyYAML"):  # how HTML and YAML are read
            try:
                fingerprint.update(f"{package} {installed.version(package)}".encode())
            except installed.PackageNotFoundError:
                fingerprint.update(package.encode())
        _validity = (
            f"{FORMAT}/{schema.INDEX_VERSION}/{stemmer.stem_cache_key()}/{fingerprint.hexdigest()}"
        )
    return _validity


_validity: str | None = None


def digest(rel: str, text: str) -> bytes:
    """The cache key of a file: its corpus path and decoded text."""
    data = f"{rel}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def variant(key: bytes, cut: frozenset[bytes]) -> bytes:
    """The record key of a file's text (``key``) without the boilerplate ``cut``."""
    if not cut:
        return key
    return hashlib.blake2b(key + b"".join(sorted(cut)), digest_size=16).digest()


def load_index(gen_dir: Path | None) -> Cache:
    """Every usable record and fingerprint in the parts of ``gen_dir`` (empty if none)."""
    found: dict[bytes, Entry] = {}
    prints: dict[bytes, Prints] = {}
    cache = Cache(found, prints)
    if gen_dir is None:
        return cache
    key = validity()
    try:
        names = sorted(
            n for n in os.listdir(gen_dir) if n.startswith(_PREFIX) and n.endswith(".index")
        )
    except OSError:
        return cache
    for name in names:
        data_file = str(gen_dir / (name[: -len(".index")] + ".data"))
        try:
            handle, _size = _open_regular(str(gen_dir / name))
            if handle is None:
                continue
            with handle:
                payload = layout.unframed(INDEX_MAGIC, handle.read())
            if payload is None:
                continue
            table = marshal.loads(payload)
            if not isinstance(table, dict) or table.get("key") != key:
                continue
            for item, (offset, size, crc) in table["entries"].items():
                if isinstance(item, bytes) and isinstance(offset, int) and isinstance(size, int):
                    found[item] = (data_file, offset, size, crc)
            for item, row in table["prints"].items():
                made = _prints(row)
                if isinstance(item, bytes) and made is not None:
                    prints[item] = made
        except Exception:  # a damaged cache part is a miss, by design
            continue
    return cache


def _prints(row: Any) -> Prints | None:
    size = FINGERPRINT_SIZE
    if not (isinstance(row, tuple) and len(row) == 3):
        return None
    group, body, units = row
    if not (isinstance(group, str) and isinstance(body, bytes) and isinstance(units, bytes)):
        return None
    if len(body) != size or len(units) % size:
        return None
    return Prints(group, body, units)


class Reader:
    """Reads records listed by :func:`load_index` (files opened once)."""

    def __init__(self, cache: Cache) -> None:
        self._index = cache.entries
        self._files: dict[str, tuple[Any, int]] = {}

    def get(self, key: bytes) -> tuple[dict[str, Any], bytes] | None:
        """The fields cached under ``key`` and their record, or None."""
        entry = self._index.get(key)
        if entry is None:
            return None
        name, offset, size, crc = entry
        try:
            found = self._files.get(name)
            if found is None:
                found = self._files[name] = _open_regular(name)
            handle, file_size = found
            if handle is None or offset < 0 or size <= 0 or offset + size > file_size:
                return None
            handle.seek(offset)
            raw = handle.read(size)
            if len(raw) != size or zlib.crc32(raw) != crc:
                return None
            fields = marshal.loads(zlib.decompress(raw))
        except Exception:  # a damaged record is a miss, by design
            return None
        return (fields, raw) if _looks_right(fields) else None

    def close(self) -> None:
        for handle, _size in self._files.values():
            if handle is not None:
                handle.close()
        self._files.clear()


def _open_regular(name: str) -> tuple[Any, int]:
    """``(file, size)`` of a regular file, or ``(None, 0)`` (never blocks on a FIFO)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None, 0
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None, 0
    return os.fdopen(fd, "rb"), info.st_size


def _looks_right(fields: Any) -> bool:
    if not isinstance(fields, dict) or not isinstance(fields.get("path"), str):
        return False
    made = fields.get("_terms")
    if not isinstance(made, dict):
        return False
    for name in ("title", "body", "exact"):
        value = fields.get(name)
        if not isinstance(value, tuple):
            return False
        if not value:  # the postings stand in for the terms
            known = made.get(name)
            if not (isinstance(known, tuple) and len(known) == 4 and isinstance(known[0], list)):
                return False
    return True


class Writer:
    """Writes one part: records appended as documents are indexed."""

    def __init__(self, gen_dir: Path, part: int) -> None:
        self._data_path = gen_dir / f"{_PREFIX}{part}.data"
        self._index_path = gen_dir / f"{_PREFIX}{part}.index"
        self._file = open(self._data_path, "wb")  # noqa: SIM115
        self._offset = 0
        self._entries: dict[bytes, tuple[int, int, int]] = {}
        self._prints: dict[bytes, tuple[str, bytes, bytes]] = {}

    def add(self, variant: bytes, fields: dict[str, Any], key: bytes, prints: Prints) -> None:
        """Keep ``fields`` as the segment writer left them, and the file's fingerprints.

        ``variant`` is the record's key, ``key`` the digest of the file's
        path and text. The stamp is left out (the reader supplies it), and
        so are the terms of fields whose postings the writer kept in ``_terms``.
        """
        made = fields.get("_terms") or {}
        record = marshal.dumps(
            {k: (() if k in made else v) for k, v in fields.items() if k != "stamp"}
        )
        self.add_record(variant, zlib.compress(record, 1), key, prints)

    def add_record(self, variant: bytes, record: bytes, key: bytes, prints: Prints) -> None:
        """Keep a record as :meth:`Reader.get` returned it (an unchanged file)."""
        self._file.write(record)
        self._entries[variant] = (self._offset, len(record), zlib.crc32(record))
        self._offset += len(record)
        self._prints[key] = (prints.group, prints.body, prints.units)

    def close(self) -> None:
        """Finish the part; its index is written last, so a part is whole or unused."""
        self._file.flush()
        os.fsync(self._file.fileno())  # the records are on disk before the index names them
        self._file.close()
        table = marshal.dumps({"key": validity(), "entries": self._entries, "prints": self._prints})
        layout._write_atomic(self._index_path, layout.framed(INDEX_MAGIC, table))
