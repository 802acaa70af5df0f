"""English on a phone: the switcher in the header, then the member list, without sideways scroll."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


def test_english_on_a_phone_from_the_login_page_to_the_member_list(
    browser: Any, live_server: Any
) -> None:
    world = build_world()
    # An English phone: the app still opens in Vietnamese until the user asks for English.
    context = browser.new_context(
        locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True, base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto("/dang-nhap/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Username").fill("canbo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))

    page.goto(f"/don-vi/{world.unit.pk}/doan-vien/")
    expect(page.get_by_role("heading", name="Members")).to_be_visible()
    expect(page.get_by_role("link", name="Lường Danh Vọng")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("heading", name="Đoàn viên")).to_be_visible()
    assert page.url.endswith(f"/don-vi/{world.unit.pk}/doan-vien/")
    context.close()
