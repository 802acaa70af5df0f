"""An officer saves the whole evaluation table from Excel in the browser: downloaded from the
table's page, a bad file's problems listed by row and column, the corrected file saved at once;
the pages fit 375 px."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from tests.browser.test_phone_width import OVERFLOW, PHONE, log_in
from tests.emulation.test_evaluation_table import more_members, prepare

from daihoi.emulation.models import Evaluation
from daihoi.emulation.testing import make_campaign
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def fill(content: bytes, levels: dict[str, str]) -> bytes:
    """Write each named member's task level in the downloaded table."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for line in sheet.iter_rows(min_row=2):
        if line[2].value in levels:
            line[4].value = levels[line[2].value]
    kept = io.BytesIO()
    book.save(kept)
    return kept.getvalue()


def test_an_officer_saves_the_evaluation_table_from_excel(browser: Any, live_server: Any) -> None:
    w = build_world()
    campaign = make_campaign(w.province)
    members = more_members(w)
    prepare(w, campaign, members)
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "canbo")
    page.goto(reverse("evaluation_table", args=[campaign.pk, w.unit.pk]))
    assert page.evaluate(OVERFLOW)["scroll"] <= PHONE["width"]
    page.get_by_role("link", name="Nhập cả bảng từ Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bảng bình xét về").click()
    table = download.value.path().read_bytes()

    wrong = fill(table, {"Lường Danh Vọng": "Hoàn thành tốt nhiệm vụ", "Nguyễn Thị Lan": "giỏi"})
    page.set_input_files(
        "input[name=file]", {"name": "binh-xet.xlsx", "mimeType": "", "buffer": wrong}
    )
    page.get_by_role("button", name="Tải lên và lưu cả bảng").click()
    assert page.get_by_text("Dòng 3, cột E (Mức hoàn thành nhiệm vụ)").is_visible()
    measured = page.evaluate(OVERFLOW)
    page.screenshot(path="/tmp/evaluation-sheet-errors-375.png", full_page=True)
    assert measured["scroll"] <= measured["width"], measured
    assert not Evaluation.objects.exists()

    right = fill(
        table,
        {"Lường Danh Vọng": "Hoàn thành tốt nhiệm vụ", "Nguyễn Thị Lan": "Hoàn thành nhiệm vụ"},
    )
    page.set_input_files(
        "input[name=file]", {"name": "binh-xet.xlsx", "mimeType": "", "buffer": right}
    )
    page.get_by_role("button", name="Tải lên và lưu cả bảng").click()
    assert page.get_by_text("Đã lưu kết quả bình xét của 2 đoàn viên").is_visible()
    assert page.get_by_role("cell", name="Lao động tiên tiến").first.is_visible()
    page.screenshot(path="/tmp/evaluation-table-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/evaluation-table-desktop.png", full_page=True)
    assert Evaluation.objects.count() == 2
    context.close()
