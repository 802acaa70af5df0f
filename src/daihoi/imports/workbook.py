"""Read the first sheet of an uploaded workbook (.xlsx, .xls, .ods) with python-calamine.

Every check that can refuse a file without reading it comes first: its size, then its first
bytes (a zip holding a workbook, or an OLE2 file), then calamine. Calamine returns the values
Excel last computed, not formulas, so formula cells are found separately in the sheet's XML
(.xlsx, .ods); in .xls they are read as their values.
"""

from __future__ import annotations

import bisect
import datetime
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO
from xml.etree import ElementTree

import python_calamine
from django.conf import settings

from daihoi.imports import messages
from daihoi.rules.numbers import number_vi

Cell = (
    str
    | int
    | float
    | bool
    | datetime.date
    | datetime.datetime
    | datetime.time
    | datetime.timedelta
)

MAX_ROWS = 200_000
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An Office file encrypted with a password is an OLE2 container holding this stream.
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Sheet:
    """The cells of one sheet from A1: rows[i][j] is row i + 1, column j (0: A)."""

    name: str
    rows: list[list[Cell]]
    formulas: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, column)


def max_bytes() -> int:
    return int(settings.DAIHOI_MAX_IMPORT_BYTES)


def size_label(size: int) -> str:
    """Write a size the way people read it: "20 MB", "512 KB"."""
    if size >= 1024 * 1024:
        return f"{number_vi(round(size / (1024 * 1024)))} MB"
    return f"{number_vi(max(1, round(size / 1024)))} KB"


def sniff(source: IO[bytes], *, name: str, size: int) -> str:
    """Return the kind of file (xlsx, ods, xls) from its size and first bytes, or refuse it."""
    if size == 0:
        raise ImportFileError(messages.FILE_EMPTY.format(name=name))
    if size > max_bytes():
        raise ImportFileError(messages.FILE_TOO_LARGE.format(limit=size_label(max_bytes())))
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(source) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError):
            raise ImportFileError(messages.FILE_UNREADABLE.format(name=name)) from None
        finally:
            source.seek(0)
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsx"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "ods"
        raise ImportFileError(messages.NOT_A_SPREADSHEET.format(name=name))
    if head == OLE2_MAGIC:
        if ENCRYPTED_MARK in source.read():
            source.seek(0)
            raise ImportFileError(messages.FILE_LOCKED.format(name=name))
        source.seek(0)
        return "xls"
    raise ImportFileError(messages.NOT_A_SPREADSHEET.format(name=name))


def read_workbook(source: IO[bytes], *, name: str, size: int) -> Sheet:
    """Return the first worksheet of a workbook, with its formula cells; refuse what is not one."""
    kind = sniff(source, name=name, size=size)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(source)
    except python_calamine.PasswordError:
        raise ImportFileError(messages.FILE_LOCKED.format(name=name)) from None
    except Exception:  # calamine raises several kinds for a damaged or foreign file
        if kind == "xls":
            raise ImportFileError(messages.NOT_A_SPREADSHEET.format(name=name)) from None
        raise ImportFileError(messages.FILE_UNREADABLE.format(name=name)) from None
    try:
        index = _first_worksheet(book)
        if index is None:
            raise ImportFileError(messages.NO_SHEET.format(name=name))
        sheet_name = book.sheet_names[index]
        try:
            sheet = book.get_sheet_by_index(index)
        except Exception:
            raise ImportFileError(messages.FILE_UNREADABLE.format(name=name)) from None
        if sheet.height > MAX_ROWS + 20:  # a header and a few title rows above it
            raise ImportFileError(
                messages.TOO_MANY_ROWS.format(
                    sheet=sheet_name, rows=number_vi(sheet.height), limit=number_vi(MAX_ROWS)
                )
            )
        rows = sheet.to_python(skip_empty_area=False)
    finally:
        book.close()
    formulas: set[tuple[int, int]] = set()
    source.seek(0)
    if kind == "xlsx":
        formulas = xlsx_formula_cells(source, index)
    elif kind == "ods":
        formulas = ods_formula_cells(source, index)
    return Sheet(name=sheet_name, rows=rows, formulas=formulas)


def _first_worksheet(book: python_calamine.CalamineWorkbook) -> int | None:
    for index, meta in enumerate(book.sheets_metadata):
        if (
            meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            and meta.visible == python_calamine.SheetVisibleEnum.Visible
        ):
            return index
    return None


# --------------------------------------------------------------------------- formula cells

_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)([0-9]+)\"")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 2048


def cell_position(letters: str, number: str) -> tuple[int, int]:
    """Return the 0-based (row, column) of a reference such as ("AB", "12")."""
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(number) - 1, column - 1


def xlsx_formula_cells(source: IO[bytes], sheet_index: int) -> set[tuple[int, int]]:
    """Return the cells of a sheet that hold a formula (a <f> element in the sheet's XML).

    The XML is scanned in chunks, so a sheet of 200,000 rows is never held whole; a sheet
    without formulas costs one regular-expression pass.
    """
    found: set[tuple[int, int]] = set()
    with zipfile.ZipFile(source) as archive:
        path = _xlsx_sheet_path(archive, sheet_index)
        if path is None:
            return found
        with archive.open(path) as stream:
            tail = b""
            for chunk in _chunks(stream):
                data = tail + chunk
                # A plain search for "<f" / ":f" first (memchr speed); the regex confirms.
                if (b"<f" in data or b":f" in data) and _FORMULA_TAG.search(data):
                    refs = [(m.start(), m.group(1), m.group(2)) for m in _CELL_REF.finditer(data)]
                    starts = [start for start, _, _ in refs]
                    for tag in _FORMULA_TAG.finditer(data):
                        at = bisect.bisect(starts, tag.start()) - 1
                        if at >= 0:
                            _, letters, number = refs[at]
                            found.add(cell_position(letters.decode(), number.decode()))
                # A tag cut by the chunk boundary is whole in the overlap; a cell seen twice
                # is the same cell, kept once by the set.
                tail = data[-_OVERLAP:]
    return found


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _xlsx_sheet_path(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    """Return the zip path of the n-th sheet of the workbook, in the workbook's order."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        # The stdlib parser loads no external entities, and expat >= 2.4.1 caps entity
        # expansion ("billion laughs"); Python 3.12 ships expat 2.5.
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError):
        return None
    sheets = workbook.findall(f"{main}sheets/{main}sheet")
    if sheet_index >= len(sheets):
        return None
    rel_id = sheets[sheet_index].get(f"{rel_ns}id")
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


_ODS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_formula_cells(source: IO[bytes], sheet_index: int) -> set[tuple[int, int]]:
    """Return the cells of an OpenDocument sheet that hold a formula (table:formula)."""
    found: set[tuple[int, int]] = set()
    with zipfile.ZipFile(source) as archive:
        with archive.open("content.xml") as stream:
            tail = b""
            for chunk in _chunks(stream):
                if b"table:formula" in tail + chunk:
                    break
                tail = chunk[-_OVERLAP:]
            else:
                return found
        with archive.open("content.xml") as stream:
            table_index = -1
            row = 0
            column = 0
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
                    row += int(element.get(f"{_ODS}number-rows-repeated", "1"))
                    element.clear()
                elif event == "end" and tag in (f"{_ODS}table-cell", f"{_ODS}covered-table-cell"):
                    if element.get(f"{_ODS}formula"):
                        found.add((row, column))
                    column += int(element.get(f"{_ODS}number-columns-repeated", "1"))
    return found
