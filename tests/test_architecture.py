"""The shape of the package: stages import only earlier stages, and nothing imports in a circle.

Every ``import`` in ``nksearch/`` counts, at module level or inside a
function, so a lazy import cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nksearch"

#: Each part of the package and its stage: a module may import its own part
#: and any part of an earlier stage, nothing else.
STAGES: dict[str, float] = {
    "nksearch.errors": 0,
    "nksearch.models": 0,
    "nksearch._version": 0,
    "nksearch._whoosh": 0,
    "nksearch.documents": 1,
    "nksearch.analysis": 2,
    "nksearch.indexing": 3,
    "nksearch.search": 4,
    # A person's work around searches (marks, saved searches, history, export,
    # watching): it uses an open Index, and the front ends reach it through the
    # public API, so it sits between search and that API.
    "nksearch.workflow": 4.5,
    "nksearch": 5,  # the public API
    "nksearch.cli": 6,
    "nksearch.tui": 6,
}
#: Front ends may reach each other only this way: the command that opens the UI.
FRONT_END_LINKS = {("nksearch.cli", "nksearch.tui")}


def module_names() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = module_names()


def imports_of(name: str) -> set[str]:
    """The nksearch modules ``name`` imports, anywhere in its source."""
    path = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: up from this module's package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = []
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if submodule in MODULES else base)
        else:
            continue
        found.update(t for t in targets if t == "nksearch" or t.startswith("nksearch."))
    found.discard(name)
    return {t for t in found if t in MODULES}


def part_of(name: str) -> str:
    """The part (a key of STAGES) a module belongs to."""
    best = max((p for p in STAGES if name == p or name.startswith(p + ".")), key=len)
    return best


def test_every_module_belongs_to_a_stage() -> None:
    for name in MODULES:
        part = part_of(name)
        assert part != "nksearch" or name == "nksearch", f"{name} sits outside every stage"


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for name in MODULES:
        mine = part_of(name)
        for target in imports_of(name):
            theirs = part_of(target)
            if theirs == mine or STAGES[theirs] < STAGES[mine] or (mine, theirs) in FRONT_END_LINKS:
                continue
            wrong.append(f"{name} imports {target}")
    assert wrong == []


def _cycles() -> list[list[str]]:
    graph = {name: sorted(imports_of(name)) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_the_import_graph_is_read_from_every_import() -> None:
    """Imports inside functions count (the check would miss lazy cycles otherwise)."""
    assert "nksearch.search.index" in imports_of("nksearch")  # only imported in functions
    assert "nksearch.tui.app" in imports_of("nksearch.cli.commands")


SUBPACKAGES = sorted(p for p in STAGES if MODULES[p].name == "__init__.py" and p != "nksearch")


@pytest.mark.parametrize("part", SUBPACKAGES)
def test_each_stage_opens_with_a_docstring_saying_what_it_does(part: str) -> None:
    doc = ast.get_docstring(ast.parse(MODULES[part].read_text("utf-8")))
    assert doc is not None and len(doc.split()) >= 25, part


def test_every_module_has_a_docstring_and_stays_short() -> None:
    for name, path in MODULES.items():
        source = path.read_text("utf-8")
        assert ast.get_docstring(ast.parse(source)), name
        assert source.count("\n") <= 420, f"{name} has {source.count(chr(10))} lines"
