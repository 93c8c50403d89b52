"""Search and CLI behaviour found wanting on a large corpus, each on a small real index.

Date sorting over segments without dates, bounded prefix and fuzzy
expansion, frequency-weighted did-you-mean, outlet names matched by any word,
dangling operators, and the command line's notes, progress, times and folders.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nksearch
from nksearch.cli import output
from nksearch.cli.commands import app
from nksearch.search.expansion import MAX_EXPANSIONS, within
from nksearch.search.index import Index

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def lines(articles: dict[str, str]) -> dict[str, str]:
    """The files :func:`write` makes of ``articles``: each text ends its last line."""
    return {name: text + "\n" for name, text in articles.items()}


def indexed(tmp_path: Path, articles: dict[str, str]) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in articles.items():
        write(corpus, name, text)
    nksearch.sync(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


# --- sorting by date -------------------------------------------------------------------------

UNDATED = {
    f"u{i}.txt": f"Berita Banjir {i}\n\nBanjir melanda kota nomor {i} pekan ini." for i in range(3)
}
DATED = {
    "d1.txt": "Banjir Besar Landa Jakarta\n\nSelasa, 3 November 2020 16:50 WIB\n\n"
    "Banjir besar melanda Jakarta pada Selasa pagi.",
    "d2.txt": "Banjir Surut di Bekasi\n\nJum'at, 09 Oktober 2020 - 17:16 WIB\n\n"
    "Banjir di Bekasi mulai surut pada Jumat sore.",
}


@pytest.mark.parametrize("first", ["undated", "dated"])
def test_sort_by_date_over_segments_without_a_date_column(tmp_path: Path, first: str) -> None:
    """A sync adds a segment; one of the two has no date column at all."""
    before, after = (UNDATED, DATED) if first == "undated" else (DATED, UNDATED)
    corpus, index = indexed(tmp_path, before)
    for name, text in after.items():
        write(corpus, name, text)
    assert nksearch.sync(corpus, index).added == len(after)
    with nksearch.open_index(index) as idx:
        hits = idx.search("banjir", sort="date").hits
    assert [(h.path, h.date) for h in hits] == [
        ("d1.txt", "2020-11-03"),
        ("d2.txt", "2020-10-09"),
        *[(name, None) for name in sorted(UNDATED)],
    ]
    code, out, err = run("query", "banjir", "--sort", "date", "--limit", "1",
                         "--corpus", str(corpus), "--index", str(index))
    assert code == 0, err
    assert out.startswith(" 1. Banjir Besar Landa Jakarta\n")


# --- prefixes and fuzzy words ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_copy(seed_folders: tuple[Path, Path], seed_index: Index) -> tuple[Path, Path, Index]:
    """The seeds' shared index (read only): its corpus, its folder and the index open."""
    return seed_folders[0], seed_folders[1], seed_index


def test_more_than_two_edits_are_searched_as_two_with_a_note(
    seed_copy: tuple[Path, Path, Index],
) -> None:
    corpus, index, idx = seed_copy
    asked, capped = idx.search("Pashinyan~5"), idx.search("Pashinyan~2")
    assert asked.notes == ("pashinyan~5 was searched as pashinyan~2: at most 2 edits are allowed",)
    assert [(h.path, h.score) for h in asked.hits] == [(h.path, h.score) for h in capped.hits]
    assert capped.notes == () and asked.total == 4
    code, out, err = run("query", "Pashinyan~5", "--json", "--corpus", str(corpus),
                         "--index", str(index))
    assert code == 0 and json.loads(out)["notes"] == list(asked.notes)
    code, out, err = run("query", "Pashinyan~5", "--corpus", str(corpus), "--index", str(index))
    assert err.splitlines()[1:] == list(asked.notes)


def test_fuzzy_words_find_their_near_spellings_first(seed_copy: tuple[Path, Path, Index]) -> None:
    _corpus, _index, idx = seed_copy
    results = idx.search("Pashinyam~1")
    assert results.total == 4 and results.notes == ()
    assert {results.hits[0].snippet[a:b] for a, b in results.hits[0].matches} == {"Pashinyan"}


def zeta_corpus(read_only_index: Callable[..., tuple[Path, Path]]) -> tuple[Path, Path]:
    """Words starting with ``zeta``: as many as are searched in two articles each, ten in one."""
    letters = "bcdfgjprstvwxz"
    words = [f"zeta{a}{b}" for a in letters for b in letters][: MAX_EXPANSIONS + 10]
    common, rare = words[:MAX_EXPANSIONS], words[MAX_EXPANSIONS:]
    articles = {f"common{i}.txt": f"Berita Umum {i}\n\n" + " ".join(common) for i in range(2)}
    for i, word in enumerate(rare):
        articles[f"rare{i}.txt"] = f"Berita Langka {i}\n\nKata {word} muncul sekali."
    return read_only_index(lines(articles))


def test_a_prefix_stands_for_its_most_frequent_words_only(
    read_only_index: Callable[..., tuple[Path, Path]],
) -> None:
    _corpus, index = zeta_corpus(read_only_index)
    with nksearch.open_index(index) as idx:
        results = idx.search("zeta*")
        assert {h.path for h in results.hits} == {"common0.txt", "common1.txt"}
        assert results.notes == (
            f"zeta* matches {MAX_EXPANSIONS + 10} words;"
            f" the {MAX_EXPANSIONS} most frequent were searched",
        )
        rare = f"zeta{'bcdfgjprstvwxz'[(MAX_EXPANSIONS + 9) // 14]}"
        assert idx.search(f"{rare}*").total >= 1  # a narrower prefix still finds a rare word
        assert idx.search("zetab*").notes == ()  # 14 words: no cap


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the plain way."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1,
                             rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


@pytest.mark.parametrize(
    "word", ["armenia", "rusia", "putin", "damai", "pashinyam", "xy", "kremlni"]
)
@pytest.mark.parametrize("maxdist", [0, 1, 2])
def test_the_vocabulary_walk_finds_exactly_the_near_words(
    seed_copy: tuple[Path, Path, Index], word: str, maxdist: int
) -> None:
    _corpus, _index, idx = seed_copy
    terms = sorted(set(idx.analyzer.stems) | set(idx.analyzer.stems.values()))
    expected = sorted((t, osa(word, t)) for t in terms if osa(word, t) <= maxdist)
    assert sorted(within(terms, word, maxdist)) == expected
    prefixed = sorted((t, d) for t, d in expected if t.startswith(word[:2]))
    assert sorted(within(terms, word, maxdist, word[:2])) == prefixed


# --- did you mean ----------------------------------------------------------------------------

CLUBS = {
    **{
        f"persija{i}.txt": f"Persija Menang Lagi {i}\n\nPersija mengalahkan lawannya di Jakarta."
        for i in range(5)
    },
    "persia.txt": "Sejarah Kekaisaran\n\nKekaisaran Persia pernah berjaya.",
    **{
        f"banjir{i}.txt": f"Banjir Datang {i}\n\nBanjir melanda kampung nomor {i}."
        for i in range(4)
    },
    **{
        f"ktp{i}.txt": f"Layanan e-KTP {i}\n\nWarga mengurus e-KTP di kantor kecamatan."
        for i in range(4)
    },
    "ekp.txt": "Catatan Singkat\n\nSingkatan ekp muncul sekali di sini.",
    "tutup.txt": "Pintu Tertutup\n\nThe door was inclosed, its titles were lost; unclose it.",
    "sumber.txt": "Sumber Air\n\nSumber air bersih di desa.",
}


@pytest.fixture(scope="module")
def clubs(read_only_index: Callable[..., tuple[Path, Path]]) -> Iterator[Index]:
    _corpus, index = read_only_index(lines(CLUBS))
    with nksearch.open_index(index) as idx:
        yield idx


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("Persjia", "Persija"),  # not the rarer Persia, one edit nearer
        ("eKTP", "KTP"),  # not the rare ekp
        ("banjir jakrta", "banjir jakarta"),  # banjir alone finds enough
        ("persjia jakrta", "persija jakarta"),  # every word corrected
    ],
)
def test_suggestions_weigh_how_common_a_word_is(clubs: Index, query: str, suggestion: str) -> None:
    assert clubs.search(query).suggestion == suggestion
    assert clubs.suggest(query) == suggestion


@pytest.mark.parametrize("query", ['"unclosed', "title:", "(inclosd", "inclosd AND"])
def test_no_suggestion_for_a_syntax_error(clubs: Index, query: str) -> None:
    assert clubs.search("inclosd").suggestion == "inclosed"
    assert clubs.search(query).suggestion is None
    assert clubs.suggest(query) is None


def test_an_empty_field_name_is_not_searched_as_a_word(clubs: Index) -> None:
    assert clubs.search("sumber").total == 1
    assert clubs.search("sumber:").total == 0
    assert clubs.search("sumber: banjir").total == 4


# --- outlets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("medcom", {"001"}),
        ("MEDCOM", {"001"}),
        ("sindo", {"000", "002"}),
        ("sindonews.com", {"000", "002"}),
        ("tempo.co", {"003"}),
        ("kompas", set()),
    ],
)
def test_an_outlet_is_named_by_any_word_or_its_start(
    seed_copy: tuple[Path, Path, Index], source: str, found: set[str]
) -> None:
    corpus, index, idx = seed_copy
    assert {h.path[:3] for h in idx.search("Armenia", source=source).hits} == found
    assert {h.path[:3] for h in idx.search(f"source:{source}").hits} == found
    code, out, _err = run("query", "Armenia", "--source", source, "--json",
                          "--corpus", str(corpus), "--index", str(index))
    assert code == (0 if found else 1)
    assert {h["path"][:3] for h in json.loads(out)["hits"]} == found


def test_stats_list_the_outlets(seed_copy: tuple[Path, Path, Index]) -> None:
    corpus, index, idx = seed_copy
    every = idx.search("Armenia").hits  # all five articles
    assert len(every) == 5
    counts = Counter(hit.source for hit in every if hit.source)
    expected = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].lower()))
    assert expected[0] == ("SINDOnews", 2) and ("medcom.id", 1) in expected
    code, out, _err = run("stats", "--json", "--corpus", str(corpus), "--index", str(index))
    assert code == 0
    assert json.loads(out)["outlets"] == [{"name": n, "documents": d} for n, d in expected]
    code, out, _err = run("stats", "--corpus", str(corpus), "--index", str(index))
    lines = out.splitlines()
    start = lines.index(f"outlets:     {len(expected)}")
    assert lines[start + 1 : start + 1 + len(expected)] == [f"  {d}  {n}" for n, d in expected]


# --- operators -------------------------------------------------------------------------------

ENGLISH = {
    "putin.txt": "Putin Bertemu Erdogan\n\nPresiden Putin bertemu Erdogan di Ankara.",
    "sochi.txt": "Putin di Sochi\n\nPutin berlibur di Sochi bersama keluarga.",
    "and.txt": "Konser Rock and Roll\n\nPenonton bernyanyi rock and roll semalam.",
    "or.txt": "Either Or\n\nJudul buku either or karya Kierkegaard.",
    "not.txt": "Not Angka\n\nBelajar membaca not angka untuk lagu daerah.",
}


@pytest.mark.parametrize(
    "query",
    ["Putin AND", "Putin OR", "AND Putin", "Putin NOT", "OR Putin AND", "Putin AND AND",
     "(Putin AND)", "Putin NOT AND"],
)
def test_a_dangling_operator_is_not_searched_as_a_word(
    read_only_index: Callable[..., tuple[Path, Path]], query: str
) -> None:
    _corpus, index = read_only_index(lines(ENGLISH))
    with nksearch.open_index(index) as idx:
        plain = idx.search("Putin")
        dangling = idx.search(query)
    assert [(h.path, h.score) for h in dangling.hits] == [(h.path, h.score) for h in plain.hits]
    assert dangling.total == plain.total == 2


def test_andnot_is_understood(read_only_index: Callable[..., tuple[Path, Path]]) -> None:
    _corpus, index = read_only_index(lines(ENGLISH))
    with nksearch.open_index(index) as idx:
        assert [h.path for h in idx.search("Putin ANDNOT Sochi").hits] == ["putin.txt"]
        assert [h.path for h in idx.search("Putin NOT Sochi").hits] == ["putin.txt"]


# --- the command line ------------------------------------------------------------------------


def test_building_a_missing_index_says_which_folders(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "index"
    code, _out, err = run("query", "Lavrov", "--corpus", str(corpus), "--index", str(index))
    assert code == 0
    assert err.splitlines()[0] == f"no index yet in '{index}': building it from '{corpus}' …"


def test_no_hits_is_said_plainly(seed_copy: tuple[Path, Path, Index]) -> None:
    corpus, index, _idx = seed_copy
    code, out, err = run("query", "Navalny", "--corpus", str(corpus), "--index", str(index))
    assert code == 1 and out == "No results.\n"
    assert err.startswith("no hits in ") and err.endswith(" ms\n")


def test_a_first_build_is_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    code, out, err = run("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert code == 0 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("built a new index: 5 added, 0 skipped (") and err.endswith(" s)\n")


def test_progress_without_a_terminal_is_a_line_every_few_seconds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    moments = iter([0.0, 1.0, 6.0, 7.0, 12.5, 13.0])
    progress = output.progress_bar("indexing", every=5.0, clock=lambda: next(moments))
    for done in (50, 100, 150, 200):  # at 1, 6, 7 and 12.5 seconds
        progress(done, 250)
    progress(250, 250)  # the summary says it is done
    assert capsys.readouterr().err == "indexing: 100 of 250 files\nindexing: 200 of 250 files\n"
    assert output.PROGRESS_EVERY == 5.0


@pytest.fixture
def jakarta_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jakarta"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_last_sync_is_shown_in_local_time(
    seed_copy: tuple[Path, Path, Index], jakarta_time: None
) -> None:
    corpus, index, _idx = seed_copy
    _code, out, _err = run("stats", "--json", "--corpus", str(corpus), "--index", str(index))
    stamp = json.loads(out)["last_sync"]
    assert stamp.endswith("+00:00")
    local = datetime.fromisoformat(stamp).astimezone()
    _code, out, _err = run("stats", "--corpus", str(corpus), "--index", str(index))
    assert f"last sync:   {local:%Y-%m-%d %H:%M:%S} WIB" in out.splitlines()
    assert local.utcoffset() is not None and local.utcoffset().total_seconds() == 7 * 3600


def kiriman(tmp_path: Path) -> Path:
    folder = tmp_path / "kiriman"
    write(folder, "2020/banjir.txt", "Banjir Kiriman\n\nBanjir kiriman tiba di Jakarta Timur.")
    write(folder, "gempa.md", "Gempa Kecil\n\nGempa kecil terasa di Bandung.")
    (folder / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


def test_add_copies_a_folder_keeping_its_paths(tmp_path: Path) -> None:
    corpus, index = indexed(tmp_path, {"lama.txt": "Berita Lama\n\nIsi berita lama."})
    folder = kiriman(tmp_path)
    code, _out, err = run("add", str(folder), "--corpus", str(corpus), "--index", str(index))
    assert code == 0, err
    assert err.splitlines()[:2] == ["added kiriman/2020/banjir.txt", "added kiriman/gempa.md"]
    assert sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()) == [
        "kiriman/2020/banjir.txt", "kiriman/gempa.md", "lama.txt"]
    with nksearch.open_index(index) as idx:
        assert [h.path for h in idx.search("banjir").hits] == ["kiriman/2020/banjir.txt"]
    # Adding it again copies nothing; a changed file is not replaced unasked.
    assert nksearch.add(corpus, index, [folder]).copied == ()
    write(folder, "gempa.md", "Gempa Besar\n\nIsi lain.")
    code, _out, err = run("add", str(folder), "--corpus", str(corpus), "--index", str(index))
    assert code == 2
    assert err == ("nksearch: error: a different kiriman/gempa.md is already in the corpus;"
                   " rename the file or pass --overwrite\n")
    assert nksearch.add(corpus, index, [folder], overwrite=True).copied == ("kiriman/gempa.md",)


def test_add_never_copies_a_folder_through_a_symlink(tmp_path: Path) -> None:
    corpus, index = indexed(tmp_path, {"lama.txt": "Berita Lama\n\nIsi berita lama."})
    folder = kiriman(tmp_path)
    outside = tmp_path / "rahasia.txt"
    outside.write_text("Rahasia\n\nJangan disalin.\n")
    (folder / "tautan.txt").symlink_to(outside)
    code, _out, err = run("add", str(folder), "--corpus", str(corpus), "--index", str(index))
    assert code == 2
    assert err == (f"nksearch: error: {folder / 'tautan.txt'} is a symlink; nksearch never copies"
                   " through one: add what it points to instead\n")
    assert not (corpus / "kiriman").exists()
    (folder / "tautan.txt").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (corpus / "kiriman").symlink_to(elsewhere)  # the destination folder leads out
    code, _out, err = run("add", str(folder), "--corpus", str(corpus), "--index", str(index))
    assert code == 2 and "kiriman in the corpus is a symlink" in err
    assert list(elsewhere.iterdir()) == []


def test_add_refuses_a_folder_without_documents_or_holding_the_corpus(tmp_path: Path) -> None:
    corpus, index = indexed(tmp_path, {"lama.txt": "Berita Lama\n\nIsi berita lama."})
    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    code, _out, err = run("add", str(empty), "--corpus", str(corpus), "--index", str(index))
    assert code == 2 and err.startswith(f"nksearch: error: {empty} holds no .txt")
    assert err.endswith(" files\n") and err.count("\n") == 1
    code, _out, err = run("add", str(tmp_path), "--corpus", str(corpus), "--index", str(index))
    assert code == 2
    assert err == f"nksearch: error: {tmp_path} holds the corpus; add the folders beside it\n"


def test_an_outlet_is_named_by_its_domain_or_alias(
    read_only_index: Callable[..., tuple[Path, Path]],
) -> None:
    """``cnnindonesia.com`` and ``poskota`` name outlets whose words they do not start."""
    leads = {
        "cnn.txt": "Jakarta, CNN Indonesia -- Banjir merendam ratusan rumah warga di Jakarta Timur.",
        "poskota.txt": "JAKARTA (Pos Kota) - Banjir merendam ratusan rumah warga di Jakarta Utara.",
        "mi.txt": "Jakarta (Media Indonesia) - Banjir merendam ratusan rumah warga di Bekasi.",
    }
    _corpus, index = read_only_index(
        {name: f"Banjir Rendam Rumah Warga\n\n{lead}\n" for name, lead in leads.items()}
    )
    with nksearch.open_index(index) as idx:
        assert {h.path: h.source for h in idx.search("banjir").hits} == {
            "cnn.txt": "CNN Indonesia", "poskota.txt": "Pos Kota", "mi.txt": "Media Indonesia",
        }  # fmt: skip
        for source, found in [
            ("cnnindonesia.com", ["cnn.txt"]),
            ("poskota", ["poskota.txt"]),
            ("poskotanews.com", ["poskota.txt"]),
            ("mediaindonesia.com", ["mi.txt"]),
            ("indonesia", ["cnn.txt", "mi.txt"]),  # a word of two outlets' names
            ("kompas.com", []),
        ]:
            assert sorted(h.path for h in idx.search("banjir", source=source).hits) == found
            assert sorted(h.path for h in idx.search(f"source:{source}").hits) == found


def test_words_in_phrases_and_fields_are_respelt_too(seed_copy: tuple[Path, Path, Index]) -> None:
    _corpus, _index, idx = seed_copy
    assert idx.search('"gencatan senjta"').suggestion == '"gencatan senjata"'
    assert idx.search("title:Armenai").suggestion == "title:Armenia"
    assert idx.search("isi:Pashinyam").suggestion == "isi:Pashinyan"
    assert idx.search('"gencatan senjata"').suggestion is None
