"""Shared fixtures: the seed corpus copied to a temporary folder, and indexes."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

import nksearch
from nksearch.search.index import Index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the five seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def built(corpus: Path, index_dir: Path) -> tuple[Path, Path]:
    """A corpus with a freshly built index: ``(corpus, index_dir)``."""
    nksearch.sync(corpus, index_dir)
    return corpus, index_dir


#: Indexes built once per process (see :func:`_built_once`), by what they hold.
_BUILT: dict[str, Path] = {}


def _built_once(articles: Mapping[str, str], *, seeds: bool = False) -> tuple[Path, Path]:
    """``(corpus, index)`` of ``articles`` (and the seeds), built by the first test that asks.

    Searching never writes an index, so one build serves every test that only
    reads it; it lives outside pytest's temporary folders, which a later
    session may clean, and goes when the process that built it exits. A
    process forked afterwards (mutmut runs each mutant in a fork of the
    process that ran the tests once) finds it built: a search mutant is
    searched against these indexes, not built again for each one.
    """
    key = json.dumps([seeds, sorted(articles.items())])
    if key not in _BUILT:
        base = Path(tempfile.mkdtemp(prefix="nksearch-testindex-"))
        builder = os.getpid()
        atexit.register(lambda: os.getpid() == builder and shutil.rmtree(base, True))
        corpus = base / "corpus"
        if seeds:
            shutil.copytree(SEEDS, corpus)
        corpus.mkdir(exist_ok=True)
        for name, text in articles.items():
            (corpus / name).parent.mkdir(parents=True, exist_ok=True)
            (corpus / name).write_text(text, encoding="utf-8")
        nksearch.sync(corpus, base / "index")
        _BUILT[key] = base
    return _BUILT[key] / "corpus", _BUILT[key] / "index"


@pytest.fixture(scope="session")
def read_only_index() -> Callable[..., tuple[Path, Path]]:
    """``read_only_index({name: text}, seeds=False)``: ``(corpus, index)``, built once.

    For tests that only search or read: they never write to either folder (no
    sync, add or marks); a test that does builds its own in ``tmp_path``.
    """
    return _built_once


@pytest.fixture(scope="session")
def seed_folders() -> tuple[Path, Path]:
    """``(corpus, index)`` of the seeds, built once per process: read only."""
    return _built_once({}, seeds=True)


@pytest.fixture(scope="module")
def seed_index() -> Iterator[Index]:
    """A read-only index of the seeds, opened for each test module."""
    with nksearch.open_index(_built_once({}, seeds=True)[1]) as idx:
        yield idx


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--soak",
        action="store_true",
        default=False,
        help="run the reliability trials (crashes, races, fuzzing) many more times",
    )


def pytest_configure(config: pytest.Config) -> None:
    # One switch for both ways of asking for a soak run; test modules read
    # the environment when they are imported (Hypothesis settings need it then).
    if config.getoption("--soak"):
        os.environ["NKSEARCH_SOAK"] = "1"


@pytest.fixture(scope="session")
def soak() -> int:
    """How many times over to run reliability trials: 1, or 10 under ``--soak``."""
    return 10 if os.environ.get("NKSEARCH_SOAK", "") not in ("", "0") else 1
