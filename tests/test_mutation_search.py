"""Search behaviour that mutation testing found unpinned (see
benchmarks/README.md, "Mutation testing")."""

from __future__ import annotations

from nksearch.search.index import Index


def test_every_seed_mentions_putin(seed_index: Index) -> None:
    results = seed_index.search("Putin")
    assert results.total == 5
    assert len({hit.path for hit in results.hits}) == 5
