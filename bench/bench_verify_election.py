"""`daihoi verify-election`'s check of a published record (issue 13), without the app.

Run: .venv/bin/python bench/bench_verify_election.py [--ballots 2000] [--names 9] [--seats 7]
     [--jobs 1 2] [--pool N] [--protocol 3|2] [--libsodium-only] [--without-commitments]

A record in the published format is assembled in the group and protocol of a round keyed now
(``--protocol 3``: ``daihoi.encrypted-record/3``, ristretto255, a long list's count proven by its
bits; checked on libdecaf, or on libsodium alone with ``--libsodium-only``) or before
(``--protocol 2``: ``/2``, edwards25519, libsodium's)
(``daihoi.elections.crypto_group.group_named``), with a 2-of-3 committee key: ``--pool`` fresh
encrypted ballots (encrypted and proved by ``encrypt_ballot``) repeated up to
``--ballots`` entries on the hash-chained board (what a ballot costs to check does not depend on
which ciphertexts it holds; by default enough of them that a ballot comes again only once the
group no longer holds its points decoded, as with a real board's distinct ballots), the per-name
products, two members' partial decryptions with their proofs and the totals. Each ballot is
published with its proofs' commitments, as the server publishes them, so the verifier checks
the board's proofs in batches; ``--without-commitments`` publishes none, as a record written
before they were: every ballot checked alone. Then ``verify_record`` checks it once per
``--jobs`` value, printing the wall time, this process's CPU time and the CPU time of its
worker processes. The figure at 185 names is extrapolated from a smaller ``--ballots`` run:
every ballot is checked alike, so the time is linear in the ballots. Results go to
docs/benchmarks.md, "Bộ kiểm chứng".
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CONTEXT: list[Any] = ["daihoi/round", 1, 2, 3, 1]
DECRYPTION: list[Any] = [*CONTEXT, "decryption"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: --protocol: the group and ballot protocol of a round keyed now (3) or before (2)
KEYINGS = {"3": ("ristretto255", "daihoi/ballot/3"), "2": ("ed25519", "daihoi/ballot/2")}


def build(
    *, ballots: int, names: int, seats: int, pool: int, keying: str, proof_commitments: bool = True
) -> dict[str, Any]:
    from daihoi.elections.crypto_group import group_named
    from daihoi.elections.testing import committee_keys, published_record
    from daihoi.rules import ballot_crypto as bc

    group_name, protocol = KEYINGS[keying]
    group = group_named(group_name)

    rng = random.Random(13)
    commitments, keys = committee_keys(group, context=CONTEXT, n=3, k=2)
    public = bc.joint_public_key(group, commitments=commitments)
    minimum, maximum = bc.ballot_bounds(profile=_profile(), names=names, seats=seats)
    votes: list[list[bool]] = []
    for _ in range(pool):
        kept = set(rng.sample(range(names), rng.randint(max(minimum, 1), maximum)))
        votes.append([i in kept for i in range(names)])
    encrypted = [
        bc.encrypt_ballot(
            group,
            public_key=public,
            kept=v,
            minimum=minimum,
            maximum=maximum,
            context=CONTEXT,
            protocol=protocol,
        )
        for v in votes
    ]
    chosen = [i % pool for i in range(ballots)]
    # published audits cost one encryption per name each: none here
    return published_record(
        group,
        ballots=[encrypted[i] for i in chosen],
        totals=[sum(votes[i][n] for i in chosen) for n in range(names)],
        commitments=commitments,
        keys=keys,
        threshold=2,
        minimum=minimum,
        maximum=maximum,
        protocol=protocol,
        context=CONTEXT,
        decryption_context=DECRYPTION,
        proof_commitments=proof_commitments,
    )


def _distinct_enough(names: int) -> int:
    """Ballots enough that, repeated in turn, none is found still decoded by libdecaf's group
    (it keeps at most two generations of ``_DECAF_POINTS`` points; a ballot has two a name)."""
    from daihoi.elections.crypto_group import _DECAF_POINTS

    return max(16, 2 * _DECAF_POINTS // (2 * names) + 1)


def _profile() -> Any:
    from daihoi.rules.profiles import PROFILES

    return PROFILES["cong-doan"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--names", type=int, default=9)
    parser.add_argument("--seats", type=int, default=7)
    parser.add_argument(
        "--pool", type=int, default=0, help="distinct ballots (0: more than the group keeps)"
    )
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--extrapolate", type=int, default=2000, help="ballots to extrapolate to")
    parser.add_argument("--protocol", choices=sorted(KEYINGS), default="3")
    parser.add_argument(
        "--libsodium-only",
        action="store_true",
        help="ristretto255 on libsodium alone, as on a machine without libdecaf",
    )
    parser.add_argument(
        "--without-commitments",
        action="store_true",
        help="no ballot published with its proofs' commitments (a record written before they "
        "were): every ballot checked alone, no batch",
    )
    args = parser.parse_args()
    from daihoi.elections.crypto_group import group_named, sodium_ristretto255
    from daihoi.rules import election_record
    from daihoi.rules.election_record import verify_record

    # Forked workers are this process's children, so their CPU time is counted once they end.
    election_record.START_METHOD = "fork"

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    record = build(
        ballots=args.ballots,
        names=args.names,
        seats=args.seats,
        pool=args.pool or _distinct_enough(args.names),
        keying=args.protocol,
        proof_commitments=not args.without_commitments,
    )
    print(
        f"record {record['format']} ({record['group']}"
        f"{', libsodium only' if args.libsodium_only else ''}): "
        f"{args.ballots} ballots x {args.names} names, range "
        f"{record['minimum']}..{record['maximum']}, {args.pool or _distinct_enough(args.names)} "
        f"distinct, {'without' if args.without_commitments else 'with'} the proofs' "
        f"commitments, built in {time.perf_counter() - started:.1f} s"
    )
    for jobs in args.jobs:
        wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        group = group_named(record["group"])
        if args.libsodium_only and group.name == "ristretto255":
            group = sodium_ristretto255()
        report = verify_record(record, group=group, jobs=jobs)
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu
        children = _children_cpu() - children
        assert report.ok, [c for c in report.checks if not c.ok]
        total = cpu + children
        scale = args.extrapolate / args.ballots
        print(
            f"jobs={jobs}: wall {wall:.2f} s, CPU {total:.2f} s "
            f"(this process {cpu:.2f}, workers {children:.2f}); "
            f"{total / args.ballots * 1000:.1f} ms CPU per ballot; "
            f"at {args.extrapolate} ballots: wall {wall * scale:.0f} s, CPU {total * scale:.0f} s"
        )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
