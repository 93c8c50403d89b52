"""Shared fixtures: the seed corpus copied to a temporary folder, and indexes."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """A read-only index of the seeds, shared by a test module."""
    base = tmp_path_factory.mktemp("seedindex")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    nksearch.sync(corpus, base / "index")
    with nksearch.open_index(base / "index") as idx:
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
