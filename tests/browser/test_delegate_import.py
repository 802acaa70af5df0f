"""An officer imports a congress's delegate list from Excel: a bad row first, then fixed."""

from __future__ import annotations

import datetime

import pytest
from tests.imports.workbooks import XLSX, workbook_bytes

from daihoi.congresses.delegate_sheet import DELEGATE_COLUMNS
from daihoi.congresses.models import Delegate
from daihoi.congresses.testing import make_congress
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)
HEADERS = [column.header for column in DELEGATE_COLUMNS]


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def choose_file(page, data: bytes, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Tệp danh sách đại biểu").set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def test_officer_imports_a_delegate_list_with_a_bad_row_then_the_fixed_list(  # type: ignore[no-untyped-def]
    page, tmp_path
) -> None:
    world = build_world()
    congress = make_congress(world.unit)
    rows = [
        {"Họ và tên": "Lường Danh Vọng", "Mã đoàn viên": "KT-0001", "Loại đại biểu": "Đương nhiên"},
        {
            "Họ và tên": "Nguyễn Thị Bình",
            "Ngày sinh": datetime.date(1985, 3, 8),
            "Giới tính": "Nữ",
            "Loại đại biểu": "Dự thính",  # row 3: not a kind of delegate
        },
        {"Họ và tên": "Phạm Thị Thơ", "Loại đại biểu": "Khách mời", "Chức vụ": "Phó Chủ tịch"},
    ]

    log_in(page, world.officer.username)
    page.goto(f"/dai-hoi/{congress.pk}/dai-bieu/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    choose_file(page, workbook_bytes(rows, headers=HEADERS), "dai-bieu-loi.xlsx")

    problem = page.locator("table.problems tbody tr")
    assert problem.count() == 1
    assert problem.locator("td").first.inner_text() == "3"
    assert "Loại đại biểu" in problem.inner_text()
    assert "“Dự thính” không phải loại đại biểu" in problem.inner_text()
    assert page.get_by_role("button", name="Nhập tất cả").is_disabled()
    page.screenshot(path=tmp_path / "delegate-import-errors.png", full_page=True)
    assert not Delegate.objects.exists()

    rows[1]["Loại đại biểu"] = "Bầu"
    page.get_by_role("link", name="Tải tệp khác").click()
    choose_file(page, workbook_bytes(rows, headers=HEADERS), "dai-bieu.xlsx")
    confirm = page.locator("form.confirm").inner_text()
    assert "Sẵn sàng thêm 3 người" in confirm
    assert "1 người gắn với hồ sơ đoàn viên" in confirm
    assert "Khách mời 1 người" in confirm  # the quotas as they will be
    page.screenshot(path=tmp_path / "delegate-import-preview.png", full_page=True)
    page.get_by_role("button", name="Nhập tất cả").click()

    assert "Đã nhập 3 người vào danh sách đại hội, số 1 đến 3." in page.locator("main").inner_text()
    listed = page.locator("#results table tbody").inner_text()
    for row in rows:
        assert row["Họ và tên"] in listed
    assert Delegate.objects.get(full_name="Lường Danh Vọng").member == world.member
