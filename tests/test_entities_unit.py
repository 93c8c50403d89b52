"""The name recogniser, its word lists, the name key and near-duplicate sketches, unit by unit.

Fast (no index): each test reads a seed or one Indonesian news sentence and
checks the exact people, places and organisations found, in order.
"""

from __future__ import annotations

import zlib
from array import array
from pathlib import Path

import pytest

from nksearch.analysis import entities, gazetteer, names, shingles
from nksearch.analysis.entities import Entities, extract

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(number: int) -> tuple[str, str]:
    """A seed's first line (its title) and the rest (its body)."""
    path = next(SEEDS.glob(f"{number:03d}_*.txt"))
    title, _, body = path.read_text("utf-8").partition("\n")
    return title, body


def people(text: str) -> tuple[str, ...]:
    return extract("", text).person


def places(text: str) -> tuple[str, ...]:
    return extract("", text).place


def orgs(text: str) -> tuple[str, ...]:
    return extract("", text).organization


# -- the seeds, whole -----------------------------------------------------------


def test_seed_putin_invites_the_leaders() -> None:
    assert extract(*seed(0)) == Entities(
        person=("Vladimir Putin", "Nikol Pashinyan", "Ilham Aliyev", "Sergei Shoigu"),
        place=(
            "Armenia",
            "Azerbaijan",
            "Rusia",
            "MOSKOW",
            "Nagorno-Karabakh",
            "Sochi",
            "Brussels",
        ),
        organization=("REUTERS", "Kremlin"),
    )


def test_seed_talks_in_moscow() -> None:
    assert extract(*seed(2)) == Entities(
        person=(
            "Vladimir Putin",
            "Maria Zakharova",
            "Jeyhun Bayramov",
            "Zohrab Mnatsakanyan",
            "Emmanuel Macron",
        ),
        place=(
            "Nagorno Karabakh",
            "Moskow",
            "Rusia",
            "Armenia",
            "Azerbaijan",
            "Jenewa",
            "Prancis",
            "Amerika Serikat",
            "Karabakh",
            "Turki",
            "Ankara",
            "Suriah",
            "Libya",
            "Iran",
            "Yunani",
        ),
        organization=("The National", "Grup Minsk"),
    )


def test_seed_lavrov_in_baku_and_yerevan() -> None:
    assert extract(*seed(4)) == Entities(
        person=("Sergei Lavrov", "Nikol Pashinyan", "Ilham Aliyev", "Vladimir Putin"),
        place=(
            "Rusia",
            "Nagorno-Karabakh",
            "Azerbaijan",
            "Armenia",
            "Baku",
            "MOSKOW",
            "Yerevan",
            "Karabakh",
        ),
        organization=("Tentara Azerbaijan",),
    )


def test_seed_with_a_colon_dateline_and_an_agency() -> None:
    found = extract(*seed(1))
    assert found.person == ("Ilham Aliyev", "Nikol Pashinyan", "Sergei Lavrov")
    assert found.place[:6] == (
        "Rusia",
        "Azerbaijan",
        "Armenia",
        "Moskow",
        "Nagorno-Karabakh",
        "Karabakh",
    )
    assert found.organization[:6] == (
        "AFP",
        "Kremlin",
        "Anadolu Agency",
        "OSCE Minsk Group",
        "Misi Azerbaijan",
        "PBB",
    )


def test_seed_tempo_names_ministries_and_the_white_house() -> None:
    found = extract(*seed(3))
    assert found.person[:4] == ("Vladimir Putin", "Nikol Pashinyan", "Ilham Aliyev", "Mike Pompeo")
    assert "Alexandr Khinstein" in found.person
    assert found.place[:7] == (
        "Armenia",
        "Azerbaijan",
        "Rusia",
        "Moskow",
        "Nagorno-Karabakh",
        "Kaukasus Selatan",
        "Amerika Serikat",
    )
    assert {"Korea Selatan", "Korea Utara", "Seoul", "Kanada", "Ukraina"} <= set(found.place)
    assert found.organization[:3] == ("Kremlin", "TASS", "Klub Diskusi Valdai")
    for org in ("Gedung Putih", "Dewan Keamanan PBB", "Kementerian Luar Negeri Rusia"):
        assert org in found.organization
    # TEMPO.CO opens the body as a dateline: an outlet, never a place
    assert "Tempo" not in found.place + found.organization and "TEMPO.CO" not in found.place


# -- people ----------------------------------------------------------------------


def test_a_role_with_a_party_acronym_then_the_name() -> None:
    assert extract("", "Sekjen PDIP Hasto Kristiyanto mengatakan partainya siap.") == Entities(
        person=("Hasto Kristiyanto",), organization=("PDIP",)
    )


def test_a_role_then_a_party_then_the_name() -> None:
    found = extract("", "Ketua Partai Demokrat Nurhayati Ali Assegaf hadir di Jakarta Selatan.")
    assert found == Entities(
        person=("Nurhayati Ali Assegaf",),
        place=("Jakarta Selatan",),
        organization=("Partai Demokrat",),
    )


def test_a_name_before_a_reporting_verb() -> None:
    assert people("Hasto mengatakan hal itu kepada wartawan. Lalu Hasto pergi.") == ("Hasto",)
    # four words are too many for a name known only by its verb
    assert people("Kemarin Budi Santoso Adi Wijaya mengatakan hal itu.") == ()
    # an organisation word or a known place is not a person's name
    assert people("Kemarin Partai Hijau mengatakan hal itu.") == ()
    assert people("Kemarin Rusia mengatakan hal itu.") == ()


def test_a_role_before_a_comma_names_the_next_run() -> None:
    found = extract("", "Perdana Menteri Armenia, Nikol Pashinyan, tiba. Pashinyan berbicara.")
    assert found == Entities(person=("Nikol Pashinyan",), place=("Armenia",))
    # no comma: the role and the next run are apart
    assert people("Presiden lalu Budi Santoso datang.") == ()


def test_two_ministers_and_their_countries() -> None:
    found = extract(
        "", "Menlu Rusia Sergei Lavrov bertemu Menlu Armenia Zohrab Mnatsakanyan di Moskow."
    )
    assert found == Entities(
        person=("Sergei Lavrov", "Zohrab Mnatsakanyan"), place=("Rusia", "Armenia", "Moskow")
    )


def test_short_names_of_people_become_full_names() -> None:
    found = extract("", "Jokowi dan SBY bertemu di Istana Negara bersama Kapolri.")
    assert found == Entities(
        person=("Joko Widodo", "Susilo Bambang Yudhoyono"), organization=("Istana Negara",)
    )
    assert people("Kemarin bertemu Ahok dan Gus Dur.") == (
        "Basuki Tjahaja Purnama",
        "Abdurrahman Wahid",
    )


def test_speech_cues_and_source_cues() -> None:
    found = extract(
        "", "Menurut Aliyev, kata Lavrov, dikutip dari Reuters, situasi tenang di Kota Bandung."
    )
    assert found == Entities(
        person=("Aliyev", "Lavrov"), place=("Bandung",), organization=("Reuters",)
    )
    assert orgs("Berita itu dilansir Bloomberg kemarin.") == ("Bloomberg",)
    # "oleh", "dengan", "antara" before a run say nothing of a person
    assert people("Ia bertemu dengan Budi Santoso kemarin.") == ()


def test_a_title_after_a_word_of_no_role_starts_a_new_run() -> None:
    assert people("Kandidat Panglima TNI Andika Perkasa hadir.") == ("Andika Perkasa",)
    assert people("Raja Charles III dan Paus Fransiskus bertemu.") == ("Charles III", "Fransiskus")


def test_a_surname_alone_is_the_person_named_in_full() -> None:
    found = extract("", "Presiden Vladimir Putin tiba. Kemarin Putin pulang. Lalu Vladimir datang.")
    assert found.person == ("Vladimir Putin",)
    # a run with no cue and no full name is nobody
    assert people("Kemarin Budi Santoso datang. Budi Santoso lalu pulang.") == ()


def test_a_name_written_in_lower_case_elsewhere_is_not_a_person() -> None:
    assert people("Presiden Bumi tiba. Ia melihat bumi dari atas.") == ()
    assert people("Presiden Bumi tiba.") == ("Bumi",)


def test_titles_and_capital_acronyms_alone_are_not_people() -> None:
    assert people("kata Presiden.") == ()
    assert people("Presiden ABC tiba.") == ()
    assert orgs("Presiden ABC tiba.") == ("ABC",)
    assert people("Presiden SBY tiba.") == ("Susilo Bambang Yudhoyono",)


# -- places ----------------------------------------------------------------------


def test_datelines_give_the_place_in_title_case() -> None:
    assert extract("", "BAKU, Azerbaijan (AP) - Pasukan bergerak.") == Entities(
        place=("Baku", "Azerbaijan"), organization=("AP",)
    )
    assert places("Yerevan: Warga turun ke jalan.") == ("Yerevan",)
    assert places("BANDA ACEH - Gempa terjadi.") == ("Banda Aceh",)
    assert places("NAGORNO-KARABAKH — Warga mengungsi.") == ("Nagorno-Karabakh",)
    assert places("Budi Santoso: gedung itu dibuka.") == ()  # two words, not upper case, unknown
    assert places("Senin - Warga mengungsi.") == ()  # a weekday
    assert places("TEMPO.CO - Warga mengungsi.") == ()
    assert places("Kompas - Warga mengungsi.") == ()  # an outlet


def test_places_after_cues_and_place_words() -> None:
    assert places("Warga datang ke Desa Sukamaju dan Gunung Merapi di Jawa Tengah.") == (
        "Desa Sukamaju",
        "Gunung Merapi",
        "Jawa Tengah",
    )
    assert places("Ia tinggal di Utara sejak lama.") == ()
    assert places("Ia tinggal di Cikini Menteng Tebet Kemang sejak lama.") == ()  # four words
    assert places("Ia tinggal di Cikini sejak lama.") == ("Cikini",)
    assert places("Di Cikini ia tinggal.") == ("Cikini",)
    assert places("Cikini tempat ia tinggal.") == ()  # a sentence's first word, no cue


def test_known_places_inside_a_run() -> None:
    assert places("Laporan itu datang dari Laut Hitam Rusia Sochi kemarin.") == ("Rusia", "Sochi")
    found = extract("", "Pertemuan dihadiri Armenia Zohrab Mnatsakanyan kemarin.")
    assert found == Entities(person=("Zohrab Mnatsakanyan",), place=("Armenia",))


def test_short_forms_of_places() -> None:
    assert places("Kemarin AS dan RI sepakat, juga Korsel.") == (
        "Amerika Serikat",
        "Indonesia",
        "Korea Selatan",
    )


def test_a_headline_capitalises_every_word() -> None:
    assert extract("Judul Besar Tentang Jakarta", "Isi berita.") == Entities(place=("Jakarta",))
    assert extract("Pertemuan Armenia Zohrab Mnatsakanyan", "Isi.").person == ()


# -- organisations ---------------------------------------------------------------


def test_organisation_words_and_known_organisations() -> None:
    assert orgs("Ia bekerja di Bank Mandiri dan di Universitas Indonesia.") == (
        "Bank Mandiri",
        "Universitas Indonesia",
    )
    assert orgs("Kemarin, Kremlin dan Gedung Putih sepakat.") == ("Kremlin", "Gedung Putih")
    assert orgs("Kemarin, Alpha Group setuju.") == ("Alpha Group",)
    assert orgs("Laporan itu dibuat OSCE kemarin.") == ("OSCE",)


def test_photo_credits_and_chrome_lines_name_nobody() -> None:
    assert orgs("Gambar itu diambil. Foto AFP") == ()
    assert extract("", "Foto: Reuters/Budi Santoso\nBaca juga: Presiden Joko tiba") == Entities()
    assert extract("", "Editor: Presiden Joko Susilo") == Entities()


# -- helpers ---------------------------------------------------------------------


def test_outlet_names_are_recognised_cheaply() -> None:
    assert entities.canonical("Kompas.com") == "Kompas"
    assert entities.canonical("detik.com") == "Detik"
    assert entities.canonical("Jakarta") is None
    assert entities.canonical("") is None
    assert "kompas" in entities._outlet_starts()
    assert "tempo" in entities._outlet_starts()


def test_sentences_end_at_punctuation() -> None:
    assert entities._sentences(["a", ".", "b", "!", "c"]) == [["a", "."], ["b", "!"], ["c"]]
    assert entities._sentences([]) == []


def test_runs_keep_particles_inside_a_name() -> None:
    tokens = [
        "Presiden",
        "Rusia",
        "Vladimir",
        "Putin",
        "bertemu",
        "Abdullah",
        "bin",
        "Zayed",
        "di",
        "Baku",
        ".",
    ]
    assert entities._runs(tokens) == [(0, 4), (5, 8), (9, 10)]
    assert entities._runs(["ia", "bin", "Zayed"]) == [(2, 3)]
    assert entities._runs(["tidak", "ada"]) == []


def test_surnames_fold_into_full_names() -> None:
    assert entities._fold_surnames(
        {"vladimir putin": "Vladimir Putin", "putin": "Putin", "lavrov": "Lavrov"}
    ) == {"vladimir putin": "Vladimir Putin", "lavrov": "Lavrov"}
    assert entities._contains(["a", "b", "c"], ["b", "c"])
    assert not entities._contains(["a", "b"], ["a", "b", "c"])
    assert not entities._contains(["a", "c"], ["b"])


def test_known_places_are_found_by_their_longest_name() -> None:
    assert entities._place_at(["Jawa", "Barat", "X"], 0) == 2
    assert entities._place_at(["Sri", "Lanka"], 0) == 2
    assert entities._place_at(["Kota", "Jawa"], 0) == 0
    assert entities._place_at(["Kota", "Jawa"], 1) == 1
    assert entities._place_at(["Papua", "Nugini", "Baru"], 0) == 2


def test_hostile_text_finds_nothing_strange() -> None:
    assert extract("", "") == Entities()
    assert extract("", "A " * 2000) == Entities()


# -- word lists and the name key ------------------------------------------------------


def test_word_lists_are_lower_case_words_and_phrases() -> None:
    assert gazetteer._words(" a  b\tc ") == frozenset({"a", "b", "c"})
    assert gazetteer._phrases(" gedung putih | |nato|") == frozenset({"gedung putih", "nato"})
    for table in (gazetteer.TITLES, gazetteer.PLACES, gazetteer.ORGS, gazetteer.NEVER):
        assert all(entry == entry.lower().strip() for entry in table)
    assert "amerika serikat" in gazetteer.PLACES and "menlu" in gazetteer.TITLES


def test_the_name_key_folds_case_hyphens_and_spacing() -> None:
    assert names.key("Nagorno-Karabakh") == "nagorno karabakh"
    assert names.key("  Vladimir\t PUTIN ") == "vladimir putin"
    assert names.key("A\u2010B\u2011C\u2013D") == "a b c d"
    assert names.key("") == ""


# -- near-duplicate sketches ---------------------------------------------------------------


def test_words_are_lower_case_without_punctuation() -> None:
    assert shingles.words("Presiden_Rusia, PUTIN: 9/10!") == [
        "presiden",
        "rusia",
        "putin",
        "9",
        "10",
    ]


def test_a_sketch_is_the_sorted_crc32_of_three_word_shingles() -> None:
    expected = sorted(
        zlib.crc32(s.encode()) for s in ("gempa guncang aceh", "guncang aceh kemarin")
    )
    assert shingles.unpack(shingles.sketch("Gempa guncang Aceh kemarin.")) == tuple(expected)
    assert shingles.sketch("Gempa guncang") == array("I", [zlib.crc32(b"gempa guncang")]).tobytes()
    assert shingles.sketch("...") == b""
    assert (
        shingles.sketch_words(["gempa", "guncang", "aceh"])
        == array("I", [zlib.crc32(b"gempa guncang aceh")]).tobytes()
    )


def test_a_long_text_keeps_its_smallest_hashes_only() -> None:
    text = " ".join(f"kata{i}" for i in range(400))
    values = shingles.unpack(shingles.sketch(text))
    every = sorted({zlib.crc32(f"kata{i} kata{i + 1} kata{i + 2}".encode()) for i in range(398)})
    assert values == tuple(every[: shingles.SKETCH])
    assert shingles.band_keys(values) == tuple(every[: shingles.KEYS])


def test_unpack_refuses_what_is_not_a_sketch() -> None:
    assert shingles.unpack(b"") == ()
    assert shingles.unpack(b"abc") == ()
    assert shingles.unpack(b"\0" * (4 * shingles.SKETCH + 4)) == ()
    assert shingles.unpack(b"\0" * (4 * shingles.SKETCH)) == (0,) * shingles.SKETCH
    assert shingles.unpack(array("I", [1, 2]).tobytes()) == (1, 2)


def test_similarity_of_small_and_full_sketches() -> None:
    assert shingles.similarity((), (1,)) == 0.0
    assert shingles.similarity((1,), ()) == 0.0
    assert shingles.similarity((1, 2), (3, 4)) == 0.0
    assert shingles.similarity((1, 2, 3), (2, 3, 4)) == pytest.approx(2 / 4)
    full = tuple(range(10, 10 + shingles.SKETCH))
    assert shingles.similarity(full, full) == 1.0
    # the union's smallest hashes decide: half of them are in both
    other = (*range(10, 10 + shingles.SKETCH // 2), *range(5000, 5000 + shingles.SKETCH // 2))
    assert shingles.similarity(full, other) == pytest.approx(0.5)
    assert shingles.similarity(full, (10, 20, 9999)) == pytest.approx(2 / shingles.SKETCH)
    # a small sketch whose hashes all lie beyond a full one's largest
    assert shingles.similarity(full, (5, 99999)) == 0.0


def test_near_copies_of_a_seed_are_similar_and_other_seeds_are_not() -> None:
    _title, body = seed(0)
    edited = body.replace("pekan ini", "minggu ini", 1)
    a = shingles.unpack(shingles.sketch(body))
    b = shingles.unpack(shingles.sketch(edited))
    c = shingles.unpack(shingles.sketch(seed(4)[1]))
    assert len(a) == shingles.SKETCH
    assert 0.9 < shingles.similarity(a, b) < 1.0
    assert shingles.similarity(a, c) < 0.1


# -- each rule at its limits -------------------------------------------------------


def test_dateline_rules_at_their_limits() -> None:
    assert places("Kabarku.id - Warga mengungsi.") == ()  # a dotted name is a site
    # the dateline's place comes first, before the headline's
    assert extract("Gempa di Jakarta", "Banda Aceh: Warga mengungsi.").place == (
        "Banda Aceh",
        "Jakarta",
    )
    assert places("KOTA TUA - Warga mengungsi.") == ("Kota Tua",)  # capitals: a place


def test_the_headline_names_no_person_from_a_place_and_two_words() -> None:
    found = extract("Armenia Zohrab Mnatsakanyan tiba di Moskow", "Isi.")
    assert found == Entities(place=("Armenia", "Moskow"))


def test_a_run_with_no_cue_is_a_person_only_as_a_known_name() -> None:
    found = extract("", "Presiden Vladimir Putin tiba. Kemarin, Putin Vladimir Putin datang.")
    assert found.person == ("Vladimir Putin",)


def test_titles_inside_a_run() -> None:
    assert entities._cut_at_titles(["Budi", "Wakil", "Presiden", "Maruf"], 0, 4) == [
        (0, 1),
        (1, 4),
    ]
    assert entities._cut_at_titles(["Budi", "PDIP", "Ketua", "Hasto"], 0, 4) == [(0, 4)]
    assert entities._cut_at_titles(["Wakil", "Presiden", "Maruf"], 0, 3) == [(0, 3)]


def test_cues_are_read_within_the_sentence() -> None:
    assert people("Budi Santoso datang kata") == ()  # "kata" ends the line, not before it
    assert orgs("ia Bloomberg tiba dilansir") == ()
    assert extract("", "dilansir dari Reuters.") == Entities(organization=("Reuters",))
    # a role before a comma at the end of a sentence names nobody
    assert extract("", "Ia bertemu Menteri Luar Negeri, lalu pulang.") == Entities()


def test_a_name_before_a_reporting_verb_at_its_limits() -> None:
    assert people("kemarin Budi Santoso Wijaya mengatakan hal itu.") == ("Budi Santoso Wijaya",)
    found = extract("", "Hasto mengatakan Budi Santoso tiba di Bandung.")
    assert found == Entities(person=("Hasto",), place=("Bandung",))


def test_a_role_reads_on_past_places_acronyms_and_more_titles() -> None:
    assert extract("", "Sekjen PDIP Wakil Ketua Budi Santoso tiba.") == Entities(
        person=("Budi Santoso",), organization=("PDIP",)
    )
    assert extract("", "Menlu Rusia Wakil Budi Santoso tiba.") == Entities(
        person=("Budi Santoso",), place=("Rusia",)
    )
    assert extract("", "Sekjen PDIP Hasto tiba.") == Entities(
        person=("Hasto",), organization=("PDIP",)
    )
    # after the role, a known place and no name
    assert extract("", "Presiden Budi Rusia tiba.") == Entities(place=("Rusia",))


def test_known_places_and_the_names_after_them() -> None:
    assert entities._place_at(["Uni", "Emirat", "Arab"], 0) == 3

    def known(run: list[str]) -> dict[str, dict[str, str]]:
        found = entities._Found()
        entities._known_places(run, found)
        return found.names

    assert known(["Jakarta", "Selatan", "Budi"]) == {
        "person": {},
        "place": {"jakarta selatan": "Jakarta Selatan"},
        "organization": {},
    }
    assert known(["Armenia", "Budi", "Ali", "Santoso"])["person"] == {
        "budi ali santoso": "Budi Ali Santoso"
    }
    assert known(["Jakarta", "Budi", "Timur"])["person"] == {}  # a direction: not a name


def test_an_organisation_then_a_name_of_one_to_four_words() -> None:
    def tail(run: list[str]) -> dict[str, dict[str, str]]:
        found = entities._Found()
        entities._person_with_tail(run, found)
        return found.names

    assert tail(["Partai", "Demokrat", "PD", "Budi", "Santoso"]) == {
        "person": {"budi santoso": "Budi Santoso"},
        "place": {},
        "organization": {"partai demokrat pd": "Partai Demokrat PD"},
    }
    assert tail(["Partai", "Demokrat", "Budi"])["person"] == {"budi": "Budi"}
    assert tail(["Partai", "Demokrat", "Budi", "Ali", "Abdul", "Santoso"])["person"] == {
        "budi ali abdul santoso": "Budi Ali Abdul Santoso"
    }
    assert tail(["Partai", "Demokrat", "Budi", "Ali", "Abdul", "Santoso", "Wijaya"])["person"] == {}


def test_place_and_speech_cues_at_their_limits() -> None:
    assert places("Kemarin, Gunung itu meletus.") == ()  # a place word alone
    assert places("Ia tinggal di Cikini Menteng Tebet sejak lama.") == ("Cikini Menteng Tebet",)
    assert people("Hal itu, kata Budi Santoso Wijaya.") == ("Budi Santoso Wijaya",)
    assert people("Hal itu, kata Budi Santoso Wijaya Kusuma.") == ()
    assert people("Ia dipukul oleh Budi Santoso.") == ()
    assert people("Ia di antara Budi Santoso dan Ani.") == ()
    assert people("Hal itu benar, kata BUDI SANTOSO.") == ()  # capitals: no person


def test_a_name_that_is_a_place_is_not_also_an_organisation() -> None:
    assert extract("", "BANK JAKARTA - Kemarin, Bank Jakarta untung.") == Entities(
        place=("Bank Jakarta",)
    )


def test_a_word_with_a_lone_surrogate_still_sketches() -> None:
    word = "kata\ud800"
    assert shingles.sketch_words([word]) == array(
        "I", [zlib.crc32(word.encode("utf-8", "surrogatepass"))]
    ).tobytes()


def test_hyphenated_names_in_the_word_lists_are_found_as_written() -> None:
    """The lists spell ``pdi-p`` and ``nagorno-karabakh`` with a hyphen; a
    name is looked up with hyphens as spaces, both spellings alike."""
    assert "pdi p" in gazetteer.ORGS and "nagorno karabakh" in gazetteer.PLACES
    found = extract("Judul", "Pasukan dikirim ke Nagorno-Karabakh, kata pejabat PDI-P.")
    assert found.place == ("Nagorno-Karabakh",) and found.organization == ("PDI-P",)
    spaced = extract("Judul", "Warga Nagorno Karabakh mengungsi.")
    assert spaced.place == ("Nagorno Karabakh",)
