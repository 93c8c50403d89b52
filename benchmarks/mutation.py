"""Mutation testing of the core packages with mutmut, one package at a time.

    nice -n 15 python benchmarks/mutation.py documents analysis   # run, then report
    python benchmarks/mutation.py --report                        # report only
    python benchmarks/mutation.py --survivors search              # names to look at

mutmut's settings are ``[tool.mutmut]`` in ``pyproject.toml``, and the fast
tests of each package are listed under ``[tool.nksearch.mutation]``. A package
runs in a folder of its own, ``.mutation/PACKAGE/`` (not committed), which
links to the code, tests and seeds and holds a ``pyproject.toml`` naming that
package's files and tests: each mutant runs only those of the package's tests
that call the function it changes (an article parser's mutant does not run
every test that happens to build an index). Results stay in
``.mutation/PACKAGE/mutants/``: a later run tries only the mutants of
functions that changed since, so running a package again after writing tests
costs little. ``cd .mutation/PACKAGE && mutmut show NAME`` prints a mutant's
diff.

Before any test runs, mypy checks the mutated package: a mutant it rejects
("type check") fails the project's own checks and runs no test.

The report counts, per package, mutants killed by a failing test, those that
made a test run too long (timeout: a mutant that loops is caught all the same),
those mypy rejects, survivors, and those no selected test reaches ("no
tests", counted as not killed). The score is (killed + timeout + type check)
/ mutants tried, and of all mutants when a run was stopped before trying
every one; "tests alone" is (killed + timeout) / the mutants mypy accepts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
PACKAGES = ("documents", "analysis", "indexing", "search")

#: mutmut's exit codes of a tried mutant, as it names them (``mutmut.stats``).
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "type check",
    None: "not checked",
}


def results(package: str) -> dict[str, str]:
    """Every mutant of one package, by name, with its status."""
    found: dict[str, str] = {}
    for meta in sorted((WORK / package / "mutants" / "nksearch" / package).glob("*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            found[name] = STATUS.get(code, "suspicious")
    return found


def report(packages: list[str], *, by_module: bool = False) -> str:
    """The table of results: per package, or per module with ``by_module``.

    "not tried" are mutants a run stopped before (or of functions changed
    since); "tried" leaves them out of its score, "all" counts them as not
    killed.
    """
    lines = [
        f"| {'module' if by_module else 'package'} | mutants | killed | timeout | type check "
        "| survived | no tests | not tried | score (tried) | score (all) | tests alone |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    groups: list[tuple[str, dict[str, str]]] = []
    for package in packages:
        found = results(package)
        if not by_module:
            groups.append((package, found))
            continue
        modules = sorted({name.split(".")[2] for name in found})
        for module in modules:
            prefix = f"nksearch.{package}.{module}."
            groups.append((f"{package}/{module}.py", {
                n: s for n, s in found.items() if n.startswith(prefix)
            }))  # fmt: skip
    for package, found in groups:
        counts = Counter(found.values())
        total = sum(counts.values())
        by_tests = counts["killed"] + counts["timeout"]
        caught = by_tests + counts["type check"]
        untried = counts["not checked"]
        tried = total - untried
        other = tried - caught - counts["survived"] - counts["no tests"]
        tested = tried - counts["type check"]
        other_note = f" (+{other:,} other)" if other else ""
        lines.append(
            f"| {package} | {total:,} | {counts['killed']:,} | {counts['timeout']:,} "
            f"| {counts['type check']:,} | {counts['survived']:,}{other_note} "
            f"| {counts['no tests']:,} | {untried:,} | {_share(caught, tried)} "
            f"| {_share(caught, total)} | {_share(by_tests, tested)} |"
        )
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def workdir(package: str) -> Path:
    """``.mutation/PACKAGE``: links to the sources, this package's settings."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    shared, tests = dict(settings["mutmut"]), settings["nksearch"]["mutation"][package]
    depth = settings["nksearch"]["mutation"].get("max_stack_depth", {}).get(package)
    if depth is not None:
        shared["max_stack_depth"] = depth
    folder = WORK / package
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("nksearch", "tests", "seeds"):
        link = folder / name
        if link.is_symlink() and link.readlink() != ROOT / name:
            link.unlink()  # made by a checkout elsewhere (its results stay valid)
        if not link.is_symlink():
            link.symlink_to(ROOT / name, target_is_directory=True)
    lines = ["[tool.mutmut]"]
    for key, value in shared.items():
        lines.append(
            f"{key} = {_toml_list(value) if isinstance(value, list) else json.dumps(value)}"
        )
    lines.append(f'only_mutate = ["nksearch/{package}/*"]')
    # mypy first: a mutant it rejects fails the project's own type check and
    # runs no test ("type check" in the report, counted as caught).
    lines.append(f'type_check_command = ["mypy", "nksearch/{package}", "--output", "json"]')
    lines.append(f"pytest_add_cli_args_test_selection = {_toml_list(tests)}")
    text = "\n".join(lines) + "\n"
    (folder / "startup").mkdir(exist_ok=True)
    (folder / "startup" / "sitecustomize.py").write_text(STARTUP, "utf-8")
    config = folder / "pyproject.toml"
    if not config.exists() or config.read_text("utf-8") != text:
        config.write_text(text, "utf-8")
        # mutmut copies the tests once; new test files must reach its copy
        shutil.rmtree(folder / "mutants" / "tests", ignore_errors=True)
    return folder


def patch_mutmut() -> None:
    """mutmut's test selection by stack depth, made usable.

    With ``max_stack_depth`` set, mutmut 3.8 credits a test with a function
    only when the function runs within that many frames of the package's code
    below the test. Its frame walk resolves every frame's file name strictly,
    so a function first called while a module is imported (a frame of
    ``<frozen importlib._bootstrap>``, no file) stops the statistics run with
    ``FileNotFoundError``; and it resolves each name again on every call. The
    walk here is the same, but a name that is not a file is a frame of no
    package code, and each name is resolved once. Python processes the tests
    start under mutmut get it too (``sitecustomize`` in the package's folder).
    """
    import inspect

    import mutmut.mutation.trampoline as trampoline
    import mutmut.stats as stats
    from mutmut.configuration import config
    from mutmut.state import state

    ours: dict[str, bool] = {}

    def is_ours(filename: str) -> bool:
        if filename not in ours:
            try:
                path = Path(filename).resolve(strict=True)
            except OSError:
                ours[filename] = False
            else:
                roots = config().resolved_mutated_source_paths
                ours[filename] = any(root in path.parents for root in roots)
        return ours[filename]

    def record_trampoline_hit(name: str, caller: str | None = None) -> None:
        depth = config().max_stack_depth
        if depth != -1:
            frame = inspect.currentframe()
            while depth and frame:
                filename = frame.f_code.co_filename
                frame = frame.f_back
                if "pytest" in filename or "unittest" in filename:
                    break
                if is_ours(filename):
                    depth -= 1
            if not depth:
                return
        state()._stats.add(name)
        if caller is not None and config().track_dependencies:
            state().function_dependencies[name].add(caller)

    stats.record_trampoline_hit = record_trampoline_hit
    trampoline.record_trampoline_hit = record_trampoline_hit  # type: ignore[attr-defined]


def order_tests_by_their_whole_time() -> None:
    """Each mutant's tests, fastest first, counting their fixtures' time.

    mutmut runs a mutant's tests from the fastest to the slowest and stops at
    the first failure, but it times only each test's own call: a test whose
    fixture builds an index counts as instant and runs before a unit test of
    the same function that would have failed in a millisecond. Here the time
    of a test's setup and teardown counts as well.
    """
    from mutmut.runners.harness import PytestRunner
    from mutmut.state import state

    class FixtureTime:
        def pytest_runtest_makereport(self, item: object, call: object) -> None:
            if getattr(call, "when", "call") != "call":
                nodeid = item.nodeid  # type: ignore[attr-defined]
                state().duration_by_test[nodeid] += call.duration  # type: ignore[attr-defined]

    execute = PytestRunner.execute_pytest

    def execute_pytest(self: PytestRunner, params: list[str], **kwargs: object) -> int:
        plugins = kwargs.get("plugins")
        if isinstance(plugins, list) and "--collect-only" not in params:
            kwargs["plugins"] = [*plugins, FixtureTime()]
        return execute(self, params, **kwargs)

    PytestRunner.execute_pytest = execute_pytest  # type: ignore[method-assign]


def find_mutants_by_ast() -> None:
    """mypy's errors matched to mutants by Python's own parser.

    mutmut 3.8 finds which mutant a type error lies in by parsing each mutated
    file with libcst and its position metadata: 76 s for ``indexing/sync.py``
    (2.3 MB once mutated), about two minutes of every package's run before any
    test. ``ast`` gives the same functions and line ranges (checked on every
    mutated file of ``indexing``) in a tenth of the time.
    """
    import ast

    import mutmut.__main__ as main
    import mutmut.mutation.file_mutation as file_mutation
    from mutmut.configuration import config
    from mutmut.utils.file_utils import change_cwd
    from mutmut.utils.format_utils import get_mutant_name

    def mutated_functions(path: Path) -> list[file_mutation.MutatedMethodLocation]:
        found: list[file_mutation.MutatedMethodLocation] = []

        def walk(node: ast.AST) -> None:
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    walk(child)  # classes and module-level blocks, not function bodies
                elif file_mutation.is_mutated_method_name(child.name):
                    start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    found.append(file_mutation.MutatedMethodLocation(
                        file=path, function_name=child.name,
                        line_number_start=start, line_number_end=child.end_lineno or start,
                    ))  # fmt: skip

        walk(ast.parse(path.read_text("utf-8")))
        return found

    def filter_mutants_with_type_checker() -> dict[str, file_mutation.FailedTypeCheckMutant]:
        with change_cwd(Path("mutants")):
            errors = file_mutation.run_type_checker(config().type_check_command)
            caught: dict[str, file_mutation.FailedTypeCheckMutant] = {}
            for path, errors_of_file in file_mutation.group_by_path(errors).items():
                functions = mutated_functions(path)
                if not functions:
                    continue
                for error in errors_of_file:
                    function = next(
                        (f for f in functions
                         if f.line_number_start <= error.line_number <= f.line_number_end),
                        None,
                    )  # fmt: skip
                    if function is None:
                        raise RuntimeError(
                            f"no mutant holds the type error at {error.file_path}:"
                            f"{error.line_number} ({error.error_description})"
                        )
                    name = get_mutant_name(
                        path.relative_to(Path(".").absolute()), function.function_name
                    )
                    caught[name] = file_mutation.FailedTypeCheckMutant(
                        method_location=function, name=name, error=error
                    )
            return caught

    file_mutation.filter_mutants_with_type_checker = filter_mutants_with_type_checker
    main.filter_mutants_with_type_checker = filter_mutants_with_type_checker  # type: ignore[attr-defined]


def skip_mutants_equivalent_by_construction() -> None:
    """Two kinds of mutant that no test of a correct program can kill are not made.

    - ``zip(..., strict=True)`` with ``strict`` dropped or ``None``: the
      flag only raises when the lists differ in length, which the code
      zipping them rules out (ruff's B905 asks for the flag on every zip).
    - A text encoding's name in other letter case (``"utf-8"`` →
      ``"UTF-8"``): Python looks codecs up without regard to case.

    Each was read as equivalent in earlier rounds wherever it survived; it
    cost a surviving mutant's whole test run every time.
    """
    import codecs

    import libcst as cst
    import mutmut.mutation.file_mutation as file_mutation
    from mutmut.mutation import mutators

    def codec(text: str) -> str | None:
        """The text encoding ``text`` names (not ``zip``, ``hex``: byte transforms)."""
        try:
            found = codecs.lookup(text)
        except (LookupError, ValueError):
            return None
        return found.name if getattr(found, "_is_text_encoding", True) else None

    def strings(node: Any) -> Any:
        for mutant in mutators.operator_string(node):
            if isinstance(node, cst.SimpleString) and isinstance(mutant, cst.SimpleString):
                old, new = node.evaluated_value, mutant.evaluated_value
                if (
                    isinstance(old, str) and isinstance(new, str)
                    and old.lower() == new.lower() and codec(old) is not None
                    and codec(old) == codec(new)
                ):  # fmt: skip
                    continue
            yield mutant

    def without_strict(call: Any) -> list[Any]:
        return [a for a in call.args if not (a.keyword and a.keyword.value == "strict")]

    def arguments(node: Any) -> Any:
        is_zip = isinstance(node.func, cst.Name) and node.func.value == "zip"
        for mutant in mutators.operator_arg_removal(node):
            if is_zip:
                kept, changed = without_strict(node), without_strict(mutant)
                if len(kept) == len(changed) and all(
                    a.deep_equals(b) for a, b in zip(kept, changed, strict=True)
                ):
                    continue  # only ``strict`` dropped or made None
            yield mutant

    replaced = {mutators.operator_string: strings, mutators.operator_arg_removal: arguments}
    file_mutation.mutation_operators = [  # type: ignore[attr-defined]
        (kind, replaced.get(operator, operator)) for kind, operator in mutators.mutation_operators
    ]


#: ``multiprocessing.forkserver``'s functions, each a method of its server.
SERVER_FUNCTIONS = (
    "ensure_running",
    "get_inherited_fds",
    "connect_to_new_process",
    "set_forkserver_preload",
)


def start_each_mutant_afresh() -> None:
    """Each mutant's tests start with nksearch's caches empty, and their own fork server.

    mutmut forks every mutant from a process that has collected the tests,
    so a cache that collection filled (``functools.lru_cache`` around a
    function, such as a line's kind in ``documents/chrome.py``) would answer
    with the unmutated function's results and hide the mutant.

    The same process ran the clean tests, among them a build from a thread,
    whose workers start from multiprocessing's fork server. A forked mutant
    inherits the record of that server, which is not its child: its own
    threaded build then failed with ``ChildProcessError`` and counted the
    mutant as killed whatever it changed. A mutant forgets that server and
    starts its own when a test needs one.
    """
    import multiprocessing.forkserver as forkserver

    from mutmut.runners.harness import PytestRunner

    run = PytestRunner.run_tests

    def run_tests(self: PytestRunner, *, mutant_name: str | None, tests: object) -> int:
        for name, module in list(sys.modules.items()):
            if name == "nksearch" or name.startswith("nksearch."):
                for value in list(vars(module).values()):
                    clear = getattr(value, "cache_clear", None)
                    if callable(clear):
                        clear()
        if mutant_name:
            # The module's functions are bound methods of its one server.
            server = forkserver.ForkServer()
            forkserver._forkserver = server  # type: ignore[attr-defined]
            for name in SERVER_FUNCTIONS:
                setattr(forkserver, name, getattr(server, name))
        return run(self, mutant_name=mutant_name, tests=tests)  # type: ignore[arg-type]

    PytestRunner.run_tests = run_tests  # type: ignore[method-assign]


#: ``sitecustomize.py`` of a package's folder: processes started by tests
#: while mutmut collects its statistics patch it as its own process does (the
#: frame walk runs only then; importing mutmut in every build worker of every
#: mutant's tests cost 0.1 s a process).
STARTUP = f"""\
import os
import sys

if os.environ.get("MUTANT_UNDER_TEST") == "stats":
    sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
    try:
        import mutation

        mutation.patch_mutmut()
    finally:
        del sys.path[0]
"""


def _mutmut(arguments: list[str]) -> int:
    """``mutmut ARGUMENTS`` (run in a package's folder), patched."""
    from mutmut.__main__ import cli

    patch_mutmut()
    find_mutants_by_ast()
    skip_mutants_equivalent_by_construction()
    order_tests_by_their_whole_time()
    start_each_mutant_afresh()
    sys.argv = ["mutmut", *arguments]
    sys.path[0] = os.getcwd()  # as ``python -m mutmut`` in the package's folder
    try:
        cli()
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


def run(package: str, children: int, *, again: bool = False, only: list[str] | None = None) -> int:
    """mutmut on one package; ``again``: its survivors first, by name.

    With ``only``, the survivors and then the untried mutants of those modules.

    mutmut keeps a mutant's result until the function it changes changes; a
    survivor named on the command line is tried again (with new tests).
    """
    folder = workdir(package)
    shutil.rmtree(folder / "mutants" / "tests", ignore_errors=True)  # the tests as they are now
    command = [sys.executable, __file__, "--mutmut", "run", "--max-children", str(children)]
    startup = str(folder / "startup")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (startup, os.environ.get("PYTHONPATH", "")) if p
    )}  # fmt: skip
    # No pytest plugin is loaded from the installed packages: the listed tests
    # need none (no snapshots, no async tests), and loading them cost 0.2 s of
    # the 0.33 s each mutant's pytest run took before its first test.
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    modules = [f"nksearch.{package}.{module}." for module in only or ()]
    survivors = [
        n for n, s in results(package).items()
        if s in ("survived", "no tests") and (not modules or n.startswith(tuple(modules)))
    ]  # fmt: skip
    if again and survivors:
        print(f"$ cd {folder.relative_to(ROOT)} && mutmut run … ({len(survivors)} survivors)")
        code = subprocess.call([*command, *survivors], cwd=folder, env=env)
        if code != 0:
            return code
    names = [f"{prefix}*" for prefix in modules]
    print(f"$ cd {folder.relative_to(ROOT)} && mutmut {' '.join(command[3:] + names)}", flush=True)
    return subprocess.call([*command, *names], cwd=folder, env=env)


def main() -> int:
    if sys.argv[1:2] == ["--mutmut"]:  # mutmut itself, in its package's folder
        return _mutmut(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "packages",
        nargs="*",
        metavar="PACKAGE",
        help=f"any of {', '.join(PACKAGES)} (default: all)",
    )
    parser.add_argument("--report", action="store_true", help="only print the table")
    parser.add_argument("--by-module", action="store_true", help="a row per module")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument(
        "--again",
        action="store_true",
        help="try the survivors again (after new tests), then the rest",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="MODULE",
        help="only the mutants of this module of the package (repeatable)",
    )
    parser.add_argument(
        "--children",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="mutants tried at once (default 2)",
    )
    args = parser.parse_args()
    packages = list(args.packages) or list(PACKAGES)
    unknown = sorted(set(packages) - set(PACKAGES))
    if unknown:
        parser.error(f"unknown package {unknown[0]!r}: choose from {', '.join(PACKAGES)}")
    if args.survivors:
        for package in packages:
            for name, status in results(package).items():
                if status in ("survived", "no tests"):
                    print(f"{status:9} {name}")
        return 0
    if not args.report:
        for package in packages:
            code = run(package, args.children, again=args.again, only=args.only)
            if code != 0:
                return code
    print(report(packages, by_module=args.by_module))
    return 0


if __name__ == "__main__":
    sys.exit(main())
