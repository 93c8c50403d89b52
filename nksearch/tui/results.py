"""The ranked result list: one line per hit, laid out for the width it gets.

Each line shows the rank, the title (matched words highlighted, cut with an
ellipsis when too long, never wrapped; a star before a starred one, a read
one dimmed), the date (an undated hit's title
takes its room), the outlet and a small bar giving the score relative to the
best hit. The layout is computed when the
line is drawn, so it follows terminal resizes. The list does not search; it
asks the app for more hits when the cursor moves past its last line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from nksearch.models import Hit
from nksearch.tui.keys import bindings
from nksearch.tui.session import Row, display_text
from nksearch.tui.text import highlighted

BAR_CELLS = 5
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def also_label(hit: Hit, *, long: bool) -> str:
    """`` +2 other outlets`` (or `` +2``) for a hit with near duplicates folded in."""
    if not hit.also:
        return ""
    outlets = {a.source for a in hit.also if a.source} - {hit.source}
    count = len(outlets) or len(hit.also)
    if not long:
        return f" +{count}"
    noun = "outlet" if outlets else "copy"
    plural = {"outlet": "outlets", "copy": "copies"}[noun] if count != 1 else noun
    return f" +{count} other {plural}"


def score_bar(fraction: float, cells: int = BAR_CELLS) -> str:
    """A bar ``cells`` wide, filled to ``fraction`` (0..1) in eighths of a cell."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * cells * 8)
    if fraction > 0 and eighths == 0:
        eighths = 1
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part else "")
    return bar.ljust(cells)


@dataclass(frozen=True)
class ResultRow(Visual):
    """One result line; lays itself out for the width it is drawn at.

    Columns, as the width allows: rank, title, date, outlet, score bar. The
    date and outlet columns line up from row to row; an undated hit gives
    the date's room to its title, and the outlet column is as wide as the
    longest outlet in the list (``source_width``, capped).
    """

    rank: int
    rank_width: int
    row: Row
    fraction: float
    source_width: int = 16

    def _content(self, width: int) -> Content:
        hit = self.row.hit
        number = f"{self.rank}.".rjust(self.rank_width + 1)
        source = display_text(hit.source or "")
        source_width = min(self.source_width, 16 if width >= 90 else 14)
        fixed = len(number) + 1 + 1 + BAR_CELLS
        date_room = len("2020-10-09") + 2
        parts_date = width - fixed >= 30
        if parts_date:
            fixed += date_room
        parts_source = source_width > 0 and width - fixed - source_width - 1 >= 24
        if parts_source:
            fixed += source_width + 1
        title_width = max(1, width - fixed)
        if parts_date and not hit.date:
            title_width += date_room
        others = also_label(hit, long=title_width >= 60)  # near duplicates folded in
        title_width = max(1, title_width - len(others))
        title = highlighted(self.row.title, self.row.title_spans, ".results-list--match")
        if self.row.marks.starred:
            title = Content.styled("★ ", ".results-list--star") + title
        title = title.truncate(title_width, ellipsis=True, pad=False)
        title += Content.styled(others, ".results-list--meta")
        title = title.truncate(title_width + len(others), pad=True)
        if self.row.marks.read:  # read articles are dimmed
            title = title.stylize_before(".results-list--read")
        pieces: list[Content] = [
            Content.styled(number, ".results-list--rank"),
            Content(" "),
            title,
        ]
        if parts_date and hit.date:
            pieces.append(Content.styled(f"  {hit.date}", ".results-list--meta"))
        if parts_source:
            cut = Content(source).truncate(source_width, ellipsis=True, pad=True)
            pieces.append(Content(" ") + cut.stylize(".results-list--meta"))
        pieces.append(Content(" "))
        pieces.append(Content.styled(score_bar(self.fraction), ".results-list--bar"))
        return Content("").join(pieces)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        content = self._content(width)
        return content.render_strips(width, 1, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class ResultsList(OptionList):
    """The hits of the current search, best first (or newest first)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("results")

    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {
        "results-list--match",
        "results-list--meta",
        "results-list--rank",
        "results-list--bar",
        "results-list--star",
        "results-list--read",
    }

    class LoadMore(Message):
        """The cursor went past the last hit."""

    class LeftTop(Message):
        """The cursor went up from the first hit."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: tuple[Row, ...] = ()
        self.more = False

    def show(self, rows: Sequence[Row], *, more: bool, keep: int | None = None) -> None:
        """Replace the lines with ``rows``; highlight row ``keep`` (or the first)."""
        self.rows = tuple(rows)
        self.more = more
        top = max((row.hit.score for row in self.rows), default=0.0)
        width = len(str(len(self.rows)))
        sources = max((len(display_text(row.hit.source or "")) for row in self.rows), default=0)
        options = [
            Option(ResultRow(rank, width, row, row.hit.score / top if top > 0 else 0.0, sources))
            for rank, row in enumerate(self.rows, 1)
        ]
        self.set_options(options)
        if self.rows:
            target = keep if keep is not None and 0 <= keep < len(self.rows) else 0
            self.highlighted = target
            self.scroll_to_highlight()

    @property
    def current(self) -> Row | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.rows):
            return None
        return self.rows[self.highlighted]

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= len(self.rows) - 1:
            if self.more:
                self.post_message(self.LoadMore())
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted == 0:
            self.post_message(self.LeftTop())
            return
        super().action_cursor_up()
