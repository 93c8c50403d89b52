"""Copy files into a corpus folder, safely.

:func:`add_files` checks every file first and copies nothing unless all can
be added: only regular ``.txt``/``.md`` files, never a symlink, never written
through a symlink in the corpus, and never silently replacing a different
file of the same name (an identical one is left as it is). Each file is
copied through a new temporary file in the corpus and renamed into place, so
a sync never reads half a file and an existing file is replaced whole.

This module does not sync the index (``nksearch.add`` does, after it).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from nksearch.documents.corpus import SUFFIXES, check_corpus
from nksearch.errors import Fix, UsageError


def plan_copies(
    corpus: Path, files: Iterable[str | os.PathLike[str]], *, overwrite: bool = False
) -> list[tuple[Path, Path]]:
    """``(source, destination)`` for each file that needs copying.

    Raises:
        CorpusError: the corpus folder is missing.
        UsageError: a file cannot be added (and nothing is copied).
    """
    root = check_corpus(corpus)
    plan: list[tuple[Path, Path]] = []
    for name in files:
        src = Path(name)
        if src.is_symlink():
            raise UsageError(f"{src} is a symlink; add the file it points to instead", path=src)
        if not src.is_file():
            raise UsageError(f"{src} is not a file", path=src)
        if not src.name.lower().endswith(SUFFIXES):
            raise UsageError(f"{src} is not a .txt or .md file", path=src)
        dest = root / src.name
        if dest.is_symlink():
            raise UsageError(
                f"{src.name} in the corpus is a symlink; nksearch never writes through"
                " one: remove it or rename the file",
                path=dest,
            )
        if src.resolve() == dest.resolve():
            continue
        if dest.exists():
            if _same_bytes(src, dest):
                continue  # already there: copying it again would only change its stamp
            if not overwrite:
                raise UsageError(
                    f"a different {src.name} is already in the corpus", path=dest, fix=Fix.OVERWRITE
                )
        plan.append((src, dest))
    return plan


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (compared a block at a time)."""
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as left, b.open("rb") as right:
        while True:
            block = left.read(1 << 16)
            if block != right.read(1 << 16):
                return False
            if not block:
                return True


def copy_into(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` through a new temporary file beside ``dest``.

    The file appears whole or not at all, and an existing ``dest`` is
    replaced, never written through.
    """
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as data:
            shutil.copyfileobj(data, out)
            out.flush()
            os.fsync(out.fileno())
        shutil.copymode(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def add_files(
    corpus: Path, files: Iterable[str | os.PathLike[str]], *, overwrite: bool = False
) -> list[str]:
    """Copy ``files`` into the corpus root; returns the names copied.

    Raises:
        CorpusError: the corpus folder is missing.
        UsageError: a file cannot be added or copied (nothing is copied when
            a check fails).
    """
    copied: list[str] = []
    for src, dest in plan_copies(corpus, files, overwrite=overwrite):
        try:
            copy_into(src, dest)
        except OSError as exc:
            raise UsageError(f"cannot copy: {exc.strerror}: {exc.filename}", path=src) from exc
        copied.append(dest.name)
    return copied
