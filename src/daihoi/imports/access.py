"""The access check of import jobs, in the style of daihoi.accounts.access (one helper per kind).

A job is seen by whoever sees its unit (404 otherwise, as for units); confirming it needs a
role that may write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from daihoi.accounts.access import NOT_FOUND, READ_ONLY, can_see
from daihoi.imports.models import ImportJob

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


def get_import_job_for_user(
    user: User | AnonymousUser, job_id: int, *, write: bool = False
) -> ImportJob:
    """Return the job (with its unit) if the user may see its unit, else 404; 403 if read-only."""
    job = ImportJob.objects.select_related("unit").filter(pk=job_id).first()
    if job is None or not can_see(user, job.unit):
        raise Http404(NOT_FOUND)
    if write and not getattr(user, "can_write", False):
        raise PermissionDenied(READ_ONLY)
    return job
