"""Make the encrypted-record test vectors (tests/rules/test_encrypted_vectors.py reads them).

Run once: .venv/bin/python tests/rules/vectors/make_encrypted_vectors.py
The files are committed and never remade by the tests: they pin the published record's format,
its hashes and its proofs. Remaking them (new nonces, new hashes) means updating the literals
in the test on purpose.

encrypted-record.json: a closed and counted round on edwards25519, a 2-of-3 committee key, 3 names
(Công đoàn profile, 2 seats: 1 or 2 names kept), 5 phone ballots, members 1 and 3 decrypting.
Each other file is that record with one fault (see FAULTS in the test for what is expected):
some are edited copies; ``name-counted-twice`` and ``too-many-kept`` are whole records whose
bad ballot is chained, summed, decrypted and counted like the others, so only its proofs betray
it.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

from daihoi.elections.crypto_group import ED25519 as G  # noqa: E402
from daihoi.rules import ballot_crypto as bc  # noqa: E402
from daihoi.rules.election_record import RECORD_FORMAT_1  # noqa: E402

HERE = Path(__file__).parent
CONTEXT: list[Any] = ["daihoi/round", 42, 7, 3, 1]
DECRYPTION: list[Any] = [*CONTEXT, "decryption"]
NAMES = ["Nguyễn Thị Bình", "Rcom Jen", "Lò Văn Hùng"]
MINIMUM, MAXIMUM = 1, 2
VOTES = [
    [True, False, True],
    [True, True, False],
    [False, False, True],
    [True, False, False],
    [False, True, True],
]


def _keys() -> tuple[list[bc.MemberCommitment], dict[int, int], bytes]:
    pairs = [bc.member_generate(G, index=i, threshold=2, context=CONTEXT) for i in (1, 2, 3)]
    keys = {
        m: bc.combine_shares(G, shares=[bc.share_for(G, secret=s, recipient=m) for s, _ in pairs])
        for m in (1, 2, 3)
    }
    commitments = [c for _, c in pairs]
    return commitments, keys, bc.joint_public_key(G, commitments=commitments)


def _ballot(public: bytes, kept: list[bool]) -> bc.EncryptedBallot:
    return bc.encrypt_ballot(
        G, public_key=public, kept=kept, minimum=MINIMUM, maximum=MAXIMUM, context=CONTEXT
    )


def _record(
    commitments: list[bc.MemberCommitment],
    keys: dict[int, int],
    public: bytes,
    ballots: list[bc.EncryptedBallot],
    totals: list[int],
) -> dict[str, Any]:
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
        for m in (1, 3)
    ]
    found = bc.combine_decryption(G, sums=sums, partials=partials, threshold=2, limit=len(ballots))
    assert list(found) == totals, (found, totals)
    return {
        "format": RECORD_FORMAT_1,
        "group": G.name,
        "protocol": bc.PROTOCOL,
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
    }


def _totals(votes: list[list[bool]]) -> list[int]:
    return [sum(v[i] for v in votes) for i in range(len(NAMES))]


def _name_counted_twice(public: bytes) -> bc.EncryptedBallot:
    """A ballot whose first name holds 2 (its 'proof' shows 0, 1 or 2), the second 0, the third
    0: 2 kept in all, so the range proof over the sum holds."""
    values = [2, 0, 0]
    cts, proofs, nonce = [], [], 0
    for position, m in enumerate(values):
        ct, r = bc.encrypt(G, public_key=public, message=m)
        nonce += r
        cts.append(ct)
        allowed = (0, 1, 2) if position == 0 else (0, 1)
        proofs.append(
            bc.prove_one_of(
                G,
                public_key=public,
                ct=ct,
                nonce=r,
                value=m,
                values=allowed,
                context=bc.name_context(CONTEXT, position),
            )
        )
    range_proof = bc.prove_one_of(
        G,
        public_key=public,
        ct=bc.multiply(G, cts),
        nonce=nonce % G.order,
        value=2,
        values=(1, 2),
        context=bc.sum_context(CONTEXT),
    )
    return bc.EncryptedBallot(ciphertexts=tuple(cts), proofs=tuple(proofs), range_proof=range_proof)


def _too_many_kept(public: bytes) -> bc.EncryptedBallot:
    """Every name kept (3 for 2 seats), its range proof made for 1..3."""
    return bc.encrypt_ballot(
        G, public_key=public, kept=[True, True, True], minimum=1, maximum=3, context=CONTEXT
    )


def _write(name: str, record: dict[str, Any]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    (HERE / name).write_text(text, encoding="utf-8")


def main() -> None:
    commitments, keys, public = _keys()
    ballots = [_ballot(public, v) for v in VOTES]
    good = _record(commitments, keys, public, ballots, _totals(VOTES))
    _write("encrypted-record.json", good)

    def edited(name: str, change: Any) -> None:
        record = copy.deepcopy(good)
        change(record)
        _write(name, record)

    def member_proof(r: dict[str, Any]) -> None:
        c, s = r["members"][1]["proofs"][0]
        r["members"][1]["proofs"][0] = [c, format((int(s, 16) + 1) % G.order, "x")]

    def public_key(r: dict[str, Any]) -> None:
        r["public_key"] = G.generator.hex()

    def ballot_proof(r: dict[str, Any]) -> None:
        responses = r["board"][2]["ballot"]["proofs"][0]["responses"]
        responses[0] = format((int(responses[0], 16) + 1) % G.order, "x")

    def names_swapped(r: dict[str, Any]) -> None:
        cts = r["board"][1]["ballot"]["ciphertexts"]
        cts[0], cts[1] = cts[1], cts[0]

    def dropped(r: dict[str, Any]) -> None:
        del r["board"][3]
        for position, entry in enumerate(r["board"], 1):
            entry["position"] = position

    def tracking(r: dict[str, Any]) -> None:
        code = r["board"][0]["tracking"]
        r["board"][0]["tracking"] = ("0" if code[0] != "0" else "1") + code[1:]

    def final(r: dict[str, Any]) -> None:
        r["final"] = r["board"][3]["tracking"]

    def partial(r: dict[str, Any]) -> None:
        share = bytes.fromhex(r["partials"][1]["shares"][0])
        r["partials"][1]["shares"][0] = G.mul(share, G.generator).hex()

    def totals(r: dict[str, Any]) -> None:
        r["totals"] = [r["totals"][1], r["totals"][0], r["totals"][2]]

    def unreadable(r: dict[str, Any]) -> None:
        r["format"] = "daihoi.encrypted-record/9"

    edited("tampered-member-proof.json", member_proof)
    edited("tampered-public-key.json", public_key)
    edited("tampered-ballot-proof.json", ballot_proof)
    edited("tampered-names-swapped.json", names_swapped)
    edited("tampered-ballot-dropped.json", dropped)
    edited("tampered-tracking-code.json", tracking)
    edited("tampered-final-hash.json", final)
    edited("tampered-partial.json", partial)
    edited("tampered-totals.json", totals)
    edited("tampered-format.json", unreadable)
    first = _totals(VOTES[:4])
    twice = [*ballots[:4], _name_counted_twice(public)]
    _write(
        "tampered-name-counted-twice.json",
        _record(commitments, keys, public, twice, [first[0] + 2, first[1], first[2]]),
    )
    many = [*ballots[:4], _too_many_kept(public)]
    _write(
        "tampered-too-many-kept.json",
        _record(commitments, keys, public, many, _totals([*VOTES[:4], [True, True, True]])),
    )


if __name__ == "__main__":
    main()
