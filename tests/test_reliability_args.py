"""Bad arguments: fuzzed queries, paths leading out, missing and unusable folders.

Whatever a user types, ``nksearch query`` exits 0, 1 or 2 with no
traceback, and a usage error is one line on stderr. ``show`` and ``add``
never read or write outside the corpus. Missing or unusable folders and bad
dates get one line and their documented exit code.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import nksearch
from nksearch.cli.commands import app
from nksearch.errors import NksearchError, QuerySyntaxError, UsageError
from nksearch.search.index import Index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SOAK = 10 if os.environ.get("NKSEARCH_SOAK", "") not in ("", "0") else 1
EXAMPLES = 200 * SOAK
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(err: str, *parts: str) -> None:
    assert err.count("\n") == 1 and err.startswith("nksearch: error: "), err
    for part in parts:
        assert part in err, err


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Index]]:
    """The seed corpus with a prebuilt index: ``(corpus, index_dir, open index)``."""
    base = tmp_path_factory.mktemp("seeds")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    nksearch.sync(corpus, base / "index")
    with nksearch.open_index(base / "index") as idx:
        yield corpus, base / "index", idx


# --- fuzzed queries ------------------------------------------------------------------

WORDS = ["Putin", "perdamaian", "Armenia", "Nagorno-Karabakh", "gencatan", "senjata",
         "Rusia", "menengahi", "Pashinyan", "Lavrov", "Sochi", "damai", "tempo", "2020"]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "and", "or", "not", "&&", "||", "-",
             "+", "!", "TO", "NEAR"]
FIELDS = ["title:", "source:", "date:", "path:", "judul:", "sumber:", "isi:", "body:",
          "exact:", "stamp:", "TITLE:", ":", "title:title:"]
PUNCTUATION = ['"', "'", "(", ")", "[", "]", "{", "}", "*", "?", "~", "~2", "~9", "^", "^2",
               "^-1", "^0", "^99999999", "\\", "/", ":", "<", ">", "=", "..", "@", "#", "%"]
ODD = ["\x00", "\x07", "\x1b[2J", "\x1b]52;c;aGk=\x07", "\t", "\n", "\r", "\u200b", "\u202e",
       "\ufeff", "\u009b", "🙂", "🇮🇩", "👨‍👩‍👧", "é", "ß", "İ", "東京", "ـ", "\ud800"]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(OPERATORS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ODD),
    st.builds(lambda f, w: f + w, st.sampled_from(FIELDS), st.sampled_from(WORDS + PUNCTUATION)),
    st.text(max_size=12),
)
separator = st.sampled_from([" ", "", "  ", "\t"])
short_queries = st.one_of(
    st.lists(st.tuples(token, separator), max_size=14).map(
        lambda parts: "".join(a + b for a, b in parts)),
    st.text(max_size=60),
)
# Up to ~10,000 characters; rare, as the query parser takes a second on them.
long_queries = st.builds(
    lambda word, n: (word + " ") * n, st.sampled_from(WORDS + PUNCTUATION + ODD),
    st.integers(1, 2600),
).map(lambda text: text[:10_050])
queries = st.integers(0, 49).flatmap(lambda n: long_queries if n == 0 else short_queries)
dates = st.one_of(st.none(), st.sampled_from(["2020-10-09", "2021-02-29", "2020-13-01",
                                              "0000-01-01", "9999-12-31", "20201009", "",
                                              "yesterday", "２０２０-１０-０９", "2020-10-09T00"]),
                  st.text(max_size=12))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=queries, as_json=st.booleans(), since=dates, until=dates,
       source=st.one_of(st.none(), st.sampled_from(["tempo", "SINDOnews", "", "??"]),
                        st.text(max_size=8)),
       sort=st.sampled_from(["relevance", "date", "size"]), limit=st.integers(-2, 10**6))
def test_fuzzed_query_command(
    seeds: tuple[Path, Path, Index], text: str, as_json: bool, since: str | None,
    until: str | None, source: str | None, sort: str, limit: int,
) -> None:
    corpus, index, idx = seeds
    args = ["query", "--sort", sort, "--limit", str(limit),
            "--corpus", str(corpus), "--index", str(index)]
    for flag, value in (("--since", since), ("--until", until), ("--source", source)):
        if value is not None:
            args += [flag, value]
    if as_json:
        args.append("--json")
    result = runner.invoke(app, [*args, "--", text])  # "--": a query may start with "-"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    # The exit code the same search through the Python API calls for.
    expected: int
    found = None
    if limit < 1 or sort not in ("relevance", "date"):
        expected = 2  # refused by the command line itself
    else:
        try:
            found = idx.search(text, limit=limit, since=since, until=until, source=source,
                               sort=sort)
        except NksearchError:
            expected = 2  # a healthy index: only what was asked can be wrong
        else:
            expected = 0 if found.hits else 1
    assert result.exit_code == expected, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    assert not CONTROLS.findall(result.stdout)
    if result.exit_code == 2:
        assert result.stdout == ""
        assert_one_line_error(result.stderr)
    elif as_json:
        assert found is not None
        data = json.loads(result.stdout)
        assert data["total"] == found.total
        assert [hit["path"] for hit in data["hits"]] == [hit.path for hit in found.hits]


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries, since=dates, until=dates, limit=st.integers(1, 50),
       sort=st.sampled_from(["relevance", "date"]))
def test_fuzzed_index_search(
    seeds: tuple[Path, Path, Index], text: str, since: str | None, until: str | None,
    limit: int, sort: str,
) -> None:
    _corpus, _index, idx = seeds
    try:
        results = idx.search(text, limit=limit, since=since, until=until, sort=sort)
    except UsageError as exc:  # QuerySyntaxError included
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert results.query == text
    assert len(results.hits) <= limit and results.total >= len(results.hits)
    for hit in results.hits:
        assert hit.path.endswith(".txt") and not CONTROLS.findall(hit.snippet)
        for start, end in hit.matches:
            assert 0 <= start < end <= len(hit.snippet)
    if sort == "date":
        dated = [hit.date for hit in results.hits if hit.date]
        assert dated == sorted(dated, reverse=True)
    if since:  # a date the search accepted
        assert all(hit.date is not None and hit.date >= since for hit in results.hits)
    if until:
        assert all(hit.date is not None and hit.date <= until for hit in results.hits)


@pytest.mark.parametrize("length", [10_000, 10_001, 100_000])
def test_very_long_queries(seeds: tuple[Path, Path, Index], length: int) -> None:
    corpus, index, _idx = seeds
    text = ("Putin (perdamaian OR \"gencatan senjata\") " * (length // 40 + 1))[:length]
    code, out, err = invoke("query", text, "--corpus", str(corpus), "--index", str(index))
    if length <= 10_000:
        assert code == 0, err  # every seed mentions Putin or peace
        assert out.startswith(" 1. ") and "\n 5. " in out
    else:
        assert code == 2 and out == ""
        assert_one_line_error(err, "shorten it to 10,000 or fewer")


def test_query_syntax_error_is_one_line(seeds: tuple[Path, Path, Index]) -> None:
    _corpus, _index, idx = seeds
    with pytest.raises(QuerySyntaxError):
        idx.search("x" * 10_001)


# --- paths leading out of the corpus --------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("Judul Rahasia\n\nIsi rahasia di luar korpus.\n")
    return secret


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "etc", "symlink", "folder-link",
                                  "cwd-relative", "escape"])
def test_show_refuses_paths_outside_the_corpus(
    built: tuple[Path, Path], outside: Path, kind: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, _index = built
    if kind == "symlink":
        os.symlink(outside, corpus / "bocor.txt")
    if kind == "folder-link":
        os.symlink(outside.parent, corpus / "luar")
    if kind == "cwd-relative":
        monkeypatch.chdir(outside.parent)
    path = {
        "dotdot": "../rahasia.txt",
        "absolute": str(outside),
        "etc": "../../../../../../../../etc/passwd",
        "symlink": "bocor.txt",
        "folder-link": "luar/rahasia.txt",
        "cwd-relative": "rahasia.txt",
        "escape": "../\x1b]52;c;aGk=\x07.txt",
    }[kind]
    for raw in ([], ["--raw"]):
        code, out, err = invoke("show", path, *raw, "--corpus", str(corpus))
        assert code == 2, err
        assert out == "" and "rahasia di luar" not in err
        assert_one_line_error(err)
        assert not CONTROLS.findall(err)
    with pytest.raises(NksearchError):
        nksearch.read_document(corpus, path)


def test_show_accepts_an_absolute_path_inside_the_corpus(built: tuple[Path, Path]) -> None:
    corpus, _index = built
    code, out, err = invoke("show", str(corpus / "003_b561e05cfa5aa674.txt"),
                            "--corpus", str(corpus))
    assert code == 0, err
    assert out.startswith("Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan")


def test_add_never_writes_through_a_symlink_leading_out(
    built: tuple[Path, Path], outside: Path, tmp_path: Path,
) -> None:
    corpus, index = built
    os.symlink(outside, corpus / "bocor.txt")
    source = tmp_path / "src" / "bocor.txt"
    source.parent.mkdir()
    source.write_text("Judul Pengganti\n\nIsi pengganti.\n")
    before = outside.read_text()
    for extra in ([], ["--overwrite"]):
        code, out, err = invoke("add", str(source), *extra,
                                "--corpus", str(corpus), "--index", str(index))
        assert code == 2 and out == ""
        assert_one_line_error(err, "bocor.txt in the corpus is a symlink")
    assert outside.read_text() == before
    assert (corpus / "bocor.txt").is_symlink()


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "/dev/null", "tidak-ada.txt"])
def test_add_refuses_what_is_not_a_document_file(built: tuple[Path, Path], name: str) -> None:
    corpus, index = built
    before = sorted(p.name for p in corpus.iterdir())
    code, out, err = invoke("add", name, "--corpus", str(corpus), "--index", str(index))
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_add_refuses_a_symlinked_source(built: tuple[Path, Path], outside: Path,
                                        tmp_path: Path) -> None:
    corpus, index = built
    link = tmp_path / "tautan.txt"
    os.symlink(outside, link)
    code, _out, err = invoke("add", str(link), "--corpus", str(corpus), "--index", str(index))
    assert code == 2
    assert_one_line_error(err, "is a symlink")
    assert not (corpus / "tautan.txt").exists()


def test_add_replaces_a_file_whole(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, index = built
    source = tmp_path / "003_b561e05cfa5aa674.txt"
    source.write_text("Judul Pengganti Yang Baru\n\nJAKARTA - Isi pengganti tentang kedondong.\n")
    code, _out, err = invoke("add", str(source), "--overwrite",
                             "--corpus", str(corpus), "--index", str(index))
    assert code == 0, err
    assert (corpus / source.name).read_text() == source.read_text()
    assert [p.name for p in corpus.iterdir() if p.name.startswith(".")] == []
    with nksearch.open_index(index) as idx:
        assert [h.path for h in idx.search("kedondong").hits] == [source.name]


# --- missing and unusable folders ------------------------------------------------------------


def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "berkas"
    path.write_text("bukan folder")
    return path


UNUSABLE_INDEXES = {
    # An index whose parent is a regular file: not even root can create it.
    "parent-is-a-file": lambda tmp: a_file(tmp) / "index",
    "is-a-file": a_file,
    "in-proc": lambda _tmp: Path("/proc/nksearch-index"),
    "device": lambda _tmp: Path(os.devnull),
}


@pytest.mark.parametrize("kind", UNUSABLE_INDEXES.keys())
def test_unusable_index_directory(built: tuple[Path, Path], tmp_path: Path, kind: str) -> None:
    corpus, _index = built
    index = UNUSABLE_INDEXES[kind](tmp_path)
    if kind == "in-proc" and not Path("/proc").is_dir():
        pytest.skip("no /proc")
    where = ["--corpus", str(corpus), "--index", str(index)]
    for command in (["index"], ["index", "--rebuild"], ["query", "Putin"], ["stats"],
                    ["add", str(corpus / "003_b561e05cfa5aa674.txt")]):
        code, out, err = invoke(*command, *where)
        assert code == 3, (command, err)
        assert out == ""
        assert_one_line_error(err, str(index))


def test_index_directory_without_room_for_a_lock(built: tuple[Path, Path]) -> None:
    corpus, index = built
    (index / "write.lock").unlink()
    (index / "write.lock").mkdir()
    code, _out, err = invoke("index", "--corpus", str(corpus), "--index", str(index))
    assert code == 3
    assert_one_line_error(err, "cannot lock index")
    code, _out, err = invoke("query", "Putin", "--corpus", str(corpus), "--index", str(index))
    assert code == 0, err  # reading needs no lock


@pytest.mark.parametrize("command", [["index"], ["query", "Putin"], ["show", "a.txt"],
                                     ["add", "a.txt"], ["stats"]])
def test_missing_corpus(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.txt").write_text("Judul\n\nIsi.\n")
    index = tmp_path / "index"
    args = [*command, "--corpus", str(tmp_path / "tidak-ada")]
    if command[0] != "show":
        args += ["--index", str(index)]
    code, out, err = invoke(*args)
    assert code == 3, err
    assert out == ""
    if command[0] == "stats":
        assert_one_line_error(err, "no index in", f"run 'nksearch index --index {index}")
    else:
        assert_one_line_error(err, "does not exist; create it or pass --corpus")


def test_corpus_that_is_a_file(tmp_path: Path) -> None:
    corpus = a_file(tmp_path)
    code, out, err = invoke("query", "Putin", "--corpus", str(corpus),
                            "--index", str(tmp_path / "index"))
    assert code == 3 and out == ""
    assert_one_line_error(err, "is not a directory")


def test_missing_index_for_stats(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    code, out, err = invoke("stats", "--corpus", str(corpus), "--index", str(index))
    assert code == 3 and out == ""
    assert_one_line_error(err, "no index in", f"run 'nksearch index --index {index}", "to build it")


@pytest.mark.parametrize("value", ["2020-13-01", "2020-02-30", "2021-02-29", "yesterday",
                                   "20201009", "2020-1-9", "９９９９-０１-０１", "2020-10-09x",
                                   " 2020-10-09", "\x1b[2J"])
@pytest.mark.parametrize("flag", ["--since", "--until"])
def test_bad_dates(seeds: tuple[Path, Path, Index], flag: str, value: str) -> None:
    corpus, index, _idx = seeds
    code, out, err = invoke("query", "Putin", flag, value, "--corpus", str(corpus),
                            "--index", str(index))
    assert code == 2 and out == ""
    assert_one_line_error(err, f"{flag} ", "is not a date; use YYYY-MM-DD")


def test_since_after_until(seeds: tuple[Path, Path, Index]) -> None:
    corpus, index, _idx = seeds
    code, out, err = invoke("query", "Putin", "--since", "2021-01-01", "--until", "2020-01-01",
                            "--corpus", str(corpus), "--index", str(index))
    assert code == 2 and out == ""
    assert_one_line_error(err, "--since 2021-01-01 is after --until 2020-01-01")


# --- the last resort ---------------------------------------------------------------------


def test_unexpected_failure_is_one_line_and_never_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from nksearch import cli
    from nksearch.cli import commands

    broken = typer.Typer(pretty_exceptions_enable=False)

    @broken.callback(invoke_without_command=True)
    def _fail() -> None:
        raise TypeError("'NoneType' object is not subscriptable")

    monkeypatch.setattr(commands, "app", broken)
    monkeypatch.setattr(sys, "argv", ["nksearch"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_line_error(captured.err, "unexpected TypeError", "nksearch index --rebuild")
