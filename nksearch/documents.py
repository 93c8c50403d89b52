"""Turn one corpus file into an ``Article``: decode, clean, extract metadata.

A corpus file is a raw copy of an Indonesian news web page. This module decodes
its bytes (``decode``), strips terminal controls, and separates the headline,
the dateline's publication date, the outlet and the article text from the site
chrome around them (``parse_article``): menus, photo captions and credits,
"Baca juga" cross-links, share and follow prompts, bylines, copyright lines and
the teaser lists of other stories that follow an article. ``read_article``
does the I/O for one file and turns every unreadable file into a ``Skipped``.

It uses general rules about how such pages are laid out, never rules for one
site's template. It does not tokenize, stem or index, does not walk the corpus
directory, does not escape markup for display, and never raises for bad input.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath

from nksearch import chrome, datelines
from nksearch.chrome import Kind
from nksearch.models import Article, Skipped
from nksearch.safety import clean_text

MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are skipped instead of read."""

_TOP = 25  # headline, dateline and lead all sit within this many lines
_TITLE_WORDS = 10  # length of a title made up from the first words of the text


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
    return parse_article(*found)


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


# --- parsing ---------------------------------------------------------------

# Tabs and unusual spaces become spaces; zero-width joiners go. (Two regular
# expressions: str.translate with a mapping looks up every character.)
_SPACES = re.compile("[\t\u00a0\u1680\u202f\u205f\u3000\u2000-\u200b]")
_INVISIBLE = re.compile("[\u2060\ufeff]")
_RUNS = re.compile("  +")


def parse_article(path: str, raw: str) -> Article:
    """Split decoded page text into title, date, source and body.

    Args:
        path: The corpus-relative path; its stem is the title of last resort.
        raw: The decoded file text, returned unchanged as ``Article.raw``.
    """
    text = _RUNS.sub(" ", _INVISIBLE.sub("", _SPACES.sub(" ", clean_text(raw))))
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    captions = _top_captions(lines)
    title_at = _find_title(lines, captions)
    start = 0 if title_at is None else title_at + 1
    lead = _find_lead(lines, start, captions, dateline=title_at is not None)
    title = lines[title_at] if title_at is not None else ""
    kinds = [chrome.kind(line) for line in lines]
    body = _body(lines, kinds, start if lead is None else lead, title)
    if not body and title:
        body = [title]
    return Article(
        path=path,
        title=title or _made_up_title(body, path),
        date=_find_date(lines, title_at, lead, captions),
        source=_source(lines, kinds, title_at, lead, captions),
        body="\n\n".join(body),
        raw=raw,
    )


def _top_captions(lines: list[str]) -> set[int]:
    """Indices of the photo captions among the first lines of a page."""
    found: set[int] = set()
    for i, line in enumerate(lines[:_TOP]):
        if chrome.is_caption(line) or (_doubled(lines, i) and line.endswith(chrome.SENTENCE_END)):
            found.add(i)
        elif (
            i
            and chrome.is_photo_credit(lines[i - 1])
            and chrome.is_prose(line)
            and chrome.lead_prefix(line) is None
        ):
            found.add(i)  # a credit line above its caption
    return found


def _doubled(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is one of exactly two equal lines in a row."""
    line = lines[i]
    before = i > 0 and lines[i - 1] == line
    if before == (i + 1 < len(lines) and lines[i + 1] == line):
        return False  # alone, or inside a longer run
    beyond = i - 2 if before else i + 2
    return not (0 <= beyond < len(lines) and lines[beyond] == line)


def _find_title(lines: list[str], captions: set[int]) -> int | None:
    """The headline: the first headline-shaped line before any running text."""
    for i, line in enumerate(lines[:_TOP]):
        if i in captions or chrome.is_chrome(line):
            continue
        if chrome.is_title_like(line):
            return i
        if chrome.is_prose(line):
            return None
    return None


def _find_lead(lines: list[str], start: int, captions: set[int], *, dateline: bool) -> int | None:
    """The first paragraph of the article text.

    Under a headline, a paragraph opening with a dateline (``MOSKOW -``) wins
    over up to two earlier paragraphs, which are then taken for captions.
    """
    first: int | None = None
    prose = 0
    for i in range(start, min(len(lines), start + _TOP)):
        line = lines[i]
        if i in captions or chrome.is_chrome(line) or not chrome.is_prose(line):
            continue
        if not dateline or chrome.lead_prefix(line) is not None:
            return i
        first = i if first is None else first
        prose += 1
        if prose > 2:
            break
    return first


def _find_date(
    lines: list[str], title_at: int | None, lead: int | None, captions: set[int]
) -> str | None:
    """The date of the dateline: below the headline first, then above it.

    Only lines before the lead count, and never a photo caption.
    """
    start = 0 if title_at is None else title_at + 1
    below = range(start, min(len(lines), start + 10) if lead is None else lead)
    candidates: list[int] = [*below, *range(title_at or 0)]
    for i in candidates:
        date = None if i in captions else datelines.dateline_date(lines[i])
        if date is not None:
            return date
    return None


def _body(lines: list[str], kinds: list[Kind], start: int, title: str) -> list[str]:
    """The article paragraphs from ``start`` up to the first teaser list."""
    key = title.lower()
    body: list[str] = []
    links = 0  # lines still to drop under a "Baca juga" heading
    for i in range(start, len(lines)):
        line, kind = lines[i], kinds[i]
        if i > start and kind in (Kind.END, Kind.TEASER):
            if kind is Kind.TEASER and body and body[-1] == lines[i - 1]:
                body.pop()  # the teaser's headline
            break
        if kind is Kind.LINKS:
            links = 3
            continue
        if links and kind is not Kind.PROSE:
            links -= 1
            continue
        links = 0
        if kind in (Kind.CHROME, Kind.CAPTION) or _is_copy_of(line, key):
            continue
        body.append(chrome.drop_inline_links(line))
    return [line for line in body if line]


def _is_copy_of(line: str, key: str) -> bool:
    """The lower-cased headline ``key`` again, whole or truncated (``Judul,...``)."""
    if not key or len(line) > len(key) + 3:
        return False
    lowered = line.lower()
    if lowered == key:
        return True
    stem = lowered.rstrip(".… ")
    return stem != lowered and len(stem) >= 10 and key.startswith(stem)


def _made_up_title(body: list[str], path: str) -> str:
    """A title for text without a headline: its first words, or the file name."""
    first = body[0] if body else ""
    prefix = chrome.lead_prefix(first)
    if prefix is not None:
        first = first[len(prefix) :].lstrip(" -–—:")
    tokens = first.split(maxsplit=_TITLE_WORDS)
    if not tokens:
        return PurePosixPath(path).stem
    if len(tokens) <= _TITLE_WORDS:
        return " ".join(tokens)
    return " ".join(tokens[:_TITLE_WORDS]).rstrip(",;:-–—") + "…"


def _source(
    lines: list[str],
    kinds: list[Kind],
    title_at: int | None,
    lead: int | None,
    captions: set[int],
) -> str | None:
    """The outlet named by the page's chrome, most telling place first.

    Copyright lines, then the lead's dateline (``TEMPO.CO -``), then follow
    and subscribe prompts, then short lines around the headline (datelines,
    bylines, the site's name), then byline credits. In the first two, a web
    address names an outlet missing from the known list. Outlets the article
    merely cites, and photo credits and captions, are never looked at.
    """
    prefix = chrome.lead_prefix(lines[lead]) if lead is not None else None
    top = (title_at or 0) if lead is None else lead  # no lead: no header below
    header = [
        line
        for i, line in enumerate(lines[:top])
        if i != title_at
        and i not in captions
        and line.count(" ") < 12
        and not chrome.is_photo_credit(line)
    ]
    furniture = [line for line, kind in zip(lines, kinds, strict=True) if kind is Kind.CHROME]
    places: tuple[list[str], ...] = (
        [line for line in furniture if chrome.is_copyright(line)],
        [prefix] if prefix else [],
        [line for line in furniture if chrome.is_promo(line)],
        header,
        [line for line in furniture if chrome.is_credit(line)],
    )
    for rank, place in enumerate(places):
        for line in place:
            name = datelines.outlet_in(line, domains=rank < 2)
            if name is not None:
                return name
    return None
