"""The search box, the inline error line and the did-you-mean line.

Typing always goes to the search box while it has focus (``?`` and ``s`` are
letters there, not commands); Down leaves it for the results. The suggestion
line runs its suggestion when clicked. None of these search by themselves.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from nksearch.tui.keys import bindings

PLACEHOLDER = 'Search articles, e.g. perdamaian, "gencatan senjata", title:putin'


class SearchBox(Input):
    """Where the query is typed."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("searchbar")

    def __init__(self, *, blink: bool = True, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.cursor_blink = blink


class ErrorLine(Static):
    """A one-line error; hidden when there is none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.message = ""

    def show(self, message: str) -> None:
        self.message = message
        self.update(Content(message))
        self.display = bool(message)


class SuggestionLine(Static):
    """``Did you mean …?``; a click (or ctrl+s) searches for the suggestion."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"suggestion-line--term"}

    class Chosen(Message):
        """The user picked the suggestion."""

        def __init__(self, suggestion: str) -> None:
            super().__init__()
            self.suggestion = suggestion

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.suggestion: str | None = None

    def show(self, suggestion: str | None) -> None:
        self.suggestion = suggestion
        self.display = bool(suggestion)
        if suggestion:
            self.update(
                Content("Did you mean ")
                + Content.styled(suggestion, ".suggestion-line--term")
                + Content("?  (ctrl+s or click to search for it)")
            )

    def choose(self) -> bool:
        """Post :class:`Chosen` for the current suggestion; False if there is none."""
        if not self.suggestion:
            return False
        self.post_message(self.Chosen(self.suggestion))
        return True

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.choose()
