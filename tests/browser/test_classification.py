"""An officer classifies a CĐCS in the browser: points in, the level computed; fits 375 px,
and so does the term target that reads the union's own level."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from tests.browser.test_phone_width import OVERFLOW, PHONE, log_in

from daihoi.congresses.testing import make_congress
from daihoi.emulation import classification
from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.models import UnionClassification
from daihoi.term import services
from daihoi.term.services import TargetData
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)

# The lines each heading of the results table takes ("Tổng" once took four, a letter a line).
HEADING_LINES = """() => [...document.querySelector('table.table').querySelectorAll('thead th')]
  .filter(th => th.getClientRects().length)
  .map(th => {
    const range = document.createRange();
    range.selectNodeContents(th);
    const tops = [...range.getClientRects()].map(r => Math.round(r.top));
    return [th.textContent.trim(), new Set(tops).size];
  })"""


def test_an_officer_classifies_a_cdcs_and_reads_the_level(browser: Any, live_server: Any) -> None:
    w = build_world()
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "canbo")
    page.goto(reverse("classification_page", kwargs={"unit_id": w.unit.pk}) + "?nam=2024")
    page.select_option("select[name=unit]", str(w.section.pk))
    page.fill("input[name=group1]", "41")
    page.fill("input[name=group2]", "36")
    page.fill("input[name=group3]", "13,5")
    page.get_by_role("button", name="Xếp loại").click()
    assert page.get_by_text("Nhóm 1: phải từ 0 đến 40 điểm (nhận được: 41).").is_visible()
    assert not UnionClassification.objects.exists()
    page.fill("input[name=group1]", "38,5")
    page.fill("input[name=bonus]", "4")
    page.get_by_role("button", name="Xếp loại").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="Hoàn thành xuất sắc nhiệm vụ", exact=True).is_visible()
    measured = page.evaluate(OVERFLOW)
    headings = page.evaluate(HEADING_LINES)
    # On a phone the total sits under the points, and editing under the union's name.
    assert page.get_by_role("cell", name="38,5 + 36 + 13,5 + 4 Tổng 92").is_visible()
    assert page.get_by_role("link", name=f"Sửa xếp loại của {w.section.name}").is_visible()
    page.screenshot(path="/tmp/classification-375.png", full_page=True)
    assert UnionClassification.objects.get().level == "xuat-sac"
    assert measured["scroll"] <= measured["width"], measured
    assert headings == [["Công đoàn", 1], ["Điểm", 1], ["Xếp loại", 1]], headings

    # The section's congress holds "vững mạnh" each year: 2017 on the older scale is judged,
    # 2024 (the 100-point scale) says why it is not, and the years' table fits the phone.
    classification.record_classification(
        unit=w.section,
        within=w.section,
        data=ClassificationData(
            year=2017, scale="truoc-2019", criteria="22/25; 22/25; 22/25; 22/25"
        ),
        by=None,
    )
    congress = make_congress(w.section, term=(2017, 2024))
    services.add_target(
        congress=congress,
        data=TargetData(
            text="Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
            measure="don-vi-xep-loai",
            comparison="dat",
            period="hang-nam",
            first_year=2017,
            last_year=2024,
            level="vung-manh",
        ),
        by=None,
    )
    page.goto(reverse("term_dashboard", kwargs={"congress_id": congress.pk}))
    note = (
        "* 2024: Hoàn thành xuất sắc nhiệm vụ (thang điểm khác, không so được với mức vững mạnh)."
    )
    assert page.get_by_text(note).is_visible()
    measured = page.evaluate(OVERFLOW)
    page.screenshot(path="/tmp/term-375.png", full_page=True)
    context.close()
    assert measured["scroll"] <= measured["width"], measured
