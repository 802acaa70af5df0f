"""The presidium's screen (live quorum, what the projector shows, opening the vote) and the
projector itself: a full-screen page that refreshes its figures every second.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.congresses import panels, queries, services, speeches
from daihoi.congresses.access import get_agenda_item_for_user, get_congress_for_user
from daihoi.congresses.errors import CongressError, QuorumNotReached
from daihoi.congresses.forms import OverrideForm, ProjectorForm, StatusForm
from daihoi.congresses.models import Congress, ProjectorMode
from daihoi.language import in_vietnamese

PRESIDIUM = "congresses/presidium.html"
PROJECTOR = "congresses/projector.html"

ELECTION_MAY_OPEN = "{message} Chuyển sang nội dung: {item}."
ELECTION_OVERRIDDEN = (
    "Đoàn Chủ tịch quyết định tiến hành khi chưa đủ số lượng ({reason}). {message}"
)
NO_ELECTION = (
    "Đại hội chưa có cuộc bầu cử nào nên chưa mở được: tạo cuộc bầu cử và danh sách ứng cử "
    "trong trang Bầu cử, rồi bấm Mở bầu cử."
)
NO_ELECTION_ITEM = "Chương trình không còn nội dung bầu cử: thêm lại trong trang Chương trình."


@login_required
@never_cache
@require_GET
def presidium(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    return render(
        request,
        PRESIDIUM,
        {
            "congress": congress,
            "hall": queries.hall_figures(congress),
            "standing": services.standing_override(congress),
            "agenda": list(congress.agenda.all()),
            "modes": projector_modes(congress),
            "override_form": OverrideForm(),
            "overrides": congress.overrides.select_related("by")[:5],
            "tab": "presidium",
        },
    )


@login_required
@never_cache
@require_GET
def presidium_quorum(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    response = render(
        request,
        f"{PRESIDIUM}#quorum",
        {
            "congress": congress,
            "hall": queries.hall_figures(congress),
            "standing": services.standing_override(congress),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _back(congress: Congress) -> HttpResponse:
    return redirect("presidium", congress_id=congress.pk)


@login_required
@require_POST
def presidium_projector(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    form = ProjectorForm(request.POST)
    allowed = {value for value, _label in projector_modes(congress)}
    if form.is_valid() and form.cleaned_data["mode"] in allowed:
        services.set_projector_mode(congress=congress, mode=form.cleaned_data["mode"])
    return _back(congress)


@login_required
@require_POST
def presidium_item(request: HttpRequest, congress_id: int) -> HttpResponse:
    """Show an agenda item on the projector: an item id, "next", or "" for none."""
    congress = get_congress_for_user(request.user, congress_id, write=True)
    choice = request.POST.get("item", "")
    item = None
    if choice == "next":
        items = list(congress.agenda.all())
        ids = [i.pk for i in items]
        current = congress.current_item_id
        index = ids.index(current) + 1 if current in ids else 0
        item = items[index] if index < len(items) else None
    elif choice.isdigit():
        item = get_agenda_item_for_user(request.user, congress, int(choice), write=True)
    services.set_current_item(congress=congress, item=item)
    return _back(congress)


@login_required
@require_POST
def presidium_status(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(congress=congress, status=form.cleaned_data["status"])
    return _back(congress)


@login_required
@require_POST
def open_election(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The "Mở bầu cử" button: refused without quorum unless the presidium records an override.

    On success the hall moves to the elections item of the agenda (the elections app takes
    over from there).
    """
    congress = get_congress_for_user(request.user, congress_id, write=True)
    if panels.elections_count(congress) == 0:
        messages.error(request, NO_ELECTION)
        return _back(congress)
    form = OverrideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    override = request.POST.get("override") == "1"
    try:
        result = services.require_quorum_or_override(
            congress,
            override_by=request.user if override else None,  # type: ignore[arg-type]
            reason=reason,
        )
    except QuorumNotReached as error:
        messages.error(request, str(error))
        return _back(congress)
    except CongressError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(congress)
    item = services.election_item(congress)
    if item is None:
        messages.warning(request, NO_ELECTION_ITEM)
        return _back(congress)
    services.set_current_item(congress=congress, item=item)
    services.set_projector_mode(congress=congress, mode=ProjectorMode.AGENDA)
    if result.reached:
        messages.success(request, ELECTION_MAY_OPEN.format(message=result.message, item=item))
    else:
        messages.warning(request, ELECTION_OVERRIDDEN.format(reason=reason, message=result.message))
    return _back(congress)


# --------------------------------------------------------------------------- projector

CONFERENCE_MODES = {
    ProjectorMode.WELCOME: _("Tên hội nghị (chào mừng)"),
    ProjectorMode.ATTENDANCE: _("Điểm danh"),
    ProjectorMode.AGENDA: ProjectorMode.AGENDA.label,
    ProjectorMode.SPEECHES: ProjectorMode.SPEECHES.label,
}


def projector_modes(congress: Congress) -> list[tuple[str, str]]:
    """Return the modes the presidium may switch to: a conference has no votes to show."""
    if congress.is_conference:
        return [(mode.value, str(label)) for mode, label in CONFERENCE_MODES.items()]
    return list(ProjectorMode.choices)


def shows_elections(congress: Congress) -> bool:
    """Tell whether the projector shows the elections panel (the one rule, stated here).

    In the elections mode, always; in the agenda mode, while the current item is the statutory
    elections step (``services.ELECTION_STEP``), so that "Mở bầu cử", which moves the hall to
    that item, puts the vote on the screen without the presidium switching modes. The welcome
    and attendance modes show what they always show.
    """
    if congress.projector_mode == ProjectorMode.ELECTIONS:
        return True
    item = congress.current_item
    return (
        congress.projector_mode == ProjectorMode.AGENDA
        and item is not None
        and item.step == services.ELECTION_STEP
    )


def _projector_context(request: HttpRequest, congress: Congress) -> dict[str, object]:
    context: dict[str, object] = {"congress": congress}
    if congress.projector_mode == ProjectorMode.WELCOME:
        link = request.build_absolute_uri(reverse("public_documents", args=[congress.public_token]))
        context.update(link=link, qr=queries.qr_svg(link))
        return context
    if congress.projector_mode == ProjectorMode.HALL_VOTE:
        # A vote open on the phones shows its growing tally; else the latest show of hands.
        context["live_vote"] = panels.live_vote(congress)
        if not context["live_vote"]:
            context["vote_screen"] = queries.latest_vote_screen(congress)
        return context
    if congress.projector_mode == ProjectorMode.SPEECHES:
        context["speaker"], context["waiting"] = speeches.screen(congress)
        return context
    panel = panels.elections_panel(congress) if shows_elections(congress) else ""
    context["elections_panel"] = panel
    if not panel:  # the panel has its own figures; without it, the attendance line
        context["hall"] = queries.hall_figures(congress)
    return context


@login_required
@never_cache
@require_GET
@in_vietnamese  # the hall's screen, whatever language the organizer's pages are in
def projector(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    context = _projector_context(request, congress)
    context["stylesheets"] = panels.stylesheets()
    return render(request, PROJECTOR, context)


@login_required
@never_cache
@require_GET
@in_vietnamese  # the hall's screen, whatever language the organizer's pages are in
def projector_screen(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The fragment the projector polls every second: one query for the congress, one count."""
    congress = get_congress_for_user(request.user, congress_id)
    response = render(request, f"{PROJECTOR}#screen", _projector_context(request, congress))
    patch_vary_headers(response, ["HX-Request"])
    return response
