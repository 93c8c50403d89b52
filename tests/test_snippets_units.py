"""Snippets, did-you-mean, query expansion, staleness, outlets and stories, on small real text.

Each expected value is read off the text by hand (offsets are counted in
the comments); none is computed with the code under test.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq

import nksearch
from nksearch.analysis.analyzer import Analyzer
from nksearch.errors import DocumentNotFound, Fix, Option, UsageError
from nksearch.search.expansion import Expansion, expand, within
from nksearch.search.index import Index
from nksearch.search.outlets import matching_terms, named_outlet, outlet_query
from nksearch.search.similar import distinctive_terms, time_factor
from nksearch.search.snippets import Highlighter, cut_snippet
from nksearch.search.suggest import best_word, max_edits, respell

#: Words of the texts below and their Sastrawi stems (what an index's cache holds).
STEMS = {
    "gempa": "gempa",
    "mengguncang": "guncang",
    "guncangan": "guncang",
    "banjir": "banjir",
    "rumah": "rumah",
    "bupati": "bupati",
    "palimanan": "palimanan",
    "langkah": "langkah",
    "langkah-langkah": "langkah",
    "mengungsi": "ungsi",
}


@pytest.fixture
def highlighter() -> Highlighter:
    return Highlighter(Analyzer(STEMS))


# -- matching ------------------------------------------------------------------


def test_every_form_of_a_stem_matches_whatever_its_case(highlighter: Highlighter) -> None:
    text = "Gempa Mengguncang Cianjur, guncangan terasa."
    # Mengguncang 6-17, guncangan 27-36; both count as the stem "guncang".
    assert highlighter.match_spans(text, ["guncang"]) == [(6, 17, "guncang"), (27, 36, "guncang")]


def test_a_reduplicated_word_is_highlighted_whole(highlighter: Highlighter) -> None:
    # "langkah-langkah" (9-24) is one form of "langkah": not two matches split at the hyphen.
    text = "membahas langkah-langkah lebih lanjut"
    assert highlighter.match_spans(text, ["langkah"]) == [(9, 24, "langkah")]


def test_a_word_typed_exactly_matches_without_its_stem(highlighter: Highlighter) -> None:
    text = "Warga Sukabumi mengungsi."
    # Sukabumi 6-14: no stem of the query, found as the exact word typed.
    assert highlighter.match_spans(text, [], words=["sukabumi"]) == [(6, 14, "sukabumi")]


def test_an_empty_word_matches_nothing(highlighter: Highlighter) -> None:
    text = "Gempa, lalu gempa susulan."
    found = highlighter.match_spans(text, ["gempa"], words=[""])
    assert found == [(0, 5, "gempa"), (12, 17, "gempa")]


def test_a_query_without_words_matches_nothing(highlighter: Highlighter) -> None:
    assert highlighter.match_spans("Gempa. Lalu, gempa lagi.", []) == []


def test_a_prefix_matches_the_words_it_starts(highlighter: Highlighter) -> None:
    text = "Gempita warga, gempa lagi."
    # Gempita 0-7 and gempa 15-20 both start with "gemp": the concept is the prefix.
    found = highlighter.match_spans(text, [], prefixes=["gemp"])
    assert found == [(0, 7, "gemp"), (15, 20, "gemp")]


def test_a_limit_stops_the_scan(highlighter: Highlighter) -> None:
    text = "Gempa kuat. Gempa susulan."
    assert highlighter.match_spans(text, ["gempa"], limit=10) == [(0, 5, "gempa")]
    assert highlighter.match_spans(text, ["gempa"]) == [(0, 5, "gempa"), (12, 17, "gempa")]


# -- the passage ---------------------------------------------------------------


def test_matches_at_both_ends_of_a_short_text_keep_their_highlight(
    highlighter: Highlighter,
) -> None:
    text = "Gempa mengguncang Cianjur. Warga panik dan keluar rumah"
    # Gempa 0-5 opens the text, rumah 50-55 closes it; the text fits whole.
    assert highlighter.snippet(text, ["gempa", "rumah"]) == (text, ((0, 5), (50, 55)))


def test_a_match_near_the_start_opens_the_passage_at_the_start(
    highlighter: Highlighter,
) -> None:
    text = "Warga Cianjur kembali merasakan gempa susulan pada Selasa pagi."
    # gempa 32-37 lies within a quarter width of the start: nothing is cut before it.
    assert highlighter.snippet(text, ["gempa"]) == (text, ((32, 37),))


def test_the_passage_opens_at_the_word_after_the_lead_in(highlighter: Highlighter) -> None:
    text = "Warga Kota Bogor diguyur hujan deras sejak siang."
    # Bogor at 11, width 40: the lead-in starts at 1, inside "Warga"; the passage
    # opens at the next word (6) and ends at the last space before 46 (42).
    assert highlighter.snippet(text, ["bogor"], words=["bogor"], width=40) == (
        "…Kota Bogor diguyur hujan deras sejak…",
        ((6, 11),),
    )


def test_the_passage_opens_at_the_last_sentence_before_the_match(
    highlighter: Highlighter,
) -> None:
    text = "Hujan reda. Air surut. Banjir kembali datang sore."
    # Banjir at 23; width 60 lets the lead-in reach back to 8: of the two
    # sentence ends (10 and 21) the passage opens after the later one.
    assert highlighter.snippet(text, ["banjir"], width=60) == (
        "…Banjir kembali datang sore.",
        ((1, 7),),
    )


def test_a_sentence_end_a_quarter_width_back_still_opens_the_passage(
    highlighter: Highlighter,
) -> None:
    text = (
        "Hujan deras mengguyur Jakarta sejak kemarin. "
        "Pejaten banjir lagi hingga satu meter pada Selasa pagi."
    )
    # banjir at 53, width 40: the lead-in reaches 43, the full stop of
    # "kemarin." exactly; the passage runs from "Pejaten" (45) to the last
    # space before 84 (82).
    assert highlighter.snippet(text, ["banjir"], width=40) == (
        "…Pejaten banjir lagi hingga satu meter…",
        ((9, 15),),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Warga panik.\nAir naik.\nBanjir merendam Kemang sejak pagi, kata petugas di lokasi.",
        "Warga panik.\nNaik.\nBanjir merendam Kemang sejak pagi, kata petugas di lokasi.",
    ],
)
def test_the_passage_opens_at_the_paragraph_break_before_the_match(
    highlighter: Highlighter, text: str
) -> None:
    # The last line break before Banjir is right before it: the passage
    # opens on the match and ends at the last space before 40 chars on.
    assert highlighter.snippet(text, ["banjir"], width=40) == (
        "…Banjir merendam Kemang sejak pagi, kata…",
        ((1, 7),),
    )


def test_a_line_break_before_the_lead_in_is_not_where_the_passage_opens(
    highlighter: Highlighter,
) -> None:
    text = (
        "Laporan BPBD\nWarga di Kemang mengungsi karena air merendam rumah mereka sejak pagi tadi."
    )
    # rumah at 59, width 40: the lead-in starts at the space at 49; the
    # line break at 12 is further back and plays no part.
    assert highlighter.snippet(text, ["rumah"], width=40) == (
        "…merendam rumah mereka sejak pagi tadi.",
        ((10, 15),),
    )


def test_a_passage_opens_on_a_match_glued_to_the_word_before(
    highlighter: Highlighter,
) -> None:
    text = "Tol Cikampek-Palimanan macet total sejak pagi."
    # Palimanan at 13; no space in the lead-in (8-13): the passage opens on
    # the match itself and ends at the space at 28.
    assert highlighter.snippet(text, ["palimanan"], width=20) == (
        "…Palimanan macet…",
        ((1, 10),),
    )


def test_a_long_word_is_cut_rather_than_the_passage_halved(highlighter: Highlighter) -> None:
    text = "Bupati wajib mempertanggungjawabkan dana bantuan gempa."
    # Width 30: no space in the second half (15-30), so the passage ends at 30.
    assert highlighter.snippet(text, ["bupati"], width=30) == (
        "Bupati wajib mempertanggungjaw…",
        ((0, 6),),
    )


def test_a_stray_full_stop_at_the_start_is_left_out(highlighter: Highlighter) -> None:
    assert highlighter.snippet(". Banjir kembali datang.", ["banjir"]) == (
        "…Banjir kembali datang.",
        ((1, 7),),
    )


def test_a_passage_without_matches_skips_leading_and_trailing_space() -> None:
    # One line break before the text, one after: neither is shown.
    assert cut_snippet("\nGempa kuat terasa.\n", []) == ("…Gempa kuat terasa.", ())
    assert cut_snippet("Gempa kuat terasa.\n\n", []) == ("Gempa kuat terasa.", ())


def test_snippet_passes_exact_words_and_prefixes_through(highlighter: Highlighter) -> None:
    text = "Warga Cianjurnya dan Cianjur mengungsi."
    # The exact word matches only Cianjur (21-28), not Cianjurnya.
    assert highlighter.snippet(text, [], words=["cianjur"]) == (text, ((21, 28),))
    # A prefix matches both (6-16 and 21-28).
    assert highlighter.snippet(text, [], prefixes=["cianjur"]) == (text, ((6, 16), (21, 28)))


def test_snippet_is_the_default_width_when_none_is_given(highlighter: Highlighter) -> None:
    text = "Gempa " * 50  # 300 characters, a word every 6
    # 220 wide, ended at the last space after 110 and before 220: 215.
    body = ("Gempa " * 36).rstrip()
    spans = tuple((6 * i, 6 * i + 5) for i in range(36))
    assert highlighter.snippet(text, ["gempa"]) == (body + "…", spans)


def test_a_match_beyond_the_scan_limit_is_not_searched_for(highlighter: Highlighter) -> None:
    text = "Warga " * 40_000 + "gempa terasa."  # gempa at 240,000, past the scan limit
    body = ("Warga " * 36).rstrip()  # the opening 220 chars, ended at the space at 215
    assert highlighter.snippet(text, ["gempa"]) == (body + "…", ())


# -- did-you-mean ----------------------------------------------------------------


class WordList:
    """Two fields' words with their document counts, walked as an index's vocabulary is."""

    def __init__(self, body: dict[str, int], exact: dict[str, int] | None = None) -> None:
        self.fields = {"body": body, "exact": exact or {}}

    def near(self, field: str, word: str, maxdist: int) -> list[tuple[str, int, int]]:
        documents = self.fields[field]
        return [(t, e, documents[t]) for t, e in within(sorted(documents), word, maxdist)]


def test_short_words_get_one_edit_longer_ones_two() -> None:
    assert [max_edits(w) for w in ("ktp", "gempa", "banjir", "jakarta")] == [1, 1, 2, 2]


def test_a_misspelling_becomes_the_word_in_more_articles() -> None:
    # Persjia is one edit from Persija (a swap) and from Persia (a deletion):
    # Persija is in 35 articles' bodies, Persia in 1; the exact field's
    # counts for the same words are not what decides.
    vocabulary = WordList({"persija": 35, "persia": 1}, {"persija": 1, "persia": 3})
    assert best_word("persjia", vocabulary) == "persija"  # type: ignore[arg-type]


def test_the_word_itself_and_words_with_digits_are_no_correction() -> None:
    vocabulary = WordList({"covid-19": 40, "persia": 1, "persija": 35, "covid": 12})
    # "persia" itself is indexed: the correction is another word (Persija,
    # two letters away but in 35 articles), never the word as typed.
    assert best_word("persia", vocabulary) == "persija"  # type: ignore[arg-type]
    # The other way round Persia is the one near word left: the word as
    # typed is passed over, not the end of the search.
    assert best_word("persija", vocabulary) == "persia"  # type: ignore[arg-type]
    # "covid-19" is not a word: the candidate is "covid" (one edit from "covd").
    assert best_word("covd", vocabulary) == "covid"  # type: ignore[arg-type]


def test_operators_short_words_and_words_with_digits_are_left_alone() -> None:
    vocabulary = WordList({"anda": 7, "dan": 50, "covid": 12, "tni": 9})
    assert best_word("and", vocabulary) is None  # type: ignore[arg-type]
    assert best_word("da", vocabulary) is None  # type: ignore[arg-type]
    assert best_word("covid19", vocabulary) is None  # type: ignore[arg-type]
    # Three letters is long enough: "tin" is "tni" with two letters swapped.
    assert best_word("tin", vocabulary) == "tni"  # type: ignore[arg-type]


def test_respell_corrects_every_word_it_can_in_the_case_typed() -> None:
    corrections = {"gmpa": "gempa"}
    # "cianjr" (first in order) has no correction; "Gmpa" still gets one.
    assert respell("Gmpa di Cianjr", ["cianjr", "gmpa"], corrections.get) == "Gempa di Cianjr"


def test_a_respelt_query_is_offered_when_it_finds_at_least_as_much(seed_index: Index) -> None:
    # All five seeds name Armenia.
    assert seed_index.suggest("Armenai", total=0) == "Armenia"
    assert seed_index.suggest("Armenai", total=5) == "Armenia"
    assert seed_index.suggest("Armenai", total=6) is None
    # No seed names Jokowi: respelt, this query still finds nothing.
    assert seed_index.suggest("Armenai AND Jokowi", total=0) is None


# -- staleness ---------------------------------------------------------------------

_ARTICLES = {
    "jakarta/a.txt": "Banjir Kemang\n\nJAKARTA - Banjir merendam Kemang sejak pagi.\n",
    "jakarta/b.txt": "Macet Sudirman\n\nJAKARTA - Jalan Sudirman macet total.\n",
    "bandung/c.txt": "Longsor Lembang\n\nBANDUNG - Longsor menutup jalan Lembang.\n",
    "bandung/kosong.txt": "",  # skipped by the sync: an empty file
}


@pytest.fixture(scope="module")
def changed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Index]]:
    """Two folders synced an hour after they were written, then changed.

    After the sync: ``jakarta/a.txt`` is rewritten in place (its folder's
    entries stay the same), ``bandung/c.txt`` deleted and ``bandung/d.txt``
    added; ``jakarta/b.txt`` and the skipped empty file are left alone.
    """
    base = tmp_path_factory.mktemp("stale")
    corpus = base / "corpus"
    for rel, text in _ARTICLES.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    an_hour_ago = time.time() - 3600
    for folder in (corpus, corpus / "jakarta", corpus / "bandung"):
        os.utime(folder, (an_hour_ago, an_hour_ago))
    nksearch.sync(corpus, base / "index")
    with nksearch.open_index(base / "index") as idx:
        assert idx.stale(corpus) == []
        assert idx.stale(corpus, quick=True) == []
        (corpus / "jakarta/a.txt").write_text(
            "Banjir Kemang surut\n\nJAKARTA - Banjir di Kemang surut pada sore hari.\n",
            encoding="utf-8",
        )
        (corpus / "bandung/c.txt").unlink()
        (corpus / "bandung/d.txt").write_text(
            "Gempa Garut\n\nGARUT - Gempa terasa hingga Bandung.\n", encoding="utf-8"
        )
        yield corpus, idx


def test_a_full_check_reports_new_changed_and_deleted_files(
    changed_corpus: tuple[Path, Index],
) -> None:
    corpus, idx = changed_corpus
    assert idx.stale(corpus) == ["bandung/c.txt", "bandung/d.txt", "jakarta/a.txt"]


def test_a_quick_check_looks_only_into_folders_whose_entries_changed(
    changed_corpus: tuple[Path, Index],
) -> None:
    corpus, idx = changed_corpus
    # jakarta/a.txt was rewritten in place: its folder looks unchanged.
    assert idx.stale(corpus, quick=True) == ["bandung/c.txt", "bandung/d.txt"]


# -- the vocabulary walk -------------------------------------------------------------


def test_a_letter_missing_at_the_front_is_one_edit() -> None:
    # eKTP is KTP with one letter before it: the walk must count the letters
    # of a term that come before the first letter of the word.
    assert sorted(within(["ektp", "ktp"], "ktp", 1)) == [("ektp", 1), ("ktp", 0)]


def test_two_letters_swapped_are_one_edit_wherever_they_are() -> None:
    terms = ["rusia", "tanggal", "tni"]
    assert within(terms, "ursia", 1) == [("rusia", 1)]  # the first two swapped
    assert within(terms, "tin", 1) == [("tni", 1)]  # the last two swapped
    assert within(terms, "tangagl", 1) == [("tanggal", 1)]


def test_a_word_with_a_double_letter_is_its_own_nearest_term() -> None:
    assert within(["tanggal"], "tanggal", 1) == [("tanggal", 0)]
    assert within(["tanggal"], "tangal", 1) == [("tanggal", 1)]


def test_longer_terms_beyond_the_edits_allowed_are_not_near() -> None:
    terms = ["gempa", "gempabumi", "gempar", "tempat"]
    assert sorted(within(terms, "gempa", 1)) == [("gempa", 0), ("gempar", 1)]
    assert sorted(within(terms, "gempa", 2)) == [("gempa", 0), ("gempar", 1), ("tempat", 2)]
    # "selatan" is three letters longer than "sela", "selasa" two.
    assert within(["selatan"], "sela", 1) == []
    assert within(["sela", "selasa", "selatan"], "sela", 1) == [("sela", 0)]


def test_a_prefix_no_term_has_finds_nothing() -> None:
    assert within(["banjir", "gempa"], "zona", 1, "z") == []
    assert within(["banjir", "gempa"], "gemba", 1, "g") == [("gempa", 1)]


def test_a_fuzzy_word_keeps_its_required_first_letters(seed_index: Index) -> None:
    # "usia" is one letter from "rusia" (in all five seeds), but not if the
    # first letter must stay "u".
    assert seed_index.search("usia~1").total == 5
    assert seed_index.search("usia~1/1").total == 0


# -- more like this --------------------------------------------------------------------


def test_an_article_of_the_same_day_counts_half_as_much_again() -> None:
    assert time_factor("2021-11-24", "2021-11-24") == 1.5
    assert time_factor("2021-11-24", "2021-12-01") == 1.25  # a week apart: half the bonus
    assert time_factor("2021-11-24", "2021-11-10") == 1.125  # two weeks: a quarter
    assert time_factor(None, "2021-11-24") == 1.0
    assert time_factor("2021-11-24", "kemarin") == 1.0


def test_distinctive_terms_weigh_headline_words_and_rarity() -> None:
    # "Gempa Susulan Guncang Gempa" / "gempa 2021 warga korban cianjur evakuasi",
    # in 20 documents: gempa counts 3 + 3 + 1 = 7 times (idf ln 3), cianjur
    # once but in only one other document (ln 11), warga and korban once in
    # 5 documents (ln 5); susul and evakuasi are in no other document and
    # 2021 is a number.
    df = {"gempa": 10, "susul": 1, "guncang": 1, "warga": 5, "korban": 5, "cianjur": 2}
    df["evakuasi"] = 1
    title = ["gempa", "susul", "guncang", "gempa"]
    body = ["gempa", "2021", "warga", "korban", "cianjur", "evakuasi"]
    gempa = (1 + math.log(7)) * math.log(3)
    expected = [
        ("gempa", 1.0),
        ("cianjur", math.log(11) / gempa),
        ("korban", math.log(5) / gempa),
        ("warga", math.log(5) / gempa),
    ]
    terms = distinctive_terms(title, body, df.__getitem__, 20)
    assert [t for t, _w in terms] == [t for t, _w in expected]
    assert [w for _t, w in terms] == pytest.approx([w for _t, w in expected])
    assert distinctive_terms(title, body, df.__getitem__, 20, limit=2) == terms[:2]
    assert distinctive_terms(["susul"], ["evakuasi"], df.__getitem__, 20) == []


def test_more_like_this_names_the_path_it_cannot_find(
    seed_index: Index, changed_corpus: tuple[Path, Index]
) -> None:
    with pytest.raises(DocumentNotFound) as missing:
        seed_index.similar("dunia/tidak-ada.txt")
    assert (missing.value.path, missing.value.fix) == ("dunia/tidak-ada.txt", Fix.LIST_DOCUMENTS)
    _corpus, idx = changed_corpus
    with pytest.raises(DocumentNotFound) as not_yet:
        idx.similar("bandung/d.txt")  # on disk, added after the sync
    assert (not_yet.value.path, not_yet.value.fix) == ("bandung/d.txt", Fix.SYNC)


# -- outlets ---------------------------------------------------------------------------


def test_a_domain_finds_its_outlet_without_its_ending() -> None:
    outlets = ["medcom.id", "sindonews", "tempo"]
    assert matching_terms("sindonews.com", outlets) == ["sindonews"]
    assert matching_terms("medcom", outlets) == ["medcom.id"]
    assert matching_terms("id", outlets) == ["medcom.id"]
    assert matching_terms("kompas.com", outlets) == []


def test_an_alias_names_the_words_of_its_outlet() -> None:
    def term(text: str) -> Any:
        return wq.Term("source", text)

    words = ["cnn", "detik", "indonesia", "tempo"]
    assert outlet_query("cnnindonesia.com", words, term) == wq.And([term("cnn"), term("indonesia")])
    assert outlet_query("detikcom", words, term) == term("detik")
    # CNN Indonesia's words are not all in this index: no outlet is named.
    assert named_outlet("cnnindonesia.com", ["indonesia", "tempo"]) == []
    assert outlet_query("cnnindonesia.com", ["indonesia", "tempo"], term) is None


# -- story: grouping, facet filters ------------------------------------------------------


def _paths(results: Any) -> list[str]:
    return [hit.path[:3] for hit in results.hits]


def test_grouping_without_duplicates_keeps_the_order_asked_for(seed_index: Index) -> None:
    # The seeds have no near duplicates: grouping changes no order.
    for sort in ("relevance", "date"):
        plain = seed_index.search("Armenia", sort=sort)
        grouped = seed_index.search("Armenia", sort=sort, group=True)
        assert _paths(grouped) == _paths(plain)
        assert all(hit.also == () for hit in grouped.hits)
    newest_first = seed_index.search("Armenia", sort="date", group=True)
    assert [hit.date for hit in newest_first.hits] == [
        "2021-11-24",
        "2020-11-03",
        "2020-10-09",
        "2020-10-09",
        None,
    ]


def test_grouped_hits_are_highlighted_as_plain_ones(seed_index: Index) -> None:
    # "pertem*" matches "pertempuran" (stem "tempur") as written; "me*" more
    # than 32 words, so its rarer ones are highlighted only as a prefix.
    for query in ("Azerb*", '"Nagorno-Karabakh" Kremlin', "pertem*", "me*"):
        plain = seed_index.search(query)
        grouped = seed_index.search(query, group=True)
        assert [(h.snippet, h.matches) for h in grouped.hits] == [
            (h.snippet, h.matches) for h in plain.hits
        ]
        assert all(hit.matches for hit in grouped.hits)


def test_facet_values_narrow_the_filters_they_join(seed_index: Index) -> None:
    # SINDOnews: 000 (2021-11-24) and 002 (2020-10-09); medcom.id 001 (2020-10-09).
    assert sorted(_paths(seed_index.search("Armenia", source="sindonews", group=True))) == [
        "000",
        "002",
    ]
    assert _paths(seed_index.search("Armenia", where={"month": "2020-11"})) == ["003"]
    found = seed_index.search("Armenia", source="sindonews", where={"month": "2020-10"})
    assert _paths(found) == ["002"]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (
            {"kota": "Jakarta"},
            "where 'kota' is not one of: source, month, person, place, organization",
        ),
        ({"month": "2021-x1"}, "where month '2021-x1' is not YYYY-MM"),
        ({"month": "2021-13"}, "where month '2021-13' is not YYYY-MM"),
    ],
)
def test_a_bad_facet_value_is_a_usage_error(
    seed_index: Index, where: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as bad:
        seed_index.search("Armenia", where=where)
    assert bad.value.parts[0] == Option("where")
    assert str(bad.value) == message


# -- expanding the query -----------------------------------------------------------------


def test_a_fuzzy_outlet_is_looked_up_among_outlets(seed_index: Index) -> None:
    # "medcom.id" is a word of the source field only (the body splits it).
    assert _paths(seed_index.search("source:medcom.ix~1")) == ["001"]
    assert sorted(_paths(seed_index.search("source:sindonewz~1"))) == ["000", "002"]


def test_an_optional_part_matching_nothing_leaves_the_rest(seed_index: Index) -> None:
    # No seed has a word starting "zzqx": as an optional or excluded part it
    # changes nothing; as the required part it leaves nothing.
    assert seed_index.search("Armenia ANDMAYBE zzqx*").total == 5
    assert seed_index.search("Armenia ANDNOT zzqx*").total == 5
    assert seed_index.search("zzqx* ANDMAYBE Armenia").total == 0
    assert seed_index.search("zzqx* ANDNOT Armenia").total == 0


# -- story: near duplicates ----------------------------------------------------------------

_FLOOD = (
    "Banjir kembali merendam ratusan rumah warga di kawasan Kemang, Jakarta Selatan, "
    "setelah hujan deras mengguyur ibu kota sejak Senin malam. Ketinggian air "
    "mencapai satu meter di beberapa titik. Petugas pemadam kebakaran dan relawan "
    "mengevakuasi warga lanjut usia dan anak-anak ke masjid terdekat. Kepala "
    "pelaksana BPBD DKI mengatakan pompa air di pintu air Kali Krukut sudah "
    "dinyalakan sejak dini hari, namun debit air masih tinggi. Warga diminta waspada "
    "karena hujan diperkirakan turun hingga akhir pekan."
)
_LANDSLIDE = (
    "Longsor menutup jalan utama penghubung Lembang dan Subang pada Selasa pagi "
    "setelah tebing setinggi dua puluh meter runtuh diguyur hujan semalaman. Tidak "
    "ada korban jiwa, tetapi puluhan kendaraan terjebak selama berjam-jam. Dinas "
    "Pekerjaan Umum mengerahkan dua alat berat untuk membersihkan material tanah dan "
    "batu. Polisi mengalihkan arus lalu lintas melalui jalur alternatif di Cikole. "
    "Warga sekitar diminta menjauhi tebing karena tanah masih labil dan retakan baru "
    "terlihat di atas lereng."
)
_CHILLI = (
    "Harga cabai rawit di pasar tradisional Jakarta naik dua kali lipat dalam sepekan"
    " terakhir. Pedagang di Pasar Minggu menyebut pasokan dari Jawa Tengah berkurang "
    "karena gagal panen akibat cuaca buruk. Pemerintah provinsi berjanji menggelar "
    "operasi pasar pekan depan untuk menekan harga."
)
#: Two stories told twice (a.txt and d.txt, b.txt and c.txt) and one told once.
_STORIES = {
    "a.txt": ("Banjir Rendam Kemang", "Kamis, 25 November 2021", "JAKARTA", _FLOOD),
    "b.txt": ("Longsor Tutup Jalan Lembang", "Sabtu, 20 November 2021", "BANDUNG", _LANDSLIDE),
    "c.txt": (
        "Jalan Lembang-Subang Tertutup Longsor",
        "Minggu, 21 November 2021",
        "BANDUNG",
        _LANDSLIDE,
    ),
    "d.txt": ("Kemang Kembali Terendam Banjir", "Senin, 22 November 2021", "JAKARTA", _FLOOD),
    "e.txt": ("Harga Cabai Melonjak", "Selasa, 23 November 2021", "JAKARTA", _CHILLI),
}


@pytest.fixture(scope="module")
def retold(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """An index of the five articles of :data:`_STORIES`."""
    base = tmp_path_factory.mktemp("retold")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, (title, day, city, body) in _STORIES.items():
        text = f"{title}\n\n{day} - 10:00 WIB\n\n{city} - {body}\n"
        (corpus / name).write_text(text, encoding="utf-8")
    nksearch.sync(corpus, base / "index")
    with nksearch.open_index(base / "index") as idx:
        yield idx


def test_near_duplicates_are_listed_oldest_first_in_order_of_their_first_path(
    retold: Index,
) -> None:
    # The landslide: b (20 Nov) then c (21 Nov); the flood: d (22 Nov) then a (25 Nov).
    assert retold.duplicates() == [["b.txt", "c.txt"], ["d.txt", "a.txt"]]


def test_a_grouped_search_folds_each_story_into_its_first_hit(retold: Index) -> None:
    def folded(limit: int) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
        found = retold.search("warga OR pasar", sort="date", group=True, limit=limit)
        return [
            (hit.path, [(a.path, a.title, a.date) for a in hit.also or ()]) for hit in found.hits
        ]

    # Newest first: a (25th, with its retelling d), e (23rd), c (21st, with b).
    assert folded(10) == [
        ("a.txt", [("d.txt", "Kemang Kembali Terendam Banjir", "2021-11-22")]),
        ("e.txt", []),
        ("c.txt", [("b.txt", "Longsor Tutup Jalan Lembang", "2021-11-20")]),
    ]
    assert folded(2) == folded(10)[:2]


class Terms:
    """A searcher's words with their document counts, for the expander."""

    def __init__(self, body: dict[str, int], source: tuple[str, ...] = ()) -> None:
        self.body, self.source = body, list(source)

    def starting(self, field: str, prefix: str) -> dict[str, int]:
        return {t: n for t, n in self.body.items() if t.startswith(prefix)}

    def near(self, field: str, word: str, maxdist: int, prefix: int = 0) -> list[Any]:
        found = within(sorted(self.body), word, maxdist, word[:prefix])
        return [(t, edits, self.body[t]) for t, edits in found]

    def terms(self, field: str) -> list[str]:
        return self.source


#: 40 words starting "ber" (made-up tails): "beraa" in 1 document … "berbn" in 40.
_BER = {f"ber{chr(97 + i // 26)}{chr(97 + i % 26)}": i + 1 for i in range(40)}


def _texts(q: Any) -> list[str]:
    return [sub.text for sub in q.subqueries]


def test_a_prefix_stands_for_its_most_frequent_words_at_most() -> None:
    expanded, notes, _terms = expand(wq.Prefix("body", "ber"), Terms(_BER))  # type: ignore[arg-type]
    # The 32 most frequent: counts 40 down to 9, the last 32 words made.
    assert _texts(expanded) == [
        f"ber{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(39, 7, -1)
    ]
    assert notes == ["ber* matches 40 words; the 32 most frequent were searched"]
    exactly = dict(list(_BER.items())[:32])
    expanded, notes, _terms = expand(wq.Prefix("body", "ber"), Terms(exactly))  # type: ignore[arg-type]
    assert len(_texts(expanded)) == 32
    assert notes == []


def test_a_capped_fuzzy_word_keeps_the_nearest_of_equally_frequent_words() -> None:
    # 33 words within one edit of "bersama", each in 5 documents: "bersama"
    # itself, 26 one letter longer, 6 with the last letter changed.
    body = {"bersama": 5}
    body |= {f"bersama{chr(97 + i)}": 5 for i in range(26)}
    body |= {f"bersam{c}": 5 for c in "bcdefg"}
    expanded, _notes, _terms = expand(wq.FuzzyTerm("body", "bersama", maxdist=1), Terms(body))  # type: ignore[arg-type]
    # Fewest edits first on a tie, then alphabetical: "bersama" leads, and
    # of the one-edit words the last in order, "bersamg", is left out.
    chosen = _texts(expanded)
    assert chosen[:3] == ["bersama", "bersamaa", "bersamab"]
    assert chosen[-1] == "bersamf"
    assert len(chosen) == 32


def test_an_outlet_word_keeps_its_place_and_boost() -> None:
    vocabulary = Terms({}, ("cnn", "indonesia", "sindonews", "tempo"))
    word = wq.Term("source", "sindo", boost=2.0)
    word.startchar, word.endchar = 7, 12
    expanded, _notes, _terms = expand(word, vocabulary)  # type: ignore[arg-type]
    assert isinstance(expanded, Expansion)
    assert (expanded.startchar, expanded.endchar) == (7, 12)
    assert expanded.subqueries == [wq.Term("source", "sindonews", boost=2.0)]
    assert [(t.startchar, t.endchar) for t in expanded.subqueries] == [(7, 12)]
    alias = wq.Term("source", "cnnindonesia.com", boost=2.0)
    assert expand(alias, vocabulary)[0] == wq.And(
        [wq.Term("source", "cnn", boost=2.0), wq.Term("source", "indonesia", boost=2.0)]
    )


def test_parts_that_match_nothing_are_dropped_as_their_operator_says() -> None:
    vocabulary = Terms({"banjir": 3})
    nothing, word = wq.Prefix("body", "zzqx"), wq.Term("body", "banjir")
    assert expand(wq.Not(nothing), vocabulary)[0] == wq.Every()  # type: ignore[arg-type]
    assert expand(wq.Otherwise(nothing, word), vocabulary)[0] == word  # type: ignore[arg-type]
    assert expand(wq.Require(word, nothing), vocabulary)[0] is wq.NullQuery  # type: ignore[arg-type]
    assert expand(wq.AndMaybe(word, nothing), vocabulary)[0] == word  # type: ignore[arg-type]
    boosted = expand(wq.Or([wq.Prefix("body", "ban"), nothing], boost=2.0), vocabulary)[0]  # type: ignore[arg-type]
    assert boosted.boost == 2.0


def test_an_open_index_sees_what_a_later_sync_added(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Banjir Rendam Kemang\n\nKamis, 25 November 2021 - 10:00 WIB\n\n"
        f"JAKARTA, SINDOnews - {_FLOOD}\n",
        encoding="utf-8",
    )
    nksearch.sync(corpus, tmp_path / "index")
    with nksearch.open_index(tmp_path / "index") as idx:
        assert idx.timeline("banjir").buckets == (("2021-11", 1),)
        (corpus / "b.txt").write_text(
            "Longsor Tutup Jalan Lembang\n\nSabtu, 30 Oktober 2021 - 08:15 WIB\n\n"
            "TEMPO.CO, Bandung - Longsor dan banjir menutup jalan utama Lembang.\n",
            encoding="utf-8",
        )
        first = (corpus / "a.txt").read_text(encoding="utf-8")
        (corpus / "a.txt").write_text(first.replace("Banjir Rendam", "Banjir Besar Rendam"))
        nksearch.sync(corpus, tmp_path / "index")
        # a.txt's first version is deleted, not a near duplicate of its second.
        assert idx.duplicates() == []
        # The new article's date and outlet are read from its own segment.
        assert idx.timeline("banjir").buckets == (("2021-10", 1), ("2021-11", 1))
        assert [hit.path for hit in idx.search("source:tempo").hits] == ["b.txt"]
