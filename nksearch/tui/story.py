"""Following a story in the UI: timeline strip, facet panel, more like this.

- :class:`TimelineStrip`, above the results: the current query's matches per
  month as a row of bars; Left/Right choose a bar, Enter keeps only that
  month (the date filters are set to it), Esc goes back to the results.
- :class:`FacetPanel` (toggled with ``p``): outlets, months, people, places
  and organisations of every match, most first; Enter on an entry keeps only
  the articles with it, Enter again lets them go.
- :class:`SimilarScreen` (``m`` on a result or in the article): the articles
  most like the selected one; Enter opens one.

:class:`StoryScreenMixin` gives the search screen its actions and workers;
the data comes from :class:`~nksearch.tui.session.Session`.
"""

from __future__ import annotations

import contextlib
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from nksearch.errors import NksearchError
from nksearch.models import FACET_KINDS, Facets, Results, Timeline
from nksearch.search.timeline import period_range
from nksearch.tui.article import ArticleScreen
from nksearch.tui.keys import bindings
from nksearch.tui.session import display_text, one_line

_BARS = " ▁▂▃▄▅▆▇█"
_TITLES = {"source": "Outlets", "month": "Months", "person": "People", "place": "Places",
           "organization": "Organisations"}  # fmt: skip


class TimelineStrip(Static, can_focus=True):
    """The current query's matches per month; a chosen bar filters to its month."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("timeline")

    class Chosen(Message):
        def __init__(self, since: str, until: str) -> None:
            super().__init__()
            self.since, self.until = since, until

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.timeline: Timeline | None = None
        self.cursor = 0

    def show(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.display = bool(timeline and timeline.buckets)
        self.cursor = 0
        if timeline and timeline.buckets:
            self.cursor = len(timeline.buckets) - 1
        self._draw()

    def _draw(self) -> None:
        found = self.timeline
        if not found or not found.buckets:
            self.update("")
            return
        width = max(10, (self.size.width or self.app.size.width) - 2)
        buckets = found.buckets[-width:]
        offset = len(found.buckets) - len(buckets)
        peak = max(n for _p, n in buckets) or 1
        cell = max(1, min(4, width // len(buckets)))  # wider bars when there is room
        bars = Content("")
        for n, (_period, count) in enumerate(buckets):
            level = _BARS[max(1, round(count / peak * 8))] if count else "·"
            bar = level * max(1, cell - 1) + (" " if cell > 1 else "")
            style = ".timeline--cursor" if n + offset == self.cursor and self.has_focus else ""
            bars += Content.styled(bar, style) if style else Content(bar)
        period, count = found.buckets[self.cursor]
        label = f"{buckets[0][0]} … {buckets[-1][0]}   {period}: {count}"
        if found.undated:
            label += f" · {found.undated} undated"
        if self.has_focus:
            label += "   ←/→ choose, Enter filter"
        self.update(Content("\n").join([bars, Content.styled(label, ".timeline--label")]))

    def on_focus(self) -> None:
        self._draw()

    def on_blur(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _move(self, step: int) -> None:
        """To the next month with articles in direction ``step``."""
        buckets = self.timeline.buckets if self.timeline else ()
        at = self.cursor + step
        while 0 <= at < len(buckets) and not buckets[at][1]:
            at += step
        if 0 <= at < len(buckets):
            self.cursor = at
        self._draw()

    def action_left(self) -> None:
        self._move(-1)

    def action_right(self) -> None:
        self._move(1)

    def action_choose(self) -> None:
        if self.timeline and self.timeline.buckets:
            since, until = period_range(self.timeline.buckets[self.cursor][0], "month")
            self.post_message(self.Chosen(since, until))


class FacetPanel(OptionList):
    """Facet entries of the current query; Enter keeps (or lets go) an entry's articles."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("facets")

    class Chosen(Message):
        def __init__(self, kind: str, value: str) -> None:
            super().__init__()
            self.kind, self.value = kind, value

    def show(self, facets: Facets | None, where: dict[str, str]) -> None:
        """List ``facets``, ticking the entries of ``where``; the highlight stays on its entry."""
        current = self.highlighted
        kept = self.get_option_at_index(current).id if current is not None else None
        self.clear_options()
        if facets is None:
            return
        for kind in FACET_KINDS:
            values = getattr(facets, kind)
            chosen = where.get(kind)
            self.add_option(Option(Content.styled(_TITLES[kind], "bold"), disabled=True))
            if not values:
                self.add_option(Option("  -", disabled=True))
            for name, count in values:
                mark = "✓ " if chosen == name else "  "
                label = Content(f"{mark}{one_line(display_text(name))} {count}")  # literal text
                self.add_option(Option(label, id=f"{kind}\t{name}"))
        if kept is not None:
            with contextlib.suppress(OptionDoesNotExist):
                self.highlighted = self.get_option_index(kept)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition("\t")
        if value:
            self.post_message(self.Chosen(kind, value))


class SimilarScreen(Screen[None]):
    """Articles like one article; Enter opens one, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("similar")

    def __init__(self, path: str, results: Results) -> None:
        super().__init__()
        self.path, self.results = path, results

    def compose(self) -> ComposeResult:
        yield Static(f"More like {display_text(self.path)}", id="similar-title", markup=False)
        listing = OptionList(id="similar-list")
        for hit in self.results.hits:
            meta = " · ".join(p for p in (hit.date or "no date", hit.source or "") if p)
            label = Content(
                f"{one_line(display_text(hit.title or hit.path))}\n  {display_text(meta)}"
            )
            listing.add_option(Option(label, id=hit.path))  # Content: shown literally, no markup
        if not self.results.hits:
            listing.add_option(Option("No similar articles.", disabled=True))
        yield listing
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#similar-list", OptionList)
        listing.focus()
        if self.results.hits:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#similar-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._document_worker(event.option.id)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _document_worker(self, path: str) -> None:
        session = self.app.session  # type: ignore[attr-defined]
        try:
            document = session.document(path, "")
        except NksearchError as exc:
            self.app.call_from_thread(self.notify, session.describe(exc), severity="error")
            return
        self.app.call_from_thread(self.app.push_screen, ArticleScreen(document))

    def action_back(self) -> None:
        self.dismiss()


class StoryScreenMixin:
    """The search screen's story features (mixed into ``SearchScreen``)."""

    session: Any
    where: dict[str, str]

    def story_widgets(self) -> ComposeResult:
        yield TimelineStrip(id="timeline")
        yield FacetPanel(id="facets")

    def story_described(self, described: str) -> str:
        """The filters' description with the facet values chosen (``person Sergei Lavrov``)."""
        chosen = [f"{kind} {display_text(value)}" for kind, value in self.story_where()]
        return ", ".join(part for part in (described, *chosen) if part)

    def story_where(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(getattr(self, "where", {}).items()))

    def story_refresh(self, answer: Any) -> None:
        """Fetch the timeline (and the facets when shown) for the answer on screen."""
        strip = self.query_one(TimelineStrip)  # type: ignore[attr-defined]
        if answer is None or not answer.results.total:
            strip.show(None)
            self.query_one(FacetPanel).show(None, {})  # type: ignore[attr-defined]
            return
        self._story_worker(answer.request, self.query_one(FacetPanel).display)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _story_worker(self, request: Any, facets: bool) -> None:
        try:
            found = self.session.overview(request, facets=facets)
        except NksearchError:
            return  # the search itself reports what is wrong
        self.app.call_from_thread(self._story_shown, request, *found)  # type: ignore[attr-defined]

    def _story_shown(self, request: Any, timeline: Timeline, facets: Facets | None) -> None:
        answer = getattr(self, "answer", None)
        if answer is None or answer.request != request:
            return  # a newer search is on screen
        self.query_one(TimelineStrip).show(timeline)  # type: ignore[attr-defined]
        if facets is not None:
            self.query_one(FacetPanel).show(facets, self.where)  # type: ignore[attr-defined]

    def action_focus_timeline(self) -> None:
        strip = self.query_one(TimelineStrip)  # type: ignore[attr-defined]
        if strip.display:
            self.app.set_focus(strip)  # type: ignore[attr-defined]

    def action_toggle_facets(self) -> None:
        panel = self.query_one(FacetPanel)  # type: ignore[attr-defined]
        panel.display = not panel.display
        if panel.display:
            self.app.set_focus(panel)  # type: ignore[attr-defined]
            self.story_refresh(getattr(self, "answer", None))
        else:
            self.action_focus_results()  # type: ignore[attr-defined]

    def on_timeline_strip_chosen(self, message: TimelineStrip.Chosen) -> None:
        from textual.widgets import Input

        self.query_one("#filters").display = True  # type: ignore[attr-defined]
        self.query_one("#filter-since", Input).value = message.since  # type: ignore[attr-defined]
        self.query_one("#filter-until", Input).value = message.until  # type: ignore[attr-defined]
        self.action_focus_results()  # type: ignore[attr-defined]

    def on_facet_panel_chosen(self, message: FacetPanel.Chosen) -> None:
        if self.where.get(message.kind) == message.value:
            del self.where[message.kind]
        else:
            self.where[message.kind] = message.value
        self.search_now()  # type: ignore[attr-defined]

    def action_similar(self) -> None:
        row = self.results.current  # type: ignore[attr-defined]
        if row is not None:
            self.show_similar(row.hit.path)

    def show_similar(self, path: str) -> None:
        self._similar_worker(path)

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _similar_worker(self, path: str) -> None:
        try:
            found = self.session.similar(path)
        except NksearchError as exc:
            self.app.call_from_thread(self.show_error, self.session.describe(exc))  # type: ignore[attr-defined]
            return
        self.app.call_from_thread(self.app.push_screen, SimilarScreen(path, found))  # type: ignore[attr-defined]
