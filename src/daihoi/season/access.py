"""THE access check of seasons: a season is seen by those who see its upper unit (accounts.access).

A lower unit's officers do not see their upper unit, so they do not see the season's plan; they
see their own unit's steps through ``get_entry_for_user``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, READ_ONLY, can_see
from daihoi.season.models import Season, SeasonStep, SeasonUnit

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


def get_entry_for_user(
    user: User | AnonymousUser, entry_id: int, *, write: bool = False
) -> SeasonUnit:
    """Return a unit's place in a season if the user sees that unit, else 404; 403 if read-only."""
    entry = (
        SeasonUnit.objects.select_related("unit", "season", "season__unit")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not can_see(user, entry.unit):
        raise Http404(NOT_FOUND)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)
    return entry


def get_step_for_user(
    user: User | AnonymousUser, step_id: int, *, write: bool = False
) -> SeasonStep:
    """Return a step for the upper level to answer: seen by who sees the season's upper unit."""
    step = (
        SeasonStep.objects.select_related("entry__unit", "entry__season__unit")
        .filter(pk=step_id)
        .first()
    )
    if step is None or not can_see(user, step.entry.season.unit):
        raise Http404(NOT_FOUND)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)
    return step


def get_result_for_user(user: User | AnonymousUser, step_id: int) -> SeasonStep:
    """Return a step to read (its papers): seen by the unit that sent it and the levels above."""
    step = (
        SeasonStep.objects.select_related(
            "entry__unit__parent", "entry__season__unit", "congress__unit"
        )
        .filter(pk=step_id)
        .first()
    )
    if step is None or not can_see(user, step.entry.unit):
        raise Http404(NOT_FOUND)
    return step
