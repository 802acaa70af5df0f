"""The permission matrix over the account pages.

A unit's administrator manages accounts of their unit and the units below: allowed. Accounts of
a unit above or beside: 404. Cán bộ and chỉ xem: 403. Wrong method: 405. Anonymous: the login
page. Changing one's own password: every signed-in user.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.units.testing import build_world, make_user

ACCOUNT_PAGES = ("account_edit", "account_reset_password")
LIST_PAGES = ("account_list", "account_create")


class AccountPermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        # The unit's own administrator, and an account in the section below it.
        cls.admin = make_user("quantri", cls.w.unit, Role.ADMIN)
        cls.below = make_user("vanphong", cls.w.section, Role.VIEWER)
        cls.sibling_admin = make_user("quantri.ben", cls.w.sibling, Role.ADMIN)

    def as_user(self, user: User | None) -> None:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)

    def account_url(self, name: str, account: User) -> str:
        return reverse(name, kwargs={"account_id": account.pk})

    def status(self, user: User, name: str, account: User | None = None) -> int:
        self.as_user(user)
        url = reverse(name) if account is None else self.account_url(name, account)
        method = "post" if name == "account_reset_password" else "get"
        return getattr(self.client, method)(url).status_code

    def test_every_page_is_covered(self) -> None:
        from daihoi.accounts import account_views
        from daihoi.accounts.urls import urlpatterns

        mine = {
            p.name
            for p in urlpatterns
            if getattr(p.callback, "__module__", "") == account_views.__name__
        }
        assert mine == {*ACCOUNT_PAGES, *LIST_PAGES, "password_change"}

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        urls = [reverse(n) for n in (*LIST_PAGES, "password_change")]
        urls += [self.account_url(n, self.below) for n in ACCOUNT_PAGES]
        for url in urls:
            with self.subTest(url):
                for method in ("get", "post"):
                    response = getattr(self.client, method)(url)
                    if response.status_code == 405:
                        continue
                    self.assertRedirects(
                        response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                    )

    def test_the_units_admin_manages_its_accounts_and_those_below(self) -> None:
        for name in LIST_PAGES:
            assert self.status(self.admin, name) == 200
        for account in (self.w.officer, self.w.viewer, self.below, self.admin):
            for name in ACCOUNT_PAGES:
                with self.subTest(name=name, account=account.username):
                    assert self.status(self.admin, name, account) == 200

    def test_the_admin_above_manages_the_accounts_below(self) -> None:
        for account in (self.admin, self.below, self.w.sibling_officer, self.sibling_admin):
            for name in ACCOUNT_PAGES:
                with self.subTest(name=name, account=account.username):
                    assert self.status(self.w.upper, name, account) == 200

    def test_accounts_above_or_beside_are_404(self) -> None:
        for account in (self.w.upper, self.w.sibling_officer, self.sibling_admin, self.w.superuser):
            for name in ACCOUNT_PAGES:
                with self.subTest(name=name, account=account.username):
                    assert self.status(self.admin, name, account) == 404
        # A superuser's account is a superuser's business, whatever unit it sits in.
        for name in ACCOUNT_PAGES:
            assert self.status(self.w.upper, name, self.w.superuser) == 404

    def test_officers_and_viewers_get_403_inside_and_404_outside(self) -> None:
        for user in (self.w.officer, self.w.viewer):
            for name in LIST_PAGES:
                with self.subTest(user=user.username, name=name):
                    assert self.status(user, name) == 403
            for name in ACCOUNT_PAGES:
                with self.subTest(user=user.username, name=name):
                    assert self.status(user, name, self.below) == 403
                    assert self.status(user, name, self.sibling_admin) == 404

    def test_wrong_methods_are_405(self) -> None:
        self.as_user(self.admin)
        assert (
            self.client.get(self.account_url("account_reset_password", self.below)).status_code
            == 405
        )
        for url in (reverse("account_list"),):
            assert self.client.post(url).status_code == 405

    def test_every_signed_in_user_may_change_their_password(self) -> None:
        for user in (self.w.viewer, self.w.officer, self.admin, self.w.superuser):
            with self.subTest(user.username):
                assert self.status(user, "password_change") == 200

    def test_the_list_shows_the_subtree_only(self) -> None:
        self.as_user(self.admin)
        with self.assertNumQueries(3):  # session, user, the accounts with their units
            response = self.client.get(reverse("account_list"))
        names = {a.username for a in response.context["accounts"]}
        assert names == {"canbo", "chixem", "quantri", "vanphong"}

    def test_the_header_links_the_account_pages(self) -> None:
        self.as_user(self.admin)
        page = self.client.get(reverse("account_list"))
        self.assertContains(page, f'href="{reverse("password_change")}"')
        self.as_user(self.w.officer)
        page = self.client.get(reverse("password_change"))
        self.assertContains(page, f'href="{reverse("password_change")}"')
        self.assertNotContains(page, f'href="{reverse("account_list")}"')
        self.as_user(self.admin)
        page = self.client.get(reverse("password_change"))
        self.assertContains(page, f'href="{reverse("account_list")}"')
