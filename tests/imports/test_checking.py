"""Checking rows of a member list: every problem by row (as Excel numbers it), column and fix."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

import pytest
from django.test import TestCase
from tests.imports.workbooks import (
    HEADERS,
    as_file,
    ods_bytes,
    people,
    person,
    varied,
    workbook_bytes,
)

from daihoi.imports import messages
from daihoi.imports.checking import CheckResult, check_sheet, find_header, parse_date
from daihoi.imports.legacy import unicode_to_tcvn3, unicode_to_vni
from daihoi.imports.workbook import ImportFileError, read_workbook
from daihoi.units.models import Education, Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

TODAY = datetime.date(2026, 11, 22)


def sheet_of(data: bytes) -> Any:
    return read_workbook(as_file(data), name="danh-sach.xlsx", size=len(data))


class CheckingTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def check(self, rows: list[Any], **options: Any) -> CheckResult:
        return check_sheet(sheet_of(workbook_bytes(rows, **options)), unit=self.w.unit, today=TODAY)

    def problems(self, result: CheckResult) -> list[tuple[int, str, str]]:
        return [(p.row, p.column, p.message) for p in result.problems if not p.warning]

    def test_a_good_list_gives_clean_member_data_and_no_problem(self) -> None:
        result = self.check([person()])
        assert result.problems == [] and result.can_import
        (row,) = result.rows
        assert row.row == 2 and row.unit_id == self.w.unit.pk
        assert row.data == MemberData(
            full_name="Nguyễn Thị Bình",
            gender=Gender.NU,
            birth_date=datetime.date(1985, 3, 8),
            ethnicity="Kinh",
            religion="Không",
            is_party_member=True,
            party_joined_on=datetime.date(2010, 5, 19),
            education=Education.DAI_HOC,
            professional_level="Cử nhân Kinh tế",
            position="Chuyên viên",
            workplace="Văn phòng Sở",
            union_joined_on=datetime.date(2008, 7, 1),
            phone="0912345678",
        )

    def test_row_numbers_are_those_excel_shows_below_title_rows(self) -> None:
        titles = [["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ"], ["(Kèm theo công văn số 12)"], []]
        result = self.check([person(), person(**{"Ngày sinh": "30/02/1980"})], title_rows=titles)
        assert self.problems(result) == [
            (6, "Ngày sinh", messages.DATE_IMPOSSIBLE.format(value="30/02/1980"))
        ]
        assert result.problems[0].letter == "D"

    def test_headers_are_matched_whatever_the_case_accents_spaces_and_order(self) -> None:
        headers = ["  GIỚI   TÍNH ", "ho va ten", "Ngày sinh (dd/mm/yyyy)", "dân tộc", "Ghi chú"]
        rows = [["Nữ", "Lò Thị Mai", "02/09/1990", "thái", "x"]]
        result = self.check(rows, headers=headers)
        assert result.problems == []
        data = result.rows[0].data
        assert (data.full_name, data.gender, data.ethnicity) == ("Lò Thị Mai", "nu", "Thái")
        assert data.birth_date == datetime.date(1990, 9, 2)
        assert result.notes == [messages.IGNORED_COLUMNS.format(columns="“Ghi chú”")]

    def test_missing_required_columns_are_named_in_one_message(self) -> None:
        sheet = sheet_of(workbook_bytes([["An", "1990"]], headers=["Tên", "Năm sinh"]))
        with pytest.raises(ImportFileError) as caught:
            find_header(sheet)
        assert caught.value.message == messages.MISSING_COLUMNS.format(
            sheet="Đoàn viên", columns="“Họ và tên”, “Giới tính”", rows=10
        )

    def test_a_column_given_twice_is_refused(self) -> None:
        sheet = sheet_of(workbook_bytes([], headers=["Họ và tên", "Giới tính", "Họ tên"]))
        with pytest.raises(ImportFileError) as caught:
            find_header(sheet)
        assert caught.value.message == messages.DUPLICATE_COLUMN.format(
            column="Họ và tên", first="A", second="C"
        )

    def test_dates_in_every_accepted_form(self) -> None:
        expected = datetime.date(1980, 12, 3)
        for value in (
            expected,
            datetime.datetime(1980, 12, 3, 0, 0),
            "03/12/1980",
            "3/12/1980",
            "03-12-1980",
            "03.12.1980",
            "1980-12-03",
            " 3 / 12 / 1980 ",
        ):
            with self.subTest(value=value):
                assert parse_date(value) == (expected, None)

    def test_bad_dates_each_say_what_to_write(self) -> None:
        cases = {
            "31/02/1980": messages.DATE_IMPOSSIBLE.format(value="31/02/1980"),
            "12/13/1980": messages.DATE_IMPOSSIBLE.format(value="12/13/1980"),
            "3/12/80": messages.DATE_SHORT_YEAR.format(value="3/12/80"),
            "1980": messages.DATE_YEAR_ONLY.format(value="1980"),
            1980: messages.DATE_YEAR_ONLY.format(value="1980"),
            29557.0: messages.DATE_NUMBER.format(value="29557"),
            "mồng 3 tháng 12": messages.DATE_INVALID.format(value="mồng 3 tháng 12"),
        }
        for value, message in cases.items():
            with self.subTest(value=value):
                assert parse_date(value) == (None, message)

    def test_birth_dates_in_the_future_or_under_fifteen_are_problems(self) -> None:
        young = {"Ngày vào Đảng": "", "Đảng viên": "", "Ngày vào Công đoàn": ""}
        result = self.check(
            [
                person(**{"Ngày sinh": "01/01/2030", **young}),
                person(**{"Ngày sinh": "23/11/2011", **young}),
                person(**{"Ngày sinh": "22/11/2011", **young}),
            ]
        )
        assert self.problems(result) == [
            (2, "Ngày sinh", "Không được sau ngày hôm nay."),
            (3, "Ngày sinh", "Người sinh ngày 23/11/2011 chưa đủ 15 tuổi, chưa thể là đoàn viên."),
        ]
        assert [r.row for r in result.rows] == [4]  # fifteen today

    def test_gender_accepts_nam_and_nu_written_any_way_and_nothing_else(self) -> None:
        good = ["Nam", "NAM", "nam", "Nữ", "NỮ", "nữ", "nu", "Nu", "NU", " Nữ ", "Nu\u0303"]
        bad = ["F", "M", "Female", "1", "Nam/Nữ"]
        result = self.check(varied("Giới tính", good + bad))
        assert [r.data.gender for r in result.rows] == ["nam"] * 3 + ["nu"] * 8
        assert self.problems(result) == [
            (2 + len(good) + i, "Giới tính", messages.GENDER_INVALID.format(value=v))
            for i, v in enumerate(bad)
        ]

    def test_an_empty_gender_is_the_services_own_message(self) -> None:
        result = self.check([person(**{"Giới tính": ""})])
        assert self.problems(result) == [(2, "Giới tính", "Chọn Nam hoặc Nữ.")]

    def test_party_membership_and_its_date(self) -> None:
        rows = people(5)
        for row, party, day in zip(
            rows,
            ("x", "", "Không", "Không", "chưa"),
            ("19/05/2010", "03/02/2015", "", "03/02/2015", ""),
            strict=True,
        ):
            row.update({"Đảng viên": party, "Ngày vào Đảng": day})
        result = self.check(rows)
        assert [r.data.is_party_member for r in result.rows] == [True, True, False]
        assert (result.problems[0].row, result.problems[0].warning) == (3, True)
        assert result.problems[0].message == messages.PARTY_FROM_DATE
        assert self.problems(result) == [
            (5, "Ngày vào Đảng", "Chỉ nhập khi đoàn viên là đảng viên."),
            (6, "Đảng viên", messages.PARTY_INVALID.format(value="chưa")),
        ]

    def test_education_by_name_or_usual_short_forms(self) -> None:
        values = ["Đại học", "ĐẠI HỌC", "12/12", "THCS", "Thạc sĩ", "ThS.", "cử nhân"]
        result = self.check(varied("Trình độ học vấn", [*values, "Giỏi"]))
        assert [r.data.education for r in result.rows] == [
            "dai_hoc",
            "dai_hoc",
            "thpt",
            "thcs",
            "thac_si",
            "thac_si",
            "dai_hoc",
        ]
        ((row, column, message),) = self.problems(result)
        assert (row, column) == (9, "Trình độ học vấn") and message.startswith("“Giỏi” không có")

    def test_ethnicities_are_normalized_and_unknown_ones_are_problems(self) -> None:
        values = ("Kinh (Việt)", "mèo", "Ê-đê", "Xê-đăng ", "Kinh Việt Nam")
        result = self.check(varied("Dân tộc", values))
        assert [r.data.ethnicity for r in result.rows] == ["Kinh", "Mông", "Ê Đê", "Xơ Đăng"]
        assert self.problems(result) == [
            (6, "Dân tộc", "“Kinh Việt Nam” không có trong danh mục 54 dân tộc Việt Nam.")
        ]

    def test_rows_go_to_units_below_and_only_inside_the_subtree(self) -> None:
        w = self.w
        result = self.check(
            [
                person(**{"Mã đơn vị": w.section.code}),
                person(**{"Mã đơn vị": w.unit.code, "Họ và tên": "Trần Văn An"}),
                person(**{"Mã đơn vị": "", "Họ và tên": "Lê Văn Cường"}),
                person(**{"Mã đơn vị": w.sibling.code}),  # a sibling: outside
                person(**{"Mã đơn vị": w.province.code}),  # above: outside
                person(**{"Mã đơn vị": "KHONG-CO"}),
            ]
        )
        assert [r.unit_id for r in result.rows] == [w.section.pk, w.unit.pk, w.unit.pk]
        message = messages.UNIT_UNKNOWN
        assert self.problems(result) == [
            (5, "Mã đơn vị", message.format(code=w.sibling.code, unit=w.unit.name)),
            (6, "Mã đơn vị", message.format(code=w.province.code, unit=w.unit.name)),
            (7, "Mã đơn vị", message.format(code="KHONG-CO", unit=w.unit.name)),
        ]

    def test_duplicates_inside_the_file(self) -> None:
        result = self.check(
            [
                person(**{"Số thẻ đoàn viên": "CT-001"}),
                person(**{"Số thẻ đoàn viên": "CT-001", "Họ và tên": "Trần Văn An"}),
                person(**{"Họ và tên": "NGUYỄN THỊ BÌNH"}),  # same person as row 2, other case
                person(**{"Họ và tên": "Nguyễn Thị Bình", "Mã đơn vị": self.w.section.code}),
            ]
        )
        assert self.problems(result) == [
            (
                3,
                "Số thẻ đoàn viên",
                messages.NUMBER_DUPLICATE_IN_FILE.format(number="CT-001", row=2),
            ),
            (4, "Họ và tên", messages.PERSON_DUPLICATE_IN_FILE.format(row=2)),
        ]
        assert not result.can_import

    def test_duplicates_against_the_database(self) -> None:
        w = self.w
        create_member(
            unit=w.unit,
            data=MemberData(
                full_name="Nguyễn Thị Bình", gender="nu", birth_date=datetime.date(1985, 3, 8)
            ),
        )
        result = self.check(
            [
                person(),
                person(**{"Họ và tên": "Trần Văn An", "Số thẻ đoàn viên": "KT-0002"}),
                person(**{"Mã đơn vị": w.section.code}),  # same person, another unit: fine
            ]
        )
        # KT-0002 belongs to a member of the sibling unit: the message does not name them.
        assert self.problems(result) == [
            (
                2,
                "Họ và tên",
                messages.PERSON_IN_DATABASE.format(
                    unit=w.unit.name, name="Nguyễn Thị Bình", date="08/03/1985"
                ),
            ),
            (3, "Số thẻ đoàn viên", "Số thẻ “KT-0002” đã được cấp cho đoàn viên khác."),
        ]

    def test_same_name_and_birth_date_with_different_numbers_is_a_warning_not_an_error(
        self,
    ) -> None:
        """Issue 9: 363 such pairs blocked a 100,000-row list; names repeat."""
        result = self.check(
            [
                person(**{"Số thẻ đoàn viên": "CT-001"}),
                person(**{"Số thẻ đoàn viên": "CT-002"}),
            ]
        )
        assert self.problems(result) == [] and result.can_import
        (twin,) = result.problems
        assert (twin.row, twin.column, twin.warning) == (3, "Họ và tên", True)
        assert twin.message == messages.PERSON_TWIN_IN_FILE.format(
            row=2, number="CT-002", other="CT-001"
        )
        assert result.twins == 1 and len(result.rows) == 2

    def test_same_name_and_birth_date_without_a_number_stays_an_error_with_its_way_forward(
        self,
    ) -> None:
        result = self.check([person(**{"Số thẻ đoàn viên": "CT-001"}), person()])
        assert self.problems(result) == [
            (3, "Họ và tên", messages.PERSON_DUPLICATE_IN_FILE.format(row=2))
        ]
        assert "ghi số thẻ đoàn viên" in messages.PERSON_DUPLICATE_IN_FILE
        assert result.twins == 0 and not result.can_import

    def test_a_member_of_the_unit_with_the_same_name_and_birth_date_and_another_number(
        self,
    ) -> None:
        w = self.w  # the section has Lường Danh Vọng, 19/05/1975, KT-0001
        twin = {
            "Họ và tên": "Lường Danh Vọng",
            "Ngày sinh": "19/05/1975",
            "Mã đơn vị": w.section.code,
        }
        result = self.check([person(**twin, **{"Số thẻ đoàn viên": "KT-0009"}), person(**twin)])
        details = {"unit": w.section.name, "name": "Lường Danh Vọng", "date": "19/05/1975"}
        assert [(p.row, p.warning, p.message) for p in result.problems] == [
            (
                2,
                True,
                messages.PERSON_TWIN_IN_DATABASE.format(
                    **details, number="KT-0009", other="KT-0001"
                ),
            ),
            (3, False, messages.PERSON_DUPLICATE_IN_FILE.format(row=2)),
            (3, False, messages.PERSON_IN_DATABASE.format(**details)),
        ]

    def test_formula_cells_are_refused(self) -> None:
        result = self.check(
            [person(**{"Ngày sinh": "=DATE(1985,3,8)", "STT": "=ROW()-1", "Chức vụ": "=B2"})]
        )
        # STT is not imported: a numbering formula there is no problem.
        assert self.problems(result) == [
            (2, "Ngày sinh", messages.FORMULA),
            (2, "Chức vụ", messages.FORMULA),
        ]

    def test_an_opendocument_sheet_is_read_and_its_formula_cells_found(self) -> None:
        data = ods_bytes(
            [
                ["Họ và tên", "Giới tính", "Ngày sinh"],
                ["Nguyễn Văn An", "Nam", "02/09/1980"],
                [("[.A2]", "Nguyễn Văn An"), "Nam", "03/09/1981"],
            ]
        )
        result = check_sheet(sheet_of(data), unit=self.w.unit, today=TODAY)
        assert [r.data.full_name for r in result.rows] == ["Nguyễn Văn An"]
        assert self.problems(result) == [(3, "Họ và tên", messages.FORMULA)]

    def test_decomposed_unicode_is_normalized_silently(self) -> None:
        nfd = unicodedata.normalize("NFD", "Nguyễn Thị Bình")
        assert nfd != "Nguyễn Thị Bình"
        result = self.check(
            [
                person(
                    **{
                        "Họ và tên": nfd,
                        "Dân tộc": unicodedata.normalize("NFD", "Ê Đê"),
                        "Giới tính": unicodedata.normalize("NFD", "Nữ"),
                        "Chức vụ": unicodedata.normalize("NFD", "Trưởng phòng"),
                    }
                )
            ]
        )
        assert result.problems == []
        data = result.rows[0].data
        assert (data.full_name, data.ethnicity, data.position) == (
            "Nguyễn Thị Bình",
            "Ê Đê",
            "Trưởng phòng",
        )

    def test_tcvn3_text_is_converted_with_a_warning_on_the_row(self) -> None:
        rows = [
            {h: unicode_to_tcvn3(v) if isinstance(v, str) else v for h, v in r.items()}
            for r in people(3, **{"Chức vụ": "Trưởng phòng", "Dân tộc": "Tày"})
        ]
        rows[0]["Họ và tên"] = "NguyÔn ThÞ B×nh"
        rows[0]["Giới tính"] = "N÷"
        result = self.check(rows)
        assert self.problems(result) == []
        assert [(p.row, p.warning) for p in result.problems] == [(2, True), (3, True), (4, True)]
        assert "“NguyÔn ThÞ B×nh” → “Nguyễn Thị Bình”" in result.problems[0].message
        data = result.rows[0].data
        assert (data.full_name, data.gender, data.position, data.ethnicity) == (
            "Nguyễn Thị Bình",
            "nu",
            "Trưởng phòng",
            "Tày",
        )
        assert result.warning_rows == 3 and result.can_import
        assert result.notes == [
            messages.LEGACY_FILE.format(
                encoding="TCVN3 (ABC, phông .VnTime)",
                columns="“Họ và tên”, “Giới tính”, “Dân tộc”, “Tôn giáo”, “Đảng viên”, "
                "“Trình độ học vấn”, “Trình độ chuyên môn”, “Chức vụ”, “Nơi làm việc”",
            )
        ]

    def test_vni_text_is_converted_with_a_warning_on_the_row(self) -> None:
        rows = [
            {h: unicode_to_vni(v) if isinstance(v, str) else v for h, v in r.items()}
            for r in [person(**{"Họ và tên": "Nguyễn Thị Bình"}), *people(2)]
        ]
        assert rows[0]["Họ và tên"] == "Nguyeãn Thò Bình"
        result = self.check(rows)
        assert self.problems(result) == []
        assert result.rows[0].data.full_name == "Nguyễn Thị Bình"
        assert result.problems[0].warning and "VNI" in result.problems[0].message

    def test_legacy_names_are_decided_by_their_column_not_outvoted_by_unicode_columns(
        self,
    ) -> None:
        """Issue 9: names typed in VNI, other columns in Unicode ("Nữ", "Đại học"): "Hoà Thò
        Nam" reads well in Unicode too, and was stored for "Hồ Thị Nam" with no warning."""
        rows = people(6, **{"Giới tính": "Nữ", "Trình độ học vấn": "Đại học"})
        for row in rows:
            row["Họ và tên"] = unicode_to_vni(row["Họ và tên"])
        rows.append(person(**{"Họ và tên": "Hoà Thò Nam", "Số thẻ đoàn viên": "X-1"}))
        result = self.check(rows)
        assert self.problems(result) == []
        assert result.rows[-1].data.full_name == "Hồ Thị Nam"
        warning = result.problems[-1]
        assert (warning.row, warning.column, warning.warning) == (8, "Họ và tên", True)
        assert warning.message == messages.LEGACY_ROW.format(
            encoding="VNI (phông VNI-Times)",
            columns="“Họ và tên”",
            before="Hoà Thò Nam",
            after="Hồ Thị Nam",
        )

    def test_a_tcvn3_name_that_reads_as_unicode_too_follows_its_column(self) -> None:
        """ "Võ" is TCVN3 for "Vừ" (and a Unicode name): in a TCVN3 name column it is Vừ."""
        rows = people(5, **{"Dân tộc": "Mông"})
        for row in rows:
            row["Họ và tên"] = unicode_to_tcvn3(row["Họ và tên"])
        rows.append(person(**{"Họ và tên": "Võ A Dính", "Số thẻ đoàn viên": "X-2"}))
        assert unicode_to_tcvn3("Vừ A Dính") == "Võ A DÝnh"  # the name typed in TCVN3 ...
        rows[-1]["Họ và tên"] = "Võ A Sú"  # ... and one whose every word reads both ways
        result = self.check(rows)
        assert result.rows[-1].data.full_name == "Vừ A Sỳ"

    def test_a_name_left_as_it_is_that_may_be_legacy_is_a_warning_naming_its_column(
        self,
    ) -> None:
        """A mixed column (mostly Unicode, some VNI): a name that reads well both ways is kept,
        and never silently: the warning names the column and the other reading."""
        rows = people(6)
        rows[0]["Họ và tên"] = unicode_to_vni("Nguyễn Thị Bình")
        rows.append(person(**{"Họ và tên": "Hoà Thò Nam", "Số thẻ đoàn viên": "X-3"}))
        result = self.check(rows)
        assert result.rows[-1].data.full_name == "Hoà Thò Nam"
        (doubt,) = [p for p in result.problems if p.row == 8]
        assert (doubt.column, doubt.warning) == ("Họ và tên", True)
        assert doubt.message == messages.LEGACY_DOUBT.format(
            column="Họ và tên",
            text="Hoà Thò Nam",
            encoding="VNI (phông VNI-Times)",
            reading="Hồ Thị Nam",
        )

    def test_a_unicode_list_without_legacy_text_has_no_doubt(self) -> None:
        rows = varied("Họ và tên", ["Hà Anh Tú", "Lò Văn Pó", "Nguyễn Thị Bình"])
        result = self.check(rows)
        assert result.problems == []
        assert [r.data.full_name for r in result.rows] == [
            "Hà Anh Tú",
            "Lò Văn Pó",
            "Nguyễn Thị Bình",
        ]

    def test_the_note_about_a_legacy_file_names_the_columns_converted(self) -> None:
        rows = people(3, **{"Giới tính": "Nữ", "Chức vụ": "Trưởng phòng"})
        for row in rows:
            row["Họ và tên"] = unicode_to_vni(row["Họ và tên"])
        rows[1]["Nơi làm việc"] = unicode_to_tcvn3("Phòng Kế hoạch")
        result = self.check(rows)
        assert result.notes == [
            messages.LEGACY_FILE.format(
                encoding="TCVN3 (ABC, phông .VnTime)", columns="“Nơi làm việc”"
            ),
            messages.LEGACY_FILE.format(encoding="VNI (phông VNI-Times)", columns="“Họ và tên”"),
        ]

    def test_values_normalized_are_notes_naming_row_column_and_what_is_stored(self) -> None:
        """Issue 9: "nu", "Tay", "1990-05-12" were stored as Nữ, Tày, 12/05/1990 silently."""
        rows = people(6)
        rows[0].update({"Giới tính": "nu", "Dân tộc": "Tay"})
        rows[1].update({"Ngày sinh": "1990-05-12", "Giới tính": "NỮ"})  # case alone: no note
        rows[2].update(
            {
                "Ngày sinh": "1985-11-03",
                "Giới tính": "nu",
                "Trình độ học vấn": "THPT",
                "Đảng viên": "x",
                "Dân tộc": "Kinh (Việt)",
            }
        )
        rows[3].update({"Số điện thoại": 912345678, "Ngày sinh": "12/5/1990"})  # as stored
        rows[4].update({"Giới tính": "nu", "Ngày sinh": "30/02/1980"})  # an error: not stored
        rows[5].update({"Ngày vào Công đoàn": "01.07.2008", "Dân tộc": "tày"})
        result = self.check(rows)
        assert self.problems(result) == [
            (6, "Ngày sinh", messages.DATE_IMPOSSIBLE.format(value="30/02/1980"))
        ]
        notes = [
            (n.column, n.letter, n.before, n.after, n.rows, n.count) for n in result.normalized
        ]
        assert notes == [
            ("Giới tính", "C", "nu", "Nữ", [2, 4], 2),
            ("Ngày sinh", "D", "1990-05-12", "12/05/1990", [3, 4], 2),
            ("Dân tộc", "E", "Tay", "Tày", [2], 1),
            ("Dân tộc", "E", "Kinh (Việt)", "Kinh", [4], 1),
            ("Đảng viên", "G", "x", "Có", [4], 1),
            ("Trình độ học vấn", "I", "THPT", "Trung học phổ thông", [4], 1),
            ("Ngày vào Công đoàn", "M", "01.07.2008", "01/07/2008", [7], 1),
            ("Số điện thoại", "O", "912345678", "0912345678", [5], 1),
        ]
        dates = result.normalized[1]
        assert dates.example  # 1985-11-03 is written the same way: one note for both
        assert [(r.row, r.data.birth_date) for r in result.rows[1:3]] == [
            (3, datetime.date(1990, 5, 12)),
            (4, datetime.date(1985, 11, 3)),
        ]

    def test_a_list_written_as_stored_has_no_note(self) -> None:
        result = self.check([person(), *people(3, **{"Ngày sinh": "02/09/1980"})])
        assert result.normalized == []

    def test_a_tcvn3_name_in_capitals_gets_the_usual_capitalization(self) -> None:
        result = self.check([person(**{"Họ và tên": "TRÇN V¡N HïNG"})])
        assert result.rows[0].data.full_name == "Trần Văn Hùng"

    def test_numbers_typed_as_numbers_keep_their_meaning(self) -> None:
        result = self.check(
            [person(**{"Số điện thoại": 912345678, "Số thẻ đoàn viên": 123456, "STT": 1})]
        )
        assert result.problems == []
        data = result.rows[0].data
        assert (data.phone, data.member_number) == ("0912345678", "123456")

    def test_too_long_texts_are_problems_not_database_errors(self) -> None:
        result = self.check([person(**{"Tôn giáo": "x" * 61})])
        assert self.problems(result) == [
            (2, "Tôn giáo", messages.TOO_LONG.format(limit=60, length="61"))
        ]

    def test_empty_rows_are_skipped_and_rows_counted(self) -> None:
        rows = [person(), {}, {"STT": 3}, person(**{"Họ và tên": "Trần Văn An"})]
        result = self.check(rows, headers=HEADERS)
        assert result.rows_read == 2 and [r.row for r in result.rows] == [2, 5]

    def test_progress_is_reported(self) -> None:
        seen: list[tuple[int, int]] = []
        sheet = sheet_of(workbook_bytes(people(2100)))
        check_sheet(sheet, unit=self.w.unit, today=TODAY, progress=lambda c, t: seen.append((c, t)))
        assert seen == [(1000, 2100), (2000, 2100), (2100, 2100)]
