"""Stop words: Sastrawi's Indonesian list, less the words people search news for.

:func:`stop_words` is dropped from the index and from queries; question words
(:data:`QUERY_STOP_WORDS`) are dropped from queries only: people type whole
questions. Both are fixed lists, the same for every index made with the same
rules (see ``stemmer.RULES_VERSION``). This module does not tokenize.
"""

from __future__ import annotations

from functools import lru_cache

# Words in Sastrawi's stop list that people search news for: dates, numbers,
# places in a story, people, work.
_SEARCHABLE = frozenset(
    [
        "akhir",
        "akhiri",
        "akhirnya",
        "awal",
        "awalnya",
        "bagian",
        "bapak",
        "baru",
        "besar",
        "bulan",
        "dekat",
        "depan",
        "belakang",
        "bawah",
        "datang",
        "diakhiri",
        "empat",
        "dua",
        "hari",
        "ibu",
        "jawab",
        "jawaban",
        "jelas",
        "jumlah",
        "kasus",
        "kecil",
        "keadaan",
        "keluar",
        "kembali",
        "kerja",
        "bekerja",
        "lama",
        "lima",
        "luar",
        "masalah",
        "masuk",
        "mata",
        "naik",
        "nyata",
        "orang",
        "panjang",
        "penting",
        "pertama",
        "pertanyaan",
        "persoalan",
        "salam",
        "satu",
        "siap",
        "tanya",
        "tempat",
        "tepat",
        "tiga",
        "waktunya",
        "lewat",
        "turut",
        "kali",
        "sekolah",
        "berakhir",
        "mulai",
        "dimulai",
        "memulai",
    ]
)

#: Question words dropped from queries only: they say what kind of answer is
#: wanted, not what it is about.
QUERY_STOP_WORDS = frozenset(
    [
        "apa",
        "apakah",
        "siapa",
        "siapakah",
        "kapan",
        "kapankah",
        "dimana",
        "dimanakah",
        "manakah",
        "mana",
        "bagaimana",
        "bagaimanakah",
        "mengapa",
        "kenapa",
        "berapa",
        "berapakah",
        "adakah",
        "bilakah",
    ]
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Sastrawi's Indonesian stop list less the words people search for."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import (
        StopWordRemoverFactory,
    )

    words = StopWordRemoverFactory().get_stop_words()
    return frozenset(w for w in words if w not in _SEARCHABLE)


@lru_cache(maxsize=1)
def query_stop_words() -> frozenset[str]:
    """Stop words for query text: the index's list plus question words."""
    return stop_words() | QUERY_STOP_WORDS
