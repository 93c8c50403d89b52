"""Writes that survive power loss: sync order, and simulated power failures.

The order test watches ``os.fsync`` and the renames of a sync: every file a
commit makes visible is synced before the rename that does it, and the
folder after. The power-loss tests (see ``powerloss``) keep, at every sync
point of a real sync or rebuild, only what the disk had been told to keep,
and check that each such folder opens and answers exactly as the index did
before or as it does after, and that the next sync finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from powerloss import Disk

import nksearch
from nksearch._whoosh import opening
from nksearch.indexing import layout, recurring

QUERIES = ("perdamaian", "Putin", "Sochi", '"gencatan senjata"', "Lavrov Moskwa", "bank")
NEW_ARTICLE = (
    "Lavrov Bertemu di Moskwa\n\nMenlu Rusia Sergei Lavrov menerima bank dunia di Moskwa.\n"
)

Answers = tuple[tuple[int, tuple[str, ...]], ...]

# The simulator finds a synced descriptor's file through /proc (Linux).
pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")


def answers(index: Path) -> Answers:
    with nksearch.open_index(index) as idx:
        found = []
        for text in QUERIES:
            results = idx.search(text, limit=50)
            found.append((results.total, tuple(sorted(hit.path for hit in results.hits))))
        return tuple(found)


def add_one(corpus: Path, index: Path) -> None:
    (corpus / "lavrov.txt").write_text(NEW_ARTICLE)
    nksearch.sync(corpus, index)


def remove_one(corpus: Path, index: Path) -> None:
    (sorted(corpus.iterdir())[0]).unlink()
    nksearch.sync(corpus, index)


def rebuild(corpus: Path, index: Path) -> None:
    (corpus / "lavrov.txt").write_text(NEW_ARTICLE)
    nksearch.sync(corpus, index, rebuild=True)


CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "add": add_one,
    "remove": remove_one,
    "rebuild": rebuild,
}


def watched(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, change: str
) -> tuple[Disk, Answers, Answers]:
    corpus, index = built
    before = answers(index)
    disk = Disk(index)
    with disk.watching(monkeypatch):
        CHANGES[change](corpus, index)
    after = answers(index)
    assert after != before
    return disk, before, after


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_power_loss_leaves_the_old_or_the_new_index(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: str
) -> None:
    corpus, _index = built
    disk, before, after = watched(built, monkeypatch, change)
    images = disk.images(tmp_path / "images")
    assert len(images) >= 4  # the start, and at least the commit's own sync points
    seen = set()
    for what, image in images:
        found = answers(image)
        assert found in (before, after), f"after syncing {what}"
        seen.add(found == after)
        nksearch.sync(corpus, image)  # the next sync finishes the job
        assert answers(image) == after, f"after syncing {what}, then a sync"
    assert seen == {False, True}  # both sides of the commit were reached


def _delta_files(index: Path) -> list[str]:
    gen = index / layout.read_meta(index).generation  # type: ignore[union-attr]
    return sorted(
        p.name
        for p in gen.glob("recurring-*.state")
        if p.read_bytes().startswith(b"nksearch recurring lines, changes")
    )


@pytest.mark.parametrize("first", ["whole", "delta"])
def test_a_power_loss_while_a_sync_writes_a_delta(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, first: str
) -> None:
    """The same, with the counts of recurring lines kept as a delta: a sync
    from a whole state writes its first delta, or one from a delta writes
    the next (five documents write whole states otherwise)."""
    monkeypatch.setattr(recurring, "DELTA_SHARE", 1.0)
    corpus, index = built
    if first == "delta":
        add_one(corpus, index)
    assert len(_delta_files(index)) == (first == "delta")
    disk, before, after = watched(built, monkeypatch, "remove")
    assert len(_delta_files(index)) == 1
    seen = set()
    for what, image in disk.images(tmp_path / "images"):
        found = answers(image)
        assert found in (before, after), f"after syncing {what}"
        seen.add(found == after)
        report = nksearch.sync(corpus, image)  # the next sync finishes the job
        assert not report.rebuilt, f"after syncing {what}: {report.reason}"
        assert answers(image) == after, f"after syncing {what}, then a sync"
        checked = nksearch.check(image, corpus)
        assert checked.sound and checked.notes == (), f"after syncing {what}"
    assert seen == {False, True}


def test_the_simulation_catches_a_commit_that_does_not_sync(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without syncing segment files before the table of contents, a power loss breaks it."""
    monkeypatch.setattr(opening.DurableStorage, "sync_files", lambda self: self._unsynced.clear())
    disk, before, after = watched(built, monkeypatch, "add")
    broken = []
    for what, image in disk.images(tmp_path / "images"):
        try:
            found = answers(image)
        except nksearch.NksearchError:
            broken.append(what)
            continue
        if found not in (before, after):
            broken.append(what)
    assert broken


def synced_before(events: list[tuple[str, ...]], path: str, until: int) -> bool:
    return ("fsync", path) in events[:until]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_files_are_synced_before_the_rename_that_shows_them(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    _corpus, index = built
    disk, _before, _after = watched(built, monkeypatch, change)
    events = disk.events
    meta = layout.read_meta(index)
    assert meta is not None
    gen = index / meta.generation
    renames = [(i, e) for i, e in enumerate(events) if e[0] in ("rename", "replace")]
    assert renames
    for i, (_kind, src, dst) in renames:
        # What a rename makes visible was synced first, and its folder after.
        assert synced_before(events, src, i), (src, dst)
        folder = str(Path(dst).parent)
        assert ("fsync", folder) in events[i + 1 :], dst
    # The table of contents in use names only files synced before it was renamed in.
    (toc,) = gen.glob("_MAIN_*.toc")
    (at,) = [i for i, (_k, _s, dst) in renames if dst == str(toc)]
    segment_files = [
        p for p in gen.iterdir() if p.name.startswith("MAIN_") and "WRITELOCK" not in p.name
    ]
    assert segment_files
    new = [p for p in segment_files if ("fsync", str(p)) in events]
    assert bool(new) == (change != "remove")  # a removal only marks documents deleted
    for path in new:
        assert synced_before(events, str(path), at), path
    # CURRENT.json is replaced last, after the generation it names is on disk.
    current = [i for i, (_k, _s, dst) in renames if dst == str(index / layout.META)]
    assert current and current[-1] > at
    if change == "rebuild":
        assert synced_before(events, str(index), at)  # the new generation's folder entry
