"""Recognise the parts of an Indonesian news page, one line at a time.

Raw copies of news pages mix the article with site chrome: menus, photo
captions and credits, "Baca juga" cross-links, share and follow prompts,
bylines, copyright lines and headings of teaser lists. The predicates here say
what a single normalised line is; they also read the publication date off a
dateline (with ``nksearch.documents.datelines``).

Every predicate takes one line as normalised by the caller: stripped, with runs
of whitespace collapsed to single spaces. The rules describe how such pages are
laid out in general, never one site's template. This module does not decide
which line is the headline or where the article starts and ends
(``nksearch.documents.page`` does), does no I/O, and does not clean control
characters.
"""

from __future__ import annotations

import functools
import re
from enum import Enum

from nksearch.documents.datelines import dateline_date
from nksearch.documents.outlets import is_self_description, outlet_in

SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")")


def _set(text: str, separator: str | None = None) -> frozenset[str]:
    return frozenset(text.split(separator))


_CHROME = re.compile(
    r"(?:loading|memuat)\W*|(?:a\s+){2}a(?:\s+pengaturan font)?|advertis(?:ing|ement)"
    r"|iklan|ads?|sponsored|scroll to continue(?: with content)?"
    r"|(?:tulis |berikan |lihat )?komentar(?: anda)?(?: \(\d*\))?|\(\s*\)|top"
    r"|kembali ke atas|back to top|more|(?:baca )?selengkapnya|follow us"
    r"|unblock notif\w*|tweet|(?:bagikan|share)(?: (?:artikel|berita) ini)?:?"
    r"|salin (?:tautan|link)|copy link|sumber\s*:?|all rights reserved\.?"
    r"|\S*(?:https?://|https?%3a%2f%2f|www\.)\S*|\(\s*[a-z]{1,8}(?:\s*[/-]\s*[a-z0-9]{1,8})*\s*\)|\(\s*\*+\s*\)"
    r"|(?:scroll|gulir)(?: (?:down|ke bawah|untuk|to))?"
    r"(?: (?:melanjutkan|lanjut|continue|baca)\w*)?"
    r"(?: (?:membaca|reading|with content))?|dengarkan(?: (?:artikel|berita)(?: ini)?)?"
    r"|(?:lihat|tonton|putar) video|cari berita lain(?: di sini)?|lanjut(?:kan)? baca\w*"
    r"|(?:hide|show) ads|close ad|tutup iklan|konten sponsor|sponsored content|ikuti kami"
    r"|(?:bagaimana|apa) (?:tanggapan|reaksi|pendapat) (?:anda|kamu)\b.*\?"
    r"|lihat foto|url telah tercopy|(?:halaman|page)(?: \d+)+(?: selanjutnya)?"
    r"|(?:halaman )?(?:selanjutnya|berikutnya|sebelumnya)|tampilkan semua",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright|hak cipta|©|\(c\) ?(?:19|20)\d\d)|©.*\b(?:19|20)\d\d\b|all rights reserved",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"(?:dapatkan (?:berita|update|info|informasi|notifikasi)|ikuti (?:media sosial"
    r"|berita|kami|juga|akun|saluran|channel|whatsapp|update|terus)|follow (?:us|kami"
    r"|whatsapp|channel|akun)|klik (?:disini|di sini)|(?:download|unduh|install) "
    r"aplikasi|simak (?:berita|breaking news|video|update)|gabung(?:lah)? (?:ke |di )?"
    r"(?:channel|grup|saluran)|(?:baca|cek) berita\b"
    r"|artikel ini (?:telah |sudah )?(?:tayang|terbit|dipublikasikan)"
    r"|saksikan (?:video|juga|live)|follow berita|(?:ikuti|follow|gabung)\b.{0,60}\b(?:google news"
    r"|whatsapp|saluran|channel|telegram)\b|cek berita\b|baca berita lain)",
    re.IGNORECASE,
)
_RIGHTS = re.compile(
    r"(?:dilarang (?:keras )?(?:mengambil|mengutip|menyalin|memperbanyak|mereproduksi|menyiarkan"
    r"|menggunakan)|hak cipta dilindungi)",
    re.IGNORECASE,
)
_CROSS_LINK = re.compile(
    r"[(\[]?\s*(?:(?:baca|lihat|simak|cek|tonton)(?: juga)?\s*[:：]|(?:baca|lihat|simak) juga\b"
    r"|pilihan editor\s*:)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"(?:redaktur|penulis|editor|reporter|pewarta|penyunting|kontributor|sumber|oleh"
    r"|by|fotografer|videografer|tags?|topik|kata kunci|keywords?|kategori|writer"
    r"|author)\s*:\s*\S.*",
    re.IGNORECASE,
)
_INLINE_CROSS_LINK = re.compile(
    r"[(\[]\s*(?:(?i:baca|lihat|simak) (?i:juga)|Baca|BACA)\s*:[^()\[\]]*[)\]]"
)
_PHOTO = (
    r"(?:antara\s+)?(?:foto|photo|ilustrasi|dok(?:umentasi)?\.?|image|gambar"
    r"|(?:sumber|kredit) (?:foto|gambar))"
)
_PHOTO_CREDIT = re.compile(rf"\(?\s*{_PHOTO}\s*[:/|]\s*\S[^!?]{{0,80}}", re.IGNORECASE)
_CREDIT_TAIL = re.compile(rf"(?:^|[\s(]){_PHOTO}\s*[:/]\s*\S[^!?]{{0,80}}$", re.IGNORECASE)
_LAST_SENTENCE = re.compile(r"[.!?][\"”’)]?\s+([A-Z][^.!?()\[\]]*)$")
_AGENCY = re.compile(
    r"/|\b(?:via|REUTERS|Reuters|AFP|AP|ANTARA|EPA|Getty Images|Xinhua|Anadolu|Sputnik"
    r"|Handout|Istimewa|Shutterstock|Dok)\b"
)
_END_HEADINGS = _set(
    "berita terkait|berita terkait lainnya|baca berita terkait|baca berita terkait lainnya"
    "|artikel terkait|berita lainnya|baca berita lainnya|artikel lainnya|video rekomendasi"
    "|rekomendasi|rekomendasi untuk anda|terpopuler|berita terpopuler|berita terkini"
    "|terkini|berita terbaru|terbaru|populer|berita populer|pilihan editor|pilihan redaksi"
    "|topik terkait|video terkait|foto terkait|berita rekomendasi|most popular|related"
    "|pilihan untuk anda|artikel menarik lainnya|berita menarik lainnya|tags|tag|topik"
    "|berita lain|berita pilihan|artikel pilihan|video pilihan|foto pilihan|paling banyak dibaca"
    "|terpopuler hari ini|populer hari ini|most read|baca lainnya|news update"
    "|rekomendasi berita|artikel rekomendasi|jangan lewatkan|terkait|related news"
    "|related articles|you may also like|baca juga berita lainnya|berita selanjutnya"
    "|artikel selanjutnya|berita sebelumnya",
    "|",
)
_LINK_HEADINGS = frozenset(("baca juga", "baca juga:", "lihat juga", "simak juga", "baca:"))
_TEASER_TIME = re.compile(
    r"\d+ (?:detik|menit|jam|hari|minggu|pekan|bulan|tahun) (?:yang )?lalu", re.IGNORECASE
)
_SECTIONS = _set(
    "home beranda indeks index nasional internasional dunia global ekonomi bisnis keuangan"
    " finansial megapolitan metro daerah regional nusantara olahraga sport sports bola"
    " sepakbola otomotif tekno teknologi sains lifestyle gaya hidup hiburan seleb"
    " selebriti entertainment kesehatan health travel wisata kuliner edukasi pendidikan"
    " politik hukum opini kolom foto video infografis wawancara perspektif news berita"
    " terkini terpopuler populer trending humaniora properti"
)
_SOCIAL = _set(
    "facebook twitter x whatsapp telegram line linkedin email e-mail copy link instagram"
    " youtube tiktok pinterest share bagikan salin"
)
_MENU_SEPARATORS = re.compile(r"\s*[|•·»›>]\s*")
_LEAD = re.compile(r"(.{2,60}?)(?:\s[-–—]{1,2}(?:\s+[-–—]{1,2})?\s*|:\s+)[^\s–—-]")
_LABELS = _set("baca lihat simak foto sumber editor penulis reporter oleh catatan tags tag topik")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z\"“]")
_TIMING = re.compile(r"\brendering in [\d.]+ seconds\b")
_NOT_MENU = re.compile(r"[.,;:!?\"“”()]")
_END_SUFFIX = re.compile(r"(?:\s+more|\s*[:»›>]+)$")


def _words(line: str) -> list[str]:
    return line.split()


def _count(line: str) -> int:
    """The number of words of a normalised line."""
    return line.count(" ") + 1


class Kind(Enum):
    """What a line of a page is, as far as the line alone can tell."""

    END = "end"  # the heading of a teaser list: the article is over
    TEASER = "teaser"  # a teaser's relative time ("9 jam lalu")
    LINKS = "links"  # a "Baca juga" heading over links to other stories
    CHROME = "chrome"  # prompts, widgets, bylines, menus, photo credits
    CAPTION = "caption"  # a photo caption ending in its credit
    PROSE = "prose"  # a paragraph of running text
    TEXT = "text"  # anything else: a headline, a subheading, a short line


def kind(line: str) -> Kind:
    """Classify one normalised line (cached: pages repeat their chrome)."""
    return _short_kind(line) if len(line) <= 400 else _kind(line)


def _kind(line: str) -> Kind:
    if is_end_heading(line):
        return Kind.END
    if is_teaser_time(line):
        return Kind.TEASER
    if is_link_heading(line):
        return Kind.LINKS
    if is_chrome(line):
        return Kind.CHROME
    if is_caption(line):
        return Kind.CAPTION
    return Kind.PROSE if is_prose(line) else Kind.TEXT


_short_kind = functools.lru_cache(maxsize=16384)(_kind)


def is_chrome(line: str) -> bool:
    """Site furniture: prompts, widgets, bylines, menus, photo credits."""
    if len(line) > 400:
        return False
    if _CHROME.fullmatch(line) or _CROSS_LINK.match(line) or is_menu(line):
        return True
    if (" adalah " in line or " merupakan " in line or " ialah " in line) and is_self_description(
        line
    ):
        return True
    count = _count(line)
    if count <= 40 and _RIGHTS.match(line):
        return True  # a rights notice
    if count > 30:
        return False
    if _PROMO.match(line) or is_copyright(line) or ("rendering" in line and _TIMING.search(line)):
        return True
    return count <= 12 and bool(_CREDIT_LINE.fullmatch(line) or is_photo_credit(line))


def is_copyright(line: str) -> bool:
    if _count(line) > 20:
        return False
    lowered = line.lower()
    if not any(mark in lowered for mark in ("©", "(c)", "copyright", "hak cipta", "reserved")):
        return False
    return bool(_COPYRIGHT.search(line))


def is_promo(line: str) -> bool:
    """A follow/subscribe prompt (``Dapatkan berita terbaru dari …``)."""
    return _count(line) <= 30 and bool(_PROMO.match(line))


def is_credit(line: str) -> bool:
    """A byline or source credit (``Penulis : Antara``), not a photo credit."""
    return _count(line) <= 12 and bool(_CREDIT_LINE.fullmatch(line)) and not is_photo_credit(line)


def is_link_heading(line: str) -> bool:
    """A ``Baca juga`` heading over a list of links to other stories."""
    return len(line) <= 12 and line.lower() in _LINK_HEADINGS


def drop_inline_links(line: str) -> str:
    """Remove ``(Baca juga: …)`` cross-links from inside a paragraph."""
    if "(" not in line and "[" not in line:
        return line
    return " ".join(_INLINE_CROSS_LINK.sub(" ", line).split())


_SIGNATURE = re.compile(
    r"(?<=[.!?\"”’])\s+[(\[]\s*[A-Za-z][\w.]{0,9}(?:\s*[/-]\s*[A-Za-z0-9][\w.]{0,9}){0,3}\s*[)\]]$"
)


def drop_signature(line: str) -> str:
    """Remove an editor's initials after a paragraph's last sentence (``… katanya. (rfs/jbr)``)."""
    if not line.endswith((")", "]")):
        return line
    return _SIGNATURE.sub("", line)


def is_photo_credit(line: str) -> bool:
    """A line that is only a photo credit (``Foto : ANTARA/Reuters``)."""
    return _count(line) <= 10 and bool(_PHOTO_CREDIT.fullmatch(line))


def is_caption(line: str) -> bool:
    """A photo caption: a description that ends in a photo credit."""
    if len(line) > 1000 or _count(line) > 80:
        return False
    end = line[-120:]  # a credit is short: look at the end of the line only
    lowered = end.lower()
    if any(word in lowered for word in ("foto", "photo", "ilustrasi", "dok", "image", "gambar")):
        tail = _CREDIT_TAIL.search(end)
        if tail and _count(tail.group().strip()) <= 10:
            return True
    if line.endswith(SENTENCE_END):
        return False  # no unpunctuated agency credit at the end
    last = _LAST_SENTENCE.search(end)
    if last is None:
        return False
    credit = _words(last.group(1))
    capitalised = sum(1 for word in credit if word[:1].isupper())
    return (
        len(credit) <= 8 and capitalised * 2 >= len(credit) and bool(_AGENCY.search(last.group(1)))
    )


def is_menu(line: str) -> bool:
    """A site menu, breadcrumb or share bar: short labels, no sentence."""
    if len(line) > 300 or _count(line) < 2 or _NOT_MENU.search(line):
        return False
    if _MENU_SEPARATORS.search(line):
        parts = [part for part in _MENU_SEPARATORS.split(line) if part]
        if len(parts) >= 3 and all(_count(part) <= 3 for part in parts):
            return True
        line = " ".join(parts)
    labels = line.lower().split()
    if all(word in _SOCIAL for word in labels):
        return True
    if len(labels) < 6:
        return False
    lower = sum(1 for word in line.split() if word[0].islower())
    known = sum(1 for word in labels if word in _SECTIONS)
    return lower <= 1 and (known >= 3 or known * 2 >= len(labels))


_HEADING_TIME = re.compile(r"\s+(?:hari ini|minggu ini|pekan ini|untuk anda|untukmu)$")
_HEADING_MEDIUM = re.compile(r"^(?:video|foto|berita|artikel|galeri)\s+")


def is_end_heading(line: str) -> bool:
    """The heading of a teaser list (``Berita Terkait``): the article is over."""
    if len(line) > 60:
        return False
    heading = _END_SUFFIX.sub("", line.lower()).strip(" |•·»›>:-")
    if heading in _END_HEADINGS:
        return True
    # The same headings with a medium before them or a time after them:
    # "Video Terkini", "Foto Pilihan Hari Ini".
    heading = _HEADING_TIME.sub("", heading)
    return heading in _END_HEADINGS or _HEADING_MEDIUM.sub("", heading) in _END_HEADINGS


def is_teaser_time(line: str) -> bool:
    """A teaser's relative time (``9 jam lalu``)."""
    return len(line) <= 30 and bool(_TEASER_TIME.fullmatch(line))


def is_prose(line: str) -> bool:
    """A paragraph of running text rather than a label or a heading."""
    count = _count(line)
    return count >= 25 or (count >= 8 and line.endswith((*SENTENCE_END, ":")))


def is_title_like(line: str) -> bool:
    """Shaped like a headline: a few words, no full stop, not chrome or a date."""
    if not 3 <= _count(line) <= 25 or len(line) > 200:
        return False
    if (
        line.endswith((".", ":", ",", ";", "…", "...", "-"))
        or len(_SENTENCE_BREAK.findall(line)) > 1
    ):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘"):
        return False
    tokens = _words(line)
    lowered = sum(1 for word in tokens if word[0].islower())
    if line.endswith(("!", "?")) and len(tokens) >= 10 and lowered * 5 >= len(tokens) * 2:
        return False
    return kind(line) in (Kind.TEXT, Kind.PROSE) and not (
        lead_prefix(line) is not None or dateline_date(line) is not None
    )


def is_short_headline(line: str) -> bool:
    """Two capitalised words that are no section name or label (``Pembaca Cerewet``)."""
    words = _words(line)
    return (
        len(words) == 2
        and len(line) <= 40
        and all(word[:1].isupper() and word.isalpha() for word in words)
        and not any(word.lower() in _SECTIONS or word.lower() in _LABELS for word in words)
        and not is_end_heading(line)
        and not is_chrome(line)
    )


def lead_prefix(line: str) -> str | None:
    """The dateline opening a lead (``MOSKOW``, ``Jakarta, Kompas``), if any."""
    match = _LEAD.match(line)
    if match is None:
        return None
    prefix = match.group(1).strip()
    tokens = _words(prefix)
    if not 1 <= len(tokens) <= 6 or not all(
        word[:1].isupper() or word[:1] == "(" for word in tokens
    ):
        return None
    if line[match.end(1) :].lstrip().startswith(":"):
        return prefix if len(tokens) == 1 and prefix.lower() not in _LABELS else None
    if (
        outlet_in(prefix, domains=True)
        or any(sum(c.isupper() for c in word) >= 3 for word in tokens)
        or (len(tokens) <= 3 and "," not in prefix)  # "Jakarta -", "Kota Bekasi -"
    ):
        return prefix
    return None
