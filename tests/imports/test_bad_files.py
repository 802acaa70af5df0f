"""Every bad file of issue 2, uploaded as a user does: a clear message, and nothing written.

Wrong columns, bad dates, NFD text, TCVN3 and VNI text, a formula cell, an empty sheet, a 50 MB
file, a file that is not Excel at all (and a few more: damaged, locked, too many rows).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import unicodedata
import zipfile
from typing import Any
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from openpyxl import Workbook
from tests.imports.workbooks import people, person, upload, workbook_bytes

from daihoi.imports import messages
from daihoi.imports.legacy import unicode_to_tcvn3, unicode_to_vni
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.units.models import Member
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class BadFileTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)
        self.members_before = Member.objects.count()
        self.url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})

    def tearDown(self) -> None:
        assert Member.objects.count() == self.members_before, "something was written"

    def post(self, data: bytes, name: str = "doan-vien.xlsx") -> Any:
        return self.client.post(self.url, {"file": upload(data, name)})

    def assert_refused(self, data: bytes, message: str, name: str = "doan-vien.xlsx") -> None:
        """The upload page comes back with the message; no job, no file kept."""
        response = self.post(data, name)
        self.assertContains(response, message)
        assert not ImportJob.objects.exists()

    def preview(self, data: bytes) -> ImportJob:
        response = self.post(data)
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("import_job", kwargs={"job_id": job.pk}))
        return job

    def assert_problem_shown(self, job: ImportJob, *expected: tuple[int, str, str]) -> None:
        """The preview lists each (row, column, message) and the Nhập button is disabled."""
        response = self.client.get(reverse("import_job", kwargs={"job_id": job.pk}))
        for row, column, message in expected:
            self.assertContains(response, f'<td class="num">{row}</td>')
            self.assertContains(response, column)
            self.assertContains(response, message)
        self.assertContains(response, "disabled")
        confirm = self.client.post(reverse("import_confirm", kwargs={"job_id": job.pk}))
        assert confirm.status_code == 302
        self.assertContains(self.client.get(confirm["Location"]), messages.NOT_READY)
        job.refresh_from_db()
        assert job.status == ImportStatus.PREVIEWED

    # ------------------------------------------------------------------ the file as a whole

    def test_wrong_columns(self) -> None:
        data = workbook_bytes([["Nguyễn Văn An", "1980"]], headers=["Tên", "Năm sinh"])
        self.assert_refused(
            data,
            messages.MISSING_COLUMNS.format(
                sheet="Đoàn viên", columns="“Họ và tên”, “Giới tính”", rows=10
            ),
        )

    def test_an_empty_sheet(self) -> None:
        book = Workbook()
        book.active.title = "Sheet1"  # type: ignore[union-attr]
        out = io.BytesIO()
        book.save(out)
        self.assert_refused(out.getvalue(), messages.SHEET_EMPTY.format(sheet="Sheet1"))

    def test_a_header_without_rows(self) -> None:
        self.assert_refused(workbook_bytes([]), messages.NO_ROWS.format(sheet="Đoàn viên"))

    def test_a_fifty_megabyte_file(self) -> None:
        data = b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)
        with mock.patch("daihoi.imports.services.start_import") as start:
            self.assert_refused(data, messages.FILE_TOO_LARGE.format(limit="20 MB"))
        start.assert_not_called()  # refused by the upload handler, before the view read it

    def test_form_fields_over_djangos_limit_get_a_message_not_a_400(self) -> None:
        # DATA_UPLOAD_MAX_MEMORY_SIZE counts the fields that are not files.
        response = self.client.post(self.url, {"ghi_chu": "x" * (11 * 1024 * 1024)})
        assert response.status_code == 200
        self.assertContains(response, messages.FORM_TOO_LARGE)

    def test_a_file_just_over_the_limit_without_a_length_in_advance(self) -> None:
        # The request's length is within the envelope; the bytes counted decide.
        with override_settings(DAIHOI_MAX_IMPORT_BYTES=1024):
            data = workbook_bytes(people(3))  # about 6 KB
            self.assert_refused(data, messages.FILE_TOO_LARGE.format(limit="1 KB"))

    def test_a_file_that_is_not_excel_at_all(self) -> None:
        for name, data in (
            ("danh-sach.xlsx", "Họ và tên,Giới tính\nNguyễn Văn An,Nam\n".encode()),
            ("anh.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
            ("to-trinh.docx", _docx()),
            (
                "cu.xls",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            ),  # an OLE2 file, not a book
        ):
            with self.subTest(name):
                self.assert_refused(data, messages.NOT_A_SPREADSHEET.format(name=name), name)

    def test_an_empty_file(self) -> None:
        self.assert_refused(b"", messages.FILE_EMPTY.format(name="rong.xlsx"), "rong.xlsx")

    def test_a_damaged_workbook(self) -> None:
        data = workbook_bytes(people(2))
        broken = _replace_in_zip(data, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row")
        self.assert_refused(broken, messages.FILE_UNREADABLE.format(name="doan-vien.xlsx"))

    def test_a_workbook_locked_with_a_password(self) -> None:
        data = (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le")
        )
        self.assert_refused(data, messages.FILE_LOCKED.format(name="doan-vien.xlsx"))

    def test_more_rows_than_one_import_takes(self) -> None:
        with mock.patch("daihoi.imports.workbook.MAX_ROWS", 5):
            self.assert_refused(
                workbook_bytes(people(30)),
                messages.TOO_MANY_ROWS.format(sheet="Đoàn viên", rows="31", limit="5"),
            )

    def test_no_file_chosen(self) -> None:
        self.assertContains(self.client.post(self.url, {}), messages.FILE_REQUIRED)

    # ------------------------------------------------------------------ rows

    def test_bad_dates(self) -> None:
        rows = people(3)
        rows[1]["Ngày sinh"] = "31/02/1985"
        rows[2]["Ngày vào Công đoàn"] = "2008"
        job = self.preview(workbook_bytes(rows))
        self.assert_problem_shown(
            job,
            (3, "Ngày sinh", messages.DATE_IMPOSSIBLE.format(value="31/02/1985")),
            (4, "Ngày vào Công đoàn", messages.DATE_YEAR_ONLY.format(value="2008")),
        )
        assert (job.rows_read, job.rows_valid, job.rows_with_errors) == (3, 1, 2)

    def test_a_formula_cell(self) -> None:
        rows = people(2)
        rows[1]["Ngày sinh"] = "=DATE(1985,3,8)"
        job = self.preview(workbook_bytes(rows))
        self.assert_problem_shown(job, (3, "Ngày sinh", "Ô chứa công thức"))

    def test_a_text_cell_that_reads_like_a_formula(self) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Họ và tên", "Giới tính"])
        sheet.append(["Nguyễn Văn An", "Nam"])
        sheet.append(["=B2", "Nam"])
        sheet["A3"].data_type = "s"  # text, as a file converted from CSV keeps it
        out = io.BytesIO()
        book.save(out)
        job = self.preview(out.getvalue())
        self.assert_problem_shown(job, (3, "Họ và tên", messages.FORMULA))

    # ------------------------------------------------------------------ text to convert

    def assert_clean_preview(self, job: ImportJob, *, warnings: int) -> None:
        assert (job.status, job.rows_with_errors, job.rows_with_warnings) == (
            ImportStatus.PREVIEWED,
            0,
            warnings,
        )

    def test_decomposed_unicode_text_is_normalized_silently(self) -> None:
        nfd = unicodedata.normalize("NFD", "Nguyễn Thị Bình")
        job = self.preview(workbook_bytes([person(**{"Họ và tên": nfd})]))
        self.assert_clean_preview(job, warnings=0)
        self.members_before += 1  # confirmed below: one member, in NFC
        self.client.post(reverse("import_confirm", kwargs={"job_id": job.pk}))
        member = Member.objects.get(unit=self.w.unit, full_name="Nguyễn Thị Bình")
        assert unicodedata.is_normalized("NFC", member.full_name)
        assert (member.ho, member.ten_dem, member.ten) == ("Nguyễn", "Thị", "Bình")

    def test_tcvn3_text_is_converted_and_shown_as_a_warning(self) -> None:
        rows = [{h: unicode_to_tcvn3(v) if isinstance(v, str) else v for h, v in person().items()}]
        assert rows[0]["Họ và tên"] == "NguyÔn ThÞ B×nh"
        job = self.preview(workbook_bytes(rows))
        self.assert_clean_preview(job, warnings=1)
        response = self.client.get(reverse("import_job", kwargs={"job_id": job.pk}))
        self.assertContains(response, "TCVN3 (ABC, phông .VnTime)")
        self.assertContains(response, "“NguyÔn ThÞ B×nh” → “Nguyễn Thị Bình”")

    def test_vni_text_is_converted_and_shown_as_a_warning(self) -> None:
        rows = [{h: unicode_to_vni(v) if isinstance(v, str) else v for h, v in person().items()}]
        assert rows[0]["Họ và tên"] == "Nguyeãn Thò Bình"
        job = self.preview(workbook_bytes(rows))
        self.assert_clean_preview(job, warnings=1)
        response = self.client.get(reverse("import_job", kwargs={"job_id": job.pk}))
        self.assertContains(response, "VNI (phông VNI-Times)")
        self.assertContains(response, "“Nguyeãn Thò Bình” → “Nguyễn Thị Bình”")


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _replace_in_zip(data: bytes, member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == member else source.read(item))
    return out.getvalue()
