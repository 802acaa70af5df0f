"""Pages that set a congress up: the list, the record, delegates, organs, agenda, documents.

Each view: authorize through daihoi.congresses.access (or accounts.access for the unit), read
the form, make one service call, redirect or render.
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.access import NOT_FOUND, get_unit_for_user, units_visible_to
from daihoi.accounts.models import User
from daihoi.accounts.users import suggested_username
from daihoi.congresses import errors, queries, services
from daihoi.congresses.access import (
    get_agenda_item_for_user,
    get_congress_by_public_token,
    get_congress_for_user,
    get_counting_seat_for_user,
    get_delegate_for_user,
    get_document_for_user,
    get_hall_vote_for_user,
    get_organ_for_user,
    get_organ_member_for_user,
)
from daihoi.congresses.errors import CongressError
from daihoi.congresses.forms import (
    AddMembersForm,
    AgendaItemForm,
    ApprovalForm,
    CongressRecordForm,
    DelegateEditForm,
    DelegateForm,
    DelegateSearchForm,
    DocumentForm,
    HallVoteCancelForm,
    HallVoteCorrectionForm,
    HallVoteForm,
    OrganMemberForm,
    SeatAccountForm,
)
from daihoi.congresses.models import Congress, CongressDocument, EventKind
from daihoi.congresses.services import CongressData
from daihoi.imports.uploads import SizeLimitHandler, parse_limited_upload
from daihoi.units.forms import add_errors
from daihoi.units.models import Member
from daihoi.units.views import is_htmx
from daihoi.units.words import member_word_vi

CONGRESSES_PER_PAGE = 30
DELEGATES_PER_PAGE = 100

ADDED_MEMBERS = "Đã thêm {count} người vào danh sách đại hội."
ADDED_MEMBERS_CONFERENCE = "Đã thêm {count} người vào danh sách hội nghị."
NOBODY_ADDED = "Không có ai mới: mọi {members} của đơn vị này đã có trong danh sách."
SAVED = "Đã lưu."
CREATED = "Đã tạo {title}."
REMOVED = "Đã xóa {name} khỏi danh sách."
DOCUMENT_ADDED = "Đã thêm tài liệu “{title}”."
DOCUMENT_REMOVED = "Đã xóa tài liệu “{title}”."
SEAT_ACCOUNT_LINKED = "{name} nhập phiếu bằng tài khoản “{username}”."
HALL_VOTE_RECORDED = "{title}: {message}"
HALL_VOTE_CORRECTED = (
    "Đã sửa kết quả biểu quyết “{title}” (lần ghi cũ vẫn lưu trong lịch sử): {message}"
)
HALL_VOTE_CANCELLED = "Đã hủy kết quả biểu quyết “{title}” (vẫn lưu trong lịch sử)."
AGENDA_RESET = "Đã khôi phục chương trình theo thứ tự quy định."


def _fail(request: HttpRequest, error: CongressError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --------------------------------------------------------------------------- congresses


@login_required
@require_GET
def congress_list(request: HttpRequest) -> HttpResponse:
    congresses = queries.congress_list(request.user)
    page = Paginator(congresses, CONGRESSES_PER_PAGE).get_page(request.GET.get("trang"))
    own_unit = getattr(request.user, "unit", None)
    return render(
        request,
        "congresses/congress_list.html",
        {"page": page, "own_unit": own_unit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def congress_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    # "Tạo hội nghị" links here with ?loai=hoi-nghi: the form opens on that kind.
    kind = request.GET.get("loai", "")
    initial = {"event_kind": kind} if kind in EventKind.values else {}
    form = CongressRecordForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            congress = services.create_congress(
                unit=unit,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, CREATED.format(title=congress.title))
            return redirect("congress_detail", congress_id=congress.pk)
    return render(request, "congresses/congress_form.html", {"form": form, "unit": unit})


@login_required
@require_GET
def congress_detail(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    overview = queries.congress_overview(congress)
    return render(
        request,
        "congresses/congress_detail.html",
        {"congress": congress, "overview": overview, "tab": "detail"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def congress_edit(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    initial = vars(CongressData.of(congress))
    form = CongressRecordForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.update_congress(congress=congress, data=form.to_data())
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, SAVED)
            return redirect("congress_detail", congress_id=congress.pk)
    return render(
        request,
        "congresses/congress_form.html",
        {"form": form, "unit": congress.unit, "congress": congress, "tab": "detail"},
    )


# --------------------------------------------------------------------------- delegates


@login_required
@require_GET
def delegate_list(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    form = DelegateSearchForm(request.GET, congress=congress)
    text, kind, presence = form.query()
    delegates = queries.delegates_of(congress, text=text, kind=kind, presence=presence)
    page = Paginator(delegates, DELEGATES_PER_PAGE).get_page(request.GET.get("trang"))
    context = {"congress": congress, "form": form, "page": page, "tab": "delegates"}
    template = "congresses/delegate_list.html"
    if is_htmx(request):
        template += "#results"
    else:
        context["problems"] = queries.congress_overview(congress).problems
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delegates_add_members(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    units = units_visible_to(request.user).subtree(congress.unit).order_by("path")
    form = AddMembersForm(
        request.POST if request.method == "POST" else None, congress=congress, units=units
    )
    if form.is_valid():
        unit = get_unit_for_user(request.user, form.cleaned_data["unit"].pk, write=True)
        members = Member.objects.in_subtree(unit).active().select_related("unit")
        try:
            added = services.add_delegates_from_members(
                congress=congress, members=members, kind=form.cleaned_data["kind"]
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            if added:
                added_message = (
                    ADDED_MEMBERS_CONFERENCE if congress.is_conference else ADDED_MEMBERS
                )
                messages.success(request, added_message.format(count=len(added)))
            else:
                nobody = NOBODY_ADDED.format(members=member_word_vi(unit))
                messages.info(request, nobody)
            return redirect("delegate_list", congress_id=congress.pk)
    return render(
        request,
        "congresses/delegates_add_members.html",
        {"congress": congress, "form": form, "tab": "delegates"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegate_create(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    form = DelegateForm(request.POST if request.method == "POST" else None, congress=congress)
    if form.is_valid():
        try:
            delegate = services.add_delegate(congress=congress, data=form.to_data())
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, CREATED.format(title=delegate.full_name))
            return redirect("delegate_list", congress_id=congress.pk)
    return render(
        request,
        "congresses/delegate_form.html",
        {"congress": congress, "form": form, "tab": "delegates"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegate_edit(request: HttpRequest, congress_id: int, delegate_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    delegate = get_delegate_for_user(request.user, congress, delegate_id, write=True)
    initial = {
        name: getattr(delegate, name)
        for name in ("kind", "position", "protocol_rank", "workplace", "sector", "union_officer")
    }
    form = DelegateEditForm(
        request.POST if request.method == "POST" else None, initial=initial, congress=congress
    )
    if form.is_valid():
        try:
            services.update_delegate(delegate=delegate, **form.cleaned_data)
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, SAVED)
            return redirect("delegate_list", congress_id=congress.pk)
    return render(
        request,
        "congresses/delegate_form.html",
        {"congress": congress, "form": form, "delegate": delegate, "tab": "delegates"},
    )


@login_required
@require_POST
def delegate_delete(request: HttpRequest, congress_id: int, delegate_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    delegate = get_delegate_for_user(request.user, congress, delegate_id, write=True)
    try:
        services.remove_delegate(delegate=delegate)
    except CongressError as error:
        _fail(request, error)
    else:
        messages.success(request, REMOVED.format(name=delegate.full_name))
    return redirect("delegate_list", congress_id=congress.pk)


# --------------------------------------------------------------------------- organs


@login_required
@require_GET
def organ_list(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    return render(
        request,
        "congresses/organs.html",
        {
            "congress": congress,
            "organs": queries.organs_with_members(congress),
            # One form per organ on the page: no ids, the labels wrap their fields.
            "member_form": OrganMemberForm(congress=congress, auto_id=False),
            "present": queries.hall_figures(congress).figures.present,
            "tab": "organs",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hall_votes(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The congress's shows of hands on its agenda, report, resolution and other items."""
    write = request.method == "POST"
    congress = get_congress_for_user(request.user, congress_id, write=write)
    initial = {"agenda_item": congress.current_item_id}
    form = HallVoteForm(request.POST if write else None, congress=congress, initial=initial)
    if write and form.is_valid():
        data = form.cleaned_data
        try:
            vote = services.record_hall_vote(
                congress=congress,
                subject=data["subject"],
                title=data["title"],
                yes=data["yes"],
                no=data["no"],
                abstain=data["abstain"],
                present=data["present"],
                agenda_item=form.agenda_item(),
                by=request.user,  # type: ignore[arg-type]
                show_on_projector=data["show"],
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            level = messages.SUCCESS if vote.adopted else messages.WARNING
            message = HALL_VOTE_RECORDED.format(title=vote.title, message=vote.decision)
            messages.add_message(request, level, message)
            return redirect("hall_votes", congress_id=congress.pk)
    return render(
        request,
        "congresses/hall_votes.html",
        {
            "congress": congress,
            "votes": queries.hall_vote_history(congress),
            "form": form,
            "present": queries.hall_figures(congress).figures.present,
            "tab": "hall_votes",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hall_vote_correct(request: HttpRequest, congress_id: int, vote_id: int) -> HttpResponse:
    """Correct a recorded show of hands (a new record replaces it, with the reason)."""
    write = request.method == "POST"
    congress = get_congress_for_user(request.user, congress_id, write=True)
    vote = get_hall_vote_for_user(request.user, congress, vote_id, write=True)
    form = HallVoteCorrectionForm(
        request.POST if write else None,
        congress=congress,
        initial=HallVoteCorrectionForm.initial_of(vote),
    )
    cancel_form = HallVoteCancelForm()
    if write and form.is_valid():
        data = form.cleaned_data
        try:
            correction = services.correct_hall_vote(
                vote=vote,
                title=data["title"],
                agenda_item=form.agenda_item(),
                yes=data["yes"],
                no=data["no"],
                abstain=data["abstain"],
                present=data["present"],
                reason=data["reason"],
                by=request.user,  # type: ignore[arg-type]
                show_on_projector=data["show"],
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            message = HALL_VOTE_CORRECTED.format(
                title=correction.title, message=correction.decision
            )
            messages.success(request, message)
            return redirect("hall_votes", congress_id=congress.pk)
    return render(
        request,
        "congresses/hall_vote_correct.html",
        {
            "congress": congress,
            "vote": vote,
            "form": form,
            "cancel_form": cancel_form,
            "tab": "hall_votes",
        },
    )


@login_required
@require_POST
def hall_vote_cancel(request: HttpRequest, congress_id: int, vote_id: int) -> HttpResponse:
    """Cancel a recorded show of hands (kept in the history with the reason)."""
    congress = get_congress_for_user(request.user, congress_id, write=True)
    vote = get_hall_vote_for_user(request.user, congress, vote_id, write=True)
    form = HallVoteCancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_hall_vote(
                vote=vote,
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, HALL_VOTE_CANCELLED.format(title=vote.title))
            return redirect("hall_votes", congress_id=congress.pk)
    return render(
        request,
        "congresses/hall_vote_correct.html",
        {
            "congress": congress,
            "vote": vote,
            "form": HallVoteCorrectionForm(
                congress=congress, initial=HallVoteCorrectionForm.initial_of(vote)
            ),
            "cancel_form": form,
            "tab": "hall_votes",
        },
        status=200,
    )


@login_required
@require_POST
def organ_member_add(request: HttpRequest, congress_id: int, organ_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    organ = get_organ_for_user(request.user, congress, organ_id, write=True)
    form = OrganMemberForm(request.POST, congress=congress)
    if form.is_valid():
        try:
            services.add_organ_member(
                organ=organ, delegate=form.cleaned_data["delegate"], role=form.cleaned_data["role"]
            )
        except CongressError as error:
            _fail(request, error)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    return redirect("organ_list", congress_id=congress.pk)


@login_required
@require_POST
def organ_member_remove(request: HttpRequest, congress_id: int, seat_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    seat = get_organ_member_for_user(request.user, congress, seat_id, write=True)
    services.remove_organ_member(seat=seat)
    return redirect("organ_list", congress_id=congress.pk)


@login_required
@require_POST
def organ_approval(request: HttpRequest, congress_id: int, organ_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    organ = get_organ_for_user(request.user, congress, organ_id, write=True)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.record_organ_approval(
                organ=organ,
                yes=data["yes"],
                no=data["no"],
                abstain=data["abstain"],
                present=data["present"],
                by=request.user,  # type: ignore[arg-type]
            )
        except CongressError as error:
            _fail(request, error)
        else:
            level = messages.SUCCESS if decision.adopted else messages.WARNING
            messages.add_message(request, level, f"{organ.get_kind_display()}: {decision.message}")
            warning = services.organ_presence_warning(organ)
            if warning:
                messages.warning(request, warning)
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    return redirect("organ_list", congress_id=congress.pk)


@never_cache  # the one-time password is on the page the POST answers
@login_required
@require_http_methods(["GET", "POST"])
def seat_account(request: HttpRequest, congress_id: int, seat_id: int) -> HttpResponse:
    """The account a Ban Kiểm phiếu member enters ballots with: made on the spot, or linked."""
    congress = get_congress_for_user(request.user, congress_id, write=True)
    seat = get_counting_seat_for_user(request.user, congress, seat_id)
    by = request.user
    assert isinstance(by, User)
    posted = request.POST if request.method == "POST" else None
    action = posted.get("action") if posted else None
    create = SeatAccountForm(
        posted if action == SeatAccountForm.CREATE else None,
        prefix=SeatAccountForm.CREATE,
        initial={"username": suggested_username(seat.delegate.full_name)},
    )
    link = SeatAccountForm(
        posted if action == SeatAccountForm.LINK else None, prefix=SeatAccountForm.LINK
    )
    if action == SeatAccountForm.CREATE and create.is_valid():
        try:
            account, password = services.create_seat_account(
                by=by, seat=seat, username=create.cleaned_data["username"]
            )
        except CongressError as error:
            add_errors(create, error)
        else:
            back = reverse("organ_list", args=[congress.pk]) + f"#organ-{seat.organ_id}"
            context = {"account": account, "password": password, "back_url": back}
            return render(request, "accounts/one_time_password.html", context)
    elif action == SeatAccountForm.LINK and link.is_valid():
        try:
            services.link_seat_account(by=by, seat=seat, username=link.cleaned_data["username"])
        except CongressError as error:
            add_errors(link, error)
        else:
            username = seat.account.username if seat.account else ""
            messages.success(
                request, SEAT_ACCOUNT_LINKED.format(name=seat.delegate.full_name, username=username)
            )
            return redirect(reverse("organ_list", args=[congress.pk]) + f"#organ-{seat.organ_id}")
    context = {"congress": congress, "seat": seat, "create": create, "link": link, "tab": "organs"}
    return render(request, "congresses/seat_account.html", context)


# --------------------------------------------------------------------------- agenda


@login_required
@require_GET
def agenda(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    items = list(congress.agenda.all())
    rows = [(item, AgendaItemForm(initial={"title": item.title, "presenter": item.presenter},
                                  prefix=f"i{item.pk}")) for item in items]  # fmt: skip
    return render(
        request,
        "congresses/agenda.html",
        {"congress": congress, "rows": rows, "form": AgendaItemForm(), "tab": "agenda"},
    )


@login_required
@require_POST
def agenda_add(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(congress=congress, **form.cleaned_data)
        except CongressError as error:
            for problem in error.messages:
                messages.error(request, problem)
    else:
        _form_errors(request, form)
    return redirect("agenda", congress_id=congress.pk)


def _form_errors(request: HttpRequest, form: object) -> None:
    for problems in form.errors.values():  # type: ignore[attr-defined]
        for problem in problems:
            messages.error(request, problem)


@login_required
@require_POST
def agenda_edit(request: HttpRequest, congress_id: int, item_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    item = get_agenda_item_for_user(request.user, congress, item_id, write=True)
    form = AgendaItemForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            services.update_agenda_item(item=item, **form.cleaned_data)
        except CongressError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, SAVED)
    else:
        _form_errors(request, form)
    return redirect("agenda", congress_id=congress.pk)


@login_required
@require_POST
def agenda_move(
    request: HttpRequest, congress_id: int, item_id: int, direction: str
) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    item = get_agenda_item_for_user(request.user, congress, item_id, write=True)
    if direction not in ("len", "xuong"):
        raise Http404(NOT_FOUND)
    services.move_agenda_item(item=item, up=direction == "len")
    return redirect("agenda", congress_id=congress.pk)


@login_required
@require_POST
def agenda_delete(request: HttpRequest, congress_id: int, item_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    item = get_agenda_item_for_user(request.user, congress, item_id, write=True)
    services.delete_agenda_item(item=item)
    return redirect("agenda", congress_id=congress.pk)


@login_required
@require_POST
def agenda_reset(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    services.reset_agenda(congress=congress)
    messages.success(request, AGENDA_RESET)
    return redirect("agenda", congress_id=congress.pk)


# --------------------------------------------------------------------------- documents


@csrf_exempt  # the CSRF check runs in _documents, once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, congress_id: int) -> HttpResponse:
    write = request.method == "POST"
    congress = get_congress_for_user(request.user, congress_id, write=write)
    # The limit applies while the body streams: a 120 MB body was read whole before.
    limit = parse_limited_upload(request, services.DOCUMENT_MAX_MB * 1024 * 1024)
    return _documents(request, congress, limit)


@csrf_protect
def _documents(
    request: HttpRequest, congress: Congress, limit: SizeLimitHandler | None
) -> HttpResponse:
    write = request.method == "POST"
    form = DocumentForm(request.POST or None, request.FILES or None)
    too_large = errors.DOCUMENT_TOO_LARGE.format(limit=services.DOCUMENT_MAX_MB)
    if write and (limit is None or limit.too_large):
        form = DocumentForm(request.POST or None)
        form.is_valid()
        form.add_error("file", too_large)
    elif write and form.is_valid():
        try:
            document = services.add_document(
                congress=congress,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                for_delegates=form.cleaned_data["for_delegates"],
                by=request.user,  # type: ignore[arg-type]
            )
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(request, DOCUMENT_ADDED.format(title=document.title))
            return redirect("documents", congress_id=congress.pk)
    return render(
        request,
        "congresses/documents.html",
        {
            "congress": congress,
            "documents": congress.documents.all(),
            "form": form,
            "public_url": request.build_absolute_uri(
                _public_url(congress),
            ),
            "tab": "documents",
        },
    )


def _public_url(congress: Congress) -> str:
    return reverse("public_documents", args=[congress.public_token])


def _file_response(document: CongressDocument) -> FileResponse:
    content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    response = FileResponse(
        document.file.open("rb"),
        filename=document.filename,
        content_type=content_type,
        as_attachment=not content_type.startswith(("application/pdf", "image/")),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def document_download(request: HttpRequest, congress_id: int, document_id: int) -> FileResponse:
    congress = get_congress_for_user(request.user, congress_id)
    document = get_document_for_user(request.user, congress, document_id)
    return _file_response(document)


@login_required
@require_POST
def document_delete(request: HttpRequest, congress_id: int, document_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    document = get_document_for_user(request.user, congress, document_id, write=True)
    services.delete_document(document=document)
    messages.success(request, DOCUMENT_REMOVED.format(title=document.title))
    return redirect("documents", congress_id=congress.pk)


@require_GET
def public_documents(request: HttpRequest, token: str) -> HttpResponse:
    """The page delegates open on their phones (the QR on the projector): no login."""
    congress = get_congress_by_public_token(token)
    return render(
        request,
        "congresses/public_documents.html",
        {
            "congress": congress,
            "documents": congress.documents.filter(for_delegates=True),
            "agenda": congress.agenda.all(),
        },
    )


@require_GET
def public_document(request: HttpRequest, token: str, document_id: int) -> FileResponse:
    congress = get_congress_by_public_token(token)
    document = congress.documents.filter(pk=document_id, for_delegates=True).first()
    if document is None:
        raise Http404(NOT_FOUND)
    return _file_response(document)
