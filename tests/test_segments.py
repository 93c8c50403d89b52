"""Many small syncs leave few segments, and the same search results as a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

import nksearch
from nksearch.documents.corpus import scan
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


def test_a_build_keeps_its_last_few_documents_in_the_segment_before(tmp_path: Path) -> None:
    """A writer told how many documents come cuts no segment of under a quarter of the last."""
    from nksearch._whoosh import opening
    from nksearch._whoosh.writer import BulkSegmentWriter
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.documents import page
    from nksearch.indexing.fields import document_fields
    from nksearch.indexing.schema import make_schema

    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    articles = [page.parse_article(p.name, p.read_text("utf-8")) for p in seeds] * 4
    analyzer = Analyzer({})
    docs = [document_fields(analyzer, a, f"{i}:1") for i, a in enumerate(articles)]

    def sizes(max_postings: int, documents: int) -> list[int]:
        folder = tmp_path / f"ix-{max_postings}-{documents}"
        folder.mkdir()
        writer = BulkSegmentWriter(
            opening.create_in(folder, make_schema()), max_postings=max_postings, documents=documents
        )
        for fields in docs:
            writer.add(dict(fields))
        return [segment.doc_count_all() for segment in writer.finish()]

    assert sizes(3000, 0) == [16, 4]  # not told: cut at the limit
    assert sizes(3000, 20) == [20]  # four left after sixteen: kept in
    assert sizes(2800, 20) == [15, 5]  # five left after fifteen: a segment of their own


def test_segments_left_without_documents_are_dropped_not_copied(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch._whoosh import readers

    corpus, index_dir = built
    (corpus / "kabar.txt").write_text("Kabar\n\nLavrov di Baku.\n", encoding="utf-8")
    nksearch.sync(corpus, index_dir)
    assert segment_sizes(index_dir) == [5, 1]
    for path in list(corpus.iterdir()):
        path.unlink()
    assert nksearch.sync(corpus, index_dir).removed == 6
    # Both small segments lost all their documents: none is written in their place.
    assert segment_sizes(index_dir) == []
    (corpus / "baru.txt").write_text("Berita Baru\n\nPutin di Moskow.\n", encoding="utf-8")
    assert nksearch.sync(corpus, index_dir).added == 1
    assert segment_sizes(index_dir) == [1]
    # A segment of no documents (as earlier versions could leave): the stamps
    # of the others are still read column by column, not one by one.
    meta = layout.read_meta(index_dir)
    assert meta is not None
    ix = whoosh_index.open_dir(str(index_dir / meta.generation))
    writer = ix.writer()
    writer._added = True  # commit a segment although nothing was added
    writer.commit(merge=False)
    ix.close()
    assert segment_sizes(index_dir) == [1, 0]
    monkeypatch.setattr(readers, "_stamps_one_by_one", None)
    ix = whoosh_index.open_dir(str(index_dir / meta.generation))
    try:
        stamp = scan(corpus).files["baru.txt"]
        assert readers.indexed_stamps(ix) == {"baru.txt": stamp}
    finally:
        ix.close()
