"""Extraction from real pages of many outlets: text copies, saved HTML, clipped Markdown, IndoSum.

Each page under ``tests/data/pages`` (sources and licences in its README) is
checked for its exact title, date and outlet, and for the absence of the
headlines of unrelated stories its page showed as teasers.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from nksearch.documents import filenames, frontmatter, htmlpage, outlets
from nksearch.documents.corpus import scan
from nksearch.documents.decode import read_article
from nksearch.documents.page import parse_article
from nksearch.models import Article

PAGES = Path(__file__).parent / "data" / "pages"


def article(name: str) -> Article:
    found = read_article(PAGES, PAGES / name)
    assert isinstance(found, Article), found
    return found


# name, title, date, outlet, first words of the body, teaser headlines that must not be in it
CASES = [
    (
        "republika-pers-mahasiswa-unj.txt",
        "Pers Mahasiswa UNJ Kunjungi Kantor Republika",
        "2017-09-06",
        "Republika",
        "REPUBLIKA.CO.ID, JAKARTA -- Sekitar 27 mahasiswa",
        ["Rep: Rahma Sulistya", "Foto: Mahmud Muhyidin", "memberikan penjelasan seputar alur"],
    ),
    (
        "mediaindonesia-cnn-jaminan-keamanan.txt",
        "CNN Minta Jaminan Keamanan Peliputan Presiden Prabowo",
        "2025-09-29",
        "Media Indonesia",
        "CNN Indonesia meminta agar Istana",
        ["Taksiran kerugian itu", "Headline", "Editor", "Google News", "(Bob/P-3)", "ilustrasi"],
    ),
    (
        "liputan6-rohs-pedoman-industri.txt",
        "Memahami RoHS Adalah: Pedoman Penting untuk Industri Elektronik",
        "2024-11-22",
        "Liputan6",
        "Liputan6.com, Jakarta Dalam era teknologi",
        ["diperbarui", "Ilustrasi dibuat AI"],
    ),
    (
        "liputan6-top5-transjakarta.txt",
        "'Kado' Transjakarta untuk HUT DKI Paling Sedot Perhatian",
        None,  # only a summary sentence mentions a day
        "Liputan6",
        "Liputan6.com, Jakarta - Sejumlah warga",
        ["Sukses"],
    ),
    (
        "okezone-omicron-jokowi.txt",
        "Omicron Masuk Indonesia, Jokowi: Masyarakat dan Pejabat Negara Jangan ke Luar Negeri Dulu",
        "2021-12-16",
        "Okezone",
        "Pemerintah resmi mengumumkan kasus Omicron",
        ["Reporter", "(fru)", "Follow", "Bagikan", "Berita Terkait", "Cari Berita Lain"],
    ),
    (
        "kompas-membaca-kompas-sejak-terbit.txt",
        "Membaca 'Kompas' sejak Pertama Terbit",
        "2010-06-28",
        "Kompas",
        "JAKARTA, KOMPAS.comKompas bagi kolumnis",
        ["Baca berita tanpa iklan", "Gabung Kompas.com+", "14:28 WIB"],
    ),
    (
        "kompasid-pembaca-cerewet.txt",
        "Pembaca Cerewet",
        None,  # the photo caption's 28 June 2022 is no publication date
        None,  # nothing but a photo credit names the outlet
        "Kehadiran pembaca cerewet sangat bermanfaat",
        ["KOMPAS/HERU SRI KUMORO", "asset.kgnewsroom.com", "Tri Rismaharini"],
    ),
    (
        "detik-ppatk-bansos-judol.html",
        "PPATK Temukan 78 Ribu Penerima Bansos Tahun Ini Masih Main Judi Online",
        "2025-08-07",
        "Detik",
        "Jakarta - Pusat Pelaporan dan Analisis Transaksi Keuangan",
        [
            "Eks Menag Yaqut Tuntas Diperiksa KPK",
            "Satpam DPP PDIP Ngaku Pernah Dititipi Tas Laptop",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE",
            "(haf/haf)",
            "judi online\n\nppatk",
        ],
    ),
    (
        "antara-ki-dki-sinergi-wartawan.html",
        "KI DKI tekankan pentingnya sinergi dengan wartawan",
        "2025-06-19",
        "Antara",
        "Jakarta (ANTARA) – Ketua Komisi Informasi (KI) DKI Jakarta",
        [
            "DKI pasang kubus apung",
            "Pemilihan Abang None Jakarta",
            "Bandara Halim",
            "Dilarang keras",
            "Copyright",
        ],
    ),
    (
        "gelora-walhi-papua-sawit.html",
        "Walhi Ramal Papua Akan Seperti Sumatra Apabila Ditanam Sawit",
        "2025-12-17",
        "Gelora News",  # no outlet of the table: the site's own name
        "GELORA.CO – Wahana Lingkungan (Walhi)",
        ["Rapat Pers Buka Akses Liputan Istana", "Beranda", "Share:"],
    ),
    (
        "tribunjakarta-koja-broken-markup.htm",
        "Wanita Paruh Baya Tewas dalam Rumah di Koja, Tangisan Cucu 2 Tahun Jadi Petunjuk Awal "
        "Penemuan",
        "2025-05-06",
        "Tribunnews",
        "TRIBUNJAKARTA.COM, KOJA – Wanita paruh baya",
        ["Razman Nasution", "Berita Populer", "Laporan Wartawan"],
    ),
    (
        "liputan6-rohs-obsidian.md",
        "Memahami RoHS Adalah: Pedoman Penting untuk Industri Elektronik",
        "2024-11-22",  # "published", not the clipping day in "created"
        "Liputan6",
        "Liputan6.com, Jakarta Dalam era teknologi",
        ["clippings", "opera.liputan6.com", "description", "![", "](", "**"],
    ),
    (
        "2017-09-06 pers-mahasiswa-unj-markdownload.md",
        "Pers Mahasiswa UNJ Kunjungi Kantor Republika",
        "2017-09-06",  # the file name's date, not the clipping day
        "Republika",
        "REPUBLIKA.CO.ID, JAKARTA -- Sekitar 27 mahasiswa",
        ["Excerpt", "Kunjungi Republika, Mahasiswa Ingin Tahu Dapur Redaksi", "UTC +07:00"],
    ),
    (
        "okezone-omicron-malformed-front-matter.md",
        "Omicron Masuk Indonesia, Jokowi: Masyarakat dan Pejabat Negara Jangan ke Luar Negeri Dulu",
        "2021-12-16",
        "Okezone",
        "Pemerintah resmi mengumumkan kasus Omicron",
        ["broken", "title:", "Follow Berita"],
    ),
]


@pytest.mark.parametrize(("name", "title", "date", "outlet", "first", "absent"), CASES)
def test_real_pages(
    name: str, title: str, date: str | None, outlet: str | None, first: str, absent: list[str]
) -> None:
    found = article(name)
    assert found.title == title
    assert found.date == date
    assert found.source == outlet
    assert found.body.startswith(first)
    for text in absent:
        assert text not in found.body, text
    assert found.title not in found.body


def test_saved_html_keeps_its_source_as_raw() -> None:
    raw = (PAGES / "detik-ppatk-bansos-judol.html").read_text("utf-8")
    found = article("detik-ppatk-bansos-judol.html")
    assert found.raw == raw
    assert found.raw.startswith("<!DOCTYPE html>")


def test_pages_of_many_outlets_are_covered() -> None:
    named = {case[3] for case in CASES} | {outlet for _, _, outlet in INDOSUM if outlet}
    assert len(named - {None, "SINDOnews", "medcom.id", "Tempo", "Koran Jakarta"}) >= 10


# --- saved HTML that trafilatura cannot read --------------------------------------


def test_html_falls_back_to_the_text_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmlpage, "_extract", lambda raw: None)
    found = article("detik-ppatk-bansos-judol.html")
    assert found.title == "PPATK Temukan 78 Ribu Penerima Bansos Tahun Ini Masih Main Judi Online"
    assert found.date == "2025-08-07"
    assert found.source == "Detik"  # from the "saved from" address
    assert found.body.startswith("Jakarta - Pusat Pelaporan")
    assert "Eks Menag Yaqut" not in found.body


@pytest.mark.parametrize(
    "raw",
    [
        "<html>",
        "<<<>>>",
        "<html><body><p>satu</p>",
        "<!DOCTYPE html><html><head><title>\x1b[31mJudul\x1b[0m Merah</title></head></html>",
        "<html><body>" + "<div>" * 5000 + "isi" + "</div>" * 10 + "</body></html>",
        "<html><head><script>var a = '</div>';</script></head><body><p>teks</p></body></html>",
        "\x00\x01<p>biner",
        "<svg><p>x</svg>" * 100,
    ],
)
def test_broken_html_never_raises(raw: str) -> None:
    found = parse_article("rusak.html", raw)
    assert found.raw == raw
    assert "\x1b" not in found.title + found.body
    assert found.title


def test_trafilatura_is_imported_only_for_html() -> None:
    code = (
        "import sys\n"
        "from nksearch.documents.page import parse_article\n"
        "parse_article('a.txt', 'Judul Berita Ini\\n\\nJAKARTA - Isi berita yang cukup panjang.')\n"
        "parse_article('b.md', '---\\ntitle: Judul\\n---\\nIsi berita.')\n"
        "assert 'trafilatura' not in sys.modules, 'imported early'\n"
        "parse_article('c.html', '<html><body><h1>Judul</h1><p>Isi.</p></body></html>')\n"
        "assert 'trafilatura' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_html_files_are_documents(tmp_path: Path) -> None:
    for name in ("a.html", "b.HTM", "c.txt", "d.md", "e.pdf"):
        (tmp_path / name).write_text("<p>x</p>", encoding="utf-8")
    assert sorted(scan(tmp_path).files) == ["a.html", "b.HTM", "c.txt", "d.md"]


# --- front matter -------------------------------------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "title: [unclosed\n",
        "- just\n- a list\n",
        "just a string\n",
        "title: a\ntitle: b\n? [x]\n: y\n",
        "a: &a [1]\nb: [*a, *a, *a]\nc: *a\n",
        "date: 2023-13-45\n",
        "title: !!python/object:os.system 'echo x'\n",
    ],
)
def test_malformed_front_matter_is_text(front: str) -> None:
    raw = f"---\n{front}---\nJudul Berita Yang Cukup Panjang\n\nJAKARTA - Isi berita ini cukup panjang.\n"
    found = parse_article("x.md", raw)
    assert found.body.endswith("JAKARTA - Isi berita ini cukup panjang.")
    assert found.raw == raw


def test_front_matter_values_are_not_body_and_are_cleaned() -> None:
    raw = (
        "---\n"
        'title: "Judul \\e[2JBersih - Kompas.com"\n'
        "source: https://nasional.kompas.com/read/2024/01/02/1/judul\n"
        "published: 2024-01-02T23:30:00+07:00\n"
        "tags: [politik, pemilu]\n"
        "author: [Penulis Satu]\n"
        "---\n"
        "# Judul Bersih\n\n"
        "JAKARTA, KOMPAS.com - Isi berita yang [cukup](https://x.y) panjang untuk diuji.\n"
    )
    found = parse_article("x.md", raw)
    assert found.title == "Judul Bersih"
    assert found.date == "2024-01-02"
    assert found.source == "Kompas"
    assert found.body == "JAKARTA, KOMPAS.com - Isi berita yang cukup panjang untuk diuji."


def test_front_matter_split_refuses_what_is_not_front_matter() -> None:
    assert frontmatter.split("--- \nno end\n")[0] is None
    assert frontmatter.split("teks\n---\ntitle: x\n---\n")[0] is None
    assert frontmatter.split("---\ntitle: x\n---\nisi")[0] == {"title": "x"}


# --- dates in file names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("1517984133-banjir-tak-hanya-bawa-air.txt", "2018-02-07"),
        ("1500498900-ratusan-bocah.txt", "2017-07-20"),  # 21:15 UTC is the next day in Jakarta
        ("folder/2023-05-19 judul.txt", "2023-05-19"),
        ("2023_05_19-judul.md", "2023-05-19"),
        ("20220817_x.txt", "2022-08-17"),
        ("19-05-2023 berita.txt", "2023-05-19"),
        ("2023-02-30 judul.txt", None),
        ("0946684799-sebelum-2000.txt", None),
        ("0946684800-awal-2000.txt", "2000-01-01"),
        ("9999999999-jauh.txt", None),
        ("12345678901-sebelas-angka.txt", None),
        ("2023-05-19/judul.txt", None),  # a folder's name is not read
        ("judul tanpa tanggal.txt", None),
    ],
)
def test_date_in_file_name(path: str, date: str | None) -> None:
    assert filenames.date_in_name(path, today=dt.date(2025, 6, 1)) == date


def test_unix_times_end_with_next_year() -> None:
    end_of_2026 = 1798736399  # 2026-12-31 23:59:59 in Jakarta
    assert filenames.date_in_name(f"{end_of_2026}-x.txt", today=dt.date(2025, 1, 1)) == "2026-12-31"
    assert filenames.date_in_name(f"{end_of_2026 + 1}-x.txt", today=dt.date(2025, 1, 1)) is None


def test_a_dateline_wins_over_the_file_name() -> None:
    text = "Judul Berita Tentang Tanggal\n\nSelasa, 3 November 2020 16:50 WIB\n\nJAKARTA - Isi berita.\n"
    assert parse_article("2023-05-19 judul.txt", text).date == "2020-11-03"
    assert parse_article("2023-05-19 judul.txt", text.replace("Selasa, 3 November 2020 16:50 WIB", "")).date == "2023-05-19"


# --- outlets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("cnn indonesia", "CNN Indonesia"),
        ("kumparan", "Kumparan"),
        ("dailysocial.id", "DailySocial"),
        ("antaranews", "Antara"),
        ("merdeka", "Merdeka"),
        ("juara.net", "Juara"),
        ("suara", "Suara"),
        ("rimanews", "Rimanews"),
        ("goal indonesia", "Goal Indonesia"),
        ("poskotanews", "Pos Kota"),
        ("https://jateng.tribunnews.com/2024/12/10/x", "Tribunnews"),
        ("www.cnbcindonesia.com", "CNBC Indonesia"),
        ("detikNews", "Detik"),
        ("Republika Online", "Republika"),
        ("kontan.co.id", "Kontan"),
        ("bisnis.com", "Bisnis"),
        ("IDN Times", "IDN Times"),
        ("tirto.id", "Tirto"),
        ("koran-jakarta.com", "Koran Jakarta"),
        ("medcom.id", "medcom.id"),
        ("viva.co.id", "VIVA"),
        ("okezone.com", "Okezone"),
        ("liputan6.com", "Liputan6"),
        ("sindonews.com", "SINDOnews"),
        ("https://www.bbc.com/indonesia/articles/x", "BBC News Indonesia"),
        ("https://www.bbc.com/news/x", None),
        ("Harian Rakyat Entah", None),
        ("", None),
    ],
)
def test_canonical_outlet_names(name: str, outlet: str | None) -> None:
    assert outlets.canonical(name) == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ('"Kami siap," kata Hendri kepada kumparan (kumparan.com), Senin (5/6).', "Kumparan"),
        ("Informasi yang didapat kumparan (kumparan.com), kader partai itu hadir.", "Kumparan"),
        ("Saat dihubungi Kompas.com, Senin, ia membenarkan kabar itu dan menjelaskannya.", "Kompas"),
        ("Seperti dilansir dari Kompas (kompas.com), harga beras naik pekan ini di pasar.", None),
        ("Menurut laporan Kompas yang dilansir dari Antara, harga beras naik pekan ini.", None),
    ],
)
def test_an_article_naming_its_own_newsroom(line: str, outlet: str | None) -> None:
    text = f"Judul Berita Yang Cukup Panjang\n\nHarga beras di pasar naik lagi pekan ini, kata pedagang.\n\n{line}\n"
    assert parse_article("x.txt", text).source == outlet


def test_an_agency_credited_in_a_byline_is_not_the_outlet() -> None:
    text = (
        "Judul Berita Dari Kantor Berita\n\nMOSKOW - Isi berita yang cukup panjang untuk diuji di sini.\n\n"
        "Redaktur : Lili Lestari\nPenulis : Antara\n"
    )
    assert parse_article("x.txt", text).source is None


def test_a_site_describing_itself_names_the_outlet() -> None:
    text = (
        "Meskipun Google telah mengakuisisi HTC, bukan berarti tak ada lagi smartphone baru.\n\n"
        "DailySocial.id adalah portal berita startup dan inovasi teknologi. Kamu bisa menjadi "
        "member komunitas startup dan inovasi DailySocial.id.\n"
    )
    found = parse_article("x.txt", text)
    assert found.source == "DailySocial"
    assert "portal berita" not in found.body


# --- IndoSum -------------------------------------------------------------------------

# file, date (the Unix time in the name, in Jakarta), outlet (as in IndoSum's
# "source", or None where the text never names it)
INDOSUM = [
    ("1472803222-taman-nasional-lore-lindu-kembangkan-objek-wisatan.txt", "2016-09-02", "Antara"),
    ("1479210313-awas-terlalu-sering-bekerja-keras-bikin-kamu-mati-.txt", "2016-11-15", "Merdeka"),
    ("1488384044-kebijakan-pelindo-i-terkait-pekerja-kopkarpel-suda.txt", "2017-03-01", None),
    ("1489778124-kafe-bugil-pertama-dibuka-di-pulau-tenerife-spanyo.txt", "2017-03-18", "CNN Indonesia"),
    ("1491443115-jonathan-christie-sayangkan-hasil-undian-malaysia-.txt", "2017-04-06", "Rimanews"),
    ("1492739392-ahok-dituntut-1-tahun-bui.txt", "2017-04-21", "Rimanews"),
    ("1497236400-juara-klasik-1969-titel-eropa-pertama-dan-satu-sat.txt", "2017-06-12", "Juara"),
    ("1498011300-polda-metro-larang-takbir-keliling-di-jalan-raya.txt", "2017-06-21", None),
    ("1499905800-benitez-bursa-transfer-sekarang-gila.txt", "2017-07-13", "Merdeka"),
    ("1501615500-perenang-as-ini-samai-rekor-michael-phelps.txt", "2017-08-02", "Juara"),
    ("1502218800-cructhlow-marquez-menipu-semua-pebalap.txt", "2017-08-09", "CNN Indonesia"),
    ("1505448900-vivo-rilis-teaser-varian-x20-mars-edition.txt", "2017-09-15", "DailySocial"),
    ("1510891200-telegram-versi-baru-hadirkan-fitur-saved-messages-.txt", "2017-11-17", "DailySocial"),
    ("1511059001-chris-coleman-tinggalkan-wales.txt", "2017-11-19", None),
    ("1511289000-west-bromwich-albion-pecat-tony-pulis.txt", "2017-11-22", None),
    ("1513380870-kota-ini-akan-miliki-kantin-sekolah-bersertifikat-.txt", "2017-12-16", "Antara"),
    ("1515443400-sydney-hadapi-hari-terpanas-sejak-1939.txt", "2018-01-09", "Suara"),
    ("1517273744-krisdayanti-naik-becak-sambil-tenteng-tas-hermes.txt", "2018-01-30", None),
    ("1517511600-gol-cepat-tottenham-hotspur-membuat-mu-terkapar.txt", "2018-02-02", None),
    ("1519466955-tanah-sereal-gelar-festival-olahraga-rakyat.txt", "2018-02-24", None),
]


@pytest.mark.parametrize(("name", "date", "outlet"), INDOSUM)
def test_indosum_sample(name: str, date: str, outlet: str | None) -> None:
    found = read_article(PAGES / "indosum", PAGES / "indosum" / name)
    assert isinstance(found, Article)
    assert found.date == date
    assert found.source == outlet
    raw_words = found.raw.split()
    assert found.title.rstrip("…").split()[0] in raw_words[:12]  # made up from the first words
    assert "DailySocial.id adalah" not in found.body


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Video Terkini", True),
        ("Foto Pilihan Hari Ini", True),
        ("BERITA TERPOPULER HARI INI", True),
        ("Video Terkini Banjir Kampung Pulo", False),
        ("Pilihan Hari Ini", False),
    ],
)
def test_teaser_headings_with_a_medium_or_a_time(line: str, heading: bool) -> None:
    from nksearch.documents import chrome

    assert chrome.is_end_heading(line) is heading


def test_an_icon_name_printed_beside_a_date_is_not_text() -> None:
    from nksearch.documents.datelines import dateline_date

    assert dateline_date("- calendar_month Sab, 6 Sep 2025") == "2025-09-06"
    assert dateline_date("access_time Senin, 07 Juli 2025 - 00:09 WIB") == "2025-07-07"
    assert dateline_date("banjir merendam rumah warga 6 Sep 2025") is None


def test_a_list_of_dated_headlines_after_the_article_is_not_body() -> None:
    from nksearch.documents.page import parse_article

    raw = (
        "Jembatan Gantung Putus Diterjang Banjir Bandang\n\n"
        "Rabu, 12/03/2014 10:15 WIB\n\n"
        "Garut - Jembatan gantung penghubung dua desa di Garut putus diterjang banjir bandang,"
        " sehingga warga harus memutar sejauh lima kilometer untuk ke pasar.\n\n"
        "Warga berharap pemerintah daerah segera membangun jembatan pengganti yang lebih kuat.\n\n"
        "  • Selasa, 11/03/2014 16:57 WIB\n"
        "    Gubernur Resmikan Pasar Induk Baru di Pinggir Kota\n"
        "  • Senin, 10/03/2014 09:12 WIB\n"
        "    Harga Cabai Rawit Melonjak Jelang Musim Hujan\n"
    )
    article = parse_article("garut.txt", raw)
    assert article.title == "Jembatan Gantung Putus Diterjang Banjir Bandang"
    assert article.date == "2014-03-12"
    assert article.body.endswith("jembatan pengganti yang lebih kuat.")
    assert "Pasar Induk" not in article.body


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("---\ntitle: Judul\n\nIsi tanpa penutup.\n", "front matter has no closing '---' line"),
        ("---\ntitle: [Judul\ndate: 2023-05-19\n---\nIsi.\n", "front matter is not valid YAML (line 3)"),
        ("---\n- satu\n- dua\n---\nIsi.\n", "front matter is not a list of 'key: value' lines"),
        ("---\ntitle: Judul\n---\nIsi.\n", None),
        ("Judul\n\nIsi tanpa front matter.\n", None),
    ],
)
def test_what_is_wrong_with_front_matter_is_said(raw: str, reason: str | None) -> None:
    found = frontmatter.problem(raw)
    if reason is None:
        assert found is None
    else:
        assert found == f"{reason}: read as text"
        assert parse_article("catatan.md", raw).body  # still read, as text


def test_front_matter_built_from_aliases_is_read_without_expanding_them() -> None:
    """Nested YAML aliases (a "billion laughs") cost nothing: values are never expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, inner in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [{','.join(['*' + inner] * 9)}]")
    fields = ["title: Judul Aman", "tags: *i", "source: *i", "published: *i", "created: *i"]
    raw = "---\n" + "\n".join(lines + fields) + "\n---\nIsi berita yang aman.\n"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from nksearch.documents.page import parse_article;"
         " a = parse_article('x.md', sys.stdin.read()); print(a.title, a.date, a.source)"],
        input=raw, capture_output=True, text=True, timeout=60,
    )
    assert done.stdout.strip() == "Judul Aman None None", done.stderr


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("03/11/2021", "2021-11-03"),  # Indonesian order: day first
        ("11/03/2021", "2021-03-11"),
        ("Rabu, 03/11/2021 10:00 WIB", "2021-11-03"),
        ("03-11-2021", "2021-11-03"),
        ("24/11/2021", "2021-11-24"),  # no month 24: only one reading
        ("11/24/2021", "2021-11-24"),  # month first, as some sites print it: unambiguous
        ("31/02/2021", None),  # no such day either way
    ],
)
def test_numeric_datelines_are_day_first_unless_only_month_first_fits(
    line: str, date: str | None
) -> None:
    from nksearch.documents.datelines import dateline_date

    assert dateline_date(line) == date


@pytest.mark.parametrize(
    "caption",
    [
        "Monas Jakarta, 8 November 2021. Foto: AFP",
        "Suasana Monas di Jakarta, Senin (8/11/2021). ANTARA/Hafidz Mubarak",
        "Foto: Monas Jakarta, 8 November 2021 (Dok. Istimewa)",
    ],
)
def test_a_photo_caption_under_the_headline_never_dates_the_article(caption: str) -> None:
    raw = (
        "Presiden Resmikan Bendungan Baru di Jawa Barat\n\n"
        f"{caption}\n\n"
        "JAKARTA - Presiden meresmikan bendungan baru yang akan mengairi ribuan hektare sawah"
        " di Jawa Barat, kata juru bicara istana.\n\n"
        "Bendungan itu dibangun selama tiga tahun.\n"
    )
    article = parse_article("bendungan.txt", raw)
    assert article.title == "Presiden Resmikan Bendungan Baru di Jawa Barat"
    assert article.date is None
    assert article.body.startswith("JAKARTA - Presiden meresmikan")
    dated = parse_article("bendungan.txt", raw.replace(f"{caption}\n\n", f"{caption}\n\nRabu, 10 November 2021 09:15 WIB\n\n"))
    assert dated.date == "2021-11-10"
