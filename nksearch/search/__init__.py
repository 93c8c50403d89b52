"""Search: an open index answering queries with ranked, highlighted hits.

- ``index``: :class:`~nksearch.search.index.Index`, the one object front ends
  hold; it follows rebuilds and syncs made by other processes and returns
  plain ``nksearch.models`` objects, never a Whoosh object;
- ``query``: query text to a Whoosh query (fields, phrases, NOT, prefixes);
- ``expansion``: prefixes, fuzzy words and outlet names expanded from the
  index's sorted vocabulary, with caps and notes;
- ``outlets``: which outlets a ``--source`` means, and their document counts;
- ``filters``: the checks of dates, sort orders and limits, for every front end;
- ``ranking``: BM25F scores read from posting arrays, and coordination;
- ``snippets``: stem-aware matches and the best passage of a text;
- ``suggest``: did-you-mean over the index's vocabulary, weighed by frequency;
- ``reading``: an article as indexed, or a file read and cleaned;
- ``guard``: calls that survive a concurrent rebuild, and report damage once;
- ``staleness``: corpus files changed since the last sync.

This stage reads the index; it never writes it (``nksearch.indexing`` does).
"""
