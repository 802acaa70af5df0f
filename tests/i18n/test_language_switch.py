"""Vietnamese by default; English when the user picks it on the page; documents stay Vietnamese."""

from __future__ import annotations

import io

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from daihoi.language import in_vietnamese
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


class LanguageSwitchTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        create_member(unit=cls.w.unit, data=MemberData(full_name="Lò Thị Mai", gender=Gender.NU))
        cls.members_url = reverse("member_list", kwargs={"unit_id": cls.w.unit.pk})
        cls.unit_url = reverse("unit_detail", kwargs={"unit_id": cls.w.unit.pk})

    def choose(self, language: str, next_url: str = "/dang-nhap/"):  # type: ignore[no-untyped-def]
        return self.client.post(reverse("set_language"), {"language": language, "next": next_url})

    def test_pages_are_vietnamese_by_default(self) -> None:
        response = self.client.get(reverse("login"))
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "<h1>Đăng nhập</h1>", html=True)
        self.assertContains(response, "Tên đăng nhập")
        assert response["Content-Language"] == "vi"

    def test_an_english_browser_still_gets_vietnamese(self) -> None:
        response = self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Tên đăng nhập")

    def test_the_login_page_offers_english_in_a_form_without_script(self) -> None:
        response = self.client.get(reverse("login"))
        self.assertContains(response, f'action="{reverse("set_language")}"')
        self.assertContains(
            response,
            '<button type="submit" name="language" value="en" lang="en" class="link-button">'
            "English</button>",
            html=True,
        )
        self.assertContains(response, '<input type="hidden" name="next" value="/dang-nhap/">')
        self.assertNotContains(response, 'value="vi"')  # the current language is not offered
        assert b"<script>" not in response.content  # CSP: no inline script

    def test_choosing_english_translates_the_login_page(self) -> None:
        response = self.choose("en")
        self.assertRedirects(response, "/dang-nhap/", fetch_redirect_response=False)
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

        page = self.client.get(reverse("login"))
        self.assertContains(page, '<html lang="en">')
        self.assertContains(page, "<h1>Log in</h1>", html=True)
        self.assertContains(page, "Username")
        self.assertContains(page, "Password")
        self.assertContains(page, "Forgot your password?")
        self.assertContains(page, 'lang="vi" class="link-button">Tiếng Việt</button>')
        self.assertNotContains(page, "Tên đăng nhập")
        assert page["Content-Language"] == "en"

    def test_a_refused_login_is_explained_in_english(self) -> None:
        self.choose("en")
        response = self.client.post(
            reverse("login"), {"username": "canbo", "password": "sai"}, REMOTE_ADDR="10.9.9.9"
        )
        self.assertContains(response, "Wrong username or password.")

    def test_the_member_list_in_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.choose("en", self.members_url)
        response = self.client.get(self.members_url)
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "<h1>Union members</h1>", html=True)
        for text in (
            "and its subordinate units",
            "Full name",
            "Add a union member",
            "Import from Excel",
            "Export to Excel",
            "Log out",
            '<option value="active">Active</option>',
        ):
            with self.subTest(text):
                self.assertContains(response, text)
        self.assertContains(response, "2 union members")
        self.assertContains(response, "Lò Thị Mai")  # names are data, never translated
        self.assertNotContains(response, "Đăng xuất")

    def test_the_member_count_in_english_says_one_member_or_many(self) -> None:
        self.client.force_login(self.w.officer)
        self.choose("en", self.members_url)
        response = self.client.get(self.members_url, {"q": "Lò Thị Mai"})
        self.assertContains(response, "1 union member\n")
        self.assertNotContains(response, "1 union members")

    def test_the_unit_page_in_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.choose("en", self.unit_url)
        response = self.client.get(self.unit_url)
        for text in (
            "Grassroots union",
            "active union members",
            "Party members",
            "List of union members",
            "Statistics",
            "Subordinate units",
        ):
            with self.subTest(text):
                self.assertContains(response, text)
        self.assertContains(response, "Công đoàn cơ sở Sở Công Thương")  # the unit's own name

    def test_choosing_vietnamese_again_goes_back(self) -> None:
        self.choose("en")
        self.choose("vi")
        response = self.client.get(reverse("login"))
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Tên đăng nhập")

    def test_a_language_we_do_not_offer_falls_back_to_vietnamese(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        response = self.client.get(reverse("login"))
        self.assertContains(response, '<html lang="vi">')

    def test_the_member_workbook_stays_vietnamese_in_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.choose("en", self.members_url)
        response = self.client.get(reverse("member_export", kwargs={"unit_id": self.w.unit.pk}))
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
        assert {"Họ và tên", "Giới tính", "Nữ"} <= cells
        assert not {"Full name", "Female"} & cells


def test_in_vietnamese_runs_a_view_in_vietnamese_whatever_the_request_language() -> None:
    @in_vietnamese
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(gettext("Đăng xuất"))

    from django.utils import translation

    request = RequestFactory().get("/")
    with translation.override("en"):
        assert gettext("Đăng xuất") == "Log out"
        assert view(request).content.decode() == "Đăng xuất"
        assert gettext("Đăng xuất") == "Log out"
