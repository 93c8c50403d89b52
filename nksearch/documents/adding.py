"""Copy files and folders into a corpus folder, safely.

:func:`add_files` checks every file first and copies nothing unless all can
be added: only regular document files (see ``corpus.SUFFIXES``), never a
symlink, never written through a symlink in the corpus, and never silently
replacing a different file of the same name (an identical one is left as it
is). A folder brings its document files at any depth, under a folder of its
own name in the corpus (``news/2020/a.txt`` for ``add news``); its other
files are not documents and stay behind, and a symlink in it is refused like
one given by name. Each file is copied through a new temporary file in the
corpus and renamed into place, so a sync never reads half a file and an
existing file is replaced whole.

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


def _kinds() -> str:
    """The document suffixes in words: ``.txt or .md``."""
    names = list(SUFFIXES)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _is_document(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


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
    planned: dict[Path, Path] = {}
    for name in files:
        src = Path(name)
        if src.is_symlink():
            raise UsageError(f"{src} is a symlink; add what it points to instead", path=src)
        if src.is_dir():
            pairs = _folder_documents(src, root)
        elif not src.is_file():
            raise UsageError(f"{src} is not a file or a folder", path=src)
        elif not _is_document(src.name):
            raise UsageError(f"{src} is not a {_kinds()} file", path=src)
        elif src.resolve().parent != root and src.resolve().is_relative_to(root):
            raise UsageError(f"{src} is in the corpus already", path=src)
        else:
            pairs = [(src, root / src.name)]
        for source, dest in pairs:
            earlier = planned.setdefault(dest, source)
            if earlier != source:
                raise UsageError(
                    f"{earlier} and {source} would both be copied to"
                    f" {dest.relative_to(root).as_posix()}; add them one at a time",
                    path=source,
                )
            if _needs_copy(root, source, dest, overwrite):
                plan.append((source, dest))
    _no_file_where_a_folder_goes(planned, root)
    return plan


def _no_file_where_a_folder_goes(planned: dict[Path, Path], root: Path) -> None:
    """Refuse a plan that puts a file where another planned file needs a folder."""
    for dest, source in planned.items():
        for parent in dest.relative_to(root).parents[:-1]:
            clash = planned.get(root / parent)
            if clash is not None:
                raise UsageError(
                    f"{clash} would be copied to {parent.as_posix()}, where {source} needs"
                    " a folder; add them one at a time",
                    path=clash,
                )


def _folder_documents(folder: Path, root: Path) -> list[tuple[Path, Path]]:
    """``(source, destination)`` of each document file under ``folder``, at any depth.

    Destinations keep the files' paths under a folder of ``folder``'s name.
    """
    base = folder.resolve()
    if base.is_relative_to(root):
        raise UsageError(f"{folder} is in the corpus already", path=folder)
    if root.is_relative_to(base):
        raise UsageError(f"{folder} holds the corpus; add the folders beside it", path=folder)
    target = root / base.name
    found: list[tuple[Path, Path]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as exc:
            raise UsageError(f"cannot read folder {current}: {exc.strerror}", path=current) from exc
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                if _is_document(entry.name) or path.is_dir():
                    raise UsageError(
                        f"{path} is a symlink; nksearch never copies through one:"
                        " add what it points to instead",
                        path=path,
                    )
                continue  # a link to some other file: not a document either way
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.is_file(follow_symlinks=False) and _is_document(entry.name):
                found.append((path, target / path.relative_to(folder)))
    if not found:
        raise UsageError(f"{folder} holds no {_kinds()} files", path=folder)
    return sorted(found)


def _needs_copy(root: Path, src: Path, dest: Path, overwrite: bool) -> bool:
    """Whether ``src`` must be copied to ``dest``; raises when it must not be."""
    rel = dest.relative_to(root)
    for parent in reversed(rel.parents[:-1]):  # the folders between root and dest
        folder = root / parent
        if folder.is_symlink():
            raise UsageError(
                f"{parent.as_posix()} in the corpus is a symlink; nksearch never writes"
                " through one: remove it or rename the folder",
                path=folder,
            )
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{parent.as_posix()} in the corpus is not a folder", path=folder)
    shown = rel.as_posix()
    if dest.is_symlink():
        raise UsageError(
            f"{shown} in the corpus is a symlink; nksearch never writes through"
            " one: remove it or rename the file",
            path=dest,
        )
    if not dest.exists():
        return True
    if src.resolve() == dest.resolve():
        return False
    if _same_bytes(src, dest):
        return False  # already there: copying it again would only change its stamp
    if not overwrite:
        raise UsageError(
            f"a different {shown} is already in the corpus", path=dest, fix=Fix.OVERWRITE
        )
    return True


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
    """Copy ``files`` (and the document files of folders) into the corpus.

    Returns the corpus paths copied (``a.txt``, ``news/2020/b.txt``).

    Raises:
        CorpusError: the corpus folder is missing.
        UsageError: a file cannot be added or copied (nothing is copied when
            a check fails).
    """
    root = check_corpus(corpus)
    copied: list[str] = []
    for src, dest in plan_copies(corpus, files, overwrite=overwrite):
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            copy_into(src, dest)
        except OSError as exc:
            raise UsageError(f"cannot copy: {exc.strerror}: {exc.filename}", path=src) from exc
        copied.append(dest.relative_to(root).as_posix())
    return copied
