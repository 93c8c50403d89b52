"""Indexes that tests only read, built once per process and kept for its later sessions.

This lives outside ``conftest.py`` on purpose: pytest imports a conftest
afresh for every session it runs (it drops ``conftest`` from
``sys.modules`` first), but leaves a module like this one loaded. mutmut
runs the tests once and then each mutant in a fork that starts a new pytest
session; the indexes built in that first run are still here for every fork,
so a search mutant is searched against them instead of building them again
(a mutant of the code that builds them gets its own, see
:func:`_builder_under_mutation`).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import nksearch

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: What each index holds (the key) -> the folder holding its corpus and index.
_BUILT: dict[str, Path] = {}


def _builder_under_mutation() -> str:
    """The mutant of the code that builds indexes that mutmut runs now, or ``""``.

    While one is active, an index built earlier by the unchanged code would
    hide it: the tests get indexes built with the mutant (once per fork).
    Mutants of searching, and plain test runs, share the indexes built first.
    """
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    return (
        mutant
        if mutant.startswith("nksearch.") and not mutant.startswith("nksearch.search.")
        else ""
    )


def built_once(articles: Mapping[str, str], *, seeds: bool = False) -> tuple[Path, Path]:
    """``(corpus, index)`` of ``articles`` (and the seeds), built by the first test that asks.

    ``articles`` maps a file name to its whole text. Searching never writes an
    index, so one build serves every test that only reads it: such tests never
    sync, add or mark there. The folders live outside pytest's temporary
    folders, which a later session may clean, and go when the process that
    built them exits.
    """
    key = json.dumps([_builder_under_mutation(), seeds, sorted(articles.items())])
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
