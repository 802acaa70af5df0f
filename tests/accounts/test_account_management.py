"""Accounts managed in the app: create with a one-time password, change at first login,
re-role, lock, reset; everyone changes their own password."""

from __future__ import annotations

import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from daihoi.accounts import users
from daihoi.accounts.models import LoginFailure, Role, User
from daihoi.units.errors import UnitsError
from daihoi.units.testing import PASSWORD, build_world, make_user

OTP = re.compile(r'class="one-time-password">([a-z0-9-]+)<')


class AccountServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.admin = make_user("quantri", cls.w.unit, Role.ADMIN)

    def test_an_account_is_created_below_with_a_one_time_password(self) -> None:
        account, password = users.create_account(
            by=self.admin,
            username="nguyen.van.an",
            full_name="  Nguyễn   Văn An ",
            unit=self.w.section,
            role=Role.OFFICER,
        )
        assert (account.last_name, account.first_name) == ("Nguyễn Văn", "An")
        assert account.display_name == "Nguyễn Văn An"
        assert account.check_password(password) and account.must_change_password
        assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password)

    def test_no_account_above_or_beside(self) -> None:
        for unit in (self.w.sibling, self.w.upper_grassroots):
            with pytest.raises(UnitsError) as raised:
                users.create_account(
                    by=self.admin, username="ai.do", full_name="Ai Đó", unit=unit, role=Role.ADMIN
                )
            assert raised.value.messages == [users.UNIT_OUTSIDE]
        assert not User.objects.filter(username="ai.do").exists()

    def test_usernames_are_checked_case_aside(self) -> None:
        cases = {
            "CanBo": users.USERNAME_TAKEN.format(username="CanBo"),
            "nguyễn": users.USERNAME_INVALID,
            "ab": users.USERNAME_INVALID,
            " ": users.USERNAME_REQUIRED,
        }
        for username, message in cases.items():
            with self.subTest(username), pytest.raises(UnitsError) as raised:
                users.create_account(
                    by=self.admin, username=username, full_name="A B", unit=self.w.unit, role="x"
                )
            assert raised.value.messages == [message, users.ROLE_UNKNOWN.format(value="x")]

    def test_nobody_re_roles_or_locks_themselves(self) -> None:
        for change in ({"role": Role.VIEWER}, {"is_active": False}, {"unit": self.w.section}):
            values = {"unit": self.w.unit, "role": Role.ADMIN, "is_active": True, **change}
            with self.subTest(change), pytest.raises(UnitsError) as raised:
                users.update_account(
                    by=self.admin, account=self.admin, full_name="Quản Trị", **values
                )  # type: ignore[arg-type]
            assert raised.value.messages == [users.NO_SELF_CHANGE]
        self.admin.refresh_from_db()
        assert self.admin.role == Role.ADMIN and self.admin.is_active

    def test_a_reset_replaces_the_password_and_lifts_a_lock(self) -> None:
        for _ in range(6):
            self.client.post(reverse("login"), {"username": "canbo", "password": "sai"})
        password = users.reset_password(account=self.w.officer)
        self.w.officer.refresh_from_db()
        assert not self.w.officer.check_password(PASSWORD)
        assert self.w.officer.check_password(password) and self.w.officer.must_change_password
        assert not LoginFailure.objects.filter(username="canbo").exists()
        response = self.client.post(reverse("login"), {"username": "canbo", "password": password})
        assert response.status_code == 302


class AccountPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.admin = make_user("quantri", cls.w.unit, Role.ADMIN)

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def create(self, **data: object):  # type: ignore[no-untyped-def]
        form = {
            "username": "lo.thi.mai",
            "full_name": "Lò Thị Mai",
            "unit": self.w.section.pk,
            "role": Role.OFFICER,
            **data,
        }
        return self.client.post(reverse("account_create"), form)

    def test_create_shows_the_one_time_password_once_and_it_must_be_changed(self) -> None:
        response = self.create()
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        password = OTP.search(response.content.decode())[1]  # type: ignore[index]
        self.assertContains(response, "chỉ hiện một lần")
        account = User.objects.get(username="lo.thi.mai")
        assert account.unit == self.w.section and account.role == Role.OFFICER
        assert password not in self.client.get(reverse("account_list")).content.decode()

        person = Client()
        response = person.post(reverse("login"), {"username": "lo.thi.mai", "password": password})
        assert response.status_code == 302
        # Every page leads to the password change until the one-time password is replaced.
        response = person.get(reverse("member_list", kwargs={"unit_id": self.w.section.pk}))
        self.assertRedirects(
            response,
            f"{reverse('password_change')}?next=%2Fdon-vi%2F{self.w.section.pk}%2Fdoan-vien%2F",
            fetch_redirect_response=False,
        )
        response = person.post(
            reverse("password_change"),
            {
                "old_password": password,
                "new_password": "hoa-ban-no-2026",
                "repeated": "hoa-ban-no-2026",
            },
        )
        assert response.status_code == 302
        account.refresh_from_db()
        assert not account.must_change_password and account.check_password("hoa-ban-no-2026")
        response = person.get(reverse("member_list", kwargs={"unit_id": self.w.section.pk}))
        assert response.status_code == 200

    def test_a_unit_outside_is_a_field_error_and_nothing_is_written(self) -> None:
        response = self.create(unit=self.w.sibling.pk)
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "unit": ["Đơn vị: chỉ chọn được đơn vị của bạn hoặc đơn vị trực thuộc."]
        }
        assert not User.objects.filter(username="lo.thi.mai").exists()

    def test_errors_name_their_fields(self) -> None:
        response = self.create(username="canbo", full_name="")
        errors = response.context["form"].errors
        assert errors["full_name"] == ["Họ và tên: không được để trống."]
        response = self.create(username="CANBO")
        errors = response.context["form"].errors
        assert errors == {"username": [users.USERNAME_TAKEN.format(username="CANBO")]}

    def test_re_role_and_lock_an_account_ends_its_sessions(self) -> None:
        officer = Client()
        officer.force_login(self.w.officer)
        url = reverse("account_edit", kwargs={"account_id": self.w.officer.pk})
        response = self.client.post(
            url, {"full_name": "Cán Bộ", "unit": self.w.unit.pk, "role": Role.VIEWER}
        )
        self.assertRedirects(response, reverse("account_list"))
        self.w.officer.refresh_from_db()
        assert self.w.officer.role == Role.VIEWER and not self.w.officer.is_active
        response = officer.get(reverse("home"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        login = officer.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
        assert login.status_code == 200

    def test_reset_shows_a_new_one_time_password(self) -> None:
        url = reverse("account_reset_password", kwargs={"account_id": self.w.viewer.pk})
        response = self.client.post(url)
        password = OTP.search(response.content.decode())[1]  # type: ignore[index]
        self.w.viewer.refresh_from_db()
        assert self.w.viewer.check_password(password) and self.w.viewer.must_change_password


class OwnPasswordTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def change(self, old: str, new: str, repeated: str | None = None):  # type: ignore[no-untyped-def]
        self.client.force_login(self.w.viewer)
        data = {"old_password": old, "new_password": new, "repeated": repeated or new}
        return self.client.post(reverse("password_change"), data)

    def test_a_viewer_changes_their_password_and_stays_logged_in(self) -> None:
        response = self.change(PASSWORD, "suoi-mo-tam-2026")
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.w.viewer.refresh_from_db()
        assert self.w.viewer.check_password("suoi-mo-tam-2026")
        assert "_auth_user_id" in self.client.session

    def test_mistakes_are_named_by_field_in_vietnamese(self) -> None:
        errors = self.change("sai", "suoi-mo-tam-2026").context["form"].errors
        assert errors == {"old_password": [users.OLD_PASSWORD_WRONG]}
        errors = self.change(PASSWORD, "suoi-mo-tam-2026", "khac").context["form"].errors
        assert errors == {"repeated": [users.NEW_PASSWORDS_DIFFER]}
        errors = self.change(PASSWORD, "ngan").context["form"].errors
        assert errors == {"new_password": ["Mật khẩu mới: phải có ít nhất 8 ký tự."]}
        errors = self.change(PASSWORD, "password123").context["form"].errors
        assert errors == {"new_password": [users.NEW_PASSWORD_TOO_COMMON]}
        errors = self.change(PASSWORD, PASSWORD).context["form"].errors
        assert errors == {"new_password": [users.NEW_PASSWORD_SAME]}
        self.w.viewer.refresh_from_db()
        assert self.w.viewer.check_password(PASSWORD)
