"""An index folder is read as data: a crafted one cannot run code.

Each test builds a real seeds index, replaces one pickled part of it (the
schema or the segment list in the table of contents, or a stored-fields
column) with a pickle whose ``__reduce__`` would create a marker file, and
runs every way of using the index: the CLI commands, the Python API and the
UI. Each must say the index is damaged (exit 3), and the marker must never
exist.
"""

from __future__ import annotations

import asyncio
import io
import pickle
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC

import nksearch
from nksearch._whoosh import unpickle
from nksearch.cli.commands import app
from nksearch.errors import DamagedIndex
from nksearch.indexing import layout
from nksearch.tui.app import make_app
from nksearch.tui.searchbar import ErrorLine

runner = CliRunner()


class Payload:
    """Pickles as a call of ``open(marker, "w")``: code run on unpickling."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


def generation(index: Path) -> Path:
    meta = layout.read_meta(index)
    assert meta is not None
    return index / meta.generation


def rewrite_toc(index: Path, *, schema: Any = None, segments: Any = None) -> None:
    """Commit a new table of contents holding ``schema`` or ``segments``."""
    ix = whoosh_index.open_dir(str(generation(index)))  # the index is still sound here
    toc = ix._read_toc()
    TOC(
        toc.schema if schema is None else schema,
        toc.segments if segments is None else segments,
        toc.generation + 1,
    ).write(ix.storage, ix.indexname)


def poison_schema(index: Path, marker: Path) -> None:
    schema = whoosh_index.open_dir(str(generation(index))).schema
    schema["title"].format.poison = Payload(marker)
    rewrite_toc(index, schema=schema)


def poison_segment_list(index: Path, marker: Path) -> None:
    rewrite_toc(index, segments=Payload(marker))


def poison_a_segment(index: Path, marker: Path) -> None:
    segments = whoosh_index.open_dir(str(generation(index)))._segments()
    segments[0]._deleted = Payload(marker)
    rewrite_toc(index, segments=segments)


def poison_stored_fields(index: Path, marker: Path) -> None:
    """Every document's stored fields: one pickle each, a payload."""
    (column,) = generation(index).glob("*._stored.col")
    count = whoosh_index.open_dir(str(generation(index))).doc_count_all()
    handle = StructFile(open(column, "wb"))  # noqa: SIM115 (the writer closes it)
    writer = STORED_COLUMN.writer(handle)
    for docnum in range(count):
        writer.add(docnum, Payload(marker))
    writer.finish(count)
    handle.close()


POISONS = {
    "schema": poison_schema,
    "segment-list": poison_segment_list,
    "segment": poison_a_segment,
    "stored-fields": poison_stored_fields,
}


def first_path(index: Path) -> str:
    with nksearch.open_index(index) as idx:
        return idx.search("perdamaian", limit=1).hits[0].path


@pytest.fixture
def poisoned(built: tuple[Path, Path], request: pytest.FixtureRequest) -> tuple[Path, Path, Path]:
    corpus, index = built
    marker = corpus.parent / "marker"
    POISONS[request.param](index, marker)
    assert not marker.exists()
    return corpus, index, marker


def cli(corpus: Path, index: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--corpus", str(corpus), "--index", str(index)])


COMMANDS: list[tuple[str, ...]] = [
    ("query", "perdamaian"),
    ("query", "Armenia", "--json"),
    ("query", '"gencatan senjata"', "--sort", "date"),
    ("show", "000_c7cea75aa3edd05e.txt"),
    ("stats",),
    ("stats", "--json"),
    ("index",),
]
#: A poisoned table of contents fails every command; poisoned stored fields
#: fail every command that reads them (a sync reads paths and stamps only).
CODES = {
    "schema": [3] * 7,
    "segment-list": [3] * 7,
    "segment": [3] * 7,
    "stored-fields": [3, 3, 3, 3, 3, 3, 0],
}


@pytest.mark.parametrize("poisoned", sorted(POISONS), indirect=True)
def test_every_command_says_damaged_and_runs_nothing(
    poisoned: tuple[Path, Path, Path], request: pytest.FixtureRequest
) -> None:
    corpus, index, marker = poisoned
    codes = []
    for command in COMMANDS:
        result = cli(corpus, index, *command)
        assert not marker.exists(), command
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        codes.append(result.exit_code)
        if result.exit_code == 3:
            assert result.stderr.count("\n") == 1, (command, result.stderr)
            assert f"index {str(index)!r} is damaged" in result.stderr, (command, result.stderr)
            assert "nksearch index --rebuild" in result.stderr, (command, result.stderr)
    assert codes == CODES[request.node.callspec.params["poisoned"]]
    assert not marker.exists()


@pytest.mark.parametrize("poisoned", sorted(POISONS), indirect=True)
def test_the_python_api_raises_damaged_index(poisoned: tuple[Path, Path, Path]) -> None:
    _corpus, index, marker = poisoned
    with pytest.raises(DamagedIndex) as caught, nksearch.open_index(index) as idx:
        results = idx.search("perdamaian", limit=10)
        for hit in results.hits:
            idx.document(hit.path)
    assert caught.value.path == str(index)
    assert not marker.exists()


@pytest.mark.parametrize("poisoned", ["stored-fields"], indirect=True)
def test_a_poisoned_document_is_damage_when_shown(poisoned: tuple[Path, Path, Path]) -> None:
    _corpus, index, marker = poisoned
    with nksearch.open_index(index) as idx, pytest.raises(DamagedIndex):
        idx.search("perdamaian", limit=10)
    assert not marker.exists()


@pytest.mark.parametrize("poisoned", ["schema", "segment-list"], indirect=True)
def test_the_ui_says_the_index_is_damaged(poisoned: tuple[Path, Path, Path]) -> None:
    corpus, index, marker = poisoned

    async def scenario() -> str:
        app = make_app(corpus, index, show_timings=False, stale_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(300):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                message = app.query_one(ErrorLine).message
                if message:
                    return message
        raise AssertionError("the UI never said what was wrong")

    message = asyncio.run(scenario())
    assert message.startswith(f"index {str(index)!r} is damaged"), message
    assert not marker.exists()


@pytest.mark.parametrize("poisoned", ["schema", "segment-list"], indirect=True)
def test_rebuild_replaces_a_poisoned_index(poisoned: tuple[Path, Path, Path]) -> None:
    corpus, index, marker = poisoned
    assert cli(corpus, index, "index", "--rebuild").exit_code == 0
    assert cli(corpus, index, "query", "perdamaian").exit_code == 0
    assert not marker.exists()


# --- the unpickler itself ---------------------------------------------------------------


class _Recording(pickle.Unpickler):
    """Unpickles our own test data, noting each name it finds."""

    def __init__(self, file: Any, found: set[str]) -> None:
        super().__init__(file)
        self.found = found

    def find_class(self, module: str, name: str) -> Any:
        self.found.add(f"{module}.{name}")
        return super().find_class(module, name)


def toc_names(toc: Path) -> tuple[set[str], set[str]]:
    """The names the schema and the segment list of a table of contents use."""
    stream = StructFile(open(toc, "rb"))  # noqa: SIM115 (closed below)
    for _ in range(3):
        stream.read_varint()
    stream.read_int(), stream.read_int()
    for _ in range(3):
        stream.read_varint()
    schema: set[str] = set()
    _Recording(io.BytesIO(stream.read_string()), schema).load()
    stream.read_int(), stream.read_int()
    segments: set[str] = set()
    _Recording(stream.file, segments).load()
    stream.close()
    return schema, segments


@pytest.mark.parametrize(
    "value",
    [Payload(Path("/nonexistent/marker")), print, eval, pytest.raises, io.BytesIO],
)
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_the_unpickler_refuses_what_an_index_never_holds(value: Any, protocol: int) -> None:
    data = pickle.dumps([1, "x", (b"y", value)], protocol)
    for allowed in (unpickle.PLAIN, unpickle.SCHEMA, unpickle.SEGMENTS):
        with pytest.raises(unpickle.UnsafeIndexData, match="which no index holds"):
            unpickle.loads(data, allowed)
        with pytest.raises(unpickle.UnsafeIndexData, match="which no index holds"):
            unpickle.load(io.BytesIO(data), allowed)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_plain_values_load_in_every_protocol(protocol: int) -> None:
    value = ([0, 1, 98, 99, 105, 111, 2**40, -5], (1.5, None, True), {"cobRPQ": b"iobcRPQ"})
    assert unpickle.loads(pickle.dumps(value, protocol)) == value


def test_bytes_decode_and_nothing_else_through_codecs() -> None:
    assert unpickle.loads(pickle.dumps((b"\x00\xff", [1, 2.5], {"a": None}), 2)) == (
        b"\x00\xff",
        [1, 2.5],
        {"a": None},
    )
    # _codecs.encode(text, "rot13") is allowed by name but refused by use.
    crafted = (
        b"\x80\x02c_codecs\nencode\nq\x00X\x03\x00\x00\x00abcq\x01"
        b"X\x05\x00\x00\x00rot13q\x02\x86q\x03Rq\x04."
    )
    with pytest.raises(unpickle.UnsafeIndexData):
        unpickle.loads(crafted)


def test_garbled_pickles_are_unsafe_data_not_crashes() -> None:
    data = pickle.dumps({"fieldmap": {"title": 0}}, 2)
    for cut in range(1, len(data)):
        with pytest.raises((unpickle.UnsafeIndexData, EOFError)):
            unpickle.loads(data[:cut])


def test_a_sync_writes_whoosh_names_only(built: tuple[Path, Path]) -> None:
    """Files written after a safe read name Whoosh's classes, as Whoosh writes them."""
    corpus, index = built
    (corpus / "baru.txt").write_text("Judul baru\n\nPutin bertemu Pashinyan di Sochi.\n")
    nksearch.sync(corpus, index)
    (toc,) = generation(index).glob("_MAIN_*.toc")
    schema, segments = toc_names(toc)
    assert schema == {f"{module}.{name}" for module, name in unpickle.SCHEMA - unpickle.PLAIN}
    assert segments == {
        "whoosh.codec.whoosh3.W3Segment",
        "whoosh.codec.whoosh3.W3Codec",
        "collections.defaultdict",
        "builtins.int",
    }
    # And plain Whoosh still reads it.
    assert whoosh_index.open_dir(str(generation(index))).doc_count() == 6


def test_no_pickle_is_read_unrestricted(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh's own unpickling entry points are never used, whatever the index is asked."""
    import whoosh.codec.whoosh3
    import whoosh.columns
    import whoosh.filedb.structfile
    import whoosh.formats

    calls: list[str] = []

    def refuse(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise AssertionError(f"unrestricted {name}")

        return call

    nksearch.sync(corpus, index_dir)
    for module, name in (
        (pickle, "loads"),
        (pickle, "load"),
        (whoosh.codec.whoosh3, "loads"),
        (whoosh.columns, "loads"),
        (whoosh.formats, "loads"),
        (whoosh.filedb.structfile, "load_pickle"),
    ):
        monkeypatch.setattr(module, name, refuse(f"{module.__name__}.{name}"))
    (corpus / "baru.txt").write_text("Lavrov di Moskwa\n\nLavrov bertemu Pashinyan di Moskwa.\n")
    nksearch.sync(corpus, index_dir)
    (corpus / "baru.txt").unlink()
    nksearch.sync(corpus, index_dir)  # a deletion, and Whoosh merging segments
    with nksearch.open_index(index_dir) as idx:
        for text in ("perdamaian", '"gencatan senjata"', "Pashin*", "Pashinyan~", "title:Armenia"):
            for sort in ("relevance", "date"):
                for hit in idx.search(text, limit=10, sort=sort).hits:
                    idx.document(hit.path)
        idx.stats()
    assert nksearch.check(index_dir, corpus).sound
    nksearch.sync(corpus, index_dir, rebuild=True)
    assert calls == []
