"""An encrypted phone vote as a delegate makes it (issue 13): the phone encrypts, the server
checks the proofs and shows the tracking code, the voter finds it on the public board, and the
names crossed never leave the phone."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from playwright.sync_api import expect

from daihoi.elections import encrypted, services
from daihoi.elections.crypto_group import ED25519
from daihoi.elections.models import BoardEntry, PhoneBallot
from daihoi.elections.testing import build_hall
from daihoi.rules import ballot_crypto as bc
from daihoi.units.testing import build_world

PHONE = {"width": 375, "height": 740}
SHOTS = Path(tempfile.gettempdir()) / "daihoi-screenshots"
NAMES = ("Lò Thị Thu", "Tao Văn Sơn", "Nguyễn Thị Ánh Tuyết")


def _open_encrypted_round() -> tuple[Any, Any, list[Any], Any]:
    """A phone round of three names for two seats, its key set by a committee of three."""
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
    context = encrypted.round_context(round_)
    pairs = [bc.member_generate(ED25519, index=i, threshold=2, context=context) for i in (1, 2, 3)]
    encrypted.set_round_key(round_=round_, commitments=[c for _, c in pairs], threshold=2)
    services.open_round(round_=round_, user=w.officer)
    return hall, round_, pairs, context


def test_the_ballot_cannot_be_sent_before_the_phone_can_encrypt_it(
    browser: Any, live_server: Any
) -> None:
    # CI's slower browser once sent the form before the encrypting script had loaded: the
    # ballot left without ciphertexts and was refused. The button waits for the script.
    hall, round_, _, _ = _open_encrypted_round()
    browser_context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = browser_context.new_page()
    page.route("**/ballot-crypto.js", lambda route: route.abort())
    page.goto(f"/bo-phieu/#{services.issue_voting_pass(delegate=hall.delegates[0])}")
    page.get_by_role("link", name="Bỏ phiếu").click()
    page.get_by_text("Tao Văn Sơn", exact=True).click()
    expect(page.locator("#ballot-state")).to_have_text("Bạn bầu 2 người.")
    expect(page.locator("#cast")).to_be_disabled()
    assert not BoardEntry.objects.filter(round=round_).exists()
    browser_context.close()


def test_a_delegate_votes_encrypted_and_finds_the_tracking_code_on_the_board(
    browser: Any, live_server: Any
) -> None:
    hall, round_, pairs, context = _open_encrypted_round()
    browser_context = browser.new_context(locale="vi-VN", base_url=live_server.url, viewport=PHONE)
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    posted: list[str] = []
    page.on(
        "request",
        lambda r: (
            posted.append(r.post_data or "") if r.method == "POST" and "/vong/" in r.url else None
        ),
    )
    page.goto(f"/bo-phieu/#{services.issue_voting_pass(delegate=hall.delegates[0])}")
    page.get_by_role("link", name="Bỏ phiếu").click()
    expect(page.locator("#encrypted-hint")).to_be_visible()
    page.get_by_text("Tao Văn Sơn", exact=True).click()  # crossed: keeps Thu and Tuyết
    page.locator("#cast").click()
    receipt = page.locator("#receipt")
    expect(receipt).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-encrypted-done.png"), full_page=True)
    code = receipt.inner_text()

    # What left the phone: the ciphertexts and proofs, never a candidate or a crossed box.
    assert len(posted) == 1
    form = parse_qs(posted[0])
    assert set(form) == {"ballot"}
    ids = [str(c.pk) for c in round_.candidates.order_by("pk")]
    assert "crossed" not in posted[0]
    entry = BoardEntry.objects.get(round=round_)
    assert entry.tracking == code and entry.position == 1
    assert not PhoneBallot.objects.exists()
    # The committee's sums (two members of three) give the choice made on the screen.
    keys = {
        m: bc.combine_shares(
            ED25519, shares=[bc.share_for(ED25519, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in (1, 2, 3)
    }
    sums = bc.tally(ED25519, ballots=[bc.ballot_from_json(entry.ballot)], names=3)
    partials = [
        bc.partial_decrypt(ED25519, member=m, key_share=keys[m], sums=sums, context=context)
        for m in (2, 3)
    ]
    totals = bc.combine_decryption(ED25519, sums=sums, partials=partials, threshold=2, limit=1)
    order = services.phone_sheet(round_).ids
    by_name = {str(c.pk): c.full_name for c in round_.candidates.all()}
    assert {by_name[cid] for cid, t in zip(order, totals, strict=True) if t} == {
        "Lò Thị Thu",
        "Nguyễn Thị Ánh Tuyết",
    }
    assert sorted(ids) == sorted(order)

    page.locator("#board-link").click()
    expect(page.locator("#board-ok")).to_be_visible()
    expect(page.locator("#mine")).to_have_text(code)
    expect(page.locator("#found")).to_be_visible()
    page.screenshot(path=str(SHOTS / "phone-encrypted-board.png"), full_page=True)
    browser_context.close()
