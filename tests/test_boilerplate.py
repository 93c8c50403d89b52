"""Boilerplate across a corpus: units, fingerprints, the threshold, stripping."""

from __future__ import annotations

import subprocess
import sys

from nksearch.documents import boilerplate as bp

FOOTER = "Liputan ini terbit berkat dukungan pembaca setia Warta Kelontong di seluruh negeri."
SIGN_OFF = "Redaksi Warta Kelontong menerima koreksi lewat surel."


def body(number: int, *, footer: bool = False, sign_off: bool = False) -> str:
    """A body of its own words (``kata<number>``), perhaps with the outlet's chrome."""
    own = f"Kalimat pertama berita nomor kata{number} ini. Kalimat kedua tentang kata{number} juga."
    last = f"Penutup berita kata{number} yang biasa saja."
    if sign_off:
        last += " " + SIGN_OFF
    lines = [own, last] + ([FOOTER] if footer else [])
    return "\n\n".join(lines)


def test_units_are_lines_and_sentences_of_four_words_or_more() -> None:
    text = 'Satu dua tiga empat. "Lima enam tujuh delapan!" (rsa)\n\nJudul Pendek\n\n1. Dua tiga.'
    assert bp.units(text) == {
        'Satu dua tiga empat. "Lima enam tujuh delapan!" (rsa)',
        "Satu dua tiga empat.",
        '"Lima enam tujuh delapan!"',
        "Judul Pendek",
        "1. Dua tiga.",
    }


def test_sentences_keep_their_closing_quotes_and_the_spaces_after_them() -> None:
    assert bp.sentences('Tunggu... lalu "pergi." Ya (kata dia.) Oke') == [
        ("Tunggu...", " "),
        ('lalu "pergi."', " "),
        ("Ya (kata dia.)", " "),
        ("Oke", ""),
    ]


def test_fingerprints_are_the_same_in_every_process() -> None:
    code = (
        "from nksearch.documents import boilerplate as bp\n"
        "print(bp.fingerprint('Satu dua').hex())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == bp.fingerprint("Satu dua").hex()
    assert len(bp.fingerprint("Satu dua")) == bp.FINGERPRINT_SIZE


def test_prints_sum_up_a_body() -> None:
    made = bp.prints("Warta Kelontong", body(1, footer=True))
    assert made.group == "warta kelontong"
    assert made.body == bp.fingerprint(body(1, footer=True))
    expected = sorted(bp.fingerprint(unit) for unit in bp.units(body(1, footer=True)))
    assert made.each() == expected
    assert bp.prints(None, "x").group == ""


def test_threshold_is_a_share_of_the_group_with_a_floor() -> None:
    assert [bp.threshold(n) for n in (0, 5, 10, 40, 41, 100, 1000)] == [6, 6, 6, 6, 7, 15, 150]


def test_a_footer_in_many_documents_of_an_outlet_is_boilerplate() -> None:
    docs = [bp.prints("Warta", body(i, footer=i < 30)) for i in range(100)]
    found = bp.recurring(docs)
    assert found == {"warta": frozenset({bp.fingerprint(FOOTER)})}
    assert docs[0].matching(found["warta"]) == frozenset({bp.fingerprint(FOOTER)})
    assert docs[99].matching(found["warta"]) == frozenset()


def test_a_sentence_recurring_inside_paragraphs_is_boilerplate() -> None:
    docs = [bp.prints(None, body(i, sign_off=i % 2 == 0)) for i in range(20)]
    assert bp.recurring(docs) == {"": frozenset({bp.fingerprint(SIGN_OFF)})}


def test_a_quote_shared_by_a_few_documents_is_not_boilerplate() -> None:
    quote = "Kami akan terus mengawal kasus ini sampai tuntas, kata juru bicara itu."
    docs = [bp.prints(None, body(i) + ("\n\n" + quote if i < 3 else "")) for i in range(8)]
    assert bp.recurring(docs) == {}


def test_below_the_share_a_line_is_not_boilerplate_however_many_documents() -> None:
    # 14 of 100 documents: above the floor of 6, below 15%; 15 of 100 reach it.
    for count, expected in ((14, {}), (15, {"warta": frozenset({bp.fingerprint(FOOTER)})})):
        docs = [bp.prints("Warta", body(i, footer=i < count)) for i in range(100)]
        assert bp.recurring(docs) == expected


def test_outlets_are_counted_apart() -> None:
    # Five in each of two outlets: six documents, but never six of one outlet.
    docs = [bp.prints(name, body(i, footer=True)) for name in ("A", "B") for i in range(5)]
    assert bp.recurring(docs) == {}
    docs.append(bp.prints("b", body(99, footer=True)))  # the same outlet, however spelled
    assert bp.recurring(docs) == {"b": frozenset({bp.fingerprint(FOOTER)})}


def test_identical_bodies_count_once() -> None:
    copies = [bp.prints(None, body(1)) for _ in range(10)]
    assert bp.recurring(copies) == {}
    assert bp.recurring([*copies, *(bp.prints(None, body(i)) for i in range(2, 7))]) == {}


def test_changed_lists_what_crossed_the_threshold_either_way() -> None:
    a, b, c = bp.fingerprint("a"), bp.fingerprint("b"), bp.fingerprint("c")
    before = {"x": frozenset({a, b}), "y": frozenset({c})}
    after = {"x": frozenset({b, c}), "z": frozenset({a})}
    assert bp.changed(before, after) == {
        "x": frozenset({a, c}),
        "y": frozenset({c}),
        "z": frozenset({a}),
    }
    assert bp.changed(before, before) == {}


def test_strip_takes_out_lines_and_sentences_and_nothing_else() -> None:
    text = body(1, footer=True, sign_off=True)
    cut = frozenset({bp.fingerprint(FOOTER), bp.fingerprint(SIGN_OFF)})
    assert bp.strip(text, cut) == body(1)
    assert bp.strip(text, frozenset()) == text
    # A paragraph made only of boilerplate sentences goes as a whole.
    only = f"{SIGN_OFF} {SIGN_OFF}\n\nSisa berita yang tetap ada di sini."
    assert bp.strip(only, frozenset({bp.fingerprint(SIGN_OFF)})) == (
        "Sisa berita yang tetap ada di sini."
    )
    # Short sentences are never cut out of a paragraph, even when listed.
    assert bp.strip("Satu. Dua tiga empat lima.", frozenset({bp.fingerprint("Satu.")})) == (
        "Satu. Dua tiga empat lima."
    )
