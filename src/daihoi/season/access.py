"""THE access check of seasons: a season is seen by those who see its upper unit (accounts.access).

A lower unit's officers do not see their upper unit, so they do not see the season's plan; they
see their own unit's steps through ``get_entry_for_user``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, READ_ONLY, can_see
from daihoi.season.models import Season

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def get_season_for_user(
    user: User | AnonymousUser, season_id: int, *, write: bool = False
) -> Season:
    """Return the season if the user sees its upper unit, else 404; 403 if the role is read-only."""
    season = Season.objects.select_related("unit").filter(pk=season_id).first()
    if season is None or not can_see(user, season.unit):
        raise Http404(NOT_FOUND)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)
    return season
