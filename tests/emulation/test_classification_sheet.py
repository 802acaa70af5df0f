"""Past CĐCS classifications imported from Excel: each row's problems by column, all or nothing,
the level computed from the points (rules.md §6), never read from the file."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from daihoi.activities.models import SheetImport
from daihoi.emulation.models import UnionClassification
from daihoi.units.testing import build_world

HEADER = [
    "STT",
    "Công đoàn",
    "Năm",
    "Nhóm 1",
    "Nhóm 2",
    "Nhóm 3",
    "Điểm thưởng",
    "Điểm từng tiêu chí",
    "Số bị kỷ luật từ cảnh cáo",
    "Quyết định, biên bản",
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


class ClassificationSheetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.upper)

    def url(self, name: str, **extra: int) -> str:
        kwargs = {"unit_id": self.w.upper_grassroots.pk, "kind": "xep-loai-cong-doan", **extra}
        return reverse(name, kwargs=kwargs)

    def upload(self, content: bytes) -> SheetImport:
        response = self.client.post(
            self.url("activities_import_upload"),
            {"file": SimpleUploadedFile("xep-loai.xlsx", content)},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        return SheetImport.objects.latest("id")

    def test_each_row_s_problem_names_its_column_and_nothing_is_written(self) -> None:
        code = self.w.unit.code
        upload = self.upload(
            workbook(
                [1, code, 2021, 41, 35, 12, None, None, None, None],
                [2, code, 2017, None, None, None, None, "20/25; 18-20", None, None],
                [3, "Công đoàn không có", 2021, 30, 30, 10, None, None, None, None],
                [4, self.w.sibling.code, 2022, 30, "ba mươi", 10, None, None, None, None],
                [5, code, 2023, 38.5, 36, 13, 4, None, None, "QĐ 15/QĐ-LĐLĐ"],
            )
        )
        found = {(p["row"], p["column"]): p["message"] for p in upload.problems}
        assert found[(2, "Nhóm 1")] == "Nhóm 1: phải từ 0 đến 40 điểm (nhận được: 41)."
        assert found[(3, "Điểm từng tiêu chí")].startswith(
            "Điểm từng tiêu chí: tiêu chí 2 (“18-20”)"
        )
        assert found[(4, "Công đoàn")].startswith("Công đoàn: không có đơn vị “Công đoàn không có”")
        assert found[(5, "Nhóm 2")].startswith("Nhóm 2: “ba mươi” không phải số điểm")
        assert upload.rows_with_errors == 4 and not upload.can_confirm
        assert not UnionClassification.objects.exists()

    def test_a_good_list_is_imported_whole_with_the_levels_computed(self) -> None:
        upload = self.upload(
            workbook(
                [1, self.w.unit.code, 2023, 38.5, 36, 13, 4, None, None, "QĐ 15/QĐ-LĐLĐ"],
                [
                    2,
                    self.w.sibling.name,
                    2017,
                    None,
                    None,
                    None,
                    None,
                    "22/25; 22/25; 22/25; 22/25",
                    1,
                    None,
                ],
            )
        )
        assert upload.can_confirm, upload.problems
        response = self.client.post(self.url("activities_import_confirm", import_id=upload.pk))
        assert response.status_code == 302
        levels = {
            (c.unit_id, c.year): (c.level, str(c.total)) for c in UnionClassification.objects.all()
        }
        assert levels == {
            (self.w.unit.pk, 2023): ("xuat-sac", "91.50"),
            (self.w.sibling.pk, 2017): ("kha", "88.00"),  # disciplined: not vững mạnh
        }
        again = self.upload(
            workbook([1, self.w.unit.code, 2023, 30, 30, 10, None, None, None, None])
        )
        [problem] = again.problems
        assert problem["column"] == "Năm"
        assert "đã được xếp loại năm 2023 (Hoàn thành xuất sắc nhiệm vụ)" in problem["message"]

    def test_the_template_has_the_columns_the_import_reads(self) -> None:
        response = self.client.get(self.url("activities_import_template"))
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content))
        sheet = book["Xếp loại công đoàn cơ sở"]
        header = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "STT")
        assert [cell for cell in header if cell] == HEADER
