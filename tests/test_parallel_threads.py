"""Large builds started from a thread of a program that captures stderr (as the UI does)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_BUILD_FROM_A_THREAD = """
import sys, threading
import nksearch
from nksearch.indexing import sync as indexing

class Captured:
    # What a Textual app puts in sys.stderr while it runs.
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

indexing.PARALLEL_THRESHOLD = 2
release = threading.Event()
bystander = threading.Thread(target=release.wait, args=(120,))
bystander.start()
found = []
def build():
    sys.stderr = Captured()
    try:
        found.append(nksearch.sync(sys.argv[1], sys.argv[2]).added)
    except Exception as exc:
        found.append(repr(exc))
    finally:
        sys.stderr = sys.__stderr__
        release.set()
builder = threading.Thread(target=build)
builder.start()
builder.join(300)
print(found)
"""


def test_a_build_from_a_thread_with_stderr_captured_works(tmp_path: Path) -> None:
    """multiprocessing's helper processes get a real stderr even when the program's is captured."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for i in range(6):
        shutil.copy(corpus / "003_b561e05cfa5aa674.txt", corpus / f"copy{i}.txt")
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_FROM_A_THREAD, str(corpus), str(tmp_path / "index")],
        capture_output=True, text=True, timeout=600,
    )
    assert done.stdout.strip() == "[11]", done.stderr
