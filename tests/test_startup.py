"""Start-up stand-ins: modules nksearch never uses are loaded only when used."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_query_start_up_does_not_load_unused_modules() -> None:
    out = run(
        "import sys, nksearch, nksearch.search, whoosh.index\n"
        "print(sorted(m for m in ('http.client', 'ssl', 'email.parser') if m in sys.modules))\n"
        "print(type(sys.modules['urllib.request']).__name__,"
        " type(sys.modules['whoosh.lang.morph_en']).__name__)"
    )
    assert out.splitlines() == ["[]", "_LazyModule _LazyModule"]


def test_stand_ins_hand_over_to_the_real_modules() -> None:
    out = run(
        "import sys, nksearch, nksearch.search\n"
        "import urllib.request\n"
        "print(urllib.request.Request('http://example.org').host)\n"
        "from urllib.request import urlopen\n"
        "print(type(sys.modules['urllib.request']).__name__, urlopen.__module__)\n"
        "from whoosh.lang.morph_en import variations\n"
        "print(sorted(variations('rendering'))[:2])\n"
        "print(type(sys.modules['whoosh.lang.morph_en']).__name__)"
    )
    lines = out.splitlines()
    assert lines[0] == "example.org"
    assert lines[1] == "module urllib.request"
    assert lines[2].startswith("['render")
    assert lines[3] == "module"
