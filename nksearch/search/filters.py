"""Search options checked once, for every front end: dates, sort orders, outlets.

:func:`parse_date` is the one definition of a valid date (``YYYY-MM-DD``, a
real day); :func:`check_date` and :func:`check_options` turn bad options into
a :class:`UsageError` naming the option. :data:`SORTS` lists the sort orders.
This module builds no query and imports nothing heavy: the UI's filter bar
uses it as the user types.
"""

from __future__ import annotations

import re
from datetime import date

from nksearch.errors import Option, UsageError

SORTS = ("relevance", "date")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for a real date written exactly that way, else None."""
    if not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def check_date(value: str | date | None, option: str) -> str | None:
    """A date option as ``YYYY-MM-DD`` (None when not given).

    Raises:
        UsageError: ``value`` is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    found = parse_date(value)
    if found is None:
        raise UsageError(
            Option(option), f" {value!r} is not a date; use YYYY-MM-DD, e.g. 2020-10-09"
        )
    return found


def check_options(
    sort: str, limit: int, since: str | date | None, until: str | date | None
) -> tuple[str | None, str | None]:
    """Check a search's options; returns the date range as ``YYYY-MM-DD``.

    Raises:
        UsageError: an unknown sort order, a limit below 1, a bad date or an
            empty date range.
    """
    if sort not in SORTS:
        raise UsageError(Option("sort"), f" {sort!r} is not one of: {', '.join(SORTS)}")
    if limit < 1:
        raise UsageError(Option("limit"), f" must be 1 or more, not {limit}")
    since_s, until_s = check_date(since, "since"), check_date(until, "until")
    if since_s and until_s and since_s > until_s:
        raise UsageError(Option("since"), f" {since_s} is after ", Option("until"), f" {until_s}")
    return since_s, until_s
