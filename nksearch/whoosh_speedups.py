"""Start-up speedups for Whoosh that change none of its behaviour.

``whoosh.query`` imports ``whoosh.lang.morph_en`` only for the ``Variations``
query, which nksearch never uses, and compiling that module's regular
expressions costs about 70 ms on every process start: a third of a one-shot
``nksearch query``. :func:`install` registers a stand-in module that loads the
real one the first time any of its names is used.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

_NAME = "whoosh.lang.morph_en"


class _LazyModule(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        real = _load_real()
        return getattr(real, attr)


def _load_real() -> types.ModuleType:
    spec = importlib.util.find_spec("whoosh.lang")
    assert spec is not None and spec.submodule_search_locations
    path = list(spec.submodule_search_locations)[0] + "/morph_en.py"
    real_spec = importlib.util.spec_from_file_location(_NAME, path)
    assert real_spec is not None and real_spec.loader is not None
    real = importlib.util.module_from_spec(real_spec)
    real_spec.loader.exec_module(real)
    sys.modules[_NAME] = real
    return real


def _variations(word: str) -> Any:
    return _load_real().variations(word)


def install() -> None:
    """Register the lazy stand-in unless the real module is already loaded."""
    if _NAME not in sys.modules:
        stand_in = _LazyModule(_NAME)
        stand_in.variations = _variations  # type: ignore[attr-defined]
        sys.modules[_NAME] = stand_in
