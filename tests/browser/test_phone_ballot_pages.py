"""Phone ballot pages as a delegate meets them: the QR opens the ballot with the code after '#',
an unknown or replaced code shows the app's own message, the code can be typed without
scripts, and the send button looks disabled while the ballot cannot be sent."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from daihoi.elections import errors, services
from daihoi.elections.testing import build_hall
from daihoi.units.testing import build_world

PHONE = {"width": 375, "height": 740}
SHOTS = Path(tempfile.gettempdir()) / "daihoi-screenshots"


def phone(browser: Any, live_server: Any, **options: Any) -> Any:
    context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, viewport=PHONE, **options
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def open_round(hall: Any, user: Any) -> Any:
    election = services.create_election(
        congress=hall.congress, kind="bch", title="Bầu Ban Chấp hành", seats=1
    )
    for name in ("Lò Thị Thu", "Tao Văn Sơn"):
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=user)
    return round_


def test_the_send_button_looks_disabled_until_the_ballot_is_valid(
    browser: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    round_ = open_round(hall, w.officer)
    page = phone(browser, live_server)
    page.goto(f"/bo-phieu/#{services.issue_voting_pass(delegate=hall.delegates[0])}")
    page.get_by_role("link", name="Bỏ phiếu").click()
    cast = page.locator("#cast")
    expect(cast).to_be_disabled()  # two names kept for one seat
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-ballot-disabled.png"), full_page=True)
    disabled = cast.evaluate(
        "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).cursor]"
    )
    page.get_by_text("Tao Văn Sơn", exact=True).click()
    expect(cast).to_be_enabled()
    enabled = cast.evaluate(
        "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).cursor]"
    )
    assert disabled[1] == "not-allowed" and enabled[1] == "pointer"
    assert disabled[0] != enabled[0]  # grey, not the red of a button that works
    assert round_.pk
    page.context.close()


def test_an_unknown_or_replaced_code_shows_the_apps_message(browser: Any, live_server: Any) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    open_round(hall, w.officer)
    page = phone(browser, live_server)
    page.goto("/bo-phieu/#KHONG-PHAI-MA-NAY")
    expect(page.locator("#code-error")).to_have_text(errors.VOTING_CODE_UNKNOWN)
    old = services.issue_voting_pass(delegate=hall.delegates[1])
    page.goto(f"/bo-phieu/#{old}")
    expect(page.get_by_role("heading", name="Các vòng bầu")).to_be_visible()
    services.issue_voting_pass(delegate=hall.delegates[1], by=w.officer, reason="Mất phiếu mã")
    page.reload()  # the session opened with the replaced code
    expect(page.locator("#refusal")).to_have_text(errors.VOTING_CODE_REPLACED)
    page.goto(f"/bo-phieu/#{old}")  # the old QR scanned again
    expect(page.locator("#code-error")).to_have_text(errors.VOTING_CODE_REPLACED)
    page.screenshot(path=str(SHOTS / "phone-code-replaced.png"), full_page=True)
    page.context.close()


def test_without_scripts_the_code_is_typed(browser: Any, live_server: Any) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    open_round(hall, w.officer)
    code = services.issue_voting_pass(delegate=hall.delegates[2])
    page = phone(browser, live_server, java_script_enabled=False)
    page.goto("/bo-phieu/")
    page.get_by_label("Mã bỏ phiếu").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Mở phiếu bầu").click()
    expect(page.get_by_role("link", name="Bỏ phiếu")).to_be_visible()
    assert page.url.endswith("/bo-phieu/vong/")
    page.context.close()
