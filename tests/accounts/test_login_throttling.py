"""Login and logout pages, Argon2, and throttling: 5 failures in 15 minutes lock for 15 minutes."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.contrib.auth.hashers import identify_hasher
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts import services
from daihoi.accounts.models import LoginFailure
from daihoi.units.testing import PASSWORD, build_world


class LoginTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def login(self, username: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
        )

    def test_passwords_are_hashed_with_argon2(self) -> None:
        assert identify_hasher(self.w.officer.password).algorithm == "argon2"

    def test_the_login_page_is_vietnamese(self) -> None:
        response = self.client.get(reverse("login"))
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Tên đăng nhập")
        self.assertContains(response, "Mật khẩu")

    def test_a_good_login_goes_to_the_next_page_or_home(self) -> None:
        response = self.login("canbo", PASSWORD)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.client.logout()
        response = self.client.post(
            reverse("login") + "?next=/doan-vien/1/",
            {"username": "canbo", "password": PASSWORD},
        )
        self.assertRedirects(response, "/doan-vien/1/", fetch_redirect_response=False)

    def test_next_cannot_leave_the_site(self) -> None:
        response = self.client.post(
            reverse("login"),
            {"username": "canbo", "password": PASSWORD, "next": "https://evil.example/"},
        )
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)

    def test_a_bad_password_is_refused_in_vietnamese(self) -> None:
        response = self.login("canbo", "sai")
        assert response.status_code == 200
        self.assertContains(response, services.LOGIN_INVALID)
        assert "_auth_user_id" not in self.client.session

    def test_logout_is_a_post(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.get(reverse("logout")).status_code == 405
        response = self.client.post(reverse("logout"))
        self.assertRedirects(response, reverse("login"), fetch_redirect_response=False)
        assert "_auth_user_id" not in self.client.session

    def test_five_failures_for_a_username_lock_it_for_fifteen_minutes(self) -> None:
        start = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=start):
            for _ in range(5):
                self.login("canbo", "sai")
            # The right password, sixth attempt: still refused, without checking it.
            response = self.login("canbo", PASSWORD, ip="10.0.0.2")
        assert "_auth_user_id" not in self.client.session
        self.assertContains(response, "Đăng nhập sai quá 5 lần trong 15 phút")
        self.assertContains(response, "thử lại sau 15 phút")
        assert LoginFailure.objects.count() == 5  # refused attempts are not counted

        with mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=14)):
            response = self.login("canbo", PASSWORD, ip="10.0.0.3")
        self.assertContains(response, "thử lại sau 1 phút")

        later = start + timedelta(minutes=15, seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            response = self.login("canbo", PASSWORD, ip="10.0.0.4")
        assert response.status_code == 302
        assert not LoginFailure.objects.filter(username="canbo").exists()

    def test_the_username_lock_ignores_case(self) -> None:
        for _ in range(5):
            self.login("CanBo", "sai")
        response = self.login("canbo", PASSWORD, ip="10.9.9.9")
        self.assertContains(response, "Đăng nhập sai quá 5 lần")

    def test_five_failures_from_one_address_lock_that_address(self) -> None:
        for name in ("a", "b", "c", "d", "e"):
            self.login(name, "sai", ip="10.0.0.66")
        response = self.login("canbo", PASSWORD, ip="10.0.0.66")
        self.assertContains(response, "Đăng nhập sai quá 5 lần")
        response = self.login("canbo", PASSWORD, ip="10.0.0.67")
        assert response.status_code == 302

    def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(self) -> None:
        start = timezone.now()
        for minute in (0, 4, 8, 12, 16):
            with mock.patch(
                "django.utils.timezone.now", return_value=start + timedelta(minutes=minute)
            ):
                self.login("canbo", "sai")
        with mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=17)):
            response = self.login("canbo", PASSWORD)
        assert response.status_code == 302

    def test_a_good_login_forgets_earlier_failures(self) -> None:
        for _ in range(4):
            self.login("canbo", "sai")
        assert self.login("canbo", PASSWORD).status_code == 302
        self.client.logout()
        for _ in range(4):
            self.login("canbo", "sai", ip="10.0.0.8")
        assert self.login("canbo", PASSWORD, ip="10.0.0.9").status_code == 302

    def test_an_inactive_account_is_refused(self) -> None:
        self.w.viewer.is_active = False
        self.w.viewer.save(update_fields=["is_active"])
        response = self.login("chixem", PASSWORD)
        assert response.status_code == 200
        assert "_auth_user_id" not in self.client.session
