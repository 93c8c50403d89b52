"""An article's index fields, unit by unit (fast: no index is written)."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import types
from pathlib import Path

import pytest

from nksearch.analysis import shingles
from nksearch.analysis.analyzer import Analyzer
from nksearch.documents import boilerplate, decode, page
from nksearch.documents.corpus import scan
from nksearch.indexing import fields, foldertimes, layout, parallel, schema
from nksearch.models import Article, Skipped

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def article(path: str, title: str, body: str, date: str | None = None, source: str | None = None):
    return Article(path, title, date, source, body, "raw")


def test_every_field_of_an_article(analyzer: Analyzer) -> None:
    news = article(
        "a/berita.txt",
        "Presiden Jokowi Meresmikan Jembatan",
        "JAKARTA - Presiden Jokowi meresmikan jembatan di Bandung, kata Menteri Basuki.",
        "2021-11-24",
        "Kompas",
    )
    words = "jakarta presiden jokowi meresmikan jembatan bandung menteri basuki"
    assert fields.document_fields(analyzer, news, "stamp1") == {
        "path": "a/berita.txt",
        "stamp": "stamp1",
        "title": ("presiden", "jokowi", "resmi", "jembatan"),
        "_stored_title": "Presiden Jokowi Meresmikan Jembatan",
        "body": (
            "jakarta",
            "presiden",
            "jokowi",
            "resmi",
            "jembatan",
            "bandung",
            "menteri",
            "basuki",
        ),
        "_stored_body": news.body,
        "exact": ("meresmikan", "meresmikan"),
        "source": "Kompas",
        "outlet": "Kompas",
        "date": "2021-11-24",
        "minhash": shingles.sketch(words),
        "person": "Joko Widodo|Basuki",
        "place": "Jakarta|Bandung",
    }


def test_a_page_without_a_headline_gets_its_opening_as_a_lighter_title(analyzer: Analyzer) -> None:
    page = article("b.txt", "Harga cabai naik di pasar…", "Harga cabai naik di pasar tradisional.")
    assert fields.document_fields(analyzer, page, "s2") == {
        "path": "b.txt",
        "stamp": "s2",
        "title": ("harga", "cabai", "naik", "pasar"),
        "_stored_title": "Harga cabai naik di pasar…",
        "body": ("harga", "cabai", "naik", "pasar", "tradisional"),
        "_stored_body": "Harga cabai naik di pasar tradisional.",
        "exact": (),
        "_title_boost": fields.EXCERPT_TITLE_WEIGHT,
        "minhash": shingles.sketch("harga cabai naik pasar tradisional"),
    }


def test_an_empty_body_sketches_the_title(analyzer: Analyzer) -> None:
    assert fields.document_fields(analyzer, article("c.txt", "Judul Berita", ""), "s3") == {
        "path": "c.txt",
        "stamp": "s3",
        "title": ("judul", "berita"),
        "_stored_title": "Judul Berita",
        "body": (),
        "_stored_body": "",
        "exact": (),
        "minhash": shingles.sketch("judul berita"),
    }


def test_when_a_title_is_the_bodys_opening() -> None:
    def excerpt(title: str, body: str) -> bool:
        return fields.title_is_excerpt(article("d.txt", title, body))

    assert excerpt("Harga cabai naik…", "Harga cabai naik di pasar.")
    assert excerpt("pasar", "x" * 80 + "pasar")  # within 80 characters after the title's length
    assert not excerpt("pasar", "x" * 81 + "pasar")
    assert not excerpt("…", "x")
    assert not excerpt("Presiden Tiba", "Presiden tiba di Bandung.")


def test_story_fields_name_each_kind(analyzer: Analyzer) -> None:
    found = fields.story_fields(
        article(
            "e.txt", "Putin Undang Pemimpin", "Menlu Rusia Sergei Lavrov tiba di Baku, kata PBB."
        ),
        ["satu", "dua"],
    )
    assert found == {
        "minhash": shingles.sketch("satu dua"),
        "person": "Sergei Lavrov",
        "place": "Rusia|Baku",
        "organization": "PBB",
    }
    assert fields.story_fields(article("f.txt", "", ""), []) == {"minhash": b""}


# -- folder times kept with the index ---------------------------------------------------


def test_folder_times_round_trip_and_refuse_anything_odd(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "sub").mkdir(parents=True)
    index.mkdir()
    found = scan(corpus)
    foldertimes.save(index, found)
    assert json.loads((index / "folders.json").read_text("utf-8")) == {
        "root": str(corpus),
        "started_ns": found.started_ns,
        "folders": found.folders,
    }
    assert foldertimes.load(index, corpus) == foldertimes.FolderTimes(
        str(corpus), found.started_ns, found.folders
    )
    assert foldertimes.load(index, tmp_path / "other") is None  # another corpus
    assert foldertimes.load(tmp_path / "none", corpus) is None
    good = {"root": str(corpus), "started_ns": 5, "folders": {"": 1, "sub": 2}}
    for damaged in (
        b"not json",
        b"[1, 2]",
        json.dumps({**good, "started_ns": "5"}).encode(),
        json.dumps({**good, "folders": [1]}).encode(),
        json.dumps({**good, "folders": {"sub": 2}}).encode(),  # no root folder
        json.dumps({**good, "folders": {"": 1, "sub": "2"}}).encode(),
        json.dumps({k: v for k, v in good.items() if k != "root"}).encode(),
    ):
        (index / "folders.json").write_bytes(damaged)
        assert foldertimes.load(index, corpus) is None, damaged
    (index / "folders.json").write_text(json.dumps(good), "utf-8")
    assert foldertimes.load(index, corpus) == foldertimes.FolderTimes(
        str(corpus), 5, {"": 1, "sub": 2}
    )


def test_a_build_worker_reads_its_part_in_order_and_spills_every_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    for number in range(52):  # past one progress tick of fifty files
        (root / f"singkat-{number:02}.txt").write_text(
            f"Banjir Surut di Kampung {number}\n\n"
            "Warga Kampung Melayu kembali membersihkan rumah.\n"
        )
    (root / "biner.txt").write_bytes(b"\x00\x01\x02" * 40)
    todo = list(scan(root).files.items())
    counter = multiprocessing.Value("i", 0)
    worker = Analyzer()
    monkeypatch.setattr(parallel, "_worker", parallel._Worker(counter, worker, [], {}))
    spill = tmp_path / "bagian-0"
    items, skipped, unknown = parallel._read_part(root, todo, spill)
    assert counter.value == len(todo) == 58
    assert skipped == [Skipped("biner.txt", "binary data")]
    readable = [(rel, stamp) for rel, stamp in todo if rel != "biner.txt"]
    assert [(rel, stamp) for rel, stamp, _prints in items] == readable
    expected_unknown: set[str] = set()
    with open(spill, "rb") as articles:
        for (rel, _stamp), (_rel, _stamp2, prints) in zip(readable, items, strict=True):
            read = page.parse_article(*decode.read_text(root, root / rel))  # type: ignore[misc]
            assert parallel._spilled(articles) == Article(
                read.path, read.title, read.date, read.source, read.body, raw=""
            )
            assert prints == boilerplate.prints(read.source, read.body)
            for text in (read.title, read.body):
                expected_unknown.update(w for w in worker.words(text) if w not in worker.stems)
        assert articles.read() == b""  # nothing after the last article
    assert unknown == expected_unknown and "kampung" in unknown | set(worker.stems)


def test_a_build_worker_keeps_its_pool_state_and_counts_the_words_it_stems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "_worker", None)
    with pytest.raises(AssertionError, match="called outside a build worker"):
        parallel._state()
    counter = multiprocessing.Value("i", 0)
    worker = Analyzer()
    worker.stem("mengungsi")  # a stem computed before the pool: not the worker's
    items: list[parallel.Item] = []
    started: list[tuple[object, bool]] = []

    class Watcher:  # the worker's watch on its parent, not run in this process
        def __init__(self, target: object, daemon: bool) -> None:
            self.target, self.daemon = target, daemon

        def start(self) -> None:
            started.append((self.target, self.daemon))

    monkeypatch.setattr(parallel, "threading", types.SimpleNamespace(Thread=Watcher))
    parallel._start_worker(counter, worker, items, {"Kompas": frozenset()})
    assert len(started) == 1 and started[0][1] is True  # a daemon: never keeps a build alive
    state = parallel._state()
    assert (state.counter, state.analyzer, state.items, state.found) == (
        counter, worker, items, {"Kompas": frozenset()},
    )  # fmt: skip
    assert worker.take_new_stems() == {}
    words = ["mengungsi", "membersihkan", "rumah"]
    assert parallel._stem_part(words) == {
        "mengungsi": "ungsi", "membersihkan": "bersih", "rumah": "rumah",
    }  # fmt: skip
    assert counter.value == 3


def test_the_size_of_an_index_folder_counts_every_file_once(tmp_path: Path) -> None:
    (tmp_path / "gen-1").mkdir()
    (tmp_path / "meta.json").write_bytes(b"x" * 10)
    (tmp_path / "gen-1" / "seg.pst").write_bytes(b"x" * 300)
    (tmp_path / "gen-1" / "seg.trm").write_bytes(b"x" * 45)
    (tmp_path / "gen-1" / "hilang").symlink_to(tmp_path / "tiada")  # dangling: no size
    assert layout.directory_size(tmp_path) == 355
    assert layout.directory_size(tmp_path / "kosong") == 0


def test_a_text_field_stems_text_and_takes_terms_already_analysed() -> None:
    body = schema.make_schema()["body"]
    # text: the Indonesian analyzer's stems, a position each
    assert [
        (term, freq, pos) for term, freq, _w, pos in body.index("Gempa mengguncang Cianjur")
    ] == [
        (b"gempa", 1, b"\x00\x00\x00\x01\x80\x02]q\x00K\x00a."),
        (b"guncang", 1, b"\x00\x00\x00\x01\x80\x02]q\x00K\x01a."),
        (b"cianjur", 1, b"\x00\x00\x00\x01\x80\x02]q\x00K\x02a."),
    ]
    # a tuple: the terms as given, positions by place
    assert [(term, freq) for term, freq, _w, _pos in body.index(("gempa", "guncang", "gempa"))] == [
        (b"gempa", 2),
        (b"guncang", 1),
    ]
