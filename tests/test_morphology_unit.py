"""Affix analyses and the stemmer, step by step, with exact readings of Indonesian words.

Fast (no index): prefix readings with their nasal recodings, suffix
readings, infixes, every analysis a small lexicon allows, the rank of each,
the root chosen, and the stemmer's guards, reduplications and frequencies.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import msgpack
import pytest
import Sastrawi

from nksearch.analysis import derived_forms
from nksearch.analysis import morphology as m
from nksearch.analysis import stemmer as s

A = m.Analysis


@pytest.mark.parametrize(
    ("body", "readings"),
    [
        ("nyapu", [("sapu", 0), ("nyapu", 1)]),  # menyapu, menyanyi
        ("nyu", [("nyu", 1)]),  # too short for ny + vowel
        # a root may begin with ng- itself (ngeri), at the highest cost
        ("ngebom", [("bom", 1), ("ebom", 0), ("kebom", 1), ("ngebom", 2)]),
        ("ngebo", [("ebo", 0), ("kebo", 1), ("ngebo", 2)]),  # nge- needs four letters after it
        ("ngambil", [("ambil", 0), ("kambil", 1), ("ngambil", 2)]),
        ("nggali", [("gali", 0)]),
        ("nghitung", [("hitung", 0)]),
        ("ngkal", [("kal", 0)]),
        ("ngrasa", [("ngrasa", 2)]),
        ("ng", []),
        ("mbantu", [("bantu", 0)]),
        ("mfitnah", [("fitnah", 0)]),
        ("mveto", [("veto", 0)]),
        ("mproses", [("proses", 0)]),
        ("makai", [("pakai", 0), ("makai", 0)]),
        ("mrogram", [("program", 1)]),
        ("mlah", [("mlah", 1)]),
        ("ncari", [("cari", 0)]),
        ("ndapat", [("dapat", 0)]),
        ("njual", [("jual", 0)]),
        ("ntransfer", [("transfer", 0)]),
        ("nsyukuri", [("syukuri", 0)]),
        ("nzalimi", [("zalimi", 0)]),
        ("nulis", [("tulis", 0), ("nulis", 0)]),
        ("nrima", [("nrima", 1)]),
        ("lihat", [("lihat", 0)]),
        ("rasa", [("rasa", 0)]),
        ("wakili", [("wakili", 0)]),
        ("yakini", [("yakini", 0)]),
        ("bantu", []),
    ],
)
def test_me_readings(body: str, readings: list[tuple[str, int]]) -> None:
    assert list(m._nasal(body, "meN")) == [("meN", r, n) for r, n in readings]


def test_pe_readings_add_the_plain_pe_and_a_rare_r_root() -> None:
    assert list(m._nasal("tani", "peN")) == [("peN", "tani", 2)]  # petani
    assert list(m._nasal("rasa", "peN")) == [("peN", "rasa", 1)]
    assert list(m._nasal("mbantu", "peN")) == [("peN", "bantu", 0)]
    assert list(m._nasal("nulis", "peN")) == [("peN", "tulis", 0), ("peN", "nulis", 0)]
    assert list(m._nasal("lari", "peN")) == [("peN", "lari", 0)]
    assert list(m._nasal("waris", "peN")) == [("peN", "waris", 0)]
    assert list(m._nasal("yakin", "peN")) == [("peN", "yakin", 0)]


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("dipukul", [("di", "pukul", 0)]),
        ("kesepakatan", [("ke", "sepakatan", 0)]),
        ("ketidakpastian", [("ke", "tidakpastian", 0), ("ke", "pastian", 0)]),
        ("sedia", [("se", "dia", 0)]),
        ("memukul", [("meN", "mukul", 0)]),
        ("perasaan", [("peN", "rasaan", 0), ("per", "asaan", 0), ("per", "rasaan", 1)]),
        ("pelajar", [("peN", "lajar", 0), ("per", "ajar", 1)]),
        ("petani", [("peN", "tani", 0)]),
        ("berumah", [("ber", "umah", 0), ("ber", "rumah", 1)]),
        ("belajar", [("ber", "ajar", 1)]),
        ("bekerja", [("ber", "kerja", 1)]),
        ("beserta", [("ber", "serta", 1)]),
        ("bersih", [("ber", "sih", 0), ("ber", "rsih", 1)]),
        ("bekas", []),
        ("bener", []),  # be + er needs more than five letters
        ("terasa", [("ter", "asa", 0), ("ter", "rasa", 1)]),
        ("tepercaya", [("ter", "percaya", 1)]),
        ("teman", []),
        ("teren", [("ter", "en", 0), ("ter", "ren", 1)]),
        ("tekan", []),
        ("dia", []),  # fewer than five letters: no prefix
        ("pukul", []),
        ("tidak", []),
    ],
)
def test_prefix_readings(word: str, readings: list[tuple[str, str, int]]) -> None:
    assert list(m._prefix_readings(word)) == readings


def test_prefix_sequences_follow_the_allowed_order() -> None:
    assert list(m._prefixes("diperbaiki")) == [
        ((), "diperbaiki", 0),
        (("di",), "perbaiki", 0),
        (("di", "per"), "baiki", 0),
        (("di", "per"), "rbaiki", 1),
    ]
    # memper- but not *dimem-: di- is never followed by meN-
    assert all(p[:2] != ("di", "meN") for p, _, _ in m._prefixes("dimemukul"))
    assert (("meN", "per"), "besar", 0) in list(m._prefixes("memperbesar"))
    # at most three prefixes
    assert max(len(p) for p, _, _ in m._prefixes("keberkeberkeberadaan")) == 3
    # a remainder of one letter is no reading
    assert list(m._prefixes("dikeb")) == [((), "dikeb", 0), (("di",), "keb", 0)]


def test_suffix_readings() -> None:
    assert list(m._suffixes("bukunya")) == [("bukunya", "", "", ""), ("buku", "", "nya", "")]
    assert list(m._suffixes("bukulah")) == [
        ("bukulah", "", "", ""),
        ("buku", "", "", "lah"),
        ("bu", "", "ku", "lah"),
    ]
    assert list(m._suffixes("bukunyalah")) == [
        ("bukunyalah", "", "", ""),
        ("bukunya", "", "", "lah"),
        ("buku", "", "nya", "lah"),
    ]
    assert list(m._suffixes("efektivitas")) == [
        ("efektivitas", "", "", ""),
        ("efektif", "itas", "", ""),
    ]
    assert list(m._suffixes("modernisasi")) == [
        ("modernisasi", "", "", ""),
        ("modernisas", "i", "", ""),
        ("modern", "isasi", "", ""),
    ]
    assert list(m._suffixes("modernisasi", loans=False)) == [
        ("modernisasi", "", "", ""),
        ("modernisas", "i", "", ""),
    ]
    assert list(m._suffixes("pemerintahanpun")) == [
        ("pemerintahanpun", "", "", ""),
        ("pemerintahan", "", "", "pun"),
        ("pemerintah", "an", "", "pun"),
    ]
    assert list(m._suffixes("rumahmu")) == [("rumahmu", "", "", ""), ("rumah", "", "mu", "")]
    assert list(m._suffixes("apakah")) == [("apakah", "", "", ""), ("apa", "", "", "kah")]
    assert list(m._suffixes("pantas")) == [("pantas", "", "", "")]  # not "pan" + -itas
    # a suffix leaves at least two letters
    assert list(m._suffixes("kan")) == [("kan", "", "", "")]
    assert list(m._suffixes("ikan")) == [("ikan", "", "", ""), ("ik", "an", "", "")]


@pytest.mark.parametrize(
    ("root", "plain"),
    [
        ("telunjuk", "tunjuk"),
        ("gemetar", "getar"),
        ("gerigi", "gigi"),
        ("kinerja", "kerja"),
        ("selidik", "sidik"),
        ("gelar", None),  # five letters: too short
        ("tinggi", "tggi"),
        ("abcdef", None),
        ("elemen", None),  # a vowel first
    ],
)
def test_infixes_after_the_first_letter(root: str, plain: str | None) -> None:
    assert m._infixed(root) == plain


LEXICON = frozenset(
    [
        "sapu",
        "nyanyi",
        "pukul",
        "sepakat",
        "pakat",
        "rasa",
        "asa",
        "tulis",
        "ajar",
        "kerja",
        "desak",
        "desa",
        "ulang",
        "tulang",
        "tunjuk",
        "program",
        "bantah",
        "bantu",
        "sedia",
        "dia",
        "masalah",
        "masa",
        "ubah",
        "kubah",
        "sah",
        "kesah",
        "sebar",
        "bar",
    ]
)
ZIPF = {
    "sepakat": 4.0,
    "pakat": 1.0,
    "desa": 5.0,
    "desak": 3.0,
    "sedia": 3.0,
    "dia": 6.0,
    "masalah": 5.0,
    "masa": 6.0,
    "ubah": 4.0,
    "kubah": 3.0,
    "sah": 4.0,
    "kesah": 2.5,
    "rasa": 5.0,
    "asa": 3.0,
    "ulang": 4.0,
    "tulang": 4.5,
    "sebar": 3.0,
    "bar": 4.0,
}


def common(root: str) -> float:
    return ZIPF.get(root, 0.0)


def test_every_analysis_a_lexicon_allows() -> None:
    known = LEXICON.__contains__
    assert m.analyses("menyapu", known) == [A("sapu", ("meN",), "", "", "", 0)]
    assert m.analyses("dipukulnya", known) == [A("pukul", ("di",), "", "nya", "", 0)]
    assert m.analyses("kesepakatan", known) == [
        A("sepakat", ("ke",), "an", "", "", 0),
        A("pakat", ("ke", "se"), "an", "", "", 0),
    ]
    assert m.analyses("perasaan", known) == [
        A("rasa", ("peN",), "an", "", "", 1),
        A("asa", ("per",), "an", "", "", 0),
        A("rasa", ("per",), "an", "", "", 1),
    ]
    assert m.analyses("desakan", known) == [
        A("desa", (), "kan", "", "", 0),
        A("desak", (), "an", "", "", 0),
    ]
    assert m.analyses("terulang", known) == [
        A("tulang", (), "", "", "", 0, infix=True),
        A("ulang", ("ter",), "", "", "", 0),
    ]
    assert m.analyses("membantahkah", known) == [A("bantah", ("meN",), "", "", "kah", 0)]
    assert m.analyses("pemrograman", known) == [A("program", ("peN",), "an", "", "", 1)]
    assert m.analyses("ketidakpukulan", known) == [A("pukul", ("ke",), "an", "", "", 0)]
    # the infix only on a bare word; a root of one letter or none is no reading
    assert m.analyses("telunjuknya", known) == [A("tunjuk", (), "", "nya", "", 0, infix=True)]
    assert m.analyses("ditelunjuk", known) == []
    assert m.analyses("xyz", known) == []
    assert m.analyses("dia", known) == [A("dia", (), "", "", "", 0)]
    assert m.analyses("akan", {"a", "ak", "akan"}.__contains__) == [
        A("akan", (), "", "", "", 0),
        A("ak", (), "an", "", "", 0),
    ]


def test_rank_of_each_reading() -> None:
    assert m.rank(A("sepakat", ("ke",), "an", "", "", 0), common) == (0, -5.75, 2, 0)
    assert m.rank(A("desa", (), "kan", "", "", 0), common) == (0, -4.0, 1, 0)
    assert m.rank(A("desak", (), "an", "", "", 0), common) == (0, -4.25, 1, 0)
    assert m.rank(A("desa", (), "i", "", "", 0), common) == (0, -4.0, 1, 0)
    assert m.rank(A("tulang", (), "", "", "", 0, True), common) == (1, -6.0, 0, 0)
    assert m.rank(A("bantah", ("meN",), "", "", "kah", 0), common) == (0, 0.5, 2, 0)
    assert m.rank(A("bantah", ("meN",), "", "", "tah", 0), common) == (0, 0.5, 2, 0)
    assert m.rank(A("bantah", ("meN",), "", "", "lah", 0), common) == (0, -1.5, 2, 0)
    assert m.rank(A("modern", (), "isasi", "", "", 0), common) == (0, 0.5, 1, 0)
    assert m.rank(A("rasa", ("ke",), "kan", "nya", "lah", 2), common) == (1, -4.0, 4, 2)
    assert m.rank(A("rasa", ("ke", "ber"), "i", "", "", 0), common) == (1, -6.0, 3, 0)
    assert m.rank(A("rasa", ("meN",), "i", "", "", 0), common) == (0, -6.0, 2, 0)
    # each switch of the rules
    rasa = A("rasa", ("ke",), "kan", "nya", "lah", 2)
    assert m.rank(rasa, common, m.Rules(confixes=False)) == (0, -4.0, 4, 2)
    tulang = A("tulang", (), "", "", "", 0, True)
    assert m.rank(tulang, common, m.Rules(confixes=False)) == (0, -6.0, 0, 0)
    assert m.rank(tulang, common, family=lambda r: 2.0) == (1, -7.0, 0, 0)
    assert m.rank(tulang, common, m.Rules(family=0), family=lambda r: 2.0) == (1, -6.0, 0, 0)
    assert m.rank(rasa, common, m.Rules(frequency=2, length=1, recoding=3, unlikely=0)) == (
        1,
        -8.0,
        4,
        2,
    )


def test_best_root_of_each_word() -> None:
    known = LEXICON.__contains__

    def best(word: str, rules: m.Rules = m.RULES) -> str | None:
        return m.best_root(word, known, common, rules)

    assert [best(w) for w in ("kesepakatan", "desakan", "perasaan", "pakat")] == [
        "sepakat",
        "desak",
        "rasa",
        "pakat",
    ]
    assert best("xyz") is None
    assert best("terulang") == "ulang"
    assert best("terulang", m.Rules(confixes=False)) == "ulang"  # infixes are off by default
    assert best("terulang", m.Rules(confixes=False, infixes=True)) == "tulang"
    # a common root that begins like a prefix stays whole ...
    assert best("sedia") == "sedia"
    assert best("menyebarkan") == "sebar"
    assert best("sedia", m.Rules(whole_roots=None)) == "dia"
    assert best("sedia", m.Rules(whole_roots=3.0)) == "sedia"
    assert best("sedia", m.Rules(whole_roots=3.01)) == "dia"
    assert best("tersebar", m.Rules(whole_roots=None)) == "bar"
    # ... and so does one that ends like an inflection
    assert best("masalah") == "masalah"
    assert best("masalah", m.Rules(whole_roots=None)) == "masa"
    # not when only a recoding makes the longer root
    assert best("mengubah") == "ubah"
    assert best("mengesahkan") == "sah"


def test_best_root_weighs_the_family_of_each_root() -> None:
    known = frozenset({"terap", "rap"}).__contains__

    def rare(root: str) -> float:
        return {"rap": 2.0}.get(root, 0.0)

    def family(root: str) -> float:
        return {"terap": 4.0}.get(root, 0.0)

    assert m.analyses("menerapkan", known) == [
        A("terap", ("meN",), "kan", "", "", 0),
        A("rap", ("meN", "ter"), "kan", "", "", 1),
    ]
    assert m.best_root("menerapkan", known, rare) == "rap"
    assert m.best_root("menerapkan", known, rare, family=family) == "terap"
    assert m.best_root("menerapkan", known, rare, m.Rules(family=0), family=family) == "rap"


# -- the stemmer -----------------------------------------------------------------------


def test_lexicon_is_sastrawis_dictionary_and_the_extra_roots(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(s, "_lexicon", None)  # read the dictionary again
    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    words = {w.strip() for w in path.read_text("utf-8").split("\n") if w.strip()}
    assert s.lexicon() == frozenset(words) | m.EXTRA_ROOTS
    assert {"respon", "kinerja", "rumah", "pukul"} <= s.lexicon()
    assert "" not in s.lexicon()


def test_frequencies_are_wordfreqs_zipf_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(s, "_zipf", {})  # read the list again
    path = s._wordfreq_list()
    assert path is not None and path.name == "small_id.msgpack.gz" and path.is_file()
    with gzip.open(path, "rb") as handle:
        header, *buckets = msgpack.unpack(handle, raw=False)
    # the 300th bucket holds the words of Zipf value 6.00
    assert header == {"format": "cB", "version": 1}
    assert all(
        s.word_frequency(w) == pytest.approx(9.0 - i / 100)
        for i in (300, 451)
        for w in buckets[i][:3]
    )
    assert s.word_frequency("rumah") == 6.04
    assert s.word_frequency("tidakadakata") == 0.0


def test_an_unknown_frequency_list_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "small_id.msgpack.gz"
    with gzip.open(odd, "wb") as handle:
        handle.write(msgpack.packb([{"format": "cB", "version": 2}, ["kata"]]))
    monkeypatch.setattr(s, "_zipf", {})
    monkeypatch.setattr(s, "_wordfreq_list", lambda: odd)
    with pytest.raises(ValueError, match="^unknown wordfreq list format in "):
        s.word_frequency("kata")
    with gzip.open(odd, "wb") as handle:
        handle.write(msgpack.packb([{"format": "cB", "version": 1}, ["aa"], [], ["kata"]]))
    assert s.word_frequency("kata") == 8.98
    assert s.word_frequency("aa") == 9.0
    monkeypatch.setattr(s, "_zipf", {})
    monkeypatch.setattr(s, "_wordfreq_list", lambda: None)
    with pytest.raises(
        ModuleNotFoundError, match="^wordfreq is not installed: pip install wordfreq$"
    ):
        s.word_frequency("kata")


def test_without_wordfreq_there_is_no_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert s._wordfreq_list() is None


def test_commonness_counts_a_rare_roots_passive_forms() -> None:
    assert s.root_frequency("rumah") == 6.04
    assert s.commonness("rumah") == 6.04  # common alone
    assert s.family_frequency("terap") == 4.45  # diterapkan
    assert s.commonness("terap") == pytest.approx(4.45 - s.FAMILY_DISCOUNT)
    assert s.family_frequency("kecam") == 3.36  # dikecam
    assert s.commonness("kecam") == pytest.approx(2.36)
    assert s.commonness("pasuk") == 0.0  # no family at all
    assert s.family_frequency("ri") == 6.01  # diri
    assert s.commonness("ri") == 5.21  # three letters or fewer count alone
    assert s.commonness("zzz") == 0.0
    assert s.family_frequency("alir") == 3.28  # a root of four letters counts by its family
    assert s.commonness("alir") == pytest.approx(2.28)
    assert s.family_frequency("acung") == 3.01  # diacungi


def test_fingerprint_is_the_sizes_of_the_lexicon_and_the_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    base = Path(Sastrawi.__file__).parent / "Stemmer"
    dictionary = (base / "data" / "kata-dasar.txt").stat().st_size
    listed = s._wordfreq_list()
    assert listed is not None
    assert s.fingerprint() == f"{dictionary}-{listed.stat().st_size}"
    assert (
        s.stem_cache_key()
        == f"lexicon-{dictionary}-{listed.stat().st_size}/rules-{s.RULES_VERSION}"
    )
    monkeypatch.setattr(s, "_wordfreq_list", lambda: tmp_path / "missing")
    assert s.fingerprint() == f"{dictionary}-0"
    monkeypatch.setattr(s, "_wordfreq_list", lambda: None)
    assert s.fingerprint() == f"{dictionary}-{base.stat().st_size}"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("memasuki", "masuk"),
        ("kerusakan", "rusak"),
        ("sebuah", "buah"),
        ("pukul", "pukul"),  # in the lexicon
        ("dia", "dia"),
        ("covid19", "covid19"),  # not letters only
        ("xyzqw", "xyzqw"),  # no affix
        ("bekasi", "bekasi"),  # exceptions
        ("pemilu", "pemilu"),
        ("negara-negara", "negara"),
        ("berbalas-balasan", "balas"),
        ("meniru-nirukan", "tiru"),  # the second half read with me-
        ("malaikat-malaikat-nya", "malaikat"),
        ("anak-anaknya", "anak"),
        ("rumah-rumahnya", "rumah"),
        ("rumah-rumah-an", "rumah-rumah-an"),  # three parts, no clitic: whole
        ("buku-nya", "buku-nya"),
        ("kura-kura", "kura"),
        ("tolong-menolong", "tolong"),
        ("sayur-mayur", "sayur-mayur"),  # halves that differ stay whole
        ("bolak-balik", "bolak-balik"),
        ("-abc", "-abc"),
        ("abc-", "abc-"),
        ("a-b-c", "a-b-c"),
        ("kata-kata-lah", "kata"),
    ],
)
def test_stem_word(word: str, stem: str) -> None:
    assert s.stem_word(word) == stem
    assert s.stemming()(word) == stem  # built afresh: the rules as they are now


def test_stemming_without_exceptions_or_with_another_commonness() -> None:
    plain = s.stemming(exceptions=False)
    assert (plain("bekasi"), plain("pemilu")) == ("bekas", "pilu")
    assert plain("bekasi-bekasi") == "bekas"
    assert (
        s.stem_word("bekasi-bekasi") == "bekasi-bekasi"
    )  # the exception's halves: no reduplication
    flat = s.stemming(common=lambda root: 0.0)
    assert flat("memasuki") == "masuk"
    assert flat("bekasi") == "bekasi"
    # a word of four letters is stemmed, one of three is not
    assert s.stem_word("ikan") == "ikan"
    assert s.stem_word("diam") == "diam"
    assert s.stem_word("dimakan") == "makan"


def test_readings_at_their_length_limits() -> None:
    assert list(m._nasal("nyai", "meN")) == [("meN", "sai", 0), ("meN", "nyai", 1)]
    assert list(m._prefix_readings("bekera")) == [("ber", "kera", 1)]
    assert list(m._prefix_readings("tepera")) == [("ter", "pera", 1)]
    assert list(m._prefix_readings("teper")) == []
    assert list(m._prefix_readings("tempat")) == []
    # a remainder of two letters is still a reading
    assert list(m._prefixes("perut")) == [
        ((), "perut", 0),
        (("peN",), "rut", 1),
        (("per",), "ut", 0),
        (("per",), "rut", 1),
    ]
    # only -itas turns a final v into f
    assert list(m._suffixes("kavan")) == [("kavan", "", "", ""), ("kav", "an", "", "")]


def test_loanword_suffixes_can_be_switched_off() -> None:
    modern = frozenset({"modern"}).__contains__
    assert m.analyses("modernisasi", modern) == [A("modern", (), "isasi", "", "", 0)]
    assert m.analyses("modernisasi", modern, loan_suffixes=False) == []
    assert m.best_root("modernisasi", modern, common) == "modern"
    assert m.best_root("modernisasi", modern, common, m.Rules(loan_suffixes=False)) is None


def test_each_unlikely_reading_adds_its_cost() -> None:
    # a bare -kan and a -kah: two costs; a loanword suffix and a -kah: two
    assert m.rank(A("desa", (), "kan", "", "kah", 0), common) == (0, -2.0, 2, 0)
    assert m.rank(A("desa", (), "isme", "", "kah", 0), common) == (0, -2.0, 2, 0)
    assert m.rank(A("desa", (), "isme", "", "", 0), common) == (0, -4.0, 1, 0)


def test_the_nasal_of_every_first_letter() -> None:
    roots = ("vonis", "bantu", "fitnah", "pakai", "cari", "dengar", "jual", "ziarah", "tulis")
    roots += ("sapu", "kirim", "ambil", "ganti", "hapus", "lihat", "rusak", "makan")
    assert [derived_forms.nasalised("me", root) for root in roots] == [
        "memvonis", "membantu", "memfitnah", "memakai", "mencari", "mendengar", "menjual",
        "menziarah", "menulis", "menyapu", "mengirim", "mengambil", "mengganti", "menghapus",
        "melihat", "merusak", "memakan",
    ]  # fmt: skip


def test_the_derived_forms_a_short_root_is_looked_up_by() -> None:
    assert derived_forms.short_root_forms("cat") == (
        "dicat", "mengecat", "mengecatkan", "mencat", "mencatkan", "dicatkan", "dicati",
        "bercat", "kecatan", "pencatan", "catan",
    )  # fmt: skip
    assert derived_forms.short_root_forms("bom")[3:5] == ("membom", "membomkan")
    assert derived_forms.short_root_forms("bom")[9] == "pemboman"
    assert derived_forms.nouns_of("huni") == ("penghuni", "hunian", "penghunian", "kehunian")
    assert derived_forms.nouns_of("jual") == ("penjual", "jualan", "penjualan", "kejualan")


def test_a_form_is_attested_by_any_frequency_above_zero() -> None:
    rare = {"mengecat": 0.5}.get
    assert derived_forms.attested("dicat", ("dicat", "mengecat"), lambda w: rare(w, 0.0))
    assert not derived_forms.attested("dicat", ("dicat", "bercat"), lambda w: rare(w, 0.0))
