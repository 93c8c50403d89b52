"""Search options, timelines and near-duplicate groups, unit by unit.

Fast (no index): the pure functions the search runs over dates, periods
and sketches, with the exact words of each refusal.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import whoosh.query as wq

import nksearch
from nksearch.analysis import shingles
from nksearch.errors import DocumentNotFound, PathOutsideCorpus, UsageError
from nksearch.indexing import layout
from nksearch.models import Article, Facets
from nksearch.search import (
    duplicates,
    expansion,
    facets,
    filters,
    reading,
    snippets,
    story,
    timeline,
)
from nksearch.search.index import Index

# -- options ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2020-10-09", "2020-10-09"),
        ("2020-02-29", "2020-02-29"),
        ("2021-02-29", None),
        ("2020-02-30", None),
        ("20201009", None),
        ("2020-1-09", None),
        (" 2020-10-09", None),
        ("2020-10-09x", None),
        ("", None),
    ],
)
def test_parse_date(value: str, parsed: str | None) -> None:
    assert filters.parse_date(value) == parsed


def test_check_date_names_the_option() -> None:
    import datetime as dt

    assert filters.check_date(None, "since") is None
    assert filters.check_date("", "since") is None
    assert filters.check_date(dt.date(2020, 10, 9), "since") == "2020-10-09"
    assert filters.check_date("2020-10-09", "since") == "2020-10-09"
    with pytest.raises(UsageError) as refused:
        filters.check_date("kemarin", "until")
    assert str(refused.value) == "until 'kemarin' is not a date; use YYYY-MM-DD, e.g. 2020-10-09"


def test_check_options() -> None:
    assert filters.check_options("date", 1, None, None) == (None, None)
    assert filters.check_options("relevance", 5, "2020-01-01", "2020-12-31") == (
        "2020-01-01",
        "2020-12-31",
    )
    assert filters.check_options("date", 1, "2020-01-01", "2020-01-01") == (
        "2020-01-01",
        "2020-01-01",
    )
    assert filters.check_options("date", 1, "2020-01-01", None) == ("2020-01-01", None)
    assert filters.check_options("date", 1, None, "2020-01-01") == (None, "2020-01-01")
    for args, said in [
        (("bogus", 1, None, None), "sort 'bogus' is not one of: relevance, date"),
        (("date", 0, None, None), "limit must be 1 or more, not 0"),
        (("date", 1, "2021-01-01", "2020-01-01"), "since 2021-01-01 is after until 2020-01-01"),
        (
            ("date", 1, "2021-01-01", "2020-13-01"),
            "until '2020-13-01' is not a date; use YYYY-MM-DD, e.g. 2020-10-09",
        ),
    ]:
        with pytest.raises(UsageError) as refused:
            filters.check_options(*args)  # type: ignore[arg-type]
        assert str(refused.value) == said


# -- timelines -------------------------------------------------------------------------


def test_periods() -> None:
    assert timeline.check_period("week") == "week"
    with pytest.raises(UsageError) as refused:
        timeline.check_period("dekade")
    assert str(refused.value) == "by 'dekade' is not one of: day, week, month, year"
    assert [timeline.bucket("2020-10-09", by) for by in timeline.PERIODS] == [
        "2020-10-09",
        "2020-W41",
        "2020-10",
        "2020",
    ]
    assert timeline.bucket("2021-01-01", "week") == "2020-W53"
    assert timeline.bucket("2021-01-04", "week") == "2021-W01"


def test_period_ranges() -> None:
    assert timeline.period_range("2020-10-09", "day") == ("2020-10-09", "2020-10-09")
    assert timeline.period_range("2020-02", "month") == ("2020-02-01", "2020-02-29")
    assert timeline.period_range("2021-02", "month") == ("2021-02-01", "2021-02-28")
    assert timeline.period_range("2020-12", "month") == ("2020-12-01", "2020-12-31")
    assert timeline.period_range("2020-W53", "week") == ("2020-12-28", "2021-01-03")
    assert timeline.period_range("2020", "year") == ("2020-01-01", "2020-12-31")
    assert timeline._next("2020-12", "month") == "2021-01"
    assert timeline._next("2020-W53", "week") == "2021-W01"
    assert timeline._next("2020-12-31", "day") == "2021-01-01"
    assert timeline._next("2020", "year") == "2021"


def test_counts_fill_the_gaps_and_count_the_undated() -> None:
    assert timeline.count(["2020-10-09", "", "2020-12-01", "2020-10-20"], "month") == (
        (("2020-10", 2), ("2020-11", 0), ("2020-12", 1)),
        1,
    )
    assert timeline.count(["2020-12-28", "2021-01-05"], "week") == (
        (("2020-W53", 1), ("2021-W01", 1)),
        0,
    )
    assert timeline.count(["2020-01-03", "2020-01-01"], "day") == (
        (("2020-01-01", 1), ("2020-01-02", 0), ("2020-01-03", 1)),
        0,
    )
    assert timeline.count(["", ""], "day") == ((), 2)
    assert timeline.count([], "year") == ((), 0)


def test_too_many_empty_periods_are_left_out() -> None:
    assert timeline.count(["1900-01-01", "2020-01-01"], "day") == (
        (("1900-01-01", 1), ("2020-01-01", 1)),
        0,
    )
    # 1,000 days in all: every day is shown; one more and only the two dated days remain
    start = "2020-01-01"
    assert len(timeline.count([start, "2022-09-26"], "day")[0]) == timeline.MAX_FILLED
    assert timeline.count([start, "2022-09-27"], "day")[0] == ((start, 1), ("2022-09-27", 1))


# -- near duplicates ---------------------------------------------------------------------

STORY = (
    "Presiden Rusia Vladimir Putin akan menjamu para pemimpin Armenia dan Azerbaijan pekan"
    " ini di resor Laut Hitam Sochi untuk membahas langkah lebih lanjut memperkuat stabilitas"
    " dan membangun perdamaian di kawasan itu setelah pertempuran terburuk sejak perang"
)


def sketch(text: str) -> tuple[int, ...]:
    return shingles.unpack(shingles.sketch(text))


def test_near_copies_group_and_other_stories_do_not() -> None:
    copy = STORY.replace("pekan ini", "minggu ini")
    other = (
        "Harga beras dan minyak goreng di pasar tradisional kembali naik pekan ini kata pedagang"
    )
    sketches = [sketch(other), sketch(STORY), (), sketch(copy), sketch(STORY + " kemarin")]
    assert duplicates.groups(sketches) == [[1, 3, 4]]
    assert duplicates.groups(sketches, threshold=1.01) == []
    assert duplicates.groups([sketch(STORY), sketch(other)]) == []
    assert duplicates.groups([]) == []


def test_the_threshold_is_reached_not_passed() -> None:
    a, b = (1, 2, 3, 4), (1, 2, 5, 6)  # share half their shingles: 2 of the union's 6
    assert duplicates.groups([a, b], threshold=2 / 6) == [[0, 1]]
    assert duplicates.groups([a, b], threshold=2 / 6 + 0.001) == []
    # the cheap bound: shared hashes over the smaller sketch
    assert duplicates.groups([(1, 2), (1, 2, 3, 4, 5, 6, 7, 8)], threshold=2 / 8) == [[0, 1]]


def test_candidate_pairs_share_a_key() -> None:
    assert duplicates.candidate_pairs([(1, 2), (2, 3), (4,), (1,)]) == {(0, 1), (0, 3)}
    # only the smallest KEYS hashes are keys
    late = tuple(range(100, 100 + shingles.KEYS)) + (7,)
    assert duplicates.candidate_pairs([late, (7,)]) == set()
    # a key shared by more than MAX_BUCKET documents is a stock phrase
    many = [(5,)] * duplicates.MAX_BUCKET
    assert len(duplicates.candidate_pairs(many)) == 30 * 29 // 2
    assert duplicates.candidate_pairs([*many, (5,)]) == set()


def test_groups_are_connected_documents_in_order() -> None:
    sets = duplicates._Sets()
    sets.join(4, 2)
    sets.join(2, 7)
    sets.join(9, 8)
    assert [sets.find(x) for x in (2, 4, 7, 8, 9, 5)] == [2, 2, 2, 8, 8, 5]
    sets.join(8, 4)
    assert {sets.find(x) for x in (2, 4, 7, 8, 9)} == {2}
    chain = [(1, 2), (2, 3), (3, 4), (10, 11), (10, 11)]
    assert duplicates.groups(chain, threshold=1 / 3) == [[0, 1, 2], [3, 4]]


def test_groups_at_the_bound_and_in_order() -> None:
    assert duplicates.groups([(1, 2), (1, 2)], threshold=1.0) == [[0, 1]]
    # a candidate pair below the threshold does not stop the others
    assert duplicates.groups([(10, 11), (10, 11), (1, 2, 3, 4), (1, 5, 6, 7)]) == [[0, 1]]
    assert duplicates.groups([(1, 2, 3, 4), (1, 5, 6, 7), (10, 11), (10, 11)]) == [[2, 3]]
    # groups in the order of their first document
    same, other = (1, 2, 3), (7, 8, 9)
    assert duplicates.groups([same, other, other, (), (), same]) == [[0, 5], [1, 2]]


def test_every_period_up_to_the_last_date() -> None:
    assert timeline.count(["2020-01-01", "2020-01-03", "2020-01-05"], "day") == (
        (
            ("2020-01-01", 1),
            ("2020-01-02", 0),
            ("2020-01-03", 1),
            ("2020-01-04", 0),
            ("2020-01-05", 1),
        ),
        0,
    )


# -- snippets ---------------------------------------------------------------------------

NEWS = (
    "Gempa mengguncang Aceh. "
    + "kata " * 60
    + "Gempa susulan terjadi di Aceh pada malam hari. "
    + "lain " * 40
)


def test_the_densest_window_of_matches() -> None:
    found = [(0, 3, "a"), (100, 103, "a"), (105, 108, "b"), (300, 303, "a")]
    assert snippets._best_window(found, 20) == 1  # two concepts beat one
    assert snippets._best_window([(0, 3, "a")], 20) == 0
    assert snippets._best_window([], 20) == 0
    assert snippets._best_window([(0, 3, "a"), (5, 8, "a"), (50, 53, "b"), (60, 63, "c")], 20) == 2
    # a window ends where its last match ends: 20 characters from 0 reach 20
    assert (
        snippets._best_window([(0, 3, "a"), (17, 20, "b"), (30, 33, "a"), (45, 48, "b")], 20) == 0
    )
    assert (
        snippets._best_window([(0, 3, "a"), (18, 21, "b"), (30, 33, "a"), (45, 48, "b")], 20) == 1
    )


def test_snippets_cut_at_words_and_keep_highlights_at_both_ends() -> None:
    assert snippets.cut_snippet(NEWS, [(0, 5, "gempa")], 60) == (
        "Gempa mengguncang Aceh. kata kata kata kata kata kata kata…",
        ((0, 5),),
    )
    later, aceh = NEWS.index("Gempa susulan"), NEWS.index("Aceh pada")
    found = [(0, 5, "gempa"), (later, later + 5, "gempa"), (aceh, aceh + 4, "aceh")]
    assert snippets.cut_snippet(NEWS, found, 60) == (
        "…kata kata Gempa susulan terjadi di Aceh pada malam hari.…",
        ((11, 16), (36, 40)),
    )
    assert snippets.cut_snippet("pendek sekali", [], 60) == ("pendek sekali", ())
    assert snippets.cut_snippet("kata " * 30, [], 40) == (
        "kata kata kata kata kata kata kata kata…",
        (),
    )
    assert snippets._collapse("a  b\n c", 0, 7) == ("a b c", [0, 1, 2, 2, 3, 4, 4, 5])


# -- an article as a search shows it ---------------------------------------------------


def test_an_indexed_article_takes_the_index_fields_and_the_files_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gempa Guncang Cianjur\n\nGempa mengguncang Cianjur.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\xff" * 30)
    stored = {"title": "Judul", "date": "2021-11-24", "source": "Kompas", "body": "Isi"}
    assert reading.indexed_article(stored, tmp_path / "a.txt", "a.txt") == Article(
        "a.txt", "Judul", "2021-11-24", "Kompas", "Isi",
        "Gempa Guncang Cianjur\n\nGempa mengguncang Cianjur.\n",
    )  # fmt: skip
    # binary text is shown replaced, never refused; missing fields are empty
    assert reading.indexed_article({"date": "", "source": ""}, tmp_path / "b.txt", "b.txt") == (
        Article("b.txt", "", None, None, "", "\x00\x01\ufffd" * 30)
    )
    with pytest.raises(DocumentNotFound) as caught:
        reading.indexed_article({}, tmp_path / "c.txt", "c.txt")
    assert (str(caught.value), caught.value.path) == (
        "cannot read 'c.txt': No such file or directory",
        "c.txt",
    )


def test_a_file_not_indexed_is_read_and_cleaned(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Gempa Guncang Cianjur\n\nGempa mengguncang Cianjur.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\xff" * 30)
    assert reading.read_clean(tmp_path, tmp_path / "a.txt", "a.txt") == Article(
        "a.txt", "Gempa Guncang Cianjur", None, None, "Gempa mengguncang Cianjur.",
        "Gempa Guncang Cianjur\n\nGempa mengguncang Cianjur.\n",
    )  # fmt: skip
    with pytest.raises(DocumentNotFound) as caught:
        reading.read_clean(tmp_path, tmp_path / "b.txt", "b.txt")
    assert (str(caught.value), caught.value.path) == ("cannot show 'b.txt': binary data", "b.txt")


# -- facets -------------------------------------------------------------------------------


def test_facets_count_each_document_once_and_name_a_surname_by_its_one_full_name() -> None:
    names = {
        "person": ["Joko Widodo|Widodo", "Widodo", "Prabowo Subianto|Jokowi", ""],
        "place": ["Jakarta|Bandung", "jakarta", "", "Bandung"],
        "organization": ["KPK", "", "KPK|DPR", ""],
    }
    outlets = ["Kompas", "Detik", "Kompas", ""]
    dates = ["2021-11-24", "2021-11-30", "2021-12-01", ""]
    assert facets.count([0, 1, 2, 3], outlets, dates, names) == Facets(
        source=(("Kompas", 2), ("Detik", 1)),
        month=(("2021-11", 2), ("2021-12", 1)),
        person=(("Joko Widodo", 2), ("Jokowi", 1), ("Prabowo Subianto", 1)),
        place=(("Bandung", 2), ("Jakarta", 2)),  # ties by name; the first spelling shown
        organization=(("KPK", 2), ("DPR", 1)),
    )
    assert facets.count([0, 1, 2, 3], outlets, dates, names, limit=1) == Facets(
        (("Kompas", 2),), (("2021-11", 2),), (("Joko Widodo", 2),), (("Bandung", 2),),
        (("KPK", 2),),
    )  # fmt: skip
    assert facets.count([1, 3], outlets, dates, names).source == (("Detik", 1),)
    # a surname shared by two full names, or with none among the matches, stays itself
    both = ["Joko Widodo|Widodo", "Ani Widodo", "Widodo"]
    assert facets._names(both, [0, 1, 2], True, 20) == (
        ("Widodo", 2), ("Ani Widodo", 1), ("Joko Widodo", 1),
    )  # fmt: skip
    assert facets._names(both, [2], True, 20) == (("Widodo", 1),)
    assert facets._names(["Joko Widodo|Widodo", "Widodo|Joko Widodo"], [0, 1], True, 20) == (
        ("Joko Widodo", 2),
    )
    assert facets._names(["Joko Widodo|Widodo", "Widodo"], [0, 1], False, 20) == (
        ("Widodo", 2), ("Joko Widodo", 1),
    )  # fmt: skip
    assert facets._names(["|Widodo", ""], [0, 1], True, 20) == (("Widodo", 1),)


def test_a_document_is_shown_as_indexed_or_read_afresh(built: tuple[Path, Path]) -> None:
    corpus, index = built
    rel = "000_c7cea75aa3edd05e.txt"
    title = "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
    indexed = nksearch.read_document(corpus, rel, index)
    assert (indexed.path, indexed.title, indexed.date, indexed.source) == (
        rel, title, "2021-11-24", "SINDOnews",
    )  # fmt: skip
    (corpus / rel).write_text("Judul Baru Sekali\n\nIsi baru.\n")  # edited since the sync
    indexed = nksearch.read_document(corpus, rel, index)
    assert (indexed.title, indexed.raw) == (title, "Judul Baru Sekali\n\nIsi baru.\n")
    afresh = nksearch.read_document(corpus, rel)
    assert (afresh.path, afresh.title, afresh.body) == (rel, "Judul Baru Sekali", "Isi baru.")
    assert nksearch.read_document(corpus, rel, index.parent / "tiada").title == "Judul Baru Sekali"
    other = corpus.parent / "lain"
    shutil.copytree(corpus, other)  # an index of another corpus is not this one's
    assert nksearch.read_document(other, rel, index).title == "Judul Baru Sekali"
    with pytest.raises(PathOutsideCorpus):
        nksearch.read_document(corpus, "../lain/" + rel, index)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11", True), ("2021-01", True), ("2021-12", True), ("2021-00", False),
        ("2021-13", False), ("2021/11", False), ("20211-1", False), ("2021-1a", False),
        ("202a-11", False), ("2021-11-24", False), ("2021-1", False),
    ],
)  # fmt: skip
def test_a_month_of_a_story_is_year_dash_month(value: str, expected: bool) -> None:
    assert story._is_month(value) is expected


# -- prefixes and fuzzy words ---------------------------------------------------------


def test_expanded_words_keep_the_query_words_place_and_weigh_by_their_edits(
    seed_index: Index,
) -> None:
    vocabulary = expansion.Vocabulary(seed_index._searcher.reader())
    fuzzy = wq.FuzzyTerm("body", "pashinian", maxdist=2, prefixlength=0, boost=2.0)
    fuzzy.startchar, fuzzy.endchar = 3, 12
    found, notes, terms = expansion.expand(fuzzy, vocabulary)
    assert (type(found), found.startchar, found.endchar) == (expansion.Expansion, 3, 12)
    # one edit away: half the weight of the word itself
    assert [(t.text, t.boost, t.startchar, t.endchar) for t in found.subqueries] == [
        ("pashinyan", 1.0, 3, 12)
    ]
    assert (notes, terms) == ([], {("body", "pashinyan")})
    prefix = wq.Prefix("body", "armen", boost=1.5)
    prefix.startchar, prefix.endchar = 0, 6
    found, notes, terms = expansion.expand(prefix, vocabulary)
    assert [(t.text, t.boost, t.startchar, t.endchar) for t in found.subqueries] == [
        ("armenia", 1.5, 0, 6)
    ]
    assert expansion.expand(wq.Prefix("body", "zzzq"), vocabulary)[0] is wq.NullQuery
    found, notes, _terms = expansion.expand(wq.Prefix("body", "t"), vocabulary)
    assert len(found.subqueries) == expansion.MAX_EXPANSIONS == 32
    assert notes == ["t* matches 34 words; the 32 most frequent were searched"]
    assert expansion.expand(wq.Prefix("body", "b"), vocabulary)[1] == []


def test_an_open_index_sees_a_rebuild_and_ignores_a_damaged_or_missing_pointer(
    built: tuple[Path, Path],
) -> None:
    corpus, index = built
    with nksearch.open_index(index) as idx:
        assert not idx._generation_changed()
        nksearch.sync(corpus, index, rebuild=True)
        assert idx._generation_changed()
        pointer = index / layout.META
        saved = pointer.read_bytes()
        pointer.write_text("{rusak")  # damaged: keep answering from what is open
        assert not idx._generation_changed()
        pointer.unlink()
        assert not idx._generation_changed()
        pointer.write_bytes(saved)
        idx.refresh()
        assert not idx._generation_changed()


def test_a_boosted_phrase_scores_its_boost_times_the_plain_phrase(seed_index: Index) -> None:
    plain = {h.path: h.score for h in seed_index.search('"Putin Undang"').hits}
    assert sorted(plain) == ["000_c7cea75aa3edd05e.txt", "001_63c42fef90ae31eb.txt"]
    for boost in (2.0, 0.5):
        boosted = {h.path: h.score for h in seed_index.search(f'"Putin Undang"^{boost}').hits}
        assert boosted == {
            path: pytest.approx(boost * score, abs=2e-4) for path, score in plain.items()
        }
