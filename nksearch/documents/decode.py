"""Read one corpus file as text: decode its bytes, refuse what is not text.

``decode`` turns a file's bytes into text (UTF-8, UTF-16/32 with or without a
byte-order mark, cp1252, Latin-1) and refuses empty and binary files;
``read_text`` does the I/O for one file without ever blocking on a FIFO or
reading more than :data:`MAX_BYTES`, and turns every unreadable file into a
``Skipped`` with a short reason; ``read_article`` adds the page cleaning of
``nksearch.documents.page``. This module does not walk the corpus folder.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from nksearch.documents import page
from nksearch.models import Article, Skipped

MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are skipped instead of read."""


class UndecodableError(ValueError):
    """Bytes that are not text; ``str(error)`` is a short reason."""


# --- decoding --------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that do not occur in text: all but NUL, \t \n \v \f \r and ESC.
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32), 127])
_C0 = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode(data: bytes) -> str:
    """Decode a corpus file: UTF-8, UTF-16/32 with BOM, cp1252, then Latin-1.

    Stray NUL bytes inside otherwise normal text are dropped, and line ends
    become ``\\n``.

    Raises:
        UndecodableError: for an empty file or for binary data.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data[len(bom) :].decode(codec))
            except UnicodeDecodeError:
                if codec != "utf-8":
                    raise UndecodableError(f"invalid {codec} text") from None
                data = data[len(bom) :]
                break
    if not data.strip():
        raise UndecodableError("empty file")
    nuls = data.count(0)
    if nuls * 4 > len(data):
        return _bomless_utf16(data)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > len(data) * 0.05 + 2 or nuls > len(data) * 0.1 + 8:
        raise UndecodableError("binary data")
    data = data.replace(b"\x00", b"")
    for codec in ("utf-8", "cp1252"):
        try:
            return _finish(data.decode(codec), binary=nuls > 0)
        except UnicodeDecodeError:
            continue
    c1 = len(data) - len(data.translate(None, bytes(range(0x80, 0xA0))))
    if c1 > len(data) / 100 + 2:
        raise UndecodableError("binary data")
    return _finish(data.decode("latin-1"))


def _bomless_utf16(data: bytes) -> str:
    """Decode UTF-16 without a BOM, recognised by its NUL high bytes."""
    half = len(data) // 2
    for high, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        if data[high::2].count(0) * 10 >= half * 9 and data[1 - high :: 2].count(0) * 10 < half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if len(_C0.findall(text)) * 20 <= len(text):
                return _finish(text, binary=True)
    raise UndecodableError("binary data")


def _finish(text: str, *, binary: bool = False) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise UndecodableError("binary data" if binary else "empty file")
    return text


# --- reading ---------------------------------------------------------------


def read_article(root: Path, path: Path) -> Article | Skipped:
    """Read, decode and parse ``path``, a file found under ``root``.

    Never raises for a bad file: an unreadable, oversized, empty or binary
    file becomes a ``Skipped`` with a short reason.
    """
    found = read_text(root, path)
    if isinstance(found, Skipped):
        return found
    return page.parse_article(*found)


def read_text(root: Path, path: Path) -> tuple[str, str] | Skipped:
    """``(relative path, decoded text)`` of ``path``, or why it cannot be read."""
    rel = _relative(root, path)
    try:
        # Non-blocking, and checked after opening: a file swapped for a FIFO
        # or a device since the corpus was scanned is skipped, never waited on.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                return Skipped(rel, f"not readable: {os.strerror(errno.EISDIR)}")
            if not stat.S_ISREG(info.st_mode):
                return Skipped(rel, "not a regular file")
            if info.st_size > MAX_BYTES:
                return Skipped(rel, _too_large(info.st_size))
            data = _read_up_to(fd, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return Skipped(rel, f"not readable: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return Skipped(rel, _too_large(len(data)))
    try:
        return rel, decode(data)
    except UndecodableError as exc:
        return Skipped(rel, str(exc))


def _read_up_to(fd: int, limit: int) -> bytes:
    """Read from ``fd`` until end of file or ``limit`` bytes."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _relative(root: Path, path: Path) -> str:
    for base, child in ((root, path), (root.absolute(), path.absolute())):
        try:
            return child.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _too_large(size: int) -> str:
    return f"too large: {size / 2**20:.1f} MB (limit {MAX_BYTES / 2**20:.1f} MB)"

