"""Every affix analysis of an Indonesian word, and the one a search should use.

Sastrawi's stemmer (an ECS stemmer) strips affixes in one fixed order and
keeps the first remainder found in its dictionary, so ``kerusakan`` ends at
``rusa`` (deer) because ``-kan`` is tried before ``-an``, and ``memasuki`` at
``pasuk`` because the ``p`` reading of ``mem-`` comes first. This module
generates *every* decomposition that Indonesian morphophonology allows (up
to three prefixes with their nasal recoding, one derivational suffix, a
possessive and a particle; the ``-el-/-em-/-er-`` infixes only if asked),
keeps those whose root is in the lexicon, and ranks them by rules Sastrawi
lacks:

1. confixes that do not exist (``ke-…-kan``, ``di-…-an``, ``peN-…-kan``, …)
   and a prefix not allowed after another are last resorts;
2. readings that are rarely right come after the others: a bare ``-kan`` or
   ``-i`` with no prefix (``desakan`` is ``desak-an``, not ``desa-kan``),
   an infix, a loanword suffix, or a root the lexicon marks as rare;
3. the longer root wins (``kesepakatan``/``disepakati`` → ``sepakat``, not
   ``pakat``; ``berbasis`` → ``basis``, not ``bas``);
4. then the analysis with fewer affixes, then the more common recoding.

Three rules ask for evidence beyond the root itself, from derived forms
built forwards (:mod:`~nksearch.analysis.derived_forms`) and looked up in a
word list: a root of three letters or fewer needs another attested form
(``dicat`` has ``mengecat``; ``diego``, ``dani`` and ``milan`` have none, so
they stay whole); a bare ``-i`` needs its passive or active form, or a
common root (``akui``, but not ``helmi``); and a root ending in a suffix's
letters (``huni``) beats the shorter root plus that suffix (``hun`` +
``-i``) when it has nouns of its own (``penghuni``, ``hunian``).

A word that is itself in the lexicon stays whole (``sesuai``, ``sekitar``).
The lexicon is Sastrawi's dictionary of roots plus a few loanword roots it
lacks (:data:`EXTRA_ROOTS`). This module knows nothing of caches or tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from nksearch.analysis import extra_roots
from nksearch.analysis.derived_forms import (
    attested,
    imperative_plausible,
    nouns_of,
    short_root_plausible,
)

VOWELS = frozenset("aiueo")

#: Particles and possessives (inflection), outermost first.
PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
#: Derivational suffixes; the loanword ones after the native three.
NATIVE_SUFFIXES = ("kan", "an", "i")
LOAN_SUFFIXES = ("isasi", "isme", "itas", "wan", "wati")

#: Roots Sastrawi's dictionary lacks (see ``extra_roots``).
EXTRA_ROOTS = extra_roots.EXTRA_ROOTS

#: Which prefix may follow which (``memper-``, ``diper-``, ``keber-``,
#: ``keter-``, ``pember-``, ``berke-``); the outermost prefix is the key.
_NEXT_PREFIX = {
    "di": ("per", "ke", "ber", "se"),
    "meN": ("per", "ke", "ber", "ter", "se"),
    "peN": ("per", "ke", "ber", "ter", "se"),
    "ke": ("ber", "ter", "se", "peN", "per"),
    "ber": ("ke", "peN", "per", "se"),
    "ter": ("ke", "peN", "per", "se"),
    "per": ("ke", "se"),
    "se": ("ke", "per"),
}

#: Confixes that do not exist: outermost prefix and derivational suffix.
_INVALID_CONFIX = frozenset(
    {
        ("ber", "i"),
        ("ke", "i"),
        ("ke", "kan"),
        ("meN", "an"),
        ("di", "an"),
        ("se", "i"),
        ("se", "kan"),
        ("ter", "an"),
        ("peN", "kan"),
        ("peN", "i"),
        ("per", "i"),
    }
)


@dataclass(frozen=True)
class Rules:
    """The choices :func:`best_root` makes, each of which can be switched off.

    The defaults are nksearch's stemming; ``benchmarks/eval_morphology.py``
    measures each switch on its own.
    """

    #: Confixes that do not exist (``ke-…-kan``) and infixes are last resorts.
    confixes: bool = True
    #: A bare ``-kan``/``-i``, a loanword suffix, ``-kah``/``-tah`` cost ``unlikely``.
    unlikely: float = 2.0
    #: A root beginning like a prefix (``sedia``) is kept whole if at least
    #: this common (Zipf); ``None`` switches the rule off.
    whole_roots: float | None = 2.0
    #: Weight of the root's commonness (Zipf) in the score.
    frequency: float = 1.0
    #: Weight of how common the root's passive forms are (``dimohon`` for
    #: ``memohon``; ``dipohon`` is no word).
    family: float = 0.5
    #: Weight of the root's length in letters.
    length: float = 0.25
    #: Cost of each less common recoding (``meng-`` + ``k``, ``pe-`` + ``r``).
    recoding: float = 1.0
    #: Whether the loanword suffixes (``-isasi``, ``-isme``, ``-is``, ``-itas``,
    #: ``-wan``, ``-wati``) are removed at all.
    loan_suffixes: bool = True
    #: A root of three letters or fewer needs another derived form in the
    #: word list (``dicat``: ``mengecat``; ``acuan``: ``mengacu``) unless
    #: ``ber-``/``ke-`` makes it; ``dani`` is not ``dan`` + ``-i``, nor
    #: ``diego`` ``di-`` + ``ego``.
    short_roots: bool = True
    #: A bare ``-i`` (no prefix: an imperative) needs its passive or active
    #: form in the word list (``akui``: ``diakui``) or a root at least
    #: ``derived_forms.COMMON_ROOT`` common (``tengahi``); ``helmi`` is not
    #: ``helm`` + ``-i``, nor ``politisi`` ``politis`` + ``-i``. (A bare
    #: ``-kan`` only costs :attr:`unlikely`: the list lacks too many of
    #: its passives, ``dimisalkan``.)
    bare_suffixes: bool = True
    #: Whether the ``-el-/-em-/-er-/-in-`` infixes are read at all; in news
    #: they are almost only names (``semarang`` is not ``sarang``).
    infixes: bool = False
    #: A root ending in a suffix's letters (``huni``) is the reading if it
    #: has nouns of its own (``penghuni``, ``hunian``), even where the
    #: shorter root is more common (``dihuni`` is not ``hun`` + ``-i``).
    suffix_in_root: bool = True


RULES = Rules()


class Analysis(NamedTuple):
    """One decomposition: ``prefixes + root + suffix + possessive + particle``."""

    root: str
    prefixes: tuple[str, ...]
    suffix: str
    possessive: str
    particle: str
    #: Recoding choices made (0 = the more common reading of a prefix form).
    recoding: int
    infix: bool = False


def _nasal(body: str, name: str) -> Iterator[tuple[str, str, int]]:
    """``(prefix, remainder, recoding)`` readings of ``me``/``pe`` + ``body``.

    ``body`` is what follows ``me``/``pe``: ``mbantu``, ``nulis``, ``nyapu``,
    ``ngambil``, ``ngebom``, ``lihat``.
    """
    if body.startswith("ny") and len(body) > 3 and body[2] in VOWELS:
        yield name, "s" + body[2:], 0  # menyapu → sapu
        yield name, body, 1  # menyanyi → nyanyi
    elif body.startswith("ng"):
        rest = body[2:]
        if rest.startswith("e") and len(rest) > 3:
            yield name, rest[1:], 1  # mengebom → bom
        if rest[:1] in VOWELS:
            yield name, rest, 0  # mengambil → ambil
            yield name, "k" + rest, 1  # mengirim → kirim
            yield name, body, 2  # mengerikan → ngeri
        elif rest[:1] in ("g", "h", "k"):
            yield name, rest, 0  # menggali, menghitung
        elif rest:
            yield name, body, 2  # menganga
    elif body.startswith("m"):
        rest = body[1:]
        if rest[:1] in ("b", "f", "v", "p"):
            yield name, rest, 0  # membantu, memproses
        elif rest[:1] in VOWELS:
            yield name, "p" + rest, 0  # memakai → pakai
            yield name, body, 0  # memasak → masak
        elif rest[:1] == "r":
            yield name, "p" + rest, 1  # pemrograman → program
        else:
            yield name, body, 1
    elif body.startswith("n"):
        rest = body[1:]
        if rest[:1] in ("c", "d", "j", "t", "s", "z"):
            yield name, rest, 0  # mencari, mendapat, mentransfer, mensyukuri
        elif rest[:1] in VOWELS:
            yield name, "t" + rest, 0  # menulis → tulis
            yield name, body, 0  # menikah → nikah
        else:
            yield name, body, 1
    elif body[:1] in ("l", "r", "w", "y"):
        # melihat, merasa; pe + r-root is rarer than per- (perubahan)
        yield name, body, int(name == "peN" and body[0] == "r")
    if name == "peN" and body[:1] not in ("m", "n", "l", "r", "w", "y"):
        yield name, body, 2  # petani, pekerja, pedagang


def _prefix_readings(word: str) -> Iterator[tuple[str, str, int]]:
    """``(prefix, remainder, recoding)`` for each prefix ``word`` may start with."""
    if len(word) < 5:
        return
    head = word[:2]
    if head in ("di", "ke", "se"):
        yield head, word[2:], 0
    if word.startswith("ketidak"):
        yield "ke", word[7:], 0  # ketidakpastian: ke- tidak pasti -an
    elif head in ("me", "pe"):
        yield ("meN" if head == "me" else "peN"), word[2:], 0
    if head == "pe":
        if word.startswith("per"):
            yield "per", word[3:], 0
            yield "per", word[2:], 1  # perasaan → rasa (pe + r-root)
        if word.startswith("pelajar"):
            yield "per", word[3:], 1  # pelajar → ajar
    elif head == "be":
        if word.startswith("ber"):
            yield "ber", word[3:], 0
            yield "ber", word[2:], 1  # berumah → rumah
        elif word.startswith("belajar"):
            yield "ber", word[3:], 1
        elif len(word) > 5 and word[3:5] == "er":
            yield "ber", word[2:], 1  # bekerja, beserta
    elif head == "te":
        if word.startswith("ter"):
            yield "ter", word[3:], 0
            yield "ter", word[2:], 1  # terasa → rasa
        elif len(word) > 5 and word[3:5] == "er":
            yield "ter", word[2:], 1  # tepercaya


def _expand(word: str, prefix: str, rest: str, recoding: int) -> Iterator[tuple[str, str, int]]:
    if prefix in ("meN", "peN"):
        for name, remainder, extra in _nasal(rest, prefix):
            yield name, remainder, recoding + extra
    else:
        yield prefix, rest, recoding


def _prefixes(
    word: str, depth: int = 0, before: str | None = None
) -> Iterator[tuple[tuple[str, ...], str, int]]:
    """Every ``(prefixes, remainder, recoding)`` of ``word``, no prefix first."""
    yield (), word, 0
    if depth == 3:
        return
    allowed = None if before is None else _NEXT_PREFIX.get(before, ())
    for prefix, rest, recoding in _prefix_readings(word):
        if allowed is not None and prefix not in allowed:
            continue
        for name, remainder, extra in _expand(word, prefix, rest, recoding):
            if len(remainder) < 2:
                continue
            for inner, root, more in _prefixes(remainder, depth + 1, name):
                yield (name, *inner), root, extra + more


def _suffixes(word: str, loans: bool = True) -> Iterator[tuple[str, str, str, str]]:
    """Every ``(body, suffix, possessive, particle)`` of ``word``."""
    derivational = (*NATIVE_SUFFIXES, *LOAN_SUFFIXES) if loans else NATIVE_SUFFIXES
    for particle in ("", *PARTICLES):
        if particle and not word.endswith(particle):
            continue
        w1 = word[: len(word) - len(particle)] if particle else word
        for possessive in ("", *POSSESSIVES):
            if possessive and not w1.endswith(possessive):
                continue
            w2 = w1[: len(w1) - len(possessive)] if possessive else w1
            yield w2, "", possessive, particle
            for suffix in derivational:
                if w2.endswith(suffix) and len(w2) - len(suffix) >= 2:
                    body = w2[: len(w2) - len(suffix)]
                    if suffix == "itas" and body.endswith("v"):
                        body = body[:-1] + "f"  # efektivitas → efektif
                    yield body, suffix, possessive, particle


def _infixed(root: str) -> str | None:
    """The root without an ``-el-/-em-/-er-/-in-`` infix after its first letter."""
    if len(root) > 5 and root[1:3] in ("el", "em", "er", "in") and root[0] not in VOWELS:
        return root[0] + root[3:]
    return None


def analyses(
    word: str, lexicon: Callable[[str], bool], loan_suffixes: bool = True
) -> list[Analysis]:
    """Every decomposition of ``word`` whose root ``lexicon`` knows."""
    found: list[Analysis] = []
    for body, suffix, possessive, particle in _suffixes(word, loan_suffixes):
        if len(body) < 2:
            continue
        for prefixes, root, recoding in _prefixes(body):
            if len(root) < 2:
                continue
            if lexicon(root):
                found.append(Analysis(root, prefixes, suffix, possessive, particle, recoding))
            elif not prefixes and not suffix:
                plain = _infixed(root)
                if plain is not None and lexicon(plain):
                    found.append(
                        Analysis(plain, (), "", possessive, particle, recoding, infix=True)
                    )
    return found


def rank(
    analysis: Analysis,
    common: Callable[[str], float],
    rules: Rules = RULES,
    family: Callable[[str], float] | None = None,
) -> tuple[int, float, int, int]:
    """Sort key of an analysis: the smallest is the reading to use."""
    prefixes, suffix = analysis.prefixes, analysis.suffix
    invalid = 0
    if rules.confixes:
        invalid = int(bool(prefixes) and (prefixes[0], suffix) in _INVALID_CONFIX)
        invalid += analysis.infix  # terulang is ulang, not tulang
    unlikely = 0
    if not prefixes and suffix in ("kan", "i"):
        unlikely += 1  # desakan is desak-an; a bare -kan/-i is an imperative
    if suffix in LOAN_SUFFIXES:
        unlikely += 1
    if analysis.particle in ("kah", "tah"):
        unlikely += 1  # membantah is bantah; -kah/-tah rarely end a verb
    affixes = len(prefixes) + bool(suffix) + bool(analysis.possessive) + bool(analysis.particle)
    score = (
        rules.frequency * common(analysis.root)
        + rules.length * len(analysis.root)
        - rules.recoding * analysis.recoding
        - rules.unlikely * unlikely
    )
    if family is not None and rules.family:
        score += rules.family * family(analysis.root)
    return invalid, -score, affixes, analysis.recoding


def _suffix_in_root(
    word: str,
    chosen: Analysis,
    found: list[Analysis],
    frequency: Callable[[str], float],
) -> str:
    """The root :attr:`Rules.suffix_in_root` keeps: ``huni`` of ``dihuni``, not ``hun``."""
    if not chosen.suffix:
        return chosen.root
    whole = chosen.root + chosen.suffix
    inflection = (chosen.prefixes, chosen.possessive, chosen.particle)
    if not any(
        a.root == whole and not a.suffix and (a.prefixes, a.possessive, a.particle) == inflection
        for a in found
    ):
        return chosen.root
    bare = word[: len(word) - len(chosen.possessive + chosen.particle)]
    return whole if attested(bare, nouns_of(whole), frequency) else chosen.root


def best_root(
    word: str,
    lexicon: Callable[[str], bool],
    common: Callable[[str], float],
    rules: Rules = RULES,
    family: Callable[[str], float] | None = None,
    forms: Callable[[str], float] | None = None,
) -> str | None:
    """The root of the best-ranked analysis of ``word``, or ``None`` if none.

    ``forms`` is how common a word is (Zipf; 0 if unseen): the evidence of
    derived forms :attr:`Rules.short_roots`, :attr:`Rules.bare_suffixes` and
    :attr:`Rules.suffix_in_root` ask for; without it those rules are off.
    """
    found = analyses(word, lexicon, rules.loan_suffixes)
    if not rules.infixes:
        found = [a for a in found if not a.infix]
    if forms is not None and rules.short_roots:
        found = [
            a for a in found if short_root_plausible(word, a.root, a.prefixes, a.suffix, forms)
        ]
    if forms is not None and rules.bare_suffixes:
        found = [
            a for a in found if imperative_plausible(word, a.root, a.prefixes, a.suffix, forms)
        ]
    if not found:
        return None
    if all(a.root == found[0].root for a in found):
        return found[0].root  # one reading: no need to rank
    keys = [rank(a, common, rules, family) for a in found]
    first = min(keys)
    chosen = found[keys.index(first)]
    root = chosen.root
    if forms is not None and rules.suffix_in_root:
        root = _suffix_in_root(word, chosen, found, forms)
        if root != chosen.root:
            return root
    if rules.whole_roots is None:
        return root
    # A root that begins like a prefix (sedia, sebar, terap, kecam) is kept
    # whole rather than read as that prefix and a shorter root (dia, bar);
    # not when only a recoding makes it (mengubah is ubah, not kubah;
    # mengesahkan is sah, not kesah).
    # So is one that ends like an inflection (masalah is not masa + -lah).
    inflected = root + chosen.possessive + chosen.particle
    longer = [
        a.root
        for a, key in zip(found, keys, strict=True)
        if key[0] == first[0]
        and len(a.root) > len(root)
        and (a.root.endswith(root) or a.root == inflected)
        and a.recoding == 0
        and common(a.root) >= rules.whole_roots
    ]
    return max(longer, key=len) if longer else root
