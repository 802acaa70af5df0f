"""The congress season at 375 px: the province plans, a CĐCS sends its steps, the board follows.

The province's officer opens the season and saves the plan; the CĐCS's officer sends its đề án
nhân sự, the province approves it; the CĐCS sends its result, the province takes the file as
complete and records the recognition; the board shows the unit recognized. Every page must fit
the phone's width.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from daihoi.season.models import SeasonStep, StepStatus
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
# Set to a directory to keep a screenshot of each page (to look at them, not to assert on).
SHOTS = os.environ.get("DAIHOI_SHOTS_DIR", "")


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def fits(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    scroll, width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/season-{name}.png", full_page=True)
    assert scroll <= width, (name, scroll, width)


def test_one_cdcs_from_its_plan_to_its_recognition_on_the_board(
    browser: Any, live_server: Any
) -> None:
    w = build_world()
    today = timezone.localdate().isoformat()
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)

    log_in(page, w.upper.username)
    page.goto(f"/don-vi/{w.province.pk}/mua-dai-hoi/")
    page.get_by_label("Tên kế hoạch").fill("Kế hoạch đại hội công đoàn cơ sở nhiệm kỳ 2023 - 2028")
    page.get_by_label("Nhiệm kỳ từ năm").fill("2023")
    page.get_by_label("Nhiệm kỳ đến năm").fill("2028")
    page.locator("#id_due_cdcs").fill(f"{today[:4]}-12-31")
    fits(page, "1-season-form")
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_text("với 2 đơn vị tổ chức đại hội")).to_be_visible()
    card = page.locator(f"#unit-{w.unit.pk}")
    card.get_by_label("Số ủy viên BCH").fill("7")
    card.get_by_label("Đại biểu phân bổ").fill("2")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(card.get_by_text("7 ủy viên là nhiều hơn mức tối đa 3")).to_be_visible()
    fits(page, "2-plan-refused")
    card.get_by_label("Số ủy viên BCH").fill("3")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_text("Đã lưu kế hoạch của 2 đơn vị.")).to_be_visible()
    expect(page.locator("#seat-total")).to_contain_text("2 đại biểu")

    log_in(page, w.officer.username)
    page.goto(f"/don-vi/{w.unit.pk}/dai-hoi-cac-cap/")
    page.get_by_label("Số ủy viên BCH dự kiến").fill("3")
    page.get_by_role("button", name="Gửi đề án nhân sự").click()
    expect(page.get_by_text("Đã gửi đề án nhân sự lên")).to_be_visible()
    fits(page, "3-unit-plan-sent")

    log_in(page, w.upper.username)
    plan = SeasonStep.objects.get()
    page.goto(f"/mua-dai-hoi/buoc/{plan.pk}/")
    page.get_by_label("Duyệt / hồ sơ đủ").check()
    page.get_by_role("button", name="Ghi trả lời").click()
    expect(page.get_by_text("Đã trả lời: Đề án nhân sự")).to_be_visible()

    log_in(page, w.officer.username)
    page.goto(f"/don-vi/{w.unit.pk}/dai-hoi-cac-cap/")
    page.get_by_label("Ngày đại hội").fill(today)
    page.get_by_label("Số ủy viên BCH đã bầu").fill("3")
    page.get_by_label("Số đại biểu chính thức đã bầu dự đại hội cấp trên").fill("2")
    page.get_by_role("button", name="Gửi hồ sơ kết quả").click()
    expect(page.get_by_text("Đã gửi hồ sơ kết quả đại hội lên")).to_be_visible()

    log_in(page, w.upper.username)
    page.goto(f"/mua-dai-hoi/{plan.entry.season_id}/bang-theo-doi/")
    expect(page.get_by_text("Đã đại hội, hồ sơ chờ kiểm tra (1)")).to_be_visible()
    fits(page, "4-board")
    page.locator(f"#unit-{w.unit.pk}").get_by_role("link").click()
    page.get_by_label("Duyệt / hồ sơ đủ").check()
    page.get_by_role("button", name="Ghi trả lời").click()
    expect(page.locator("#deadline")).to_contain_text("Hạn công nhận")
    fits(page, "5-step-complete")
    page.get_by_label("Số quyết định công nhận").fill("125/QĐ-LĐLĐ")
    page.get_by_role("button", name="Ghi quyết định công nhận").click()
    expect(page.get_by_text("Đã ghi quyết định công nhận số 125/QĐ-LĐLĐ")).to_be_visible()
    page.get_by_role("link", name="Bảng theo dõi").click()
    expect(page.get_by_text("Đã công nhận (1)")).to_be_visible()
    fits(page, "6-board-recognized")
    assert SeasonStep.objects.filter(status=StepStatus.RECOGNIZED).count() == 1
    context.close()
