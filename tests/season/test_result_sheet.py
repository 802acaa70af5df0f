"""A lower unit's result file imported from Excel: the template, bad rows named, all or nothing."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from tests.season.record import D, approved_plan, season_entry

from daihoi.imports import messages as import_messages
from daihoi.imports.workbook import ImportFileError
from daihoi.season import errors, result_sheet, typed, upper
from daihoi.season.errors import SeasonError
from daihoi.season.models import SeasonStep, TypedName, TypedRole
from daihoi.units.testing import build_world

TODAY = D(2023, 3, 1)
HELD = D(2023, 2, 15)
# Họ và tên, Giới tính, Năm sinh, Ủy viên BCH, Chức vụ, UBKT, Đại biểu
GOOD = [
    ("Nguyễn Thị An", "Nữ", 1980, "x", "Chủ tịch", "", "Chính thức"),
    ("Trần Văn Bình", "nam", 1995, "x", "Phó Chủ tịch", "", ""),
    ("Lò Văn Cường", "Nam", "01/03/1988", "x", "", "Chủ nhiệm", "Chính thức"),
    ("Phạm Thị Dung", "Nữ", 1990, "", "", "Ủy viên", "Dự khuyết"),
    ("Hoàng Văn Em", "Nam", 1979, "", "", "", "Dự khuyết"),
]


def workbook(rows: list[tuple[Any, ...]], *, entry: Any) -> bytes:
    """Fill the downloadable template, as a user does, below its header row."""
    out = io.BytesIO()
    result_sheet.write_template(entry, out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    sheet = book.worksheets[0]
    for n, row in enumerate(rows, start=1):
        sheet.append((n, *row))
    kept = io.BytesIO()
    book.save(kept)
    return kept.getvalue()


class ResultSheetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2, committee=3)
        approved_plan(cls.w, cls.entry)

    def send(self, content: bytes, *, name: str = "ket-qua.xlsx") -> SeasonStep:
        return result_sheet.import_result_sheet(
            entry=self.entry, source=io.BytesIO(content), name=name, size=len(content),
            held_on=HELD, number="khóa V", place="Lai Châu", note="", by=self.w.upper,
            today=TODAY,
        )  # fmt: skip

    def refused(self, content: bytes) -> list[str]:
        with self.assertRaises(SeasonError) as caught:
            self.send(content)
        self.assertFalse(SeasonStep.objects.filter(entry=self.entry, kind="ket-qua-dai-hoi"))
        self.assertFalse(TypedName.objects.exists())
        return caught.exception.messages

    def test_the_filled_template_becomes_the_result_file_with_its_counts(self) -> None:
        step = self.send(workbook(GOOD, entry=self.entry))
        self.assertEqual((step.committee_size, step.delegates_elected), (3, 2))
        self.assertEqual(step.chair_name, "Nguyễn Thị An")
        # Counted from the profiles: one woman; one under 35 in 2023 (born 1995; 1988 is 35).
        self.assertEqual((step.women, step.young), (1, 1))
        names = typed.typed_names(step)
        self.assertEqual(names[TypedRole.VICE_CHAIR], ["Trần Văn Bình"])
        self.assertEqual(names[TypedRole.INSPECTION], ["Lò Văn Cường", "Phạm Thị Dung"])
        self.assertEqual(names[TypedRole.INSPECTION_CHAIR], ["Lò Văn Cường"])
        # The alternates keep the order of the rows: the order of votes.
        self.assertEqual(names[TypedRole.ALTERNATE], ["Phạm Thị Dung", "Hoàng Văn Em"])
        line = upper.preview(self.entry.season).lines[0]
        self.assertEqual([p.name for p in line.officials], ["Nguyễn Thị An", "Lò Văn Cường"])

    def test_the_profile_columns_are_kept_for_each_person(self) -> None:
        rows = [(*GOOD[0], "Kinh", "x", "Đại học", "Chuyên viên Văn phòng Sở"), *GOOD[1:]]
        step = self.send(workbook(rows, entry=self.entry))
        an = TypedName.objects.get(step=step, role=TypedRole.COMMITTEE, full_name="Nguyễn Thị An")
        self.assertEqual(
            (an.gender, an.birth_year, an.ethnicity, an.is_party_member, an.education),
            ("Nữ", 1980, "Kinh", True, "Đại học"),
        )
        self.assertEqual(an.position, "Chuyên viên Văn phòng Sở")
        profiles = typed.typed_profiles(step)
        self.assertEqual([p.birth_year for p in profiles], [1980, 1995, 1988])

    def test_bad_rows_are_each_named_by_row_and_column_and_nothing_is_written(self) -> None:
        bad = [
            *GOOD[:3],
            ("Phạm Thị Dung", "Nữa", 1990, "", "", "", "Chính thức"),
            ("Hoàng Văn Em", "Nam", 85, "", "Bí thư", "", ""),
            ("Lê Văn Phúc", "Nam", 1970, "", "Phó Chủ tịch", "", ""),
            ("Nguyễn Thị An", "Nữ", 1980, "", "", "Ủy viên", ""),
            ("Vũ Thị Giang", "Nữ", 1985, "", "", "", ""),
            ("", "Nam", 1980, "x", "", "", ""),
            ("=A1", "Nam", 1980, "x", "", "", ""),
        ]
        got = self.refused(workbook(bad, entry=self.entry))
        self.assertEqual(
            got,
            [
                "Dòng 5, cột C (Giới tính): Giới tính: chọn “Nam” hoặc “Nữ” (đang ghi “Nữa”).",
                "Dòng 6, cột D (Năm sinh): "
                + result_sheet.YEAR_INVALID.format(low=1923, high=2008, value="85"),
                "Dòng 6, cột F (Chức vụ trong BCH): Chức vụ trong BCH: chọn “Chủ tịch” hoặc "
                "“Phó Chủ tịch” (đang ghi “Bí thư”).",
                "Dòng 7, cột F (Chức vụ trong BCH): "
                + result_sheet.OFFICE_NOT_IN_COMMITTEE.format(
                    name="Lê Văn Phúc", office="Phó Chủ tịch", committee="BCH", column="Ủy viên BCH"
                ),
                "Dòng 8, cột B (Họ và tên): "
                + result_sheet.SAME_PERSON_TWICE.format(name="Nguyễn Thị An", first=2),
                "Dòng 9: "
                + result_sheet.NOTHING_MARKED.format(name="Vũ Thị Giang", committee="BCH"),
                "Dòng 10, cột B (Họ và tên): " + result_sheet.NAME_REQUIRED,
                "Dòng 11, cột B (Họ và tên): " + import_messages.FORMULA,
            ],
        )

    def test_a_committee_over_the_approved_size_is_refused_with_the_numbers(self) -> None:
        over = [*GOOD, ("Vũ Thị Giang", "Nữ", 1985, "x", "", "", "")]
        got = self.refused(workbook(over, entry=self.entry))
        self.assertIn(errors.SIZE_OVER_APPROVED.format(committee="BCH", size=4, approved=3), got)

    def test_a_file_sent_twice_is_refused(self) -> None:
        content = workbook(GOOD, entry=self.entry)
        self.send(content)
        with self.assertRaises(SeasonError):
            self.send(content)
        self.assertEqual(SeasonStep.objects.filter(kind="ket-qua-dai-hoi").count(), 1)

    def test_a_file_that_is_no_workbook_or_too_large_or_empty_is_refused_whole(self) -> None:
        with self.assertRaises(ImportFileError) as caught:
            self.send(b"Ho va ten;Gioi tinh\n", name="ket-qua.csv")
        self.assertEqual(
            caught.exception.message, import_messages.NOT_A_SPREADSHEET.format(name="ket-qua.csv")
        )
        with override_settings(DAIHOI_MAX_IMPORT_BYTES=1024), self.assertRaises(ImportFileError):
            self.send(workbook(GOOD, entry=self.entry))
        with self.assertRaises(ImportFileError) as empty:
            self.send(workbook([], entry=self.entry))
        self.assertEqual(
            empty.exception.message,
            result_sheet.TABLE.no_rows.format(sheet=result_sheet.TITLE),
        )
        self.assertFalse(SeasonStep.objects.filter(kind="ket-qua-dai-hoi").exists())


class ResultSheetPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2, committee=3)
        approved_plan(cls.w, cls.entry)
        cls.url = reverse("season_import_result_sheet", args=[cls.entry.pk])

    def post(self, content: bytes) -> Any:
        self.client.force_login(self.w.upper)
        upload = SimpleUploadedFile("ket-qua.xlsx", content)
        data = {"held_on": "15/02/2023", "number": "khóa V", "place": "", "file": upload}
        return self.client.post(self.url, data)

    def test_the_template_downloads_with_the_units_plan(self) -> None:
        self.client.force_login(self.w.officer)
        got = self.client.get(reverse("season_result_sheet_template", args=[self.entry.pk]))
        book = openpyxl.load_workbook(io.BytesIO(got.content))
        header = [c.value for c in book.worksheets[0][1]]
        self.assertEqual(header[:3], ["STT", "Họ và tên", "Giới tính"])
        self.assertIn(self.w.unit.name, book["Hướng dẫn"]["A3"].value)

    def test_a_good_file_is_sent_and_a_bad_one_lists_its_rows(self) -> None:
        bad = self.post(
            workbook([("Nguyễn Thị An", "Nữ", 1980, "", "Chủ tịch", "", "")], entry=self.entry)
        )
        self.assertContains(bad, "Dòng 2, cột F (Chức vụ trong BCH)", status_code=400)
        self.assertFalse(SeasonStep.objects.filter(kind="ket-qua-dai-hoi").exists())
        good = self.post(workbook(GOOD, entry=self.entry))
        self.assertRedirects(good, reverse("season_unit_steps", args=[self.w.unit.pk]))
        step = SeasonStep.objects.get(kind="ket-qua-dai-hoi")
        self.assertEqual((step.committee_size, step.held_on), (3, HELD))
