"""Roots Sastrawi's dictionary lacks, added to the lexicon stemming reads.

Loanwords news text uses with Indonesian affixes (``merespon``,
``berkinerja``, ``berkarir``, ``viralnya``), ``rinci`` (``merinci``,
``rincian``), and compounds written as one word once affixed
(``menandatangani``, ``pemberitahuan``, ``bertanggungjawab``,
``bekerjasama``, ``disebarluaskan``, ``diujicobakan``,
``kewarganegaraan``). Each is tested.
"""

from __future__ import annotations

EXTRA_ROOTS = frozenset(
    {
        "respon",
        "kinerja",
        "karir",
        "viral",
        "rinci",
        "tandatangan",
        "beritahu",
        "tanggungjawab",
        "kerjasama",
        "sebarluas",
        "ujicoba",
        "warganegara",
    }
)
