"""Member pages that write: create, edit, transfer, with Vietnamese messages on the form."""

from __future__ import annotations

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from daihoi.units import errors
from daihoi.units.models import Member, MemberTransfer, Unit, UnitKind
from daihoi.units.services import create_unit
from daihoi.units.testing import build_world


class MemberPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def test_create_a_member(self) -> None:
        url = reverse("member_create", kwargs={"unit_id": self.w.section.pk})
        response = self.client.post(
            url,
            {
                "full_name": "nguyễn thị  bình",
                "gender": "nu",
                "birth_date": "23/12/1980",
                "ethnicity": "Kinh",
                "is_party_member": "on",
                "party_joined_on": "2010-05-19",
                "phone": "0912 345 678",
            },
        )
        member = Member.objects.get(full_name="Nguyễn Thị Bình")
        self.assertRedirects(
            response,
            reverse("member_detail", kwargs={"member_id": member.pk}),
            fetch_redirect_response=False,
        )
        assert member.unit == self.w.section
        assert (member.ho, member.ten_dem, member.ten) == ("Nguyễn", "Thị", "Bình")
        assert member.birth_date is not None and member.birth_date.isoformat() == "1980-12-23"
        assert member.phone == "0912345678"
        page = self.client.get(response["Location"])
        self.assertContains(page, "Đã thêm đoàn viên Nguyễn Thị Bình.")

    def test_create_shows_vietnamese_messages_beside_the_fields(self) -> None:
        url = reverse("member_create", kwargs={"unit_id": self.w.section.pk})
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        response = self.client.post(
            url, {"full_name": "", "birth_date": "31/02/1980", "union_joined_on": tomorrow}
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["full_name"] == [errors.FULL_NAME_REQUIRED]
        assert form.errors["gender"] == [errors.GENDER_REQUIRED]
        assert form.errors["birth_date"] == ["Ngày sinh: nhập ngày/tháng/năm, ví dụ 23/12/1980."]
        response = self.client.post(
            url, {"full_name": "Lê Văn Tám", "gender": "nam", "union_joined_on": tomorrow}
        )
        assert response.context["form"].errors["union_joined_on"] == [errors.UNION_DATE_IN_FUTURE]
        self.assertContains(response, errors.UNION_DATE_IN_FUTURE)
        assert not Member.objects.filter(full_name="Lê Văn Tám").exists()

    def test_edit_a_member(self) -> None:
        url = reverse("member_edit", kwargs={"member_id": self.w.member.pk})
        form = self.client.get(url).context["form"]
        assert form.initial["full_name"] == "Lường Danh Vọng"
        data = {k: v for k, v in form.initial.items() if v not in (None, False)}
        data.update(position="Chủ tịch Công đoàn bộ phận", member_number="KT-0002")
        response = self.client.post(url, data)
        assert response.context["form"].errors["member_number"] == [
            errors.MEMBER_NUMBER_TAKEN.format(number="KT-0002")
        ]
        data["member_number"] = "KT-0009"
        response = self.client.post(url, data)
        self.assertRedirects(
            response, reverse("member_detail", kwargs={"member_id": self.w.member.pk})
        )
        member = Member.objects.get(pk=self.w.member.pk)
        assert (member.position, member.member_number) == ("Chủ tịch Công đoàn bộ phận", "KT-0009")

    def test_the_transfers_unit_search_answers_a_pasted_text(self) -> None:
        """The unit picker's search: a word SQLite's LIKE refuses (50,000 bytes) was a 500."""
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        many = " ".join(f"don{i}" for i in range(3_000))
        for typed in ("[" * 100_000, many):
            response = self.client.get(url, {"q": typed})
            assert response.status_code == 200, typed[:20]
            assert response.context["choices"].units == []

    def test_transfer_within_the_officers_subtree(self) -> None:
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        choices = list(self.client.get(url).context["form"].fields["to_unit"].queryset)
        assert choices == [self.w.unit]  # the section is where the member is; no sibling
        response = self.client.post(
            url,
            {
                "to_unit": self.w.unit.pk,
                "date": timezone.localdate().isoformat(),
                "note": "Tổ chức lại",
            },
        )
        self.assertRedirects(
            response, reverse("member_detail", kwargs={"member_id": self.w.member.pk})
        )
        transfer = MemberTransfer.objects.get()
        assert (transfer.from_unit, transfer.to_unit, transfer.by) == (
            self.w.section,
            self.w.unit,
            self.w.officer,
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "Tổ chức lại")

    def test_the_transfer_page_offers_the_parent_and_siblings_then_searches_without_accents(
        self,
    ) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        offered = self.client.get(url).context["choices"].units
        assert offered == [self.w.unit]  # the section's parent; the section has no sibling
        found = self.client.get(url, {"q": "so tai chinh"}, headers={"HX-Request": "true"})
        html = found.content.decode()
        assert html.lstrip().startswith('<fieldset id="unit-choices"')
        assert f'value="{self.w.sibling.pk}"' in html
        assert self.w.sibling.name in html
        assert found.context["choices"].units == [self.w.sibling]

    def test_the_unit_search_stays_inside_the_users_subtree(self) -> None:
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        page = self.client.get(url, {"q": "tai chinh"})
        assert page.context["choices"].units == []
        self.assertContains(page, "Không có đơn vị nào khớp với “tai chinh”")

    def test_only_the_first_twenty_matching_units_are_listed(self) -> None:
        for n in range(25):
            create_unit(
                parent=self.w.section,
                name=f"Tổ công đoàn số {n + 1}",
                short_name="",
                code=f"TO-{n + 1}",
                kind=UnitKind.TO_CONG_DOAN,
            )
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        page = self.client.get(url, {"q": "to cong doan"})
        assert len(page.context["choices"].units) == 20
        self.assertContains(page, "Chỉ hiện 20 đơn vị đầu tiên")
        chosen = Unit.objects.get(code="TO-25")
        response = self.client.post(url, {"to_unit": chosen.pk, "date": "bad"})
        assert response.context["choices"].units[0] == chosen  # kept while the date is fixed
        self.assertContains(response, f'value="{chosen.pk}" checked')

    def test_transfer_to_a_unit_outside_the_subtree_is_not_a_choice(self) -> None:
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        response = self.client.post(
            url, {"to_unit": self.w.sibling.pk, "date": timezone.localdate().isoformat()}
        )
        assert response.context["form"].errors["to_unit"] == [
            "Chuyển đến đơn vị: đơn vị này không có trong danh sách."
        ]
        assert not MemberTransfer.objects.exists()

    def test_the_level_above_moves_members_between_grassroots_units(self) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        self.client.post(
            url, {"to_unit": self.w.sibling.pk, "date": timezone.localdate().isoformat()}
        )
        assert Member.objects.get(pk=self.w.member.pk).unit == self.w.sibling

    def test_the_read_only_user_sees_no_write_buttons(self) -> None:
        self.client.force_login(self.w.viewer)
        page = self.client.get(reverse("member_detail", kwargs={"member_id": self.w.member.pk}))
        self.assertNotContains(page, reverse("member_edit", kwargs={"member_id": self.w.member.pk}))
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("member_detail", kwargs={"member_id": self.w.member.pk}))
        self.assertContains(page, reverse("member_edit", kwargs={"member_id": self.w.member.pk}))
