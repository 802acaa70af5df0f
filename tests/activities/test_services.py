"""Recording activities: every problem refused with its field named, nothing half-written."""

from __future__ import annotations

import datetime

import pytest
from django.test import TestCase

from daihoi.activities import errors, services
from daihoi.activities.errors import ActivityError
from daihoi.activities.models import Contribution, Initiative, PartyIntroduction, ResearchProject
from daihoi.activities.services import (
    ContributionData,
    InitiativeData,
    IntroductionData,
    ResearchData,
)
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

TODAY = datetime.date(2026, 12, 5)


def fields(error: ActivityError) -> dict[str | None, str]:
    return {e.field: e.message for e in error.errors}


class InitiativeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.lan = create_member(
            unit=cls.w.unit,
            data=MemberData(full_name="Lò Thị Lan", gender=Gender.NU, member_number="KT-0101"),
        )

    def test_an_initiative_is_recorded_with_its_authors_found_by_name_or_card(self) -> None:
        record = services.save_initiative(
            unit=self.w.unit,
            data=InitiativeData(
                title="Cải tiến quy trình tiếp nhận hồ sơ một cửa",
                authors="lo thi lan; KT-0001",
                year=2024,
                level="co-so",
                applied=True,
            ),
            by=self.w.officer,
        )
        assert set(record.authors.all()) == {self.lan, self.w.member}
        assert record.unit == self.w.unit and record.created_by == self.w.officer

    def test_every_problem_is_named_by_its_field_and_nothing_is_written(self) -> None:
        with pytest.raises(ActivityError) as caught:
            services.save_initiative(
                unit=self.w.unit,
                data=InitiativeData(title="  ", authors="", year=1900, level="xa"),
                by=None,
            )
        found = fields(caught.value)
        assert found["title"] == "Tên sáng kiến: không được để trống."
        assert found["authors"] == errors.AUTHORS_REQUIRED.format(label="Tác giả")
        assert found["year"].startswith("Năm công nhận: phải từ 1975 đến ")
        assert found["level"].startswith("Cấp công nhận: “xa” không có trong danh mục")
        assert not Initiative.objects.exists()

    def test_an_author_outside_the_unit_is_refused_by_name(self) -> None:
        with pytest.raises(ActivityError) as caught:
            services.save_initiative(
                unit=self.w.unit,
                data=InitiativeData(title="X", authors="Trần Thị Hoa", year=2024, level="tinh"),
                by=None,
            )
        assert fields(caught.value)["authors"] == errors.MEMBER_NOT_FOUND.format(
            label="Tác giả", name="Trần Thị Hoa", unit=self.w.unit.name
        )

    def test_two_members_of_one_name_need_the_card_number(self) -> None:
        create_member(
            unit=self.w.section, data=MemberData(full_name="Lò Thị Lan", gender=Gender.NU)
        )
        with pytest.raises(ActivityError) as caught:
            services.save_initiative(
                unit=self.w.unit,
                data=InitiativeData(title="X", authors="Lò Thị Lan", year=2024, level="tinh"),
                by=None,
            )
        assert "ghi số thẻ đoàn viên để phân biệt" in fields(caught.value)["authors"]
        record = services.save_initiative(
            unit=self.w.unit,
            data=InitiativeData(title="X", authors="KT-0101", year=2024, level="tinh"),
            by=None,
        )
        assert list(record.authors.all()) == [self.lan]

    def test_a_hidden_character_in_the_title_is_refused(self) -> None:
        with pytest.raises(ActivityError) as caught:
            services.save_initiative(
                unit=self.w.unit,
                data=InitiativeData(
                    title="Sáng\u202ekiến", authors="Lò Thị Lan", year=2024, level="co-so"
                ),
                by=None,
            )
        assert fields(caught.value)["title"].startswith("Tên sáng kiến: có ký tự không nhìn thấy")

    def test_editing_replaces_the_authors(self) -> None:
        record = services.save_initiative(
            unit=self.w.unit,
            data=InitiativeData(title="X", authors="Lò Thị Lan", year=2024, level="co-so"),
            by=None,
        )
        services.save_initiative(
            unit=self.w.unit,
            data=InitiativeData(title="Y", authors="Lường Danh Vọng", year=2023, level="nganh"),
            by=None,
            record=record,
        )
        record.refresh_from_db()
        assert (record.title, record.year, list(record.authors.all())) == (
            "Y",
            2023,
            [self.w.member],
        )
        assert InitiativeData.of(record).authors == "Lường Danh Vọng"


class ResearchTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_project_accepted_in_the_future_is_refused(self) -> None:
        with pytest.raises(ActivityError) as caught:
            services.check_research(
                unit=self.w.unit,
                data=ResearchData(
                    title="Đề tài",
                    authors="Lường Danh Vọng",
                    level="tinh",
                    accepted_on=datetime.date(2027, 1, 1),
                ),
                today=TODAY,
            )
        assert fields(caught.value) == {
            "accepted_on": "Ngày nghiệm thu: không được sau ngày hôm nay (05/12/2026)."
        }
        record = services.save_research(
            unit=self.w.unit,
            data=ResearchData(
                title="Đề tài",
                authors="Lường Danh Vọng",
                level="tinh",
                accepted_on=datetime.date(2019, 6, 1),
            ),
            by=None,
        )
        assert ResearchProject.objects.get() == record


class ContributionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_amounts_are_whole_dong_as_typed_with_dots_or_spaces(self) -> None:
        assert services.parse_amount("30.000.000") == 30_000_000
        assert services.parse_amount("30 000 000") == 30_000_000
        assert services.parse_amount("1300000000") == 1_300_000_000
        for bad in ("1,5", "30.000,5", "-5", "3 tỷ", "30.00.000", "30.000 000"):
            with pytest.raises(ActivityError) as caught:
                services.parse_amount(bad)
            assert fields(caught.value)["amount"].startswith("Số tiền: nhập số đồng")

    def test_a_zero_amount_and_a_missing_purpose_are_refused(self) -> None:
        with pytest.raises(ActivityError) as caught:
            services.save_contribution(
                unit=self.w.unit,
                data=ContributionData(
                    kind="mai-am", amount=0, given_on=datetime.date(2024, 3, 1), purpose=""
                ),
                by=None,
            )
        assert fields(caught.value) == {
            "amount": errors.AMOUNT_POSITIVE,
            "purpose": "Nội dung: không được để trống.",
        }
        assert not Contribution.objects.exists()

    def test_a_contribution_keeps_its_amount_exactly(self) -> None:
        record = services.save_contribution(
            unit=self.w.section,
            data=ContributionData(
                kind="mai-am",
                amount=60_000_001,
                given_on=datetime.date(2024, 3, 1),
                purpose="Xây mái ấm công đoàn cho đoàn viên Lò Văn Pọm",
            ),
            by=None,
        )
        record.refresh_from_db()
        assert record.amount == 60_000_001 and isinstance(record.amount, int)


class IntroductionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def data(self, day: datetime.date) -> IntroductionData:
        return IntroductionData(member="Lường Danh Vọng", introduced_on=day)

    def test_a_member_is_introduced_once_a_day(self) -> None:
        day = datetime.date(2024, 5, 2)
        services.save_introduction(unit=self.w.unit, data=self.data(day), by=None)
        with pytest.raises(ActivityError) as caught:
            services.save_introduction(unit=self.w.unit, data=self.data(day), by=None)
        assert fields(caught.value) == {
            "introduced_on": "Ngày giới thiệu: Lường Danh Vọng đã được giới thiệu cho Đảng ngày "
            "02/05/2024."
        }
        assert PartyIntroduction.objects.count() == 1

    def test_a_party_member_before_the_date_cannot_be_introduced(self) -> None:
        member = self.w.member
        member.is_party_member = True
        member.party_joined_on = datetime.date(2010, 1, 1)
        member.save()
        with pytest.raises(ActivityError) as caught:
            services.save_introduction(
                unit=self.w.unit, data=self.data(datetime.date(2024, 5, 2)), by=None
            )
        assert "đã là đảng viên từ ngày 01/01/2010" in fields(caught.value)["introduced_on"]

    def test_only_one_member_per_introduction(self) -> None:
        create_member(unit=self.w.unit, data=MemberData(full_name="Lò Văn A", gender=Gender.NAM))
        with pytest.raises(ActivityError) as caught:
            services.save_introduction(
                unit=self.w.unit,
                data=IntroductionData(
                    member="Lò Văn A, Lường Danh Vọng", introduced_on=datetime.date(2024, 5, 2)
                ),
                by=None,
            )
        assert fields(caught.value) == {"member": "Đoàn viên: chỉ ghi một đoàn viên."}
