"""The emulation dashboard fits a 375 px phone: its tables scroll inside their box, the page not."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from tests.browser.test_phone_width import OVERFLOW, PHONE, log_in

from daihoi.emulation.models import TitleRecord
from daihoi.rules.emulation import Title
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_emulation_dashboard_fits_a_375_px_phone(browser: Any, live_server: Any) -> None:
    w = build_world()
    for year in (2023, 2024, 2025):
        TitleRecord.objects.create(member=w.member, year=year, title=Title.LDTT.value)
        TitleRecord.objects.create(unit=w.section, year=year, title=Title.TTLDXS.value)
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "canbo")
    page.goto(reverse("emulation_dashboard", kwargs={"unit_id": w.unit.pk}) + "?tu=2021&den=2025")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Tổng hợp thi đua, khen thưởng").is_visible()
    assert page.locator("svg.trend").count() >= 1
    measured = page.evaluate(OVERFLOW)
    page.screenshot(path="/tmp/emulation-dashboard-375.png", full_page=True)
    context.close()
    assert measured["scroll"] <= measured["width"], measured
