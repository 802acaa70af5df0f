"""Dates in a browser whose locale is English (US): typed 05/12/2026, the congress opens on
5 December 2026 and the form shows 05/12/2026 again (a date input would have read 12 May)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_phone_width import PHONE, log_in

from daihoi.congresses.testing import make_congress
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_date_is_typed_and_shown_day_first_in_an_english_browser(
    browser: Any, live_server: Any
) -> None:
    world = build_world()
    congress = make_congress(world.unit)
    context = browser.new_context(locale="en-US", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/sua/")
    field = page.locator('input[name="starts_on"]')
    expect(field).to_have_attribute("type", "text")
    expect(field).to_have_attribute("placeholder", "dd/mm/yyyy")
    expect(field).to_have_value("15/02/2023")
    field.fill("05/12/2026")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/dai-hoi/{congress.pk}/")
    congress.refresh_from_db()
    assert congress.starts_on == date(2026, 12, 5)
    expect(page.locator(".congress-header")).to_contain_text("05/12/2026")
    page.goto(f"/dai-hoi/{congress.pk}/sua/")
    expect(page.locator('input[name="starts_on"]')).to_have_value("05/12/2026")
    context.close()
