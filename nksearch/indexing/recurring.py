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

The file is data: a header with the length and CRC-32 of a marshalled
payload (see ``layout.framed``) of plain values whose every field is checked
on reading. A missing, damaged
or mismatched state, or one made by other rules, is ``None``: the index's
boilerplate is unknown and the next sync rebuilds it.

This module also reads the files a sync indexes in one process and cleans
an article of its boilerplate; it does not decide what to index.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from nksearch.documents import boilerplate
from nksearch.documents.boilerplate import Prints, Recurring
from nksearch.indexing import layout
from nksearch.models import Article, Skipped

PREFIX = "recurring-"
SUFFIX = ".state"
_MAGIC = b"nksearch recurring lines\n"
_NAME = re.compile(rf"{PREFIX}(\d+){re.escape(SUFFIX)}")

#: One indexed document: its stamp and its fingerprints.
Doc = tuple[str, Prints]


@dataclasses.dataclass
class State:
    """What a commit of the index was made with.

    Attributes:
        docs: Every indexed path: its stamp and fingerprints.
        found: The boilerplate fingerprints of each group, left out of the index.
    """

    docs: dict[str, Doc]
    found: Recurring

    def matches(self, indexed: dict[str, str]) -> bool:
        """Whether the state covers exactly the documents (and stamps) indexed."""
        if len(indexed) != len(self.docs):
            return False
        docs = self.docs
        return all(docs.get(rel, ("",))[0] == stamp for rel, stamp in indexed.items())


def state_path(gen_dir: Path, toc: int) -> Path:
    return gen_dir / f"{PREFIX}{toc}{SUFFIX}"


def save(gen_dir: Path, toc: int, state: State) -> None:
    """Write the state of table of contents ``toc`` (atomically)."""
    payload = marshal.dumps(
        {
            "rules": boilerplate.RULES,
            "docs": {
                rel: (stamp, p.group, p.body, p.units) for rel, (stamp, p) in state.docs.items()
            },
            "found": {group: b"".join(sorted(fps)) for group, fps in state.found.items()},
        }
    )
    layout._write_atomic(state_path(gen_dir, toc), layout.framed(_MAGIC, payload))


def load(gen_dir: Path, toc: int) -> State | None:
    """The state of table of contents ``toc``, or None if it is not whole and right."""
    try:
        with open(state_path(gen_dir, toc), "rb") as handle:
            payload = layout.unframed(_MAGIC, handle.read())
        return None if payload is None else _parse(marshal.loads(payload))
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _parse(value: Any) -> State | None:
    size = boilerplate.FINGERPRINT_SIZE
    if not isinstance(value, dict) or value.get("rules") != boilerplate.RULES:
        return None
    docs_in, found_in = value.get("docs"), value.get("found")
    if not isinstance(docs_in, dict) or not isinstance(found_in, dict):
        return None
    docs: dict[str, Doc] = {}
    for rel, row in docs_in.items():
        if not (isinstance(rel, str) and isinstance(row, tuple) and len(row) == 4):
            return None
        stamp, group, body, units = row
        if not (isinstance(stamp, str) and isinstance(group, str)):
            return None
        if not (isinstance(body, bytes) and len(body) == size):
            return None
        if not (isinstance(units, bytes) and len(units) % size == 0):
            return None
        docs[rel] = (stamp, Prints(group, body, units))
    found: Recurring = {}
    for group, fps in found_in.items():
        if not (isinstance(group, str) and isinstance(fps, bytes) and len(fps) % size == 0):
            return None
        found[group] = frozenset(fps[i : i + size] for i in range(0, len(fps), size))
    return State(docs, found)


def remove_others(gen_dir: Path, keep: int) -> None:
    """Delete the states of other tables of contents (older, or of killed syncs)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(gen_dir):
            match = _NAME.fullmatch(name)
            if match and int(match.group(1)) != keep:
                with contextlib.suppress(OSError):
                    os.remove(gen_dir / name)


def found_in(docs: Iterable[Doc]) -> Recurring:
    """The boilerplate of these documents."""
    return boilerplate.recurring(p for _stamp, p in docs)


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
