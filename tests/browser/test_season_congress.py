"""One CĐCS through the season with its congress run in daihoi (issue 12's done-when).

Its personnel plan approved (committee of 3, 2 delegate seats), the CĐCS holds its congress in
daihoi: the four summoned people are checked in at the desk, the committee and the delegates to
the upper congress are voted on paper and counted by two tellers through the pages; the unit sends
its result file generated from the record (with its committee's first meeting) and reads it; the
province takes the file as complete, records the recognition and reads its decision; builds its
own congress's list from below; its board shows the unit recognized with its chair.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from tests.browser.test_elections import new_page, type_stack, vote_on_paper
from tests.browser.test_season import log_in
from tests.elections.world import spread
from tests.season.record import D, approved_plan, named_delegates, season_entry

from daihoi.congresses.testing import make_congress
from daihoi.elections import services
from daihoi.elections.testing import build_hall
from daihoi.rules.election import Ballot
from daihoi.units.testing import build_world

pytestmark = pytest.mark.django_db(transaction=True)

BCH = {"Nguyễn Thị An": 7, "Trần Văn Bình": 6, "Lò Văn Cường": 5, "Phạm Thị Dung": 3}
DELEGATES = {"Nguyễn Thị An": 7, "Lò Văn Cường": 5, "Trần Văn Bình": 2}
ELECTIONS = (
    ("bch", "Bầu Ban Chấp hành khóa V", 3, BCH),
    ("dai-bieu", "Bầu đại biểu dự Đại hội cấp trên", 2, DELEGATES),
)


def _text(download: Any) -> str:
    content = Path(download.value.path()).read_bytes()
    if content.startswith(b"%PDF"):
        pages = PdfReader(io.BytesIO(content)).pages
        return " ".join(" ".join(p.extract_text() for p in pages).split())
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


def test_a_cdcs_congress_in_daihoi_reaches_its_recognition_and_the_upper_list(
    page: Any, browser: Any, live_server: Any
) -> None:
    w = build_world()
    entry = season_entry(w, seats=2, committee=3)
    approved_plan(w, entry)
    hall = build_hall(w.unit, delegates=3, tellers=(w.officer, w.upper))
    people = named_delegates(hall.congress)
    elections = []
    for kind, title, seats, votes in ELECTIONS:
        election = services.create_election(
            congress=hall.congress, kind=kind, title=title, seats=seats
        )
        for name in votes:
            services.add_candidate(election=election, delegate=people[name])
        elections.append((services.first_round(election), votes))
    upper_congress = make_congress(w.province, number="lần thứ XII", on=D(2023, 4, 10))

    log_in(page, w.officer.username)
    page.goto(f"/dai-hoi/{hall.congress.pk}/diem-danh/")
    for person in people.values():
        page.get_by_label("Họ tên hoặc số đại biểu").fill(person.full_name)
        page.locator(f"#d-{person.pk}").get_by_role("button", name="Có mặt").click()
        expect(page.locator(f"#d-{person.pk} .presence")).to_have_text("Có mặt")
    second_teller = new_page(browser, live_server)
    log_in(second_teller, w.upper.username)
    for round_, votes in elections:
        by_name = {c.full_name: str(c.pk) for c in round_.election.candidates.all()}
        ballots = [
            Ballot(kept=frozenset(by_name[n] for n in names))
            for names in spread(votes, ballots=7, keep=round_.seats)
        ]
        ids = vote_on_paper(page, round_, present=7, collected=7)
        type_stack(page, ballots, ids)
        second_teller.goto(f"/vong-bau/{round_.pk}/nhap-phieu/")
        type_stack(second_teller, ballots, ids)
        page.goto(f"/vong-bau/{round_.pk}/doi-chieu/")
        page.locator("#count-round").click()
        expect(page.locator("tr.result--elected")).to_have_count(round_.seats)
    second_teller.context.close()

    page.goto(f"/don-vi/{w.unit.pk}/dai-hoi-cac-cap/")
    form = page.locator("#result-from-congress")
    form.get_by_label("Ngày hội nghị BCH lần thứ nhất").fill("20/02/2023")
    form.get_by_label("Số ủy viên BCH có mặt tại hội nghị").fill("3")
    form.locator("#id_chair").fill("Nguyễn Thị An: 3")
    form.get_by_label("Phó Chủ tịch").fill("Trần Văn Bình: 3")
    form.get_by_role("button", name="Lập và gửi hồ sơ kết quả").click()
    expect(page.get_by_text("Đã gửi hồ sơ kết quả đại hội lên")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Word (.docx)").click()
    text = _text(download)
    for said in ("TỜ TRÌNH", "BIÊN BẢN KIỂM PHIẾU", "DANH SÁCH TRÍCH NGANG", "1980 (Nữ)"):
        assert said in text, said
    assert "Đại hội đã bầu 2 đại biểu chính thức" in text

    log_in(page, w.upper.username)
    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    page.locator(f"#unit-{w.unit.pk}").get_by_role("link", name="Hồ sơ kết quả đại hội").click()
    page.get_by_label("Duyệt / hồ sơ đủ").check()
    page.get_by_role("button", name="Ghi trả lời").click()
    page.get_by_label("Số quyết định công nhận").fill("125/QĐ-LĐLĐ")
    page.get_by_role("button", name="Ghi quyết định công nhận").click()
    with page.expect_download() as download:
        page.locator("[id^=decision-]").get_by_role("link", name="PDF").click()
    text = _text(download)
    assert "Số: 125/QĐ-LĐLĐ" in text
    assert f"Điều 2. Công nhận đồng chí Nguyễn Thị An giữ chức Chủ tịch {w.unit.name}" in text
    assert "Trần Văn Bình giữ chức Phó Chủ tịch" in text

    page.goto(f"/mua-dai-hoi/{entry.season_id}/dai-hoi-cap-tren/")
    page.get_by_label("Đại hội của đơn vị chỉ đạo").select_option(str(upper_congress.pk))
    page.get_by_role("button", name="Chọn đại hội").click()
    page.locator("#build-list").click()
    expect(page.get_by_text("thêm 2, cập nhật 0, bỏ 0 người")).to_be_visible()
    page.get_by_role("link", name="Danh sách đại biểu").click()
    for name in ("Nguyễn Thị An", "Lò Văn Cường"):
        expect(page.get_by_role("row").filter(has_text=name)).to_contain_text(
            f"Bầu tại {w.unit.name}"
        )
    page.goto(f"/mua-dai-hoi/{entry.season_id}/bang-theo-doi/")
    expect(page.get_by_text("Đã công nhận (1)")).to_be_visible()
    expect(page.locator(f"#unit-{w.unit.pk}")).to_contain_text("Chủ tịch: Nguyễn Thị An")
