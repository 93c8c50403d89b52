"""A publication date written into a corpus file's name.

People and tools name saved pages by date: ``2023-05-19 judul.txt``,
``20220817_x.txt``, ``19-05-2023 berita.md``; IndoSum names each article by
the Unix time it was collected or published (``1517984133-banjir-...txt``).
``date_in_name`` reads such a date off the file name (not its folders). A
ten-digit number at the start of the name counts as a Unix time only between
2000-01-01 and the end of next year, and gives the calendar day in Jakarta
(Asia/Jakarta, from the ``tzdata`` package when the system has no time-zone
database). No I/O beyond the clock; ``nksearch.documents.page`` decides when a
file-name date is used (the page's own dates win).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_UNIX = re.compile(r"(\d{10})(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.])(\d\d)\2(\d\d)(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d\d)([-_.])(\d\d)\2((?:19|20)\d\d)(?!\d)")
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _jakarta() -> dt.tzinfo:
    try:
        return ZoneInfo("Asia/Jakarta")
    except (ZoneInfoNotFoundError, ValueError):  # no tzdata at all: WIB has been UTC+7 since 1964
        return dt.timezone(dt.timedelta(hours=7), "WIB")


JAKARTA = _jakarta()


def date_in_name(path: str, *, today: dt.date | None = None) -> str | None:
    """The ``YYYY-MM-DD`` date in the name of ``path``, or None.

    Args:
        path: A corpus-relative path; only its last part is read.
        today: The day that sets "the end of next year" for Unix times
            (default: today in Jakarta).
    """
    name = PurePosixPath(path).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    unix = _UNIX.match(stem)
    if unix is not None and (found := _unix_day(int(unix.group(1)), today)) is not None:
        return found
    for pattern, groups in ((_ISO, (1, 3, 4)), (_COMPACT, (1, 2, 3)), (_DAY_FIRST, (4, 3, 1))):
        for match in pattern.finditer(stem):
            try:
                date = dt.date(*(int(match.group(n)) for n in groups))
            except ValueError:
                continue
            return date.isoformat()
    return None


def _unix_day(seconds: int, today: dt.date | None) -> str | None:
    """The Jakarta calendar day of a plausible Unix time, else None."""
    now = today or dt.datetime.now(JAKARTA).date()
    latest = dt.datetime(now.year + 2, 1, 1, tzinfo=JAKARTA)
    moment = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    if not _EARLIEST <= moment < latest:
        return None
    return moment.astimezone(JAKARTA).date().isoformat()
