"""The idner-news-2k test set kept with benchmarks/eval_entities.py, as that script reads it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import eval_entities as measure


def test_the_bundled_test_set_parses_whole() -> None:
    lines = measure.DEFAULT_DATA.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split()) == 3 for line in lines if line.strip())
    sentences = measure.read_conll(measure.DEFAULT_DATA)
    assert len(sentences) == 509
    assert sum(len(gold) for _, gold in sentences) == 968
    text, gold = sentences[0]
    assert text.startswith("Presiden terpilih Joko Widodo mengungkapkan")
    assert gold == {("person", measure.key("Joko Widodo"))}
