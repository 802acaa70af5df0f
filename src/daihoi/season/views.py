"""Pages of the congress season: an upper unit's seasons and a season's plan.

Each view: authorize through accounts.access / season.access, read the form, make one service
call, redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from daihoi.accounts.access import get_unit_for_user
from daihoi.season import queries, services
from daihoi.season.access import get_season_for_user
from daihoi.season.errors import SeasonError
from daihoi.season.forms import SeasonForm, plan_table, read_plan
from daihoi.units.forms import add_errors

OPENED = "Đã lập kế hoạch “{name}” với {count} đơn vị tổ chức đại hội."
PLAN_SAVED = "Đã lưu kế hoạch của {count} đơn vị."
PLAN_REFUSED = "Chưa lưu: {count} lỗi, kế hoạch giữ nguyên như trước. Sửa các ô được đánh dấu."


@login_required
@require_http_methods(["GET", "POST"])
def season_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=request.method == "POST")
    kinds = services.kinds_below(unit)
    form = SeasonForm(request.POST if request.method == "POST" else None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            season = services.open_season(
                unit=unit,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(request, OPENED.format(name=season.name, count=season.entries.count()))
            return redirect("season_plan", season_id=season.pk)
    return render(
        request,
        "season/list.html",
        {"unit": unit, "seasons": queries.seasons_of(unit.pk), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def season_plan(request: HttpRequest, season_id: int) -> HttpResponse:
    season = get_season_for_user(request.user, season_id, write=request.method == "POST")
    plan = queries.plan_of(season)
    problems: list[str] = []
    table = plan_table(plan.lines)
    if request.method == "POST":
        try:
            rows = read_plan(request.POST, [line.entry for line in plan.lines])
            saved = services.save_plan(season=season, rows=rows)
        except SeasonError as error:
            problems = error.messages
            table = plan_table(plan.lines, request.POST, error.errors)
            messages.error(request, PLAN_REFUSED.format(count=len(problems)))
        else:
            messages.success(request, PLAN_SAVED.format(count=len(saved)))
            return redirect("season_plan", season_id=season.pk)
    return render(
        request,
        "season/plan.html",
        {"season": season, "plan": plan, "table": table, "problems": problems},
        status=400 if problems else 200,
    )
