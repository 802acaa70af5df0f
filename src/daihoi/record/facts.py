"""What a congress's documents say, read from its records and nothing else.

The check-in (who was summoned, present, absent, left; the guests), the organs and their
approval, the agenda, the shows of hands that stand (``congresses.services.current_hall_votes``:
a corrected vote prints its correction, a cancelled one nothing), the elections as they stand
after their counted rounds (``congresses.results``, told by the elections app) and the
resolution's targets (``term``) word for word, and the outgoing committee from the officer
register (``season``), so who is re-elected is read, never typed. A document renders these facts;
it computes no figure of its own beyond shares of them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from daihoi.congresses import queries, results, services, speeches
from daihoi.congresses.models import (
    AgendaItem,
    AttendanceEvent,
    AttendanceKind,
    Congress,
    Delegate,
    HallVote,
    HallVoteSubject,
    Organ,
    OrganKind,
    OrganRole,
    Presence,
    Speech,
)
from daihoi.rules import hall
from daihoi.rules.numbers import number_vi, percent_vi
from daihoi.season.results import OutgoingCommittee, outgoing_committee
from daihoi.term.models import Target

PERSON = "{name} ({votes}/{base} phiếu, {percent})"
NO_FIGURES = "Nguồn kết quả bầu cử: {source}. Số phiếu bầu không được ghi nhận."
"""Said of a result recorded from minutes not counted here: where it comes from, no figure."""


def elected_vi(person: results.Elected) -> str:
    """Return "Tên (12/18 phiếu, 66,7%)"; the name alone when the result holds no figure."""
    if not person.has_figures:
        return person.name
    return PERSON.format(
        name=person.name,
        votes=number_vi(person.votes),
        base=number_vi(person.base),
        percent=percent_vi(person.votes, person.base),
    )


def sources_vi(outcomes: list[results.Outcome]) -> list[str]:
    """Return one sentence per source of the results not counted here, in order, each once."""
    sources = dict.fromkeys(o.source.strip().rstrip(".") for o in outcomes if o.source.strip())
    return [NO_FIGURES.format(source=source) for source in sources]


@dataclass(frozen=True)
class CongressRecord:
    """The congress as its records tell it, for the resolution and the minutes."""

    congress: Congress
    summoned: int
    present: int
    left: int
    absent: list[Delegate]  # voting delegates not in the hall (absent with reason or never came)
    guests: list[Delegate]  # guests checked in, in protocol order (rank, then as entered)
    first_arrival: datetime.datetime | None
    quorum: hall.QuorumResult
    organs: list[Organ]
    agenda: list[AgendaItem]
    votes: list[HallVote]  # the shows of hands that stand, in the order the hall voted
    outcomes: list[results.Outcome]
    targets: list[Target]
    speeches: list[Speech]  # the speeches given (called by the presidium), in their order
    # the unit's committee of the term before, from the officer register (None: not recorded)
    outgoing: OutgoingCommittee | None = None

    @property
    def who(self) -> str:
        return self.congress.attendee_word

    @property
    def resolution_vote(self) -> HallVote | None:
        """Return the latest standing show of hands on the resolution, if any."""
        adopted = [v for v in self.votes if v.subject == HallVoteSubject.RESOLUTION]
        return adopted[-1] if adopted else None

    @property
    def resolution_adopted(self) -> bool:
        vote = self.resolution_vote
        return vote is not None and vote.adopted

    def head_of(self, kind: OrganKind) -> str:
        for organ in self.organs:
            if organ.kind == kind:
                for seat in organ.members.all():
                    if seat.role == OrganRole.HEAD:
                        return seat.delegate.full_name
        return ""


def congress_record(congress: Congress) -> CongressRecord:
    """Read the congress's record (a fixed number of queries whatever its size)."""
    figures = services.attendance(congress)
    voting = congress.delegates.voting()
    absent = list(voting.exclude(presence=Presence.PRESENT).order_by("number", "name_key", "id"))
    guests = list(congress.delegates.guests().filter(presence=Presence.PRESENT).in_protocol_order())
    first = AttendanceEvent.objects.filter(
        congress=congress, kind=AttendanceKind.ARRIVED, undone=False
    ).aggregate(first=Min("at"))["first"]
    return CongressRecord(
        congress=congress,
        summoned=figures.summoned,
        present=figures.present,
        left=figures.left,
        absent=absent,
        guests=guests,
        first_arrival=timezone.localtime(first) if first else None,
        quorum=services.current_quorum(congress, figures),
        organs=queries.organs_with_members(congress),
        agenda=list(congress.agenda.all()),
        votes=services.current_hall_votes(congress),
        outcomes=results.outcomes_of(congress),
        targets=list(Target.objects.filter(congress=congress).order_by("position", "id")),
        speeches=speeches.speeches_given(congress),
        outgoing=outgoing_committee(unit_id=congress.unit_id, before_term=congress.term_start),
    )
