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
