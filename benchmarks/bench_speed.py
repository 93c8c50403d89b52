"""Speed benchmark: nksearch side by side with a plain Whoosh + Sastrawi index.

Both systems index the same real Indonesian news (IndoSum, one article per
``.txt`` file in a temporary directory) in one run. Every figure is reported
in absolute terms and as the ratio nksearch/naive, because absolute times
drift on a shared machine.

The naive reference is what a Whoosh user would write first: ``path``,
``title`` (the first line) and ``body`` (the whole text), both text fields
analysed by ``RegexTokenizer | LowercaseFilter | StopFilter(Sastrawi stop
list) | StemFilter(Sastrawi)``, one default writer, a ``MultifieldParser``
over title and body with OR grouping, top 10 hits and
``hit.highlights("body")`` for every hit.

How it measures:

- Every build, sync and query pass runs in a fresh interpreter, so no
  in-memory cache survives from an earlier step and neither system can
  affect the other. "Cold" also means an empty index directory (nksearch
  keeps its stem cache there); nksearch's warm rebuild is a fresh process
  that finds the persisted cache, the naive warm rebuild is a second build in
  the same process as its cold build.
- Build figures are wall times of the build call, plus the CPU time of the
  process and its workers. An nksearch build or sync runs in a process set
  up as the ``nksearch`` command sets up its own (the Whoosh start-up
  stand-ins of ``nksearch._whoosh.startup`` installed before nksearch is
  imported): the figures are those of ``nksearch index`` less its argument
  parsing. Peak memory is the larger of the process's own
  high-water mark and the sampled peak of the summed PSS of its process tree.
- Query latency: each round starts one process per system that opens the
  index, runs all queries once to warm up, then times each query once;
  rounds alternate between systems. p50 and p95 are taken over the
  per-query medians across rounds.
- nksearch alone: the CPU time of its boilerplate detection (fingerprints,
  counts per outlet, stripping, saving the counts: the functions the build
  runs, timed apart in a fresh process on the cleaned articles) as a share of
  the cold build's CPU time;
- nksearch alone: what syncing files to disk costs: the ``os.fsync`` calls of
  the cold build, the no-op sync and the add-10 sync and the time spent in
  them (the build's own process; see ``time_fsyncs``);
- nksearch alone: a no-op sync, a sync after adding ten new files (each in a
  fresh process) and a one-shot ``nksearch query`` timed from process start
  (median of five after one untimed run), next to ``python -c pass``.
- nksearch alone: ``--small-syncs N`` (default 100) syncs, each after
  adding one short new file, in one fresh process (the median sync time and
  the segment count are reported); then the queries are timed again on the
  index before and after those syncs, in alternating rounds, to show whether
  the merge policy keeps query time flat.
- The index size is also given relative to the corpus's size on disk (the
  sum of its files' sizes).
- ``--scales 1,10`` repeats everything on the corpus copied ten times under
  distinct names (``a00001_r3.txt``) to show how the costs grow.

This script measures; it asserts nothing. Targets are printed as PASS/FAIL
for information. Apart from ``--json``, it writes only inside its temporary
directory.

Usage, from the project root::

    python benchmarks/bench_speed.py --markdown --json speed.json
    python benchmarks/bench_speed.py --quick 300 --markdown
    python benchmarks/bench_speed.py --scales 1,10 --skip-naive-at-scale --markdown
    python benchmarks/bench_speed.py --profile naive --quick 1000
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "indosum-dev" / "articles.jsonl"
DEFAULT_QUERIES = BENCH_DIR / "queries.txt"
SYSTEMS = ("naive", "nksearch")
SEED = 20240601
NEW_FILES = 10
ONESHOT_RUNS = 5
SAMPLE_EVERY = 0.1  # seconds between memory samples of a child's process tree

# A child imports this file as the module ``bench_speed``, so the naive schema
# pickles its stemming function as ``bench_speed.naive_stem``.
_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); import bench_speed; "
    "raise SystemExit(bench_speed.child_main(sys.argv[2]))"
)

Result = dict[str, Any]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the naive reference ----------------------------------------------------

_STEMMER: Any = None


def naive_stem(word: str) -> str:
    """Stem one word with a lazily built Sastrawi stemmer (never pickled)."""
    global _STEMMER
    if _STEMMER is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        _STEMMER = StemmerFactory().create_stemmer()
    return str(_STEMMER.stem(word))


def naive_schema() -> Any:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.fields import ID, TEXT, Schema

    stoplist = StopWordRemoverFactory().get_stop_words()
    analyzer = (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stoplist)
        | StemFilter(stemfn=naive_stem)
    )
    return Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=analyzer),
        body=TEXT(stored=True, analyzer=analyzer),
    )


def naive_build(corpus: Path, index: Path) -> int:
    """Index every ``.txt`` file of ``corpus`` into a new index; return the count."""
    from whoosh.index import create_in

    if index.exists():
        shutil.rmtree(index)
    index.mkdir(parents=True)
    ix = create_in(str(index), naive_schema())
    writer = ix.writer()
    count = 0
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        writer.add_document(path=path.relative_to(corpus).as_posix(), title=title, body=text)
        count += 1
    writer.commit()
    ix.close()
    return count


class NaiveSearcher:
    """Top-10 search with a body snippet for every hit, on one open searcher."""

    def __init__(self, index: Path) -> None:
        from whoosh.index import open_dir
        from whoosh.qparser import MultifieldParser, OrGroup

        self.ix = open_dir(str(index))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema, group=OrGroup)

    def search(self, text: str) -> int:
        results = self.searcher.search(self.parser.parse(text), limit=10)
        for hit in results:
            hit.highlights("body")
            hit.fields()
        return int(results.scored_length())

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


class NkSearcher:
    """The same query through nksearch's public API (snippets come with hits)."""

    def __init__(self, index: Path) -> None:
        import nksearch

        self.idx = nksearch.open_index(index)

    def search(self, text: str) -> int:
        return len(self.idx.search(text, limit=10).hits)

    def close(self) -> None:
        self.idx.close()


# --- measurement helpers ----------------------------------------------------


def _status_kb(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def own_peak_mb() -> float:
    """Peak resident set size of this process, in MB."""
    try:
        return _status_kb("self", "VmHWM") / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_pss_mb(root: int) -> float:
    """Summed PSS (RSS where PSS is unreadable) of ``root`` and its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            try:
                total += _status_kb(pid, "VmRSS")
            except OSError:
                continue
    return total / 1024


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], pct: float) -> float:
    """Linear-interpolation percentile (``pct`` in 0..100)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo = math.floor(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_fsyncs() -> list[Any]:
    """``[calls, seconds]`` of ``os.fsync`` in this process from now on (kept up to date).

    What syncing to disk costs a build: the files a commit makes visible are
    flushed first (forked build workers flush their document-cache parts
    too; those calls are not counted here).
    """
    real, totals = os.fsync, [0, 0.0]

    def fsync(fd: int) -> None:
        start = time.perf_counter()
        real(fd)
        totals[0] += 1
        totals[1] += time.perf_counter() - start

    os.fsync = fsync
    return totals


def sync_summary(report: Any) -> Result:
    fields = ("added", "updated", "removed", "unchanged", "rebuilt", "reason")
    summary: Result = {name: getattr(report, name, None) for name in fields}
    summary["skipped"] = len(getattr(report, "skipped", ()))
    return summary


# --- child tasks: each runs in a fresh interpreter --------------------------


def task_build(p: Result) -> Result:
    """A build timed in this process: naive cold + warm, or one nksearch sync."""
    corpus, index = Path(p["corpus"]), Path(p["index"])
    out: Result = {}
    if p["system"] == "naive":
        import Sastrawi.Stemmer.StemmerFactory  # noqa: F401  (import only, no stemmer)
        import whoosh.index  # noqa: F401

        cpu, start = cpu_seconds(), time.perf_counter()
        out["docs"] = naive_build(corpus, index)
        out.update(s=time.perf_counter() - start, cpu_s=cpu_seconds() - cpu)
        out.update(own_peak_mb=own_peak_mb(), size_bytes=dir_size(index))
        warm_index = index.with_name(index.name + "-warm")
        start = time.perf_counter()
        naive_build(corpus, warm_index)
        out.update(warm_s=time.perf_counter() - start, single_process=True)
        shutil.rmtree(warm_index)
    else:
        from nksearch._whoosh import startup

        startup.install()  # as the nksearch command does, before anything imports Whoosh
        import nksearch

        if p["cold"] and index.exists():
            shutil.rmtree(index)
        synced = time_fsyncs()
        cpu, start = cpu_seconds(), time.perf_counter()
        report = nksearch.sync(corpus, index, rebuild=p["rebuild"])
        out.update(s=time.perf_counter() - start, cpu_s=cpu_seconds() - cpu)
        out.update(fsync_s=synced[1], fsyncs=synced[0])
        out.update(own_peak_mb=own_peak_mb(), size_bytes=dir_size(index))
        out["report"] = sync_summary(report)
        out["docs"] = out["report"]["added"]
    return out


def task_query(p: Result) -> Result:
    """Open one system's index, warm up with every query, then time each once."""
    kind = NaiveSearcher if p["system"] == "naive" else NkSearcher
    searcher = kind(Path(p["index"]))
    hits = [searcher.search(q) for q in p["queries"]]
    times = []
    for query in p["queries"]:
        start = time.perf_counter()
        searcher.search(query)
        times.append((time.perf_counter() - start) * 1000)
    searcher.close()
    return {"ms": times, "hits": hits}


def task_profile(p: Result) -> Result:
    """Cold build under cProfile; print the top functions to stderr."""
    corpus, index = Path(p["corpus"]), Path(p["index"])
    profiler = cProfile.Profile()
    if p["system"] == "naive":
        profiler.runcall(naive_build, corpus, index)
    else:
        import nksearch

        profiler.runcall(nksearch.sync, corpus, index)
    stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
    for key in ("tottime", "cumulative"):
        stats.sort_stats(key).print_stats(p["top"])
    return {}


def task_boilerplate(p: Result) -> Result:
    """CPU time of the boilerplate work a cold nksearch build does, measured apart.

    The build fingerprints every cleaned article, counts the fingerprints per
    outlet, strips the documents that have boilerplate and saves the counts;
    here the same functions run one after the other on the cleaned articles
    (cleaning is not timed), so their cost can be compared with the build's
    CPU time.
    """
    from nksearch.documents import boilerplate, decode
    from nksearch.documents.corpus import scan
    from nksearch.indexing import recurring
    from nksearch.models import Article

    corpus = Path(p["corpus"])
    found = scan(corpus)
    articles = []
    for rel, stamp in found.files.items():
        article = decode.read_article(found.root, found.root / rel)
        if isinstance(article, Article):
            articles.append((rel, stamp, article))
    cpu = cpu_seconds()
    docs = {
        rel: (stamp, boilerplate.prints(article.source, article.body))
        for rel, stamp, article in articles
    }
    fingerprints = cpu_seconds() - cpu
    counted = recurring.found_in(docs)
    cuts = {rel: recurring.cut_of(prints, counted) for rel, (_stamp, prints) in docs.items()}
    for rel, _stamp, article in articles:
        recurring.clean(article, cuts[rel])
    with tempfile.TemporaryDirectory() as folder:
        recurring.save(Path(folder), 1, recurring.State(docs, counted))
    return {
        "boilerplate_cpu_s": cpu_seconds() - cpu,
        "fingerprint_cpu_s": fingerprints,
        "boilerplate_docs": sum(1 for cut in cuts.values() if cut),
        "boilerplate_units": sum(len(units) for units in counted.values()),
    }


def task_small_syncs(p: Result) -> Result:
    """Add the given texts one file and one sync at a time; count the segments."""
    from whoosh import index as whoosh_index

    import nksearch
    from nksearch.indexing import layout

    corpus, index = Path(p["corpus"]), Path(p["index"])
    times = []
    for k, text in enumerate(p["texts"]):
        (corpus / f"kecil{k:03d}.txt").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        nksearch.sync(corpus, index)
        times.append(time.perf_counter() - start)
    meta = layout.read_meta(index)
    assert meta is not None
    ix = whoosh_index.open_dir(str(index / meta.generation))
    segments = len(ix._segments())
    ix.close()
    return {"sync_s": times, "segments": segments}


def segment_count(index: Path) -> int:
    from whoosh import index as whoosh_index

    current = json.loads((index / "CURRENT.json").read_text(encoding="utf-8"))
    ix = whoosh_index.open_dir(str(index / current["generation"]))
    try:
        return len(ix._segments())
    finally:
        ix.close()


TASKS = {
    "small_syncs": task_small_syncs,
    "build": task_build,
    "query": task_query,
    "profile": task_profile,
    "boilerplate": task_boilerplate,
}


def child_main(params_json: str) -> int:
    params = json.loads(params_json)
    result = TASKS[params["task"]](params)
    Path(params["out"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


# --- the parent: corpus, orchestration --------------------------------------


def run_child(work: Path, task: str, sample: bool = True, **params: Any) -> Result:
    """Run one task in a fresh interpreter; add ``peak_mb`` when sampling memory."""
    out = work / f"child-{task}.json"
    out.unlink(missing_ok=True)
    payload = json.dumps({"task": task, "out": str(out), **params})
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [sys.executable, "-c", _BOOT, str(BENCH_DIR), payload]
    # Run from the work folder, so the child imports nksearch as installed
    # (compiled at install), never the source tree that the current folder
    # would put first on its path.
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=sys.stderr)
    peak = 0.0
    while proc.poll() is None:
        if sample:
            peak = max(peak, tree_pss_mb(proc.pid))
        time.sleep(SAMPLE_EVERY)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"child task {task!r} failed with exit code {proc.returncode}")
    result: Result = json.loads(out.read_text(encoding="utf-8"))
    if sample:  # the naive child also runs its warm build: its cold peak is exact
        own = result.get("own_peak_mb", 0.0)
        result["peak_mb"] = own if result.get("single_process") else max(peak, own)
    return result


def load_articles(path: Path, quick: int | None) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if quick is not None and len(texts) >= quick:
                break
    return texts


def write_corpus(texts: list[str], corpus: Path, scale: int) -> int:
    corpus.mkdir(parents=True)
    for i, text in enumerate(texts, start=1):
        for rep in range(scale):
            name = f"a{i:05d}.txt" if scale == 1 else f"a{i:05d}_r{rep}.txt"
            (corpus / name).write_text(text, encoding="utf-8")
    return len(texts) * scale


def new_texts(texts: list[str]) -> list[str]:
    """Ten texts not in the corpus: sampled articles with paragraphs reordered."""
    rng = random.Random(SEED)
    picks = [texts[rng.randrange(len(texts))] for _ in range(NEW_FILES)]
    out = []
    for k, text in enumerate(picks):
        paragraphs = text.split("\n\n")
        rng.shuffle(paragraphs)
        out.append(f"Kabar tambahan nomor {k + 1}.\n\n" + "\n\n".join(paragraphs))
    return out


def small_texts(texts: list[str], count: int) -> list[str]:
    """``count`` short new articles: a sampled article's first paragraphs, retitled."""
    rng = random.Random(SEED + 1)
    out = []
    for k in range(count):
        paragraphs = texts[rng.randrange(len(texts))].split("\n\n")
        out.append(f"Kabar singkat nomor {k + 1}.\n\n" + "\n\n".join(paragraphs[1:4]))
    return out


def median_wall(cmd: list[str], runs: int, ok: tuple[int, ...]) -> Result:
    """Median wall time of ``runs`` runs of ``cmd`` after one untimed run."""
    samples = []
    for run in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            raise RuntimeError(f"{cmd[:3]} exited with {proc.returncode}: {proc.stderr[-500:]}")
        if run:
            samples.append(elapsed)
    return {"s": statistics.median(samples), "samples_s": samples, "exit": proc.returncode}


def nksearch_cli() -> list[str]:
    script = Path(sys.executable).parent / "nksearch"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nksearch"]


def merge(runs: list[Result]) -> Result:
    """Median of every numeric figure over repeated runs; the rest from the last."""
    merged = dict(runs[-1])
    for key, value in runs[-1].items():
        values = [run[key] for run in runs]
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if numeric and len(set(values)) > 1:
            merged[key] = statistics.median(values)
    merged["runs"] = len(runs)
    return merged


def measure_queries(
    work: Path, systems: dict[str, Path], queries: list[str], rounds: int
) -> dict[str, Result]:
    samples: dict[str, list[list[float]]] = {s: [[] for _ in queries] for s in systems}
    hits: dict[str, list[int]] = {}
    for _ in range(rounds):
        for system, index in systems.items():
            got = run_child(
                work, "query", sample=False, system=system, index=str(index), queries=queries
            )
            hits[system] = got["hits"]
            for i, ms in enumerate(got["ms"]):
                samples[system][i].append(ms)
    out: dict[str, Result] = {}
    for system in systems:
        medians = [statistics.median(times) for times in samples[system]]
        out[system] = {
            "p50_ms": percentile(medians, 50),
            "p95_ms": percentile(medians, 95),
            "per_query_ms": dict(zip(queries, medians, strict=True)),
            "hits": dict(zip(queries, hits[system], strict=True)),
        }
        misses = [q for q, n in out[system]["hits"].items() if n == 0]
        if misses:
            log(f"warning: {system} finds nothing for {misses}")
    return out


def run_scale(
    args: argparse.Namespace, texts: list[str], queries: list[str], scale: int, work: Path
) -> Result:
    systems = [
        s for s in args.systems if not (s == "naive" and scale > 1 and args.skip_naive_at_scale)
    ]
    corpus = work / f"corpus-{scale}x"
    idx = {s: work / f"index-{s}-{scale}x" for s in systems}
    docs = write_corpus(texts, corpus, scale)
    log(f"{scale}x: wrote {docs} files to {corpus}")
    res: Result = {"docs": docs, "systems": systems, "corpus_bytes": dir_size(corpus)}
    builds: dict[str, list[Result]] = {s: [] for s in systems}
    warm: list[Result] = []
    nk_index = str(idx.get("nksearch"))
    nk_common: Result = {"system": "nksearch", "corpus": str(corpus), "index": nk_index}
    for rep in range(1, args.repeat + 1):
        for system in systems:
            log(f"{scale}x {system}: cold build in a fresh process ({rep}/{args.repeat})")
            builds[system].append(
                run_child(
                    work,
                    "build",
                    system=system,
                    corpus=str(corpus),
                    index=str(idx[system]),
                    cold=True,
                    rebuild=False,
                )
            )
            log(f"{scale}x {system}: cold build took {builds[system][-1]['s']:.2f} s")
            if system == "nksearch":
                log(f"{scale}x nksearch: rebuild in a fresh process, persisted stem cache")
                warm.append(run_child(work, "build", cold=False, rebuild=True, **nk_common))
    for system in systems:
        res[system] = merge(builds[system])
    if "nksearch" in systems:
        nk = res["nksearch"]
        rebuild = merge(warm)
        nk.update(
            cold_fsync_share=nk["fsync_s"] / nk["s"],
            warm_s=rebuild["s"],
            warm_cpu_s=rebuild["cpu_s"],
            warm_peak_mb=rebuild["peak_mb"],
            warm_report=rebuild["report"],
        )
        log(f"{scale}x nksearch: no-op sync in a fresh process, {args.repeat} time(s)")
        noop = merge(
            [
                run_child(work, "build", cold=False, rebuild=False, **nk_common)
                for _ in range(args.repeat)
            ]
        )
        nk.update(noop_s=noop["s"], noop_report=noop["report"], noop_fsyncs=noop["fsyncs"])
        nk.update(noop_fsync_s=noop["fsync_s"])
        log(f"{scale}x nksearch: boilerplate detection alone, in a fresh process")
        nk.update(run_child(work, "boilerplate", sample=False, corpus=str(corpus)))
        nk["boilerplate_share"] = nk["boilerplate_cpu_s"] / nk["cpu_s"]
    log(f"{scale}x: {len(queries)} queries, {args.rounds} alternating rounds")
    for system, figures in measure_queries(work, idx, queries, args.rounds).items():
        res[system].update(figures)
    res["python_pass_s"] = median_wall([sys.executable, "-c", "pass"], ONESHOT_RUNS, (0,))["s"]
    if "nksearch" in systems:
        cmd = [
            *nksearch_cli(),
            "query",
            queries[0],
            "--corpus",
            str(corpus),
            "--index",
            str(idx["nksearch"]),
        ]
        log(f"{scale}x nksearch: one-shot CLI query, {ONESHOT_RUNS} runs")
        nk["oneshot"] = median_wall(cmd, ONESHOT_RUNS, (0, 1))
        nk["oneshot"].update(query=queries[0], via=" ".join(Path(c).name for c in cmd[:-6]))
        nk["oneshot_s"] = nk["oneshot"]["s"]
        added = [corpus / f"baru{k:02d}.txt" for k in range(1, NEW_FILES + 1)]
        adds = []
        for rep in range(1, args.repeat + 1):
            for path, text in zip(added, new_texts(texts), strict=True):
                path.write_text(text, encoding="utf-8")
            log(f"{scale}x nksearch: sync after adding {NEW_FILES} files ({rep}/{args.repeat})")
            adds.append(run_child(work, "build", cold=False, rebuild=False, **nk_common))
            if adds[-1]["report"]["added"] != NEW_FILES:
                log(f"warning: sync reported {adds[-1]['report']['added']} added")
            for path in added:
                path.unlink()
            if rep < args.repeat:
                run_child(work, "build", sample=False, cold=False, rebuild=False, **nk_common)
        add = merge(adds)
        nk.update(add10_s=add["s"], add10_report=add["report"], add10_fsyncs=add["fsyncs"])
        nk.update(add10_fsync_s=add["fsync_s"])
        if args.small_syncs:
            before = work / f"index-before-syncs-{scale}x"
            shutil.copytree(idx["nksearch"], before)
            log(f"{scale}x nksearch: {args.small_syncs} syncs of one new file each")
            small = run_child(
                work,
                "small_syncs",
                sample=False,
                corpus=str(corpus),
                index=str(idx["nksearch"]),
                texts=small_texts(texts, args.small_syncs),
            )
            log(f"{scale}x: queries before and after the small syncs, alternating")
            compared = measure_queries(
                work, {"before": before, "after": idx["nksearch"]}, queries, args.rounds
            )
            nk.update(
                small_sync_s=statistics.median(small["sync_s"]),
                segments_before=segment_count(before),
                segments_after=small["segments"],
                p95_before_syncs_ms=compared["before"]["p95_ms"],
                p95_after_syncs_ms=compared["after"]["p95_ms"],
                p95_syncs_ratio=compared["after"]["p95_ms"] / compared["before"]["p95_ms"],
            )
            shutil.rmtree(before)
    shutil.rmtree(corpus)
    for path in idx.values():
        shutil.rmtree(path, ignore_errors=True)
    return res


# --- targets and output -----------------------------------------------------

RATIO_TARGETS = (
    ("s", "cold full build", 0.40),
    ("warm_s", "warm rebuild", 0.27),
    ("p50_ms", "query p50", 0.35),
    ("p95_ms", "query p95", 0.50),
)
#: Checked at every scale (the index size relative to the corpus it holds).
ABS_TARGETS = (
    ("noop_s", "no-op sync", 0.5, "s"),
    ("add10_s", "add-10 sync", 1.0, "s"),
    ("oneshot_s", "one-shot query", 0.5, "s"),
    ("peak_mb", "peak RSS", 400, "MB"),
    ("p95_ms", "query p95", 50, "ms"),
    ("size_ratio", "index size / corpus size", 2.0, "x"),
    ("p95_syncs_ratio", "query p95 after small syncs / before", 1.1, "x"),
)
#: Checked at 1x only.
BASE_TARGETS = (("boilerplate_share", "boilerplate detection / cold build CPU", 0.10, "share"),)
ROWS = (
    ("cold full build, wall (s)", "s", "{:.2f}"),
    ("cold full build, CPU incl. workers (s)", "cpu_s", "{:.2f}"),
    ("boilerplate detection, CPU (s)", "boilerplate_cpu_s", "{:.2f}"),
    ("boilerplate detection / cold build CPU", "boilerplate_share", "{:.1%}"),
    ("rebuild with warm caches (s)", "warm_s", "{:.2f}"),
    ("cold full build: fsync calls", "fsyncs", "{:.0f}"),
    ("cold full build: time in fsync (s)", "fsync_s", "{:.3f}"),
    ("no-op sync (s)", "noop_s", "{:.3f}"),
    ("no-op sync: fsync calls", "noop_fsyncs", "{:.0f}"),
    ("no-op sync: time in fsync (s)", "noop_fsync_s", "{:.3f}"),
    (f"sync after adding {NEW_FILES} files (s)", "add10_s", "{:.3f}"),
    (f"sync after adding {NEW_FILES} files: fsync calls", "add10_fsyncs", "{:.0f}"),
    (f"sync after adding {NEW_FILES} files: time in fsync (s)", "add10_fsync_s", "{:.3f}"),
    (f"one-shot CLI query, median of {ONESHOT_RUNS} (s)", "oneshot_s", "{:.3f}"),
    ("query with snippets p50 (ms)", "p50_ms", "{:.2f}"),
    ("query with snippets p95 (ms)", "p95_ms", "{:.2f}"),
    ("peak memory of cold build (MB)", "peak_mb", "{:.0f}"),
    ("index size on disk (MB)", "size_mb", "{:.1f}"),
    ("index size / corpus size", "size_ratio", "{:.2f}x"),
    ("sync adding one file, median of the small syncs (s)", "small_sync_s", "{:.3f}"),
    ("segments before / after the small syncs", "segments", "{}"),
    ("query p95 before the small syncs (ms)", "p95_before_syncs_ms", "{:.2f}"),
    ("query p95 after the small syncs (ms)", "p95_after_syncs_ms", "{:.2f}"),
)


def figure(res: Result, system: str, key: str) -> float | None:
    data = res.get(system)
    if not data:
        return None
    if key == "size_mb":
        return float(data["size_bytes"]) / 1e6
    if key == "size_ratio":
        return ratio(float(data["size_bytes"]), res.get("corpus_bytes"))
    value = data.get(key)
    return float(value) if value is not None else None


def ratio(num: float | None, den: float | None) -> float | None:
    return num / den if num is not None and den else None


def target(name: str, value: float | None, limit: float, unit: str) -> Result:
    status = "n/a" if value is None else ("PASS" if value <= limit else "FAIL")
    return {"target": name, "value": value, "unit": unit, "status": status}


def evaluate(scales: dict[int, Result]) -> list[Result]:
    if 1 not in scales:
        return []
    base, targets = scales[1], []
    for key, name, limit in RATIO_TARGETS:
        value = ratio(figure(base, "nksearch", key), figure(base, "naive", key))
        targets.append(target(f"{name} <= {limit}x naive", value, limit, "x"))
    for scale, res in scales.items():
        for key, name, limit, unit in ABS_TARGETS + (BASE_TARGETS if scale == 1 else ()):
            value = figure(res, "nksearch", key)
            if value is None and key == "p95_syncs_ratio":
                continue  # --small-syncs 0
            shown = {"share": f"{limit:.0%}", "x": f"{limit}x"}.get(unit, f"{limit} {unit}")
            targets.append(target(f"{scale}x: {name} <= {shown}", value, limit, unit))
    for scale, big in scales.items():
        if scale == 1:
            continue
        for key, name, limit in (("s", "cold build", 1.0), ("warm_s", "warm rebuild", 1.1)):
            per_doc = ratio(
                ratio(figure(big, "nksearch", key), big["docs"]),
                ratio(figure(base, "nksearch", key), base["docs"]),
            )
            targets.append(
                target(f"{name} time per doc {scale}x/1x <= {limit}", per_doc, limit, "x")
            )
        p50 = ratio(figure(big, "nksearch", "p50_ms"), figure(base, "nksearch", "p50_ms"))
        targets.append(target(f"query p50 {scale}x/1x <= 3", p50, 3.0, "x"))
    return targets


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else spec.format(value)


def markdown(report: Result) -> str:
    lines: list[str] = []
    for scale, res in report["scales"].items():
        lines += [
            f"### {scale}x corpus ({res['docs']} files)",
            "",
            "| figure | naive | nksearch | nksearch/naive |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label, key, spec in ROWS:
            if key == "segments":
                data = res.get("nksearch") or {}
                if "segments_after" in data:
                    shown = f"{data['segments_before']} / {data['segments_after']}"
                    lines.append(f"| {label} | - | {shown} | - |")
                continue
            naive, nk = figure(res, "naive", key), figure(res, "nksearch", key)
            lines.append(
                f"| {label} | {fmt(naive, spec)} | {fmt(nk, spec)} | "
                f"{fmt(ratio(nk, naive), '{:.2f}x')} |"
            )
        lines += ["", f"Reference: `python -c pass` takes {res['python_pass_s']:.3f} s.", ""]
    if report["targets"]:
        lines += ["### Targets", "", "| target | value | status |", "| --- | ---: | --- |"]
        for t in report["targets"]:
            spec = {"x": "{:.2f}x", "share": "{:.1%}"}.get(t["unit"], "{:.3f} " + t["unit"])
            lines.append(f"| {t['target']} | {fmt(t['value'], spec)} | {t['status']} |")
        lines.append("")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    parser.add_argument("--scales", default="1", help="comma-separated, e.g. 1,10")
    parser.add_argument(
        "--skip-naive-at-scale", action="store_true", help="run the naive reference only at 1x"
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="naive,nksearch")
    parser.add_argument("--quick", type=int, metavar="N", help="use only the first N articles")
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds and syncs per figure (median reported)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each query")
    parser.add_argument(
        "--small-syncs",
        type=int,
        default=100,
        metavar="N",
        help="syncs of one new file each, then query p95 again (0: skip)",
    )
    parser.add_argument("--markdown", action="store_true", help="print tables on stdout")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write all figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--profile",
        choices=SYSTEMS,
        help="only profile one cold 1x build of this system (to stderr)",
    )
    args = parser.parse_args(argv)
    args.systems = [s for s in SYSTEMS if s in args.systems.split(",")]
    args.scales = [int(s) for s in args.scales.split(",") if s]
    if not args.systems:
        parser.error(f"--systems must name some of {', '.join(SYSTEMS)}")
    if not args.scales or min(args.scales) < 1 or args.repeat < 1 or args.rounds < 1:
        parser.error("--scales, --repeat and --rounds must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    texts = load_articles(args.articles, args.quick)
    queries = [
        line.strip()
        for line in args.queries.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    log(f"{len(texts)} articles from {args.articles}, {len(queries)} queries")
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="nksearch-bench-"))
    try:
        if args.profile:
            write_corpus(texts, work / "corpus", 1)
            run_child(
                work,
                "profile",
                system=args.profile,
                corpus=str(work / "corpus"),
                index=str(work / "index"),
                top=25,
            )
            return 0
        scales = {scale: run_scale(args, texts, queries, scale, work) for scale in args.scales}
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report: Result = {
        "meta": {
            "articles": str(args.articles),
            "quick": args.quick,
            "repeat": args.repeat,
            "rounds": args.rounds,
            "queries": len(queries),
            "seed": SEED,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_avg_start": load_start,
            "load_avg_end": os.getloadavg(),
        },
        "scales": scales,
        "targets": evaluate(scales),
    }
    if args.json:
        args.json.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if args.markdown:
        print(markdown(report))
    for t in report["targets"]:
        log(f"{t['status']:4}  {t['target']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
