"""The hall's projector in the elections mode, in the browser, at 1920x1080.

The presidium switches the projector to "Bầu cử"; delegates vote on their phones and the
projector, never reloaded, counts them; after the count it shows the result. A result of up to
30 names fits the screen in type readable from the back of the hall; past 30, the elected are
shown and the others counted.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect
from tests.browser.test_elections import close_voting

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import ProjectorMode
from daihoi.elections import services
from daihoi.elections.testing import build_hall
from daihoi.units.testing import PASSWORD, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "daihoi.elections" not in settings.INSTALLED_APPS, reason="needs the elections app"
    ),
]

SCREEN = {"width": 1920, "height": 1080}
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
GIVEN = ("Thị Phương Thảo", "Văn Trường", "Thị Ngọc Quỳnh", "Đức Nghĩa", "Thị Thu Hương")
# names, seats, least type (px), layout: seed 001's size, 30 names, more, a provincial BCH
CASES = ((7, 5, 40, "big"), (30, 9, 26, "small"), (40, 9, 40, "big"), (48, 45, 22, "tiny"))
MEASURE = """() => {
  const rows = [...document.querySelectorAll('.hall-result__row')];
  const boxes = [...rows, ...document.querySelectorAll('#projector-hidden')]
    .map(e => e.getBoundingClientRect());
  return {
    rows: rows.length,
    bottom: Math.max(...boxes.map(b => b.bottom)),
    right: Math.max(...boxes.map(b => b.right)),
    font: parseFloat(getComputedStyle(rows[0]).fontSize),
    scroll: document.documentElement.scrollHeight,
  };
}"""


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def new_page(browser: Any, live_server: Any, **options: Any) -> Any:
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, **options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def open_phone_round(congress: Any, names: list[str], seats: int, user: Any) -> Any:
    election = services.create_election(
        congress=congress, kind="bch", title=f"Bầu Ban Chấp hành ({len(names)} người)", seats=seats
    )
    for name in names:
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=user)
    return round_


def test_the_projector_follows_the_phone_vote_then_shows_the_result(
    page: Any, browser: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    round_ = open_phone_round(
        hall.congress, ["Lò Thị Thu", "Tao Văn Sơn", "Giàng A Páo"], 2, w.officer
    )

    log_in(page, w.officer.username)
    page.goto(f"/dai-hoi/{hall.congress.pk}/doan-chu-tich/")
    page.get_by_role("button", name="Bầu cử", exact=True).click()
    expect(page.get_by_role("button", name="Bầu cử", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    projector = new_page(browser, live_server, viewport=SCREEN)
    log_in(projector, w.viewer.username)
    projector.goto(f"/dai-hoi/{hall.congress.pk}/may-chieu/")
    projector.evaluate("window.__notReloaded = true")
    expect(projector.locator("#projector-turnout")).to_have_text("Đã bỏ phiếu: 0 / 6")

    for count, delegate in enumerate(hall.delegates[:3], start=1):
        phone = new_page(browser, live_server, viewport={"width": 390, "height": 844})
        phone.goto(f"/bo-phieu/#{services.issue_voting_pass(delegate=delegate)}")
        phone.get_by_role("link", name="Bỏ phiếu").click()
        phone.get_by_text("Giàng A Páo", exact=True).click()
        phone.locator("#cast").click()
        expect(phone.locator("#receipt")).to_be_visible()
        phone.context.close()
        # The projector polls every second: the new figure shows without a reload.
        expect(projector.locator("#projector-turnout")).to_have_text(f"Đã bỏ phiếu: {count} / 6")

    page.goto(f"/vong-bau/{round_.pk}/")
    close_voting(page)
    expect(projector.locator("#projector-status")).to_have_text(
        "Đã kết thúc bỏ phiếu, đang kiểm phiếu"
    )
    page.locator("#count-round").click()
    result = projector.locator("#projector-result")
    expect(result).to_be_visible()
    elected = projector.locator("tr.result--elected")
    expect(elected).to_have_count(2)
    assert "Lò Thị Thu" in elected.all_inner_texts()[0] + elected.all_inner_texts()[1]
    assert "Giàng A Páo" in projector.locator("tr.result--not-elected").inner_text()
    assert projector.evaluate("window.__notReloaded") is True
    projector.context.close()


def test_up_to_thirty_names_fit_the_screen_and_past_thirty_the_elected_come_first(
    browser: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    people = [f"{family} {given}" for given in GIVEN for family in FAMILIES]
    people += [f"{family} Thị Hồng Phương Thảo" for family in FAMILIES]  # long names
    people.insert(0, "Nguyễn Thị Hồng Phương Thảo")  # one of the longest, elected
    people = list(dict.fromkeys(people))
    projector = new_page(browser, live_server, viewport=SCREEN)
    log_in(projector, w.viewer.username)
    congress_services.set_projector_mode(congress=hall.congress, mode=ProjectorMode.ELECTIONS)
    projector.goto(f"/dai-hoi/{hall.congress.pk}/may-chieu/")
    measured = {}
    for size, seats, least_font, kind in CASES:
        names = people[:size]
        round_ = open_phone_round(hall.congress, names, seats, w.officer)
        ids = {c.full_name: str(c.pk) for c in round_.candidates.all()}
        for n, delegate in enumerate(hall.delegates):
            kept = names[:seats] if n < 4 else names[seats : 2 * seats]
            services.cast_phone_ballot(
                round_id=round_.pk, delegate=delegate, kept=[ids[k] for k in kept]
            )
        services.close_round(round_=round_)
        services.count_round(round_=round_)
        shown = size if size <= 30 else seats
        expect(projector.locator(".hall-result__row")).to_have_count(shown)
        # htmx settles the swapped screen's attributes a moment later: wait for the size.
        expect(projector.locator("#projector-result")).to_have_class(
            f"hall-result hall-result--{kind}"
        )
        figures = projector.evaluate(MEASURE)
        measured[size] = figures
        assert figures["bottom"] <= SCREEN["height"], (size, figures)
        assert figures["right"] <= SCREEN["width"], (size, figures)
        assert figures["scroll"] <= SCREEN["height"], (size, figures)
        assert figures["font"] >= least_font, (size, figures)
        assert projector.locator("tr.result--elected").count() == seats
        hidden = projector.locator("#projector-hidden")
        if size > 30:
            expect(hidden).to_contain_text(
                f"Còn {size - seats} người không trúng cử: số phiếu của từng người có trong "
                "biên bản."
            )
        else:
            expect(hidden).to_have_count(0)
    print(  # the measured figures, reported with -s
        "\nprojector 1920x1080: "
        + "; ".join(
            f"{n} names: {f['rows']} rows, type {f['font']:.0f}px, bottom {f['bottom']:.0f}px"
            for n, f in measured.items()
        )
    )
    projector.context.close()
