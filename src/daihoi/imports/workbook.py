"""Read the first sheet of an uploaded workbook (.xlsx, .xls, .ods) with python-calamine.

Every check that can refuse a file without reading it comes first: its size, then its first
bytes (a zip holding a workbook, or an OLE2 file), then the zip itself (daihoi.imports.archive:
what it unpacks to, the extent of the cells, the longest text), and only then calamine, in a
child process under a memory limit (daihoi.imports.parsing). Calamine returns the values Excel
last computed, not formulas, so formula cells are found by the archive's scan of the sheet's
XML (.xlsx, .ods); in .xls they are read as their values.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings

from daihoi.imports import archive, messages, parsing
from daihoi.imports.errors import ImportFileError
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
# The stream that makes an OLE2 file a workbook (BIFF8, BIFF5), named in its directory.
WORKBOOK_MARKS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))

__all__ = ["MAX_ROWS", "Cell", "ImportFileError", "Sheet", "read_workbook", "sniff"]


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


def too_large(head: bytes) -> str:
    """Say that a file is over the size limit, and why when its first bytes tell (formatting)."""
    limit = size_label(max_bytes())
    last = archive.list_end_before_formatting(head)
    if last is None:
        return messages.FILE_TOO_LARGE.format(limit=limit)
    return messages.FILE_TOO_LARGE_FORMATTED.format(
        limit=limit, last=number_vi(last), next=number_vi(last + 1)
    )


def sniff(source: IO[bytes], *, name: str, size: int) -> str:
    """Return the kind of file (xlsx, ods, xls) from its size and first bytes, or refuse it."""
    if size == 0:
        raise ImportFileError(messages.FILE_EMPTY.format(name=name))
    if size > max_bytes():
        source.seek(0)
        head = source.read(archive.HEAD_BYTES)
        source.seek(0)
        raise ImportFileError(too_large(head))
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    if head.startswith(ZIP_MAGIC):
        archive.check_entry_count(source, name=name)
        try:
            with zipfile.ZipFile(source) as book:
                names = set(book.namelist())
                # Read only when it is as short as it must be: it could be a bomb, too.
                small = "mimetype" in names and book.getinfo("mimetype").file_size < 200
                mimetype = book.read("mimetype") if small else b""
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
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


def read_workbook(
    source: IO[bytes],
    *,
    name: str,
    size: int,
    max_rows: int | None = None,
    unpacked_limit: int | None = None,
    progress: archive.Progress | None = None,
) -> Sheet:
    """Return the first worksheet of a workbook, with its formula cells; refuse what is not one.

    max_rows: rows of a list (a header and a few title rows may stand above them).
    progress(bytes unpacked, bytes in all) follows the archive's scan.
    """
    kind = sniff(source, name=name, size=size)
    max_rows = MAX_ROWS if max_rows is None else max_rows
    limit = max_rows + 20
    formulas: set[tuple[int, int]] = set()
    formulas_of = 0
    unpacked = size  # an .xls is not compressed
    if kind != "xls":
        scan = archive.scan_workbook(
            source, name=name, kind=kind, limit=unpacked_limit, progress=progress
        )
        formulas, formulas_of = scan.formulas, scan.sheet_index
        unpacked = scan.unpacked
        if scan.rows > limit:
            raise ImportFileError(_too_many_rows(scan.sheet_name, scan.rows, max_rows))
    source.seek(0)
    data = source.read()
    try:
        index, sheet_name, rows = parsing.parse_first_sheet(
            data, max_rows=limit, limit=parsing.memory_for(unpacked)
        )
    except parsing.ParseFailed as failure:
        if kind == "xls":
            kind = "xls" if any(mark in data for mark in WORKBOOK_MARKS) else "ole2"
        message = _parse_failure(failure, name=name, kind=kind, max_rows=max_rows)
        raise ImportFileError(message) from None
    finally:
        source.seek(0)
    return Sheet(name=sheet_name, rows=rows, formulas=formulas if index == formulas_of else set())


def _too_many_rows(sheet: str, rows: int, max_rows: int) -> str:
    return messages.TOO_MANY_ROWS.format(
        sheet=sheet, rows=number_vi(rows), limit=number_vi(max_rows)
    )


def _parse_failure(failure: parsing.ParseFailed, *, name: str, kind: str, max_rows: int) -> str:
    reason, detail = failure.reason, failure.detail
    if reason == parsing.LOCKED:
        return messages.FILE_LOCKED.format(name=name)
    if reason == parsing.NO_SHEET:
        return messages.NO_SHEET.format(name=name)
    if reason == parsing.TOO_MANY_ROWS:
        return _too_many_rows(str(detail[0]), int(detail[1]), max_rows)
    if reason == parsing.TOO_WIDE:
        rows, columns = int(detail[1]), int(detail[2])
        return messages.SHEET_TOO_WIDE.format(
            name=name,
            cell=archive.cell_name(rows, columns),
            rows=number_vi(rows),
            columns=number_vi(columns),
        )
    if reason == parsing.UNREADABLE:
        if kind == "ole2":  # an Office file with no workbook inside (a .doc renamed)
            return messages.NOT_A_SPREADSHEET.format(name=name)
        if kind == "xls":
            return messages.XLS_UNREADABLE.format(name=name)
        return messages.FILE_UNREADABLE.format(name=name)
    if kind in ("xls", "ole2"):
        return messages.XLS_MEMORY.format(name=name)
    return messages.PARSE_MEMORY.format(name=name)
