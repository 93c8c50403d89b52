"""Saved web pages (``.html``, ``.htm``): main text and metadata via trafilatura.

A page saved from a browser holds the whole site around the article. ``read``
hands it to trafilatura, which finds the main text, the title, the site name,
the page's address and (through htmldate, from the page's metadata and
markup only, never from dates in running text) the publication date. The
``<!-- saved from url=... -->`` mark some browsers write names the address
when the page itself does not.

trafilatura takes most of a second to import, so it is imported on the first
HTML page, never by a command that reads no HTML. A page trafilatura cannot
read (or an installation without it) falls back to the page's plain text,
taken with the standard library's HTML parser, for the text rules of
``nksearch.documents.page``; nothing here raises for bad markup. No I/O.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from typing import Any

from nksearch.documents.metadata import Metadata, clean_title, date_value, outlet_fields

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_MAX_HTML = 20_000_000  # trafilatura's own limit on what it parses
_TITLE_TAG = re.compile(r"<title[^>]*>(.{1,1000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_MAX_TITLE_WORDS = 30


def read(raw: str) -> tuple[str, Metadata]:
    """The article text of a saved page and what its markup says about it."""
    saved = _SAVED_FROM.search(raw[:4096])
    saved_url = saved.group(1) if saved else None
    found = _extract(raw)
    if found is None or not str(_field(found, "text") or "").strip():
        outlet, site = outlet_fields(saved_url, None)
        return plain_text(raw), Metadata(outlet=outlet, site=site, url=saved_url)
    url = _text(_field(found, "url"))
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    url = url or saved_url
    site = _text(_field(found, "sitename"))
    outlet, unknown = outlet_fields(url, site)
    meta = Metadata(
        title=_plausible(clean_title(_text(_field(found, "title")), site=site))
        or _plausible(clean_title(_title_tag(raw), site=site)),
        date=date_value(_text(_field(found, "date"))),
        outlet=outlet,
        site=unknown,
        url=url,
    )
    return str(_field(found, "text")), meta


def _plausible(title: str | None) -> str | None:
    """A title that is one headline, not a run of merged page text."""
    if title is None or len(title.split()) > _MAX_TITLE_WORDS or len(title) > 250:
        return None
    return title


def _title_tag(raw: str) -> str | None:
    match = _TITLE_TAG.search(raw[:200_000])
    return html.unescape(match.group(1)) if match else None


def _extract(raw: str) -> Any:
    """trafilatura's reading of the page, or None when it has none."""
    if len(raw) > _MAX_HTML:
        return None
    try:
        import trafilatura
    except ImportError:
        return None
    latest = f"{dt.date.today().year + 1}-12-31"
    try:
        return trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": latest,
            },
        )
    except Exception:  # any failure inside the library means: use the fallback
        return None


def _field(found: Any, name: str) -> object:
    if isinstance(found, dict):
        return found.get(name)
    return getattr(found, name, None)


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# --- the fallback: the page's text, block by block ---------------------------------

_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "head", "iframe", "object"))
_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("table", "td", "th", "tr", "ul"),
    )
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skipping = 0  # an unclosed <head> (or script) ends where the body starts
        elif tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(raw: str) -> str:
    """The visible text of an HTML page, one block per line (standard library only)."""
    parser = _TextParser()
    try:
        parser.feed(raw)
        parser.close()
    except (AssertionError, ValueError):  # html.parser's reaction to some broken markup
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
