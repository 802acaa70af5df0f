"""Login and logout pages, Argon2, and throttling per (username, address) with backoff."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.contrib.auth.hashers import identify_hasher
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts import services
from daihoi.accounts.models import LoginFailure
from daihoi.settings import PASSWORD_HASHERS as PRODUCTION_HASHERS
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
        # The suite hashes with a fast hasher (tests/conftest.py); the app's own list is this.
        with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
            self.w.officer.set_password(PASSWORD)
            assert identify_hasher(self.w.officer.password).algorithm == "argon2"
            self.w.officer.save()
            assert self.login("canbo", PASSWORD).status_code == 302

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

    def test_a_logged_in_user_with_a_next_that_is_no_path_goes_home(self) -> None:
        self.client.force_login(self.w.officer)
        for target in ("abc", "login", "javascript:alert(1)"):
            response = self.client.get(reverse("login"), {"next": target})
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

    def test_five_failures_lock_that_username_from_that_address_for_a_minute(self) -> None:
        start = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=start):
            for _ in range(5):
                self.login("canbo", "sai")
            # The right password, sixth attempt: still refused, without checking it.
            response = self.login("canbo", PASSWORD)
        assert "_auth_user_id" not in self.client.session
        self.assertContains(response, "Đăng nhập sai 5 lần liền")
        self.assertContains(response, "thử lại sau 1 phút")
        assert LoginFailure.objects.count() == 5  # refused attempts are not counted

        later = start + timedelta(minutes=1, seconds=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            response = self.login("canbo", PASSWORD)
        assert response.status_code == 302
        assert not LoginFailure.objects.filter(username="canbo").exists()

    def test_each_further_failure_doubles_the_wait_up_to_an_hour(self) -> None:
        now = timezone.now()
        waits = []
        for _ in range(12):
            with mock.patch("django.utils.timezone.now", return_value=now):
                self.login("canbo", "sai")
                locked = services.login_locked_until(username="canbo", ip="10.0.0.1")
            if locked is not None:
                waits.append(round((locked[0] - now).total_seconds() / 60))
                now = locked[0] + timedelta(seconds=1)
        assert waits == [1, 2, 4, 8, 16, 32, 60, 60]

    def test_a_lock_does_not_reach_the_same_username_from_another_address(self) -> None:
        # Someone guessing canbo's password from one address cannot lock canbo out elsewhere.
        for _ in range(8):
            self.login("canbo", "sai", ip="10.0.0.66")
        self.assertContains(self.login("canbo", PASSWORD, ip="10.0.0.66"), "thử lại sau")
        assert self.login("canbo", PASSWORD, ip="10.0.0.67").status_code == 302

    def test_failures_behind_one_address_do_not_lock_the_others_behind_it(self) -> None:
        # A hall behind one NAT address: one person's typos lock nobody else out.
        for name in ("a", "b", "c", "d", "e", "chixem", "chixem", "chixem", "chixem", "chixem"):
            self.login(name, "sai", ip="10.0.0.66")
        self.assertContains(self.login("chixem", PASSWORD, ip="10.0.0.66"), "thử lại sau")
        assert self.login("canbo", PASSWORD, ip="10.0.0.66").status_code == 302

    def test_the_lock_ignores_the_usernames_case(self) -> None:
        for _ in range(5):
            self.login("CanBo", "sai")
        response = self.login("canbo", PASSWORD)
        self.assertContains(response, "Đăng nhập sai 5 lần liền")

    def test_the_count_lives_in_the_database_so_every_process_sees_it(self) -> None:
        # Failures recorded by another worker or node are rows, not this process's memory.
        now = timezone.now()
        for _ in range(5):
            LoginFailure.objects.create(username="canbo", ip_address="10.0.0.1", created_at=now)
        self.assertContains(self.login("canbo", PASSWORD), "thử lại sau 1 phút")

    def test_failures_older_than_a_day_are_forgotten(self) -> None:
        start = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=start):
            for _ in range(4):
                self.login("canbo", "sai")
        later = start + timedelta(days=1, minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.login("canbo", "sai")
            assert self.login("canbo", PASSWORD).status_code == 302

    def test_a_good_login_forgets_that_pairs_failures_only(self) -> None:
        for _ in range(4):
            self.login("canbo", "sai", ip="10.0.0.8")
            self.login("canbo", "sai", ip="10.0.0.9")
        assert self.login("canbo", PASSWORD, ip="10.0.0.8").status_code == 302
        self.client.logout()
        assert self.login("canbo", "sai", ip="10.0.0.8").status_code == 200
        assert self.login("canbo", PASSWORD, ip="10.0.0.8").status_code == 302
        self.client.logout()
        # The other address kept its four: one more failure there locks it.
        self.login("canbo", "sai", ip="10.0.0.9")
        self.assertContains(self.login("canbo", PASSWORD, ip="10.0.0.9"), "thử lại sau")

    def test_an_inactive_account_is_refused(self) -> None:
        self.w.viewer.is_active = False
        self.w.viewer.save(update_fields=["is_active"])
        response = self.login("chixem", PASSWORD)
        assert response.status_code == 200
        assert "_auth_user_id" not in self.client.session
