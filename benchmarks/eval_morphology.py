"""Stemming measured against word → root lists: plain Sastrawi, Snowball and nksearch.

For each list (a ``.tsv`` with a header and ``word<TAB>root`` rows; a word may
have several roots) and each stemmer ``S``:

- **finds-root**: over words that are not their own root and not on
  Sastrawi's stop list, the share with ``S(word) == S(root)`` for some listed
  root, each word weighted by its count in the IndoSum articles (lowercase
  words of letters and hyphens); words absent from IndoSum weigh nothing;
- **pairwise precision**: of all pairs of listed words ``S`` gives the same
  stem, the share whose root sets intersect (wrong merges lower it);
- **pairwise recall**: of all pairs of listed words sharing a root, the share
  ``S`` gives the same stem.

The reported-errors list (``word, reported_output, correct_root, issue``) is
read as word → correct root. The top misses by weight show where each
stemmer loses. Data is read by path; nothing is copied into the repository.

Usage, from the project root (the ``bench`` extra provides PyStemmer)::

    python benchmarks/eval_morphology.py --data-dir ../shared/data/morphology --markdown
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "morphology"
DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "indosum-dev" / "articles.jsonl"
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

Stem = Callable[[str], str]
Roots = dict[str, set[str]]


def read_pairs(path: Path) -> Roots:
    """word → its roots, from a list's ``.tsv`` (its first two columns that matter)."""
    roots: Roots = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        header = next(rows)
        root_column = (
            2 if header[:3] == ["word", "reported_output", "correct_root_per_reporter"] else 1
        )
        for row in rows:
            if len(row) > root_column and row[0].strip() and row[root_column].strip():
                # Reporters write notes beside a root ("bali (place name)") and
                # alternatives with a slash ("bank/perbankan").
                value = row[root_column].strip().lower().split(" (")[0]
                roots[row[0].strip().lower()].update(r for r in value.split("/") if r)
    return dict(roots)


def word_counts(articles: Path) -> Counter[str]:
    """How often each lowercase word occurs in the IndoSum articles."""
    counts: Counter[str] = Counter()
    with articles.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text", "")
            if isinstance(text, list):  # paragraphs of sentences of tokens
                text = " ".join(" ".join(" ".join(s) for s in p) for p in text)
            counts.update(_WORD.findall(str(text).lower()))
    return counts


def finds_root(
    roots: Roots, stem: Stem, weights: Counter[str], stops: frozenset[str]
) -> tuple[float, list[tuple[int, str, str, str]]]:
    """Weighted share of derived words stemmed like a root; and the misses by weight."""
    total = right = 0
    misses: list[tuple[int, str, str, str]] = []
    for word, options in roots.items():
        weight = weights.get(word, 0)
        if not weight or word in options or word in stops:
            continue
        total += weight
        got = stem(word)
        if any(got == stem(root) for root in options):
            right += weight
        else:
            misses.append((weight, word, got, "/".join(sorted(options))))
    misses.sort(reverse=True)
    return (right / total if total else 1.0), misses


def pairwise(roots: Roots, stem: Stem) -> tuple[float, float]:
    """``(precision, recall)`` over pairs of listed words."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    by_root: dict[str, list[str]] = defaultdict(list)
    for word, options in roots.items():
        by_stem[stem(word)].append(word)
        for root in options:
            by_root[root].append(word)
    merged = right = 0
    for words in by_stem.values():
        for a, b in combinations(words, 2):
            merged += 1
            right += bool(roots[a] & roots[b])
    related = {
        tuple(sorted(pair)) for words in by_root.values() for pair in combinations(set(words), 2)
    }
    found = sum(1 for a, b in related if stem(a) == stem(b))
    precision = right / merged if merged else 1.0
    recall = found / len(related) if related else 1.0
    return precision, recall


def stemmers() -> dict[str, Stem]:
    """The stemmers compared, each with a cache of its own."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    import nksearch

    sastrawi = StemmerFactory().create_stemmer().delegatedStemmer
    found: dict[str, Stem] = {"Sastrawi": sastrawi.stem_word}
    try:
        import Stemmer  # PyStemmer: the Snowball stemmers

        found["Snowball"] = Stemmer.Stemmer("indonesian").stemWord
    except ImportError:
        print(
            "PyStemmer is not installed: no Snowball column (pip install '.[bench]')",
            file=sys.stderr,
        )
    found["nksearch"] = nksearch.stem
    return {name: _cached(stem) for name, stem in found.items()}


def _cached(stem: Stem) -> Stem:
    memo: dict[str, str] = {}

    def cached(word: str) -> str:
        got = memo.get(word)
        if got is None:
            got = memo[word] = str(stem(word))
        return got

    return cached


def sastrawi_stop_words() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


def evaluate(
    lists: Iterable[Path], weights: Counter[str], top: int
) -> dict[str, dict[str, object]]:
    stops = sastrawi_stop_words()
    compared = stemmers()
    report: dict[str, dict[str, object]] = {}
    for path in lists:
        roots = read_pairs(path)
        rows: dict[str, object] = {"pairs": sum(len(r) for r in roots.values())}
        for name, stem in compared.items():
            share, misses = finds_root(roots, stem, weights, stops)
            precision, recall = pairwise(roots, stem)
            rows[name] = {
                "finds_root": round(share, 4),
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "top_misses": misses[:top],
            }
        report[path.stem] = rows
    return report


def markdown(report: dict[str, dict[str, object]]) -> str:
    names = [k for k in next(iter(report.values())) if k != "pairs"]
    lines = [
        "| list | pairs | "
        + " | ".join(f"{n} finds-root / precision / recall" for n in names)
        + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for listed, rows in report.items():
        cells = []
        for name in names:
            r = rows[name]
            assert isinstance(r, dict)
            cells.append(f"{r['finds_root']:.3f} / {r['precision']:.3f} / {r['recall']:.3f}")
        lines.append(f"| {listed} | {rows['pairs']} | " + " | ".join(cells) + " |")
    for listed, rows in report.items():
        r = rows["nksearch"]
        assert isinstance(r, dict)
        misses = r["top_misses"]
        assert isinstance(misses, list)
        if misses:
            shown = ", ".join(f"`{w}`→`{got}` (root {roots}, {n})" for n, w, got, roots in misses)
            lines.append(f"\nnksearch's top misses in {listed}: {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--top", type=int, default=10, help="misses to list per stemmer")
    parser.add_argument("--markdown", action="store_true", help="print tables on stdout")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure here")
    args = parser.parse_args(argv)
    lists = sorted(args.data_dir.glob("*.tsv"))
    if not lists:
        print(f"no .tsv lists in {args.data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    if not args.articles.is_file():
        print(f"no IndoSum articles at {args.articles}; pass --articles", file=sys.stderr)
        return 2
    report = evaluate(lists, word_counts(args.articles), args.top)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.markdown or not args.json:
        print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
