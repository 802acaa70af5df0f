"""The unit dashboard page (thống kê): the figures of unit_statistics with a server-drawn chart."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi import replica
from daihoi.accounts.access import get_unit_for_user
from daihoi.units import queries
from daihoi.units.statistics import unit_statistics


@login_required
@require_GET
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    # A read-only roll-up: it may come from the standby (daihoi.replica), its lag shown.
    return replica.report(
        request,
        lambda: render(
            request,
            "units/unit_dashboard.html",
            {
                "unit": unit,
                "stats": unit_statistics(unit),
                "breadcrumb": queries.breadcrumb(unit, user=request.user),
            },
        ),
    )
