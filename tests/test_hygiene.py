"""The core is headless: it imports neither Textual, Rich nor Typer."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "nksearch",
    "nksearch.analysis",
    "nksearch.documents",
    "nksearch.indexing",
    "nksearch.search",
    "nksearch.models",
    "nksearch.errors",
    "nksearch.query",
    "nksearch.snippets",
    "nksearch.fastwriter",
    "nksearch.parallel",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_is_headless(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('textual', 'rich', 'typer', 'click') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_one_shot_query_path_does_not_import_textual() -> None:
    code = (
        "import sys, nksearch.cli, nksearch.search, nksearch.output; "
        "print(','.join(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
