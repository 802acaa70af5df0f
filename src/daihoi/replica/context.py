"""Template context: on a page built from the standby, the notice of its lag (base.html)."""

from __future__ import annotations

from django.http import HttpRequest

from daihoi.replica.reads import NOTICE, current_lag


def replica_notice(request: HttpRequest) -> dict[str, str]:
    lag = current_lag()
    return {} if lag is None else {"replica_notice": NOTICE.format(seconds=lag)}
