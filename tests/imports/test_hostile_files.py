"""Workbooks built to exhaust a web process (issue 9): refused before a parser builds them.

A 1.5 KB file with cells at A1 and XFD3000 (2 GB), a deflate bomb (3.4 GB), 5 GiB of spaces,
one cell of 400 MiB: each is refused with a Vietnamese message saying what to do, from the
zip's directory or a streamed scan, and the parser runs in a child process under a memory cap.
The sizes here are small copies of those files; bench/bench_hostile_workbooks.py runs the real
ones and measures memory and time.
"""

from __future__ import annotations

import io
import random
import shutil
import tempfile
import zipfile
from typing import Any
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from tests.imports.workbooks import (
    Ole2,
    declare_size,
    formatted_empty_rows,
    list_sheet,
    ods_bytes,
    people,
    raw_xlsx,
    shared_strings_xml,
    sheet_xml,
    text_cell,
    upload,
    workbook_bytes,
    xls_bytes,
)

from daihoi.imports import archive, messages, parsing, services
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.imports.workbook import ImportFileError, read_workbook
from daihoi.units.models import Member
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")
NAME = "doan-vien.xlsx"


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes each entry's sizes after its data."""

    def __init__(self, out: io.BytesIO) -> None:
        self.out = out

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return self.out.write(data)

    def flush(self) -> None:
        pass


def read(data: bytes, **options: Any) -> Any:
    return read_workbook(io.BytesIO(data), name=NAME, size=len(data), **options)


def refusal(data: bytes, **options: Any) -> str:
    """Return the message a file is refused with; the parser must not have been started."""
    with mock.patch.object(parsing, "parse_first_sheet") as parser:
        try:
            read(data, **options)
        except ImportFileError as error:
            parser.assert_not_called()
            return error.message
    raise AssertionError("the file was not refused")


def corner_cells() -> bytes:
    return raw_xlsx(
        sheet_xml(
            {1: [text_cell("A1", "Họ và tên")], 3000: [text_cell("XFD3000", "x")]},
            dimension="A1:XFD3000",
        )
    )


class ArchiveCheckTests(TestCase):
    def test_cells_at_a1_and_xfd3000_are_refused_before_parsing(self) -> None:
        data = corner_cells()
        assert len(data) < 2000
        assert refusal(data) == messages.SHEET_TOO_WIDE.format(
            name=NAME, cell="XFD3000", rows="3.000", columns="16.384"
        )

    def test_a_declared_dimension_alone_is_not_trusted_nor_refused(self) -> None:
        """Formatting can make Excel declare A1:XFD1048576; the cells holding values decide."""
        sheet = read(raw_xlsx(list_sheet(3, dimension="A1:XFD1048576")))
        assert [row[:2] for row in sheet.rows] == [
            ["Họ và tên", "Giới tính"],
            ["Nguyễn Văn Số0", "Nam"],
            ["Nguyễn Văn Số1", "Nam"],
            ["Nguyễn Văn Số2", "Nam"],
        ]

    def test_formatted_empty_cells_far_away_do_not_count_as_extent(self) -> None:
        sheet = list_sheet(2).replace(
            b"</sheetData>", b'<row r="900"><c r="XFD900" s="1"/></row></sheetData>'
        )
        assert len(read(raw_xlsx(sheet)).rows) == 3

    def test_a_deflate_bomb_is_refused_from_the_zip_directory(self) -> None:
        sheet = list_sheet(1).replace(b"<sheetData>", b"<sheetData>" + b" " * (3 * 1024 * 1024))
        data = raw_xlsx(sheet)
        with mock.patch.object(archive, "_inflate") as inflate:
            message = refusal(data)
        inflate.assert_not_called()  # nothing was unpacked to know it
        assert message.startswith(messages.ARCHIVE_RATIO.format(name=NAME, ratio="")[:40])
        assert "lần" in message

    def test_what_unpacks_past_the_limit_is_refused_from_the_zip_directory(self) -> None:
        data = workbook_bytes(people(300))
        with mock.patch.object(archive, "MAX_UNPACKED", 20_000):
            message = refusal(data)
        assert message.startswith(f"Tệp “{NAME}” khi giải nén ra khoảng")
        assert messages.REMOVE_FORMATTING in message

    def test_what_unpacks_large_from_formatted_empty_rows_is_told_to_delete_them(self) -> None:
        """Excel deflates those rows about 60 times: a few MB unpack past the limit."""
        data = raw_xlsx(formatted_empty_rows(20_000, members=25))
        with mock.patch.object(archive, "MAX_UNPACKED", 1024 * 1024):
            message = refusal(data)
        assert message.startswith(f"Tệp “{NAME}” khi giải nén ra khoảng")
        assert message.endswith(messages.FORMATTED_EMPTY_ROWS.format(last="26", next="27"))

    def test_the_scan_that_finds_more_than_declared_gives_the_same_advice(self) -> None:
        data = raw_xlsx(formatted_empty_rows(20_000, members=25))
        with mock.patch.object(archive, "check_archive") as directory:
            directory.return_value = archive.Archive(kind="xlsx", unpacked=1000)
            with mock.patch.object(archive, "MAX_UNPACKED", 1024 * 1024):
                message = refusal(data)
        assert message.endswith(messages.FORMATTED_EMPTY_ROWS.format(last="26", next="27"))

    def test_the_end_of_a_list_is_found_in_the_first_bytes_of_any_zip_layout(self) -> None:
        sheet = formatted_empty_rows(30_000, members=300)
        stored = raw_xlsx(sheet, compression=zipfile.ZIP_STORED)
        streamed = io.BytesIO()
        with zipfile.ZipFile(_Unseekable(streamed), "w", zipfile.ZIP_DEFLATED) as book:
            for part in zipfile.ZipFile(io.BytesIO(stored)).infolist():
                book.writestr(part.filename, zipfile.ZipFile(io.BytesIO(stored)).read(part))
        assert zipfile.ZipFile(streamed).infolist()[0].flag_bits & 0x8  # sizes after the data
        for label, data in (
            ("deflated", raw_xlsx(sheet)),
            ("stored, cut at the head", stored[: archive.HEAD_BYTES]),
            ("data descriptors", streamed.getvalue()),
        ):
            with self.subTest(label):
                assert archive.list_end_before_formatting(data[: archive.HEAD_BYTES]) == 301
        long_list = raw_xlsx(list_sheet(40_000), compression=zipfile.ZIP_STORED)
        assert archive.list_end_before_formatting(long_list[: archive.HEAD_BYTES]) is None
        few_empty = raw_xlsx(formatted_empty_rows(900, members=10))
        assert archive.list_end_before_formatting(few_empty) is None
        for junk in (b"", b"PK\x03\x04", b"PK\x03\x04" + b"\xff" * 40, stored[:100]):
            assert archive.list_end_before_formatting(junk) is None

    def test_an_entry_inflating_past_the_size_it_declares_is_refused(self) -> None:
        """A bomb that lies: the directory says 1 KB, the data inflates to 30 MB."""
        sheet = list_sheet(1).replace(b"<sheetData>", b"<sheetData>" + b" " * (30 * 1024 * 1024))
        data = declare_size(raw_xlsx(sheet), "xl/worksheets/sheet1.xml", 1024)
        unpacked: list[int] = []
        real = archive._inflate

        def counting(*args: Any, **kwargs: Any) -> Any:
            for chunk in real(*args, **kwargs):
                unpacked.append(len(chunk))
                yield chunk

        with mock.patch.object(archive, "_inflate", counting):
            assert refusal(data) == messages.FILE_UNREADABLE.format(name=NAME)
        assert sum(unpacked) < 5 * 1024 * 1024  # stopped at once, not after 30 MB

    def test_a_text_longer_than_excel_allows_is_refused(self) -> None:
        shared = shared_strings_xml(["Họ và tên", " " * (300 * 1024)])
        sheet = sheet_xml(
            {1: ['<c r="A1" t="s"><v>0</v></c>'], 2: ['<c r="A2" t="s"><v>1</v></c>']}
        )
        assert refusal(raw_xlsx(sheet, shared_strings=shared)) == messages.TEXT_TOO_LONG.format(
            name=NAME
        )
        inline = sheet_xml({1: [text_cell("A1", "x" * (300 * 1024))]})
        assert refusal(raw_xlsx(inline)) == messages.TEXT_TOO_LONG.format(name=NAME)

    def test_rows_past_the_limit_are_refused_before_parsing(self) -> None:
        assert refusal(raw_xlsx(list_sheet(40)), max_rows=10) == messages.TOO_MANY_ROWS.format(
            sheet="Đoàn viên", rows="41", limit="10"
        )

    def test_an_ods_with_repeated_cells_across_the_sheet_is_refused(self) -> None:
        data = _edit_ods(
            ods_bytes([["Họ và tên", "Giới tính"], ["An", "Nam"]]),
            b"<table:table-cell office:value-type",
            b'<table:table-cell table:number-columns-repeated="16000" office:value-type',
        )
        assert refusal(data).startswith(f"Trang tính của tệp “{NAME}” có dữ liệu trải tới ô")

    def test_a_zip_announcing_thousands_of_parts_is_refused(self) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as book:
            book.writestr("xl/workbook.xml", "")
            for i in range(archive.MAX_ENTRIES + 1):
                book.writestr(f"x/{i}", "")
        assert refusal(out.getvalue()) == messages.ARCHIVE_TOO_MANY_PARTS.format(
            name=NAME, count="5.002"
        )


def _edit_ods(data: bytes, old: bytes, new: bytes) -> bytes:
    """Return an ODS whose content.xml has its first old replaced by new."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "content.xml":
                content = content.replace(old, new, 1)
            target.writestr(info, content)
    return out.getvalue()


class MemoryLimitTests(TestCase):
    def test_the_parser_runs_in_a_child_under_a_memory_limit(self) -> None:
        """One short text referenced by 40,000 cells: 800 MB once parsed, from a 210 KB file."""
        shared = shared_strings_xml(["Họ và tên", "x" * 20_000])
        cells = {r: [f'<c r="A{r}" t="s"><v>1</v></c>'] for r in range(2, 40_002)}
        cells[1] = ['<c r="A1" t="s"><v>0</v></c>']
        data = raw_xlsx(sheet_xml(cells), shared_strings=shared)
        assert len(data) < 300_000
        with self.assertRaises(ImportFileError) as caught:
            read(data)  # its share: 192 MB + 12 times its 2 MB of XML
        assert caught.exception.message == messages.PARSE_MEMORY.format(name=NAME)

    def test_a_good_list_parses_in_the_child_with_its_dates_and_numbers(self) -> None:
        sheet = read(workbook_bytes(people(3)))
        assert sheet.name == "Đoàn viên"
        assert sheet.rows[1][1] == "Nguyễn Văn An"
        assert str(sheet.rows[1][3]) == "1970-01-01"


@override_settings(MEDIA_ROOT=MEDIA)
class LargeUnpackedFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_small_upload_that_unpacks_large_is_checked_in_the_background(self) -> None:
        data = workbook_bytes(people(30))
        assert len(data) < services.inline_bytes()
        with override_settings(DAIHOI_IMPORT_INLINE_UNPACKED=1000):
            with self.captureOnCommitCallbacks() as started:
                job = services.start_import(
                    unit=self.w.unit, user=self.w.officer, upload=upload(data)
                )
        assert len(started) == 1 and job.status == ImportStatus.PENDING
        services.check_job(job.pk)
        job.refresh_from_db()
        assert (job.status, job.rows_valid) == (ImportStatus.PREVIEWED, 30)

    def test_the_progress_bar_shows_the_unpacking_while_a_large_file_is_scanned(self) -> None:
        job = ImportJob.objects.create(unit=self.w.unit, user=self.w.officer, original_name=NAME)
        services.ProgressFile(job.pk, counts=services.BYTES)(100 * 1024 * 1024, 400 * 1024 * 1024)
        self.client.force_login(self.w.officer)
        response = self.client.get(reverse("import_job", kwargs={"job_id": job.pk}))
        self.assertContains(response, "Đang giải nén và kiểm tra tệp: 100 MB / 400 MB (25%)")
        self.assertContains(response, '<progress max="419430400" value="104857600">')

    def test_a_hostile_file_is_refused_in_the_request_from_its_directory(self) -> None:
        """400 MiB of one cell in a small file: refused before anything is stored or run."""
        sheet = list_sheet(1).replace(b"<sheetData>", b"<sheetData>" + b" " * (3 * 1024 * 1024))
        with self.assertRaises(ImportFileError):
            services.start_import(
                unit=self.w.unit, user=self.w.officer, upload=upload(raw_xlsx(sheet))
            )
        assert not ImportJob.objects.exists()

    def test_twenty_two_mb_of_formatted_empty_rows_get_the_advice_to_remove_the_formatting(
        self,
    ) -> None:
        """Issue 9: 22 MB of formatted empty rows were told to split the list."""
        sheet = formatted_empty_rows(60_000, members=40)
        data = raw_xlsx(sheet, compression=zipfile.ZIP_STORED)
        assert len(data) > 20 * 1024 * 1024
        self.client.force_login(self.w.officer)
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(url, {"file": upload(data)})
        advice = messages.FILE_TOO_LARGE_FORMATTED.format(limit="20 MB", last="41", next="42")
        self.assertContains(response, advice)
        assert "chia" not in advice.replace("Không cần chia nhỏ", "")
        assert not Member.objects.filter(unit=self.w.unit).exists()

    def test_a_list_truly_too_long_keeps_the_advice_that_names_both_causes(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        data = raw_xlsx(list_sheet(3000), compression=zipfile.ZIP_STORED)
        with override_settings(DAIHOI_MAX_IMPORT_BYTES=100_000):
            response = self.client.post(url, {"file": upload(data)})
        self.assertContains(response, messages.FILE_TOO_LARGE.format(limit="98 KB"))


XLS_NAME = "doan-vien.xls"
XLS_ROWS = [["Họ và tên", "Giới tính"], ["Nguyễn Văn An", "Nam"], ["Lò Thị Mai", "Nữ"]]
# BIFF8 records broken below (MS-XLS 2.3): their type, and what a field at an offset means.
BOUNDSHEET, DIMENSIONS, SST = 0x85, 0x200, 0xFC


def xls_refusal(data: bytes) -> str:
    try:
        read_workbook(io.BytesIO(data), name=XLS_NAME, size=len(data))
    except ImportFileError as error:
        return error.message
    raise AssertionError("the .xls was read")


@override_settings(MEDIA_ROOT=MEDIA)
class OldXlsTests(TestCase):
    """An .xls has no zip to look into first: its parser (calamine, in the child process
    under a memory cap) meets whatever a damaged or crafted file holds. Each is refused with a
    Vietnamese message, never a 500, and within the child's time (no hang)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.good = xls_bytes(XLS_ROWS)

    def test_a_good_xls_is_read(self) -> None:
        sheet = read_workbook(io.BytesIO(self.good), name=XLS_NAME, size=len(self.good))
        assert sheet.rows == XLS_ROWS

    def test_a_damaged_or_crafted_xls_is_refused_with_what_to_do(self) -> None:
        good, ole = self.good, Ole2(self.good)
        unreadable = messages.XLS_UNREADABLE.format(name=XLS_NAME)
        memory = messages.XLS_MEMORY.format(name=XLS_NAME)
        not_a_book = messages.NOT_A_SPREADSHEET.format(name=XLS_NAME)
        sector_shift = bytearray(good)
        sector_shift[0x1E:0x20] = (30).to_bytes(2, "little")
        cases = {
            # Cut short: the directory (at the end) is lost with the name of the workbook.
            "truncated": (good[: len(good) // 2], not_a_book),
            "noise after the OLE2 signature": (
                good[:8] + random.Random(9).randbytes(4000),
                not_a_book,
            ),
            "the workbook's sectors in a loop": (ole.with_next_sector(0, 0), unreadable),
            "the directory's sectors in a loop": (
                ole.with_next_sector(ole.directory, ole.directory),
                memory,
            ),
            "sectors of 1 GiB": (bytes(sector_shift), unreadable),
            "a record running past the stream": (
                ole.with_record_field(SST, 2, "<H", 0xFFFF),
                unreadable,
            ),
            "a sheet beyond the stream": (
                ole.with_record_field(BOUNDSHEET, 4, "<I", 0xFFFFFF00),
                memory,
            ),
            "a sheet claiming 4 billion rows": (
                ole.with_record_field(DIMENSIONS, 8, "<I", 0xFFFFFFFF),
                memory,
            ),
            "a real cell at IV65536": (xls_bytes(XLS_ROWS, far_cell=True), memory),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                assert xls_refusal(data) == message
        # What was broken is what the labels say: the workbook starts at sector 0 (a BOF).
        assert good[ole.offset(0) : ole.offset(0) + 2] == b"\x09\x08"
        assert ole.with_next_sector(0, 0) != good

    def test_random_damage_to_an_xls_never_raises_anything_but_a_refusal(self) -> None:
        chance = random.Random(2026)
        for trial in range(25):
            raw = bytearray(self.good)
            for _ in range(20):
                raw[chance.randrange(512, len(raw))] = chance.randrange(256)
            with self.subTest(trial=trial):
                try:
                    sheet = read_workbook(io.BytesIO(raw), name=XLS_NAME, size=len(raw))
                except ImportFileError as error:
                    assert error.message.startswith(("Tệp “", "Không đọc được tệp “"))
                else:
                    assert isinstance(sheet.rows, list)

    def test_a_crafted_xls_uploaded_is_refused_on_the_page_and_nothing_is_kept(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        data = Ole2(self.good).with_next_sector(0, 0)
        response = self.client.post(url, {"file": upload(data, XLS_NAME)})
        assert response.status_code == 200
        self.assertContains(response, messages.XLS_UNREADABLE.format(name=XLS_NAME))
        assert not ImportJob.objects.exists()
