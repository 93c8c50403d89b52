"""The search UI, driven through Textual's Pilot against real indexes in tmp_path."""

from __future__ import annotations

import asyncio
import functools
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Static
from tui_settle import settle

import nksearch
from nksearch.errors import IndexProblem, damaged_index
from nksearch.tui import screen as screen_module
from nksearch.tui.app import NksearchApp, make_app
from nksearch.tui.article import ArticleScreen, ArticleText, wrap_lines
from nksearch.tui.filters import FilterBar
from nksearch.tui.help import HelpBox, HelpScreen
from nksearch.tui.messages import SearchDone
from nksearch.tui.pool import IndexPool
from nksearch.tui.results import ResultRow, ResultsList, score_bar
from nksearch.tui.screen import SearchScreen
from nksearch.tui.searchbar import ErrorLine, SearchBox, SuggestionLine
from nksearch.tui.session import Answer, Request, Row, Session
from nksearch.tui.status import StatusBar, SyncBar

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (100, 30)

PERDAMAIAN_TITLES = [
    "Putin Ajak Menlu Azerbaijan dan Armenia Bahas Perdamaian",
    "Rusia Tengahi Konflik Militer Azerbaijan-Armenia",
    "Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan Bahas Konflik",
    "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and their index, built once per module."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SEEDS, root / "corpus")
    nksearch.sync(root / "corpus", root / "index")
    return root


@pytest.fixture
def seeded(tmp_path: Path, template: Path) -> tuple[Path, Path]:
    """A private copy of the seed corpus and its index: (corpus, index)."""
    shutil.copytree(template / "corpus", tmp_path / "corpus")
    shutil.copytree(template / "index", tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def run(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no async plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def new_app(folders: tuple[Path, Path], **options: object) -> NksearchApp:
    """The app for ``(corpus, index)``, with timings hidden and no periodic checks."""
    options.setdefault("show_timings", False)
    options.setdefault("stale_interval", None)
    return make_app(*folders, **options)  # type: ignore[arg-type]


async def started(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the index is open (or has failed to open)."""
    for _ in range(200):
        await settle(pilot)
        if pilot.app.search_screen.ready or pilot.app.query_one(ErrorLine).message:
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never opened its index")


async def search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)
    await pilot.press("enter")
    await settle(pilot)


def titles(app: NksearchApp) -> list[str]:
    return [row.title for row in app.query_one(ResultsList).rows]


def marked(content: Content, style: str) -> list[str]:
    """The pieces of ``content`` styled with ``style``."""
    text = content.plain
    return [text[span.start : span.end] for span in content.spans if span.style == style]


def drawn_text(widget: Widget) -> str:
    """What ``widget`` draws on screen, line by line."""
    region = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
    return "\n".join(strip.text for strip in widget.render_lines(region))


def status_text(app: NksearchApp) -> str:
    return app.query_one(StatusBar).render_status().plain


def placeholder_text(app: NksearchApp) -> str:
    return str(app.query_one("#placeholder", Static).content)


async def until(pilot, condition: Callable[[], bool], seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for ``condition`` without waiting on workers (some are held on purpose)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never became true")


def failing_when(
    monkeypatch: pytest.MonkeyPatch, fails: Callable[[Request], bool], error: BaseException
) -> None:
    """Make the session's searches raise ``error`` for the requests ``fails`` picks."""
    original = Session.search

    def search(self: Session, request: Request, cancelled: Any = None) -> Answer | None:
        if fails(request):
            raise error
        return original(self, request, cancelled)

    monkeypatch.setattr(Session, "search", search)


LONG_TITLE = (
    "Presiden Joko Widodo menekankan pentingnya perdamaian dan kerja sama kawasan"
    " dalam pertemuan para pemimpin ASEAN di Vientiane"
)


def add_undated(corpus: Path, index: Path) -> None:
    """Two undated articles with long headlines, then a sync."""
    (corpus / "tanpa_tanggal.txt").write_text(
        f"{LONG_TITLE}\n\nJakarta - {LONG_TITLE}. Perdamaian kawasan dibahas lagi;"
        " perdamaian menjadi kata kunci.\n",
        encoding="utf-8",
    )
    (corpus / "tanpa_tanggal_2.txt").write_text(
        "Menteri Luar Negeri membahas perdamaian kawasan bersama para duta besar negara"
        " sahabat\n\nJakarta - Perdamaian kawasan dibahas para duta besar.\n",
        encoding="utf-8",
    )
    nksearch.sync(corpus, index)


# -- searching ---------------------------------------------------------------------


@run
async def test_typing_a_query_shows_seed_titles(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.focused is app.query_one("#search")
        await search(pilot, "perdamaian")
        assert titles(app) == PERDAMAIAN_TITLES
        assert status_text(app) == "4 hits · 5 articles · by relevance · index up to date"


@run
async def test_results_follow_typing_without_enter(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded, debounce=0.0)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press(*"sochi")
        await settle(pilot)
        answer = app.search_screen.answer
        assert answer is not None and answer.request.text == "sochi"
        assert titles(app) == [
            "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
        ]


@run
async def test_older_search_results_never_replace_newer_ones(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "sochi")
        shown = app.search_screen.answer
        assert shown is not None
        stale = Answer(Request("putin"), shown.results, ())
        app.search_screen.post_message(SearchDone(app.search_screen.seq - 1, stale))
        await settle(pilot)
        assert app.search_screen.answer is shown
        assert len(titles(app)) == 1


@run
async def test_a_slow_search_does_not_hold_up_a_newer_one(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        with app.session._pool.borrow():  # held, as by a search still running
            await search(pilot, "sochi")
            assert len(titles(app)) == 1


@run
async def test_preview_highlights_stem_matches(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        content = app.query_one("#preview-text", Static).content
        assert isinstance(content, Content)
        found = [word.lower() for word in marked(content, ".preview--match")]
        assert "perdamaian" in found  # in the title
        assert "damai" in found  # in the snippet: the same stem
        row = app.query_one(ResultsList).rows[0]
        assert row.title[row.title_spans[0][0] : row.title_spans[0][1]] == "Perdamaian"


@run
async def test_typing_question_mark_and_s_goes_to_the_search_box(
    seeded: tuple[Path, Path],
) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("s", "i", "a", "p", "a", "question_mark", "f", "j")
        await settle(pilot)
        assert app.query_one("#search", Input).value == "siapa?fj"
        assert app.search_screen.sort == "relevance"
        assert not isinstance(app.screen, HelpScreen)
        assert not app.query_one("#filters").display


@run
async def test_bad_query_shows_an_inline_error(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        app.query_one("#search", Input).value = "armenia " * 1500
        await pilot.press("enter")
        await settle(pilot)
        error = app.query_one(ErrorLine)
        assert error.display
        assert "shorten it to 10,000 or fewer" in error.message
        assert titles(app) == []
        app.query_one("#search", Input).value = ""
        await search(pilot, "sochi")
        assert not error.display
        assert len(titles(app)) == 1


@run
async def test_bad_date_is_shown_inline_and_good_dates_filter(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "putin")
        assert len(titles(app)) == 5
        await pilot.press("down", "f")
        assert app.query_one("#filters").display
        assert app.focused is app.query_one("#filter-since")
        await pilot.press(*"2020-13-01")
        await settle(pilot)
        error = app.query_one("#filter-error", Static)
        assert str(error.content) == "since: '2020-13-01' is not a date (YYYY-MM-DD)"
        assert len(titles(app)) == 5  # the last good results stay
        since = app.query_one("#filter-since", Input)
        since.value = ""
        await pilot.press(*"2021-01-01")
        await settle(pilot)
        assert str(error.content) == ""
        assert titles(app) == [
            "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
        ]
        assert "since 2021-01-01" in status_text(app)


@run
async def test_source_filter(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "armenia")
        await pilot.press("down", "f", "tab", "tab")
        assert app.focused is app.query_one("#filter-source")
        await pilot.press(*"tempo")
        await settle(pilot)
        assert [row.hit.source for row in app.query_one(ResultsList).rows] == ["Tempo"]


@run
async def test_s_toggles_sort_between_relevance_and_date(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "putin")
        by_relevance = titles(app)
        await pilot.press("down", "s")
        await settle(pilot)
        assert app.search_screen.sort == "date"
        assert "by date" in status_text(app)
        dates = [row.hit.date for row in app.query_one(ResultsList).rows]
        known = [d for d in dates if d]
        assert known == sorted(known, reverse=True)
        await pilot.press("s")
        await settle(pilot)
        assert titles(app) == by_relevance


@run
async def test_a_failed_sort_keeps_the_results_and_the_focus(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = True
    damaged = damaged_index(seeded[1], IndexError("list index out of range"))
    failing_when(monkeypatch, lambda request: failing and request.sort == "date", damaged)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "putin")
        by_relevance = titles(app)
        results = app.query_one(ResultsList)
        await pilot.press("down", "j", "s")
        await settle(pilot)
        error = (
            f"index {str(seeded[1])!r} is damaged (IndexError); rebuild it from a shell:"
            f" nksearch index --rebuild --index {seeded[1]} --corpus {seeded[0]}"
        )
        assert app.query_one(ErrorLine).message == error
        assert app.focused is results
        assert titles(app) == by_relevance
        assert results.highlighted == 1
        assert app.search_screen.sort == "relevance"
        assert status_text(app) == "5 hits · 5 articles · by relevance · index up to date"
        await pilot.press("s")  # tries again: never typed into the query
        await settle(pilot)
        assert app.query_one("#search", Input).value == "putin"
        assert app.focused is results
        assert titles(app) == by_relevance
        assert app.query_one(ErrorLine).message == error
        failing = False
        await pilot.press("s")
        await settle(pilot)
        assert app.search_screen.sort == "date"
        assert not app.query_one(ErrorLine).display
        assert status_text(app) == "5 hits · 5 articles · by date · index up to date"
        assert app.focused is results


@run
async def test_an_unexpected_failure_of_more_hits_keeps_the_list(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_module, "PAGE", 2)
    failing_when(monkeypatch, lambda request: request.limit > 2, RuntimeError("disk on fire"))
    app = new_app(seeded)
    async with app.run_test(size=(80, 17)) as pilot:
        await started(pilot)
        await search(pilot, "armenia")
        results = app.query_one(ResultsList)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert app.query_one(ErrorLine).message == "unexpected error: RuntimeError: disk on fire"
        assert len(titles(app)) == 2
        assert results.highlighted == 1
        assert app.focused is results
        assert status_text(app) == "2 of 5 hits · 5 articles · by relevance · index up to date"


@run
async def test_a_new_query_failing_on_the_index_says_so(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damaged_index(seeded[1], ValueError("bad"))
    failing_when(monkeypatch, lambda request: request.text == "sochi", damaged)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "sochi")
        assert titles(app) == []
        assert app.query_one(ErrorLine).message.startswith(f"index {str(seeded[1])!r} is damaged")
        assert placeholder_text(app) == (
            "The search failed; the message above says why and what to do."
        )


@run
async def test_a_slow_search_says_searching_until_its_results_arrive(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    original = Session.search

    def slow(self: Session, request: Request, cancelled: Any = None) -> Answer | None:
        if request.text != "sochi":
            gate.wait(60)
        return original(self, request, cancelled)

    monkeypatch.setattr(Session, "search", slow)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await started(pilot)
            await pilot.press(*"putin", "enter")
            await until(pilot, lambda: status_text(app).startswith("searching…"))
            assert status_text(app) == "searching… · 5 articles · by relevance · index up to date"
            assert placeholder_text(app) == "Searching for 'putin'…"
            gate.set()
            await settle(pilot)
            assert status_text(app) == "5 hits · 5 articles · by relevance · index up to date"
            gate.clear()
            app.query_one("#search", Input).value = ""
            await search(pilot, "sochi")
            assert status_text(app) == "1 hit · 5 articles · by relevance · index up to date"
            await pilot.press("backspace")  # "soch": held
            await until(pilot, lambda: status_text(app).startswith("searching…"))
            assert titles(app) == [  # the last results stay until the new ones come
                "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
            ]
        finally:
            gate.set()
        await settle(pilot)
        assert not status_text(app).startswith("searching…")


@run
async def test_no_hits_say_what_to_try(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "zebrakuda")
        assert placeholder_text(app) == (
            "No articles match 'zebrakuda'.\n\n"
            "Check the spelling, use fewer words, or end a word with * (presid*)."
        )
        await pilot.press("ctrl+p")
        await pilot.press(*"filters", "enter")
        await pilot.pause()
        await pilot.press(*"2021-01-01")
        await settle(pilot)
        assert placeholder_text(app) == (
            "No articles match 'zebrakuda' (since 2021-01-01).\n\n"
            "The filters may hide matches: change them (ctrl+p, Filters).\n"
            "Check the spelling, use fewer words, or end a word with * (presid*)."
        )


@run
async def test_suggestion_is_shown_and_ctrl_s_runs_it(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamian")
        line = app.query_one(SuggestionLine)
        assert line.display and line.suggestion == "perdamaian"
        assert titles(app) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.query_one("#search", Input).value == "perdamaian"
        assert titles(app) == PERDAMAIAN_TITLES
        assert not line.display


@run
async def test_clicking_the_suggestion_runs_it(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamian")
        assert await pilot.click(SuggestionLine)
        await settle(pilot)
        assert titles(app) == PERDAMAIAN_TITLES


@run
async def test_more_hits_load_when_moving_past_the_last(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen_module, "PAGE", 2)
    app = new_app(seeded)
    async with app.run_test(size=(80, 17)) as pilot:  # the list shows one line
        await started(pilot)
        await search(pilot, "armenia")
        assert len(titles(app)) == 2
        assert status_text(app).startswith("2 of 5 hits")
        await pilot.press("down", "down", "down")
        await settle(pilot)
        results = app.query_one(ResultsList)
        assert len(results.rows) == 4
        assert results.highlighted == 1
        await pilot.press("down")
        assert results.highlighted == 2


# -- reading articles ---------------------------------------------------------------


@run
async def test_open_article_and_return_keeps_selection(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        await pilot.press("down", "j")
        results = app.query_one(ResultsList)
        assert results.highlighted == 1
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.document.article.title == PERDAMAIAN_TITLES[1]
        assert "Lavrov" in screen.view.text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)
        assert results.highlighted == 1
        assert app.focused is results


@run
async def test_click_on_a_result_opens_it(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        assert await pilot.click(ResultsList, offset=(10, 3))
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.document.article.title == PERDAMAIAN_TITLES[2]


@run
async def test_n_and_shift_n_move_between_matches(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=(80, 12)) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        view = screen.view
        assert len(view.spans) == 3
        assert view.current is None
        for expected in range(len(view.spans)):
            await pilot.press("n")
            assert view.current == expected
            start, end = view.spans[expected]
            assert view.text[start:end].lower() in {"damai", "perdamaian"}
            line = view.line_of(start)
            top = round(view.scroll_y)
            assert top <= line < top + view.scrollable_content_region.height
        await pilot.press("n")
        assert view.current == 0
        await pilot.press("N")
        assert view.current == len(view.spans) - 1
        counter = screen.query_one("#article-counter", Static).content
        assert str(counter) == f"match {len(view.spans)}/{len(view.spans)}"


@run
async def test_current_match_is_drawn_differently(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        await pilot.press("down", "enter")
        await settle(pilot)
        view = app.screen.view  # type: ignore[attr-defined]
        await pilot.press("n")
        start, end = view.spans[0]
        word = view.text[start:end]
        strip = view.render_line(view.line_of(start) - round(view.scroll_y))
        styles = {seg.text: seg.style for seg in strip if seg.text == word}
        assert styles[word].bgcolor is not None
        other_start, other_end = view.spans[1]
        other = view.render_line(view.line_of(other_start) - round(view.scroll_y))
        other_word = view.text[other_start:other_end]
        plain_bg = next(seg.style.bgcolor for seg in other if seg.text == other_word)
        assert styles[word].bgcolor != plain_bg


@run
async def test_article_header_keeps_the_match_counter_in_view_at_80x24(
    seeded: tuple[Path, Path],
) -> None:
    add_undated(*seeded)
    app = new_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await search(pilot, "title:vientiane")
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        counter = screen.query_one("#article-counter", Static)
        title = screen.query_one("#article-title", Static)
        assert drawn_text(counter).strip() == "1 match · n: next"
        assert counter.region.right <= 80
        assert drawn_text(title).rstrip().endswith("…")
        assert drawn_text(title).strip().startswith("Presiden Joko Widodo")
        await pilot.press("n")
        assert drawn_text(counter).strip() == "match 1/1"
        meta = str(screen.query_one("#article-meta", Static).content)
        assert meta == "no date · unknown outlet · clean text · tanpa_tanggal.txt"


@run
async def test_r_toggles_the_raw_file(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "sochi")
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert "loading..." not in screen.view.text
        await pilot.press("r")
        assert screen.raw
        assert "loading..." in screen.view.text
        assert "raw file" in str(screen.query_one("#article-meta", Static).content)
        assert screen.view.spans  # matches are highlighted in the raw file too
        await pilot.press("r")
        assert "loading..." not in screen.view.text


@run
async def test_slash_goes_back_to_the_search_box_from_an_article(
    seeded: tuple[Path, Path],
) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "sochi")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)
        assert app.focused is app.query_one("#search")


# -- untrusted text -------------------------------------------------------------------


@run
async def test_markup_and_escapes_in_a_document_render_literally(
    seeded: tuple[Path, Path],
) -> None:
    root, index = seeded
    (root / "markup.txt").write_text(
        "Judul [bold red]MERAH[/] dan \x1b[31mmerah\x1b[0m\n\n"
        "Jakarta - Teks [bold red]MERAH[/] dengan kode \x1b[31mwarna\x1b[0m"
        " dan [link=http://x]tautan[/link] di dalamnya.\n",
        encoding="utf-8",
    )
    nksearch.sync(root, index)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "merah")
        assert titles(app) == ["Judul [bold red]MERAH[/] dan merah"]
        preview = str(app.query_one("#preview-text", Static).content)
        assert "[bold red]MERAH[/]" in preview
        assert "\x1b" not in preview
        for widget in (app.query_one(ResultsList), app.query_one("#preview-text")):
            drawn = drawn_text(widget)
            assert "Judul [bold red]MERAH[/] dan merah" in drawn
            assert "\x1b" not in drawn
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert "Teks [bold red]MERAH[/] dengan kode warna" in screen.view.text
        assert "[link=http://x]tautan[/link]" in screen.view.text
        await pilot.press("r")
        assert "\x1b" not in screen.view.text
        assert "[bold red]MERAH[/]" in screen.view.text
        rendered = drawn_text(screen.view)
        assert "Judul [bold red]MERAH[/] dan merah" in rendered
        assert "\x1b" not in rendered


# -- the index and the corpus -----------------------------------------------------------


@run
async def test_ctrl_r_picks_up_a_file_added_while_running(seeded: tuple[Path, Path]) -> None:
    root, _index = seeded
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "zebrakuda")
        assert titles(app) == []
        (root / "baru.txt").write_text(
            "Zebrakuda Terlihat di Jakarta\n\nJakarta - Seekor zebrakuda terlihat di kebun.\n",
            encoding="utf-8",
        )
        app.check_stale(now=True)
        await settle(pilot)
        assert "1 file changed: ctrl+r" in status_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.search_screen.documents == 6
        assert titles(app) == ["Zebrakuda Terlihat di Jakarta"]
        assert "6 articles" in status_text(app)
        assert "index up to date" in status_text(app)


@run
async def test_missing_index_is_built_at_start(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "corpus")
    app = new_app((tmp_path / "corpus", tmp_path / "index"))
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.search_screen.documents == 5
        await search(pilot, "sochi")
        assert len(titles(app)) == 1


@run
async def test_empty_corpus_shows_how_to_add_files(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    app = new_app((tmp_path / "corpus", tmp_path / "index"))
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.search_screen.documents == 0
        text = str(app.query_one("#placeholder", Static).content)
        assert "No articles in the corpus folder" in text
        assert "nksearch add FILE…" in text
        assert "press ctrl+r" in text
        assert status_text(app) == "0 articles · by relevance · index up to date"
        (tmp_path / "corpus" / "satu.txt").write_text(
            "Satu Berita\n\nJakarta - Berita pertama tentang gempa.\n", encoding="utf-8"
        )
        app.check_stale(now=True)
        await settle(pilot)
        assert "1 file changed: ctrl+r" in status_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await search(pilot, "gempa")
        assert titles(app) == ["Satu Berita"]


@run
async def test_missing_corpus_is_an_inline_error(tmp_path: Path) -> None:
    app = new_app((tmp_path / "nowhere", tmp_path / "index"))
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert app.is_running
        error = app.query_one(ErrorLine)
        assert error.display and "does not exist" in error.message
        assert "Create the folder" in str(app.query_one("#placeholder", Static).content)


@run
async def test_unexpected_worker_errors_are_shown_inline(
    seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Session) -> list[str]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Session, "stale", broken)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await settle(pilot)
        assert app.is_running
        assert app.query_one(ErrorLine).message == "unexpected error: RuntimeError: disk on fire"
        await search(pilot, "sochi")
        assert len(titles(app)) == 1


# -- keys, help, commands ---------------------------------------------------------------


@run
async def test_f1_and_question_mark_show_help(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.click("#help-table")
        assert isinstance(app.screen, HelpScreen)  # a click inside keeps it open
        await pilot.click(offset=(1, 1))
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await search(pilot, "sochi")
        await pilot.press("down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.focused is app.query_one(ResultsList)


@run
async def test_every_help_line_can_be_reached_at_80x24(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("f1")
        await pilot.pause()
        box = app.screen.query_one(HelpBox)
        assert app.focused is box
        assert box.max_scroll_y > 0
        assert box.border_subtitle == "↑/↓ scroll · Esc closes"
        last = list(box.query(".help-does"))[-1]
        assert str(last.content) == "words starting with azer"
        assert not box.scrollable_content_region.contains_region(last.region)
        while box.scroll_y < box.max_scroll_y:
            before = box.scroll_y
            await pilot.press("space")
            await pilot.pause()
            assert box.scroll_y > before
        assert box.scrollable_content_region.contains_region(last.region)
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y - 1
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)


@run
async def test_help_fits_at_120x40(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("f1")
        await pilot.pause()
        box = app.screen.query_one(HelpBox)
        assert box.max_scroll_y == 0
        assert box.border_subtitle == "Esc closes"


@run
async def test_up_from_the_first_result_returns_to_the_search_box(
    seeded: tuple[Path, Path],
) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "putin")
        await pilot.press("down")
        assert app.focused is app.query_one(ResultsList)
        await pilot.press("k")
        assert app.focused is app.query_one("#search")


@run
async def test_command_palette_lists_the_actions(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Sync index", "Toggle sort", "Filters", "Help"} <= names
        await pilot.press("ctrl+p")
        await pilot.press(*"toggle sort", "enter")
        await settle(pilot)
        assert app.search_screen.sort == "date"


@run
async def test_ctrl_q_quits_with_exit_code_zero(seeded: tuple[Path, Path]) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press(*"sochi")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


# -- pieces ---------------------------------------------------------------------------------


def test_wrap_lines_breaks_at_spaces_and_keeps_offsets() -> None:
    text = "satu dua tiga empat\n\nlima"
    lines = wrap_lines(text, 9)
    assert [text[a:b] for a, b in lines] == ["satu dua", "tiga", "empat", "", "lima"]
    assert wrap_lines("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]


def test_score_bar() -> None:
    assert score_bar(1.0) == "█████"
    assert score_bar(0.5) == "██▌  "
    assert score_bar(0.0) == "     "
    assert score_bar(0.001) == "▏    "


def test_long_titles_are_cut_with_an_ellipsis() -> None:
    hit = nksearch.Hit("a.txt", "x" * 200, "2020-10-09", "Tempo", 1.0, "", ())
    row = Row(hit, hit.title, (), "", ())
    for width in (40, 76, 150):
        line = ResultRow(1, 1, row, 1.0)._content(width)
        assert line.cell_length == width
        assert "…" in line.plain
        assert "2020-10-09" in line.plain


def test_an_undated_hit_gives_the_date_room_to_its_title() -> None:
    title = "Presiden Joko Widodo menekankan pentingnya perdamaian dan kerja sama kawasan"
    dated = nksearch.Hit("a.txt", title, "2020-10-09", "CNN Indonesia", 1.0, "", ())
    undated = nksearch.Hit("b.txt", title, None, "Antara", 0.5, "", ())
    lines = [
        ResultRow(rank, 1, Row(hit, hit.title, (), "", ()), hit.score, 13)._content(75).plain
        for rank, hit in enumerate((dated, undated), 1)
    ]
    assert lines == [
        "1. Presiden Joko Widodo menekankan penting…  2020-10-09 CNN Indonesia █████",
        "2. Presiden Joko Widodo menekankan pentingnya perdamai… Antara        ██▌  ",
    ]
    unsourced = nksearch.Hit("c.txt", title, None, None, 1.0, "", ())
    line = ResultRow(1, 1, Row(unsourced, title, (), "", ()), 1.0, 0)._content(75).plain
    assert line == "1. Presiden Joko Widodo menekankan pentingnya perdamaian dan kerja s… █████"


class SyncBarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SyncBar()


@run
async def test_sync_bar_names_the_files_and_counts_the_time() -> None:
    app = SyncBarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(SyncBar)
        bar.start("Building the index")
        assert bar.label == "Building the index"
        bar.advance(10, 3463)
        await pilot.pause()
        assert bar.label == "Building the index (3,463 files)"
        assert str(bar.query_one("#sync-time", Static).content) == "0:00"
        bar.stop()
        assert not bar.display


def test_index_pool_lends_each_index_to_one_thread(template: Path) -> None:
    pool = IndexPool(template / "index", size=2)
    with pytest.raises(IndexProblem), pool.borrow():
        pass
    assert pool.reset() == 5
    waiting = threading.Event()
    got: list[object] = []
    with pool.borrow() as first, pool.borrow() as second:
        assert first is not second

        def third() -> None:
            waiting.set()
            with pool.borrow() as index:
                got.append(index)

        thread = threading.Thread(target=third)
        thread.start()
        waiting.wait()
        # Both are lent: the third call waits on the pool's condition (a
        # generous deadline, which only a call that never waits would miss).
        deadline = time.monotonic() + 60
        while not pool._cond._waiters and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.01)
        assert len(pool._cond._waiters) == 1 and not got  # type: ignore[attr-defined]
        assert thread.is_alive()
    thread.join(60)  # a generous deadline: only a hang fails it
    assert got and got[0] in (first, second)
    pool.close()


def test_index_pool_reset_closes_indexes_when_they_come_back(template: Path) -> None:
    pool = IndexPool(template / "index", size=2)
    pool.reset()
    with pool.borrow() as old:
        pool.reset()
    with pool.borrow() as new:
        assert new is not old
        assert new.search("sochi").total == 1
    pool.close()


def test_session_module_is_headless() -> None:
    code = (
        "import sys, nksearch.tui.session, nksearch.tui.pool;"
        "assert 'textual' not in sys.modules and 'rich' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_key_table_makes_the_bindings_the_help_and_the_readme() -> None:
    """Keys are written once: every binding, help line and README row comes from KEYS."""
    from nksearch.tui import keys
    from nksearch.tui.help import HelpBox, help_sections

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert keys.markdown_table() in readme
    shown = [key for _heading, rows in help_sections() for key, _does in rows]
    for key in keys.KEYS:
        assert key.keys.replace("`", "") in shown
    bound = {
        (b.key, b.action)
        for widget in (
            NksearchApp, SearchScreen, ResultsList, ArticleScreen, ArticleText, HelpScreen,
            HelpBox, SearchBox, FilterBar,
        )
        for b in widget.BINDINGS
        if isinstance(b, Binding)
    }
    listed = {(b.key, b.action) for key in keys.KEYS for b in key.binds}
    assert {("s", "screen.toggle_sort"), ("ctrl+r", "resync"), ("n", "next_match")} <= listed
    assert bound <= listed


@run
async def test_notes_and_suggestions_for_every_unknown_word(seeded: tuple[Path, Path]) -> None:
    """The status line says where the search differs from the query; a word no article
    has gets a did-you-mean even when the other words find plenty."""
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "Pashinyan~5")
        assert "at most 2 edits are allowed" in status_text(app)
        app.query_one("#search", Input).value = ""
        await search(pilot, "Rusia perdamian")
        line = app.query_one(SuggestionLine)
        assert line.display and line.suggestion == "Rusia perdamaian"
        assert "edits" not in status_text(app)
        assert len(titles(app)) > 3


def test_a_sync_tells_what_was_read_with_a_warning() -> None:
    from nksearch.models import Skipped, SyncReport
    from nksearch.tui.help import sync_notices

    report = SyncReport(
        added=2,
        skipped=(Skipped("rusak.txt", "binary data"),),
        warnings=(
            Skipped("kliping.md", "front matter is not valid YAML (line 3): read as text"),
            Skipped("lain.md", "front matter has no closing '---' line: read as text"),
        ),
    )
    assert sync_notices(report, 7) == [
        ("Index synced: 2 added, 0 updated, 0 removed.", "information"),
        ("1 file(s) could not be read.", "warning"),
        ("kliping.md: front matter is not valid YAML (line 3): read as text (and 1 more)",
         "warning"),
    ]
    assert sync_notices(SyncReport(added=7, rebuilt=True), 7) == [
        ("Index built: 7 articles.", "information")
    ]
