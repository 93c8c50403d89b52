"""Search an nksearch index: filters, ranking, snippets and suggestions.

:class:`Index` is the one object the CLI and the TUI hold. It keeps a Whoosh
searcher open, follows rebuilds (a new generation) and incremental syncs made
by other processes, and returns plain :mod:`nksearch.models` objects; no
Whoosh object leaves this module.

Ranking is BM25F over title (boosted) and body plus exact-word matches, then
a coordination factor so documents matching more of the query's words come
first. Prefixes, fuzzy words and outlet names are expanded into the terms
they stand for before ranking (``expansion``). This module does not write
the index (see ``indexing``).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from whoosh import query as wq
from whoosh.scoring import BM25F

from nksearch._whoosh import opening
from nksearch.analysis.analyzer import Analyzer
from nksearch.analysis.stemmer import stem_cache_key
from nksearch.documents.corpus import resolve_document, scan, stamp_size
from nksearch.errors import (
    Fix,
    IndexMissing,
    IndexProblem,
    Option,
    UsageError,
    damaged_index,
)
from nksearch.indexing import layout
from nksearch.indexing.schema import INDEX_VERSION, bind
from nksearch.models import Article, Hit, Outlet, Results, Stats
from nksearch.search import ranking
from nksearch.search.expansion import Vocabulary, expand
from nksearch.search.filters import check_options
from nksearch.search.guard import guarded
from nksearch.search.outlets import outlet_counts, outlet_query
from nksearch.search.query import ParsedQuery, QueryParser
from nksearch.search.snippets import Highlighter
from nksearch.search.story import StoryMixin
from nksearch.search.suggest import did_you_mean

T = TypeVar("T")
#: BM25F parameters (B per field as ``<field>_B``).
BM25_PARAMS: dict[str, float] = {"B": 0.75, "K1": 1.6}
#: A front end that asks for a suggestion after showing the hits may skip
#: asking from this many hits on; :meth:`Index.suggest` answers whenever a
#: word of the query is in no document, whatever the total.
SUGGEST_BELOW = 3


class Index(StoryMixin):
    """An open index. Use :func:`open_index` to get one; close it when done.

    It owns its analysis: an :class:`Analyzer` started from the stem cache
    kept with the index, bound to the schema's tokenizers, so queries,
    snippets and suggestions of two indexes open in one process never mix.
    """

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir
        self._meta: layout.Meta | None = None
        self._ix: Any = None
        self._searcher: Any = None
        self._parser: QueryParser | None = None
        self._postings: ranking.Postings | None = None
        self._vocabulary: Vocabulary | None = None
        self._vocabulary_of: Any = None  # the searcher it was read from
        self.analyzer = Analyzer()
        self._highlighter = Highlighter(self.analyzer)
        self._open()

    # -- lifecycle -------------------------------------------------------

    def _open(self, attempts: int = 3) -> None:
        meta = layout.read_meta(self.path)
        if meta is None:
            raise IndexMissing(f"no index in {str(self.path)!r}", path=self.path, fix=Fix.SYNC)
        if meta.version != INDEX_VERSION:
            raise IndexProblem(
                f"index {str(self.path)!r} was made by another nksearch version",
                path=self.path,
                fix=Fix.REBUILD,
            )
        try:
            ix = opening.open_dir(self.path / meta.generation)
            searcher = ix.searcher(weighting=BM25F(**BM25_PARAMS))
        except Exception as exc:  # Whoosh raises many types for damaged files
            if attempts > 1 and self._moved_on(meta.generation):
                self._open(attempts - 1)  # a rebuild replaced it meanwhile
                return
            raise damaged_index(self.path, exc) from exc
        self.close()
        self._meta, self._ix, self._searcher = meta, ix, searcher
        schema = searcher.schema  # ix.schema would unpickle a new copy on every use
        bind(schema, self.analyzer)
        self._parser = QueryParser(schema)
        self._load_stems()

    def _load_stems(self) -> None:
        """Learn the stem cache kept with the index (a sync may have grown it)."""
        self.analyzer.learn(layout.load_stems(self.path, stem_cache_key()), new=False)

    def _generation_changed(self) -> bool:
        return self._meta is not None and self._moved_on(self._meta.generation)

    def _moved_on(self, generation: str) -> bool:
        """Whether the index now answers from another generation than ``generation``."""
        try:
            meta = layout.read_meta(self.path)
        except IndexProblem:
            return False
        return meta is not None and meta.generation != generation

    @guarded
    def refresh(self) -> None:
        """Pick up a rebuild or sync made since the index was opened."""
        meta = layout.read_meta(self.path)
        if meta is None or self._meta is None or meta.generation != self._meta.generation:
            self._open()
            return
        self._meta = meta
        if not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._load_stems()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts -------------------------------------------------------------

    @property
    def corpus(self) -> Path:
        """The corpus folder this index was last synced from."""
        assert self._meta is not None
        return Path(self._meta.corpus)

    @property
    def document_count(self) -> int:
        return int(self._searcher.doc_count())

    @property
    def last_sync(self) -> str:
        assert self._meta is not None
        return self._meta.last_sync

    @guarded
    def stale(
        self, corpus_dir: str | os.PathLike[str] | None = None, *, quick: bool = False
    ) -> list[str]:
        """Corpus files that are new, changed or deleted since the last sync.

        ``quick``: look only into folders whose entries changed (a file
        rewritten in place is then missed; see ``staleness``).
        """
        from nksearch.search.staleness import stale_files

        corpus = Path(corpus_dir) if corpus_dir else self.corpus
        return stale_files(corpus, self._ix, self.path, quick=quick)

    @guarded
    def stats(self, corpus_dir: str | os.PathLike[str] | None = None) -> Stats:
        corpus = Path(corpus_dir) if corpus_dir else self.corpus
        stale = self.stale(corpus)
        corpus_bytes = sum(stamp_size(stamp) for stamp in scan(corpus).files.values())
        analyzer = self._searcher.schema["source"].analyzer
        outlets = outlet_counts(self._searcher, lambda name: [t.text for t in analyzer(name)])
        return Stats(
            documents=self.document_count,
            index_bytes=layout.directory_size(self.path),
            corpus_bytes=corpus_bytes,
            last_sync=self.last_sync,
            stale=tuple(stale),
            corpus=str(corpus),
            index=str(self.path),
            outlets=tuple(Outlet(name, documents) for name, documents in outlets),
        )

    # -- search ------------------------------------------------------------

    def parse(self, text: str) -> ParsedQuery:
        assert self._parser is not None
        return self._parser.parse(text)

    def _vocab(self) -> Vocabulary:
        """The open searcher's vocabulary (its fields are read when first needed)."""
        if self._vocabulary is None or self._vocabulary_of is not self._searcher:
            self._vocabulary = Vocabulary(self._searcher.reader())
            self._vocabulary_of = self._searcher
        return self._vocabulary

    def _prepare(self, text: str) -> ParsedQuery:
        """``text`` parsed, its prefixes, fuzzy words and outlets expanded."""
        parsed = self.parse(text)
        query, notes, terms = expand(parsed.query, self._vocab())
        return dataclasses.replace(
            parsed, query=query, expansions=frozenset(terms), notes=tuple(notes)
        )

    @guarded
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        since: str | date | None = None,
        until: str | date | None = None,
        source: str | None = None,
        sort: str = "relevance",
        suggest: bool = True,
        facets: bool = False,
        group: bool = False,
        where: Mapping[str, str] | None = None,
    ) -> Results:
        """Run ``query`` and return ranked hits with snippets.

        With ``suggest`` (the default), a query finding fewer than a few hits,
        or with a word no document has, also gets a did-you-mean suggestion
        (see :meth:`suggest`). ``notes`` say what was searched differently
        from what was asked (a fuzzy word's edits or a prefix's words capped).
        ``facets`` counts every match by outlet, month and names; ``group``
        folds near duplicates into the best-ranked hit of their group
        (``Hit.also``); ``where`` keeps documents with these facet values
        (``{"person": "Vladimir Putin", "month": "2020-10"}``).

        Raises:
            QuerySyntaxError: the query cannot be parsed.
            UsageError: a bad date, sort order or limit.
            IndexProblem: the index is damaged.
        """
        started = time.perf_counter()
        since_s, until_s = check_options(sort, limit, since, until)
        self.refresh()
        parsed = self._prepare(query)
        filters = self._narrow(self._filters(since_s, until_s, source), where)
        hits, total = self._run(parsed, limit, filters, sort)
        suggestion = self._suggest(parsed, total) if suggest else None
        results = Results(query, tuple(hits), total, 0.0, suggestion, parsed.notes)
        if facets or group:
            results = self._story_results(
                results, parsed, filters, sort=sort, limit=limit, facets=facets, group=group
            )
        took = (time.perf_counter() - started) * 1000
        return dataclasses.replace(results, took_ms=took)

    def _filters(self, since: str | None, until: str | None, source: str | None) -> Any:
        parts: list[Any] = []
        if since or until:
            parts.append(wq.TermRange("date", since, until))
        if source:
            analyzer = self._searcher.schema["source"].analyzer
            words = [token.text for token in analyzer(source)]
            if not words:
                raise UsageError(Option("source"), f" {source!r} names no outlet, e.g. tempo")
            outlets = self._vocab().terms("source")
            for word in words:  # each word names an outlet's word, or starts one
                found = outlet_query(word, outlets, lambda term: wq.Term("source", term))
                parts.append(found if found is not None else wq.NullQuery)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _run(
        self, parsed: ParsedQuery, limit: int, filters: Any, sort: str
    ) -> tuple[list[Hit], int]:
        ranked, total = self._rank(parsed, limit, filters, sort)
        if not ranked:
            return [], total
        stems, words = self._matched_terms(parsed)
        hits = [self._hit(doc, score, stems, words, parsed.prefixes) for doc, score in ranked]
        return hits, total

    def _matched_terms(self, parsed: ParsedQuery) -> tuple[set[str], set[str]]:
        """Index terms the query matches (prefixes and fuzzy words expanded)."""
        stems, words = set(parsed.stems), set(parsed.words)
        for field, term in parsed.expansions:
            if field == "exact":
                words.add(term)
            elif field in ("title", "body"):
                stems.add(term)
        return stems, words

    def _hit(
        self,
        docnum: int,
        score: float,
        stems: set[str],
        words: Iterable[str] = (),
        prefixes: Iterable[str] = (),
    ) -> Hit:
        """A hit with its snippet around the matches of ``stems``, ``words`` and ``prefixes``."""
        fields = self._searcher.stored_fields(docnum)
        snippet, spans = self._highlighter.snippet(fields.get("body", ""), stems, words, prefixes)
        return Hit(
            path=fields["path"],
            title=fields.get("title", ""),
            date=fields.get("date") or None,
            source=fields.get("source") or None,
            score=round(score, 4),
            snippet=snippet,
            matches=spans,
        )

    @guarded
    def suggest(self, query: str, *, total: int | None = None) -> str | None:
        """A did-you-mean for ``query``: each word no document has, respelt.

        ``total`` is the number of hits a search for ``query`` just found
        (with its filters); without it, the query is counted unfiltered. A
        query with a syntax error gets none.
        """
        self.refresh()
        parsed = self._prepare(query)
        if total is None:
            _ranked, total = self._rank(parsed, 1, None, "relevance")
        return self._suggest(parsed, total)

    def _rank(
        self, parsed: ParsedQuery, limit: int, filters: Any, sort: str
    ) -> tuple[list[tuple[int, float]], int]:
        searcher = self._searcher
        if parsed.query is wq.NullQuery or searcher.doc_count() == 0:
            return [], 0
        if self._postings is None or self._postings.searcher is not searcher:
            self._postings = ranking.Postings(searcher, BM25_PARAMS)
        return ranking.rank(self._postings, parsed.query, limit, filters, sort == "date")

    def _suggest(self, parsed: ParsedQuery, total: int) -> str | None:
        def count(text: str) -> int:
            return self._rank(self._prepare(text), 1, None, "relevance")[1]

        return did_you_mean(parsed, total, self._vocab(), self._searcher.doc_frequency, count)

    # -- documents -----------------------------------------------------------

    def highlight(self, text: str, query: str) -> list[tuple[int, int]]:
        """Every match of ``query`` in ``text`` as ``(start, end)`` offsets."""
        parsed = self.parse(query)
        found = self._highlighter.match_spans(text, parsed.stems, parsed.words, parsed.prefixes)
        return [(s, e) for s, e, _c in found]

    @guarded
    def document(self, path: str, corpus_dir: Path | None = None) -> Article:
        """The article at corpus path ``path`` as indexed (raw text read from the corpus).

        A file the index does not hold (new, or skipped) is read and cleaned.

        Raises:
            PathOutsideCorpus: ``path`` resolves outside the corpus.
            DocumentNotFound: no such file, or it cannot be read.
        """
        self.refresh()
        corpus = corpus_dir or self.corpus
        absolute, rel = resolve_document(corpus, path)
        stored = self._searcher.document(path=rel)
        from nksearch.search.reading import indexed_article, read_clean  # cleaning code: only now

        if stored is None:
            return read_clean(corpus, absolute, rel)
        return indexed_article(stored, absolute, rel)


def open_index(index_dir: str | os.PathLike[str]) -> Index:
    """Open the index in ``index_dir`` for searching.

    Raises:
        IndexProblem: there is no index there, or it is damaged or outdated.
    """
    return Index(Path(index_dir))


def read_document(
    corpus_dir: str | os.PathLike[str], name: str, index_dir: str | os.PathLike[str] | None = None
) -> Article:
    """One corpus document, refusing paths outside the corpus.

    With ``index_dir`` holding an index of this corpus, the article is the
    one indexed (as searches show it); otherwise the file is read and cleaned.

    Raises:
        PathOutsideCorpus: ``name`` resolves outside the corpus.
        DocumentNotFound: no such file, or it cannot be read as text.
        IndexProblem: the index is damaged.
    """
    from nksearch.search.reading import read_clean

    root = Path(corpus_dir)
    absolute, rel = resolve_document(root, name)
    if index_dir is not None and layout.read_meta(Path(index_dir)) is not None:
        with open_index(index_dir) as index:
            if index.corpus == root.resolve():
                return index.document(rel, corpus_dir=root)
    return read_clean(root, absolute, rel)
