"""What user text may be: tags, notes, names of saved searches and queries.

Tags, notes and names are typed by a person but printed to terminals and
written into exports, so they are checked here before they reach the
database: absurd input (a megabyte of note, thousands of tags, NUL bytes)
is a :class:`~nksearch.errors.UsageError` saying what is wrong, never a
corrupted or bloated database. Escaping for display is the front ends' job.
"""

from __future__ import annotations

import re

from nksearch.errors import Option, UsageError

MAX_TAG = 64
MAX_TAGS = 100
MAX_NOTE = 10_000
MAX_NAME = 100
MAX_QUERY = 10_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _encodable(text: str, what: str) -> str:
    """``text``, refused when it is not valid Unicode (a lone surrogate from bad bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"{what} is not valid text (character {exc.start + 1})") from exc
    return text


def check_tag(tag: str) -> str:
    """A tag as stored: trimmed, one line, no comma, at most 64 characters."""
    text = _encodable(tag, "a tag").strip()
    if not text:
        raise UsageError(Option("tag"), " cannot be empty")
    if _CONTROL.search(text):
        raise UsageError(Option("tag"), f" {text[:40]!r} has control characters")
    if "," in text:
        raise UsageError(Option("tag"), f" {text[:40]!r} has a comma: one tag per --tag")
    if len(text) > MAX_TAG:
        raise UsageError(Option("tag"), f" has {len(text):,} characters; at most {MAX_TAG}")
    return text


def check_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Tags as stored, each checked, duplicates dropped, at most 100."""
    if len(tags) > MAX_TAGS:
        raise UsageError(f"{len(tags):,} tags at once; a document has at most {MAX_TAGS}")
    seen: dict[str, None] = {}
    for tag in tags:
        seen[check_tag(tag)] = None
    return list(seen)


def check_note(note: str) -> str:
    """A note as stored: any lines of text, at most 10,000 characters."""
    _encodable(note, "the note")
    if len(note) > MAX_NOTE:
        raise UsageError(Option("note"), f" has {len(note):,} characters; at most {MAX_NOTE:,}")
    if _NOTE_CONTROL.search(note):
        raise UsageError(Option("note"), " has control characters (a NUL byte or an escape)")
    return note.strip()


def check_name(name: str) -> str:
    """The name of a saved search: one line, at most 100 characters."""
    text = _encodable(name, "the name").strip()
    if not text:
        raise UsageError("a saved search needs a name")
    if _CONTROL.search(text):
        raise UsageError(f"the name {text[:40]!r} has control characters")
    if len(text) > MAX_NAME:
        raise UsageError(f"the name has {len(text):,} characters; at most {MAX_NAME}")
    return text


def check_query(query: str) -> str:
    """A query worth keeping: not empty, no NUL, at most 10,000 characters."""
    if not _encodable(query, "the query").strip():
        raise UsageError("the query is empty")
    if "\x00" in query:
        raise UsageError("the query has a NUL byte")
    if len(query) > MAX_QUERY:
        raise UsageError(f"the query has {len(query):,} characters; at most {MAX_QUERY:,}")
    return query
