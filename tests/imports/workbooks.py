"""Member lists as Excel files, built in code with openpyxl, good or broken on purpose."""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
from collections.abc import Sequence
from typing import Any

import xlwt
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from daihoi.imports.columns import COLUMNS

HEADERS = [column.header for column in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def person(**fields: Any) -> dict[str, Any]:
    """Return one valid row by header; fields override it (keys: header names or field keys)."""
    by_key = {column.key: column.header for column in COLUMNS}
    row: dict[str, Any] = {
        "Họ và tên": "Nguyễn Thị Bình",
        "Giới tính": "Nữ",
        "Ngày sinh": datetime.date(1985, 3, 8),
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Đảng viên": "Có",
        "Ngày vào Đảng": "19/05/2010",
        "Trình độ học vấn": "Đại học",
        "Trình độ chuyên môn": "Cử nhân Kinh tế",
        "Chức vụ": "Chuyên viên",
        "Nơi làm việc": "Văn phòng Sở",
        "Ngày vào Công đoàn": "01/07/2008",
        "Số thẻ đoàn viên": "",
        "Số điện thoại": "0912 345 678",
        "Mã đơn vị": "",
    }
    for name, value in fields.items():
        row[by_key.get(name, name)] = value
    return row


def people(count: int, **fields: Any) -> list[dict[str, Any]]:
    """Return count valid rows, distinct by member number and by name with birth date."""
    family = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
    given = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nga")
    rows = []
    for i in range(count):
        name = f"{family[i % len(family)]} Văn {given[(i // len(family)) % len(given)]}"
        rows.append(
            person(
                **{
                    "Họ và tên": name,
                    "Giới tính": "Nam",
                    "Ngày sinh": datetime.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                    "Số thẻ đoàn viên": f"T-{i + 1:05d}",
                    **fields,
                }
            )
        )
    return rows


def varied(header: str, values: Sequence[Any], **fields: Any) -> list[dict[str, Any]]:
    """Return one valid, distinct row per value, with that value in the column header."""
    rows = people(len(values), **fields)
    for row, value in zip(rows, values, strict=True):
        row[header] = value
    return rows


def workbook_bytes(
    rows: Sequence[dict[str, Any] | Sequence[Any]],
    *,
    headers: Sequence[str] = HEADERS,
    title_rows: Sequence[Sequence[Any]] = (),
    sheet_title: str = "Đoàn viên",
    extra_sheets: Sequence[str] = (),
) -> bytes:
    """Write the rows below a header row (and title rows above it) as .xlsx bytes.

    A row is a dict by header (missing headers are empty cells) or a list in header order.
    Strings starting with "=" become formulas, as when typed in Excel.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    for title in title_rows:
        sheet.append(list(title))
    sheet.append(list(headers))
    for index, row in enumerate(rows, start=1):
        if isinstance(row, dict):
            values = [row.get(header, "") for header in headers]
            if "STT" in headers and "STT" not in row:
                values[list(headers).index("STT")] = index
        else:
            values = list(row)
        sheet.append([None if value == "" else value for value in values])
    for name in extra_sheets:
        book.create_sheet(name)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """Write rows (the first is the header) as a minimal OpenDocument spreadsheet.

    A cell given as ("formula", "value") holds a formula and the value it last computed.
    """
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = []
    for row in rows:
        cells = []
        for cell in row:
            formula, value = cell if isinstance(cell, tuple) else ("", cell)
            attr = f' table:formula="of:{formula}"' if formula else ""
            cells.append(
                f'<table:table-cell{attr} office:value-type="string">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="Đoàn viên">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    mime = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mime)  # first and stored, as the format asks
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return out.getvalue()


def upload(data: bytes, name: str = "doan-vien.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


# --------------------------------------------------------------------------- hostile files

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Đoàn viên" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
    b'/spreadsheetml/2006/main">'
)


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: dict[int, list[str]], *, dimension: str = "") -> bytes:
    """Return a sheet's XML: rows by number, each a list of cells (text_cell ...)."""
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return SHEET_START + f"{head}<sheetData>{body}</sheetData></worksheet>".encode()


def list_sheet(count: int = 2, *, dimension: str = "") -> bytes:
    """Return the XML of a valid member list of count people (inline strings)."""
    rows = {1: [text_cell("A1", "Họ và tên"), text_cell("B1", "Giới tính")]}
    for i in range(count):
        rows[i + 2] = [text_cell(f"A{i + 2}", f"Nguyễn Văn Số{i}"), text_cell(f"B{i + 2}", "Nam")]
    return sheet_xml(rows, dimension=dimension)


def raw_xlsx(
    sheet: bytes,
    *,
    shared_strings: bytes | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Write a minimal .xlsx around a sheet's XML written by hand (hostile files are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        shared = _SHARED_REL if shared_strings is not None else ""
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=shared))
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def shared_strings_xml(texts: Sequence[str]) -> bytes:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'
    ).encode()


def declare_size(data: bytes, entry: str, size: int) -> bytes:
    """Return a zip whose entry declares size bytes unpacked (a bomb that lies about its size)."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(entry)
        end = raw.rfind(b"PK\x05\x06")
        directory = int.from_bytes(raw[end + 16 : end + 20], "little")
    raw[info.header_offset + 22 : info.header_offset + 26] = size.to_bytes(4, "little")
    at = directory
    while raw[at : at + 4] == b"PK\x01\x02":
        name_length = int.from_bytes(raw[at + 28 : at + 30], "little")
        extra = int.from_bytes(raw[at + 30 : at + 32], "little")
        comment = int.from_bytes(raw[at + 32 : at + 34], "little")
        if raw[at + 46 : at + 46 + name_length].decode() == entry:
            raw[at + 24 : at + 28] = size.to_bytes(4, "little")
        at += 46 + name_length + extra + comment
    return bytes(raw)


def formatted_empty_rows(rows: int, *, columns: int = 17, members: int = 0) -> bytes:
    """Return a sheet's XML: a header, members, then rows with a style and no value.

    As Excel writes a list whose fill or borders were applied down to row 1,048,576.
    """
    letters = [chr(65 + i) for i in range(columns)]
    body = [f'<row r="1">{text_cell("A1", "Họ và tên")}{text_cell("B1", "Giới tính")}</row>']
    for r in range(2, members + 2):
        cells = text_cell(f"A{r}", f"Nguyễn Văn Số{r}") + text_cell(f"B{r}", "Nam")
        body.append(f'<row r="{r}">{cells}</row>')
    for r in range(members + 2, members + rows + 2):
        cells = "".join(f'<c r="{c}{r}" s="1"/>' for c in letters)
        body.append(f'<row r="{r}" s="1" customFormat="1">{cells}</row>')
    return SHEET_START + ("<sheetData>" + "".join(body) + "</sheetData></worksheet>").encode()


# --------------------------------------------------------------------------- old .xls files


def xls_bytes(rows: Sequence[Sequence[Any]], *, far_cell: bool = False) -> bytes:
    """Write rows as an Excel 97-2003 .xls (BIFF8 in an OLE2 file); far_cell adds one at IV65536."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Đoàn viên")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    if far_cell:
        sheet.write(65535, 255, "x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Ole2:
    """The layout of an OLE2 file written by xlwt, to break it on purpose (512-byte sectors)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        fat_sectors = struct.unpack_from("<I", data, 0x2C)[0]
        self.difat = struct.unpack_from("<109I", data, 0x4C)[:fat_sectors]
        self.directory = struct.unpack_from("<I", data, 0x30)[0]
        # The Workbook stream: xlwt writes it first, from sector 0, in one run of sectors.
        self.workbook = 0

    def offset(self, sector: int) -> int:
        return 512 + sector * self.sector

    def with_next_sector(self, sector: int, following: int) -> bytes:
        """Return the file with the sector chain changed: sector is followed by following."""
        fat_sector, index = divmod(sector, self.sector // 4)
        raw = bytearray(self.data)
        struct.pack_into("<I", raw, self.offset(self.difat[fat_sector]) + 4 * index, following)
        return bytes(raw)

    def record(self, kind: int) -> int:
        """Return the offset of the first BIFF record of this kind in the Workbook stream."""
        at = self.offset(self.workbook)
        while True:
            found, length = struct.unpack_from("<HH", self.data, at)
            if found == kind:
                return at
            at += 4 + length

    def with_record_field(self, kind: int, offset: int, fmt: str, value: int) -> bytes:
        """Return the file with a field of a BIFF record (from its header) set to value."""
        raw = bytearray(self.data)
        struct.pack_into(fmt, raw, self.record(kind) + offset, value)
        return bytes(raw)
