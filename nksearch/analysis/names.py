"""The key two spellings of one name share: case, hyphens and spacing folded.

Kept apart from the recogniser (``entities``) so that reading an index's
name fields at query time does not load the recogniser's tables.
"""

from __future__ import annotations

_HYPHENS = str.maketrans("-‐‑–", "    ")


def key(name: str) -> str:
    """The form two spellings of one name share (case, hyphens, spacing)."""
    return " ".join(name.lower().translate(_HYPHENS).split())
