"""The icon browsers fetch at /favicon.ico on every first visit (it was a 404 in every log)."""

from __future__ import annotations

from django.test import TestCase


class FaviconTests(TestCase):
    def test_favicon_ico_is_an_icon_cached_for_a_day(self) -> None:
        response = self.client.get("/favicon.ico")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/x-icon"
        assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header
        assert "max-age=86400" in response["Cache-Control"]

    def test_pages_name_the_icon(self) -> None:
        self.assertContains(self.client.get("/dang-nhap/"), 'rel="icon"')
