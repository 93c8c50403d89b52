"""Import hygiene: the core is headless (no Textual, Rich nor Typer), and
modules nksearch never uses are loaded only when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()

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
    assert run(code) == ""


def test_one_shot_query_path_does_not_import_textual() -> None:
    code = (
        "import sys, nksearch.cli, nksearch.search, nksearch.output; "
        "print(','.join(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    assert run(code) == ""


def test_importing_the_command_loads_no_whoosh_module() -> None:
    """``nksearch --help`` or a usage error costs no Whoosh import."""
    out = run(
        "import sys, nksearch.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('whoosh')))"
    )
    assert out == "['whoosh.lang.morph_en']"  # the stand-in, not the module


def test_query_start_up_does_not_load_unused_modules() -> None:
    out = run(
        "import sys, nksearch, nksearch.search, whoosh.index\n"
        "print(sorted(m for m in ('urllib.request', 'http.client', 'ssl') if m in sys.modules))\n"
        "print(type(sys.modules['whoosh.lang.morph_en']).__name__)"
    )
    assert out.splitlines() == ["[]", "_LazyModule"]


def test_stand_ins_hand_over_to_the_real_modules(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("isi", encoding="utf-8")
    out = run(
        "import sys, nksearch, nksearch.search, whoosh.compat\n"
        "from unittest import mock\n"
        "import urllib.request\n"
        "with mock.patch('urllib.request.urlopen') as fake:\n"
        "    print(urllib.request.urlopen is fake)\n"
        f"whoosh.compat.urlretrieve({source.as_uri()!r}, {str(tmp_path / 'b.txt')!r})\n"
        f"print(open({str(tmp_path / 'b.txt')!r}).read())\n"
        "from whoosh.lang.morph_en import variations\n"
        "print(sorted(variations('rendering'))[:2])\n"
        "print(type(sys.modules['whoosh.lang.morph_en']).__name__)"
    )
    lines = out.splitlines()
    assert lines[0] == "True"
    assert lines[1] == "isi"
    assert lines[2].startswith("['render")
    assert lines[3] == "module"
