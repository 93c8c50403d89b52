"""Whoosh 3's readers, with every pickle they read restricted to plain data.

Whoosh's codec reads pickles in many places below a search: the field map
of a term file, posting-block headers and blocks, postings inlined in a
term's info, encoded positions and stored fields. The subclasses here read
the same bytes through ``unpickle`` instead; Whoosh's modules are left as
they are. They come into an index by its table of contents: when the
segment list is unpickled, Whoosh's codec and segment classes are given as
:class:`SafeCodec` and :class:`SafeSegment`, and the ``Positions`` format of
the schema as :class:`SafePositions`; each pickles back under Whoosh's own
name, so the files on disk do not change.

A segment stored as one compound file is refused: nksearch never writes
one, and its directory is a pickle of its own.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from whoosh import columns
from whoosh.codec.whoosh3 import (
    W3Codec,
    W3FieldCursor,
    W3LeafMatcher,
    W3PerDocReader,
    W3Segment,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.formats import Positions
from whoosh.matching import ListMatcher
from whoosh.system import _INT_SIZE, _LONG_SIZE, unpack_int, unpack_long
from whoosh.util.numeric import byte_to_length

from nksearch._whoosh import unpickle
from nksearch._whoosh.unpickle import UnsafeIndexData

#: Column types a segment is read with: Whoosh's length and stored-field
#: columns and the schema's sortable columns (no pickled block headers).
_COLUMN_TYPES = (columns.VarBytesColumn, columns.NumericColumn)


def _term_info(data: bytes) -> W3TermInfo:
    """``W3TermInfo.from_bytes``, inlined postings unpickled as plain data."""
    st = W3TermInfo._struct
    vals = st.unpack(data[: st.size])
    info = W3TermInfo()
    info._weight = vals[1]
    info._df = vals[2]
    info._minlength = byte_to_length(vals[3])
    info._maxlength = byte_to_length(vals[4])
    info._maxweight = vals[5]
    info._minid = None if vals[6] == 0xFFFFFFFF else vals[6]
    info._maxid = None if vals[7] == 0xFFFFFFFF else vals[7]
    if vals[0]:
        inlined = unpickle.loads(data[st.size :])
        if not (isinstance(inlined, tuple) and len(inlined) == 3):
            raise UnsafeIndexData("inlined postings are not three columns")
        info._inlined = inlined
    else:
        info._offset = unpack_long(data[st.size : st.size + _LONG_SIZE])[0]
        info._length = unpack_int(data[st.size + _LONG_SIZE : st.size + _LONG_SIZE + _INT_SIZE])[0]
    return info


_POSITION_READERS = {"B": "get_byte", "H": "get_ushort", "i": "get_int", "I": "get_uint"}


class SafeHashReader(OrderedHashReader):  # type: ignore[misc]
    """A term file whose extras (field map, key index) are read as plain data."""

    def _read_extras(self) -> None:
        dbfile = self.dbfile
        try:
            extras = unpickle.load(dbfile.file)
        except EOFError:
            extras = {}
        if not isinstance(extras, dict):
            raise UnsafeIndexData("a term file's extras are not a table")
        self.extras = extras
        # What OrderedHashReader sets up after its extras: the key index.
        indextype = extras.get("indextype", "q")
        reader = _POSITION_READERS.get(indextype, "get_long")
        if indextype not in _POSITION_READERS and indextype != "q":
            raise UnsafeIndexData("a term file's key index is of an unknown type")
        if type(extras.get("indexlen")) is not int:
            raise UnsafeIndexData("a term file's key index has no length")
        self.indexbase = dbfile.tell()
        self.indexlen = extras["indexlen"]
        self.indexsize = struct.calcsize(indextype)
        self._get_pos = getattr(dbfile, reader)


class SafeLeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Posting blocks and their headers read as plain data."""

    def _goto(self, position: int) -> None:
        postfile = self._postfile
        self._data: Any = None
        self._ids: Any = None
        self._weights: Any = None
        self._values: Any = None
        self._i = 0
        postfile.seek(position)
        length = postfile.read_int()
        if length < 0:
            self._lastblock = True
            length *= -1
        self._nextoffset = position + _INT_SIZE + length
        info = unpickle.load(postfile.file)
        self._dataoffset = postfile.tell()
        if not (isinstance(info, tuple) and len(info) == 6):
            raise UnsafeIndexData("a posting block header is not six numbers")
        (
            self._blocklength,
            self._maxid,
            self._maxweight,
            self._compression,
            mnlen,
            mxlen,
        ) = info
        self._minlength = byte_to_length(mnlen)
        self._maxlength = byte_to_length(mxlen)

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        block: Any = unpickle.loads(data)
        if not (isinstance(block, tuple) and len(block) == 3):
            raise UnsafeIndexData("a posting block is not three columns")
        self._data = block


class _SafeCursor(W3FieldCursor):  # type: ignore[misc]
    def term_info(self) -> Any:
        if self._pos is None:
            return None
        return _term_info(self._tindex.dbfile.get(self._datapos, self._datalen))


class SafeTermsReader(W3TermsReader):  # type: ignore[misc]
    """A segment's terms, term infos and postings, read as plain data."""

    def __init__(self, codec: Any, dbfile: Any, length: int, postfile: Any) -> None:
        self._codec = codec
        self._dbfile = dbfile
        self._tindex = SafeHashReader(dbfile, length)
        fieldmap = self._tindex.extras.get("fieldmap")
        if not isinstance(fieldmap, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and 0 <= v < len(fieldmap)
            for k, v in fieldmap.items()
        ):
            raise UnsafeIndexData("a term file's field map is not a table of numbers")
        self._fieldmap = fieldmap
        self._postfile = postfile
        self._fieldunmap = [None] * len(fieldmap)
        for name, number in fieldmap.items():
            self._fieldunmap[number] = name

    def cursor(self, fieldname: str, fieldobj: Any) -> Any:
        return _SafeCursor(self._tindex, fieldname, self._keycoder, self._keydecoder, fieldobj)

    def items(self) -> Any:
        decode = self._keydecoder
        return ((decode(key), _term_info(value)) for key, value in self._tindex.items())

    def items_from(self, fieldname: str, prefix: bytes) -> Any:
        decode = self._keydecoder
        start = self._keycoder(fieldname, prefix)
        return ((decode(key), _term_info(value)) for key, value in self._tindex.items_from(start))

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        from whoosh.reading import TermNotFound

        try:
            return _term_info(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None


class _SafePickleReader(columns.WrappedColumnReader):  # type: ignore[misc]
    """Stored fields: a table of plain values per document."""

    def __getitem__(self, docnum: int) -> Any:
        value = self._child[docnum]
        return _stored(value) if value else None

    def __iter__(self) -> Any:
        for value in self._child:
            yield _stored(value) if value else None


def _stored(data: bytes) -> dict[str, Any]:
    found = unpickle.loads(data)
    if not isinstance(found, dict):
        raise UnsafeIndexData("a document's stored fields are not a table")
    return found


class SafePerDocReader(W3PerDocReader):  # type: ignore[misc]
    """Columns and stored fields of a segment; vectors read as plain data."""

    def column_reader(self, fieldname: str, column: Any) -> Any:
        if isinstance(column, columns.PickleColumn):
            return _SafePickleReader(super().column_reader(fieldname, column._child))
        if not isinstance(column, _COLUMN_TYPES):
            raise UnsafeIndexData(f"column {fieldname!r} is of a type nksearch never writes")
        return super().column_reader(fieldname, column)

    def vector(self, docnum: int, fieldname: str, format_: Any) -> Any:
        if self._vpostfile is None:
            self._prep_vectors()
        offset, length = self._vector_extent(docnum, fieldname)
        if not offset:
            raise UnsafeIndexData(f"field {fieldname!r} has no vector in document {docnum}")
        return SafeLeafMatcher(self._vpostfile, offset, length, format_, byteids=True)


class SafeCodec(W3Codec):  # type: ignore[misc]
    """Whoosh 3's codec, reading through the readers above."""

    def __reduce__(self) -> Any:
        return (W3Codec, (), dict(self.__dict__))

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return SafeLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return SafePerDocReader(storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        name = segment.make_filename(self.TERMS_EXT)
        length = storage.file_length(name)
        tifile = storage.open_file(name)
        postfile = segment.open_file(storage, self.POSTS_EXT)
        return SafeTermsReader(self, tifile, length, postfile)

    def new_segment(self, storage: Any, indexname: str) -> Any:
        return SafeSegment(self, indexname)


class SafeSegment(W3Segment):  # type: ignore[misc]
    """Whoosh 3's segment; its codec is always a :class:`SafeCodec`."""

    def __reduce__(self) -> Any:
        return (W3Segment, (self._codec, self.indexname), dict(self.__dict__))

    def codec(self, **kwargs: Any) -> Any:
        if not isinstance(self._codec, SafeCodec):
            raise UnsafeIndexData("a segment's codec is not Whoosh 3's")
        return self._codec

    def open_compound_file(self, storage: Any) -> Any:
        raise UnsafeIndexData("compound segment files are not read")


class SafePositions(Positions):  # type: ignore[misc]
    """The ``Positions`` format, its position lists read as plain data."""

    def __reduce__(self) -> Any:
        return (Positions, (), dict(self.__dict__))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Positions) and self.__dict__ == other.__dict__

    __hash__ = Positions.__hash__

    def decode_positions(self, valuestring: bytes) -> list[int]:
        if not valuestring.endswith(b"."):
            valuestring += b"."
        codes = unpickle.loads(valuestring[_INT_SIZE:])
        if not isinstance(codes, list):
            raise UnsafeIndexData("a position list is not a list")
        position = 0
        positions = []
        for code in codes:
            position += code
            positions.append(position)
        return positions


unpickle.use_substitutes(
    {
        ("whoosh.codec.whoosh3", "W3Codec"): SafeCodec,
        ("whoosh.codec.whoosh3", "W3Segment"): SafeSegment,
        ("whoosh.formats", "Positions"): SafePositions,
    }
)
