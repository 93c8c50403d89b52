"""How fast ``nksearch watch`` brings a change into the index, and how it groups bursts.

Copies a corpus (the seeds, or the folder you name) to a temporary folder,
builds its index, starts the watcher in a thread, and measures for each of
``--rounds`` rounds the wall time from writing a new article (and from
deleting it) until the watcher's sync including it has finished. Then it
writes ``--burst`` files at once and counts how many syncs took them in.
Next to the latencies: a no-op sync of the same index, because absolute
times drift on a shared machine.

This script measures; it asserts nothing, and it cleans up after itself.

Usage, from the project root::

    python benchmarks/bench_watch.py                     # the seeds
    python benchmarks/bench_watch.py --corpus /tmp/bq/corpus --rounds 5
"""

from __future__ import annotations

import argparse
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import nksearch

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Berita Uji {n}\n\nIsi berita uji nomor {n} tentang Zanzibar dan perundingan damai.\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--burst", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nksearch-watch-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(args.corpus, corpus)
        nksearch.sync(corpus, index)
        started = time.perf_counter()
        nksearch.sync(corpus, index)
        noop = time.perf_counter() - started
        events: queue.Queue[object] = queue.Queue()
        stop = threading.Event()
        thread = threading.Thread(target=nksearch.watch, args=(corpus, index, events.put),
                                  kwargs={"stop": stop})  # fmt: skip
        thread.start()
        events.get(timeout=600)  # the first sync
        time.sleep(1.5)  # past the watcher's catch-up second
        added, removed = [], []
        for n in range(args.rounds):
            path = corpus / f"uji-{n}.txt"
            begin = time.perf_counter()
            path.write_text(ARTICLE.format(n=n), encoding="utf-8")
            while getattr(events.get(timeout=600), "report", None) is None:
                pass
            added.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            path.unlink()
            events.get(timeout=600)
            removed.append(time.perf_counter() - begin)
        burst = corpus / "burst"
        burst.mkdir()
        for n in range(args.burst):
            (burst / f"{n:05}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
        syncs, taken = 0, 0
        while taken < args.burst:
            event = events.get(timeout=600)
            report = getattr(event, "report", None)
            if report is not None:
                syncs += 1
                taken += report.added
        stop.set()
        thread.join()
    print(f"no-op sync of this index: {noop:.3f} s")
    print(f"added file in the index after: median {statistics.median(added):.3f} s,"
          f" max {max(added):.3f} s ({args.rounds} rounds)")  # fmt: skip
    print(f"deleted file out of the index after: median {statistics.median(removed):.3f} s,"
          f" max {max(removed):.3f} s")  # fmt: skip
    print(f"a burst of {args.burst:,} files: {syncs} sync(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
