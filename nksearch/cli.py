"""The ``nksearch`` command: a thin Typer layer over the Python API.

stdout carries data and only data (results, documents, JSON); progress,
warnings and errors go to stderr. Every :class:`NksearchError` becomes one
line on stderr and its documented exit code:

====  =========================================
0     success (for ``query``: at least one hit)
1     ``query`` found nothing
2     bad usage or query syntax
3     corpus or index problem
====  =========================================

Textual is imported only by the ``tui`` command.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nksearch import output
from nksearch.errors import ExitCode, NksearchError, UsageError

try:  # recent Typer releases bundle their own copy of Click
    from typer._click.exceptions import ClickException, NoSuchOption
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - older Typer with Click installed
    from click.exceptions import ClickException, NoSuchOption  # type: ignore[no-redef]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[no-redef]


class _Commands(TyperGroup):  # type: ignore[misc]
    """Typer's command group, with Click's own errors as one line each.

    Click prints a usage error (an unknown option, a missing argument) as a
    usage block, a hint and the error. This group turns Click's printing off
    and reports one line, with exit code 2 (never 1, which means "no hits").
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickUsageError as exc:
            words = list(args) if args is not None else sys.argv[1:]
            output.error(_usage_message(exc, self._command_named(words)))
            code = int(ExitCode.USAGE)
        except ClickException as exc:
            output.error(exc.format_message())
            code = int(ExitCode.USAGE)
        except typer.Abort:
            output.error("interrupted")
            code = 130
        code = code if isinstance(code, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)

    def _command_named(self, words: list[str]) -> str | None:
        """The subcommand a command line names (its first word), if any."""
        first = next((w for w in words if not w.startswith("-")), None)
        return first if first in self.commands else None


def _usage_message(exc: Any, command: str | None) -> str:
    """Click's message as one line, with where to read more.

    Some parser errors (an option missing its value) carry no context; the
    subcommand is then the one the command line names.
    """
    message = exc.format_message().rstrip(".")
    message = message[:1].lower() + message[1:]
    if exc.ctx is not None:
        command = exc.ctx.command.name if exc.ctx.parent is not None else None
    if isinstance(exc, NoSuchOption) and command == "query" and not exc.possibilities:
        message += "; to search for text starting with '-', put '--' before the text"
    path = f"nksearch {command}" if command else "nksearch"
    return f"{message}; see '{path} --help'"


app = typer.Typer(
    name="nksearch",
    cls=_Commands,
    help="Full-text search for Indonesian news articles.",
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

CorpusOpt = Annotated[
    Path,
    typer.Option("--corpus", envvar="NKSEARCH_CORPUS", help="Folder of .txt/.md articles."),
]
IndexOpt = Annotated[
    Path,
    typer.Option("--index", envvar="NKSEARCH_INDEX", help="Folder holding the index."),
]
DEFAULT_CORPUS = Path("seeds")
DEFAULT_INDEX = Path("index")


def _fail(exc: NksearchError) -> typer.Exit:
    output.error(str(exc))
    return typer.Exit(code=int(exc.exit_code))


def _report_skipped(report: Any) -> None:
    for item in report.skipped:
        output.warn(f"skipped {item.path}: {item.reason}")


def _ensure_index(corpus: Path, index: Path) -> None:
    """Build the index when there is none yet (``query`` needs one)."""
    from nksearch import store
    from nksearch.corpus import check_corpus

    if store.read_meta(index) is None:
        from nksearch.indexing import sync  # only now: indexing is a heavy import

        # Say what is wrong in one line before announcing a build.
        check_corpus(corpus)
        store.ensure_dir(index)
        output.note(f"no index in {index}: building it from {corpus} …")
        report = sync(corpus, index, progress=output.progress_bar("indexing"))
        _report_skipped(report)


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Full-text search for Indonesian news articles.

    With no command on a terminal, opens the search UI.
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(tui, corpus=_env_path("NKSEARCH_CORPUS", DEFAULT_CORPUS),
                       index=_env_path("NKSEARCH_INDEX", DEFAULT_INDEX))
        else:
            typer.echo(ctx.get_help())


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="What to search for (see README: query syntax).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    since: Annotated[str | None, typer.Option(help="Only articles on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles on/before YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    sort: Annotated[str, typer.Option(help="relevance or date (newest first).")] = "relevance",
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Search the corpus; exit 0 with hits, 1 without."""
    from nksearch.search import open_index

    try:
        _ensure_index(corpus, index)
        with open_index(index) as idx:
            results = idx.search(
                text, limit=limit, since=since, until=until, source=source, sort=sort
            )
            stale = idx.stale(corpus.resolve()) if corpus.is_dir() else []
    except NksearchError as exc:
        raise _fail(exc) from None
    if stale:
        output.warn(
            f"{len(stale)} file(s) changed since the last sync; run 'nksearch index' to update"
        )
    if as_json:
        output.data(json.dumps(results.to_dict(), ensure_ascii=True))
    else:
        output.results(results)
    raise typer.Exit(code=int(ExitCode.OK if results.hits else ExitCode.NO_HITS))


@app.command("index")
def index_cmd(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild from scratch.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Sync the index with the corpus: new, changed and deleted files only."""
    from nksearch.indexing import sync

    try:
        report = sync(corpus, index, rebuild=rebuild, progress=output.progress_bar("indexing"))
    except NksearchError as exc:
        raise _fail(exc) from None
    _report_skipped(report)
    if report.reason:
        output.note(report.reason)
    output.note(output.sync_summary(report))


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Article files (.txt or .md) to add.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace corpus files of the same name.")
    ] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Copy files into the corpus, then sync the index."""
    from nksearch.corpus import SUFFIXES, check_corpus
    from nksearch.indexing import sync

    try:
        root = check_corpus(corpus)
        plan: list[tuple[Path, Path]] = []
        for src in files:
            if src.is_symlink():
                raise UsageError(f"{src} is a symlink; add the file it points to instead")
            if not src.is_file():
                raise UsageError(f"{src} is not a file")
            if not src.name.lower().endswith(SUFFIXES):
                raise UsageError(f"{src} is not a .txt or .md file")
            dest = root / src.name
            if dest.is_symlink():
                raise UsageError(
                    f"{src.name} in the corpus is a symlink; nksearch never writes through"
                    " one: remove it or rename the file"
                )
            if src.resolve() == dest.resolve():
                continue
            if dest.exists() and not overwrite and dest.read_bytes() != src.read_bytes():
                raise UsageError(
                    f"a different {src.name} is already in the corpus; rename the file"
                    " or pass --overwrite"
                )
            plan.append((src, dest))
        for src, dest in plan:
            _copy_into(src, dest)
            output.note(f"added {dest.name}")
        report = sync(root, index, progress=output.progress_bar("indexing"))
    except OSError as exc:
        raise _fail(UsageError(f"cannot copy: {exc.strerror}: {exc.filename}")) from None
    except NksearchError as exc:
        raise _fail(exc) from None
    _report_skipped(report)
    output.note(output.sync_summary(report))


def _copy_into(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` through a new temporary file in the corpus.

    The file appears whole or not at all (a sync never reads half of it), and
    an existing ``dest`` is replaced, never written through.
    """
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, src.open("rb") as data:
            shutil.copyfileobj(data, out)
        shutil.copymode(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@app.command()
def show(
    path: Annotated[str, typer.Argument(help="Document path, relative to the corpus.")],
    raw: Annotated[bool, typer.Option("--raw", help="Print the file as it is.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
) -> None:
    """Print a document's clean text (or, with --raw, the file itself)."""
    from nksearch.search import read_document

    try:
        article = read_document(corpus, path)
    except NksearchError as exc:
        raise _fail(exc) from None
    output.document(article, raw=raw)


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    index: IndexOpt = DEFAULT_INDEX,
) -> None:
    """Documents, index size, last sync and files changed since."""
    from nksearch.search import open_index

    try:
        with open_index(index) as idx:
            info = idx.stats(corpus)
    except NksearchError as exc:
        raise _fail(exc) from None
    if as_json:
        output.data(json.dumps(info.to_dict(), ensure_ascii=True))
    else:
        output.stats(info)


@app.command()
def tui(corpus: CorpusOpt = DEFAULT_CORPUS, index: IndexOpt = DEFAULT_INDEX) -> None:
    """Open the search UI."""
    from nksearch.tui.app import make_app

    try:
        application = make_app(corpus=corpus, index=index)
    except NksearchError as exc:
        raise _fail(exc) from None
    code = application.run()
    raise typer.Exit(code=int(code or 0))


class _ReaderMayLeave:
    """An output stream that goes quiet once its reader has left.

    With ``nksearch query … | head`` (or ``2>&1 | head``) the command then
    finishes as usual and exits with its own code (0 with hits, 1 without);
    its remaining output goes nowhere.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._reader_left()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._reader_left()

    def _reader_left(self) -> None:
        self._gone = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())  # what is still buffered goes nowhere
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    """Console-script entry point."""
    # A stream closed from the start (`>&-`) has nobody reading it either.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = _ReaderMayLeave(sys.stdout)
    sys.stderr = _ReaderMayLeave(sys.stderr)
    try:
        try:
            app()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    except KeyboardInterrupt:
        output.error("interrupted")
        raise SystemExit(130) from None
    except Exception as exc:
        # A failure no NksearchError describes, most likely an index damaged
        # in a way Whoosh does not recognise: one line, and never exit code 1,
        # which would read as "no hits".
        output.error(
            f"unexpected {type(exc).__name__}: {exc}; if the index is damaged,"
            " 'nksearch index --rebuild' repairs it"
        )
        raise SystemExit(int(ExitCode.INDEX)) from None
