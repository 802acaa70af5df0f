"""A union officer logs in and browses the members of their unit, in the browser."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
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


def test_the_export_follows_the_search_typed_and_exports_the_members_shown(page) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: after a live search showed 60 members, the export still gave all 78."""
    world = build_world()
    for i in range(12):
        create_member(
            unit=world.unit, data=MemberData(full_name=f"Nguyễn Văn Tìm {i:02d}", gender=Gender.NAM)
        )
    for name in ("Trần Văn An", "Lê Thị Ánh"):
        create_member(unit=world.unit, data=MemberData(full_name=name, gender=Gender.NU))

    log_in(page, world.officer.username)
    page.goto(f"/don-vi/{world.unit.pk}/doan-vien/")
    expect(page.locator("table tbody tr")).to_have_count(15)  # with the section's member

    # Typed, not submitted: htmx swaps the list after a pause, and the export link with it.
    page.get_by_role("searchbox").press_sequentially("nguyen van tim")
    expect(page.locator("table tbody tr")).to_have_count(12)
    export = page.get_by_role("link", name="Xuất Excel")
    expect(export).to_have_attribute("href", re.compile(r"q=nguyen\+van\+tim"))
    with page.expect_download() as download:
        export.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as exported:
        sheet = load_workbook(exported).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [f"Nguyễn Văn Tìm {i:02d}" for i in range(12)]

    # The status filter is carried too, as soon as it is chosen.
    page.get_by_label("Tình trạng").select_option(label="Tất cả")
    expect(export).to_have_attribute("href", re.compile(r"q=nguyen\+van\+tim&status=all$"))
    expect(page.locator("table tbody tr")).to_have_count(12)
