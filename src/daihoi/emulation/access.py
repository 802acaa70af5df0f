"""THE access checks of emulation: every view gets campaigns and their rows through these.

A campaign is launched by a unit for its subtree. A user sees the campaigns of their subtree and
those launched above them (which reach their unit); inside a campaign they see the units of their
own subtree only. Outside is 404, as if it did not exist; writing needs cán bộ or quản trị (403);
reviewing a unit's registrations needs a writer of a unit above it (403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, READ_ONLY, can_see
from daihoi.emulation import errors
from daihoi.emulation.models import Campaign, CouncilVote, Proposal, Registration
from daihoi.units.models import PATH_SEGMENT_WIDTH, Member, Unit, path_range

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

    AnyUser = User | AnonymousUser


def campaigns_visible_to(user: AnyUser) -> QuerySet[Campaign]:
    """Return the campaigns launched in the user's subtree or by a unit above the user's."""
    campaigns = Campaign.objects.select_related("unit")
    if not user.is_authenticated or not user.is_active:
        return campaigns.none()
    if user.is_superuser:
        return campaigns.all()
    if user.unit is None:
        return campaigns.none()
    path = user.unit.path
    low, high = path_range(path)
    above = [path[:end] for end in range(PATH_SEGMENT_WIDTH, len(path), PATH_SEGMENT_WIDTH)]
    return campaigns.filter(Q(unit__path__gte=low, unit__path__lt=high) | Q(unit__path__in=above))


def scope_unit(user: AnyUser, campaign: Campaign) -> Unit:
    """Return the unit a user works at in a campaign: their own if the campaign reaches it."""
    own = getattr(user, "unit", None)
    if own is not None and campaign.unit.contains(own) and not user.is_superuser:
        return own
    return campaign.unit


def _check_role(user: AnyUser, *, write: bool) -> None:
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)


def get_campaign_for_user(user: AnyUser, campaign_id: int) -> Campaign:
    """Return a campaign the user may see (launched in their subtree or above them), else 404."""
    campaign = campaigns_visible_to(user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404(NOT_FOUND)
    return campaign


def get_campaign_unit_for_user(
    user: AnyUser, campaign_id: int, unit_id: int, *, write: bool = False
) -> tuple[Campaign, Unit]:
    """Return a campaign and one unit it reaches that the user may see, else 404; 403 to write."""
    campaign = Campaign.objects.select_related("unit").filter(pk=campaign_id).first()
    unit = Unit.objects.filter(pk=unit_id).first()
    if (
        campaign is None
        or unit is None
        or not campaign.unit.contains(unit)
        or not can_see(user, unit)
    ):
        raise Http404(NOT_FOUND)
    _check_role(user, write=write)
    return campaign, unit


def get_member_in_unit(unit: Unit, member_id: int) -> Member:
    """Return a member of the unit's subtree (the caller checked the unit), else 404."""
    low, high = path_range(unit.path)
    member = (
        Member.objects.select_related("unit")
        .filter(pk=member_id, unit__path__gte=low, unit__path__lt=high)
        .first()
    )
    if member is None:
        raise Http404(NOT_FOUND)
    return member


def may_review(user: AnyUser, unit: Unit) -> bool:
    """Tell whether the user may approve or return this unit's registrations (a writer above)."""
    if not getattr(user, "can_write", False):
        return False
    if user.is_superuser:
        return True
    own = getattr(user, "unit", None)
    return own is not None and own.contains(unit) and own.pk != unit.pk


def get_registration_for_review(
    user: AnyUser, campaign: Campaign, registration_id: int
) -> Registration:
    """Return a registration of the campaign the user may review: 404 unseen, 403 not above."""
    registration = (
        Registration.objects.select_related("unit", "member", "campaign")
        .filter(pk=registration_id, campaign=campaign)
        .first()
    )
    if registration is None or not can_see(user, registration.unit):
        raise Http404(NOT_FOUND)
    _check_role(user, write=True)
    if not may_review(user, registration.unit):
        raise PermissionDenied(errors.REVIEW_NOT_ABOVE.format(unit=registration.unit.name))
    return registration


def get_registration_of_unit(
    user: AnyUser, campaign: Campaign, unit: Unit, registration_id: int
) -> Registration:
    """Return a registration of a unit the caller already checked (for resending), else 404."""
    registration = (
        Registration.objects.select_related("unit", "member")
        .filter(pk=registration_id, campaign=campaign, unit=unit)
        .first()
    )
    if registration is None:
        raise Http404(NOT_FOUND)
    _check_role(user, write=True)
    return registration


def get_council_vote(campaign: Campaign, unit: Unit, vote_id: int) -> CouncilVote:
    """Return a council vote of a unit the caller already checked, else 404."""
    vote = CouncilVote.objects.filter(pk=vote_id, campaign=campaign, unit=unit).first()
    if vote is None:
        raise Http404(NOT_FOUND)
    return vote


def get_proposal_of_unit(campaign: Campaign, unit: Unit, proposal_id: int) -> Proposal:
    """Return the proposal of a unit the caller already checked, else 404."""
    proposal = (
        Proposal.objects.select_related("unit", "campaign")
        .filter(pk=proposal_id, campaign=campaign, unit=unit)
        .first()
    )
    if proposal is None:
        raise Http404(NOT_FOUND)
    return proposal


def require_reviewer(user: AnyUser, unit: Unit) -> None:
    """Refuse (403) anyone but a writer of a unit above this one: the level that decides."""
    _check_role(user, write=True)
    if not may_review(user, unit):
        raise PermissionDenied(errors.PROPOSAL_NOT_ABOVE.format(unit=unit.name))


def deciding_unit(user: AnyUser, unit: Unit) -> Unit:
    """Return the level that decides for a reviewer: their own unit (a superuser: the parent)."""
    own = getattr(user, "unit", None)
    if own is not None and not user.is_superuser:
        return own
    assert unit.parent is not None
    return unit.parent
