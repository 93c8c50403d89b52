"""Did-you-mean: the likeliest indexed word for each word of a query the index lacks.

Candidates are the indexed words within one edit of the word (two for
words of six letters or more), found in the sorted vocabulary of the body
and exact fields without scanning it (see ``expansion.Vocabulary``). They
are weighed as a typist's errors are: each edit makes a word
:data:`EDIT_COST` times less likely (in natural-log units), each document
the word is in makes it more likely, so ``Persjia`` becomes ``Persija``
(35 articles) rather than ``Persia`` (1) and ``eKTP`` becomes ``KTP``, not
a rare ``ekp``. :func:`respell` rewrites every unknown word of a query;
:func:`did_you_mean` offers the result when it finds something, and never
for a query with a syntax error.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable

from nksearch.errors import NksearchError
from nksearch.search.expansion import Vocabulary
from nksearch.search.query import ParsedQuery

#: Query words never corrected: operators typed in lowercase, mostly.
_LEAVE_ALONE = frozenset({"and", "or", "not"})
#: How much less likely each edit makes a candidate (natural log): one more
#: edit is worth about 20 times as many documents.
EDIT_COST = 3.0
#: Fields whose words are candidates: stems that are words themselves, and
#: the other forms of words as written.
FIELDS = ("body", "exact")
#: Fields in which a query word counts as known to the index.
KNOWN_IN = ("exact", "body", "title")


def max_edits(word: str) -> int:
    """Edits a correction of ``word`` may make: one for short words, two for longer."""
    return 1 if len(word) <= 5 else 2


def best_word(word: str, vocabulary: Vocabulary) -> str | None:
    """The likeliest indexed word ``word`` was meant to be, or None.

    Each candidate scores ``log(1 + documents) - EDIT_COST * edits``; on a
    tie the one with fewer edits, then the first alphabetically, wins.
    """
    if word in _LEAVE_ALONE or len(word) < 3 or not word.isalpha():
        return None
    maxdist = max_edits(word)
    candidates: dict[str, tuple[int, int]] = {}  # term -> (edits, documents)
    for field in FIELDS:
        for term, edits, documents in vocabulary.near(field, word, maxdist):
            if term == word or not term.isalpha():
                continue
            known = candidates.get(term)
            if known is None or documents > known[1]:
                candidates[term] = (edits, documents)
    if not candidates:
        return None

    def rank(term: str) -> tuple[float, int, str]:
        edits, documents = candidates[term]
        return -(math.log1p(documents) - EDIT_COST * edits), edits, term

    return min(candidates, key=rank)


def _in_case_of(word: str, match: re.Match[str]) -> str:
    return _same_case(match.group(), word)


def _same_case(original: str, word: str) -> str:
    if original.isupper() or (original[:1].islower() and not original.islower()):
        return word.upper()  # an acronym, written eKTP or EKTP
    if original[:1].isupper():
        return word.capitalize()
    return word


def respell(text: str, unknown: Iterable[str], correct: Callable[[str], str | None]) -> str:
    """``text`` with each of the ``unknown`` words replaced by ``correct(word)``.

    A word ``correct`` has nothing for is left as it is; the replacement
    keeps the case the word was typed in.
    """
    replaced = text
    for word in sorted(unknown):
        best = correct(word)
        if best is None:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        replaced = pattern.sub(functools.partial(_in_case_of, best), replaced)
    return replaced


def did_you_mean(
    parsed: ParsedQuery,
    total: int,
    vocabulary: Vocabulary,
    frequency: Callable[[str, str], int],
    count: Callable[[str], int],
) -> str | None:
    """The query with each word no document has respelt, or None.

    ``total`` is what the query found; ``frequency(field, word)`` a word's
    document frequency; ``count(text)`` what another query finds. The
    respelt query is offered when it finds something, and at least as much
    as the query did.
    """
    if parsed.malformed:
        return None
    # Bare words, and the words of phrases and of title:/body: parts where
    # they are written as typed (their stem is the word itself).
    typed = set(re.findall(r"[^\W_]+", parsed.text.lower()))
    candidates = sorted(set(parsed.words) | (set(parsed.stems) & typed))
    unknown = [
        word for word in candidates if not any(frequency(field, word) for field in KNOWN_IN)
    ]
    if not unknown:
        return None
    replaced = respell(parsed.text, unknown, lambda word: best_word(word, vocabulary))
    if replaced == parsed.text:
        return None
    try:
        better = count(replaced)
    except NksearchError:  # the respelt query does not parse: offer none
        return None
    return replaced if better > 0 and better >= total else None
