"""Analysis behaviour that mutation testing found unpinned: exact tokens,
offsets, stems and forms of real Indonesian text (see benchmarks/README.md,
"Mutation testing")."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from nksearch.analysis import stemmer, stopwords, tokens
from nksearch.analysis.analyzer import Analyzer, stem_many
from nksearch.analysis.fields import IndonesianTokenizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def fresh() -> tuple[Any, frozenset[str]]:
    """A Sastrawi stemmer built anew by this module's tests (not the process's own)."""
    return stemmer._build()


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


def test_a_freshly_built_stemmer_stems_as_sastrawi_itself(
    fresh: tuple[Any, frozenset[str]],
) -> None:
    """The sped-up visitors and private prefix rules, built anew (not the
    process's cached stemmer), against Sastrawi's own stemmer."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    words = {
        "menengahi",
        "penengah",
        "perdamaian",
        "berikan",
        "mempertanggungjawabkan",
        "keberhasilannya",
        "diperbincangkan",
        "memperkenalkan",
        "pemberantasan",
        "menyelesaikannya",
        "kebijakan-kebijakan",
        "bersama-sama",
        "komersialisme",
        "mengatakan",
        "dipertanyakan",
        "terpercaya",
        "pengusaha",
        "bukumu",
        "rumahku",
        "sampaikah",
        "pergilah",
        "meminum",
        "penyanyi",
        "memakan",
        "mengebom",
        "perekonomian",
        "berlari",
        "pelajaran",
        "ketahuan",
        "sekolah",
        "menyapu",
    }
    for path in SEEDS.glob("*.txt"):
        words |= {w for w in tokens.words(path.read_text("utf-8")) if w.isalpha()}
    listed = sorted(words)
    original = StemmerFactory().create_stemmer().delegatedStemmer
    built, dictionary = fresh
    assert type(built).__name__ == "FastStemmer"
    assert [built.stem_word(w) for w in listed] == [original.stem_word(w) for w in listed]
    assert "damai" in dictionary and "perdamaian" not in dictionary
    removals = built.visitor_provider.visitors + built.visitor_provider.suffix_visitors
    assert {type(v).__name__ for v in removals} >= {
        "FastRemoveDerivationalSuffix", "FastRemoveInflectionalParticle",
        "FastRemoveInflectionalPossessivePronoun",
    }  # fmt: skip


def test_the_stem_cache_key_names_the_installed_sastrawi() -> None:
    import Sastrawi

    base = Path(Sastrawi.__file__).parent / "Stemmer"
    sizes = [
        (base / n).stat().st_size
        for n in ("data/kata-dasar.txt", "Stemmer.py", "StemmerFactory.py")
    ]
    assert all(size > 0 for size in sizes)
    assert stemmer.fingerprint() == "-".join(map(str, sizes))
    assert (
        stemmer.stem_cache_key()
        == f"sastrawi-{stemmer.fingerprint()}/rules-{stemmer.RULES_VERSION}"
    )


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


def test_the_stemmer_is_built_once_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stemmer, "_stemmer", None)
    monkeypatch.setattr(stemmer, "_dictionary", frozenset())
    built = stemmer.sastrawi()
    assert built is stemmer.sastrawi()
    assert "damai" in stemmer._dictionary
    assert built.stem_word("perdamaian") == "damai"


def test_a_missing_sastrawi_file_counts_as_size_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import Sastrawi

    (tmp_path / "Stemmer").mkdir()
    (tmp_path / "Stemmer" / "Stemmer.py").write_text("x = 1\n")
    monkeypatch.setattr(Sastrawi, "__file__", str(tmp_path / "__init__.py"))
    assert stemmer.fingerprint() == "0-6-0"


def _removals(stemmer_: object, word: str) -> list[tuple[str, str, str, str, str]]:
    from Sastrawi.Stemmer.Context.Context import Context

    context = Context(word, stemmer_.dictionary, stemmer_.visitor_provider)  # type: ignore[attr-defined]
    context.execute()
    return [
        (
            type(r.get_visitor()).__name__.removeprefix("Fast"),
            r.get_subject(),
            r.get_result(),
            r.get_removed_part(),
            r.get_affix_type(),
        )
        for r in context.removals
    ]


def test_a_fresh_stemmer_records_the_removals_sastrawi_records(
    fresh: tuple[Any, frozenset[str]],
) -> None:
    """Sastrawi undoes removals when a stem is not found (their parts and kinds
    matter): the sped-up visitors record each exactly as Sastrawi's own."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    original = StemmerFactory().create_stemmer().delegatedStemmer
    built = fresh[0]
    words = ["perdamaian", "menengahi", "keberhasilannya", "mempertanggungjawabkan",
             "diperbincangkan", "bukumu", "pergilah", "penyanyi", "bersembunyilah"]  # fmt: skip
    for word in words:
        assert _removals(built, word) == _removals(original, word), word
    assert _removals(built, "perdamaian") == [
        ("RemoveDerivationalSuffix", "perdamaian", "perdamai", "an", "DS"),
        ("PrefixDisambiguator", "perdamai", "damai", "per", "DP"),
    ]


def test_prefix_rules_are_private_copies_matching_through_compiled_patterns(
    fresh: tuple[Any, frozenset[str]],
) -> None:
    import sys

    import Sastrawi.Morphology.Disambiguator as package

    rules = stemmer._private_rules()
    import pkgutil

    assert sorted(rules) == sorted(
        f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)
    )
    assert len(rules) > 30
    for original, module in rules.items():
        assert module is not None and module is not sys.modules.get(original)
        assert module.__name__.startswith("nksearch.analysis.stemmer.rules.")
        assert module.__name__ not in sys.modules
        if hasattr(module, "re"):
            assert isinstance(module.re, stemmer._Patterns), original
    assert sum(hasattr(module, "re") for module in rules.values()) > 30
    built = fresh[0]
    disambiguators = [
        v for v in built.visitor_provider.prefix_visitors
        if type(v).__name__ == "FastPrefixDisambiguator"
    ]  # fmt: skip
    kinds = {type(rule).__module__ for v in disambiguators for rule in v.disambiguators}
    assert len(kinds) > 30
    assert all(k.startswith("nksearch.analysis.stemmer.rules.") for k in kinds)
    patterns = stemmer._Patterns()
    assert patterns.match(r"ber(\w+)", "berdamai").group(1) == "damai"
    assert patterns.match(r"ber(\w+)", "perdamaian") is None
    assert patterns.match(r"ber(\w+)", "bermain").group(1) == "main"
