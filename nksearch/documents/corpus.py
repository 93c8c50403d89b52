"""The corpus directory: which files are documents, and whether they changed.

A scan walks the corpus once with ``os.scandir`` (no reads) and returns a
stamp per document file, so a sync with nothing to do costs one ``stat`` per
file. Symlinks are followed only to regular files inside the corpus; loops,
dangling links and links leading out are reported, not followed, and so are
document names that are not regular files or not UTF-8. Paths given by a
user are resolved here and refused when they leave the corpus.

This module does not decode or parse files (see ``documents``).
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from nksearch.documents.safety import escape_undecodable
from nksearch.errors import CorpusError, DocumentNotFound, Fix, PathOutsideCorpus
from nksearch.models import Skipped

SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Scan:
    """Document files found under a corpus root.

    ``files`` maps a corpus-relative path (forward slashes) to its stamp
    (see :func:`stamp_size`), in the order the folders listed them (sort
    where order matters); ``problems`` lists files that cannot be read.
    """

    root: Path
    files: dict[str, str]
    problems: tuple[Skipped, ...]
    #: Modification time (ns) of every folder listed, by corpus-relative
    #: path (``""`` is the root), each read just before the folder was listed.
    folders: dict[str, int] = field(default_factory=dict)
    #: When the scan began (``time.time_ns()``).
    started_ns: int = 0


def check_corpus(root: Path) -> Path:
    """The resolved corpus root, or a :class:`CorpusError` saying what is wrong."""
    if not root.exists():
        raise CorpusError(
            f"corpus directory {str(root)!r} does not exist", path=root, fix=Fix.OTHER_CORPUS
        )
    if not root.is_dir():
        raise CorpusError(
            f"corpus {str(root)!r} is not a directory", path=root, fix=Fix.OTHER_CORPUS
        )
    return root.resolve()


def _stamp(st: os.stat_result) -> str:
    """A file's stamp: ``"<mtime_ns>:<size>"``; equal stamps mean an unchanged file."""
    return f"{st.st_mtime_ns}:{st.st_size}"


def stamp_size(stamp: str) -> int:
    """The file size recorded in a stamp made by :func:`scan`."""
    return int(stamp.rpartition(":")[2])


def scan(root: Path) -> Scan:
    """Find every document (``.txt``, ``.md``, ``.html``, ``.htm``) under ``root``, recursively.

    Each folder's modification time is read just before it is listed (see
    ``Scan.folders``), so a later check can tell which folders gained or lost
    entries since.
    """
    base = check_corpus(root)
    started = time.time_ns()
    files: dict[str, str] = {}
    problems: list[Skipped] = []
    folders: dict[str, int] = {}
    pending = [base]
    while pending:
        pending.extend(list_folder(base, pending.pop(), files, problems, folders))
    return Scan(base, files, tuple(problems), folders, started)


def list_folder(
    base: Path,
    folder: Path,
    files: dict[str, str],
    problems: list[Skipped],
    folders: dict[str, int],
) -> list[Path]:
    """Stamp the documents directly in ``folder``; return its subfolders to list.

    The folder's modification time goes into ``folders`` (under its path
    relative to ``base``, ``""`` for the root), read before its entries.
    """
    prefix = len(str(base)) + (0 if str(base).endswith(os.sep) else 1)
    folder_rel = str(folder)[prefix:]
    start = f"{folder_rel}/" if folder_rel else ""
    subfolders: list[Path] = []
    try:
        # Entries listed through a descriptor are stamped relative to it
        # (fstatat), without resolving the folder's path again for each file.
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        problems.append(_skip(folder_rel or ".", f"folder not readable: {exc.strerror}"))
        return subfolders
    try:
        folders[folder_rel] = os.fstat(fd).st_mtime_ns
        before = len(files)
        # The usual document, a plain file with an ASCII name, is stamped in
        # one pass at C speed from the folder's names (``os.stat`` relative to
        # its descriptor); every other entry (subfolders, symlinks, odd
        # names, a file that changed kind or vanished meanwhile) is looked at
        # one by one through ``os.scandir``.
        names = os.listdir(fd)
        plain = [name for name in names if name.endswith(SUFFIXES) and name.isascii()]
        stamped = _stamps(fd, plain)
        files.update({start + n: s for n, s in stamped.items()} if start else stamped)
        if len(files) - before < len(names):  # entries other than plain documents
            with os.scandir(fd) as listing:
                for entry in listing:
                    if start + entry.name not in files:
                        _list_entry(base, folder, start, entry, files, problems, subfolders)
    except OSError as exc:
        problems.append(_skip(folder_rel or ".", f"folder not readable: {exc.strerror}"))
    finally:
        os.close(fd)
    return subfolders


_BAD_NAME = "{} name is not valid UTF-8; rename it"


def _stamps(fd: int, names: list[str]) -> dict[str, str]:
    """``{name: stamp}`` of the regular files among ``names`` in the folder open
    as ``fd`` (``lstat``, one pass); a name gone or unreadable meanwhile, or no
    regular file, is left out (and looked at again one by one)."""
    stat_at, regular = os.stat, stat.S_ISREG
    try:
        return {
            name: f"{st.st_mtime_ns}:{st.st_size}"
            for name in names
            if regular((st := stat_at(name, dir_fd=fd, follow_symlinks=False)).st_mode)
        }
    except OSError:
        found = {}
        for name in names:
            try:
                st = stat_at(name, dir_fd=fd, follow_symlinks=False)
            except OSError:
                continue
            if regular(st.st_mode):
                found[name] = _stamp(st)
        return found


def _list_entry(
    base: Path,
    folder: Path,
    start: str,
    entry: os.DirEntry[str],
    files: dict[str, str],
    problems: list[Skipped],
    subfolders: list[Path],
) -> None:
    """Stamp one entry of ``folder`` as a document, or queue it as a subfolder."""
    name = entry.name
    is_document = name.lower().endswith(SUFFIXES)
    try:
        if is_document and entry.is_file(follow_symlinks=False):
            st = entry.stat(follow_symlinks=False)
            if name.isascii() and stat.S_ISREG(st.st_mode):
                files[start + name] = _stamp(st)
            else:
                _add(start + name, st, "not a regular file", files, problems)
        elif entry.is_symlink():
            _scan_link(base, folder / name, start + name, files, problems)
        elif entry.is_dir(follow_symlinks=False):
            rel = start + name  # POSIX only, like the writer lock
            if _undecodable(rel):  # its files could not be named in the index
                problems.append(_skip(rel, _BAD_NAME.format("folder")))
            else:
                subfolders.append(folder / name)
        elif is_document:
            _add(start + name, entry.stat(follow_symlinks=False), "not a regular file",
                 files, problems)  # fmt: skip
    except OSError as exc:
        if is_document:
            problems.append(_skip(start + name, f"not readable: {exc.strerror}"))


def _skip(rel: str, reason: str) -> Skipped:
    return Skipped(escape_undecodable(rel), reason)


def _undecodable(rel: str) -> bool:
    """Whether a path holds bytes that are not UTF-8 (decoded as surrogates)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _scan_link(
    base: Path, path: Path, rel: str, files: dict[str, str], problems: list[Skipped]
) -> None:
    if not path.name.lower().endswith(SUFFIXES):
        return  # linked folders are not followed: no loops, no escapes
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.append(_skip(rel, "broken or looping symlink"))
        return
    if not target.is_relative_to(base):
        problems.append(_skip(rel, "symlink points outside the corpus"))
        return
    _add(rel, target.stat(), "symlink to something other than a file", files, problems)


def _add(
    rel: str, st: os.stat_result, not_regular: str, files: dict[str, str], problems: list[Skipped]
) -> None:
    """Count a document file in, or say why not (``not_regular`` if it is no regular file)."""
    if not stat.S_ISREG(st.st_mode):
        problems.append(_skip(rel, not_regular))
    elif _undecodable(rel):
        problems.append(_skip(rel, _BAD_NAME.format("file")))
    else:
        files[rel] = _stamp(st)


def resolve_document(root: Path, name: str) -> tuple[Path, str]:
    """Resolve a user-given document path to ``(absolute, corpus-relative)``.

    Accepts a path relative to the corpus or to the current directory; refuses
    anything that resolves outside the corpus, symlinks included.
    """
    base = check_corpus(root)
    candidate = Path(name)
    options = [candidate] if candidate.is_absolute() else [base / candidate, candidate]
    for option in options:
        if not option.exists():
            continue
        resolved = option.resolve()
        if not resolved.is_relative_to(base):
            raise PathOutsideCorpus(
                f"{name!r} is outside the corpus {str(base)!r}; only corpus documents can be shown",
                path=name,
            )
        if not resolved.is_file():
            raise DocumentNotFound(f"{name!r} is not a file in the corpus", path=name)
        return resolved, resolved.relative_to(base).as_posix()
    if ".." in candidate.parts or candidate.is_absolute():
        raise PathOutsideCorpus(f"{name!r} is outside the corpus {str(base)!r}", path=name)
    raise DocumentNotFound(f"no document {name!r} in the corpus", path=name, fix=Fix.LIST_DOCUMENTS)
