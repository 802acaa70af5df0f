"""Pages of the season plan: the permission matrix, the plan form all or nothing."""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.season import services
from daihoi.season.models import Season, SeasonUnit
from daihoi.season.services import SeasonData
from daihoi.units.models import UnitKind
from daihoi.units.testing import World, build_world

D = datetime.date


def open_season(w: World) -> Season:
    return services.open_season(
        unit=w.province,
        data=SeasonData(
            name="Kế hoạch đại hội công đoàn các cấp",
            term_start=2023,
            term_end=2028,
            deadlines={UnitKind.CDCS: D(2025, 12, 31)},
        ),
        by=None,
    )


class PlanPermissionTests(TestCase):
    """Upper level: reads and writes. Lower unit, sibling: 404. Read-only: 403 on POST."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.season = open_season(cls.w)

    def status(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def test_matrix(self) -> None:
        w = self.w
        plan = reverse("season_plan", args=[self.season.pk])
        listing = reverse("season_list", args=[w.province.pk])
        viewer_above = User.objects.create_user(
            "xem.tinh", password="x-y-z-123456", unit=w.province, role="viewer"
        )
        cases = [
            (w.upper, "GET", plan, 200),
            (w.upper, "GET", listing, 200),
            (w.upper, "POST", plan, 302),  # an empty plan form saves the rows as they are
            (w.superuser, "GET", plan, 200),
            (viewer_above, "GET", plan, 200),
            (viewer_above, "POST", plan, 403),
            (viewer_above, "POST", listing, 403),
            (w.officer, "GET", plan, 404),  # the lower unit does not see its upper's plan
            (w.officer, "GET", listing, 404),
            (w.sibling_officer, "POST", plan, 404),
            (w.upper, "PUT", plan, 405),
            (w.upper, "DELETE", listing, 405),
        ]
        for user, method, url, expected in cases:
            assert self.status(user, method, url) == expected, (user, method, url)
        self.client.logout()
        response = self.client.get(plan)
        assert response.status_code == 302 and "?next=" in response["Location"]

    def test_every_page_is_covered(self) -> None:
        from daihoi.season.urls import urlpatterns

        assert {p.name for p in urlpatterns} >= {"season_list", "season_plan"}


class PlanPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.upper)

    def test_opening_a_season_from_the_unit_page_lists_its_units(self) -> None:
        response = self.client.post(
            reverse("season_list", args=[self.w.province.pk]),
            {
                "name": "Kế hoạch đại hội công đoàn các cấp nhiệm kỳ 2023 - 2028",
                "term_start": "2023",
                "term_end": "2028",
                f"due_{UnitKind.CDCS}": "2025-12-31",
            },
            follow=True,
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "Đã lập kế hoạch" in page and "với 2 đơn vị tổ chức đại hội" in page
        assert self.w.unit.name in page and self.w.sibling.name in page
        assert "BCH 3 ủy viên" in page  # one member: §2.12's smallest committee

    def test_a_refused_plan_shows_each_error_by_its_unit_keeps_the_typed_values(self) -> None:
        season = open_season(self.w)
        u, s = self.w.unit.pk, self.w.sibling.pk
        with self.assertNumQueries(7):
            response = self.client.post(
                reverse("season_plan", args=[season.pk]),
                {
                    f"u{u}-planned_on": "2025-10-20",
                    f"u{u}-committee_size": "9",
                    f"u{u}-seats": "9",
                    f"u{s}-planned_on": "2025-10-21",
                    f"u{s}-seats": "hai",
                },
            )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Chưa lưu: 1 lỗi" in page
        assert "Công đoàn cơ sở Sở Tài chính – Số đại biểu được phân bổ: “hai” không phải" in page
        assert 'value="2025-10-20"' in page and 'value="9"' in page
        assert not SeasonUnit.objects.filter(season=season, seats__gt=0).exists()
        response = self.client.post(
            reverse("season_plan", args=[season.pk]),
            {f"u{u}-committee_size": "9", f"u{s}-seats": "2"},
        )
        assert response.status_code == 400
        assert "9 ủy viên là nhiều hơn mức tối đa 3 cho đơn vị có 1 đoàn viên" in (
            response.content.decode()
        )
        response = self.client.post(
            reverse("season_plan", args=[season.pk]),
            {f"u{u}-committee_size": "3", f"u{u}-seats": "9", f"u{s}-seats": "2"},
            follow=True,
        )
        assert "Đã lưu kế hoạch của 2 đơn vị." in response.content.decode()
        assert 'id="seat-total">11 đại biểu' in response.content.decode()

    def test_the_unit_page_links_to_its_seasons(self) -> None:
        response = self.client.get(reverse("unit_detail", args=[self.w.province.pk]))
        assert reverse("season_list", args=[self.w.province.pk]) in response.content.decode()
