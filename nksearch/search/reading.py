"""Articles as a search shows them: stored fields, or the file read and cleaned.

An indexed article's title, date, outlet and text come from the index (what
the search found); its raw text is read from the corpus file. A file the
index does not hold is read and cleaned on the spot. Paths are resolved and
checked by the caller (``documents.corpus.resolve_document``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nksearch.documents.decode import decode, read_article
from nksearch.errors import DocumentNotFound
from nksearch.models import Article, Skipped


def indexed_article(stored: dict[str, Any], absolute: Path, rel: str) -> Article:
    """The article whose stored fields are ``stored``, its raw text read from ``absolute``."""
    try:
        raw = absolute.read_bytes()
    except OSError as exc:
        raise DocumentNotFound(f"cannot read {rel!r}: {exc.strerror}", path=rel) from exc
    try:
        raw_text = decode(raw)
    except ValueError:
        raw_text = raw.decode("utf-8", "replace")
    return Article(
        path=rel,
        title=stored.get("title", ""),
        date=stored.get("date") or None,
        source=stored.get("source") or None,
        body=stored.get("body", ""),
        raw=raw_text,
    )


def read_clean(corpus: Path, absolute: Path, rel: str) -> Article:
    """The corpus file at ``absolute`` read and cleaned."""
    found = read_article(corpus.resolve(), absolute)
    if isinstance(found, Skipped):
        raise DocumentNotFound(f"cannot show {rel!r}: {found.reason}", path=rel)
    return found
