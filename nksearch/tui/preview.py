"""The preview of the selected hit: title, date and outlet, and its snippet.

Matched words are highlighted from the offsets the core computed (stem-aware:
a search for ``perdamaian`` marks ``damai`` too). The preview never reads the
index; it shows what the result row already carries.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from nksearch.tui.results import also_label
from nksearch.tui.session import Row, display_text
from nksearch.tui.text import highlighted


class Preview(VerticalScroll, can_focus=False):
    """A scrollable view of one hit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"preview--match", "preview--meta", "preview--title"}

    def compose(self) -> ComposeResult:
        yield Static(id="preview-text", markup=False)

    def show(self, row: Row | None) -> None:
        """Show ``row``, or nothing."""
        text = self.query_one("#preview-text", Static)
        if row is None:
            text.update("")
            return
        hit = row.hit
        title = highlighted(row.title, row.title_spans, ".preview--match").stylize_before(
            ".preview--title"
        )
        facts = [
            hit.date or "no date",
            display_text(hit.source or "unknown outlet"),
            display_text(hit.path),
        ]
        meta = Content.styled(" · ".join(facts), ".preview--meta")
        snippet = highlighted(row.snippet, row.snippet_spans, ".preview--match")
        lines = [title, meta, Content(""), snippet]
        if hit.also:  # the same story elsewhere (near duplicates)
            label = also_label(hit, long=True).strip()
            lines += [Content(""), Content.styled(label, ".preview--title")]
            for a in hit.also:
                about = " · ".join((a.date or "no date", a.source or "", a.path))
                lines.append(Content.styled(display_text(f"{a.title} — {about}"), ".preview--meta"))
        text.update(Content("\n").join(lines))
        self.scroll_home(animate=False)
