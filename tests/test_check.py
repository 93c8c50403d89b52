"""``nksearch check``: damaged files found and named, the corpus compared.

Each test damages one file of a real seeds index the way disks and copies
damage files (flipped bytes, a truncated file, garbled bytes, a lost file)
and checks that ``check`` names exactly that file, says how to fix it and
exits 3; a sound index exits 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.cli.commands import app
from nksearch.indexing import layout

runner = CliRunner()


def gen_file(index: Path, suffix: str) -> Path:
    meta = layout.read_meta(index)
    assert meta is not None
    (found,) = [p for p in (index / meta.generation).iterdir() if p.name.endswith(suffix)]
    return found


def relative(index: Path, path: Path) -> str:
    return path.relative_to(index).as_posix()


def check(corpus: Path, index: Path, *more: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", "--corpus", str(corpus), "--index", str(index), *more])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_sound_index_is_sound(built: tuple[Path, Path]) -> None:
    corpus, index = built
    code, out, err = check(corpus, index, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["sound"] is True
    assert report["damage"] == []
    assert report["documents"] == 5
    assert report["segments"] == 1
    assert report["checksums"] is True
    assert report["notes"] == []
    assert report["corpus"] == {"new": [], "changed": [], "deleted": [], "skipped": []}
    code, out, err = check(corpus, index)
    assert code == 0
    assert out.splitlines()[0] == f"index {index}: sound"
    assert "corpus: in step with the index" in out


def flip(path: Path, at: float) -> None:
    data = bytearray(path.read_bytes())
    data[int(len(data) * at)] ^= 0x01
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 3, len(data), 7):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("suffix", "damage", "problem"),
    [
        (".pst", lambda p: flip(p, 0.5), "its bytes changed since they were written (CRC-32)"),
        (".trm", truncate, "bytes where"),
        ("._stored.col", garble, "its bytes changed since they were written (CRC-32)"),
        (".path.col", lambda p: flip(p, 0.1), "its bytes changed since they were written (CRC-32)"),
        (".pst", lambda p: p.unlink(), "missing"),
        (".trm", lambda p: p.unlink(), "missing"),
        ("._stored.col", lambda p: p.unlink(), "missing"),
    ],
    ids=[
        "flipped-pst",
        "truncated-trm",
        "garbled-stored",
        "flipped-path",
        "missing-pst",
        "missing-trm",
        "missing-stored",
    ],
)
def test_damage_is_found_and_named(
    built: tuple[Path, Path], suffix: str, damage: object, problem: str
) -> None:
    corpus, index = built
    target = gen_file(index, suffix)
    damage(target)  # type: ignore[operator]
    code, out, err = check(corpus, index, "--json")
    assert code == 3
    report = json.loads(out)
    assert report["sound"] is False
    named = {item["file"] for item in report["damage"]}
    assert relative(index, target) in named, report["damage"]
    items = [i for i in report["damage"] if i["file"] == relative(index, target)]
    assert any(problem in item["problem"] for item in items), items
    for item in report["damage"]:
        assert item["fix"] == f"nksearch index --rebuild --index {index} --corpus {corpus}"
    assert err.count("\n") == 1
    assert f"index {str(index)!r} is damaged" in err
    assert f"run 'nksearch index --rebuild --index {index} --corpus {corpus}'" in err
    code, out, _err = check(corpus, index)
    assert code == 3
    assert f"  damaged: {relative(index, target)}: " in out


def forget_checksums(index: Path) -> None:
    gen_file(index, ".json").unlink()  # sums-<n>.json: as an index made before they were kept


@pytest.mark.parametrize(
    ("suffix", "damage", "problem"),
    [
        (".trm", truncate, "unreadable"),
        ("._stored.col", garble, ""),
        (".pst", garble, ""),
        (".stamp.col", truncate, ""),
    ],
    ids=["truncated-trm", "garbled-stored", "garbled-pst", "truncated-stamp"],
)
def test_without_checksums_the_structure_finds_damage(
    built: tuple[Path, Path], suffix: str, damage: object, problem: str
) -> None:
    corpus, index = built
    forget_checksums(index)
    target = gen_file(index, suffix)
    damage(target)  # type: ignore[operator]
    report = nksearch.check(index, corpus)
    assert not report.sound
    assert not report.checksums
    (item,) = [d for d in report.damage if d.file == relative(index, target)]
    assert problem in item.problem


def test_a_poisoned_table_of_contents_is_named(built: tuple[Path, Path]) -> None:
    corpus, index = built
    toc = gen_file(index, ".toc")
    data = toc.read_bytes()
    toc.write_bytes(data.replace(b"whoosh.fields", b"posix\x00\x00\x00\x00\x00\x00\x00\x00"))
    report = nksearch.check(index, corpus)
    assert [d.file for d in report.damage] == [relative(index, toc)]
    assert report.damage[0].problem.startswith("unreadable (")


def test_damaged_current_json(built: tuple[Path, Path]) -> None:
    corpus, index = built
    (index / layout.META).write_text("{")
    code, out, _err = check(corpus, index, "--json")
    assert code == 3
    assert json.loads(out)["damage"][0]["file"] == "CURRENT.json"


def test_no_index_is_exit_3_with_a_fix(corpus: Path, tmp_path: Path) -> None:
    code, out, err = check(corpus, tmp_path / "none")
    assert code == 3
    assert out == ""
    assert "no index in" in err


def test_damaged_caches_are_notes_not_damage(built: tuple[Path, Path]) -> None:
    corpus, index = built
    (index / layout.STEMS).write_bytes(b"\x00garbage")
    gen_file(index, ".state").write_bytes(b"nothing")
    report = nksearch.check(index, corpus)
    assert report.sound
    assert len(report.notes) == 2
    assert report.notes[0].startswith("stems.cache: damaged")
    assert "recurring-1.state: missing or damaged" in report.notes[1]


def test_the_corpus_is_compared(built: tuple[Path, Path]) -> None:
    corpus, index = built
    names = sorted(p.name for p in corpus.iterdir())
    (corpus / "baru.txt").write_text("Judul baru\n\nPutin bertemu Pashinyan di Sochi.\n")
    (corpus / "kosong.txt").write_text("")
    nksearch.sync(corpus, index)  # kosong.txt is skipped: empty
    (corpus / "lagi.txt").write_text("Judul lagi\n\nLavrov di Moskwa.\n")
    (corpus / names[0]).write_text("Isi yang berubah\n\nSama sekali lain.\n")
    (corpus / names[1]).unlink()
    code, out, err = check(corpus, index, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["sound"] is True
    assert report["corpus"] == {
        "new": ["lagi.txt"],
        "changed": [names[0]],
        "deleted": [names[1]],
        "skipped": [{"path": "kosong.txt", "reason": "empty file"}],
    }
    code, out, _err = check(corpus, index)
    assert "corpus: 1 new, 1 changed, 1 deleted since the last sync; run 'nksearch index" in out
    assert "  skipped: kosong.txt: empty file" in out


def test_a_document_count_out_of_step_needs_a_sync(built: tuple[Path, Path]) -> None:
    corpus, index = built
    meta = json.loads((index / layout.META).read_text())
    meta["documents"] = 99
    (index / layout.META).write_text(json.dumps(meta))
    code, out, err = check(corpus, index, "--json")
    assert code == 3
    (item,) = json.loads(out)["damage"]
    assert item == {
        "file": "CURRENT.json",
        "problem": "says 99 documents where the index holds 5",
        "fix": f"nksearch index --index {index} --corpus {corpus}",
    }
    assert err == (
        f"nksearch: error: index {str(index)!r} is out of step with its files: "
        f"run 'nksearch index --index {index} --corpus {corpus}'\n"
    )
    assert (
        runner.invoke(app, ["index", "--corpus", str(corpus), "--index", str(index)]).exit_code == 0
    )
    assert check(corpus, index)[0] == 0


def test_check_waits_for_a_sync_and_says_busy(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = built
    from nksearch.indexing import check as checking

    monkeypatch.setattr(checking, "LOCK_TIMEOUT", 0.2)
    with layout.write_lock(index, 1.0):
        code, out, err = check(corpus, index)
    assert (code, out) == (3, "")
    assert "is busy" in err
    assert check(corpus, index)[0] == 0


def test_counts_listing_other_documents_are_damage(built: tuple[Path, Path]) -> None:
    """A sync takes the counts kept with the index as the list of what it holds."""
    from nksearch.indexing import recurring

    corpus, index = built
    gen = gen_file(index, ".state").parent
    state = recurring.load(gen, 1)
    assert state is not None and len(state.docs) == 5
    first = sorted(state.docs)[0]
    stamp, prints = state.docs[first]
    state.docs[first] = ("1:1", prints)  # a stamp the index does not hold
    recurring.save(gen, 1, state)
    code, out, _err = check(corpus, index, "--json")
    assert code == 3
    (item,) = json.loads(out)["damage"]
    assert item == {
        "file": f"{gen.name}/recurring-1.state",
        "problem": "lists other documents or stamps than the index holds",
        "fix": f"nksearch index --rebuild --index {index} --corpus {corpus}",
    }
    assert runner.invoke(app, ["index", "--rebuild", "--corpus", str(corpus), "--index", str(index)]).exit_code == 0
    assert check(corpus, index)[0] == 0
