"""THE access checks of elections: views get elections, rounds and candidates through these.

An election belongs to a congress; whoever may see the congress (the congress app's helper)
sees its elections, and writing needs the same rights as writing to the congress. Anything
else is 404, as if it did not exist; a read-only role writing gets 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from daihoi.elections import congress as hall
from daihoi.elections import errors
from daihoi.elections.errors import NOT_FOUND
from daihoi.elections.models import Candidate, Election, Round

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def get_election_for_user(
    user: User | AnonymousUser, election_id: int, *, write: bool = False
) -> Election:
    """Return the election if the user may see its congress, else 404; 403 if read-only."""
    election = Election.objects.filter(pk=election_id).first()
    if election is None:
        raise Http404(NOT_FOUND)
    election.congress = hall.get_congress_for_user(user, election.congress_id, write=write)
    return election


def get_round_for_user(user: User | AnonymousUser, round_id: int, *, write: bool = False) -> Round:
    """Return the round (with its election) if the user may see its congress, else 404."""
    round_ = Round.objects.select_related("election").filter(pk=round_id).first()
    if round_ is None:
        raise Http404(NOT_FOUND)
    congress = hall.get_congress_for_user(user, round_.election.congress_id, write=write)
    round_.election.congress = congress
    return round_


def get_candidate_for_user(
    user: User | AnonymousUser, candidate_id: int, *, write: bool = False
) -> Candidate:
    """Return the candidate (with its election) if the user may see its congress, else 404."""
    candidate = Candidate.objects.select_related("election").filter(pk=candidate_id).first()
    if candidate is None:
        raise Http404(NOT_FOUND)
    congress = hall.get_congress_for_user(user, candidate.election.congress_id, write=write)
    candidate.election.congress = congress
    return candidate


def get_delegate_for_user(user: User | AnonymousUser, delegate_id: int, *, write: bool = False):  # type: ignore[no-untyped-def]
    """Return the delegate if the user may see its congress, else 404; 403 if read-only."""
    delegate = hall.delegates().filter(pk=delegate_id).first()
    if delegate is None:
        raise Http404(NOT_FOUND)
    delegate.congress = hall.get_congress_for_user(user, delegate.congress_id, write=write)
    return delegate


def require_teller(user: User | AnonymousUser, round_: Round) -> None:
    """403 unless the user's account is linked to a seat of the congress's Ban Kiểm phiếu."""
    if hall.teller_seat(round_.election.congress, user) is None:
        raise PermissionDenied(errors.NOT_A_TELLER)
