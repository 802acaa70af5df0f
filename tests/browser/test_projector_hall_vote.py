"""The hall votes on a document: the officer records the show of hands, the projector shows it.

At 1920x1080 the item, the figures and the verdict fit the screen; the projector, never
reloaded, moves to the next vote when it is recorded.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from daihoi.congresses import services
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1920, "height": 1080}
SHOTS = os.environ.get("DAIHOI_SCREENSHOTS", "")


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_recorded_vote_goes_to_the_projector(page: Any, browser: Any, live_server: Any) -> None:
    w = build_world()
    congress = make_congress(w.unit)
    for person in add_people(congress, 45, prefix="Lò Văn"):
        services.check_in(congress=congress, delegate=person)
    services.record_hall_vote(congress=congress, subject="chuong-trinh", yes=45, no=0, abstain=0)

    projector_context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, viewport=SCREEN
    )
    try:
        projector = projector_context.new_page()
        log_in(projector, w.viewer.username)
        projector.goto(f"/dai-hoi/{congress.pk}/may-chieu/")
        projector.evaluate("window.__notReloaded = true")

        log_in(page, w.officer.username)
        page.goto(f"/dai-hoi/{congress.pk}/bieu-quyet/")
        page.get_by_label("Nội dung biểu quyết").select_option(label="Báo cáo chính trị")
        page.locator("#id_yes").fill("41")
        page.locator("#id_no").fill("3")
        page.locator("#id_abstain").fill("1")
        expect(page.get_by_label("Hiện kết quả trên màn hình chiếu")).to_be_checked()
        page.get_by_role("button", name="Ghi kết quả biểu quyết").click()
        expect(page.locator(".messages, [role=status], .message").first).to_contain_text(
            "Báo cáo chính trị: Tán thành 41/45 đại biểu có mặt"
        )
        expect(page.locator("table.hall-votes tbody tr")).to_have_count(2)
        shot(page, "hall-votes-page")

        screen = projector.locator(".screen-vote")
        expect(screen).to_contain_text("Báo cáo chính trị")
        expect(projector.locator("[data-yes]")).to_have_text("41")
        expect(projector.locator("[data-adopted]")).to_have_text("ĐƯỢC THÔNG QUA")
        assert projector.evaluate("window.__notReloaded") is True
        box = projector.evaluate(
            "() => ({bottom: document.querySelector('.screen-vote').getBoundingClientRect().bottom,"
            " scroll: document.documentElement.scrollHeight})"
        )
        assert box["bottom"] <= SCREEN["height"] and box["scroll"] <= SCREEN["height"], box
        shot(projector, "hall-vote-projector")

        # The figures refused: nothing recorded, the message beside the form names the figure.
        page.get_by_label("Nội dung biểu quyết").select_option(label="Nghị quyết đại hội")
        page.locator("#id_yes").fill("40")
        page.locator("#id_no").fill("0")
        page.locator("#id_abstain").fill("0")
        page.locator("#id_present").fill("46")
        page.get_by_role("button", name="Ghi kết quả biểu quyết").click()
        expect(page.get_by_text("Số đại biểu có mặt: đã nhập 46")).to_be_visible()
        shot(page, "hall-votes-refused")
        expect(projector.locator(".screen-vote-title")).to_have_text("Báo cáo chính trị")
    finally:
        projector_context.close()
