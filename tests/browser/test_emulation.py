"""The emulation year in the browser: launch, register, approve, evaluate, read the verdict."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.browser.test_phone_width import PHONE, assert_fits

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


def test_the_council_the_proposal_the_decision_and_the_certificates(page):  # type: ignore[no-untyped-def]
    import io

    import pypdf

    from daihoi.emulation import services
    from daihoi.emulation.models import Decision, TitleRecord
    from daihoi.emulation.services import EvaluationData
    from daihoi.emulation.testing import make_campaign
    from daihoi.units.models import Gender
    from daihoi.units.services import MemberData, create_member

    world = build_world()
    campaign = make_campaign(world.province)
    people = [
        create_member(unit=world.unit, data=MemberData(full_name=name, gender=Gender.NU))
        for name in ("Lò Thị Mai", "Tòng Thị Xuân")
    ]
    services.register_members(
        campaign=campaign,
        unit=world.unit,
        members=people,
        titles=["lao-dong-tien-tien", "chien-si-thi-dua-co-so"],
        by=None,
    )
    for person in people:
        services.evaluate_member(
            campaign=campaign,
            unit=world.unit,
            member=person,
            data=EvaluationData(
                task_level="xuat-sac", proposed=("lao-dong-tien-tien", "chien-si-thi-dua-co-so")
            ),
            by=None,
        )

    # The CĐCS's council votes by secret ballot on the two names proposed for CSTĐCS.
    log_in(page, world.officer.username)
    page.goto(f"/thi-dua/{campaign.pk}/don-vi/{world.unit.pk}/")
    page.get_by_role("link", name="Hội đồng bỏ phiếu").click()
    page.get_by_label("Tổng số thành viên Hội đồng").fill("5")
    page.get_by_label("Số thành viên dự họp").fill("5")
    page.get_by_label("Ngày họp").fill("2025-12-10")
    page.get_by_role("button", name="Lập phiên bỏ phiếu").click()
    expect(page.get_by_text("Đã lập phiên bỏ phiếu")).to_be_visible()
    for keys in ("", "", "", "2", "2"):  # Xuân (2) crossed on two ballots: 3 of 5, under 80%
        page.locator("input[name=keys]").fill(keys)
        page.get_by_role("button", name="Ghi phiếu").click()
        expect(page.get_by_text(re.compile("Phiếu số \\d"))).to_be_visible()
    page.get_by_role("button", name="Kết thúc nhập phiếu và kiểm phiếu").click()
    expect(page.get_by_text("Đã kiểm phiếu: 1/2 người được Hội đồng đề nghị.")).to_be_visible()
    shot(page, "6-council")

    # The unit writes its proposal: the council's result decides who goes up for CSTĐCS.
    page.goto(f"/thi-dua/{campaign.pk}/don-vi/{world.unit.pk}/")
    page.get_by_role("link", name="Đề nghị khen thưởng").click()
    page.get_by_role("button", name="Lập tờ trình").click()
    rows = page.locator("section", has_text="Danh sách đề nghị").locator("tbody tr")
    expect(rows).to_have_count(3)  # LĐTT for both, CSTĐCS for Mai only
    page.get_by_label("Cá nhân").select_option(label=f"Lò Thị Mai ({world.unit.name})")
    page.get_by_label("Hình thức khen thưởng").select_option(label="Bằng khen")
    page.get_by_label("Thành tích").fill("Đã có thành tích xuất sắc trong phong trào thi đua.")
    page.get_by_role("button", name="Thêm vào tờ trình").click()
    expect(rows).to_have_count(4)
    page.get_by_label("Số tờ trình").fill("12/TTr-CĐCS")
    page.get_by_role("button", name="Gửi tờ trình lên cấp trên").click()
    expect(page.get_by_text("Đã gửi tờ trình lên cấp trên.")).to_be_visible()
    shot(page, "7-proposal")
    proposal_page = page.url
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)  # on a phone the list scrolls in its box, names unfolded
    assert_fits(page, proposal_page)
    page.set_viewport_size(desktop)

    # The level above decides; the decision prints the certificates.
    log_in(page, world.upper.username)
    page.goto(proposal_page)
    page.get_by_label("Số quyết định").fill("245/QĐ-LĐLĐ")
    page.get_by_label("Ngày ký").fill("2025-12-20")
    page.get_by_label("Người ký:", exact=True).fill("Nguyễn Văn Hùng")
    page.get_by_label("Địa danh").fill("Lai Châu")
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(
        page.get_by_text("Đã ban hành Quyết định số 245/QĐ-LĐLĐ ngày 20/12/2025.")
    ).to_be_visible()
    shot(page, "8-decision")
    page.get_by_role("link", name="In Giấy khen, Bằng khen").click()
    certificates_page = page.url
    with page.expect_response(re.compile("tai-ve.pdf$")) as response:
        page.get_by_role("button", name=re.compile("Tạo tệp PDF tất cả")).click()
    assert response.value.headers["content-type"] == "application/pdf"
    content = page.request.get(certificates_page + "tai-ve.pdf").body()
    (text,) = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages]
    assert "BẰNG KHEN" in text and "Lò Thị Mai" in text
    page.goto(certificates_page)
    expect(page.get_by_role("link", name="Tải tệp PDF")).to_be_visible()
    shot(page, "9-certificates")
    assert Decision.objects.get().total == 2 * 710_000 + 2_340_000 + 2_340_000
    assert TitleRecord.objects.filter(member=people[0]).count() == 3
