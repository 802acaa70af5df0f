"""The emulation pages end to end with the test client: launch, register, review, evaluate."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.emulation import errors, services
from daihoi.emulation.models import Campaign, Evaluation, Registration, RegistrationStatus
from daihoi.emulation.testing import make_campaign
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"


def facts(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "task_level": "tot",
        "active_in_emulation": "on",
        "days_absent": "0",
        "maternity_days": "0",
        "joined_on": "",
        "discipline": "khong",
        "initiative": "khong",
        "active_in_union": "on",
        "family_duties_met": "on",
        "override_reason": "",
    }
    data.update(changes)
    return data


class CampaignPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_the_navigation_links_to_emulation(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("unit_detail", args=[self.w.unit.pk])).content.decode()
        assert f'href="{reverse("campaign_list")}"' in page

    def test_an_officer_launches_a_campaign_from_the_list(self) -> None:
        self.client.force_login(self.w.upper)
        listing = self.client.get(reverse("campaign_list")).content.decode()
        create = reverse("campaign_create", args=[self.w.province.pk])
        assert create in listing
        response = self.client.post(
            create,
            {
                "title": "Thi đua “Lao động giỏi, lao động sáng tạo” năm 2025",
                "year": "2025",
                "kind": "thuong-xuyen",
                "starts_on": "15/01/2025",
                "ends_on": "15/12/2025",
                "content": "100% tập thể đạt lao động tiên tiến",
            },
        )
        campaign = Campaign.objects.get()
        self.assertRedirects(
            response, reverse("campaign_unit", args=[campaign.pk, self.w.province.pk])
        )
        page = self.client.get(response["Location"]).content.decode()
        assert "100% tập thể đạt lao động tiên tiến" in page
        assert self.w.upper_grassroots.name in page  # the unit below, with its status
        assert "Chưa gửi đăng ký" in page

    def test_a_second_yearly_campaign_is_refused_on_the_form(self) -> None:
        first = make_campaign(self.w.province)
        self.client.force_login(self.w.upper)
        response = self.client.post(
            reverse("campaign_create", args=[self.w.province.pk]),
            {
                "title": "Lại nữa",
                "year": "2025",
                "kind": "thuong-xuyen",
                "starts_on": "2025-01-01",
                "ends_on": "2025-12-31",
            },
        )
        assert response.status_code == 200
        message = errors.CAMPAIGN_YEARLY_TAKEN.format(
            unit=self.w.province.name, year=2025, title=first.title
        )
        assert message in response.content.decode()
        assert Campaign.objects.count() == 1

    def test_the_viewer_is_not_offered_to_launch(self) -> None:
        self.client.force_login(self.w.viewer)
        listing = self.client.get(reverse("campaign_list")).content.decode()
        assert reverse("campaign_create", args=[self.w.unit.pk]) not in listing


class RegistrationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)

    def url(self, name: str, unit: object) -> str:
        return reverse(name, args=[self.campaign.pk, unit.pk])  # type: ignore[attr-defined]

    def test_an_officer_registers_members_and_the_unit(self) -> None:
        self.client.force_login(self.w.officer)
        form = self.client.get(self.url("registration_create", self.w.unit)).content.decode()
        assert self.w.member.full_name in form
        assert self.w.sibling_member.full_name not in form
        response = self.client.post(
            self.url("registration_create", self.w.unit),
            {"kind": "ca-nhan", "members": [self.w.member.pk], "titles": [LDTT, CSTDCS]},
        )
        self.assertRedirects(response, self.url("campaign_unit", self.w.unit))
        response = self.client.post(
            self.url("registration_create", self.w.unit),
            {"kind": "tap-the", "tap-the-titles": ["tap-the-lao-dong-xuat-sac"]},
        )
        self.assertRedirects(response, self.url("campaign_unit", self.w.unit))
        assert Registration.objects.filter(member=self.w.member).count() == 2
        assert Registration.objects.filter(member=None, unit=self.w.unit).count() == 1
        page = self.client.get(self.url("campaign_unit", self.w.unit)).content.decode()
        assert page.count("Chờ duyệt") == 3
        assert "Tập thể lao động xuất sắc" in page

    def test_a_member_from_beside_cannot_be_slipped_in(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(
            self.url("registration_create", self.w.unit),
            {"kind": "ca-nhan", "members": [self.w.sibling_member.pk], "titles": [LDTT]},
        )
        assert response.status_code == 200
        assert "Đoàn viên: người đã chọn không còn trong danh sách." in response.content.decode()
        assert not Registration.objects.exists()

    def test_the_level_above_sees_the_status_and_reviews(self) -> None:
        (registration,) = services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT],
            by=None,
        )
        self.client.force_login(self.w.upper)
        above = self.client.get(self.url("campaign_unit", self.w.upper_grassroots)).content.decode()
        assert "Có đăng ký chờ duyệt" in above
        page = self.client.get(self.url("campaign_unit", self.w.unit)).content.decode()
        review = reverse("registration_review", args=[self.campaign.pk, registration.pk])
        assert review in page
        response = self.client.post(review, {"decision": "tra-lai", "reason": ""})
        self.assertRedirects(
            response, self.url("campaign_unit", self.w.unit), fetch_redirect_response=False
        )
        page = self.client.get(response["Location"]).content.decode()
        assert errors.RETURN_REASON_REQUIRED in page
        self.client.post(review, {"decision": "tra-lai", "reason": "Chưa có minh chứng"})
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.RETURNED
        above = self.client.get(self.url("campaign_unit", self.w.upper_grassroots)).content.decode()
        assert "Có đăng ký bị trả lại" in above

    def test_the_unit_itself_is_offered_no_review_of_its_own_registrations(self) -> None:
        (registration,) = services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT],
            by=None,
        )
        self.client.force_login(self.w.officer)
        page = self.client.get(self.url("campaign_unit", self.w.unit)).content.decode()
        assert reverse("registration_review", args=[self.campaign.pk, registration.pk]) not in page


class EvaluationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)
        services.register_members(
            campaign=cls.campaign, unit=cls.w.unit, members=[cls.w.member], titles=[LDTT], by=None
        )

    def edit_url(self) -> str:
        return reverse("evaluation_edit", args=[self.campaign.pk, self.w.unit.pk, self.w.member.pk])

    def test_the_officer_saves_the_facts_and_reads_the_verdict(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.edit_url(), facts(proposed=[LDTT]))
        self.assertRedirects(response, self.edit_url())
        page = self.client.get(self.edit_url()).content.decode()
        assert "Lao động tiên tiến: đủ điều kiện." in page
        assert "Luật TĐKT 2022 Điều 24 k1" in page
        table = self.client.get(
            reverse("evaluation_table", args=[self.campaign.pk, self.w.unit.pk])
        ).content.decode()
        assert "Hoàn thành tốt nhiệm vụ" in table
        assert "1/1 đoàn viên đã bình xét" in table

    def test_an_ineligible_proposal_without_reason_is_shown_on_the_form(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.edit_url(), facts(proposed=[CSTDCS]))
        assert response.status_code == 200
        message = errors.EVALUATION_OVERRIDE_REASON.format(titles="“Chiến sĩ thi đua cơ sở”")
        assert message in response.content.decode()
        assert not Evaluation.objects.exists()
        response = self.client.post(
            self.edit_url(), facts(proposed=[CSTDCS], override_reason="Sáng kiến đang xét")
        )
        self.assertRedirects(response, self.edit_url())
        table = self.client.get(
            reverse("evaluation_table", args=[self.campaign.pk, self.w.unit.pk])
        ).content.decode()
        assert "có lý do" in table

    def test_bad_numbers_are_named_and_nothing_is_saved(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.edit_url(), facts(days_absent="-1", maternity_days="abc"))
        page = response.content.decode()
        assert "Số ngày làm việc nghỉ trong năm: không được là số âm." in page
        assert "Trong đó nghỉ thai sản: nhập số nguyên, ví dụ 12." in page
        response = self.client.post(self.edit_url(), facts(days_absent="3", maternity_days="5"))
        assert "Trong đó nghỉ thai sản: không được nhiều hơn số ngày nghỉ (3)." in (
            response.content.decode()
        )
        assert not Evaluation.objects.exists()

    def test_the_viewer_reads_the_verdict_without_a_form(self) -> None:
        services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.unit,
            member=self.w.member,
            data=services.EvaluationData(task_level="tot"),
            by=None,
        )
        self.client.force_login(self.w.viewer)
        page = self.client.get(self.edit_url()).content.decode()
        assert "Lao động tiên tiến: đủ điều kiện." in page
        assert "Lưu và xét" not in page

    def test_the_table_pins_its_queries(self) -> None:
        for n in range(30):
            create_member(
                unit=self.w.section,
                data=MemberData(full_name=f"Nguyễn Văn Số {n}", gender=Gender.NAM),
            )
        self.client.force_login(self.w.officer)
        url = reverse("evaluation_table", args=[self.campaign.pk, self.w.unit.pk])
        # Session, user, campaign, unit, members counted and paged, the page's evaluations,
        # the council's counted votes, the summary: the same however many members.
        with self.assertNumQueries(9):
            response = self.client.get(url)
        assert response.content.decode().count("Chưa bình xét") == 31


class CollectiveEvaluationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)
        services.register_members(
            campaign=cls.campaign, unit=cls.w.unit, members=[cls.w.member], titles=[LDTT], by=None
        )
        services.register_collective(
            campaign=cls.campaign, unit=cls.w.unit, titles=["tap-the-lao-dong-tien-tien"], by=None
        )

    def test_the_officer_evaluates_the_collective_from_the_members_table(self) -> None:
        services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.unit,
            member=self.w.member,
            data=services.EvaluationData(task_level="tot"),
            by=None,
        )
        self.client.force_login(self.w.officer)
        url = reverse("collective_evaluation", args=[self.campaign.pk, self.w.unit.pk])
        unit_page = self.client.get(
            reverse("campaign_unit", args=[self.campaign.pk, self.w.unit.pk])
        )
        assert url in unit_page.content.decode()
        response = self.client.post(
            url,
            {
                "task_level": "tot",
                "active_in_emulation": "on",
                "united_and_lawful": "on",
                "proposed": ["tap-the-lao-dong-tien-tien"],
            },
        )
        self.assertRedirects(response, url)
        page = self.client.get(url).content.decode()
        assert "Tập thể lao động tiên tiến: đủ điều kiện." in page
        assert "1/1 thành viên đạt Lao động tiên tiến (cần trên 1/2)" in page


class RegistrationOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)

    def test_the_collective_comes_first_and_titles_in_the_laws_order(self) -> None:
        # Codes sort "chien-si..." before "lao-dong..."; the page follows the law's order.
        services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[CSTDCS, LDTT],
            by=None,
        )
        services.register_collective(
            campaign=self.campaign, unit=self.w.unit, titles=["tap-the-lao-dong-tien-tien"], by=None
        )
        self.client.force_login(self.w.officer)
        page = self.client.get(
            reverse("campaign_unit", args=[self.campaign.pk, self.w.unit.pk])
        ).content.decode()
        collective = page.index("Tập thể lao động tiên tiến")
        ldtt = page.index("<td>Lao động tiên tiến</td>")
        cstdcs = page.index("<td>Chiến sĩ thi đua cơ sở</td>")
        assert collective < ldtt < cstdcs
