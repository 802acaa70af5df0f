"""Open votes on the delegates' phones (biểu quyết công khai trên điện thoại), with a live tally.

The presidium opens a vote on an item (the agenda, the report, the resolution...); each voting
delegate checked in answers once on the phone session they vote with (for, against, abstain:
a unique constraint keeps one hand each, whatever two phones send at once); the projector polls
the tally. Closing records the congress's show of hands (``congresses.services.record_hall_vote``,
rules.md §2.1 and §1.5) with the hands of the delegates still in the hall, in the same
transaction: the hall vote is recorded exactly once, or the vote stays open and nothing is
written. It is an open vote: who voted how is kept, as a raised hand is seen in the hall.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import AgendaItem, Congress, Delegate, HallVote, Presence
from daihoi.elections import congress as hall
from daihoi.elections import errors
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import OpenChoice, OpenVote, OpenVoteHand
from daihoi.rules.numbers import number_vi, percent_vi

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    present: int  # voting delegates in the hall now

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    def percent(self, part: int) -> str:
        return percent_vi(part, self.present)

    @property
    def figures(self) -> list[tuple[str, str, str]]:
        """Return (label, count, share of those present) for the projector."""
        return [
            (str(OpenChoice.YES.label), number_vi(self.yes), self.percent(self.yes)),
            (str(OpenChoice.NO.label), number_vi(self.no), self.percent(self.no)),
            (str(OpenChoice.ABSTAIN.label), number_vi(self.abstain), self.percent(self.abstain)),
        ]


def current_open_vote(congress: Congress) -> OpenVote | None:
    return OpenVote.objects.filter(congress=congress, closed_at__isnull=True).first()


def tally(open_vote: OpenVote, *, in_hall_only: bool = False) -> Tally:
    """Count the hands (two queries); ``in_hall_only``: of delegates still checked in."""
    hands = OpenVoteHand.objects.filter(open_vote=open_vote)
    if in_hall_only:
        hands = hands.filter(delegate__presence=Presence.PRESENT)
    counts = dict(hands.values_list("choice").annotate(n=Count("id")).order_by())
    return Tally(
        yes=counts.get(OpenChoice.YES, 0),
        no=counts.get(OpenChoice.NO, 0),
        abstain=counts.get(OpenChoice.ABSTAIN, 0),
        present=congress_services.attendance(open_vote.congress).present,
    )


@transaction.atomic
def open_vote(
    *,
    congress: Congress,
    subject: str,
    title: str = "",
    agenda_item: AgendaItem | None = None,
    by: User | None = None,
) -> OpenVote:
    """Open a vote on the phones; refused while another is open (nothing written)."""
    title = congress_services.hall_vote_title(
        congress=congress, subject=subject, title=title, item=agenda_item
    )
    Congress.objects.select_for_update().filter(pk=congress.pk).first()
    running = current_open_vote(congress)
    if running is not None:
        raise ElectionError(errors.OPEN_VOTE_ALREADY_OPEN.format(title=running.title))
    vote = OpenVote.objects.create(
        congress=congress, subject=subject, title=title, agenda_item=agenda_item, opened_by=by
    )
    congress_services.set_projector_mode(congress=congress, mode="bieu-quyet")
    return vote


def cast_hand(*, open_vote_id: int, delegate: Delegate, choice: str) -> OpenVoteHand:
    """Record a delegate's hand: a voter checked in, the vote open, once."""
    if choice not in OpenChoice.values:
        raise ElectionError(errors.OPEN_VOTE_CHOICE_UNKNOWN)
    try:
        with transaction.atomic():
            vote = OpenVote.objects.select_for_update().filter(pk=open_vote_id).first()
            if vote is None or vote.congress_id != delegate.congress_id:
                raise ElectionError(errors.OPEN_VOTE_OTHER_CONGRESS)
            if vote.closed_at is not None:
                when = timezone.localtime(vote.closed_at).strftime("%H:%M")
                raise ElectionError(errors.OPEN_VOTE_CLOSED.format(title=vote.title, time=when))
            fresh = Delegate.objects.get(pk=delegate.pk)
            if not hall.is_voter(fresh):
                raise ElectionError(errors.NOT_A_VOTER.format(name=fresh.full_name))
            if not hall.is_checked_in(fresh):
                raise ElectionError(errors.NOT_CHECKED_IN.format(name=fresh.full_name))
            return OpenVoteHand.objects.create(open_vote=vote, delegate=fresh, choice=choice)
    except IntegrityError:
        title = OpenVote.objects.filter(pk=open_vote_id).values_list("title", flat=True).first()
        raise ElectionError(
            errors.OPEN_VOTE_ALREADY_CAST.format(name=delegate.full_name, title=title or "")
        ) from None


def hand_of(open_vote: OpenVote, delegate: Delegate) -> str:
    """Return the delegate's choice in this vote, "" if they have not voted."""
    found = OpenVoteHand.objects.filter(open_vote=open_vote, delegate=delegate).first()
    return found.choice if found else ""


@transaction.atomic
def close_vote(*, open_vote: OpenVote, by: User | None = None) -> HallVote:
    """Close the vote and record the show of hands with its figures (once, or nothing)."""
    vote = OpenVote.objects.select_for_update().select_related("congress").get(pk=open_vote.pk)
    if vote.closed_at is not None:
        when = timezone.localtime(vote.closed_at).strftime("%H:%M")
        raise ElectionError(errors.OPEN_VOTE_CLOSED.format(title=vote.title, time=when))
    # The hands of those who left before the close are not counted: they are not in the hall.
    figures = tally(vote, in_hall_only=True)
    result = congress_services.record_hall_vote(
        congress=vote.congress,
        subject=vote.subject,
        title=vote.title,
        yes=figures.yes,
        no=figures.no,
        abstain=figures.abstain,
        agenda_item=vote.agenda_item,
        by=by,
        show_on_projector=True,
    )
    vote.closed_at = timezone.now()
    vote.hall_vote = result
    vote.save(update_fields=["closed_at", "hall_vote"])
    return result


def projector_panel(congress: Congress) -> str:
    """Return the projector's HTML for the vote open on the phones, "" when none is."""
    from django.template.loader import render_to_string

    vote = current_open_vote(congress)
    if vote is None:
        return ""
    return render_to_string(
        "elections/open_vote_projector.html", {"vote": vote, "tally": tally(vote)}
    )
