"""Speed of the search UI: start-up, and keystroke to rendered results.

Builds a corpus of the IndoSum articles (one ``.txt`` per article in a
temporary folder, or in ``--workdir`` to reuse it between runs), syncs the
index, then drives the real app headless with Textual's Pilot:

* **start-up**: in a fresh interpreter each time (cold imports), from
  ``import nksearch.tui.app`` to a search box that takes keys (the app's
  first screen is up and focused), and on to an open index.
* **typing at a person's pace**: each query is typed one key at a time, the
  next key coming ``--pace`` ms after the previous one (longer than the
  debounce, so every key searches at once). Latency is from the key press
  to the results list showing the results *for that text* on screen
  (the app's ``ResultsShown`` message, posted after the repaint).
* **last key**: each query typed at the same pace without waiting for
  results, from its last key to its results: what a person waits for once
  they stop typing. Searches for earlier, partial texts may still be running.
* **burst typing**: the whole query typed without pauses; latency is from
  the last key to its results. The debounce (150 ms) is part of it by design.

The core's own search time (``Results.took_ms``) is reported beside the UI
figures. This script measures; it does not assert. Targets are printed as
PASS/FAIL for information: p95 keystroke to results at most 50 ms, start-up
to a usable search box under 1 s.

Usage (from the project root)::

    python benchmarks/bench_tui.py
    python benchmarks/bench_tui.py --workdir /tmp/nk-bench --queries 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path("/work/shared/data/indosum-dev/articles.jsonl")
QUERIES = [
    "presiden jokowi",
    "harga minyak dunia",
    "gempa bumi",
    "korupsi",
    "tim nasional",
    "banjir jakarta",
    "perdamaian",
    "pemilihan umum",
    "kebakaran hutan",
    "bank indonesia",
    "piala dunia",
    "narkoba",
]
KEY_TARGET_MS = 50.0
#: Below this many hits the core looks for a did-you-mean suggestion.
FEW_HITS = 3
START_TARGET_MS = 1000.0


def build(workdir: Path, data: Path) -> tuple[Path, Path, float]:
    """Write one .txt per article and sync; returns (corpus, index, sync seconds)."""
    import nksearch

    corpus, index = workdir / "corpus", workdir / "index"
    if not corpus.is_dir():
        corpus.mkdir(parents=True)
        with data.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                article = json.loads(line)
                (corpus / f"{number:05d}.txt").write_text(article["text"], encoding="utf-8")
    started = time.perf_counter()
    nksearch.sync(corpus, index)
    return corpus, index, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- start-up, measured in a child interpreter ------------------------------------------


def startup_child(corpus: str, index: str) -> None:
    """Print start-up timings of one cold start as JSON (runs in a subprocess)."""
    began = time.perf_counter()
    from nksearch.tui.app import make_app
    from nksearch.tui.searchbar import SearchBox

    imported = time.perf_counter()

    async def main() -> dict[str, float]:
        app = make_app(Path(corpus), Path(index), stale_interval=None)
        async with app.run_test(size=(120, 35)) as pilot:
            usable = time.perf_counter()
            assert isinstance(app.focused, SearchBox)
            while not app.search_screen.ready:
                await pilot.pause(0.005)
            opened = time.perf_counter()
        return {
            "import_ms": (imported - began) * 1000,
            "usable_ms": (usable - began) * 1000,
            "index_open_ms": (opened - began) * 1000,
        }

    print(json.dumps(asyncio.run(main())))


def measure_startup(corpus: Path, index: Path, runs: int) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        child = subprocess.run(
            [sys.executable, __file__, "--startup-child", str(corpus), str(index)],
            check=True, capture_output=True, text=True,
        )
        out.append(json.loads(child.stdout.strip().splitlines()[-1]))
    return out


# -- typing -------------------------------------------------------------------------------


async def measure_typing(
    corpus: Path, index: Path, queries: list[str], pace_ms: float
) -> dict[str, list[float]]:
    from nksearch.tui.app import make_app
    from nksearch.tui.messages import ResultsShown, SearchDone

    shown: dict[str, float] = {}
    core: dict[str, tuple[float, int]] = {}

    def hook(message: Any) -> None:
        if isinstance(message, ResultsShown):
            shown[message.query] = time.perf_counter()
        elif isinstance(message, SearchDone):
            results = message.answer.results
            core[message.answer.request.text] = (results.took_ms, results.total)

    async def wait_for(text: str, timeout: float = 10.0) -> float:
        deadline = time.perf_counter() + timeout
        while text not in shown:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no results shown for {text!r}")
            await asyncio.sleep(0.0005)
        return shown[text]

    paced: list[float] = []
    paced_many: list[float] = []
    overhead: list[float] = []
    core_ms: list[float] = []
    burst: list[float] = []
    natural: list[float] = []
    app = make_app(corpus, index, stale_interval=None)
    async with app.run_test(size=(120, 35), message_hook=hook) as pilot:
        while not app.search_screen.ready:
            await pilot.pause(0.01)
        box = app.search_screen.search_box
        # Warm up: first searches load stems and Whoosh structures.
        for query in queries[:3]:
            box.value = query
            await pilot.press("enter")
            await wait_for(query)
        for query in queries:
            box.value = ""
            await pilot.pause(pace_ms / 1000)
            shown.clear()
            typed = ""
            for char in query:
                typed += char
                pressed = time.perf_counter()
                await pilot.press(char)
                if typed.strip():
                    took = (await wait_for(typed) - pressed) * 1000
                    core_took, total = core.get(typed, (0.0, 0))
                    paced.append(took)
                    core_ms.append(core_took)
                    overhead.append(took - core_took)
                    if total >= FEW_HITS:
                        paced_many.append(took)
                rest = pace_ms / 1000 - (time.perf_counter() - pressed)
                await asyncio.sleep(max(0.0, rest))
        for query in queries:
            box.value = ""
            await pilot.pause(pace_ms / 1000)
            shown.clear()
            await pilot.press(*query)
            last = time.perf_counter()
            burst.append((await wait_for(query) - last) * 1000)
        for query in queries:
            box.value = ""
            await pilot.pause(pace_ms / 1000)
            shown.clear()
            for char in query:
                pressed = time.perf_counter()
                await pilot.press(char)
                await asyncio.sleep(max(0.0, pace_ms / 1000 - (time.perf_counter() - pressed)))
            natural.append((await wait_for(query) - pressed) * 1000)
    return {"paced": paced, "paced_many": paced_many, "overhead": overhead,
            "burst": burst, "natural": natural, "core": core_ms}


def row(name: str, values: list[float], target: float | None = None) -> str:
    p50, p95, top = statistics.median(values), percentile(values, 0.95), max(values)
    verdict = "" if target is None else ("PASS" if p95 <= target else "FAIL")
    cells = f"{len(values):>5} | {p50:>7.1f} | {p95:>7.1f} | {top:>7.1f}"
    return f"| {name:<44} | {cells} | {verdict:<4} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--workdir", type=Path, help="Keep the corpus and index here.")
    parser.add_argument("--queries", type=int, default=len(QUERIES))
    parser.add_argument("--pace", type=float, default=200.0, help="ms between keys")
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--startup-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        startup_child(*args.startup_child)
        return

    with tempfile.TemporaryDirectory(prefix="nk-bench-tui-") as tmp:
        workdir = args.workdir or Path(tmp)
        corpus, index, sync_s = build(workdir, args.data)
        documents = len(list(corpus.glob("*.txt")))
        print(f"corpus: {documents} articles; sync took {sync_s:.1f} s")
        starts = measure_startup(corpus, index, args.startups)
        typing = asyncio.run(measure_typing(corpus, index, QUERIES[: args.queries], args.pace))

    print()
    print(f"| {'measure (ms)':<44} | {'n':>5} | {'p50':>7} | {'p95':>7} | {'max':>7} | {'':<4} |")
    print(f"|{'-' * 46}|{'-' * 7}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 6}|")
    print(row("start-up: import the app", [s["import_ms"] for s in starts]))
    print(row("start-up: search box usable", [s["usable_ms"] for s in starts], START_TARGET_MS))
    print(row("start-up: index open", [s["index_open_ms"] for s in starts]))
    print(row(f"key to results, typing at {args.pace:.0f} ms/key", typing["paced"],
              KEY_TARGET_MS))
    print(row(f"  the same, texts with {FEW_HITS}+ hits (no suggestion)", typing["paced_many"],
              KEY_TARGET_MS))
    print(row("  core search alone (Results.took_ms)", typing["core"]))
    print(row("  UI share (key to results minus core)", typing["overhead"]))
    print(row(f"last key to results, typing at {args.pace:.0f} ms/key", typing["natural"]))
    print(row("last key to results, burst typing (debounced)", typing["burst"]))


if __name__ == "__main__":
    main()
