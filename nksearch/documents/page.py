"""Turn a decoded news page into an ``Article``: headline, date, outlet, text.

A corpus file is a raw copy of an Indonesian news web page. ``parse_article``
strips terminal controls and separates the headline, the dateline's
publication date, the outlet and the article text from the site chrome
around them: menus, photo captions and credits, "Baca juga" cross-links,
share and follow prompts, bylines, copyright lines and the teaser lists of
other stories that follow an article.

It uses general rules about how such pages are laid out, never rules for one
site's template. It does no I/O (see ``decode``), does not tokenize, stem or
index, does not escape markup for display, and never raises for bad input.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from nksearch.documents import chrome, datelines
from nksearch.documents.chrome import Kind
from nksearch.documents.safety import clean_text
from nksearch.models import Article

_TOP = 25  # headline, dateline and lead all sit within this many lines
_TITLE_WORDS = 10  # length of a title made up from the first words of the text

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
