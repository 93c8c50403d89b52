"""Document reading that mutation testing found unpinned: datelines, captions,
file names and cleaning of real Indonesian pages (see benchmarks/README.md,
"Mutation testing")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nksearch.documents import chrome, decode, filenames, outlets, safety
from nksearch.documents.adding import add_files, plan_copies
from nksearch.documents.corpus import resolve_document, scan, stamp_size
from nksearch.documents.datelines import dateline_date
from nksearch.errors import DocumentNotFound, Fix, PathOutsideCorpus, UsageError
from nksearch.models import Skipped


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Rabu, 24 November 2021 - 06:29 WIB", "2021-11-24"),
        ("Marcheilla Ariesta • 09 Oktober 2020 13:53", "2020-10-09"),
        ("Selasa, 3 Nov 2020 05:44 WIB", "2020-11-03"),
        ("November 3, 2020", "2020-11-03"),
        ("2020-11-03 05:44", "2020-11-03"),
        ("Diperbarui 12 Agt 2023, 10.15 WIB", "2023-08-12"),
    ],
)
def test_datelines_of_every_layout(line: str, date: str) -> None:
    assert dateline_date(line) == date


# --- adding files to a corpus ---------------------------------------------------------


def _tree(base: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text, encoding="utf-8")
    return base


def _refused(corpus: Path, *files: Path | str, overwrite: bool = False) -> UsageError:
    before = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*"))
    with pytest.raises(UsageError) as caught:
        add_files(corpus, list(files), overwrite=overwrite)
    assert sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*")) == before
    return caught.value


def test_add_copies_files_and_folders_at_any_depth(tmp_path: Path) -> None:
    corpus = _tree(tmp_path / "corpus", {"lama.txt": "Berita Lama\n\nIsi lama.\n"})
    src = _tree(tmp_path / "src", {
        "kiriman/2020/a.txt": "A", "kiriman/2020/b.MD": "B", "kiriman/gambar.png": "x",
        "kiriman/2021/c.html": "<p>C</p>", "kiriman/catatan.pdf": "y", "satu.htm": "S",
    })  # fmt: skip
    (src / "kiriman" / "2021" / "link.png").symlink_to(src / "kiriman" / "gambar.png")
    (src / "satu.htm").chmod(0o640)
    copied = add_files(corpus, [src / "kiriman", str(src / "satu.htm")])
    assert copied == ["kiriman/2020/a.txt", "kiriman/2020/b.MD", "kiriman/2021/c.html", "satu.htm"]
    assert (corpus / "kiriman" / "2020" / "b.MD").read_text() == "B"
    assert not (corpus / "kiriman" / "gambar.png").exists()
    assert (corpus / "satu.htm").stat().st_mode & 0o777 == 0o640
    assert not [p for p in corpus.rglob(".*")]  # no temporary file left
    # The same files again: identical, nothing to copy.
    assert add_files(corpus, [src / "kiriman", src / "satu.htm"]) == []
    assert plan_copies(corpus, [src / "satu.htm"]) == []
    # A different file of the same name: refused, unless replacing is asked for.
    (src / "satu.htm").write_text("S2")
    error = _refused(corpus, src / "satu.htm")
    assert str(error) == "a different satu.htm is already in the corpus"
    assert error.fix is Fix.OVERWRITE and error.path == str(corpus.resolve() / "satu.htm")
    (src / "satu.htm").write_text("T")  # same size, other bytes
    assert (
        str(_refused(corpus, src / "satu.htm")) == "a different satu.htm is already in the corpus"
    )
    assert add_files(corpus, [src / "satu.htm"], overwrite=True) == ["satu.htm"]
    assert (corpus / "satu.htm").read_text() == "T"
    # A file of the corpus itself, given by its own path: nothing to do.
    assert plan_copies(corpus, [corpus / "lama.txt"]) == []


def test_add_refuses_what_it_cannot_add_and_copies_nothing(tmp_path: Path) -> None:
    corpus = _tree(tmp_path / "corpus", {"sub/ada.txt": "Ada", "berkas": "x"})
    src = _tree(tmp_path / "src", {
        "a.pdf": "x", "kosong/gambar.png": "x", "b.txt": "B", "dua/b.txt": "B2",
        "berkas/c.txt": "C", "ada.txt": "Ada",
    })  # fmt: skip
    (src / "tautan.txt").symlink_to(src / "b.txt")
    (src / "bertaut").mkdir()
    (src / "bertaut" / "x.txt").symlink_to(src / "b.txt")
    cases = {
        src / "a.pdf": f"{src / 'a.pdf'} is not a .txt, .md, .html or .htm file",
        src / "hilang.txt": f"{src / 'hilang.txt'} is not a file or a folder",
        src / "tautan.txt": f"{src / 'tautan.txt'} is a symlink; add what it points to instead",
        src / "kosong": f"{src / 'kosong'} holds no .txt, .md, .html or .htm files",
        src / "bertaut": f"{src / 'bertaut' / 'x.txt'} is a symlink; nksearch never copies"
        " through one: add what it points to instead",
        corpus / "sub" / "ada.txt": f"{corpus / 'sub' / 'ada.txt'} is in the corpus already",
        corpus / "sub": f"{corpus / 'sub'} is in the corpus already",
        tmp_path: f"{tmp_path} holds the corpus; add the folders beside it",
        src / "berkas": "berkas in the corpus is not a folder",
    }
    # the path each refusal names (the CLI shows it): what was given, or what is in the way
    paths = {given: str(given) for given in cases}
    paths[src / "bertaut"] = str(src / "bertaut" / "x.txt")
    paths[src / "berkas"] = str(corpus / "berkas")
    for given, message in cases.items():
        error = _refused(corpus, src / "b.txt", given)
        assert (str(error), error.path, error.fix) == (message, paths[given], None), given
    error = _refused(corpus, src / "b.txt", src / "dua" / "b.txt")
    assert (
        str(error) == f"{src / 'b.txt'} and {src / 'dua' / 'b.txt'} would both be copied to"
        " b.txt; add them one at a time"
    )
    assert error.path == str(src / "dua" / "b.txt")
    # A file where a folder of another planned file goes.
    _tree(tmp_path / "lain", {"kiriman": "x"})
    (tmp_path / "lain" / "kiriman").rename(tmp_path / "lain" / "kiriman.txt")
    _tree(tmp_path / "src2", {"kiriman.txt/a.txt": "A"})
    error = _refused(corpus, tmp_path / "lain" / "kiriman.txt", tmp_path / "src2" / "kiriman.txt")
    assert str(error) == (
        f"{tmp_path / 'lain' / 'kiriman.txt'} would be copied to kiriman.txt, where"
        f" {tmp_path / 'src2' / 'kiriman.txt' / 'a.txt'} needs a folder; add them one at a time"
    )
    # Never written through a symlink in the corpus.
    (corpus / "luar").symlink_to(tmp_path / "src", target_is_directory=True)
    _tree(tmp_path / "x", {"luar/d.txt": "D"})
    error = _refused(corpus, tmp_path / "x" / "luar")
    assert (str(error), error.path) == (
        "luar in the corpus is a symlink; nksearch never writes through one: remove it or"
        " rename the folder",
        str(corpus / "luar"),
    )
    _tree(tmp_path / "x2", {"luar/dalam/f.txt": "F"})  # the link two folders up
    error = _refused(corpus, tmp_path / "x2" / "luar")
    assert (str(error), error.path) == (
        "luar in the corpus is a symlink; nksearch never writes through one: remove it or"
        " rename the folder",
        str(corpus / "luar"),
    )
    (corpus / "e.txt").symlink_to(src / "b.txt")
    _tree(tmp_path / "y", {"e.txt": "E"})
    error = _refused(corpus, tmp_path / "y" / "e.txt")
    assert (str(error), error.path) == (
        "e.txt in the corpus is a symlink; nksearch never writes through one: remove it or"
        " rename the file",
        str(corpus / "e.txt"),
    )
    assert (src / "b.txt").read_text() == "B"


# --- decoding and module tables ----------------------------------------------------------

ARTICLE = (
    "Gempa Guncang Pesisir Selatan\r\n\r\nGempa mengguncang pesisir selatan pada Senin pagi.\r\n"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_from_its_nul_bytes(codec: str) -> None:
    assert decode.decode(ARTICLE.encode(codec)) == ARTICLE.replace("\r\n", "\n")
    # Half the text in a script whose high bytes are not NUL: too few NULs to tell.
    mixed = (ARTICLE + "東京大阪名古屋札幌福岡神戸京都横浜" * 4).encode(codec)
    with pytest.raises(decode.UndecodableError, match=r"^binary data$"):
        decode.decode(mixed)
    # NUL high bytes but control characters all over: binary all the same.
    controls = ("\x01\x02\x03 abc " * 20).encode(codec)
    with pytest.raises(decode.UndecodableError, match=r"^binary data$"):
        decode.decode(controls)


def test_utf16_without_a_bom_of_an_odd_length_or_only_spaces() -> None:
    with pytest.raises(decode.UndecodableError, match=r"^binary data$"):
        decode.decode("   \n  ".encode("utf-16-le") + b"\x00")
    # A lone high surrogate cannot be decoded: binary, not an exception.
    with pytest.raises(decode.UndecodableError, match=r"^binary data$"):
        decode.decode("Berita ".encode("utf-16-le") * 10 + b"\x00\xd8" + "x".encode("utf-16-le"))
    assert decode.decode("Berita pagi ini.".encode("utf-16-le")) == "Berita pagi ini."


def test_a_file_over_the_limit_says_both_sizes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 2**20)
    (tmp_path / "besar.txt").write_bytes(b"kata " * (3 * 2**20 // 10))
    found = decode.read_article(tmp_path, tmp_path / "besar.txt")
    assert found == Skipped("besar.txt", "too large: 1.5 MB (limit 1.0 MB)")


def test_jakarta_time_and_its_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    assert str(filenames._jakarta()) == "Asia/Jakarta"

    def missing(key: str) -> None:
        raise filenames.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(filenames, "ZoneInfo", missing)
    zone = filenames._jakarta()
    moment = dt.datetime(2021, 11, 24, 23, 30, tzinfo=dt.timezone.utc)
    assert moment.astimezone(zone).isoformat() == "2021-11-25T06:30:00+07:00"
    assert zone.tzname(moment) == "WIB"


def test_an_outlet_entry_and_a_word_set() -> None:
    assert outlets._o("Tempo", "tempo.co koran.tempo.co", r"tempo", "koran tempo|tempo.com") == (
        outlets.Outlet(
            "Tempo", ("tempo.co", "koran.tempo.co"), "tempo", ("koran tempo", "tempo.com")
        )
    )
    assert outlets._o("Antara", "antaranews.com", "antara") == outlets.Outlet(
        "Antara", ("antaranews.com",), "antara", ()
    )
    assert chrome._set("baca juga  simak") == frozenset({"baca", "juga", "simak"})
    assert chrome._set("baca juga|simak", "|") == frozenset({"baca juga", "simak"})


# --- file names and the corpus scan -------------------------------------------------------


def test_undecodable_file_name_bytes_are_written_as_escapes() -> None:
    name = b"berita-\xff\xfe.txt".decode("utf-8", "surrogateescape")
    assert safety.escape_undecodable(name) == "berita-\\xff\\xfe.txt"
    assert safety.escape_undecodable("Berita ✓ é.txt") == "Berita ✓ é.txt"
    assert safety.escape_undecodable("a\ud800b") == "a\\ud800b"  # not from bytes


def test_scan_counts_documents_and_links_inside_and_says_why_others_are_not(
    tmp_path: Path,
) -> None:
    corpus = _tree(tmp_path / "corpus", {"a.txt": "A", "sub/b.MD": "BB", "gambar.png": "x"})
    outside = _tree(tmp_path / "luar", {"c.txt": "C"})
    (corpus / "tautan.txt").symlink_to(corpus / "sub" / "b.MD")
    (corpus / "keluar.txt").symlink_to(outside / "c.txt")
    (corpus / "putus.txt").symlink_to(corpus / "hilang.txt")
    (corpus / "folder.txt").symlink_to(corpus / "sub", target_is_directory=True)
    (corpus / "sublink").symlink_to(outside, target_is_directory=True)
    (corpus / "bukan.txt").mkdir()
    (corpus / "bukan.txt" / "d.htm").write_text("D")
    found = scan(corpus)
    assert found.root == corpus.resolve()
    assert sorted(found.files) == ["a.txt", "bukan.txt/d.htm", "sub/b.MD", "tautan.txt"]
    assert {stamp_size(stamp) for stamp in found.files.values()} == {1, 2}
    assert stamp_size(found.files["sub/b.MD"]) == 2
    assert found.files["tautan.txt"] == found.files["sub/b.MD"]
    assert sorted(found.problems, key=lambda s: s.path) == [
        Skipped("folder.txt", "symlink to something other than a file"),
        Skipped("keluar.txt", "symlink points outside the corpus"),
        Skipped("putus.txt", "broken or looping symlink"),
    ]
    assert stamp_size("1700000000123456789:4096") == 4096


def test_show_resolves_corpus_documents_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _tree(tmp_path / "corpus", {"a.txt": "A", "sub/b.txt": "B"})
    _tree(tmp_path, {"luar.txt": "L"})
    (corpus / "keluar.txt").symlink_to(tmp_path / "luar.txt")
    base = corpus.resolve()
    assert resolve_document(corpus, "sub/b.txt") == (base / "sub" / "b.txt", "sub/b.txt")
    assert resolve_document(corpus, str(corpus / "a.txt")) == (base / "a.txt", "a.txt")
    monkeypatch.chdir(corpus / "sub")
    assert resolve_document(corpus, "b.txt") == (base / "sub" / "b.txt", "sub/b.txt")
    cases = {
        "keluar.txt": (PathOutsideCorpus, f"'keluar.txt' is outside the corpus {str(base)!r};"
                       " only corpus documents can be shown"),
        "../luar.txt": (PathOutsideCorpus, f"'../luar.txt' is outside the corpus {str(base)!r};"
                        " only corpus documents can be shown"),
        "../tidak.txt": (PathOutsideCorpus, f"'../tidak.txt' is outside the corpus {str(base)!r}"),
        "../../luar.txt": (PathOutsideCorpus, f"'../../luar.txt' is outside the corpus"
                           f" {str(base)!r}; only corpus documents can be shown"),
        "/tidak/ada.txt": (PathOutsideCorpus,
                           f"'/tidak/ada.txt' is outside the corpus {str(base)!r}"),
        "sub": (DocumentNotFound, "'sub' is not a file in the corpus"),
        "tidak.txt": (DocumentNotFound, "no document 'tidak.txt' in the corpus"),
    }  # fmt: skip
    for name, (kind, message) in cases.items():
        with pytest.raises(kind) as caught:
            resolve_document(corpus, name)
        assert str(caught.value) == message, name
        assert caught.value.path == name
    with pytest.raises(DocumentNotFound) as missing:
        resolve_document(corpus, "tidak.txt")
    assert missing.value.fix is Fix.LIST_DOCUMENTS


# --- datelines and dates in file names: the edges -----------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("05/12/2021", "2021-12-05"),  # both readings possible: day first
        ("11/13/2021", "2021-11-13"),  # no month 13: month first
        ("12/24/2021", "2021-12-24"),
        ("13/12/2021", "2021-12-13"),
        ("1 Januari 1900", "1900-01-01"),
        ("31 Desember 2100", "2100-12-31"),
        ("31 Desember 1899", None),
        ("1 Januari 2101", None),
        ("Rabu, 24 November 2021.", None),  # a sentence, not a dateline
        ("Reporter Dewi Sartika Jakarta 24 November 2021", "2021-11-24"),  # four words beside
        ("Reporter Dewi Sartika Jakarta tempo.co 24 November 2021", "2021-11-24"),
        ("Reporter Dewi Sartika Jakarta Pusat 24 November 2021", "2021-11-24"),  # five
        ("Reporter Dewi Sartika Jakarta Pusat Barat 24 November 2021", None),  # six
        ("24 November 2021 5 Komentar", "2021-11-24"),
        ("24 November 2021 oleh redaksi kami", None),  # lowercase words: a sentence
    ],
)
def test_dateline_edges(line: str, date: str | None) -> None:
    assert dateline_date(line) == date


def test_a_dateline_up_to_150_characters() -> None:
    line = "Rabu, 24 November 2021 06:29 WIB"
    assert dateline_date(line.ljust(150)) == "2021-11-24"
    assert dateline_date(line.ljust(151)) is None


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("kiriman/judul 19-05-2023.txt", "2023-05-19"),
        ("berita.19-05-2023.md", "2023-05-19"),
        ("arsip.2023.05.19.txt", "2023-05-19"),
        ("2023.05.19.html", "2023-05-19"),
        ("2023-05-19/judul.txt", None),  # folders do not count
    ],
)
def test_dates_in_file_names_with_dots_and_spaces(name: str, date: str | None) -> None:
    assert filenames.date_in_name(name, today=dt.date(2025, 6, 1)) == date
