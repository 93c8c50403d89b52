"""Search on the seed corpus: morphology, syntax, filters, ranking, snippets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import nksearch
from nksearch.errors import QuerySyntaxError, UsageError
from nksearch.search.index import Index

S000 = "000_c7cea75aa3edd05e.txt"  # SINDOnews 2021-11-24, Putin invites leaders to Sochi
S001 = "001_63c42fef90ae31eb.txt"  # medcom.id 2020-10-09, Lavrov "akan menengahi"
S002 = "002_dbd056f822f32af2.txt"  # SINDOnews 2020-10-09, "Siap Berunding di Moskow"
S003 = "003_b561e05cfa5aa674.txt"  # Tempo 2020-11-03, with a long teaser list
S004 = "004_24ba11577c6bdac0.txt"  # Koran Jakarta (Antara), "Rusia Tengahi", "penengah"
ALL = {S000, S001, S002, S003, S004}
ReadOnlyIndex = Callable[..., tuple[Path, Path]]  # the ``read_only_index`` fixture


def paths(idx: Index, query: str, **kw: object) -> set[str]:
    return {hit.path for hit in idx.search(query, **kw).hits}  # type: ignore[arg-type]


def test_menengahi_finds_tengahi_and_penengah(seed_index: Index) -> None:
    found = paths(seed_index, "menengahi")
    assert found == {S000, S001, S004}  # 004 says only "Tengahi" and "penengah"


def test_berunding_finds_merundingkan(seed_index: Index) -> None:
    assert paths(seed_index, "berunding") == {S000, S002, S004}


def test_perdamaian_finds_damai_and_marks_it(seed_index: Index) -> None:
    results = seed_index.search("perdamaian")
    assert {h.path for h in results.hits} == {S000, S001, S003, S004}
    hit = next(h for h in results.hits if h.path == S001)
    marked = {hit.snippet[a:b].lower() for a, b in hit.matches}
    assert marked == {"damai"}


def test_iran_does_not_match_pengaturan(seed_index: Index) -> None:
    assert paths(seed_index, "Iran") == {S002}  # 004 has "Pengaturan Font"


@pytest.mark.parametrize("query", ["Nagorno-Karabakh", "Nagorno Karabakh", '"Nagorno Karabakh"'])
def test_hyphenated_names_match_both_ways(seed_index: Index, query: str) -> None:
    assert paths(seed_index, query) == ALL


def test_part_of_a_hyphenated_title_matches(seed_index: Index) -> None:
    assert S004 in paths(seed_index, "title:Armenia")
    assert paths(seed_index, "title:Tengahi") == {S004}


def test_teasers_for_unrelated_stories_do_not_match(seed_index: Index) -> None:
    for query in ("Korea Utara", "Navalny", "Kharkiv", "paspor", '"Milisi Suriah"'):
        assert seed_index.search(query).total == 0, query


def test_not_keeps_its_meaning_in_any_word_queries(seed_index: Index) -> None:
    with_putin = paths(seed_index, "Putin", limit=10)
    assert paths(seed_index, "Putin NOT Sochi") == with_putin - {S000}
    assert paths(seed_index, "Putin AND Sochi") == {S000}
    assert paths(seed_index, "NOT Putin") == ALL - with_putin


def test_more_query_words_matched_ranks_first(seed_index: Index) -> None:
    hits = seed_index.search("Shoigu Sochi Kremlin").hits
    assert hits[0].path == S000  # the only article with all three


def test_phrase_requires_adjacent_words(seed_index: Index) -> None:
    assert paths(seed_index, '"gencatan senjata"') == {S000, S001, S002, S003, S004}
    assert paths(seed_index, '"senjata gencatan"') == set()


def test_source_field_and_filter(seed_index: Index) -> None:
    assert paths(seed_index, "source:tempo") == {S003}
    assert paths(seed_index, "Putin", source="SINDOnews") == {S000, S002}
    assert paths(seed_index, "Putin", source="medcom.id") == {S001}


def test_date_filters_and_sort(seed_index: Index) -> None:
    assert paths(seed_index, "Armenia", since="2020-11-01") == {S000, S003}
    assert paths(seed_index, "Armenia", until="2020-10-09") == {S001, S002}
    assert paths(seed_index, "Armenia", since="2020-10-10", until="2020-12-31") == {S003}
    dates = [h.date for h in seed_index.search("Armenia", sort="date").hits]
    assert dates == ["2021-11-24", "2020-11-03", "2020-10-09", "2020-10-09", None]


def test_prefix_and_fuzzy(seed_index: Index) -> None:
    assert paths(seed_index, "perdamai*") == {S000, S003, S004, S001}
    assert paths(seed_index, "Shoig~") == {S000}


def test_hit_fields(seed_index: Index) -> None:
    hit = seed_index.search("Shoigu").hits[0]
    assert hit.path == S000
    assert hit.title == "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"
    assert hit.date == "2021-11-24"
    assert hit.source == "SINDOnews"
    assert hit.score > 0
    assert [hit.snippet[a:b] for a, b in hit.matches] == ["Shoigu"]


def test_snippet_offsets_always_point_at_matches(seed_index: Index) -> None:
    for query in ("perdamaian", "Rusia menengahi", "gencatan senjata", "Putin Pashinyan Aliyev"):
        for hit in seed_index.search(query).hits:
            assert len(hit.snippet) <= 240
            for start, end in hit.matches:
                assert 0 <= start < end <= len(hit.snippet)
                assert hit.snippet[start:end].strip() == hit.snippet[start:end]


def test_suggestion_for_a_misspelling(seed_index: Index) -> None:
    results = seed_index.search("Pashinyam")
    assert results.total == 0
    assert results.suggestion == "Pashinyan"
    assert seed_index.search("Pashinyan").suggestion is None


def test_questions_are_searchable(seed_index: Index) -> None:
    question = seed_index.search("Siapa yang merundingkan gencatan senjata di Sochi?")
    assert question.hits[0].path == S000
    # Question words are left out of queries, so they change nothing.
    assert seed_index.parse("Siapakah Shoigu?").query == seed_index.parse("Shoigu").query


@pytest.mark.parametrize("query", ['"unclosed', "(", "AND", "title:", "*", "OR OR", ")", "a^", "~", '""'])
def test_malformed_queries_do_not_crash(seed_index: Index, query: str) -> None:
    results = seed_index.search(query)
    # Nothing searchable is left of these: no hits, and no spelling to suggest.
    assert (results.total, results.hits, results.suggestion) == (0, (), None)


def test_very_long_query(seed_index: Index) -> None:
    results = seed_index.search("Rusia perdamaian " * 300)  # 5,100 characters
    assert results.total == 5
    with pytest.raises(QuerySyntaxError):
        seed_index.search("x" * 20_000)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "2020-13-01"}, "--since '2020-13-01' is not a date"),
        ({"until": "kemarin"}, "--until 'kemarin' is not a date"),
        ({"sort": "random"}, "--sort 'random' is not one of"),
        ({"limit": 0}, "--limit must be 1 or more"),
        ({"since": "2021-01-01", "until": "2020-01-01"}, "is after --until"),
    ],
)
def test_bad_arguments(seed_index: Index, kwargs: dict[str, object], message: str) -> None:
    """The core names the options; a front end writes them its way (the CLI as flags)."""
    with pytest.raises(UsageError) as caught:
        seed_index.search("Putin", **kwargs)  # type: ignore[arg-type]
    assert message in caught.value.describe(lambda name: f"--{name}")
    assert message.replace("--", "") in str(caught.value)


def test_highlight_every_match_in_text(seed_index: Index) -> None:
    article = seed_index.document(S004)
    spans = seed_index.highlight(article.body, "perdamaian")
    words = {article.body[a:b].lower() for a, b in spans}
    assert words == {"perdamaian", "damai"}


def test_document_returns_clean_and_raw_text(seed_index: Index) -> None:
    article = seed_index.document(S003)
    assert article.title == "Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan Bahas Konflik"
    assert "Korea Utara" not in article.body
    assert "Korea Utara" in article.raw


def test_words_a_sync_brings_are_highlighted_at_once(corpus: Path, index_dir: Path) -> None:
    """A form first seen in a sync is marked in the same process's next search."""
    nksearch.sync(corpus, index_dir)
    with nksearch.open_index(index_dir) as idx:
        for _ in range(5):  # past the first few searches of a process
            idx.search("damai")
        (corpus / "baru.txt").write_text(
            "Moskow siap mendamaikannya\n\nRusia berupaya mendamaikannya lagi pekan ini.\n",
            encoding="utf-8",
        )
        nksearch.sync(corpus, index_dir)
        hit = next(h for h in idx.search("damai", limit=20).hits if h.path == "baru.txt")
        assert [hit.snippet[s:e] for s, e in hit.matches] == ["mendamaikannya"]


def test_two_indexes_in_one_process_each_highlight_their_own_forms(
    seed_folders: tuple[Path, Path], read_only_index: ReadOnlyIndex
) -> None:
    """Each index owns its analysis: opening a second one loses nothing of either."""
    _other, other_index = read_only_index(
        {
            "damai.txt": "Warga Dua Desa Akhirnya Berdamai\n\n"
            "Warga kedua desa sepakat berdamai setelah tokoh adat mendamaikan mereka.\n"
        }
    )
    with nksearch.open_index(seed_folders[1]) as a, nksearch.open_index(other_index) as b:
        for idx in (a, b, a):  # each index searched after the other was opened
            hit = idx.search("perdamaian").hits[0]
            marked = {hit.snippet[s:e].lower() for s, e in hit.matches}
            if idx is b:
                assert marked == {"berdamai", "mendamaikan"}
            else:
                assert hit.path == "001_63c42fef90ae31eb.txt" and marked == {"damai"}
        assert "mendamaikan" not in a.analyzer.stems
        assert "perdamaian" in b.analyzer.stems  # the query was analysed by b's own analyzer
        assert b.highlight("Mereka berdamai.", "perdamaian") == [(7, 15)]


def test_matches_at_both_ends_of_a_snippet_are_highlighted(
    read_only_index: ReadOnlyIndex,
) -> None:
    """The first word of a passage and its last word are marked like any other."""
    _corpus, index = read_only_index(
        {
            "gempa.txt": "Gempa Guncang Pesisir Selatan\n\n"
            "Gempa mengguncang pesisir selatan pada Senin pagi dan warga berhamburan ke luar rumah"
            " sambil menunggu kabar dari petugas tentang ancaman tsunami gempa\n"
        },
        seeds=True,
    )
    with nksearch.open_index(index) as idx:
        hit = idx.search("gempa").hits[0]
    assert hit.path == "gempa.txt"
    assert hit.snippet.startswith("Gempa mengguncang")
    assert hit.matches[0] == (0, 5)
    assert hit.snippet.endswith("tsunami gempa")
    assert hit.matches[-1] == (len(hit.snippet) - 5, len(hit.snippet))
    assert [hit.snippet[a:b] for a, b in hit.matches] == ["Gempa", "gempa"]


def test_question_words_are_dropped_from_queries_only(read_only_index: ReadOnlyIndex) -> None:
    """``Dimanakah``, ``Siapa``… say what kind of answer is wanted: never searched."""
    _corpus, index = read_only_index(
        {
            "tanya.txt": "Dimanakah Letak Pulau Komodo\n\n"
            "Siapa pun bertanya dimanakah pulau itu berada.\n"
        },
        seeds=True,
    )
    with nksearch.open_index(index) as idx:
        assert idx.search("Dimanakah").total == 0
        asked = idx.search("Dimanakah Putin bertemu Pashinyan?")
        plain = idx.search("Putin bertemu Pashinyan")
        assert [h.path for h in asked.hits] == [h.path for h in plain.hits]
        assert "tanya.txt" not in {h.path for h in asked.hits}
        # Indexed all the same: the article's own words are searchable.
        assert [h.path for h in idx.search("Komodo").hits] == ["tanya.txt"]
