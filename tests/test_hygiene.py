"""Import hygiene: the core is headless (no Textual, Rich nor Typer), importing
nksearch changes no other library, and the command loads what it uses only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


CORE = [
    "nksearch",
    "nksearch.errors",
    "nksearch.models",
    "nksearch.documents.decode",
    "nksearch.documents.adding",
    "nksearch.analysis.analyzer",
    "nksearch.analysis.fields",
    "nksearch.indexing.sync",
    "nksearch.indexing.parallel",
    "nksearch.search.index",
    "nksearch.search.query",
    "nksearch.search.snippets",
    "nksearch._whoosh.writer",
    "nksearch.workflow.userdata",
    "nksearch.workflow.searching",
    "nksearch.workflow.export",
    "nksearch.workflow.watch",
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
        "import sys, nksearch.cli.main, nksearch.cli.commands, nksearch.search.index; "
        "print(','.join(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    assert run(code) == ""


def test_importing_the_command_loads_no_whoosh_module() -> None:
    """``nksearch --help`` or a usage error costs no Whoosh import."""
    out = run(
        "import sys, nksearch.cli.main, nksearch.cli.commands\n"
        "print(sorted(m for m in sys.modules if m.startswith(('whoosh', 'Sastrawi'))))"
    )
    assert out == "[]"


# What importing and using the library may not change: every attribute of every
# Whoosh and Sastrawi module and class, the import machinery, and the modules
# loaded under other names.
_SNAPSHOT = """
import inspect, sys
def snapshot():
    seen = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith(("whoosh", "Sastrawi")) or module is None:
            continue
        for attr, value in sorted(vars(module).items()):
            seen[(name, attr)] = id(value)
            if inspect.isclass(value) and value.__module__ == name:
                for key, member in vars(value).items():
                    seen[(name, attr, key)] = id(member)
    seen["meta_path"] = tuple(id(f) for f in sys.meta_path)
    seen["request"] = id(sys.modules.get("urllib.request"))
    return seen
"""


def test_using_the_library_leaves_whoosh_and_sastrawi_as_installed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = run(
        _SNAPSHOT
        + "import urllib.request, whoosh.index, whoosh.query, whoosh.qparser, whoosh.writing\n"
        "import whoosh.codec.whoosh3, whoosh.lang.morph_en\n"
        "import Sastrawi.Stemmer.StemmerFactory, Sastrawi.Stemmer.Context.Visitor.VisitorProvider\n"
        "import Sastrawi.StopWordRemover.StopWordRemoverFactory\n"
        "before = snapshot()\n"
        "import nksearch\n"
        f"nksearch.sync({str(corpus)!r}, {str(tmp_path / 'index')!r})\n"
        f"with nksearch.open_index({str(tmp_path / 'index')!r}) as idx:\n"
        "    hits = idx.search('perdamaian').hits\n"
        "    idx.suggest('Pashinyam'); idx.highlight('berdamai', 'damai')\n"
        "after = snapshot()\n"
        "changed = sorted(str(k) for k in before if before[k] != after.get(k))\n"
        "print(len(hits) > 0, len(before) > 1000, changed)\n"
    )
    assert out == "True True []"


def test_the_command_skips_modules_it_never_uses(tmp_path: Path) -> None:
    """The ``nksearch`` entry point (alone) keeps Whoosh from loading two costly
    modules nksearch never uses; they load when something does use them."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "index"
    run(f"import nksearch; nksearch.sync({str(corpus)!r}, {str(index)!r})")
    out = run(
        "import sys\n"
        f"sys.argv = ['nksearch', 'query', 'Putin', '--corpus', {str(corpus)!r},"
        f" '--index', {str(index)!r}]\n"
        "from nksearch.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "sys.stdout = sys.__stdout__\n"
        "unused = ('urllib.request', 'http.client', 'ssl')\n"
        "morph = sys.modules['whoosh.lang.morph_en']\n"
        "print(code, sorted(m for m in unused if m in sys.modules), type(morph).__name__)\n"
        "from whoosh.lang.morph_en import variations\n"
        "print(sorted(variations('rendering'))[:1],"
        " type(sys.modules['whoosh.lang.morph_en']).__name__)\n"
    )
    lines = out.splitlines()
    assert lines[-2] == "0 [] _LazyModule"
    assert lines[-1] == "['render'] module"
