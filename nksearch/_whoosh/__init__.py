"""Every use of Whoosh's private API, and the byte-level segment writers, in one place.

- ``postings``: pre-analysed terms encoded as Whoosh's formats encode them;
- ``writer``: a leaner ``SegmentWriter`` for incremental syncs, and
  :class:`~nksearch._whoosh.writer.BulkSegmentWriter`, which builds new
  segments term by term (in several processes at once);
- ``termwriter``: posting lists written in Whoosh 3's block format, byte for
  byte, and the one-write commit of new segments;
- ``readers``: columns and posting blocks read in one piece;
- ``unpickle``: the restricted unpickler every pickle of an index is read
  with, and the exact classes it accepts;
- ``safecodec``: Whoosh 3's readers, reading those pickles through it;
- ``opening``: opening and creating indexes that are read as data, with a
  storage that syncs its files before each table-of-contents rename and
  records their checksums;
- ``verify``: every file of an index checked, for ``nksearch check``;
- ``startup``: stand-ins for two modules Whoosh imports but nksearch never
  uses, installed by the ``nksearch`` command only (never by ``import
  nksearch``).

Nothing here knows about corpora, Indonesian or queries: it depends on Whoosh
alone, and every stage may use it. A Whoosh upgrade is checked here.
"""
