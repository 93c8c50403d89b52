"""Documents: from a corpus folder's files to clean ``Article`` objects.

- ``corpus``: which files under a corpus folder are documents, their stamps
  (to tell what changed), and user-given paths resolved inside the corpus;
- ``decode``: a file's bytes read and decoded as text, or why they cannot be;
- ``page``: a decoded page split into headline, date, outlet and clean text,
  with ``chrome`` (what one line of a page is), ``datelines`` (dates read off
  a line), ``outlets`` (the one table of news outlets), ``filenames`` (dates
  in file names), ``htmlpage`` (saved HTML through trafilatura),
  ``frontmatter`` (web-clipper Markdown) and ``metadata`` (what markup says);
- ``boilerplate``: lines and sentences that recur across an outlet's pages,
  fingerprinted and counted (the indexing stage keeps the counts);
- ``adding``: files copied into a corpus safely;
- ``safety``: terminal control sequences removed from untrusted text.

This stage knows nothing of words, stems or indexes (see ``nksearch.analysis``
and ``nksearch.indexing``), and prints nothing.
"""
