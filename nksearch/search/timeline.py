"""Coverage over time: matching documents counted by day, week, month or year.

:func:`count` turns the dates of a set of documents into time-ordered
buckets, the empty periods between the first and the last included (so a
chart shows the gaps), and the number without a date. :func:`period_range`
gives the first and last day of a bucket, which a front end uses to filter to
it. Pure functions over ``YYYY-MM-DD`` strings; the documents are chosen by
``nksearch.search.story``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from nksearch.errors import Option, UsageError

PERIODS = ("day", "week", "month", "year")
#: More buckets than this and the empty periods between are left out.
MAX_FILLED = 1000


def check_period(by: str) -> str:
    """``by`` if it is a period.

    Raises:
        UsageError: it is not one of :data:`PERIODS`.
    """
    if by not in PERIODS:
        raise UsageError(Option("by"), f" {by!r} is not one of: {', '.join(PERIODS)}")
    return by


def bucket(day: str, by: str) -> str:
    """The period ``day`` falls in: ``2020-10-09``, ``2020-W41``, ``2020-10`` or ``2020``."""
    if by == "day":
        return day
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def period_range(period: str, by: str) -> tuple[str, str]:
    """The first and the last day of a bucket, as ``YYYY-MM-DD``."""
    if by == "day":
        return period, period
    if by == "year":
        return f"{period}-01-01", f"{period}-12-31"
    if by == "month":
        first = date.fromisoformat(f"{period}-01")
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first.isoformat(), (following - timedelta(days=1)).isoformat()
    year, week = period.split("-W")
    first = date.fromisocalendar(int(year), int(week), 1)
    return first.isoformat(), (first + timedelta(days=6)).isoformat()


def _next(period: str, by: str) -> str:
    _first, last = period_range(period, by)
    return bucket((date.fromisoformat(last) + timedelta(days=1)).isoformat(), by)


def count(dates: Iterable[str], by: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """``(buckets, undated)`` for the dates of the matching documents ("" for none)."""
    counts: Counter[str] = Counter()
    undated = 0
    for value in dates:
        if value:
            counts[bucket(value, by)] += 1
        else:
            undated += 1
    if not counts:
        return (), undated
    periods = sorted(counts)
    filled = [periods[0]]
    while filled[-1] < periods[-1] and len(filled) <= MAX_FILLED:
        filled.append(_next(filled[-1], by))
    if len(filled) > MAX_FILLED:
        filled = periods
    return tuple((p, counts.get(p, 0)) for p in filled), undated
