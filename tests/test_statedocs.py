"""A state's documents kept as columns: the mapping a sync edits, row by row.

Every test compares :class:`Docs` with the plain dictionary it stands for,
and the columns it writes with those of that dictionary.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from nksearch.documents.boilerplate import Prints, recurring
from nksearch.indexing import recurring as state_file
from nksearch.indexing.statedocs import Columns, Docs, columns_of


def prints(group: str, n: int, units: int) -> Prints:
    """A document's prints: body ``n``, ``units`` unit fingerprints of its own."""
    body = n.to_bytes(8, "big")
    return Prints(group, body, b"".join((n * 100 + k).to_bytes(8, "big") for k in range(units)))


PLAIN = {
    "a.txt": ("1:10", prints("kompas", 1, 2)),
    "b.txt": ("2:20", prints("", 2, 0)),
    "c.txt": ("3:30", prints("kompas", 3, 3)),
    "d.txt": ("4:40", prints("tempo", 4, 1)),
}


def docs() -> Docs:
    return Docs(columns_of(PLAIN.items()))


def test_columns_are_the_rows_transposed() -> None:
    cols = columns_of(PLAIN.items())
    assert cols.paths == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert cols.stamps == ["1:10", "2:20", "3:30", "4:40"]
    assert cols.groups == ["kompas", "", "kompas", "tempo"]
    assert cols.bodies == b"".join(p.body for _s, p in PLAIN.values())
    assert cols.units == b"".join(p.units for _s, p in PLAIN.values())
    assert cols.counts.tolist() == [2, 0, 3, 1]
    empty = columns_of(())
    assert empty == Columns([], [], [], b"", b"", array("I")) and empty.counts.typecode == "I"


def test_documents_read_from_columns_are_the_rows() -> None:
    found = docs()
    assert len(found) == 4 and list(found) == list(PLAIN)
    for rel, doc in PLAIN.items():
        assert found[rel] == doc and type(found[rel][1]) is Prints
        assert rel in found
    assert found == PLAIN
    assert PLAIN == found  # noqa: SIM300 (a dictionary compared with Docs)
    assert "e.txt" not in found and 3 not in found
    with pytest.raises(KeyError):
        found["e.txt"]
    assert found.stamps() == {rel: stamp for rel, (stamp, _p) in PLAIN.items()}
    assert list(found.prints()) == [tuple(p) for _s, p in PLAIN.values()]
    assert found.columns() == columns_of(PLAIN.items())


def test_rows_taken_out_and_documents_put_in() -> None:
    found, plain = docs(), dict(PLAIN)
    changed = ("3:99", prints("kompas", 9, 1))
    added = ("5:50", prints("tempo", 5, 2))
    for edit in (found, plain):
        del edit["a.txt"]
        edit["c.txt"] = changed  # a row put in again: taken out, kept after the rows
        edit["e.txt"] = added
        assert edit.pop("d.txt") == PLAIN["d.txt"]
    assert found == plain and len(found) == 3
    assert list(found) == ["b.txt", "c.txt", "e.txt"]  # rows kept, then documents put in
    assert "a.txt" not in found and "d.txt" not in found and "c.txt" in found
    with pytest.raises(KeyError):
        del found["a.txt"]  # already taken out
    with pytest.raises(KeyError):
        found["d.txt"]
    assert found.stamps() == {"b.txt": "2:20", "c.txt": "3:99", "e.txt": "5:50"}
    assert list(found.prints()) == [PLAIN["b.txt"][1], changed[1], added[1]]
    assert found.columns() == columns_of(
        [("b.txt", PLAIN["b.txt"]), ("c.txt", changed), ("e.txt", added)]
    )
    del found["e.txt"]  # a document put in, taken out again
    assert "e.txt" not in found and found.stamps() == {"b.txt": "2:20", "c.txt": "3:99"}


@pytest.mark.parametrize(
    "gone",
    [(), ("a.txt",), ("d.txt",), ("b.txt",), ("a.txt", "b.txt"), ("b.txt", "d.txt"),
     ("a.txt", "c.txt"), ("a.txt", "b.txt", "c.txt", "d.txt")],
)  # fmt: skip
def test_columns_after_rows_are_taken_out(gone: tuple[str, ...]) -> None:
    found = docs()
    for rel in gone:
        del found[rel]
    kept = [(rel, doc) for rel, doc in PLAIN.items() if rel not in gone]
    assert found.columns() == columns_of(kept)
    assert list(found) == [rel for rel, _doc in kept] and len(found) == len(kept)
    assert list(found.prints()) == [tuple(doc[1]) for _rel, doc in kept]
    for rel, doc in kept:  # rows after those taken out still read right
        assert found[rel] == doc


def test_of_keeps_docs_and_transposes_a_dictionary() -> None:
    found = docs()
    assert Docs.of(found) is found
    made = Docs.of(PLAIN)
    assert made == PLAIN and made.columns() == columns_of(PLAIN.items())
    assert Docs() == {} and len(Docs()) == 0 and Docs().columns() == columns_of(())


def test_boilerplate_of_columns_is_that_of_the_documents() -> None:
    shared = (7).to_bytes(8, "big")
    rows = {
        f"{n}.txt": (f"{n}:1", Prints("kompas", n.to_bytes(8, "big"), shared)) for n in range(8)
    }
    rows["copy.txt"] = ("9:1", rows["0.txt"][1])  # an identical body counts once
    found = Docs(columns_of(rows.items()))
    assert state_file.found_in(found) == state_file.found_in(rows) == {"kompas": {shared}}
    assert recurring(found.prints()) == recurring(p for _s, p in rows.values())
    for rel in ("1.txt", "2.txt", "3.txt"):
        del found[rel]
    # five distinct bodies left, one fewer than a unit needs to recur
    assert state_file.found_in(found) == {}


def test_a_state_of_columns_is_saved_and_read_back(tmp_path: Path) -> None:
    found = docs()
    del found["b.txt"]
    found["f.txt"] = ("6:60", prints("tempo", 6, 4))
    boiler = {"kompas": frozenset({b"x" * 8})}
    state_file.save(tmp_path, 2, state_file.State(found, boiler))
    back = state_file.load(tmp_path, 2)
    assert back is not None and isinstance(back.docs, Docs)
    assert back == state_file.State(dict(found), boiler)
    assert back.docs.columns() == found.columns()
    assert back.matches(found.stamps()) and not back.matches({"a.txt": "1:10"})
