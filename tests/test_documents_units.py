"""Page metadata, decoding and the other document helpers, unit by unit.

Fast (no index): titles as outlets write them, dates as pages give them,
outlets from addresses and site names, file bytes in every encoding a corpus
holds.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from unprivileged import as_nobody

from nksearch.documents import chrome, corpus, decode, folders, frontmatter, htmlpage, outlets, page
from nksearch.documents.metadata import Metadata, clean_title, date_value, outlet_fields
from nksearch.errors import CorpusError, Fix
from nksearch.models import Skipped

# -- titles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "clean"),
    [
        ("Putin Undang Pemimpin Armenia - Kompas.com", None, "Putin Undang Pemimpin Armenia"),
        ("Kompas.com - Putin Undang Pemimpin", None, "Putin Undang Pemimpin"),
        ("Judul Berita | Republika Online", None, "Judul Berita"),
        ("Judul Berita | Situs Kita", "situs kita", "Judul Berita"),
        ("Judul Berita | Situs Kita", " Situs Kita ", "Judul Berita"),
        ("Judul Berita | Situs Kita", None, "Judul Berita | Situs Kita"),
        ("Situs Kita - Judul Berita", "Situs Kita", "Judul Berita"),
        ("Judul Berita :: Tempo.co | Tempo", None, "Judul Berita"),
        ("Judul – Kompas.com — CNN Indonesia", None, "Judul"),
        ("Judul - Detik", "Detik", "Judul"),
        ("Armenia - Azerbaijan - Rusia", None, "Armenia - Azerbaijan - Rusia"),
        ("Kompas", None, "Kompas"),  # the site's name alone is a title
        ("Judul  \x1b[31m dengan\tspasi", None, "Judul dengan spasi"),
        ("", None, None),
        (None, None, None),
        (" \t ", None, None),
    ],
)
def test_clean_title(title: str | None, site: str | None, clean: str | None) -> None:
    assert clean_title(title, site=site) == clean


def test_a_long_title_is_cut_at_300_characters() -> None:
    assert len(clean_title("x" * 700) or "") == 300
    assert clean_title("Judul | " + "x" * 650) == "Judul | " + "x" * 292


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date"),
    [
        (dt.datetime(2021, 11, 24, 6, 29), "2021-11-24"),
        (dt.date(2021, 11, 24), "2021-11-24"),
        (dt.date(1899, 12, 31), None),
        (dt.date(1900, 1, 1), "1900-01-01"),
        (dt.date(2100, 12, 31), "2100-12-31"),
        (dt.date(2101, 1, 1), None),
        (dt.datetime(1899, 12, 31, 23), None),
        (dt.datetime(1900, 1, 1), "1900-01-01"),
        (dt.datetime(2100, 12, 31), "2100-12-31"),
        (dt.datetime(2101, 1, 1), None),
        ("2021-11-24T06:29:00+07:00", "2021-11-24"),
        ("2021-11-24", "2021-11-24"),
        (" 2021-11-24 06:29 ", "2021-11-24"),
        ("2021-13-01", None),  # no 13th month, and no other reading of it
        ("2021-02-30", None),
        ("2021-11-24x", None),
        ("1899-01-01", None),
        ("Rabu, 24 November 2021", "2021-11-24"),
        ("24/11/2021", "2021-11-24"),
        ("Jum'at, 09 Oktober 2020 - 17:16 WIB", "2020-10-09"),
        ("x" * 101, None),
        ("2021-11-24" + " " * 90, "2021-11-24"),  # exactly 100 characters
        ("2021-11-24" + " " * 91, None),
        (20211124, None),
        (None, None),
    ],
)
def test_date_value(value: object, date: str | None) -> None:
    assert date_value(value) == date


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_scan_says_why_each_odd_entry_is_not_a_document() -> None:
    top = Path(tempfile.mkdtemp(prefix="nksearch-scan-"))  # outside root's private /tmp folder
    top.chmod(0o755)
    root = top / "korpus"
    (root / "berita" / "lama").mkdir(parents=True)
    (root / "berita" / "Gempa Cianjur.txt").write_text("Gempa Cianjur\n\nIsi.\n")
    (root / "berita" / "lama" / "Banjir Dēmak.md").write_text("Banjir Demak\n\nIsi.\n")
    os.mkfifo(root / "berita" / "pipa.txt")
    os.mkfifo(root / "berita" / "pipa.dat")  # not a document: not mentioned
    bad = os.fsdecode(b"kabar-\xff")
    os.mkdir(os.path.join(root, bad))
    (Path(root, bad) / "isi.txt").write_text("Isi\n")
    Path(root, "berita", bad + ".txt").write_text("Isi\n")
    (root / "terkunci").mkdir()
    (root / "terkunci" / "rahasia.txt").write_text("Rahasia\n\nIsi.\n")
    (root / "terkunci").chmod(0o300)  # may be entered, not listed
    try:
        found = corpus.scan(root)
        root_reads_all = os.geteuid() == 0  # as in CI; the locked folder is seen below
        assert list(found.files) == [
            "berita/Gempa Cianjur.txt",
            "berita/lama/Banjir Dēmak.md",
            *(["terkunci/rahasia.txt"] if root_reads_all else []),
        ]
        assert found.folders["berita/lama"] == (root / "berita" / "lama").stat().st_mtime_ns
        assert found.files["berita/lama/Banjir Dēmak.md"].endswith(":19")
        assert sorted(found.problems, key=str) == [
            Skipped("berita/kabar-\\xff.txt", "file name is not valid UTF-8; rename it"),
            Skipped("berita/pipa.txt", "not a regular file"),
            Skipped("kabar-\\xff", "folder name is not valid UTF-8; rename it"),
            *([] if root_reads_all else [
                Skipped("terkunci", "folder not readable: Permission denied")
            ]),
        ]  # fmt: skip
        seen = as_nobody(
            lambda: (list(corpus.scan(root).files), sorted(corpus.scan(root).problems, key=str))
        )
        assert seen == repr((
            ["berita/Gempa Cianjur.txt", "berita/lama/Banjir Dēmak.md"],
            [
                Skipped("berita/kabar-\\xff.txt", "file name is not valid UTF-8; rename it"),
                Skipped("berita/pipa.txt", "not a regular file"),
                Skipped("kabar-\\xff", "folder name is not valid UTF-8; rename it"),
                Skipped("terkunci", "folder not readable: Permission denied"),
            ],
        ))  # fmt: skip
    finally:
        (root / "terkunci").chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


# -- outlets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site", "fields"),
    [
        ("https://www.kompas.com/x", "Kompas", ("Kompas", None)),
        ("https://www.kompas.com/x", "Situs Lain", ("Kompas", None)),  # the address wins
        (None, "Kompas.com", ("Kompas", None)),
        (None, "Republika Online", ("Republika", None)),
        ("https://news.detik.com/x", None, ("Detik", None)),
        ("https://blog.example.org/a", "Blog Saya", (None, "Blog Saya")),
        ("https://blog.example.org/a", None, (None, "blog.example.org")),
        ("https://blog.example.org/a", "  ", (None, "blog.example.org")),
        (None, None, (None, None)),
        ("", "", (None, None)),
    ],
)
def test_outlet_fields(url: str | None, site: str | None, fields: tuple[str | None, ...]) -> None:
    assert outlet_fields(url, site) == fields


# -- decoding ------------------------------------------------------------------------

TEXT = "Judul Berita\r\n\r\nHarga cabai naik di Jakarta.\r"
LINES = "Judul Berita\n\nHarga cabai naik di Jakarta.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        TEXT.encode("utf-16-le"),  # no byte-order mark
        TEXT.encode("utf-16-be"),
        b"Judul\x00 Berita\r\n\r\nHarga cabai naik di Jakarta.\r",  # a stray NUL
    ],
)
def test_every_encoding_gives_the_same_lines(data: bytes) -> None:
    assert decode.decode(data) == LINES.replace("Judul\x00", "Judul")


def test_windows_and_latin_text() -> None:
    assert decode.decode("Café “kutip” – Jakarta".encode("cp1252")) == "Café “kutip” – Jakarta"
    assert decode.decode("Café \x81\x8d Jakarta".encode("latin-1")) == "Café \x81\x8d Jakarta"
    # a UTF-8 mark on text that is not UTF-8: the rest is read as the others are
    assert decode.decode(codecs.BOM_UTF8 + b"caf\xe9 enak") == "café enak"
    assert decode.decode(b"a\rb\r\nc") == "a\nb\nc"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "invalid utf-16-le text"),
        (codecs.BOM_UTF32_BE + b"\xff\xff\xff\xff", "invalid utf-32-be text"),
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF16_LE + b" \x00\n\x00", "empty file"),
        (b"abc\x01\x02\x03\x04def", "binary data"),
        (bytes(range(0x80, 0xA0)) * 2 + b"abc", "binary data"),
        (bytes(range(256)) * 4, "binary data"),
        (b"\x00\x00\x00\x00 \x00", "binary data"),
        (b"\x00\x00" * 50 + b"a\x00", "binary data"),
    ],
)
def test_what_is_not_text_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(decode.UndecodableError) as refused:
        decode.decode(data)
    assert str(refused.value) == reason


def test_control_and_nul_limits() -> None:
    text = b"Harga cabai naik di Jakarta hari ini, kata pedagang. " * 2  # 106 bytes
    # up to 5 % + 2 control bytes is still text
    assert decode.decode(text + b"\x01" * 7) == text.decode() + "\x01" * 7
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode.decode(text + b"\x01" * 8)
    # up to 10 % + 8 NUL bytes are dropped
    assert decode.decode(text + b"\x00" * 20) == text.decode()
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode.decode(text + b"\x00" * 21)


def test_utf16_without_a_mark_needs_nul_high_bytes() -> None:
    assert decode._bomless_utf16("Kabar dari Jakarta".encode("utf-16-le")) == "Kabar dari Jakarta"
    assert decode._bomless_utf16("Kabar dari Jakarta".encode("utf-16-be")) == "Kabar dari Jakarta"
    mixed = "Kabar dari 東京 dan Jakarta".encode("utf-16-le")
    assert decode._bomless_utf16(mixed) == "Kabar dari 東京 dan Jakarta"
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode._bomless_utf16(b"\x00\x00" * 20)
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode._bomless_utf16("\x01\x02\x03abc".encode("utf-16-le"))
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode._bomless_utf16(b"a\x00b\x00\x00\xdc")  # a lone low surrogate


def test_reading_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    good = tmp_path / "a" / "berita.txt"
    good.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert decode.read_text(tmp_path, good) == ("a/berita.txt", LINES)
    assert decode.read_text(tmp_path, tmp_path / "a") == Skipped(
        "a", "not readable: Is a directory"
    )
    fifo = tmp_path / "pipa.txt"
    os.mkfifo(fifo)
    assert decode.read_text(tmp_path, fifo) == Skipped("pipa.txt", "not a regular file")
    assert decode.read_text(tmp_path, tmp_path / "hilang.txt") == Skipped(
        "hilang.txt", "not readable: No such file or directory"
    )
    monkeypatch.setattr(decode, "MAX_BYTES", 40)
    assert decode.read_text(tmp_path, good) == Skipped(
        "a/berita.txt", "too large: 0.0 MB (limit 0.0 MB)"
    )
    (tmp_path / "kosong.txt").write_bytes(b"")
    assert decode.read_text(tmp_path, tmp_path / "kosong.txt") == Skipped(
        "kosong.txt", "empty file"
    )


def test_reading_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(b"x" * (3 << 20))
    fd = os.open(path, os.O_RDONLY)
    try:
        assert len(decode._read_up_to(fd, (1 << 20) + 5)) == (1 << 20) + 5
        assert len(decode._read_up_to(fd, 10 << 20)) == (2 << 20) - 5
        assert decode._read_up_to(fd, 10) == b""
    finally:
        os.close(fd)


def test_sizes_and_relative_names() -> None:
    assert decode._too_large(60 * 2**20) == "too large: 60.0 MB (limit 50.0 MB)"
    assert decode._too_large(52_500_000) == "too large: 50.1 MB (limit 50.0 MB)"
    assert decode._relative(Path("/a"), Path("/a/b/c.txt")) == "b/c.txt"
    assert decode._relative(Path("/a"), Path("/x/y.txt")) == "/x/y.txt"
    assert decode._relative(Path("seeds"), Path("seeds/000.txt")) == "000.txt"
    assert decode._relative(Path("seeds"), Path.cwd() / "seeds" / "000.txt") == "000.txt"


# -- web-clipper Markdown --------------------------------------------------------------

CLIPPED = """> ## Excerpt
> Ringkasan berita.

---

# Putin Undang Pemimpin

Presiden **Rusia** _Vladimir_ Putin mengundang [Armenia](https://x.id/a) dan \
![foto](https://x.id/f.jpg) [Azerbaijan][1].

## Sub Judul ##
- butir satu
* butir dua
> kutipan
***
~~coret~~ dan snake_case_word tetap.
"""


def test_markdown_becomes_the_text_a_reader_sees() -> None:
    assert frontmatter.plain_text(CLIPPED, title="Putin Undang Pemimpin") == (
        "\n\nPresiden Rusia Vladimir Putin mengundang Armenia dan   Azerbaijan.\n\n"
        "Sub Judul\nbutir satu\nbutir dua\nkutipan\n\ncoret dan snake_case_word tetap.\n"
    )
    # another heading stays; the title after the text began stays
    assert frontmatter.plain_text("# Judul Lain\n\nIsi.", title="Putin") == "Judul Lain\n\nIsi."
    assert frontmatter.plain_text("Isi dulu.\n# Putin Undang\n", title="Putin Undang") == (
        "Isi dulu.\nPutin Undang\n"
    )
    # an excerpt quote only before the text
    assert frontmatter.plain_text("Isi.\n> ## Excerpt\n> x") == "Isi.\n## Excerpt\nx"
    assert frontmatter._key("Putin: Undang, Pemimpin!") == "putin undang pemimpin"
    assert frontmatter._key(None) == ""


def test_front_matter_fields() -> None:
    assert frontmatter._metadata(
        {
            "title": "Judul - Kompas.com",
            "source": "https://www.kompas.com/a",
            "published": "2021-11-24",
            "created": dt.date(2021, 12, 1),
        }
    ) == Metadata("Judul", "2021-11-24", "2021-12-01", "Kompas", None, "https://www.kompas.com/a")
    assert frontmatter._metadata(
        {
            "title": "Judul | Blog Saya",
            "url": "bukan url",
            "site_name": "Blog Saya",
            "date": "Rabu, 24 November 2021",
            "clipped": "2021-12-01",
        }
    ) == Metadata("Judul", "2021-11-24", "2021-12-01", None, "Blog Saya", None)
    assert frontmatter._metadata(
        {
            "judul": 5,
            "headline": "Judul",
            "link": "https://blog.example.org/a",
            "source": "https://blog.example.org/a",
            "pubdate": "x",
            "publish_date": "2020-01-02",
            "site": "  ",
        }
    ) == Metadata("Judul", "2020-01-02", None, None, "blog.example.org", "https://blog.example.org/a")


def test_reading_a_clipped_page() -> None:
    raw = "---\nTitle: Judul\nsource: https://www.kompas.com/a\n---\n# Judul\n\nIsi **tebal**.\n"
    assert frontmatter.read(raw) == (
        "\n\nIsi tebal.\n",
        Metadata("Judul", None, None, "Kompas", None, "https://www.kompas.com/a"),
    )
    # MarkDownload: no front matter, the first heading is the title (not a lower one)
    assert frontmatter.read("# Judul Heading\n\nIsi.") == ("\nIsi.", Metadata("Judul Heading"))
    assert frontmatter.read("## Sub Heading\n\nIsi.") == ("Sub Heading\n\nIsi.", Metadata())
    assert frontmatter.read("\n\n# Judul\nIsi.") == ("\n\nIsi.", Metadata("Judul"))


# -- folder times ----------------------------------------------------------------------


def _age(path: Path, seconds: int = 60) -> None:
    """Move a folder's time back, as if it last changed a minute before the scan."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_changed_folders_lists_again_only_what_changed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "c").mkdir()
    (root / "satu.txt").write_text("Judul Satu\n\nIsi.\n")
    (root / "a" / "dua.md").write_text("Judul Dua\n\nIsi.\n")
    (root / "a" / "b" / "tiga.txt").write_text("Judul Tiga\n\nIsi.\n")
    (root / "c" / "gambar.png").write_bytes(b"\x89PNG")
    for folder in (root, root / "a", root / "a" / "b", root / "c"):
        _age(folder)
    found = corpus.scan(root)
    assert set(found.folders) == {"", "a", "a/b", "c"}
    unchanged = folders.changed_folders(root, found.folders, found.started_ns)
    assert unchanged == folders.Changed(frozenset(), {}, ())
    # a file added in a/ and a new folder in c/: those two folders, and the new one
    (root / "a" / "empat.txt").write_text("Judul Empat\n\nIsi.\n")
    (root / "c" / "baru").mkdir()
    (root / "c" / "baru" / "lima.htm").write_text("<title>Lima</title><p>Isi.</p>")
    changed = folders.changed_folders(root, found.folders, found.started_ns)
    assert changed.folders == frozenset({"a", "c", "c/baru"})
    assert sorted(changed.files) == ["a/dua.md", "a/empat.txt", "c/baru/lima.htm"]
    assert changed.files["a/dua.md"] == found.files["a/dua.md"]
    assert changed.problems == ()


def test_a_folder_gone_or_made_a_file_is_changed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    for folder in (root, root / "a", root / "b"):
        _age(folder)
    found = corpus.scan(root)
    (root / "a").rmdir()
    (root / "b").rmdir()
    (root / "b").write_text("bukan folder")
    _age(root)
    root_time = root.stat().st_mtime_ns
    recorded = {**found.folders, "": root_time}
    changed = folders.changed_folders(root, recorded, found.started_ns)
    assert changed.folders == frozenset({"a", "b"})
    assert changed.files == {}


def test_a_folder_changed_just_before_its_scan_is_always_listed_again(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "satu.txt").write_text("Judul Satu\n\nIsi.\n")
    mtime = root.stat().st_mtime_ns
    # recorded 2 s before the scan began: racy; a moment more: settled
    assert folders.changed_folders(root, {"": mtime}, mtime + folders.RACY_NS).folders == {""}
    assert folders.changed_folders(root, {"": mtime}, mtime + folders.RACY_NS + 1).folders == set()
    assert folders.parent_of("a/b/c.txt") == "a/b"
    assert folders.parent_of("c.txt") == ""


# -- outlets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "outlet"),
    [
        ("https://www.kompas.com/x", "kompas.com", "Kompas"),
        ("WWW.KOMPAS.COM", "kompas.com", "Kompas"),
        ("m.detik.com", "detik.com", "Detik"),
        ("amp.kompas.com", "kompas.com", "Kompas"),
        ("mobile.kompas.com", "kompas.com", "Kompas"),
        ("www.com", "www.com", None),  # a prefix is kept when nothing would be left
        ("http://[::1", "", None),
        ("  https://news.detik.com/berita/1 ", "news.detik.com", "Detik"),
        ("kompas.com/tren/x", "kompas.com", "Kompas"),
        ("https://www.kompas.tv", "kompas.tv", "Kompas"),
        ("https://nasional.sindonews.com/a", "nasional.sindonews.com", "SINDOnews"),
        ("https://www.bbc.com/indonesia/dunia-1", "bbc.com", "BBC News Indonesia"),
        ("https://www.bbc.com/INDONESIA/x", "bbc.com", "BBC News Indonesia"),
        ("https://www.bbc.com/news/x", "bbc.com", None),  # another section
        ("https://koran.tempo.co/read/1", "koran.tempo.co", "Koran Tempo"),
        ("https://tempo.co/read/1", "tempo.co", "Tempo"),
        ("https://notkompas.com/x", "notkompas.com", None),
        ("https://kompas.com.evil.org/x", "kompas.com.evil.org", None),
        ("", "", None),
    ],
)
def test_hosts_and_outlets_of_addresses(url: str, host: str, outlet: str | None) -> None:
    assert outlets._host(url) == host
    assert outlets.outlet_of_url(url) == outlet


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("  Kompas.com | ", "Kompas"),
        ("@detikcom", "Detik"),
        ("Situs  Kita", "Situs Kita"),
        ("blog.example.org", "blog.example.org"),
        ("https://www.blog.example.org", "blog.example.org"),
        ("x" * 60, "x" * 60),
        ("x" * 61, None),
        ("", None),
        (" - ", None),
    ],
)
def test_site_names(value: str, name: str | None) -> None:
    assert outlets.site_name(value) == name


def test_a_site_describing_itself() -> None:
    assert outlets.is_self_description("DailySocial.id adalah portal berita teknologi.")
    assert outlets.is_self_description("Kompas.com merupakan salah satu situs berita.")
    assert outlets.is_self_description("Detik adalah media online")
    assert not outlets.is_self_description("Budi adalah sebuah portal.")
    assert not outlets.is_self_description("satu")
    assert not outlets.is_self_description("kata " * 59 + "Detik adalah media online")
    assert outlets.is_self_description("Detik adalah media online" + " kata" * 56)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("kata Budi kepada kumparan, Senin.", "Kumparan"),
        ("saat dihubungi Kompas.com kemarin", "Kompas"),
        ("pantauan detikcom di lokasi", "Detik"),
        ("Hal itu diterima redaksi Tempo.", "Tempo"),
        ("diwawancarai oleh tim Kompas.com", "Kompas"),
        ("berbincang-bincang dengan detikcom", "Detik"),
        ("kata Budi kepada wartawan, lalu kepada kumparan", "Kumparan"),
        ("kumparan (kumparan.com) melaporkan", "Kumparan"),
        ("Laporan lengkap ada di kumparan (kumparan.com) hari ini", "Kumparan"),
        ("dilansir dari kumparan (kumparan.com)", None),
        ("Tempo (kompas.com) x", None),
        ("Budi (kumparan.com) x", None),
        ("kata Budi kepada wartawan", None),
        ("x" * 4980 + " kepada kumparan", "Kumparan"),
        ("x" * 4990 + " kepada kumparan", None),  # over 5,000 characters: not read
    ],
)
def test_a_paragraph_naming_its_own_newsroom(line: str, outlet: str | None) -> None:
    assert outlets.self_reference(line) == outlet


def test_front_matter_that_is_too_long_or_not_yaml_is_read_as_text() -> None:
    big = "---\n" + "a: b\n" * 20_000 + "---\nisi"  # closes beyond 64 KiB
    assert frontmatter.split(big) == (None, big)
    assert frontmatter.problem(big) == "front matter has no closing '---' line: read as text"
    bad_date = "---\ndate: 2021-13-45\n---\nisi"  # YAML's own dates: no 13th month
    assert frontmatter.split(bad_date) == (None, bad_date)
    assert frontmatter.problem(bad_date) == "front matter is not valid YAML: read as text"
    assert frontmatter.problem("---\n\n---\nisi") is None  # empty front matter
    assert frontmatter.read("#Judul\nIsi") == ("#Judul\nIsi", Metadata())  # no space: no heading


def test_decoding_limits_exactly() -> None:
    # NULs in a quarter of the bytes: still text (more would be UTF-16)
    assert decode.decode(b"abc\x00" * 10) == "abc" * 10
    # 5 % + 2 control bytes, 10 % + 8 NULs: at the limit, still text
    assert decode.decode(b"x" * 93 + b"\x01" * 7) == "x" * 93 + "\x01" * 7
    assert decode.decode(b"x" * 82 + b"\x00" * 18) == "x" * 82
    # C1 bytes that no Windows code page holds: 1 % + 2 of them is Latin-1 text
    assert decode.decode(b"x" * 97 + b"\x81\x8d\x8f") == "x" * 97 + "\x81\x8d\x8f"
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode.decode(b"x" * 96 + b"\x81\x8d\x8f\x90")
    # NULs and spaces only: binary, not empty
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode.decode(b" \x00 \n")
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode.decode(" \n".encode("utf-16-le"))


def test_utf16_without_a_mark_at_its_limits() -> None:
    # 90 % of the high bytes NUL: UTF-16; fewer: not
    assert decode._bomless_utf16(("a" * 18 + "東京").encode("utf-16-le")) == "a" * 18 + "東京"
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode._bomless_utf16(("a" * 17 + "東京都").encode("utf-16-le"))
    # one control character in twenty: text; NUL characters in one low byte of ten: not
    assert decode._bomless_utf16(("a" * 19 + "\x01").encode("utf-16-le")) == "a" * 19 + "\x01"
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode._bomless_utf16(("a" * 9 + "\x00").encode("utf-16-le"))
    with pytest.raises(decode.UndecodableError, match="^binary data$"):
        decode._bomless_utf16(("a" * 8 + "\x00\x00").encode("utf-16-le"))


def test_a_file_that_grows_while_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tumbuh.txt"
    monkeypatch.setattr(decode, "MAX_BYTES", 40)
    real_fstat = os.fstat

    class Small:
        """What fstat said before the file grew."""

        def __init__(self, fd: int) -> None:
            info = real_fstat(fd)
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(decode.os, "fstat", Small)
    path.write_bytes(b"Judul\n\n" + b"x" * 33)  # exactly the limit
    assert decode.read_text(tmp_path, path) == ("tumbuh.txt", "Judul\n\n" + "x" * 33)
    path.write_bytes(b"Judul\n\n" + b"x" * 34)  # one byte over
    assert decode.read_text(tmp_path, path) == Skipped(
        "tumbuh.txt", "too large: 0.0 MB (limit 0.0 MB)"
    )


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 40)
    path = tmp_path / "pas.txt"
    path.write_bytes(b"Judul\n\n" + b"x" * 33)
    assert decode.read_text(tmp_path, path) == ("pas.txt", "Judul\n\n" + "x" * 33)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert len(decode._read_up_to(fd, 39)) == 39
    finally:
        os.close(fd)


# -- page chrome: copyright lines and headline shapes ------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("© 2024 Kompas.com", True),
        ("(c) 2023 Detik Network", True),
        ("(C) 2023 Detik Network", True),
        ("Copyright PT Kompas Cyber Media", True),
        ("Hak Cipta Dilindungi Undang-Undang", True),
        ("Seluruh isi situs ini: All Rights Reserved", True),
        ("Copyright " + "isi " * 18 + "Kompas", True),  # 20 words
        ("Copyright " + "isi " * 19 + "Kompas", False),  # 21: a paragraph that mentions it
        ("Kompas Cyber Media", False),
        ("Harga naik (c) 2023 persen", False),  # a mark, but not a copyright line
    ],
)
def test_copyright_lines(line: str, expected: bool) -> None:
    assert chrome.is_copyright(line) is expected


# 25 words of 200 characters, and one character more
TITLE_200 = (
    "Badan Nasional Penanggulangan Bencana Menginventarisasi Ribuan Rumah Rusak Berat Akibat"
    " Gempa Bermagnitudo Lima Koma Enam yang Mengguncang Kabupaten Cianjur dan Sekitarnya pada"
    " Senin Siang Berdasarkan"
)
TITLE_26_WORDS = (
    "Warga Desa di Kaki Gunung Itu Kini Tak Punya Rumah Lagi Usai Gempa Datang Dua Kali dalam"
    " Satu Hari dan Hujan Turun Tiap Malam Sejak Itu"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gempa Guncang Cianjur", True),
        ("Gempa Cianjur", False),  # two words: a label, not a headline
        ("5 Fakta Gempa Cianjur", True),
        ('"Kami Siap" Kata Anies Baswedan', True),
        ("gempa guncang Cianjur", False),
        ("Gempa guncang pesisir Cianjur", True),
        ("Siapa Calon Gubernur Jakarta?", True),
        *((f"Gempa Guncang Cianjur{end}", False) for end in (".", ":", ",", ";", "…", " -")),
        ("Gempa Guncang Cianjur. Warga Mengungsi ke Lapangan", True),
        ("Gempa Guncang Cianjur. Warga Mengungsi. Sekolah Libur", False),  # two sentences
        (TITLE_200, True),
        (TITLE_200.replace("Senin", "Selasa"), False),
        (TITLE_26_WORDS.rsplit(" ", 1)[0], True),
        (TITLE_26_WORDS, False),
        # a long question or exclamation of lower-case words is a sentence from the text
        ("Apakah Warga Pesisir Selatan Sudah Siap Menghadapi gempa besar nanti?", True),
        ("Apakah Warga Pesisir Selatan Sudah Siap menghadapi gempa besar nanti?", False),
        ("Apakah Warga Pesisir Selatan Sudah Siap Menghadapi gempa besar Nanti?", True),
        ("Apakah warga pesisir selatan sudah siap menghadapi gempa?", True),  # 8 words
        ("Ayo warga pesisir selatan segera mengungsi ke tempat yang lebih tinggi!", False),
        ("Ayo warga pesisir selatan segera mengungsi ke tempat yang lebih tinggi", True),
    ],
)
def test_headline_shapes(line: str, expected: bool) -> None:
    assert len(TITLE_200) == 200 and TITLE_200.count(" ") == 24
    assert chrome.is_title_like(line) is expected


# -- saved web pages ---------------------------------------------------------------------

_PARAGRAPHS = (
    "Jakarta - Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin"
    " siang. Getaran terasa hingga Jakarta dan Bandung.",
    "Badan Nasional Penanggulangan Bencana mencatat ribuan rumah rusak dan warga mengungsi ke"
    " lapangan terbuka di sejumlah kecamatan.",
    "Pemerintah daerah menetapkan masa tanggap darurat selama tiga puluh hari untuk mempercepat"
    " penanganan korban dan perbaikan rumah warga.",
)


def _saved_page(date: str, url: str = "https://www.kompas.com/read/gempa") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPHS)
    return (
        "<!-- saved from url=(0025)https://news.detik.com/x -->\n<html><head>"
        "<title>Gempa Guncang Cianjur - Kompas.com</title>"
        f'<meta property="og:url" content="{url}">'
        f'<meta property="article:published_time" content="{date}T10:00:00+07:00">'
        '<meta property="og:site_name" content="Kompas.com"></head><body><article>'
        f"<h1>Gempa Guncang Cianjur</h1>{body}</article></body></html>"
    )


def test_a_saved_page_gives_its_text_title_date_outlet_and_address() -> None:
    year = dt.date.today().year
    text, meta = htmlpage.read(_saved_page(f"{year}-01-15"))
    assert text == "\n".join(("Gempa Guncang Cianjur", *_PARAGRAPHS))
    kompas = "https://www.kompas.com/read/gempa"
    assert meta == Metadata("Gempa Guncang Cianjur", f"{year}-01-15", None, "Kompas", None, kompas)
    # dates up to the end of next year (a time zone ahead), none later
    assert htmlpage.read(_saved_page(f"{year + 1}-12-30"))[1].date == f"{year + 1}-12-30"
    assert htmlpage.read(_saved_page(f"{year + 2}-01-15"))[1].date is None
    # an address that is no web address: the browser's "saved from" mark names the page
    meta = htmlpage.read(_saved_page(f"{year}-01-15", url="file:///C:/berita.html"))[1]
    assert (meta.outlet, meta.url) == ("Detik", "https://news.detik.com/x")


def test_a_page_with_no_article_falls_back_to_its_plain_text() -> None:
    saved = "<!-- saved from url=(0025)https://wartadesa.id/x -->\n"
    assert htmlpage.read(saved + "<html><body><nav>Menu</nav></body></html>") == (
        "Menu",
        Metadata(site="wartadesa.id", url="https://wartadesa.id/x"),
    )
    saved = "<!-- saved from url=(0025)https://news.detik.com/x -->\n"
    assert htmlpage.read(saved + "<nav>Menu</nav>") == (
        "Menu",
        Metadata(outlet="Detik", url="https://news.detik.com/x"),
    )
    assert htmlpage.read("<html><body><p>Isi</p></body></html>") == ("Isi", Metadata())


def test_a_title_longer_than_a_headline_is_not_taken() -> None:
    assert htmlpage._plausible(" ".join(["Gempa"] * 30)) == " ".join(["Gempa"] * 30)
    assert htmlpage._plausible(" ".join(["Gempa"] * 31)) is None
    longest = TITLE_200 + " Laporan Terakhir Pemerintah Kabupaten Tasikmalaya"
    assert (len(longest), len(longest.split())) == (250, 30)
    assert htmlpage._plausible(longest) == longest
    assert htmlpage._plausible(longest + ".") is None
    assert htmlpage._plausible(None) is None


_MORE_WORDS = (
    "baik dalam bentuk cetak maupun digital termasuk foto video grafis dan audio di media sosial"
    " situs web aplikasi atau platform lain milik pihak ketiga tanpa izin"
).split()


def _words_long(start: str, words: int) -> str:
    """``start`` carried on with real words to exactly ``words`` words."""
    line = " ".join(start.split() + _MORE_WORDS[: words - len(start.split())])
    assert line.count(" ") + 1 == words
    return line


_RIGHTS = (
    "Dilarang mengambil dan/atau menayangkan ulang sebagian atau keseluruhan artikel ini"
    " tanpa izin tertulis dari redaksi"
)
_PROMO = "Dapatkan berita terbaru dari Kompas.com setiap hari di ponsel Anda"
_LONG_URL = ("https://www.kompas.com/read/2022/11/21/gempa-cianjur?" + "utm_source=x&" * 40)[:400]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (_LONG_URL, True),  # an address alone on its line
        (_LONG_URL + "a", False),  # longer than any chrome
        ("Baca selengkapnya", True),
        ("Baca juga: Gempa Guncang Cianjur", True),
        ("Kompas.com adalah media daring yang menyajikan berita terkini dari Indonesia", True),
        ("Kompas.com merupakan media daring yang menyajikan berita terkini dari Indonesia", True),
        ("Kompas.com ialah media daring yang menyajikan berita terkini dari Indonesia", True),
        ("Gempa adalah getaran di permukaan bumi akibat pelepasan energi dari dalam bumi", False),
        (_words_long(_RIGHTS, 40), True),
        (_words_long(_RIGHTS, 41), False),
        (_words_long(_PROMO, 30), True),
        (_words_long(_PROMO, 31), False),
        ("Page rendering in 0.0421 seconds", True),
        ("Proses rendering video memakan waktu lama", False),
        ("Penulis : Antara", True),
        ("Penulis : Ahmad Rizki dan Siti Nurhaliza dari Biro Jakarta Barat Bersama", True),
        ("Penulis : Ahmad Rizki dan Siti Nurhaliza dari Biro Jakarta Barat Bersama Tim", False),
        ("Foto: ANTARA/Reuters", True),
        ("Gempa mengguncang Cianjur pada Senin siang.", False),
    ],
)
def test_site_furniture(line: str, expected: bool) -> None:
    assert chrome.is_chrome(line) is expected


_CAPTION = (
    "Warga mengungsi di lapangan terbuka setelah gempa mengguncang Cianjur, Jawa Barat,"
    " Senin (21/11/2022)."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"{_CAPTION} Foto: ANTARA/Raisan Al Farisi", True),
        (f"{_CAPTION} (Photo: Reuters)", True),
        (f"{_CAPTION} Ilustrasi: Kompas", True),
        (f"{_CAPTION} Dok: BNPB", True),
        (f"{_CAPTION} Image: Getty", True),
        (f"{_CAPTION} Gambar: BMKG", True),
        (f"{_CAPTION} REUTERS/Willy Kurniawan", True),
        (f"{_CAPTION} Raisan Al Farisi", False),  # a name, but no agency
        (f"{_CAPTION} Tim Relawan ANTARA", True),
        (f"{_CAPTION} tim relawan dari ANTARA kota", False),  # mostly lower case: a sentence
        (f"{_CAPTION} Satu dua tiga Empat AFP", True),  # half the words capitalised
        (f"{_CAPTION} Satu dua tiga empat AFP", False),
        (f"{_CAPTION} Satu Dua Tiga Empat Lima Enam Tujuh AFP", True),  # eight words
        (f"{_CAPTION} Satu Dua Tiga Empat Lima Enam Tujuh Delapan AFP", False),
        (f"{_CAPTION} Foto: Satu Dua Tiga Empat Lima Enam Tujuh Delapan Sembilan", True),
        (f"{_CAPTION} Foto: Satu Dua Tiga Empat Lima Enam Tujuh Delapan Sembilan Sepuluh", False),
        (" ".join([_CAPTION] * 6) + " Foto: ANTARA", True),  # 80 words
        (" ".join([_CAPTION] * 6) + " Foto: ANTARA Jabar", False),  # 81
        ("Penanggulangan " * 66 + "Foto: BNPB", True),  # 1,000 characters
        ("Penanggulangan " * 66 + "Foto: Polri", False),  # 1,001
    ],
)
def test_photo_captions(line: str, expected: bool) -> None:
    assert chrome.is_caption(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Home | Nasional | Politik", True),
        ("Home | Nasional", False),
        ("Beranda | Berita | Gempa Guncang Cianjur", True),  # labels of up to three words
        ("Beranda | Berita | Gempa Guncang Cianjur Lagi", False),
        ("Home | " + "Nasional | " * 26 + "Politik", True),  # 300 characters
        ("Home | " + "Nasional | " * 26 + "Politiks", False),
        ("Facebook Twitter", True),
        ("Facebook", False),
        ("Home Nasional Politik Hukum Ekonomi Bisnis", True),
        ("Home Nasional Politik Hukum Ekonomi", False),  # five labels: could be a headline
        ("Home Nasional Politik Hukum Ekonomi bisnis", True),
        ("Home Nasional Politik hukum ekonomi Bisnis", False),
        ("Home Nasional Politik Pemilu Presiden Gubernur", True),
        ("Home Nasional Pemilu Presiden Gubernur Bupati", False),  # two sections of six
        ("Home Nasional Politik Pemilu Presiden Gubernur Bupati", True),
    ],
)
def test_menus(line: str, expected: bool) -> None:
    assert chrome.is_menu(line) is expected


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("Jakarta - Gempa mengguncang", "Jakarta"),
        ("Kota Bekasi - Banjir melanda", "Kota Bekasi"),
        ("Jakarta, Kompas.com - Gempa", "Jakarta, Kompas.com"),
        ("Kompas.com - Gempa", "Kompas.com"),
        ("MOSKOW - Presiden Rusia", "MOSKOW"),
        ("Bandung, (ANTARA) - Isi", "Bandung, (ANTARA)"),
        ("Kota Bekasi Jawa - Banjir", "Kota Bekasi Jawa"),
        ("Kota Bekasi Jawa Barat - Banjir", None),  # four words, nothing names a newsroom
        ("Kota, Bekasi - Banjir", None),
        ("BNPb Kota Bekasi Barat - isi", "BNPb Kota Bekasi Barat"),  # a word of capitals
        ("BNPB Kota Bekasi Jawa Barat Selatan - isi", "BNPB Kota Bekasi Jawa Barat Selatan"),
        ("BNPB Kota Bekasi Jawa Barat Selatan Raya - isi", None),  # seven words
        ("Jakarta: Gempa mengguncang", "Jakarta"),
        ("Kota Bekasi: Banjir", None),
        ("Foto: Gempa mengguncang", None),  # a label, not a place
        ("gempa - isi", None),
    ],
)
def test_dateline_openings(line: str, prefix: str | None) -> None:
    assert chrome.lead_prefix(line) == prefix


# -- page text: doubled lines, headline copies -------------------------------------------


@pytest.mark.parametrize(
    ("lines", "i", "expected"),
    [
        ("AA", 0, True),
        ("AA", 1, True),
        ("BAA", 2, True),
        ("BAAB", 1, True),
        ("BAAB", 2, True),
        ("AABA", 1, True),
        ("AB", 0, False),
        ("AAA", 0, False),  # three in a row: a repeated widget, not a doubled line
        ("AAA", 1, False),
        ("AAA", 2, False),
        ("BAA", 1, True),
        ("AAABC", 2, False),
        ("AAAB", 2, False),
    ],
)
def test_exactly_two_equal_lines_in_a_row(lines: str, i: int, expected: bool) -> None:
    words = {"A": "Gempa Guncang Cianjur", "B": "Baca juga", "C": "Foto: ANTARA"}
    assert page._doubled([words[letter] for letter in lines], i) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gempa Guncang Cianjur", True),
        ("GEMPA GUNCANG CIANJUR", True),
        ("Gempa Guncang...", True),
        ("Gempa Guncang…", True),
        ("Gempa Guncang Cianjur...", True),  # three characters more than the headline
        ("Gempa Guncang Cianjur....", False),  # four
        ("Gempa Guna…", False),  # not how the headline begins
        ("Gempa Gunc…", True),  # ten characters kept
        ("Gempa Gun…", False),  # nine: too little to tell
        ("Gempa Guncang", False),  # not cut off: another line
        ("Gempa…", False),
    ],
)
def test_a_line_that_repeats_the_headline(line: str, expected: bool) -> None:
    assert page._is_copy_of(line, "gempa guncang cianjur") is expected
    assert page._is_copy_of(line, "") is False


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Pembaca Cerewet", True),
        ("Nasional Cerewet", False),  # a section's name
        ("Foto Cerewet", False),  # a label
        ("pembaca cerewet", False),
        ("Pembaca 2024", False),
        ("Pertanggungjawaban Ketidakberuntungannya", True),  # 40 characters
        ("Mempertanggungjawabkan Ketidakberuntungan", False),  # 41
    ],
)
def test_two_word_headlines(line: str, expected: bool) -> None:
    assert chrome.is_short_headline(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Berita Terkait", True),
        ("Berita Terkait »", True),
        ("| Berita Terkait |", True),
        ("Video Terkini", True),
        ("|" * 23 + " Berita Terkait " + "|" * 21, True),  # 60 characters
        ("|" * 23 + " Berita Terkait " + "|" * 22, False),  # 61
        ("Gempa Guncang Cianjur", False),
    ],
)
def test_headings_that_end_an_article(line: str, expected: bool) -> None:
    assert chrome.is_end_heading(line) is expected


def test_cross_links_inside_a_paragraph_are_dropped() -> None:
    cleaned = "Gempa mengguncang Cianjur"
    assert chrome.drop_inline_links("Gempa (Baca juga: Banjir Demak) mengguncang Cianjur") == cleaned
    assert chrome.drop_inline_links("Gempa [Baca juga: Banjir Demak] mengguncang Cianjur") == cleaned
    assert chrome.drop_inline_links("Gempa (M 5,6) mengguncang") == "Gempa (M 5,6) mengguncang"


def test_a_corpus_that_is_missing_or_a_file_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada"
    with pytest.raises(CorpusError) as caught:
        corpus.check_corpus(missing)
    assert str(caught.value) == f"corpus directory {str(missing)!r} does not exist"
    assert (caught.value.path, caught.value.fix) == (str(missing), Fix.OTHER_CORPUS)
    (tmp_path / "berkas.txt").write_text("Isi\n")
    with pytest.raises(CorpusError) as caught:
        corpus.check_corpus(tmp_path / "berkas.txt")
    assert str(caught.value) == f"corpus {str(tmp_path / 'berkas.txt')!r} is not a directory"
    assert (caught.value.path, caught.value.fix) == (
        str(tmp_path / "berkas.txt"),
        Fix.OTHER_CORPUS,
    )
    assert corpus.check_corpus(tmp_path / "." / "") == tmp_path.resolve()


def test_bylines_link_headings_teaser_times_and_prose() -> None:
    assert chrome.is_credit("Penulis : Antara")
    assert chrome.is_credit("Penulis : Ahmad Rizki dan Siti Nurhaliza dari Biro Jakarta Barat Bersama")
    assert not chrome.is_credit(
        "Penulis : Ahmad Rizki dan Siti Nurhaliza dari Biro Jakarta Barat Bersama Tim"
    )
    assert not chrome.is_credit("Sumber foto: ANTARA")  # a photo credit
    assert not chrome.is_credit("Gempa mengguncang Cianjur")
    assert [chrome.is_link_heading(line) for line in ("Baca juga", "BACA JUGA:", "Gempa")] == [
        True,
        True,
        False,
    ]
    assert chrome.is_teaser_time("9 jam lalu") and chrome.is_teaser_time("9 jam yang lalu")
    assert chrome.is_teaser_time("1" * 14 + " menit yang lalu")  # 30 characters
    assert not chrome.is_teaser_time("1" * 15 + " menit yang lalu")
    assert not chrome.is_teaser_time("Gempa mengguncang Cianjur")
    words = (
        "Gempa mengguncang Cianjur pada Senin siang dan warga mengungsi ke lapangan terbuka di"
        " sekitar rumah mereka karena takut gempa susulan yang terus terjadi sejak pagi hari"
    ).split()
    assert chrome.is_prose(" ".join(words[:25]))
    assert not chrome.is_prose(" ".join(words[:24]))
    assert chrome.is_prose("Gempa mengguncang Cianjur pada Senin siang tadi pagi.")
    assert chrome.is_prose("Gempa mengguncang Cianjur pada Senin siang tadi pagi:")
    assert not chrome.is_prose("Gempa mengguncang Cianjur pada Senin siang tadi.")  # seven words
    assert not chrome.is_prose("Gempa mengguncang Cianjur pada Senin siang tadi pagi")


def test_a_title_made_up_from_the_first_words() -> None:
    made_up = page._made_up_title
    assert made_up(
        ["Jakarta - Gempa mengguncang Cianjur pada Senin siang dan warga mengungsi ke lapangan"],
        "a/b.txt",
    ) == "Gempa mengguncang Cianjur pada Senin siang dan warga mengungsi ke…"
    assert made_up(  # the tenth word's comma goes
        ["Gempa mengguncang Cianjur pada Senin siang dan warga segera mengungsi, lalu kembali"],
        "a/b.txt",
    ) == "Gempa mengguncang Cianjur pada Senin siang dan warga segera mengungsi…"
    assert made_up(
        ["Gempa mengguncang Cianjur pada Senin siang dan warga mengungsi"], "a/b.txt"
    ) == "Gempa mengguncang Cianjur pada Senin siang dan warga mengungsi"
    assert made_up([], "a/gempa-cianjur.txt") == "gempa-cianjur"


_HEADLINE = "Gempa Guncang Cianjur"
_DATE = "Senin, 21 November 2022 13:45 WIB"
_DATE_60 = "Reporter Ahmad Ramadhani | Senin, 21 November 2022 13:45 WIB"
_DATE_61 = "Reporter Ahmad Firmansyah | Senin, 21 November 2022 13:45 WIB"
_PARAGRAPH = (
    "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin siang dan"
    " warga mengungsi."
)


def _kinds(lines: list[str]) -> list[chrome.Kind]:
    return [chrome.kind(line) for line in lines]


def test_lists_of_other_stories_with_dates_under_or_over_their_headlines() -> None:
    assert (len(_DATE_60), len(_DATE_61)) == (60, 61)
    for lines, i, expected in [
        ([_PARAGRAPH, _HEADLINE, _DATE], 2, True),
        ([_PARAGRAPH, _HEADLINE, _DATE_60], 2, True),
        ([_PARAGRAPH, _HEADLINE, _DATE_61], 2, False),  # a byline, not a teaser's date
        ([_HEADLINE, _PARAGRAPH, _DATE], 2, False),
        ([_PARAGRAPH, "Penulis : Antara", _DATE], 2, False),
        ([_PARAGRAPH, _HEADLINE, _HEADLINE], 2, False),
    ]:
        assert page._dated_headline(lines, _kinds(lines), i) is expected, lines
    for lines, i, expected in [
        ([_DATE, _HEADLINE, _PARAGRAPH], 0, True),
        ([_DATE_60, _HEADLINE], 0, True),
        ([_DATE_61, _HEADLINE], 0, False),
        ([_HEADLINE, _DATE], 1, False),  # nothing under the date
        ([_DATE, _PARAGRAPH], 0, False),
        ([_HEADLINE, _HEADLINE], 0, False),
    ]:
        assert page._date_over_headline(lines, _kinds(lines), i) is expected, lines


def test_a_date_line_close_below_a_summary() -> None:
    byline = "Penulis : Antara"
    assert page._dated_below([_PARAGRAPH, byline, _DATE], 0)
    assert page._dated_below([_PARAGRAPH, byline, byline, byline, byline, _DATE], 0)
    assert not page._dated_below([_PARAGRAPH, byline, byline, byline, byline, byline, _DATE], 0)
    assert not page._dated_below([_PARAGRAPH, _PARAGRAPH, _DATE], 0)  # a paragraph first
    assert not page._dated_below([_PARAGRAPH, _DATE, _PARAGRAPH], 1)


def test_the_dateline_below_the_headline_comes_before_one_above_it() -> None:
    above = "Jakarta, 20 November 2022"
    byline = "Penulis : Antara"
    assert page._find_date([above, _HEADLINE, byline, _DATE, _PARAGRAPH], 1, 4, set()) == (
        "2022-11-21"
    )
    assert page._find_date([above, _HEADLINE, _PARAGRAPH], 1, 2, set()) == "2022-11-20"
    assert page._find_date([_HEADLINE, above, _DATE, _PARAGRAPH], 0, 3, set()) == "2022-11-20"
    assert page._find_date([_HEADLINE, above, _DATE, _PARAGRAPH], 0, 3, {1}) == "2022-11-21"
    assert page._find_date([_DATE, _HEADLINE, _PARAGRAPH], None, None, set()) == "2022-11-21"
    assert page._find_date([_HEADLINE, _DATE, _PARAGRAPH], 0, None, {1}) is None  # a caption
    # without a lead, the ten lines under the headline
    assert page._find_date([_HEADLINE, *[byline] * 9, _DATE], 0, None, set()) == "2022-11-21"
    assert page._find_date([_HEADLINE, *[byline] * 10, _DATE], 0, None, set()) is None
    # the lead ends the search below
    assert page._find_date([_HEADLINE, _PARAGRAPH, _DATE], 0, 1, set()) is None


def test_a_site_known_only_by_its_address_describing_itself() -> None:
    described = "Wartadesa.id adalah portal berita warga desa di Jawa Tengah"
    assert outlets.is_self_description(described)  # an outlet known only by its address
    assert outlets.is_self_description("Kompas.com adalah media daring")
    assert not outlets.is_self_description("Gempa adalah getaran bumi")
    assert not outlets.is_self_description("Wartadesa.id")
    words = described.split()
    assert outlets.is_self_description(" ".join(words + ["terkini"] * (60 - len(words))))
    assert not outlets.is_self_description(" ".join(words + ["terkini"] * (61 - len(words))))
    assert outlets.outlet_in("kunjungi (WARTADESA.ID) sekarang", domains=True) == "wartadesa.id"
    assert outlets.outlet_in("kunjungi (WARTADESA.ID) sekarang", domains=False) is None
    assert outlets.site_name("WWW.WartaDesa.ID") == "wartadesa.id"
    assert outlets.site_name("- Warta Desa.id -") == "Warta Desa.id"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            "<html><head><title>T</title><script>x</script></head>"
            "<body><p>Satu</p><p>Dua</p></body></html>",
            "Satu\nDua",
        ),
        ("<head><title>Judul</title><body><p>Isi</p>", "Isi"),  # an unclosed head
        ("<p>Satu<br/>Dua</p>", "Satu\nDua"),
        ("Satu<hr/>Dua", "Satu\nDua"),
        ("<div>Satu</div>Dua", "Satu\nDua"),
        ("<noscript><svg>x</svg>y</noscript>z", "z"),
        ("</script>Isi", "Isi"),
        ("<svg><g>x</g></svg></svg>Isi<p>dua</p>", "Isi\ndua"),
        ("<span>a</span><span>b</span>", "ab"),
        ("<p>Satu   dua</p>", "Satu dua"),
        ("<table><tr><td>A</td><td>B</td></tr></table>", "A\nB"),
    ],
)
def test_the_plain_text_of_a_page(markup: str, text: str) -> None:
    assert htmlpage.plain_text(markup) == text


def test_a_saved_page_keeps_the_tables_of_its_article() -> None:
    year = dt.date.today().year
    table = "<table><tr><td>Cugenang</td><td>1.200 rumah</td></tr></table>"
    page_with_table = _saved_page(f"{year}-01-15").replace("</article>", table + "</article>")
    text, _meta = htmlpage.read(page_with_table)
    assert "Cugenang" in text and "1.200 rumah" in text


_P2 = (
    "Badan Nasional Penanggulangan Bencana mencatat ribuan rumah rusak dan warga mengungsi ke"
    " lapangan terbuka."
)
_OTHER = "Banjir Demak Meluas ke Kudus"


@pytest.mark.parametrize(
    ("lines", "start", "body"),
    [
        # the article ends at a teaser list's heading, its time, or other stories' dates
        ([_PARAGRAPH, _P2, "Berita Terkait", _OTHER], 0, [_PARAGRAPH, _P2]),
        ([_PARAGRAPH, _OTHER, "9 jam lalu", _P2], 0, [_PARAGRAPH]),
        ([_PARAGRAPH, _OTHER, _DATE, _P2], 0, [_PARAGRAPH]),
        ([_PARAGRAPH, _DATE, _OTHER, _P2], 0, [_PARAGRAPH]),
        (["Berita Terkait", _PARAGRAPH], 0, ["Berita Terkait", _PARAGRAPH]),  # not at the start
        # up to three links under "Baca juga", until the text goes on
        (
            [_PARAGRAPH, "Baca juga", "Persija Juara Liga", "Banjir Demak Meluas",
             "Harga Cabai Naik", _P2],
            0,
            [_PARAGRAPH, _P2],
        ),
        (
            [_PARAGRAPH, "Baca juga", "Persija Juara Liga", "Banjir Demak Meluas",
             "Harga Cabai Naik", "Jalan Tol Dibuka", _P2],
            0,
            [_PARAGRAPH, "Jalan Tol Dibuka", _P2],
        ),
        (
            [_PARAGRAPH, "Baca juga", "Persija Juara Liga", _P2, "Harga Cabai Naik"],
            0,
            [_PARAGRAPH, _P2, "Harga Cabai Naik"],
        ),
        # photo credits, copies of the headline, signatures and inline links go
        (
            [_PARAGRAPH, "Foto: ANTARA/Reuters", "GEMPA GUNCANG CIANJUR", "Gempa Guncang...",
             _P2 + " (rfs/jbr)", "Warga (Baca juga: Banjir Demak) mengungsi."],
            0,
            [_PARAGRAPH, _P2, "Warga mengungsi."],
        ),
        ([_HEADLINE, _PARAGRAPH], 1, [_PARAGRAPH]),
    ],
)  # fmt: skip
def test_the_article_text_between_the_lead_and_what_follows_it(
    lines: list[str], start: int, body: list[str]
) -> None:
    assert page._body(lines, _kinds(lines), start, _HEADLINE) == body


def test_front_matter_and_markdown_are_read_by_suffix_or_by_their_opening() -> None:
    body = _PARAGRAPH
    front = "---\ntitle: Judul Dari Front Matter\ndate: 2022-11-21\n---\n" + body
    for path, raw in (("a.txt", "\ufeff" + front), ("a.txt", front), ("a.md", front)):
        article = page.parse_article(path, raw)
        assert (article.title, article.date, article.body) == (
            "Judul Dari Front Matter",
            "2022-11-21",
            body,
        ), (path, raw[:4])
    markdown = "# Gempa Guncang Cianjur\n\n**" + body + "**"
    for path in ("a.md", "a.MD"):
        article = page.parse_article(path, markdown)
        assert (article.title, article.body) == ("Gempa Guncang Cianjur", body)
    article = page.parse_article("a.txt", markdown)  # plain text: the marks are text
    assert (article.title, article.body) == ("# Gempa Guncang Cianjur", markdown)
