"""The check-in desk: QR scanner field, camera, name search, one-tap arrival, undo, absences.

Works without JavaScript (plain forms, redirect back); with htmx each action swaps only the
part it changed and tells the page (HX-Trigger ``attendance-changed``) to refresh the counters.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses import queries, services
from daihoi.congresses.access import get_congress_for_user, get_delegate_for_user
from daihoi.congresses.errors import CongressError
from daihoi.congresses.forms import AbsentForm, ScanForm
from daihoi.congresses.models import Congress, Delegate
from daihoi.units.views import is_htmx

TEMPLATE = "congresses/desk.html"
CHANGED = "attendance-changed"
DESK_KEY = "daihoi_desk"

UNDONE = "Đã hoàn tác lượt {kind} của {name}."
LEFT = "Đã ghi {name} ra về."
ABSENT = "Đã ghi {name} vắng: {reason}."

ACTIONS = ("den", "ve", "vang", "hoan-tac")


def _desk(request: HttpRequest) -> str:
    """Return the desk's name: as typed on the page (htmx sends it), else the one remembered."""
    typed = request.POST.get("desk")
    if typed is not None:
        request.session[DESK_KEY] = typed.strip()[:40]
    return str(request.session.get(DESK_KEY, ""))


def _context(request: HttpRequest, congress: Congress, **extra: object) -> dict[str, object]:
    return {"congress": congress, "tab": "desk", **extra}


def _changed(response: HttpResponse) -> HttpResponse:
    response["HX-Trigger"] = CHANGED
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@never_cache
@require_GET
def desk(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    text = request.GET.get("q", "")[:100]
    return render(
        request,
        TEMPLATE,
        _context(
            request,
            congress,
            form=ScanForm(initial={"desk": _desk(request)}),
            hall=queries.hall_figures(congress),
            recent=queries.recent_events(congress),
            q=text,
            matches=queries.desk_matches(congress, text),
        ),
    )


@login_required
@require_POST
def desk_scan(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    form = ScanForm(request.POST)
    form.is_valid()
    code = form.cleaned_data.get("code", "")
    desk_name = form.cleaned_data.get("desk", "")
    request.session[DESK_KEY] = desk_name
    result, problem = None, ""
    try:
        result = services.check_in(
            congress=congress,
            code=code,
            desk=desk_name,
            by=request.user,  # type: ignore[arg-type]
        )
    except CongressError as error:
        problem = " ".join(error.messages)
    if not is_htmx(request):
        if result is None:
            messages.error(request, problem)
        elif result.already:
            messages.warning(request, result.message)
        else:
            messages.success(request, result.message)
        return redirect("desk", congress_id=congress.pk)
    response = render(
        request,
        f"{TEMPLATE}#scan_result",
        _context(request, congress, result=result, problem=problem),
    )
    return _changed(response)


@login_required
@never_cache
@require_GET
def desk_search(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    text = request.GET.get("q", "")[:100]
    response = render(
        request,
        f"{TEMPLATE}#matches",
        _context(request, congress, q=text, matches=queries.desk_matches(congress, text)),
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _act(request: HttpRequest, delegate: Delegate, action: str) -> str:
    """Apply one desk action; return the message to show."""
    user = request.user
    if action == "den":
        return services.check_in(
            congress=delegate.congress,
            delegate=delegate,
            desk=_desk(request),
            by=user,  # type: ignore[arg-type]
        ).message
    if action == "ve":
        services.check_out(delegate=delegate, desk=_desk(request), by=user)  # type: ignore[arg-type]
        return LEFT.format(name=delegate.full_name)
    if action == "vang":
        form = AbsentForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.mark_absent(delegate=delegate, reason=reason, by=user)  # type: ignore[arg-type]
        return ABSENT.format(name=delegate.full_name, reason=reason)
    event = services.undo_check_in(delegate=delegate, by=user)  # type: ignore[arg-type]
    return UNDONE.format(kind=event.get_kind_display().lower(), name=delegate.full_name)


@login_required
@require_POST
def desk_action(
    request: HttpRequest, congress_id: int, delegate_id: int, action: str
) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    delegate = get_delegate_for_user(request.user, congress, delegate_id, write=True)
    if action not in ACTIONS:
        raise Http404(NOT_FOUND)
    message, problem = "", ""
    try:
        message = _act(request, delegate, action)
    except CongressError as error:
        problem = " ".join(error.messages)
    if not is_htmx(request):
        if problem:
            messages.error(request, problem)
        else:
            messages.success(request, message)
        text = request.POST.get("q", "")[:100]
        target = reverse("desk", args=[congress.pk])
        return redirect(f"{target}?{urlencode({'q': text})}" if text else target)
    context = _context(
        request, congress, d=queries.desk_row(congress, delegate.pk), q=request.POST.get("q", "")
    )
    context.update(row_message=message, row_problem=problem)
    where = request.POST.get("from", "row")
    if where == "scan":
        template = f"{TEMPLATE}#scan_result"
        context.update(result=None, problem=problem, undone=message)
    else:
        template = f"{TEMPLATE}#match_row"
    return _changed(render(request, template, context))


@login_required
@never_cache
@require_GET
def desk_counters(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The live counters (desks, organizer screens): read access is enough."""
    congress = get_congress_for_user(request.user, congress_id)
    response = render(
        request,
        f"{TEMPLATE}#counters",
        _context(request, congress, hall=queries.hall_figures(congress)),
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@never_cache
@require_GET
def desk_recent(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    return render(
        request,
        f"{TEMPLATE}#recent",
        _context(request, congress, recent=queries.recent_events(congress)),
    )
