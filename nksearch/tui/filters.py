"""The filter bar: a date range, an outlet and the marks (starred, unread, a tag).

It checks dates as they are typed and says inline what is wrong; it posts
:class:`FilterBar.Changed` with the filters to apply, or with an error and no
filters while a field is invalid (the app then keeps the last results). It
does not search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Checkbox, Input, Label, Static

from nksearch.search.filters import parse_date
from nksearch.tui.keys import bindings


class DateValidator(Validator):
    """An empty field or a real ``YYYY-MM-DD`` date."""

    def validate(self, value: str) -> ValidationResult:
        value = value.strip()
        if not value or parse_date(value):
            return self.success()
        return self.failure(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2020-10-09")


@dataclass(frozen=True)
class Filters:
    """Filters in force; empty strings mean none."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    starred: bool = False
    unread: bool = False
    tag: str | None = None

    def describe(self) -> str:
        parts = [name for name in ("starred", "unread") if getattr(self, name)]
        if self.since and self.until:
            parts.append(f"{self.since} to {self.until}")
        elif self.since or self.until:
            parts.append(f"since {self.since}" if self.since else f"until {self.until}")
        if self.source:
            parts.append(f"source {self.source}")
        if self.tag:
            parts.append(f"tag {self.tag}")
        return ", ".join(parts)


class FilterBar(Vertical):
    """since / until / source fields, shown with ``f``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("filters")

    class Changed(Message):
        """The fields changed: ``filters`` to apply, or ``error`` to show."""

        def __init__(self, filters: Filters | None, error: str) -> None:
            super().__init__()
            self.filters = filters
            self.error = error

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-fields"):
            yield from self._fields()
        with Horizontal(id="filter-marks"):
            yield from self._mark_fields()
        yield Static(id="filter-error", markup=False)

    def _fields(self) -> ComposeResult:
        yield Label("since", classes="filter-label")
        yield Input(
            placeholder="YYYY-MM-DD",
            id="filter-since",
            max_length=10,
            compact=True,
            validators=[DateValidator()],
            validate_on=["changed", "submitted"],
        )
        yield Label("until", classes="filter-label")
        yield Input(
            placeholder="YYYY-MM-DD",
            id="filter-until",
            max_length=10,
            compact=True,
            validators=[DateValidator()],
            validate_on=["changed", "submitted"],
        )
        yield Label("source", classes="filter-label")
        yield Input(placeholder="e.g. tempo", id="filter-source", compact=True)

    def _mark_fields(self) -> ComposeResult:
        yield Label("marks", classes="filter-label")
        yield Checkbox("starred", id="filter-starred", compact=True)
        yield Checkbox("unread", id="filter-unread", compact=True)
        yield Label("tag", classes="filter-label")
        yield Input(placeholder="a tag", id="filter-tag", compact=True, max_length=64)

    def read(self) -> tuple[Filters | None, str]:
        """The filters the fields describe, or None and what is wrong."""
        since_text = self.query_one("#filter-since", Input).value.strip()
        until_text = self.query_one("#filter-until", Input).value.strip()
        source = self.query_one("#filter-source", Input).value.strip() or None
        errors = []
        since = parse_date(since_text) if since_text else None
        until = parse_date(until_text) if until_text else None
        if since_text and since is None:
            errors.append(f"since: {since_text!r} is not a date (YYYY-MM-DD)")
        if until_text and until is None:
            errors.append(f"until: {until_text!r} is not a date (YYYY-MM-DD)")
        if since and until and since > until:
            errors.append(f"since {since} is after until {until}")
        if errors:
            return None, "; ".join(errors)
        starred = self.query_one("#filter-starred", Checkbox).value
        unread = self.query_one("#filter-unread", Checkbox).value
        tag = self.query_one("#filter-tag", Input).value.strip() or None
        return Filters(since, until, source, starred, unread, tag), ""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        filters, error = self.read()
        shown = self.query_one("#filter-error", Static)
        shown.update(Content(error))
        shown.display = bool(error)
        self.post_message(self.Changed(filters, error))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(*self.read()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        filters, error = self.read()
        self.post_message(self.Changed(filters, error))
