"""The results area: the ranked list with a preview of the selected hit, or a text.

While a search has hits, the area shows the list and the preview of the
highlighted hit (below the list, or beside it on a wide terminal); otherwise
it shows a text in their place: a welcome, why nothing matched, how to add
files. It shows what the screen hands it and does not search.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.widgets import OptionList, Static

from nksearch.tui.preview import Preview
from nksearch.tui.results import ResultsList
from nksearch.tui.session import Row


class ResultsArea(Container):
    """The list and its preview, or a placeholder text (class ``-empty``)."""

    def compose(self) -> ComposeResult:
        yield ResultsList(id="results")
        yield Preview(id="preview")
        yield Static(id="placeholder", markup=False)

    def on_mount(self) -> None:
        self.results.border_title = "Results"
        self.query_one(Preview).border_title = "Preview"

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def text(self) -> Content | None:
        """The placeholder text shown, or None while the results are."""
        if not self.has_class("-empty"):
            return None
        content = self.query_one("#placeholder", Static).content
        return content if isinstance(content, Content) else Content(str(content))

    def show_text(self, content: Content) -> None:
        """Show ``content`` in place of the results, which are emptied."""
        self.results.show((), more=False)
        self.query_one(Preview).show(None)
        self.query_one("#placeholder", Static).update(content)
        self.add_class("-empty")

    def show_rows(
        self,
        rows: Sequence[Row],
        *,
        more: bool,
        keep_index: int | None = None,
        keep_path: str | None = None,
    ) -> None:
        """Show ``rows`` (at least one) and highlight row ``keep_index``.

        With ``keep_path``, the row of that article is highlighted instead
        (the first row when it is no longer among them).
        """
        keep = keep_index
        if keep_path is not None:
            paths = [row.hit.path for row in rows]
            keep = paths.index(keep_path) if keep_path in paths else None
        self.results.show(rows, more=more, keep=keep)
        self.remove_class("-empty")
        self.query_one(Preview).show(self.results.current)

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self) -> None:
        self.query_one(Preview).show(self.results.current)
