"""Near-duplicate signatures: word shingles summarised as a bottom-k MinHash sketch.

A text's words (lower case, punctuation and spacing ignored; an index passes
the words its analysis keeps, stop words left out) are cut into overlapping
three-word *shingles*; each is hashed once (CRC-32, computed in C: a sketch
needs a stable, well-spread order, not a cryptographic hash) and
the :data:`SKETCH` smallest hashes are the text's sketch. Two sketches
estimate the Jaccard similarity of the shingle sets (Broder's bottom-k
MinHash): among the :data:`SKETCH` smallest hashes of their union, the share
found in both. A text with fewer shingles than that keeps them all, so short
passages are compared exactly.

Candidate pairs come from the locality-sensitive keys of :func:`band_keys`
(each sketch's :data:`KEYS` smallest hashes): two texts of Jaccard similarity
J share none of them with probability at most (1 - J) ** KEYS, so candidates
cost time linear in the number of texts instead of comparing every pair.
Grouping is left to ``nksearch.search.duplicates``. No I/O.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Sequence

#: Hashes kept per text.
SKETCH = 128
#: Words per shingle.
WORDS = 3
#: Smallest hashes used as candidate keys.
KEYS = 8

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The text's words, lower case, without punctuation."""
    return _WORD.findall(text.lower())


def sketch(text: str) -> bytes:
    """The bottom-k sketch of ``text``'s words (see :func:`sketch_words`)."""
    return sketch_words(words(text))


def sketch_words(tokens: Sequence[str]) -> bytes:
    """The bottom-k sketch of a sequence of words, as bytes (sorted 32-bit hashes); b"" if none."""
    if not tokens:
        return b""
    # Each word is encoded once; a shingle is its words' bytes joined by a space.
    encoded = [token.encode("utf-8", "surrogatepass") for token in tokens]
    if len(encoded) < WORDS:
        shingles = {b" ".join(encoded)}
    else:
        # The shorter lists end the zip: only whole shingles.
        starts = (encoded[i:] for i in range(WORDS))
        shingles = set(map(b" ".join, zip(*starts, strict=False)))
    return array("I", sorted(set(map(zlib.crc32, shingles)))[:SKETCH]).tobytes()


def unpack(data: bytes) -> tuple[int, ...]:
    """A sketch's hashes (empty for bytes that are not a sketch)."""
    if not data or len(data) % 4 or len(data) > 4 * SKETCH:
        return ()
    values = array("I")
    values.frombytes(data)
    return tuple(values)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two sketches' shingle sets (exact when both are small)."""
    if not a or not b:
        return 0.0
    set_a, set_b = set(a), set(b)
    both = set_a & set_b
    if not both:
        return 0.0
    # A hash of the union's smallest beyond either full sketch's largest is unknown to it.
    limit = min(a[-1] if len(a) >= SKETCH else 2**32, b[-1] if len(b) >= SKETCH else 2**32)
    considered = [h for h in sorted(set_a | set_b)[:SKETCH] if h <= limit]
    if not considered:
        return 0.0
    return sum(1 for h in considered if h in both) / len(considered)


def band_keys(values: tuple[int, ...]) -> tuple[int, ...]:
    """The keys under which a sketch meets its candidate near-duplicates."""
    return values[:KEYS]
