"""Start-up speedups for Whoosh that change none of its behaviour.

Two modules Whoosh imports on start-up are never used by nksearch, yet cost
about 70 ms each on every process start (a one-shot ``nksearch query`` is
about 0.4 s in all):

- ``whoosh.lang.morph_en``, imported by ``whoosh.query`` only for the
  ``Variations`` query, compiles hundreds of regular expressions;
- ``urllib.request``, imported by ``whoosh.compat`` only for
  ``urlretrieve``, pulls in ``http.client``, ``email`` and ``ssl``.

:func:`install` registers a stand-in for ``morph_en`` that imports the real
module the first time anything in it is used. ``urllib.request`` is faked
only while ``whoosh.compat`` is imported (when something first imports it),
which then holds a ``urlretrieve`` that imports the real module when called;
any other code importing ``urllib.request`` gets the real module.

Only the ``nksearch`` command's entry point installs them, for its own
process: a program that imports nksearch finds Whoosh exactly as installed.
"""

from __future__ import annotations

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
        return getattr(_load_morph(), attr)


def _load_morph() -> types.ModuleType:
    current = sys.modules.get(_MORPH)
    if current is not None and not isinstance(current, _LazyModule):
        return current
    spec = importlib.util.find_spec("whoosh.lang")
    assert spec is not None and spec.submodule_search_locations
    path = next(iter(spec.submodule_search_locations)) + "/morph_en.py"
    real_spec = importlib.util.spec_from_file_location(_MORPH, path)
    assert real_spec is not None and real_spec.loader is not None
    real = importlib.util.module_from_spec(real_spec)
    real_spec.loader.exec_module(real)
    sys.modules[_MORPH] = real
    return real


def _variations(word: str) -> Any:
    return _load_morph().variations(word)


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


class _CompatWithoutRequest:
    """Imports ``whoosh.compat``, when something first does, with
    ``urllib.request`` faked for the length of that import only.

    A meta path finder and loader by their methods alone: importing
    ``importlib.abc`` for its base classes would cost more than it saves.
    """

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "whoosh.compat":
            return None
        sys.meta_path.remove(self)  # one use: from now on the real finders answer
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or _REQUEST in sys.modules:
            return spec
        self._real = spec.loader
        spec.loader = self  # type: ignore[assignment]  # a loader by its methods
        return spec

    def create_module(self, spec: Any) -> Any:
        return self._real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        import urllib

        fake = types.ModuleType(_REQUEST)
        fake.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        sys.modules[_REQUEST] = fake
        try:
            self._real.exec_module(module)  # binds our urlretrieve
        finally:
            if sys.modules.get(_REQUEST) is fake:
                del sys.modules[_REQUEST]
            if getattr(urllib, "request", None) is fake:
                del urllib.request


def install() -> None:
    """Register the stand-ins unless the real modules are already loaded."""
    if _MORPH not in sys.modules:
        stand_in = _LazyModule(_MORPH)
        stand_in.variations = _variations  # type: ignore[attr-defined]
        sys.modules[_MORPH] = stand_in
    if "whoosh.compat" not in sys.modules and not any(
        isinstance(finder, _CompatWithoutRequest) for finder in sys.meta_path
    ):
        sys.meta_path.insert(0, _CompatWithoutRequest())
