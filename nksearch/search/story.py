"""Follow a story: more like this, near duplicates, coverage over time, facets.

:class:`StoryMixin` gives :class:`~nksearch.search.index.Index` its
``similar``, ``duplicates`` and ``timeline`` methods, and the facets,
near-duplicate grouping and facet filters of ``search``. The logic lives in
``similar``, ``duplicates``, ``timeline`` and ``facets``; this module reads
what they need from the open searcher (its columns are read once per
searcher and kept) and returns :mod:`nksearch.models` objects.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from whoosh import query as wq

from nksearch._whoosh.readers import bytes_column, text_column
from nksearch.analysis import shingles
from nksearch.analysis.names import key as name_key
from nksearch.documents.corpus import resolve_document
from nksearch.errors import DocumentNotFound, Fix, NksearchError, Option, UsageError
from nksearch.models import FACET_KINDS, Also, Results, Timeline
from nksearch.search import duplicates as dup
from nksearch.search import facets as facet_counts
from nksearch.search import similar, timeline
from nksearch.search.filters import check_options
from nksearch.search.guard import guarded
from nksearch.search.query import ParsedQuery

#: Fields a facet selection filters on, by facet.
_FACET_FIELDS = {"source": "outlet", "person": "person", "place": "place"}
_FACET_FIELDS["organization"] = "organization"


@dataclass
class _Columns:
    """What the story features read per document, by document number."""

    searcher: Any
    paths: list[str]
    dates: list[str]
    outlets: list[str]
    names: dict[str, list[str]]
    live: list[int]
    _groups: list[list[int]] | None = None
    _group_of: dict[int, int] = field(default_factory=dict)
    _titles: dict[int, dict[str, Any]] = field(default_factory=dict)


class StoryMixin:
    """The story features of an open index (mixed into ``Index``)."""

    _searcher: Any
    _highlighter: Any
    _story: _Columns | None = None

    # -- columns ---------------------------------------------------------------

    def _columns(self) -> _Columns:
        searcher = self._searcher
        if self._story is None or self._story.searcher is not searcher:
            reader = searcher.reader()
            self._story = _Columns(
                searcher=searcher,
                paths=text_column(reader, "path"),
                dates=text_column(reader, "date"),
                outlets=text_column(reader, "outlet"),
                names={kind: text_column(reader, kind) for kind in facet_counts.NAME_KINDS},
                live=sorted(reader.all_doc_ids()),
            )
        return self._story

    def _groups(self) -> tuple[list[list[int]], dict[int, int]]:
        columns = self._columns()
        if columns._groups is None:
            raw = bytes_column(self._searcher.reader(), "minhash")
            live = set(columns.live)
            sketches = [shingles.unpack(raw[d]) if d in live else () for d in range(len(raw))]
            found = dup.groups(sketches)
            order = [
                sorted(g, key=lambda d: (columns.dates[d] or "9999", columns.paths[d]))
                for g in found
            ]
            order.sort(key=lambda g: columns.paths[g[0]])
            columns._groups = order
            columns._group_of = {doc: n for n, group in enumerate(order) for doc in group}
        return columns._groups, columns._group_of

    def _docnum(self, path: str) -> int:
        wanted, on_disk = [path], False
        with contextlib.suppress(NksearchError):  # a path outside the corpus: not found
            absolute, rel = resolve_document(self.corpus, path)  # type: ignore[attr-defined]
            wanted.append(rel)
            on_disk = absolute.is_file()
        for name in wanted:
            doc = self._searcher.document_number(path=name)
            if doc is not None:
                return int(doc)
        if on_disk:
            raise DocumentNotFound(f"{path!r} is not indexed yet", path=path, fix=Fix.SYNC)
        raise DocumentNotFound(f"{path!r} is not in the index", path=path, fix=Fix.LIST_DOCUMENTS)

    # -- more like this ----------------------------------------------------------

    @guarded
    def similar(self, path: str, limit: int = 10) -> Results:
        """Articles most like the one at corpus path ``path``, itself left out.

        Its :data:`~nksearch.search.similar.TERMS` most distinctive stems
        (headline words weighted) are searched for; ``query`` of the result is
        the path.

        Raises:
            DocumentNotFound: the index holds no such document.
            UsageError: ``limit`` is below 1.
        """
        started = time.perf_counter()
        check_options("relevance", limit, None, None)
        self.refresh()  # type: ignore[attr-defined]
        doc = self._docnum(path)
        searcher = self._searcher
        stored = searcher.stored_fields(doc)
        analyzer = self.analyzer  # type: ignore[attr-defined]
        title, _ = analyzer.index_terms(stored.get("title", ""))
        body, _ = analyzer.index_terms(stored.get("body", ""))
        terms = similar.distinctive_terms(
            title, body, lambda t: searcher.doc_frequency("body", t), searcher.doc_count()
        )
        if not terms:
            return Results(path, (), 0, (time.perf_counter() - started) * 1000)
        q = wq.Or([wq.Term(f, t, boost=w) for t, w in terms for f in ("title", "body")])
        depth = max(limit, 10) * similar.CANDIDATES_PER_ANSWER
        found = searcher.search(q, limit=depth, mask=wq.Term("path", stored["path"]))
        dates, own = self._columns().dates, stored.get("date")
        scored = sorted(
            ((h.docnum, float(h.score or 0.0) * similar.time_factor(own, dates[h.docnum]))
             for h in found),
            key=lambda pair: (-pair[1], pair[0]),
        )  # fmt: skip
        stems = {t for t, _w in terms}
        hit = self._hit  # type: ignore[attr-defined]
        hits = tuple(hit(doc, score, stems) for doc, score in scored[:limit])
        took = (time.perf_counter() - started) * 1000
        return Results(path, hits, len(found), took)

    # -- near duplicates -----------------------------------------------------------

    @guarded
    def duplicates(self) -> list[list[str]]:
        """Groups of near-duplicate articles, as corpus paths.

        Each group lists its articles oldest first (undated last); groups are
        in the order of their first path.
        """
        self.refresh()  # type: ignore[attr-defined]
        groups, _ = self._groups()
        paths = self._columns().paths
        return [[paths[d] for d in group] for group in groups]

    def _grouped(
        self, ranked: list[tuple[int, float]], limit: int
    ) -> list[tuple[int, float, list[int]]]:
        """The first ``limit`` hits, each with the other matching members of its group."""
        _groups, group_of = self._groups()
        leaders: dict[int, tuple[int, float, list[int]]] = {}
        out: list[tuple[int, float, list[int]]] = []
        for doc, score in ranked:
            group = group_of.get(doc)
            if group is not None and group in leaders:
                leaders[group][2].append(doc)
                continue
            entry: tuple[int, float, list[int]] = (doc, score, [])
            if group is not None:
                leaders[group] = entry
            if len(out) < limit:
                out.append(entry)
        return out

    # -- search: facets, grouping, facet filters -------------------------------------

    def _narrow(self, filters: Any, where: Mapping[str, str] | None) -> Any:
        """``filters`` and each facet value of ``where`` (``{"person": "Vladimir Putin"}``)."""
        if not where:
            return filters
        parts = [filters] if filters is not None else []
        for kind, value in where.items():
            if kind not in FACET_KINDS:
                raise UsageError(
                    Option("where"), f" {kind!r} is not one of: {', '.join(FACET_KINDS)}"
                )
            if kind == "month":
                first, last = (
                    timeline.period_range(value, "month") if _is_month(value) else ("", "")
                )
                if not first:
                    raise UsageError(Option("where"), f" month {value!r} is not YYYY-MM")
                parts.append(wq.TermRange("date", first, last))
            elif kind == "source":
                parts.append(wq.Term("outlet", value))
            else:
                parts.append(wq.Term(_FACET_FIELDS[kind], name_key(value)))
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _all_matching(
        self, parsed: ParsedQuery, filters: Any, by_date: bool
    ) -> list[tuple[int, float]]:
        """Every matching document, ranked (by date when ``by_date``)."""
        limit = max(1, self._searcher.doc_count_all())
        sort = "date" if by_date else "relevance"
        ranked, _total = self._rank(parsed, limit, filters, sort)  # type: ignore[attr-defined]
        return list(ranked)

    def _story_results(
        self,
        results: Results,
        parsed: ParsedQuery,
        filters: Any,
        *,
        sort: str,
        limit: int,
        facets: bool,
        group: bool,
    ) -> Results:
        """``results`` with facets over every match, or its hits folded by story."""
        ranked = self._all_matching(parsed, filters, sort == "date")
        changes: dict[str, Any] = {}
        if facets:
            columns = self._columns()
            docs = [doc for doc, _score in ranked]
            changes["facets"] = facet_counts.count(
                docs, columns.outlets, columns.dates, columns.names
            )
        if group:
            stems, words = self._matched_terms(parsed)  # type: ignore[attr-defined]
            hits = []
            for doc, score, others in self._grouped(ranked, limit):
                hit = self._hit(doc, score, stems, words, parsed.prefixes)  # type: ignore[attr-defined]
                hits.append(dataclasses.replace(hit, also=tuple(self._also(d) for d in others)))
            changes["hits"] = tuple(hits)
        return dataclasses.replace(results, **changes)

    def _also(self, doc: int) -> Also:
        fields = self._searcher.stored_fields(doc)
        return Also(fields["path"], fields.get("title", ""), fields.get("date") or None,
                    fields.get("source") or None)  # fmt: skip

    # -- coverage over time ------------------------------------------------------------

    @guarded
    def timeline(
        self,
        query: str,
        *,
        by: str = "month",
        since: str | date | None = None,
        until: str | date | None = None,
        source: str | None = None,
        where: Mapping[str, str] | None = None,
    ) -> Timeline:
        """Every document matching ``query`` (with the filters) counted by ``by``.

        Raises:
            UsageError: an unknown period, a bad date.
            QuerySyntaxError: the query cannot be parsed.
        """
        timeline.check_period(by)
        since_s, until_s = check_options("relevance", 1, since, until)
        self.refresh()  # type: ignore[attr-defined]
        parsed = self._prepare(query)  # type: ignore[attr-defined]
        filters = self._narrow(self._filters(since_s, until_s, source), where)  # type: ignore[attr-defined]
        dates = self._columns().dates
        ranked = self._all_matching(parsed, filters, False)
        buckets, undated = timeline.count((dates[doc] for doc, _s in ranked), by)
        return Timeline(query, by, buckets, undated)


def _is_month(value: str) -> bool:
    return (
        len(value) == 7
        and value[4] == "-"
        and value[:4].isdigit()
        and value[5:].isdigit()
        and 1 <= int(value[5:]) <= 12
    )
