"""A second, independent verifier of the encrypted record (tests/rules/second_verifier/),
written from docs/ballot-crypto.md, RFC 8032 and RFC 9496 in pure Python: its curve arithmetic
against the RFCs' vectors, its verdict on every vector record, and its agreement with
``daihoi verify-election`` on each.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from second_verifier import ed25519 as ed
from second_verifier import ristretto255 as rs
from second_verifier.record import (
    UnreadableRecord,
    bit_offsets,
    check_record,
    fingerprint,
    range_in_bits,
)

from daihoi import cli

VECTORS = Path(__file__).parent / "vectors"
GOOD = [VECTORS / "encrypted-record.json", VECTORS / "ristretto-record.json"]
TAMPERED = sorted([*VECTORS.glob("tampered-*.json"), *VECTORS.glob("ristretto-tampered-*.json")])
UNREADABLE = {"tampered-format.json"}


@functools.cache
def verdict(path: Path) -> list[str] | None:
    """The second verifier's problems with a record file, None when it cannot read it."""
    try:
        return check_record(json.loads(path.read_text(encoding="utf-8")))
    except UnreadableRecord:
        return None


# --- edwards25519 (RFC 8032) --------------------------------------------------------------------

#: RFC 8032 7.1, tests 1 to 3: (secret key, public key).
RFC8032_KEYS = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    ),
]


def test_the_base_point_is_rfc_8032s_and_of_prime_order() -> None:
    """B encodes as 0x58 0x66...; it is on the curve, L*B is the identity, 8*B is not."""
    assert ed.encode(ed.BASE).hex() == "58" + "66" * 31
    assert ed.on_curve(ed.BASE) and ed.in_prime_subgroup(ed.BASE)
    assert not ed.has_small_order(ed.BASE)
    assert ed.is_element(ed.encode(ed.BASE)) is not None


@pytest.mark.parametrize(("secret", "public"), RFC8032_KEYS)
def test_rfc_8032_public_keys_are_the_clamped_secret_times_b(secret: str, public: str) -> None:
    """A = s*B with s the clamped first half of SHA-512(seed); A decodes back to itself."""
    h = bytearray(hashlib.sha512(bytes.fromhex(secret)).digest()[:32])
    h[0] &= 248
    h[31] &= 127
    h[31] |= 64
    point = ed.multiply(int.from_bytes(h, "little"), ed.BASE)
    assert ed.encode(point).hex() == public
    decoded = ed.decode(bytes.fromhex(public))
    assert decoded is not None and ed.equal(decoded, point) and ed.on_curve(decoded)
    assert ed.is_element(bytes.fromhex(public)) is not None


def test_addition_doubling_and_multiplication_agree() -> None:
    """(a+b)B = aB + bB, 2P = P + P, (L-1)B = -B, 0*P = identity."""
    a, b = 123456789123456789, 987654321987654321
    assert ed.equal(
        ed.multiply(a + b, ed.BASE),
        ed.add(ed.multiply(a, ed.BASE), ed.multiply(b, ed.BASE)),
    )
    p = ed.multiply(a, ed.BASE)
    assert ed.equal(ed.double(p), ed.add(p, p)) and ed.on_curve(ed.double(p))
    assert ed.equal(ed.multiply(ed.L - 1, ed.BASE), ed.neg(ed.BASE))
    assert ed.is_identity(ed.multiply(0, p)) and ed.is_identity(ed.sub(p, p))


#: Encodings decode() must refuse: not 32 bytes, y >= p, no x for y, x = 0 with the sign set.
NOT_POINTS = {
    "y = p": "ed" + "ff" * 30 + "7f",
    "y = p + 1": "ee" + "ff" * 30 + "7f",
    "y = 2^255 - 1": "ff" * 31 + "7f",
    "y = 1 and sign 1 (x = 0)": "01" + "00" * 30 + "80",
    "y = -1 and sign 1 (x = 0)": "ec" + "ff" * 30 + "ff",
    "y = 2, off the curve": "02" + "00" * 31,
    "y = 7, off the curve": "07" + "00" * 31,
    "31 bytes": "58" + "66" * 30,
    "33 bytes": "58" + "66" * 32,
}


@pytest.mark.parametrize("name", sorted(NOT_POINTS))
def test_non_canonical_and_off_curve_encodings_are_refused(name: str) -> None:
    """decode() refuses each of them, so is_element() does too."""
    data = bytes.fromhex(NOT_POINTS[name])
    assert ed.decode(data) is None
    assert ed.is_element(data) is None


#: Points on the curve that the protocol must refuse: small order, or with a torsion part.
TORSION = {
    "identity": "01" + "00" * 31,
    "order 2 (0, -1)": "ec" + "ff" * 30 + "7f",
    "order 4 (y = 0)": "00" * 32,
    "order 4 (y = 0, sign 1)": "00" * 31 + "80",
    "order 8": "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "order 8, other": "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "B + a point of order 8": "da99e28ba529cdde35a25fba9059e78ecaee239f99755b9b1aa4f65df00803e2",
}


@pytest.mark.parametrize("name", sorted(TORSION))
def test_small_order_and_mixed_order_points_decode_but_are_not_elements(name: str) -> None:
    """They are on the curve, yet not in the prime-order subgroup or of small order."""
    data = bytes.fromhex(TORSION[name])
    point = ed.decode(data)
    assert point is not None and ed.on_curve(point) and ed.encode(point) == data
    assert ed.has_small_order(point) or not ed.in_prime_subgroup(point)
    assert ed.is_element(data) is None


# --- ristretto255 (RFC 9496) --------------------------------------------------------------------

#: RFC 9496 A.1: the encodings of 0*B .. 15*B.
RISTRETTO_MULTIPLES = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
    "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
    "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
    "da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57",
    "e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e",
    "f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403",
    "44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d",
    "903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c",
    "02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031",
    "20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f",
    "bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42",
    "e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460",
    "aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f",
    "46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e",
    "e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e",
]

#: RFC 9496 A.2: encodings every decoder must refuse.
RISTRETTO_INVALID = {
    "non-canonical field encoding": [
        "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ],
    "negative field element": [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
        "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
        "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
        "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
        "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
        "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
    ],
    "non-square x^2": [
        "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
        "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
        "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
        "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
        "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
        "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
        "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
        "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
    ],
    "negative xy": [
        "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
        "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
        "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
        "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
        "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
        "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
        "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
        "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
    ],
    "s = -1, so y = 0": [
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ],
}


def test_ristretto_multiples_of_the_generator_are_rfc_9496s() -> None:
    """k*B encodes as RFC 9496 A.1 says for k = 0..15, and each encoding decodes to k*B."""
    point = rs.IDENTITY
    for k, expected in enumerate(RISTRETTO_MULTIPLES):
        assert rs.encode(point).hex() == expected, k
        assert rs.encode(rs.multiply(k, rs.BASE)).hex() == expected, k
        decoded = rs.decode(bytes.fromhex(expected))
        assert decoded is not None and rs.equal(decoded, point), k
        point = rs.add(point, rs.BASE)


def test_ristretto_encoding_is_canonical_over_the_coset() -> None:
    """B plus any point of order 4 or 2 is the same element, with the same encoding, and
    L*B is the identity."""
    torsion = ed.decode(bytes.fromhex("00" * 32))  # order 4
    assert torsion is not None
    shifted = ed.add(rs.BASE, torsion)
    assert rs.equal(shifted, rs.BASE)
    assert rs.encode(shifted) == rs.encode(rs.BASE) == bytes.fromhex(RISTRETTO_MULTIPLES[1])
    assert rs.is_identity(rs.multiply(rs.L, rs.BASE))


@pytest.mark.parametrize(
    ("reason", "encoding"),
    [(reason, e) for reason, encodings in RISTRETTO_INVALID.items() for e in encodings],
)
def test_rfc_9496_invalid_encodings_are_refused(reason: str, encoding: str) -> None:
    """Each of A.2's encodings is refused by decode() and so by is_element()."""
    assert rs.decode(bytes.fromhex(encoding)) is None, reason
    assert rs.is_element(bytes.fromhex(encoding)) is None, reason


def test_the_ristretto_identity_decodes_but_is_never_accepted_from_others() -> None:
    """32 zero bytes are the identity, a valid encoding that is_element() refuses."""
    zero = bytes(32)
    point = rs.decode(zero)
    assert point is not None and rs.is_identity(point)
    assert rs.is_element(zero) is None
    assert rs.is_element(bytes.fromhex(RISTRETTO_MULTIPLES[2])) is not None
    assert rs.decode(zero[:31]) is None


# --- The record ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_the_good_vector_records_have_no_problem(path: Path) -> None:
    """Every check 1-8 holds on the published vector record."""
    assert verdict(path) == []


def test_every_tampered_vector_has_a_problem_or_is_unreadable() -> None:
    """One tampered copy per kind of fault: each gives at least one problem, the format's
    is refused as unreadable."""
    assert len(TAMPERED) >= 14
    for path in TAMPERED:
        problems = verdict(path)
        if path.name in UNREADABLE:
            assert problems is None, path.name
            with pytest.raises(UnreadableRecord):
                check_record(json.loads(path.read_text(encoding="utf-8")))
        else:
            assert problems, path.name


def test_each_tampered_vector_is_refused_by_the_check_it_breaks() -> None:
    """The problem names the fault: a member, a ballot by position, the chain, a partial."""
    expected = {
        "tampered-member-proof.json": "member 2:",
        "tampered-public-key.json": "public key",
        "tampered-ballot-proof.json": "ballot 3 ",
        "tampered-names-swapped.json": "ballot 2 ",
        "tampered-ballot-dropped.json": "final hash",
        "tampered-tracking-code.json": "board entry 1:",
        "tampered-final-hash.json": "final hash",
        "tampered-partial.json": "partial of member 3",
        "tampered-totals.json": "totals",
        "tampered-name-counted-twice.json": "ballot 5 ",
        "tampered-too-many-kept.json": "ballot 5 ",
        "ristretto-tampered-bit.json": "ballot 2 ",
        "ristretto-tampered-too-many-kept.json": "ballot 4 ",
    }
    for name, fragment in expected.items():
        problems = verdict(VECTORS / name)
        assert problems is not None and any(fragment in p for p in problems), (name, problems)


GROUPS = {"ed25519": (GOOD[0], ed.encode), "ristretto255": (GOOD[1], rs.encode)}


def _with_audits(group: str, kept: list[list[bool]], nonces: list[list[int]]) -> dict[str, Any]:
    """A vector record (the ed25519 one made /2) with the given audits, encrypted here:
    (g^r, g^m K^r)."""
    path, encode = GROUPS[group]
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    key = (ed.decode if group == "ed25519" else rs.decode)(bytes.fromhex(record["public_key"]))
    assert key is not None
    if group == "ed25519":
        record["format"] = "daihoi.encrypted-record/2"
    names = len(record["candidates"])
    record["audited"] = []
    for position, (pattern, seeds) in enumerate(zip(kept, nonces, strict=True), start=1):
        # the patterns repeated over every name; a distinct nonce per name
        choice = [pattern[i % len(pattern)] for i in range(names)]
        rs_ = [seeds[i % len(seeds)] + 1000 * i for i in range(names)]
        cts = [
            [
                encode(ed.multiply(r, ed.BASE)),
                encode(ed.add(ed.multiply(int(m), ed.BASE), ed.multiply(r, key))),
            ]
            for m, r in zip(choice, rs_, strict=True)
        ]
        record["audited"].append(
            {
                "position": position,
                "fingerprint": fingerprint(cts),
                "audit": {
                    "ciphertexts": [[a.hex(), b.hex()] for a, b in cts],
                    "kept": choice,
                    "nonces": [format(r, "x") for r in rs_],
                },
            }
        )
    return record


AUDITS = ([[True, False, True], [False, True, False]], [[11, 22, 33], [2**250 + 7, 5, 2**200]])


def _bad_audits(group: str) -> dict[str, dict[str, Any]]:
    good = _with_audits(group, *AUDITS)
    changed = copy.deepcopy(good)
    changed["audited"][1]["audit"]["kept"][1] = False
    fingerprinted = copy.deepcopy(good)
    fingerprinted["audited"][0]["fingerprint"] = "00" * 16
    nonce = copy.deepcopy(good)
    nonce["audited"][0]["audit"]["nonces"][2] = format(34, "x")
    return {"choice changed": changed, "fingerprint": fingerprinted, "nonce": nonce}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_published_audits_are_checked(group: str) -> None:
    """Check 8 (/2 and /3): audits that are Enc(kept; nonce) with their fingerprint hold; a
    changed choice, fingerprint or nonce names the audit; a record without `audited` is
    unreadable."""
    assert check_record(_with_audits(group, *AUDITS)) == []
    assert check_record(_with_audits(group, [], [])) == []
    for name, record in _bad_audits(group).items():
        problems = check_record(record)
        assert problems and all(p.startswith("audit ") for p in problems), name
    no_audits = _with_audits(group, [], [])
    del no_audits["audited"]
    with pytest.raises(UnreadableRecord):
        check_record(no_audits)


def test_protocol_3_chooses_the_range_proof_form_from_the_bounds() -> None:
    """docs' examples: 1..7 keeps the branches; 1..22 is 2 offsets of 5 bits; 1..161 is 2 of
    8 bits; w = 2^k - 1 has one offset."""
    assert not range_in_bits(1, 7)
    assert range_in_bits(1, 22) and bit_offsets(1, 22) == (5, [1, -9])
    assert range_in_bits(1, 161) and bit_offsets(1, 161) == (8, [1, -94])
    assert bit_offsets(3, 18) == (4, [3])


def _production(path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    status = cli.main(["verify-election", str(path), "--jobs", "1"])
    capsys.readouterr()
    return status


def _expected_status(problems: list[str] | None) -> int:
    if problems is None:
        return cli.EXIT_BAD_INPUT
    return cli.EXIT_FAILURE if problems else cli.EXIT_OK


@pytest.mark.parametrize("path", [*GOOD, *TAMPERED], ids=lambda p: p.name)
def test_both_verifiers_agree_on_every_vector(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """daihoi verify-election exits 0, 1 or 2 exactly when this verifier finds no problem,
    some problem, or cannot read the file."""
    assert _production(path, capsys) == _expected_status(verdict(path))


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_both_verifiers_agree_on_audited_records(
    group: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same on records /2 and /3 made here: good audits pass both, each bad one fails
    both."""
    records = {"good": _with_audits(group, *AUDITS), **_bad_audits(group)}
    for name, record in records.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        expected = cli.EXIT_OK if name == "good" else cli.EXIT_FAILURE
        assert _production(path, capsys) == expected == _expected_status(verdict(path)), name


def test_an_identity_bit_is_refused_by_both_verifiers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bit of a /3 range proof replaced by the identity (a valid ristretto encoding, never
    accepted from others) makes its ballot fail, and only its ballot: the bits are not in the
    tracking code."""
    record = json.loads(GOOD[1].read_text(encoding="utf-8"))
    record["board"][0]["ballot"]["range_proof"]["bits"][0][1][0] = "00" * 32
    problems = check_record(record)
    assert len(problems) == 1 and problems[0].startswith("ballot 1 ")
    path = tmp_path / "identity-bit.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert _production(path, capsys) == cli.EXIT_FAILURE


def test_both_verifiers_check_the_ceremony_s_complaints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A /3 record's answered complaint holds when the share published is the accused's for
    the complaining member (its commitments say so); a share one off, or a complaint of a
    member against itself, fails both verifiers; an unanswered one fails neither."""
    from test_election_record import build_record

    from daihoi.elections.crypto_group import ristretto255

    votes = [[True, False, True], [False, True, False]]
    cases = {
        "answered": (build_record(ristretto255(), votes, complaint=(3, 1, 0)), True),
        "one off": (build_record(ristretto255(), votes, complaint=(3, 1, 1)), False),
        "itself": (build_record(ristretto255(), votes, complaint=(2, 2, 0)), False),
    }
    unanswered = build_record(ristretto255(), votes, complaint=(3, 1, 0))
    unanswered["complaints"][0]["share"] = None
    cases["unanswered"] = (unanswered, True)
    for name, (record, holds) in cases.items():
        problems = check_record(record)
        assert (problems == []) is holds, (name, problems)
        assert all(p.startswith("complaint of member") for p in problems), name
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        assert _production(path, capsys) == _expected_status(problems), name


def test_both_verifiers_refuse_a_scalar_of_more_than_64_hex_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scalar is at most 64 hex digits in both readers: an answered complaint's share or a
    ballot's challenge written with zeros in front, 65 digits, and neither reads the record."""
    from test_election_record import build_record

    from daihoi.elections.crypto_group import ristretto255

    record = build_record(ristretto255(), [[True, False, True]], complaint=(3, 1, 0))
    share = copy.deepcopy(record)
    share["complaints"][0]["share"] = share["complaints"][0]["share"].rjust(65, "0")
    challenge = copy.deepcopy(record)
    proof = challenge["board"][0]["ballot"]["proofs"][0]
    proof["challenges"][0] = proof["challenges"][0].rjust(65, "0")
    for name, tampered in (("share", share), ("challenge", challenge)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(tampered), encoding="utf-8")
        assert verdict(path) is None, name
        assert _production(path, capsys) == cli.EXIT_BAD_INPUT, name
