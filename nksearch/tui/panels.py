"""Small screens over the search: a one-line input, and the saved searches.

:class:`PromptScreen` asks for one line of text (a tag, a note, a name, a
file name) and returns it, or None when Esc closes it. :class:`SavedScreen`
lists the saved searches, each with its number of new hits, and returns what
the person chose to do. Both show user text literally (no markup), and
neither touches the index: the app does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from nksearch.tui.keys import bindings
from nksearch.tui.session import display_text, one_line
from nksearch.workflow.searching import SavedStatus


class PromptScreen(ModalScreen[str | None]):
    """One line of text: Enter returns it, Esc returns None."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("prompt")

    def __init__(
        self, title: str, *, value: str = "", placeholder: str = "", max_length: int = 0
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="panel"):
            yield Static(Content(self.title_text), id="prompt-title", markup=False)
            yield Input(
                value=self.value,
                placeholder=self.placeholder,
                max_length=self.max_length,
                id="prompt-input",
                select_on_focus=False,
            )
            yield Static(Content("Enter: done · Esc: cancel"), classes="panel-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def saved_line(status: SavedStatus, width: int) -> Content:
    """One saved search: its name, its new and total hits, its query."""
    name = one_line(display_text(status.search.name)).ljust(width)
    counts = f"{status.new} new of {status.total}"
    query = one_line(display_text(status.search.query))
    line = Content(f"{name}  ") + Content.styled(counts.rjust(14), "bold" if status.new else "")
    return line + Content(f"  {query}")


class SavedScreen(ModalScreen[tuple[str, str] | None]):
    """The saved searches; returns ``("run", name)``, ``("add", "")``, ``("remove", name)``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("saved")

    def __init__(self, statuses: Sequence[SavedStatus]) -> None:
        super().__init__()
        self.statuses = tuple(statuses)

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-box", classes="panel"):
            yield Static(Content("Saved searches"), id="saved-title", markup=False)
            width = max((len(s.search.name) for s in self.statuses), default=0)
            yield OptionList(
                *[Option(saved_line(s, min(width, 24))) for s in self.statuses],
                id="saved-list",
                markup=False,
            )
            empty = "None yet: press a to save the current search." if not self.statuses else ""
            yield Static(Content(empty), id="saved-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#saved-empty").display = not self.statuses
        self.query_one(OptionList).focus()

    def _selected(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.statuses):
            return None
        return self.statuses[index].search.name

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(("run", self.statuses[event.option_index].search.name))

    def action_add(self) -> None:
        self.dismiss(("add", ""))

    def action_remove(self) -> None:
        name = self._selected()
        if name is None:
            self.app.bell()
            return
        self.dismiss(("remove", name))

    def action_close(self) -> None:
        self.dismiss(None)
