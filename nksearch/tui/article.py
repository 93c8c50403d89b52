"""The article reader: the whole text with every match highlighted.

``ArticleText`` is a line-API widget: it wraps the text itself, so it knows on
which screen line each match lies, scrolls straight to it, and draws only the
lines in view, however long the article. ``ArticleScreen`` puts a header above
it (the title, cut to leave the match counter always in view, then date,
outlet, text shown and file) and toggles between the clean text and the raw
file. Neither reads the
index; the app hands them a ready :class:`~nksearch.tui.session.Document`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content, Span
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widgets import Footer, Static

from nksearch.tui import messages as msg
from nksearch.tui.keys import bindings
from nksearch.tui.session import Document, Spans, display_text
from nksearch.tui.text import highlighted

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

_MATCH, _CURRENT = "article-text--match", "article-text--current"


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Word-wrap ``text`` to ``width`` cells; ``(start, end)`` offsets per screen line.

    Lines break at spaces (the space is not shown); a word longer than the
    width is cut. Every ``\\n`` starts a new line and empty lines are kept.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        size = len(paragraph)
        start = 0
        if size == 0:
            lines.append((offset, offset))
        while start < size:
            end = min(size, start + width)
            while end > start + 1 and cell_len(paragraph[start:end]) > width:
                end -= 1
            if end < size:
                space = paragraph.rfind(" ", start, end + 1)
                if space > start:
                    end = space
            lines.append((offset + start, offset + end))
            start = end
            while start < size and paragraph[start] == " " and start > 0:
                start += 1
        offset += size + 1
    return lines


class ArticleText(ScrollView, can_focus=True):
    """Scrollable, wrapped text with highlighted matches and a current match."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-text--match", "article-text--current"}

    BINDINGS: ClassVar[list[BindingType]] = bindings("article-text")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.spans: Spans = ()
        self.current: int | None = None
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0

    def set_text(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        """Show ``text`` from the top with ``spans`` highlighted and no current match."""
        self.text = text
        self.spans = tuple(sorted(spans))
        self.current = None
        self._width = 0
        self._rewrap()
        self.scroll_to(0, 0, animate=False)

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._lines = wrap_lines(self.text, width)
        self._starts = [start for start, _end in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self) -> None:
        self._rewrap()
        if self.current is not None:
            self._reveal(self.current)

    def line_of(self, offset: int) -> int:
        """The screen line showing character ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def jump(self, step: int) -> int | None:
        """Make the next (``step`` 1) or previous (-1) match current and show it."""
        if not self.spans:
            return None
        count = len(self.spans)
        if self.current is None:
            self.current = 0 if step > 0 else count - 1
        else:
            self.current = (self.current + step) % count
        self._reveal(self.current)
        self.refresh()
        return self.current

    def _reveal(self, number: int) -> None:
        self._rewrap()
        line = self.line_of(self.spans[number][0])
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    def render_line(self, y: int) -> Strip:
        self._rewrap()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        start, end = self._lines[index]
        marks: list[Span] = []
        # Resolved here, not as ".name": a partial component style drops its background.
        current = self.get_visual_style(_CURRENT)
        for number, (left, right) in enumerate(self.spans):
            if left >= end:
                break
            if right > start:
                style = current if number == self.current else f".{_MATCH}"
                marks.append(Span(max(left, start) - start, min(right, end) - start, style))
        content = Content(self.text[start:end], marks)
        options = RenderOptions(self._get_style, cast("RulesMap", self.styles))
        strips = content.render_strips(max(width, 1), 1, self.visual_style, options)
        strip = strips[0] if strips else Strip.blank(width, self.rich_style)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)


class ArticleScreen(Screen[None]):
    """One article, full screen; Escape goes back to the results."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-screen--match"}

    BINDINGS: ClassVar[list[BindingType]] = bindings("article")

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.raw = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="article-head"):
            yield Static(id="article-title", markup=False)
            yield Static(id="article-counter", markup=False)
        yield Static(id="article-meta", markup=False)
        yield ArticleText(id="article-text")
        yield Footer()

    @property
    def view(self) -> ArticleText:
        return self.query_one(ArticleText)

    def on_mount(self) -> None:
        doc = self.document
        title = highlighted(doc.title, doc.title_spans, ".article-screen--match")
        self.query_one("#article-title", Static).update(title)
        self._show()
        self.view.focus()
        self.app.post_message(msg.ArticleOpened(doc.article.path, doc.query))

    def _show(self) -> None:
        doc = self.document
        if self.raw:
            self.view.set_text(doc.raw, doc.raw_spans)
        else:
            self.view.set_text(doc.body, doc.body_spans)
        self._update_meta()

    def _update_meta(self) -> None:
        doc = self.document
        article = doc.article
        facts = [
            article.date or "no date",
            display_text(article.source or "unknown outlet"),
            "raw file" if self.raw else "clean text",
            display_text(article.path),  # last: the longest, cut first
        ]
        self.query_one("#article-meta", Static).update(Content(" · ".join(facts)))
        counter = self.query_one("#article-counter", Static)
        counter.update(Content(self.counter))
        counter.display = bool(self.counter)

    @property
    def counter(self) -> str:
        """Where the reader is among the matches of the query ("" without a query)."""
        count = len(self.view.spans)
        if not self.document.query.strip():
            return ""
        if count == 0:
            return "no matches"
        if self.view.current is None:
            return f"{count} match{'es' if count != 1 else ''} · n: next"
        return f"match {self.view.current + 1}/{count}"

    def action_back(self) -> None:
        self.dismiss()

    def action_next_match(self) -> None:
        if self.view.jump(1) is None:
            self.notify("No matches in this text", severity="warning")
        self._update_meta()

    def action_previous_match(self) -> None:
        if self.view.jump(-1) is None:
            self.notify("No matches in this text", severity="warning")
        self._update_meta()

    def action_similar(self) -> None:
        """More like this article (the search screen lists them)."""
        screen = self.app.screen_stack[0]
        if hasattr(screen, "show_similar"):
            screen.show_similar(self.document.article.path)

    def action_toggle_raw(self) -> None:
        self.raw = not self.raw
        self._show()
