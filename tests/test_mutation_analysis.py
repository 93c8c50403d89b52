"""Analysis behaviour that mutation testing found unpinned: exact tokens,
offsets, stems and forms of real Indonesian text (see benchmarks/README.md,
"Mutation testing")."""

from __future__ import annotations

import pickle

from nksearch.analysis import stopwords
from nksearch.analysis.analyzer import Analyzer

SENTENCE = "Rusia menengahi perundingan Armenia-Azerbaijan di Nagorno-Karabakh, kata Facebook-nya."


def test_analyse_gives_stems_forms_and_offsets_of_a_real_sentence() -> None:
    analyzer = Analyzer()
    assert analyzer.analyse(SENTENCE) == [
        ("rusia", "rusia", 0, 5),
        ("tengah", "menengahi", 6, 15),
        ("runding", "perundingan", 16, 27),
        ("armenia", "armenia", 28, 35),
        ("azerbaijan", "azerbaijan", 36, 46),
        ("nagorno", "nagorno", 50, 57),
        ("karabakh", "karabakh", 58, 66),
        ("facebook", "facebook", 73, 81),
    ]


def test_question_words_go_from_queries_only() -> None:
    analyzer = Analyzer()
    text = "Dimanakah dan manakah yang menengahi perdamaian? Adakah dimana"
    # In an article they are words like any other; "dan" and "yang" never count.
    assert [t[1] for t in analyzer.analyse(text)] == [
        "dimanakah", "manakah", "menengahi", "perdamaian", "adakah", "dimana",
    ]  # fmt: skip
    assert [t[1] for t in analyzer.analyse(text, query=True)] == ["menengahi", "perdamaian"]
    assert sorted(stopwords.query_stop_words() - stopwords.stop_words()) == [
        "adakah", "dimana", "dimanakah", "manakah",
    ]  # fmt: skip
    assert {"dan", "yang", "siapa", "apa", "mengapa"} <= stopwords.stop_words()


def test_an_analyzer_pickles_its_stems_only() -> None:
    analyzer = Analyzer()
    analyzer.analyse("perdamaian berdamai")
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy.stems == analyzer.stems
    assert copy.forms_of({"damai"}) == frozenset({"perdamaian", "berdamai"})
