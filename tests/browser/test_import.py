"""An officer imports a member list from Excel in the browser: a bad row first, then fixed."""

from __future__ import annotations

import pytest
from tests.imports.workbooks import XLSX, people, workbook_bytes

from daihoi.units.models import Member
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def choose_file(page, data: bytes, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Tệp danh sách đoàn viên").set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def test_officer_imports_a_list_with_one_bad_row_then_the_fixed_list(  # type: ignore[no-untyped-def]
    page, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    rows = people(3)
    rows[1]["Ngày sinh"] = "31/02/1985"  # row 3 in Excel
    before = Member.objects.count()

    log_in(page, world.officer.username)
    page.goto(f"/don-vi/{world.unit.pk}/doan-vien/")
    page.get_by_role("link", name="Nhập từ Excel").click()
    choose_file(page, workbook_bytes(rows), "doan-vien-loi.xlsx")

    problem = page.locator("table.problems tbody tr")
    assert problem.count() == 1
    assert problem.locator("td").first.inner_text() == "3"
    assert "Ngày sinh" in problem.inner_text()
    assert "“31/02/1985” không có thật" in problem.inner_text()
    assert page.get_by_role("button", name="Nhập", exact=True).is_disabled()
    assert Member.objects.count() == before

    rows[1]["Ngày sinh"] = "28/02/1985"
    page.get_by_role("link", name="Tải tệp khác").click()
    choose_file(page, workbook_bytes(rows), "doan-vien.xlsx")
    assert "Sẵn sàng nhập 3 đoàn viên" in page.locator("form.confirm").inner_text()
    page.get_by_role("button", name="Nhập", exact=True).click()

    assert "Đã nhập 3 đoàn viên vào" in page.locator("main").inner_text()
    assert Member.objects.count() == before + 3
    page.get_by_role("link", name="Xem danh sách đoàn viên").click()
    listed = page.locator("table tbody").inner_text()
    for row in rows:
        assert row["Họ và tên"] in listed


def test_a_large_list_runs_in_the_background_and_the_page_follows_it(  # type: ignore[no-untyped-def]
    page, settings, tmp_path
) -> None:
    # Every file counts as large here: checked and imported by the queued tasks, the page polling.
    settings.MEDIA_ROOT = tmp_path
    settings.DAIHOI_IMPORT_INLINE_BYTES = 0
    settings.DAIHOI_IMPORT_INLINE_ROWS = 0
    world = build_world()
    log_in(page, world.officer.username)
    page.goto(f"/don-vi/{world.unit.pk}/nhap-doan-vien/")
    choose_file(page, workbook_bytes(people(400)), "ca-tinh.xlsx")

    # htmx polls every second and reloads the page when the check is over.
    page.wait_for_selector("form.confirm", timeout=30_000)
    assert "Sẵn sàng nhập 400 đoàn viên" in page.locator("form.confirm").inner_text()
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.wait_for_selector("text=Đã nhập 400 đoàn viên vào", timeout=30_000)
    assert Member.objects.filter(member_number__startswith="T-").count() == 400


def test_the_progress_bar_follows_the_job_and_the_page_reloads_at_the_end(  # type: ignore[no-untyped-def]
    page, settings, tmp_path
) -> None:
    from daihoi.imports import services
    from daihoi.imports.models import ImportJob, ImportStatus

    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    job = ImportJob.objects.create(
        unit=world.unit,
        user=world.officer,
        original_name="ca-tinh.xlsx",
        status=ImportStatus.RUNNING,
        progress_total=100_000,
    )
    services.ProgressFile(job.pk)(10_000, 100_000)
    log_in(page, world.officer.username)
    page.goto(f"/nhap-doan-vien/{job.pk}/")
    assert "10.000 / 100.000 dòng (10%)" in page.locator("#progress").inner_text()

    services.ProgressFile(job.pk)(60_000, 100_000)  # the worker moves on; htmx polls each second
    page.wait_for_selector("text=60.000 / 100.000 dòng (60%)")
    assert page.locator("progress").get_attribute("value") == "60000"

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, imported_count=100_000)
    page.wait_for_selector("text=Đã nhập 100.000 đoàn viên vào")
    assert page.locator("#progress").count() == 0


def test_without_javascript_the_page_refreshes_itself_until_the_end(  # type: ignore[no-untyped-def]
    browser, live_server, settings, tmp_path
) -> None:
    from daihoi.imports.models import ImportJob, ImportStatus

    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    job = ImportJob.objects.create(
        unit=world.unit, user=world.officer, original_name="a.xlsx", status=ImportStatus.RUNNING
    )
    context = browser.new_context(
        locale="vi-VN", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, world.officer.username)
        page.goto(f"/nhap-doan-vien/{job.pk}/")
        assert "Đang nhập đoàn viên" in page.locator("main").inner_text()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, imported_count=7)
        page.wait_for_selector("text=Đã nhập 7 đoàn viên vào")
    finally:
        context.close()
