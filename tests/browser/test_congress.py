"""The congress day in the browser: check-in by QR and by name, the projector, the quorum gate.

The desk and the projector are two browser contexts, as in the hall: the projector must show
the new attendance without anyone reloading it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.fake_camera import fake_camera

from daihoi.congresses import services
from daihoi.congresses.models import Congress, Delegate, Presence, QuorumOverride
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.units.models import Member
from daihoi.units.testing import PASSWORD, World, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def other_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def hall() -> tuple[World, Congress, Delegate, list[Delegate]]:
    """A congress of 3 voting delegates: Lường Danh Vọng (a member) and two typed by hand."""
    world = build_world()
    congress = make_congress(world.unit)
    services.add_delegates_from_members(
        congress=congress, members=Member.objects.in_subtree(world.unit)
    )
    vong = congress.delegates.get(full_name="Lường Danh Vọng")
    others = add_people(congress, 2)
    return world, congress, vong, others


def test_check_in_by_qr_payload_and_the_projector_follows(page, browser, live_server, hall):  # type: ignore[no-untyped-def]
    world, congress, vong, _ = hall
    projector = other_page(browser, live_server)
    log_in(projector, world.viewer.username)
    projector.goto(f"/dai-hoi/{congress.pk}/may-chieu/")
    expect(projector.locator("[data-present]")).to_have_text("0")

    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    field = page.get_by_label("Quét mã QR trên thẻ (hoặc gõ số đại biểu), rồi Enter")
    expect(field).to_be_focused()
    # A USB scanner types the payload and presses Enter.
    field.type(vong.token)
    field.press("Enter")
    expect(page.locator("#scan-result")).to_contain_text("Đã điểm danh: Lường Danh Vọng")
    expect(field).to_have_value("")
    expect(field).to_be_focused()
    expect(page.locator("#counters [data-present]")).to_have_text("1/3")

    # The projector, never reloaded, shows the arrival by itself (it polls every second).
    expect(projector.locator("[data-present]")).to_have_text("1")
    vong.refresh_from_db()
    assert vong.presence == Presence.PRESENT

    # The same card again: nothing more recorded.
    field.type(vong.token)
    field.press("Enter")
    expect(page.locator("#scan-result")).to_contain_text("đã điểm danh lúc")


def test_cards_scanned_while_the_first_is_on_its_way_are_all_recorded(page, hall):  # type: ignore[no-untyped-def]
    # The trial typed numbers 400 ms apart and one was lost: htmx kept only the last code
    # waiting behind a request, read from the field when sent. Here three cards come before the
    # first answer (each sent the moment it is read, as a USB scanner does).
    world, congress, vong, others = hall
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    codes = [vong.token, *(d.token for d in others)]
    page.evaluate(
        """codes => {
          const field = document.getElementById("scan-code");
          const form = document.getElementById("scan-form");
          for (const code of codes) { field.value = code; form.requestSubmit(); }
        }""",
        codes,
    )
    expect(page.locator("#counters [data-present]")).to_have_text("3/3")
    expect(page.locator("#scan-result")).to_contain_text(f"Đã điểm danh: {others[-1].full_name}")
    expect(page.get_by_label("Quét mã QR trên thẻ (hoặc gõ số đại biểu), rồi Enter")).to_have_value(
        ""
    )
    assert Delegate.objects.filter(presence=Presence.PRESENT).count() == 3


def test_check_in_by_the_camera_where_the_browser_reads_qr_codes(page, hall):  # type: ignore[no-untyped-def]
    world, congress, vong, _ = hall
    fake_camera(page, vong.token)
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    camera = page.get_by_role("button", name="Quét bằng camera")
    expect(camera).to_be_visible()
    camera.click()
    expect(page.locator("#camera")).to_be_visible()
    expect(page.locator("#scan-result")).to_contain_text("Đã điểm danh: Lường Danh Vọng")
    expect(page.locator("#counters [data-present]")).to_have_text("1/3")
    # The card stays in front of the camera: read again and again, sent once.
    read_six_times = re.compile(r"^([6-9]|\d{2,})$")
    expect(page.locator("body")).to_have_attribute("data-detections", read_six_times)
    assert Delegate.objects.get(pk=vong.pk).events.count() == 1
    page.get_by_role("button", name="Tắt camera").click()
    expect(page.locator("#camera")).to_be_hidden()


def test_without_a_qr_detector_the_camera_button_stays_hidden(page, hall):  # type: ignore[no-untyped-def]
    world, congress, _, _ = hall
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    field = page.get_by_label("Quét mã QR trên thẻ (hoặc gõ số đại biểu), rồi Enter")
    expect(field).to_be_focused()
    expect(page.locator("#camera-button")).to_be_hidden()


def test_check_in_by_a_name_typed_without_diacritics(page, hall):  # type: ignore[no-untyped-def]
    world, congress, vong, _ = hall
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/diem-danh/")
    page.get_by_label("Họ tên hoặc số đại biểu").fill("luong danh vong")
    row = page.locator(f"#d-{vong.pk}")
    expect(row).to_contain_text("Lường Danh Vọng")
    row.get_by_role("button", name="Có mặt").click()
    expect(row).to_contain_text("Đã điểm danh")
    expect(row.locator(".presence")).to_have_text("Có mặt")
    expect(page.locator("#counters [data-present]")).to_have_text("1/3")
    # Undo by mistake, then a departure.
    row.get_by_role("button", name="Hoàn tác").click()
    expect(row.locator(".presence")).to_have_text("Chưa đến")
    vong.refresh_from_db()
    assert vong.presence == Presence.EXPECTED


def test_quorum_blocks_opening_the_election_and_a_guest_does_not_count(  # type: ignore[no-untyped-def]
    page, hall
):
    world, congress, vong, others = hall
    from daihoi.elections import services as election_services

    election_services.create_election(congress=congress, kind="bch", title="Bầu BCH", seats=3)
    guest = add_guest(congress)
    services.check_in(congress=congress, delegate=vong)
    services.check_in(congress=congress, delegate=guest)
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/doan-chu-tich/")
    button = page.get_by_role("button", name="Mở bầu cử")
    # 1 of 3 present (the guest is in the hall but does not count): not 2/3.
    expect(page.locator("[data-present]")).to_have_text("1")
    expect(page.locator("[data-quorum]")).to_have_attribute("data-quorum", "not-reached")
    expect(button).to_be_disabled()
    # Even a request sent past the disabled button is refused by the server.
    with page.expect_navigation():
        page.evaluate("document.getElementById('open-election').form.submit()")
    expect(page.locator(".messages")).to_contain_text("chưa đủ điều kiện")
    congress.refresh_from_db()
    assert congress.current_item is None

    # A second delegate arrives at a desk: the presidium's screen enables the button by itself.
    services.check_in(congress=congress, delegate=others[0])
    expect(button).to_be_enabled()
    button.click()
    expect(page.locator(".messages")).to_contain_text("đủ điều kiện tiến hành")
    congress.refresh_from_db()
    assert congress.current_item is not None and congress.current_item.step == "bau-cu"
    assert not QuorumOverride.objects.exists()
