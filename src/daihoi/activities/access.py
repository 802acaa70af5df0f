"""THE access check of the activities: a record is reached through a unit the user may see.

The unit comes from ``daihoi.accounts.access`` (outside the user's subtree: 404; read-only role
writing: 403); the record must be kept by that unit or a unit below it, else 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, get_unit_for_user
from daihoi.activities.queries import in_subtree
from daihoi.activities.registry import Kind
from daihoi.units.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def get_record_for_user(
    user: User | AnonymousUser, unit_id: int, kind: Kind, record_id: int, *, write: bool = False
) -> tuple[Unit, Any]:
    """Return the unit and a record of its subtree if the user may see them, else 404."""
    unit = get_unit_for_user(user, unit_id, write=write)
    record = (
        kind.model._default_manager.filter(in_subtree(unit), pk=record_id)
        .select_related("unit")
        .first()
    )
    if record is None:
        raise Http404(NOT_FOUND)
    return unit, record
