"""Searching the seeds through the morphology: a word finds its whole family."""

from __future__ import annotations

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
