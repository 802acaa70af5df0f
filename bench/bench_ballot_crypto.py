"""The encrypted phone ballot's cryptographic core (issue 13), on this machine.

Run: .venv/bin/python bench/bench_ballot_crypto.py [--runs 5] [--ballots 2000] [--names 185]
    [--protocol 3|2] [--libsodium-only]

In the group and protocol of a round keyed now (``--protocol 3``: ristretto255, a long list's
count proven by its bits; its checks on libdecaf, or on libsodium alone with
``--libsodium-only``) or before (``--protocol 2``: edwards25519, libsodium's)
(``daihoi.elections.crypto_group``), with a 2-of-3 committee key, times
  - encrypting and proving one ballot in Python (9, 15 and 185 names; the phone's JavaScript
    figures come from bench/bench_ballot_crypto_browser.py);
  - verifying that ballot (what the server does on each cast, and the verifier per ballot);
  - closing ``--ballots`` x ``--names``: the board chain, the homomorphic tally, two members'
    partial decryptions with proofs, checking them, and combining them into the totals (checked
    against the clear count). The ballots are assembled from a pool of fresh encryptions of 0 and
    1 for each position (the closing's cost does not depend on which ciphertexts are summed;
    encrypting 370,000 ciphertexts anew would only lengthen the set-up), their proofs are
    not made (closing does not read them).
Medians of ``--runs``. Results go to docs/benchmarks.md, "Phiếu mã hoá".
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from daihoi.elections.crypto_group import group_named, sodium_ristretto255  # noqa: E402
from daihoi.rules import ballot_crypto as bc  # noqa: E402

#: --protocol: the group and ballot protocol of a round keyed now (3) or before (2)
KEYINGS = {"3": ("ristretto255", bc.PROTOCOL_3), "2": ("ed25519", bc.PROTOCOL)}
GROUP = group_named("ristretto255")
PROTOCOL = bc.PROTOCOL_3
CONTEXT = ["bench", 1]
# (names, seats): bench_phone_vote's ballot, a CĐCS BCH, the brief's 15 names, the national list.
SHAPES = [(9, 5), (9, 7), (15, 11), (185, 161)]
POOL = 4  # fresh encryptions of 0 and of 1 per position


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall time, median CPU time of this process (the box is shared), last result."""
    times, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(times), statistics.median(cpus), result


def ceremony(n: int, k: int) -> tuple[list[bc.MemberCommitment], dict[int, int], bytes]:
    pairs = [
        bc.member_generate(GROUP, index=i, threshold=k, context=CONTEXT) for i in range(1, n + 1)
    ]
    commitments = [c for _, c in pairs]
    keys = {
        m: bc.combine_shares(
            GROUP, shares=[bc.share_for(GROUP, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in range(1, n + 1)
    }
    return commitments, keys, bc.joint_public_key(GROUP, commitments=commitments)


def per_ballot(K: bytes, runs: int, rng: random.Random) -> None:
    for names, seats in SHAPES:
        n_runs = runs if names < 100 else max(1, runs // 2)
        kept = [True] * (seats - 2) + [False] * (names - seats + 2)
        rng.shuffle(kept)
        enc_s, enc_cpu, ballot = timed(
            lambda kept=kept, seats=seats: bc.encrypt_ballot(
                GROUP,
                public_key=K,
                kept=kept,
                minimum=1,
                maximum=seats,
                context=CONTEXT,
                protocol=PROTOCOL,
            ),
            n_runs,
        )
        assert isinstance(ballot, bc.EncryptedBallot)
        ver_s, ver_cpu, ok = timed(
            lambda ballot=ballot, names=names, seats=seats: bc.verify_ballot(
                GROUP,
                public_key=K,
                ballot=ballot,
                names=names,
                minimum=1,
                maximum=seats,
                context=CONTEXT,
                protocol=PROTOCOL,
            ),
            n_runs,
        )
        assert ok is True
        print(
            f"{names} names, kept 1..{seats}: encrypt+prove {enc_s * 1000:.0f} ms "
            f"(CPU {enc_cpu * 1000:.0f} ms), verify {ver_s * 1000:.1f} ms "
            f"(CPU {ver_cpu * 1000:.1f} ms) (medians of {n_runs})"
        )


def closing(
    K: bytes,
    commitments: list[bc.MemberCommitment],
    keys: dict[int, int],
    *,
    ballots_n: int,
    names: int,
    rng: random.Random,
) -> None:
    seats = names - names // 8
    pool = [
        [[bc.encrypt(GROUP, public_key=K, message=m)[0] for _ in range(POOL)] for m in (0, 1)]
        for _ in range(names)
    ]
    votes: list[list[bool]] = []
    ballots: list[bc.EncryptedBallot] = []
    empty = bc.DisjunctiveProof(challenges=(), responses=())
    for _ in range(ballots_n):
        kept = [rng.random() < 0.6 for _ in range(names)]
        while not 1 <= sum(kept) <= seats:
            kept = [rng.random() < 0.6 for _ in range(names)]
        votes.append(kept)
        cts = tuple(rng.choice(pool[i][int(k)]) for i, k in enumerate(kept))
        ballots.append(bc.EncryptedBallot(ciphertexts=cts, proofs=(), range_proof=empty))
    print(f"closing {ballots_n} ballots x {names} names (one core):")
    cpu_start = time.process_time()

    start = time.perf_counter()
    previous = bc.board_genesis(GROUP, context=CONTEXT)
    for b in ballots:
        previous = bc.board_entry(previous=previous, ballot=b)
    board_s = time.perf_counter() - start
    start = time.perf_counter()
    sums = bc.tally(GROUP, ballots=ballots, names=names)
    tally_s = time.perf_counter() - start
    start = time.perf_counter()
    partials = [
        bc.partial_decrypt(GROUP, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in (1, 3)
    ]
    part_s = (time.perf_counter() - start) / 2
    start = time.perf_counter()
    for pd in partials:
        vk = bc.verification_key(GROUP, member=pd.member, commitments=commitments)
        assert bc.verify_partial(GROUP, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    check_s = (time.perf_counter() - start) / 2
    start = time.perf_counter()
    totals = bc.combine_decryption(
        GROUP, sums=sums, partials=partials, threshold=2, limit=ballots_n
    )
    combine_s = time.perf_counter() - start
    assert totals == tuple(sum(1 for v in votes if v[i]) for i in range(names))
    print(f"  board chain (tracking codes) recomputed: {board_s:.2f} s")
    print(f"  tally (per-name products): {tally_s:.2f} s")
    print(f"  partial decryption with proofs, one member: {part_s * 1000:.0f} ms")
    print(f"  checking one member's partial decryption: {check_s * 1000:.0f} ms")
    print(f"  combining 2 partials + table lookup of {names} totals: {combine_s * 1000:.0f} ms")
    total = board_s + tally_s + 2 * part_s + 2 * check_s + combine_s
    cpu = time.process_time() - cpu_start
    print(
        f"  closing total (chain, tally, 2 partials, 2 checks, combine): {total:.1f} s "
        f"(CPU {cpu:.1f} s)"
    )
    print(f"  totals equal the clear count (first five): {totals[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--names", type=int, default=185)
    parser.add_argument("--protocol", choices=sorted(KEYINGS), default="3")
    parser.add_argument(
        "--libsodium-only",
        action="store_true",
        help="ristretto255 on libsodium alone, as on a machine without libdecaf",
    )
    args = parser.parse_args()
    global GROUP, PROTOCOL
    name, PROTOCOL = KEYINGS[args.protocol]
    GROUP = sodium_ristretto255() if args.libsodium_only else group_named(name)
    rng = random.Random(13)
    import nacl

    print(
        f"Python {sys.version.split()[0]}, PyNaCl {nacl.__version__}, group {GROUP.name} "
        f"({type(GROUP).__name__}), protocol {PROTOCOL}, load average {os.getloadavg()[0]:.1f}"
    )
    start = time.perf_counter()
    commitments, keys, K = ceremony(3, 2)
    ceremony_ms = (time.perf_counter() - start) * 1000
    print(f"key ceremony 2 of 3 (generate, prove, share): {ceremony_ms:.0f} ms")
    start = time.perf_counter()
    for c in commitments:
        assert bc.verify_member_commitment(GROUP, commitment=c, threshold=2, context=CONTEXT)
    print(f"  checking the 3 commitments' proofs: {(time.perf_counter() - start) * 1000:.1f} ms")
    per_ballot(K, args.runs, rng)
    closing(K, commitments, keys, ballots_n=args.ballots, names=args.names, rng=rng)


if __name__ == "__main__":
    main()
