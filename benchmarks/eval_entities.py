"""Precision and recall of the entity recogniser on a labelled Indonesian NER set.

Reads idner-news-2k (Khairunnisa et al. 2020, MIT licence; Indonesian news
sentences tagged PER, LOC, ORG in IOB) either as its CoNLL files (``token
POS tag`` per line, a blank line between sentences) or as a TSV of
``sentence<TAB>PER=name;LOC=name;...``; with no file given, its whole test
set, kept in ``benchmarks/data/idner-news-2k/test.txt``. Each sentence is
read as an article body of its own (no headline, no dateline, no other
sentences to learn names from), and the names found are compared with the
gold names per sentence, case, hyphens and spacing ignored, short names
(``SBY``, ``Jokowi``) as the full names the recogniser lists them under.

    python benchmarks/eval_entities.py --markdown
    python benchmarks/eval_entities.py /path/to/other/test.txt --markdown
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nksearch.analysis import gazetteer
from nksearch.analysis.entities import extract
from nksearch.analysis.names import key as plain_key

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "idner-news-2k" / "test.txt"
KINDS = {"PER": "person", "LOC": "place", "ORG": "organization"}
_ALIASES = {**gazetteer.PLACE_ALIASES, **gazetteer.PERSON_ALIASES}


def key(name: str) -> str:
    """A name as compared: its key, a short name as the full name it stands for
    (the recogniser lists ``SBY`` as Susilo Bambang Yudhoyono; so is the gold)."""
    found = plain_key(name)
    return plain_key(_ALIASES.get(found, found))


def read_conll(path: Path) -> list[tuple[str, set[tuple[str, str]]]]:
    sentences: list[tuple[str, set[tuple[str, str]]]] = []
    tokens: list[str] = []
    gold: set[tuple[str, str]] = set()
    current: list[str] = []
    kind = ""

    def close() -> None:
        nonlocal current, kind
        if current and kind in KINDS:
            gold.add((KINDS[kind], key(" ".join(current))))
        current, kind = [], ""

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if not parts:
            close()
            if tokens:
                sentences.append((" ".join(tokens), gold))
            tokens, gold = [], set()
            continue
        token, tag = parts[0], parts[-1]
        tokens.append(token)
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            close()
        if tag != "O":
            kind = tag[2:]
            current.append(token)
    return sentences


def read_tsv(path: Path) -> list[tuple[str, set[tuple[str, str]]]]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, names = line.partition("\t")
        gold = set()
        for item in filter(None, names.split(";")):
            kind, _, name = item.partition("=")
            gold.add((KINDS[kind], key(name)))
        sentences.append((text, gold))
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    sentences = read_tsv(args.data) if args.data.suffix == ".tsv" else read_conll(args.data)
    counts = {kind: [0, 0, 0] for kind in KINDS.values()}  # found right, found, gold
    for text, gold in sentences:
        found = extract("", text)
        predicted = {(kind, key(name)) for kind in KINDS.values() for name in getattr(found, kind)}
        for kind, tally in counts.items():
            mine = {p for p in predicted if p[0] == kind}
            theirs = {g for g in gold if g[0] == kind}
            tally[0] += len(mine & theirs)
            tally[1] += len(mine)
            tally[2] += len(theirs)
    total = [sum(t[i] for t in counts.values()) for i in range(3)]
    print(f"{len(sentences)} sentences, {total[2]} gold names (distinct per sentence)")
    print("| type | precision | recall | F1 | right | found | gold |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind, (right, found, gold) in [*counts.items(), ("all", total)]:
        precision = right / found if found else 0.0
        recall = right / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"| {kind} | {precision:.2f} | {recall:.2f} | {f1:.2f} | {right} | {found} | {gold} |"
        )


if __name__ == "__main__":
    main()
