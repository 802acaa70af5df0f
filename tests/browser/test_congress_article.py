"""A congress from adopting its agenda to publishing its news report, as the officer does it.

The officer records the show of hands on the agenda and on the resolution (each linked to its
item of the agenda), drafts the report from the record, edits its byline, publishes it; anyone,
logged out, reads it on the congress's public page and finds it in the unit's Atom feed. The
pages are looked at 375 px wide (a phone): nothing wider than the screen.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from daihoi.congresses import services
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.term import services as term_services
from daihoi.term.services import TargetData
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}
SHOTS = os.environ.get("DAIHOI_SCREENSHOTS", "")
TARGET = "trên 95% đoàn viên hoàn thành nhiệm vụ"


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


def vote(page: Any, subject: str, item_id: int, yes: int) -> None:
    page.get_by_label("Nội dung biểu quyết").select_option(label=subject)
    page.get_by_label("Thuộc nội dung chương trình").select_option(value=str(item_id))
    page.locator("#id_yes").fill(str(yes))
    page.locator("#id_no").fill("0")
    page.locator("#id_abstain").fill("0")
    page.get_by_role("button", name="Ghi kết quả biểu quyết").click()
    expect(page.locator(".messages").first).to_contain_text(f"Tán thành {yes}/{yes}")


def test_from_the_agenda_to_the_published_article(browser: Any, live_server: Any) -> None:
    w = build_world()
    congress = make_congress(w.unit)
    for person in add_people(congress, 12, prefix="Lò Văn"):
        services.check_in(congress=congress, delegate=person)
    services.check_in(congress=congress, delegate=add_guest(congress))
    term_services.add_target(
        congress=congress,
        data=TargetData(
            text=TARGET, measure=Measure.SHARE_BY_HAND.value, comparison=Comparison.ABOVE.value,
            period=Period.YEARLY.value, first_year=2023, last_year=2028,
            threshold=__import__("decimal").Decimal(95),
        ),
        by=None,
    )  # fmt: skip
    items = {item.step: item.pk for item in congress.agenda.all()}

    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        log_in(page, w.officer.username)
        page.goto(f"/dai-hoi/{congress.pk}/bieu-quyet/")
        vote(page, "Chương trình đại hội", items["chuong-trinh"], 12)
        vote(page, "Nghị quyết đại hội", items["nghi-quyet"], 12)

        page.goto(f"/dai-hoi/{congress.pk}/van-kien/")
        page.locator("#paper-ban-tin").get_by_role("link", name="Bản tin đại hội").click()
        page.get_by_role("button", name="Lập bản nháp từ hồ sơ").click()
        preview = page.locator("#article-preview")
        expect(preview).to_contain_text("thông qua: chương trình đại hội (tán thành 12/12")
        expect(preview).to_contain_text(
            f"thông qua Nghị quyết (tán thành 12/12 đại biểu có mặt), đề ra các chỉ tiêu "
            f"nhiệm kỳ 2023 - 2028, đó là: {TARGET}."
        )
        expect(preview).to_contain_text("Phạm Thị Thơ - Chủ tịch Công đoàn cấp trên")
        page.get_by_label("Tác giả, nguồn tin").fill("Trần Thu")
        page.get_by_role("button", name="Lưu bản tin").click()
        expect(page.locator(".messages").first).to_contain_text("Đã lưu bản tin.")
        fits(page)
        shot(page, "article-draft-375")
        page.get_by_role("button", name="Đăng bản tin").click()
        expect(page.locator("#article-status")).to_have_text("Đã đăng")

        public = context.new_page()
        public.context.clear_cookies()
        public.goto(f"/tin/dai-hoi/{congress.pk}/")
        expect(public.locator("h1")).to_have_text(congress.title)
        expect(public.locator(".news-article")).to_contain_text(f"đó là: {TARGET}.")
        expect(public.locator(".news-byline")).to_have_text("Trần Thu")
        fits(public)
        shot(public, "article-public-375")
        feed = public.request.get(f"/tin/don-vi/{w.unit.pk}/atom.xml")
        assert feed.ok and congress.title in feed.text()
    finally:
        context.close()
