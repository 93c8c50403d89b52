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

import nksearch
from nksearch.tui.app import NksearchApp, make_app

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


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


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
