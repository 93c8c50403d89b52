"""Page metadata, decoding and the other document helpers, unit by unit.

Fast (no index): titles as outlets write them, dates as pages give them,
outlets from addresses and site names, file bytes in every encoding a corpus
holds.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nksearch.documents.metadata import clean_title, date_value, outlet_fields

# -- titles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "clean"),
    [
        ("Putin Undang Pemimpin Armenia - Kompas.com", None, "Putin Undang Pemimpin Armenia"),
        ("Kompas.com - Putin Undang Pemimpin", None, "Putin Undang Pemimpin"),
        ("Judul Berita | Republika Online", None, "Judul Berita"),
        ("Judul Berita | Situs Kita", "situs kita", "Judul Berita"),
        ("Judul Berita | Situs Kita", " Situs Kita ", "Judul Berita"),
        ("Judul Berita | Situs Kita", None, "Judul Berita | Situs Kita"),
        ("Situs Kita - Judul Berita", "Situs Kita", "Judul Berita"),
        ("Judul Berita :: Tempo.co | Tempo", None, "Judul Berita"),
        ("Judul – Kompas.com — CNN Indonesia", None, "Judul"),
        ("Judul - Detik", "Detik", "Judul"),
        ("Armenia - Azerbaijan - Rusia", None, "Armenia - Azerbaijan - Rusia"),
        ("Kompas", None, "Kompas"),  # the site's name alone is a title
        ("Judul  \x1b[31m dengan\tspasi", None, "Judul dengan spasi"),
        ("", None, None),
        (None, None, None),
        (" \t ", None, None),
    ],
)
def test_clean_title(title: str | None, site: str | None, clean: str | None) -> None:
    assert clean_title(title, site=site) == clean


def test_a_long_title_is_cut_at_300_characters() -> None:
    assert len(clean_title("x" * 700) or "") == 300
    assert clean_title("Judul | " + "x" * 650) == "Judul | " + "x" * 292


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date"),
    [
        (dt.datetime(2021, 11, 24, 6, 29), "2021-11-24"),
        (dt.date(2021, 11, 24), "2021-11-24"),
        (dt.date(1899, 12, 31), None),
        (dt.date(1900, 1, 1), "1900-01-01"),
        (dt.date(2100, 12, 31), "2100-12-31"),
        (dt.date(2101, 1, 1), None),
        (dt.datetime(1899, 12, 31, 23), None),
        (dt.datetime(1900, 1, 1), "1900-01-01"),
        (dt.datetime(2100, 12, 31), "2100-12-31"),
        (dt.datetime(2101, 1, 1), None),
        ("2021-11-24T06:29:00+07:00", "2021-11-24"),
        ("2021-11-24", "2021-11-24"),
        (" 2021-11-24 06:29 ", "2021-11-24"),
        ("2021-13-01", None),  # no 13th month, and no other reading of it
        ("2021-02-30", None),
        ("2021-11-24x", None),
        ("1899-01-01", None),
        ("Rabu, 24 November 2021", "2021-11-24"),
        ("24/11/2021", "2021-11-24"),
        ("Jum'at, 09 Oktober 2020 - 17:16 WIB", "2020-10-09"),
        ("x" * 101, None),
        ("2021-11-24" + " " * 90, "2021-11-24"),  # exactly 100 characters
        ("2021-11-24" + " " * 91, None),
        (20211124, None),
        (None, None),
    ],
)
def test_date_value(value: object, date: str | None) -> None:
    assert date_value(value) == date


# -- outlets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site", "fields"),
    [
        ("https://www.kompas.com/x", "Kompas", ("Kompas", None)),
        ("https://www.kompas.com/x", "Situs Lain", ("Kompas", None)),  # the address wins
        (None, "Kompas.com", ("Kompas", None)),
        (None, "Republika Online", ("Republika", None)),
        ("https://news.detik.com/x", None, ("Detik", None)),
        ("https://blog.example.org/a", "Blog Saya", (None, "Blog Saya")),
        ("https://blog.example.org/a", None, (None, "blog.example.org")),
        ("https://blog.example.org/a", "  ", (None, "blog.example.org")),
        (None, None, (None, None)),
        ("", "", (None, None)),
    ],
)
def test_outlet_fields(url: str | None, site: str | None, fields: tuple[str | None, ...]) -> None:
    assert outlet_fields(url, site) == fields
