"""Indexing behaviour that mutation testing found unpinned (see
benchmarks/README.md, "Mutation testing")."""

from __future__ import annotations

from pathlib import Path

import nksearch


def test_a_second_sync_changes_nothing_and_counts_every_article(built: tuple[Path, Path]) -> None:
    corpus, index = built
    report = nksearch.sync(corpus, index)
    assert not report.changed
    assert report.unchanged == 5
