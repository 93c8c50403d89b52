"""Checking a Whoosh index file by file, the way ``CheckIndex`` checks Lucene's.

:func:`verify` reads one generation's folder as data and reports, per file,
what is wrong with it:

- the table of contents: readable through the restricted unpickler;
- the checksum list written with it (``opening.sums_name``): every file
  listed is there, of the size and CRC-32 recorded;
- each segment: its files present; its term file walked record by record to
  its end, every term's info decoded; every posting list decoded block by
  block (document numbers increasing and inside the segment, as many as
  the term's document frequency, the last block ending where the term info
  says); stored fields decoded for every document; each column of the
  exact size its document count implies; paths unique across segments.

It returns plain values: problems as ``(file name, what is wrong)`` pairs,
the live documents' ``{path: stamp}`` and counts. Wording and remedies are
the caller's.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from whoosh.codec.whoosh3 import STORED_COLUMN, W3Codec
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN
from whoosh.filedb.filetables import _lengths as _RECORD
from whoosh.index import TOC

from nksearch._whoosh import opening
from nksearch._whoosh.safecodec import SafeLeafMatcher, _term_info

INDEX_NAME = "MAIN"


@dataclass
class Verified:
    """What :func:`verify` found in a generation folder."""

    toc: str = ""
    segments: int = 0
    documents: int = 0
    stamps: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    checksums: bool = False  # whether a checksum list was there to compare with


def verify(folder: str) -> Verified:
    """Check every file of the Whoosh index in ``folder``."""
    found = Verified()
    storage = opening.DurableStorage(folder, readonly=True)
    generation = TOC._latest_generation(storage, INDEX_NAME)
    if generation < 0:
        found.problems.append((TOC._filename(INDEX_NAME, 0), "missing: no table of contents"))
        return found
    found.toc = TOC._filename(INDEX_NAME, generation)
    try:
        toc = opening.read_toc(storage, INDEX_NAME)
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((found.toc, f"unreadable ({_why(exc)})"))
        return found
    _check_sums(storage, generation, found)
    found.segments = len(toc.segments)
    for segment in toc.segments:
        _check_segment(storage, toc.schema, segment, found)
    return found


def _why(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:160] if text else type(exc).__name__


def _check_sums(storage: Any, generation: int, found: Verified) -> None:
    try:
        sums = opening.read_sums(storage, generation)
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((opening.sums_name(generation), f"unreadable ({_why(exc)})"))
        return
    if sums is None:
        return
    found.checksums = True
    for name, (size, crc) in sorted(sums.items()):
        path = storage._fpath(name)
        try:
            actual = opening.checksum(path)
        except FileNotFoundError:
            continue  # said once, as a missing file of its segment
        except OSError as exc:
            found.problems.append((name, f"unreadable ({exc.strerror})"))
            continue
        if actual[0] != size:
            found.problems.append((name, f"{actual[0]:,} bytes where {size:,} were written"))
        elif actual[1] != crc:
            found.problems.append((name, "its bytes changed since they were written (CRC-32)"))


def _check_segment(storage: Any, schema: Any, segment: Any, found: Verified) -> None:
    doccount = segment.doc_count_all()
    names = {ext: segment.make_filename(ext) for ext in (W3Codec.TERMS_EXT, W3Codec.POSTS_EXT)}
    for column in ("_stored", "path", "stamp"):
        names[column] = W3Codec.column_filename(segment, column)
    missing = [name for name in names.values() if not storage.file_exists(name)]
    for name in missing:
        found.problems.append((name, "missing"))
    if missing:
        return
    deleted = set(segment.deleted_docs())
    found.documents += doccount - len(deleted)
    _check_terms(storage, segment, schema, doccount, names, found)
    _check_columns(storage, segment, schema, doccount, deleted, found)


def _check_terms(
    storage: Any, segment: Any, schema: Any, doccount: int, names: dict[str, str], found: Verified
) -> None:
    terms_name, posts_name = names[W3Codec.TERMS_EXT], names[W3Codec.POSTS_EXT]
    try:
        terms = segment.codec().terms_reader(storage, segment)
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((terms_name, f"unreadable ({_why(exc)})"))
        return
    try:
        table = terms._tindex
        posts_size = storage.file_length(posts_name)
        formats = {
            number: schema[name].format
            for name, number in terms._fieldmap.items()
            if name in schema.names()
        }
        pos, end = table.startofdata, table.endofdata
        while pos < end:
            key_length, value_length = _RECORD.unpack(table.dbfile.get(pos, _RECORD.size))
            start = pos + _RECORD.size
            key = table.dbfile.get(start, key_length)
            value = table.dbfile.get(start + key_length, value_length)
            pos = start + key_length + value_length
            if len(key) != key_length or len(value) != value_length or pos > end:
                raise ValueError("a term record runs past the end of the terms")
            (number,) = struct.unpack("!H", key[:2])
            fmt = formats.get(number)
            if fmt is None:
                raise ValueError(f"a term of field number {number}, which the schema lacks")
            key[2:].decode("utf-8")
            info = _term_info(value)
            if info.is_inlined():
                ids: Any = info.inlined_postings()[0]
                if len(ids) != info.doc_frequency() or not all(0 <= d < doccount for d in ids):
                    raise ValueError("a term's inlined postings are not of its documents")
            else:
                problem = _check_postings(terms._postfile, info, fmt, doccount, posts_size)
                if problem:
                    found.problems.append((posts_name, problem))
                    return
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((terms_name, f"undecodable ({_why(exc)})"))
    finally:
        terms.close()


def _check_postings(postfile: Any, info: Any, fmt: Any, doccount: int, size: int) -> str | None:
    offset, length = info.extent()
    if offset < 0 or length <= 0 or offset + length > size:
        return f"a posting list runs past the end of the file ({size:,} bytes)"
    try:
        matcher = SafeLeafMatcher(postfile, offset, length, fmt)
        count, last = 0, -1
        while True:
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            ids = matcher._ids
            if len(ids) != matcher._blocklength or len(matcher._values) != len(ids):
                return "a posting block's columns are not of its length"
            for doc in ids:
                if not last < doc < doccount:
                    return "a posting list's document numbers are out of order or range"
                last = doc
            count += len(ids)
            if matcher._lastblock:
                break
            matcher._next_block()
        if count != info.doc_frequency() or matcher._nextoffset != offset + length:
            return "a posting list is not as long as its term says"
    except Exception as exc:  # a damaged file raises many types
        return f"undecodable ({_why(exc)})"
    return None


def _check_columns(
    storage: Any, segment: Any, schema: Any, doccount: int, deleted: set[int], found: Verified
) -> None:
    perdoc = segment.codec().per_document_reader(storage, segment)
    try:
        paths = _column(storage, perdoc, segment, "path", doccount, found)
        stamps = _column(storage, perdoc, segment, "stamp", doccount, found)
        for name in schema.names():
            if name not in ("path", "stamp") and perdoc.has_column(name):
                utf8 = not isinstance(schema[name], COLUMN)  # a bare column holds bytes
                _column(storage, perdoc, segment, name, doccount, found, text=utf8)
            lengths = f"_{name}_len"
            if perdoc.has_column(lengths):
                filename = W3Codec.column_filename(segment, lengths)
                if storage.file_length(filename) > doccount:
                    found.problems.append((filename, f"longer than its {doccount} documents"))
        _stored_fields(storage, perdoc, segment, doccount, found)
        if paths is not None and stamps is not None:
            for doc, (path, stamp) in enumerate(zip(paths, stamps, strict=True)):
                if doc in deleted:
                    continue
                text = path.decode("utf-8")
                if text in found.stamps:
                    name = W3Codec.column_filename(segment, "path")
                    found.problems.append((name, f"{text!r} is indexed twice"))
                found.stamps[text] = stamp.decode("utf-8")
    finally:
        perdoc.close()


def _column(
    storage: Any,
    perdoc: Any,
    segment: Any,
    name: str,
    doccount: int,
    found: Verified,
    text: bool = True,
) -> list[bytes] | None:
    """A column's values (UTF-8 text unless ``text`` is false), when its size is right."""
    filename = W3Codec.column_filename(segment, name)
    try:
        reader = perdoc.column_reader(name, VarBytesColumn())
        if not _sized(reader, doccount, storage.file_length(filename)):
            found.problems.append((filename, f"not the size its {doccount} documents imply"))
            return None
        values = list(reader)
        for value in values if text else ():
            value.decode("utf-8")
        return values
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((filename, f"undecodable ({_why(exc)})"))
        return None


def _sized(reader: Any, doccount: int, size: int) -> bool:
    """Whether a variable-length column's file is exactly as long as its parts."""
    lengths = reader._lengths
    trailer = len(lengths) * lengths.itemsize + 1
    if reader.had_stored_offsets:
        trailer += len(reader._offsets) * reader._offsets.itemsize + 2
    return len(lengths) == doccount and sum(lengths) + trailer == size


def _stored_fields(storage: Any, perdoc: Any, segment: Any, doccount: int, found: Verified) -> None:
    filename = W3Codec.column_filename(segment, "_stored")
    try:
        reader = perdoc.column_reader("_stored", STORED_COLUMN)
        if not _sized(reader._child, doccount, storage.file_length(filename)):
            found.problems.append((filename, f"not the size its {doccount} documents imply"))
            return
        for doc in range(doccount):
            if reader[doc] is None:
                raise ValueError(f"document {doc} has no stored fields")
    except Exception as exc:  # a damaged file raises many types
        found.problems.append((filename, f"undecodable ({_why(exc)})"))
