"""The corpus's boilerplate as an index keeps it: counts kept with each commit.

Which lines and sentences are boilerplate depends on every document of an
outlet (see ``nksearch.documents.boilerplate``), so each sync needs the
fingerprints of the documents it does not read again. A generation keeps
them in ``recurring-<n>.state``, where ``n`` is the Whoosh table of contents
the state belongs to: for every indexed path its stamp and fingerprints, and
the boilerplate the index was written without. A sync writes the state of
the commit it is about to make before making it, and removes older states
after, so a sync killed at any moment leaves the state of the table of
contents in use.

The file is data: two marshalled parts of plain values (the paths and
stamps, then the rest), each behind a header with its length and CRC-32
(see ``layout.framed``), every field checked on reading. A missing, damaged
or mismatched state, or one made by other rules, is ``None``: the index's
boilerplate is unknown and the next sync rebuilds it.

A sync that changes few documents writes only what changed since the last
whole state of the generation (a *delta*: the paths taken out, the documents
put in, the boilerplate now), naming that state by its table of contents,
size and CRC-32; the whole state is kept while a delta names it. At ten
times IndoSum a whole state is 8.5 MB, rewritten and synced to disk by every
sync that adds a file; a delta of ten files is a few kilobytes. Once the
changes reach :data:`DELTA_SHARE` of the whole state's documents, the next
sync writes a whole state again.

This module also reads the files a sync indexes in one process and cleans
an article of its boilerplate; it does not decide what to index.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from nksearch.documents import boilerplate
from nksearch.documents.boilerplate import FINGERPRINT_SIZE, Prints, Recurring
from nksearch.indexing import layout
from nksearch.indexing.statedocs import COUNT, Columns, Doc, Docs, columns_of
from nksearch.models import Article, Skipped

PREFIX = "recurring-"
SUFFIX = ".state"
_MAGIC = b"nksearch recurring lines, by column 3\n"
#: The header of the state's second part (groups, fingerprints, boilerplate).
_REST = b"the rest\n"
#: The header of a state kept as the changes since a whole state.
_DELTA = b"nksearch recurring lines, changes since a state 1\n"
#: A sync writes a delta while the changes stay under this share of the
#: documents of the whole state they are measured from.
DELTA_SHARE = 0.1
_NAME = re.compile(rf"{PREFIX}(\d+){re.escape(SUFFIX)}")


@dataclasses.dataclass(frozen=True)
class Base:
    """A whole state file, as a delta names it: its table of contents, size and CRC-32."""

    toc: int
    size: int
    crc: int


@dataclasses.dataclass
class State:
    """What a commit of the index was made with.

    Attributes:
        docs: Every indexed path: its stamp and fingerprints.
        found: The boilerplate fingerprints of each group, left out of the index.
    """

    docs: MutableMapping[str, Doc]
    found: Recurring
    #: The whole state ``docs`` were read from (with their changes since), if any.
    base: Base | None = dataclasses.field(default=None, compare=False)

    def matches(self, indexed: dict[str, str]) -> bool:
        """Whether the state covers exactly the documents (and stamps) indexed."""
        docs = self.docs
        if isinstance(docs, Docs):
            return docs.stamps() == indexed
        return {rel: doc[0] for rel, doc in docs.items()} == indexed


def state_path(gen_dir: Path, toc: int) -> Path:
    return gen_dir / f"{PREFIX}{toc}{SUFFIX}"


def save(gen_dir: Path, toc: int, state: State) -> None:
    """Write the state of table of contents ``toc`` (atomically).

    The documents are kept column by column (paths, stamps, groups, body
    fingerprints, unit fingerprints) in two framed parts: the paths and
    stamps first, so a sync that only needs to know what is indexed reads
    and checks that part alone (see :meth:`Saved.stamps`), then the rest.
    """
    docs = state.docs
    if isinstance(docs, Docs) and state.base is not None and state.base.toc != toc:
        removed, added = docs.changes()
        if len(removed) + len(added) < DELTA_SHARE * docs.rows:
            _save_delta(gen_dir, toc, state.base, removed, added, state.found)
            return
    cols = Docs.of(docs).columns()
    head = marshal.dumps({"rules": boilerplate.RULES, "paths": cols.paths, "stamps": cols.stamps})
    rest = marshal.dumps(_rest(cols, state.found))
    framed_head = layout.framed(_MAGIC, head)
    layout._write_atomic(state_path(gen_dir, toc), framed_head + layout.framed(_REST, rest))


def _rest(cols: Columns, found: Recurring) -> dict[str, Any]:
    """What a state holds after the paths and stamps (see :func:`_checked_rest`)."""
    return {
        "groups": cols.groups,
        "bodies": cols.bodies,
        # Every document's unit fingerprints in one run, and how many each has.
        "units": cols.units,
        "counts": cols.counts.tobytes(),
        "found": {group: b"".join(sorted(fps)) for group, fps in found.items()},
    }


def _save_delta(
    gen_dir: Path, toc: int, base: Base, removed: list[str], added: dict[str, Doc], found: Recurring
) -> None:
    """Write the state of ``toc`` as its changes since the whole state ``base``."""
    cols = columns_of(added.items())
    payload = {
        "rules": boilerplate.RULES,
        "base": [base.toc, base.size, base.crc],
        "removed": removed,
        "paths": cols.paths,
        "stamps": cols.stamps,
        **_rest(cols, found),
    }
    layout._write_atomic(state_path(gen_dir, toc), layout.framed(_DELTA, marshal.dumps(payload)))


def _part(magic: bytes, data: bytes) -> tuple[Any, int]:
    """The value framed with ``magic`` at the start of ``data`` and where its frame
    ends, or ``(None, 0)`` when the frame is not whole and right."""
    length = layout.framed_length(magic, data)
    if length is None:
        return None, 0
    end = len(magic) + layout.FRAME_SIZE + length
    try:
        payload = layout.unframed(magic, data[:end])
        return (None, 0) if payload is None else (marshal.loads(payload), end)
    except (ValueError, EOFError, TypeError):
        return None, 0


@dataclasses.dataclass(frozen=True)
class Delta:
    """A delta's changes, checked against the whole state it names."""

    removed: list[str]
    added: Columns
    found: Recurring


@dataclasses.dataclass(frozen=True)
class Saved:
    """A state as read from its file: its paths and stamps checked, the rest still bytes.

    A sync with nothing to do needs only :meth:`stamps`; one that writes
    builds the whole :class:`State` from the same read (:meth:`state`). A
    state kept as a delta is its whole state (``paths``, ``stamps_``,
    ``rest``, ``base``) with the delta's changes.
    """

    paths: list[str]
    stamps_: list[str]
    rest: bytes
    base: Base
    delta: Delta | None = None

    def stamps(self) -> dict[str, str]:
        """``{path: stamp}`` of every document the commit holds."""
        found = dict(zip(self.paths, self.stamps_, strict=True))
        if self.delta is not None:
            for rel in self.delta.removed:
                del found[rel]
            added = self.delta.added
            found.update(zip(added.paths, added.stamps, strict=True))
        return found

    def state(self) -> State | None:
        """The whole state, or None when the part after the stamps is not right."""
        value, end = _part(_REST, self.rest)
        parts = _checked_rest(value, len(self.paths))
        if parts is None or end != len(self.rest):
            return None
        groups, bodies, units, counts, found_bytes = parts
        docs = Docs(Columns(self.paths, self.stamps_, groups, bodies, units, counts))
        found = _found(found_bytes)
        if self.delta is not None:
            for rel in self.delta.removed:
                del docs[rel]
            docs.update(Docs(self.delta.added))
            found = self.delta.found
        return State(docs, found, self.base)


def _found(found_bytes: dict[str, bytes]) -> Recurring:
    size = FINGERPRINT_SIZE
    return {
        group: frozenset(fps[i : i + size] for i in range(0, len(fps), size))
        for group, fps in found_bytes.items()
    }


def read_saved(gen_dir: Path, toc: int, whole: bool = False) -> Saved | None:
    """The state of table of contents ``toc``, or None if its paths and stamps are not right.

    What a sync compares a scan with: the state is written with the commit
    it describes, so it lists exactly the documents that commit holds. With
    ``whole``, a delta is None too.
    """
    try:
        with open(state_path(gen_dir, toc), "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if data.startswith(_DELTA):
        return None if whole else _read_delta(gen_dir, data)
    head, end = _part(_MAGIC, data)
    if not isinstance(head, dict) or head.get("rules") != boilerplate.RULES:
        return None
    rels: Any = head.get("paths")
    stamps: Any = head.get("stamps")
    if not (_all(rels, str) and _all(stamps, str)):
        return None
    if not (len(stamps) == len(rels) == len(set(rels))):
        return None
    return Saved(rels, stamps, data[end:], Base(toc, len(data), zlib.crc32(data)))


def _read_delta(gen_dir: Path, data: bytes) -> Saved | None:
    """A delta with the whole state it names, or None unless both are whole and agree."""
    value, end = _part(_DELTA, data)
    if not isinstance(value, dict) or value.get("rules") != boilerplate.RULES:
        return None
    named: Any = value.get("base")
    removed: Any = value.get("removed")
    paths: Any = value.get("paths")
    stamps: Any = value.get("stamps")
    if end != len(data) or not (_all(named, int) and len(named) == 3):
        return None
    if not (_all(removed, str) and _all(paths, str) and _all(stamps, str)):
        return None
    parts = _checked_rest(value, len(paths))
    if parts is None or len(stamps) != len(paths):
        return None
    base = read_saved(gen_dir, named[0], whole=True)
    if base is None or base.base != Base(*named):
        return None
    taken, put = set(removed), set(paths)
    left = set(base.paths) - taken
    if (
        len(taken) != len(removed)
        or len(put) != len(paths)
        or len(left) + len(taken) != len(base.paths)
    ):
        return None  # a path taken out twice, or not in the whole state; one put in twice
    if not put.isdisjoint(left):
        return None  # a document put in beside the row that holds it
    groups, bodies, units, counts, found_bytes = parts
    added = Columns(paths, stamps, groups, bodies, units, counts)
    return dataclasses.replace(base, delta=Delta(removed, added, _found(found_bytes)))


def load(gen_dir: Path, toc: int) -> State | None:
    """The state of table of contents ``toc``, or None (see :func:`read_saved`)."""
    saved = read_saved(gen_dir, toc)
    return None if saved is None else saved.state()


_COUNT = array(COUNT)


def _all(values: Any, kind: type) -> bool:
    """Whether ``values`` is a list of exactly ``kind`` (checked at C speed)."""
    return type(values) is list and (not values or set(map(type, values)) == {kind})


def _checked_rest(value: Any, count: int) -> tuple[list[str], bytes, bytes, Any, Any] | None:
    """The groups, fingerprints, counts and boilerplate of ``count`` documents, or None."""
    if not isinstance(value, dict):
        return None
    groups: Any = value.get("groups")
    bodies: Any = value.get("bodies")
    units: Any = value.get("units")
    found: Any = value.get("found")
    raw_counts: Any = value.get("counts")
    size = FINGERPRINT_SIZE
    if not (_all(groups, str) and len(groups) == count):
        return None
    if not (isinstance(bodies, bytes) and len(bodies) == count * size):
        return None
    if not (isinstance(raw_counts, bytes) and len(raw_counts) == count * _COUNT.itemsize):
        return None
    counts = array(_COUNT.typecode, raw_counts)
    if not isinstance(units, bytes) or len(units) != sum(counts) * size:
        return None
    if not isinstance(found, dict):
        return None
    for group, fps in found.items():
        if not (isinstance(group, str) and isinstance(fps, bytes) and len(fps) % size == 0):
            return None
    return groups, bodies, units, counts, found


def remove_others(gen_dir: Path, keep: int) -> None:
    """Delete the states of other tables of contents (older, or of killed syncs),
    but not the whole state that of ``keep`` is a delta of."""
    kept = {keep, _base_of(gen_dir, keep)}
    with contextlib.suppress(OSError):
        for name in os.listdir(gen_dir):
            match = _NAME.fullmatch(name)
            if match and int(match.group(1)) not in kept:
                with contextlib.suppress(OSError):
                    os.remove(gen_dir / name)


def _base_of(gen_dir: Path, toc: int) -> int | None:
    """The table of contents of the whole state the state of ``toc`` is a delta of."""
    try:
        with open(state_path(gen_dir, toc), "rb") as handle:
            data = handle.read(len(_DELTA))
            if data != _DELTA:
                return None
            data += handle.read()
    except OSError:
        return None
    value, _end = _part(_DELTA, data)
    named = value.get("base") if isinstance(value, dict) else None
    return named[0] if _all(named, int) and named else None


def found_in(docs: Mapping[str, Doc]) -> Recurring:
    """The boilerplate of these documents."""
    if isinstance(docs, Docs):
        return boilerplate.recurring_in(docs.distinct())
    return boilerplate.recurring(p for _stamp, p in docs.values())


def clean(article: Article, cut: frozenset[bytes]) -> Article:
    """``article`` without the boilerplate ``cut`` (fingerprints found in it)."""
    if not cut:
        return article
    return dataclasses.replace(article, body=boilerplate.strip(article.body, cut))


def cut_of(p: Prints, found: Recurring) -> frozenset[bytes]:
    """The boilerplate fingerprints of one document."""
    return p.matching(found.get(p.group, frozenset()))


Read = tuple[str, str, Article, Prints]  # path, stamp, article (raw text dropped), prints


def read(root: Path, todo: Iterable[tuple[str, str]]) -> Iterator[Read | Skipped]:
    """Read, clean and fingerprint each of ``todo`` in this process."""
    from nksearch.documents import decode  # page cleaning loads only when files are read

    for rel, stamp in todo:
        found = decode.read_article(root, root / rel)
        if isinstance(found, Skipped):
            yield found
        else:
            article = dataclasses.replace(found, raw="")
            yield rel, stamp, article, boilerplate.prints(article.source, article.body)


def front_matter_warnings(
    root: Path, read: list[tuple[str, str]], skipped: list[Skipped]
) -> tuple[Skipped, ...]:
    """Markdown files just indexed whose front matter was unusable, and why.

    Only files that open with ``---`` are read again, and only once each sync.
    """
    if not any(rel.lower().endswith(".md") for rel, _stamp in read):
        return ()  # nothing to check: leave page reading unimported
    from nksearch.documents import decode, frontmatter

    gone = {item.path for item in skipped}
    found: list[Skipped] = []
    for rel, _stamp in read:
        if rel in gone or not rel.lower().endswith(".md"):
            continue
        text = decode.read_text(root, root / rel)
        if isinstance(text, Skipped) or not text[1].lstrip("\ufeff").startswith("---"):
            continue
        why = frontmatter.problem(text[1])
        if why is not None:
            found.append(Skipped(rel, why))
    return tuple(found)
