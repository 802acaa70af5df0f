"""Elections in the hall, in the browser: paper double entry to the minutes, phone voting, a tie.

Several people act at once (two tellers, several delegates): each has their own browser context
from the session's ``browser``.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from daihoi.elections import services
from daihoi.elections.models import Round, RoundStatus
from daihoi.elections.testing import (
    SEED_001_TITLE,
    build_hall,
    fill_hall,
    seed_001_election,
)
from daihoi.rules import keyboard
from daihoi.rules.election import Ballot
from daihoi.units.testing import PASSWORD, build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "daihoi.elections" not in settings.INSTALLED_APPS,
        reason="the elections app waits for the congress app's models",
    ),
]

GOLDEN = Path(__file__).parent.parent / "rules" / "golden"
KEY_COUNTER = """
window.__keys = 0;
document.addEventListener("keydown", () => { window.__keys += 1; }, true);
"""


def log_in(page: Any, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))


def close_voting(page: Any) -> None:
    """Close the round's voting from its page, saying yes to the confirmation it asks."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#close-round").click()


def new_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def vote_on_paper(page: Any, round_: Round, *, present: int, collected: int) -> tuple[str, ...]:
    """Hold the round on paper from its page: the list approved by all present, as many ballots
    issued, voting opened and closed, the ballots collected; leave the page at the entry. Return
    the ballot's ids (what the tellers type)."""
    page.goto(f"/vong-bau/{round_.pk}/")
    form = page.locator("#approve-form")
    for field, value in (("present", present), ("yes", present), ("no", 0), ("abstain", 0)):
        form.locator(f"input[name={field}]").fill(str(value))
    form.get_by_role("button").click()
    assert "Đại hội đã thông qua danh sách bầu cử" in page.locator(".messages").inner_text()
    page.locator("#issued-form input[name=issued]").fill(str(present))
    page.locator("#issued-form button").click()
    page.locator("#open-round").click()
    assert page.locator("#round-status").inner_text() == "Đang bỏ phiếu"
    close_voting(page)
    page.locator("#collected-form input[name=collected]").fill(str(collected))
    page.locator("#collected-form button").click()
    assert page.locator("#collected").inner_text() == str(collected)
    page.locator("#to-entry").click()
    round_.refresh_from_db()
    return services.ballot_ids_of(round_)


def seed_ballots(round_: Round) -> list[Ballot]:
    data = json.loads((GOLDEN / "seed-001-bch.election.json").read_text())
    by_name = {c.full_name: str(c.pk) for c in round_.candidates.all()}
    ids = {c["id"]: by_name[c["name"]] for c in data["candidates"]}
    return [
        Ballot.void(b["invalid"])
        if "invalid" in b
        else Ballot(kept=frozenset(ids[k] for k in b["kept"]))
        for b in data["ballots"]
    ]


def type_stack(page: Any, ballots: list[Ballot], ids: tuple[str, ...]) -> list[tuple[int, int]]:
    """Type each ballot as a teller would; return (keys pressed, crossed names) per ballot."""
    page.add_init_script(KEY_COUNTER)
    page.reload()
    field = page.locator("input[name=keys]")
    field.focus()
    measured = []
    for ballot in ballots:
        before = page.evaluate("window.__keys")
        page.keyboard.type(keyboard.format_keys(ballot, ids=ids))
        page.keyboard.press("Enter")
        pressed = page.evaluate("window.__keys") - before
        # A void ballot is one letter: it counts as one mark.
        crossed = len(ids) - len(ballot.kept) if ballot.kept is not None else 1
        measured.append((pressed, crossed))
    expect(page.locator("#entered")).to_have_text(str(len(ballots)), timeout=30_000)
    return measured


def test_seed_001_bch_on_paper_two_tellers_one_mismatch_resolved_to_signed_minutes(
    page: Any, browser: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    fill_hall(hall.congress, present=40)  # the show of hands is checked against the check-in
    round_ = services.first_round(seed_001_election(hall))

    log_in(page, w.officer.username)
    ids = vote_on_paper(page, round_, present=40, collected=40)  # the golden case's 40 ballots
    ballots = seed_ballots(round_)

    first = type_stack(page, ballots, ids)
    assert all(pressed <= crossed + 1 for pressed, crossed in first), first

    second_teller = new_page(browser, live_server)
    log_in(second_teller, w.upper.username)
    second_teller.goto(f"/vong-bau/{round_.pk}/nhap-phieu/")
    typo = list(ballots)
    assert typo[4].kept is not None
    typo[4] = Ballot(kept=typo[4].kept - {min(typo[4].kept)})  # ballot 5: one name missed
    type_stack(second_teller, typo, ids)
    second_teller.context.close()

    page.goto(f"/vong-bau/{round_.pk}/doi-chieu/")
    assert page.locator("#mismatches tbody tr").count() == 1
    row = page.locator("#mismatch-5")
    right = keyboard.describe(ballots[4], ids)
    row.get_by_role("button", name=f"Đúng là: {right}").click()
    assert f"Đã thống nhất phiếu số 5: {right}" in page.locator(".messages").inner_text()
    page.locator("#count-round").click()

    result = page.locator("#result")
    assert "Rcom Jen" in result.inner_text()
    elected = page.locator("tr.result--elected")
    assert elected.count() == 5
    assert "Lò Văn Hùng" not in elected.all_inner_texts()
    digest = page.locator("#digest").inner_text()
    assert len(digest.split(" ")) == 8

    with page.expect_download() as download:
        page.locator("#minutes-pdf").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Hoàng Văn Nam" in text  # the head of the Ban Kiểm phiếu signs
    assert digest in text
    assert SEED_001_TITLE.split(",")[0] in text

    presses = [pressed for pressed, _ in first]
    crossed = [c for _, c in first]
    print(  # the measured figure, reported with -s
        f"\nkeystrokes per ballot: mean {sum(presses) / len(presses):.2f}, "
        f"max {max(presses)}; crossed names + 1: mean {sum(crossed) / len(crossed) + 1:.2f}"
    )


def test_delegates_vote_on_their_phones_a_second_vote_is_refused_a_receipt_is_found(
    page: Any, browser: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    election = services.create_election(
        congress=hall.congress, kind="bch", title="Bầu Ban Chấp hành", seats=2
    )
    for name in ("Lò Thị Thu", "Tao Văn Sơn", "Giàng A Páo"):
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=w.officer)

    log_in(page, w.officer.username)
    projector = new_page(browser, live_server)
    log_in(projector, w.officer.username)
    projector.goto(f"/vong-bau/{round_.pk}/trinh-chieu/")
    expect(projector.locator("#projector-turnout")).to_have_text("Đã bỏ phiếu: 0 / 6")
    receipts = []
    phones = []
    for delegate, crossed in zip(
        hall.delegates[:3], ("Giàng A Páo", "Tao Văn Sơn", "Lò Thị Thu"), strict=True
    ):
        page.goto(f"/dai-bieu/{delegate.pk}/ma-bo-phieu/")
        page.locator("#issue-pass").click()
        url = page.locator("#voting-url").inner_text()
        phone = new_page(browser, live_server)
        phone.goto(url)
        phone.get_by_role("link", name="Bỏ phiếu").click()
        state = phone.locator("#ballot-state")
        # The ballot script fills the state after the page loads: wait for it.
        expect(state).to_contain_text("nhiều hơn số cần bầu")
        expect(phone.locator("#cast")).to_be_disabled()
        phone.get_by_text(crossed, exact=True).click()
        expect(state).to_have_text("Bạn bầu 2 người.")
        phone.locator("#cast").click()
        receipt = phone.locator("#receipt").inner_text()
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", receipt)
        receipts.append(receipt)
        phones.append((phone, url))

    # The projector follows without a reload (htmx polls every 2 s).
    expect(projector.locator("#projector-turnout")).to_have_text("Đã bỏ phiếu: 3 / 6")
    projector.context.close()
    first_phone, _ = phones[0]
    # The code was in the QR's fragment only: the phone's address and history no longer hold it.
    assert "#" not in first_phone.url and "/bo-phieu/vong/" in first_phone.url
    response = first_phone.goto(f"/bo-phieu/vong/{round_.pk}/")
    assert response is not None and response.status == 409
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "Bạn đã bỏ phiếu trong vòng bầu này" in first_phone.locator("#refusal").inner_text()

    page.goto(f"/vong-bau/{round_.pk}/")
    assert "3 / 6" in page.locator("#turnout").inner_text()
    # Closing cannot be undone: the page asks first, and "no" sends nothing.
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#close-round").click()
    page.goto(f"/vong-bau/{round_.pk}/")
    assert asked == [
        "Kết thúc bỏ phiếu? Sau khi kết thúc, không nhận thêm phiếu nào, kể cả trên điện thoại."
    ]
    assert page.locator("#round-status").inner_text() == "Đang bỏ phiếu"
    close_voting(page)

    first_phone.goto("/bo-phieu/vong/")
    first_phone.get_by_role("link", name="Xem danh sách phiếu").click()
    assert first_phone.locator("#published tbody tr").count() == 3
    first_phone.locator("#my-receipt").click()  # the receipt this phone kept, under /bien-nhan/
    found = first_phone.locator("#found").inner_text()
    assert receipts[0] in found
    assert "Lò Thị Thu" in found and "Tao Văn Sơn" in found
    other_phone, _ = phones[1]
    other_phone.goto(f"/bo-phieu/vong/{round_.pk}/cong-bo/")
    other_phone.get_by_label("Mã biên nhận").fill(receipts[2].lower())
    other_phone.get_by_role("button", name="Tìm").click()  # a POST from a no-referrer page
    assert receipts[2] in other_phone.locator("#found").inner_text()
    assert "?" not in other_phone.url  # looked up by POST, not in the address
    for phone, _ in phones:
        phone.context.close()


def test_a_tie_leads_to_the_congress_decision_and_a_second_round(
    page: Any, live_server: Any
) -> None:
    w = build_world()
    hall = build_hall(w.unit, delegates=7, tellers=(w.officer, w.upper, w.superuser))
    election = services.create_election(
        congress=hall.congress, kind="ubkt", title="Bầu Ủy ban Kiểm tra", seats=2
    )
    for name in ("Lò Thị Thu", "Tao Văn Sơn", "Giàng A Páo"):
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=7, no=0, abstain=0, present=7)
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=w.officer)
    ids = {c.full_name: str(c.pk) for c in round_.candidates.all()}
    thu, son, pao = ids["Lò Thị Thu"], ids["Tao Văn Sơn"], ids["Giàng A Páo"]
    # Thu 5, Sơn 4, Páo 4 of 7 (4 needed): Thu elected; Sơn and Páo tie for the last seat.
    for delegate, kept in zip(
        hall.delegates,
        ([thu, son], [thu, son], [thu, pao], [thu, pao], [son, pao], [son, pao], [thu]),
        strict=True,
    ):
        services.cast_phone_ballot(round_id=round_.pk, delegate=delegate, kept=kept)

    log_in(page, w.officer.username)
    page.goto(f"/vong-bau/{round_.pk}/")
    close_voting(page)
    page.locator("#count-round").click()
    assert page.locator("tr.result--tied").count() == 2
    assert "Lò Thị Thu" in page.locator("tr.result--elected").inner_text()
    page.locator("#to-decide").click()
    proposal = page.locator("#proposal").inner_text()
    assert (
        "bầu tiếp 1 người" in proposal and "Tao Văn Sơn" in proposal and "Giàng A Páo" in proposal
    )
    form = page.locator("#decide-form")
    form.locator("input[name=present]").fill("7")
    form.locator("input[name=yes]").fill("7")
    form.locator("input[name=no]").fill("0")
    form.locator("input[name=abstain]").fill("0")
    form.get_by_role("button", name="Ghi quyết định").click()

    second = Round.objects.get(election=election, number=2)
    assert page.url.endswith(f"/vong-bau/{second.pk}/")
    assert second.status == RoundStatus.LIST_APPROVED
    assert second.seats == 1
    names = page.locator(".ballot-names").inner_text()
    assert "Tao Văn Sơn" in names and "Giàng A Páo" in names and "Lò Thị Thu" not in names
    page.locator("#open-round").click()
    assert page.locator("#round-status").inner_text() == "Đang bỏ phiếu"

    # The further vote among the tied: more votes wins, with no over-half test (rules.md §2.6).
    for delegate, kept in zip(hall.delegates, [[son]] * 4 + [[pao]] * 3, strict=True):
        services.cast_phone_ballot(round_id=second.pk, delegate=delegate, kept=kept)
    close_voting(page)
    page.locator("#count-round").click()
    assert "Tao Văn Sơn" in page.locator("tr.result--elected").inner_text()
    assert "không xét lại điều kiện quá một phần hai" in page.locator("#revote-rule").inner_text()
    assert page.locator("#to-decide").count() == 0
