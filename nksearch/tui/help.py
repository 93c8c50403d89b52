"""Help: the keys (from ``keys``), query syntax, and what to do with an empty corpus.

The texts here are fixed; paths named in them are shown as plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from nksearch.tui.keys import KEYS, bindings

SYNTAX: tuple[tuple[str, str], ...] = (
    ("perdamaian", "any form of the word: damai, berdamai, perdamaian"),
    ("putin armenia", "either word; articles with both rank first"),
    ('"gencatan senjata"', "the exact phrase"),
    ("rusia AND turki", "both words; also OR, NOT"),
    ("title:putin", "in the title; also source:, body:"),
    ("azer*", "words starting with azer"),
)


def help_content() -> Content:
    """The help text."""
    lines: list[Content] = [Content.styled("Keys", "bold"), Content("")]
    keys = [
        (key.keys.replace("`", ""), f"{key.where}: {key.does.replace('`', '')}") for key in KEYS
    ]
    width = max(len(key) for key, _ in keys) + 2
    lines += [Content.styled(key.ljust(width), "bold") + Content(text) for key, text in keys]
    lines += [Content(""), Content.styled("Queries", "bold"), Content("")]
    width = max(len(example) for example, _ in SYNTAX) + 2
    lines += [
        Content.styled(example.ljust(width), "bold") + Content(text) for example, text in SYNTAX
    ]
    lines += [Content(""), Content("Esc, F1 or ? closes this help.")]
    return Content("\n").join(lines)


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


class HelpScreen(ModalScreen[None]):
    """Keys and query syntax."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "nksearch help"
            yield Static(help_content(), id="help-text")

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # a click beside the box closes the help
            self.dismiss()
