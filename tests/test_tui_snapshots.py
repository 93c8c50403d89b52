"""Snapshot tests of the search UI at fixed terminal sizes.

Each test copies the seeds into tmp_path, builds the index, and drives the
app in ``run_before``; timings are hidden and the cursor does not blink, so
the pictures do not change between runs. Update them with
``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the
report before committing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_settle import settle

import nksearch
from nksearch.errors import damaged_index
from nksearch.tui.app import NksearchApp, make_app
from nksearch.tui.session import Answer, Request, Session

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SnapCompare = Callable[..., bool]


@pytest.fixture
def seeded(tmp_path: Path) -> NksearchApp:
    shutil.copytree(SEEDS, tmp_path / "corpus")
    nksearch.sync(tmp_path / "corpus", tmp_path / "index")
    return make_app(
        tmp_path / "corpus",
        tmp_path / "index",
        show_timings=False,
        stale_interval=None,
        cursor_blink=False,
    )


@pytest.fixture
def undated(tmp_path: Path) -> NksearchApp:
    """The seeds and two undated articles with long headlines."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    title = (
        "Presiden Joko Widodo menekankan pentingnya perdamaian dan kerja sama kawasan"
        " dalam pertemuan para pemimpin ASEAN di Vientiane"
    )
    (corpus / "tanpa_tanggal.txt").write_text(
        f"{title}\n\nJakarta (ANTARA News) - {title}. Perdamaian kawasan dibahas lagi;"
        " perdamaian menjadi kata kunci.\n",
        encoding="utf-8",
    )
    (corpus / "tanpa_tanggal_2.txt").write_text(
        "Menteri Luar Negeri membahas perdamaian kawasan bersama para duta besar negara"
        " sahabat\n\nJakarta - Perdamaian kawasan dibahas para duta besar.\n",
        encoding="utf-8",
    )
    nksearch.sync(corpus, tmp_path / "index")
    return make_app(
        corpus, tmp_path / "index", show_timings=False, stale_interval=None, cursor_blink=False
    )


async def started(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, NksearchApp)
    for _ in range(200):
        await settle(pilot)
        if app.search_screen.ready:
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never opened its index")


def typed(*keys: str, query: str = "perdamaian") -> Callable[[Pilot[Any]], Any]:
    """A run_before that searches for ``query`` and then presses ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await started(pilot)
        await pilot.press(*query, "enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_results_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed())


def test_results_120x35(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(120, 35), run_before=typed("down", "j"))


def test_results_side_by_side_160x40(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(160, 40), run_before=typed())


def test_article_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(
        seeded, terminal_size=(80, 24), run_before=typed("down", "enter", "n", "n")
    )


def test_suggestion_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed(query="perdamian"))


def test_bad_date_in_filters_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "f", *"2020-13-01")
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed(*keys, query="putin"))


def test_help_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed("f1", query=""))


def test_empty_corpus_80x24(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("corpus").mkdir()
    app = make_app(Path("corpus"), Path("index"), show_timings=False, stale_interval=None,
                   cursor_blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=typed(query=""))


def test_undated_results_80x24(snap_compare: SnapCompare, undated: NksearchApp) -> None:
    """Undated hits give the date's room to their titles; outlets stay in one column."""
    assert snap_compare(undated, terminal_size=(80, 24), run_before=typed())


def test_undated_results_120x35(snap_compare: SnapCompare, undated: NksearchApp) -> None:
    assert snap_compare(undated, terminal_size=(120, 35), run_before=typed())


def test_article_long_title_80x24(snap_compare: SnapCompare, undated: NksearchApp) -> None:
    """The match counter stays in view; the title is cut instead."""
    keys = ("down", "enter", "n")
    run_before = typed(*keys, query="title:vientiane perdamaian")
    assert snap_compare(undated, terminal_size=(80, 24), run_before=run_before)


def test_help_scrolled_to_the_end_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    seeded.animation_level = "none"
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed("f1", "end", query=""))


def test_help_120x35(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(120, 35), run_before=typed("f1", query=""))


def test_failed_sort_keeps_the_results_80x24(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that fails from the results list leaves them, and the focus, in place."""
    original = Session.search

    def search(self: Session, request: Request, cancelled: Any = None) -> Answer | None:
        if request.sort == "date":
            raise damaged_index("index", IndexError("list index out of range"))
        return original(self, request, cancelled)

    monkeypatch.setattr(Session, "search", search)
    monkeypatch.chdir(tmp_path)  # paths in the error message stay the same from run to run
    shutil.copytree(SEEDS, "corpus")
    nksearch.sync(Path("corpus"), Path("index"))
    app = make_app(Path("corpus"), Path("index"), show_timings=False, stale_interval=None,
                   cursor_blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=typed("down", "j", "s", "s"))


def test_timeline_strip_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "t", "left")
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed(*keys, query="Armenia"))


def test_timeline_strip_120x35(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "t", "left")
    assert snap_compare(seeded, terminal_size=(120, 35), run_before=typed(*keys, query="Armenia"))


def test_facet_panel_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "p")
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=typed(*keys, query="Armenia"))


def test_facet_panel_120x35(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "p")
    assert snap_compare(seeded, terminal_size=(120, 35), run_before=typed(*keys, query="Armenia"))


def marked(*keys: str, saved: bool = False) -> Callable[[Pilot[Any]], Any]:
    """A run_before that marks two seed articles (and saves a search) before searching."""

    async def run_before(pilot: Pilot[Any]) -> None:
        from nksearch.workflow.marks import MarkChange
        from nksearch.workflow.saved import SavedSearch
        from nksearch.workflow.searching import save

        session = pilot.app.session  # type: ignore[attr-defined]
        with nksearch.open_userdata(session.index_path, session.corpus) as user:
            user.mark(["001_63c42fef90ae31eb.txt"], MarkChange(starred=True, read=True))
            user.mark(["003_b561e05cfa5aa674.txt"], MarkChange(read=True))
            if saved:
                with nksearch.open_index(session.index_path) as idx:
                    save(idx, user, SavedSearch("mediasi rusia", "menengahi perdamaian"))
                    save(idx, user, SavedSearch("[b]sochi[/b]", "Sochi", sort="date"))
        await typed(*keys)(pilot)

    return run_before


def test_marked_results_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    """A starred hit has a star; read ones are dimmed."""
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=marked("down", "j"))


def test_mark_filters_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    keys = ("down", "f", "tab", "tab", "tab", "space")
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=marked(*keys))


def test_saved_searches_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=marked("ctrl+o", saved=True))


def test_tag_input_80x24(snap_compare: SnapCompare, seeded: NksearchApp) -> None:
    assert snap_compare(seeded, terminal_size=(80, 24), run_before=marked("down", "number_sign"))
