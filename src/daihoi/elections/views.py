"""Pages of elections for the presidium and the counting committee.

Each view: authorize through daihoi.elections.access, read the form, make one call, redirect or
render. Reading needs the congress to be visible; every change needs the right to write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.elections import access, documents, errors, services
from daihoi.elections import congress as hall
from daihoi.elections.errors import ElectionError
from daihoi.elections.forms import (
    CandidateForm,
    CollectedForm,
    DecisionForm,
    ElectionForm,
    EntryForm,
    IssuedForm,
    MinutesResultForm,
    ResolveForm,
    ShowOfHandsForm,
    VotingForm,
    WithdrawForm,
    add_error,
)
from daihoi.elections.models import (
    CongressDecision,
    Round,
    RoundStatus,
)
from daihoi.elections.presenters import (
    entry_rows,
    mismatch_rows,
    result_rows,
    revote_rule,
    round_steps,
    tie_names,
    totals_rows,
)
from daihoi.elections.projector import close_digest, projector_panel
from daihoi.elections.snapshot import round_title
from daihoi.language import in_vietnamese
from daihoi.rules import keyboard
from daihoi.rules.counting import STATUS_LABELS
from daihoi.rules.digest import group_hex
from daihoi.rules.election import INVALID_REASON_LABELS
from daihoi.units.models import Member

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ENTRY_MODE_KEY = "elections.entry_mode"


def is_htmx(request: HttpRequest) -> bool:
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _round_pdf(
    request: HttpRequest, round_: Round, make: Callable[[Round], bytes], filename: str
) -> HttpResponse:
    """The round's document as a download, or back to the round's page saying why there is
    none yet."""
    try:
        content = make(round_)
    except ElectionError as error:
        messages.error(request, error.message)
        return redirect("round_detail", round_id=round_.pk)
    return _file(content, PDF, filename)


# --- Elections ----------------------------------------------------------------------------------


@login_required
@require_GET
def election_list(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = hall.get_congress_for_user(request.user, congress_id)
    elections = (
        congress.elections.select_related("minutes_result")
        .prefetch_related("rounds")
        .order_by("id")
    )
    return render(
        request,
        "elections/election_list.html",
        {"congress": congress, "elections": elections, "form": ElectionForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def election_create(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = hall.get_congress_for_user(request.user, congress_id, write=True)
    form = ElectionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            election = services.create_election(
                congress=congress,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                seats=form.cleaned_data["seats"],
                alternates=form.cleaned_data["alternates"] or 0,
            )
        except ElectionError as error:
            add_error(form, error)
        else:
            return redirect("election_detail", election_id=election.pk)
    return render(request, "elections/election_form.html", {"congress": congress, "form": form})


@login_required
@require_GET
def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, election_id)
    rounds = list(election.rounds.order_by("number"))
    first = rounds[0]
    recorded = services.result_from_minutes(election)
    seats = list(recorded.seats.all()) if recorded else []
    return render(
        request,
        "elections/election_detail.html",
        {
            "election": election,
            "congress": election.congress,
            "rounds": rounds,
            "first": first,
            "recorded": recorded,
            "recorded_elected": [s.candidate.full_name for s in seats if not s.alternate],
            "recorded_alternates": [s.candidate.full_name for s in seats if s.alternate],
            "candidates": election.candidates.order_by("withdrawn", "name_key", "id"),
            "list_open": first.status == RoundStatus.DRAFT and recorded is None,
            "checks": services.surplus_checks(first),
            "standing": services.standing(election),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_add(request: HttpRequest, election_id: int) -> HttpResponse:
    election = access.get_election_for_user(request.user, election_id, write=True)
    delegates = hall.delegates_of(election.congress).order_by("full_name")
    members = Member.objects.in_subtree(election.congress.unit).active().order_by("name_key")
    form = CandidateForm(
        request.POST if request.method == "POST" else None, delegates=delegates, members=members
    )
    if form.is_valid():
        try:
            candidate = services.add_candidate(
                election=election,
                delegate=form.cleaned_data["delegate"],
                member=form.cleaned_data["member"],
                full_name=form.cleaned_data["full_name"],
                nomination=form.cleaned_data["nomination"],
            )
        except ElectionError as error:
            add_error(form, error)
        else:
            messages.success(request, f"Đã thêm {candidate.full_name} vào danh sách bầu cử.")
            return redirect("election_detail", election_id=election.pk)
    return render(request, "elections/candidate_form.html", {"election": election, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def minutes_result(request: HttpRequest, election_id: int) -> HttpResponse:
    """Record the result of an election voted outside daihoi, as its minutes name them."""
    election = access.get_election_for_user(request.user, election_id, write=True)
    form = MinutesResultForm(
        request.POST if request.method == "POST" else None,
        candidates=election.candidates.filter(withdrawn=False).order_by("name_key", "id"),
        alternates=election.alternates > 0,
    )
    if form.is_valid():
        try:
            services.record_result_from_minutes(
                election=election,
                elected=list(form.cleaned_data["elected"]),
                alternates=list(form.cleaned_data.get("alternates") or ()),
                held_on=form.cleaned_data["held_on"],
                source=form.cleaned_data["source"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ElectionError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả theo biên bản."))
            return redirect("election_detail", election_id=election.pk)
    return render(request, "elections/minutes_result.html", {"election": election, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def candidate_withdraw(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = access.get_candidate_for_user(request.user, candidate_id, write=True)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.withdraw_candidate(candidate=candidate, reason=form.cleaned_data["reason"])
        except ElectionError as error:
            add_error(form, error)
        else:
            messages.success(request, f"{candidate.full_name} đã rút khỏi danh sách bầu cử.")
            return redirect("election_detail", election_id=candidate.election_id)
    return render(
        request, "elections/candidate_withdraw.html", {"candidate": candidate, "form": form}
    )


# --- A round ------------------------------------------------------------------------------------


def _approve_form(round_: Round) -> ShowOfHandsForm | None:
    """Offer the show of hands on the list with the delegates checked in now as present."""
    if round_.status != RoundStatus.DRAFT:
        return None
    return ShowOfHandsForm(initial={"present": hall.hall_figures(round_.election.congress).present})


def _round_context(round_: Round) -> dict[str, Any]:
    election = round_.election
    names = services.list_of(round_)
    context: dict[str, Any] = {
        "round": round_,
        "election": election,
        "congress": election.congress,
        "title": round_title(round_),
        "names": names,
        "steps": round_steps(round_),
        "checks": services.surplus_checks(round_) if names else [],
        "approve_form": _approve_form(round_),
        "voting_form": VotingForm(initial={"paper": round_.paper, "phone": round_.phone}),
        "issued_form": IssuedForm(initial={"issued": round_.issued}),
        "decision": CongressDecision.objects.filter(after_round=round_).first(),
    }
    if round_.status == RoundStatus.LIST_APPROVED:
        context["quorum_reached"] = hall.quorum_reached(election.congress)
        if not context["quorum_reached"]:
            context["override"] = hall.standing_override(election.congress)
    if round_.phone and round_.status in (
        RoundStatus.OPEN,
        RoundStatus.CLOSED,
        RoundStatus.COUNTED,
    ):
        context["turnout"] = services.turnout(round_)
    context["close_digest"] = close_digest(round_)
    if round_.status == RoundStatus.CLOSED and round_.paper:
        context["paper"] = services.paper_state(round_)
        context["missing"] = services.missing_entries(round_, context["paper"])
        context["collected_form"] = CollectedForm(initial={"collected": round_.collected})
    if round_.status == RoundStatus.COUNTED and round_.result:
        context["result_rows"] = result_rows(round_)
        context["digest"] = group_hex(round_.digest_hex)
        context["status_labels"] = STATUS_LABELS
        standing = services.standing(election)
        context["needs_decision"] = (
            standing.undecided is not None and standing.undecided.pk == round_.pk
        )
        context["revote_rule"] = revote_rule(round_)
        context["tie_names"] = tie_names(round_)
        context["signature_warning"] = hall.counting_signature_warning(election.congress)
        decision = context["decision"]
        if decision is not None and decision.continue_voting:
            context["next_round"] = Round.objects.filter(decided_by=decision).first()
    return context


@login_required
@require_GET
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    # htmx polls the phone turnout while the round is open (the page itself is not re-sent).
    template = "elections/round_detail.html" + ("#turnout" if is_htmx(request) else "")
    context = _round_context(round_)
    # the Ban Kiểm phiếu's own steps (the key, the decryption, the count) are offered to its
    # members; the others are told whose steps they are, not sent to a refusal
    context["teller"] = hall.teller_seat(round_.election.congress, request.user) is not None
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _round_action(
    request: HttpRequest, round_: Round, action: Any, success: str = ""
) -> HttpResponse:
    try:
        action()
    except ElectionError as error:
        messages.error(request, error.message)
    else:
        if success:
            messages.success(request, success)
    return redirect("round_detail", round_id=round_.pk)


@login_required
@require_POST
def round_approve(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    form = ShowOfHandsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nhập đủ số có mặt, tán thành, không tán thành, không biểu quyết.")
        return redirect("round_detail", round_id=round_.pk)
    data = form.cleaned_data
    try:
        decision = services.approve_list(
            round_=round_,
            yes=data["yes"],
            no=data["no"],
            abstain=data["abstain"],
            present=data["present"],
        )
    except ElectionError as error:
        messages.error(request, error.message)
    else:
        if decision.adopted:
            messages.success(request, errors.LIST_APPROVED.format(message=decision.message))
        else:
            messages.error(request, errors.LIST_REJECTED.format(message=decision.message))
    return redirect("round_detail", round_id=round_.pk)


@login_required
@require_POST
def round_voting(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    form = VotingForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _round_action(
        request,
        round_,
        lambda: services.set_voting(round_=round_, paper=data["paper"], phone=data["phone"]),
    )


@login_required
@require_POST
def round_issued(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    form = IssuedForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors.ISSUED_NEGATIVE)
        return redirect("round_detail", round_id=round_.pk)
    issued = form.cleaned_data["issued"]
    return _round_action(
        request, round_, lambda: services.record_issued(round_=round_, issued=issued)
    )


@login_required
@require_POST
def round_collected(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    form = CollectedForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors.COLLECTED_NEGATIVE)
        return redirect("round_detail", round_id=round_.pk)
    collected = form.cleaned_data["collected"]
    return _round_action(
        request, round_, lambda: services.record_collected(round_=round_, collected=collected)
    )


@login_required
@require_POST
def round_open(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    reason = request.POST.get("reason", "")[:500]
    return _round_action(
        request,
        round_,
        lambda: services.open_round(
            round_=round_,
            user=request.user,  # type: ignore[arg-type]
            override_reason=reason,
        ),
        errors.OPENED.format(number=round_.number),
    )


@login_required
@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    return _round_action(
        request,
        round_,
        lambda: services.close_round(round_=round_),
        errors.CLOSED.format(number=round_.number),
    )


@login_required
@require_POST
def round_count(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    access.require_teller(request.user, round_)  # only the Ban Kiểm phiếu
    try:
        result = services.count_round(round_=round_)
    except ElectionError as error:
        messages.error(request, error.message)
    else:
        outcome = {
            "complete": "đã bầu đủ.",
            "tie": "có người bằng phiếu ở chỗ cuối.",
            "short": f"còn thiếu {result.unfilled} người.",
        }[result.outcome]
        messages.success(request, errors.COUNTED.format(number=round_.number, outcome=outcome))
        warning = hall.counting_signature_warning(round_.election.congress)
        if warning:
            messages.warning(request, warning)
    return redirect("round_detail", round_id=round_.pk)


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def round_ballots(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    return _round_pdf(request, round_, documents.ballots_pdf, f"phieu-bau-vong-{round_.number}.pdf")


# --- Paper entry ----------------------------------------------------------------------------------


def _entry_context(
    request: HttpRequest, round_: Round, form: EntryForm, mode: str
) -> dict[str, Any]:
    ids = services.ballot_ids_of(round_)
    sheet = services.sheet_of(round_, request.user)  # type: ignore[arg-type]
    totals = services.running_totals(round_, list(sheet.values())) if sheet else None
    names = {str(c.pk): c.full_name for c in round_.candidates.all()}
    return {
        "round": round_,
        "election": round_.election,
        "title": round_title(round_),
        "form": form,
        "ballot_names": [(n, names[cid]) for n, cid in enumerate(ids, start=1)],
        "recent": entry_rows(round_, request.user, ids),  # type: ignore[arg-type]
        "entered": len(sheet),
        "totals": totals_rows(totals, names, ids) if totals else [],
        "valid": totals.valid if totals else 0,
        "invalid": totals.invalid if totals else 0,
        "reason_keys": reason_hints(),
        "mode": mode,
        "over_collected": over_collected(round_, len(sheet)),
    }


def reason_hints() -> list[tuple[str, str]]:
    """Return the letters for a void ballot with their reason in words ("d", "không phải...")."""
    labels = {key: INVALID_REASON_LABELS[r] for key, r in keyboard.REASON_KEYS.items()}
    return [(key, label[:1].lower() + label[1:]) for key, label in labels.items()]


def over_collected(round_: Round, entered: int) -> str:
    """Warn a teller who has entered more ballots than the committee took from the box."""
    if round_.collected is None or entered <= round_.collected:
        return ""
    return errors.ENTRY_OVER_COLLECTED.format(entered=entered, collected=round_.collected)


@login_required
@require_http_methods(["GET", "POST"])
def round_entry(request: HttpRequest, round_id: int) -> HttpResponse:
    """The teller's entry screen: one field, one line per ballot, Enter to confirm."""
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    access.require_teller(request.user, round_)  # only the Ban Kiểm phiếu
    mode = request.session.get(ENTRY_MODE_KEY, keyboard.Mode.CROSSED.value)
    status = 200
    outcome: dict[str, str] = {}
    if request.method == "POST":
        posted = EntryForm(request.POST)
        posted.is_valid()
        chosen = posted.chosen_mode() if "mode" in posted.cleaned_data else keyboard.Mode.CROSSED
        mode = request.session[ENTRY_MODE_KEY] = chosen.value
        keys = posted.cleaned_data.get("keys")
        try:
            if keys is None:  # over the field's length: refused, never a blank ballot
                keys = posted.data.get("keys", "")[:40] + "…"
                raise ElectionError(errors.ENTRY_TOO_LONG.format(most=services.TYPED_MOST))
            saved = services.enter_line(
                round_=round_,
                teller=request.user,  # type: ignore[arg-type]
                typed=keys,
                mode=chosen,
            )
        except ElectionError as error:
            status = 422
            outcome = {"error": error.message, "rejected": keys}
        else:
            outcome = {"saved": saved.message}
        if not is_htmx(request):
            if status == 200:
                messages.success(request, outcome["saved"])
            else:
                messages.error(request, f"“{keys}”: {outcome['error']}")
            return redirect("round_entry", round_id=round_.pk)
    form = EntryForm(initial={"mode": mode})
    template = "elections/entry.html"
    if is_htmx(request):
        template += "#panel"
    context = {**_entry_context(request, round_, form, mode), **outcome}
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def round_reconcile(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    state = services.paper_state(round_)
    return render(
        request,
        "elections/reconcile.html",
        {
            "round": round_,
            "election": round_.election,
            "title": round_title(round_),
            "state": state,
            "rows": mismatch_rows(round_, state),
            "missing": services.missing_entries(round_, state) if round_.paper else None,
        },
    )


@login_required
@require_POST
def round_resolve(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    access.require_teller(request.user, round_)  # only the Ban Kiểm phiếu
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chọn phiếu cần giải quyết và ghi nội dung phiếu giấy.")
        return redirect("round_reconcile", round_id=round_.pk)
    data = form.cleaned_data
    try:
        saved = services.resolve_mismatch(
            round_=round_,
            user=request.user,  # type: ignore[arg-type]
            number=data["number"],
            typed=data["keys"] or "",
            mode=keyboard.Mode(data["mode"]),
            no_ballot=data["no_ballot"],
        )
    except ElectionError as error:
        messages.error(request, f"Phiếu số {data['number']}: {error.message}")
    else:
        messages.success(request, saved.message)
    return redirect("round_reconcile", round_id=round_.pk)


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def round_entry_log(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    return _round_pdf(
        request, round_, documents.entry_log_pdf, f"nhat-ky-nhap-phieu-vong-{round_.number}.pdf"
    )


# --- After the count -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_decide(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    result = round_.result or {}
    pool = None
    if result.get("outcome") == "short":
        elected = [int(c) for c in result.get("elected", [])]
        pool = round_.candidates.exclude(pk__in=elected).order_by("name_key", "id")
    # The show of hands starts from those checked in now (the service checks it against them).
    in_hall = hall.hall_figures(round_.election.congress).present
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        pool=pool,
        initial={"present": in_hall},
    )
    if pool is not None and request.method == "GET":
        form.fields["candidates"].initial = list(pool)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decide_next_round(
                round_=round_,
                user=request.user,  # type: ignore[arg-type]
                yes=data["yes"],
                no=data["no"],
                abstain=data["abstain"],
                present=data["present"],
                candidates=list(data["candidates"]) if pool is not None else None,
                note=data.get("note") or "",
            )
        except ElectionError as error:
            add_error(form, error)
        else:
            if decision.continue_voting:
                names = ", ".join(c.full_name for c in decision.candidates.order_by("name_key"))
                messages.success(
                    request, errors.DECIDED_CONTINUE.format(seats=decision.seats, names=names)
                )
                following = Round.objects.get(decided_by=decision)
                return redirect("round_detail", round_id=following.pk)
            unfilled = result.get("unfilled") or (result.get("tie") or {}).get("seats", 0)
            messages.success(request, errors.DECIDED_STOP.format(seats=unfilled))
            return redirect("election_detail", election_id=round_.election_id)
    named = tie_names(round_)
    return render(
        request,
        "elections/decide.html",
        {
            "round": round_,
            "election": round_.election,
            "form": form,
            "result": result,
            "tie_names": named,
            "title": round_title(round_),
        },
    )


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def round_minutes(request: HttpRequest, round_id: int, suffix: str) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    if suffix not in ("pdf", "docx"):
        raise Http404(errors.NOT_FOUND)
    if round_.status != RoundStatus.COUNTED:
        messages.error(request, errors.VERIFY_NO_DIGEST.format(round=round_title(round_)))
        return redirect("round_detail", round_id=round_.pk)
    kind = PDF if suffix == "pdf" else DOCX
    content = documents.minutes(round_, f".{suffix}")
    return _file(content, kind, f"bien-ban-kiem-phieu-vong-{round_.number}.{suffix}")


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def round_export(request: HttpRequest, round_id: int) -> HttpResponse:
    """Return the round as ``daihoi.election/1``: the counted snapshot, or the list so far."""
    round_ = access.get_round_for_user(request.user, round_id)
    if round_.snapshot is not None:
        document = round_.snapshot
    else:
        from daihoi.elections.snapshot import election_document

        document = election_document(round_, ballots=())
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"bau-cu-{round_.election_id}-vong-{round_.number}.election.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def round_published(request: HttpRequest, round_id: int) -> HttpResponse:
    """The published phone ballots; a receipt is looked up by POST (never in the address)."""
    round_ = access.get_round_for_user(request.user, round_id)
    if round_.encrypted:  # its ballots are on the public board, by tracking code
        return redirect("receipt_check", round_id=round_.pk)
    wanted = request.POST.get("ma", "") if request.method == "POST" else ""
    context = published_context(round_, wanted=wanted)
    context["lookup_url"] = reverse("round_published", kwargs={"round_id": round_.pk})
    context["with_csrf"] = True
    return render(request, "elections/published.html", context)


def published_context(round_: Round, *, wanted: str = "") -> dict[str, Any]:
    """Return what the published list shows: the ballots by receipt once voting has ended."""
    from daihoi.elections.presenters import published_rows

    shown = round_.status in (RoundStatus.CLOSED, RoundStatus.COUNTED)
    wanted = wanted.strip().upper()
    rows = published_rows(round_) if shown else []
    found = next((row for row in rows if row["receipt"] == wanted), None) if wanted else None
    return {
        "round": round_,
        "title": round_title(round_),
        "rows": rows,
        "shown": shown,
        "wanted": wanted,
        "found": found,
        "count": len(rows),
    }


# --- The hall: projector and voting passes ---------------------------------------------------


@login_required
@require_GET
@in_vietnamese  # the hall's screen, whatever language the organizer's pages are in
def round_projector(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_user(request.user, round_id)
    context = projector_panel(round_.election.congress, round_)
    template = "elections/projector.html"
    if is_htmx(request):
        template += "#live"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def voter_address(request: HttpRequest, code: str) -> str:
    """Return the address a voting code's QR carries: the code in the fragment, never sent.

    A browser never sends the part after ``#`` to the server (nor in a Referer); the entry
    page's script posts it. So the code never reaches an access log.
    """
    return request.build_absolute_uri(reverse("voter_entry")) + "#" + code


@login_required
@require_POST
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def voting_slips(request: HttpRequest, congress_id: int) -> HttpResponse:
    """Issue codes to the voting delegates who have none and return their slips to print."""
    congress = hall.get_congress_for_user(request.user, congress_id, write=True)
    issued = services.issue_missing_voting_passes(congress=congress)
    slips = [
        (str(getattr(d, "number", "") or ""), d.full_name, voter_address(request, t), t)
        for d, t in issued
    ]
    if not slips:
        messages.info(request, errors.NO_NEW_SLIPS)
        return redirect("election_list", congress_id=congress.pk)
    content = documents.voting_slips_pdf(str(congress), slips)
    return _file(content, PDF, "ma-bo-phieu.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def voting_pass(request: HttpRequest, delegate_id: int) -> HttpResponse:
    """Show (POST: issue anew) the voting code a delegate scans with their phone.

    Replacing a code is logged (who, when); while a round is open to phone votes it needs the
    presidium's reason (``services.issue_voting_pass``).
    """
    delegate = access.get_delegate_for_user(request.user, delegate_id, write=True)
    token = None
    error = ""
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            token = services.issue_voting_pass(
                delegate=delegate,
                by=request.user,  # type: ignore[arg-type]
                reason=reason,
            )
        except ElectionError as refused:
            error = refused.message
    url = voter_address(request, token) if token else ""
    qr = ""
    if token:
        import segno

        qr = segno.make_qr(url, error="m").svg_inline(scale=6)
    open_round = services.open_phone_round_of(delegate.congress_id)
    return render(
        request,
        "elections/voting_pass.html",
        {
            "delegate": delegate,
            "token": token,
            "url": url,
            "qr": qr,
            "error": error,
            "reason": reason if error else "",
            "open_round": round_title(open_round) if open_round else "",
            "has_pass": hasattr(delegate, "voting_pass"),
            "reissues": delegate.voting_pass_reissues.select_related("by", "during_round")[:10],
        },
        status=400 if error else 200,
    )
