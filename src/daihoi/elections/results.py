"""The congress's results as ``daihoi.congresses.results`` tells them to the apps above.

Registered by ``ElectionsConfig.ready``: who each election elected, with the votes of the round
that elected them, read from the counted rounds' stored results (the same ones the minutes print).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from daihoi.congresses import results
from daihoi.elections import documents, services
from daihoi.elections.models import (
    Candidate,
    CongressDecision,
    Election,
    ElectionKind,
    MinutesResult,
    MinutesSeat,
    Round,
    RoundStatus,
)

if TYPE_CHECKING:
    from daihoi.congresses.models import Congress
    from daihoi.documents.blocks import Block

# The congress app names the kinds by value; a renamed kind would break the season silently.
assert {results.BCH, results.CHAIR, results.DELEGATES, results.UBKT, results.PARTY_SECRETARY} <= (
    set(ElectionKind.values)
)


def _person(candidate: Any, *, votes: dict[int, tuple[int, int]]) -> results.Elected:
    got, base = votes.get(candidate.pk, (0, 0))
    return results.Elected(
        name=candidate.full_name,
        votes=got,
        base=base,
        member_id=candidate.member_id,
        delegate_id=candidate.delegate_id,
    )


def _counted_rounds(congress: Congress) -> list[Round]:
    return list(
        Round.objects.filter(election__congress=congress, status=RoundStatus.COUNTED)
        .select_related("election")
        .order_by("election_id", "number")
    )


def outcomes(congress: Congress) -> list[results.Outcome]:
    """Return each election of the congress with whom it elected, in the order created."""
    return outcomes_many([congress])[congress.pk]


def outcomes_many(congresses: Sequence[Congress]) -> dict[int, list[results.Outcome]]:
    """Return each congress's elections with whom they elected, by congress id (4 queries
    however many congresses, 2 more when some results are recorded from minutes: an upper
    congress reads its 150 lower congresses at once)."""
    ids = [c.pk for c in congresses]
    out: dict[int, list[results.Outcome]] = {pk: [] for pk in ids}
    if not ids:
        return out
    elections = list(
        Election.objects.filter(congress_id__in=ids)
        .order_by("id")
        .select_related("minutes_result")
        .prefetch_related("rounds", "minutes_result__seats__candidate")
    )
    decided = set(
        CongressDecision.objects.filter(after_round__election__congress_id__in=ids).values_list(
            "after_round_id", flat=True
        )
    )
    rounds_of = {e.pk: sorted(e.rounds.all(), key=lambda r: r.number) for e in elections}
    standings = {e.pk: services.standing_ids(rounds_of[e.pk]) for e in elections}
    wanted = {i for elected, alternates, _ in standings.values() for i in (*elected, *alternates)}
    people = Candidate.objects.in_bulk(sorted(wanted))
    for election in elections:
        recorded = getattr(election, "minutes_result", None)
        if recorded is not None:
            out[election.congress_id].append(_from_minutes(election, recorded))
            continue
        rounds = rounds_of[election.pk]
        elected_ids, alternate_ids, _waiting = standings[election.pk]
        counted = [r for r in rounds if r.status == RoundStatus.COUNTED and r.result]
        votes: dict[int, tuple[int, int]] = {}
        for round_ in counted:
            result: dict[str, Any] = round_.result or {}
            base = int(result["base"]["count"])
            for line in result["candidates"]:
                votes[int(line["id"])] = (int(line["votes"]), base)
        waiting = any(
            r.pk not in decided
            and ((r.result or {}).get("outcome") != "complete" or (r.result or {}).get("tie"))
            for r in counted
        )
        complete = bool(counted) and len(counted) == len(rounds) and not waiting
        first = rounds[0] if rounds else None
        last = counted[-1] if counted else None

        person = partial(_person, votes=votes)
        # Alternates rank by their votes (rules.md §2.10), across rounds for alternates.
        alternates = sorted(
            (person(people[i]) for i in alternate_ids), key=lambda p: (-p.votes, p.name)
        )
        out[election.congress_id].append(
            results.Outcome(
                kind=election.kind,
                title=election.title,
                seats=election.seats,
                elected=tuple(person(people[i]) for i in elected_ids),
                alternates=tuple(alternates),
                complete=complete,
                rounds=len(counted),
                summoned=(first.summoned or 0) if first else 0,
                present=(first.present or 0) if first else 0,
                counted_on=(
                    timezone.localtime(last.counted_at).date()
                    if last is not None and last.counted_at
                    else None
                ),
            )
        )
    return out


def _from_minutes(election: Election, recorded: MinutesResult) -> results.Outcome:
    """Return a result recorded from its minutes: the people in their order, no figure."""
    seats = list(recorded.seats.all())

    def person(seat: MinutesSeat) -> results.Elected:
        return _person(seat.candidate, votes={})

    return results.Outcome(
        kind=election.kind,
        title=election.title,
        seats=election.seats,
        elected=tuple(person(s) for s in seats if not s.alternate),
        alternates=tuple(person(s) for s in seats if s.alternate),
        complete=True,
        rounds=0,
        summoned=0,
        present=0,
        counted_on=recorded.held_on,
        source=recorded.source,
    )


def minutes(congress: Congress) -> list[list[Block]]:
    """Return the minutes of every counted round (elections in order, rounds in order)."""
    return [documents.minutes_content(r) for r in _counted_rounds(congress)]


SOURCE = results.ResultsSource(outcomes=outcomes, minutes=minutes, outcomes_many=outcomes_many)
