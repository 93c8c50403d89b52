"""Indexing: the on-disk index of a corpus, and keeping it in step with the files.

- ``sync``: incremental syncs and rebuilds, and building an index when there
  is none;
- ``parallel``: large rebuilds on every core;
- ``fields``: one article's fields, analysed once for every field;
- ``recurring``: the corpus's boilerplate (lines an outlet repeats, see
  ``nksearch.documents.boilerplate``) as each commit of the index was made
  without it, so syncs keep it up to date; ``statedocs``: the documents of
  such a state as the columns they are stored in, edited row by row;
- ``schema``: the Whoosh schema; ``versions``: the index version;
- ``layout``: the index folder: generations, ``CURRENT.json``, the writer
  lock, the stem cache and the list of skipped files;
- ``check``: every file of an index verified, and the index compared with
  its corpus (``nksearch check``).

This stage writes the index and reads it only to sync; searching is
``nksearch.search``'s. It prints nothing: progress goes to a callback.
"""
