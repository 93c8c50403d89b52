"""Derived forms of a root, built forwards: the evidence that a reading is real.

The affix analyses run backwards, from a word to its possible roots; some
readings are only worth believing if the root is seen with *other* affixes
in Indonesian text. This module builds those forms (``pe`` + ``huni`` →
``penghuni``, ``menge`` + ``cat``) for :mod:`~nksearch.analysis.morphology`
to look up in a word list; it knows nothing of lexicons or frequencies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

VOWELS = frozenset("aiueo")

#: Zipf value from which a root is common enough to need no other evidence
#: for a bare ``-i`` (``tengah``, ``lanjut``; ``helm`` and ``hawa`` are rarer).
COMMON_ROOT = 5.0


def nasalised(head: str, root: str) -> str:
    """``head`` (``me``/``pe``) with its nasal before ``root``: ``pe`` + ``huni`` → ``penghuni``."""
    first = root[:1]
    if first in ("b", "f", "v"):
        return f"{head}m{root}"
    if first == "p":
        return f"{head}m{root[1:]}"
    if first in ("c", "d", "j", "z"):
        return f"{head}n{root}"
    if first == "t":
        return f"{head}n{root[1:]}"
    if first == "s":
        return f"{head}ny{root[1:]}"
    if first == "k":
        return f"{head}ng{root[1:]}"
    if first in VOWELS or first in ("g", "h"):
        return f"{head}ng{root}"
    return f"{head}{root}"


def short_root_forms(root: str) -> tuple[str, ...]:
    """Derived forms that show a short root takes affixes (``mengecat``, ``diadakan``)."""
    return (
        f"di{root}",
        f"menge{root}",
        f"menge{root}kan",
        nasalised("me", root),
        f"{nasalised('me', root)}kan",
        f"di{root}kan",
        f"di{root}i",
        f"ber{root}",
        f"ke{root}an",
        f"{nasalised('pe', root)}an",
        f"{root}an",
    )


def nouns_of(root: str) -> tuple[str, ...]:
    """Nouns derived from ``root`` (``penghuni``, ``hunian``, ``kehunian``)."""
    return (nasalised("pe", root), f"{root}an", f"{nasalised('pe', root)}an", f"ke{root}an")


def attested(word: str, forms: Iterable[str], frequency: Callable[[str], float]) -> bool:
    """Whether a form other than ``word`` itself is in the word list (Zipf > 0)."""
    return any(form != word and frequency(form) > 0 for form in forms)


def short_root_plausible(
    word: str,
    root: str,
    prefixes: tuple[str, ...],
    suffix: str,
    frequency: Callable[[str], float],
) -> bool:
    """Whether a reading with a root of three letters or fewer is believable.

    (``Rules.short_roots``.) ``acuan`` is ``acu`` + ``-an`` (``mengacu``),
    but ``dani`` is not ``dan`` + ``-i`` nor ``milan`` ``mil`` + ``-an``: no
    other form of theirs is a word.
    """
    if len(root) > 3 or not (prefixes or suffix):
        return True
    if prefixes[:1] in (("ber",), ("ke",)):
        # berhak, berdoa, kedua: ber- and ke- make words of nouns (haknya)
        return attested(word, (f"{root}nya", *short_root_forms(root)), frequency)
    return attested(word, short_root_forms(root), frequency)


def imperative_plausible(
    word: str,
    root: str,
    prefixes: tuple[str, ...],
    suffix: str,
    frequency: Callable[[str], float],
) -> bool:
    """Whether a bare ``-i`` reading is believable (``Rules.bare_suffixes``)."""
    if prefixes or suffix != "i":
        return True
    if frequency(root) >= COMMON_ROOT:
        return True  # tengahi: the word list lacks many rarer forms
    return attested(word, (f"di{root}{suffix}", f"{nasalised('me', root)}{suffix}"), frequency)
