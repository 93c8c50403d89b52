"""The search history: each query run, when, and how many hits it had.

``NKSEARCH_HISTORY=0`` (or ``off``, ``no``, ``false``) turns it off: nothing
is recorded. The same query run again moves to the top instead of appearing
twice, and only the latest 1,000 are kept.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from nksearch.documents.safety import escape_undecodable
from nksearch.workflow.limits import MAX_QUERY
from nksearch.workflow.store import Store, now_iso

KEEP = 1_000


@dataclass(frozen=True)
class HistoryEntry:
    """One query run: its text, when (ISO 8601, UTC) and its number of hits."""

    query: str
    at: str
    total: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def enabled() -> bool:
    """Whether history is kept (``NKSEARCH_HISTORY`` is not 0/off/no/false)."""
    value = os.environ.get("NKSEARCH_HISTORY", "").strip().lower()
    return value not in ("0", "off", "no", "false")


def record(store: Store, query: str, total: int) -> None:
    """Remember that ``query`` ran and found ``total`` hits (unless history is off)."""
    text = escape_undecodable(query).strip()  # bytes that were not UTF-8 as \xNN
    if not enabled() or not text or "\x00" in text or len(text) > MAX_QUERY:
        return
    with store.write() as db:
        db.execute("DELETE FROM history WHERE query = ?", (text,))
        db.execute(
            "INSERT INTO history (query, at, total) VALUES (?, ?, ?)", (text, now_iso(), total)
        )
        db.execute(
            "DELETE FROM history WHERE id NOT IN (SELECT id FROM history ORDER BY id DESC LIMIT ?)",
            (KEEP,),
        )


def entries(store: Store, limit: int = 20) -> list[HistoryEntry]:
    """The latest ``limit`` queries, newest first."""
    rows = store.query("SELECT query, at, total FROM history ORDER BY id DESC LIMIT ?", (limit,))
    return [HistoryEntry(str(q), str(a), int(t)) for q, a, t in rows]  # type: ignore[call-overload]
