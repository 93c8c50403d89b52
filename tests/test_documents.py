"""Reading corpus files: decoding, cleaning, and title/date/source/body extraction."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from unprivileged import as_nobody

from nksearch.documents import decode as documents
from nksearch.documents.decode import UndecodableError, decode, read_article
from nksearch.documents.page import parse_article
from nksearch.documents.safety import clean_text
from nksearch.models import Article, Skipped

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    found: dict[str, Article] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(SEEDS, path)
        assert isinstance(article, Article), article
        found[path.name[:3]] = article
    return found


# --- the seed corpus ----------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        ("000", "Perang Baru Berkecamuk, Putin Undang Pemimpin Armenia dan Azerbaijan"),
        ("001", "Putin Ajak Menlu Azerbaijan dan Armenia Bahas Perdamaian"),
        ("002", "Akhiri Perang Nagorno Karabakh, Armenia-Azerbaijan Siap Berunding di Moskow"),
        ("003", "Vladimir Putin Telepon Pemimpin Armenia dan Azerbaijan Bahas Konflik"),
        ("004", "Rusia Tengahi Konflik Militer Azerbaijan-Armenia"),
    ],
)
def test_seed_titles(seeds: dict[str, Article], seed: str, title: str) -> None:
    assert seeds[seed].title == title


@pytest.mark.parametrize(
    ("seed", "date"),
    [
        ("000", "2021-11-24"),
        ("001", "2020-10-09"),
        ("002", "2020-10-09"),
        ("003", "2020-11-03"),  # not the caption's 22 September 2020
        ("004", None),  # only the photo caption has a date
    ],
)
def test_seed_dates(seeds: dict[str, Article], seed: str, date: str | None) -> None:
    assert seeds[seed].date == date


@pytest.mark.parametrize(
    ("seed", "source"),
    [
        ("000", "SINDOnews"),  # "Copyright © 2024 SINDOnews.com"
        ("001", "medcom.id"),  # "Ikuti media sosial medcom.id", not "Anadolu Agency"
        ("002", "SINDOnews"),  # "follow WhatsApp Channel SINDOnews", not "The National"
        ("003", "Tempo"),  # the "TEMPO.CO -" dateline, not TASS
        ("004", None),  # names no outlet: "Penulis : Antara" credits an agency, not the site
    ],
)
def test_seed_sources(seeds: dict[str, Article], seed: str, source: str) -> None:
    assert seeds[seed].source == source


def test_seed_paths_and_raw_text(seeds: dict[str, Article]) -> None:
    for seed, article in seeds.items():
        (path,) = SEEDS.glob(f"{seed}_*.txt")
        assert article.path == path.name
        assert article.raw == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("seed", "paragraphs", "first", "last"),
    [
        (
            "000",
            14,
            "MOSKOW - Presiden Rusia Vladimir Putin akan menjamu",
            "Perang tahun lalu merenggut nyawa lebih dari 6.500 orang.",
        ),
        (
            "001",
            11,
            "Moskow: Presiden Rusia Vladimir Putin mengundang",
            "yang terluka parah dalam serangan di gereja Ghazanchetsots.",
        ),
        (
            "002",
            12,
            "MOSKOW - Rusia mengatakan Armenia dan Azerbaikan",
            "warga Yunani bergabung dengan pasukan Armenia di Karabakh.",
        ),
        (
            "003",
            7,
            "TEMPO.CO - Presiden Rusia Vladimir Putin kembali memediasi",
            "melanjutkan serangan di sepanjang garis kontak pada paruh kedua hari itu.",
        ),
        (
            "004",
            10,
            "MOSKOW - Armenia dan Azerbaijan siap untuk mengakhiri blokade",
            'apa yang mereka sebut "pelanggaran berat" oleh Azerbaijan terhadap kesepakatan '
            "damai 2020.",
        ),
    ],
)
def test_seed_bodies_keep_the_article(
    seeds: dict[str, Article], seed: str, paragraphs: int, first: str, last: str
) -> None:
    body = seeds[seed].body
    parts = body.split("\n\n")
    assert len(parts) == paragraphs
    assert parts[0].startswith(first)
    assert parts[-1].endswith(last)
    assert all(part and part == part.strip() and "\n" not in part for part in parts)


def test_seed_bodies_have_no_site_chrome(seeds: dict[str, Article]) -> None:
    chrome = [
        "Baca juga",
        "Baca:",
        "loading",
        "A A A",
        "Pengaturan Font",
        "Foto",
        "Advertising",
        "Copyright",
        "All Rights Reserved",
        "FOLLOW US",
        "Ikuti media sosial",
        "Dapatkan berita",
        "Bagaimana tanggapan",
        "tulis komentar",
        "Komentar",
        "Redaktur",
        "Penulis",
        "Sumber",
        "https://",
        "Berita Terkait",
        "Berita terkait",
        "Rekomendasi",
        "Terpopuler",
        "Baca Selengkapnya",
        "rendering",
        "(sya)",
        "(FJR)",
        "(ber)",
        "\u00a0",
        "  ",
    ]
    for article in seeds.values():
        for text in chrome:
            assert text not in article.body, (article.path, text)
        assert article.title not in article.body


def test_seed_bodies_have_no_captions(seeds: dict[str, Article]) -> None:
    captions = {
        "000": ["Anggota pasukan penjaga perdamaian Rusia", "Perang Baru Berkecamuk,..."],
        "001": ["undang Azerbaijan dan Armenia bahas perdamaian", "konflik armenia-azerbaijan"],
        "002": ["siap berunding di Moskow untuk mengakhiri perang", "Ilustrasi"],
        "003": ["Sidang Umum PBB dari Moskow", "Angkatan bersenjata Azeri", "REUTERS"],
        "004": ["Tentara Azerbaijan ambil bagian", "ANTARA/Reuters", "Megapolitan"],
    }
    for seed, texts in captions.items():
        for text in texts:
            assert text not in seeds[seed].body, (seed, text)


def test_seed_teaser_lists_are_cut(seeds: dict[str, Article]) -> None:
    for teaser in ["Korea Utara", "Navalny", "paspor", "Kharkiv", "ISS", "jam lalu", "Kanada"]:
        assert teaser not in seeds["003"].body
    assert "Milisi Suriah" not in seeds["002"].body
    assert "Nagorno-Karabakh, yang juga dikenal sebagai Karabakh Atas." in seeds["001"].body
    assert "Arayik Harutyunyan, presiden daerah kantong etnis Armenia" in seeds["003"].body


def test_inline_cross_links_are_removed(seeds: dict[str, Article]) -> None:
    body = seeds["002"].body
    assert "etnis Armenia yang memisahkan diri, didukung oleh Armenia.\n\n" in body
    assert "bergabung dalam konflik dari luar negeri.\n\n" in body
    assert "Putin Serukan Diakhirinya Perang" not in body


# --- parsing other pages --------------------------------------------------------


def test_one_line_file_of_a_hundred_words() -> None:
    text = " ".join(f"kata{i}" for i in range(100))
    article = parse_article("berita/panjang.txt", text + "\n")
    assert article.title == "kata0 kata1 kata2 kata3 kata4 kata5 kata6 kata7 kata8 kata9…"
    assert article.body == text
    assert article.date is None
    assert article.source is None


def test_made_up_title_skips_the_dateline() -> None:
    text = (
        "Jakarta, Kompas - Pemerintah Indonesia dan China mengembangkan sejumlah lapangan "
        "minyak marjinal di Sumatera Selatan."
    )
    article = parse_article("p.txt", text)
    assert article.title == (
        "Pemerintah Indonesia dan China mengembangkan sejumlah lapangan minyak marjinal di…"
    )
    assert article.body == text
    assert article.source == "Kompas"


def test_short_files_keep_their_text() -> None:
    assert parse_article("a.txt", "halo dunia").title == "halo dunia"
    assert parse_article("a.txt", "halo dunia").body == "halo dunia"
    article = parse_article("b.txt", "Judul Saja Tanpa Isi\n")
    assert (article.title, article.body) == ("Judul Saja Tanpa Isi", "Judul Saja Tanpa Isi")
    empty = parse_article("folder/berita-kosong.txt", "loading...\nA A A\n")
    assert (empty.title, empty.body) == ("berita-kosong", "")


def test_page_without_a_date() -> None:
    article = parse_article(
        "x.txt",
        "Harga Cabai Naik Menjelang Akhir Tahun\n\n"
        "JAKARTA - Harga cabai rawit di pasar tradisional naik dua kali lipat pekan ini.\n",
    )
    assert article.title == "Harga Cabai Naik Menjelang Akhir Tahun"
    assert article.date is None
    assert article.body.startswith("JAKARTA - Harga cabai rawit")


@pytest.mark.parametrize(
    "caption",
    [
        "Foto : ANTARA/Budi Santoso\n\nWarga berkumpul di Monas, Jakarta, 8 November 2021.",
        "Warga berkumpul di Monas, Jakarta, Senin, 8 November 2021. Foto/REUTERS",
        "Warga di Monas, Jakarta, 8 November 2021. Foto: AFP",
    ],
)
def test_a_date_in_a_caption_is_not_the_publication_date(caption: str) -> None:
    article = parse_article(
        "x.txt",
        f"Warga Padati Monas Saat Libur Panjang\n\n{caption}\n\n"
        "JAKARTA - Ribuan warga memadati kawasan Monas pada hari libur panjang pekan ini.\n",
    )
    assert article.title == "Warga Padati Monas Saat Libur Panjang"
    assert article.date is None
    assert article.body == (
        "JAKARTA - Ribuan warga memadati kawasan Monas pada hari libur panjang pekan ini."
    )


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("Rabu, 24 November 2021 - 06:29 WIB", "2021-11-24"),
        ("Jum'at, 09 Oktober 2020 - 17:16 WIB", "2020-10-09"),
        ("Marcheilla Ariesta • 09 Oktober 2020 13:53", "2020-10-09"),
        ("Selasa, 3 November 2020 16:50 WIB", "2020-11-03"),
        ("24 Nov 2021, 06:29 WIB", "2021-11-24"),
        ("Diperbarui 17 Agu 2021, 07:00 WITA", "2021-08-17"),
        ("Kamis, 1 Des 2022 | 10:00 WIT", "2022-12-01"),
        ("Kompas.com - 24/11/2021, 06:29 WIB", "2021-11-24"),
        ("2021-11-24T06:29:00+07:00", "2021-11-24"),
        ("November 24, 2021", "2021-11-24"),
        ("Wednesday, 24 November 2021", "2021-11-24"),
        ("Senin, 29 Februari 2021", None),  # no such day
        ("Senin, 31 April 2021 10:00 WIB", None),
    ],
)
def test_dateline_formats(dateline: str, date: str | None) -> None:
    article = parse_article(
        "x.txt",
        f"Judul Berita Untuk Menguji Tanggal\n\n{dateline}\n\n"
        "JAKARTA - Paragraf pertama berita ini cukup panjang untuk dianggap sebagai isi.\n",
    )
    assert article.date == date


def test_outlets_the_article_only_cites_are_not_its_source() -> None:
    article = parse_article(
        "x.txt",
        "Judul Berita Tentang Laporan Media Lain\n\n"
        "JAKARTA - Menurut laporan Kompas yang dilansir dari Antara, harga beras naik.\n",
    )
    assert article.source is None


def test_a_page_of_another_layout() -> None:
    article = parse_article(
        "kompas.txt",
        "Putin Undang Pemimpin Armenia dan Azerbaijan ke Sochi\n"
        "Kompas.com - 24/11/2021, 06:29 WIB\n"
        "Lihat Foto\n"
        "Presiden Rusia Vladimir Putin berbicara di Moskwa, Selasa (23/11/2021). "
        "(AFP/ALEXEY NIKOLSKY)\n"
        "Penulis Aditya Jaya Iswara | Editor Aditya Jaya Iswara\n\n"
        "MOSKWA, KOMPAS.com - Presiden Rusia Vladimir Putin akan menjamu para pemimpin "
        "Armenia dan Azerbaijan pekan ini.\n\n"
        "Baca juga: Armenia dan Azerbaijan Kembali Bentrok\n\n"
        "Pertemuan itu digelar setahun setelah gencatan senjata yang dimediasi Rusia.\n\n"
        "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran "
        "andalanmu akses berita Kompas.com WhatsApp Channel\n",
    )
    assert article.title == "Putin Undang Pemimpin Armenia dan Azerbaijan ke Sochi"
    assert article.date == "2021-11-24"
    assert article.source == "Kompas"
    assert article.body == (
        "MOSKWA, KOMPAS.com - Presiden Rusia Vladimir Putin akan menjamu para pemimpin "
        "Armenia dan Azerbaijan pekan ini.\n\n"
        "Pertemuan itu digelar setahun setelah gencatan senjata yang dimediasi Rusia."
    )


def test_teasers_without_a_heading_are_cut() -> None:
    article = parse_article(
        "x.txt",
        "Judul Berita Yang Cukup Panjang\n"
        "Senin, 1 Maret 2021 10:00 WIB\n"
        "JAKARTA - Paragraf pertama berita ini berisi cukup banyak kata untuk diuji.\n"
        "Paragraf kedua juga berisi cukup banyak kata agar dianggap prosa.\n"
        "Judul Teaser Yang Lain Sekali\n"
        "2 jam lalu\n"
        "Deskripsi teaser yang tidak berhubungan sama sekali dengan berita ini.\n"
        "Baca Selengkapnya\n",
    )
    assert article.body == (
        "JAKARTA - Paragraf pertama berita ini berisi cukup banyak kata untuk diuji.\n\n"
        "Paragraf kedua juga berisi cukup banyak kata agar dianggap prosa."
    )


def test_terminal_controls_are_cleaned_but_raw_is_kept() -> None:
    raw = (
        "Judul \x1b[31mMerah\x1b[0m Berita Hari Ini\n\n"
        "JAKARTA - Isi berita\x1b]52;c;aGVsbG8=\x07 yang [bold]tebal[/] dan\x07 cukup panjang.\n"
    )
    article = parse_article("x.txt", raw)
    assert article.title == "Judul Merah Berita Hari Ini"
    assert article.body == "JAKARTA - Isi berita yang [bold]tebal[/] dan cukup panjang."
    assert article.raw == raw


# --- decoding -------------------------------------------------------------------


def test_decode_utf16_with_bom() -> None:
    text = "Harga kopi naik — kata “pedagang”\nbaris dua"
    assert decode(text.encode("utf-16")) == text
    assert decode(b"\xff\xfe" + text.encode("utf-16-le")) == text
    assert decode(b"\xfe\xff" + text.encode("utf-16-be")) == text


def test_decode_cp1252() -> None:
    assert decode(b"Caf\xe9 \x93kutipan\x94 \x96 selesai") == "Café “kutipan” – selesai"


def test_decode_utf8_with_bom_and_line_ends() -> None:
    assert decode(b"\xef\xbb\xbfJudul\r\nIsi\rAkhir\n") == "Judul\nIsi\nAkhir\n"
    assert decode("Kafé ☕".encode()) == "Kafé ☕"


def test_decode_drops_stray_nul_bytes() -> None:
    data = b"Judul Berita\n\nIsi berita\x00 dengan beberapa\x00 byte NUL di dalamnya.\n"
    assert decode(data) == "Judul Berita\n\nIsi berita dengan beberapa byte NUL di dalamnya.\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (random.Random(7).randbytes(4096), "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary data"),
        (b"\x00" * 64, "binary data"),
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        ("\u00a0\n".encode(), "empty file"),
    ],
)
def test_decode_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(UndecodableError) as caught:
        decode(data)
    assert str(caught.value) == reason


# --- terminal safety ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\x1b[1;31mmerah\x1b[0m biasa", "merah biasa"),
        ("\x1b[2J\x1b[Hlayar", "layar"),
        ("a\x1b]52;c;aGVsbG8=\x07b", "ab"),
        ("a\x1b]0;judul\x1b\\b", "ab"),
        ("bel\x07 dan\x08 hapus\r", "bel dan hapus"),
        ("c1 \x9b31mmerah \x9d", "c1 merah "),
        ("kiri \u202ekanan\u202c \u2066isolasi\u2069", "kiri kanan isolasi"),
        (
            "[bold red]x[/] dan [link=https://a.b]t[/link]",
            "[bold red]x[/] dan [link=https://a.b]t[/link]",
        ),
        ("tab\tdan\nbaris", "tab\tdan\nbaris"),
        ("Café “kutipan” — ☕", "Café “kutipan” — ☕"),
    ],
)
def test_clean_text(text: str, clean: str) -> None:
    assert clean_text(text) == clean


# --- reading files ----------------------------------------------------------------


def test_read_article_relative_path_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "berita.txt"
    path.write_bytes("Judul Berita Dalam UTF-16\r\n\r\nIsi berita singkat.\r\n".encode("utf-16"))
    article = read_article(tmp_path, path)
    assert isinstance(article, Article)
    assert article.path == "sub/berita.txt"
    assert article.title == "Judul Berita Dalam UTF-16"
    assert article.raw == "Judul Berita Dalam UTF-16\n\nIsi berita singkat.\n"


def test_read_article_skips_a_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert read_article(tmp_path, tmp_path / "folder.txt") == Skipped(
        "folder.txt", "not readable: Is a directory"
    )


def test_read_article_skips_a_missing_file(tmp_path: Path) -> None:
    assert read_article(tmp_path, tmp_path / "hilang.txt") == Skipped(
        "hilang.txt", "not readable: No such file or directory"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (random.Random(3).randbytes(2048), "binary data"),
        (b"", "empty file"),
        (b"\n \n", "empty file"),
    ],
)
def test_read_article_skips_bad_content(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "x.txt").write_bytes(data)
    assert read_article(tmp_path, tmp_path / "x.txt") == Skipped("x.txt", reason)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_article_skips_an_unreadable_file() -> None:
    folder = Path(tempfile.mkdtemp(prefix="nksearch-perm-"))
    try:
        folder.chmod(0o755)  # the folder may be entered; the file may not be read
        path = folder / "rahasia.txt"
        path.write_text("Judul Rahasia Sekali\n\nIsi.\n")
        path.chmod(0)
        found = as_nobody(lambda: read_article(folder, path))
        assert found == repr(Skipped("rahasia.txt", "not readable: Permission denied"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_read_article_skips_a_file_over_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1024)
    (tmp_path / "besar.txt").write_text("kata " * 1000)
    found = read_article(tmp_path, tmp_path / "besar.txt")
    assert isinstance(found, Skipped)
    assert found.reason.startswith("too large")


def test_read_article_reads_a_twenty_megabyte_file(tmp_path: Path) -> None:
    paragraph = "Harga bahan pokok di pasar tradisional kembali naik pekan ini, kata pedagang. " * 4
    path = tmp_path / "besar.txt"
    path.write_text("Judul Berkas Yang Sangat Besar\n\n" + (paragraph + "\n\n") * 65_000)
    assert path.stat().st_size > 20_000_000
    article = read_article(tmp_path, path)
    assert isinstance(article, Article)
    assert article.title == "Judul Berkas Yang Sangat Besar"
    assert article.body.count("\n\n") == 65_000 - 1


@pytest.mark.parametrize(
    ("lead", "source"),
    [
        ("JAKARTA (Pos Kota) –Presiden Joko Widodo mengaku sudah mengingatkan menteri.", "Pos Kota"),
        ("Kupang (ANTARA News) -Ketua Umum partai itu mengharapkan polisi menindak tegas.", "Antara"),
        ("Jakarta, CNN Indonesia - - Setidaknya 547 anak laki-laki menjadi korban pelecehan.", "CNN Indonesia"),
        ("Rimanews - Taman Sri Baduga Purwakarta diresmikan hari ini oleh Menteri Pariwisata.", "Rimanews"),
    ],
)
def test_outlets_in_leads_without_a_space_after_the_dash(lead: str, source: str) -> None:
    assert parse_article("x.txt", lead + "\n").source == source
