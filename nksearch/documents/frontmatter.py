"""Markdown saved by web clippers: YAML front matter and Markdown syntax.

Obsidian Web Clipper and MarkDownload write a page as Markdown that opens
with YAML front matter (``title``, ``source``/``url``, ``published``/``date``,
``created``, ``author``, ``tags``), often followed by the title again as a
``# Title`` heading and, in MarkDownload, a ``> ## Excerpt`` quote. ``read``
splits such a file into its ``Metadata`` and its text: the front matter, the
repeated heading and the excerpt are not article text, and Markdown syntax
(links, images, emphasis, heading marks) is reduced to plain text.

YAML is read with PyYAML's safe loader. Malformed or unusual front matter
(not a mapping, too long, unterminated) is not front matter: the file is then
read as text, never refused. ``published`` and ``date`` are publication
dates; ``created`` is when the page was clipped, a date of last resort. No I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nksearch.documents.metadata import Metadata, clean_title, date_value, outlet_fields

_OPEN = re.compile(r"\A(?:\ufeff)?[ \t]*---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_MAX_FRONT = 64 * 1024

_TITLE_KEYS = ("title", "judul", "headline")
_DATE_KEYS = ("published", "date", "pubdate", "publish_date", "published_at", "datepublished")
_SAVED_KEYS = ("created", "clipped", "saved", "date_saved", "downloaded")
_URL_KEYS = ("source", "url", "link", "canonical", "original_url", "source_url")
_SITE_KEYS = ("site", "site_name", "sitename", "publisher", "outlet", "media", "source")

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_EXCERPT = re.compile(r"^\s{0,3}>\s*(?:#{1,6}\s*)?(?:excerpt|ringkasan|summary)\s*$", re.IGNORECASE)


def read(raw: str) -> tuple[str, Metadata]:
    """The article text of a Markdown file and what its front matter says."""
    fields, text = split(raw)
    meta = _metadata(fields) if fields else Metadata()
    if meta.title is None:  # MarkDownload: the title is the first heading
        heading = next((_HEADING.match(line) for line in text.split("\n") if line.strip()), None)
        if heading is not None and heading.group(0).lstrip().startswith("# "):
            meta = replace(meta, title=clean_title(heading.group(1)))
    return plain_text(text, title=meta.title), meta


def split(raw: str) -> tuple[dict[str, object] | None, str]:
    """``(front matter, rest)``; ``(None, raw)`` when there is no usable front matter."""
    opening = _OPEN.match(raw)
    if opening is None:
        return None, raw
    closing = _CLOSE.search(raw, opening.end(), opening.end() + _MAX_FRONT)
    if closing is None:
        return None, raw
    import yaml  # here, not at import time: most corpus files have no front matter

    try:
        fields = yaml.safe_load(raw[opening.end() : closing.start()])
    except (yaml.YAMLError, RecursionError, ValueError):
        return None, raw
    if not isinstance(fields, dict):
        return None, raw
    return {str(key).lower(): value for key, value in fields.items()}, raw[closing.end() :]


def problem(raw: str) -> str | None:
    """Why a file that opens like front matter has none usable, or None.

    Such a file is read as text (see :func:`split`); this says what to fix,
    for a warning.
    """
    opening = _OPEN.match(raw)
    if opening is None:
        return None
    closing = _CLOSE.search(raw, opening.end(), opening.end() + _MAX_FRONT)
    if closing is None:
        return "front matter has no closing '---' line: read as text"
    import yaml

    try:
        fields = yaml.safe_load(raw[opening.end() : closing.start()])
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark is not None else None
        where = f" (line {line})" if line is not None else ""
        return f"front matter is not valid YAML{where}: read as text"
    except (yaml.YAMLError, RecursionError, ValueError):
        return "front matter is not valid YAML: read as text"
    if fields is not None and not isinstance(fields, dict):
        return "front matter is not a list of 'key: value' lines: read as text"
    return None


def _metadata(fields: dict[str, object]) -> Metadata:
    url = next(
        (v for k in _URL_KEYS if isinstance(v := fields.get(k), str) and "." in v and " " not in v),
        None,
    )
    site = next(
        (v for k in _SITE_KEYS if isinstance(v := fields.get(k), str) and v != url and v.strip()),
        None,
    )
    outlet, unknown = outlet_fields(url, site)
    title = next((v for k in _TITLE_KEYS if isinstance(v := fields.get(k), str)), None)
    return Metadata(
        title=clean_title(title, site=site),
        date=next((d for k in _DATE_KEYS if (d := date_value(fields.get(k)))), None),
        saved=next((d for k in _SAVED_KEYS if (d := date_value(fields.get(k)))), None),
        outlet=outlet,
        site=unknown,
        url=url,
    )


def plain_text(text: str, *, title: str | None = None) -> str:
    """Markdown reduced to the text a reader sees, without a heading repeating ``title``."""
    lines = text.split("\n")
    out: list[str] = []
    key = _key(title)
    skipping_excerpt = False
    seen_text = False
    for line in lines:
        if skipping_excerpt:
            if _QUOTE.match(line) or not line.strip():
                continue
            skipping_excerpt = False
            if _RULE.match(line):
                continue
        if not seen_text and _EXCERPT.match(line):
            skipping_excerpt = True
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            line = heading.group(1)
            if not seen_text and key and _key(line) == key:
                continue  # the title again
        elif _RULE.match(line):
            out.append("")
            continue
        line = _BULLET.sub("", _QUOTE.sub("", line))
        line = _IMAGE.sub(" ", line)
        line = _REF_LINK.sub(r"\1", _LINK.sub(r"\1", line))
        line = _EMPHASIS.sub(r"\2", line)
        if line.strip():
            seen_text = True
        out.append(line)
    return "\n".join(out)


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text or "").lower().split())
