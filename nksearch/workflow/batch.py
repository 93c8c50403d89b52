"""A batch file: one query per line, ``#`` comments and blank lines skipped.

The file is read as UTF-8 (a byte-order mark is allowed); each query keeps
its line number so that a bad one can be reported by it while the others
still run.
"""

from __future__ import annotations

from pathlib import Path

from nksearch.errors import UsageError


def read_batch(path: str | Path) -> list[tuple[int, str]]:
    """The queries of a batch file, as ``(line number, query)``.

    Raises:
        UsageError: the file cannot be read or is not UTF-8 text.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {str(file)!r}: {exc.strerror}", path=file) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{str(file)!r} is not UTF-8 text (byte {exc.start + 1})", path=file
        ) from exc
    queries = []
    for number, line in enumerate(text.splitlines(), 1):
        query = line.strip()
        if query and not query.startswith("#"):
            queries.append((number, query))
    return queries
