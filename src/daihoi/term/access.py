"""THE access check of targets: a target belongs to a congress, seen through congresses.access."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses.access import get_congress_for_user
from daihoi.congresses.models import Congress
from daihoi.term.models import Target

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def get_target_for_user(
    user: User | AnonymousUser, congress_id: int, target_id: int, *, write: bool = False
) -> tuple[Congress, Target]:
    """Return the congress and its target if the user may see them, else 404; 403 if read-only."""
    congress = get_congress_for_user(user, congress_id, write=write)
    target = congress.targets.filter(pk=target_id).first()
    if target is None:
        raise Http404(NOT_FOUND)
    target.congress = congress
    return congress, target
