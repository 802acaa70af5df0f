"""API tokens: the management command, the account page (create shows the key once, revoke)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts.models import ApiToken
from daihoi.accounts.tokens import (
    TOKEN_DAYS_INVALID,
    TOKEN_NAME_REQUIRED,
    TOKEN_NAME_TOO_LONG,
    TokenError,
    create_api_token,
    hash_token,
    user_for_token,
)
from daihoi.units.testing import build_world


class TokenServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_token_finds_its_user_with_the_unit_in_one_query(self) -> None:
        _, raw = create_api_token(user=self.w.officer, name="Đồng bộ")
        ApiToken.objects.update(last_used_at=None)
        user_for_token(raw)  # first use writes last_used_at
        with self.assertNumQueries(1):
            user = user_for_token(raw)
            assert user is not None
            assert user.unit == self.w.unit

    def test_two_tokens_are_different(self) -> None:
        raws = {create_api_token(user=self.w.officer, name="a")[1] for _ in range(5)}
        assert len(raws) == 5

    def test_names_are_checked(self) -> None:
        with pytest.raises(TokenError) as raised:
            create_api_token(user=self.w.officer, name="  ")
        assert str(raised.value) == TOKEN_NAME_REQUIRED
        with pytest.raises(TokenError) as raised:
            create_api_token(user=self.w.officer, name="x" * 101)
        assert str(raised.value) == TOKEN_NAME_TOO_LONG

    def test_a_token_expires_after_the_days_chosen(self) -> None:
        before = timezone.now()
        token, raw = create_api_token(user=self.w.officer, name="a", days=30)
        assert (
            before + timedelta(days=30) <= token.expires_at <= timezone.now() + timedelta(days=30)
        )
        assert create_api_token(user=self.w.officer, name="b")[0].expires_at > before + timedelta(
            days=89
        )
        for days in (0, 367):
            with pytest.raises(TokenError) as raised:
                create_api_token(user=self.w.officer, name="c", days=days)
            assert str(raised.value) == TOKEN_DAYS_INVALID
        with mock.patch("django.utils.timezone.now", return_value=token.expires_at):
            assert user_for_token(raw) is None

    def test_unknown_and_malformed_tokens_find_nobody(self) -> None:
        for raw in ("", "dh_", "dh_x", "x" * 500, "Bearer dh_x"):
            assert user_for_token(raw) is None


class CreateApiTokenCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_days_and_read_only_from_the_command_line(self) -> None:
        out, err = StringIO(), StringIO()
        call_command(
            "create_api_token", "canbo", "--days", "7", "--read-only", stdout=out, stderr=err
        )
        token = ApiToken.objects.get(user=self.w.officer)
        assert token.read_only
        assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
        assert "(chỉ đọc)" in err.getvalue()

    def test_prints_the_token_once_on_stdout(self) -> None:
        out, err = StringIO(), StringIO()
        call_command(
            "create_api_token", "canbo", "--name", "Phần mềm nhân sự", stdout=out, stderr=err
        )
        raw = out.getvalue().strip()
        token = ApiToken.objects.get(user=self.w.officer)
        assert token.name == "Phần mềm nhân sự"
        assert token.key_hash == hash_token(raw)
        assert "không được hiển thị lại" in err.getvalue()
        assert user_for_token(raw) == self.w.officer

    def test_unknown_user_is_a_clear_error(self) -> None:
        with pytest.raises(CommandError, match="Không có người dùng “ai-do”"):
            call_command("create_api_token", "ai-do", stdout=StringIO(), stderr=StringIO())


class TokenPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        url = reverse("api_tokens")
        response = self.client.get(url)
        self.assertRedirects(
            response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
        )

    def test_create_shows_the_key_once(self) -> None:
        self.client.force_login(self.w.viewer)
        response = self.client.post(reverse("api_tokens"), {"name": "Bảng tính tổng hợp"})
        assert response.status_code == 200
        token = ApiToken.objects.get(user=self.w.viewer)
        raw = response.context["new_key"]
        assert token.key_hash == hash_token(raw)
        self.assertContains(response, raw)
        self.assertContains(response, "chỉ hiện một lần")
        again = self.client.get(reverse("api_tokens"))
        self.assertNotContains(again, raw)
        self.assertContains(again, "Bảng tính tổng hợp")
        self.assertContains(again, token.prefix)
        assert "no-cache" in again["Cache-Control"] or "no-store" in again["Cache-Control"]

    def test_the_page_makes_read_only_tokens_with_an_expiry(self) -> None:
        self.client.force_login(self.w.officer)
        data = {"name": "Báo cáo tháng", "days": "30", "read_only": "on"}
        response = self.client.post(reverse("api_tokens"), data)
        token = ApiToken.objects.get(user=self.w.officer)
        assert token.read_only
        assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
        self.assertContains(response, f"{timezone.localtime(token.expires_at):%d/%m/%Y}")
        self.assertContains(response, "chỉ đọc")
        response = self.client.post(reverse("api_tokens"), {"name": "x", "days": "9999"})
        assert response.context["form"].errors == {"days": [TOKEN_DAYS_INVALID]}

    def test_a_name_is_required(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(reverse("api_tokens"), {"name": ""})
        assert response.context["form"].errors == {"name": [TOKEN_NAME_REQUIRED]}
        assert not ApiToken.objects.exists()

    def test_revoke_deletes_the_token(self) -> None:
        token, raw = create_api_token(user=self.w.officer, name="Cũ")
        self.client.force_login(self.w.officer)
        response = self.client.post(reverse("api_token_revoke", kwargs={"token_id": token.pk}))
        self.assertRedirects(response, reverse("api_tokens"))
        assert not ApiToken.objects.filter(pk=token.pk).exists()
        assert user_for_token(raw) is None

    def test_nobody_revokes_another_users_token(self) -> None:
        token, _ = create_api_token(user=self.w.officer, name="Của cán bộ")
        for user in (self.w.upper, self.w.superuser):
            self.client.force_login(user)
            url = reverse("api_token_revoke", kwargs={"token_id": token.pk})
            assert self.client.post(url).status_code == 404
        assert ApiToken.objects.filter(pk=token.pk).exists()

    def test_revoke_needs_post(self) -> None:
        token, _ = create_api_token(user=self.w.officer, name="x")
        self.client.force_login(self.w.officer)
        url = reverse("api_token_revoke", kwargs={"token_id": token.pk})
        assert self.client.get(url).status_code == 405
