"""An encrypted phone vote as a delegate makes it (issue 13): the phone encrypts, the server
checks the proofs and shows the tracking code, the voter finds it on the public board, and the
names crossed never leave the phone."""

from __future__ import annotations

import base64
import json
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from playwright.sync_api import expect

from daihoi.elections import encrypted, services
from daihoi.elections.crypto_group import ristretto255
from daihoi.elections.models import AuditedBallot, BoardEntry, PhoneBallot
from daihoi.elections.testing import build_hall
from daihoi.rules import ballot_crypto as bc
from daihoi.units.testing import build_world

#: The group a round is keyed in now (protocol 3).
GROUP = ristretto255()

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
    pairs = [bc.member_generate(GROUP, index=i, threshold=2, context=context) for i in (1, 2, 3)]
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
    expect(page.locator("#fingerprint")).to_have_text(re.compile(r"^[0-9a-f]{32}$"))
    shown = page.locator("#fingerprint").inner_text()
    page.locator("#confirm-cast").click()
    receipt = page.locator("#receipt")
    expect(receipt).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    # The server received the very encryption the phone committed to.
    expect(page.locator("#cast-fingerprint")).to_have_text(shown)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-encrypted-done.png"), full_page=True)
    code = receipt.inner_text()

    # What left the phone: the ciphertexts and proofs, and the proofs' commitments (which let
    # the server check the ballot as a batch), never a candidate or a crossed box.
    assert len(posted) == 1
    form = parse_qs(posted[0])
    assert set(form) == {"ballot", "commitments"}
    ids = [str(c.pk) for c in round_.candidates.order_by("pk")]
    assert "crossed" not in posted[0]
    entry = BoardEntry.objects.get(round=round_)
    assert entry.tracking == code and entry.position == 1
    # the phone's commitments are those the server's check recomputes, which the board keeps
    assert base64.b64decode(form["commitments"][0]) == bytes(entry.commitments)
    assert not PhoneBallot.objects.exists()
    # The committee's sums (two members of three) give the choice made on the screen.
    keys = {
        m: bc.combine_shares(
            GROUP, shares=[bc.share_for(GROUP, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in (1, 2, 3)
    }
    sums = bc.tally(GROUP, ballots=[bc.ballot_from_json(entry.ballot)], names=3)
    partials = [
        bc.partial_decrypt(GROUP, member=m, key_share=keys[m], sums=sums, context=context)
        for m in (2, 3)
    ]
    totals = bc.combine_decryption(GROUP, sums=sums, partials=partials, threshold=2, limit=1)
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


def test_the_voter_audits_an_encryption_which_is_not_cast_then_casts_a_fresh_one(
    browser: Any, live_server: Any
) -> None:
    # Benaloh's cast-or-audit: the phone shows the encryption's fingerprint before the voter
    # chooses; an audit reveals the nonces (checked here by the server's code, not the phone's),
    # sends nothing, and the next send encrypts anew.
    hall, round_, _, _ = _open_encrypted_round()
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
    page.get_by_text("Lò Thị Thu", exact=True).click()  # crossed: keeps Sơn and Tuyết
    page.locator("#cast").click()
    fingerprint = page.locator("#fingerprint")
    expect(fingerprint).to_have_text(re.compile(r"^[0-9a-f]{32}$"))
    expect(page.locator("#cast")).to_be_hidden()
    expect(page.get_by_text("Tao Văn Sơn", exact=True)).to_be_visible()
    assert page.locator("#ballot input[type=checkbox]").first.is_disabled()
    audited_fingerprint = fingerprint.inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-encrypted-cast-or-audit.png"), full_page=True)
    page.locator("#audit").click()
    result = page.locator("#audit-result")
    expect(result).to_be_visible()
    expect(page.locator("#audit-verdict")).to_have_text(
        "Điện thoại tự kiểm: mỗi bản mã khớp với lựa chọn và số ngẫu nhiên dưới đây."
    )
    expect(page.locator("#audit-names li")).to_have_count(3)
    page.screenshot(path=str(SHOTS / "phone-encrypted-audit.png"), full_page=True)
    data = json.loads(page.locator("#audit-data").inner_text())

    # The revealed nonces reproduce the ciphertexts with the server's code, for the choice shown.
    round_.refresh_from_db()
    crypto = encrypted.phone_crypto(round_, services.phone_sheet(round_))
    assert data["public_key"] == crypto.public_key and data["context"] == crypto.context
    ballot = bc.EncryptedBallot(
        ciphertexts=tuple(
            bc.Ciphertext(alpha=bytes.fromhex(a), beta=bytes.fromhex(b))
            for a, b in (c["ciphertext"] for c in data["choices"])
        ),
        proofs=(),
        range_proof=bc.DisjunctiveProof(challenges=(), responses=()),
    )
    kept = {c["name"]: c["kept"] for c in data["choices"]}
    assert kept == {"Lò Thị Thu": False, "Tao Văn Sơn": True, "Nguyễn Thị Ánh Tuyết": True}
    assert bc.audit_matches(
        GROUP,
        public_key=bytes.fromhex(data["public_key"]),
        ballot=ballot,
        nonces=[int(c["nonce"], 16) for c in data["choices"]],
        kept=[c["kept"] for c in data["choices"]],
    )
    assert bc.ballot_fingerprint(ballot) == data["fingerprint"] == audited_fingerprint
    # Nothing was sent; the audited encryption is gone.
    assert posted == [] and not BoardEntry.objects.filter(round=round_).exists()
    # The voter publishes the audit: listed on the board without their name, checked there.
    page.locator("#audit-publish").click()
    expect(page.locator("#audit-published")).to_contain_text("Đã công bố bản mã đã kiểm tra")
    published = AuditedBallot.objects.get(round=round_)
    assert published.fingerprint == audited_fingerprint and len(posted) == 1
    assert json.loads(posted[0])["nonces"] == [c["nonce"] for c in data["choices"]]
    page.screenshot(path=str(SHOTS / "phone-encrypted-audit-published.png"), full_page=True)

    page.locator("#cast").click()
    expect(fingerprint).not_to_have_text(audited_fingerprint)
    page.locator("#confirm-cast").click()
    expect(page.locator("#receipt")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    assert len(posted) == 2 and "nonce" not in posted[1]
    entry = BoardEntry.objects.get(round=round_)
    # the commitments sent are the fresh encryption's, not the audited one's
    sent = base64.b64decode(parse_qs(posted[1])["commitments"][0])
    assert sent == bytes(entry.commitments)
    audited = {c["ciphertext"][0] for c in data["choices"]}
    assert not audited & {a for a, _ in entry.ballot["ciphertexts"]}
    browser_context.close()
