"""The session ends under the live pages of the hall (projector, desk): in the browser.

Before, htmx followed the redirect to the login page and swapped it into the projector and the
desk, and a scan was silently not recorded. Now the pages keep their last good state, say that
the session ended and how to log in again, and the scan stays in its field to be sent again.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from daihoi.congresses.models import AttendanceEvent
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def test_live_pages_keep_their_state_and_a_scan_is_kept_when_the_session_ends(
    browser: Any, live_server: Any
) -> None:
    world = build_world()
    congress = make_congress(world.unit)
    first, second = add_people(congress, 2)
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    desk = context.new_page()
    desk.set_default_timeout(30_000)
    log_in(desk, world.officer.username)
    desk.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    projector = context.new_page()
    projector.set_default_timeout(30_000)
    projector.goto(f"/dai-hoi/{congress.pk}/may-chieu/")
    expect(projector.locator("[data-present]")).to_have_text("0")

    Session.objects.all().delete()  # the session expired, or someone logged out elsewhere

    # The projector keeps its last screen and says why it no longer changes.
    notice = projector.locator("#session-ended")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Phiên đăng nhập đã kết thúc.")
    expect(projector.locator("[data-present]")).to_have_text("0")
    expect(projector.get_by_label("Tên đăng nhập")).to_have_count(0)

    # A scan at the desk is not recorded, and the desk says so; the code stays in the field.
    field = desk.get_by_label("Quét mã QR trên thẻ (hoặc gõ số đại biểu), rồi Enter")
    field.fill(str(second.number))
    field.press("Enter")
    expect(desk.locator("#session-ended")).to_be_visible()
    expect(desk.locator("#session-ended-pending")).to_contain_text("CHƯA được ghi")
    expect(field).to_have_value(str(second.number))
    expect(desk.get_by_label("Tên đăng nhập")).to_have_count(0)
    assert not AttendanceEvent.objects.exists()

    # Logged in again in another tab (as the notice's link does): the pages carry on.
    again = context.new_page()
    log_in(again, world.officer.username)
    expect(desk.locator("#session-ended")).to_be_hidden()  # the counters poll
    field.press("Enter")  # the new CSRF token is sent: no reload needed
    expect(desk.locator("#scan-result")).to_contain_text(f"Đã điểm danh: {second.full_name}")
    expect(field).to_have_value("")
    assert AttendanceEvent.objects.get().delegate == second
    expect(projector.locator("#session-ended")).to_be_hidden()
    expect(projector.locator("[data-present]")).to_have_text("1")
    assert first.events.count() == 0
    context.close()
