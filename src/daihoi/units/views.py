"""Pages of the organization tree and its members.

Each view: authorize through daihoi.accounts.access, read the form, make one call, redirect or
render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.accounts.access import (
    get_member_for_user,
    get_unit_for_user,
    units_visible_to,
)
from daihoi.units import queries, services
from daihoi.units.errors import UnitsError
from daihoi.units.forms import (
    MemberForm,
    MemberSearchForm,
    TransferForm,
    UnitForm,
    add_errors,
)
from daihoi.units.services import MemberData
from daihoi.units.words import member_word

MEMBERS_PER_PAGE = 50


def is_htmx(request: HttpRequest) -> bool:
    """Tell whether htmx asks for a fragment (a history restore wants the whole page)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    unit = queries.home_unit_for(request.user)
    if unit is None:
        return render(request, "units/no_unit.html")
    # Organizers come for their congresses: land on the list when there is one to run.
    from daihoi.congresses.access import congresses_visible_to

    if congresses_visible_to(request.user).exists():
        return redirect("congress_list")
    return redirect("unit_detail", unit_id=unit.pk)


@login_required
@require_GET
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    overview = queries.unit_overview(unit, user=request.user)
    return render(request, "units/unit_detail.html", {"unit": unit, "overview": overview})


@login_required
@require_GET
def member_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    form = MemberSearchForm(request.GET, unit=unit)
    text, status = form.query()
    members = queries.members_of_subtree(unit, text=text, status=status)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("trang"))
    template = "units/member_list.html"
    context = {
        "unit": unit,
        "form": form,
        "page": page,
        "breadcrumb": queries.breadcrumb(unit, user=request.user),
    }
    if is_htmx(request):
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id)
    transfers = member.transfers.select_related("from_unit", "to_unit", "by")
    return render(
        request,
        "units/member_detail.html",
        {
            "member": member,
            "transfers": transfers,
            "breadcrumb": queries.breadcrumb(member.unit, user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    form = MemberForm(request.POST if request.method == "POST" else None, unit=unit)
    if form.is_valid():
        try:
            member = services.create_member(unit=unit, data=form.to_data())
        except UnitsError as error:
            add_errors(form, error)
        else:
            added = _("Đã thêm %(member)s %(name)s.")
            messages.success(
                request, added % {"member": member_word(unit, one=True), "name": member}
            )
            return redirect("member_detail", member_id=member.pk)
    return render(request, "units/member_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, write=True)
    initial = vars(MemberData.of(member))
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        editing=True,
        unit=member.unit,
    )
    if form.is_valid():
        try:
            services.update_member(member=member, data=form.to_data())
        except UnitsError as error:
            add_errors(form, error)
        else:
            saved = _("Đã lưu thông tin %(member)s %(name)s.")
            word = member_word(member.unit, one=True)
            messages.success(request, saved % {"member": word, "name": member})
            return redirect("member_detail", member_id=member.pk)
    return render(
        request, "units/member_form.html", {"form": form, "unit": member.unit, "member": member}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_transfer(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id, write=True)
    targets = units_visible_to(request.user).exclude(pk=member.unit_id)
    form = TransferForm(request.POST if request.method == "POST" else None, units=targets)
    if form.is_valid():
        to_unit = get_unit_for_user(request.user, form.cleaned_data["to_unit"].pk, write=True)
        try:
            services.transfer_member(
                member=member,
                to_unit=to_unit,
                on=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
            )
        except UnitsError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã chuyển %(name)s đến %(unit)s.") % {"name": member, "unit": to_unit},
            )
            return redirect("member_detail", member_id=member.pk)
    text = request.GET.get("q", "")
    context = {
        "form": form,
        "member": member,
        "q": text,
        "choices": queries.unit_choices(
            targets, text=text, near=member.unit, chosen=str(form.data.get("to_unit", ""))
        ),
        "chosen": str(form.data.get("to_unit", "")),
    }
    template = "units/member_transfer.html"
    if is_htmx(request) and request.method == "GET":
        template += "#choices"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    parent = get_unit_for_user(request.user, unit_id, write=True, manage=True)
    form = UnitForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.create_unit(
                parent=parent,
                name=data["name"],
                short_name=data["short_name"],
                code=data["code"],
                kind=data["kind"],
            )
        except UnitsError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": unit})
            return redirect("unit_detail", unit_id=unit.pk)
    return render(request, "units/unit_form.html", {"form": form, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True, manage=True)
    parents = queries.possible_parents(unit, user=request.user)
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "kind": unit.kind,
        "parent": unit.parent_id,
    }
    form = UnitForm(
        request.POST if request.method == "POST" else None, initial=initial, parents=parents
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_unit(
                unit=unit,
                name=data["name"],
                short_name=data["short_name"],
                code=data["code"],
                kind=data["kind"],
                parent=data["parent"] if parents is not None else unit.parent,
            )
        except UnitsError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu đơn vị %(name)s.") % {"name": unit})
            return redirect("unit_detail", unit_id=unit.pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})
