"""THE access checks: every view and API endpoint gets units and members through these.

A user sees their own unit and every unit below it (superusers see every unit). Anything else is
404, as if it did not exist, so an outsider learns nothing. Inside the subtree, writing needs the
cán bộ or quản trị role and changing units needs quản trị; otherwise 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from daihoi.units.models import Member, Unit, UnitQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem."
READ_ONLY = "Tài khoản của bạn chỉ được xem, không được thay đổi dữ liệu."
ADMIN_ONLY = "Chỉ tài khoản quản trị mới được thêm hoặc sửa đơn vị."


def units_visible_to(user: User | AnonymousUser) -> UnitQuerySet:
    """Return the units this user may see: their unit's subtree (all units for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    if user.unit is None:
        return Unit.objects.none()
    return Unit.objects.subtree(user.unit)


def can_see(user: User | AnonymousUser, unit: Unit) -> bool:
    """Tell whether this unit is inside the user's subtree (no query: compares paths)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.unit is not None and user.unit.contains(unit)


def _check_role(user: User | AnonymousUser, *, write: bool, manage: bool) -> None:
    if manage and not getattr(user, "can_manage", False):
        raise PermissionDenied(ADMIN_ONLY)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)


def get_unit_for_user(
    user: User | AnonymousUser, unit_id: int, *, write: bool = False, manage: bool = False
) -> Unit:
    """Return the unit if the user may see it, else 404; 403 if the role may not write.

    write: the caller will change something in this unit (add or edit members);
    manage: the caller will change the unit itself or add units below it (quản trị only).
    """
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not can_see(user, unit):
        raise Http404(NOT_FOUND)
    _check_role(user, write=write, manage=manage)
    return unit


def get_member_for_user(
    user: User | AnonymousUser, member_id: int, *, write: bool = False
) -> Member:
    """Return the member (with its unit) if the user may see it, else 404; 403 if read-only."""
    member = Member.objects.select_related("unit").filter(pk=member_id).first()
    if member is None or not can_see(user, member.unit):
        raise Http404(NOT_FOUND)
    _check_role(user, write=write, manage=False)
    return member


ACCOUNTS_ADMIN_ONLY = "Chỉ tài khoản quản trị mới được quản lý tài khoản người dùng."


def require_account_admin(user: User | AnonymousUser) -> None:
    """Raise 403 unless the user may manage accounts (quản trị of a unit, or superuser)."""
    if not getattr(user, "can_manage", False):
        raise PermissionDenied(ACCOUNTS_ADMIN_ONLY)


def accounts_managed_by(user: User | AnonymousUser) -> QuerySet[User]:
    """Return the accounts of the user's unit and the units below (superusers: all accounts).

    A superuser account is managed by superusers only, wherever it is attached.
    """
    from daihoi.accounts.models import User

    if not getattr(user, "can_manage", False):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(unit__in=units_visible_to(user), is_superuser=False)


def get_account_for_user(user: User | AnonymousUser, account_id: int) -> User:
    """Return an account the user may manage, else 404 (outside the subtree) or 403 (role)."""
    from daihoi.accounts.models import User

    account = User.objects.filter(pk=account_id).first()
    visible = account is not None and (
        user.is_superuser
        or (not account.is_superuser and account.unit is not None and can_see(user, account.unit))
    )
    if account is None or not visible:
        raise Http404(NOT_FOUND)
    require_account_admin(user)
    return account
