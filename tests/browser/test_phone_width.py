"""Every page used in the hall on congress day fits a 375 px phone: nothing wider than the screen.

The check-in desk was the case that failed: its results table was 534 px wide and the
"Có mặt" button was off-screen. Each page is loaded at 375 px with real content (a name search
with results, an open round, a counted one) and the document must not scroll sideways, nor a
table heading break inside a word.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from daihoi.activities import services as activities
from daihoi.activities.services import ContributionData
from daihoi.congresses import services as congress_services
from daihoi.elections import services
from daihoi.elections.testing import build_hall
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.term import services as term_services
from daihoi.term.services import TargetData
from daihoi.units.testing import PASSWORD, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "daihoi.elections" not in settings.INSTALLED_APPS, reason="needs the elections app"
    ),
]

PHONE = {"width": 375, "height": 812}
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


# The words of table headings that a line break cuts in two ("Số cần bầu" as "Số cầ / n bầu").
CUT_WORDS = """() => {
  const cut = [];
  for (const th of document.querySelectorAll('table th')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) cut.push(match[0]);
      }
    }
  }
  return cut;
}"""


# Table cells squeezed so narrow that their text folds to a word a line (the proposal's list
# of a dozen names, nine columns of hall votes): more than six lines in under 90 px.
SQUEEZED = """() => {
  const squeezed = [];
  for (const cell of document.querySelectorAll('table td, table th')) {
    if (cell.offsetWidth >= 90) continue;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 6) squeezed.push(cell.textContent.trim().slice(0, 30));
  }
  return squeezed;
}"""


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def in_english(page: Any) -> None:
    """The language switcher's choice: English from the next page on."""
    host = urlsplit(page.url).hostname
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "domain": host, "path": "/"}
    page.context.add_cookies([cookie])
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en"


def assert_fits(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    measured = page.evaluate(OVERFLOW)
    assert measured["scroll"] <= measured["width"], (url, measured)
    assert page.evaluate(CUT_WORDS) == [], url
    assert page.evaluate(SQUEEZED) == [], url


def test_every_congress_day_page_fits_a_375_px_phone(browser: Any, live_server: Any) -> None:
    world = build_world()
    hall = build_hall(world.unit, tellers=(world.officer, world.upper, world.superuser))
    congress = hall.congress
    names = ("Nguyễn Thị Phương Thảo", "Trần Văn Trường", "Lê Thị Ngọc Quỳnh")
    election = services.create_election(
        congress=congress, kind="bch", title="Bầu Ban Chấp hành khóa V", seats=2
    )
    for name in names:
        services.add_candidate(election=election, full_name=name)
    open_round = services.first_round(election)
    services.approve_list(round_=open_round, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=open_round, paper=True, phone=True)
    services.record_issued(round_=open_round, issued=6)
    services.open_round(round_=open_round, user=world.officer)

    counted = services.create_election(
        congress=congress, kind="bch", title="Bầu Chủ tịch Công đoàn khóa V", seats=1
    )
    for name in names[:2]:
        services.add_candidate(election=counted, full_name=name)
    counted_round = services.first_round(counted)
    services.approve_list(round_=counted_round, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=counted_round, paper=False, phone=True)
    services.open_round(round_=counted_round, user=world.officer)
    first = counted_round.candidates.get(full_name=names[0])
    for delegate in hall.delegates[:4]:
        services.cast_phone_ballot(round_id=counted_round.pk, delegate=delegate, kept=[first.pk])
    services.close_round(round_=counted_round)
    services.count_round(round_=counted_round)

    for subject in ("chuong-trinh", "nghi-quyet"):  # the show of hands, with who recorded it
        congress_services.record_hall_vote(
            congress=congress, subject=subject, yes=6, no=0, abstain=0, by=world.officer
        )
    term_services.add_target(
        congress=congress,
        data=TargetData(
            text="Phấn đấu 100% cán bộ, công chức, viên chức, lao động chấp hành tốt chủ trương "
            "của Đảng, chính sách, pháp luật của Nhà nước, nội quy, quy chế của cơ quan",
            measure=Measure.SHARE_BY_HAND.value,
            comparison=Comparison.ABOVE.value,
            period=Period.YEARLY.value,
            first_year=2023,
            last_year=2028,
            threshold=Decimal(95),
        ),
        by=None,
    )

    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, world.officer.username)

    # The desk with a name search's results: the arrival button is on the screen.
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/?q=dai bieu")
    button = page.locator("#matches").get_by_role("button", name="Có mặt").first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert_fits(page, f"/dai-hoi/{congress.pk}/diem-danh/?q=dai bieu")

    c, e, r, done = congress.pk, election.pk, open_round.pk, counted_round.pk
    for url in (
        f"/dai-hoi/{c}/",
        f"/dai-hoi/{c}/dai-bieu/",
        f"/dai-hoi/{c}/co-quan/",
        f"/dai-hoi/{c}/chuong-trinh/",
        f"/dai-hoi/{c}/tai-lieu/",
        f"/dai-hoi/{c}/the-dai-bieu/",
        f"/dai-hoi/{c}/doan-chu-tich/",
        f"/dai-hoi/{c}/may-chieu/",
        f"/dai-hoi/{c}/bieu-quyet/",
        f"/dai-hoi/{c}/chi-tieu/",
        f"/dai-hoi/{c}/bau-cu/",
        f"/bau-cu/{e}/",
        f"/vong-bau/{r}/",
        f"/vong-bau/{r}/nhap-phieu/",
        f"/vong-bau/{r}/trinh-chieu/",
        f"/vong-bau/{done}/",
        f"/vong-bau/{done}/trinh-chieu/",
        f"/vong-bau/{done}/phieu-cong-bo/",
    ):
        assert_fits(page, url)
    in_english(page)  # longer headings: the wide tables still scroll in their box
    for url in (
        f"/dai-hoi/{c}/bieu-quyet/",
        f"/dai-hoi/{c}/chi-tieu/",
        f"/don-vi/{world.unit.pk}/nhiem-ky/",
    ):
        assert_fits(page, url)
    context.close()


def test_a_units_yearly_activities_fit_a_375_px_phone(browser: Any, live_server: Any) -> None:
    """Nine figures a year, two of them sums of money in the billions (seed 001's 1,3 tỷ of
    charity): on a phone the table scrolls sideways in its own box, the page stays 375 px."""
    world = build_world()
    for kind, amount, year in (
        ("mai-am", 1_260_000_000, 2024),
        ("tu-thien", 1_300_000_000, 2024),
        ("ho-tro-khac", 15_000_000, 2023),  # "Other support (social security, welfare)"
    ):
        activities.save_contribution(
            unit=world.unit,
            data=ContributionData(
                kind=kind, amount=amount, given_on=datetime.date(year, 3, 1), purpose="Quỹ"
            ),
            by=None,
        )
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, world.officer.username)
    assert_fits(page, f"/don-vi/{world.unit.pk}/hoat-dong/")
    expect(page.get_by_text("1.300.000.000")).to_be_visible()
    in_english(page)
    assert_fits(page, f"/don-vi/{world.unit.pk}/tu-thien/")  # "Other support (social ...)"
    context.close()
