"""Near-duplicate groups from the documents' MinHash sketches.

Candidate pairs are the documents that share a locality-sensitive key of
their sketches (``analysis.shingles.band_keys``); each candidate pair whose
estimated Jaccard similarity of word shingles reaches :data:`THRESHOLD` is
joined, and groups are the connected documents (a union-find). Time grows
with the number of documents and of candidate pairs, never with all pairs: a
key shared by more than :data:`MAX_BUCKET` documents is a stock phrase, not a
story, and is skipped. Pure functions over sketches; reading them from an
index is ``nksearch.search.story``'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from nksearch.analysis.shingles import band_keys, similarity

#: Estimated Jaccard similarity of three-word shingles from which two
#: documents are near duplicates (measured in benchmarks/README.md).
THRESHOLD = 0.5
#: Documents sharing one key beyond which the key is ignored.
MAX_BUCKET = 30


class _Sets:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def candidate_pairs(sketches: Sequence[tuple[int, ...]]) -> set[tuple[int, int]]:
    """Pairs of document numbers that share a key of their sketches."""
    buckets: dict[int, list[int]] = {}
    for doc, values in enumerate(sketches):
        for value in band_keys(values):
            buckets.setdefault(value, []).append(doc)
    pairs: set[tuple[int, int]] = set()
    for docs in buckets.values():
        if 1 < len(docs) <= MAX_BUCKET:
            for i, a in enumerate(docs):
                for b in docs[i + 1 :]:
                    pairs.add((a, b))
    return pairs


def groups(sketches: Sequence[tuple[int, ...]], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of near-duplicate documents (two or more each), by document number.

    ``sketches[doc]`` is the document's sketch, empty for a document that is
    deleted or has no text. Each group is in document order; groups are
    ordered by their first document.
    """
    sets = _Sets()
    joined: set[int] = set()
    hashes: dict[int, frozenset[int]] = {}
    for a, b in candidate_pairs(sketches):
        # The estimate is at most the shared hashes over the smaller sketch's
        # size: most candidates (a stock phrase in common) stop here.
        set_a = hashes.get(a) or hashes.setdefault(a, frozenset(sketches[a]))
        set_b = hashes.get(b) or hashes.setdefault(b, frozenset(sketches[b]))
        if len(set_a & set_b) < threshold * min(len(set_a), len(set_b)):
            continue
        if similarity(sketches[a], sketches[b]) >= threshold:
            sets.join(a, b)
            joined.update((a, b))
    found: dict[int, list[int]] = {}
    for doc in sorted(joined):
        found.setdefault(sets.find(doc), []).append(doc)
    return sorted(found.values(), key=lambda group: group[0])
