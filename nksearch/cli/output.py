"""How the CLI writes to the terminal: results, documents, notes, progress.

Everything that came from a corpus file passes through
:func:`nksearch.documents.safety.clean_text` before it is written, so no escape
sequence from a document reaches the terminal. Colour is used only when the
stream is a terminal and ``NO_COLOR`` is unset. Data goes to stdout;
notes, warnings, errors and progress go to stderr.

This module holds no logic about searching or indexing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any, TextIO

from nksearch.documents.safety import clean_text, escape_undecodable
from nksearch.models import Also, Article, Results, Stats, SyncReport

BOLD, DIM, YELLOW, RED, CYAN = "\x1b[1m", "\x1b[2m", "\x1b[33m", "\x1b[31m", "\x1b[36m"
RESET = "\x1b[0m"
#: Seconds between progress lines when stderr is not a terminal.
PROGRESS_EVERY = 5.0


def colour_on(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set."""
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _paint(text: str, style: str, on: bool) -> str:
    return f"{style}{text}{RESET}" if on else text


def safe(text: str) -> str:
    """Untrusted text, safe to print: no control sequences, always encodable.

    A file name that is not UTF-8 reaches Python with its bytes as lone
    surrogates; those are written as ``\\xNN`` instead of failing to encode.
    """
    return escape_undecodable(clean_text(text))


def data(text: str) -> None:
    sys.stdout.write(text + "\n")


def note(message: str) -> None:
    sys.stderr.write(f"{safe(message)}\n")


def warn(message: str) -> None:
    on = colour_on(sys.stderr)
    sys.stderr.write(f"{_paint('nksearch: warning:', YELLOW, on)} {safe(message)}\n")


def error(message: str) -> None:
    on = colour_on(sys.stderr)
    sys.stderr.write(f"{_paint('nksearch: error:', RED, on)} {safe(message)}\n")


def progress_bar(
    label: str,
    *,
    every: float = PROGRESS_EVERY,
    clock: Callable[[], float] = time.monotonic,
    unit: str = "files",
) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback for stderr.

    On a terminal it redraws a bar; otherwise (a log file, a pipe) it writes
    one plain line at most every ``every`` seconds, so a long build shows it
    is alive without filling the log.
    """
    if sys.stderr.isatty():
        return _bar(label)
    last = clock()

    def line(done: int, total: int) -> None:
        nonlocal last
        now = clock()
        if now - last < every or done >= total:  # the summary says when it is done
            return
        last = now
        sys.stderr.write(f"{label}: {done:,} of {total:,} {unit}\n")
        sys.stderr.flush()

    return line


def _bar(label: str) -> Callable[[int, int], None]:
    width = 30

    def draw(done: int, total: int) -> None:
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{label} [{bar}] {done}/{total}{end}")
        sys.stderr.flush()

    return draw


def sync_summary(report: SyncReport, *, first: bool = False) -> str:
    """One line saying what a sync did; ``first`` for the build of a new index."""
    if first:
        return (
            f"built a new index: {report.added} added, {len(report.skipped)} skipped"
            f" ({report.took_ms / 1000:.2f} s)"
        )
    kind = "rebuilt" if report.rebuilt else "synced"
    return (
        f"{kind}: {report.added} added, {report.updated} updated, {report.removed} removed,"
        f" {len(report.skipped)} skipped, {report.unchanged} unchanged"
        f" ({report.took_ms / 1000:.2f} s)"
    )


def highlighted(snippet: str, spans: tuple[tuple[int, int], ...], on: bool) -> str:
    """``snippet`` with its match spans in bold yellow (if colour is on)."""
    if not on or not spans:
        return safe(snippet)
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        parts.append(safe(snippet[last:start]))
        parts.append(_paint(safe(snippet[start:end]), BOLD + YELLOW, on))
        last = end
    parts.append(safe(snippet[last:]))
    return "".join(parts)


def also_lines(also: tuple[Also, ...]) -> list[str]:
    """``+2 other outlets`` and a line per folded article, for a hit."""
    if not also:
        return []
    outlets = {a.source for a in also if a.source}
    label = f"+{len(also)} other article{'s' if len(also) != 1 else ''}"
    if outlets:
        label += f" ({len(outlets)} other outlet{'s' if len(outlets) != 1 else ''})"
    lines = [label]
    for item in also:
        meta = " · ".join(p for p in (item.date or "no date", item.source or "") if p)
        lines.append(f"  {safe(item.title)} — {safe(meta)} · {safe(item.path)}")
    return lines


def results(found: Results, marks: Mapping[str, Any] | None = None) -> None:
    """Ranked hits on stdout (each with its marks, if given); the count and notes on stderr."""
    on = colour_on(sys.stdout)
    out = sys.stdout
    if not found.hits:
        out.write("No results.\n")
    for rank, hit in enumerate(found.hits, 1):
        meta = " · ".join(
            part for part in (hit.date or "no date", hit.source or "", safe(hit.path)) if part
        )
        out.write(f"{_paint(f'{rank:>2}.', DIM, on)} {_paint(safe(hit.title), BOLD, on)}\n")
        out.write(f"    {_paint(meta, CYAN, on)}  {_paint(f'score {hit.score:.2f}', DIM, on)}\n")
        if marks and hit.path in marks:
            out.write(f"    {_paint(marks_line(marks[hit.path]), YELLOW, on)}\n")
        out.write(f"    {highlighted(hit.snippet, hit.matches, on)}\n")
        out.write("".join(f"    {line}\n" for line in also_lines(hit.also or ())) + "\n")
    shown = len(found.hits)
    if found.total:
        footer = f"{shown} of {found.total} hit{'s' if found.total != 1 else ''}"
    else:
        footer = "no hits"
    sys.stderr.write(f"{footer} in {found.took_ms:.0f} ms\n")
    for text in found.notes:
        note(text)
    if found.suggestion:
        sys.stderr.write(f"Did you mean: {safe(found.suggestion)}\n")


def marks_line(marks: Any) -> str:
    """A document's marks in one line: ``★ starred · read · tags: a, b · note: …``."""
    parts = (["★ starred"] if marks.starred else []) + (["read"] if marks.read else ["unread"])
    if marks.tags:
        parts.append("tags: " + ", ".join(safe(tag) for tag in marks.tags))
    if marks.note:
        parts.append("note: " + " ".join(safe(marks.note).split()))
    return " · ".join(parts)


def document(article: Article, *, raw: bool) -> None:
    out = sys.stdout
    if raw:
        out.write(safe(article.raw))
        return
    on = colour_on(out)
    out.write(_paint(safe(article.title), BOLD, on) + "\n")
    parts = (article.date or "no date", article.source or "", article.path)
    meta = " · ".join(p for p in parts if p)
    out.write(_paint(safe(meta), CYAN, on) + "\n\n")
    out.write(safe(article.body) + "\n")


def stats(info: Stats) -> None:
    out = sys.stdout
    out.write(f"documents:   {info.documents}\n")
    out.write(f"index size:  {info.index_bytes / 1_048_576:.1f} MB ({safe(info.index)})\n")
    out.write(f"corpus size: {info.corpus_bytes / 1_048_576:.1f} MB ({safe(info.corpus)})\n")
    out.write(f"last sync:   {local_time(info.last_sync)}\n")
    out.write(f"outlets:     {len(info.outlets)}\n")
    width = len(str(info.outlets[0].documents)) if info.outlets else 0
    for outlet in info.outlets:
        out.write(f"  {outlet.documents:>{width}}  {safe(outlet.name)}\n")
    out.write(f"stale files: {len(info.stale)}\n")
    for path in info.stale:
        out.write(f"  {safe(path)}\n")


def local_time(moment: str | None) -> str:
    """An ISO 8601 time as ``YYYY-MM-DD HH:MM:SS ZONE`` in the local time zone."""
    if not moment:
        return "never"
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return safe(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    local = parsed.astimezone()
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or local.strftime('%z')}"
