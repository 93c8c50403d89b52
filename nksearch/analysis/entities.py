"""People, places and organisations named in an Indonesian news article.

A rule-based recogniser, run once per article at index time. It reads runs
of capitalised words and decides from their context:

- a **person** follows a title or role (``Presiden Rusia Vladimir Putin``,
  ``Menlu Rusia Sergei Lavrov``, ``Perdana Menteri Armenia, Nikol
  Pashinyan``) or a speech cue (``kata Lavrov``); a surname alone
  (``Putin``) is the person the article named in full;
- a **place** follows ``di``/``ke``/``dari`` or a place word (``Kota``),
  opens the text as a dateline (``MOSKOW -``, ``Moskow:``), or is a known
  country, province or city (``gazetteer.PLACES``);
- an **organisation** is an acronym (``PBB``, ``OSCE``), a phrase with an
  organisation word (``OSCE Minsk Group``, ``Anadolu Agency``,
  ``Kementerian Luar Negeri``), or a known name (``Kremlin``).

Months, weekdays, outlet names, page chrome and titles alone are never
entities; a capitalised word that opens a sentence is a name only when a cue
says so. Precision and recall, measured on a labelled news data set, are in
``benchmarks/README.md``. No I/O.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from nksearch.analysis import gazetteer as g
from nksearch.analysis.names import key
from nksearch.analysis.stopwords import stop_words
from nksearch.documents.outlets import OUTLETS
from nksearch.documents.outlets import canonical as _canonical

KINDS = ("person", "place", "organization")

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|\d[\w.,/-]*|[^\w\s]", re.UNICODE)
_SENTENCE_END = frozenset('.!?:;"“”')
_PARTICLES = frozenset(
    ["bin", "binti", "van", "von", "de", "der", "den", "al", "el", "la", "da", "dos", "del"]
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.-]+(?:\s[A-Z][A-Za-z'’.-]+){0,2})"
    r"(?:\s*,\s*[^\n:–—-]{1,40}?)?\s*(?:\(\w[^)]{0,30}\)\s*)?(?:--?|–|—|:)\s"
)
_MAX_NAME = 5
#: Names are read from this much of a body: a long news article is a tenth
#: of it, and a file of many megabytes would otherwise take seconds.
MAX_BODY_CHARS = 100_000
#: Lines of page chrome that name agencies and photographers, not the story's actors.
_CHROME = re.compile(
    r"\s*(?:foto|baca(?: juga)?|lihat(?: juga)?|simak(?: juga)?|editor|reporter|penulis"
    r"|sumber|video|grafis|ilustrasi)\s*:",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[IVX]{1,4}")
_STOP = stop_words() - g.TITLES
_PLACE_STARTS = frozenset(place.split()[0].split("-")[0] for place in g.PLACES)


@dataclass(frozen=True)
class Entities:
    """The names an article mentions, each listed once, in order of first mention."""

    person: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()


def _outlet_starts() -> frozenset[str]:
    """First words of every known outlet's names, aliases and domains (lower case)."""
    words = set()
    for outlet in OUTLETS:
        for name in (outlet.name, *outlet.aliases, *outlet.domains):
            first = name.lower().replace(".", " ").replace("-", " ").split()
            if first:
                words.add(first[0])
    return frozenset(words)


_OUTLET_STARTS = _outlet_starts()
_OUTLET_PREFIXES = tuple(_OUTLET_STARTS)


@functools.lru_cache(maxsize=65536)
def canonical(name: str) -> str | None:
    """The outlet ``name`` names, if any (most names start like no outlet: no regex then)."""
    first = name.lower().replace(".", " ").replace("-", " ").split()
    if not first or not first[0].startswith(_OUTLET_PREFIXES):
        return None
    return _canonical(name)


def extract(title: str, body: str) -> Entities:
    """The people, places and organisations named in an article (its first
    :data:`MAX_BODY_CHARS` characters)."""
    body = body[:MAX_BODY_CHARS]
    found = _Found()
    lines = [
        (number == 0, _TOKEN.findall(line))
        for number, line in enumerate((title, *body.splitlines()))
        if not _CHROME.match(line)
    ]
    found.common = {t for headline, tokens in lines if not headline for t in tokens if t.islower()}
    dateline = _DATELINE.match(body)
    if dateline and _is_dateline_place(dateline.group("place")):
        found.add("place", _titlecase(dateline.group("place")))
    for headline, tokens in lines:
        found.headline = headline
        for sentence in _sentences(tokens):
            _read_sentence(sentence, found)
    return found.result()


def _is_dateline_place(text: str) -> bool:
    words = text.split()
    if canonical(text) or any(w.lower().strip(".") in g.NEVER for w in words):
        return False
    if "." in text:  # TEMPO.CO, Liputan6.com
        return False
    return text.isupper() or key(text) in g.PLACES or len(words) == 1


def _titlecase(text: str) -> str:
    if not text.isupper():
        return text
    # word by word and across hyphens (BANDA ACEH, NAGORNO-KARABAKH); JUM'AT stays Jum'at
    return re.sub(r"[^\s-]+", lambda word: word.group().capitalize(), text)


def _sentences(tokens: list[str]) -> list[list[str]]:
    sentences: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        current.append(token)
        if token in _SENTENCE_END:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _capital(token: str) -> bool:
    return token[:1].isupper()


@functools.lru_cache(maxsize=1 << 16)  # the same capitalised words, article after article
def _name_word(token: str) -> bool:
    if not token[:1].isupper():
        return False
    lowered = token.lower().strip(".")
    return lowered not in g.NEVER and lowered not in _STOP


class _Found:
    def __init__(self) -> None:
        self.names: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        self.pending: list[list[str]] = []  # runs with no cue: decided at the end
        self.headline = False  # a headline capitalises every word
        self.common: set[str] = set()  # words the text writes in lower case

    def add(self, kind: str, name: str) -> None:
        name = name.strip(" ,.-'’")
        if len(name) < 2 or canonical(name) or name.lower() in g.NEVER:
            return
        if kind == "person" and (
            (name.isupper() and key(name) not in g.PEOPLE)
            or name.lower() in g.TITLES
            or any(w.lower() in self.common for w in name.split())
        ):
            return
        if kind == "place":
            name = g.PLACE_ALIASES.get(key(name), name)
        elif kind == "person":
            name = g.PERSON_ALIASES.get(key(name), name)
        self.names[kind].setdefault(key(name), name)

    def result(self) -> Entities:
        people = self.names["person"]
        words = {w for name in people for w in name.split()}
        for run in self.pending:
            self._decide(run, people, words)
        people = _fold_surnames(people)
        places = {k: v for k, v in self.names["place"].items() if k not in people}
        orgs = {
            k: v
            for k, v in self.names["organization"].items()
            if k not in people and k not in places
        }
        return Entities(tuple(people.values()), tuple(places.values()), tuple(orgs.values()))

    def _decide(self, run: list[str], people: dict[str, str], words: set[str]) -> None:
        text = " ".join(run)
        lowered = key(text)
        if lowered in people or (len(run) <= 2 and all(key(w) in words for w in run)):
            self.add("person", text)


def _fold_surnames(people: dict[str, str]) -> dict[str, str]:
    """Drop a name that is part of a longer name of the article (``Putin``)."""
    folded: dict[str, str] = {}
    for name_key, name in people.items():
        parts = name_key.split()
        longer = any(other != name_key and _contains(other.split(), parts) for other in people)
        if not longer:
            folded[name_key] = name
    return folded


def _contains(whole: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def _runs(sentence: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of capitalised words (particles inside allowed)."""
    names = {i for i, token in enumerate(sentence) if token[:1].isupper() and _name_word(token)}
    if not names:
        return []
    runs: list[tuple[int, int]] = []
    for i in sorted(names):
        if runs and i < runs[-1][1]:
            continue  # inside the run before
        j = i + 1
        while j in names or (j + 1 in names and sentence[j] in _PARTICLES):
            j += 1
        runs.append((i, j))
    return [cut for start, end in runs for cut in _cut_at_titles(sentence, start, end)]


def _cut_at_titles(sentence: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """A run cut before a title that follows a word of no role (``Kandidat | Panglima TNI``)."""
    cuts = [start]
    for k in range(start + 1, end):
        word, previous = sentence[k].lower(), sentence[k - 1].lower()
        after_role = previous in g.TITLES or previous in g.ROLE_WORDS
        if word in g.TITLES and not after_role and not _ACRONYM.fullmatch(sentence[k - 1]):
            cuts.append(k)
    bounds = [*cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


def _read_sentence(sentence: list[str], found: _Found) -> None:
    runs = _runs(sentence)
    carried_role = False  # a role ended a run before a comma: the next run is a name
    for index, (start, end) in enumerate(runs):
        run = sentence[start:end]
        before = sentence[start - 1].lower() if start else ""
        before2 = sentence[start - 2].lower() if start > 1 else ""
        after = sentence[end] if end < len(sentence) else ""
        role, rest = _split_role(run, found)
        if role and not rest:
            carried_role = after == "," and index + 1 < len(runs) and runs[index + 1][0] == end + 1
            continue
        if carried_role or role:
            carried_role = False
            _person_with_tail(rest, found)
            continue
        carried_role = False
        if after.lower() in g.REPORTING_VERBS and len(run) <= 3 and _looks_like_name(run):
            found.add("person", " ".join(run))
            continue
        _classify(run, before, before2, start == 0, found)


def _looks_like_name(run: list[str]) -> bool:
    """No organisation word, acronym or known place or organisation in it."""
    text = key(" ".join(run))
    if text in g.ORGS or any(_place_at(run, i) for i in range(len(run))):
        return False
    return not any(w.lower() in g.ORG_WORDS or _ACRONYM.fullmatch(w) for w in run)


def _split_role(run: list[str], found: _Found) -> tuple[list[str], list[str]]:
    """A run's leading title or role (with the places in it), and what follows."""
    if run[0].lower().strip(".") not in g.TITLES:
        return [], run
    i = 1
    while i < len(run):
        word = run[i].lower().strip(".")
        if word in g.TITLES or word in g.ROLE_WORDS:
            i += 1
            continue
        place = _place_at(run, i)
        if place:
            found.add("place", " ".join(run[i : i + place]))
            i += place
            continue
        if _ACRONYM.fullmatch(run[i]) and i + 1 < len(run):  # Sekjen PDIP Hasto
            found.add("organization", run[i])
            i += 1
            continue
        break
    return run[:i], run[i:]


def _place_at(run: list[str], i: int) -> int:
    """How many words of ``run`` from ``i`` name a known place (0 if none)."""
    if run[i].lower().split("-")[0] not in _PLACE_STARTS:
        return 0
    for size in (3, 2, 1):
        if i + size <= len(run) and key(" ".join(run[i : i + size])) in g.PLACES:
            return size
    return 0


def _known_places(run: list[str], found: _Found) -> bool:
    """Known places inside a run, and the names around them.

    ``Laut Hitam Rusia Sochi`` gives Rusia and Sochi; ``Armenia Zohrab
    Mnatsakanyan`` (a role's country, then a name) gives a place and a person.
    """
    i, spans = 0, []
    while i < len(run):
        size = _place_at(run, i)
        if size:
            while i + size < len(run) and run[i + size].lower() in g.DIRECTIONS:
                size += 1  # Jakarta Selatan
            spans.append((i, i + size))
            i += size
        else:
            i += 1
    if not spans:
        return False
    for start, end in spans:
        found.add("place", " ".join(run[start:end]))
    tail = run[spans[-1][1] :]
    named = spans[0][0] == 0 and len(spans) == 1 and 2 <= len(tail) <= 3
    if named and not found.headline and not any(w.lower() in g.DIRECTIONS for w in tail):
        _person_with_tail(tail, found)
    return True


def _person_with_tail(run: list[str], found: _Found) -> None:
    if not run:
        return
    heads = [i for i, w in enumerate(run) if w.lower() in g.ORG_WORDS]
    if heads:  # "Partai Demokrat Nurhayati Ali Assegaf": an organisation, then a name
        last = max(
            [i for i, w in enumerate(run) if _ACRONYM.fullmatch(w) or _ROMAN.fullmatch(w)],
            default=heads[0] + 1,
        )
        organisation, person = run[heads[0] : last + 1], run[last + 1 :]
        found.add("organization", " ".join(organisation))
        if 1 <= len(person) <= 4:
            found.add("person", " ".join(person))
        return
    if len(run) == 1 and _ACRONYM.fullmatch(run[0]) and key(run[0]) not in g.PEOPLE:
        found.add("organization", run[0])
        return
    if any(_place_at(run, i) for i in range(len(run))):  # a place, not a name
        _known_places(run, found)
        return
    found.add("person", " ".join(run[:_MAX_NAME]))


def _classify(run: list[str], before: str, before2: str, opens: bool, found: _Found) -> None:
    text = " ".join(run)
    lowered = key(text)
    words = [w.lower() for w in run]
    if lowered in g.ORGS:
        found.add("organization", text)
        return
    if lowered in g.PLACES:
        found.add("place", text)
        return
    if len(run) > 1 and (words[0] in g.ORG_WORDS or words[-1] in g.ORG_WORDS):
        found.add("organization", text)
        return
    if lowered in g.PEOPLE:
        found.add("person", text)
        return
    if len(run) == 1 and _ACRONYM.fullmatch(run[0]):
        kind = "place" if lowered in g.PLACES else "organization"
        if before != "foto":
            found.add(kind, text)
        return
    if before in g.SOURCE_CUES or before2 in g.SOURCE_CUES:
        found.add("organization", text)
        return
    if _known_places(run, found):
        return
    if words[0] in g.PLACE_HEADS and len(run) > 1:
        found.add("place", text)
        return
    if before in g.PLACE_CUES and not opens:
        if len(run) <= 3 and not (len(run) == 1 and words[0] in g.DIRECTIONS):
            found.add("place", text)
        return
    if before in g.SPEECH_CUES and len(run) <= 3 and before not in ("oleh", "dengan", "antara"):
        found.add("person", text)
        return
    if not opens and not found.headline:
        found.pending.append(run)
