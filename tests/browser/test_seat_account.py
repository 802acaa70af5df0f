"""At the desk, on a phone: the administrator gives a Ban Kiểm phiếu member an account on the spot.

Only the accounts linked to the committee's seats enter paper ballots; a member approved by the
hall gets theirs from the organ page, the one-time password is read from the screen once, and
the teller logs in with it and chooses their own. Every page fits 375 px.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_phone_width import PHONE, assert_fits, log_in

from daihoi.accounts.models import Role
from daihoi.congresses import services
from daihoi.congresses.models import OrganKind
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import build_world, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_makes_a_tellers_account_on_a_375_px_phone(
    browser: Any, live_server: Any
) -> None:
    world = build_world()
    make_user("quantri.ct", world.unit, Role.ADMIN)
    congress = make_congress(world.unit)
    (person,) = add_people(congress, 1, prefix="Nguyễn Thị Phương Thảo")
    counting = congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU)
    seat = services.add_organ_member(organ=counting, delegate=person, role="truong-ban")

    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, "quantri.ct")
    assert_fits(page, f"/dai-hoi/{congress.pk}/co-quan/")
    organ = page.locator(f"#organ-{counting.pk}")
    expect(organ).to_contain_text("chưa có tài khoản nhập phiếu")
    organ.get_by_role("link", name="Tạo hoặc gắn tài khoản").click()

    page.wait_for_url(f"**/co-quan/thanh-vien/{seat.pk}/tai-khoan/")
    assert_fits(page, page.url)
    username = page.locator('input[name="tao-username"]')
    expect(username).to_have_value("nguyen.thi.phuong.thao.so.1")
    username.fill("thao.kiemphieu")
    page.get_by_role("button", name="Tạo tài khoản").click()

    password = page.locator(".one-time-password").inner_text()
    assert len(password) == 14
    measured = page.evaluate("() => document.documentElement.scrollWidth")
    assert measured <= PHONE["width"]
    page.get_by_role("link", name="Quay lại").click()
    expect(page.locator(f"#organ-{counting.pk}")).to_contain_text("thao.kiemphieu")
    expect(page.locator("body")).not_to_contain_text(password)
    context.close()

    # The teller, on their own phone: the one-time password, then a password of their own.
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    teller = context.new_page()
    teller.set_default_timeout(30_000)
    teller.goto("/dang-nhap/")
    teller.get_by_label("Tên đăng nhập").fill("thao.kiemphieu")
    teller.get_by_label("Mật khẩu").fill(password)
    teller.get_by_role("button", name="Đăng nhập").click()
    teller.wait_for_url("**/tai-khoan/doi-mat-khau/**")
    expect(teller.get_by_role("heading", name="Đổi mật khẩu")).to_be_visible()
    context.close()
