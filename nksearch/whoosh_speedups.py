"""Start-up speedups for Whoosh that change none of its behaviour.

Two modules Whoosh imports on start-up are never used by nksearch, yet cost
about 70 ms each on every process start (a one-shot ``nksearch query`` is
about 0.4 s in all):

- ``whoosh.lang.morph_en``, imported by ``whoosh.query`` only for the
  ``Variations`` query, compiles hundreds of regular expressions;
- ``urllib.request``, imported by ``whoosh.compat`` only for
  ``urlretrieve``, pulls in ``http.client``, ``email`` and ``ssl``.

:func:`install` registers a stand-in for each that imports the real module
the first time anything else in it is used, so code that does use them
still gets the real thing.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_MORPH = "whoosh.lang.morph_en"
_REQUEST = "urllib.request"


class _LazyModule(types.ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(_load_real(self.__name__), attr)


def _load_real(name: str) -> types.ModuleType:
    current = sys.modules.get(name)
    if current is not None and not isinstance(current, _LazyModule):
        return current
    if name == _MORPH:  # not importable by name while the package is half set up
        spec = importlib.util.find_spec("whoosh.lang")
        assert spec is not None and spec.submodule_search_locations
        path = next(iter(spec.submodule_search_locations)) + "/morph_en.py"
        real_spec = importlib.util.spec_from_file_location(name, path)
        assert real_spec is not None and real_spec.loader is not None
        real = importlib.util.module_from_spec(real_spec)
        real_spec.loader.exec_module(real)
        sys.modules[name] = real
        return real
    sys.modules.pop(name, None)
    real = importlib.import_module(name)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, real)
    return real


def _variations(word: str) -> Any:
    return _load_real(_MORPH).variations(word)


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    return _load_real(_REQUEST).urlretrieve(*args, **kwargs)


def install() -> None:
    """Register the lazy stand-ins unless the real modules are already loaded."""
    if _MORPH not in sys.modules:
        stand_in = _LazyModule(_MORPH)
        stand_in.variations = _variations  # type: ignore[attr-defined]
        sys.modules[_MORPH] = stand_in
    if _REQUEST not in sys.modules:
        import urllib

        stand_in = _LazyModule(_REQUEST)
        stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        sys.modules[_REQUEST] = stand_in
        urllib.request = stand_in  # type: ignore[attr-defined]
