"""Document reading at the edges the other document tests leave open.

Fast (no index): which header line may name a page's outlet (exactly twelve
spaces is too long; photo credits, bylines and the headline never count; an
unknown web address counts only in copyright lines, the site's description of
itself and the lead's dateline), BOM-less UTF-16 at its thresholds, saved
HTML pages read through trafilatura or the plain-text fallback, corpus folder
listings (symlinks, vanished files, unreadable folders, a corpus at ``/``),
copying files into the corpus (large files compared block by block, the
temporary file beside its destination), dates in file names, and the outlet a
paragraph names as its own newsroom.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from nksearch.documents import (
    adding,
    boilerplate,
    chrome,
    corpus,
    decode,
    filenames,
    folders,
    frontmatter,
    htmlpage,
    outlets,
)
from nksearch.documents.metadata import Metadata, clean_title, date_value
from nksearch.documents.page import parse_article
from nksearch.errors import UsageError
from nksearch.models import Skipped

TITLE = "Posko Banjir Disiapkan di Semua Kecamatan"
LEAD = (
    "JAKARTA - Pemerintah Provinsi DKI Jakarta menyiapkan posko banjir di setiap kecamatan"
    " menjelang musim hujan tahun ini, kata pejabat dinas terkait."
)
MORE = (
    "Kepala dinas mengatakan pompa air sudah diperiksa dan petugas siaga selama dua puluh"
    " empat jam penuh di lokasi rawan genangan."
)


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# -- the outlet a page names in its header ---------------------------------------------


def test_a_header_line_of_eleven_spaces_names_the_outlet() -> None:
    line = "Liputan tim Kompas.com di wilayah Jakarta Utara dan Jakarta Barat pekan ini"
    assert line.count(" ") == 11
    assert parse_article("a.txt", _page(TITLE, line, LEAD, MORE)).source == "Kompas"


def test_a_header_line_of_twelve_spaces_is_running_text_not_the_outlet() -> None:
    line = "Liputan tim Kompas.com di wilayah Jakarta Utara dan Jakarta Barat pekan ini juga"
    assert line.count(" ") == 12
    assert parse_article("a.txt", _page(TITLE, line, LEAD, MORE)).source is None


@pytest.mark.parametrize(
    "credit",
    ["Foto: Kompas.com/Garry Lotulung", "Penulis : Antara", "Reporter: Tempo", "Sumber: Antara"],
)
def test_a_photo_credit_or_byline_in_the_header_is_never_the_outlet(credit: str) -> None:
    article = parse_article("a.txt", _page(TITLE, credit, LEAD, MORE))
    assert (article.title, article.source) == (TITLE, None)


def test_a_headline_naming_an_outlet_is_not_the_pages_outlet() -> None:
    title = "Tempo Raih Penghargaan Pers Nasional di Jakarta"
    article = parse_article("a.txt", _page(title, LEAD, MORE))
    assert (article.title, article.source) == (title, None)


def test_without_a_lead_the_lines_below_the_headline_name_no_outlet() -> None:
    article = parse_article("a.txt", _page(TITLE, "Kompas.com", "senin, 2 januari 2023", "banjir"))
    assert (article.title, article.source) == (TITLE, None)


def test_without_a_lead_a_line_above_the_headline_names_the_outlet() -> None:
    article = parse_article("a.txt", _page("Kompas.com", TITLE, "senin, 2 januari 2023", "banjir"))
    assert (article.title, article.source) == (TITLE, "Kompas")


def test_without_headline_or_lead_the_first_line_names_no_outlet() -> None:
    article = parse_article("a.txt", _page("kompas.com", "posko banjir", "banjir"))
    assert article.source is None
    assert article.body == "kompas.com\n\nposko banjir\n\nbanjir"


@pytest.mark.parametrize(
    "line",
    ["© 2023 beritajakarta.id. All rights reserved.", "Copyright © 2023 beritajakarta.id"],
)
def test_a_copyright_line_names_an_unknown_outlet_by_its_address(line: str) -> None:
    assert parse_article("a.txt", _page(TITLE, LEAD, MORE, line)).source == "beritajakarta.id"


@pytest.mark.parametrize(
    "line",
    [
        "Ikuti berita terbaru beritajakarta.id di Google News",
        "Dapatkan berita terbaru dari beritajakarta.id",
    ],
)
def test_a_follow_prompt_never_names_an_unknown_address_as_the_outlet(line: str) -> None:
    assert parse_article("a.txt", _page(TITLE, LEAD, MORE, line)).source is None


# -- BOM-less UTF-16 -----------------------------------------------------------------


def _utf16_with_wide_spaces(wide: int, total: int = 200) -> bytes:
    """UTF-16-LE text of ``total`` characters, ``wide`` of them U+3000 (low byte NUL), first."""
    letters = "banjir di jakarta utara " * 10
    text = "\u3000" * wide + letters[: total - wide]
    return text.encode("utf-16-le")


def test_bomless_utf16_with_nul_low_bytes_under_a_tenth_decodes() -> None:
    data = _utf16_with_wide_spaces(19)
    assert decode.decode(data) == data.decode("utf-16-le")


def test_bomless_utf16_with_nul_low_bytes_in_a_tenth_is_binary() -> None:
    with pytest.raises(decode.UndecodableError, match="binary data"):
        decode.decode(_utf16_with_wide_spaces(20))


def test_nul_characters_go_from_text_with_a_utf8_bom() -> None:
    data = codecs.BOM_UTF8 + b"Banjir\x00 di Jakarta\x00"
    assert decode.decode(data) == "Banjir di Jakarta"


def test_reading_stops_at_the_limit_across_blocks(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_bytes(b"a" * (3 << 20))
    fd = os.open(path, os.O_RDONLY)
    try:
        assert len(decode._read_up_to(fd, (2 << 20) + 1)) == (2 << 20) + 1
    finally:
        os.close(fd)


# -- copying into the corpus ----------------------------------------------------------


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "korpus"
    outside = tmp_path / "unduhan"
    root.mkdir()
    outside.mkdir()
    return root, outside


def test_a_large_file_already_in_the_corpus_is_not_copied_again(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    data = (LEAD + "\n").encode() * 2000  # over 64 KiB: compared in several blocks
    assert len(data) > 3 << 16
    (root / "berita.txt").write_bytes(data)
    (outside / "berita.txt").write_bytes(data)
    assert adding.add_files(root, [outside / "berita.txt"]) == []


def test_a_large_file_differing_after_its_first_block_is_a_different_file(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    data = (LEAD + "\n").encode() * 2000
    (root / "berita.txt").write_bytes(data)
    (outside / "berita.txt").write_bytes(data[:-2] + b"!\n")
    with pytest.raises(UsageError, match=r"a different berita\.txt is already in the corpus"):
        adding.add_files(root, [outside / "berita.txt"])
    assert (root / "berita.txt").read_bytes() == data


def test_a_different_file_is_refused_unless_overwrite_is_asked(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    (root / "berita.txt").write_text(LEAD)
    (outside / "berita.txt").write_text(MORE)
    with pytest.raises(UsageError, match=r"a different berita\.txt"):
        adding.plan_copies(root, [outside / "berita.txt"])
    with pytest.raises(UsageError, match=r"a different berita\.txt"):
        adding.add_files(root, [outside / "berita.txt"])
    assert (root / "berita.txt").read_text() == LEAD


def test_a_copy_is_written_to_a_hidden_temporary_file_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "berita.txt").write_text(LEAD)
    seen: list[list[str]] = []
    real = shutil.copyfileobj

    def copy_and_look(source: object, target: object) -> None:
        seen.append(sorted(os.listdir(root)))
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(adding.shutil, "copyfileobj", copy_and_look)
    assert adding.add_files(root, [outside / "berita.txt"]) == ["berita.txt"]
    assert len(seen) == 1 and len(seen[0]) == 1
    assert re.fullmatch(r"\.berita\.txt\.[\w]+\.tmp", seen[0][0])
    assert sorted(os.listdir(root)) == ["berita.txt"]
    assert (root / "berita.txt").read_text() == LEAD


def test_a_failed_copy_names_the_source_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "berita.txt").write_text(LEAD)

    def full_disk(src: Path, dest: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(dest))

    monkeypatch.setattr(adding, "copy_into", full_disk)
    with pytest.raises(UsageError) as raised:
        adding.add_files(root, [outside / "berita.txt"])
    assert str(raised.value) == f"cannot copy: No space left on device: {root / 'berita.txt'}"
    assert raised.value.path == str(outside / "berita.txt")


def test_an_unreadable_folder_to_add_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "arsip").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "arsip":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(adding.os, "scandir", scandir)
    with pytest.raises(UsageError) as raised:
        adding.add_files(root, [outside])
    folder = outside / "arsip"
    assert str(raised.value) == f"cannot read folder {folder}: Permission denied"
    assert raised.value.path == str(folder)


def test_a_link_to_another_kind_of_file_does_not_hide_the_documents_after_it(
    tmp_path: Path,
) -> None:
    root, outside = _corpus(tmp_path)
    (tmp_path / "gambar.png").write_bytes(b"\x89PNG")
    (outside / "a-gambar.png").symlink_to(tmp_path / "gambar.png")
    (outside / "b-berita.txt").write_text(LEAD)
    assert adding.add_files(root, [outside]) == ["unduhan/b-berita.txt"]


def test_a_file_cannot_go_where_another_file_needs_a_folder_two_levels_up(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    folder = tmp_path / "arsip.txt"
    (folder / "2023").mkdir(parents=True)
    (folder / "2023" / "berita.txt").write_text(LEAD)
    (outside / "arsip.txt").write_text(MORE)
    with pytest.raises(UsageError, match=r"where .* needs a folder") as raised:
        adding.plan_copies(root, [folder, outside / "arsip.txt"])
    assert raised.value.path == str(outside / "arsip.txt")
    assert os.listdir(root) == []


# -- listing corpus folders ----------------------------------------------------------


def _listing(base: Path, folder: Path) -> tuple[dict[str, str], list[Skipped], dict[str, int]]:
    files: dict[str, str] = {}
    problems: list[Skipped] = []
    folders: dict[str, int] = {}
    corpus.list_folder(base, folder, files, problems, folders)
    return files, problems, folders


def test_a_corpus_at_the_file_system_root_names_files_without_a_slash(tmp_path: Path) -> None:
    (tmp_path / "berita.txt").write_text(LEAD)
    files, problems, _ = _listing(Path("/"), tmp_path)
    assert list(files) == [f"{str(tmp_path)[1:]}/berita.txt"]
    assert problems == []


def test_a_folder_that_became_a_file_is_reported_and_not_recorded(tmp_path: Path) -> None:
    (tmp_path / "arsip").write_text(LEAD)
    files, problems, folders = _listing(tmp_path, tmp_path / "arsip")
    assert (files, folders) == ({}, {})
    assert problems == [Skipped("arsip", "folder not readable: Not a directory")]


def test_a_missing_corpus_root_is_reported_as_dot(tmp_path: Path) -> None:
    gone = tmp_path / "hilang"
    files, problems, folders = _listing(gone, gone)
    assert (files, folders) == ({}, {})
    assert problems == [Skipped(".", "folder not readable: No such file or directory")]


def test_a_root_that_cannot_be_listed_is_reported_as_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: object) -> list[str]:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(corpus.os, "listdir", broken)
    files, problems, _ = _listing(tmp_path, tmp_path)
    assert files == {}
    assert problems == [Skipped(".", "folder not readable: Input/output error")]


def test_files_are_stamped_in_their_folder_not_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, elsewhere = _corpus(tmp_path)
    (root / "berita.txt").write_text("pendek")
    (elsewhere / "berita.txt").write_text(LEAD)
    (elsewhere / "lain.txt").write_text(LEAD)
    monkeypatch.chdir(elsewhere)
    files, _, _ = _listing(root, root)
    assert list(files) == ["berita.txt"]
    assert corpus.stamp_size(files["berita.txt"]) == len("pendek")


def test_a_link_out_of_the_corpus_is_reported_not_stamped(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "luar.txt").write_text(LEAD)
    (root / "luar.txt").symlink_to(outside / "luar.txt")
    (root / "berita.txt").write_text(MORE)
    files, problems, _ = _listing(root, root)
    assert list(files) == ["berita.txt"]
    assert problems == [Skipped("luar.txt", "symlink points outside the corpus")]


def test_a_file_gone_while_its_folder_is_stamped_leaves_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "luar.txt").write_text(LEAD)
    (root / "luar.txt").symlink_to(outside / "luar.txt")
    (root / "berita.txt").write_text(MORE)
    (root / "hilang.txt").write_text(MORE)
    real = os.stat

    def stat(path: object, **kwargs: object) -> os.stat_result:
        if path == "hilang.txt":
            (root / "hilang.txt").unlink(missing_ok=True)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus.os, "stat", stat)
    files, problems, _ = _listing(root, root)
    assert list(files) == ["berita.txt"]
    assert problems == [Skipped("luar.txt", "symlink points outside the corpus")]


# -- saved HTML pages ------------------------------------------------------------------

PARAGRAPHS = (
    "Pemerintah Provinsi DKI Jakarta menyiapkan posko banjir di setiap kecamatan menjelang"
    " musim hujan tahun ini, kata pejabat dinas terkait kepada wartawan.",
    "Kepala dinas mengatakan pompa air sudah diperiksa dan petugas siaga selama dua puluh"
    " empat jam penuh di lokasi rawan genangan di Jakarta.",
    "Warga diminta melapor melalui aplikasi resmi apabila melihat saluran air yang tersumbat"
    " sampah atau lumpur di sekitar rumah mereka.",
)
HEADLINE = "Posko Banjir Disiapkan"


def _html(
    head: str = "",
    extra: str = "",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    title: str = f"{HEADLINE} | Situs Kita",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article>"
        f"<h1>{HEADLINE}</h1>{body}{extra}</article></body></html>"
    )


def test_a_page_title_from_its_metadata_loses_the_sites_name() -> None:
    head = (
        f'<meta property="og:title" content="{HEADLINE} di Semua Kecamatan | Situs Kita">'
        '<meta property="og:site_name" content="Situs Kita">'
    )
    _, meta = htmlpage.read(_html(head))
    assert (meta.title, meta.site) == (f"{HEADLINE} di Semua Kecamatan", "Situs Kita")


def test_a_run_of_page_text_as_title_gives_way_to_the_title_tag() -> None:
    merged = " ".join(PARAGRAPHS)
    head = (
        f'<meta property="og:title" content="{merged}">'
        '<meta property="og:site_name" content="Situs Kita">'
    )
    _, meta = htmlpage.read(_html(head))
    assert (meta.title, meta.site) == (HEADLINE, "Situs Kita")


def test_a_page_at_a_plain_http_address_keeps_it() -> None:
    head = '<link rel="canonical" href="http://situskita.id/berita/posko-banjir">'
    saved = "<!-- saved from url=(0030)https://arsip.example/salinan -->\n"
    _, meta = htmlpage.read(saved + _html(head))
    assert (meta.url, meta.site) == ("http://situskita.id/berita/posko-banjir", "situskita.id")


def test_the_publication_date_wins_over_the_modification_date() -> None:
    head = (
        '<meta property="article:published_time" content="2023-05-19T08:00:00+07:00">'
        '<meta property="article:modified_time" content="2023-06-02T10:00:00+07:00">'
    )
    assert htmlpage.read(_html(head))[1].date == "2023-05-19"


def test_comments_images_and_links_stay_out_of_a_pages_text() -> None:
    extra = (
        '<figure><img src="pompa.jpg" alt="Petugas memeriksa pompa air di Jakarta Utara">'
        "</figure>"
        '<div class="comments" id="comments"><p>Komentar pembaca: semoga banjir tidak datang'
        " lagi tahun ini ya pak, kami lelah mengungsi terus.</p></div>"
    )
    linked = (
        PARAGRAPHS[0].replace("posko banjir", '<a href="https://situskita.id/a">posko banjir</a>'),
        *PARAGRAPHS[1:],
        PARAGRAPHS[0],
    )
    text, _ = htmlpage.read(_html(extra=extra, paragraphs=linked))
    assert text.split("\n") == [HEADLINE, *PARAGRAPHS, PARAGRAPHS[0]]


def test_a_page_whose_main_text_is_empty_falls_back_to_its_plain_text() -> None:
    raw = "<html><head><title>Judul Saja</title></head><body><p>\u200b</p></body></html>"
    assert htmlpage.read(raw) == ("\u200b", Metadata())


@pytest.mark.parametrize(("pad", "url"), [(0, "https://situskita.id/a"), (1, None)])
def test_the_saved_from_mark_counts_within_the_first_4096_characters(
    pad: int, url: str | None
) -> None:
    mark = "<!-- saved from url=(0022)https://situskita.id/a -->"
    raw = " " * (4096 - len(mark) + pad) + mark + "<html><body></body></html>"
    assert htmlpage.read(raw)[1].url == url


def test_a_date_in_a_pages_running_text_is_not_its_metadata_date() -> None:
    text, meta = htmlpage.read(_html(extra="<p>Diperbarui 19/05/2023 08:00</p>"))
    assert meta.date is None
    assert text.split("\n")[-1] == "Diperbarui 19/05/2023 08:00"


# -- headline, lead, date and body of a page ------------------------------------------

SUMMARY = "Pemerintah kota menyiapkan posko banjir di setiap kecamatan menjelang musim hujan."


def _dateline(length: int) -> str:
    """A byline with its date, padded with separators to ``length`` characters."""
    line = "Budi Santoso | Diperbarui Senin, 2 Januari 2023 10:00 WIB |"
    pad = length - len(line)
    return line + "·" * (pad % 2) + " ·" * (pad // 2)


def test_a_date_line_of_80_characters_under_a_summary_makes_it_a_summary() -> None:
    line = _dateline(80)
    assert len(line) == 80
    article = parse_article("a.txt", _page(TITLE, SUMMARY, line, MORE))
    assert (article.body, article.date) == (MORE, "2023-01-02")


def test_a_line_of_81_characters_is_too_long_to_be_the_date_line_under_a_summary() -> None:
    line = _dateline(81)
    assert len(line) == 81
    article = parse_article("a.txt", _page(TITLE, SUMMARY, line, MORE))
    assert article.body.split("\n\n")[0] == SUMMARY
    assert article.date is None


def test_a_follow_prompt_above_the_headline_does_not_hide_it() -> None:
    prompt = "Dapatkan berita terbaru dari kami setiap hari langsung di ponsel Anda."
    assert parse_article("a.txt", _page(prompt, TITLE, LEAD, MORE)).title == TITLE


@pytest.mark.parametrize(
    "lines",
    [
        ("Pembaca Cerewet", LEAD),
        ("Pembaca Cerewet", LEAD, MORE, "Editor: Budi"),
    ],
)
def test_two_capitalised_words_over_a_paragraph_are_the_headline(lines: tuple[str, ...]) -> None:
    article = parse_article("a.txt", _page(*lines))
    assert article.title == "Pembaca Cerewet"
    assert article.body.split("\n\n")[0] == LEAD


def test_two_capitalised_words_alone_are_the_title_of_a_page_without_text() -> None:
    article = parse_article("a.txt", _page("Jakarta", "Pembaca Cerewet"))
    assert (article.title, article.body) == (
        "Jakarta",
        "Jakarta\n\nPembaca Cerewet",
    )


def test_a_teaser_above_a_repeated_headline_is_not_the_lead() -> None:
    teaser = (
        "BANDUNG - Ratusan rumah warga di Kabupaten Bandung terendam banjir setelah hujan"
        " deras mengguyur kawasan itu sejak semalam."
    )
    article = parse_article("a.txt", _page(teaser, TITLE, "Foto: ANTARA/Budi", TITLE, LEAD, MORE))
    assert article.title == TITLE
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_a_caption_opening_with_a_dateline_is_not_the_lead() -> None:
    caption = (
        "JAKARTA - Petugas Dinas Sumber Daya Air memeriksa pompa air di Waduk Pluit, Jakarta"
        " Utara, Senin (2/1/2023), menjelang puncak musim hujan tahun ini. Foto: ANTARA/Aditya"
    )
    lead = LEAD.removeprefix("JAKARTA - ")
    article = parse_article("a.txt", _page(TITLE, caption, "Senin, 2 Januari 2023 10:00 WIB", lead))
    assert (article.date, article.body) == ("2023-01-02", lead)


def test_a_dateline_paragraph_wins_over_two_earlier_paragraphs_not_three() -> None:
    one = "Pemerintah kota menyiapkan posko banjir di setiap kecamatan menjelang musim hujan."
    two = "Kepala dinas mengatakan pompa air sudah diperiksa dan petugas siaga di lokasi rawan."
    three = "Warga diminta melapor apabila melihat saluran air tersumbat sampah di sekitar rumah."
    dated = "BEKASI - Pemerintah Kota Bekasi juga menyiapkan perahu karet di titik rawan banjir."
    third = parse_article("a.txt", _page(TITLE, one, two, dated, three))
    assert third.body == f"{dated}\n\n{three}"
    fourth = parse_article("a.txt", _page(TITLE, one, two, three, dated))
    assert fourth.body == "\n\n".join((one, two, three, dated))


def test_the_date_under_the_headline_wins_over_the_date_above_it() -> None:
    article = parse_article(
        "a.txt", _page("Minggu, 1 Januari 2023", TITLE, "Senin, 2 Januari 2023 10:00 WIB", LEAD)
    )
    assert article.date == "2023-01-02"


def test_a_date_below_the_lead_is_not_the_dateline() -> None:
    article = parse_article("a.txt", _page(TITLE, LEAD, "Senin, 2 Januari 2023", MORE))
    assert article.date is None


def test_a_list_of_other_stories_under_the_article_ends_it() -> None:
    other = "Banjir Rob Rendam Pesisir Utara Jakarta"
    article = parse_article("a.txt", _page(TITLE, LEAD, MORE, other, "2 Januari 2023"))
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_tabs_and_invisible_characters_leave_no_trace_in_the_headline() -> None:
    article = parse_article(
        "a.txt", _page("Posko\tBanjir\u2060 Disiapkan di\ufeff Semua Kecamatan", LEAD)
    )
    assert article.title == TITLE


def test_a_made_up_title_drops_the_dateline_and_keeps_what_follows() -> None:
    text = (
        "JAKARTA - Xiaomi resmi meluncurkan ponsel terbaru untuk pasar Indonesia dengan harga"
        " yang terjangkau bagi pelajar."
    )
    article = parse_article("a.txt", _page(text))
    assert (
        article.title
        == "Xiaomi resmi meluncurkan ponsel terbaru untuk pasar Indonesia dengan harga…"
    )


def test_a_made_up_title_of_ten_words_is_the_whole_sentence() -> None:
    text = "Warga Jakarta diminta waspada banjir selama musim hujan tahun ini."
    assert parse_article("a.txt", _page(text)).title == text


def test_a_made_up_title_cut_after_ten_words_keeps_a_one_letter_word() -> None:
    text = "Pengguna di Jakarta kini bisa membeli ponsel baru seri X dengan harga terjangkau."
    title = "Pengguna di Jakarta kini bisa membeli ponsel baru seri X…"
    assert parse_article("a.txt", _page(text)).title == title


def test_a_credit_line_above_a_caption_makes_it_a_caption() -> None:
    caption = (
        "Petugas Dinas Sumber Daya Air memeriksa pompa air di Waduk Pluit, Jakarta Utara,"
        " Senin (2/1/2023), menjelang puncak musim hujan."
    )
    lead = LEAD.removeprefix("JAKARTA - ")
    article = parse_article(
        "a.txt", _page(TITLE, "Foto: ANTARA/Aditya Pradana", caption, lead, MORE)
    )
    assert article.body == f"{lead}\n\n{MORE}"


# -- the headline known from front matter ---------------------------------------------


def _clipped(title: str, *lines: str) -> str:
    return f'---\ntitle: "{title}"\n---\n\n' + "\n\n".join((*lines, LEAD, MORE)) + "\n"


@pytest.mark.parametrize(
    ("suffix", "source"),
    [(" | Kompas.com Megapolitan Bekasi", None), (" | Kompas.com Megapolitan Jakarta", "Kompas")],
)
def test_the_known_headline_is_found_with_up_to_30_more_characters(
    suffix: str, source: str | None
) -> None:
    """The headline line (never the outlet) may carry the site's name: 30 characters, not 31."""
    article = parse_article("a.md", _clipped(TITLE, TITLE + suffix))
    assert (article.title, article.source) == (TITLE, source)


def test_the_known_headline_is_found_whatever_its_punctuation() -> None:
    title = "Posko Banjir, Disiapkan di Semua Kecamatan"
    article = parse_article("a.md", _clipped(title, f"{TITLE} | Kompas.com"))
    assert (article.title, article.source) == (title, None)


def test_the_known_headline_is_found_below_another_headline_shaped_line() -> None:
    article = parse_article(
        "a.md", _clipped(TITLE, "Kabar Warga Ibu Kota", f"{TITLE} | Kompas.com")
    )
    assert (article.title, article.source) == (TITLE, None)


# -- outlets named in a line -----------------------------------------------------------


def test_an_unknown_address_is_an_outlet_only_when_addresses_are_asked_for() -> None:
    assert outlets.outlet_in("© 2023 beritajakarta.id") is None
    assert outlets.outlet_in("© 2023 beritajakarta.id", domains=True) == "beritajakarta.id"


def test_a_known_outlets_address_gives_its_name_where_its_name_pattern_does_not_match() -> None:
    assert outlets.outlet_in("© 2023 theconversation.com", domains=True) == "The Conversation"


def test_an_unknown_address_keeps_its_capital_x() -> None:
    assert outlets.outlet_in("Hak cipta © 2023 XTRA.co.id", domains=True) == "xtra.co.id"


def test_a_site_name_starting_with_x_keeps_it() -> None:
    assert outlets.site_name("Xinhua Indonesia") == "Xinhua Indonesia"


def test_an_address_naming_its_host_again_is_read_from_the_first_host() -> None:
    url = "https://www.bbc.com/indonesia/articles/bbc.com-di-indonesia"
    assert outlets.outlet_of_url(url) == "BBC News Indonesia"


def test_a_paragraph_naming_its_own_newsroom_up_to_5000_characters() -> None:
    opening = "Warga mengeluhkan banjir saat ditemui kumparan di Jakarta Utara"
    line = opening + " " * (4999 - len(opening)) + "."
    assert len(line) == 5000
    assert outlets.self_reference(line) == "Kumparan"
    assert outlets.self_reference(line[:-1] + " .") is None


def test_an_outlet_cited_at_the_start_of_a_paragraph_is_not_its_newsroom() -> None:
    line = "Dari kumparan (kumparan.com), warga mengeluhkan banjir yang datang setiap tahun."
    assert outlets.self_reference(line) is None
    assert outlets.self_reference(line.replace("Dari ", "Tim ")) == "Kumparan"


# -- lines of site furniture ----------------------------------------------------------


def test_a_copyright_line_with_every_mark_is_a_copyright_line() -> None:
    line = "Copyright © 2023 Kompas.com (c) Hak Cipta dilindungi. All rights reserved."
    assert chrome.is_copyright(line)


def test_a_follow_prompt_is_at_most_30_words() -> None:
    prompt = (
        "Ikuti berita terbaru dari kami di Google News dan dapatkan kabar terkini setiap hari"
        " langsung di ponsel Anda tanpa perlu membuka situs kami lagi setiap pagi siang sore dan"
        " malam"
    )
    assert prompt.count(" ") + 1 == 30
    assert chrome.is_promo(prompt)
    assert not chrome.is_promo(prompt + " hari")


def test_a_photo_credit_is_at_most_ten_words() -> None:
    credit = "Foto: ANTARA FOTO/Aditya Pradana Putra di Jakarta Utara pekan ini"
    assert credit.count(" ") + 1 == 10
    assert chrome.is_photo_credit(credit)
    assert not chrome.is_photo_credit(credit + " juga")


def test_an_editors_initials_in_brackets_leave_the_paragraph() -> None:
    line = "Petugas siaga di lokasi rawan genangan, katanya. [rfs/jbr]"
    assert chrome.drop_signature(line) == "Petugas siaga di lokasi rawan genangan, katanya."


@pytest.mark.parametrize(
    "line",
    [
        "Warga membersihkan lumpur di rumahnya, Senin (2/1/2023). Dok: Humas Pemprov DKI",
        "Warga membersihkan lumpur di rumahnya. Kiriman warga lewat Istimewa",
    ],
)
def test_a_caption_ends_in_its_credit(line: str) -> None:
    assert chrome.is_caption(line)


# -- dates in file names --------------------------------------------------------------


def test_the_suffix_of_a_file_name_holds_no_date() -> None:
    assert filenames.date_in_name("arsip/catatan.20230519") is None
    assert filenames.date_in_name("arsip/catatan-20230519.txt") == "2023-05-19"


def test_an_impossible_date_in_a_name_gives_way_to_a_later_one() -> None:
    assert filenames.date_in_name("2023-02-30 ralat 2023-03-01.txt") == "2023-03-01"


# -- folders changed since a scan -------------------------------------------------------


def test_a_folder_replaced_by_a_link_to_a_folder_has_changed(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    stamp = outside.stat().st_mtime_ns
    os.symlink(outside, root / "arsip")
    changed = folders.changed_folders(root, {"arsip": stamp}, stamp + 10_000_000_000)
    assert changed.folders == frozenset({"arsip"})


def test_a_paragraph_telling_the_newsroom_names_the_outlet() -> None:
    said = (
        '"Pompa sudah kami periksa semua," kata Kepala Dinas Sumber Daya Air kepada kumparan,'
        " Senin."
    )
    article = parse_article("a.txt", _page(TITLE, LEAD.removeprefix("JAKARTA - "), said))
    assert article.source == "Kumparan"


def test_a_paragraph_under_a_see_also_heading_stays_in_the_text() -> None:
    article = parse_article("a.txt", _page(TITLE, LEAD, "Baca juga:", MORE))
    assert article.body == f"{LEAD}\n\n{MORE}"


def test_a_caption_ending_in_a_dok_credit_and_a_full_stop_is_a_caption() -> None:
    assert chrome.is_caption("Warga membersihkan lumpur, Senin (2/1/2023). Dok: Humas Pemprov DKI.")


def test_a_share_bar_of_two_networks_is_a_menu() -> None:
    assert chrome.is_menu("Facebook | Twitter")


def test_a_long_question_with_a_third_of_its_words_in_lower_case_is_headline_shaped() -> None:
    question = "Siapa Bertanggung Jawab atas Banjir yang Melanda Jakarta dan Bekasi di Januari?"
    assert chrome.is_title_like(question)


def test_a_label_and_a_name_are_not_a_short_headline() -> None:
    assert not chrome.is_short_headline("Catatan Redaksi")
    assert chrome.is_short_headline("Pembaca Cerewet")


def test_a_dateline_naming_an_unknown_outlet_by_its_address_names_the_outlet() -> None:
    lead = (
        "Bekasi, Beritajakarta.id - Pemerintah Kota Bekasi menyiapkan perahu karet di titik"
        " rawan banjir."
    )
    assert chrome.lead_prefix(lead) == "Bekasi, Beritajakarta.id"
    assert parse_article("a.txt", _page(TITLE, lead, MORE)).source == "beritajakarta.id"


# -- recurring text (boilerplate) -------------------------------------------------------


def test_a_fingerprint_takes_text_with_undecodable_bytes() -> None:
    text = "Judul dari nama file \udcff rusak"
    expected = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    assert boilerplate.fingerprint(text) == expected


def test_a_sentence_of_three_words_is_no_unit_of_its_own() -> None:
    body = "Banjir datang lagi. Warga mengungsi ke masjid terdekat."
    assert boilerplate.units(body) == {body, "Warga mengungsi ke masjid terdekat."}


def test_units_go_on_after_a_repeated_line() -> None:
    body = "Baca juga berita lainnya\n\nBaca juga berita lainnya\n\nWarga mengungsi ke masjid."
    assert boilerplate.units(body) == {"Baca juga berita lainnya", "Warga mengungsi ke masjid."}


def test_stripping_goes_on_after_a_recurring_line() -> None:
    footer = "Ikuti kami di media sosial untuk kabar terbaru."
    body = f"{footer}\n\n{MORE}"
    assert boilerplate.strip(body, frozenset({boilerplate.fingerprint(footer)})) == MORE


def test_stripping_a_sentence_keeps_the_others_as_written() -> None:
    one, two, three = (
        "Pompa air sudah diperiksa petugas.",
        "Simak berita lainnya di kanal kami.",
        "Warga diminta tetap waspada.",
    )
    found = frozenset({boilerplate.fingerprint(two)})
    assert boilerplate.strip(f"{one} {two} {three}", found) == f"{one} {three}"
    untouched = f"{one} {three} "
    assert boilerplate.strip(untouched, found) == untouched


# -- front matter and metadata --------------------------------------------------------


def test_front_matter_without_title_or_text_gives_an_empty_article() -> None:
    article = parse_article("a.md", "---\npublished: 2023-01-02\n---\n\n")
    assert (article.title, article.date, article.body) == ("a", "2023-01-02", "")


def test_an_indented_first_heading_is_the_title() -> None:
    text, meta = frontmatter.read(f"  # {TITLE}\n\n{LEAD}\n")
    assert meta.title == TITLE
    assert text.strip() == LEAD


def test_a_source_with_spaces_is_a_site_name_not_an_address() -> None:
    _, meta = frontmatter.read(f"---\nsource: tim redaksi beritajakarta.id\n---\n\n{LEAD}\n")
    assert (meta.url, meta.outlet, meta.site) == (None, None, "tim redaksi beritajakarta.id")


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("Banjir Jakarta - Posko Disiapkan | Kompas.com", "Banjir Jakarta - Posko Disiapkan"),
        ("Peluncuran iPhone X | Kompas.com", "Peluncuran iPhone X"),
        ("Kompas.com - Xiaomi Rilis Ponsel Baru", "Xiaomi Rilis Ponsel Baru"),
    ],
)
def test_a_title_loses_only_the_sites_name(title: str, clean: str) -> None:
    assert clean_title(title) == clean


def test_a_metadata_timestamp_with_a_note_after_it_is_read() -> None:
    assert date_value("2023-05-19T08:00:00+07:00 (waktu server)") == "2023-05-19"
    assert date_value("2023-05-19 08:00 (waktu server)") == "2023-05-19"
