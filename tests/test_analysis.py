"""Indonesian analysis: tokens, stems, stop words and stemming corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from nksearch.analysis import stemmer as stemming
from nksearch.analysis import tokens
from nksearch.analysis.analyzer import Analyzer
from nksearch.analysis.fields import IndonesianTokenizer
from nksearch.analysis.stopwords import stop_words

ANALYZER = Analyzer()
analyse = ANALYZER.analyse
stem = ANALYZER.stem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def stems(text: str) -> list[str]:
    return [item[0] for item in analyse(text)]


def exact(text: str) -> list[str]:
    return [item[1] for item in analyse(text)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("menengahi", "tengah"),
        ("Tengahi", "tengah"),
        ("penengah", "tengah"),
        ("berunding", "runding"),
        ("merundingkan", "runding"),
        ("perdamaian", "damai"),
        ("damai", "damai"),
        ("pertempuran", "tempur"),
    ],
)
def test_morphology_reaches_one_stem(word: str, expected: str) -> None:
    assert stems(word) == [expected]


def test_iran_and_pengaturan_do_not_share_a_stem() -> None:
    assert stems("Iran Pengaturan") == ["iran", "atur"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("negara-negara", "negara"),
        ("aspek-aspek", "aspek"),
        ("benar-benar", "benar"),
        ("tanda-tanda", "tanda"),
        ("besar-besaran", "besar"),
    ],
)
def test_reduplication_is_one_token(word: str, expected: str) -> None:
    assert stems(word) == [expected]
    assert exact(word) == [word]


def test_hyphenated_names_split_into_searchable_parts() -> None:
    assert stems("Nagorno-Karabakh") == ["nagorno", "karabakh"]
    assert stems("Azerbaijan-Armenia") == ["azerbaijan", "armenia"]
    items = analyse("di Nagorno-Karabakh")
    assert [(s, e) for _st, _ex, s, e in items] == [(3, 10), (11, 19)]


def test_clitic_after_hyphen_belongs_to_the_word() -> None:
    assert stems("Facebook-nya") == ["facebook"]


def test_separators_nbsp_curly_quotes_and_dashes() -> None:
    text = "Rusia\u00a0menengahi \u201cdamai\u201d\u2014Armenia\u2013Azerbaijan"
    assert stems(text) == ["rusia", "tengah", "damai", "armenia", "azerbaijan"]


def test_apostrophe_inside_a_word_and_numbers() -> None:
    assert exact("Jum'at 6.500 orang 23/11/2021") == ["jumat", "6.500", "orang", "23", "11", "2021"]


def test_offsets_point_at_the_original_text() -> None:
    text = "Putin MENENGAHI konflik."
    for _stem, _exact, start, end in analyse(text):
        assert text[start:end].lower() == _exact


def test_stop_words_dropped_but_searchable_words_kept() -> None:
    words = stop_words()
    assert {"yang", "dan", "di", "adalah"} <= words
    for kept in ("akhir", "bulan", "hari", "masalah", "baru", "besar", "dua", "tempat", "siap"):
        assert kept not in words
    assert stems("yang dan Akhiri perang") == ["akhir", "perang"]


@pytest.mark.parametrize(
    ("word", "expected", "ranked"),
    [
        ("bekasi", "bekasi", "bekas"),
        ("pemilu", "pemilu", "pilu"),
        ("perinci", "rinci", "perinci"),
        ("perincian", "rinci", "inci"),
        ("terperinci", "rinci", "inci"),
        ("memperinci", "rinci", "inci"),
        ("diperinci", "rinci", "inci"),
        ("mengawal", "kawal", "awal"),
        ("pengawal", "kawal", "awal"),
        ("pengawalan", "kawal", "awal"),
        ("mengarang", "karang", "arang"),
        ("pengarang", "karang", "arang"),
        ("mengemas", "kemas", "emas"),
        ("pengemas", "kemas", "emas"),
        ("pengemasan", "kemas", "emas"),
        ("memangku", "pangku", "memang"),
        ("pemangku", "pangku", "mang"),
        ("menuai", "tuai", "tua"),
        ("dituai", "tuai", "tua"),
    ],
)
def test_every_stem_exception_is_needed_and_applied(word: str, expected: str, ranked: str) -> None:
    """Each entry of the exception table differs from what the rules alone give, and is applied."""
    assert stemming.stemming(exceptions=False)(word) == ranked
    assert set(stemming.STEM_EXCEPTIONS) == {
        "bekasi", "pemilu", "perinci", "perincian", "terperinci", "memperinci", "diperinci",
        "mengawal", "pengawal", "pengawalan", "mengarang", "pengarang", "mengemas", "pengemas",
        "pengemasan", "memangku", "pemangku", "menuai", "dituai",
    }  # fmt: skip
    assert stemming.STEM_EXCEPTIONS[word] == expected
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("word", "expected", "sastrawi_says"),
    [
        ("berikan", "beri", "ikan"),
        ("kaukasus", "kaukasus", "kasus"),
        ("kesiapannya", "siap", "kesiap"),
        ("ketidaksiapan", "siap", "ketidaksiapan"),
        ("perbankan", "bank", "perban"),
        ("memasuki", "masuk", "pasuk"),
    ],
)
def test_rules_correct_known_sastrawi_errors(word: str, expected: str, sastrawi_says: str) -> None:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    assert StemmerFactory().create_stemmer().delegatedStemmer.stem_word(word) == sastrawi_says
    assert stem(word) == expected


def test_words_of_the_lexicon_and_unaffixed_words_stay_whole() -> None:
    for word in ("sepakat", "sesuai", "sekitar", "pemuda", "jakarta", "covid19", "6.500", "air"):
        assert stemming.stem_word(word) == word


def test_whoosh_tokenizer_matches_analyse() -> None:
    tokenizer = IndonesianTokenizer(stemmed=True)
    text = "Rusia menengahi perundingan di Nagorno-Karabakh"
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar) for t in tokenizer(text, positions=True, chars=True)
    ]
    expected = [(s, i, a, b) for i, (s, _e, a, b) in enumerate(analyse(text))]
    assert tokens == expected
    assert tokenizer.is_morph is True
    assert IndonesianTokenizer(stemmed=False).is_morph is False


def test_index_terms_are_the_terms_of_analyse() -> None:
    texts = [path.read_text("utf-8") for path in SEEDS.glob("*.txt")]
    texts += [
        "İstanbul dan ISTANBUL bertemu",
        "Jum'at-nya negara-negara 1,5x 6.500 Nagorno-Karabakh",
        "Facebook-nya berkali-kali, ﬁnal",
        "ǅemal Bijedić di Sarajevo",
        "ΟΔΟΣ.abc ΑΘΗΝΑΣ.Hari",
        "",
    ]
    for text in texts:
        analysed = analyse(text)
        assert ANALYZER.index_terms(text) == ([t[0] for t in analysed], [t[1] for t in analysed])


def test_words_lists_every_word_analyse_may_stem() -> None:
    text = "İstanbul ΟΔΟΣ.abc Jum'at-nya negara\u2010negara Facebook-nya Nagorno-Karabakh don’t 6.500 1,5 covid19 _x_"
    assert tokens.words(text) == {
        "i\u0307stanbul", "οδος", "abc", "jumat-nya", "jumat", "nya", "negara-negara", "negara",
        "facebook-nya", "facebook", "nagorno-karabakh", "nagorno", "karabakh", "dont",
        "6.500", "1,5", "covid19", "x",
    }  # fmt: skip
    keep_all = Analyzer()
    keep_all.stop_words = frozenset()
    for source in [text, *(path.read_text("utf-8") for path in SEEDS.glob("*.txt"))]:
        assert {t[1] for t in keep_all.analyse(source)} <= tokens.words(source)


def test_loanword_suffixes_reach_their_root() -> None:
    assert stem("komersialisme") == stem("komersial") == "komersial"
    assert stem("berbasis") == "basis"
    assert stem("karyawan") == "karya"
