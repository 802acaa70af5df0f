"""Past activities imported from Excel: template, every row's problems named, all or nothing."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from daihoi.activities.models import Contribution, Initiative, SheetImport
from daihoi.units.testing import build_world


def workbook(header: list[str], *rows: list[Any], title: str = "Danh sách") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CONTRIBUTION_HEADER = ["STT", "Ngày", "Loại đóng góp", "Nội dung", "Số tiền (đồng)"]
INITIATIVE_HEADER = [
    "STT",
    "Tên sáng kiến",
    "Tác giả",
    "Năm công nhận",
    "Cấp công nhận",
    "Đã áp dụng",
]


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def url(self, name: str, kind: str, **more: int) -> str:
        return reverse(name, kwargs={"unit_id": self.w.unit.pk, "kind": kind, **more})

    def upload(self, kind: str, content: bytes) -> SheetImport:
        response = self.client.post(
            self.url("activities_import_upload", kind),
            {"file": SimpleUploadedFile("so-lieu.xlsx", content)},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        return SheetImport.objects.latest("id")

    def test_the_template_has_the_columns_and_imports_back(self) -> None:
        response = self.client.get(self.url("activities_import_template", "tu-thien"))
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        assert [c.value for c in sheet[1]] == CONTRIBUTION_HEADER
        assert book.sheetnames[1] == "Hướng dẫn"
        sheet.append(
            [1, "01/03/2019", "Xây, sửa mái ấm công đoàn", "Mái ấm cho Lò Văn A", 60000000]
        )
        out = io.BytesIO()
        book.save(out)
        upload = self.upload("tu-thien", out.getvalue())
        assert upload.can_confirm and upload.rows_read == 1

    def test_every_rows_problems_are_listed_by_row_and_column_and_nothing_is_written(
        self,
    ) -> None:
        content = workbook(
            CONTRIBUTION_HEADER,
            [1, "01/03/2019", "Xây, sửa mái ấm công đoàn", "Mái ấm", "60.000.000"],
            [2, "01/03/2019", "Xây nhà", "Mái ấm", "60,5"],
            [3, "31/02/2019", "Quỹ từ thiện, ủng hộ", "", 0],
            [4, datetime.date(2019, 3, 1), "tu-thien", "Ủng hộ\u202e", 1000],
        )
        upload = self.upload("tu-thien", content)
        problems = {(p["row"], p["column"]): p["message"] for p in upload.problems}
        assert problems[(3, "Số tiền (đồng)")].startswith("Số tiền: nhập số đồng")
        assert problems[(4, "Ngày")].startswith("Ngày: ")
        assert problems[(5, "Nội dung")].startswith("Nội dung: có ký tự không nhìn thấy")
        assert (upload.rows_with_errors, upload.can_confirm, upload.rows) == (3, False, [])
        page = self.client.get(
            self.url("activities_import_preview", "tu-thien", import_id=upload.pk)
        )
        self.assertContains(page, "Còn 3 dòng có lỗi")
        self.assertContains(page, "(cột E)")
        response = self.client.post(
            self.url("activities_import_confirm", "tu-thien", import_id=upload.pk)
        )
        assert response.status_code == 302
        assert not Contribution.objects.exists()

    def test_a_clean_file_is_imported_all_at_once_and_only_once(self) -> None:
        content = workbook(
            INITIATIVE_HEADER,
            [1, "Số hóa hồ sơ", "Lường Danh Vọng", 2018, "Cấp tỉnh", "Có"],
            [2, "Một cửa liên thông", "KT-0001", 2019, "cap co so", ""],
        )
        upload = self.upload("sang-kien", content)
        assert upload.can_confirm, upload.problems
        url = self.url("activities_import_confirm", "sang-kien", import_id=upload.pk)
        assert self.client.post(url).status_code == 302
        assert sorted(Initiative.objects.values_list("title", "year", "level", "applied")) == [
            ("Một cửa liên thông", 2019, "co-so", False),
            ("Số hóa hồ sơ", 2018, "tinh", True),
        ]
        self.client.post(url)
        assert Initiative.objects.count() == 2
        again = self.upload("sang-kien", content)
        messages = [p["message"] for p in again.problems]
        assert len(messages) == 2 and all("Đã có trong sổ" in m for m in messages)

    def test_the_english_preview_names_the_kind_in_english(self) -> None:
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        content = workbook(
            INITIATIVE_HEADER, [1, "Số hóa hồ sơ", "Lường Danh Vọng", 2018, "Cấp tỉnh", "Có"]
        )
        upload = self.upload("sang-kien", content)
        response = self.client.get(
            self.url("activities_import_preview", "sang-kien", import_id=upload.pk)
        )
        self.assertContains(response, "Ready to import 1 rows (initiative), all at once.")
        self.assertContains(response, "<h1>Check the file: Initiative</h1>", html=True)
        self.assertNotContains(response, "sáng kiến")

    def test_a_row_twice_in_the_file_is_refused(self) -> None:
        row = [1, "Số hóa hồ sơ", "Lường Danh Vọng", 2018, "Cấp tỉnh", "Có"]
        upload = self.upload("sang-kien", workbook(INITIATIVE_HEADER, row, row))
        assert [(p["row"], p["message"]) for p in upload.problems] == [
            (3, "Trùng với dòng 2 của tệp.")
        ]

    def test_a_change_since_the_preview_imports_nothing(self) -> None:
        content = workbook(
            INITIATIVE_HEADER,
            [1, "Số hóa hồ sơ", "Lường Danh Vọng", 2018, "Cấp tỉnh", "Có"],
            [2, "Một cửa", "Lường Danh Vọng", 2019, "Cấp tỉnh", "Có"],
        )
        upload = self.upload("sang-kien", content)
        self.w.member.member_number = ""
        self.w.member.full_name = "Lường Văn Khác"
        self.w.member.save()
        response = self.client.post(
            self.url("activities_import_confirm", "sang-kien", import_id=upload.pk), follow=True
        )
        self.assertContains(response, "Dữ liệu đã thay đổi từ lúc kiểm tra tệp (dòng 2")
        assert not Initiative.objects.exists()
        upload.refresh_from_db()
        assert not upload.is_imported

    def test_not_a_workbook_is_refused_as_a_whole(self) -> None:
        response = self.client.post(
            self.url("activities_import_upload", "de-tai"),
            {"file": SimpleUploadedFile("so-lieu.xlsx", b"khong phai bang tinh")},
        )
        self.assertContains(response, "không phải bảng tính", status_code=400)
        assert not SheetImport.objects.exists()

    def test_access_as_everywhere(self) -> None:
        upload = self.upload(
            "sang-kien",
            workbook(INITIATIVE_HEADER, [1, "Số hóa", "Lường Danh Vọng", 2018, "Cấp tỉnh", ""]),
        )
        preview = self.url("activities_import_preview", "sang-kien", import_id=upload.pk)
        confirm = self.url("activities_import_confirm", "sang-kien", import_id=upload.pk)
        self.client.force_login(self.w.viewer)
        assert self.client.get(preview).status_code == 200
        assert self.client.post(confirm).status_code == 403
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(preview).status_code == 404
        assert self.client.post(confirm).status_code == 404
        assert self.client.get(confirm).status_code == 405
        self.client.logout()
        assert self.client.get(preview).status_code == 302
        # Another unit's upload through one's own unit: 404.
        other = reverse(
            "activities_import_preview",
            kwargs={"unit_id": self.w.section.pk, "kind": "sang-kien", "import_id": upload.pk},
        )
        self.client.force_login(self.w.officer)
        assert self.client.get(other).status_code == 404
        assert not Initiative.objects.exists()
        upload_url = self.url("activities_import_upload", "sang-kien")
        self.client.force_login(self.w.viewer)
        assert self.client.get(upload_url).status_code == 403
        assert (
            self.client.get(self.url("activities_import_template", "sang-kien")).status_code == 200
        )
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(upload_url).status_code == 404
        self.client.force_login(self.w.upper)
        assert self.client.get(upload_url).status_code == 200
        assert self.client.get(self.url("activities_import_upload", "khong-co")).status_code == 404
