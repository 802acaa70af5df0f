"""What elections need from the congress app, in one place.

The congress app owns congresses, delegates, check-in, quorum and organs; the elections app
reads them only through these functions, so a change there is a change here only. Written
before the congress app's models landed, against this interface (adapt the bodies below, and
``elections/testing.py`` which creates congress rows for the tests, to the real names):

- ``congresses.models.Congress``: ``unit`` (FK), ``profile`` (``cong-doan``/``dang``/``doan``),
  ``str()`` its title; ``Delegate``: ``congress``, ``member`` (nullable), ``full_name``,
  ``number``, ``is_voting`` (official delegates vote, guests do not); ``Attendance``:
  ``delegate`` with a ``present()`` queryset (checked in and not left); ``OrganKind.BAN_KIEM_PHIEU``
  and ``OrganMember`` (``organ__congress``, ``organ__kind``, ``full_name``, ``is_head``,
  ``position``).
- ``congresses.services.current_quorum(congress)`` with ``summoned`` and ``present``;
  ``require_quorum_or_override(congress, user=..., purpose=...)`` raising ``QuorumError``.
- ``congresses.access.get_congress_for_user(user, congress_id, write=...)``: 404 / 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from daihoi.documents.minutes import CHAIR, MEMBER, CommitteeMember
from daihoi.rules.profiles import PROFILES, Profile

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.congresses.models import Congress, Delegate


def profile_of(congress: Congress) -> Profile:
    """Return the rules profile the congress applies (trade union, Party, Youth Union)."""
    return PROFILES[congress.profile]


def organization_of(congress: Congress) -> str:
    """Return the organization holding the congress, as the documents name it."""
    return congress.unit.name


def congress_title(congress: Congress) -> str:
    return str(congress)


def is_voter(delegate: Delegate) -> bool:
    """Tell whether this delegate votes (an official delegate, not an invited guest)."""
    return bool(delegate.is_voting)


def is_checked_in(delegate: Delegate) -> bool:
    """Tell whether the delegate is in the hall now (checked in and not left)."""
    from daihoi.congresses.models import Attendance

    return Attendance.objects.filter(delegate=delegate).present().exists()


@dataclass(frozen=True)
class Hall:
    """Who is summoned and who is present, for the round's figures and the minutes."""

    summoned: int
    present: int


def hall_figures(congress: Congress) -> Hall:
    from daihoi.congresses.services import current_quorum

    quorum = current_quorum(congress)
    return Hall(summoned=quorum.summoned, present=quorum.present)


def require_quorum(congress: Congress, *, user: User, what: str) -> None:
    """Raise the congress app's error unless quorum is reached or the presidium overrode it."""
    from daihoi.congresses.services import QuorumError, require_quorum_or_override
    from daihoi.elections.errors import ElectionError

    try:
        require_quorum_or_override(congress, user=user, purpose=what)
    except QuorumError as error:
        raise ElectionError(str(error)) from None


def counting_committee(congress: Congress) -> tuple[CommitteeMember, ...]:
    """Return the members of the Ban Kiểm phiếu, chair first, for the minutes."""
    from daihoi.congresses.models import OrganKind, OrganMember

    rows = OrganMember.objects.filter(
        organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU
    ).order_by("-is_head", "position", "id")
    return tuple(
        CommitteeMember(name=row.full_name, role=CHAIR if row.is_head else MEMBER) for row in rows
    )


def get_congress_for_user(user: Any, congress_id: int, *, write: bool = False) -> Congress:
    from daihoi.congresses.access import get_congress_for_user as helper

    return helper(user, congress_id, write=write)


def delegates() -> Any:
    """Return every delegate (a queryset of the congress app's model)."""
    from daihoi.congresses.models import Delegate

    return Delegate.objects.all()


def delegates_of(congress: Congress) -> Any:
    return delegates().filter(congress=congress)
