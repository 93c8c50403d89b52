"""CPU time per document of each stage of a cold build, in one process.

Where a build's time goes, stage by stage, on real articles: reading and
decoding a file, cleaning the page, its boilerplate fingerprints, the tokens
and stems of title and body, the names of people, places and organisations,
the near-duplicate sketch, and the segment writer (adding a document, then
writing the postings and columns). Each stage runs alone over the same
documents and the best of three runs is kept; stemming words the stem cache
does not know yet is measured once, on an empty cache.

Usage, from the project root::

    python benchmarks/build_stages.py --corpus /tmp/indosum-txt --docs 1500
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nksearch._whoosh import opening
from nksearch._whoosh.writer import BulkSegmentWriter
from nksearch.analysis import entities, shingles
from nksearch.analysis.analyzer import Analyzer
from nksearch.documents import boilerplate, decode, page
from nksearch.indexing.fields import document_fields
from nksearch.indexing.schema import make_schema

RUNS = 3


def best(count: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best CPU time of ``fn`` over :data:`RUNS` runs, in ms per document, and its result."""
    fastest, out = float("inf"), None
    for _ in range(RUNS):
        start = time.process_time()
        out = fn()
        fastest = min(fastest, time.process_time() - start)
    return fastest / count * 1000, out


def write_once(all_fields: list[dict[str, Any]]) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp())
    try:
        writer = BulkSegmentWriter(opening.create_in(folder, make_schema()))
        start = time.process_time()
        for fields in all_fields:
            writer.add(fields)
        added = time.process_time()
        writer.finish()
        return added - start, time.process_time() - added
    finally:
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of .txt articles")
    parser.add_argument("--docs", type=int, default=1500, help="how many of its files")
    args = parser.parse_args(argv)
    root = args.corpus.resolve()
    names = sorted(p.name for p in root.iterdir() if p.suffix == ".txt")[: args.docs]
    if not names:
        print(f"no .txt files in {root}", file=sys.stderr)
        return 2
    n = len(names)
    rows: list[tuple[str, float]] = []
    t, raws = best(n, lambda: [decode.read_text(root, root / name) for name in names])
    rows.append(("read and decode the file", t))
    t, articles = best(n, lambda: [page.parse_article(*raw) for raw in raws])
    rows.append(("clean the page", t))
    t, _ = best(n, lambda: [boilerplate.prints(a.source, a.body) for a in articles])
    rows.append(("boilerplate fingerprints", t))
    analyzer = Analyzer({})
    start = time.process_time()
    for a in articles:
        document_fields(analyzer, a, "0:0")
    cold_fields = (time.process_time() - start) / n * 1000
    t, _ = best(
        n, lambda: [(analyzer.index_terms(a.title), analyzer.index_terms(a.body)) for a in articles]
    )
    rows.append(("tokens and stems of title and body (stems cached)", t))
    t, _ = best(n, lambda: [entities.extract(a.title, a.body) for a in articles])
    rows.append(("people, places and organisations", t))
    t, _ = best(
        n, lambda: [shingles.sketch_words(analyzer.index_terms(a.body)[1]) for a in articles]
    )
    rows.append(("near-duplicate sketch (with its tokens)", t))
    t, all_fields = best(
        n, lambda: [document_fields(analyzer, a, f"{i}:0") for i, a in enumerate(articles)]
    )
    rows.append(("all fields of a document (stems cached)", t))
    rows.append(("all fields of a document, stem cache empty", cold_fields))
    writes = [write_once(all_fields) for _ in range(RUNS)]
    rows.append(("segment writer: add a document", min(a for a, _ in writes) / n * 1000))
    rows.append(
        ("segment writer: write postings and columns", min(b for _, b in writes) / n * 1000)
    )
    print(f"{n} documents of {root}, CPU ms per document (best of {RUNS}):\n")
    print("| stage | ms per document |\n| --- | ---: |")
    for name, value in rows:
        print(f"| {name} | {value:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
