"""The one table of Indonesian news outlets: web domains, names in text, display names.

Each outlet has the display name an ``Article`` carries (``SINDOnews``), the web
domains it publishes under (a subdomain such as ``jateng.tribunnews.com``
counts), the names it goes by in a page (``TEMPO.CO``, ``detikNews``) and a few
plain aliases (``antaranews``, ``poskotanews``) such as data sets and site
metadata use. Names that are also common words (``merdeka``, ``suara``,
``kontan``, ``juara``) are recognised in running text only with their web
address or their own capitalisation.

``outlet_in`` finds an outlet named in one line, ``outlet_of_url`` the outlet a
URL or host belongs to, and ``canonical`` turns a free-form name, domain or URL
into a display name. Which lines of a page count as chrome is decided elsewhere
(``nksearch.documents.chrome`` and ``nksearch.documents.page``). No I/O.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Outlet:
    """One outlet: its display name, web domains, text pattern and aliases."""

    name: str
    domains: tuple[str, ...]
    pattern: str
    aliases: tuple[str, ...] = ()


def _o(name: str, domains: str, pattern: str, aliases: str = "") -> Outlet:
    names = tuple(aliases.split("|")) if aliases else ()
    return Outlet(name, tuple(domains.split()), pattern, names)


# Order matters only between outlets named at the same place in a line: the
# longer name is listed first (``Koran Tempo`` before ``Tempo``).
OUTLETS: tuple[Outlet, ...] = (
    _o("SINDOnews", "sindonews.com", r"(?i:\bsindonews(?:\.com)?\b)", "sindo|koran sindo"),
    _o("Koran Tempo", "koran.tempo.co", r"\bKoran Tempo\b"),
    _o("Tempo", "tempo.co", r"\b(?:TEMPO|Tempo)\b|(?i:\btempo\.co\b)", "tempo.co|tempo"),
    _o("medcom.id", "medcom.id", r"(?i:\bmedcom(?:\.id)?\b)", "medcom"),
    _o("Koran Jakarta", "koran-jakarta.com", r"(?i:\bkoran[ -]?jakarta\b)"),
    _o("The Jakarta Post", "thejakartapost.com", r"(?i:\b(?:the ?)?jakarta ?post\b)"),
    _o(
        "Kompas",
        "kompas.com kompas.id kompas.tv",
        r"(?i:\bkompas(?:\.com|\.id|\.tv|com)?\b)",
        "kompas.com|kompascom|harian kompas|kompas tv",
    ),
    _o(
        "Detik",
        "detik.com",
        r"(?i:\bdetik(?:com|news|finance|sport|inet|health|oto|travel"
        r"|food|edu|hot|pop|jateng|jatim|jabar|bali|sulsel|sumut|\.com)?\b)",
        "detikcom",
    ),
    _o("CNN Indonesia", "cnnindonesia.com", r"(?i:\bcnn ?indonesia(?:\.com)?\b)"),
    _o("CNBC Indonesia", "cnbcindonesia.com", r"(?i:\bcnbc ?indonesia(?:\.com)?\b)"),
    _o(
        "Antara",
        "antaranews.com antarafoto.com",
        r"\b(?:ANTARA|Antara)\b|(?i:\bantaranews\b)",
        "antara news|kantor berita antara",
    ),
    _o("Republika", "republika.co.id republika.id", r"(?i:\brepublika\b)", "republika online"),
    _o("Liputan6", "liputan6.com", r"(?i:\bliputan ?6(?:\.com)?\b)", "liputan 6"),
    _o("Okezone", "okezone.com", r"(?i:\bokezone(?:\.com)?\b)"),
    _o("Tribunnews", "tribunnews.com", r"(?i:\btribun(?:news|[a-z]+\.com)?\b)", "tribun"),
    _o("Kumparan", "kumparan.com", r"(?i:\bkumparan)"),
    _o("Tirto", "tirto.id", r"(?i:\btirto\.id\b)|\bTirto\b", "tirto.id"),
    _o("Merdeka", "merdeka.com", r"(?i:\bmerdeka\.com\b)", "merdeka|merdeka.com"),
    _o("Suara Merdeka", "suaramerdeka.com", r"\bSuara Merdeka\b|(?i:\bsuaramerdeka\.com\b)"),
    _o("Suara", "suara.com", r"(?i:\bsuara\.com\b)", "suara|suara.com"),
    _o("VIVA", "viva.co.id", r"\bVIVA(?:\.co\.id)?\b|(?i:\bviva(?:news|\.co\.id)\b)", "viva"),
    _o("JPNN", "jpnn.com", r"(?i:\bjpnn(?:\.com)?\b)"),
    _o("Bisnis", "bisnis.com", r"(?i:\bbisnis\.com\b)|\bBisnis Indonesia\b", "bisnis.com"),
    _o("Katadata", "katadata.co.id", r"(?i:\bkatadata\b)"),
    _o("IDN Times", "idntimes.com", r"(?i:\bidn ?times\b)", "idntimes"),
    _o("Media Indonesia", "mediaindonesia.com", r"(?i:\bmedia ?indonesia(?:\.com)?\b)"),
    _o("Jawa Pos", "jawapos.com", r"(?i:\bjawa ?pos(?:\.com)?\b)"),
    _o("Kontan", "kontan.co.id", r"\b(?:KONTAN|Kontan)\b|(?i:\bkontan\.co\.id\b)", "kontan"),
    _o("Beritasatu", "beritasatu.com", r"(?i:\bberita ?satu(?:\.com)?\b)"),
    _o("iNews", "inews.id", r"\biNews(?:\.id)?\b|(?i:\binews\.id\b)"),
    _o(
        "Pos Kota",
        "poskotanews.com poskota.co.id",
        r"(?i:\bpos ?kota(?:news)?\b)",
        "poskota|poskotanews",
    ),
    _o("Rimanews", "rimanews.com", r"(?i:\brimanews(?:\.com)?\b)"),
    _o("DailySocial", "dailysocial.id", r"(?i:\bdailysocial(?:\.id)?\b)"),
    _o("Juara", "juara.net", r"(?i:\bjuara\.net\b)", "juara.net"),
    _o("Goal Indonesia", "goal.com", r"\bGoal Indonesia\b|(?i:\bgoal\.com\b)", "goal"),
    _o("VOA Indonesia", "voaindonesia.com", r"(?i:\bvoa ?indonesia(?:\.com)?\b)"),
    _o("BBC News Indonesia", "bbc.com/indonesia", r"\bBBC (?:News )?Indonesia\b", "bbc indonesia"),
    _o("The Conversation", "theconversation.com", r"\bThe Conversation\b"),
    _o("Mongabay", "mongabay.co.id", r"(?i:\bmongabay(?:\.co\.id)?\b)"),
    _o("Metro TV", "metrotvnews.com", r"(?i:\bmetro ?tv(?:news)?\b)"),
    _o("Pikiran Rakyat", "pikiran-rakyat.com", r"(?i:\bpikiran[ -]rakyat\b)"),
    _o("Solopos", "solopos.com", r"(?i:\bsolopos\b)"),
    _o("Harian Jogja", "harianjogja.com", r"(?i:\bharian ?jogja\b)"),
    _o("Bola.com", "bola.com", r"(?i:\bbola\.com\b)"),
    _o("Bola.net", "bola.net", r"(?i:\bbola\.net\b)"),
    _o("Inilah.com", "inilah.com", r"(?i:\binilah\.com\b)"),
    _o("Gatra", "gatra.com", r"\bGATRA\b|(?i:\bgatra\.com\b)"),
    _o("Warta Ekonomi", "wartaekonomi.co.id", r"(?i:\bwarta ?ekonomi\b)"),
)

_PATTERNS = tuple((outlet.name, re.compile(outlet.pattern)) for outlet in OUTLETS)
#: Every outlet's pattern in one alternation, tried in the order of OUTLETS:
#: the first that matches where a text begins names the outlet it opens with.
_OPENING = re.compile("|".join(f"(?P<o{i}>{outlet.pattern})" for i, outlet in enumerate(OUTLETS)))
_BY_NAME = {outlet.name.lower(): outlet.name for outlet in OUTLETS}
_BY_ALIAS = {alias: outlet.name for outlet in OUTLETS for alias in outlet.aliases}
_DOMAINS = sorted(
    ((domain, outlet.name) for outlet in OUTLETS for domain in outlet.domains),
    key=lambda pair: -len(pair[0]),
)
DOMAIN = re.compile(r"\S+\.(?:com|co\.id|id|co|net|org|tv|news)\b\S*", re.IGNORECASE)
"""A web address or bare domain (``JUARA.net``, ``www.kompas.com/read/...``)."""


def outlet_in(text: str, *, domains: bool = False) -> str | None:
    """The display name of the known outlet mentioned first in ``text``.

    With ``domains``, an unknown outlet that names itself by its web address
    (``gelora.co``) is returned as that address in lower case.
    """
    found = [
        (match.start(), -len(match.group()), index, name)
        for index, (name, pattern) in enumerate(_PATTERNS)
        if (match := pattern.search(text))
    ]
    if found:
        return min(found)[3]
    address = DOMAIN.search(text) if domains else None
    if address is None:
        return None
    known = outlet_of_url(address.group())
    return known or _host(address.group().strip("()[],.:;\"'")) or None


def outlet_opening(text: str) -> str | None:
    """The display name of the known outlet ``text`` opens with, if any."""
    match = _OPENING.match(text)
    if match is None or match.lastgroup is None:
        return None
    return OUTLETS[int(match.lastgroup[1:])].name


def outlet_of_url(url: str) -> str | None:
    """The display name of the known outlet a URL, host or domain belongs to."""
    host = _host(url)
    if not host:
        return None
    path = url.lower().partition(host)[2]
    for domain, name in _DOMAINS:
        base, _, section = domain.partition("/")
        if (host == base or host.endswith("." + base)) and (
            not section or path.lstrip("/").startswith(section)
        ):
            return name
    return None


@functools.lru_cache(maxsize=1024)
def canonical(name: str) -> str | None:
    """The display name for a free-form outlet name, alias, domain or URL.

    ``"cnn indonesia"``, ``"antaranews"``, ``"www.tempo.co"`` and
    ``"https://jateng.tribunnews.com/..."`` all resolve; an unknown name
    gives None.
    """
    cleaned = " ".join(name.split()).strip(" -|:·•")
    lowered = cleaned.lower()
    if not lowered:
        return None
    if lowered in _BY_NAME:
        return _BY_NAME[lowered]
    if lowered in _BY_ALIAS:
        return _BY_ALIAS[lowered]
    if "." in lowered and " " not in lowered:
        known = outlet_of_url(lowered)
        if known:
            return known
    found = outlet_in(cleaned)
    if found is not None and len(cleaned) <= len(found) + 12:
        return found  # "Kompas.com", "detikNews", "Republika Online"
    return None


def site_name(value: str) -> str | None:
    """An outlet's display name from a site's own name for itself (metadata).

    A known outlet gets its display name; an unknown one keeps its own name,
    or its web address when that is all it gives.
    """
    cleaned = " ".join(value.split()).strip(" -|:·•@")
    if not cleaned or len(cleaned) > 60:
        return None
    known = canonical(cleaned)
    if known:
        return known
    if " " not in cleaned and "." in cleaned:
        return _host(cleaned) or None
    return cleaned


def _host(url: str) -> str:
    """The lower-case host of a URL or bare domain, without ``www.``/``m.``/``amp.``."""
    text = url.strip().lower()
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


# --- a page naming its own outlet ------------------------------------------------

_SELF_DESCRIPTION = re.compile(
    r"(\S+(?: \S+){0,2}) (?:adalah|merupakan|ialah) (?:sebuah |salah satu )?(?:portal|situs|media"
    r"|kanal|platform|laman|website|surat kabar|koran|harian|majalah)\b",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(
    r"\b(?:kepada|pada|diterima|dihubungi|ditemui|dikonfirmasi|pantauan|dipantau|dijumpai"
    r"|diwawancarai|dilihat|didapat|diperoleh|dihimpun|dirangkum|rangkuman"
    r"|(?:wawancara(?: khusus)?|berbincang(?:-bincang)?|bincang-bincang) dengan)"
    r"\s+(?:oleh\s+)?(?:tim |redaksi |wartawan |jurnalis )?",
    re.IGNORECASE,
)
# An outlet naming itself with its own address: "kumparan (kumparan.com)".
_NAME_AND_ADDRESS = re.compile(
    r"(?<![\w.])([\w.]+(?: [A-Z][\w.]*)?) \(((?:www\.)?[\w-]+(?:\.[\w-]+)+)\)"
)
_CITING = re.compile(
    r"(?:dilansir|dikutip|melansir|mengutip|menurut|diberitakan|dilaporkan|laporan|dari|via)\s*$",
    re.IGNORECASE,
)


def is_self_description(line: str) -> bool:
    """A site describing itself (``DailySocial.id adalah portal berita …``)."""
    if line.count(" ") >= 60 or " " not in line:
        return False
    match = _SELF_DESCRIPTION.match(line)
    return match is not None and outlet_in(match.group(1), domains=True) is not None


def self_reference(line: str) -> str | None:
    """The known outlet a paragraph names as its own newsroom.

    ``kata X kepada kumparan``, ``saat dihubungi Kompas.com``, ``pantauan
    detikcom``: a statement made to, or an observation by, the outlet; or the
    outlet's name with its own address (``kumparan (kumparan.com)``) where
    the article does not cite it (``dilansir dari …``).
    """
    if len(line) > 5000:
        return None
    for match in _SELF_REFERENCE.finditer(line):
        name = outlet_opening(line[match.end() : match.end() + 40])
        if name is not None:
            return name
    if "(" in line:
        for match in _NAME_AND_ADDRESS.finditer(line):
            name = outlet_opening(match.group(1))
            if (
                name is not None
                and name == outlet_of_url(match.group(2))
                and not _CITING.search(line[max(0, match.start() - 30) : match.start()])
            ):
                return name
    return None
