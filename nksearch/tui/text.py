"""Turn untrusted text and match offsets into Textual ``Content``.

Content built here is plain text plus style spans: it is never parsed as
markup, so ``[bold red]`` in an article shows literally, and Content drops any
control character left over. Styles are names of component classes (written
``.name``) that the widget showing the content declares and the one ``.tcss``
file colours.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content, Span

from nksearch.tui.session import display_text


def highlighted(
    text: str,
    spans: Iterable[tuple[int, int]],
    style: str,
    *,
    current: int | None = None,
    current_style: str = "",
) -> Content:
    """``text`` with ``style`` on every span (and ``current_style`` on span ``current``)."""
    length = len(text)
    marks: list[Span] = []
    for number, (start, end) in enumerate(spans):
        start, end = max(0, start), min(length, end)
        if end > start:
            chosen = current_style if number == current and current_style else style
            marks.append(Span(start, end, chosen))
    return Content(text, marks)


def plain(text: str) -> Content:
    """Untrusted text as literal content."""
    return Content(display_text(text))
