"""A person's default folders: ``$XDG_CONFIG_HOME/nksearch/config.toml``.

``nksearch init`` writes the corpus and index folders there (absolute
paths); the front ends read them when no flag or environment variable names
a folder. The file is TOML with two keys, ``corpus`` and ``index``; a file
that cannot be read is an error, never silently ignored.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from nksearch.errors import UsageError


def _toml() -> Any:
    """The TOML reader, loaded only when there is a configuration file to read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib

KEYS = ("corpus", "index")


def config_path() -> Path:
    """Where the configuration file is (``$XDG_CONFIG_HOME``, else ``~/.config``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "nksearch" / "config.toml"


def read_config(path: Path | None = None) -> dict[str, Path]:
    """The folders the configuration file names (empty when there is no file).

    Raises:
        UsageError: the file is not valid TOML or a value is not a string.
    """
    file = path or config_path()
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the configuration {str(file)!r}: {exc}", path=file) from exc
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"the configuration {str(file)!r} is not valid TOML: {exc}") from exc
    found = {}
    for key in KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value or "\x00" in value:
            raise UsageError(f"{key} in the configuration {str(file)!r} is not a folder name")
        found[key] = Path(value).expanduser()
    return found


def write_config(corpus: Path, index: Path, path: Path | None = None) -> Path:
    """Write the default folders (made absolute) and return the file written."""
    import tomli_w

    file = path or config_path()
    values = {
        key: str(folder.expanduser().resolve())
        for key, folder in zip(KEYS, (corpus, index), strict=True)
    }
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        tmp.write_text(tomli_w.dumps(values), "utf-8")
        os.replace(tmp, file)
    except OSError as exc:
        raise UsageError(f"cannot write {str(file)!r}: {exc.strerror}", path=file) from exc
    return file
