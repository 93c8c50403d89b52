"""A reporter's work around the searches: marks, saved searches, history, export, batch, watch.

This stage sits after ``search`` and before the public API in
``nksearch/__init__.py``: it uses an open :class:`~nksearch.search.index.Index`
and the indexing stage, and the front ends reach it through the public API.
Its user data (read and starred marks, tags, notes, saved searches and the
search history) lives in one SQLite database in the index folder, outside
the generations, so rebuilds never touch it (see :mod:`.store`). Marks follow
a document by its path, and by its content when the file is renamed or moved
(see :mod:`.marks`). Exports are plain text formats built here from frozen
results (see :mod:`.export`); :mod:`.watch` keeps an index in sync while files
change, and :mod:`.config` holds a person's default folders. Nothing here
prints or knows about a terminal.
"""
