"""The emulation year in the browser: launch, register, approve, evaluate, read the verdict."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from daihoi.emulation.models import Evaluation, Registration, RegistrationStatus
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("DAIHOI_SHOTS")  # a folder: save screenshots there to look at the pages


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_year_from_campaign_to_the_engines_verdict(page):  # type: ignore[no-untyped-def]
    world = build_world()

    # The province launches the year's campaign for its subtree.
    log_in(page, world.upper.username)
    page.get_by_role("link", name="Thi đua").click()
    page.get_by_role("link", name=re.compile("Phát động phong trào")).click()
    page.get_by_label("Tên phong trào").fill("Thi đua “Lao động giỏi, lao động sáng tạo” 2025")
    page.get_by_label("Năm").fill("2025")
    page.get_by_label("Ngày bắt đầu").fill("2025-01-15")
    page.get_by_label("Ngày kết thúc (ngày bình xét)").fill("2025-12-15")
    page.get_by_label("Nội dung, chỉ tiêu").fill("Trên 90% đoàn viên đạt Lao động tiên tiến")
    page.get_by_role("button", name="Phát động").click()
    expect(page.get_by_text("Đã phát động")).to_be_visible()
    shot(page, "1-campaign")

    # The CĐCS registers its member, who is in a section below it.
    log_in(page, world.officer.username)
    page.get_by_role("link", name="Thi đua").click()
    page.get_by_role("link", name=re.compile("Lao động giỏi")).click()
    page.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Lường Danh Vọng").check()
    individual = page.locator("form", has_text="Gửi đăng ký cá nhân")
    individual.get_by_label("Lao động tiên tiến", exact=True).check()
    individual.get_by_label("Chiến sĩ thi đua cơ sở", exact=True).check()
    shot(page, "2-registration")
    page.get_by_role("button", name="Gửi đăng ký cá nhân").click()
    expect(page.get_by_text("Đã gửi 2 đăng ký lên cấp trên.")).to_be_visible()
    campaign_page = page.url

    # The level above approves one and returns the other with a reason.
    log_in(page, world.upper.username)
    page.goto(campaign_page)
    rows = page.locator("tbody tr", has_text="Lường Danh Vọng")
    rows.filter(has_text="Lao động tiên tiến").get_by_role("button", name="Duyệt").click()
    returned = page.locator("tbody tr", has_text="Chiến sĩ thi đua cơ sở")
    returned.get_by_placeholder("Lý do trả lại").fill("Chưa có sáng kiến được công nhận")
    returned.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_text("Lý do: Chưa có sáng kiến được công nhận")).to_be_visible()
    shot(page, "3-reviewed")
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert statuses == {RegistrationStatus.APPROVED, RegistrationStatus.RETURNED}

    # The CĐCS evaluates: the engine finds LĐTT and explains with the clause.
    log_in(page, world.officer.username)
    page.goto(campaign_page)
    page.get_by_role("link", name="Bảng bình xét").click()
    page.get_by_role("link", name="Lường Danh Vọng").click()
    page.get_by_label("Mức hoàn thành nhiệm vụ").select_option(label="Hoàn thành tốt nhiệm vụ")
    page.get_by_label("Số ngày làm việc nghỉ trong năm").fill("12")
    page.locator("input[name=proposed][value=chien-si-thi-dua-co-so]").check()
    page.get_by_role("button", name="Lưu và xét").click()
    expect(page.get_by_text("muốn giữ đề nghị thì ghi rõ lý do")).to_be_visible()
    page.get_by_label("Lý do đề nghị danh hiệu chương trình thấy chưa đủ điều kiện").fill(
        "Sáng kiến đang chờ Hội đồng công nhận"
    )
    page.get_by_role("button", name="Lưu và xét").click()
    expect(page.get_by_text("Lao động tiên tiến: đủ điều kiện.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Chiến sĩ thi đua cơ sở: chưa đủ điều kiện"))
    ).to_be_visible()
    shot(page, "4-verdict")
    page.get_by_role("link", name="Về bảng bình xét").click()
    expect(page.locator("tbody tr", has_text="Lường Danh Vọng")).to_contain_text("có lý do")
    shot(page, "5-table")
    evaluation = Evaluation.objects.get()
    assert evaluation.eligible == ["lao-dong-tien-tien", "doan-vien-cong-doan-xuat-sac"]
    assert evaluation.override_reason == "Sáng kiến đang chờ Hội đồng công nhận"
