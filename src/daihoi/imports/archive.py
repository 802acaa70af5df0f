"""Look inside a workbook's zip before any parser opens it, so a hostile file costs nothing.

A 1.5 KB .xlsx with cells at A1 and XFD3000 asks a parser for a grid of 49 million cells; a
deflate bomb or 5 GiB of spaces packed into a few MB asks it to inflate all of it; one cell of
400 MiB is held whole. Three layers keep a web process safe:

1. ``check_archive`` (in the request, instantly): the zip's directory alone. How many entries,
   how large they say they are once unpacked, and how much they say they shrank (the ratio).
2. ``scan_workbook`` (in the request for a small file, in the background otherwise): every
   entry inflated here, in chunks, with the bytes counted, so a size that lies is found
   (the inflate is stopped one byte past what the entry declared). The sheet's XML is read for
   its declared dimension, the real extent of the cells that hold a value, its formula cells
   and its longest text; the shared strings for their longest text.
3. daihoi.imports.parsing: the parser itself runs in a child process under a memory limit.

Stdlib only; every refusal is an ImportFileError with a Vietnamese message.
"""

from __future__ import annotations

import bisect
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO
from xml.etree import ElementTree

from daihoi.imports import messages
from daihoi.imports.errors import ImportFileError
from daihoi.rules.numbers import number_vi

MIB = 1024 * 1024
# What a list of 200,000 members unpacks to, with room: 100,000 rows are 62 MB of sheet XML.
MAX_UNPACKED = 256 * MIB
# Sheet XML shrinks about 10 times, formatted empty rows up to ~60; 5 GiB of spaces 1,000.
MAX_RATIO = 200
RATIO_FROM = MIB  # smaller entries may shrink as they like: they cannot cost much
MAX_ENTRIES = 5000
# The grid a parser builds spans the cells holding a value: its rows times its columns.
MAX_COLUMNS = 256
MAX_CELLS = 4_000_000
# Excel holds at most 32,767 characters in a cell (<= 98 KB in UTF-8): a longer text is not
# a cell a person typed. Found by a window of the XML without any "<" (see _longest_text).
TEXT_WINDOW = 128 * 1024
CHUNK = 4 * MIB
WORKBOOK_PART = MIB  # the list of sheets and its links: a few KB in any real workbook
_OVERLAP = 2048

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Archive:
    """What a workbook's zip directory says: its entries and their total size unpacked."""

    kind: str  # xlsx, ods
    unpacked: int


@dataclass
class Scan:
    """What one pass over a workbook's XML found (rows and columns counted from 1)."""

    dimension: tuple[int, int] = (0, 0)  # the sheet's own claim (xlsx <dimension>)
    rows: int = 0  # the last row holding a value
    columns: int = 0  # the last column holding a value
    formulas: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, column)
    unpacked: int = 0
    sheet_index: int = 0  # which sheet: the first visible worksheet
    sheet_name: str = ""


# --------------------------------------------------------------------------- the directory


def end_record_entries(source: IO[bytes]) -> int | None:
    """Return how many entries the zip's end record announces (read before the directory)."""
    source.seek(0, 2)
    size = source.tell()
    tail_size = min(size, 22 + 65535)
    source.seek(size - tail_size)
    tail = source.read(tail_size)
    source.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    return int(struct.unpack("<H", tail[at + 10 : at + 12])[0])


def check_entry_count(source: IO[bytes], *, name: str) -> None:
    """Refuse a zip announcing more entries than a workbook has (before its directory is read)."""
    entries = end_record_entries(source)
    if entries is None:
        raise ImportFileError(messages.FILE_UNREADABLE.format(name=name))
    if entries > MAX_ENTRIES:
        raise ImportFileError(
            messages.ARCHIVE_TOO_MANY_PARTS.format(name=name, count=number_vi(entries))
        )


def check_archive(source: IO[bytes], *, name: str, kind: str, limit: int | None = None) -> Archive:
    """Refuse a zip whose directory announces too many entries, too many bytes or a bomb."""
    limit = MAX_UNPACKED if limit is None else limit
    check_entry_count(source, name=name)
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(messages.FILE_UNREADABLE.format(name=name)) from None
    finally:
        source.seek(0)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limit:
        raise ImportFileError(unpacked_too_large(name, unpacked, limit, source))
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                messages.ARCHIVE_RATIO.format(
                    name=name, ratio=number_vi(info.file_size // max(info.compress_size, 1))
                )
            )
    return Archive(kind=kind, unpacked=unpacked)


def unpacked_too_large(name: str, unpacked: int, limit: int, source: IO[bytes]) -> str:
    size, most = number_vi(round(unpacked / MIB)), number_vi(limit // MIB)
    source.seek(0)
    last = list_end_before_formatting(source.read(HEAD_BYTES))
    source.seek(0)
    if last is None:
        return messages.ARCHIVE_TOO_LARGE.format(name=name, size=size, limit=most)
    return messages.ARCHIVE_TOO_LARGE_FORMATTED.format(
        name=name, size=size, limit=most, last=number_vi(last), next=number_vi(last + 1)
    )


# --------------------------------------------------------------------------- why a file is large

# A file refused for its size is most often a short list with formatting (a fill, borders)
# applied to the thousands of empty rows below it: each such row is written out, cell by cell,
# with no value. The first sheet's XML is sampled from the file's first HEAD_BYTES (all a
# refused upload keeps) to tell that apart from a list that is truly long.
HEAD_BYTES = 4 * MIB
SAMPLE_BYTES = 16 * MIB  # of XML; past a short list, tens of thousands of empty rows
FORMATTED_ROWS = 1000  # empty rows in a row at the end of the sample: formatting, not a list
_SKIP_INFLATED = 64 * MIB  # inflated to find the end of an entry of unknown size
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_ROW_TAGS = (b"<row ", b":row ")
_ROW_NUMBER = re.compile(rb'\br="([0-9]{1,7})"')


def list_end_before_formatting(head: bytes) -> int | None:
    """Return the last row holding a value when formatted empty rows make the file large.

    head: the file's first bytes (an .xlsx). None when the sample does not end in at least
    FORMATTED_ROWS rows without a value (a list that is long, or a file this cannot read).
    """
    sample = _first_sheet_sample(head)
    if not sample:
        return None
    # Plain searches (memchr speed) rather than a walk row by row: 16 MB in a few tens of ms.
    last = max(sample.rfind(tag) for tag in _VALUE_TAGS)
    empty_after = sum(sample.count(tag, max(last, 0)) for tag in _ROW_TAGS)
    if empty_after < FORMATTED_ROWS:
        return None
    if last < 0:
        return 0
    start = max(sample.rfind(tag, 0, last) for tag in _ROW_TAGS)
    number = _ROW_NUMBER.search(sample, start, sample.find(b">", start)) if start >= 0 else None
    return int(number.group(1)) if number else None


def _first_sheet_sample(head: bytes) -> bytes:
    """Return up to SAMPLE_BYTES of the first worksheet's XML, walking the local headers."""
    at = 0
    while head[at : at + 4] == b"PK\x03\x04" and at + 30 <= len(head):
        flags, method = struct.unpack("<HH", head[at + 6 : at + 10])
        compressed, _ = struct.unpack("<II", head[at + 18 : at + 26])
        name_length, extra_length = struct.unpack("<HH", head[at + 26 : at + 30])
        name = head[at + 30 : at + 30 + name_length].decode("utf-8", "replace")
        extra = head[at + 30 + name_length : at + 30 + name_length + extra_length]
        if compressed == 0xFFFFFFFF:
            compressed = _zip64_compressed_size(extra)
        start = at + 30 + name_length + extra_length
        if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or flags & 0x1:
            return b""
        if _SHEET_PART.fullmatch(name):
            data = head[start : start + compressed] if compressed else head[start:]
            if method == zipfile.ZIP_STORED:
                return data[:SAMPLE_BYTES]
            try:
                return zlib.decompressobj(-15).decompress(data, SAMPLE_BYTES)
            except zlib.error:
                return b""
        if compressed == 0 and flags & 0x8:  # size in a descriptor after the data: inflate
            if method == zipfile.ZIP_STORED:
                return b""
            inflater = zlib.decompressobj(-15)
            try:
                inflater.decompress(head[start:], _SKIP_INFLATED)
            except zlib.error:
                return b""
            if not inflater.eof:
                return b""
            # The descriptor (12 to 24 bytes) follows; the next entry's header after it.
            end = len(head) - len(inflater.unused_data)
            following = head.find(b"PK\x03\x04", end, end + 32)
            if following < 0:
                return b""
            compressed = following - start
        at = start + compressed
    return b""


def _zip64_compressed_size(extra: bytes) -> int:
    """Return the compressed size of a local header's zip64 extra field (0 when absent)."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack("<HH", extra[at : at + 4])
        if kind == 0x0001 and length >= 16:
            return int(struct.unpack("<Q", extra[at + 12 : at + 20])[0])
        at += 4 + length
    return 0


# --------------------------------------------------------------------------- inflating


def _inflate(
    source: IO[bytes], info: zipfile.ZipInfo, *, name: str, counted: Callable[[int], None]
) -> Iterator[bytes]:
    """Yield an entry's bytes unpacked, stopping at once when it holds more than it declares.

    The raw data is inflated here rather than by zipfile, which trusts the declared size (it
    cuts the output there), while another parser may not.
    """
    damaged = ImportFileError(messages.FILE_UNREADABLE.format(name=name))
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise damaged  # encrypted entries, or a compression no workbook uses
    source.seek(info.header_offset)
    header = source.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise damaged
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    source.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    out = 0
    crc = 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        if inflater is not None and inflater.unconsumed_tail:
            raw = inflater.unconsumed_tail
        else:
            raw = source.read(min(left, MIB))
            if not raw:
                raise damaged
            left -= len(raw)
        try:
            data = inflater.decompress(raw, CHUNK) if inflater is not None else raw
        except zlib.error:
            raise damaged from None
        if not data and inflater is not None and inflater.eof:
            break
        out += len(data)
        if out > info.file_size:
            raise damaged  # more than declared: a bomb that lies about its size
        crc = zlib.crc32(data, crc)
        counted(len(data))
        yield data
    if out != info.file_size or crc != info.CRC:
        raise damaged
    if inflater is not None and not inflater.eof:
        raise damaged


def _text_too_long(data: bytes) -> bool:
    """Tell whether data holds a window of TEXT_WINDOW bytes without any "<" (a huge text)."""
    for start in range(0, len(data) - TEXT_WINDOW + 1, TEXT_WINDOW // 2):
        if data.find(b"<", start, start + TEXT_WINDOW) < 0:
            return True
    return False


def _chunks(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Yield chunks with the end of the previous one in front (a tag cut in two is whole)."""
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        yield data
        tail = data[-_OVERLAP:]


# --------------------------------------------------------------------------- the scan

_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)([0-9]+)\"")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE_TAGS = (b"<v>", b"<v ", b"<is>", b":v>", b":is>")
_REF = re.compile(rb' r="([A-Z]{1,4})([0-9]{1,8})"')
_WIDE_REF = re.compile(rb' r="([A-Z]{2,4})[0-9]{1,8}"')
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension ref=\"([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?\"")


def column_number(letters: bytes | str) -> int:
    """Return the 1-based column of Excel letters: A -> 1, XFD -> 16,384."""
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def scan_workbook(
    source: IO[bytes],
    *,
    name: str,
    kind: str,
    limit: int | None = None,
    progress: Progress | None = None,
) -> Scan:
    """Inflate every entry of a workbook once, counting bytes, and read its first sheet's extent.

    Raises ImportFileError when the archive lies about its sizes, unpacks past limit, or holds
    a text or a grid no member list has.
    """
    limit = MAX_UNPACKED if limit is None else limit
    archive_info = check_archive(source, name=name, kind=kind, limit=limit)
    scan = Scan()
    total = archive_info.unpacked
    done = [0]

    def counted(size: int) -> None:
        done[0] += size
        if done[0] > limit:
            raise ImportFileError(unpacked_too_large(name, done[0], limit, source))
        if progress:
            progress(done[0], total)

    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
    sheet_path = "content.xml"
    texts = {sheet_path, "xl/sharedStrings.xml"}
    if kind == "xlsx":
        with zipfile.ZipFile(source) as archive:
            first = _first_sheet(archive)
        if first is not None:
            scan.sheet_index, scan.sheet_name, sheet_path = first
            texts.add(sheet_path)
    for info in infos:
        chunks = _inflate(source, info, name=name, counted=counted)
        if kind == "xlsx" and info.filename == sheet_path:
            _scan_xlsx_sheet(_chunks(chunks), scan, name=name)
        elif info.filename in texts:
            for data in _chunks(chunks):
                if _text_too_long(data):
                    raise ImportFileError(messages.TEXT_TOO_LONG.format(name=name))
        else:
            for _ in chunks:
                pass
    source.seek(0)
    if kind == "ods":
        _scan_ods(source, scan, name=name)
    scan.unpacked = done[0]
    check_extent(scan, name=name)
    return scan


def check_extent(scan: Scan, *, name: str) -> None:
    """Refuse a sheet whose cells holding a value span more than a member list ever does."""
    rows, columns = scan.rows, scan.columns
    if columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise ImportFileError(
            messages.SHEET_TOO_WIDE.format(
                name=name,
                cell=cell_name(rows, columns),
                rows=number_vi(rows),
                columns=number_vi(columns),
            )
        )


def cell_name(row: int, column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters or 'A'}{max(row, 1)}"


def _scan_xlsx_sheet(chunks: Iterator[bytes], scan: Scan, *, name: str) -> None:
    first = True
    for data in chunks:
        if first:
            first = False
            if match := _DIMENSION.search(data, 0, 64 * 1024):
                letters, number = match.group(3) or match.group(1), match.group(4) or match.group(2)
                scan.dimension = (int(number), column_number(letters))
        if _text_too_long(data):
            raise ImportFileError(messages.TEXT_TOO_LONG.format(name=name))
        # The last cell holding a value in this chunk: rows come in order, so its row is the
        # sheet's last so far.
        last_value = max(data.rfind(tag) for tag in _VALUE_TAGS)
        if last_value >= 0:
            ref = data.rfind(b' r="', 0, last_value)
            if ref >= 0 and (match := _REF.match(data, ref)):
                scan.rows = max(scan.rows, int(match.group(2)))
                scan.columns = max(scan.columns, column_number(match.group(1)))
        # Columns past Z are rare in a member list: each such cell is looked at.
        for match in _WIDE_REF.finditer(data):
            column = column_number(match.group(1))
            if column <= scan.columns:
                continue
            close = data.find(b">", match.end())
            if close > 0 and data[close - 1 : close] != b"/":
                scan.columns = column
        # Formula cells: a plain search for "<f" / ":f" first (memchr speed); the regex confirms.
        if (b"<f" in data or b":f" in data) and _FORMULA_TAG.search(data):
            refs = [(m.start(), m.group(1), m.group(2)) for m in _CELL_REF.finditer(data)]
            starts = [start for start, _, _ in refs]
            for tag in _FORMULA_TAG.finditer(data):
                at = bisect.bisect(starts, tag.start()) - 1
                if at >= 0:
                    _, letters, number = refs[at]
                    scan.formulas.add((int(number) - 1, column_number(letters) - 1))
        scan.columns = max(scan.columns, 1 if scan.rows else 0)


def _first_sheet(archive: zipfile.ZipFile) -> tuple[int, str, str] | None:
    """Return the index, name and zip path of the first visible worksheet (calamine's pick)."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    parts = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
    if any(archive.getinfo(p).file_size > WORKBOOK_PART for p in parts if p in archive.NameToInfo):
        return None
    try:
        # The stdlib parser loads no external entities, and expat >= 2.4.1 caps entity
        # expansion ("billion laughs"); Python 3.12 ships expat 2.5. zipfile inflates no more
        # than an entry declares, and these two declare little (WORKBOOK_PART).
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error):
        return None
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in rels
        if rel.get("Type", "").endswith("/worksheet")
    }
    for index, sheet in enumerate(workbook.findall(f"{main}sheets/{main}sheet")):
        target = targets.get(sheet.get(f"{rel_ns}id"))
        if target is None or sheet.get("state", "visible") != "visible":
            continue
        name = sheet.get("name", "")
        if target.startswith("/"):
            return index, name, target.lstrip("/")
        return index, name, str(PurePosixPath("xl") / target)
    return None


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _scan_ods(source: IO[bytes], scan: Scan, *, name: str, sheet_index: int = 0) -> None:
    """Read an OpenDocument sheet's extent (repeated rows and cells counted) and formulas."""
    with zipfile.ZipFile(source) as archive, archive.open("content.xml") as stream:
        table_index = -1
        row = 0
        column = 0
        try:
            events = ElementTree.iterparse(stream, events=("start", "end"))  # noqa: S314
            for event, element in events:
                tag = element.tag
                if event == "start" and tag == f"{_ODS}table":
                    table_index += 1
                    row = 0
                if table_index != sheet_index:
                    if event == "end":
                        element.clear()
                    continue
                if event == "start" and tag == f"{_ODS}table-row":
                    column = 0
                elif event == "end" and tag == f"{_ODS}table-row":
                    repeat = int(element.get(f"{_ODS}number-rows-repeated", "1"))
                    if len(element) and any(c.get(f"{_OFFICE}value-type") for c in element):
                        scan.rows = row + repeat
                    row += repeat
                    element.clear()
                elif event == "end" and tag in (f"{_ODS}table-cell", f"{_ODS}covered-table-cell"):
                    repeat = int(element.get(f"{_ODS}number-columns-repeated", "1"))
                    if element.get(f"{_OFFICE}value-type"):
                        scan.columns = max(scan.columns, column + repeat)
                    if element.get(f"{_ODS}formula"):
                        scan.formulas.add((row, column))
                    column += repeat
                    if scan.columns > MAX_COLUMNS or row > MAX_CELLS:
                        break
        except (ElementTree.ParseError, ValueError):
            raise ImportFileError(messages.FILE_UNREADABLE.format(name=name)) from None
    source.seek(0)
