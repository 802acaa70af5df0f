"""THE access checks of congresses: every view and API endpoint gets its objects through these.

A congress belongs to a unit; whoever may see the unit (daihoi.accounts.access) may see the
congress and everything in it. Outside the user's subtree is 404; inside, writing needs a role
that may write (cán bộ, quản trị), else 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, READ_ONLY, can_see
from daihoi.congresses.models import (
    AgendaItem,
    Congress,
    CongressDocument,
    Delegate,
    DelegateImport,
    HallVote,
    Organ,
    OrganKind,
    OrganMember,
)
from daihoi.units.models import path_range

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

    AnyUser = User | AnonymousUser


def congresses_visible_to(user: AnyUser) -> QuerySet[Congress]:
    """Return the congresses of the units this user may see, newest first."""
    congresses = Congress.objects.select_related("unit")
    if not user.is_authenticated or not user.is_active:
        return congresses.none()
    if user.is_superuser:
        return congresses.all()
    if user.unit is None:
        return congresses.none()
    low, high = path_range(user.unit.path)
    return congresses.filter(unit__path__gte=low, unit__path__lt=high)


def _check(user: AnyUser, congress: Congress | None, *, write: bool) -> Congress:
    if congress is None or not can_see(user, congress.unit):
        raise Http404(NOT_FOUND)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)
    return congress


def get_congress_for_user(user: AnyUser, congress_id: int, *, write: bool = False) -> Congress:
    """Return the congress (with its unit) if the user may see it, else 404; 403 if read-only."""
    congress = (
        Congress.objects.select_related("unit", "current_item").filter(pk=congress_id).first()
    )
    return _check(user, congress, write=write)


def get_delegate_for_user(
    user: AnyUser, congress: Congress, delegate_id: int, *, write: bool = False
) -> Delegate:
    """Return a delegate of a congress the caller already got through get_congress_for_user."""
    delegate = congress.delegates.filter(pk=delegate_id).first()
    if delegate is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    delegate.congress = congress
    return delegate


def get_organ_for_user(
    user: AnyUser, congress: Congress, organ_id: int, *, write: bool = False
) -> Organ:
    organ = congress.organs.filter(pk=organ_id).first()
    if organ is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    organ.congress = congress
    return organ


def get_organ_member_for_user(
    user: AnyUser, congress: Congress, seat_id: int, *, write: bool = False
) -> OrganMember:
    seat = (
        OrganMember.objects.select_related("organ", "delegate")
        .filter(pk=seat_id, organ__congress=congress)
        .first()
    )
    if seat is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    return seat


def get_counting_seat_for_user(user: AnyUser, congress: Congress, seat_id: int) -> OrganMember:
    """Return a Ban Kiểm phiếu seat whose teller account this user may give, else 404 or 403.

    Giving an account is managing accounts: quản trị only (accounts.access), as on the account
    pages; a cán bộ may not multiply the accounts that enter ballots.
    """
    from daihoi.accounts.access import require_account_admin

    seat = (
        OrganMember.objects.select_related("organ", "delegate", "account")
        .filter(pk=seat_id, organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU)
        .first()
    )
    if seat is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=True)
    require_account_admin(user)
    seat.organ.congress = congress
    return seat


def get_agenda_item_for_user(
    user: AnyUser, congress: Congress, item_id: int, *, write: bool = False
) -> AgendaItem:
    item = congress.agenda.filter(pk=item_id).first()
    if item is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    item.congress = congress
    return item


def get_hall_vote_for_user(
    user: AnyUser, congress: Congress, vote_id: int, *, write: bool = False
) -> HallVote:
    """Return a show of hands of a congress the caller already got (with what replaced it)."""
    vote = congress.hall_votes.select_related("replaced_by").filter(pk=vote_id).first()
    if vote is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    vote.congress = congress
    return vote


def get_document_for_user(
    user: AnyUser, congress: Congress, document_id: int, *, write: bool = False
) -> CongressDocument:
    document = congress.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    return document


def get_delegate_import_for_user(
    user: AnyUser, congress: Congress, import_id: int, *, write: bool = False
) -> DelegateImport:
    """Return an uploaded delegate list of a congress the caller already got."""
    upload = congress.imports.filter(pk=import_id).first()
    if upload is None:
        raise Http404(NOT_FOUND)
    _check(user, congress, write=write)
    upload.congress = congress
    return upload


def get_congress_by_public_token(token: str) -> Congress:
    """Return the congress whose delegates' documents link this is (no login), else 404."""
    congress = Congress.objects.select_related("unit").filter(public_token=token).first()
    if congress is None or not token.isdigit():
        raise Http404(NOT_FOUND)
    return congress
