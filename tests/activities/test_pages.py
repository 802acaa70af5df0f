"""The activities' pages as an officer uses them: add, refuse bad input by field, list, sum."""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse

from daihoi.activities.models import Contribution, Initiative, PartyIntroduction
from daihoi.units.testing import build_world


class PagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def test_an_initiative_added_through_the_form_is_listed(self) -> None:
        url = reverse("activities_initiative_create", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(
            url,
            {
                "title": "Số hóa hồ sơ đoàn viên",
                "authors": "Lường Danh Vọng",
                "year": "2024",
                "level": "tinh",
                "applied": "on",
            },
        )
        self.assertRedirects(
            response, reverse("activities_initiative_list", kwargs={"unit_id": self.w.unit.pk})
        )
        record = Initiative.objects.get()
        assert (record.unit, record.level, record.applied) == (self.w.unit, "tinh", True)
        page = self.client.get(response["Location"]).content.decode()
        assert "Số hóa hồ sơ đoàn viên" in page and "Lường Danh Vọng" in page
        assert "Cấp tỉnh" in page

    def test_bad_input_is_refused_with_each_field_named(self) -> None:
        url = reverse("activities_contribution_create", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(
            url, {"kind": "mai-am", "amount": "60,5", "given_on": "2024-03-01", "purpose": "X"}
        )
        assert response.status_code == 400
        self.assertContains(response, "Số tiền: nhập số đồng", status_code=400)
        response = self.client.post(url, {"kind": "", "amount": "0", "given_on": "31/02/2024"})
        self.assertContains(response, "Ngày: nhập ngày/tháng/năm", status_code=400)
        response = self.client.post(url, {"kind": "", "amount": "0", "given_on": ""})
        for message in (
            "Loại đóng góp: không được để trống.",
            "Số tiền: phải lớn hơn 0 đồng.",
            "Ngày: không được để trống.",
            "Nội dung: không được để trống.",
        ):
            self.assertContains(response, message, status_code=400)
        assert not Contribution.objects.exists()

    def test_a_contribution_is_edited_and_its_amount_shown_in_dong(self) -> None:
        record = Contribution.objects.create(
            unit=self.w.section,
            kind="mai-am",
            amount=60_000_000,
            given_on=datetime.date(2024, 3, 1),
            purpose="Mái ấm cho đoàn viên Lò Văn Pọm",
        )
        url = reverse(
            "activities_contribution_edit",
            kwargs={"unit_id": self.w.unit.pk, "record_id": record.pk},
        )
        self.assertContains(self.client.get(url), 'value="60.000.000"')
        response = self.client.post(
            url,
            {
                "kind": "mai-am",
                "amount": "65.500.000",
                "given_on": "01/03/2024",
                "purpose": "Mái ấm cho đoàn viên Lò Văn Pọm",
            },
        )
        assert response.status_code == 302
        record.refresh_from_db()
        assert (record.amount, record.unit) == (65_500_000, self.w.section)
        listing = self.client.get(
            reverse("activities_contribution_list", kwargs={"unit_id": self.w.unit.pk}),
            {"nam": 2024},
        )
        self.assertContains(listing, "65.500.000")
        self.assertNotContains(
            self.client.get(
                reverse("activities_contribution_list", kwargs={"unit_id": self.w.unit.pk}),
                {"nam": 2023},
            ),
            "Lò Văn Pọm",
        )

    def test_a_party_introduction_names_the_member_it_cannot_find(self) -> None:
        url = reverse("activities_introduction_create", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(url, {"member": "Trần Thị Hoa", "introduced_on": "02/05/2024"})
        self.assertContains(
            response, "Đoàn viên: không tìm thấy đoàn viên “Trần Thị Hoa”", status_code=400
        )
        response = self.client.post(
            url, {"member": "KT-0001", "introduced_on": "02/05/2024", "admitted": "on"}
        )
        assert response.status_code == 302
        assert PartyIntroduction.objects.get().member == self.w.member

    def test_the_summary_adds_the_subtree_up_by_year(self) -> None:
        this_year = datetime.date.today().year
        Contribution.objects.create(
            unit=self.w.section,
            kind="mai-am",
            amount=60_000_000,
            given_on=datetime.date(this_year, 1, 2),
            purpose="Mái ấm",
        )
        Contribution.objects.create(
            unit=self.w.unit,
            kind="tu-thien",
            amount=1_300_000_000,
            given_on=datetime.date(this_year, 1, 3),
            purpose="Quỹ từ thiện",
        )
        response = self.client.get(reverse("activities_index", kwargs={"unit_id": self.w.unit.pk}))
        rows = dict(response.context["rows"])
        assert (rows[this_year].shelters, rows[this_year].shelter_money) == (1, 60_000_000)
        assert rows[this_year].other_money == 1_300_000_000
        self.assertContains(response, "1.300.000.000")
