"""Turn a decoded news page into an ``Article``: headline, date, outlet, text.

A corpus file is a copy of an Indonesian news web page: its text (``.txt``),
Markdown from a web clipper (``.md``, often with YAML front matter) or the
saved HTML (``.html``, ``.htm``). ``parse_article`` takes what the markup says
about the page first (``htmlpage``, ``frontmatter``), then strips terminal
controls and separates the headline, the dateline's publication date, the
outlet and the article text from the site chrome around them: menus, photo
captions and credits, "Baca juga" cross-links, share and follow prompts,
bylines, copyright lines and the teaser lists of other stories that follow an
article.

Dates, most telling first: the page's own metadata (front matter
``published``/``date``, the HTML's publication date), the dateline in the
text, a date in the file name (``filenames``), and last the day a clipper
saved the page (front matter ``created``). A dateline wins over the file
name: the outlet printed it, while a file name is whatever its saver chose.

It uses general rules about how such pages are laid out, never rules for one
site's template. It does no I/O (see ``decode``), does not tokenize, stem or
index, does not escape markup for display, and never raises for bad input.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from nksearch.documents import chrome, datelines, filenames, outlets
from nksearch.documents.chrome import Kind
from nksearch.documents.metadata import HTML_SUFFIXES, Metadata
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
        path: The corpus-relative path: its suffix says how to read the page,
            its name may hold a date, and its stem is the title of last resort.
        raw: The decoded file text, returned unchanged as ``Article.raw``.
    """
    suffix = PurePosixPath(path).suffix.lower()
    meta = Metadata()
    text = raw
    # The HTML and front matter readers load with the first page that needs them.
    if suffix in HTML_SUFFIXES:
        from nksearch.documents import htmlpage

        text, meta = htmlpage.read(raw)
        if meta.date is None:  # no date in the metadata: the dateline in the page's text
            meta = replace(meta, date=_parse(path, "", htmlpage.plain_text(raw), meta).date)
    elif suffix == ".md" or raw.lstrip("\ufeff").startswith("---"):
        from nksearch.documents import frontmatter

        text, meta = frontmatter.read(raw)
    return _parse(path, raw, text, meta)


def _parse(path: str, raw: str, text: str, meta: Metadata) -> Article:
    text = _RUNS.sub(" ", _INVISIBLE.sub("", _SPACES.sub(" ", clean_text(text))))
    lines = [line for line in map(str.strip, text.split("\n")) if line]
    captions = _top_captions(lines)
    known = meta.title
    title_at = _find_known_title(lines, known) if known else _find_title(lines, captions)
    start = 0 if title_at is None else title_at + 1
    lead = _find_lead(lines, start, captions, dateline=title_at is not None)
    title = meta.title or (lines[title_at] if title_at is not None else "")
    kinds = [chrome.kind(line) for line in lines]
    body = _body(lines, kinds, start if lead is None else lead, title)
    if not body and title:
        body = [title]
    return Article(
        path=path,
        title=title or _made_up_title(body, path),
        date=meta.date
        or _find_date(lines, title_at, lead, captions)
        or filenames.date_in_name(path)
        or meta.saved,
        source=meta.outlet or _outlet(_source(lines, kinds, title_at, lead, captions), meta.site),
        body="\n\n".join(body),
        raw=raw,
    )


def _outlet(named: str | None, site: str | None) -> str | None:
    """A known outlet the text names, else the site's own name, else any address named."""
    if named is not None and outlets.canonical(named) == named:
        return named
    return site or named


def _find_known_title(lines: list[str], title: str) -> int | None:
    """The line repeating a headline known from metadata, near the top."""
    key = _key(title)
    for i, line in enumerate(lines[:_TOP]):
        found = _key(line)
        if found == key or (found.startswith(key) and len(found) - len(key) <= 30):
            return i  # the headline, or the headline with the site's name
    return None


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).lower().split())


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
    """The headline: the first headline-shaped line before any running text.

    When running text comes first (a teaser of another story), a
    headline-shaped line that the top of the page repeats (as image text or a
    second heading) is the headline.
    """
    top = lines[:_TOP]
    for i, line in enumerate(top):
        if i in captions or chrome.is_chrome(line):
            continue
        if chrome.is_title_like(line) or (
            chrome.is_short_headline(line) and i + 1 < len(lines) and chrome.is_prose(lines[i + 1])
        ):
            return i
        if chrome.is_prose(line):
            break
    for i, line in enumerate(top):
        if chrome.kind(line) in (Kind.END, Kind.TEASER):
            break
        if (
            i not in captions
            and top.count(line) >= 2
            and not _doubled(lines, i)
            and chrome.is_title_like(line)
        ):
            return i
    return None


def _find_lead(lines: list[str], start: int, captions: set[int], *, dateline: bool) -> int | None:
    """The first paragraph of the article text.

    Under a headline, a paragraph opening with a dateline (``MOSKOW -``) wins
    over up to two earlier paragraphs, which are then taken for captions; so
    does the first paragraph after the date line, over a summary above it.
    """
    first: int | None = None
    prose = 0
    for i in range(start, min(len(lines), start + _TOP)):
        line = lines[i]
        if i in captions or chrome.is_chrome(line) or not chrome.is_prose(line):
            continue
        if not dateline or chrome.lead_prefix(line) is not None:
            return i
        if first is None and _dated_below(lines, i):
            continue  # a summary under the headline, above the byline and date
        first = i if first is None else first
        prose += 1
        if prose > 2:
            break
    return first


def _dated_below(lines: list[str], i: int) -> bool:
    """Whether a date line follows line ``i`` before the next paragraph."""
    for line in lines[i + 1 : i + 6]:
        if chrome.is_prose(line):
            return False
        if len(line) <= 80 and datelines.dateline_date(line) is not None:
            return True
    return False


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
        if i > start and _dated_headline(lines, kinds, i) and body and body[-1] == lines[i - 1]:
            body.pop()  # a list of other stories, each a headline over its date
            break
        if body and _date_over_headline(lines, kinds, i):
            break  # a list of other stories, each a date over its headline
        if kind is Kind.LINKS:
            links = 3
            continue
        if links and kind is not Kind.PROSE:
            links -= 1
            continue
        links = 0
        if kind in (Kind.CHROME, Kind.CAPTION) or _is_copy_of(line, key):
            continue
        body.append(chrome.drop_signature(chrome.drop_inline_links(line)))
    return [line for line in body if line]


def _dated_headline(lines: list[str], kinds: list[Kind], i: int) -> bool:
    """Whether line ``i`` is a bare date under a headline-shaped line."""
    return (
        kinds[i] is Kind.TEXT
        and kinds[i - 1] is Kind.TEXT
        and len(lines[i]) <= 60
        and chrome.is_title_like(lines[i - 1])
        and datelines.dateline_date(lines[i]) is not None
    )


def _date_over_headline(lines: list[str], kinds: list[Kind], i: int) -> bool:
    """Whether line ``i`` is a bare date over a headline-shaped line."""
    return (
        i + 1 < len(lines)
        and kinds[i] is Kind.TEXT
        and len(lines[i]) <= 60
        and datelines.dateline_date(lines[i]) is not None
        and chrome.is_title_like(lines[i + 1])
    )


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
    """The outlet named by the page itself, most telling place first.

    Copyright lines, the site's description of itself, the lead's dateline
    (``TEMPO.CO -``), then follow and subscribe prompts, then short lines
    around the headline (datelines, the site's name), and last the article
    naming its own newsroom (``kata X kepada kumparan``). In the first three,
    a web address names an outlet missing from the known list. Outlets
    the article merely cites, agencies credited in a byline (``Penulis :
    Antara``), photo credits and captions are never taken for it.
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
        and not chrome.is_credit(line)
    ]
    furniture = [line for line, kind in zip(lines, kinds, strict=True) if kind is Kind.CHROME]
    places: tuple[list[str], ...] = (
        [line for line in furniture if chrome.is_copyright(line)],
        [line for line in furniture if outlets.is_self_description(line)],
        [prefix] if prefix else [],
        [line for line in furniture if chrome.is_promo(line)],
        header,
    )
    for rank, place in enumerate(places):
        for line in place:
            name = outlets.outlet_in(line, domains=rank < 3)
            if name is not None:
                return name
    for line, kind in zip(lines[top:], kinds[top:], strict=True):
        if kind is Kind.PROSE and (name := outlets.self_reference(line)) is not None:
            return name
    return None
