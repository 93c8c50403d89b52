"""Analysis behaviour that mutation testing found unpinned: exact tokens,
offsets, stems and forms of real Indonesian text (see benchmarks/README.md,
"Mutation testing")."""

from __future__ import annotations

import pickle
from pathlib import Path

from nksearch.analysis import stemmer, stopwords, tokens
from nksearch.analysis.analyzer import Analyzer, stem_many
from nksearch.analysis.fields import IndonesianTokenizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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


def test_learnt_stems_are_reported_once_and_read_back_ones_never() -> None:
    analyzer = Analyzer({"damai": "damai"})
    assert analyzer.take_new_stems() == {}
    analyzer.learn({"perdamaian": "damai"})
    analyzer.learn({"berdamai": "damai"}, new=False)
    assert analyzer.stem("menengahi") == "tengah"
    assert analyzer.take_new_stems() == {"perdamaian": "damai", "menengahi": "tengah"}
    assert analyzer.take_new_stems() == {}
    assert analyzer.stems == {
        "damai": "damai", "perdamaian": "damai", "berdamai": "damai", "menengahi": "tengah",
    }  # fmt: skip
    assert stem_many(["perundingan", "6.500", "Rusia".lower()]) == {
        "perundingan": "runding", "6.500": "6.500", "rusia": "rusia",
    }  # fmt: skip
    assert analyzer.words("Jum'at-nya Nagorno-Karabakh") == {
        "jumat-nya", "jumat", "nya", "nagorno-karabakh", "nagorno", "karabakh",
    }  # fmt: skip


def test_forms_of_a_stem_grow_with_every_word_learnt() -> None:
    """The first lookups scan the cache; later ones use the map, kept up to date."""
    analyzer = Analyzer()
    analyzer.analyse("Perdamaian itu damai. Mereka berdamai di Sochi.")
    expected = frozenset({"perdamaian", "damai", "berdamai"})
    for _ in range(6):  # past the first few lookups: the map answers
        assert analyzer.forms_of({"damai"}) == expected
        assert analyzer.forms_of({"sochi", "damai"}) == expected | {"sochi"}
        assert analyzer.forms_of(set()) == frozenset()
        assert analyzer.forms_of({"itu"}) == frozenset()  # a stop word is never a form
    analyzer.analyse("Upaya mendamaikan kedua negara")
    assert analyzer.forms_of({"damai"}) == expected | {"mendamaikan"}
    analyzer.learn({"perdamaiannya": "damai", "itu": "itu"})
    assert analyzer.forms_of({"damai"}) == expected | {"mendamaikan", "perdamaiannya"}
    assert analyzer.forms_of({"upaya"}) == frozenset({"upaya"})
    # A cache replaced by a smaller one: the map is made again from it.
    analyzer.stems = {"damai": "damai", "kedamaian": "damai"}
    assert analyzer.forms_of({"damai"}) == frozenset({"damai", "kedamaian"})


def test_a_tokenizer_gives_whoosh_tokens_with_positions_offsets_and_originals() -> None:
    text = "Dimanakah Rusia menengahi Nagorno-Karabakh?"
    stemmed = IndonesianTokenizer(stemmed=True)
    got = [
        (t.text, t.pos, t.startchar, t.endchar, t.original, t.boost, t.stopped)
        for t in stemmed(
            text, positions=True, chars=True, keeporiginal=True, start_pos=10, start_char=100
        )
    ]
    assert got == [
        ("mana", 10, 100, 109, "Dimanakah", 1.0, False),  # di-…-kah taken off
        ("rusia", 11, 110, 115, "Rusia", 1.0, False),
        ("tengah", 12, 116, 125, "menengahi", 1.0, False),
        ("nagorno", 13, 126, 133, "Nagorno", 1.0, False),
        ("karabakh", 14, 134, 142, "Karabakh", 1.0, False),
    ]
    exact = IndonesianTokenizer(stemmed=False)
    assert [t.text for t in exact(text, mode="query")] == [
        "rusia",
        "menengahi",
        "nagorno",
        "karabakh",
    ]
    assert next(t.text for t in exact(text, mode="index")) == "dimanakah"
    bare = next(iter(stemmed("Rusia")))
    assert (bare.positions, bare.chars, bare.removestops, bare.mode) == (False, False, True, "")
    assert not hasattr(bare, "pos") and not hasattr(bare, "startchar")
    flagged = next(
        iter(
            stemmed(
                "Rusia", positions=True, chars=True, removestops=False, mode="query", boost_note="x"
            )
        )
    )
    assert (flagged.positions, flagged.chars, flagged.removestops, flagged.mode) == (
        True, True, False, "query",
    )  # fmt: skip
    assert flagged.boost_note == "x"
    assert not hasattr(bare, "original")
    # Whole values (no tokenizing): one lowercase token spanning the value.
    whole = [
        (t.text, t.original, t.pos, t.startchar, t.endchar, t.boost, t.stopped)
        for t in stemmed(
            "Nagorno-Karabakh",
            tokenize=False,
            positions=True,
            chars=True,
            start_pos=3,
            start_char=7,
        )
    ]
    assert whole == [("nagorno-karabakh", "nagorno-karabakh", 3, 7, 23, 1.0, False)]
    plain = next(iter(stemmed("Rusia", tokenize=False)))
    assert not hasattr(plain, "pos") and not hasattr(plain, "startchar")


def test_a_tokenizer_pickles_without_its_analyzer_and_compares_by_kind() -> None:
    stemmed, exact = IndonesianTokenizer(stemmed=True), IndonesianTokenizer(stemmed=False)
    assert (stemmed.is_morph, exact.is_morph) == (True, False)
    assert IndonesianTokenizer().stemmed is True
    assert stemmed.__getstate__() == {"stemmed": True, "is_morph": True}
    analyzer = Analyzer()
    stemmed.bind(analyzer)
    assert stemmed.analyzer is analyzer
    copy = pickle.loads(pickle.dumps(stemmed))
    assert copy.__dict__ == {"stemmed": True, "is_morph": True, "_analyzer": None}
    assert pickle.loads(pickle.dumps(exact)).__dict__ == {
        "stemmed": False, "is_morph": False, "_analyzer": None,
    }  # fmt: skip
    old = IndonesianTokenizer.__new__(IndonesianTokenizer)
    old.__setstate__({})  # a schema pickled before the field existed: stemmed
    assert (old.stemmed, old.is_morph) == (True, True)
    assert isinstance(copy.analyzer, Analyzer) and copy.analyzer is not analyzer
    assert copy == stemmed and hash(copy) == hash(IndonesianTokenizer(stemmed=True))
    assert copy != exact and hash(copy) != hash(exact)
    assert stemmed != "IndonesianTokenizer"


def test_a_new_analyzer_indexes_the_terms_it_analyses() -> None:
    """Each token's terms are remembered per analyzer: a fresh one, twice over."""
    text = "Perundingan damai Rusia-Azerbaijan, negara-negara Rumah-ku. Perundingan lagi."
    analyzer = Analyzer()
    expected = (
        ["runding", "damai", "rusia", "azerbaijan", "negara", "rumah", "runding"],
        ["perundingan", "damai", "rusia", "azerbaijan", "negara-negara", "rumah",
         "perundingan"],
    )  # fmt: skip
    assert analyzer.index_terms(text) == expected
    assert analyzer.index_terms(text) == expected  # from the remembered tokens
    assert Analyzer().index_terms("İstanbul berdamai") == (
        ["i\u0307stanbul", "damai"],
        ["i\u0307stanbul", "berdamai"],
    )


def test_clitics_after_a_hyphen_and_every_hyphen_character() -> None:
    analyzer = Analyzer()
    # "ku" and "mu" are no stop words: only their being clitics drops them.
    assert analyzer.analyse("Rumah-ku, Buku-mu") == [
        ("rumah", "rumah", 0, 5),
        ("buku", "buku", 10, 14),
    ]
    for hyphen in ("-", "\u2010", "\u2011"):
        assert analyzer.analyse(f"negara{hyphen}negara") == [("negara", "negara-negara", 0, 13)], (
            hyphen
        )
        assert tokens.has_hyphen(f"a{hyphen}b")
    assert not tokens.has_hyphen("a\u2012b")


def test_stem_word_stems_reduplications_and_keeps_numbers() -> None:
    assert stemmer.stem_word("bola-bola") == "bola"  # no affix, yet stemmed as a pair
    assert stemmer.stem_word("kupu-kupu") == "kupu-kupu"  # a root word itself
    assert stemmer.stem_word("6.500") == "6.500"
    assert stemmer.stem_word("covid19") == "covid19"
