"""How the API knows who calls: bearer tokens (hashed, revocable) and the browser session."""

from __future__ import annotations

from datetime import timedelta

from api_world import ApiTestCase
from django.test import Client
from django.utils import timezone

from daihoi.accounts.models import ApiToken
from daihoi.accounts.tokens import (
    TOKEN_EXPIRED,
    TOKEN_READ_ONLY,
    create_api_token,
    hash_token,
    revoke_api_token,
)
from daihoi.api import AUTH_REQUIRED, CSRF_FAILED, TOKEN_INVALID
from daihoi.units.models import Member


class TokenAuthTests(ApiTestCase):
    def test_only_the_hash_of_a_token_is_stored(self) -> None:
        raw = self.tokens[self.w.officer.username]
        token = ApiToken.objects.get(user=self.w.officer)
        assert token.key_hash == hash_token(raw) != raw
        assert len(token.key_hash) == 64
        assert raw.startswith(token.prefix)
        assert not ApiToken.objects.filter(key_hash__contains=raw[3:]).exists()

    def test_a_revoked_token_is_401(self) -> None:
        path = f"/api/units/{self.w.unit.pk}"
        assert self.call("GET", path, user=self.w.officer).status_code == 200
        revoke_api_token(token=ApiToken.objects.get(user=self.w.officer))
        response = self.call("GET", path, user=self.w.officer)
        assert response.status_code == 401
        assert response.json() == {"detail": TOKEN_INVALID}
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'

    def test_the_token_of_a_deactivated_user_is_401(self) -> None:
        self.w.officer.is_active = False
        self.w.officer.save(update_fields=["is_active"])
        response = self.call("GET", f"/api/units/{self.w.unit.pk}", user=self.w.officer)
        assert response.status_code == 401

    def test_other_schemes_are_401(self) -> None:
        for header in ("Basic Y2FuYm86eA==", "Token abc", "Bearer"):
            with self.subTest(header):
                response = self.client.get(
                    f"/api/units/{self.w.unit.pk}", headers={"Authorization": header}
                )
                assert response.status_code == 401
                assert response.json() == {"detail": TOKEN_INVALID}

    def test_last_used_is_recorded_at_most_once_a_minute(self) -> None:
        token = ApiToken.objects.get(user=self.w.officer)
        assert token.last_used_at is None
        path = f"/api/units/{self.w.unit.pk}"
        self.call("GET", path, user=self.w.officer)
        token.refresh_from_db()
        first = token.last_used_at
        assert first is not None
        with self.assertNumQueries(2):  # token, unit: no write
            self.call("GET", path, user=self.w.officer)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
        self.call("GET", path, user=self.w.officer)
        token.refresh_from_db()
        assert token.last_used_at is not None and token.last_used_at > first - timedelta(seconds=1)
        assert token.last_used_at <= timezone.now()

    def test_a_token_writes_without_csrf(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = self.call(
            "PATCH",
            f"/api/members/{self.w.member.pk}",
            {"position": "Kế toán"},
            user=self.w.officer,
            client=client,
        )
        assert response.status_code == 200

    def test_an_expired_token_is_401_and_says_so(self) -> None:
        token = ApiToken.objects.get(user=self.w.officer)
        path = f"/api/units/{self.w.unit.pk}"
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(hours=1))
        assert self.call("GET", path, user=self.w.officer).status_code == 200
        expired = timezone.now() - timedelta(seconds=1)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=expired)
        response = self.call("GET", path, user=self.w.officer)
        assert response.status_code == 401
        day = f"{timezone.localtime(expired):%d/%m/%Y}"
        assert response.json() == {"detail": TOKEN_EXPIRED.format(date=day)}
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'

    def test_a_read_only_token_reads_but_never_writes(self) -> None:
        _, raw = create_api_token(user=self.w.officer, name="Báo cáo", read_only=True)
        assert self.call("GET", f"/api/members/{self.w.member.pk}", token=raw).status_code == 200
        writes = [
            ("PATCH", f"/api/members/{self.w.member.pk}", {"position": "Kế toán"}),
            ("POST", "/api/members/", {"unit_id": self.w.unit.pk, "full_name": "Lò Văn A"}),
        ]
        for method, path, body in writes:
            with self.subTest(method):
                response = self.call(method, path, body, token=raw)
                assert response.status_code == 403
                assert response.json() == {"detail": TOKEN_READ_ONLY}
        self.w.member.refresh_from_db()
        assert self.w.member.position != "Kế toán"
        assert not Member.objects.filter(full_name="Lò Văn A").exists()

    def test_a_bad_token_is_401_even_with_a_logged_in_session(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.call("GET", f"/api/units/{self.w.unit.pk}", token="dh_sai")
        assert response.status_code == 401


class SessionAuthTests(ApiTestCase):
    def test_a_logged_in_browser_reads(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(f"/api/units/{self.w.unit.pk}/members")
        assert response.status_code == 200
        assert response.json()["count"] == 1

    def test_the_session_follows_the_same_access_rules(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(f"/api/units/{self.w.unit.pk}").status_code == 404
        self.client.force_login(self.w.viewer)
        response = self.client.patch(
            f"/api/members/{self.w.member.pk}", {"position": "x"}, content_type="application/json"
        )
        assert response.status_code == 403

    def test_writing_with_a_session_needs_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.w.officer)
        body = {"unit_id": self.w.section.pk, "full_name": "Vàng A Sáng", "gender": "nam"}
        refused = client.post("/api/members/", body, content_type="application/json")
        assert refused.status_code == 403
        assert refused.json() == {"detail": CSRF_FAILED}
        assert not Member.objects.filter(full_name="Vàng A Sáng").exists()

        client.get("/tai-khoan/khoa-api/")  # any page with a form sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        accepted = client.post(
            "/api/members/", body, content_type="application/json", headers={"X-CSRFToken": token}
        )
        assert accepted.status_code == 201, accepted.content

    def test_anonymous_browser_is_401_not_a_redirect(self) -> None:
        response = self.client.get(f"/api/units/{self.w.unit.pk}")
        assert response.status_code == 401
        assert response.json() == {"detail": AUTH_REQUIRED}
        post = Client(enforce_csrf_checks=True).post(
            "/api/members/", {}, content_type="application/json"
        )
        assert post.status_code == 401
