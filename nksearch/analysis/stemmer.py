"""Sastrawi's stemmer, wrapped: corrections, a fast path, and faster affix removal.

:func:`stem_word` stems one lowercase word as Sastrawi does, except for the
words in :data:`STEM_EXCEPTIONS` that it gets wrong, and without running it at
all for words it cannot change (numbers, short words, dictionary roots, words
with no Indonesian affix).

The stemmer is built once per process, lazily, by :func:`sastrawi` (its 30k
word dictionary is read-only, so every index shares it). It is Sastrawi's own
``Stemmer`` with a visitor provider of ours: each of Sastrawi's affix-removal
steps records the part it removed with ``re.sub(result, "", word)``, using
the remaining word as a regular expression, so nearly every word compiled new
patterns and evicted the ones Sastrawi reuses from ``re``'s cache. Our
visitors subclass Sastrawi's, remove the same affixes with patterns compiled
once and record the removed part with ``str.replace`` (the words reaching the
stemmer hold only letters, digits, apostrophes and hyphens, which a pattern
matches literally). Sastrawi's prefix rules call ``re.match(pattern, word)``
on dozens of fixed patterns for every word; they are loaded a second time,
from Sastrawi's own files, into private modules whose ``re`` looks each
compiled pattern up in a dict. The same stems, about 40% faster; Sastrawi's
own classes and modules are left exactly as installed.

This module stems single words; tokenizing and caching are the analyzer's.
"""

from __future__ import annotations

import re
import types
from pathlib import Path
from typing import Any

#: Bump when tokenizing, stop words or stemming rules change: the persisted
#: stem cache and the index schema depend on it.
RULES_VERSION = 2

#: Words Sastrawi stems wrongly, mapped to the right stem. Each is a word a
#: user searches for whose Sastrawi stem merges it with an unrelated word or
#: splits it from its family.
STEM_EXCEPTIONS: dict[str, str] = {
    "bekasi": "bekasi",  # the city, not "bekas" (used)
    "pemilu": "pemilu",  # general election, not "milu"
    "berikan": "beri",  # give, not "ikan" (fish)
    "kaukasus": "kaukasus",  # the Caucasus, not "kasus" (case)
    "kesiapan": "siap",
    "kesiapannya": "siap",
    "ketidaksiapan": "siap",
}

# A word Sastrawi can change starts with one of its prefixes (or an infix
# after the first letter) or ends with one of its suffixes; any other word
# that is not a root in its dictionary comes back unchanged.
_AFFIXABLE = re.compile(
    r"^(?:di|ke|se|be|me|pe|te|ku|kau|.(?:em|el|er|in))"
    r"|(?:i|an|lah|kah|tah|pun|ku|mu|nya|is|isme)$"
)

#: Each plain affix-removal step of Sastrawi: its pattern and removal kind.
_REMOVALS = {
    "RemoveDerivationalSuffix": (r"(is|isme|isasi|i|kan|an)$", "DS"),
    "RemoveInflectionalParticle": (r"-*(lah|kah|tah|pun)$", "P"),
    "RemoveInflectionalPossessivePronoun": (r"-*(ku|mu|nya)$", "PP"),
    "RemovePlainPrefix": (r"^(di|ke|se)", "DP"),
}

_stemmer: Any = None
_dictionary: frozenset[str] = frozenset()


def _fast_removal(base: type, pattern: str, kind: str) -> type:
    """A subclass of one of Sastrawi's affix-removal visitors, same removals."""
    from Sastrawi.Stemmer.Context.Removal import Removal

    compiled = re.compile(pattern)

    class FastRemoval(base):  # type: ignore[misc, valid-type]
        def remove(self, word: str) -> str:
            return compiled.sub("", word, count=1)

        def visit(self, context: Any) -> None:
            word = context.current_word
            result = self.remove(word)
            if result != word:
                removed = word.replace(result, "", 1)
                context.add_removal(Removal(self, word, result, removed, kind))
                context.current_word = result

    FastRemoval.__name__ = FastRemoval.__qualname__ = f"Fast{base.__name__}"
    return FastRemoval


def _fast_disambiguator(base: type) -> type:
    """A subclass of Sastrawi's ``PrefixDisambiguator``, same choices."""
    from Sastrawi.Stemmer.Context.Removal import Removal

    class FastPrefixDisambiguator(base):  # type: ignore[misc, valid-type]
        def visit(self, context: Any) -> None:
            word = context.current_word
            contains = context.dictionary.contains
            result = None
            for disambiguator in self.disambiguators:
                result = disambiguator.disambiguate(word)
                if contains(result):
                    break
            if result is None:
                return
            removed = word.replace(result, "", 1)
            context.add_removal(Removal(self, word, result, removed, "DP"))
            context.current_word = result

    return FastPrefixDisambiguator


class _Patterns:
    """Stands in for ``re`` in modules that only call ``re.match(pattern, text)``."""

    def __init__(self) -> None:
        self._compiled: dict[str, re.Pattern[str]] = {}

    def match(self, pattern: str, text: str) -> re.Match[str] | None:
        compiled = self._compiled.get(pattern)
        if compiled is None:
            compiled = self._compiled[pattern] = re.compile(pattern)
        return compiled.match(text)


def _private_rules() -> dict[str, types.ModuleType]:
    """Sastrawi's prefix-rule modules, loaded again as private modules.

    Each is executed from Sastrawi's own file into a module object that is
    never registered in ``sys.modules``, and its ``re`` is then
    :class:`_Patterns`; keyed by the name of the module it copies.
    """
    import importlib.util
    import pkgutil

    import Sastrawi.Morphology.Disambiguator as package

    patterns = _Patterns()
    found: dict[str, types.ModuleType] = {}
    for info in pkgutil.iter_modules(package.__path__):
        original = f"{package.__name__}.{info.name}"
        source = importlib.util.find_spec(original)
        if source is None or source.origin is None:
            continue
        private = f"{__name__}.rules.{info.name}"
        spec = importlib.util.spec_from_file_location(private, source.origin)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if getattr(module, "re", None) is re:
            module.re = patterns  # type: ignore[attr-defined]
        found[original] = module
    return found


def _build() -> tuple[Any, frozenset[str]]:
    import importlib

    from Sastrawi.Stemmer.Context.Visitor.PrefixDisambiguator import PrefixDisambiguator
    from Sastrawi.Stemmer.Context.Visitor.VisitorProvider import VisitorProvider
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    removals = {}
    for name, (pattern, kind) in _REMOVALS.items():
        module = importlib.import_module(f"Sastrawi.Stemmer.Context.Visitor.{name}")
        removals[getattr(module, name)] = _fast_removal(getattr(module, name), pattern, kind)
    disambiguator = _fast_disambiguator(PrefixDisambiguator)
    rules = _private_rules()

    def private(rule: Any) -> Any:
        module = rules.get(type(rule).__module__)
        copy = getattr(module, type(rule).__name__, None) if module is not None else None
        return copy() if copy is not None else rule

    def faster(visitor: Any) -> Any:
        kind = type(visitor)
        if kind in removals:
            return removals[kind]()
        if kind is PrefixDisambiguator:
            return disambiguator([private(rule) for rule in visitor.disambiguators])
        return visitor

    class Visitors(VisitorProvider):  # type: ignore[misc]
        """Sastrawi's visitors, in Sastrawi's order, the removals made faster."""

        def init_visitors(self) -> None:
            super().init_visitors()
            for group in (self.visitors, self.suffix_visitors, self.prefix_visitors):
                group[:] = [faster(visitor) for visitor in group]

    class FastStemmer(Stemmer):  # type: ignore[misc]
        def __init__(self, dictionary: Any) -> None:
            self.dictionary = dictionary
            self.visitor_provider = Visitors()

    standard = StemmerFactory().create_stemmer()  # Sastrawi's own dictionary
    dictionary = standard.delegatedStemmer.dictionary
    return FastStemmer(dictionary), frozenset(dictionary.words)


def sastrawi() -> Any:
    """The process's Sastrawi stemmer (built on first use; read-only after)."""
    global _stemmer, _dictionary
    if _stemmer is None:
        _stemmer, _dictionary = _build()
    return _stemmer


def fingerprint() -> str:
    """Identifies the installed Sastrawi (its dictionary and stemmer code).

    Read from file sizes rather than package metadata, which is slow to
    import on every one-shot query.
    """
    import Sastrawi

    base = Path(Sastrawi.__file__).parent / "Stemmer"
    sizes = []
    for name in ("data/kata-dasar.txt", "Stemmer.py", "StemmerFactory.py"):
        try:
            sizes.append(str((base / name).stat().st_size))
        except OSError:
            sizes.append("0")
    return "-".join(sizes)


def stem_cache_key() -> str:
    """Identifies the stemmer and rules a persisted stem cache was made with."""
    return f"sastrawi-{fingerprint()}/rules-{RULES_VERSION}"


def stem_word(word: str) -> str:
    """Stem one lowercase word, applying nksearch's corrections (no cache)."""
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    if not word.isalpha() and "-" not in word:
        return word  # numbers and mixed tokens ("covid19") stay whole
    if len(word) <= 3:
        return word
    stemmer = sastrawi()
    if "-" not in word and (word in _dictionary or not _AFFIXABLE.search(word)):
        return word  # what Sastrawi returns, without its slow search
    return str(stemmer.stem_word(word))
