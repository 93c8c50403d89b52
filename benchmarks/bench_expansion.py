"""One-shot timings of prefix, fuzzy and did-you-mean queries from the command line.

Each figure is the median wall time of ``nksearch query TEXT`` run as a
fresh process (start-up, opening the index, expanding the query, ranking and
printing included), after one untimed run, over an index you name. Next to
them: a plain word query and ``python -c pass``, because absolute times
drift on a shared machine; compare the expansion figures with those.

Also printed, from one process: how long reading the vocabulary of the
title, body and exact fields takes, and how long finding the words within
two edits of each fuzzy word takes once it is read (the walk over the sorted
vocabulary, see ``nksearch.search.expansion``).

This script measures; it asserts nothing and writes nothing.

Usage, from the project root, with an index of the 3,463 IndoSum articles::

    nksearch index --rebuild --corpus /tmp/bq/corpus --index /tmp/bq/ix-new
    python benchmarks/bench_expansion.py --corpus /tmp/bq/corpus --index /tmp/bq/ix-new
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["Jokowi~2", "gempa~2 banjir~2", "pe*", "a*", "Jokowi~5", "Persjia", "banjir jakrta"]
BASELINE = "Jokowi"
TARGET_S = 1.0


def nksearch_cli() -> list[str]:
    script = Path(sys.executable).parent / "nksearch"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nksearch"]


def median_wall(cmd: list[str], runs: int) -> tuple[float, list[float]]:
    """Median wall time of ``runs`` runs of ``cmd`` after one untimed run."""
    samples = []
    for run in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}: {proc.stderr[-300:]}")
        if run:
            samples.append(elapsed)
    return statistics.median(samples), samples


def in_process(index: Path) -> None:
    """Vocabulary read and walk times, measured inside one process."""
    import nksearch
    from nksearch.search.expansion import Vocabulary, within

    with nksearch.open_index(index) as idx:
        reader = idx._searcher.reader()  # noqa: SLF001 - a benchmark may look inside
        vocabulary = Vocabulary(reader)
        start = time.perf_counter()
        sizes = {field: len(vocabulary.terms(field)) for field in ("title", "body", "exact")}
        read = time.perf_counter() - start
        print(f"vocabulary read: {read * 1000:.1f} ms for {sizes} terms")
        for word in ("jokowi", "gempa", "banjir", "persjia"):
            terms = vocabulary.terms("body")
            start = time.perf_counter()
            found = within(terms, word, 2)
            took = time.perf_counter() - start
            print(f"  words within 2 edits of {word!r} in body: {len(found)} in {took * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--queries", nargs="*", default=QUERIES)
    args = parser.parse_args()

    python_pass, _ = median_wall([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass: {python_pass:.3f} s")
    where = ["--corpus", str(args.corpus), "--index", str(args.index)]
    baseline, _ = median_wall([*nksearch_cli(), "query", BASELINE, *where], args.runs)
    print(f"nksearch query {BASELINE!r}: {baseline:.3f} s (plain word, for comparison)")
    for text in args.queries:
        median, samples = median_wall([*nksearch_cli(), "query", text, *where], args.runs)
        verdict = "PASS" if median <= TARGET_S else "FAIL"
        runs = ", ".join(f"{s:.2f}" for s in samples)
        print(f"nksearch query {text!r}: {median:.3f} s  [{runs}]"
              f"  +{median - baseline:.3f} s over the plain word  target {TARGET_S} s: {verdict}")
    in_process(args.index)


if __name__ == "__main__":
    main()
