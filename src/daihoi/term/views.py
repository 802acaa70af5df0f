"""Pages of a congress's targets and of the term: the resolution's targets and the dashboard.

Each view: authorize through daihoi.term.access (congresses.access, accounts.access for a unit),
read the form, make one service call, redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi import replica
from daihoi.accounts.access import get_unit_for_user
from daihoi.congresses.access import get_congress_for_user
from daihoi.term import queries, services
from daihoi.term.access import get_target_for_user
from daihoi.term.errors import TermError
from daihoi.term.forms import TargetForm, ValueForm
from daihoi.term.models import Target
from daihoi.units.forms import add_errors

CONGRESSES_PER_PAGE = 20
ADDED = "Đã thêm chỉ tiêu số {position}."
SAVED = "Đã lưu chỉ tiêu số {position}."
REMOVED = "Đã xóa chỉ tiêu số {position}."
VALUE_SAVED = "Đã lưu số liệu năm {year}."
VALUE_CLEARED = "Đã xóa số liệu năm {year}."


def _initial(congress_term: tuple[int, int]) -> dict[str, object]:
    return {"first_year": congress_term[0], "last_year": congress_term[1]}


@login_required
@require_http_methods(["GET", "POST"])
def target_list(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=request.method == "POST")
    form = TargetForm(
        request.POST if request.method == "POST" else None,
        initial=_initial((congress.term_start, congress.term_end)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            target = services.add_target(
                congress=congress,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except TermError as error:
            add_errors(form, error)
        else:
            messages.success(request, ADDED.format(position=target.position))
            return redirect("term_targets", congress_id=congress.pk)
    return render(
        request,
        "term/targets.html",
        {
            "congress": congress,
            "targets": congress.targets.all(),
            "form": form,
            "tab": "targets",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, congress_id: int, target_id: int) -> HttpResponse:
    congress, target = get_target_for_user(
        request.user, congress_id, target_id, write=request.method == "POST"
    )
    data = services.TargetData.of(target)
    form = TargetForm(
        request.POST if request.method == "POST" else None,
        initial={**vars(data), "threshold": _threshold_text(target)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_target(target=target, data=form.to_data())
        except TermError as error:
            add_errors(form, error)
        else:
            messages.success(request, SAVED.format(position=target.position))
            return redirect("term_target_edit", congress_id=congress.pk, target_id=target.pk)
    return _target_page(request, congress, target, form, ValueForm(years=target.rule().years))


def _threshold_text(target: Target) -> str:
    if target.threshold is None:
        return ""
    text = f"{target.threshold.normalize():f}"
    return text.replace(".", ",")


def _target_page(
    request: HttpRequest,
    congress: object,
    target: Target,
    form: TargetForm,
    value_form: ValueForm,
    status: int = 200,
) -> HttpResponse:
    (row,) = queries.target_rows(target.congress, [target])
    return render(
        request,
        "term/target_edit.html",
        {
            "congress": congress,
            "target": target,
            "row": row,
            "form": form,
            "value_form": value_form,
            "tab": "targets",
        },
        status=status,
    )


@login_required
@require_POST
def target_remove(request: HttpRequest, congress_id: int, target_id: int) -> HttpResponse:
    congress, target = get_target_for_user(request.user, congress_id, target_id, write=True)
    position = target.position
    services.remove_target(target=target)
    messages.success(request, REMOVED.format(position=position))
    return redirect("term_targets", congress_id=congress.pk)


@login_required
@require_POST
def value_enter(request: HttpRequest, congress_id: int, target_id: int) -> HttpResponse:
    congress, target = get_target_for_user(request.user, congress_id, target_id, write=True)
    value_form = ValueForm(request.POST, years=target.rule().years)
    if value_form.is_valid():
        data = value_form.to_data()
        try:
            services.enter_value(target=target, data=data, by=request.user)  # type: ignore[arg-type]
        except TermError as error:
            add_errors(value_form, error)
        else:
            messages.success(request, VALUE_SAVED.format(year=data.year))
            return redirect("term_target_edit", congress_id=congress.pk, target_id=target.pk)
    data = services.TargetData.of(target)
    form = TargetForm(initial={**vars(data), "threshold": _threshold_text(target)})
    return _target_page(request, congress, target, form, value_form, status=400)


@login_required
@require_POST
def value_clear(request: HttpRequest, congress_id: int, target_id: int, year: int) -> HttpResponse:
    congress, target = get_target_for_user(request.user, congress_id, target_id, write=True)
    services.clear_value(target=target, year=year)
    messages.success(request, VALUE_CLEARED.format(year=year))
    return redirect("term_target_edit", congress_id=congress.pk, target_id=target.pk)


@login_required
@require_GET
def dashboard(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)

    def page() -> HttpResponse:
        rows = queries.target_rows(congress)
        years = sorted({cell.year for row in rows for cell in row.cells})
        return render(
            request,
            "term/dashboard.html",
            {
                "congress": congress,
                "current": [r for r in rows if not r.previous_term],
                "previous": [r for r in rows if r.previous_term],
                "years": years,
                "tab": "term",
            },
        )

    # A read-only report: it may come from the standby (daihoi.replica), its lag shown.
    return replica.report(request, page)


@login_required
@require_GET
def unit_overview(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)

    def overview() -> HttpResponse:
        page = Paginator(queries.congresses_with_targets(unit), CONGRESSES_PER_PAGE).get_page(
            request.GET.get("trang")
        )
        return render(
            request,
            "term/overview.html",
            {"unit": unit, "page": page, "summaries": queries.summaries(page.object_list)},
        )

    # A read-only report: it may come from the standby (daihoi.replica), its lag shown.
    return replica.report(request, overview)
