"""What keeps a very long article cheap, without changing what a news article gives."""

from __future__ import annotations

import pytest

from nksearch.analysis import entities
from nksearch.analysis.entities import extract
from nksearch.documents import outlets


def _paragraphs(count: int) -> str:
    return "\n\n".join(
        f"Paragraf {n} tentang harga beras di pasar tradisional yang kembali naik."
        for n in range(count)
    )


def test_names_are_read_from_the_first_part_of_a_long_body() -> None:
    opening = "JAKARTA - Presiden Joko Widodo meninjau Pasar Senen, kata Menteri Zulkifli Hasan."
    filler = _paragraphs(1200)
    padding = "\n\n" + "dan " * 5000
    late = "\n\nGubernur Anies Baswedan ikut hadir di Bandung."
    body = opening + "\n\n" + filler + padding + late
    assert len(opening) + 2 + len(filler) < entities.MAX_BODY_CHARS < len(body) - len(late)
    found = extract("Harga Beras Naik", body)
    assert found.person == ("Joko Widodo", "Zulkifli Hasan")
    assert "Jakarta" in found.place and "Bandung" not in found.place
    # Within the limit, the same name is found.
    near = extract("Harga Beras Naik", opening + "\n\n" + late)
    assert near.person == ("Joko Widodo", "Zulkifli Hasan", "Anies Baswedan")
    assert "Bandung" in near.place


def test_a_body_just_under_the_limit_is_read_whole() -> None:
    late = "\n\nGubernur Anies Baswedan ikut hadir di Bandung."
    filler = "a" * (entities.MAX_BODY_CHARS - len(late) - 1)
    found = extract("Judul", filler + late)
    assert found.person == ("Anies Baswedan",)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Koran Tempo edisi Senin", "Koran Tempo"),  # the longer name is listed first
        ("Tempo.co melaporkan", "Tempo"),
        ("TEMPO - Harga", "Tempo"),
        ("tempo hari", None),  # the word, not the outlet
        ("sindonews.com", "SINDOnews"),
        ("Kompas.com, Jakarta", "Kompas"),
        ("kompascom", "Kompas"),
        ("detikfinance", "Detik"),
        ("CNN Indonesia", "CNN Indonesia"),
        ("ANTARA -", "Antara"),
        ("antara kedua", None),
        (" Kompas", None),  # an opening, not a mention further on
        ("", None),
    ],
)
def test_the_outlet_a_text_opens_with(text: str, outlet: str | None) -> None:
    assert outlets.outlet_opening(text) == outlet
