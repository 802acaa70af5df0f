"""Reports that read much may read from a PostgreSQL standby (issue 14, docs/deploy.md).

A read-only report view opts in explicitly, after its access checks (which read the primary):

    unit = get_unit_for_user(request.user, unit_id)
    return replica.report(request, lambda: render(request, "...", {...}))

``report`` builds the page with its reads sent to the standby (the database alias named by
``DAIHOI_REPLICA``, configured from ``DAIHOI_REPLICA_URL``) when the standby answers and is
behind the primary by no more than ``DAIHOI_REPLICA_MAX_LAG_SECONDS``; the page then says by
how much at most (``NOTICE``, shown by base.html). Otherwise, or if the standby fails while
the page is built, the page is built again from the primary. Writes always go to the primary
(``router.ReplicaRouter``). With no replica configured (the default, and SQLite) nothing
changes.

This package knows no app of daihoi: the apps import it.
"""

from __future__ import annotations

from daihoi.replica.reads import NOTICE, current_lag, measure_lag, report

__all__ = ["NOTICE", "current_lag", "measure_lag", "report"]
