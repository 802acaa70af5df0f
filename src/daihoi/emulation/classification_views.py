"""The page of the CĐCS classifications (xếp loại công đoàn cơ sở) of a unit's subtree, by year.

Same access as the unit's pages (outside the caller's subtree: 404; a read-only role sees the
table, writing is 403). The level is computed by ``emulation.classification`` from the points.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from daihoi.accounts.access import get_unit_for_user
from daihoi.emulation import classification, queries
from daihoi.emulation.classification import FIRST_1294_YEAR, criteria_text
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.forms import ClassificationForm
from daihoi.emulation.models import ClassificationScale, UnionClassification, points_vi
from daihoi.units.forms import add_errors


def _year(request: HttpRequest) -> int:
    text = request.GET.get("nam", "")
    if text.isdigit() and 1975 <= int(text) <= 2100:
        return int(text)
    return datetime.date.today().year - 1


def _initial(record: UnionClassification | None, *, unit_id: int, year: int) -> dict[str, object]:
    scale = ClassificationScale.HD_1294 if year >= FIRST_1294_YEAR else ClassificationScale.LEGACY
    if record is None:
        return {"unit": unit_id, "year": year, "scale": scale, "disciplined_from_warning": 0}

    def points(value: object) -> str:
        return "" if value is None else points_vi(value)

    return {
        "unit": record.unit_id,
        "year": record.year,
        "scale": record.scale,
        "group1": points(record.group1),
        "group2": points(record.group2),
        "group3": points(record.group3),
        "bonus": points(record.bonus),
        "criteria": criteria_text(record.criteria),
        "disciplined_from_warning": record.disciplined_from_warning,
        "source": record.source,
    }


@login_required
@require_http_methods(["GET", "POST"])
def classification_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    writing = request.method == "POST"
    unit = get_unit_for_user(request.user, unit_id, write=writing)
    units = queries.units_of(unit)
    year = _year(request)
    if writing:
        form = ClassificationForm(request.POST, units=units)
        if form.is_valid():
            try:
                record = classification.record_classification(
                    unit=form.cleaned_data["unit"],
                    within=unit,
                    data=form.to_data(),
                    by=request.user,  # type: ignore[arg-type]
                )
            except EmulationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã xếp loại {unit} năm {year}: {level}.").format(
                        unit=record.unit.name, year=record.year, level=record.get_level_display()
                    ),
                )
                url = reverse("classification_page", args=[unit.pk])
                return redirect(f"{url}?nam={record.year}")
    else:
        chosen = request.GET.get("don_vi", "")
        target = (units.filter(pk=int(chosen)).first() if chosen.isdigit() else None) or unit
        record = UnionClassification.objects.filter(unit=target, year=year).first()
        form = ClassificationForm(
            initial=_initial(record, unit_id=target.pk, year=year), units=units
        )
    can_write = getattr(request.user, "can_write", False)
    return render(
        request,
        "emulation/classifications.html",
        {
            "unit": unit,
            "year": year,
            "rows": classification.classifications_of(unit, year=year),
            "history": classification.history_of(unit),
            "form": form if can_write else None,
        },
        status=400 if writing else 200,
    )
