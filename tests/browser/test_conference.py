"""Seed 004's conference in the browser: a hội nghị's pages fit a phone, the desk checks in,
and the projector (1920 × 1080) follows with the attendance and no quorum verdict."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from tests.browser.test_congress import log_in, other_page
from tests.browser.test_phone_width import PHONE, assert_fits

from daihoi.congresses.testing import add_guest, add_people, make_conference
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_conference_day_on_a_phone_and_on_the_projector(
    page: Any, browser: Any, live_server: Any
) -> None:
    world = build_world()
    conference = make_conference(world.unit)
    people = add_people(conference, 3)
    add_guest(conference, "Lò Văn Muôn")

    projector = other_page(browser, live_server)
    projector.set_viewport_size({"width": 1920, "height": 1080})
    log_in(projector, world.viewer.username)
    projector.goto(reverse("projector", args=[conference.pk]))
    expect(projector.locator(".screen-title")).to_have_text(
        "Hội nghị điển hình tiên tiến lần thứ V"
    )
    expect(projector.locator("[data-present]")).to_have_text("0")
    assert projector.locator("[data-quorum]").count() == 0

    page.set_viewport_size(PHONE)
    log_in(page, world.officer.username)
    for name in ("congress_detail", "delegate_list", "organ_list", "agenda", "presidium"):
        assert_fits(page, reverse(name, args=[conference.pk]))
    assert_fits(page, reverse("conference_review", args=[conference.pk]))
    page.goto(reverse("congress_detail", args=[conference.pk]))
    expect(page.locator("nav.tabs")).not_to_contain_text("Bầu cử")

    desk = reverse("desk", args=[conference.pk])
    assert_fits(page, desk)
    field = page.get_by_label("Quét mã QR trên thẻ (hoặc gõ số đại biểu), rồi Enter")
    field.type(people[0].token)
    field.press("Enter")
    expect(page.locator("#scan-result")).to_contain_text("Đã điểm danh")
    expect(page.locator("#counters [data-present]")).to_have_text("1/3")
    expect(page.locator("#counters")).not_to_contain_text("điều kiện tiến hành")

    # The projector, never reloaded, follows by itself; still no quorum verdict.
    expect(projector.locator("[data-present]")).to_have_text("1")
    assert projector.locator("[data-quorum]").count() == 0
    size = projector.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert size[0] <= size[1]
