"""The upper congress built from below, at 375 px and on a desktop.

The province's season plans the CĐCS (2 delegate seats); the CĐCS's congress elects its committee
and 2 official delegates with 1 alternate (set up through the services, as the hall would); the
province's officer opens the plan, goes to the upper congress's page, chooses the province's
delegate congress, builds its list, records that the alternate replaces an official who cannot
attend, builds again, reads the delegate list with each one's origin and checks one in at the desk.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_season import PHONE, fits, log_in
from tests.season.record import D, approved_plan, congress_with_results, season_entry

from daihoi.congresses.models import Delegate, DelegateKind, Presence
from daihoi.congresses.testing import make_congress
from daihoi.season.models import Officer, OfficerRole
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "desktop"])
def test_plan_then_lower_results_then_the_upper_congress_list(
    browser: Any, live_server: Any, viewport: dict[str, int]
) -> None:
    w = build_world()
    entry = season_entry(w, seats=2)
    approved_plan(w, entry)
    congress_with_results(w)
    upper_congress = make_congress(w.province, number="lần thứ XII", on=D(2023, 4, 10))
    Officer.objects.create(
        unit=w.province, role=OfficerRole.COMMITTEE, full_name="Vũ Văn Hải",
        term_start=2018, term_end=2023, started_on=D(2018, 6, 1),
    )  # fmt: skip
    size = "375" if viewport is PHONE else "desktop"
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)

    log_in(page, w.upper.username)
    page.goto(f"/mua-dai-hoi/{entry.season_id}/")
    page.get_by_role("link", name="Đại hội cấp trên").click()
    card = page.locator(f"#lower-{w.unit.pk}")
    expect(card).to_contain_text("Đủ số được phân bổ")
    expect(card).to_contain_text("2/2 đại biểu chính thức đã bầu / được phân bổ")
    expect(card).to_contain_text("Trần Văn Bình (6/10)")
    expect(page.locator("#build-list")).to_be_disabled()  # no upper congress chosen yet
    fits(page, f"upper-1-preview-{size}")

    page.get_by_label("Đại hội của đơn vị chỉ đạo").select_option(str(upper_congress.pk))
    page.get_by_role("button", name="Chọn đại hội").click()
    expect(page.get_by_text("nhận đại biểu từ các đại hội cấp dưới.")).to_be_visible()
    page.locator("#build-list").click()
    expect(page.get_by_text("thêm 3, cập nhật 0, bỏ 0 người")).to_be_visible()

    card = page.locator(f"#lower-{w.unit.pk}")
    card.get_by_text("Thay đại biểu chính thức không dự được").click()
    card.get_by_label("Đại biểu chính thức không dự được").select_option("Lò Văn Cường")
    card.get_by_label("Quyết định của cấp triệu tập").fill("Quyết định số 12/QĐ-BTV")
    card.get_by_role("button", name="Ghi quyết định thay").click()
    expect(page.get_by_text("Trần Văn Bình (dự khuyết) thay đồng chí Lò Văn Cường")).to_be_visible()
    page.locator("#build-list").click()
    expect(page.get_by_text("thêm 1, cập nhật 0, bỏ 1 người")).to_be_visible()
    fits(page, f"upper-2-built-{size}")

    page.get_by_role("link", name="Danh sách đại biểu").click()
    expect(page.get_by_text(f"Bầu tại {w.unit.name}").first).to_be_visible()
    expect(page.get_by_text("thay đồng chí Lò Văn Cường")).to_be_visible()
    expect(page.get_by_text("Lò Văn Cường")).to_have_count(1)  # only in Bình's note
    fits(page, f"upper-3-delegates-{size}")

    binh = Delegate.objects.get(congress=upper_congress, full_name="Trần Văn Bình")
    page.goto(f"/dai-hoi/{upper_congress.pk}/diem-danh/")
    page.get_by_label("Họ tên hoặc số đại biểu").fill("tran van binh")
    row = page.locator(f"#d-{binh.pk}")
    row.get_by_role("button", name="Có mặt").click()
    expect(row.locator(".presence")).to_have_text("Có mặt")
    binh.refresh_from_db()
    assert binh.presence == Presence.PRESENT
    kinds = sorted(Delegate.objects.filter(congress=upper_congress).values_list("kind", flat=True))
    assert kinds == sorted([DelegateKind.ELECTED, DelegateKind.ELECTED, DelegateKind.EX_OFFICIO])
    context.close()
