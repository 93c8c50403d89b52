"""The ranked affix analyses behind stemming: one test per rule, exact stems."""

from __future__ import annotations

from dataclasses import replace

import pytest

import nksearch
from nksearch.analysis import derived_forms, morphology
from nksearch.analysis import stemmer as stemming

LEX = stemming.lexicon().__contains__


def roots(word: str) -> set[str]:
    return {a.root for a in morphology.analyses(word, LEX)}


def test_analyses_cover_prefix_sequences_recoding_confixes_and_suffixes() -> None:
    assert {"sepakat", "pakat"} <= roots("kesepakatan")
    assert {"masuk", "pasuk"} <= roots("memasuki")  # mem- read as me-m and as meN-p
    assert {"tarik", "tari"} <= roots("penarikan")  # -an and -kan
    assert "hasil" in roots("keberhasilannya")  # ke-ber- … -an -nya
    assert "kenal" in roots("memperkenalkan")  # meN-per- … -kan
    assert (
        "sapu" in roots("menyapu") and "kirim" in roots("mengirim") and "tulis" in roots("menulis")
    )
    assert "bom" in roots("mengebom")
    assert morphology.analyses("xyzzyqq", LEX) == []


def test_an_invalid_confix_loses_to_a_valid_one() -> None:
    # ke-…-kan and peN-…-kan do not exist: kerusakan is ke-rusak-an, not ke-rusa-kan
    assert nksearch.stem("kerusakan") == "rusak"
    assert nksearch.stem("penarikan") == "tarik"
    assert nksearch.stem("penegakan") == "tegak"
    assert nksearch.stem("penyelidikan") == "selidik"


def test_a_bare_kan_is_rarely_the_reading() -> None:
    assert nksearch.stem("desakan") == "desak"
    assert nksearch.stem("gerakan") == "gerak"
    assert nksearch.stem("pergerakan") == "gerak"


def test_a_root_that_begins_like_a_prefix_stays_whole() -> None:
    for word in ("kesepakatan", "disepakati", "menyepakati", "sepakat"):
        assert nksearch.stem(word) == "sepakat"
    assert nksearch.stem("menyediakan") == nksearch.stem("tersedia") == "sedia"
    assert nksearch.stem("tersebar") == "sebar"
    assert nksearch.stem("senilai") == nksearch.stem("bernilai") == "nilai"


def test_a_recoding_does_not_make_a_longer_root() -> None:
    assert nksearch.stem("mengubah") == nksearch.stem("perubahan") == "ubah"
    assert nksearch.stem("mengisi") == "isi"
    assert nksearch.stem("pengurus") == "urus"


def test_the_more_common_root_wins_where_rules_leave_a_choice() -> None:
    assert stemming.commonness("masuk") > stemming.commonness("pasuk")
    assert nksearch.stem("memasuki") == "masuk"
    assert nksearch.stem("membantah") == "bantah"
    assert nksearch.stem("menikah") == "nikah"
    assert nksearch.stem("perbankan") == "bank"
    assert nksearch.stem("mematikan") == "mati"


def test_longer_roots_and_loanword_roots_the_dictionary_lacks() -> None:
    assert nksearch.stem("berbasis") == "basis"
    assert nksearch.stem("menganalisis") == "analisis"
    assert nksearch.stem("perpajakan") == "pajak"
    assert nksearch.stem("berdiskusi") == "diskusi"
    assert nksearch.stem("merespon") == "respon" and "respon" in morphology.EXTRA_ROOTS
    assert nksearch.stem("berkinerja") == "kinerja" and "kinerja" in morphology.EXTRA_ROOTS
    assert nksearch.stem("eksklusivitas") == "eksklusif"  # -itas after v: the root ends in f


@pytest.mark.parametrize(
    ("root", "family"),
    [
        ("rinci", ["merinci", "dirinci", "rincian", "perincian", "terperinci"]),
        ("tandatangan", ["menandatangani", "ditandatangani", "penandatanganan"]),
        ("beritahu", ["memberitahu", "memberitahukan", "diberitahu", "pemberitahuan"]),
        (
            "tanggungjawab",
            ["bertanggungjawab", "pertanggungjawaban", "mempertanggungjawabkan"],
        ),
        ("kerjasama", ["bekerjasama"]),
        ("sebarluas", ["menyebarluaskan", "disebarluaskan"]),
        ("ujicoba", ["diujicobakan"]),
        ("warganegara", ["kewarganegaraan"]),
    ],
)
def test_roots_and_compounds_the_dictionary_lacks_gather_their_family(
    root: str, family: list[str]
) -> None:
    assert root in morphology.EXTRA_ROOTS
    assert [nksearch.stem(word) for word in family] == [root] * len(family)
    assert nksearch.stem(root) == root


def test_the_parts_of_a_compound_keep_their_own_families() -> None:
    assert [nksearch.stem(w) for w in ("tangan", "ditangani", "tanda", "menandai")] == [
        "tangan", "tangan", "tanda", "tanda"
    ]  # fmt: skip
    assert [nksearch.stem(w) for w in ("bekerja", "bersama", "menyebarkan", "diuji")] == [
        "kerja", "sama", "sebar", "uji"
    ]  # fmt: skip


def test_infixes_are_not_read_in_news() -> None:
    assert nksearch.stem("terulang") == "ulang"  # not t-er-ulang → tulang
    assert nksearch.stem("berimbang") == "imbang"
    # an infix reading is almost always a name or a loanword
    for word in ("semarang", "cinema", "selulit", "temanggung", "minister"):
        assert nksearch.stem(word) == word
    on = stemming.stemming(replace(morphology.RULES, infixes=True))
    assert on("semarang") == "sarang" and on("kemilau") == "kilau"


def test_a_bare_i_needs_its_passive_or_active_form() -> None:
    assert nksearch.stem("akui") == "aku"  # diakui, mengakui
    assert nksearch.stem("tengahi") == "tengah"  # no such form listed, but a common root
    assert stemming.word_frequency("tengah") >= derived_forms.COMMON_ROOT
    for word in ("helmi", "hawai", "politisi", "agensi", "puteri", "susi"):
        assert nksearch.stem(word) == word
    off = stemming.stemming(replace(morphology.RULES, bare_suffixes=False))
    assert off("helmi") == "helm" and off("politisi") == "politis"
    assert nksearch.stem("misalkan") == "misal"  # a bare -kan asks for no such evidence


def test_a_root_may_begin_with_ng() -> None:
    assert nksearch.stem("mengerikan") == "ngeri"  # not keri
    assert nksearch.stem("mengambil") == "ambil" and nksearch.stem("mengirim") == "kirim"


def test_particles_kah_and_tah_rarely_end_a_verb() -> None:
    assert nksearch.stem("melangkah") == "langkah"
    assert nksearch.stem("membantah") == "bantah"


def test_reduplication_shares_the_stem_of_both_halves() -> None:
    assert nksearch.stem("negara-negara") == "negara"
    assert nksearch.stem("berbalas-balasan") == "balas"
    assert nksearch.stem("sehari-hari") == "hari"
    assert nksearch.stem("meniru-nirukan") == "tiru"
    assert nksearch.stem("malaikat-malaikatnya") == "malaikat"
    assert nksearch.stem("bolak-balik") == "bolak-balik"
    assert nksearch.stem("-") == "-" and nksearch.stem("a--b") == "a--b"


@pytest.mark.parametrize("word", ["", "a", "ke", "1945", "x" * 300, "menge", "pe-", "ñandú"])
def test_odd_words_come_back_whole_or_stemmed_without_error(word: str) -> None:
    got = nksearch.stem(word)
    assert isinstance(got, str)
    assert got == word or got in word


def test_stems_are_deterministic_and_rules_versioned() -> None:
    words = ["kesepakatan", "memasuki", "perubahan", "penyelidikan"]
    assert [nksearch.stem(w) for w in words] == [nksearch.stem(w) for w in reversed(words)][::-1]
    assert stemming.RULES_VERSION == 5
    assert stemming.stem_cache_key().endswith("/rules-5")


def test_passive_forms_choose_between_equally_common_roots() -> None:
    # pohon (tree) and mohon (ask) are about as common; dimohon is a word, dipohon is not
    assert stemming.family_frequency("mohon") > stemming.family_frequency("pohon")
    assert nksearch.stem("memohon") == nksearch.stem("pemohon") == "mohon"
    assert nksearch.stem("katakan") == "kata"  # not katak (frog)
    assert nksearch.stem("memberikannya") == "beri"


def test_roots_missing_from_the_frequency_list_count_by_their_passive_forms() -> None:
    assert stemming.word_frequency("terap") == 0.0
    assert stemming.commonness("terap") > 0.0  # diterapkan
    assert stemming.commonness("keduduk") == 0.0  # a spurious dictionary entry
    assert nksearch.stem("menerapkan") == nksearch.stem("penerapan") == "terap"
    assert nksearch.stem("kedudukan") == "duduk"


def test_ketidak_is_ke_tidak_an() -> None:
    assert nksearch.stem("ketidakpastian") == "pasti"
    assert nksearch.stem("ketidaksiapan") == "siap"


def test_a_root_that_ends_like_an_inflection_stays_whole() -> None:
    assert (
        nksearch.stem("bermasalah") == nksearch.stem("masalahnya") == "masalah"
    )  # not masa + -lah
    assert nksearch.stem("sekolahnya") == "sekolah"
    assert nksearch.stem("berbicaralah") == "bicara"


def test_derived_forms_are_built_with_the_nasal_of_the_root() -> None:
    nasalised = derived_forms.nasalised
    assert [nasalised("pe", r) for r in ("huni", "bantu", "pakai", "tulis", "sapu", "kirim")] == [
        "penghuni",
        "pembantu",
        "pemakai",
        "penulis",
        "penyapu",
        "pengirim",
    ]
    assert [nasalised("me", r) for r in ("cari", "ganti", "lihat", "fitnah")] == [
        "mencari",
        "mengganti",
        "melihat",
        "memfitnah",
    ]
    assert derived_forms.attested("dicat", ("dicat", "mengecat"), stemming.word_frequency)
    assert not derived_forms.attested("dicat", ("dicat",), stemming.word_frequency)


def test_a_short_root_needs_another_attested_form() -> None:
    # names and words that only look derived stay whole
    for word in ("dani", "hadi", "bali", "milan", "asian", "diego", "diana", "peter", "berlin"):
        assert nksearch.stem(word) == word
    assert nksearch.stem("kanannya") == "kanan"  # not kan + -an + -nya
    # short roots with other derived forms are still found
    assert nksearch.stem("dicat") == nksearch.stem("mengecat") == "cat"
    assert nksearch.stem("acuan") == nksearch.stem("mengacu") == "acu"
    assert nksearch.stem("diadakan") == nksearch.stem("keadaan") == "ada"
    assert nksearch.stem("berhak") == "hak" and nksearch.stem("kedua") == "dua"  # haknya, duanya
    off = stemming.stemming(replace(morphology.RULES, short_roots=False))
    assert off("milan") == "mil" and off("diego") == "ego"


def test_a_root_ending_like_a_suffix_wins_when_it_has_nouns_of_its_own() -> None:
    # huni has penghuni and hunian; hun (+ -i) is more common but is not the reading
    assert nksearch.stem("dihuni") == nksearch.stem("menghuni") == "huni"
    assert nksearch.stem("penghuninya") == "huni"
    # akuan's only noun is the word itself: pengakuan is aku + -an
    assert nksearch.stem("pengakuan") == nksearch.stem("pengakuannya") == "aku"
    assert nksearch.stem("merangkai") == nksearch.stem("dirangkai") == "rangkai"  # rangkaian
    assert nksearch.stem("memulai") == "mulai"  # the rule never splits a chosen root
    off = stemming.stemming(replace(morphology.RULES, suffix_in_root=False))
    assert off("menghuni") == "hun" and off("merangkai") == "rangka"


def test_a_frequent_word_the_dictionary_lacks_is_a_root_of_its_own() -> None:
    assert "instagram" not in stemming.lexicon()
    assert nksearch.stem("instagramnya") == nksearch.stem("instagram") == "instagram"
    assert nksearch.stem("twitternya") == "twitter" and nksearch.stem("wifimu") == "wifi"
    # with di-/meN- only when its passive is a word too
    assert nksearch.stem("diposting") == nksearch.stem("memposting") == "posting"
    assert nksearch.stem("mengupdate") == "update"
    # names and colloquial forms are not read so
    assert nksearch.stem("melinda") == "melinda"  # no dilinda
    assert nksearch.stem("nangisnya") == "nangisnya"  # nangis is colloquial tangis
    assert stemming.loanword_root("kesepakatan", stemming.lexicon()) is None
    off = stemming.stemming(loanwords=False)
    assert off("instagramnya") == "instagramnya" and off("diposting") == "diposting"
