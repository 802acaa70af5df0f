"""Unit pages: the overview, and creating and changing units (quản trị only)."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.units import errors
from daihoi.units.models import Unit, UnitKind
from daihoi.units.testing import build_world


class UnitPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_unit_page_shows_breadcrumb_children_and_members_of_the_subtree(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(reverse("unit_detail", kwargs={"unit_id": self.w.unit.pk}))
        overview = response.context["overview"]
        assert [c.unit for c in overview.breadcrumb] == [
            self.w.root,
            self.w.province,
            self.w.upper_grassroots,
            self.w.unit,
        ]
        # Units above the officer's own are named but not opened.
        assert [c.link for c in overview.breadcrumb] == [False, False, False, True]
        assert [(c.unit, c.members) for c in overview.children] == [(self.w.section, 1)]
        assert (overview.members, overview.women) == (1, 0)
        self.assertContains(response, "Công đoàn bộ phận Văn phòng Sở")

    def test_a_unit_is_named_the_same_in_the_breadcrumb_and_the_title(self) -> None:
        from daihoi.units.services import rename_unit

        for unit, short in ((self.w.province, "LĐLĐ Lai Châu"), (self.w.unit, "CĐCS SCT")):
            rename_unit(unit=unit, name=unit.name, short_name=short)
        self.client.force_login(self.w.upper)
        for unit in (self.w.province, self.w.unit):
            with self.subTest(unit.code):
                page = self.client.get(reverse("unit_detail", kwargs={"unit_id": unit.pk}))
                self.assertContains(page, f"<title>{unit.name} · daihoi</title>", html=True)
                self.assertContains(page, f"<h1>{unit.name}</h1>", html=True)
                self.assertContains(
                    page, f'<span aria-current="page">{unit.name}</span>', html=True
                )
                assert "LĐLĐ Lai Châu" not in page.content.decode()
                assert "CĐCS SCT" not in page.content.decode()
        members = self.client.get(reverse("member_list", kwargs={"unit_id": self.w.unit.pk}))
        link = reverse("unit_detail", kwargs={"unit_id": self.w.unit.pk})
        self.assertContains(members, f'<a href="{link}">{self.w.unit.name}</a>', html=True)
        assert "CĐCS SCT" not in members.content.decode()

    def test_the_level_above_counts_members_per_child(self) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("unit_detail", kwargs={"unit_id": self.w.upper_grassroots.pk})
        # session, user with unit, the unit, totals, per child, children, ancestors
        with self.assertNumQueries(7):
            response = self.client.get(url)
        rows = [(c.unit.name, c.members) for c in response.context["overview"].children]
        assert rows == [("Công đoàn cơ sở Sở Công Thương", 1), ("Công đoàn cơ sở Sở Tài chính", 1)]
        assert response.context["overview"].women_percent == "50,0%"

    def test_create_a_child_unit(self) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("unit_create", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(
            url, {"name": "Công đoàn bộ phận Thanh tra", "code": "TT", "kind": UnitKind.CD_BO_PHAN}
        )
        unit = Unit.objects.get(code="TT")
        self.assertRedirects(response, reverse("unit_detail", kwargs={"unit_id": unit.pk}))
        assert unit.parent == self.w.unit

    def test_create_reports_kind_and_code_problems(self) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("unit_create", kwargs={"unit_id": self.w.section.pk})
        response = self.client.post(url, {"name": "X", "code": "T-LC", "kind": UnitKind.CDCS})
        assert response.context["form"].errors["kind"] == [
            errors.UNIT_KIND_UNDER_PARENT.format(
                kind="Công đoàn cơ sở", parent=self.w.section.name, parent_kind="Công đoàn bộ phận"
            )
        ]

    def test_edit_moves_a_unit_among_those_the_user_sees(self) -> None:
        self.client.force_login(self.w.upper)
        url = reverse("unit_edit", kwargs={"unit_id": self.w.sibling.pk})
        form = self.client.get(url).context["form"]
        parents = set(form.fields["parent"].queryset)
        assert parents == {self.w.province, self.w.upper_grassroots}
        response = self.client.post(
            url,
            {
                "name": self.w.sibling.name,
                "short_name": "CĐCS STC",
                "code": self.w.sibling.code,
                "kind": UnitKind.CDCS,
                "parent": self.w.province.pk,
            },
        )
        assert response.status_code == 302
        fresh = Unit.objects.get(pk=self.w.sibling.pk)
        assert (fresh.parent, fresh.short_name, fresh.depth) == (self.w.province, "CĐCS STC", 2)

    def test_the_empty_choice_of_a_select_is_vietnamese(self) -> None:
        self.client.force_login(self.w.upper)
        response = self.client.get(reverse("unit_edit", kwargs={"unit_id": self.w.sibling.pk}))
        self.assertNotContains(response, "Select an option")
        self.assertContains(response, '<option value="">— Chọn —</option>', html=True)

    def test_a_user_cannot_move_their_own_unit(self) -> None:
        self.client.force_login(self.w.upper)
        form = self.client.get(
            reverse("unit_edit", kwargs={"unit_id": self.w.province.pk})
        ).context["form"]
        assert "parent" not in form.fields
