"""A sync's analyzer and the stem cache kept with the index.

The cache (``stems.cache``, see ``layout``) holds every word the index has
stemmed, so later syncs stem only words they have never seen, and snippets
and suggestions know each word's forms. A sync reads it only when it has
something to analyse: one that finds nothing changed checks that the cache
is whole and made by the same rules, and reads no table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nksearch.indexing import layout

if TYPE_CHECKING:
    from nksearch.analysis.analyzer import Analyzer


class SyncStems:
    """The analyzer of one sync, started from the cache on disk when first needed."""

    def __init__(self, index_dir: Path, key: str) -> None:
        self.index_dir, self.key = index_dir, key
        self._on_disk: dict[str, str] = {}
        self._analyzer: Analyzer | None = None

    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            from nksearch.analysis.analyzer import Analyzer

            self._on_disk = layout.load_stems(self.index_dir, self.key)
            self._analyzer = Analyzer(self._on_disk)
        return self._analyzer

    def whole_on_disk(self) -> bool:
        """Whether the cache on disk is whole and made with this sync's rules."""
        return layout.stems_whole(self.index_dir, self.key)

    def save(self) -> None:
        """Write the cache back when this sync stemmed words it did not hold."""
        analyzer = self._analyzer
        if analyzer is None:
            return
        new = analyzer.take_new_stems()
        if new or len(self._on_disk) < len(analyzer.stems):
            layout.save_stems(self.index_dir, self.key, analyzer.stems)

    def refill(self, gen_dir: Path) -> None:
        """Stem every word the index in ``gen_dir`` holds, so the cache saved next is whole.

        Snippets and did-you-mean suggestions know a word's forms only from the
        stem cache; one missing from disk would leave them only the words typed.
        """
        from nksearch._whoosh import opening

        analyzer = self.analyzer()
        ix = opening.open_dir(gen_dir)
        try:
            with ix.reader() as reader:
                for field in ("title", "body", "exact"):
                    for term in reader.lexicon(field):
                        analyzer.stem(term.decode("utf-8") if isinstance(term, bytes) else term)
        finally:
            ix.close()
