"""What a page's markup says about itself: title, dates, outlet, address.

Saved HTML (``nksearch.documents.htmlpage``) and web-clipper front matter
(``nksearch.documents.frontmatter``) both yield a ``Metadata``; the page
cleaner (``nksearch.documents.page``) uses it before the text rules. This
module also cleans a title taken from metadata: the site's name after a
separator (``Judul - Kompas.com``, ``Judul | Republika Online``) goes, and a
date value of any usual form becomes ``YYYY-MM-DD``. No I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nksearch.documents import outlets
from nksearch.documents.datelines import dateline_date
from nksearch.documents.safety import clean_text

#: Pages read as saved HTML (``htmlpage``, imported only to read one).
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Metadata:
    """Fields a page's markup gives, each None when it gives none.

    Attributes:
        title: The headline.
        date: The publication date, ``YYYY-MM-DD``.
        saved: The day the page was saved or clipped: a date of last resort.
        outlet: A known outlet's display name (from the address or site name).
        site: The site's own name when it is no known outlet.
        url: The page's address.
    """

    title: str | None = None
    date: str | None = None
    saved: str | None = None
    outlet: str | None = None
    site: str | None = None
    url: str | None = None


_SEPARATORS = re.compile(r"\s+[-–—|·•:]{1,2}\s+")
_MAX_TITLE = 300


def clean_title(title: str | None, *, site: str | None = None) -> str | None:
    """A metadata title without control characters, runs of space or the site's name."""
    if not title:
        return None
    text = " ".join(clean_text(title).split())[: _MAX_TITLE * 2]
    parts = _SEPARATORS.split(text)
    while len(parts) > 1 and _names_site(parts[-1], site):
        text = text[: text.rfind(parts[-1])].rstrip(" -–—|·•:")
        parts.pop()
    if len(parts) > 1 and _names_site(parts[0], site):
        text = text[len(parts[0]) :].lstrip(" -–—|·•:")
    return text[:_MAX_TITLE] or None


def _names_site(part: str, site: str | None) -> bool:
    lowered = part.strip().lower()
    if site and lowered == site.strip().lower():
        return True
    return outlets.canonical(part) is not None


def date_value(value: object) -> str | None:
    """``YYYY-MM-DD`` from a metadata date: a date, a datetime, or text of a usual form."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if 1900 <= value.year <= 2100 else None
    if isinstance(value, dt.date):
        return value.isoformat() if 1900 <= value.year <= 2100 else None
    if isinstance(value, str) and len(value) <= 100:
        text = " ".join(clean_text(value).split())
        iso = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ]|$)", text)
        if iso is not None:
            try:
                return dt.date(*map(int, iso.groups())).isoformat()
            except ValueError:
                return None
        return dateline_date(text)
    return None


def outlet_fields(url: str | None, site: str | None) -> tuple[str | None, str | None]:
    """``(known outlet, unknown site name)`` from a page's address and site name."""
    known = (outlets.outlet_of_url(url) if url else None) or (
        outlets.canonical(site) if site else None
    )
    if known:
        return known, None
    name = outlets.site_name(site) if site else None
    if name is None and url:
        name = outlets.outlet_in(url, domains=True)
    return None, name
