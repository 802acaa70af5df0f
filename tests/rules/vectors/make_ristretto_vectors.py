"""Make protocol 3's test vectors (tests/rules/test_encrypted_vectors.py reads them).

Run once: .venv/bin/python tests/rules/vectors/make_ristretto_vectors.py
Committed and never remade by the tests (as make_encrypted_vectors.py's).

ristretto-record.json: a closed and counted round in protocol 3 (``daihoi.encrypted-record/3``,
ristretto255), a 2-of-3 committee key, 24 names and 22 seats (1 to 22 names kept: the range
proofs take the bits' form, two offsets of 5 bits), 4 phone ballots, members 2 and 3 decrypting.
ristretto-tampered-bit.json: that record with one response of ballot 2's bit proofs changed.
ristretto-tampered-too-many-kept.json: a whole record whose ballot 4 keeps 23 names, its bits
forged (the highest bit of the second offset holds 2, its proof one of 0 or 2): chained, summed
and decrypted like the others, so only its proofs betray it.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

from daihoi.elections.crypto_group import ristretto255  # noqa: E402
from daihoi.rules import ballot_crypto as bc  # noqa: E402
from daihoi.rules.election_record import RECORD_FORMAT  # noqa: E402

G = ristretto255()
HERE = Path(__file__).parent
CONTEXT: list[Any] = ["daihoi/round", 43, 8, 5, 2]
DECRYPTION: list[Any] = [*CONTEXT, "decryption"]
NAMES = [f"Ủy viên {i:02d}" for i in range(1, 25)]
MINIMUM, MAXIMUM = 1, 22
VOTES = [
    [i % 2 == 0 for i in range(24)],  # 12 kept
    [i < 22 for i in range(24)],  # 22 kept
    [i == 5 for i in range(24)],  # 1 kept
    [i % 3 != 0 for i in range(24)],  # 16 kept
]
TOO_MANY = [i != 7 for i in range(24)]  # 23 kept


def _ballot(public: bytes, kept: list[bool]) -> bc.EncryptedBallot:
    return bc.encrypt_ballot(
        G,
        public_key=public,
        kept=kept,
        minimum=MINIMUM,
        maximum=MAXIMUM,
        context=CONTEXT,
        protocol=bc.PROTOCOL_3,
    )


def _forged(public: bytes, kept: list[bool]) -> bc.EncryptedBallot:
    """23 kept: honest 0-or-1 proofs per name, the bits of 23 - 1 honest, the bits of
    23 + 9 = 32 forged as 0, 0, 0, 0, 2 (their product is the sum, the last proof is not of 0
    or 1)."""
    honest = bc.encrypt_ballot(
        G, public_key=public, kept=kept, minimum=1, maximum=23, context=CONTEXT
    )
    total = bc.multiply(G, honest.ciphertexts)
    # the nonces are not kept by encrypt_ballot: re-encrypt the names with known nonces
    cts, proofs, nonce = [], [], 0
    for position, k in enumerate(kept):
        ct, r = bc.encrypt(G, public_key=public, message=int(k))
        nonce += r
        cts.append(ct)
        proofs.append(
            bc.prove_one_of(
                G,
                public_key=public,
                ct=ct,
                nonce=r,
                value=int(k),
                values=(0, 1),
                context=bc.name_context(CONTEXT, position),
            )
        )
    total = bc.multiply(G, cts)
    nonce %= G.order
    first = bc.prove_bits(
        G,
        public_key=public,
        total=total,
        count=23,
        nonce=nonce,
        minimum=1,
        maximum=32,  # the same offset 1 and 5 bits
        context=bc.sum_context(CONTEXT),
    )
    k = bc.bit_width(minimum=MINIMUM, maximum=MAXIMUM)
    values = [0, 0, 0, 0, 2]
    nonces = [0] + [bc.random_exponent(G) for _ in range(1, k)]
    nonces[0] = (nonce - sum(2**i * r for i, r in enumerate(nonces))) % G.order
    bits, bit_proofs = [], []
    for i, (value, r) in enumerate(zip(values, nonces, strict=True)):
        ct, _ = bc.encrypt(G, public_key=public, message=value, nonce=r)
        bits.append(ct)
        allowed = (0, 2) if value == 2 else (0, 1)
        bit_proofs.append(
            bc.prove_one_of(
                G,
                public_key=public,
                ct=ct,
                nonce=r,
                value=value,
                values=allowed,
                context=bc.bit_context(bc.sum_context(CONTEXT), 1, i),
            )
        )
    offsets = bc.bit_offsets(minimum=MINIMUM, maximum=MAXIMUM)
    assert offsets == (1, -9), offsets
    shifted = bc.Ciphertext(alpha=total.alpha, beta=G.mul(total.beta, G.base_power(9)))
    weighted = bc.multiply(G, [])
    for ct in reversed(bits):
        weighted = bc.Ciphertext(
            alpha=G.mul(G.mul(weighted.alpha, weighted.alpha), ct.alpha),
            beta=G.mul(G.mul(weighted.beta, weighted.beta), ct.beta),
        )
    assert weighted == shifted  # the forged bits recompose the sum: only the proof fails
    range_proof = bc.BitRangeProof(
        bits=(first.bits[0], tuple(bits)), proofs=(first.proofs[0], tuple(bit_proofs))
    )
    return bc.EncryptedBallot(ciphertexts=tuple(cts), proofs=tuple(proofs), range_proof=range_proof)


def _record(public: bytes, pairs: Any, ballots: list[bc.EncryptedBallot], votes: Any) -> Any:
    commitments = [c for _, c in pairs]
    keys = {
        m: bc.combine_shares(G, shares=[bc.share_for(G, secret=s, recipient=m) for s, _ in pairs])
        for m in (1, 2, 3)
    }
    previous = bc.board_genesis(G, context=CONTEXT)
    board = []
    for position, ballot in enumerate(ballots, 1):
        previous = bc.board_entry(previous=previous, ballot=ballot)
        board.append(
            {"position": position, "tracking": previous, "ballot": bc.ballot_to_json(ballot)}
        )
    sums = bc.tally(G, ballots=ballots, names=len(NAMES))
    partials = [
        bc.partial_decrypt(G, member=m, key_share=keys[m], sums=sums, context=DECRYPTION)
        for m in (2, 3)
    ]
    totals = [sum(v[i] for v in votes) for i in range(len(NAMES))]
    found = bc.combine_decryption(G, sums=sums, partials=partials, threshold=2, limit=len(ballots))
    assert list(found) == totals, (found, totals)
    return {
        "format": RECORD_FORMAT,
        "group": G.name,
        "protocol": bc.PROTOCOL_3,
        "context": CONTEXT,
        "decryption_context": DECRYPTION,
        "candidates": [{"id": str(i + 1), "name": n} for i, n in enumerate(NAMES)],
        "minimum": MINIMUM,
        "maximum": MAXIMUM,
        "threshold": 2,
        "public_key": public.hex(),
        "members": [bc.commitment_to_json(c) for c in commitments],
        "board": board,
        "final": previous,
        "sums": [[ct.alpha.hex(), ct.beta.hex()] for ct in sums],
        "partials": [bc.partial_to_json(p) for p in partials],
        "totals": totals,
        "audited": [],
    }


def _write(name: str, record: dict[str, Any]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    (HERE / name).write_text(text, encoding="utf-8")


def main() -> None:
    pairs = [bc.member_generate(G, index=i, threshold=2, context=CONTEXT) for i in (1, 2, 3)]
    public = bc.joint_public_key(G, commitments=[c for _, c in pairs])
    good = _record(public, pairs, [_ballot(public, v) for v in VOTES], VOTES)
    _write("ristretto-record.json", good)
    bit = copy.deepcopy(good)
    responses = bit["board"][1]["ballot"]["range_proof"]["proofs"][0][2]["responses"]
    responses[1] = format((int(responses[1], 16) + 1) % G.order, "x")
    _write("ristretto-tampered-bit.json", bit)
    votes = [*VOTES[:3], TOO_MANY]
    ballots = [_ballot(public, v) for v in VOTES[:3]] + [_forged(public, TOO_MANY)]
    _write("ristretto-tampered-too-many-kept.json", _record(public, pairs, ballots, votes))


if __name__ == "__main__":
    main()
