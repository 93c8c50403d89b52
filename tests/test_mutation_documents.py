"""Document reading that mutation testing found unpinned: datelines, captions,
file names and cleaning of real Indonesian pages (see benchmarks/README.md,
"Mutation testing")."""

from __future__ import annotations

import pytest

from nksearch.documents.datelines import dateline_date


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Rabu, 24 November 2021 - 06:29 WIB", "2021-11-24"),
        ("Marcheilla Ariesta • 09 Oktober 2020 13:53", "2020-10-09"),
        ("Selasa, 3 Nov 2020 05:44 WIB", "2020-11-03"),
        ("November 3, 2020", "2020-11-03"),
        ("2020-11-03 05:44", "2020-11-03"),
        ("Diperbarui 12 Agt 2023, 10.15 WIB", "2023-08-12"),
    ],
)
def test_datelines_of_every_layout(line: str, date: str) -> None:
    assert dateline_date(line) == date
