"""Analysis: Indonesian text to the terms an index holds and a query asks for.

- ``tokens``: words on Unicode boundaries, hyphens and apostrophes handled;
- ``stopwords``: Sastrawi's stop list less searchable words, and question
  words dropped from queries;
- ``morphology``: every affix analysis of a word and the rules that rank
  them;
- ``stemmer``: the stem of a word from the best analysis over Sastrawi's
  dictionary, with wordfreq's frequencies deciding between readings;
- ``analyzer``: :class:`~nksearch.analysis.analyzer.Analyzer`, the state of
  one index's analysis (its stem cache and the forms of each stem);
- ``fields``: the Whoosh tokenizer that runs an analyzer at index and query
  time, bound to its index's analyzer and pickled without it.

This stage knows nothing of files (``nksearch.documents``) or of how terms
are stored and searched (``nksearch.indexing``, ``nksearch.search``).
"""
