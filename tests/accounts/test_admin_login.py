"""The Django admin: logs in only through the throttled /dang-nhap/, and is off in production."""

from __future__ import annotations

import os
import subprocess
import sys

from django.test import TestCase, override_settings
from django.urls import reverse

from daihoi.accounts.admin_site import ADMIN_STAFF_ONLY
from daihoi.units.testing import PASSWORD, build_world


class AdminLoginTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_the_admin_login_page_sends_to_the_apps_login(self) -> None:
        response = self.client.get("/quan-tri/login/?next=/quan-tri/accounts/user/")
        self.assertRedirects(
            response,
            f"{reverse('login')}?next=%2Fquan-tri%2Faccounts%2Fuser%2F",
            fetch_redirect_response=False,
        )

    def test_a_password_posted_to_the_admin_login_logs_nobody_in(self) -> None:
        self.client.post("/quan-tri/login/", {"username": "sieu", "password": PASSWORD})
        assert "_auth_user_id" not in self.client.session

    def test_a_locked_username_stays_locked_for_the_admin(self) -> None:
        for _ in range(5):
            self.client.post(reverse("login"), {"username": "sieu", "password": "sai"})
        self.client.post("/quan-tri/login/", {"username": "sieu", "password": PASSWORD})
        response = self.client.post(
            reverse("login") + "?next=/quan-tri/", {"username": "sieu", "password": PASSWORD}
        )
        self.assertContains(response, "thử lại sau")
        assert "_auth_user_id" not in self.client.session
        assert self.client.get("/quan-tri/").status_code == 302

    def test_staff_logged_in_on_the_app_reach_the_admin(self) -> None:
        response = self.client.post(
            reverse("login") + "?next=/quan-tri/", {"username": "sieu", "password": PASSWORD}
        )
        self.assertRedirects(response, "/quan-tri/", fetch_redirect_response=False)
        assert self.client.get("/quan-tri/").status_code == 200

    def test_a_unit_admin_is_refused_not_sent_to_a_login_page(self) -> None:
        self.client.force_login(self.w.upper)
        response = self.client.get("/quan-tri/", follow=True)
        assert response.status_code == 403
        self.assertContains(response, ADMIN_STAFF_ONLY, status_code=403)

    @override_settings(DAIHOI_ADMIN_SITE=False)
    def test_switched_off_the_admin_answers_404_everywhere(self) -> None:
        for url in ("/quan-tri/login/", "/quan-tri/", "/quan-tri/accounts/user/"):
            with self.subTest(url):
                assert self.client.get(url).status_code == 404
        self.client.force_login(self.w.superuser)
        for url in ("/quan-tri/", "/quan-tri/accounts/user/", "/quan-tri/logout/"):
            with self.subTest(url):
                assert self.client.get(url).status_code == 404


def production_settings(**env: str) -> dict[str, str]:
    """Return settings a fresh production process reads (DAIHOI_PRODUCTION=1)."""
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps({'admin': settings.DAIHOI_ADMIN_SITE, "
        "'hsts': settings.SECURE_HSTS_SECONDS}))"
    )
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "daihoi.settings",
        "DAIHOI_PRODUCTION": "1",
        "SECRET_KEY": "x" * 50,
        **env,
    }
    environ.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    import json

    return dict(json.loads(out.stdout))


def test_production_has_no_admin_unless_enabled_and_sends_hsts() -> None:
    assert production_settings() == {"admin": False, "hsts": 31536000}
    assert production_settings(DAIHOI_ADMIN_SITE="1")["admin"] is True
