"""A state's documents kept as columns: the mapping a sync edits, row by row.

Every test compares :class:`Docs` with the plain dictionary it stands for,
and the columns it writes with those of that dictionary.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from pathlib import Path

import pytest

from nksearch.documents.boilerplate import Prints, recurring, recurring_in
from nksearch.indexing import layout
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
    with pytest.raises(KeyError, match=r"e\.txt"):
        found["e.txt"]
    assert found.stamps() == {rel: stamp for rel, (stamp, _p) in PLAIN.items()}
    assert found.distinct() == {(p.group, p.body): p.units for _s, p in PLAIN.values()}
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
    with pytest.raises(KeyError, match=r"a\.txt"):
        del found["a.txt"]  # already taken out
    with pytest.raises(KeyError):
        found["d.txt"]
    assert found.stamps() == {"b.txt": "2:20", "c.txt": "3:99", "e.txt": "5:50"}
    assert found.distinct() == {
        (p.group, p.body): p.units for p in (PLAIN["b.txt"][1], changed[1], added[1])
    }
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
    assert found.distinct() == {(p.group, p.body): p.units for _rel, (_s, p) in kept}
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
    assert len(found.distinct()) == 8  # the copy's body is the first's
    assert recurring_in(found.distinct()) == recurring(p for _s, p in rows.values())
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


# --- a state kept as its changes since a whole state ---------------------------------------


def whole_state(gen: Path, toc: int = 1, rows: int = 40) -> state_file.State:
    """A whole state of ``rows`` documents saved for ``toc``, read back."""
    plain = {f"{n:02}.txt": (f"{n}:1", prints("kompas", n, 2)) for n in range(rows)}
    state_file.save(gen, toc, state_file.State(plain, {"kompas": frozenset({b"k" * 8})}))
    back = state_file.load(gen, toc)
    assert back is not None and back.base is not None
    return back


def file_of(gen: Path, toc: int) -> bytes:
    return state_file.state_path(gen, toc).read_bytes()


def test_few_changes_are_saved_as_a_delta_of_the_whole_state(tmp_path: Path) -> None:
    state = whole_state(tmp_path, rows=60)
    whole = file_of(tmp_path, 1)
    assert state.base == state_file.Base(1, len(whole), zlib.crc32(whole))
    docs = state.docs
    del docs["03.txt"]
    docs["05.txt"] = ("5:2", prints("kompas", 95, 1))  # changed
    docs["baru.txt"] = ("7:7", prints("tempo", 77, 3))  # added
    now = {"tempo": frozenset({b"t" * 8})}
    state_file.save(tmp_path, 2, state_file.State(docs, now, state.base))
    delta = file_of(tmp_path, 2)
    assert delta.startswith(b"nksearch recurring lines, changes since a state 1\n")
    assert len(delta) < len(whole) // 4 and file_of(tmp_path, 1) == whole
    back = state_file.load(tmp_path, 2)
    assert back is not None and back.base == state.base and back.found == now
    assert back.docs == dict(docs) and len(back.docs) == 60
    saved = state_file.read_saved(tmp_path, 2)
    assert saved is not None and saved.stamps() == docs.stamps()
    assert state_file.read_saved(tmp_path, 2, whole=True) is None
    # the next sync's changes are measured from the same whole state
    back.docs["baru2.txt"] = ("8:8", prints("tempo", 88, 1))
    state_file.save(tmp_path, 3, state_file.State(back.docs, now, back.base))
    third = state_file.load(tmp_path, 3)
    assert third is not None and third.base == state.base and len(third.docs) == 61
    assert third.docs == {**dict(docs), "baru2.txt": back.docs["baru2.txt"]}
    assert len(file_of(tmp_path, 3)) < len(whole) // 4 and state_file._base_of(tmp_path, 3) == 1


def test_a_delta_keeps_its_whole_state_when_others_are_removed(tmp_path: Path) -> None:
    state = whole_state(tmp_path)
    for toc in (2, 3):
        state.docs[f"baru{toc}.txt"] = (f"{toc}:9", prints("tempo", 90 + toc, 1))
        state_file.save(tmp_path, toc, state)
    (tmp_path / "recurring-9.state").write_bytes(b"left by a killed sync")
    state_file.remove_others(tmp_path, keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recurring-1.state", "recurring-3.state"]
    assert state_file.load(tmp_path, 3) is not None
    state_file.remove_others(tmp_path, keep=1)  # a whole state keeps only itself
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recurring-1.state"]
    assert state_file._base_of(tmp_path, 1) is None and state_file._base_of(tmp_path, 8) is None


def test_many_changes_or_no_whole_state_save_a_whole_state(tmp_path: Path) -> None:
    state = whole_state(tmp_path, rows=40)
    for n in range(4):  # 4 of 40 documents: the share a delta stops at
        del state.docs[f"{n:02}.txt"]
    state_file.save(tmp_path, 2, state)
    assert file_of(tmp_path, 2).startswith(b"nksearch recurring lines, by column 3\n")
    state = whole_state(tmp_path, rows=40)
    del state.docs["00.txt"]
    state_file.save(tmp_path, 1, state)  # its own table of contents: never a delta of itself
    assert not file_of(tmp_path, 1).startswith(b"nksearch recurring lines, changes")
    state_file.save(tmp_path, 2, state_file.State(dict(state.docs), state.found, state.base))
    assert not file_of(tmp_path, 2).startswith(b"nksearch recurring lines, changes")
    back = state_file.load(tmp_path, 2)
    assert back is not None and back.docs == dict(state.docs) and len(back.docs) == 39


def _delta(tmp_path: Path, **change: object) -> bytes:
    """A delta of a whole state of 40 documents, with ``change`` made to its fields."""
    state = whole_state(tmp_path)
    del state.docs["03.txt"]
    state.docs["baru.txt"] = ("7:7", prints("tempo", 77, 3))
    state_file.save(tmp_path, 2, state)
    data = file_of(tmp_path, 2)
    magic = b"nksearch recurring lines, changes since a state 1\n"
    value = marshal.loads(data[len(magic) + layout.FRAME_SIZE :])
    value.update(change)
    return layout.framed(magic, marshal.dumps(value))


@pytest.mark.parametrize(
    "change",
    [{"rules": "boilerplate-0"}, {"base": [1, 5, 5]}, {"base": [7, 0, 0]}, {"base": [1, 2]},
     {"base": "1"}, {"removed": ["03.txt", "03.txt"]}, {"removed": ["nope.txt"]},
     {"removed": [3]}, {"removed": ("03.txt",)}, {"paths": ("baru.txt",)},
     {"stamps": ("7:7",)}, {"paths": ["05.txt"]}, {"paths": ["baru.txt", "baru.txt"]},
     {"stamps": []}, {"groups": ["tempo", "x"]}, {"counts": b""}, {"found": []}],
)  # fmt: skip
def test_a_delta_that_does_not_fit_its_whole_state_is_not_read(
    tmp_path: Path, change: dict[str, object]
) -> None:
    state_file.state_path(tmp_path, 2).write_bytes(_delta(tmp_path, **change))
    assert state_file.read_saved(tmp_path, 2) is None and state_file.load(tmp_path, 2) is None


def test_a_delta_is_read_only_with_its_whole_state_unchanged(tmp_path: Path) -> None:
    good = _delta(tmp_path)
    state_file.state_path(tmp_path, 2).write_bytes(good)
    assert state_file.load(tmp_path, 2) is not None
    state_file.state_path(tmp_path, 2).write_bytes(good + b"x")  # trailing bytes
    assert state_file.read_saved(tmp_path, 2) is None
    state_file.state_path(tmp_path, 2).write_bytes(good)
    whole = file_of(tmp_path, 1)
    state_file.state_path(tmp_path, 1).write_bytes(whole[:-1] + b"\0")  # damaged
    assert state_file.read_saved(tmp_path, 2) is None
    state_file.state_path(tmp_path, 1).unlink()  # gone
    assert state_file.read_saved(tmp_path, 2) is None
    state_file.state_path(tmp_path, 1).write_bytes(good)  # a delta of a delta
    assert state_file.read_saved(tmp_path, 2) is None
    # a delta whose frame is damaged names no whole state
    state_file.state_path(tmp_path, 2).write_bytes(good[:-3] + b"xyz")
    assert state_file._base_of(tmp_path, 2) is None and state_file._base_of(tmp_path, 1) == 1


def test_syncs_keep_deltas_then_a_whole_state_again(tmp_path: Path) -> None:
    import nksearch

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    footer = "Berita ini terbit berkat dukungan pembaca setia Warta Kelontong di seluruh negeri."
    words = [
        "banjir",
        "gempa",
        "pemilu",
        "harga",
        "cabai",
        "kereta",
        "bandara",
        "pelabuhan",
        "sekolah",
        "rumah",
    ]
    for n in range(50):
        topic = f"{words[n % 10]} {words[(n * 3) % 10]} nomor{n}"
        body = f"Warga kota membicarakan kabar {topic} sepanjang pekan ini di pasar dan kantor."
        text = f"Judul {topic}\n\n{body}\n\n{footer}\n"
        (corpus / f"{n:02}.txt").write_text(text, encoding="utf-8")
    nksearch.sync(corpus, index)

    def states() -> dict[str, bytes]:
        gen = next(index.glob("g-*"))
        return {p.name: p.read_bytes()[:12] for p in sorted(gen.glob("recurring-*.state"))}

    def delta_files() -> list[str]:
        gen = next(index.glob("g-*"))
        return [
            p.name
            for p in gen.glob("recurring-*.state")
            if p.read_bytes().startswith(b"nksearch recurring lines, changes")
        ]

    assert len(states()) == 1 and delta_files() == []
    tsunami = "Warga pesisir mengungsi setelah peringatan tsunami dikeluarkan pagi tadi."
    (corpus / "baru.txt").write_text(f"Judul Kabar Lain\n\n{tsunami}\n\n{footer}\n")
    report = nksearch.sync(corpus, index)
    assert (report.added, report.rebuilt) == (1, False)
    assert len(states()) == 2 and len(delta_files()) == 1  # the delta and its whole state
    (corpus / "07.txt").unlink()
    report = nksearch.sync(corpus, index)
    assert (report.removed, report.rebuilt) == (1, False) and len(delta_files()) == 1
    with nksearch.open_index(index) as idx:
        assert [h.path for h in idx.search("tsunami").hits] == ["baru.txt"]
        assert idx.search("nomor7").total == 0 and idx.search("dukungan").total == 0
    checked = nksearch.check(index, corpus)
    assert checked.sound and checked.notes == () and checked.corpus is not None
    assert checked.corpus.new == checked.corpus.changed == ()
    for n in range(10, 13):  # the changes reach a tenth of the whole state's 50 documents
        dry = f"Petani di desa nomor {n} mengeluhkan kemarau panjang yang merusak sawah mereka."
        (corpus / f"{n:02}.txt").write_text(f"Judul Ganti {n}\n\n{dry}\n")
    report = nksearch.sync(corpus, index)
    assert (report.updated, report.rebuilt) == (3, False)
    assert len(states()) == 1 and delta_files() == []
    rebuilt = tmp_path / "rebuilt"
    nksearch.sync(corpus, rebuilt)
    with nksearch.open_index(index) as idx, nksearch.open_index(rebuilt) as fresh:
        for text in ("kemarau", "tsunami", "banjir", "dukungan", "Kelontong"):
            assert idx.search(text).total == fresh.search(text).total, text
