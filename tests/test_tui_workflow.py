"""The UI's research workflow: marks, tags, notes, mark filters, history, saved searches,
export, and results that follow a sync made by another process."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, OptionList
from tui_settle import settle

import nksearch
from nksearch.tui.app import NksearchApp, make_app
from nksearch.tui.article import ArticleScreen
from nksearch.tui.panels import PromptScreen, SavedScreen
from nksearch.tui.results import ResultsList
from nksearch.tui.searchbar import ErrorLine, SearchBox
from nksearch.tui.status import StatusBar
from nksearch.workflow.marks import MarkChange, Marks
from nksearch.workflow.saved import SavedSearch
from nksearch.workflow.searching import save

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (100, 30)
FIRST = "001_63c42fef90ae31eb.txt"  # the best hit for perdamaian


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SEEDS, root / "corpus")
    nksearch.sync(root / "corpus", root / "index")
    return root


@pytest.fixture
def seeded(tmp_path: Path, template: Path) -> tuple[Path, Path]:
    shutil.copytree(template / "corpus", tmp_path / "corpus")
    shutil.copytree(template / "index", tmp_path / "index")
    return tmp_path / "corpus", tmp_path / "index"


def run(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def new_app(folders: tuple[Path, Path]) -> NksearchApp:
    # No pause in typing is waited for: filters changed one after the other
    # each search at once.
    return make_app(
        *folders, show_timings=False, stale_interval=None, cursor_blink=False, debounce=0.0
    )


async def started(pilot) -> None:  # type: ignore[no-untyped-def]
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


def marks_of(folders: tuple[Path, Path]) -> dict[str, Marks]:
    with nksearch.open_userdata(folders[1], folders[0]) as user:
        return user.marks()


def rows(app: NksearchApp) -> list[tuple[str, Marks]]:
    return [(row.hit.path, row.marks) for row in app.query_one(ResultsList).rows]


@run
async def test_star_read_tag_and_note_keys_mark_the_selected_result(
    seeded: tuple[Path, Path],
) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        await pilot.press("down", "asterisk", "u")
        await settle(pilot)
        assert marks_of(seeded) == {FIRST: Marks(read=True, starred=True)}
        assert rows(app)[0] == (FIRST, Marks(read=True, starred=True))
        await pilot.press("number_sign")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"[bold]x[/bold], rusia", "enter")
        await settle(pilot)
        assert marks_of(seeded)[FIRST].tags == ("[bold]x[/bold]", "rusia")
        assert "Tags: [bold]x[/bold], rusia" in [n.message for n in app._notifications]
        await pilot.press("number_sign", *"-rusia", "enter")
        await pilot.press("w", *"cek sumber", "enter")
        await settle(pilot)
        assert marks_of(seeded)[FIRST] == Marks(True, True, ("[bold]x[/bold]",), "cek sumber")
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#prompt-input", Input).value == "cek sumber"
        await pilot.press("escape")  # cancelled: nothing changes
        await settle(pilot)
        assert marks_of(seeded)[FIRST].note == "cek sumber"


@run
async def test_opening_an_article_marks_it_read_and_m_there_unmarks_it(
    seeded: tuple[Path, Path],
) -> None:
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert marks_of(seeded) == {FIRST: Marks(read=True)}
        await pilot.press("u", "asterisk")
        await settle(pilot)
        assert marks_of(seeded) == {FIRST: Marks(read=False, starred=True)}
        await pilot.press("escape")
        await settle(pilot)
        assert rows(app)[0] == (FIRST, Marks(starred=True))
        with nksearch.open_userdata(seeded[1]) as user:  # the query was remembered
            assert [(e.query, e.total) for e in user.history()] == [("perdamaian", 4)]


@run
async def test_mark_filters_beside_the_date_and_outlet(seeded: tuple[Path, Path]) -> None:
    with nksearch.open_userdata(seeded[1], seeded[0]) as user:
        user.mark([FIRST], MarkChange(starred=True, read=True))
        user.mark(["003_b561e05cfa5aa674.txt"], MarkChange(add_tags=("telepon",)))
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        assert len(rows(app)) == 4
        await pilot.press("down", "f")
        app.screen.query_one("#filter-starred", Checkbox).value = True
        await settle(pilot)
        assert [path for path, _ in rows(app)] == [FIRST]
        assert app.screen.query_one(StatusBar).status.filters == "starred"
        app.screen.query_one("#filter-starred", Checkbox).value = False
        app.screen.query_one("#filter-unread", Checkbox).value = True
        await settle(pilot)
        assert FIRST not in [path for path, _ in rows(app)] and len(rows(app)) == 3
        app.screen.query_one("#filter-tag", Input).value = "telepon"
        await settle(pilot)
        assert [path for path, _ in rows(app)] == ["003_b561e05cfa5aa674.txt"]


@run
async def test_up_in_an_empty_search_box_walks_back_through_history(
    seeded: tuple[Path, Path],
) -> None:
    with nksearch.open_userdata(seeded[1]) as user:
        user.record("Lavrov", 2)
        user.record("Putin", 5)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        box = app.query_one(SearchBox)
        await pilot.press("up")
        assert box.value == "Putin"
        await pilot.press("up")
        assert box.value == "Lavrov"
        await pilot.press("up")  # no older one: the box keeps its text
        assert box.value == "Lavrov"
        await settle(pilot)
        assert len(rows(app)) == 2  # the recalled query ran
        await pilot.press("backspace", "up")  # a query being edited is not replaced
        assert box.value == "Lavro"


@run
async def test_saved_searches_panel_shows_new_hits_and_runs_one(
    seeded: tuple[Path, Path],
) -> None:
    corpus, index = seeded
    with nksearch.open_index(index) as idx, nksearch.open_userdata(index) as user:
        save(idx, user, SavedSearch("damai", "perdamaian"))
    (corpus / "baru.txt").write_text(
        "Perdamaian di Kaukasus\n\nPerdamaian dibahas lagi di Moskow.\n", encoding="utf-8"
    )
    nksearch.sync(corpus, index)
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, SavedScreen)
        line = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        assert str(line) == "damai      1 new of 5  perdamaian"
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(SearchBox).value == "perdamaian"
        assert "baru.txt" in [path for path, _ in rows(app)]
        await pilot.press("ctrl+o")
        await settle(pilot)
        line = app.screen.query_one(OptionList).get_option_at_index(0).prompt
        assert str(line).startswith("damai      0 new of 5")
        await pilot.press("d")
        await settle(pilot)
    with nksearch.open_userdata(index) as user:
        assert user.saved() == []


@run
async def test_export_writes_the_results_to_the_file_it_names(
    seeded: tuple[Path, Path], tmp_path: Path
) -> None:
    app = new_app(seeded)
    target = tmp_path / "hasil.md"
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        app.action_export()
        await settle(pilot)
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Wrote 4 hits to {target}" in [n.message for n in app._notifications]
        app.action_export()  # the same name again: refused, the file stays
        await settle(pilot)
        app.screen.query_one("#prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    text = target.read_text("utf-8")
    assert text.startswith("# perdamaian\n\n4 of 4 hits\n\n1. **Putin Ajak Menlu")
    assert text.count("\n\n") == 5 and text.count("\n1. ") == 1 and "\n4. " in text


@run
async def test_results_follow_a_sync_made_by_another_process(seeded: tuple[Path, Path]) -> None:
    corpus, index = seeded
    app = new_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await search(pilot, "perdamaian")
        assert len(rows(app)) == 4
        (corpus / "baru.txt").write_text(
            "Perdamaian di Kaukasus\n\nPerdamaian dibahas lagi di Moskow.\n", encoding="utf-8"
        )
        await asyncio.to_thread(nksearch.sync, corpus, index)
        for _ in range(600):  # about a minute at most: only a real hang gets there
            await settle(pilot)
            if len(rows(app)) == 5:
                break
            await pilot.pause(0.1)
        assert "baru.txt" in [path for path, _ in rows(app)]
        assert app.search_screen.documents == 6
