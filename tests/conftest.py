"""Shared fixtures: the seed corpus copied to a temporary folder, and indexes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from shared_indexes import SEEDS, built_once

import nksearch
from nksearch.search.index import Index


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


@pytest.fixture(scope="session")
def read_only_index() -> Callable[..., tuple[Path, Path]]:
    """``read_only_index({name: text}, seeds=False)``: ``(corpus, index)``, built once.

    For tests that only search or read: they never write to either folder (no
    sync, add or marks); a test that does builds its own in ``tmp_path``.
    Built once per process, even across pytest sessions (see ``shared_indexes``).
    """
    return built_once


@pytest.fixture(scope="session")
def seed_folders() -> tuple[Path, Path]:
    """``(corpus, index)`` of the seeds, built once per process: read only."""
    return built_once({}, seeds=True)


@pytest.fixture(scope="module")
def seed_index(seed_folders: tuple[Path, Path]) -> Iterator[Index]:
    """A read-only index of the seeds, opened for each test module."""
    with nksearch.open_index(seed_folders[1]) as idx:
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
