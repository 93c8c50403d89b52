"""The Whoosh tokenizer of nksearch's text fields, bound to an index's analyzer.

Whoosh pickles each field's analyzer into the index's schema and calls it at
query time. :class:`IndonesianTokenizer` pickles as one flag (stems or exact
forms); the :class:`~nksearch.analysis.analyzer.Analyzer` it runs is bound to
it by the index that opened the schema, and left out of the pickle, as
Whoosh's own ``StemFilter`` keeps its cache per instance. An unbound
tokenizer makes an analyzer of its own on first use, never a shared one.

This module does not define the schema (``nksearch.indexing.schema``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from nksearch.analysis.analyzer import Analyzer


class IndonesianTokenizer(Tokenizer):  # type: ignore[misc]
    """A Whoosh tokenizer running :meth:`Analyzer.analyse` (stems or exact forms)."""

    def __init__(self, stemmed: bool = True) -> None:
        self.stemmed = stemmed
        self.is_morph = stemmed
        self._analyzer: Analyzer | None = None

    def bind(self, analyzer: Analyzer) -> None:
        """Run ``analyzer`` from now on (the index's own)."""
        self._analyzer = analyzer

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer()
        return self._analyzer

    def __getstate__(self) -> dict[str, Any]:
        return {"stemmed": self.stemmed, "is_morph": self.is_morph}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.stemmed = bool(state.get("stemmed", True))
        self.is_morph = self.stemmed
        self._analyzer = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndonesianTokenizer) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.stemmed))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value.lower()
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        index = 0 if self.stemmed else 1
        for pos, item in enumerate(self.analyzer.analyse(value, query=mode == "query")):
            token.text = item[index]
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[item[2] : item[3]]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + item[2]
                token.endchar = start_char + item[3]
            yield token
