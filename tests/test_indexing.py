"""Syncing the index with the corpus: add, change, delete, rebuild, locks."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

import nksearch
from nksearch.analysis.stemmer import stem_cache_key
from nksearch.indexing import layout as store
from nksearch.indexing import recurring
from nksearch.errors import CorpusError, Fix, IndexBusyError, IndexProblem

NEW_ARTICLE = """Jokowi Resmikan Bendungan Baru di Bekasi

Senin, 2 Januari 2023 10:00 WIB

BEKASI - Presiden Joko Widodo meresmikan bendungan baru di Bekasi untuk mengendalikan banjir.
Bendungan itu diharapkan melindungi ribuan rumah warga dari banjir tahunan.
"""


def titles(index_dir: Path, query: str) -> list[str]:
    with nksearch.open_index(index_dir) as idx:
        return [hit.title for hit in idx.search(query).hits]


def test_first_sync_builds_everything(corpus: Path, index_dir: Path) -> None:
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.updated, report.removed, report.skipped) == (5, 0, 0, ())
    assert report.rebuilt is True
    with nksearch.open_index(index_dir) as idx:
        assert idx.document_count == 5


def test_noop_sync_changes_nothing(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)
    assert not report.changed


def test_sync_adds_changes_and_removes(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    (corpus / "sub").mkdir()
    (corpus / "sub" / "bekasi.md").write_text(NEW_ARTICLE, encoding="utf-8")
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.updated, report.removed) == (1, 0, 0)
    with nksearch.open_index(index_dir) as idx:
        hit = idx.search("bendungan").hits[0]
        assert hit.path == "sub/bekasi.md"
        assert hit.date == "2023-01-02"

    target = corpus / "004_24ba11577c6bdac0.txt"
    target.write_text(target.read_text("utf-8").replace("Lavrov", "Lavrovsky"), encoding="utf-8")
    os.utime(target, ns=(1, 1_000_000_000))
    (corpus / "000_c7cea75aa3edd05e.txt").unlink()
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 4)
    assert titles(index_dir, "Lavrovsky") == ["Rusia Tengahi Konflik Militer Azerbaijan-Armenia"]
    assert titles(index_dir, "Shoigu") == []
    with nksearch.open_index(index_dir) as idx:
        assert idx.document_count == 5


def test_incremental_and_rebuilt_indexes_answer_the_same(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index_dir = built
    (corpus / "bekasi.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    nksearch.sync(corpus, index_dir)
    fresh = tmp_path / "fresh"
    nksearch.sync(corpus, fresh, rebuild=True)
    with nksearch.open_index(index_dir) as a, nksearch.open_index(fresh) as b:
        for query in ("banjir Bekasi", "perdamaian", '"gencatan senjata"', "Putin NOT Sochi"):
            hits_a, hits_b = a.search(query).hits, b.search(query).hits
            assert [(h.path, h.snippet) for h in hits_a] == [(h.path, h.snippet) for h in hits_b]


def test_rebuild_swaps_generation_and_cleans_old(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    before = store.read_meta(index_dir)
    report = nksearch.sync(corpus, index_dir, rebuild=True)
    after = store.read_meta(index_dir)
    assert report.rebuilt and report.added == 5
    assert before is not None and after is not None and before.generation != after.generation
    generations = [p.name for p in index_dir.iterdir() if p.name.startswith("g-")]
    assert generations == [after.generation]


def test_open_index_follows_a_rebuild(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    with nksearch.open_index(index_dir) as idx:
        assert idx.search("bendungan").total == 0
        (corpus / "bekasi.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        nksearch.sync(corpus, index_dir, rebuild=True)
        assert idx.search("bendungan").total == 1
        (corpus / "bekasi2.txt").write_text(NEW_ARTICLE.replace("Bekasi", "Bogor"), encoding="utf-8")
        nksearch.sync(corpus, index_dir)
        assert idx.search("bendungan").total == 2


def test_version_mismatch_rebuilds_with_a_reason(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    meta_path = index_dir / store.META
    data = json.loads(meta_path.read_text())
    data["version"] = "0.0"
    meta_path.write_text(json.dumps(data))
    with pytest.raises(IndexProblem, match="another nksearch version"):
        nksearch.open_index(index_dir)
    report = nksearch.sync(corpus, index_dir)
    assert report.rebuilt
    assert report.reason == "the index was made by another nksearch version: rebuilt it"
    assert titles(index_dir, "Shoigu")


@pytest.mark.parametrize("how", ["garbled", "other rules", "missing"])
def test_a_lost_stem_cache_is_refilled_by_the_next_sync(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    corpus, index = built
    if how == "garbled":
        (index / store.STEMS).write_bytes(b"\x00")
    elif how == "other rules":
        store.save_stems(index, "sastrawi-0.0/rules-0", {"perdamaian": "damai"})
    else:
        (index / store.STEMS).unlink()
    assert nksearch.sync(corpus, index).unchanged == 5
    stems = store.load_stems(index, stem_cache_key())
    assert (stems["perdamaian"], stems["menengahi"], stems["putin"]) == ("damai", "tengah", "putin")


def test_bad_files_are_skipped_and_remembered(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.md").write_text("   \n")
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    report = nksearch.sync(corpus, index_dir)
    assert sorted((s.path, s.reason) for s in report.skipped) == [
        ("binary.txt", "binary data"),
        ("empty.md", "empty file"),
    ]
    assert report.added == 0
    again = nksearch.sync(corpus, index_dir)
    assert len(again.skipped) == 2 and again.added == 0
    with nksearch.open_index(index_dir) as idx:
        assert idx.stale(corpus) == []


def test_stale_files_are_reported(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    (corpus / "bekasi.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "001_63c42fef90ae31eb.txt").unlink()
    with nksearch.open_index(index_dir) as idx:
        assert idx.stale(corpus) == ["001_63c42fef90ae31eb.txt", "bekasi.txt"]
        info = idx.stats(corpus)
    assert info.documents == 5 and len(info.stale) == 2 and info.index_bytes > 0


def test_second_writer_waits_then_reports_busy(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    with store.write_lock(index_dir, timeout=1), pytest.raises(IndexBusyError, match="is busy"):
        nksearch.sync(corpus, index_dir, lock_timeout=0.2)
    assert nksearch.sync(corpus, index_dir).unchanged == 5


def test_stem_cache_is_persisted_and_keyed(built: tuple[Path, Path]) -> None:
    _corpus, index_dir = built
    key = stem_cache_key()
    stems = store.load_stems(index_dir, key)
    assert stems["perdamaian"] == "damai"
    assert store.load_stems(index_dir, "other-key") == {}


def test_missing_corpus(index_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        nksearch.sync(tmp_path / "nope", index_dir)


def test_missing_and_damaged_index(built: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(IndexProblem, match="no index in"):
        nksearch.open_index(tmp_path / "nothing")
    _corpus, index_dir = built
    meta = store.read_meta(index_dir)
    assert meta is not None
    for path in (index_dir / meta.generation).iterdir():
        if path.suffix == ".toc":
            path.write_bytes(b"garbage")
    with pytest.raises(IndexProblem, match="damaged") as caught:
        nksearch.open_index(index_dir)
    assert caught.value.fix is Fix.REBUILD and caught.value.path == str(index_dir)


def test_bulk_writer_matches_whoosh_writer(corpus: Path, tmp_path: Path) -> None:
    """The fast segment writer stores exactly what Whoosh's own writer would."""
    from nksearch._whoosh.termwriter import commit_segments
    from nksearch._whoosh.writer import BulkSegmentWriter
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.documents.decode import read_article
    from nksearch.indexing.fields import document_fields
    from nksearch.indexing.schema import make_schema

    analyzer = Analyzer()

    docs = []
    for path in sorted(corpus.glob("*.txt")):
        article = read_article(corpus, path)
        docs.append(document_fields(analyzer, article, "1:1"))  # type: ignore[arg-type]
    plain_dir, bulk_dir = tmp_path / "plain", tmp_path / "bulk"
    plain_dir.mkdir()
    bulk_dir.mkdir()
    plain = whoosh_index.create_in(str(plain_dir), make_schema())
    with plain.writer() as writer:
        for fields in docs:
            writer.add_document(**fields)
    bulk = whoosh_index.create_in(str(bulk_dir), make_schema())
    writer = BulkSegmentWriter(bulk, max_postings=300)  # force several segments
    for fields in docs:
        writer.add(fields)
    commit_segments(bulk, writer.finish())
    assert len(bulk._read_toc().segments) > 1

    def postings(ix: whoosh_index.FileIndex) -> dict[tuple[str, bytes], list[tuple[str, float, bytes]]]:
        out: dict[tuple[str, bytes], list[tuple[str, float, bytes]]] = {}
        with ix.reader() as reader:
            for fieldname, text in reader.all_terms():
                matcher = reader.postings(fieldname, text)
                rows = []
                while matcher.is_active():
                    path = reader.stored_fields(matcher.id())["path"]
                    rows.append((path, matcher.weight(), matcher.value()))
                    matcher.next()
                out[(fieldname, text)] = sorted(rows)
            return out

    assert postings(bulk) == postings(plain)
    with plain.searcher() as a, bulk.searcher() as b:
        for word in ("damai", "armenia", "tengah"):
            for field in ("title", "body"):
                assert a.field_length(field) == b.field_length(field)
                assert a.doc_frequency(field, word) == b.doc_frequency(field, word)


def test_writers_store_fields_in_whoosh_order(corpus: Path, tmp_path: Path) -> None:
    """Stored fields are kept in the order Whoosh's own writer keeps them (by name)."""
    from nksearch._whoosh.termwriter import commit_segments
    from nksearch._whoosh.writer import BulkSegmentWriter, FastSegmentWriter
    from nksearch.analysis.analyzer import Analyzer
    from nksearch.documents.decode import read_article
    from nksearch.indexing.fields import document_fields
    from nksearch.indexing.schema import make_schema

    analyzer = Analyzer()
    docs = [
        document_fields(analyzer, read_article(corpus, path), "1:1")  # type: ignore[arg-type]
        for path in sorted(corpus.glob("*.txt"))
    ]
    orders = {}
    for name in ("whoosh", "bulk", "fast"):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), make_schema())
        if name == "whoosh":
            with ix.writer() as writer:
                for fields in docs:
                    writer.add_document(**fields)
        elif name == "bulk":
            bulk = BulkSegmentWriter(ix)
            for fields in docs:
                bulk.add(dict(fields))
            commit_segments(ix, bulk.finish())
        else:
            fast = FastSegmentWriter(ix)
            for fields in docs:
                fast.add_prepared(fields)
            fast.commit()
        with ix.reader() as reader:
            orders[name] = [list(reader.stored_fields(doc)) for doc in reader.all_doc_ids()]
    assert orders["whoosh"][0] == ["body", "date", "path", "source", "title"]
    assert orders["bulk"] == orders["fast"] == orders["whoosh"]


@pytest.mark.parametrize("parallel", [False, True])
def test_syncs_leave_no_temporary_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    from nksearch.indexing import sync as indexing

    if parallel:
        monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 2)
    index_dir = tmp_path / "index"
    nksearch.sync(corpus, index_dir, rebuild=True)
    (corpus / "baru.txt").write_text("Judul Baru Tentang Armenia\n\nIsi tentang Armenia.\n")
    (corpus / "001_63c42fef90ae31eb.txt").unlink()
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.removed) == (1, 1)
    leftovers = [
        p.relative_to(index_dir).as_posix()
        for p in index_dir.rglob("*")
        if p.name.endswith((".tmp", ".ctmp")) or (p.is_dir() and not p.name.startswith("g-"))
    ]
    assert leftovers == []


def test_parallel_build_matches_single_process(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nksearch.indexing import sync as indexing

    for i in range(12):
        shutil.copy(corpus / "003_b561e05cfa5aa674.txt", corpus / f"copy{i:02}.txt")
    single = tmp_path / "single"
    nksearch.sync(corpus, single)
    monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 2)
    for name, cold in (("warm", False), ("cold", True)):
        target = tmp_path / name
        if not cold:  # the stem cache kept with an index makes a rebuild warm
            target.mkdir()
            shutil.copy(single / store.STEMS, target / store.STEMS)
        nksearch.sync(corpus, target)
        with nksearch.open_index(single) as a, nksearch.open_index(target) as b:
            assert b.document_count == 17
            for query in ("perdamaian", "Putin Pashinyan", '"gencatan senjata"'):
                assert a.search(query).hits == b.search(query).hits


def test_a_parallel_rebuild_indexes_what_one_process_does(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch.indexing import sync as indexing

    for i in range(12):
        shutil.copy(corpus / "003_b561e05cfa5aa674.txt", corpus / f"copy{i:02}.txt")
    with open(corpus / "copy05.txt", "a", encoding="utf-8") as handle:
        handle.write("\nPenengah baru dari Kazakhstan ikut hadir.\n")
    monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 2)
    index_dir = tmp_path / "index"
    parsed = _parallel_rebuild_counting(corpus, index_dir, tmp_path / "parsed.log", monkeypatch)
    assert sorted(parsed) == sorted(p.name for p in corpus.glob("*.txt"))  # each file once
    gen = index_dir / store.read_meta(index_dir).generation  # type: ignore[union-attr]
    assert sorted(p.name for p in gen.glob("docs-*")) == []  # nothing kept beside the segments

    reference = tmp_path / "reference"
    monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 10_000)
    nksearch.sync(corpus, reference)
    with nksearch.open_index(reference) as a, nksearch.open_index(index_dir) as b:
        assert b.document_count == a.document_count == 17
        for query in ("perdamaian", "Kazakhstan", "Putin Pashinyan", '"gencatan senjata"', "menengahi"):
            assert a.search(query).hits == b.search(query).hits


def test_indexed_stamps_read_per_segment_match_whoosh_columns(corpus: Path, tmp_path: Path) -> None:
    from nksearch.documents.corpus import scan
    from nksearch._whoosh.readers import _stamps_one_by_one, indexed_stamps

    index_dir = tmp_path / "index"
    nksearch.sync(corpus, index_dir)
    first = sorted(corpus.glob("*.txt"))[0]
    with open(first, "a", encoding="utf-8") as handle:
        handle.write("\nTambahan paragraf.\n")
    (corpus / "baru.txt").write_text("Judul Baru\n\nIsi berita baru.\n", encoding="utf-8")
    sorted(corpus.glob("*.txt"))[-1].unlink()
    nksearch.sync(corpus, index_dir)  # a second segment, and deletions in the first
    generation = store.read_meta(index_dir).generation  # type: ignore[union-attr]
    ix = whoosh_index.open_dir(str(index_dir / generation))
    assert len(ix._read_toc().segments) > 1
    with ix.reader() as reader:
        expected = _stamps_one_by_one(reader)
    assert indexed_stamps(ix) == expected == scan(corpus).files
    ix.close()


def _parallel_rebuild_counting(corpus: Path, index_dir: Path, log: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from nksearch.documents import page as documents

    real_parse = documents.parse_article

    def counting_parse(path: str, raw: str) -> object:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(path + "\n")
        return real_parse(path, raw)

    log.write_text("", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(documents, "parse_article", counting_parse)
        nksearch.sync(corpus, index_dir, rebuild=True)
    return log.read_text("utf-8").split()


def test_a_build_from_a_thread_starts_its_workers_safely(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With other threads running (as in the search UI), workers come from a fork server."""
    import threading

    from nksearch.indexing import parallel
    from nksearch.indexing import sync as indexing

    for i in range(12):
        shutil.copy(corpus / "003_b561e05cfa5aa674.txt", corpus / f"copy{i:02}.txt")
    nksearch.sync(corpus, tmp_path / "single")
    monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 2)
    methods: list[str] = []
    real_context = parallel._context

    def recording_context() -> object:
        context = real_context()
        methods.append(context.get_start_method())
        return context

    monkeypatch.setattr(parallel, "_context", recording_context)
    nksearch.sync(corpus, tmp_path / "main-thread")
    release = threading.Event()
    bystander = threading.Thread(target=release.wait, args=(120,))
    bystander.start()
    reports: list[object] = []
    builder = threading.Thread(
        target=lambda: reports.append(nksearch.sync(corpus, tmp_path / "threaded"))
    )
    try:
        builder.start()
        builder.join(300)  # a generous deadline: only a hang fails it
    finally:
        release.set()
        bystander.join()
    assert methods == ["fork", "forkserver"]
    assert len(reports) == 1
    with nksearch.open_index(tmp_path / "single") as a, nksearch.open_index(tmp_path / "threaded") as b:
        assert b.document_count == 17
        for query in ("perdamaian", "Putin Pashinyan", '"gencatan senjata"'):
            assert a.search(query).hits == b.search(query).hits


def test_add_copies_then_syncs_through_the_api(built: tuple[Path, Path], tmp_path: Path) -> None:
    """The rules of adding files are the core's: every front end gets them."""
    from nksearch.errors import UsageError

    corpus, index_dir = built
    new = tmp_path / "baru.txt"
    new.write_text("Judul Tentang Kazakhstan\n\nKazakhstan ikut menengahi.\n", encoding="utf-8")
    done = nksearch.add(corpus, index_dir, [new])
    assert done.copied == ("baru.txt",) and done.sync.added == 1
    assert nksearch.add(corpus, index_dir, [new]).copied == ()  # the same bytes: nothing to do
    new.write_text("Judul Lain\n\nKini tentang Uzbekistan.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="a different baru.txt") as caught:
        nksearch.add(corpus, index_dir, [new])
    assert caught.value.fix is Fix.OVERWRITE
    assert nksearch.add(corpus, index_dir, [new], overwrite=True).sync.updated == 1
    with nksearch.open_index(index_dir) as idx:
        assert idx.search("Kazakhstan").total == 0 and idx.search("Uzbekistan").total == 1


# --- boilerplate found across the corpus ---------------------------------------------------

FOOTER = "Liputan ini terbit berkat dukungan pembaca setia Warta Kelontong di seluruh penjuru negeri."
QUOTE = "Kami akan mengawal kasus ini sampai tuntas, kata juru bicara kepolisian daerah."
TOPICS = str.split(
    "petani nelayan pelabuhan kapal pesawat bandara jalan banjir gempa sekolah guru murid"
    " harga beras minyak goreng pasar saham rupiah anggaran pajak subsidi listrik hutan sungai"
)


def news_page(number: int, *, footer: bool = False, quote: bool = False, site: str = "") -> str:
    """A news page of its own words; with the outlet's footer, a shared quote, an outlet."""
    rng = random.Random(number)
    title = " ".join(word.capitalize() for word in rng.sample(TOPICS, 5)) + f" Nomor {number}"
    paragraphs = [
        " ".join(rng.choices(TOPICS, k=12)).capitalize() + ". "
        + " ".join(rng.choices(TOPICS, k=9)).capitalize() + "."
        for _ in range(3)
    ]
    paragraphs[0] = f"JAKARTA - Berita nomor {number}. " + paragraphs[0]
    if quote:
        paragraphs.insert(1, QUOTE)
    if footer:
        paragraphs.append(FOOTER)
    text = f"{title}\n\nSenin, 02 Januari 2023 - 10:15 WIB\n\n" + "\n\n".join(paragraphs) + "\n"
    if site:
        text = f"---\ntitle: {title}\nsite_name: {site}\n---\n\n" + text.split("\n\n", 2)[2]
    return text


def write_pages(corpus: Path, numbers: range, **kinds: bool | str) -> None:
    corpus.mkdir(exist_ok=True)
    for number in numbers:
        suffix = ".md" if kinds.get("site") else ".txt"
        (corpus / f"berita{number:03d}{suffix}").write_text(
            news_page(number, **kinds), encoding="utf-8"  # type: ignore[arg-type]
        )


BOILERPLATE_QUERIES = ("kelontong", "dukungan pembaca", "tuntas", "pasar beras", '"harga beras"')


def same_as_a_rebuild(corpus: Path, index_dir: Path, fresh: Path) -> None:
    """``index_dir`` answers exactly as a fresh build of ``corpus`` does."""
    shutil.rmtree(fresh, ignore_errors=True)
    nksearch.sync(corpus, fresh, rebuild=True)
    with nksearch.open_index(index_dir) as a, nksearch.open_index(fresh) as b:
        assert a.document_count == b.document_count
        for query in BOILERPLATE_QUERIES:
            hits_a, hits_b = a.search(query, limit=100), b.search(query, limit=100)
            # The same hits and snippets; scores may differ in the last digits, as
            # Whoosh counts deleted documents in its statistics until a merge.
            assert hits_a.total == hits_b.total, query
            assert sorted((h.path, h.snippet) for h in hits_a.hits) == sorted(
                (h.path, h.snippet) for h in hits_b.hits
            ), query
        for path in sorted(p.name for p in corpus.iterdir()):
            assert a.document(path, corpus).body == b.document(path, corpus).body, path


def total(index_dir: Path, query: str) -> int:
    with nksearch.open_index(index_dir) as idx:
        return idx.search(query, limit=100).total


def test_boilerplate_is_left_out_of_the_index_and_the_stored_text(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_pages(corpus, range(0, 8), footer=True)
    write_pages(corpus, range(8, 11), quote=True)
    write_pages(corpus, range(11, 20))
    assert FOOTER in nksearch.read_document(corpus, "berita000.txt").body  # cleaning keeps it
    nksearch.sync(corpus, index_dir)
    assert total(index_dir, "kelontong") == total(index_dir, '"dukungan pembaca"') == 0
    assert total(index_dir, "tuntas") == 3  # a quote in three articles is text
    with nksearch.open_index(index_dir) as idx:
        article = idx.document("berita000.txt", corpus)
        assert FOOTER not in article.body and FOOTER in article.raw
        assert article.body == nksearch.read_document(corpus, "berita000.txt").body.replace(
            "\n\n" + FOOTER, ""
        )
        assert article.body.startswith("JAKARTA - Berita nomor 0.")
        hits = idx.search("pasar beras minyak", limit=100).hits
        assert hits and not [hit.path for hit in hits if "Kelontong" in hit.snippet]
    assert FOOTER not in nksearch.read_document(corpus, "berita000.txt", index_dir).body


def test_incremental_syncs_end_where_a_rebuild_does(tmp_path: Path) -> None:
    corpus, index_dir, fresh = tmp_path / "corpus", tmp_path / "index", tmp_path / "fresh"
    write_pages(corpus, range(0, 5), footer=True)
    write_pages(corpus, range(5, 12), quote=True)
    nksearch.sync(corpus, index_dir)
    assert total(index_dir, "kelontong") == 5  # five documents: below the floor of six
    # A sixth: the footer crosses the threshold; the five indexed before lose it.
    write_pages(corpus, range(12, 13), footer=True)
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.updated, report.rebuilt) == (1, 0, False)
    assert total(index_dir, "kelontong") == 0
    same_as_a_rebuild(corpus, index_dir, fresh)
    # Thirty more without it: six of 43 is under 15%, the footer is text again.
    write_pages(corpus, range(13, 43))
    nksearch.sync(corpus, index_dir)
    assert total(index_dir, "kelontong") == 6
    same_as_a_rebuild(corpus, index_dir, fresh)
    # Ten of them go: six of 33 is boilerplate again.
    for number in range(33, 43):
        (corpus / f"berita{number:03d}.txt").unlink()
    assert nksearch.sync(corpus, index_dir).removed == 10
    assert total(index_dir, "kelontong") == 0
    same_as_a_rebuild(corpus, index_dir, fresh)
    # One article drops its footer: five are left, below the floor.
    (corpus / "berita000.txt").write_text(news_page(0) + "\nSatu kalimat baru.\n", "utf-8")
    assert nksearch.sync(corpus, index_dir).updated == 1
    assert total(index_dir, "kelontong") == 5
    same_as_a_rebuild(corpus, index_dir, fresh)
    generation = index_dir / store.read_meta(index_dir).generation  # type: ignore[union-attr]
    ix = whoosh_index.open_dir(str(generation))
    latest = ix.latest_generation()
    ix.close()
    # The last sync changed one document of 33: its state is a delta of the
    # whole state before it; every other state is gone.
    base = recurring._base_of(generation, latest)
    assert base is not None and base < latest
    assert sorted(p.name for p in generation.glob("recurring-*")) == [
        f"recurring-{base}.state",
        f"recurring-{latest}.state",
    ]


def test_boilerplate_is_counted_per_outlet(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_pages(corpus, range(0, 5), footer=True, site="Warta Kelontong")
    write_pages(corpus, range(5, 10), footer=True, site="Kabar Desa")
    write_pages(corpus, range(10, 12), footer=True)
    nksearch.sync(corpus, index_dir)
    with nksearch.open_index(index_dir) as idx:
        found = idx.search("kelontong", limit=100)
        assert found.total == 12  # never six of one outlet
        assert {hit.source for hit in found.hits} == {"Warta Kelontong", "Kabar Desa", None}
    write_pages(corpus, range(12, 13), footer=True, site="Warta Kelontong")
    nksearch.sync(corpus, index_dir)
    with nksearch.open_index(index_dir) as idx:
        found = idx.search("kelontong", limit=100)
        assert found.total == 7 and {hit.source for hit in found.hits} == {"Kabar Desa", None}
    same_as_a_rebuild(corpus, index_dir, tmp_path / "fresh")


def test_parallel_rebuilds_follow_the_boilerplate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch.indexing import sync as indexing

    corpus, index_dir, log = tmp_path / "corpus", tmp_path / "index", tmp_path / "parsed.log"
    write_pages(corpus, range(0, 6), footer=True)
    write_pages(corpus, range(6, 14))
    monkeypatch.setattr(indexing, "PARALLEL_THRESHOLD", 2)
    nksearch.sync(corpus, index_dir)  # cold: no stem cache yet
    assert total(index_dir, "kelontong") == 0
    reference = tmp_path / "reference"

    def single_process_build_matches() -> None:
        with monkeypatch.context() as patch:
            patch.setattr(indexing, "PARALLEL_THRESHOLD", 10_000)
            same_as_a_rebuild(corpus, index_dir, reference)

    single_process_build_matches()
    # Five left: the footer is under the threshold, so it is text again.
    (corpus / "berita005.txt").unlink()
    redone = _parallel_rebuild_counting(corpus, index_dir, log, monkeypatch)
    assert sorted(redone) == sorted(p.name for p in corpus.glob("*.txt"))
    assert total(index_dir, "kelontong") == 5
    single_process_build_matches()
    # Six again: boilerplate once more.
    write_pages(corpus, range(5, 6), footer=True)
    _parallel_rebuild_counting(corpus, index_dir, log, monkeypatch)
    assert total(index_dir, "kelontong") == 0
    single_process_build_matches()
    # An incremental sync goes on from the counts a parallel rebuild kept.
    (corpus / "berita005.txt").unlink()
    report = nksearch.sync(corpus, index_dir)
    assert (report.removed, report.rebuilt) == (1, False)
    assert total(index_dir, "kelontong") == 5
    single_process_build_matches()


def _state_file(index_dir: Path) -> Path:
    generation = index_dir / store.read_meta(index_dir).generation  # type: ignore[union-attr]
    (found,) = generation.glob("recurring-*.state")
    return found


@pytest.mark.parametrize("how", ["garbled", "halved", "missing", "other rules"])
def test_lost_boilerplate_counts_mean_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from nksearch.documents import boilerplate

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_pages(corpus, range(0, 5), footer=True)
    write_pages(corpus, range(5, 10))
    nksearch.sync(corpus, index_dir)
    state = _state_file(index_dir)
    data = state.read_bytes()
    if how == "garbled":
        state.write_bytes(data[:100] + bytes(b ^ 0x5A for b in data[100:200]) + data[200:])
    elif how == "halved":
        state.write_bytes(data[: len(data) // 2])
    elif how == "missing":
        state.unlink()
    else:
        monkeypatch.setattr(boilerplate, "RULES", "boilerplate-0/other")
    assert not nksearch.sync(corpus, index_dir).rebuilt  # nothing to do: nothing read
    write_pages(corpus, range(10, 11), footer=True)
    report = nksearch.sync(corpus, index_dir)
    assert report.rebuilt and report.added == 11
    assert report.reason == "the index's counts of recurring lines were lost: rebuilt it"
    assert total(index_dir, "kelontong") == 0
    same_as_a_rebuild(corpus, index_dir, tmp_path / "fresh")


def test_a_sync_stopped_before_its_commit_leaves_the_counts_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nksearch._whoosh.writer import FastSegmentWriter

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write_pages(corpus, range(0, 5), footer=True)
    write_pages(corpus, range(5, 10))
    nksearch.sync(corpus, index_dir)
    before = _state_file(index_dir)
    write_pages(corpus, range(10, 11), footer=True)

    def stopped(self: FastSegmentWriter, **_options: object) -> None:
        # As if killed between the state's write and the commit (the kernel
        # would release Whoosh's lock too).
        self.cancel()
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(FastSegmentWriter, "commit", stopped)
        with pytest.raises(KeyboardInterrupt):
            nksearch.sync(corpus, index_dir)
    states = sorted(before.parent.glob("recurring-*.state"))
    assert len(states) == 2 and before in states  # the next one was written, not used
    assert total(index_dir, "kelontong") == 5
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.rebuilt) == (1, False)
    assert total(index_dir, "kelontong") == 0
    same_as_a_rebuild(corpus, index_dir, tmp_path / "fresh")
    assert _state_file(index_dir) != before


def test_a_sync_with_nothing_to_do_opens_no_segment(built: tuple[Path, Path]) -> None:
    """What is indexed is read from the counts kept with the index, not from Whoosh."""
    import subprocess
    import sys

    corpus, index_dir = built
    script = (
        "import sys, nksearch\n"
        f"report = nksearch.sync({str(corpus)!r}, {str(index_dir)!r})\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'whoosh')\n"
        "print(report.unchanged, report.added, report.rebuilt, len(loaded))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["5", "0", "False", "0"]
    (corpus / "baru.txt").write_text("Judul baru\n\nLavrov tiba di Baku.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    unchanged, added, rebuilt, loaded = run.stdout.split()
    assert (unchanged, added, rebuilt) == ("5", "1", "False")
    assert int(loaded) > 0  # a sync that writes loads Whoosh
    with nksearch.open_index(index_dir) as idx:
        assert [hit.path for hit in idx.search("Lavrov Baku").hits][:1] == ["baru.txt"]


def test_a_table_of_contents_the_last_sync_did_not_leave_is_read_from_the_segments(
    built: tuple[Path, Path],
) -> None:
    """Without the record of the table of contents, the segments say what is indexed."""
    corpus, index_dir = built
    meta = json.loads((index_dir / store.META).read_text())
    assert meta["toc"][0] == 1 and meta["toc"][1] > 0
    del meta["toc"]
    (index_dir / store.META).write_text(json.dumps(meta))
    (corpus / "baru.txt").write_text("Judul baru\n\nLavrov tiba di Baku.\n", encoding="utf-8")
    report = nksearch.sync(corpus, index_dir)
    assert (report.added, report.unchanged, report.rebuilt) == (1, 5, False)
    assert json.loads((index_dir / store.META).read_text())["toc"][0] == 2
    # A sync that finds the counts naming other stamps than the segments rebuilds.
    meta = json.loads((index_dir / store.META).read_text())
    meta["toc"] = [2, 0, 0]
    (index_dir / store.META).write_text(json.dumps(meta))
    generation = index_dir / meta["generation"]

    state = recurring.load(generation, 2)
    assert state is not None
    state.docs["baru.txt"] = ("1:1", state.docs["baru.txt"][1])
    recurring.save(generation, 2, state)
    (corpus / "lagi.txt").write_text("Judul lagi\n\nPutin di Sochi.\n", encoding="utf-8")
    report = nksearch.sync(corpus, index_dir)
    assert report.rebuilt and report.added == 7
