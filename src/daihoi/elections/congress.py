"""What elections need from the congress app, in one place.

The congress app owns congresses, delegates, check-in, quorum and organs; the elections app
reads them only through these functions (and ``elections/testing.py`` builds congresses for
the tests through the congress app's own services), so a change there is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from daihoi.documents.minutes import CHAIR, MEMBER, CommitteeMember
from daihoi.rules.profiles import Profile

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.congresses.models import Congress, Delegate, QuorumOverride


def profile_of(congress: Congress) -> Profile:
    """Return the rules profile the congress applies (trade union, Party, Youth Union)."""
    return congress.rules


def organization_of(congress: Congress) -> str:
    """Return the organization holding the congress, as the documents name it."""
    return congress.unit.name


def congress_heading(congress: Congress) -> str:
    """Return the congress as a document's header names it, with its term ("… khóa V")."""
    from daihoi.congresses.report import congress_name

    return congress_name(congress)


def members_voting(congress: Congress) -> str:
    """Return who votes at a đại hội toàn thể ("đoàn viên", "đảng viên"); "" for delegates."""
    return "" if congress.is_delegate_form else congress.member_word


def attendee_word(congress: Congress) -> str:
    """Return who attends and votes: "đại biểu", or "đoàn viên" at a đại hội toàn thể."""
    return congress.attendee_word


def is_voter(delegate: Delegate) -> bool:
    """Tell whether this delegate votes (summoned, not an invited guest)."""
    return delegate.is_voting


def is_checked_in(delegate: Delegate) -> bool:
    """Tell whether the delegate is in the hall (checked in and not left), as last read."""
    return delegate.is_present


@dataclass(frozen=True)
class Hall:
    """Who is summoned and who is present, for the round's figures and the minutes."""

    summoned: int
    present: int


def hall_figures(congress: Congress) -> Hall:
    from daihoi.congresses.services import current_quorum

    quorum = current_quorum(congress)
    return Hall(summoned=quorum.summoned, present=quorum.present)


def standing_override(congress: Congress) -> QuorumOverride | None:
    """Return the presidium's latest decision to proceed without the quorum, if there is one."""
    from daihoi.congresses.services import standing_override

    return standing_override(congress)


def require_quorum(congress: Congress, *, user: User, override_reason: str = "") -> None:
    """Refuse unless quorum is reached or the presidium decided to proceed without it.

    The congress app's ``require_quorum_or_override`` keeps the override for the record
    (rules.md §1.2); its refusal becomes the elections' error with the same message. A decision
    already recorded on the congress (at "Mở bầu cử" or an earlier round) stands for the rest of
    the congress: the presidium decided once, with its reason, and is not asked again; a new
    reason typed anyway is recorded as a new decision.
    """
    from daihoi.congresses.errors import CongressError
    from daihoi.congresses.services import require_quorum_or_override
    from daihoi.elections.errors import ElectionError

    try:
        if override_reason.strip():
            require_quorum_or_override(congress, override_by=user, reason=override_reason)
        else:
            require_quorum_or_override(congress)
    except CongressError as error:
        raise ElectionError(" ".join(error.messages), field="reason") from None


def quorum_reached(congress: Congress) -> bool:
    from daihoi.congresses.services import current_quorum

    return current_quorum(congress).reached


def counting_signature_warning(congress: Congress) -> str:
    """Return the warning that members of the Ban Kiểm phiếu are away to sign, or ""."""
    from daihoi.congresses.services import counting_signature_warning as warning

    return warning(congress)


def counting_committee(congress: Congress) -> tuple[CommitteeMember, ...]:
    """Return the members of the Ban Kiểm phiếu, head first, for the minutes and the log."""
    from daihoi.congresses.models import OrganKind, OrganMember

    seats = (
        OrganMember.objects.filter(organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU)
        .select_related("delegate")
        .order_by("order", "id")
    )
    members = [
        CommitteeMember(name=seat.delegate.full_name, role=CHAIR if seat.is_head else MEMBER)
        for seat in seats
    ]
    return tuple(sorted(members, key=lambda m: not m.is_chair))


@dataclass(frozen=True)
class TellerSeat:
    """A Ban Kiểm phiếu member as the entry log names them: the delegate behind an account."""

    delegate_id: int
    name: str


def teller_seat(congress: Congress, user: Any) -> TellerSeat | None:
    """Return the Ban Kiểm phiếu seat this account is linked to, or None (not a teller)."""
    from daihoi.congresses.models import OrganKind, OrganMember

    if not getattr(user, "is_authenticated", False):
        return None
    seat = (
        OrganMember.objects.filter(
            organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU, account=user
        )
        .select_related("delegate")
        .first()
    )
    if seat is None:
        return None
    return TellerSeat(delegate_id=seat.delegate_id, name=seat.delegate.full_name)


def counting_committee_seats(congress: Congress) -> list[TellerSeat]:
    """Return the Ban Kiểm phiếu's seats in their order (an encrypted round's key holders)."""
    from daihoi.congresses.models import OrganKind, OrganMember

    seats = (
        OrganMember.objects.filter(organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU)
        .select_related("delegate")
        .order_by("order", "id")
    )
    return [TellerSeat(delegate_id=s.delegate_id, name=s.delegate.full_name) for s in seats]


def counting_committee_ids(congress: Congress) -> set[int]:
    """Return the delegate ids of the Ban Kiểm phiếu (who count the votes are not on the list)."""
    from daihoi.congresses.models import OrganKind, OrganMember

    seats = OrganMember.objects.filter(
        organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU
    )
    return set(seats.values_list("delegate_id", flat=True))


def find_congress(*, unit_code: str, term_start: int) -> Congress | None:
    """Return the congress of a unit (by its code) for the term starting that year, if any."""
    from daihoi.congresses.models import Congress

    return Congress.objects.filter(unit__code=unit_code, term_start=term_start).first()


def get_congress_for_user(user: Any, congress_id: int, *, write: bool = False) -> Congress:
    from daihoi.congresses.access import get_congress_for_user as helper

    return helper(user, congress_id, write=write)


def delegates() -> Any:
    """Return every delegate (a queryset of the congress app's model)."""
    from daihoi.congresses.models import Delegate

    return Delegate.objects.all()


def delegates_of(congress: Congress) -> Any:
    return delegates().filter(congress=congress)


def voting_delegates_of(congress: Congress) -> Any:
    return delegates_of(congress).voting()
