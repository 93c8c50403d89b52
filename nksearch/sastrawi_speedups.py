"""Faster Sastrawi affix removal with exactly the same stems.

Each of Sastrawi's affix-removal steps records the part it removed with
``re.sub(result, "", word, count=1)``: the remaining word is used as a
regular expression, so nearly every word stemmed compiles new patterns and
evicts the ones Sastrawi reuses from ``re``'s cache. The words reaching the
stemmer hold only letters, digits, apostrophes and hyphens, which a pattern
matches literally, so ``word.replace(result, "", 1)`` gives the same removed
part. The suffix and prefix patterns themselves are compiled once, and the
prefix disambiguators look their fixed patterns up in a plain dict instead of
going through ``re.match`` and its cache checks on every call.

:func:`install` patches the visitor classes in place; it is idempotent.
"""

from __future__ import annotations

import re
from typing import Any

_installed = False

#: Each plain affix-removal visitor: its pattern and the kind of removal.
_REMOVALS = {
    "RemoveDerivationalSuffix": (r"(is|isme|isasi|i|kan|an)$", "DS"),
    "RemoveInflectionalParticle": (r"-*(lah|kah|tah|pun)$", "P"),
    "RemoveInflectionalPossessivePronoun": (r"-*(ku|mu|nya)$", "PP"),
    "RemovePlainPrefix": (r"^(di|ke|se)", "DP"),
}


def _removal_visit(kind: str, removal: Any) -> Any:
    def visit(self: Any, context: Any) -> None:
        word = context.current_word
        result = self.remove(word)
        if result != word:
            context.add_removal(removal(self, word, result, word.replace(result, "", 1), kind))
            context.current_word = result

    return visit


def _remover(pattern: str) -> Any:
    compiled = re.compile(pattern)

    def remove(self: Any, word: str) -> str:
        return compiled.sub("", word, count=1)

    return remove


def _disambiguate_visit(removal: Any) -> Any:
    def visit(self: Any, context: Any) -> None:
        word = context.current_word
        contains = context.dictionary.contains
        result = None
        for disambiguator in self.disambiguators:
            result = disambiguator.disambiguate(word)
            if contains(result):
                break
        if result is None:
            return
        context.add_removal(removal(self, word, result, word.replace(result, "", 1), "DP"))
        context.current_word = result

    return visit


class _PatternCache:
    """Stands in for ``re`` in modules that only call ``re.match(pattern, text)``."""

    def __init__(self) -> None:
        self._compiled: dict[str, Any] = {}

    def match(self, pattern: str, text: str) -> Any:
        compiled = self._compiled.get(pattern)
        if compiled is None:
            compiled = self._compiled[pattern] = re.compile(pattern)
        return compiled.match(text)


def _patch_disambiguators() -> None:
    import importlib
    import pkgutil

    import Sastrawi.Morphology.Disambiguator as package

    shim = _PatternCache()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if getattr(module, "re", None) is re:
            module.re = shim  # type: ignore[attr-defined]


def install() -> None:
    """Patch Sastrawi's affix-removal visitors (stems are unchanged)."""
    global _installed
    if _installed:
        return
    import importlib

    from Sastrawi.Stemmer.Context.Removal import Removal
    from Sastrawi.Stemmer.Context.Visitor.AbstractDisambiguatePrefixRule import (
        AbstractDisambiguatePrefixRule,
    )

    for name, (pattern, kind) in _REMOVALS.items():
        module = importlib.import_module(f"Sastrawi.Stemmer.Context.Visitor.{name}")
        cls = getattr(module, name)
        cls.visit = _removal_visit(kind, Removal)
        cls.remove = _remover(pattern)
    AbstractDisambiguatePrefixRule.visit = _disambiguate_visit(Removal)
    _patch_disambiguators()
    _installed = True
