"""The permission matrix over every page of units and members.

Officer of the unit and officer of the level above: allowed. Officer of a sibling unit: 404.
Read-only role writing: 403. Officer changing units: 403 (quản trị only). Wrong method: 405.
Anonymous: redirect to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.units.testing import World, build_world

READ, WRITE, MANAGE = "read", "write", "manage"


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    own: Callable[[World], dict[str, int]]  # kwargs of an object inside the officer's unit
    other: Callable[[World], dict[str, int]]  # kwargs of the same kind in the sibling unit

    @property
    def methods(self) -> tuple[str, ...]:
        return ("GET",) if self.level == READ else ("GET", "POST")


def unit(attr: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"unit_id": getattr(w, attr).pk}


def member(attr: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {"member_id": getattr(w, attr).pk}


PAGES = [
    Page("unit_detail", READ, unit("section"), unit("sibling")),
    Page("member_list", READ, unit("unit"), unit("sibling")),
    Page("member_detail", READ, member("member"), member("sibling_member")),
    Page("member_create", WRITE, unit("section"), unit("sibling")),
    Page("member_edit", WRITE, member("member"), member("sibling_member")),
    Page("member_transfer", WRITE, member("member"), member("sibling_member")),
    Page("unit_create", MANAGE, unit("section"), unit("sibling")),
    Page("unit_edit", MANAGE, unit("section"), unit("sibling")),
]


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def url(self, page: Page, *, other: bool = False) -> str:
        kwargs = page.other(self.w) if other else page.own(self.w)
        return reverse(page.name, kwargs=kwargs)

    def get_as(self, user: User | None, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.get(url).status_code

    def test_every_page_is_covered(self) -> None:
        from daihoi.units import views
        from daihoi.units.urls import urlpatterns

        # Pages of units.views (other modules' pages have their own matrix).
        mine = [p for p in urlpatterns if getattr(p.callback, "__module__", "") == views.__name__]
        names = {p.name for p in mine} - {"home"}
        assert names == {page.name for page in PAGES}

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                url = self.url(page)
                for method in page.methods:
                    response = self.client.generic(method, url)
                    self.assertRedirects(
                        response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                    )

    def test_officer_of_the_unit_reads_and_writes_members(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                expected = 403 if page.level == MANAGE else 200
                assert self.get_as(self.w.officer, self.url(page)) == expected

    def test_officer_of_the_level_above_may_do_everything(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                assert self.get_as(self.w.upper, self.url(page)) == 200

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    self.client.force_login(self.w.sibling_officer)
                    assert self.client.generic(method, self.url(page)).status_code == 404

    def test_the_sibling_officer_sees_their_own_unit(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                expected = 403 if page.level == MANAGE else 200
                url = self.url(page, other=True)
                assert self.get_as(self.w.sibling_officer, url) == expected

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                expected = 200 if page.level == READ else 403
                assert self.get_as(self.w.viewer, self.url(page)) == expected
                if page.level != READ:
                    self.client.force_login(self.w.viewer)
                    assert self.client.post(self.url(page), {}).status_code == 403

    def test_wrong_methods_get_405(self) -> None:
        self.client.force_login(self.w.upper)
        for page in PAGES:
            with self.subTest(page.name):
                url = self.url(page)
                wrong = ("POST", "PUT", "DELETE") if page.level == READ else ("PUT", "DELETE")
                for method in wrong:
                    assert self.client.generic(method, url).status_code == 405

    def test_upper_levels_never_see_above_their_unit(self) -> None:
        self.client.force_login(self.w.upper)
        for unit in (self.w.root,):
            url = reverse("unit_detail", kwargs={"unit_id": unit.pk})
            assert self.client.get(url).status_code == 404

    def test_superuser_sees_everything(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                assert self.get_as(self.w.superuser, self.url(page, other=True)) == 200

    def test_unknown_ids_are_404(self) -> None:
        self.client.force_login(self.w.superuser)
        assert (
            self.client.get(reverse("unit_detail", kwargs={"unit_id": 999999})).status_code == 404
        )
        assert (
            self.client.get(reverse("member_detail", kwargs={"member_id": 999999})).status_code
            == 404
        )


class HomeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_home_sends_a_user_to_their_unit(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, reverse("unit_detail", kwargs={"unit_id": self.w.unit.pk}))

    def test_home_asks_anonymous_to_log_in(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, f"{reverse('login')}?next=/", fetch_redirect_response=False)

    def test_a_user_without_a_unit_is_told_so(self) -> None:
        self.client.force_login(User.objects.create(username="lac"))
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Tài khoản chưa gắn với đơn vị")

    def test_home_accepts_only_get(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.post(reverse("home")).status_code == 405
