"""Split text into words: Unicode word boundaries, hyphens, apostrophes.

A token is a number with separators (``6.500``, ``1,5``) or words joined by
hyphens, with apostrophes inside words (``Jum'at``) kept in the word. Whether
a hyphenated token is one word, a word with a clitic or several words is the
analyzer's decision (it needs stems). Everything here is stateless.
"""

from __future__ import annotations

import re

_WORD = r"[^\W_]+(?:['\u2019][^\W_]+)*"
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+(?![^\W_])|" + _WORD + r"(?:[-\u2010\u2011]" + _WORD + r")*")
PART_RE = re.compile(_WORD)
APOSTROPHES = re.compile(r"['\u2019]")
HYPHENS = re.compile(r"[-\u2010\u2011]")

#: Clitics written after a hyphen ("Facebook-nya"): the word is the first part.
CLITICS = frozenset({"nya", "ku", "mu", "lah", "kah", "tah", "pun"})


def has_apostrophe(word: str) -> bool:
    return "'" in word or "\u2019" in word


def has_hyphen(word: str) -> bool:
    return "-" in word or "\u2010" in word or "\u2011" in word


def lowered_whole(text: str) -> str | None:
    """``text`` lowercased in one call, when that splits into the same tokens
    as lowercasing each token; None for text holding a letter whose lowercase
    is longer ("İ") or capital sigma (whose lowercase depends on its
    neighbours), which must be lowercased token by token.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text:
        return None
    return lowered


def words(text: str) -> set[str]:
    """The distinct lowercase words of ``text`` (before stemming).

    A hyphenated token gives its parts and itself, so every word the
    analyzer may stem is listed.
    """
    lowered = lowered_whole(text)
    if lowered is None:
        tokens = {match.group().lower() for match in TOKEN_RE.finditer(text)}
    else:
        tokens = set(TOKEN_RE.findall(lowered))
    found: set[str] = set()
    for token in tokens:
        if has_apostrophe(token):
            token = APOSTROPHES.sub("", token)
        if has_hyphen(token):
            found.update(p for p in HYPHENS.split(token) if p)
            found.add(HYPHENS.sub("-", token))
        else:
            found.add(token)
    return found
