"""A whole encrypted round in the browser (issue 13): the Ban Kiểm phiếu's three members make the
key on their own devices, delegates vote encrypted on phones, the round closes, two of the three
members decrypt (one from the device's storage, one from the printed backup on another device),
and the count gives the choices made on the screens."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect
from tests.browser.fake_camera import fake_camera, show

from daihoi.accounts.middleware import SESSION_ENDED_POST
from daihoi.elections import services
from daihoi.elections.models import CeremonyPost, DecryptionShare, Round, RoundStatus
from daihoi.elections.testing import build_hall
from daihoi.units.testing import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
SHOTS = Path(tempfile.gettempdir()) / "daihoi-screenshots"
NAMES = ("Lò Thị Thu", "Tao Văn Sơn", "Nguyễn Thị Ánh Tuyết")
# What three delegates cross on their phones (2 seats: each keeps two names or one).
CROSSED = (("Tao Văn Sơn",), ("Lò Thị Thu",), ("Tao Văn Sơn", "Lò Thị Thu"))


def device(browser: Any, live_server: Any, username: str | None = None) -> Any:
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    if username:
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))
    return page


def step(pages: list[Any], url: str, label: str) -> None:
    """Each member's device takes the ceremony's step ``label`` in turn."""
    for page in pages:
        page.goto(url)
        action = page.locator("#ceremony-action")
        expect(action).to_have_text(label)
        action.click()
        expect(page.locator("#ceremony-state")).not_to_have_text("Đang tính trên máy này…")


def phone_round() -> tuple[Any, Any, Round]:
    """A congress whose Ban Kiểm phiếu is three tellers (canbo, captren, sieu) and a round of
    NAMES for two seats, its list approved, voted on the phones: (the world, the hall, the
    round)."""
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
    election = services.create_election(
        congress=hall.congress, kind="bch", title="Bầu Ban Chấp hành", seats=2
    )
    for name in NAMES:
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=6, no=0, abstain=0, present=6)
    services.set_voting(round_=round_, paper=False, phone=True)
    return w, hall, round_


def test_ceremony_vote_close_two_of_three_decrypt_and_count(browser: Any, live_server: Any) -> None:
    w, hall, round_ = phone_round()
    SHOTS.mkdir(exist_ok=True)

    members = [device(browser, live_server, u) for u in ("canbo", "captren", "sieu")]
    ceremony = f"/vong-bau/{round_.pk}/tao-khoa/"
    members[0].goto(f"/vong-bau/{round_.pk}/")
    members[0].locator("#to-ceremony").click()
    expect(members[0].locator("#ceremony-action")).to_be_visible()
    members[0].screenshot(path=str(SHOTS / "ceremony-start.png"), full_page=True)
    step(members, ceremony, "Bước 1: tạo khoá nhận trên máy này")
    assert CeremonyPost.objects.filter(round=round_).count() == 3
    step(members, ceremony, "Bước 2: tạo phần khoá và gửi cho các thành viên")
    step(members, ceremony, "Bước 3: kiểm tra phần khoá nhận được")
    backups = []
    for page in members:
        expect(page.locator("#backup")).to_be_visible()
        backups.append(page.locator("#backup-text").inner_text())
    members[2].screenshot(path=str(SHOTS / "ceremony-backup.png"), full_page=True)
    # The first member's page, not reloaded since its own last step, follows the others.
    expect(members[0].locator("#ceremony-done")).to_be_visible()
    expect(members[0].locator("#ceremony-waiting")).to_have_count(0)
    assert all(re.fullmatch(r"DAIHOI-KHOA vong-\d+ thanh-vien-\d [0-9a-f]+", b) for b in backups)
    # The backup's QR code, drawn on the device, reads back as the same text.
    shot = Image.open(io.BytesIO(members[2].locator("#backup-qr").screenshot()))
    assert [r.text for r in zxingcpp.read_barcodes(shot)] == [backups[2]]
    round_.refresh_from_db()
    assert round_.encrypted and round_.public_key
    assert round_.key_record["threshold"] == 2
    # The server never saw a secret: no backup's key share is in what it stored.
    stored = str(list(CeremonyPost.objects.values())) + str(round_.key_record)
    assert not any(b.split()[-1] in stored for b in backups)
    members[0].goto(ceremony)
    expect(members[0].locator("#ceremony-done")).to_be_visible()
    expect(members[0].locator("#backup")).to_be_hidden()  # shown once only

    services.open_round(round_=round_, user=w.officer)
    for delegate, crossed in zip(hall.delegates[3:], CROSSED, strict=True):
        phone = device(browser, live_server)
        phone.goto(f"/bo-phieu/#{services.issue_voting_pass(delegate=delegate)}")
        phone.get_by_role("link", name="Bỏ phiếu").click()
        for name in crossed:
            phone.get_by_text(name, exact=True).click()
        phone.locator("#cast").click()
        phone.locator("#confirm-cast").click()  # cast, not audit
        expect(phone.locator("#receipt")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
        phone.context.close()
    services.close_round(round_=round_)

    # Member 1 decrypts from its device's storage.
    members[0].goto(f"/vong-bau/{round_.pk}/")
    members[0].locator("#to-decrypt").click()
    expect(members[0].locator("#decrypt-source")).to_have_text(
        "Máy này giữ phần khoá của bạn cho vòng bầu này."
    )
    members[0].locator("#decrypt-action").click()
    expect(members[0].locator("#decrypt-state")).to_have_text(
        re.compile(r"Đã nhận phần giải mã của thành viên số 1 .*\(1/2\)")
    )
    # Member 3 on a new device, from the printed backup; first a backup of another member typed.
    spare = device(browser, live_server, "sieu")
    fake_camera(spare)
    spare.goto(f"/vong-bau/{round_.pk}/giai-ma/")
    expect(spare.locator("#backup-entry")).to_be_visible()
    spare.locator("#backup-input").fill(backups[1])
    spare.locator("#decrypt-action").click()
    expect(spare.locator("#decrypt-state")).to_have_text(
        "Bản sao lưu không đúng vòng bầu hoặc không đúng thành viên."
    )
    # Member 3's own, one character typed wrong: said before anything is decrypted or sent.
    *head, share = backups[2].split()
    wrong = share[:-1] + ("0" if share[-1] != "0" else "1")
    spare.locator("#backup-input").fill(" ".join([*head, wrong]))
    spare.locator("#decrypt-action").click()
    expect(spare.locator("#decrypt-state")).to_have_text(
        "Phần khoá nhập vào không khớp khoá kiểm tra công khai của bạn: có ký tự gõ sai, "
        "kiểm tra lại từng ký tự với bản in."
    )
    spare.locator("#backup-input").fill(" ".join([*head, share[:-1] + "z"]))
    spare.locator("#decrypt-action").click()
    expect(spare.locator("#decrypt-state")).to_have_text(
        "Phần khoá trong bản sao lưu không đúng dạng (chỉ gồm chữ số 0–9 và chữ a–f): kiểm tra lại."
    )
    assert DecryptionShare.objects.filter(round=round_).count() == 1  # member 1's only
    # Then the camera: a delegate's card, another member's backup, and member 3's own.
    spare.locator("#backup-input").fill("")
    sent: list[str] = []  # what the device sends while the camera reads: nothing
    spare.on("request", lambda r: sent.append(r.url) if r.method != "GET" or "?" in r.url else None)
    spare.get_by_role("button", name="Đọc mã QR của bản sao lưu bằng camera").click()
    expect(spare.locator("#backup-video")).to_be_visible()
    read = spare.locator("#backup-read")
    show(spare, "a-delegate-card-code")
    expect(read).to_have_text("Mã QR này không phải bản sao lưu phần khoá (DAIHOI-KHOA …).")
    show(spare, backups[1])
    expect(read).to_have_text("Bản sao lưu không đúng vòng bầu hoặc không đúng thành viên.")
    expect(spare.locator("#backup-input")).to_have_value("")
    show(spare, backups[2])
    expect(read).to_have_text(re.compile("^Đã đọc bản sao lưu bằng camera"))
    expect(spare.locator("#backup-input")).to_have_value(backups[2])
    expect(spare.locator("#decrypt-state")).to_have_text("")  # the typed one's refusal is gone
    expect(spare.locator("#backup-video")).to_be_hidden()  # the camera stops once it has it
    assert sent == []
    spare.screenshot(path=str(SHOTS / "decrypt-backup.png"), full_page=True)
    spare.locator("#decrypt-action").click()
    expect(spare.locator("#decrypt-state")).to_have_text(re.compile(r"\(2/2\)"))
    spare.screenshot(path=str(SHOTS / "decrypt-done.png"), full_page=True)
    assert sorted(DecryptionShare.objects.values_list("member", flat=True)) == [1, 3]

    members[0].goto(f"/vong-bau/{round_.pk}/")
    members[0].locator("#count-round").click()
    expect(members[0].locator("#round-status")).to_have_text("Đã có kết quả")
    final = Round.objects.get(pk=round_.pk).tally_record["final"]
    expect(members[0].locator("#board-final")).to_contain_text(final)
    expect(members[0].locator("#encrypted-record")).to_be_visible()
    members[0].screenshot(path=str(SHOTS / "encrypted-counted.png"), full_page=True)
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.status == RoundStatus.COUNTED
    by_name = {str(c.pk): c.full_name for c in round_.candidates.all()}
    votes = {by_name[c["id"]]: c["votes"] for c in round_.result["candidates"]}
    assert votes == {"Lò Thị Thu": 1, "Tao Văn Sơn": 1, "Nguyễn Thị Ánh Tuyết": 3}
    for page in [*members, spare]:
        page.context.close()


def test_a_device_that_lost_its_secrets_restarts_the_ceremony(
    browser: Any, live_server: Any
) -> None:
    _, _, round_ = phone_round()
    members = [device(browser, live_server, u) for u in ("canbo", "captren", "sieu")]
    ceremony = f"/vong-bau/{round_.pk}/tao-khoa/"
    step(members, ceremony, "Bước 1: tạo khoá nhận trên máy này")
    members[1].evaluate("localStorage.clear()")  # the browser's data wiped
    members[1].goto(ceremony)
    expect(members[1].locator("#ceremony-state")).to_contain_text("cần làm lại việc tạo khoá")
    restart = members[1].locator("#ceremony-restart")
    expect(restart).to_have_text("Làm lại việc tạo khoá từ đầu (mọi thành viên)")
    SHOTS.mkdir(exist_ok=True)
    members[1].screenshot(path=str(SHOTS / "ceremony-lost.png"), full_page=True)
    restart.click()
    expect(members[1].locator("#ceremony-action")).to_have_text(
        "Bước 1: tạo khoá nhận trên máy này"
    )
    assert not CeremonyPost.objects.filter(round=round_).exists()
    members[0].goto(ceremony)  # the others see who started again, and when
    restarts = members[0].locator("#ceremony-restarts")
    expect(restarts).to_contain_text("Việc tạo khoá đã được làm lại 1 lần")
    expect(restarts.locator("li")).to_contain_text("Đỗ Thị Lan, ")
    members[0].screenshot(path=str(SHOTS / "ceremony-restarted.png"), full_page=True)
    for page in members:
        page.context.close()


def garbled_share(browser: Any, live_server: Any, round_: Round) -> tuple[list[Any], str]:
    """The three members' devices take steps 1 and 2, and member 1's share for member 3 is
    garbled on its way (the server's copy changed): (the devices, the ceremony's page)."""
    members = [device(browser, live_server, u) for u in ("canbo", "captren", "sieu")]
    ceremony = f"/vong-bau/{round_.pk}/tao-khoa/"
    step(members, ceremony, "Bước 1: tạo khoá nhận trên máy này")
    step(members, ceremony, "Bước 2: tạo phần khoá và gửi cho các thành viên")
    post = CeremonyPost.objects.get(round=round_, member=1)
    post.shares["3"]["ciphertext"] = "00" * 32
    post.save(update_fields=["shares"])
    return members, ceremony


def test_a_bad_share_is_complained_about_and_its_sender_publishes_it(
    browser: Any, live_server: Any
) -> None:
    """Member 1's share for member 3 is garbled on its way (the server's copy changed): member
    3's device finds it does not match member 1's commitments and complains, publicly; member
    1's device publishes that share, which matches, and member 3's device goes on with it: the
    key is made without starting again."""
    _, _, round_ = phone_round()
    members, ceremony = garbled_share(browser, live_server, round_)

    step(members[1:], ceremony, "Bước 3: kiểm tra phần khoá nhận được")
    expect(members[2].locator("#ceremony-state")).to_contain_text(
        "Phần khoá nhận từ thành viên số 1"
    )
    expect(members[2].locator("#ceremony-state")).to_contain_text("đã gửi khiếu nại")
    assert CeremonyPost.objects.get(round=round_, member=3).complaints == {"1": None}
    members[2].goto(ceremony)  # public, and the member is told whom it waits for
    expect(members[2].locator("#ceremony-complaints")).to_contain_text(
        "Thành viên số 3 khiếu nại phần khoá nhận từ thành viên số 1"
    )
    expect(members[2].locator("#ceremony-state")).to_contain_text("Đang chờ thành viên số 1")
    SHOTS.mkdir(exist_ok=True)
    members[2].screenshot(path=str(SHOTS / "ceremony-complaint.png"), full_page=True)

    step(members[:1], ceremony, "Công bố phần khoá đã gửi cho thành viên khiếu nại")
    assert CeremonyPost.objects.get(round=round_, member=3).complaints["1"]
    step(members[:1], ceremony, "Bước 3: kiểm tra phần khoá nhận được")
    step(members[2:], ceremony, "Bước 3: kiểm tra phần khoá nhận được")
    expect(members[2].locator("#backup")).to_be_visible()
    round_.refresh_from_db()
    assert round_.encrypted and round_.public_key
    # the last to check made the key: its polynomial is gone at once, the others' at their
    # next visit
    assert members[2].evaluate(f"localStorage.getItem('daihoi.ceremony.{round_.pk}.3')") is None
    members[0].goto(ceremony)
    expect(members[0].locator("#ceremony-done")).to_be_visible()
    assert members[0].evaluate(f"localStorage.getItem('daihoi.ceremony.{round_.pk}.1')") is None
    for page in members:
        page.context.close()


def test_a_member_who_never_answers_a_complaint_is_left_out_and_the_others_make_the_key(
    browser: Any, live_server: Any
) -> None:
    """Member 1's share for member 3 is garbled and member 1's device never answers member 3's
    complaint: member 3 starts again without member 1, and members 2 and 3 (now 1 and 2) make
    the key, both needed to decrypt."""
    _, hall, round_ = phone_round()
    members, ceremony = garbled_share(browser, live_server, round_)
    step(members[2:], ceremony, "Bước 3: kiểm tra phần khoá nhận được")  # a complaint
    members[2].goto(ceremony)
    expect(members[2].locator("#ceremony-state")).to_contain_text("Đang chờ thành viên số 1")
    first = hall.delegates[0].full_name
    leave_out = members[2].get_by_role("button", name=f"Làm lại không có thành viên số 1 ({first})")
    SHOTS.mkdir(exist_ok=True)
    members[2].screenshot(path=str(SHOTS / "ceremony-leave-out-offer.png"), full_page=True)
    members[2].once("dialog", lambda dialog: dialog.accept())
    leave_out.click()
    expect(members[2].locator("#ceremony-excluded")).to_contain_text(
        f"{first} không giữ phần khoá của vòng này"
    )
    expect(members[2].locator("#ceremony-action")).to_have_text(
        "Bước 1: tạo khoá nhận trên máy này"
    )
    members[2].screenshot(path=str(SHOTS / "ceremony-left-out.png"), full_page=True)
    assert not CeremonyPost.objects.filter(round=round_).exists()
    step(members[1:], ceremony, "Bước 1: tạo khoá nhận trên máy này")
    step(members[1:], ceremony, "Bước 2: tạo phần khoá và gửi cho các thành viên")
    step(members[1:], ceremony, "Bước 3: kiểm tra phần khoá nhận được")
    expect(members[2].locator("#backup")).to_be_visible()
    round_.refresh_from_db()
    assert round_.encrypted and round_.key_record["threshold"] == 2
    assert [m["name"] for m in round_.key_record["members"]] == [
        d.full_name for d in hall.delegates[1:3]
    ]
    members[0].goto(ceremony)  # member 1's own page: nothing to do
    expect(members[0].locator("#ceremony-left-out")).to_be_visible()
    expect(members[0].locator("#ceremony-action")).to_have_count(0)
    for page in members:
        page.context.close()


def test_a_step_sent_after_the_session_ended_says_so_and_goes_through_once_logged_in_again(
    browser: Any, live_server: Any
) -> None:
    _, _, round_ = phone_round()
    page = device(browser, live_server, "canbo")
    page.goto(f"/vong-bau/{round_.pk}/tao-khoa/")
    page.context.clear_cookies(name="sessionid")  # the session ended while the page was open
    action = page.locator("#ceremony-action")
    action.click()
    state = page.locator("#ceremony-state")
    expect(state).to_have_text(SESSION_ENDED_POST)  # not the browser's JSON parse error
    notice = page.locator("#session-ended")  # with its login link
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Thao tác vừa rồi CHƯA được ghi")
    expect(notice).not_to_contain_text("trang tự cập nhật tiếp", use_inner_text=True)
    assert not CeremonyPost.objects.filter(round=round_).exists()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ceremony-session-ended.png"))
    again = page.context.new_page()  # logged in again in another tab: a new CSRF cookie
    again.goto("/dang-nhap/")
    again.get_by_label("Tên đăng nhập").fill("canbo")
    again.get_by_label("Mật khẩu").fill(PASSWORD)
    again.get_by_role("button", name="Đăng nhập").click()
    again.wait_for_url(re.compile(r"^(?!.*dang-nhap).*$"))
    action.click()  # the same page, not reloaded
    expect(state).not_to_have_text(SESSION_ENDED_POST)
    expect(state).not_to_have_text("Đang tính trên máy này…")
    expect(notice).to_be_hidden()
    assert [p.device_key != "" for p in CeremonyPost.objects.filter(round=round_)] == [True]
    page.context.close()
