"""Read the publication date off a news page's dateline.

``dateline_date`` turns a dateline (``Rabu, 24 November 2021 - 06:29 WIB``,
``Marcheilla Ariesta • 09 Oktober 2020 13:53``, ``24/11/2021``) into an ISO
date, and refuses a line that merely mentions a date, such as a photo caption.

It looks at one line; deciding which line of a page is its dateline is left to
``nksearch.documents.page``, and outlet names to ``nksearch.documents.outlets``.
No I/O.
"""

from __future__ import annotations

import datetime as dt
import re

from nksearch.documents.outlets import DOMAIN as _DOMAIN

_MONTH_NAMES = (  # Indonesian and English names and abbreviations, month by month
    "januari january jan|februari pebruari february feb peb|maret march mar|april apr"
    "|mei may|juni june jun|juli july jul|agustus august agust agu agt ags aug"
    "|september sept sep|oktober october okt oct|november nopember nov nop"
    "|desember december des dec"
)
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_NAMES.split("|"), 1)
    for name in names.split()
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)"
)
_DATES = (
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:\s+|\s*[-/.]\s*)(?P<m>{_MONTH})\b\.?"
        rf"(?:,?\s+|\s*[-/.]\s*)(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<m>{_MONTH})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    _NUMERIC,
)
_DATELINE_NOISE = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|wib|wita|wit|gmt|utc|pukul|jam|diterbitkan"
    r"|dipublikasikan|diperbarui|diperbaharui|terbit|tayang|dibuat|update|updated"
    r"|published|posted|tanggal|oleh|by|on|at|pada|waktu|terakhir|last|modified"
    r"|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun)\b"
    # icon names pages print as text beside a date ("calendar_month", "access_time")
    r"|\b[a-z]+(?:_[a-z]+)+\b"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|[+-]\d{2}:?\d{2}|[^\w\s]|_",
    re.IGNORECASE,
)


def dateline_date(line: str) -> str | None:
    """The ``YYYY-MM-DD`` date of a line that is mostly a date, else None.

    A dateline may carry a day name, a time and zone, labels such as
    ``Diperbarui`` and a short byline (``Marcheilla Ariesta • 09 Oktober
    2020 13:53``). A sentence that merely mentions a date is not a dateline.
    """
    if len(line) > 150 or line.endswith("."):
        return None
    for pattern in _DATES:
        match = pattern.search(line)
        if match is None:
            continue
        rest = _DOMAIN.sub(" ", line[: match.start()] + " " + line[match.end() :])
        residue = _DATELINE_NOISE.sub(" ", rest).split()
        if len(residue) > 5 or not all(word[0].isupper() or word[0].isdigit() for word in residue):
            return None
        month = match.group("m")
        number = int(month) if month.isdigit() else _MONTHS[month.lower()]
        day, year = int(match.group("d")), int(match.group("y"))
        if pattern is _NUMERIC and number > 12 >= day:
            day, number = number, day
        try:
            date = dt.date(year, number, day)
        except ValueError:
            return None
        return date.isoformat() if 1900 <= year <= 2100 else None
    return None
