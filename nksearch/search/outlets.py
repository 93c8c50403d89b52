"""Outlets: which one a ``--source`` or ``source:`` means, and how many articles each has.

The ``source`` field holds an outlet's name as lowercase words (a domain
such as ``medcom.id`` is one word). A user's word for an outlet matches any
word of its name or domain, or the start of one, in any case: ``sindo``
finds SINDOnews, ``medcom`` finds medcom.id, and ``medcom.id`` or
``sindonews.com`` find them too (a domain ending such as ``.com`` need not
match when the rest does). :func:`outlet_counts` lists the outlets an index
knows with their numbers of documents. This module builds no query text and
runs no search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from nksearch._whoosh.readers import field_lengths, field_terms, read_postings

#: Domain endings a typed domain need not match (``sindonews.com`` finds SINDOnews).
DOMAIN_ENDINGS = frozenset({"com", "co", "id", "net", "org", "or", "go", "ac"})
_PARTS = re.compile(r"[^\W_]+")


def parts(word: str) -> list[str]:
    """The letters-and-digits runs of a lowercase word (``medcom.id`` → medcom, id)."""
    return _PARTS.findall(word)


def matching_terms(word: str, terms: list[str]) -> list[str]:
    """The outlet ``terms`` a user's ``word`` (one lowercase word) stands for.

    Each part of ``word`` must start a part of the term; a domain ending of a
    word with several parts may be left unmatched.
    """
    wanted = parts(word)
    if not wanted:
        return []
    essential = [p for p in wanted if p not in DOMAIN_ENDINGS] or wanted
    found = []
    for term in terms:
        pieces = parts(term)
        if term.startswith(word) or all(
            any(piece.startswith(p) for piece in pieces) for p in essential
        ):
            found.append(term)
    return found


# The words Whoosh's default tokenizer makes of a name (the ``source`` field's).
_NAME_WORDS = re.compile(r"\w+(?:\.?\w+)*")


def named_outlet(word: str, terms: list[str]) -> list[str]:
    """The words of the known outlet ``word`` names by a domain or an alias.

    ``cnnindonesia.com`` names CNN Indonesia and ``poskota`` Pos Kota (see
    ``documents.outlets``); the outlet's words are returned when the index
    holds them all, for the caller to require together; otherwise none.
    """
    from nksearch.documents.outlets import canonical

    name = canonical(word)
    if name is None:
        return []
    words = [found.lower() for found in _NAME_WORDS.findall(name)]
    known = set(terms)
    return words if words and all(w in known for w in words) else []


def outlet_query(word: str, terms: list[str], make: Callable[[str], Any]) -> Any:
    """A query for the documents of the outlet(s) a user's ``word`` means.

    Words of outlets' names it matches (:func:`matching_terms`), any of them;
    else the words of the outlet it names by domain or alias, all of them;
    else None. ``make(term)`` builds one term's query.
    """
    from whoosh import query as wq

    matched = matching_terms(word, terms)
    if matched:
        return wq.Or([make(term) for term in matched])
    named = named_outlet(word, terms)
    if named:
        return wq.And([make(term) for term in named]) if len(named) > 1 else make(named[0])
    return None


def outlet_counts(
    searcher: Any, analyse: Callable[[str], list[str]]
) -> list[tuple[str, int]]:
    """``[(name, documents), ...]`` of every outlet, most documents first.

    An outlet's documents are those whose ``source`` field holds exactly the
    words of its name: the words' postings intersected, keeping documents
    with as many words in the field. Names differing only in case or
    punctuation count as one, named as its first document writes it. One
    stored document is read per outlet.
    """
    reader = searcher.reader()
    terms = {term for segment in field_terms(reader, "source") for term in segment}
    docs_of = {
        term: set(read_postings(reader, "source", term, positions=False)[0]) for term in terms
    }
    remaining = set().union(*docs_of.values()) if docs_of else set()
    lengths = field_lengths(reader, "source") if remaining else []
    found: list[tuple[str, int]] = []
    while remaining:
        doc = min(remaining)
        name = str(searcher.stored_fields(doc).get("source") or "")
        words = analyse(name)
        if words and all(word in docs_of for word in words):
            same = set.intersection(*(docs_of[word] for word in words)) & remaining
            same = {d for d in same if lengths[d] == len(words)} | {doc}
        else:
            same = {doc}
        found.append((name, len(same)))
        remaining -= same
    found.sort(key=lambda pair: (-pair[1], pair[0].lower()))
    return found
