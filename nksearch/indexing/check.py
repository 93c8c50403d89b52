"""``nksearch check``: is an index sound, and does it hold its corpus?

Like SQLite's ``PRAGMA integrity_check`` and Lucene's ``CheckIndex``,
:func:`check_index` reads everything an index is made of and says, file by
file, what is wrong:

- ``CURRENT.json``: readable, of this nksearch's index version, naming a
  generation that is there, with the number of documents the index holds;
- the generation's Whoosh files (see ``nksearch._whoosh.verify``): the
  table of contents read safely, every file of every segment present, of
  the size and checksum it was written with, every term, posting list,
  column and stored document decodable, paths unique;
- the side files: the stem cache, the counts of recurring lines and the
  list of skipped files, whose framing and checksums are checked as the
  next sync would check them. A bad one is a note (the next sync remakes
  it), not damage, except counts of recurring lines that list other
  documents than the index holds: a sync takes them as the list of what is
  indexed.

With a corpus folder it also says which files are not in the index (new),
differ from what was indexed (changed), are indexed but gone (deleted), or
were skipped and why. It returns a :class:`CheckReport` and changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from nksearch._whoosh.verify import Verified, verify
from nksearch.documents.corpus import scan
from nksearch.errors import CorpusError, Fix, IndexMissing, IndexProblem
from nksearch.indexing import layout, recurring
from nksearch.indexing.schema import INDEX_VERSION

#: Seconds to wait for a sync to finish before saying the index is busy.
LOCK_TIMEOUT = 5.0


@dataclass(frozen=True)
class Damage:
    """One file of an index that is not right.

    Attributes:
        file: The file, relative to the index folder (``CURRENT.json``,
            ``g-…/MAIN_….pst``).
        problem: What is wrong with it, in plain words.
        fix: What cures it (a rebuild for index files, a sync for counts).
    """

    file: str
    problem: str
    fix: Fix = Fix.REBUILD


@dataclass(frozen=True)
class CorpusDifference:
    """How the corpus differs from the index: paths relative to the corpus."""

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason) of files that could not be read

    @property
    def in_sync(self) -> bool:
        return not (self.new or self.changed or self.deleted)


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_index` found.

    Attributes:
        index: The index folder.
        generation: The generation ``CURRENT.json`` names ("" if unreadable).
        toc: The table of contents in use, relative to the index folder.
        segments: How many segments it lists.
        documents: Live documents in the index.
        checksums: Whether the segment files were compared with the
            checksums written with them (an index made before they were
            written has none: its files are checked by their structure).
        damage: The damaged files; none when the index is sound.
        notes: Caches that are missing or unusable (the next sync remakes them).
        corpus: How the corpus differs, or None when it was not compared.
    """

    index: str
    generation: str
    toc: str
    segments: int
    documents: int
    checksums: bool
    damage: tuple[Damage, ...]
    notes: tuple[str, ...] = ()
    corpus: CorpusDifference | None = None

    @property
    def sound(self) -> bool:
        return not self.damage


def check_index(
    index_dir: str | os.PathLike[str], corpus_dir: str | os.PathLike[str] | None = None
) -> CheckReport:
    """Check every file of the index in ``index_dir`` (and compare it with a corpus).

    The writer lock is held meanwhile, so a sync cannot change the files
    being read (a folder the user cannot write is checked without it).

    Raises:
        IndexMissing: there is no index in ``index_dir``.
        IndexBusyError: a sync kept the index locked for too long.
        CorpusError: ``corpus_dir`` is given and missing.
    """
    index = Path(index_dir)
    with contextlib.ExitStack() as stack:
        if index.is_dir() and os.access(index, os.W_OK):
            stack.enter_context(layout.write_lock(index, LOCK_TIMEOUT))
        return _check(index, corpus_dir)


def _check(index: Path, corpus_dir: str | os.PathLike[str] | None) -> CheckReport:
    damage: list[Damage] = []
    notes: list[str] = []
    try:
        meta = layout.read_meta(index)
    except IndexProblem:
        meta = None
        damage.append(Damage(layout.META, "not readable as the index's description"))
    else:
        if meta is None:
            raise IndexMissing(f"no index in {str(index)!r}", path=index, fix=Fix.SYNC)
    if meta is None:
        return CheckReport(str(index), "", "", 0, 0, False, tuple(damage))
    gen_dir = index / meta.generation
    if meta.version != INDEX_VERSION:
        damage.append(Damage(layout.META, f"made by another nksearch version ({meta.version})"))
    if not (meta.generation.startswith(layout.GEN_PREFIX) and gen_dir.is_dir()):
        damage.append(Damage(meta.generation, "missing: CURRENT.json names it"))
        return CheckReport(str(index), meta.generation, "", 0, 0, False, tuple(damage))
    found = verify(str(gen_dir))
    said: dict[str, list[str]] = {}
    for name, problem in found.problems:  # one entry per file, its problems together
        said.setdefault(name, []).append(problem)
    damage.extend(Damage(f"{meta.generation}/{name}", "; ".join(p)) for name, p in said.items())
    if not found.problems and len(found.stamps) != found.documents:
        damage.append(
            Damage(
                f"{meta.generation}/{found.toc}",
                f"lists {found.documents:,} documents, of which {len(found.stamps):,} have a path",
            )
        )
    elif not found.problems and meta.documents != found.documents:
        damage.append(
            Damage(
                layout.META,
                f"says {meta.documents:,} documents where the index holds {found.documents:,}",
                Fix.SYNC,
            )
        )
    notes.extend(_side_files(index, gen_dir, found))
    damage.extend(_state_of_documents(gen_dir, found))
    corpus = _compare(corpus_dir, index, found) if corpus_dir is not None else None
    toc = f"{meta.generation}/{found.toc}" if found.toc else ""
    return CheckReport(
        str(index),
        meta.generation,
        toc,
        found.segments,
        found.documents,
        found.checksums,
        tuple(damage),
        tuple(notes),
        corpus,
    )


def _side_files(index: Path, gen_dir: Path, found: Verified) -> list[str]:
    """Notes on the caches kept with the index, checked as a sync checks them."""
    notes: list[str] = []
    stems = index / layout.STEMS
    if stems.exists():
        try:
            payload = layout.unframed(layout.STEMS_MAGIC, stems.read_bytes())
        except OSError:
            payload = None
        if payload is None:
            notes.append(f"{layout.STEMS}: damaged or of an older format; the next sync remakes it")
    if found.toc and not found.problems:
        number = int(found.toc.rsplit("_", 1)[1].split(".")[0])
        state = recurring.load(gen_dir, number)
        name = f"{gen_dir.name}/{recurring.state_path(gen_dir, number).name}"
        if state is None:
            notes.append(f"{name}: missing or damaged; the next sync that changes files rebuilds")
    skipped = index / layout.SKIPPED
    if skipped.exists():
        try:
            json.loads(skipped.read_text("utf-8"))
        except (OSError, ValueError):
            notes.append(f"{layout.SKIPPED}: unreadable; skipped files are read again next sync")
    return notes


def _state_of_documents(gen_dir: Path, found: Verified) -> list[Damage]:
    """The state a sync takes as the list of what is indexed, if it says otherwise."""
    if not found.toc or found.problems:
        return []
    number = int(found.toc.rsplit("_", 1)[1].split(".")[0])
    state = recurring.load(gen_dir, number)
    if state is None or state.matches(found.stamps):
        return []
    name = f"{gen_dir.name}/{recurring.state_path(gen_dir, number).name}"
    return [Damage(name, "lists other documents or stamps than the index holds")]


def _compare(
    corpus_dir: str | os.PathLike[str], index: Path, found: Verified
) -> CorpusDifference | None:
    try:
        files = scan(Path(corpus_dir))
    except CorpusError:
        raise
    known = layout.load_skipped(index)
    indexed = found.stamps
    new, changed, skipped = [], [], []
    for rel, stamp in files.files.items():
        old = indexed.get(rel)
        if old == stamp:
            continue
        skip = known.get(rel)
        if old is None and skip and skip[0] == stamp:
            skipped.append((rel, str(skip[1]) if len(skip) > 1 else ""))
        elif old is None:
            new.append(rel)
        else:
            changed.append(rel)
    skipped.extend((item.path, item.reason) for item in files.problems)
    deleted = [rel for rel in indexed if rel not in files.files]
    return CorpusDifference(
        tuple(sorted(new)), tuple(sorted(changed)), tuple(sorted(deleted)), tuple(sorted(skipped))
    )
