"""The stemming measure of benchmarks/eval_morphology.py, on lists small enough to check by hand."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import nksearch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import eval_morphology as measure


def test_the_public_stem_is_the_analysis_stem() -> None:
    assert nksearch.stem("Perdamaian") == "damai"
    assert nksearch.stem("berikan") == "beri"  # a correction of Sastrawi ("ikan")
    assert nksearch.stem("komersialisme") == "komersial"


def test_reading_lists_with_notes_and_alternatives(tmp_path: Path) -> None:
    listed = tmp_path / "reported.tsv"
    listed.write_text(
        "word\treported_output\tcorrect_root_per_reporter\tissue\n"
        "bekasi\tbekas\tbekasi (place name)\thttps://example.org/1\n"
        "perbankan\tperban\tbank/perbankan\thttps://example.org/2\n",
        encoding="utf-8",
    )
    assert measure.read_pairs(listed) == {"bekasi": {"bekasi"}, "perbankan": {"bank", "perbankan"}}


def test_finds_root_weighs_words_by_their_counts() -> None:
    roots = {
        "perdamaian": {"damai"},
        "berdamai": {"damai"},
        "damai": {"damai"},
        "yang": {"yang"},
        "menikah": {"nikah"},
    }
    stems = {
        "perdamaian": "damai",
        "berdamai": "damai",
        "damai": "damai",
        "yang": "yang",
        "menikah": "meni",
        "nikah": "nikah",
    }
    weights = Counter({"perdamaian": 6, "berdamai": 2, "damai": 50, "yang": 90, "menikah": 2})
    share, misses = measure.finds_root(roots, stems.__getitem__, weights, frozenset({"yang"}))
    # "damai" is its own root and "yang" a stop word: only 6 + 2 + 2 count.
    assert share == 8 / 10
    assert misses == [(2, "menikah", "meni", "nikah")]


def test_pairwise_precision_and_recall() -> None:
    roots = {"perbankan": {"bank"}, "bank": {"bank"}, "perban": {"perban"}, "banking": {"bank"}}
    stems = {"perbankan": "perban", "bank": "bank", "perban": "perban", "banking": "bank"}
    precision, recall = measure.pairwise(roots, stems.__getitem__)
    # Merged pairs: (perbankan, perban) wrong, (bank, banking) right.
    assert precision == 1 / 2
    # Related pairs: (perbankan, bank), (perbankan, banking), (bank, banking): one merged.
    assert recall == 1 / 3


def test_held_out_halves_keep_each_root_family_together() -> None:
    roots = {f"ber{r}": {r} for r in ("damai", "main", "lari", "jalan", "tani", "kerja")}
    roots.update({f"pe{r}": {r} for r in ("damai", "main", "lari", "jalan", "tani", "kerja")})
    tune, held_out = measure.held_out_halves(roots)
    assert tune.keys() | held_out.keys() == roots.keys()
    assert not tune.keys() & held_out.keys()
    for half in (tune, held_out):
        for word, options in half.items():
            assert all(other in half for other, o in roots.items() if o == options), word
    assert measure.held_out_halves(roots) == (tune, held_out)  # the same split every run


def test_corpus_commonness_is_a_zipf_value_of_the_counts() -> None:
    common = measure.corpus_commonness(Counter({"damai": 1_000, "perang": 10}))
    assert abs(common("damai") - 9.0 + 0.0043) < 0.001  # 1,000 of 1,010 words
    assert abs(common("damai") - common("perang") - 2.0) < 1e-9
    assert common("absent") == 0.0


def test_every_lever_is_a_working_stemmer() -> None:
    variants = measure.levers(Counter({"sepakat": 5}))
    assert len(variants) >= 10
    for name, stem in variants.items():
        assert stem("kesepakatan") in ("sepakat", "pakat"), name
    assert variants["nksearch (all rules)"]("memasuki") == "masuk"
