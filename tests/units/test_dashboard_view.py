"""The unit dashboard page (/don-vi/<id>/thong-ke/): figures, chart, access, query count."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.units.models import Gender, Member, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit
from daihoi.units.testing import build_world


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        # The officer's unit gets the figures of seed 002: 185 members of whom 91 women (the
        # world's own member in the section is a man, so 184 more, 91 of them women).
        sections = [cls.w.section] + [
            create_unit(
                parent=cls.w.unit, name=f"Công đoàn bộ phận {i}", code=f"CT-BP{i}",
                kind=UnitKind.CD_BO_PHAN,
            )
            for i in range(2, 7)
        ]  # fmt: skip
        for i in range(184):
            create_member(
                unit=sections[i % 6],
                data=MemberData(
                    full_name=f"Đoàn Viên Số {i}",
                    gender=Gender.NU if i < 91 else Gender.NAM,
                    is_party_member=i % 2 == 0,
                ),
            )

    def url(self, unit_id: int) -> str:
        return reverse("unit_dashboard", kwargs={"unit_id": unit_id})

    def test_officer_of_the_unit_sees_the_figures_in_vietnamese_format(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(self.url(self.w.unit.pk))
        assert response.status_code == 200
        self.assertContains(response, "Thống kê đoàn viên")
        self.assertContains(response, '<span class="stat__value">185</span>', html=True)
        self.assertContains(response, "nữ (49,2%)")
        self.assertContains(response, "đảng viên (49,7%)")  # 92 of 185
        self.assertContains(response, "Công đoàn bộ phận")

    def test_the_chart_is_inline_svg_with_no_script(self) -> None:
        self.client.force_login(self.w.officer)
        html = self.client.get(self.url(self.w.unit.pk)).content.decode()
        # 91/185 = 491.89‰: the women's bar is 491 long out of 1000.
        assert '<rect class="bar__fill" width="491" height="10"/>' in html
        assert "<svg" in html
        body = html.split("<body", 1)[1]
        # The page's own scripts (htmx, the session notice) are files; the chart needs none inline.
        assert all(tag.startswith(" src=") for tag in body.split("<script")[1:])
        assert "style=" not in body  # the CSP allows no inline styles

    def test_thousands_are_grouped_with_a_dot(self) -> None:
        big = create_unit(
            parent=self.w.upper_grassroots, name="CĐCS lớn", code="LON", kind=UnitKind.CDCS
        )
        # Test data only: written straight to the table, the figures do not need the services.
        Member.objects.bulk_create(
            Member(unit=big, full_name="A", ten="A", name_key="a", gender=Gender.NAM)
            for _ in range(1049)
        )
        self.client.force_login(self.w.upper)
        response = self.client.get(self.url(self.w.province.pk))
        # 185 + the sibling's member + 1,049.
        self.assertContains(response, '<span class="stat__value">1.235</span>', html=True)

    def test_officer_above_sees_a_unit_below(self) -> None:
        self.client.force_login(self.w.upper)
        assert self.client.get(self.url(self.w.unit.pk)).status_code == 200
        assert self.client.get(self.url(self.w.section.pk)).status_code == 200

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        response = self.client.get(self.url(self.w.unit.pk))
        assert response.status_code == 404

    def test_officer_never_sees_above_their_unit(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.get(self.url(self.w.upper_grassroots.pk)).status_code == 404

    def test_read_only_user_may_read_the_dashboard(self) -> None:
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.url(self.w.unit.pk)).status_code == 200

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        url = self.url(self.w.unit.pk)
        response = self.client.get(url)
        self.assertRedirects(
            response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
        )

    def test_only_get(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.post(self.url(self.w.unit.pk)).status_code == 405

    def test_unknown_unit_is_404(self) -> None:
        self.client.force_login(self.w.superuser)
        assert self.client.get(self.url(999999)).status_code == 404

    def test_the_page_takes_a_fixed_number_of_queries(self) -> None:
        self.client.force_login(self.w.upper)
        # session, user (with unit), unit, breadcrumb, the aggregate, units by kind.
        with self.assertNumQueries(6):
            self.client.get(self.url(self.w.province.pk))
        with self.assertNumQueries(6):
            self.client.get(self.url(self.w.section.pk))

    def test_the_unit_page_links_to_the_dashboard(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(reverse("unit_detail", kwargs={"unit_id": self.w.unit.pk}))
        self.assertContains(response, self.url(self.w.unit.pk))
