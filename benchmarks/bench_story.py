"""Near-duplicate quality and cost, and the seeds' "more like this" pairs.

Pairwise precision and recall of ``nksearch.search.duplicates`` on FacQA's
passages (copies that differ in case, spacing, punctuation or a word or two)
mixed with edited copies of IndoSum news articles (a few words changed, a
chrome line added, or the last paragraph dropped), and the time to sketch and
group the IndoSum articles (cost per file, extrapolated to 34,630 files).

    python benchmarks/bench_story.py --facqa ../shared/data/qa-retrieval/facqa \
        --news /tmp/bq/corpus --markdown
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations
from pathlib import Path

from nksearch.analysis import shingles
from nksearch.analysis.analyzer import Analyzer
from nksearch.search import duplicates


def facqa(folder: Path) -> list[str]:
    lines = (folder / "passages.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t", 1)[1] for line in lines if "\t" in line]


def word_edits(a: list[str], b: list[str], cap: int = 3) -> int:
    """Word-level Levenshtein distance, stopped at ``cap``."""
    if abs(len(a) - len(b)) >= cap:
        return cap
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) >= cap:
            return cap
        previous = current
    return min(previous[-1], cap)


def truth_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """Same words after case, spacing and punctuation, or at most two words apart."""
    words = [shingles.words(t) for t in texts]
    sets = [set(w) for w in words]
    pairs = set()
    for a, b in combinations(range(len(texts)), 2):
        if abs(len(words[a]) - len(words[b])) > 2 or len(words[a]) < 8:
            continue
        if len(sets[a] & sets[b]) < 0.7 * max(len(sets[a]), len(sets[b])):
            continue
        if word_edits(words[a], words[b]) <= 2:
            pairs.add((a, b))
    return pairs


def edited(text: str, rng: random.Random, kind: int) -> str:
    words = text.split(" ")
    if kind == 0:  # a few words edited
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(["juga", "pula", "kemarin", "itu"])
        return " ".join(words)
    if kind == 1:  # other chrome around the same text
        return "Baca berita lainnya di kanal kami\n" + text + "\nEditor: Redaksi"
    paragraphs = text.split("\n")  # a shorter republication
    return "\n".join(paragraphs[: max(1, len(paragraphs) - 1)])


def pairs_of(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for group in groups for a, b in combinations(sorted(group), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facqa", type=Path, required=True)
    parser.add_argument("--news", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rng = random.Random(15)
    passages = facqa(args.facqa)
    truth = truth_pairs(passages)
    news_files = sorted(args.news.glob("*.txt"))
    news = [f.read_text(encoding="utf-8", errors="replace") for f in news_files]
    texts = passages + news[: args.copies]
    for n in range(args.copies):
        texts.append(edited(news[n], rng, n % 3))
        truth.add((len(passages) + n, len(texts) - 1))
    analyzer = Analyzer()  # the words an index sketches: its analysis's, stop words out

    def sketch(text: str) -> tuple[int, ...]:
        return shingles.unpack(shingles.sketch_words(analyzer.index_terms(text)[1]))

    sketches = [sketch(t) for t in texts]
    found = pairs_of(duplicates.groups(sketches))
    judged = {p for p in found if p[0] < len(passages) or p[1] >= len(passages) + args.copies}
    hits = len(judged & truth)
    precision = hits / len(judged) if judged else 1.0
    recall = hits / len(truth) if truth else 1.0

    started = time.perf_counter()
    news_words = [analyzer.index_terms(t)[1] for t in news]  # an index analyses anyway
    reference = time.perf_counter() - started
    started = time.perf_counter()
    all_sketches = [shingles.unpack(shingles.sketch_words(w)) for w in news_words]
    sketched = time.perf_counter() - started
    candidates = len(duplicates.candidate_pairs(all_sketches))
    started = time.perf_counter()
    groups = duplicates.groups(all_sketches)
    grouped = time.perf_counter() - started
    per_file_ms = (sketched + grouped) / len(news) * 1000
    rows = [
        ("texts judged", f"{len(passages)} FacQA passages + {args.copies} articles + copies"),
        ("true near-duplicate pairs", str(len(truth))),
        ("pairwise precision", f"{precision:.3f}"),
        ("pairwise recall", f"{recall:.3f}"),
        (f"reference: analysing {len(news)} articles, cold stem cache (s)", f"{reference:.2f}"),
        (f"sketch {len(news)} articles (s)", f"{sketched:.2f} ({sketched / reference:.1f}x)"),
        ("candidate pairs", str(candidates)),
        (f"group {len(news)} articles (s)", f"{grouped:.3f}"),
        ("groups found among the IndoSum articles", str(len(groups))),
        ("cost per file (ms)", f"{per_file_ms:.2f}"),
        ("grouping at 34,630 files, pairs per file as here (s)", f"{grouped * 10:.1f}"),
    ]
    for name, value in rows:
        print(f"| {name} | {value} |" if args.markdown else f"{name}: {value}")


if __name__ == "__main__":
    main()
