"""An index folder's description, generations and schema, unit by unit (no sync runs)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT

from nksearch.analysis.fields import IndonesianTokenizer
from nksearch.errors import DamagedIndex, Fix, IndexProblem
from nksearch.indexing import layout, recurring, schema
from nksearch.models import Skipped

GOOD = {
    "generation": "g-20211124080000-0badcafe",
    "version": "7",
    "corpus": "/data/berita",
    "last_sync": "2021-11-24T08:00:00+00:00",
    "documents": 5,
    "toc": [3, 120, 99],
}


def write(index: Path, data: object) -> None:
    index.mkdir(exist_ok=True)
    (index / layout.META).write_text(json.dumps(data), "utf-8")


# -- CURRENT.json -------------------------------------------------------------------


def test_a_description_reads_back_every_field(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    assert layout.read_meta(tmp_path) == layout.Meta(
        "g-20211124080000-0badcafe",
        "7",
        "/data/berita",
        "2021-11-24T08:00:00+00:00",
        5,
        (3, 120, 99),
    )
    # values of other JSON types are taken as the types the fields hold
    write(tmp_path, {**GOOD, "version": 7, "documents": "5"})
    meta = layout.read_meta(tmp_path)
    assert meta is not None and (meta.version, meta.documents) == ("7", 5)


@pytest.mark.parametrize(
    "toc",
    [None, [3, 120], [3, 120, 99, 1], [3, "120", 99], [3, 120.0, 99], [3, True, 99], "3,120,99"],
)
def test_a_table_of_contents_not_three_whole_numbers_is_none(tmp_path: Path, toc: object) -> None:
    write(tmp_path, {**GOOD, "toc": toc})
    meta = layout.read_meta(tmp_path)
    assert meta is not None and meta.toc is None and meta.documents == 5


def test_a_description_without_a_table_of_contents_is_from_an_older_version(tmp_path: Path) -> None:
    write(tmp_path, {k: v for k, v in GOOD.items() if k != "toc"})
    meta = layout.read_meta(tmp_path)
    assert meta is not None and meta.toc is None and meta.generation == GOOD["generation"]


def test_no_description_is_no_index(tmp_path: Path) -> None:
    assert layout.read_meta(tmp_path) is None
    assert layout.read_meta(tmp_path / "tiada") is None


@pytest.mark.parametrize("missing", ["generation", "version", "corpus", "last_sync", "documents"])
def test_a_description_without_a_field_is_damage(tmp_path: Path, missing: str) -> None:
    write(tmp_path, {k: v for k, v in GOOD.items() if k != missing})
    with pytest.raises(DamagedIndex) as caught:
        layout.read_meta(tmp_path)
    assert str(caught.value) == f"index {str(tmp_path)!r} is damaged (KeyError)"
    assert (caught.value.path, caught.value.fix) == (str(tmp_path), Fix.REBUILD)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"{not json", "JSONDecodeError"),
        (b"[1, 2, 3]", "TypeError"),
        (json.dumps({**GOOD, "documents": "lima"}).encode(), "ValueError"),
        (json.dumps({**GOOD, "documents": None}).encode(), "TypeError"),
        (b"\xff\xfe\x00", "UnicodeDecodeError"),
    ],
)
def test_a_garbled_description_is_damage(tmp_path: Path, raw: bytes, kind: str) -> None:
    (tmp_path / layout.META).write_bytes(raw)
    with pytest.raises(DamagedIndex, match=re.escape(f"is damaged ({kind})")):
        layout.read_meta(tmp_path)


def test_an_unreadable_description_says_why(tmp_path: Path) -> None:
    (tmp_path / layout.META).mkdir()  # reading it fails, and not because it is missing
    with pytest.raises(IndexProblem) as caught:
        layout.read_meta(tmp_path)
    assert type(caught.value) is IndexProblem
    assert str(caught.value) == f"cannot read index {str(tmp_path)!r}: Is a directory"
    assert (caught.value.path, caught.value.fix) == (str(tmp_path), None)


def test_a_description_is_written_whole_and_reads_back(tmp_path: Path) -> None:
    meta = layout.Meta("g-1", "7", "/korpus", "2022-01-02T03:04:05+00:00", 12, (4, 5, 6))
    layout.write_meta(tmp_path, meta)
    text = (tmp_path / layout.META).read_text("utf-8")
    assert json.loads(text) == {
        "generation": "g-1",
        "version": "7",
        "corpus": "/korpus",
        "last_sync": "2022-01-02T03:04:05+00:00",
        "documents": 12,
        "toc": [4, 5, 6],
    }
    assert text.startswith('{\n "generation": "g-1",\n')  # one field a line
    assert layout.read_meta(tmp_path) == meta
    assert sorted(p.name for p in tmp_path.iterdir()) == [layout.META]  # no temporary file left
    older = layout.Meta("g-2", "7", "/korpus", "2022-01-02T03:04:05+00:00", 0)
    assert "toc" not in older.to_json() and meta.to_json()["toc"] == [4, 5, 6]
    layout.write_meta(tmp_path, older)
    assert layout.read_meta(tmp_path) == older


def test_the_time_of_a_sync_is_utc_to_the_second() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", layout.now_iso())


# -- generations and the folder -----------------------------------------------------


def test_a_new_generation_is_a_fresh_named_folder(tmp_path: Path) -> None:
    first, second = layout.new_generation(tmp_path), layout.new_generation(tmp_path)
    for gen in (first, second):
        assert gen.parent == tmp_path and gen.is_dir() and list(gen.iterdir()) == []
        assert re.fullmatch(r"g-\d{14}-[0-9a-f]{8}", gen.name)
    assert first != second


def test_other_generations_are_removed_and_nothing_else(tmp_path: Path) -> None:
    for name in ("g-lama", "g-baru", "g-gagal", "lain"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "isi").write_text("x")
    (tmp_path / "g-berkas").write_text("a file, not a generation")
    (tmp_path / layout.META).write_text("{}")
    layout.remove_other_generations(tmp_path, keep="g-baru")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        layout.META, "g-baru", "g-berkas", "lain",
    ]  # fmt: skip
    assert (tmp_path / "g-baru" / "isi").read_text() == "x"


def test_an_index_folder_is_made_with_its_parents(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "indeks"
    layout.ensure_dir(folder)
    assert folder.is_dir()
    layout.ensure_dir(folder)  # already there: fine
    assert folder.is_dir()


def test_an_index_folder_that_cannot_be_made_says_why(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("a file")
    folder = tmp_path / "berkas" / "indeks"
    with pytest.raises(IndexProblem) as caught:
        layout.ensure_dir(folder)
    assert str(caught.value) == f"cannot create index directory {str(folder)!r}: Not a directory"
    assert (caught.value.path, caught.value.fix) == (str(folder), Fix.OTHER_INDEX)


def test_an_index_folder_that_cannot_be_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, int]] = []

    def access(path: object, mode: int) -> bool:
        asked.append((str(path), mode))
        return False

    monkeypatch.setattr(layout.os, "access", access)
    with pytest.raises(IndexProblem) as caught:
        layout.ensure_dir(tmp_path)
    assert asked == [(str(tmp_path), os.W_OK | os.X_OK)]
    assert str(caught.value) == f"index directory {str(tmp_path)!r} is not writable"
    assert (caught.value.path, caught.value.fix) == (str(tmp_path), Fix.OTHER_INDEX)


# -- the schema ---------------------------------------------------------------------


def describe(field: object) -> tuple[object, ...]:
    return (
        type(field).__name__,
        field.stored,  # type: ignore[attr-defined]
        bool(field.unique),  # type: ignore[attr-defined]
        field.sortable_typecode is not None or bool(getattr(field, "column_type", None)),  # type: ignore[attr-defined]
        field.format.field_boost if field.format else None,  # type: ignore[attr-defined]
        type(field.format).__name__ if field.format else None,  # type: ignore[attr-defined]
    )


def test_the_schema_names_each_field_and_how_it_is_kept() -> None:
    made = schema.make_schema()
    assert made.names() == [
        "body", "date", "exact", "minhash", "organization", "outlet", "path", "person",
        "place", "source", "stamp", "title",
    ]  # fmt: skip
    assert {name: describe(made[name]) for name in made.names()} == {
        "path": ("ID", True, True, True, 1.0, "Existence"),
        "stamp": ("ID", False, False, True, 1.0, "Existence"),
        "title": ("AnalysedText", True, False, False, 2.0, "Positions"),
        "body": ("AnalysedText", True, False, False, 1.0, "Positions"),
        "exact": ("AnalysedText", False, False, False, 1.0, "Frequency"),
        "source": ("TEXT", True, False, False, 1.0, "Positions"),
        "date": ("ID", True, False, True, 1.0, "Existence"),
        "outlet": ("ID", False, False, True, 1.0, "Existence"),
        "person": ("KEYWORD", False, False, True, 1.0, "Frequency"),
        "place": ("KEYWORD", False, False, True, 1.0, "Frequency"),
        "organization": ("KEYWORD", False, False, True, 1.0, "Frequency"),
        "minhash": ("COLUMN", False, False, True, None, None),
    }
    assert schema.TITLE_BOOST == 2.0
    assert isinstance(made["path"], ID) and isinstance(made["minhash"], COLUMN)
    assert isinstance(made["person"], KEYWORD) and isinstance(made["source"], TEXT)


def test_the_schema_analyses_each_field_as_it_is_searched() -> None:
    made = schema.make_schema()
    title, body, exact = made["title"].analyzer, made["body"].analyzer, made["exact"].analyzer
    assert isinstance(title, IndonesianTokenizer) and isinstance(exact, IndonesianTokenizer)
    assert title is body and exact is not title  # one stemming tokenizer for both
    assert [t.text for t in title("Para pengungsi mengungsi")] == ["ungsi", "ungsi"]
    assert [t.text for t in exact("Para pengungsi mengungsi")] == ["pengungsi", "mengungsi"]
    assert [t.text for t in made["source"].analyzer("Koran JAKARTA")] == ["koran", "jakarta"]
    source = made["source"].analyzer
    assert [type(part) for part in source.items] == [RegexTokenizer, LowercaseFilter]
    names = [t.text for t in made["person"].analyzer("Joko Widodo|  |Sergei Lavrov")]
    assert names == [schema.name_key("Joko Widodo"), schema.name_key("Sergei Lavrov")]
    assert made["person"].analyzer is not made["place"].analyzer  # a tokenizer each


def test_a_name_list_is_a_term_per_name_with_its_place() -> None:
    tokens = [
        (t.text, t.pos, t.boost, t.stopped)
        for t in schema.NameListTokenizer()("Joko Widodo||Basuki", positions=True, mode="index")
    ]
    assert tokens == [
        (schema.name_key("Joko Widodo"), 0, 1.0, False),
        (schema.name_key("Basuki"), 2, 1.0, False),
    ]
    assert schema.name_key("Joko Widodo") != ""
    chars = next(iter(schema.NameListTokenizer()("Basuki", chars=True)))
    assert (chars.chars, chars.positions) == (True, False)
    assert next(iter(schema.NameListTokenizer()("Basuki", mode="index"))).mode == ""
    assert list(schema.NameListTokenizer()("")) == []
    assert schema.NAME_SEPARATOR == "|"


def test_binding_gives_every_indonesian_tokenizer_the_analyzer() -> None:
    made = schema.make_schema()
    bound: list[object] = []

    class Marker:
        pass

    marker = Marker()
    for name in ("title", "exact"):  # the title's tokenizer is the body's
        tokenizer = made[name].analyzer
        tokenizer.bind = bound.append  # type: ignore[method-assign]
    schema.bind(made, marker)  # type: ignore[arg-type]
    assert bound == [marker, marker, marker]  # body, exact, title


# -- front matter warnings ----------------------------------------------------------


def test_markdown_with_unusable_front_matter_is_named_once(tmp_path: Path) -> None:
    good = "---\ntitle: Gempa Cianjur\ndate: 2022-11-21\n---\nGempa mengguncang Cianjur.\n"
    bad = "---\ntitle: [tak ditutup\n---\nIsi berita.\n"
    files = {
        "baik.md": good,
        "rusak.md": bad,
        "RUSAK.MD": bad,
        "hilang.md": bad,  # skipped by the sync: not read again
        "tanpa.md": "Berita tanpa kepala.\n---\n",
        "teks.txt": bad,
        "bom.md": "\ufeff" + bad,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    read = [(name, "stamp") for name in files]
    warned = recurring.front_matter_warnings(tmp_path, read, [Skipped("hilang.md", "gone")])
    assert [item.path for item in warned] == ["rusak.md", "RUSAK.MD", "bom.md"]
    assert len({item.reason for item in warned}) == 1 and warned[0].reason
    assert recurring.front_matter_warnings(tmp_path, [("teks.txt", "s")], []) == ()
    (tmp_path / "rusak.md").unlink()  # gone since the scan: nothing to say
    assert recurring.front_matter_warnings(tmp_path, [("rusak.md", "s")], []) == ()


# -- framed files -------------------------------------------------------------------

MAGIC = b"nksearch test frame\n"


def test_a_frame_reads_back_and_refuses_anything_not_whole() -> None:
    import struct
    import zlib

    for payload in (b"", b"isi berkas"):
        data = layout.framed(MAGIC, payload)
        assert layout.framed_length(MAGIC, data) == len(payload)
        assert layout.unframed(MAGIC, data) == payload
    short = MAGIC + b"\x00" * 3  # the magic, then less than a header
    assert layout.framed_length(MAGIC, short) is None and layout.unframed(MAGIC, short) is None
    other = layout.framed(b"another magic line\n", b"isi")
    assert layout.framed_length(MAGIC, other) is None and layout.unframed(MAGIC, other) is None
    good = layout.framed(MAGIC, b"isi berkas")
    assert layout.unframed(MAGIC, good[:-1]) is None  # cut short
    flipped = good[:-1] + bytes([good[-1] ^ 1])  # the right length, one bit wrong
    assert layout.unframed(MAGIC, flipped) is None
    longer = MAGIC + struct.pack("<IQ", zlib.crc32(b"isi"), 5) + b"isi"  # CRC right, length not
    assert layout.unframed(MAGIC, longer) is None
    assert layout.framed_length(MAGIC, longer) == 5


def test_a_list_of_skipped_files_that_is_not_a_table_is_empty(tmp_path: Path) -> None:
    layout.save_skipped(tmp_path, {"biner.txt": ["1:2", "binary data"]})
    assert layout.load_skipped(tmp_path) == {"biner.txt": ["1:2", "binary data"]}
    for damaged in ("[1, 2]", '"teks"', "{rusak"):
        (tmp_path / layout.SKIPPED).write_text(damaged, "utf-8")
        assert layout.load_skipped(tmp_path) == {}, damaged
    assert layout.load_skipped(tmp_path / "tiada") == {}


# -- the state kept with each commit ------------------------------------------------


def rest(**changes: object) -> dict[str, object]:
    from array import array

    value: dict[str, object] = {
        "groups": ["", "kompas"],
        "bodies": b"b" * 16,
        "counts": array("I", [1, 2]).tobytes(),
        "units": b"u" * 24,
        "found": {"": b"f" * 8},
    }
    value.update(changes)
    return value


def test_the_rest_of_a_state_is_checked_part_by_part() -> None:
    parts = recurring._checked_rest(rest(), 2)
    assert parts is not None
    groups, bodies, units, counts, found = parts
    assert (groups, bodies, units, list(counts), found) == (
        ["", "kompas"], b"b" * 16, b"u" * 24, [1, 2], {"": b"f" * 8},
    )  # fmt: skip
    for wrong in (
        rest(groups=["kompas"]),  # strings, one too few
        rest(groups=["", 2]),
        rest(groups=("", "kompas")),  # not a list
        rest(bodies=b"b" * 8),  # bytes, one document short
        rest(bodies="b" * 16),
        rest(counts=b"\x01\x00\x00\x00"),  # bytes, one count short
        rest(units=b"u" * 16),  # bytes, the counts want 24
        rest(units="u" * 24),
        rest(found=[b"f" * 8]),
        rest(found={"": b"f" * 7}),  # not whole fingerprints
        rest(found={1: b"f" * 8}),  # a group that is no name
        rest(found={"": "f" * 8}),
    ):
        assert recurring._checked_rest(wrong, 2) is None, wrong
    assert recurring._checked_rest([rest()], 2) is None
    assert recurring._checked_rest(rest(), 3) is None


def test_a_head_of_paths_and_stamps_must_be_lists_of_text(tmp_path: Path) -> None:
    import marshal

    from nksearch.documents import boilerplate

    def saved(head: dict[str, object]) -> recurring.Saved | None:
        data = layout.framed(recurring._MAGIC, marshal.dumps(head))
        recurring.state_path(tmp_path, 4).write_bytes(data)
        return recurring.read_saved(tmp_path, 4)

    good: dict[str, object] = {
        "rules": boilerplate.RULES,
        "paths": ["a.txt", "b.txt"],
        "stamps": ["1:2", "3:4"],
    }
    found = saved(good)
    assert found is not None and found.stamps() == {"a.txt": "1:2", "b.txt": "3:4"}
    for wrong in (
        {**good, "stamps": [1, 2]},
        {**good, "paths": [1, 2]},
        {**good, "paths": ("a.txt", "b.txt")},
        {**good, "stamps": ["1:2"]},
        {**good, "paths": ["a.txt", "a.txt"]},
        {**good, "rules": "boilerplate-0"},
    ):
        assert saved(wrong) is None, wrong
    assert recurring._all([], str) and not recurring._all(("a",), str)
    assert not recurring._all(["a", 1], str) and recurring._all(["a"], str)


def test_a_state_matches_exactly_the_documents_indexed() -> None:
    from nksearch.documents.boilerplate import Prints

    prints = Prints("", b"b" * 8, b"")
    state = recurring.State({"a.txt": ("1:2", prints), "b.txt": ("3:4", prints)}, {})
    assert state.matches({"a.txt": "1:2", "b.txt": "3:4"})
    assert not state.matches({"a.txt": "1:2"})
    assert not state.matches({"a.txt": "1:2", "b.txt": "3:4", "c.txt": "5:6"})
    assert not state.matches({"a.txt": "1:2", "c.txt": "3:4"})
    assert not state.matches({"a.txt": "1:2", "b.txt": "9:9"})
    assert recurring.State({}, {}).matches({})


def test_a_state_of_no_documents_is_saved_and_read_back_as_one(tmp_path: Path) -> None:
    from nksearch.documents.boilerplate import Prints

    recurring.save(tmp_path, 3, recurring.State({}, {}))
    saved = recurring.read_saved(tmp_path, 3)
    assert saved is not None and saved.stamps() == {}
    assert recurring.load(tmp_path, 3) == recurring.State({}, {})
    # and one whose boilerplate found lines: kept byte for byte, in order
    prints = Prints("kompas", b"b" * 8, b"u" * 16)
    found = {"kompas": frozenset({b"1" * 8, b"2" * 8})}
    recurring.save(tmp_path, 4, recurring.State({"a.txt": ("1:2", prints)}, found))
    assert recurring.load(tmp_path, 4) == recurring.State({"a.txt": ("1:2", prints)}, found)


def test_a_generation_without_a_table_of_contents_has_none(tmp_path: Path) -> None:
    assert layout.latest_toc(tmp_path) is None
    (tmp_path / "_MAIN_7.toc").write_bytes(b"")
    (tmp_path / "_MAIN_12.toc").write_bytes(b"")
    (tmp_path / "MAIN_x.seg").write_bytes(b"")
    assert layout.latest_toc(tmp_path) == 12
    assert layout.latest_toc(tmp_path / "gone") is None


@pytest.mark.parametrize(
    "table",
    [["mengguncang"], {}, {"mengguncang": 1}, {1: "guncang"}, "guncang"],
    ids=["a list", "empty", "a number for a stem", "a number for a word", "text"],
)
def test_a_stem_cache_that_is_not_words_to_words_is_not_used(tmp_path: Path, table: object) -> None:
    import marshal

    key = "kunci"
    wanted = key.encode("utf-8")
    payload = layout._KEY_LENGTH.pack(len(wanted)) + wanted + marshal.dumps(table)
    (tmp_path / layout.STEMS).write_bytes(layout.framed(layout.STEMS_MAGIC, payload))
    assert layout.stems_whole(tmp_path, key)  # whole: its table is what is wrong
    assert layout.load_stems(tmp_path, key) == {}
    layout.save_stems(tmp_path, key, {"mengguncang": "guncang"})
    assert layout.load_stems(tmp_path, key) == {"mengguncang": "guncang"}


def test_a_generation_name_on_a_link_is_not_followed_when_cleaning_up(tmp_path: Path) -> None:
    index = tmp_path / "indeks"
    elsewhere = tmp_path / "lain"
    (elsewhere / "isi").mkdir(parents=True)
    (elsewhere / "isi" / "berkas.txt").write_text("jangan dihapus")
    keep = index / f"{layout.GEN_PREFIX}20240101000000-00000000"
    old = index / f"{layout.GEN_PREFIX}20230101000000-00000000"
    for folder in (keep, old):
        folder.mkdir(parents=True)
    (index / f"{layout.GEN_PREFIX}link").symlink_to(elsewhere, target_is_directory=True)
    layout.remove_other_generations(index, keep=keep.name)
    assert (elsewhere / "isi" / "berkas.txt").read_text() == "jangan dihapus"
    assert keep.is_dir() and not old.exists()


def test_articles_read_for_indexing_drop_their_raw_page(tmp_path: Path) -> None:
    from nksearch.documents.corpus import scan

    (tmp_path / "a.txt").write_text("Gempa di Cianjur\n\nGempa mengguncang Cianjur.\n")
    todo = sorted(scan(tmp_path).files.items())
    [(rel, stamp, article, _prints)] = list(recurring.read(tmp_path, todo))
    assert (rel, stamp) == todo[0] and article.raw == ""
    assert (article.title, article.body) == ("Gempa di Cianjur", "Gempa mengguncang Cianjur.")
