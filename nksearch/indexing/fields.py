"""One article's index fields, analysed once for every field.

:func:`document_fields` turns an ``Article`` into the values the segment
writers take: the stems of title and body as tuples of terms (see
``schema.AnalysedText``), the exact forms that differ from their stem, the
stored text, the stamp, the filters, the names of people, places and
organisations, and the near-duplicate sketch. A page without a headline gets its
opening words as a title at a fraction of a headline's weight. This module
does not read files or write the index.
"""

from __future__ import annotations

from typing import Any

from nksearch.analysis import entities, shingles
from nksearch.analysis.analyzer import Analyzer
from nksearch.models import Article

#: Weight of the opening words standing in for a missing headline, relative
#: to a real headline (measured on judged questions; see benchmarks/README.md).
EXCERPT_TITLE_WEIGHT = 0.5


def title_is_excerpt(article: Article) -> bool:
    """True when the title is taken from the body: the page had no headline.

    Such a title is the body's opening (perhaps after a dateline such as
    "Jakarta, Kompas -"), or the whole body when it is one short line.
    """
    core = article.title.removesuffix("…").strip()
    return bool(core) and core in article.body[: len(core) + 80]


def document_fields(analyzer: Analyzer, article: Article, stamp: str) -> dict[str, Any]:
    """The fields of ``article`` for the segment writers."""
    excerpt = title_is_excerpt(article)
    title, title_exact = analyzer.index_terms(article.title)
    body, body_exact = analyzer.index_terms(article.body)
    fields: dict[str, Any] = {
        "path": article.path,
        "stamp": stamp,
        "title": tuple(title),
        "_stored_title": article.title,
        "body": tuple(body),
        "_stored_body": article.body,
        # Surface forms that differ from their stem: enough for exact wording
        # to outrank a stem match (a root word is its own stem).
        "exact": tuple(w for s, w in zip(title, title_exact, strict=False) if w != s)
        + tuple(w for s, w in zip(body, body_exact, strict=False) if w != s),
    }
    if excerpt:
        # The opening words of a page without a headline usually name its
        # subject: they count as a title, at a fraction of a headline's weight.
        fields["_title_boost"] = EXCERPT_TITLE_WEIGHT
    if article.source:
        fields["source"] = article.source
        fields["outlet"] = article.source
    if article.date:
        fields["date"] = article.date
    fields.update(story_fields(article, body_exact if article.body else title_exact))
    return fields


def story_fields(article: Article, words: list[str]) -> dict[str, Any]:
    """The entity names of ``article``, and the near-duplicate sketch of its ``words``."""
    found = entities.extract(article.title, article.body)
    fields: dict[str, Any] = {"minhash": shingles.sketch_words(words)}
    for kind in entities.KINDS:
        names = [n.replace("|", " ") for n in getattr(found, kind)]
        if names:
            fields[kind] = "|".join(names)
    return fields
