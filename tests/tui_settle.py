"""Waiting for the search UI to finish what a test's keys and changes started."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot


async def settle(pilot: Pilot[Any]) -> None:
    """Let a change's messages be handled, its search run and its workers finish.

    A search a change starts may wait for the end of a pause in typing (a
    timer): that is waited for (with a deadline far beyond the pause), then
    the search itself.
    """
    app: Any = pilot.app
    for _ in range(400):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if not app.search_screen.search_pending:
            break
        await pilot.pause(0.05)
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()
