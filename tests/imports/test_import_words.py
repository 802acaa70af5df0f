"""A Party cell's import speaks of đảng viên, a Youth Union unit's of đoàn viên thanh niên.

The import's messages are written of the trade union's đoàn viên; those a job stores (the
preview's problems, a failure, the result) are put in the words of the unit's organization
(issue 9: "Party cells speak of đảng viên everywhere"). The member form's "joined" date is named
for the organization too.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile

from django.test import TestCase, override_settings
from django.urls import reverse
from tests.imports.workbooks import people, person, upload, workbook_bytes

from daihoi.accounts.models import Role
from daihoi.imports import messages, services
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.units.models import Gender, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit
from daihoi.units.testing import make_user

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class ImportInTheWordsOfTheUnitTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        party = create_unit(parent=None, name="Đảng bộ tỉnh Vĩnh Phúc", code="VP", kind="dang_bo")
        cls.cell = create_unit(
            parent=party,
            name="Chi bộ Trung tâm Công tác xã hội",
            code="VP-CB",
            kind=UnitKind.CHI_BO,
        )
        cls.youth = create_unit(
            parent=None, name="Đoàn cơ sở Trường THPT Mường Ảng", code="DT", kind="doan_co_so"
        )
        cls.union = create_unit(
            parent=None, name="Công đoàn cơ sở Sở Công Thương", code="CT", kind=UnitKind.CDCS
        )
        cls.secretary = make_user("canbo.chibo", cls.cell, Role.OFFICER)

    def start(self, data: bytes) -> ImportJob:
        return services.start_import(unit=self.cell, user=self.secretary, upload=upload(data))

    def test_a_preview_problem_in_a_party_cell_names_the_đảng_viên(self) -> None:
        create_member(
            unit=self.cell,
            data=MemberData(
                full_name="Nguyễn Thị Bình", gender=Gender.NU, birth_date=datetime.date(1985, 3, 8)
            ),
        )
        job = self.start(workbook_bytes([person()]))
        [problem] = job.problems
        assert (
            "Chi bộ Trung tâm Công tác xã hội đã có đảng viên Nguyễn Thị Bình"
            in (problem["message"])
        )
        assert "“Thêm đảng viên”" in problem["message"]
        assert "đoàn viên" not in problem["message"]

    def test_a_failed_import_in_a_party_cell_says_no_đảng_viên_was_written(self) -> None:
        job = self.start(workbook_bytes([person()]))
        create_member(
            unit=self.cell,
            data=MemberData(
                full_name="Nguyễn Thị Bình", gender=Gender.NU, birth_date=datetime.date(1985, 3, 8)
            ),
        )
        job = services.confirm_import(job=job)
        assert job.status == ImportStatus.FAILED
        assert "đảng viên Nguyễn Thị Bình (dòng 2) vừa được thêm vào" in job.error_message
        assert "Không có đảng viên nào được ghi" in job.error_message
        assert "đoàn viên" not in job.error_message

    def test_the_result_of_a_party_cells_import_counts_đảng_viên(self) -> None:
        job = self.start(workbook_bytes(people(2)))
        self.client.force_login(self.secretary)
        page = self.client.post(reverse("import_confirm", args=[job.pk]), follow=True)
        self.assertContains(page, "Đã nhập 2 đảng viên vào Chi bộ Trung tâm Công tác xã hội.")

    def test_messages_are_worded_once_for_each_organization(self) -> None:
        text = messages.INTERRUPTED
        assert messages.in_words_of(text, self.union) == text
        assert "không có đảng viên nào" in messages.in_words_of(text, self.cell)
        youth = messages.in_words_of(text, self.youth)
        assert "không có đoàn viên thanh niên nào" in youth
        assert "thanh niên thanh niên" not in youth


class JoinedDateLabelTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.youth = create_unit(
            parent=None, name="Đoàn cơ sở Trường THPT Mường Ảng", code="DT", kind="doan_co_so"
        )
        party = create_unit(parent=None, name="Đảng bộ tỉnh Vĩnh Phúc", code="VP", kind="dang_bo")
        cls.cell = create_unit(
            parent=party,
            name="Chi bộ Trung tâm Công tác xã hội",
            code="VP-CB",
            kind=UnitKind.CHI_BO,
        )
        cls.union = create_unit(
            parent=None, name="Công đoàn cơ sở Sở Công Thương", code="CT", kind=UnitKind.CDCS
        )

    def form_and_detail(self, unit: object, username: str) -> tuple[str, str]:
        member = create_member(
            unit=unit,  # type: ignore[arg-type]
            data=MemberData(
                full_name="Khúc Thị Hồng Liên",
                gender=Gender.NU,
                union_joined_on=datetime.date(2012, 3, 26),
            ),
        )
        self.client.force_login(make_user(username, unit, Role.OFFICER))  # type: ignore[arg-type]
        form = self.client.get(reverse("member_create", args=[unit.pk])).content.decode()  # type: ignore[attr-defined]
        detail = self.client.get(reverse("member_detail", args=[member.pk])).content.decode()
        return form, detail

    def test_the_youth_union_asks_for_the_day_one_joined_the_đoàn(self) -> None:
        form, detail = self.form_and_detail(self.youth, "canbo.doan")
        for page in (form, detail):
            assert "Ngày vào Đoàn" in page
            assert "Ngày vào Công đoàn" not in page
        assert "26/03/2012" in detail

    def test_a_party_cell_asks_for_the_union_day_only_if_there_is_one(self) -> None:
        form, detail = self.form_and_detail(self.cell, "canbo.chibo")
        for page in (form, detail):
            assert "Ngày vào Công đoàn (nếu có)" in page

    def test_a_trade_union_keeps_its_label(self) -> None:
        form, detail = self.form_and_detail(self.union, "canbo.cd")
        for page in (form, detail):
            assert "Ngày vào Công đoàn" in page
            assert "(nếu có)" not in page
