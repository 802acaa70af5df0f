"""The phone's encryption (static/js/ballot-crypto.js, @noble/curves) run in headless chromium
and checked by the server's Python verifier (daihoi.rules.ballot_crypto on PyNaCl): the two
implementations agree byte for byte (issue 13)."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest

from daihoi.elections.crypto_group import group_named
from daihoi.rules import ballot_crypto as bc

#: The group and protocol of a round keyed now, and of one keyed before protocol 3.
KEYINGS = pytest.mark.parametrize(
    ("group", "protocol"),
    [(group_named("ristretto255"), bc.PROTOCOL_3), (group_named("ed25519"), bc.PROTOCOL)],
    ids=["ristretto255", "ed25519"],
)

STATIC = Path(__file__).resolve().parents[2] / "src" / "daihoi" / "static"
ORIGIN = "http://daihoi.test"
CONTEXT = ["round", 42]
SMALL_ORDER_8 = "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"


def serve_static(page) -> None:
    """Serve src/daihoi/static at ORIGIN/static/ (ES modules need an http origin)."""

    def handle(route) -> None:
        path = route.request.url.removeprefix(ORIGIN)
        if path == "/":
            route.fulfill(body="<!doctype html><title>ballot</title>", content_type="text/html")
            return
        file = (STATIC / path.removeprefix("/static/")).resolve()
        if not path.startswith("/static/") or STATIC not in file.parents or not file.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(body=file.read_bytes(), content_type="text/javascript")

    page.route(f"{ORIGIN}/**", handle)
    page.goto(f"{ORIGIN}/")


@pytest.fixture
def phone(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    serve_static(page)
    yield page
    context.close()


def _js(page, body: str, arg: object = None, *, group: bc.Group) -> object:
    """Run ``body`` with the module as ``m``, in ``group`` (as each page says its round's)."""
    return page.evaluate(
        "async ([arg, group]) => { const m = await import('/static/js/ballot-crypto.js'); "
        f"m.useGroup(group); {body} }}",
        [arg, group.name],
    )


def _ceremony(group: bc.Group, n: int, k: int):
    pairs = [
        bc.member_generate(group, index=i, threshold=k, context=CONTEXT) for i in range(1, n + 1)
    ]
    commitments = [c for _, c in pairs]
    keys = {
        m: bc.combine_shares(
            group, shares=[bc.share_for(group, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in range(1, n + 1)
    }
    return commitments, keys, bc.joint_public_key(group, commitments=commitments)


@KEYINGS
def test_the_encoding_and_challenges_of_the_phone_equal_the_servers(phone, group, protocol):
    items = [258, "Nguyễn Thị Ạ", b"\x00\xff", [0, [CONTEXT, "name", 3]], 2**300]
    js = _js(
        phone,
        "const items = [258n, 'Nguyễn Thị Ạ', new Uint8Array([0, 255]), "
        "[0, [['round', 42], 'name', 3]], 2n ** 300n];"
        "return [m.toHex(m.encodeItems('d', ...items)), m.hashToQ('one-of', ...items).toString()];",
        group=group,
    )
    assert js == [
        bc.encode_items("d", *items).hex(),
        str(bc.hash_to_q(group, "one-of", *items)),
    ]


@KEYINGS
def test_a_ballot_encrypted_on_the_phone_verifies_on_the_server_and_counts_right(
    phone, group, protocol
):
    commitments, keys, K = _ceremony(group, 3, 2)
    votes = [
        [True, False, True, False, False],
        [False, False, False, True, True],
        [True, True, True, False, False],
    ]
    ballots = []
    for kept in votes:
        data = _js(
            phone,
            "return m.encryptBallot(arg);",
            {
                "publicKey": K.hex(),
                "kept": kept,
                "minimum": 1,
                "maximum": 3,
                "context": CONTEXT,
                "protocol": protocol,
            },
            group=group,
        )
        ballot = bc.ballot_from_json(data)
        assert bc.verify_ballot(
            group,
            public_key=K,
            ballot=ballot,
            names=5,
            minimum=1,
            maximum=3,
            context=CONTEXT,
            protocol=protocol,
        )
        # Bound to the round, the bounds and the key: elsewhere it is refused.
        assert not bc.verify_ballot(
            group, public_key=K, ballot=ballot, names=5, minimum=1, maximum=3, context=["x"]
        )
        assert not bc.verify_ballot(
            group, public_key=K, ballot=ballot, names=5, minimum=0, maximum=3, context=CONTEXT
        )
        ballots.append(ballot)
    flipped = bc.Ciphertext(
        alpha=ballots[0].ciphertexts[1].alpha,
        beta=group.mul(ballots[0].ciphertexts[1].beta, group.generator),
    )
    altered = dataclasses.replace(
        ballots[0], ciphertexts=(ballots[0].ciphertexts[0], flipped, *ballots[0].ciphertexts[2:])
    )
    assert not bc.verify_ballot(
        group, public_key=K, ballot=altered, names=5, minimum=1, maximum=3, context=CONTEXT
    )
    sums = bc.tally(group, ballots=ballots, names=5)
    partials = [
        bc.partial_decrypt(group, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in (2, 3)
    ]
    for pd in partials:
        vk = bc.verification_key(group, member=pd.member, commitments=commitments)
        assert bc.verify_partial(group, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    assert bc.combine_decryption(group, sums=sums, partials=partials, threshold=2, limit=3) == (
        2,
        1,
        2,
        1,
        1,
    )


#: Keys each group refuses: a small-order point and edwards25519's identity (y = 1); for
#: ristretto255 its identity and RFC 9496 A.2's non-canonical and negative field elements.
BAD_KEYS = {
    "ed25519": [SMALL_ORDER_8, "01" + "00" * 31],
    "ristretto255": ["00" * 32, "01" + "00" * 31, "ed" + "ff" * 30 + "7f"],
}


@KEYINGS
def test_the_phone_refuses_a_bad_public_key_and_a_ballot_out_of_bounds(phone, group, protocol):
    _, _, K = _ceremony(group, 1, 1)
    for bad in [*BAD_KEYS[group.name], "ab", group.generator.hex()[:-2] + "ff"]:
        assert not group.is_element(bytes.fromhex(bad) if len(bad) == 64 else b"")
        message = _js(
            phone,
            "try { m.encryptBallot(arg); return 'accepted'; } catch (e) { return e.message; }",
            {"publicKey": bad, "kept": [True, False], "minimum": 1, "maximum": 1, "context": []},
            group=group,
        )
        assert message == bc.ERROR_NOT_IN_GROUP
    message = _js(
        phone,
        "try { m.encryptBallot(arg); return 'accepted'; } catch (e) { return e.message; }",
        {"publicKey": K.hex(), "kept": [True, True], "minimum": 1, "maximum": 1, "context": []},
        group=group,
    )
    assert message == "Số tên giữ lại ngoài giới hạn cho phép."


def test_a_long_list_s_count_is_proven_by_its_bits_on_the_phone_as_on_the_server(phone):
    """Protocol 3, 40 names and 33 seats: the phone proves the count kept by its bits (two
    offsets of 6 bits); the server's check takes it, and refuses it with one bit changed."""
    group = group_named("ristretto255")
    _, _, K = _ceremony(group, 1, 1)
    kept = [i % 4 != 0 for i in range(40)]  # 30 kept
    data = _js(
        phone,
        "return m.encryptBallot(arg);",
        {
            "publicKey": K.hex(),
            "kept": kept,
            "minimum": 1,
            "maximum": 33,
            "context": CONTEXT,
            "protocol": bc.PROTOCOL_3,
        },
        group=group,
    )
    assert [len(bits) for bits in data["range_proof"]["bits"]] == [6, 6]
    check = dict(
        public_key=K, names=40, minimum=1, maximum=33, context=CONTEXT, protocol=bc.PROTOCOL_3
    )
    assert bc.verify_ballot(group, ballot=bc.ballot_from_json(data), **check)
    data["range_proof"]["bits"][1][5][1] = group.generator.hex()  # a bit replaced
    assert not bc.verify_ballot(group, ballot=bc.ballot_from_json(data), **check)


@KEYINGS
@pytest.mark.parametrize(("names", "seats"), [(9, 5), (40, 33)], ids=["9 names", "40 names"])
def test_the_commitments_the_phone_sends_are_those_the_servers_check_recomputes(
    phone, group, protocol, names, seats
):
    """Sent beside the ballot, they let the server check it as a batch of one: the phone's are
    the server's byte for byte and in its order, one proof's branches after another, the range
    proof's last (its bits' at 40 names on protocol 3)."""
    _, _, K = _ceremony(group, 1, 1)
    made = _js(
        phone,
        "return m.encryptBallotForAudit(arg);",
        {
            "publicKey": K.hex(),
            "kept": [i % 3 == 0 for i in range(names)],
            "minimum": 1,
            "maximum": seats,
            "context": CONTEXT,
            "protocol": protocol,
        },
        group=group,
    )
    check = dict(
        public_key=K, names=names, minimum=1, maximum=seats, context=CONTEXT, protocol=protocol
    )
    ballot = bc.ballot_from_json(made["ballot"])
    expected = bc.checked_commitments(group, ballot=ballot, **check)
    assert expected is not None
    assert base64.b64decode(made["commitments"]) == expected
    assert bc.checked_commitments(group, ballot=ballot, sent=expected, **check) == expected
