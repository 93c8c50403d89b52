"""The story features of the UI: more like this, timeline strip, facet panel, folded copies."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList

import nksearch
from nksearch.tui.app import NksearchApp, make_app
from nksearch.tui.preview import Preview
from nksearch.tui.results import ResultsList
from nksearch.tui.story import FacetPanel, SimilarScreen, TimelineStrip

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
S001, S002 = "001_63c42fef90ae31eb.txt", "002_dbd056f822f32af2.txt"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(SEEDS, tmp_path / "corpus")
    nksearch.sync(tmp_path / "corpus", tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def new_app(folders: tuple[Path, Path]) -> NksearchApp:
    return make_app(*folders, show_timings=False, stale_interval=None, cursor_blink=False)


async def settle(pilot: Any) -> None:
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def started(pilot: Any) -> None:
    for _ in range(300):
        await settle(pilot)
        if pilot.app.search_screen.ready:
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never opened its index")


async def search(pilot: Any, text: str) -> None:
    await pilot.press(*text, "enter")
    await settle(pilot)


def run(coroutine: Any) -> None:
    asyncio.run(coroutine)


def test_m_lists_the_articles_most_like_the_selected_one(folders: tuple[Path, Path]) -> None:
    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await search(pilot, "Lavrov menengahi")
            await pilot.press("down")
            rows = app.query_one(ResultsList).rows
            index = [r.hit.path for r in rows].index(S001)
            for _ in range(index):
                await pilot.press("j")
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, SimilarScreen)
            listing = app.screen.query_one("#similar-list", OptionList)
            assert listing.get_option_at_index(0).id == S002
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is app.search_screen

    run(body())


def test_m_in_the_article_view_lists_similar_articles(folders: tuple[Path, Path]) -> None:
    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await search(pilot, "Zakharova")
            await pilot.press("down", "enter")
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, SimilarScreen)
            assert app.screen.path == S002
            listing = app.screen.query_one("#similar-list", OptionList)
            assert listing.get_option_at_index(0).id == S001
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.document.article.path == S001  # type: ignore[attr-defined]

    run(body())


def test_timeline_strip_counts_the_query_and_a_chosen_month_filters(
    folders: tuple[Path, Path],
) -> None:
    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await search(pilot, "Armenia")
            strip = app.query_one(TimelineStrip)
            assert strip.display
            assert strip.timeline is not None
            assert strip.timeline.buckets[0] == ("2020-10", 2)
            assert strip.timeline.undated == 1
            await pilot.press("down", "t")
            assert app.focused is strip
            await pilot.press("left")  # 2021-11 has one; the months before it none
            assert strip.timeline.buckets[strip.cursor][0] == "2020-11"
            await pilot.press("left", "enter")
            await settle(pilot)
            assert app.query_one("#filter-since", Input).value == "2020-10-01"
            assert app.query_one("#filter-until", Input).value == "2020-10-31"
            assert sorted(r.hit.path for r in app.query_one(ResultsList).rows) == [S001, S002]

    run(body())


def test_facet_panel_lists_and_filters(folders: tuple[Path, Path]) -> None:
    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await search(pilot, "Armenia")
            panel = app.query_one(FacetPanel)
            assert not panel.display
            await pilot.press("down", "p")
            await settle(pilot)
            assert panel.display and app.focused is panel
            ids = [panel.get_option_at_index(i).id for i in range(panel.option_count)]
            assert "source\tSINDOnews" in ids
            assert "person\tSergei Lavrov" in ids
            panel.highlighted = ids.index("person\tSergei Lavrov")
            await pilot.press("enter")
            await settle(pilot)
            assert app.search_screen.where == {"person": "Sergei Lavrov"}
            assert "person Sergei Lavrov" in app.search_screen.status.render_status().plain
            assert sorted(r.hit.path for r in app.query_one(ResultsList).rows) == [
                S001,
                "004_24ba11577c6bdac0.txt",
            ]
            chosen = panel.get_option_at_index(panel.highlighted or 0)
            assert chosen.id == "person\tSergei Lavrov"
            assert "✓ Sergei Lavrov 2" in str(chosen.prompt)
            await pilot.press("enter")  # again: let it go
            await settle(pilot)
            assert app.search_screen.where == {}
            assert len(app.query_one(ResultsList).rows) == 5
            await pilot.press("escape")
            assert not panel.display

    run(body())


def test_a_folded_story_shows_its_other_outlets(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    text = (corpus / S001).read_text(encoding="utf-8")
    (corpus / "salinan.txt").write_text(text.replace("medcom.id", "Tempo"), encoding="utf-8")
    nksearch.sync(corpus, index)

    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            await search(pilot, "Lavrov Moskow")
            rows = app.query_one(ResultsList).rows
            folded = [r for r in rows if r.hit.also]
            assert len(folded) == 1
            paths = {folded[0].hit.path, folded[0].hit.also[0].path}  # type: ignore[index]
            assert paths == {S001, "salinan.txt"}
            assert {r.hit.path for r in rows} & paths == {folded[0].hit.path}
            await pilot.press("down")
            for _ in range([r.hit.path for r in rows].index(folded[0].hit.path)):
                await pilot.press("j")
            await settle(pilot)
            shown = str(app.query_one(Preview).query_one("#preview-text").content)
            assert "+1 other outlet" in shown  # the copy names Tempo, not medcom.id

    run(body())


def test_similar_titles_and_facet_names_are_shown_literally(folders: tuple[Path, Path]) -> None:
    corpus, index = folders
    (corpus / "markup.txt").write_text(
        "Putin [red]Lavrov[/red] \x1b[31mMoskow Armenia Azerbaijan\n\n"
        "MOSKOW - Presiden Rusia Vladimir Putin dan Menlu Sergei Lavrov bertemu di Moskow"
        " membahas Armenia dan Azerbaijan serta Nagorno-Karabakh.\n",
        encoding="utf-8",
    )
    nksearch.sync(corpus, index)

    async def body() -> None:
        app = new_app(folders)
        async with app.run_test(size=(120, 35)) as pilot:
            await started(pilot)
            app.search_screen.show_similar(S001)
            await settle(pilot)
            assert isinstance(app.screen, SimilarScreen)
            listing = app.screen.query_one("#similar-list", OptionList)
            prompts = [
                str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
            ]
            shown = [p for p in prompts if "Lavrov" in p and "Putin [" in p]
            assert shown and "[red]Lavrov[/red]" in shown[0]
            assert all("\x1b" not in p for p in prompts)

    run(body())
