"""Closing and counting an encrypted round through the app (issue 13), on this machine.

Run: .venv/bin/python bench/bench_encrypted_count.py [--ballots 2000] [--names 9] [--seats 7]

In a fresh SQLite database (a temporary DAIHOI_VAR_DIR, migrated), a congress with ``--ballots``
voting delegates checked in and a 2-of-3 committee key; the round's board is filled with
``--ballots`` real encrypted ballots (a pool of 16 ballots encrypted and proved with
``encrypt_ballot``, each appended in turn through the board's chain, with one participation
per delegate; the per-cast check is measured by bench_ballot_crypto.py). Then times, as the app
runs them:
  - ``services.close_round`` (the board read back, its chain checked, the per-name products kept);
  - one member's device computing its partial decryption with proofs (Python here; the browser
    figure is in the browser test's log);
  - ``encrypted.submit_partial`` for two members (the proofs checked against the members'
    verification keys, then stored);
  - ``services.count_round`` (the board re-read and compared with the close, both partials
    checked again, combined, the totals looked up, the engine's count, the digest, stored);
  - the published record as the page streams it and whole (with each one's peak of Python
    memory, by tracemalloc), and ``daihoi verify-election``'s check of it (every ballot's
    proofs, in batches from the commitments the board keeps).
Results go to docs/benchmarks.md, "Phiếu mã hoá".
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--names", type=int, default=9)
    parser.add_argument("--seats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="daihoi-bench-enc-") as var:
        os.environ["DAIHOI_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args.ballots, args.names, args.seats)


def run(ballots: int, names: int, seats: int) -> None:
    import random

    from django.db import transaction

    from daihoi.elections import congress as hall
    from daihoi.elections import encrypted, services
    from daihoi.elections.models import BoardEntry, VoterParticipation
    from daihoi.elections.testing import build_hall, fill_hall
    from daihoi.rules import ballot_crypto as bc
    from daihoi.units.testing import build_world

    started = time.perf_counter()
    world = build_world()
    seat = build_hall(world.unit, tellers=(world.officer, world.upper, world.superuser))
    fill_hall(seat.congress, present=ballots + 1)
    election = services.create_election(
        congress=seat.congress, kind="bch", title="Bầu thử (bench)", seats=seats
    )
    for n in range(1, names + 1):
        services.add_candidate(election=election, full_name=f"Ứng viên số {n}")
    round_ = services.first_round(election)
    present = hall.hall_figures(seat.congress).present
    services.approve_list(round_=round_, yes=present, no=0, abstain=0, present=present)
    round_.refresh_from_db()
    services.set_voting(round_=round_, paper=False, phone=True)
    context = encrypted.round_context(round_)
    group = encrypted.new_group()
    pairs = [bc.member_generate(group, index=i, threshold=2, context=context) for i in (1, 2, 3)]
    keys = {
        m: bc.combine_shares(
            group, shares=[bc.share_for(group, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in (1, 2, 3)
    }
    holders = [(s.delegate_id, s.name) for s in hall.counting_committee_seats(seat.congress)[:3]]
    encrypted.set_round_key(
        round_=round_, commitments=[c for _, c in pairs], threshold=2, holders=holders
    )
    services.open_round(round_=round_, user=world.officer)
    round_.refresh_from_db()
    crypto = encrypted.phone_crypto(round_, services.phone_sheet(round_))
    rnd = random.Random(2026)
    pool = []
    for _ in range(16):
        kept = [False] * names
        for i in rnd.sample(range(names), rnd.randint(max(crypto.minimum, 1), crypto.maximum)):
            kept[i] = True
        pool.append(
            bc.encrypt_ballot(
                group,
                public_key=bytes.fromhex(crypto.public_key),
                kept=kept,
                minimum=crypto.minimum,
                maximum=crypto.maximum,
                context=crypto.context,
                protocol=crypto.protocol,
            )
        )
    # each ballot's proofs' commitments, as the server's check of the cast keeps them
    kept_commitments = [
        bc.checked_commitments(
            group,
            public_key=bytes.fromhex(crypto.public_key),
            ballot=ballot,
            names=crypto.names,
            minimum=crypto.minimum,
            maximum=crypto.maximum,
            context=crypto.context,
            protocol=crypto.protocol,
        )
        for ballot in pool
    ]
    assert all(kept is not None for kept in kept_commitments)
    voters = list(hall.delegates().filter(congress=seat.congress, kind=seat.delegates[0].kind))
    voters = voters[:ballots]
    previous = encrypted.genesis(round_)
    entries = []
    for position in range(1, len(voters) + 1):
        ballot = pool[position % len(pool)]
        previous = bc.board_entry(previous=previous, ballot=ballot)
        entries.append(
            BoardEntry(
                round=round_,
                position=position,
                ballot=bc.ballot_to_json(ballot),
                tracking=previous,
                commitments=kept_commitments[position % len(pool)],
            )
        )
    with transaction.atomic():
        BoardEntry.objects.bulk_create(entries, batch_size=500)
        VoterParticipation.objects.bulk_create(
            [VoterParticipation(round=round_, delegate=d) for d in voters], batch_size=500
        )
    print(
        f"set-up: {len(voters)} ballots x {names} names on the board, "
        f"{time.perf_counter() - started:.1f} s"
    )

    def timed(label: str, fn):  # type: ignore[no-untyped-def]
        cpu, start = time.process_time(), time.perf_counter()
        out = fn()
        wall = time.perf_counter() - start
        print(f"{label:58} {wall:7.2f} s wall {time.process_time() - cpu:7.2f} s CPU")
        return out

    timed(
        "close_round (chain checked, per-name products)",
        lambda: services.close_round(round_=round_),
    )
    round_.refresh_from_db()
    sums = encrypted.sums_of(round_)
    decryption = encrypted.decryption_context(round_)
    partials = {
        m: timed(
            f"member {m}: partial decryption with proofs (device)",
            lambda m=m: bc.partial_to_json(
                bc.partial_decrypt(
                    group, member=m, key_share=keys[m], sums=sums, context=decryption
                )
            ),
        )
        for m in (1, 3)
    }
    for m, data in partials.items():
        timed(
            f"submit_partial member {m} (proofs checked, stored)",
            lambda m=m, data=data: encrypted.submit_partial(round_=round_, member=m, partial=data),
        )
    result = timed(
        "count_round (board re-read, partials re-checked, combined)",
        lambda: services.count_round(round_=round_),
    )
    round_.refresh_from_db()

    def streamed() -> int:  # what the page sends, a piece at a time
        return sum(len(piece.encode()) for piece in encrypted.election_record_text(round_))

    size = timed("election_record_text (the page's record, streamed)", streamed)
    print(f"  {size / 1e6:.1f} MB of JSON")
    record = timed(
        "election_record (the same record, whole in memory)",
        lambda: encrypted.election_record(round_),
    )
    for label, fn in (("streamed", streamed), ("whole", lambda: encrypted.election_record(round_))):
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  the record {label}: {peak / 1e6:.1f} MB of Python memory at its peak")
    from daihoi.rules.election_record import verify_record

    report = timed(
        "verify_record (every proof, chain, sums, partials, totals)",
        lambda: verify_record(record, group=group),
    )
    assert report.ok
    votes = sorted((c.votes for c in result.candidates), reverse=True)
    print(f"counted {result.collected} ballots; votes {votes}; outcome {result.outcome}")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
