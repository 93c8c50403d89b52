"""More like this: the distinctive terms of a document, as a query.

:func:`distinctive_terms` weighs each stem of a document by how often it
occurs there (a headline's words count :data:`TITLE_WEIGHT` times) and how
rare it is in the index (its inverse document frequency), and keeps the
:data:`TERMS` heaviest that at least one other document has. News of one
event is written within days: :func:`time_factor` counts an article of the
same day up to ``1 + TIME_WEIGHT`` times, half that bonus
:data:`HALF_LIFE_DAYS` apart. Running the terms as a query and leaving the
document itself out is ``nksearch.search.story``'s job. No I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

#: Terms of a document that make its "more like this" query.
TERMS = 30
#: A headline word counts this many times a body word.
TITLE_WEIGHT = 3
#: Bonus of an article published the same day (a share of its text score).
TIME_WEIGHT = 0.5
#: Days apart at which the bonus is halved.
HALF_LIFE_DAYS = 7.0
#: Candidates re-scored for time, per answer asked for.
CANDIDATES_PER_ANSWER = 5


def time_factor(a: str | None, b: str | None) -> float:
    """How much nearer in time raises a candidate's score (1.0 when a date is missing)."""
    if not a or not b:
        return 1.0
    try:
        days = abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 1.0
    return 1.0 + TIME_WEIGHT * 0.5 ** (days / HALF_LIFE_DAYS)


def distinctive_terms(
    title_stems: Iterable[str],
    body_stems: Iterable[str],
    doc_frequency: Callable[[str], int],
    documents: int,
    limit: int = TERMS,
) -> list[tuple[str, float]]:
    """``[(stem, weight), ...]``, heaviest first (weights scaled to at most 1)."""
    counts: Counter[str] = Counter()  # float weights
    for stem in title_stems:
        counts[stem] += int(TITLE_WEIGHT)
    for stem in body_stems:
        counts[stem] += 1
    scored = []
    for stem, frequency in counts.items():
        if stem.isdigit():
            continue
        df = doc_frequency(stem)
        if df < 2:  # no other document has it
            continue
        idf = math.log(1 + documents / df)
        scored.append((stem, (1 + math.log(frequency)) * idf))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    top = scored[:limit]
    if not top:
        return []
    heaviest = top[0][1]
    return [(stem, weight / heaviest) for stem, weight in top]
