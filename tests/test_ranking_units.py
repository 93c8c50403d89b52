"""Ranking, query parsing and the search index, pinned on a small news corpus.

Fifteen short Indonesian articles with front matter (title, outlet, date):
five about an earthquake on Lombok, a flood in Jakarta and prices, and ten
market reports. Expected scores are Whoosh's own BM25F scores of the query,
times the coordination factor worked out by hand from which documents hold
which word (a concept's weight is ``log(1 + N / (1 + df))``; a document's
factor is the squared share of the weights it matches). Orders, totals and
the words each part of a query stands for are read off the texts.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

import nksearch
from nksearch.errors import (
    DamagedIndex,
    Fix,
    IndexMissing,
    IndexProblem,
    Option,
    QuerySyntaxError,
    UsageError,
)
from nksearch.search import facets
from nksearch.search.index import Index
from nksearch.search.query import MAX_QUERY_CHARS, tidy

ARTICLES = {
    "a.md": (
        "Gempa Guncang Lombok",
        "Kompas",
        "2021-11-03",
        "Gempa bumi mengguncang Lombok pada Rabu pagi. Warga Mataram berlarian keluar rumah.",
    ),
    "b.md": (
        "Banjir Rendam Jakarta",
        "Tempo",
        "2021-11-20",
        "Banjir merendam ratusan rumah di Jakarta Timur setelah hujan deras semalam.",
    ),
    "c.md": (
        "Gempa Susulan di Lombok Utara",
        "Tempo",
        "2020-08-15",
        "Gempa susulan kembali terasa di Lombok Utara. Tidak ada laporan kerusakan rumah.",
    ),
    "d.md": (
        "Pemerintah Bantu Korban Banjir",
        "Detik",
        None,
        "Pemerintah mengirim bantuan bagi korban banjir dan gempa di Mataram.",
    ),
    "e.md": (
        "Harga Cabai Naik",
        "Kompas",
        "2021-01-05",
        "Harga cabai di pasar Jakarta naik menjelang akhir tahun.",
    ),
}
#: Market reports: (item, city, verb, date). p03 and p04 are the same report.
MARKETS = [
    ("beras", "Bandung", "naik", "2021-03-01"),
    ("gula", "Medan", "turun", "2021-05-12"),
    ("telur", "Surabaya", "stabil", "2021-07-07"),
    ("telur", "Surabaya", "stabil", "2021-07-07"),
    ("minyak", "Makassar", "naik", "2020-12-30"),
    ("bawang", "Padang", "turun", "2021-09-09"),
    ("daging", "Semarang", "naik", "2021-06-20"),
    ("kedelai", "Palembang", "stabil", "2020-02-02"),
    ("jagung", "Kupang", "naik", None),
    ("garam", "Cirebon", "turun", None),
]
for _i, (_item, _city, _verb, _date) in enumerate(MARKETS, 1):
    ARTICLES[f"p{_i:02}.md"] = (
        f"Harga {_item.capitalize()} di {_city}",
        "Antara",
        _date,
        f"Harga {_item} di pasar {_city} {_verb} pekan ini menurut pedagang.",
    )
N = len(ARTICLES)  # 15


def write_article(
    folder: Path, name: str, title: str, source: str, day: str | None, body: str
) -> None:
    dated = f"date: {day}\n" if day else ""
    text = f"---\ntitle: {title}\nsource: {source}\n{dated}---\n{body}\n"
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("news")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, fields in ARTICLES.items():
        write_article(corpus, name, *fields)
    nksearch.sync(corpus, base / "index")
    with nksearch.open_index(base / "index") as idx:
        yield idx


def weight(df: int) -> float:
    """A concept's weight: the IDF of the documents it matches."""
    return math.log(1 + N / (1 + df))


def whoosh(idx: Index, text: str, **options: Any) -> dict[str, float]:
    """Whoosh's own BM25F score of each document the query matches, by path."""
    searcher = idx._searcher
    query = idx._prepare(text).query
    found = searcher.search(query, limit=None, **options)
    return {searcher.stored_fields(hit.docnum)["path"]: float(hit.score) for hit in found}


def ranked(results: Any) -> list[tuple[str, float]]:
    return [(hit.path, hit.score) for hit in results.hits]


def expect(pairs: dict[str, float]) -> list[tuple[str, float]]:
    """Paths by descending score, each score rounded as hits carry it."""
    return sorted(((p, round(s, 4)) for p, s in pairs.items()), key=lambda ps: -ps[1])


# -- ranking: words and phrases (posting arrays) --------------------------------------


def test_an_any_word_query_ranks_documents_matching_more_of_it_first(news: Index) -> None:
    # gempa: a, c, d (df 3); lombok: a, c (df 2). d holds only "gempa".
    base = whoosh(news, "gempa lombok")
    share = weight(3) / (weight(3) + weight(2))
    results = news.search("gempa lombok")
    assert results.total == 3
    assert ranked(results) == expect(
        {"a.md": base["a.md"], "c.md": base["c.md"], "d.md": base["d.md"] * share**2}
    )
    # Whoosh alone (no coordination) would rank d far higher than this.
    assert ranked(results)[2] == ("d.md", round(base["d.md"] * share**2, 4))


def test_a_word_and_its_stem_count_as_one_part_of_the_query(news: Index) -> None:
    # "merendam" (stem rendam) is only in b (title "Rendam", body "merendam");
    # jakarta is in b and e. e matches one of the two words.
    base = whoosh(news, "merendam jakarta")
    share = weight(2) / (weight(1) + weight(2))
    assert ranked(news.search("merendam jakarta")) == expect(
        {"b.md": base["b.md"], "e.md": base["e.md"] * share**2}
    )


def test_a_phrase_is_one_part_of_an_any_word_query(news: Index) -> None:
    # "gempa susulan" only in c; banjir in b and d.
    base = whoosh(news, '"gempa susulan" banjir')
    whole = weight(1) + weight(2)
    assert ranked(news.search('"gempa susulan" banjir')) == expect(
        {
            "c.md": base["c.md"] * (weight(1) / whole) ** 2,
            "b.md": base["b.md"] * (weight(2) / whole) ** 2,
            "d.md": base["d.md"] * (weight(2) / whole) ** 2,
        }
    )


def test_a_prefix_is_one_part_of_an_any_word_query(news: Index) -> None:
    # gem* stands for gempa (a, c, d); banjir: b, d.
    base = whoosh(news, "gem* banjir")
    whole = weight(3) + weight(2)
    results = news.search("gem* banjir")
    assert results.total == 4
    assert ranked(results) == expect(
        {
            "d.md": base["d.md"],
            "a.md": base["a.md"] * (weight(3) / whole) ** 2,
            "c.md": base["c.md"] * (weight(3) / whole) ** 2,
            "b.md": base["b.md"] * (weight(2) / whole) ** 2,
        }
    )


def test_one_word_scores_exactly_as_whoosh_scores_it(news: Index) -> None:
    base = whoosh(news, "gempa")
    results = news.search("gempa")
    assert results.total == 3
    assert [h.path for h in results.hits] == ["c.md", "a.md", "d.md"]
    for hit in results.hits:
        assert hit.score == round(base[hit.path], 4)
    assert base["c.md"] != round(base["c.md"], 4)  # the rounding is to four places


def test_negative_words_leave_out_documents(news: Index) -> None:
    # gempa: a, c, d; banjir: b, d; utara only in c.
    base = whoosh(news, "gempa banjir NOT utara")
    whole = weight(3) + weight(2)
    results = news.search("gempa banjir NOT utara")
    assert results.total == 3
    assert ranked(results) == expect(
        {
            "d.md": base["d.md"],
            "a.md": base["a.md"] * (weight(3) / whole) ** 2,
            "b.md": base["b.md"] * (weight(2) / whole) ** 2,
        }
    )
    assert [h.path for h in news.search("title:gempa NOT utara").hits] == ["a.md"]
    two_titles = news.search("title:gempa title:banjir NOT utara").hits
    assert sorted(h.path for h in two_titles) == ["a.md", "b.md", "d.md"]
    assert [h.path for h in news.search("gempa NOT utara NOT banjir").hits] == ["a.md"]
    assert news.search("gempa ANDNOT utara ANDNOT banjir").total == 1


def test_only_negative_words_match_every_other_document(news: Index) -> None:
    # utara: c; banjir: b, d.
    assert news.search("NOT utara NOT banjir", limit=20).total == N - 3
    assert {h.path for h in news.search("NOT utara", limit=20).hits} == set(ARTICLES) - {"c.md"}
    assert news.search('gempa NOT "gempa susulan"').total == 2


def test_a_filter_keeps_only_its_documents(news: Index) -> None:
    results = news.search("gempa", source="Tempo")
    assert (results.total, [h.path for h in results.hits]) == (1, ["c.md"])
    results = news.search("gempa AND rumah", source="Tempo")
    assert (results.total, [h.path for h in results.hits]) == (1, ["c.md"])
    # since and an outlet together: both apply.
    results = news.search("rumah", since="2021-01-01", source="Tempo")
    assert (results.total, [h.path for h in results.hits]) == (1, ["b.md"])


def test_an_outlet_that_names_nothing_is_refused(news: Index) -> None:
    with pytest.raises(UsageError) as refused:
        news.search("gempa", source="!!!")
    assert refused.value.parts == (Option("source"), " '!!!' names no outlet, e.g. tempo")


def test_sorted_by_date_the_newest_come_first_and_undated_last(news: Index) -> None:
    # rumah: a 2021-11-03, b 2021-11-20, c 2020-08-15; banjir: b, d (no date).
    assert [h.path for h in news.search("rumah", sort="date").hits] == ["b.md", "a.md", "c.md"]
    assert [h.path for h in news.search("banjir", sort="date").hits] == ["b.md", "d.md"]
    # The same day and the same score: the earlier document first.
    telur = news.search("telur", sort="date")
    assert [h.path for h in telur.hits] == ["p03.md", "p04.md"]
    assert telur.hits[0].score == telur.hits[1].score


# -- ranking: queries Whoosh scores (nested groups, ANDMAYBE) ------------------------


def test_a_nested_group_counts_as_one_part_for_coordination(news: Index) -> None:
    # gempa: a, c, d; (lombok AND utara): c. Each part counts the same here.
    base = whoosh(news, "gempa (lombok AND utara)")
    results = news.search("gempa (lombok AND utara)")
    assert results.total == 3
    assert ranked(results) == expect(
        {"c.md": base["c.md"], "a.md": base["a.md"] / 4, "d.md": base["d.md"] / 4}
    )
    # Two nested groups are two parts: (gempa AND mataram): a, d;
    # (lombok AND utara): c; banjir: b, d.
    base = whoosh(news, "(gempa AND mataram) (lombok AND utara) banjir")
    results = news.search("(gempa AND mataram) (lombok AND utara) banjir")
    assert results.total == 4
    assert ranked(results) == expect(
        {
            "d.md": base["d.md"] * (2 / 3) ** 2,
            "a.md": base["a.md"] / 9,
            "c.md": base["c.md"] / 9,
            "b.md": base["b.md"] / 9,
        }
    )


def test_a_nested_group_with_negative_words_and_filters(news: Index) -> None:
    # gempa: a, c, d; (lombok AND mataram): a; banjir leaves d out.
    base = whoosh(news, "gempa (lombok AND mataram) NOT banjir")
    results = news.search("gempa (lombok AND mataram) NOT banjir")
    assert results.total == 2
    assert ranked(results) == expect({"a.md": base["a.md"], "c.md": base["c.md"] / 4})
    # mataram (a, d) leaves only c.
    results = news.search("gempa (lombok AND utara) NOT mataram")
    assert (results.total, [h.path for h in results.hits]) == (1, ["c.md"])
    # Only Kompas: a.
    results = news.search("gempa (lombok AND utara)", source="Kompas")
    base = whoosh(news, "gempa (lombok AND utara)")
    assert (results.total, ranked(results)) == (1, [("a.md", round(base["a.md"] / 4, 4))])


def test_all_words_with_a_nested_group(news: Index) -> None:
    # gempa: a, c, d; rumah NOT utara: a, b.
    base = whoosh(news, "gempa AND (rumah NOT utara)")
    results = news.search("gempa AND (rumah NOT utara)")
    assert (results.total, ranked(results)) == (1, [("a.md", round(base["a.md"], 4))])
    results = news.search("gempa AND (rumah NOT utara)", source="Tempo")
    assert (results.total, results.hits) == (0, ())
    results = news.search("harga AND (pasar NOT naik)", source="Antara", limit=20)
    assert results.total == 6  # turun or stabil: p02, p03, p04, p06, p08, p10


def test_a_nested_group_past_ten_matches(news: Index) -> None:
    # harga: e and the ten reports; (pasar AND naik): e, p01, p05, p07, p09.
    results = news.search("harga (pasar AND naik)", limit=20)
    assert results.total == 11
    assert len(results.hits) == 11
    assert {h.path for h in results.hits[:5]} == {"e.md", "p01.md", "p05.md", "p07.md", "p09.md"}
    by_date = news.search("harga (pasar AND naik)", limit=20, sort="date")
    assert [h.path for h in by_date.hits] == [
        "p06.md",
        "p03.md",
        "p04.md",
        "p07.md",
        "p02.md",
        "p01.md",
        "e.md",
        "p05.md",
        "p08.md",
        "p09.md",
        "p10.md",
    ]
    # Sorted by date, each document keeps the score it has by relevance.
    scores = {h.path: h.score for h in results.hits}
    assert {h.path: h.score for h in by_date.hits} == scores
    kompas = news.search("harga (pasar AND naik)", source="Kompas", sort="date")
    assert (kompas.total, [h.path for h in kompas.hits]) == (1, ["e.md"])
    assert kompas.hits[0].score == scores["e.md"]


def test_and_maybe_is_ranked_as_whoosh_ranks_it(news: Index) -> None:
    base = whoosh(news, "gempa ANDMAYBE lombok")
    results = news.search("gempa ANDMAYBE lombok")
    assert results.total == 3
    assert ranked(results) == expect(base)
    assert base["d.md"] > 0
    kompas = news.search("gempa ANDMAYBE lombok", source="Kompas")
    assert (kompas.total, ranked(kompas)) == (1, [("a.md", round(base["a.md"], 4))])
    by_date = news.search("gempa ANDMAYBE lombok", sort="date")
    assert [(h.path, h.score) for h in by_date.hits] == [
        ("a.md", round(base["a.md"], 4)),
        ("c.md", round(base["c.md"], 4)),
        ("d.md", round(base["d.md"], 4)),
    ]
    many = news.search("harga ANDMAYBE naik", limit=20)
    assert (many.total, len(many.hits)) == (11, 11)
    dated = news.search("harga ANDMAYBE naik", limit=20, sort="date")
    assert [h.path for h in dated.hits][:2] == ["p06.md", "p03.md"]
    assert [h.path for h in dated.hits][-2:] == ["p09.md", "p10.md"]


def test_operators_with_a_missing_side(news: Index) -> None:
    # "yang" is a stop word: it searches nothing.
    assert news.search("yang ANDMAYBE gempa").total == 0
    assert news.search("gempa ANDMAYBE yang").total == 3
    assert news.search("gempa REQUIRE yang").total == 0
    assert news.search('"gempa bumi" ANDMAYBE lombok').total == 1
    assert news.search('lombok ANDMAYBE "gempa bumi"').total == 2
    assert news.search('"gempa bumi" AND lombok').total == 1


# -- query parsing -----------------------------------------------------------------------


def test_a_bare_word_searches_title_body_and_the_exact_word(news: Index) -> None:
    with nksearch.open_index(news.path) as idx:  # its parser made in this test
        leaves = {(q.fieldname, q.text, q.boost) for q in idx.parse("gempa").query.leaves()}
        titles = {q.fieldname for q in idx.parse("judul:utara isi:mataram").query.leaves()}
    assert leaves == {("title", "gempa", 1.0), ("body", "gempa", 1.0), ("exact", "gempa", 0.3)}
    assert titles == {"title", "body"}


@pytest.mark.parametrize(
    ("alias", "field", "word", "paths"),
    [
        ("judul", "title", "utara", ["c.md"]),
        ("isi", "body", "mataram", ["a.md", "d.md"]),
        ("sumber", "source", "detik", ["d.md"]),
    ],
)
def test_indonesian_field_names(
    news: Index, alias: str, field: str, word: str, paths: list[str]
) -> None:
    assert sorted(h.path for h in news.search(f"{alias}:{word}").hits) == paths
    assert sorted(h.path for h in news.search(f"{field}:{word}").hits) == paths


def test_query_length_limit(news: Index) -> None:
    longest = "gempa     " * (MAX_QUERY_CHARS // 10)
    assert len(longest) == MAX_QUERY_CHARS
    assert news.parse(longest).stems == {"gempa"}
    with pytest.raises(QuerySyntaxError):
        news.parse(longest + "x")


def test_control_characters_separate_words(news: Index) -> None:
    parsed = news.parse("gempa\x00lombok\x1b")
    assert parsed.text == "gempa lombok"
    assert parsed.words == {"gempa", "lombok"}


def test_what_a_query_highlights(news: Index) -> None:
    parsed = news.parse("gempa NOT utara")
    assert (parsed.stems, parsed.words) == ({"gempa"}, {"gempa"})
    assert news.parse("NOT utara").stems == frozenset()
    assert news.parse("NOT utara NOT banjir").words == frozenset()
    assert news.parse('title:"gempa susulan"').stems == {"gempa", "susul"}
    assert news.parse('body:"gempa susulan"').stems == {"gempa", "susul"}
    assert news.parse("gempa sumber:kompas").words == {"gempa"}
    assert news.parse("lomb*").prefixes == {"lomb"}
    assert news.parse("gempa~").prefixes == frozenset()


def test_boosts_of_groups_are_kept(news: Index) -> None:
    assert news.parse("(gempa AND lombok)^2").query.boost == 2.0
    assert news.parse("(gempa AND lombok)^2 NOT utara").query.a.boost == 2.0


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        ("gempa lombok", ("gempa lombok", False)),
        ("(AND gempa)", ("(    gempa)", True)),
        ("gempa OR AND lombok", ("gempa OR     lombok", True)),
        ("gempa title:", ("gempa", True)),
        ("title: gempa", ("gempa", True)),
        ("sinar X", ("sinar X", False)),
        ("((gempa) lombok)", ("((gempa) lombok)", False)),
        ("(gempa) lombok (banjir)", ("(gempa) lombok (banjir)", False)),
        ("(gempa", ("(gempa", True)),
        ("gempa)", ("gempa)", True)),
        (")gempa (", (")gempa (", True)),
        ('"gempa bumi" "lombok utara"', ('"gempa bumi" "lombok utara"', False)),
        ('"gempa bumi" "lombok', ('"gempa bumi" "lombok', True)),
    ],
)
def test_tidy(text: str, tidied: tuple[str, bool]) -> None:
    assert tidy(text) == tidied


# -- the index object ----------------------------------------------------------------


def test_opening_a_folder_without_an_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing) as missing:
        nksearch.open_index(tmp_path)
    assert (missing.value.path, missing.value.fix) == (str(tmp_path), Fix.SYNC)
    assert str(missing.value) == f"no index in {str(tmp_path)!r}"


def test_opening_an_index_of_another_version_or_damaged(news: Index, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(news.path, copy, ignore=shutil.ignore_patterns("write.lock"))
    meta_file = copy / "CURRENT.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps({**meta, "version": "0.1"}), encoding="utf-8")
    with pytest.raises(IndexProblem) as other:
        nksearch.open_index(copy)
    assert (other.value.path, other.value.fix) == (str(copy), Fix.REBUILD)
    assert str(other.value) == f"index {str(copy)!r} was made by another nksearch version"
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    for toc in (copy / meta["generation"]).glob("*.toc"):
        toc.write_bytes(b"not a table of contents")
    with pytest.raises(DamagedIndex) as damaged:
        nksearch.open_index(copy)
    assert (damaged.value.path, damaged.value.fix) == (str(copy), Fix.REBUILD)


def test_an_index_closes_twice_and_reads_its_stems_as_old(news: Index) -> None:
    idx = nksearch.open_index(news.path)
    assert idx.analyzer.take_new_stems() == {}
    idx.close()
    idx.close()


def test_a_prefix_finds_words_added_by_a_later_sync(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.md", *ARTICLES["a.md"])
    nksearch.sync(corpus, tmp_path / "index")
    with nksearch.open_index(tmp_path / "index") as idx:
        assert idx.search("gemp*").total == 1
        assert idx.search("gempi*").total == 0
        write_article(
            corpus,
            "g.md",
            "Tepuk Tangan Gempita",
            "Detik",
            "2021-12-01",
            "Penonton bersorak gempita menyambut juara.",
        )
        nksearch.sync(corpus, tmp_path / "index")
        assert [h.path for h in idx.search("gempi*").hits] == ["g.md"]


def test_highlights_of_prefixes_and_words(news: Index) -> None:
    text = "Gempa mengguncang Lombok pada Rabu pagi."
    assert news.highlight(text, "lomb*") == [(18, 24)]
    assert news.highlight(text, "menggun* rabu") == [(6, 17), (30, 34)]
    # A prefix no indexed stem starts with still marks the words of a hit.
    hit = news.search("gempa menggun*").hits
    a = next(h for h in hit if h.path == "a.md")
    body = ARTICLES["a.md"][3]
    assert [body[s:e] for s, e in a.matches] == ["Gempa", "mengguncang"]


def test_a_prefix_marks_every_form_of_the_words_it_stands_for(news: Index) -> None:
    # guncan* stands for the stem "guncang", whose form here is "mengguncang".
    (hit,) = news.search("guncan*").hits
    body = ARTICLES["a.md"][3]
    assert [body[s:e] for s, e in hit.matches] == ["mengguncang"]


# -- facets and near duplicates -------------------------------------------------------


def test_a_surname_joins_the_full_name_it_ends_three_word_names_too() -> None:
    people = ["Recep Tayyip Erdogan", "Erdogan", "Recep Tayyip Erdogan|Tayyip"]
    found = facets.count(
        [0, 1, 2],
        ["", "", ""],
        ["", "", ""],
        {"person": people, "place": ["", "", ""], "organization": ["", "", ""]},
    )
    assert found.person == (("Recep Tayyip Erdogan", 3), ("Tayyip", 1))


def test_places_and_organisations_are_not_merged_by_their_last_word() -> None:
    names = {
        "person": ["", "", ""],
        "place": ["DKI Jakarta", "Jakarta", "Jakarta"],
        "organization": ["Universitas Indonesia", "Indonesia", ""],
    }
    found = facets.count([0, 1, 2], ["", "", ""], ["", "", ""], names)
    assert found.place == (("Jakarta", 2), ("DKI Jakarta", 1))
    assert found.organization == (("Indonesia", 1), ("Universitas Indonesia", 1))
