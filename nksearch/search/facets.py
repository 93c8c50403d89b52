"""Facets: matching documents counted by outlet, month and the names they mention.

:func:`count` takes the matching documents' column values (outlet, date and
the ``|``-separated names of ``person``, ``place`` and ``organization``) and
returns :class:`~nksearch.models.Facets`, most documents first. Spellings of
one name are counted together (``Nagorno-Karabakh`` and ``Nagorno
Karabakh``), and a surname alone (``Pashinyan``) is counted with the one full
name that ends with it (``Nikol Pashinyan``). Pure functions; the documents
are chosen by ``nksearch.search.story``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from nksearch.analysis.names import key
from nksearch.models import Facets

#: Values listed per facet by default.
FACET_LIMIT = 20
NAME_KINDS = ("person", "place", "organization")


def _top(counts: Counter[str], names: dict[str, str], limit: int) -> tuple[tuple[str, int], ...]:
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], names.get(pair[0], pair[0])))
    return tuple((names.get(k, k), n) for k, n in ranked[:limit])


def _names(values: Sequence[str], docs: Sequence[int], merge_surnames: bool, limit: int) -> Any:
    display: dict[str, str] = {}  # a key's first spelling among the matches
    keys_of: dict[str, str] = {}  # each spelling's key, worked out once
    per_doc: list[set[str]] = []
    for doc in docs:
        value = values[doc]
        if not value:
            continue
        keys = set()
        for name in value.split("|"):
            k = keys_of.get(name)
            if k is None:
                k = keys_of[name] = key(name)
                display.setdefault(k, name)
            if k:
                keys.add(k)
        per_doc.append(keys)
    alias: dict[str, str] = {}
    if merge_surnames:
        ends: dict[str, set[str]] = {}
        for k in display:
            parts = k.split()
            if len(parts) > 1:
                ends.setdefault(parts[-1], set()).add(k)
        for k in display:
            full = ends.get(k) if " " not in k else None
            if full and len(full) == 1:
                alias[k] = next(iter(full))
    counts: Counter[str] = Counter()
    for keys in per_doc:
        counts.update({alias.get(k, k) for k in keys} if alias else keys)
    return _top(counts, display, limit)


def count(
    docs: Sequence[int],
    outlets: Sequence[str],
    dates: Sequence[str],
    names: Mapping[str, Sequence[str]],
    limit: int = FACET_LIMIT,
) -> Facets:
    """The facets of the documents ``docs`` (document numbers into the columns)."""
    sources = Counter(outlets[d] for d in docs if outlets[d])
    months = Counter(dates[d][:7] for d in docs if dates[d])
    return Facets(
        source=_top(sources, {}, limit),
        month=_top(months, {}, limit),
        person=_names(names["person"], docs, True, limit),
        place=_names(names["place"], docs, False, limit),
        organization=_names(names["organization"], docs, False, limit),
    )
