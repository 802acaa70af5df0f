"""A congress's delegate list imported from Excel: template, checks, member links, all or none."""

from __future__ import annotations

import datetime
import io
import unicodedata
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from tests.imports.workbooks import (
    XLSX,
    formatted_empty_rows,
    ods_bytes,
    raw_xlsx,
    workbook_bytes,
)

from daihoi.congresses import services
from daihoi.congresses.delegate_import import (
    ALREADY_IMPORTED,
    CHANGED_SINCE_PREVIEW,
    NOT_READY,
    confirm_delegate_import,
    start_delegate_import,
)
from daihoi.congresses.delegate_sheet import (
    DELEGATE_COLUMNS,
    ETHNICITY_UNKNOWN,
    KIND_FOR_FORM,
    KIND_MISSING,
    KIND_UNKNOWN,
    MEMBER_ALREADY,
    MEMBER_DIFFERS,
    MEMBER_NOT_FOUND,
    MEMBER_NOT_FOUND_GUEST,
    MEMBER_OTHER_NAME,
    NAME_ALREADY,
    NAME_TWICE_IN_FILE,
    NO_ROWS,
    NUMBER_TWICE_IN_FILE,
    PERSON_ALREADY,
    PERSON_TWICE_IN_FILE,
    RANK_INVALID,
    SECTOR_INVALID,
    SHEET_EMPTY,
)
from daihoi.congresses.errors import CONGRESS_CLOSED, CongressError
from daihoi.congresses.models import (
    CongressForm,
    CongressStatus,
    Delegate,
    DelegateImport,
    DelegateKind,
    Sector,
    UnionOfficer,
)
from daihoi.congresses.services import DelegateData
from daihoi.congresses.testing import add_people, make_conference, make_congress
from daihoi.imports import messages
from daihoi.imports.legacy import unicode_to_tcvn3, unicode_to_vni
from daihoi.imports.workbook import ImportFileError
from daihoi.rules import hall
from daihoi.units.models import Education, Gender
from daihoi.units.testing import build_world

HEADERS = [column.header for column in DELEGATE_COLUMNS]
TODAY = datetime.date(2026, 3, 1)
KINDS = "Đương nhiên, Bầu, Chỉ định, Khách mời"


def row(name: str, kind: str = "Bầu", **fields: Any) -> dict[str, Any]:
    """Return one row of a delegate list by header."""
    return {"Họ và tên": name, "Loại đại biểu": kind, **fields}


def xlsx(rows: list[dict[str, Any]], *, headers: list[str] = HEADERS) -> bytes:
    return workbook_bytes(rows, headers=headers, sheet_title="Danh sách đại biểu")


def upload(data: bytes, name: str = "dai-bieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


class DelegateImportTestCase(TestCase):
    form = CongressForm.DAI_BIEU

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit, form=cls.form)

    def start(self, rows: list[dict[str, Any]], **kwargs: Any) -> DelegateImport:
        return start_delegate_import(
            congress=self.congress,
            user=self.w.officer,
            upload=upload(xlsx(rows, **kwargs)),
            today=TODAY,
        )

    def problems(self, job: DelegateImport) -> list[tuple[int, str, str, bool]]:
        return [(p["row"], p["column"], p["message"], p["warning"]) for p in job.problems]

    def assert_problem(
        self, job: DelegateImport, line: int, column: str, message: str, *, warning: bool = False
    ) -> None:
        assert (line, column, message, warning) in self.problems(job), self.problems(job)


class GoodFileTests(DelegateImportTestCase):
    def test_a_good_file_imports_every_row_with_the_next_numbers_in_name_order(self) -> None:
        add_people(self.congress, 2)  # numbers 1 and 2
        job = self.start(
            [
                row("Phạm Thị Thơ", "Khách mời", **{"Chức vụ": "Phó Chủ tịch LĐLĐ tỉnh"}),
                row(
                    "Lường Danh Vọng",
                    "Đương nhiên",
                    **{
                        "Mã đoàn viên": "KT-0001",
                        "Khu vực": "HCSN",
                        "Cán bộ công đoàn": "Chuyên trách",
                    },
                ),
                row(
                    "Nguyễn Thị Bình",
                    "Bầu",
                    **{
                        "Ngày sinh": datetime.date(1985, 3, 8),
                        "Giới tính": "Nữ",
                        "Dân tộc": "Kinh",
                        "Đảng viên": "x",
                        "Trình độ": "Đại học",
                        "Đơn vị công tác": "Phòng Kế hoạch",
                    },
                ),
                row("Đỗ Văn An", "chỉ định", **{"Ngày sinh": "23/12/1980", "Giới tính": "nam"}),
            ]
        )
        assert (job.rows_read, job.rows_with_errors, job.rows_with_warnings) == (4, 0, 0)
        assert job.can_confirm
        added = confirm_delegate_import(upload=job)
        assert len(added) == 4
        numbers = dict(self.congress.delegates.values_list("full_name", "number"))
        # Vietnamese order: by given name (An, Bình, Thơ, Vọng), after the two already listed.
        assert [
            numbers[n] for n in ("Đỗ Văn An", "Nguyễn Thị Bình", "Phạm Thị Thơ", "Lường Danh Vọng")
        ] == [
            3,
            4,
            5,
            6,
        ]
        vong = self.congress.delegates.get(full_name="Lường Danh Vọng")
        assert vong.member == self.w.member
        assert (vong.kind, vong.ethnicity, vong.birth_date) == (
            DelegateKind.EX_OFFICIO,
            "Thái",  # from the member record
            datetime.date(1975, 5, 19),
        )
        assert (vong.sector, vong.union_officer) == (Sector.ADMINISTRATIVE, UnionOfficer.FULL_TIME)
        binh = self.congress.delegates.get(full_name="Nguyễn Thị Bình")
        assert binh.member is None
        assert (binh.gender, binh.is_party_member, binh.education, binh.workplace) == (
            Gender.NU,
            True,
            Education.DAI_HOC,
            "Phòng Kế hoạch",
        )
        an = self.congress.delegates.get(full_name="Đỗ Văn An")
        assert (an.kind, an.birth_date, an.gender) == (
            DelegateKind.APPOINTED,
            datetime.date(1980, 12, 23),
            Gender.NAM,
        )
        assert "5" in self.congress.delegates.get(full_name="Phạm Thị Thơ").search_text
        job.refresh_from_db()
        assert (job.is_imported, job.imported_count, job.rows) == (True, 4, [])

    def test_guests_come_with_the_rank_of_their_office(self) -> None:
        rank = "Bậc lễ tân"
        job = self.start(
            [
                row("Nguyễn Trọng Thức", "Khách mời", **{rank: 3}),
                row("Vừ A Tiến", "Khách mời", **{rank: "1"}),
                row("Đại diện Trung tâm Khuyến công", "Khách mời"),
                row("Lò Văn Sơn", "Bầu", **{rank: 2}),  # not a guest: no rank kept
            ]
        )
        assert job.problems == []
        confirm_delegate_import(upload=job)
        guests = self.congress.delegates.guests().in_protocol_order()
        assert [(g.full_name, g.protocol_rank) for g in guests] == [
            ("Vừ A Tiến", 1),
            ("Nguyễn Trọng Thức", 3),
            ("Đại diện Trung tâm Khuyến công", None),
        ]
        assert self.congress.delegates.get(full_name="Lò Văn Sơn").protocol_rank is None

    def test_a_rank_that_is_not_1_to_99_is_named_with_its_row(self) -> None:
        job = self.start([row("Vừ A Tiến", "Khách mời", **{"Bậc lễ tân": "một"})])
        self.assert_problem(job, 2, "Bậc lễ tân", RANK_INVALID.format(value="một", most=99))
        assert not self.congress.delegates.exists()

    def test_an_import_is_found_only_under_its_own_congress(self) -> None:
        other = make_congress(self.w.unit, number="khóa VI", term=(2028, 2033))
        job = self.start([row("Nguyễn Văn An")])
        self.client.force_login(self.w.officer)
        for name, method in (
            ("delegate_import_preview", "get"),
            ("delegate_import_confirm", "post"),
        ):
            url = reverse(name, kwargs={"congress_id": other.pk, "import_id": job.pk})
            assert getattr(self.client, method)(url).status_code == 404
        assert not Delegate.objects.exists()

    def test_the_template_names_the_columns_and_offers_the_kinds_in_a_drop_down(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("delegate_import_template", kwargs={"congress_id": self.congress.pk})
        response = self.client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        book = load_workbook(io.BytesIO(response.content))
        sheet = book["Danh sách đại biểu"]
        headers = [cell.value for cell in sheet[1]]
        assert headers[:4] == ["STT", "Họ và tên", "Mã đoàn viên", "Ngày sinh"]
        assert {
            "Giới tính",
            "Dân tộc",
            "Đảng viên",
            "Trình độ",
            "Chức vụ",
            "Đơn vị công tác",
        } <= set(headers)
        assert {"Loại đại biểu", "Khu vực", "Cán bộ công đoàn"} <= set(headers)
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("Loại đại biểu")]
        rules = {
            str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation
        }
        assert rules[f"{letter}2"] == '"Đương nhiên,Bầu,Chỉ định,Khách mời"'
        assert "Hướng dẫn" in book.sheetnames

    def test_the_template_filled_in_imports_as_it_is(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("delegate_import_template", kwargs={"congress_id": self.congress.pk})
        book = load_workbook(io.BytesIO(self.client.get(url).content))
        sheet = book.worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        values = {
            "STT": 1,
            "Họ và tên": "Phạm Thị Thơ",
            "Loại đại biểu": "Khách mời",
            "Giới tính": "Nữ",
        }
        sheet.append([values.get(h) for h in headers])
        out = io.BytesIO()
        book.save(out)
        job = start_delegate_import(
            congress=self.congress, user=None, upload=upload(out.getvalue()), today=TODAY
        )
        assert (job.rows_read, job.rows_with_errors, job.notes) == (1, 0, [])

    def test_an_ods_list_is_read_too(self) -> None:
        data = ods_bytes([["Họ và tên", "Loại đại biểu"], ["Phạm Thị Thơ", "Khách mời"]])
        job = start_delegate_import(
            congress=self.congress, user=None, upload=upload(data, "dai-bieu.ods"), today=TODAY
        )
        assert (job.rows_read, job.rows_with_errors) == (1, 0)

    def test_text_is_normalized_ethnicities_recognized_and_capitals_restored(self) -> None:
        nfd = unicodedata.normalize("NFD", "Nguyễn Thị Bình")
        job = self.start(
            [
                row(nfd, **{"Dân tộc": "Mèo", "Giới tính": "nu"}),
                row("LÒ VĂN PHÓNG", **{"Dân tộc": "kinh (việt)"}),
            ]
        )
        assert (job.rows_with_errors, job.rows_with_warnings) == (0, 0)
        confirm_delegate_import(upload=job)
        binh = self.congress.delegates.get(full_name="Nguyễn Thị Bình")
        assert unicodedata.is_normalized("NFC", binh.full_name)
        assert (binh.ethnicity, binh.gender) == ("Mông", Gender.NU)
        assert self.congress.delegates.get(full_name="Lò Văn Phóng").ethnicity == "Kinh"

    def test_tcvn3_and_vni_text_is_converted_and_shown_as_a_warning(self) -> None:
        for convert, label, name in (
            (unicode_to_tcvn3, "TCVN3 (ABC, phông .VnTime)", "Nguyễn Thị Bình"),
            (unicode_to_vni, "VNI (phông VNI-Times)", "Trần Thị Hường"),
        ):
            with self.subTest(label):
                legacy = convert(name)
                job = self.start([row(legacy, "Khách mời", **{"Chức vụ": convert("Phó Chủ tịch")})])
                assert (job.rows_with_errors, job.rows_with_warnings) == (0, 1)
                message = job.problems[0]["message"]
                assert label in message
                assert f"“{legacy}” → “{name}”" in message
                confirm_delegate_import(upload=job)
                delegate = self.congress.delegates.get(full_name=name)
                assert delegate.position == "Phó Chủ tịch"

    def test_the_preview_lists_who_is_added_and_the_quotas_as_they_will_be(self) -> None:
        rows = [row(f"Đại biểu Bầu {n}", "Bầu") for n in range(1, 11)]
        rows += [row("Hoàng Văn Chỉ", "Chỉ định"), row("Phạm Thị Thơ", "Khách mời")]
        rows += [row("Lường Danh Vọng", "Bầu", **{"Mã đoàn viên": "KT-0001"})]
        job = self.start(rows)
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_preview", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        page = self.client.get(url)
        self.assertContains(page, "Sẵn sàng thêm 13 người")
        self.assertContains(page, "Bầu 11; Chỉ định 1; Khách mời 1")
        self.assertContains(
            page, "1 người gắn với hồ sơ đoàn viên, 12 người ngoài danh sách đoàn viên"
        )
        self.assertContains(page, "Lường Danh Vọng (19/05/1975) · Công đoàn bộ phận Văn phòng Sở")
        # 1 appointed of 12 official (8,3%) is over 5%: said before anything is written.
        self.assertContains(
            page, "Đại biểu chỉ định 1 người (8,3% số đại biểu chính thức), vượt mức 5%"
        )
        self.assertContains(page, "Nhập tất cả")
        assert Delegate.objects.filter(congress=self.congress).count() == 0


class QuotaAfterImportTests(DelegateImportTestCase):
    def test_the_quota_warnings_are_shown_after_the_import(self) -> None:
        rows = [row(f"Đại biểu Bầu {n}", "Bầu") for n in range(1, 11)]
        rows += [row("Hoàng Văn Chỉ", "Chỉ định")]
        rows += [row(f"Khách Mời {n}", "Khách mời") for n in range(1, 4)]
        job = self.start(rows)
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_confirm", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        page = self.client.post(url, follow=True)
        assert page.redirect_chain[-1][0] == reverse(
            "delegate_list", kwargs={"congress_id": self.congress.pk}
        )
        self.assertContains(page, "Đã nhập 14 người vào danh sách đại hội, số 1 đến 14.")
        self.assertContains(
            page, "Đại biểu chỉ định 1 người (9,1% số đại biểu chính thức), vượt mức 5%"
        )
        self.assertContains(page, "Khách mời 3 người (27,3% số đại biểu chính thức), vượt mức 15%")
        assert self.congress.delegates.count() == 14


class MembersCongressTests(DelegateImportTestCase):
    form = CongressForm.TOAN_THE

    def test_a_members_congress_lists_members_and_guests_and_counts_guests_against_members(
        self,
    ) -> None:
        rows = [row(f"Đoàn Viên {n}", "Đoàn viên") for n in range(1, 6)]
        rows += [row("Phạm Thị Thơ", "Khách mời"), row("Trần Văn Bầu", "Bầu")]
        job = self.start(rows)
        self.assert_problem(
            job,
            8,
            "Loại đại biểu",
            KIND_FOR_FORM.format(
                form="Đại hội toàn thể", value="Bầu", choices="Đoàn viên, Khách mời"
            ),
        )
        job = self.start([*rows[:-1], row("Khách Mời Hai", "Khách mời")])
        confirm_delegate_import(upload=job)
        assert self.congress.delegates.filter(kind=DelegateKind.MEMBER).count() == 5
        guests = [c for c in services.quota_checks(self.congress) if c.rule == hall.RULE_GUESTS]
        assert (
            guests[0].message == "Khách mời 2 người (40,0% số đoàn viên), vượt mức 15% (0 người)."
        )

    def test_the_members_congress_template_offers_member_and_guest(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("delegate_import_template", kwargs={"congress_id": self.congress.pk})
        book = load_workbook(io.BytesIO(self.client.get(url).content))
        sheet = book["Danh sách đoàn viên"]
        assert '"Đoàn viên,Khách mời"' in [
            dv.formula1 for dv in sheet.data_validations.dataValidation
        ]


class BadFileTests(DelegateImportTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.w.officer)
        self.url = reverse("delegate_import_upload", kwargs={"congress_id": self.congress.pk})

    def assert_refused(self, data: bytes, message: str, name: str = "dai-bieu.xlsx") -> None:
        response = self.client.post(self.url, {"file": upload(data, name)})
        assert response.status_code == 200
        self.assertContains(response, message)
        assert not DelegateImport.objects.exists()
        assert not Delegate.objects.exists()

    def test_a_file_that_is_not_excel(self) -> None:
        data = "Họ và tên,Loại đại biểu\nNguyễn Văn An,Bầu\n".encode()
        self.assert_refused(
            data, messages.NOT_A_SPREADSHEET.format(name="danh-sach.xlsx"), "danh-sach.xlsx"
        )

    def test_an_empty_file(self) -> None:
        self.assert_refused(b"", messages.FILE_EMPTY.format(name="rong.xlsx"), "rong.xlsx")

    def test_a_file_over_the_size_limit(self) -> None:
        with override_settings(DAIHOI_MAX_IMPORT_BYTES=1024):
            data = xlsx([row(f"Đại biểu {n}") for n in range(30)])
            self.assert_refused(data, messages.FILE_TOO_LARGE.format(limit="1 KB"))

    def test_a_file_large_from_formatted_empty_rows_is_told_to_delete_them(self) -> None:
        data = raw_xlsx(formatted_empty_rows(5000, members=12))
        with override_settings(DAIHOI_MAX_IMPORT_BYTES=50_000):
            self.assert_refused(
                data,
                messages.FILE_TOO_LARGE_FORMATTED.format(limit="49 KB", last="13", next="14"),
            )

    def test_an_empty_sheet(self) -> None:
        book = Workbook()
        out = io.BytesIO()
        book.save(out)
        self.assert_refused(out.getvalue(), SHEET_EMPTY.format(sheet="Sheet"))

    def test_a_header_without_rows(self) -> None:
        self.assert_refused(xlsx([]), NO_ROWS.format(sheet="Danh sách đại biểu"))

    def test_wrong_columns(self) -> None:
        # A member list as it is: no column says which kind of delegate each person is.
        data = workbook_bytes([{"Họ và tên": "Nguyễn Văn An", "Giới tính": "Nam"}])
        message = messages.MISSING_COLUMNS.format(
            sheet="Đoàn viên", columns="“Loại đại biểu”", rows=10
        )
        self.assert_refused(data, message)

    def test_a_closed_congress_takes_no_list(self) -> None:
        services.set_status(congress=self.congress, status=CongressStatus.CLOSED)
        self.assert_refused(xlsx([row("Nguyễn Văn An")]), CONGRESS_CLOSED)

    def test_no_file_chosen(self) -> None:
        self.assertContains(self.client.post(self.url, {}), messages.FILE_REQUIRED)

    def test_too_many_rows_for_a_delegate_list(self) -> None:
        from unittest import mock

        with mock.patch("daihoi.congresses.delegate_import.MAX_ROWS", 5):
            with self.assertRaises(ImportFileError) as caught:
                self.start([row(f"Đại biểu {n}") for n in range(30)])
        assert caught.exception.message == messages.TOO_MANY_ROWS.format(
            sheet="Danh sách đại biểu", rows="31", limit="5"
        )


class BadRowTests(DelegateImportTestCase):
    def test_each_bad_row_is_named_with_its_column_and_nothing_is_written(self) -> None:
        job = self.start(
            [
                row("Nguyễn Văn An", "Dự thính"),
                row("Trần Văn Bình", "Đoàn viên"),
                row("Lê Văn Chi", ""),
                row("Phạm Văn Dũng", **{"Ngày sinh": "31/02/1985"}),
                row("Hoàng Văn Giang", **{"Ngày sinh": "1980"}),
                row("Vũ Văn Hà", **{"Giới tính": "Nam giới"}),
                row("Đặng Văn Khoa", **{"Ngày sinh": "=DATE(1985,3,8)"}),
                row("Bùi Văn Lan", **{"Dân tộc": "Kinh Việt Nam"}),
                row("Ngô Văn Minh", **{"Khu vực": "Khác"}),
                row("Đinh Văn Nga", **{"Ngày sinh": "12/05/2031"}),
                row("", "Bầu", **{"Chức vụ": "Chuyên viên"}),
                row("Lý Văn Phúc", "Bầu", **{"Ngày sinh": datetime.date(1979, 1, 2)}),
            ]
        )
        self.assert_problem(
            job, 2, "Loại đại biểu", KIND_UNKNOWN.format(value="Dự thính", choices=KINDS)
        )
        self.assert_problem(
            job,
            3,
            "Loại đại biểu",
            KIND_FOR_FORM.format(form="Đại hội đại biểu", value="Đoàn viên", choices=KINDS),
        )
        self.assert_problem(job, 4, "Loại đại biểu", KIND_MISSING.format(choices=KINDS))
        self.assert_problem(
            job, 5, "Ngày sinh", messages.DATE_IMPOSSIBLE.format(value="31/02/1985")
        )
        self.assert_problem(job, 6, "Ngày sinh", messages.DATE_YEAR_ONLY.format(value="1980"))
        self.assert_problem(job, 7, "Giới tính", messages.GENDER_INVALID.format(value="Nam giới"))
        self.assert_problem(job, 8, "Ngày sinh", messages.FORMULA)
        self.assert_problem(job, 9, "Dân tộc", ETHNICITY_UNKNOWN.format(value="Kinh Việt Nam"))
        self.assert_problem(job, 10, "Khu vực", SECTOR_INVALID.format(value="Khác"))
        assert (11, "Ngày sinh") in [(line, column) for line, column, _, _ in self.problems(job)]
        assert (12, "Họ và tên") in [(line, column) for line, column, _, _ in self.problems(job)]
        letters = {p["column"]: p["letter"] for p in job.problems}
        assert (letters["Loại đại biểu"], letters["Ngày sinh"]) == ("K", "D")
        assert (job.rows_read, job.rows_with_errors, job.rows) == (12, 11, [])
        with self.assertRaises(CongressError) as caught:
            confirm_delegate_import(upload=job)
        assert caught.exception.messages == [NOT_READY]
        assert not self.congress.delegates.exists()

    def test_the_preview_page_shows_each_problem_and_no_import_button(self) -> None:
        job = self.start([row("Nguyễn Văn An", "Dự thính"), row("Trần Văn Bình")])
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_preview", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        page = self.client.get(url)
        self.assertContains(page, KIND_UNKNOWN.format(value="Dự thính", choices=KINDS))
        self.assertContains(page, "Còn 1 dòng có lỗi")
        self.assertContains(page, 'disabled aria-describedby="confirm-blocked"')
        confirm = reverse(
            "delegate_import_confirm", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        response = self.client.post(confirm, follow=True)
        self.assertContains(response, NOT_READY)
        assert not self.congress.delegates.exists()


class MemberLinkTests(DelegateImportTestCase):
    def test_a_member_number_in_the_subtree_links_the_member_and_the_record_wins(self) -> None:
        job = self.start(
            [
                row(
                    "lường danh vọng",
                    **{"Mã đoàn viên": "KT-0001", "Ngày sinh": "19/05/1976", "Dân tộc": "Kinh"},
                )
            ]
        )
        self.assert_problem(
            job,
            2,
            "Ngày sinh",
            MEMBER_DIFFERS.format(given="19/05/1976", name="Lường Danh Vọng", saved="19/05/1975"),
            warning=True,
        )
        assert job.can_confirm
        (delegate,) = confirm_delegate_import(upload=job)
        assert delegate.member == self.w.member
        assert (delegate.birth_date, delegate.ethnicity) == (datetime.date(1975, 5, 19), "Thái")

    def test_a_member_number_outside_the_subtree_is_an_error_that_names_only_the_number(
        self,
    ) -> None:
        job = self.start([row("Trần Thị Hoa", **{"Mã đoàn viên": "KT-0002"})])
        message = MEMBER_NOT_FOUND.format(number="KT-0002", unit=self.w.unit.name)
        self.assert_problem(job, 2, "Mã đoàn viên", message)
        assert "Sở Tài chính" not in str(job.problems)

    def test_a_guest_with_a_number_from_elsewhere_is_kept_without_a_link(self) -> None:
        job = self.start([row("Trần Thị Hoa", "Khách mời", **{"Mã đoàn viên": "KT-0002"})])
        message = MEMBER_NOT_FOUND_GUEST.format(number="KT-0002", unit=self.w.unit.name)
        self.assert_problem(job, 2, "Mã đoàn viên", message, warning=True)
        (guest,) = confirm_delegate_import(upload=job)
        assert (guest.member, guest.kind) == (None, DelegateKind.GUEST)

    def test_a_member_number_with_another_name_is_an_error(self) -> None:
        job = self.start([row("Nguyễn Văn An", **{"Mã đoàn viên": "KT-0001"})])
        message = MEMBER_OTHER_NAME.format(
            number="KT-0001",
            name="Lường Danh Vọng",
            unit="Công đoàn bộ phận Văn phòng Sở",
            given="Nguyễn Văn An",
        )
        self.assert_problem(job, 2, "Họ và tên", message)

    def test_without_a_number_name_and_birth_date_find_the_member(self) -> None:
        job = self.start(
            [
                row("Lường Danh Vọng", **{"Ngày sinh": datetime.date(1975, 5, 19)}),
                row("Nguyễn Văn Ngoài", **{"Ngày sinh": datetime.date(1975, 5, 19)}),
            ]
        )
        confirm_delegate_import(upload=job)
        assert self.congress.delegates.get(full_name="Lường Danh Vọng").member == self.w.member
        assert self.congress.delegates.get(full_name="Nguyễn Văn Ngoài").member is None

    def test_a_name_alone_does_not_link(self) -> None:
        job = self.start([row("Lường Danh Vọng", "Khách mời")])
        (delegate,) = confirm_delegate_import(upload=job)
        assert delegate.member is None


class DuplicateTests(DelegateImportTestCase):
    def test_twins_in_the_file_are_errors_on_the_second_row(self) -> None:
        job = self.start(
            [
                row("Lường Danh Vọng", **{"Mã đoàn viên": "KT-0001"}),
                row("Lường Danh Vọng", **{"Mã đoàn viên": "KT-0001"}),
                row("Nguyễn Văn An", **{"Ngày sinh": "01/02/1980"}),
                row("NGUYỄN VĂN AN", **{"Ngày sinh": datetime.date(1980, 2, 1)}),
                row("Lê Thị Hoa", "Khách mời"),
                row("Lê Thị Hoa", "Khách mời"),
                row("Lường Danh Vọng", **{"Ngày sinh": "19/05/1975"}),
            ]
        )
        self.assert_problem(
            job, 3, "Mã đoàn viên", NUMBER_TWICE_IN_FILE.format(number="KT-0001", row=2)
        )
        self.assert_problem(job, 5, "Họ và tên", PERSON_TWICE_IN_FILE.format(row=4))
        self.assert_problem(job, 7, "Họ và tên", NAME_TWICE_IN_FILE.format(row=6), warning=True)
        assert (8, "Họ và tên") in [(line, column) for line, column, _, _ in self.problems(job)]
        assert job.rows_with_errors == 3

    def test_people_already_on_the_list_are_errors(self) -> None:
        services.add_delegates_from_members(congress=self.congress, members=[self.w.member])
        services.add_delegate(
            congress=self.congress,
            data=DelegateData(
                full_name="Nguyễn Văn An",
                kind=DelegateKind.ELECTED,
                birth_date=datetime.date(1980, 2, 1),
            ),
        )
        services.add_delegate(
            congress=self.congress,
            data=DelegateData(full_name="Phạm Thị Thơ", kind=DelegateKind.GUEST),
        )
        job = self.start(
            [
                row("Lường Danh Vọng", **{"Mã đoàn viên": "KT-0001"}),
                row("Nguyễn Văn An", **{"Ngày sinh": "01/02/1980"}),
                row("Phạm Thị Thơ", "Khách mời"),
            ]
        )
        self.assert_problem(
            job, 2, "Họ và tên", MEMBER_ALREADY.format(name="Lường Danh Vọng", number=1)
        )
        self.assert_problem(
            job,
            3,
            "Họ và tên",
            PERSON_ALREADY.format(name="Nguyễn Văn An", date="01/02/1980", number=2),
        )
        self.assert_problem(
            job, 4, "Họ và tên", NAME_ALREADY.format(name="Phạm Thị Thơ", number=3), warning=True
        )
        assert job.rows_with_errors == 2

    def test_a_list_changed_since_the_preview_imports_nobody(self) -> None:
        job = self.start(
            [row("Nguyễn Văn An"), row("Lường Danh Vọng", **{"Mã đoàn viên": "KT-0001"})]
        )
        assert job.can_confirm
        services.add_delegates_from_members(congress=self.congress, members=[self.w.member])
        with self.assertRaises(CongressError) as caught:
            confirm_delegate_import(upload=job)
        assert caught.exception.messages[0].startswith(CHANGED_SINCE_PREVIEW.split("{detail}")[0])
        assert "Lường Danh Vọng" in caught.exception.messages[0]
        assert list(self.congress.delegates.values_list("full_name", flat=True)) == [
            "Lường Danh Vọng"
        ]
        job.refresh_from_db()
        assert not job.is_imported and job.can_confirm  # rolled back: it may be tried again

    def test_a_second_click_imports_nothing_more(self) -> None:
        job = self.start([row("Nguyễn Văn An")])
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_confirm", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        self.client.post(url)
        response = self.client.post(url)
        shown = [str(m) for m in get_messages(response.wsgi_request)]
        assert ALREADY_IMPORTED in shown
        assert self.congress.delegates.count() == 1


class ConferenceListTests(DelegateImportTestCase):
    """A conference's (hội nghị) list: the import's messages name the hội nghị, not a đại hội."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_conference(cls.w.unit)

    def test_the_import_s_messages_say_hoi_nghi(self) -> None:
        services.add_delegates_from_members(congress=self.congress, members=[self.w.member])
        services.add_delegate(
            congress=self.congress,
            data=DelegateData(
                full_name="Nguyễn Văn An",
                kind=DelegateKind.GUEST,
                birth_date=datetime.date(1980, 2, 1),
            ),
        )
        job = self.start(
            [
                row("Lường Danh Vọng", "Khách mời", **{"Mã đoàn viên": "KT-0001"}),
                row("Nguyễn Văn An", "Khách mời", **{"Ngày sinh": "01/02/1980"}),
            ]
        )
        messages_shown = [p["message"] for p in job.problems]
        assert "Lường Danh Vọng đã có trong danh sách hội nghị (số 1)." in messages_shown
        assert (
            "Danh sách hội nghị đã có Nguyễn Văn An sinh ngày 01/02/1980 (số 2)." in messages_shown
        )
        assert not any("đại hội" in m for m in messages_shown), messages_shown

    def test_the_done_message_says_hoi_nghi(self) -> None:
        job = self.start([row("Phạm Thị Thơ", "Khách mời")])
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_confirm", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        response = self.client.post(url)
        shown = [str(m) for m in get_messages(response.wsgi_request)]
        assert shown == ["Đã nhập 1 người vào danh sách hội nghị, số 1 đến 1."]

    def test_the_preview_says_hoi_nghi(self) -> None:
        job = self.start([row("Phạm Thị Thơ", "Khách mời")])
        self.client.force_login(self.w.officer)
        url = reverse(
            "delegate_import_preview", kwargs={"congress_id": self.congress.pk, "import_id": job.pk}
        )
        page = self.client.get(url).content.decode()
        assert "Sẵn sàng thêm 1 người vào danh sách hội nghị:" in page
        assert "danh sách đại hội" not in page
