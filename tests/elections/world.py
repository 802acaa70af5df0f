"""Shared set-up for the elections tests: personas, a congress in session, seed 001's BCH."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from daihoi.elections import services
from daihoi.elections.congress import hall_figures
from daihoi.elections.models import Candidate, Election, Round
from daihoi.elections.testing import SEED_001_CANDIDATES, Hall, build_hall, fill_hall
from daihoi.rules import keyboard
from daihoi.rules.election import Ballot
from daihoi.units.testing import World, build_world

GOLDEN = Path(__file__).parent.parent / "rules" / "golden"
SEED_TITLE = "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"


def seed_001() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / "seed-001-bch.election.json").read_text())
    return data


def seed_001_result() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / "seed-001-bch.result.json").read_text())
    return data


def bch_election(
    hall: Hall, *, seats: int = 5, names: tuple[str, ...] = SEED_001_CANDIDATES
) -> Election:
    election = services.create_election(
        congress=hall.congress, kind="bch", title=SEED_TITLE, seats=seats
    )
    for name in names:
        services.add_candidate(election=election, full_name=name)
    return election


def approved_round(election: Election, present: int | None = None) -> Round:
    """Approve the first round's list with a hand from everyone checked in.

    The show of hands is checked against the check-in, so ``present`` checks in more voting
    delegates first, up to that many.
    """
    congress = election.congress
    if present is not None:
        fill_hall(congress, present=present)
    in_hall = hall_figures(congress).present
    round_ = services.first_round(election)
    services.approve_list(round_=round_, yes=in_hall, no=0, abstain=0, present=in_hall)
    round_.refresh_from_db()
    return round_


def golden_ballots(round_: Round) -> list[Ballot]:
    """Seed 001's 40 ballots with the golden file's ids mapped to this round's candidates."""
    data = seed_001()
    by_name = {c.full_name: str(c.pk) for c in Candidate.objects.filter(rounds=round_)}
    golden_to_db = {c["id"]: by_name[c["name"]] for c in data["candidates"]}
    ballots = []
    for item in data["ballots"]:
        if "invalid" in item:
            ballots.append(Ballot.void(item["invalid"]))
        else:
            ballots.append(Ballot(kept=frozenset(golden_to_db[k] for k in item["kept"])))
    return ballots


def typed(round_: Round, ballot: Ballot) -> str:
    return keyboard.format_keys(ballot, ids=services.ballot_ids_of(round_))


__all__ = ["Hall", "World", "build_hall", "build_world"]


def phone_round(hall: Hall, *, names: tuple[str, ...], seats: int, user: Any) -> Round:
    """Return an open round voted on phones only."""
    round_ = approved_round(bch_election(hall, seats=seats, names=names))
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=user)
    round_.refresh_from_db()
    return round_


def vote(round_: Round, delegate: Any, *names: str) -> str:
    by_name = {c.full_name: str(c.pk) for c in round_.candidates.all()}
    return services.cast_phone_ballot(
        round_id=round_.pk, delegate=delegate, kept=[by_name[n] for n in names]
    )


def counted_short_round(hall: Hall, user: Any) -> Round:
    """Return a counted phone round in which too few were elected (A 3 of 4; B and C 2)."""
    round_ = phone_round(hall, names=("An", "Bình", "Cúc"), seats=2, user=user)
    for delegate, kept in zip(
        hall.delegates, (("An", "Bình"), ("An", "Cúc"), ("Bình", "Cúc"), ("An",)), strict=False
    ):
        vote(round_, delegate, *kept)
    services.close_round(round_=round_)
    services.count_round(round_=round_)
    round_.refresh_from_db()
    return round_


def closed_paper_round(hall: Hall, user: Any) -> Round:
    round_ = approved_round(bch_election(hall))
    services.record_issued(round_=round_, issued=40)
    services.open_round(round_=round_, user=user)
    services.close_round(round_=round_)
    round_.refresh_from_db()
    return round_


@contextmanager
def phone_ballot_guards_dropped() -> Iterator[None]:
    """Drop the phone ballots' append-only triggers, as a database owner tampering would.

    For tests that alter stored ballots to see the digest catch it; the triggers come back after.
    """
    from django.db import connection

    guards = importlib.import_module("daihoi.elections.migrations.0005_phone_ballots_append_only")
    with connection.cursor() as cursor:
        for sql in guards.BACKWARD[connection.vendor]:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in guards.FORWARD[connection.vendor]:
                cursor.execute(sql)


def spread(needs: dict[str, int], *, ballots: int, keep: int) -> list[list[str]]:
    """Return ballots keeping at most ``keep`` names that give each name exactly its votes."""
    left = dict(needs)
    out: list[list[str]] = []
    for _ in range(ballots):
        chosen = [n for n in sorted(left, key=lambda n: -left[n])[:keep] if left[n] > 0]
        for name in chosen:
            left[name] -= 1
        out.append(chosen)
    assert not any(left.values()), left
    return out


def paper_vote_and_count(
    round_: Round, ballots: list[list[str]], *, user: Any, tellers: tuple[Any, Any]
) -> Round:
    """Vote a round on paper (names kept per ballot), enter it twice, count it."""
    services.record_issued(round_=round_, issued=len(ballots))
    services.open_round(round_=round_, user=user)
    services.close_round(round_=round_)
    round_.refresh_from_db()
    services.record_collected(round_=round_, collected=len(ballots))
    by_name = {c.full_name: str(c.pk) for c in round_.candidates.all()}
    for teller in tellers:
        for kept in ballots:
            ballot = Ballot(kept=frozenset(by_name[n] for n in kept))
            services.enter_line(round_=round_, teller=teller, typed=typed(round_, ballot))
    services.count_round(round_=round_)
    round_.refresh_from_db()
    return round_


def paper_election(
    hall: Hall, *, names: tuple[str, ...], seats: int, alternates: int = 0
) -> Election:
    """Return a BCH-like election whose first round is approved (present as checked in)."""
    election = bch_election(hall, seats=seats, names=names)
    if alternates:
        election.alternates = alternates
        election.save(update_fields=["alternates"])
        election.rounds.update(alternates=alternates)
    return election
