"""A unit that does not use daihoi: the province enters its results from the board, at 375 px and
on a desktop; the board then shows the committee's chair and make-up, and exports it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_season import PHONE, fits, log_in
from tests.season.record import approved_plan, season_entry

from daihoi.season.models import SeasonStep, StepKind
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "desktop"])
def test_the_province_enters_a_units_results_and_the_board_shows_them(
    browser: Any, live_server: Any, viewport: dict[str, int]
) -> None:
    w = build_world()
    entry = season_entry(w, seats=2, committee=3)
    approved_plan(w, entry)
    size = "375" if viewport is PHONE else "desktop"
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)

    log_in(page, w.upper.username)
    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    card = page.locator(f"#unit-{w.unit.pk}")
    card.get_by_role("link", name="Nhập kết quả thay đơn vị").click()
    page.get_by_label("Ngày đại hội").fill("15/02/2023")
    page.get_by_label("Lần thứ / khóa").fill("khóa V")
    page.get_by_label("Ban Chấp hành đã trúng cử").fill(
        "Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường\nPhạm Thị Dung"
    )
    page.locator("#id_chair").fill("Nguyễn Thị An")
    page.get_by_label("Số ủy viên nữ").fill("2")
    page.get_by_label("Đại biểu chính thức dự đại hội cấp trên").fill("Nguyễn Thị An")
    page.get_by_role("button", name="Gửi hồ sơ kết quả").click()
    expect(page.get_by_text("4 ủy viên là nhiều hơn 3 ủy viên cấp trên đã duyệt")).to_be_visible()
    fits(page, f"typed-1-refused-{size}")
    assert not SeasonStep.objects.filter(kind=StepKind.RESULT).exists()
    page.get_by_label("Ban Chấp hành đã trúng cử").fill(
        "Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường"
    )
    page.get_by_role("button", name="Gửi hồ sơ kết quả").click()
    expect(page.get_by_text("Đã gửi hồ sơ kết quả đại hội lên")).to_be_visible()

    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    card = page.locator(f"#unit-{w.unit.pk}")
    expect(card).to_contain_text("Chủ tịch: Nguyễn Thị An")
    expect(card).to_contain_text("nữ 2/3 (66,7%)")
    fits(page, f"typed-2-board-{size}")
    with page.expect_download() as download:
        page.locator("#board-excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
