"""Shared fixtures: the seed corpus copied to a temporary folder, and indexes."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
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


#: The seeds' index, built once per process (see :func:`seed_index`).
_SEED_INDEX: list[Path] = []


def _seed_index_folder() -> Path:
    """A folder holding the seeds' index, built by the first test that asks.

    Searching never writes an index, so one build serves every test module
    of the process; it lives outside pytest's temporary folders, which a
    later session may clean, and goes when the process that built it exits.
    A process forked afterwards (mutmut runs each mutant in a fork of the
    process that ran the tests once) finds it built: a search mutant is
    searched against the seeds' index, not built again for each one.
    """
    if not _SEED_INDEX:
        base = Path(tempfile.mkdtemp(prefix="nksearch-seedindex-"))
        builder = os.getpid()
        atexit.register(lambda: os.getpid() == builder and shutil.rmtree(base, True))
        shutil.copytree(SEEDS, base / "corpus")
        nksearch.sync(base / "corpus", base / "index")
        _SEED_INDEX.append(base / "index")
    return _SEED_INDEX[0]


@pytest.fixture(scope="module")
def seed_index() -> Iterator[Index]:
    """A read-only index of the seeds, opened for each test module."""
    with nksearch.open_index(_seed_index_folder()) as idx:
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
