"""Many small syncs leave few segments, and the same search results as a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from whoosh import index as whoosh_index

import nksearch
from nksearch.indexing import layout

SYNCS = 24


def segment_sizes(index_dir: Path) -> list[int]:
    meta = layout.read_meta(index_dir)
    assert meta is not None
    ix = whoosh_index.open_dir(str(index_dir / meta.generation))
    try:
        return [segment.doc_count_all() for segment in ix._segments()]
    finally:
        ix.close()


def test_small_syncs_are_merged_as_they_pile_up(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index_dir = built
    for k in range(SYNCS):
        text = f"Kabar Singkat Nomor {k}\n\nArmenia dan Azerbaijan berunding lagi, kali ke-{k}.\n"
        (corpus / f"kabar{k:02d}.txt").write_text(text, encoding="utf-8")
        assert nksearch.sync(corpus, index_dir).added == 1
    sizes = segment_sizes(index_dir)
    # One segment per sync would be 25; small segments are folded together
    # as soon as there are two of them (SMALL_SEGMENT documents or fewer).
    assert sum(sizes) == 5 + SYNCS
    assert len(sizes) <= 2, sizes
    rebuilt = tmp_path / "rebuilt"
    nksearch.sync(corpus, rebuilt)
    with nksearch.open_index(index_dir) as synced, nksearch.open_index(rebuilt) as fresh:
        for query in ("Armenia berunding", "kabar singkat", "Putin"):
            got = sorted(hit.path for hit in synced.search(query, limit=40).hits)
            assert got and got == sorted(hit.path for hit in fresh.search(query, limit=40).hits)


def test_a_large_segment_is_left_as_it_is(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch._whoosh import writer

    monkeypatch.setattr(writer, "SMALL_SEGMENT", 3)  # the seeds' segment (5) counts as large
    corpus, index_dir = built
    seen = []
    for k in range(5):
        (corpus / f"kabar{k}.txt").write_text(f"Kabar {k}\n\nLavrov di Baku.\n", encoding="utf-8")
        nksearch.sync(corpus, index_dir)
        seen.append(segment_sizes(index_dir))
    # Two small segments are folded into the next sync's; the large one stays.
    assert seen == [[5, 1], [5, 1, 1], [5, 3], [5, 3, 1], [5, 3, 1, 1]]
