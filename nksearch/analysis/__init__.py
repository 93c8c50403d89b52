"""Analysis: Indonesian text to the terms an index holds and a query asks for.

- ``tokens``: words on Unicode boundaries, hyphens and apostrophes handled;
- ``stopwords``: Sastrawi's stop list less searchable words, and question
  words dropped from queries;
- ``stemmer``: Sastrawi wrapped (built once, never patched), with
  corrections for words it gets wrong;
- ``analyzer``: :class:`~nksearch.analysis.analyzer.Analyzer`, the state of
  one index's analysis (its stem cache and the forms of each stem);
- ``fields``: the Whoosh tokenizer that runs an analyzer at index and query
  time, bound to its index's analyzer and pickled without it.

This stage knows nothing of files (``nksearch.documents``) or of how terms
are stored and searched (``nksearch.indexing``, ``nksearch.search``).
"""
