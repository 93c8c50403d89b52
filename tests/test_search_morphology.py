"""Searching the seeds through the morphology: a word finds its whole family."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import nksearch
from nksearch.analysis.stemmer import RULES_VERSION, stem_cache_key
from nksearch.indexing import layout
from nksearch.indexing.schema import INDEX_VERSION
from nksearch.search.index import Index

SEEDS = [
    "000_c7cea75aa3edd05e.txt",
    "001_63c42fef90ae31eb.txt",
    "002_dbd056f822f32af2.txt",
    "003_b561e05cfa5aa674.txt",
    "004_24ba11577c6bdac0.txt",
]


def test_kesepakatan_finds_all_five_seeds(seed_index: Index) -> None:
    results = seed_index.search("kesepakatan", limit=10)
    assert results.total == 5
    assert sorted(hit.path for hit in results.hits) == SEEDS


def test_disepakati_and_kesepakatan_are_one_family(seed_index: Index) -> None:
    agreed = seed_index.search("disepakati", limit=10)
    assert sorted(hit.path for hit in agreed.hits) == SEEDS


def test_an_index_made_with_the_previous_stemming_rules_is_rebuilt(
    built: tuple[Path, Path],
) -> None:
    """Stems from older rules (Sastrawi's pakat for disepakati) never survive a sync."""
    corpus, index = built
    old_rules = RULES_VERSION - 1
    meta = layout.read_meta(index)
    assert meta is not None
    old_version = INDEX_VERSION.rsplit(".", 1)[0] + f".{old_rules}"
    layout.write_meta(index, replace(meta, version=old_version))
    old_stems = {"disepakati": "pakat", "menyepakati": "pakat"}
    layout.save_stems(index, f"sastrawi-0.0/rules-{old_rules}", old_stems)
    report = nksearch.sync(corpus, index)
    assert report.rebuilt is True
    assert "another nksearch version" in (report.reason or "")
    assert layout.load_stems(index, stem_cache_key())["disepakati"] == "sepakat"
    with nksearch.open_index(index) as idx:
        assert sorted(hit.path for hit in idx.search("disepakati", limit=10).hits) == SEEDS
