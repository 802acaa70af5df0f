"""The permission matrix over every page of the targets and the term dashboard.

Officer of the unit and officer of the level above: allowed. Officer of a sibling unit: 404.
Read-only role writing: 403. Anonymous: redirect to the login page. Wrong method: 405.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.congresses.models import Congress
from daihoi.congresses.testing import make_congress
from daihoi.term import services
from daihoi.term.models import Target
from daihoi.term.services import TargetData, ValueData
from daihoi.units.testing import World, build_world

READ, WRITE = "read", "write"


@dataclass(frozen=True)
class Objects:
    congress: Congress
    target: Target
    hand: Target


def objects_of(congress: Congress) -> Objects:
    target = services.add_target(
        congress=congress,
        data=TargetData(
            text="trên 90% đoàn viên đạt danh hiệu đoàn viên công đoàn xuất sắc",
            measure="doan-vien-dat-danh-hieu",
            comparison="tren",
            period="hang-nam",
            first_year=2023,
            last_year=2028,
            threshold=Decimal(90),
            title="doan-vien-cong-doan-xuat-sac",
        ),
        by=None,
    )
    hand = services.add_target(
        congress=congress,
        data=TargetData(
            text="Trong nhiệm kỳ giới thiệu 3 đoàn viên ưu tú trở lên cho Đảng",
            measure="so-luong-trong-nhiem-ky",
            comparison="tu-tro-len",
            period="ca-nhiem-ky",
            first_year=2023,
            last_year=2028,
            threshold=Decimal(3),
        ),
        by=None,
    )
    services.enter_value(
        target=hand, data=ValueData(year=2024, number=Decimal(1), evidence="Sổ theo dõi"), by=None
    )
    return Objects(congress, target, hand)


Kwargs = Callable[[Objects], dict[str, object]]


def c(o: Objects) -> dict[str, object]:
    return {"congress_id": o.congress.pk}


def t(o: Objects) -> dict[str, object]:
    return {"congress_id": o.congress.pk, "target_id": o.hand.pk}


def year(o: Objects) -> dict[str, object]:
    return {**t(o), "year": 2024}


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    methods: tuple[str, ...]
    kwargs: Kwargs = c

    @property
    def wrong_method(self) -> str:
        return "POST" if self.methods == ("GET",) else "GET" if "GET" not in self.methods else "PUT"


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")
PAGES = [
    Page("term_targets", WRITE, BOTH),
    Page("term_target_edit", WRITE, BOTH, t),
    Page("term_value_enter", WRITE, POST, t),
    Page("term_dashboard", READ, GET),
    # Last: these remove what the pages above use.
    Page("term_value_clear", WRITE, POST, year),
    Page("term_target_remove", WRITE, POST, t),
]
READ_ON_GET = {"term_targets", "term_target_edit"}  # the read-only role sees, cannot post


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w: World = build_world()
        cls.own = objects_of(make_congress(cls.w.unit))
        cls.other = objects_of(make_congress(cls.w.sibling))

    def url(self, page: Page, *, other: bool = False) -> str:
        return reverse(page.name, kwargs=page.kwargs(self.other if other else self.own))

    def call(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def ok(self, user: User, page: Page) -> None:
        for method in page.methods:
            status = self.call(user, method, self.url(page))
            # An empty POST of a form page shows the form again with its messages (200 / 400).
            expected = {200} if method == "GET" else {200, 302, 400}
            assert status in expected, (page.name, method, status)

    def test_every_page_is_covered(self) -> None:
        from daihoi.term.urls import urlpatterns

        assert {p.name for p in urlpatterns} == {p.name for p in PAGES} | {"term_overview"}

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES:
            url = self.url(page)
            for method in page.methods:
                response = self.client.generic(method, url)
                self.assertRedirects(
                    response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                )

    def test_officer_of_the_unit_may_do_everything(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.ok(self.w.officer, page)

    def test_officer_of_the_level_above_may_do_everything(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.ok(self.w.upper, page)

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    assert self.call(self.w.sibling_officer, method, self.url(page)) == 404

    def test_a_target_of_another_congress_is_404_even_inside_ones_subtree(self) -> None:
        url = reverse(
            "term_target_edit",
            kwargs={"congress_id": self.own.congress.pk, "target_id": self.other.hand.pk},
        )
        assert self.call(self.w.upper, "GET", url) == 404

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    status = self.call(self.w.viewer, method, self.url(page))
                    if method == "GET" and (page.level == READ or page.name in READ_ON_GET):
                        assert status == 200
                    else:
                        assert status == 403, (page.name, method, status)

    def test_wrong_method_is_405(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                assert self.call(self.w.officer, page.wrong_method, self.url(page)) == 405

    def test_the_overview_shows_ones_unit_and_below_only(self) -> None:
        def overview(user: User, unit_id: int) -> tuple[int, set[Congress]]:
            self.client.force_login(user)
            response = self.client.get(reverse("term_overview", kwargs={"unit_id": unit_id}))
            if response.status_code != 200:
                return response.status_code, set()
            return 200, {s.congress for s in response.context["summaries"]}

        assert overview(self.w.upper, self.w.province.pk) == (
            200,
            {self.own.congress, self.other.congress},
        )
        assert overview(self.w.officer, self.w.unit.pk) == (200, {self.own.congress})
        assert overview(self.w.viewer, self.w.unit.pk) == (200, {self.own.congress})
        assert overview(self.w.officer, self.w.province.pk)[0] == 404
        assert overview(self.w.sibling_officer, self.w.unit.pk)[0] == 404
        url = reverse("term_overview", kwargs={"unit_id": self.w.unit.pk})
        assert self.call(self.w.officer, "POST", url) == 405
        assert self.call(None, "GET", url) == 302
