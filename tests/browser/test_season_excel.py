"""A unit outside daihoi, at 375 px: its results come in from Excel, are recognized, its delegates
reach the upper congress's list, and the board shows it recognized; all through the pages.

The province's officer downloads the template from the board, fills it (here: openpyxl, as a
user's Excel would), uploads a file with a bad row (refused, the row named, nothing written),
then the good one; completes the file, records the recognition, chooses the province's
congress on the upper page and builds its list: the CĐCS's delegates are on it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import expect
from tests.browser.test_season import PHONE, fits, log_in
from tests.season.record import D, approved_plan, season_entry

from daihoi.congresses.models import Delegate
from daihoi.congresses.testing import make_congress
from daihoi.season.models import SeasonStep, StepStatus
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = [
    ("Nguyễn Thị An", "Nữ", 1980, "x", "Chủ tịch", "", "Chính thức"),
    ("Trần Văn Bình", "Nam", 1995, "x", "Phó Chủ tịch", "", "Dự khuyết"),
    ("Lò Văn Cường", "Nam", 1988, "x", "", "Chủ nhiệm", "Chính thức"),
]


def filled(template: Path, rows: list[tuple[Any, ...]], out: Path) -> Path:
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for n, row in enumerate(rows, start=1):
        sheet.append((n, *row))
    buffer = io.BytesIO()
    book.save(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def test_results_from_excel_reach_the_upper_congress_and_the_board(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    w = build_world()
    entry = season_entry(w, seats=2, committee=3)
    approved_plan(w, entry)
    upper_congress = make_congress(w.province, number="lần thứ XII", on=D(2023, 4, 10))
    context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, viewport=PHONE, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)

    log_in(page, w.upper.username)
    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    page.locator(f"#unit-{w.unit.pk}").get_by_role("link", name="từ tệp Excel").click()
    with page.expect_download() as download:
        page.locator("#result-template").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    fits(page, "excel-1-form")

    page.get_by_label("Ngày đại hội").fill("15/02/2023")
    page.get_by_label("Lần thứ / khóa").fill("khóa V")
    bad = [*ROWS, ("Phạm Thị Dung", "Nữ", 1990, "", "Phó Chủ tịch", "", "")]
    page.get_by_label("Tệp kết quả đại hội").set_input_files(
        filled(template, bad, tmp_path / "sai.xlsx")
    )
    page.get_by_role("button", name="Tải lên và gửi hồ sơ").click()
    expect(page.get_by_text("Dòng 5, cột F (Chức vụ trong BCH)")).to_be_visible()
    fits(page, "excel-2-refused")
    assert not SeasonStep.objects.filter(kind="ket-qua-dai-hoi").exists()
    page.get_by_label("Tệp kết quả đại hội").set_input_files(
        filled(template, ROWS, tmp_path / "dung.xlsx")
    )
    page.get_by_role("button", name="Tải lên và gửi hồ sơ").click()
    expect(page.get_by_text("Đã gửi hồ sơ kết quả đại hội lên")).to_be_visible()

    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    card = page.locator(f"#unit-{w.unit.pk}")
    expect(card).to_contain_text("Chủ tịch: Nguyễn Thị An")
    expect(card).to_contain_text("nữ 1/3")
    card.get_by_role("link", name="Hồ sơ kết quả đại hội").click()
    page.get_by_label("Duyệt / hồ sơ đủ").check()
    page.get_by_role("button", name="Ghi trả lời").click()
    page.get_by_label("Số quyết định công nhận").fill("125/QĐ-LĐLĐ")
    page.get_by_role("button", name="Ghi quyết định công nhận").click()
    expect(page.get_by_text("Đã ghi quyết định công nhận số 125/QĐ-LĐLĐ")).to_be_visible()

    page.goto(f"/mua-dai-hoi/{entry.season_id}/dai-hoi-cap-tren/")
    page.get_by_label("Đại hội của đơn vị chỉ đạo").select_option(str(upper_congress.pk))
    page.get_by_role("button", name="Chọn đại hội").click()
    page.locator("#build-list").click()
    expect(page.get_by_text("thêm 2, cập nhật 0, bỏ 0 người")).to_be_visible()
    fits(page, "excel-3-upper")
    page.get_by_role("link", name="Danh sách đại biểu").click()
    expect(page.get_by_text(f"Bầu tại {w.unit.name}").first).to_be_visible()
    listed = set(
        Delegate.objects.filter(congress=upper_congress).values_list("full_name", flat=True)
    )
    assert listed == {"Nguyễn Thị An", "Lò Văn Cường"}

    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    expect(page.get_by_text("Đã công nhận (1)")).to_be_visible()
    fits(page, "excel-4-board")
    assert SeasonStep.objects.get(kind="ket-qua-dai-hoi").status == StepStatus.RECOGNIZED
    context.close()
