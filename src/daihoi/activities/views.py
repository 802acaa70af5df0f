"""Pages of a unit's activities: the year's sums, each kind's list, add, edit, delete.

Each view: authorize through daihoi.activities.access (accounts.access for the unit), read the
form, make one service call, redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.accounts.access import get_unit_for_user
from daihoi.activities import queries, services
from daihoi.activities.access import get_record_for_user
from daihoi.activities.errors import ActivityError
from daihoi.activities.forms import YearFilterForm
from daihoi.activities.registry import BY_SLUG, KINDS, Kind
from daihoi.units.forms import add_errors

PER_PAGE = 50
SUMMARY_YEARS = 5
ADDED = "Đã thêm {one}."
SAVED = "Đã lưu {one}."
DELETED = "Đã xóa {one}."


def _list(kind: Kind, unit_id: int) -> HttpResponse:
    return redirect(f"activities_{kind.name}_list", unit_id=unit_id)


@login_required
@require_GET
def index(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's subtree's activities, summed for each of the last years."""
    unit = get_unit_for_user(request.user, unit_id)
    this_year = timezone.localdate().year
    years = list(range(this_year - SUMMARY_YEARS + 1, this_year + 1))
    summary = queries.subtree_activity_years(unit=unit, years=years)
    return render(
        request,
        "activities/index.html",
        {"unit": unit, "kinds": KINDS, "rows": [(y, summary[y]) for y in reversed(years)]},
    )


@login_required
@require_GET
def record_list(request: HttpRequest, unit_id: int, kind: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    what = BY_SLUG[kind]
    filter_form = YearFilterForm(request.GET)
    year = filter_form.cleaned_data["nam"] if filter_form.is_valid() else None
    page = Paginator(what.records(unit, year=year), PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "activities/list.html",
        {
            "unit": unit,
            "kind": what,
            "kinds": KINDS,
            "page": page,
            "year": year,
            "filter_form": filter_form,
            "rows_template": f"activities/_rows_{what.name}.html",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest, unit_id: int, kind: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    what = BY_SLUG[kind]
    form = what.form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            what.save(unit=unit, data=form.to_data(), by=request.user)  # type: ignore[attr-defined]
        except ActivityError as error:
            add_errors(form, error)
        else:
            messages.success(request, ADDED.format(one=what.one))
            return _list(what, unit.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activities/form.html",
        {"unit": unit, "kind": what, "kinds": KINDS, "form": form, "record": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, unit_id: int, kind: str, record_id: int) -> HttpResponse:
    what = BY_SLUG[kind]
    unit, record = get_record_for_user(request.user, unit_id, what, record_id, write=True)
    if request.method == "POST":
        form = what.form(request.POST)
    else:
        form = what.form(initial=_initial(what.data_of(record)))
    if request.method == "POST" and form.is_valid():
        try:
            what.save(
                unit=record.unit,
                data=form.to_data(),  # type: ignore[attr-defined]
                by=request.user,
                record=record,
            )
        except ActivityError as error:
            add_errors(form, error)
        else:
            messages.success(request, SAVED.format(one=what.one))
            return _list(what, unit.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activities/form.html",
        {"unit": unit, "kind": what, "kinds": KINDS, "form": form, "record": record},
        status=status,
    )


def _initial(data: object) -> dict[str, object]:
    initial = dict(vars(data))
    if isinstance(initial.get("amount"), int):
        initial["amount"] = f"{initial['amount']:,}".replace(",", ".")
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, unit_id: int, kind: str, record_id: int) -> HttpResponse:
    """GET asks to confirm; POST deletes."""
    what = BY_SLUG[kind]
    unit, record = get_record_for_user(request.user, unit_id, what, record_id, write=True)
    if request.method == "POST":
        services.delete_record(record=record)
        messages.success(request, DELETED.format(one=what.one))
        return _list(what, unit.pk)
    return render(
        request,
        "activities/delete.html",
        {
            "unit": unit,
            "kind": what,
            "kinds": KINDS,
            "record": record,
            "question": _("Xóa %s này?") % what.one,
        },
    )
