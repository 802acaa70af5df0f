"""Past title records imported from Excel and exported the same way (hồ sơ thành tích)."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from daihoi.activities.models import SheetImport
from daihoi.emulation.models import TitleRecord
from daihoi.units.testing import build_world

HEADER = [
    "STT",
    "Họ và tên",
    "Mã đoàn viên",
    "Tập thể",
    "Năm",
    "Danh hiệu, hình thức khen thưởng",
    "Số quyết định",
    "Ngày quyết định",
]


def workbook(*rows: list[Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class RecordSheetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def upload(self, content: bytes) -> SheetImport:
        url = reverse(
            "activities_import_upload",
            kwargs={"unit_id": self.w.unit.pk, "kind": "ho-so-thanh-tich"},
        )
        response = self.client.post(url, {"file": SimpleUploadedFile("ho-so.xlsx", content)})
        assert response.status_code == 302, response.content.decode()[:3000]
        return SheetImport.objects.latest("id")

    def confirm(self, upload: SheetImport) -> None:
        url = reverse(
            "activities_import_confirm",
            kwargs={
                "unit_id": self.w.unit.pk,
                "kind": "ho-so-thanh-tich",
                "import_id": upload.pk,
            },
        )
        assert self.client.post(url).status_code == 302

    def test_each_rows_problem_names_its_column_and_nothing_is_written(self) -> None:
        TitleRecord.objects.create(member=self.w.member, year=2018, title="lao-dong-tien-tien")
        upload = self.upload(
            workbook(
                [1, "Lường Danh Vọng", "", "", 2019, "Danh hiệu lạ", "12/QĐ", None],
                [2, "Lường Danh Vọng", "", "", 2019, "Tập thể lao động tiên tiến", "12/QĐ"],
                [3, "", "", "Công đoàn không có", 2019, "Tập thể lao động tiên tiến", "12/QĐ"],
                [4, "Lường Danh Vọng", "", "", 2019, "Lao động tiên tiến", ""],
                [5, "Lường Danh Vọng", "", "", 2018, "Lao động tiên tiến", "9/QĐ"],
                [6, "", "", "", 2019, "Lao động tiên tiến", "9/QĐ"],
                [7, "Trần Thị Hoa", "", "", 2019, "Lao động tiên tiến", "9/QĐ"],
                [8, "Lường Danh Vọng", "", "", 1900, "Lao động tiên tiến", "9/QĐ"],
            )
        )
        found = {(p["row"], p["column"]): p["message"] for p in upload.problems}
        column = "Danh hiệu, hình thức khen thưởng"
        assert "“Danh hiệu lạ” không có trong danh mục" in found[(2, column)]
        assert "là danh hiệu của tập thể" in found[(3, column)]
        assert found[(4, "Tập thể")].startswith("Tập thể: không có đơn vị “Công đoàn không có”")
        assert found[(5, "Số quyết định")].startswith("Số quyết định: ghi số quyết định")
        assert "đã có “Lao động tiên tiến” năm 2018" in found[(6, column)]
        assert found[(7, "Họ và tên")].startswith("Họ và tên: ghi họ và tên")
        assert "không tìm thấy đoàn viên “Trần Thị Hoa”" in found[(8, "Họ và tên")]
        assert found[(9, "Năm")].startswith("Năm: phải từ 1975")
        assert upload.rows_with_errors == 8 and not upload.can_confirm
        assert TitleRecord.objects.count() == 1

    def test_members_and_collectives_records_are_imported_then_exported_alike(self) -> None:
        upload = self.upload(
            workbook(
                [
                    1,
                    "Lường Danh Vọng",
                    "KT-0001",
                    "",
                    2019,
                    "Chiến sĩ thi đua cơ sở",
                    "125/QĐ-LĐLĐ",
                    "20/12/2019",
                ],
                [2, "", "", "T-LC-VC-CT-VP", 2019, "Tập thể lao động xuất sắc", "126/QĐ-LĐLĐ"],
                [3, "", "", "Công đoàn bộ phận Văn phòng Sở", 2020, "Giấy khen", "7/QĐ"],
            )
        )
        assert upload.can_confirm, upload.problems
        self.confirm(upload)
        records = {
            (r.member_id, r.unit_id, r.year, r.title, r.source) for r in TitleRecord.objects.all()
        }
        assert records == {
            (self.w.member.pk, None, 2019, "chien-si-thi-dua-co-so", "125/QĐ-LĐLĐ ngày 20/12/2019"),
            (None, self.w.section.pk, 2019, "tap-the-lao-dong-xuat-sac", "126/QĐ-LĐLĐ"),
            (None, self.w.section.pk, 2020, "giay-khen", "7/QĐ"),
        }
        TitleRecord.objects.create(
            member=self.w.sibling_member, year=2019, title="lao-dong-tien-tien"
        )
        response = self.client.get(
            reverse("unit_records_export", kwargs={"unit_id": self.w.unit.pk})
        )
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        assert [c.value for c in sheet[1]] == HEADER
        assert [(r[1], r[3], r[4], r[5]) for r in rows] == [
            ("Lường Danh Vọng", None, 2019, "Chiến sĩ thi đua cơ sở"),
            (None, "T-LC-VC-CT-VP", 2019, "Tập thể lao động xuất sắc"),
            (None, "T-LC-VC-CT-VP", 2020, "Giấy khen"),
        ]  # the sibling's record is not in the unit's subtree
        # The export reads back: every row is found already recorded, none twice.
        again = self.upload(response.content)
        assert again.rows_read == 3 and again.rows_with_errors == 3
        assert all("trong hồ sơ thành tích" in p["message"] for p in again.problems)

    def test_a_members_records_download(self) -> None:
        TitleRecord.objects.create(
            member=self.w.member, year=2021, title="lao-dong-tien-tien", source="1/QĐ"
        )
        url = reverse("member_records_export", kwargs={"member_id": self.w.member.pk})
        sheet = load_workbook(io.BytesIO(self.client.get(url).content)).worksheets[0]
        assert [c.value for c in sheet[2]][1:7] == [
            "Lường Danh Vọng",
            "KT-0001",
            None,
            2021,
            "Lao động tiên tiến",
            "1/QĐ",
        ]
        self.client.force_login(self.w.viewer)
        assert self.client.get(url).status_code == 200
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(url).status_code == 404
        unit_url = reverse("unit_records_export", kwargs={"unit_id": self.w.unit.pk})
        assert self.client.get(unit_url).status_code == 404
        assert self.client.post(unit_url).status_code in (403, 404, 405)
        self.client.logout()
        assert self.client.get(url).status_code == 302
