"""A union officer logs in and browses the members of their unit, in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_logs_in_and_finds_a_member_typed_without_diacritics(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    for name in ("Nguyễn Thị Bình", "Trần Văn An", "Lê Thị Ánh"):
        create_member(unit=world.unit, data=MemberData(full_name=name, gender=Gender.NU))

    log_in(page, world.officer.username)
    page.goto(f"/don-vi/{world.unit.pk}/doan-vien/")
    rows = page.locator("table tbody tr")
    names = [rows.nth(i).inner_text() for i in range(rows.count())]
    # Vietnamese order: by given name first (An < Ánh < Bình), then middle and family names.
    order = [n for n in ("Trần Văn An", "Lê Thị Ánh", "Nguyễn Thị Bình") for r in names if n in r]
    assert order == ["Trần Văn An", "Lê Thị Ánh", "Nguyễn Thị Bình"]

    page.get_by_role("searchbox").fill("nguyen thi binh")
    page.keyboard.press("Enter")
    # An auto-waiting assertion: a string given to wait_for_function is eval'd, which the CSP
    # refuses when the new page has loaded first.
    expect(page.locator("table tbody tr")).to_have_count(1)
    assert "Nguyễn Thị Bình" in page.locator("table tbody").inner_text()


def test_officer_of_a_sibling_unit_cannot_open_the_members(page) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    log_in(page, world.sibling_officer.username)
    response = page.goto(f"/don-vi/{world.unit.pk}/doan-vien/")
    assert response is not None and response.status == 404
