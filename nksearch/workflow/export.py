"""Results written out for other tools: JSON, JSON Lines, CSV and Markdown.

Every function returns text and prints nothing. Text from documents and
from the user (titles, snippets, tags, notes, queries) has its terminal
control sequences removed in every format. CSV follows RFC 4180 (UTF-8,
every line ending in CRLF, fields quoted when they need it), and a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so that a spreadsheet shows it as text instead of running it
as a formula. Markdown escapes its own punctuation, so a title shows
literally instead of as a link or emphasis.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from nksearch.documents.safety import clean_text, escape_undecodable
from nksearch.models import Hit, Results
from nksearch.workflow.marks import NO_MARKS, Marks

FORMATS = ("text", "json", "jsonl", "csv", "md")
HEADER = ("rank", "path", "title", "date", "source", "score", "snippet")
MARK_COLUMNS = ("tags", "note")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_BLOCK = re.compile(r"^(?:(?=[-+#>=])|(\d+)(?=[.)]))")

#: One query's answer with the marks of its hits: ``(query or None, results, marks)``.
Answer = tuple[str | None, Results, Mapping[str, Marks]]


def plain(text: str) -> str:
    """Untrusted text with no control sequences, encodable as UTF-8."""
    return escape_undecodable(clean_text(text))


def cell(text: str) -> str:
    """A CSV cell: plain text that no spreadsheet takes for a formula."""
    value = plain(text)
    return "'" + value if value.startswith(_FORMULA) else value


def hit_dict(hit: Hit, marks: Mapping[str, Marks], **extra: Any) -> dict[str, Any]:
    """A hit as in ``query --json``, with its ``marks`` (and ``extra`` keys first)."""
    return {**extra, **hit.to_dict(), "marks": marks.get(hit.path, NO_MARKS).to_dict()}


def results_dict(results: Results, marks: Mapping[str, Marks]) -> dict[str, Any]:
    """``results.to_dict()`` with each hit's marks."""
    data = results.to_dict()
    data["hits"] = [hit_dict(hit, marks) for hit in results.hits]
    return data


def to_json(results: Results, marks: Mapping[str, Marks]) -> str:
    return json.dumps(results_dict(results, marks), ensure_ascii=True)


def to_jsonl(answers: Iterable[Answer]) -> str:
    """One JSON object per hit and line: rank, its query in a batch, the hit and its marks."""
    lines = []
    for query, results, marks in answers:
        for rank, hit in enumerate(results.hits, 1):
            extra: dict[str, Any] = {"query": query} if query is not None else {}
            lines.append(json.dumps(hit_dict(hit, marks, **extra, rank=rank), ensure_ascii=True))
    return "".join(line + "\n" for line in lines)


def _has_marks(answers: list[Answer]) -> bool:
    return any(
        marks.get(hit.path, NO_MARKS).tags or marks.get(hit.path, NO_MARKS).note
        for _, results, marks in answers
        for hit in results.hits
    )


def to_csv(answers: Iterable[Answer], *, with_query: bool = False) -> str:
    """One row per hit; a ``query`` column first in a batch, ``tags,note`` where marks exist."""
    answers = list(answers)
    marked = _has_marks(answers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = (("query",) if with_query else ()) + HEADER + (MARK_COLUMNS if marked else ())
    writer.writerow(header)
    for query, results, marks in answers:
        for rank, hit in enumerate(results.hits, 1):
            row = [cell(query or "")] if with_query else []
            row += [
                str(rank),
                cell(hit.path),
                cell(hit.title),
                hit.date or "",
                cell(hit.source or ""),
                f"{hit.score:.4f}",
                cell(hit.snippet),
            ]
            if marked:
                mine = marks.get(hit.path, NO_MARKS)
                row += [cell(", ".join(mine.tags)), cell(mine.note or "")]
            writer.writerow(row)
    return out.getvalue()


def md(text: str) -> str:
    """Untrusted text as literal Markdown on one line."""
    inline = _MARKDOWN_INLINE.sub(r"\\\1", " ".join(plain(text).split()))
    return _MARKDOWN_BLOCK.sub(lambda m: (m.group(1) or "") + "\\", inline, count=1)


def to_markdown(results: Results, marks: Mapping[str, Marks]) -> str:
    """A heading naming the query, then a numbered list: title, date · outlet · path, snippet."""
    lines = [f"# {md(results.query)}", ""]
    shown = len(results.hits)
    lines += [f"{shown} of {results.total} hit{'s' if results.total != 1 else ''}", ""]
    for rank, hit in enumerate(results.hits, 1):
        indent = " " * (len(str(rank)) + 2)
        mine = marks.get(hit.path, NO_MARKS)
        star = "★ " if mine.starred else ""
        lines.append(f"{rank}. {star}**{md(hit.title) or '(untitled)'}**\\")
        meta = " · ".join(md(part) for part in (hit.date or "no date", hit.source or "", hit.path)
                          if part)  # fmt: skip
        parts = [meta, md(hit.snippet)]
        if mine.tags:
            parts.append("tags: " + ", ".join(md(tag) for tag in mine.tags))
        if mine.note:
            parts.append("note: " + md(mine.note))
        for number, part in enumerate(parts):
            end = "\\" if number < len(parts) - 1 else ""
            lines.append(f"{indent}{part}{end}")
        lines.append("")
    return "\n".join(lines)
