"""Help and the texts shown in place of results.

The help lists the keys (from ``keys``) and the query syntax, and scrolls
when the terminal is short. The other texts say what to do: type a query,
add files to an empty corpus, wait for the first build, change a query that
found nothing. Paths and queries named in them are shown as plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Static

from nksearch.models import SyncReport
from nksearch.tui.keys import KEYS, bindings

SYNTAX: tuple[tuple[str, str], ...] = (
    ("perdamaian", "any form of the word: damai, berdamai, perdamaian"),
    ("putin armenia", "either word; articles with both rank first"),
    ('"gencatan senjata"', "the exact phrase"),
    ("rusia AND turki", "both words; also OR, NOT"),
    ("title:putin", "in the title; also source:, body:"),
    ("azer*", "words starting with azer"),
)


Section = tuple[str, tuple[tuple[str, str], ...]]


def help_sections() -> tuple[Section, ...]:
    """The help: headed sections of (key or example, what it does) pairs."""
    keys = tuple(
        (key.keys.replace("`", ""), f"{key.where}: {key.does.replace('`', '')}") for key in KEYS
    )
    return (("Keys", keys), ("Queries", SYNTAX))


def welcome_content(documents: int) -> Content:
    """What the results area shows before the first query."""
    word = "article" if documents == 1 else "articles"
    return Content("\n").join(
        [
            Content(f"Type to search {documents:,} {word}."),
            Content(""),
            Content('Examples: perdamaian · "gencatan senjata" · title:putin · rusia NOT sochi'),
            Content("F1 or ? for help, ctrl+p for commands, ctrl+q to quit."),
        ]
    )


def empty_corpus_content(corpus: Path) -> Content:
    """How to add articles to an empty corpus."""
    lines = [
        Content.styled(f"No articles in the corpus folder {corpus} yet.", "bold"),
        Content(""),
        Content("Add some from a shell:"),
        Content.styled("    nksearch add FILE…", "bold"),
        Content(f"or copy .txt files into {corpus}, then press ctrl+r here."),
    ]
    return Content("\n").join(lines)


def building_content(text: str, corpus: Path) -> Content:
    """What the results area shows while the index is built before first use."""
    return Content("\n").join(
        [
            Content.styled(f"{text}…", "bold"),
            Content(""),
            Content(f"Articles from {corpus}; the bar below shows the progress."),
            Content("Type a query meanwhile: it runs as soon as the index is ready."),
        ]
    )


def no_hits_content(query: str, filters: str) -> Content:
    """Why a search found nothing, and what to try."""
    where = f" ({filters})" if filters else ""
    lines = [Content.styled(f"No articles match {query!r}{where}.", "bold"), Content("")]
    if filters:
        lines.append(Content("The filters may hide matches: change them (ctrl+p, Filters)."))
    lines.append(Content("Check the spelling, use fewer words, or end a word with * (presid*)."))
    return Content("\n").join(lines)


def search_failed_content(*, query_error: bool) -> Content:
    """What the results area shows when a new query failed (the error is above it)."""
    if query_error:
        return Content("Fix the query above to see results.")
    return Content("The search failed; the message above says why and what to do.")


def missing_corpus_content(corpus: Path, error: str) -> Content:
    """What to do when the corpus folder is missing."""
    return Content("\n").join(
        [
            Content.styled(error, "bold"),
            Content(""),
            Content(f"Create the folder {corpus} and copy .txt articles into it, then press"),
            Content("ctrl+r, or start again with: nksearch tui --corpus FOLDER"),
        ]
    )


class HelpBox(VerticalScroll):
    """The help text; scrolls when the terminal is too short for all of it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help-box")

    def compose(self) -> ComposeResult:
        with Grid(id="help-table"):
            for number, (heading, rows) in enumerate(help_sections()):
                classes = "help-heading" + (" -first" if number == 0 else "")
                yield Static(Content.styled(heading, "bold"), classes=classes)
                for key, does in rows:
                    yield Static(Content(key), classes="help-key")
                    yield Static(Content(does), classes="help-does")

    def on_resize(self) -> None:
        self.call_after_refresh(self._hint)

    def _hint(self) -> None:
        more = self.max_scroll_y > 0
        self.border_subtitle = "↑/↓ scroll · Esc closes" if more else "Esc closes"


class HelpScreen(ModalScreen[None]):
    """Keys and query syntax."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def compose(self) -> ComposeResult:
        box = HelpBox(id="help-box")
        box.border_title = "nksearch help"
        yield box

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # a click beside the box closes the help
            self.dismiss()


def sync_notices(report: SyncReport, documents: int) -> list[tuple[str, SeverityLevel]]:
    """What a finished sync tells the user: what changed, and what was not read cleanly."""
    notices: list[tuple[str, SeverityLevel]] = []
    if report.rebuilt and documents:
        notices.append((f"Index built: {documents:,} articles.", "information"))
    elif report.changed and not report.rebuilt:
        notices.append((
            f"Index synced: {report.added} added, {report.updated} updated,"
            f" {report.removed} removed.",
            "information",
        ))
    if report.skipped:
        notices.append((f"{len(report.skipped)} file(s) could not be read.", "warning"))
    if report.warnings:
        first = report.warnings[0]
        more = f" (and {len(report.warnings) - 1} more)" if len(report.warnings) > 1 else ""
        notices.append((f"{first.path}: {first.reason}{more}", "warning"))
    return notices
