"""Ranking rules: IDF-weighted coordination, excerpt titles, question words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nksearch
from nksearch.analysis.analyzer import Analyzer
from nksearch.indexing.fields import EXCERPT_TITLE_WEIGHT, document_fields, title_is_excerpt
from nksearch.models import Article

ReadOnlyIndex = Callable[..., tuple[Path, Path]]  # the ``read_only_index`` fixture


def write(corpus: dict[str, str], name: str, text: str) -> None:
    corpus[name] = text + "\n"


def test_a_rare_word_outweighs_two_common_ones(read_only_index: ReadOnlyIndex) -> None:
    corpus: dict[str, str] = {}
    # "pemerintah" and "kota" are everywhere; "Incheon" is in one passage.
    for i in range(12):
        write(corpus, f"c{i:02}.txt", f"Pemerintah kota nomor {i} membangun jalan baru bagi warga kota.")
    write(corpus, "rare.txt", "Bandara Incheon melayani penerbangan internasional setiap hari.")
    _corpus, index = read_only_index(corpus)
    with nksearch.open_index(index) as idx:
        hits = idx.search("pemerintah kota Incheon").hits
    assert hits[0].path == "rare.txt"


def test_more_of_the_query_still_ranks_first(read_only_index: ReadOnlyIndex) -> None:
    corpus: dict[str, str] = {}
    write(corpus, "one.txt", "Gempa mengguncang Lombok. Gempa susulan terasa. Gempa lagi.")
    write(corpus, "two.txt", "Gempa di Lombok merusak rumah warga di Mataram.")
    for i in range(5):
        write(corpus, f"x{i}.txt", f"Berita lain nomor {i} tentang cuaca.")
    _corpus, index = read_only_index(corpus)
    with nksearch.open_index(index) as idx:
        assert [h.path for h in idx.search("gempa Lombok Mataram").hits][0] == "two.txt"


def test_titles_taken_from_the_body_are_excerpts() -> None:
    body = "Jakarta, Kompas - Patung Kartini di Jalan Taman Suropati tidak perlu dipindahkan."
    made_up = Article("p.txt", "Patung Kartini di Jalan Taman Suropati tidak perlu…", None, None, body, body)
    headline = Article("h.txt", "Patung Kartini Tetap di Tempatnya", None, None, body, body)
    whole = Article("w.txt", "Satu baris pendek saja", None, None, "Satu baris pendek saja", "")
    assert title_is_excerpt(made_up) and title_is_excerpt(whole)
    assert not title_is_excerpt(headline)
    analyzer = Analyzer()
    assert document_fields(analyzer, made_up, "1:1")["_title_boost"] == EXCERPT_TITLE_WEIGHT
    assert "_title_boost" not in document_fields(analyzer, headline, "1:1")


def test_question_words_do_not_count(read_only_index: ReadOnlyIndex) -> None:
    corpus: dict[str, str] = {}
    write(corpus, "a.txt", "Dimanakah letak kantor itu? Kapan dibuka? Siapa pemiliknya?")
    write(corpus, "b.txt", "Kantor pos Bandung dibuka kembali setelah renovasi.")
    _corpus, index = read_only_index(corpus)
    with nksearch.open_index(index) as idx:
        hits = idx.search("Dimanakah kantor pos Bandung?").hits
    assert hits[0].path == "b.txt"


def _whoosh_and_fast(idx: nksearch.Index, text: str) -> tuple[list[tuple[int, float]], list[tuple[int, float]], int, int]:
    from nksearch.search import ranking
    from nksearch.search.index import BM25_PARAMS

    query = idx.parse(text).query
    searcher = idx._searcher
    whoosh = searcher.search(query, limit=50)
    expected = [(hit.docnum, round(float(hit.score), 9)) for hit in whoosh]
    got, total = ranking.rank(ranking.Postings(searcher, BM25_PARAMS), query, 50, None, False)
    return expected, [(doc, round(score, 9)) for doc, score in got], len(whoosh), total


def test_phrases_score_from_positions_exactly_as_whoosh_does(
    read_only_index: ReadOnlyIndex,
) -> None:
    corpus: dict[str, str] = {}
    write(corpus, "a.txt", "Real Madrid menang. Pemain Real Madrid senang, kata pelatih Real Madrid.")
    write(corpus, "b.txt", "Madrid adalah ibu kota. Real estat di Madrid mahal sekali.")
    write(corpus, "c.txt", "Real Sociedad dan Atletico Madrid bermain imbang di Madrid.")
    write(corpus, "d.txt", "Klub real asal kota Madrid, Real Madrid, juara Liga Champions.")
    write(corpus, "e.txt", "Liga Champions musim ini: Madrid real juara lagi.")
    _corpus, index = read_only_index(corpus)
    with nksearch.open_index(index) as idx:
        for text in ('"Real Madrid"', 'title:"Real Madrid"', '"Real Madrid"~3', '"Madrid real"',
                     '"liga champions"', '"real madrid juara"', '"real madrid"~2 "liga champions"'):
            expected, got, whoosh_total, total = _whoosh_and_fast(idx, text)
            assert whoosh_total == total, text
            if text.count('"') == 2:  # one concept: no coordination, so Whoosh's order
                assert got == expected, text
        paths = [h.path for h in idx.search('"Real Madrid"').hits]
    assert sorted(paths) == ["a.txt", "d.txt"]
    assert paths[0] == "a.txt"
