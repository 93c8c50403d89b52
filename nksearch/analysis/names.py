"""The key two spellings of one name share: case, hyphens and spacing folded.

Kept apart from the recogniser (``entities``) so that reading an index's
name fields at query time does not load the recogniser's tables.
"""

from __future__ import annotations

from functools import lru_cache

_HYPHENS = str.maketrans("-‐‑–", "    ")


@lru_cache(maxsize=1 << 16)  # an index folds the same few thousand names again and again
def key(name: str) -> str:
    """The form two spellings of one name share (case, hyphens, spacing)."""
    return " ".join(name.lower().translate(_HYPHENS).split())
