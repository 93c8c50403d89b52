"""Pickled index data read as data: a restricted unpickler and its allow-lists.

Whoosh 2.7 keeps several parts of an index as pickles: the schema and the
segment list in the table of contents, stored fields, the field map of each
term file, posting blocks and their block headers, inlined postings and
encoded positions. ``pickle.loads`` on any of them would run whatever a
crafted file names in a ``__reduce__``. Here every such read goes through
:class:`_Restricted`, whose ``find_class`` hands out only the classes and
functions of one exact allow-list of ``(module, name)`` pairs and refuses
everything else with :class:`UnsafeIndexData`.

- :data:`PLAIN`: posting blocks, positions, stored fields and term-file
  extras hold only numbers, strings, bytes, tuples, lists, dicts and sets;
  the one name they may use is ``_codecs.encode``, which protocol 2 uses for
  ``bytes`` (given here as a function that only encodes text as Latin-1).
- :data:`SCHEMA`: the field, format, column and analyzer classes an nksearch
  schema is made of (``re._compile`` for the tokenizers' expressions).
- :data:`SEGMENTS`: Whoosh 3's codec and segment classes, given as the
  subclasses of ``safecodec`` that read their files through this module.

Which classes stand in for which is given by :func:`use_substitutes`, so this
module needs nothing from the rest of the package. It reads bytes; it opens
no file.
"""

from __future__ import annotations

import io
import pickle
import re
from typing import IO, Any

Name = tuple[str, str]


class UnsafeIndexData(pickle.UnpicklingError):
    """Pickled index data naming something an index never holds."""


#: Protocol 2 pickles ``bytes`` as ``_codecs.encode(text, "latin1")``. The
#: name stands for ``str.encode`` (C, once per value of a posting block),
#: which takes only a ``str`` and only a text encoding, so it can make
#: nothing but bytes (``"abc".encode("rot13")`` is refused).
_BYTES: dict[Name, Any] = {("_codecs", "encode"): str.encode}

#: Posting blocks, block headers, positions, stored fields, term-file extras.
PLAIN: frozenset[Name] = frozenset(_BYTES)

#: The classes of an nksearch schema, by the names pickle records them under.
SCHEMA: frozenset[Name] = PLAIN | {
    ("whoosh.fields", "Schema"),
    ("whoosh.fields", "ID"),
    ("whoosh.fields", "TEXT"),
    ("whoosh.fields", "KEYWORD"),
    ("whoosh.fields", "COLUMN"),
    ("whoosh.formats", "Existence"),
    ("whoosh.formats", "Frequency"),
    ("whoosh.formats", "Positions"),
    ("whoosh.columns", "VarBytesColumn"),
    ("whoosh.analysis.analyzers", "CompositeAnalyzer"),
    ("whoosh.analysis.tokenizers", "IDTokenizer"),
    ("whoosh.analysis.tokenizers", "RegexTokenizer"),
    ("whoosh.analysis.filters", "LowercaseFilter"),
    ("re", "_compile"),
    ("nksearch.indexing.schema", "AnalysedText"),
    ("nksearch.indexing.schema", "NameListTokenizer"),
    ("nksearch.analysis.fields", "IndonesianTokenizer"),
}

#: The segment list of a table of contents.
SEGMENTS: frozenset[Name] = PLAIN | {
    ("whoosh.codec.whoosh3", "W3Segment"),
    ("whoosh.codec.whoosh3", "W3Codec"),
    ("collections", "defaultdict"),  # each field's total length, defaulting to
    ("builtins", "int"),  # int() (0)
}

_SUBSTITUTES: dict[Name, Any] = {}


def use_substitutes(substitutes: dict[Name, Any]) -> None:
    """Give these classes for these names (readers that read safely in turn)."""
    _SUBSTITUTES.update(substitutes)


class _Restricted(pickle.Unpickler):
    """An unpickler that finds only the names of one allow-list."""

    allowed: frozenset[Name] = frozenset()

    def find_class(self, module: str, name: str) -> Any:
        key = (module, name)
        if key not in self.allowed:
            raise UnsafeIndexData(f"index data names {module}.{name}, which no index holds")
        found = _BYTES.get(key) or _SUBSTITUTES.get(key)
        if found is not None:
            return found
        return super().find_class(module, name)


#: One unpickler class per allow-list (no per-read set-up in Python).
_UNPICKLERS = {
    allowed: type("_Restricted", (_Restricted,), {"allowed": allowed})
    for allowed in (PLAIN, SCHEMA, SEGMENTS)
}

#: The bytes of every opcode that can find or call anything: GLOBAL, INST,
#: OBJ, REDUCE, BUILD, PERSID, BINPERSID, NEWOBJ, EXT1, EXT2, EXT4,
#: NEWOBJ_EX, STACK_GLOBAL. A pickle holding none of these bytes anywhere
#: (most posting blocks and position lists) can only build plain values.
_plain_loads = pickle.loads
_CALLS = re.compile(rb"[ciobRPQ\x81\x82\x83\x84\x92\x93]")


def loads(data: bytes, allowed: frozenset[Name] = PLAIN) -> Any:
    """``pickle.loads`` finding only the names of ``allowed``."""
    try:
        if _CALLS.search(data) is None:
            return _plain_loads(data)  # nothing in it can name or call anything
        return _UNPICKLERS[allowed](io.BytesIO(data)).load()
    except UnsafeIndexData:
        raise
    except Exception as exc:  # a garbled pickle raises many types
        raise UnsafeIndexData(f"unreadable index data ({type(exc).__name__})") from exc


def load(file: IO[bytes], allowed: frozenset[Name] = PLAIN) -> Any:
    """``pickle.load`` from ``file`` (left just after the pickle), restricted."""
    try:
        return _UNPICKLERS[allowed](file).load()
    except (UnsafeIndexData, EOFError):
        raise
    except Exception as exc:  # a garbled pickle raises many types
        raise UnsafeIndexData(f"unreadable index data ({type(exc).__name__})") from exc
