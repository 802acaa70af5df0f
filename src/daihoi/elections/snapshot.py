"""A round as the engine sees it: the ``daihoi.election/1`` document and the ``Election``.

The stored snapshot is the exact file the round was counted from: exporting it and counting it
again with ``daihoi count`` gives the stored result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from daihoi.elections import congress as hall
from daihoi.elections.models import Candidate, PaperBallot, PhoneBallot, Round
from daihoi.rules.digest import BallotRecord, RoundIdentity, paper_label
from daihoi.rules.election import FORMAT, Ballot, Election, parse_election

ROUND_SUFFIX = " (bầu lần {number})"
ALTERNATES_SUFFIX = " – bầu đại biểu dự khuyết"


def round_title(round_: Round) -> str:
    """Return the title the documents print for this round."""
    title = round_.election.title
    if round_.for_alternates:
        title += ALTERNATES_SUFFIX
    if round_.number > 1:
        title += ROUND_SUFFIX.format(number=round_.number)
    return title


def round_candidates(round_: Round) -> list[Candidate]:
    """Return the round's list (any order: the engine puts it in ballot order)."""
    return list(round_.candidates.order_by("name_key", "id"))


def ballot_ids(round_: Round) -> tuple[str, ...]:
    """Return the candidate ids in ballot order (number 1 first), as the engine orders them."""
    return tuple(c.id for c in engine_election(round_, ballots=()).candidates)


def _ballot_json(ballot: Ballot) -> dict[str, Any]:
    if ballot.invalid is not None:
        return {"invalid": ballot.invalid}
    assert ballot.kept is not None
    return {"kept": sorted(ballot.kept, key=int)}


def election_document(
    round_: Round, *, ballots: Iterable[Ballot], issued: int | None = None
) -> dict[str, Any]:
    """Return the ``daihoi.election/1`` document of the round with these ballots."""
    election = round_.election
    congress = election.congress
    profile = hall.profile_of(congress)
    document: dict[str, Any] = {
        "format": FORMAT,
        "title": round_title(round_),
        "organization": hall.organization_of(congress),
        "profile": profile.name,
        "seats": round_.seats,
        "alternates": round_.alternates,
        "issued": round_.issued if issued is None else issued,
        "candidates": [{"id": str(c.pk), "name": c.full_name} for c in round_candidates(round_)],
        "ballots": [_ballot_json(b) for b in ballots],
    }
    summoned = round_.summoned
    if summoned is None:  # not opened yet: the hall as it is now (ballots printed in advance)
        summoned = hall.hall_figures(congress).summoned
    document["summoned"] = summoned
    if round_.present is not None:
        document["present"] = round_.present
    return document


def engine_election(
    round_: Round, *, ballots: Sequence[Ballot], issued: int | None = None
) -> Election:
    """Return the engine's snapshot of the round (issued defaults to the ballots given)."""
    count = len(ballots) if issued is None else issued
    return parse_election(election_document(round_, ballots=ballots, issued=count))


def stored_ballots(round_: Round) -> list[BallotRecord]:
    """Return the ballots stored for the round: the counted paper ballots and the phone ones."""
    records = [
        BallotRecord(paper_label(b.number), _to_ballot(b.kept, b.invalid))
        for b in PaperBallot.objects.filter(round=round_).order_by("number")
    ]
    records.extend(
        BallotRecord(b.receipt, _to_ballot(b.kept, ""))
        for b in PhoneBallot.objects.filter(round=round_).published()
    )
    return records


def phone_records(round_: Round) -> list[BallotRecord]:
    return [
        BallotRecord(b.receipt, _to_ballot(b.kept, ""))
        for b in PhoneBallot.objects.filter(round=round_).published()
    ]


def _to_ballot(kept: list[str] | None, invalid: str) -> Ballot:
    if invalid:
        return Ballot.void(invalid)
    return Ballot(kept=frozenset(str(k) for k in kept or ()))


def identity(round_: Round, ids: tuple[str, ...]) -> RoundIdentity:
    """Return what the digest binds the ballots to: title, round, list in ballot order, seats."""
    return RoundIdentity(
        title=round_.election.title,
        round_number=round_.number,
        candidate_ids=ids,
        seats=round_.seats,
    )
