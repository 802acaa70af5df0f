"""The Ban Kiểm phiếu's accounts at the desk: an administrator makes or links one on the spot."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.access import ACCOUNTS_ADMIN_ONLY
from daihoi.accounts.models import Role, User
from daihoi.congresses import errors, services
from daihoi.congresses.models import OrganKind, OrganMember
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import PASSWORD, build_world, make_user


class SeatAccountPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.admin = make_user("quantri.ct", cls.w.unit, Role.ADMIN)
        cls.congress = make_congress(cls.w.unit)
        first, second, third = add_people(cls.congress, 3, prefix="Lò Văn")
        counting = cls.congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU)
        cls.seat = services.add_organ_member(organ=counting, delegate=first, role="truong-ban")
        cls.other_seat = services.add_organ_member(organ=counting, delegate=second)
        presidium = cls.congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        cls.presidium_seat = services.add_organ_member(organ=presidium, delegate=third)

    def url(self, seat: OrganMember | None = None) -> str:
        return reverse("seat_account", args=[self.congress.pk, (seat or self.seat).pk])

    def test_the_organ_page_shows_each_tellers_account_and_links_to_the_page(self) -> None:
        self.client.force_login(self.admin)
        page = self.client.get(reverse("organ_list", args=[self.congress.pk]))
        self.assertContains(page, "chưa có tài khoản nhập phiếu", count=2)
        self.assertContains(page, f'href="{self.url()}"')
        presidium_url = reverse("seat_account", args=[self.congress.pk, self.presidium_seat.pk])
        self.assertNotContains(page, presidium_url)

    def test_an_account_is_made_on_the_spot_and_its_password_shown_once(self) -> None:
        self.client.force_login(self.admin)
        form = self.client.get(self.url())
        self.assertContains(form, 'value="lo.van.so.1"')  # suggested from the name
        response = self.client.post(self.url(), {"action": "tao", "tao-username": "lo.van.so.1"})
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        password = response.context["password"]
        self.assertContains(response, password)
        self.seat.refresh_from_db()
        account = self.seat.account
        assert account is not None and account.username == "lo.van.so.1"
        assert account.display_name == "Lò Văn Số 1"
        assert (account.unit, account.role) == (self.w.unit, Role.OFFICER)
        assert account.must_change_password
        # Shown once: neither the seat's page nor the organ page shows it again.
        assert password not in self.client.get(self.url()).content.decode()
        organs = self.client.get(reverse("organ_list", args=[self.congress.pk]))
        assert password not in organs.content.decode()
        self.assertContains(organs, "<code>lo.van.so.1</code>", html=False)
        # The teller logs in with it and is asked to choose their own password.
        self.client.logout()
        login = {"username": "lo.van.so.1", "password": password}
        assert self.client.post(reverse("login"), login).status_code == 302
        assert reverse("password_change") in self.client.get("/", follow=True).redirect_chain[-1][0]

    def test_an_existing_account_is_linked(self) -> None:
        make_user("lo.van.mot", self.w.section, Role.OFFICER)
        self.client.force_login(self.admin)
        response = self.client.post(
            self.url(), {"action": "gan", "gan-username": "lo.van.mot"}, follow=True
        )
        self.assertContains(response, "Lò Văn Số 1 nhập phiếu bằng tài khoản “lo.van.mot”.")
        self.seat.refresh_from_db()
        assert self.seat.account is not None and self.seat.account.username == "lo.van.mot"

    def test_one_account_serves_one_seat_and_an_outside_account_is_unknown(self) -> None:
        teller = make_user("lo.van.hai", self.w.unit, Role.OFFICER)
        services.link_seat_account(by=self.admin, seat=self.other_seat, username="lo.van.hai")
        self.client.force_login(self.admin)
        taken = self.client.post(self.url(), {"action": "gan", "gan-username": "lo.van.hai"})
        message = errors.SEAT_ACCOUNT_TAKEN.format(
            username="lo.van.hai", name="Lò Văn Số 2", organ="Ban Kiểm phiếu"
        )
        self.assertContains(taken, message)
        outside = self.client.post(self.url(), {"action": "gan", "gan-username": "canbo.ben"})
        self.assertContains(outside, errors.SEAT_ACCOUNT_UNKNOWN.format(username="canbo.ben"))
        self.seat.refresh_from_db()
        assert self.seat.account is None
        assert OrganMember.objects.get(account=teller) == self.other_seat

    def test_a_username_in_use_is_refused_beside_the_field_and_nothing_is_made(self) -> None:
        self.client.force_login(self.admin)
        before = User.objects.count()
        response = self.client.post(self.url(), {"action": "tao", "tao-username": "CanBo"})
        self.assertContains(response, "đã có người dùng")
        bad = self.client.post(self.url(), {"action": "tao", "tao-username": "lò văn"})
        self.assertContains(bad, "chỉ dùng chữ không dấu")
        assert User.objects.count() == before
        self.seat.refresh_from_db()
        assert self.seat.account is None

    def test_only_an_administrator_gives_teller_accounts(self) -> None:
        self.client.force_login(self.w.officer)  # cán bộ of the unit
        self.assertContains(self.client.get(self.url()), ACCOUNTS_ADMIN_ONLY, status_code=403)
        post = self.client.post(self.url(), {"action": "tao", "tao-username": "lo.van.ba"})
        assert post.status_code == 403
        assert not User.objects.filter(username="lo.van.ba").exists()
        organs = self.client.get(reverse("organ_list", args=[self.congress.pk]))
        self.assertNotContains(organs, self.url())
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.url()).status_code == 403
        self.client.force_login(self.w.upper)  # quản trị of the level above
        assert self.client.get(self.url()).status_code == 200

    def test_a_seat_outside_the_counting_committee_or_the_subtree_is_404(self) -> None:
        self.client.force_login(self.admin)
        assert self.client.get(self.url(self.presidium_seat)).status_code == 404
        sibling_admin = make_user("quantri.tc", self.w.sibling, Role.ADMIN)
        self.client.force_login(sibling_admin)
        assert self.client.get(self.url()).status_code == 404

    def test_wrong_method_is_405(self) -> None:
        self.client.force_login(self.admin)
        assert self.client.put(self.url()).status_code == 405


class SuggestedUsernameTests(TestCase):
    def test_a_taken_name_gets_a_number(self) -> None:
        from daihoi.accounts.users import suggested_username

        assert suggested_username("Lý Mẩy Chiêu") == "ly.may.chieu"
        User.objects.create(username="Ly.May.Chieu", password=PASSWORD)
        assert suggested_username("Lý Mẩy Chiêu") == "ly.may.chieu.2"
        assert suggested_username("Đỗ A") == "do.a"
        assert suggested_username("Ư") == "u.2"
