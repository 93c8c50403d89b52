"""Indonesian stemming: every affix analysis, ranked, over Sastrawi's dictionary.

:func:`stem_word` stems one lowercase word. It keeps whole what cannot be a
derived word (numbers, mixed tokens, short words, words of the lexicon,
words with no Indonesian affix), applies :data:`STEM_EXCEPTIONS`, stems both
halves of a reduplication (``negara-negara``, ``berbalas-balasan``) and
otherwise asks :mod:`~nksearch.analysis.morphology` for the best of all the
decompositions whose root is in the lexicon. Between readings the rules
leave open (``memasuki``: ``masuk`` or ``pasuk``?) the more common root in
Indonesian text wins, by the Zipf frequency of the root in ``wordfreq``'s
Indonesian word list: corpus evidence that is the same for every index, so
stemming stays deterministic and needs no pass over the corpus first.

The lexicon (Sastrawi's 30k-root dictionary, read from the installed
package, plus :data:`morphology.EXTRA_ROOTS`) and the frequency list are
read once per process, lazily, and shared read-only by every index.

This module stems single words; tokenizing and caching are the analyzer's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

from nksearch.analysis import morphology

#: Bump when tokenizing, stop words or stemming rules change: the persisted
#: stem cache and the index schema depend on it (an index made with other
#: rules is rebuilt, with a message, on its next sync).
RULES_VERSION = 5

#: Words the ranked analyses get wrong, mapped to the right stem. Each is a
#: word a user searches for whose best-ranked analysis merges it with an
#: unrelated word or splits it from its family; a test checks each entry.
STEM_EXCEPTIONS: dict[str, str] = {
    "bekasi": "bekasi",  # the city, not "bekas" (used)
    "pemilu": "pemilu",  # general election (pemilihan umum), not "pilu" (sad)
    # The dictionary's "perinci" (detail) read as per- + "inci" (inch); its
    # family is that of "rinci" (merinci, rincian, dirinci).
    "perinci": "rinci",
    "perincian": "rinci",
    "terperinci": "rinci",
    "memperinci": "rinci",
    "diperinci": "rinci",
    # meng- + kawal (escort) reads like meng- + awal (beginning), the far more
    # common root; beginning is always mengawali, never mengawal.
    "mengawal": "kawal",
    "pengawal": "kawal",
    "pengawalan": "kawal",
    # meng-/peng- + a root in k read as a more common root without it:
    # karang (compose), not arang (charcoal); kemas (pack), not emas (gold).
    "mengarang": "karang",
    "pengarang": "karang",
    "mengemas": "kemas",
    "pengemas": "kemas",
    "pengemasan": "kemas",
    # pangku (hold), not mang + -ku or memang (indeed).
    "memangku": "pangku",
    "pemangku": "pangku",
    # tuai (harvest), not tua (old) + -i.
    "menuai": "tuai",
    "dituai": "tuai",
}

# A word that can be derived starts with one of the prefixes (or an infix
# after the first letter) or ends with one of the suffixes; any other word
# comes back unchanged without generating its analyses.
_AFFIXABLE = re.compile(
    r"^(?:di|ke|se|be|me|pe|te|.(?:el|em|er|in))"
    r"|(?:i|an|lah|kah|tah|pun|ku|mu|nya|is|isme|isasi|itas|wan|wati)$"
)
_CLITICS = ("ku", "mu", "nya", "lah", "kah", "tah", "pun")

_lexicon: frozenset[str] | None = None
_zipf: dict[str, float] = {}


def lexicon() -> frozenset[str]:
    """The roots stems are chosen among (read on first use; read-only after)."""
    global _lexicon
    if _lexicon is None:
        import Sastrawi

        path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
        words = path.read_text("utf-8").split("\n")
        _lexicon = frozenset(w.strip() for w in words if w.strip()) | morphology.EXTRA_ROOTS
    return _lexicon


#: How much less a root's family form (``diterapkan``) counts than the root.
FAMILY_DISCOUNT = 1.0


def _wordfreq_list() -> Path | None:
    """Where ``wordfreq`` keeps its Indonesian list (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "small_id.msgpack.gz"


def _frequencies() -> dict[str, float]:
    """``wordfreq``'s Indonesian words with their Zipf values.

    Read straight from its data file ("cBpack": a gzipped msgpack list of a
    header and word lists, the n-th list holding the words of frequency
    ``10 ** (-n / 100)``), which is exactly what ``wordfreq.zipf_frequency``
    looks up, without importing ``wordfreq`` itself (half a second, too much
    for a one-shot query).
    """
    global _zipf
    if not _zipf:
        import gzip

        import msgpack

        path = _wordfreq_list()
        if path is None:
            raise ModuleNotFoundError("wordfreq is not installed: pip install wordfreq")
        with gzip.open(path, "rb") as handle:
            header, *buckets = msgpack.unpack(handle, raw=False)
        if header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unknown wordfreq list format in {path}: {header}")
        _zipf = {
            word: round(9.0 - index / 100, 2)
            for index, words in enumerate(buckets)
            for word in words
        }
    return _zipf


def word_frequency(word: str) -> float:
    """The Zipf value of ``word`` in ``wordfreq``'s Indonesian list (0 if absent)."""
    return _frequencies().get(word, 0.0)


def root_frequency(root: str) -> float:
    """How common ``root`` is as a word of its own (Zipf scale; 0 if unseen)."""
    return word_frequency(root)


def commonness(root: str) -> float:
    """How common ``root``'s family is in Indonesian text (Zipf scale).

    The root's own frequency; for a root the list lacks, that of its most
    common passive form (``di-``, ``di-…-kan``, ``di-…-i``) less
    :data:`FAMILY_DISCOUNT`: many real roots are rare alone (``terap``,
    ``kecam``) while a dictionary's spurious ones (``keduduk``, ``pasuk``)
    have no family at all. Roots of fewer than four letters count alone
    (``di`` + ``ri`` is ``diri``).
    """
    own = word_frequency(root)
    if own > 0 or len(root) < 4:
        return own
    return max(own, family_frequency(root) - FAMILY_DISCOUNT)


def family_frequency(root: str) -> float:
    """How common ``root``'s most common passive form is (``di-``, ``di-…-kan``, ``di-…-i``)."""
    return max(word_frequency(f"di{root}{end}") for end in ("", "kan", "i"))


def fingerprint() -> str:
    """Identifies the installed lexicon and frequency list stems depend on.

    Read from file sizes rather than package metadata, which is slow to
    import on every one-shot query.
    """
    import Sastrawi

    base = Path(Sastrawi.__file__).parent / "Stemmer"
    files = [base / "data" / "kata-dasar.txt", _wordfreq_list() or base]
    sizes = []
    for path in files:
        try:
            sizes.append(str(path.stat().st_size))
        except OSError:
            sizes.append("0")
    return "-".join(sizes)


def stem_cache_key() -> str:
    """Identifies the stemmer and rules a persisted stem cache was made with."""
    return f"lexicon-{fingerprint()}/rules-{RULES_VERSION}"


Stem = Callable[[str], str]

#: Clitics taken off a word the dictionary does not know (``instagramnya``).
_LOAN_CLITICS = ("nyapun", "nya", "ku", "mu", "pun")
#: How common (Zipf) a word the dictionary lacks must be to count as a root:
#: with a clitic (``twitternya``), and with ``di-``/``meN-`` (``diposting``).
LOAN_ROOT_CLITIC = 3.5
LOAN_ROOT_VERB = 4.0


@functools.lru_cache(maxsize=65536)
def _unanalysable(word: str, roots: frozenset[str]) -> bool:
    """Whether no affix analysis of ``word`` has a root in ``roots``."""
    return not morphology.analyses(word, roots.__contains__)


def loanword_root(word: str, roots: frozenset[str]) -> str | None:
    """The root of a word the dictionary's analyses leave whole, if it has one.

    A frequent word the dictionary lacks and cannot analyse (``instagram``,
    ``posting``, ``update``) is a root in its own right: ``instagramnya`` is
    ``instagram`` + ``-nya``, and ``diposting``/``memposting`` are
    ``posting`` when its passive is a word too. Words beginning with ``m``
    or ``n`` are left out (``nangis``, ``mancing`` are colloquial forms of
    ``tangis``, ``pancing``), and so are names read as a prefix and a root
    (``melinda`` has no passive ``dilinda``).
    """

    def known(root: str) -> bool:
        return (
            len(root) >= 4
            and root not in roots
            and root[0] not in "mn"
            and word_frequency(root) >= LOAN_ROOT_CLITIC
            and _unanalysable(root, roots)
        )

    for clitic in _LOAN_CLITICS:
        if word.endswith(clitic) and known(word[: -len(clitic)]):
            return word[: -len(clitic)]
    if not word.startswith(("di", "me")):
        return None
    verbs = [
        a.root
        for a in morphology.analyses(word, known)
        if a.prefixes in (("di",), ("meN",))
        and len(a.root) >= 5
        and word_frequency(a.root) >= LOAN_ROOT_VERB
        and family_frequency(a.root) > 0
    ]
    return max(verbs, key=word_frequency) if verbs else None


def stemming(
    rules: morphology.Rules = morphology.RULES,
    *,
    exceptions: bool = True,
    common: Callable[[str], float] | None = None,
    loanwords: bool = True,
) -> Stem:
    """A stem function (no cache) with the given rules and root commonness.

    :func:`stem_word` is ``stemming()``; the others are what
    ``benchmarks/eval_morphology.py`` compares it with.
    """
    table = STEM_EXCEPTIONS if exceptions else {}
    frequency = commonness if common is None else common

    def single(word: str) -> str:
        if word in table:
            return table[word]
        if not word.isalpha() or len(word) <= 3:
            return word  # numbers and mixed tokens ("covid19") stay whole
        roots = lexicon()
        if word in roots or not _AFFIXABLE.search(word):
            return word
        found = morphology.best_root(
            word, roots.__contains__, frequency, rules, family_frequency, word_frequency
        )
        if found is None and loanwords:
            found = loanword_root(word, roots)
        return found or word

    def reduplication(word: str) -> str:
        """The shared stem of both halves (``berbalas-balasan``), else the word."""
        first, _, second = word.rpartition("-")
        if second in _CLITICS and "-" in first:  # malaikat-malaikat-nya
            first, _, inner = first.rpartition("-")
            second = f"{inner}{second}"
        if not first or not second or "-" in first:
            return word
        one, two = single(first), single(second)
        if two == second and second not in lexicon():
            two = single("me" + second)  # meniru-nirukan
        return one if one == two else word

    def stem(word: str) -> str:
        if word in table:
            return table[word]
        if "-" in word:
            return reduplication(word)
        return single(word)

    return stem


#: Stem one lowercase word (no cache): nksearch's stemming.
stem_word: Stem = stemming()
