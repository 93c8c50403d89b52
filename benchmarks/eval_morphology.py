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

With ``--levers``, each list is also split in two halves by root (a CRC of
the root, so a family never straddles both): each of nksearch's stemming
rules is switched off in turn, or its evidence replaced, and finds-root /
precision / recall are shown on the tuning half and on the held-out half.
With ``--cross``, each weight of the ranking is moved alone, the best variant
is chosen on the treebank lists and measured on UniMorph's, and the reverse;
and nksearch's gain over Sastrawi is shown on the halves of four more splits
of each list by root.
With ``--speed``, plain Sastrawi and nksearch stem the same distinct IndoSum
words in the same run.

Usage, from the project root (the ``bench`` extra provides PyStemmer)::

    python benchmarks/eval_morphology.py --data-dir ../shared/data/morphology \
        --markdown --levers --cross --speed
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
import zlib
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


def held_out_halves(roots: Roots) -> tuple[Roots, Roots]:
    """The list split by root (a CRC of its first root): ``(tune, held_out)``.

    Every word of a root family falls in the same half, so the held-out half
    holds roots the tuning never saw.
    """
    halves: tuple[Roots, Roots] = ({}, {})
    for word, options in roots.items():
        halves[zlib.crc32(min(options).encode("utf-8")) % 2][word] = options
    return halves


def corpus_commonness(weights: Counter[str]) -> Callable[[str], float]:
    """A root's Zipf value in the IndoSum articles (the "indexed corpus")."""
    total = sum(weights.values()) or 1

    def common(root: str) -> float:
        count = weights.get(root, 0)
        return math.log10(count * 1e9 / total) if count else 0.0

    return common


def levers(weights: Counter[str]) -> dict[str, Stem]:
    """nksearch's stemming with one rule at a time switched off or replaced."""
    from dataclasses import replace

    from nksearch.analysis import morphology
    from nksearch.analysis.stemmer import root_frequency, stemming

    rules = morphology.RULES
    variants = {
        "nksearch (all rules)": stemming(),
        "no invalid-confix rule": stemming(replace(rules, confixes=False)),
        "no penalty for bare -kan/-i, loan suffix, -kah/-tah": stemming(
            replace(rules, unlikely=0.0)
        ),
        "no whole-root rule (sedia, sebar)": stemming(replace(rules, whole_roots=None)),
        "no root frequency (length decides)": stemming(replace(rules, frequency=0.0)),
        "longer root first (frequency a tie-break)": stemming(replace(rules, length=10.0)),
        "no recoding cost": stemming(replace(rules, recoding=0.0)),
        "no passive-form evidence (dimohon for memohon)": stemming(replace(rules, family=0.0)),
        "passive forms weigh 0.25, not 0.5": stemming(replace(rules, family=0.25)),
        "passive forms weigh 1, not 0.5": stemming(replace(rules, family=1.0)),
        "no loanword suffixes": stemming(replace(rules, loan_suffixes=False)),
        "short roots need no other form (dani, diego)": stemming(replace(rules, short_roots=False)),
        "bare -i needs no other form (helmi, politisi)": stemming(
            replace(rules, bare_suffixes=False)
        ),
        "no nouns-of-their-own rule (huni, not hun + -i)": stemming(
            replace(rules, suffix_in_root=False)
        ),
        "infixes read (semarang → sarang)": stemming(replace(rules, infixes=True)),
        "no loanword roots (instagramnya, diposting)": stemming(loanwords=False),
        "no exception table": stemming(exceptions=False),
        "root's own frequency only (no family forms)": stemming(common=root_frequency),
        "corpus evidence: IndoSum counts, not wordfreq": stemming(
            common=corpus_commonness(weights)
        ),
    }
    return {name: _cached(stem) for name, stem in variants.items()}


def evaluate_levers(lists: Iterable[Path], weights: Counter[str]) -> dict[str, dict[str, object]]:
    """Each lever on the tuning half and the held-out half of each list."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stops = sastrawi_stop_words()
    compared: dict[str, Stem] = {
        "Sastrawi": _cached(StemmerFactory().create_stemmer().delegatedStemmer.stem_word)
    }
    compared.update(levers(weights))
    report: dict[str, dict[str, object]] = {}
    for path in lists:
        for half, roots in zip(
            ("tune", "held-out"), held_out_halves(read_pairs(path)), strict=True
        ):
            rows: dict[str, object] = {}
            for name, stem in compared.items():
                share, _ = finds_root(roots, stem, weights, stops)
                precision, recall = pairwise(roots, stem)
                rows[name] = (round(share, 4), round(precision, 4), round(recall, 4))
            report[f"{path.stem} {half}"] = rows
    return report


def levers_markdown(report: dict[str, dict[str, object]]) -> str:
    halves = list(report)
    lines = [
        "| variant | " + " | ".join(halves) + " |",
        "| --- | " + " | ".join("---:" for _ in halves) + " |",
    ]
    for name in next(iter(report.values())):
        cells = []
        for half in halves:
            r = report[half][name]
            assert isinstance(r, tuple)
            cells.append(f"{r[0]:.3f} / {r[1]:.3f} / {r[2]:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


#: The weights :func:`cross_lists` tries, one at a time, around the defaults.
WEIGHT_GRID = {
    "frequency": (0.5, 1.5),
    "family": (0.0, 1.0),
    "length": (0.1, 0.5),
    "recoding": (0.5, 2.0),
    "unlikely": (1.0, 4.0),
}


def cross_lists(lists: list[Path], weights: Counter[str]) -> str:
    """Weights chosen on some lists, measured on the others.

    For each way of splitting the lists into a tuning group and a test group
    (the treebanks against UniMorph, and UniMorph against the treebanks),
    each weight of :data:`WEIGHT_GRID` is moved alone; the variant with the
    best mean finds-root on the tuning group (precision no lower than the
    defaults') is measured on the test group beside the defaults and
    Sastrawi. A gain that holds there did not come from fitting the lists.
    """
    from dataclasses import replace

    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from nksearch.analysis import morphology
    from nksearch.analysis.stemmer import stemming

    stops = sastrawi_stop_words()
    read = {p.stem: read_pairs(p) for p in lists if "reported" not in p.stem}
    treebanks = [n for n in read if n.startswith("ud-")]
    others = [n for n in read if n not in treebanks]
    variants: dict[str, Stem] = {"defaults": _cached(stemming())}
    for name, values in WEIGHT_GRID.items():
        for value in values:
            rules = replace(morphology.RULES, **{name: value})
            variants[f"{name} {value:g}"] = _cached(stemming(rules))
    sastrawi = _cached(StemmerFactory().create_stemmer().delegatedStemmer.stem_word)

    def score(stem: Stem, names: list[str]) -> tuple[float, float, float]:
        rows = [
            (finds_root(read[n], stem, weights, stops)[0], *pairwise(read[n], stem)) for n in names
        ]
        return tuple(sum(r[i] for r in rows) / len(rows) for i in range(3))  # type: ignore[return-value]

    lines = [
        "| tuned on | measured on | chosen | Sastrawi | defaults | chosen variant |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for tune, test in ((treebanks, others), (others, treebanks)):
        if not tune or not test:
            continue
        base = score(variants["defaults"], tune)
        best = max(
            (v for v in variants if score(variants[v], tune)[1] >= base[1]),
            key=lambda v: (round(score(variants[v], tune)[0], 4), v == "defaults"),
        )
        cells = [score(s, test) for s in (sastrawi, variants["defaults"], variants[best])]
        shown = " | ".join(f"{f:.3f} / {p:.3f} / {r:.3f}" for f, p, r in cells)
        lines.append(f"| {', '.join(tune)} | {', '.join(test)} | {best} | {shown} |")
    return "\n".join(lines)


def salted_halves(lists: list[Path], weights: Counter[str], salts: str = "abcd") -> str:
    """nksearch's gain over Sastrawi on the halves of other splits by root.

    Each salt splits every list in two by a CRC of the salt and the root (a
    family never straddles the halves), as :func:`held_out_halves` does
    without a salt: the spread of the gain over those halves shows how much
    of it depends on which roots a list happens to hold.
    """
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    import nksearch

    stops = sastrawi_stop_words()
    plain = _cached(StemmerFactory().create_stemmer().delegatedStemmer.stem_word)
    ours = _cached(nksearch.stem)
    lines = [
        "| list | halves | finds-root gain min / median / max | precision gain min / max |",
        "| --- | ---: | ---: | ---: |",
    ]
    for path in lists:
        if "reported" in path.stem:
            continue
        roots = read_pairs(path)
        gains = []
        for salt in salts:
            halves: tuple[Roots, Roots] = ({}, {})
            for word, options in roots.items():
                halves[zlib.crc32((salt + min(options)).encode("utf-8")) % 2][word] = options
            for half in halves:
                base = finds_root(half, plain, weights, stops)[0], pairwise(half, plain)[0]
                got = finds_root(half, ours, weights, stops)[0], pairwise(half, ours)[0]
                gains.append((got[0] - base[0], got[1] - base[1]))
        found = sorted(g[0] for g in gains)
        precise = sorted(g[1] for g in gains)
        lines.append(
            f"| {path.stem} | {len(gains)} | {found[0]:+.3f} / {found[len(found) // 2]:+.3f} / "
            f"{found[-1]:+.3f} | {precise[0]:+.3f} / {precise[-1]:+.3f} |"
        )
    return "\n".join(lines)


def speed(weights: Counter[str], limit: int = 20_000) -> str:
    """Words per second of plain Sastrawi and of nksearch, same words, same run.

    The ``limit`` most frequent IndoSum words of letters, each stemmed once
    (what a cold build does); the lexicon and frequency list are loaded first.
    """
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from nksearch.analysis import stemmer

    words = [w for w, _ in weights.most_common() if w.isalpha()][:limit]
    plain = StemmerFactory().create_stemmer().delegatedStemmer
    stemmer.lexicon()
    stemmer.commonness("ada")  # load the frequency list outside the timing
    start = time.perf_counter()
    for word in words:
        plain.stem_word(word)
    sastrawi = time.perf_counter() - start
    start = time.perf_counter()
    for word in words:
        stemmer.stem_word(word)
    ours = time.perf_counter() - start
    return (
        f"{len(words):,} distinct words: plain Sastrawi {len(words) / sastrawi:,.0f} words/s, "
        f"nksearch {len(words) / ours:,.0f} words/s ({sastrawi / ours:.1f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--top", type=int, default=10, help="misses to list per stemmer")
    parser.add_argument("--markdown", action="store_true", help="print tables on stdout")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure here")
    parser.add_argument(
        "--levers",
        action="store_true",
        help="also each rule switched off, on a tuning and a held-out half of each list",
    )
    parser.add_argument("--speed", action="store_true", help="also words/s against Sastrawi")
    parser.add_argument(
        "--cross",
        action="store_true",
        help="also weights tuned on the treebanks measured on UniMorph, and the reverse",
    )
    args = parser.parse_args(argv)
    lists = sorted(args.data_dir.glob("*.tsv"))
    if not lists:
        print(f"no .tsv lists in {args.data_dir}; pass --data-dir", file=sys.stderr)
        return 2
    if not args.articles.is_file():
        print(f"no IndoSum articles at {args.articles}; pass --articles", file=sys.stderr)
        return 2
    weights = word_counts(args.articles)
    report = evaluate(lists, weights, args.top)
    if args.levers:
        report["levers"] = evaluate_levers(lists, weights)  # type: ignore[assignment]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.markdown or not args.json:
        lever_report = report.pop("levers", None)
        print(markdown(report))
        if lever_report is not None:
            print("\nfinds-root / precision / recall per half (split by root):\n")
            print(levers_markdown(lever_report))  # type: ignore[arg-type]
    if args.cross:
        print("\nmean finds-root / precision / recall, weights tuned on other lists:\n")
        print(cross_lists(lists, weights))
        print("\nnksearch's gain over Sastrawi on halves of four other splits by root:\n")
        print(salted_halves(lists, weights))
    if args.speed:
        print("\n" + speed(weights))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
