"""Pages of the emulation cycle: campaigns, registrations, the evaluation table.

Each view: authorize through daihoi.emulation.access (or accounts.access for the unit), read the
form, make one service call, redirect or render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi import replica
from daihoi.accounts.access import READ_ONLY, get_unit_for_user
from daihoi.emulation import (
    certificates,
    dashboard,
    documents,
    evaluation_sheet,
    queries,
    report,
    services,
)
from daihoi.emulation.access import (
    deciding_unit,
    get_campaign_for_user,
    get_campaign_unit_for_user,
    get_council_vote,
    get_member_in_unit,
    get_proposal_of_unit,
    get_registration_for_review,
    get_registration_of_unit,
    may_review,
    require_reviewer,
    scope_unit,
)
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.forms import (
    AwardForm,
    CampaignForm,
    CollectiveEvaluationForm,
    CollectiveRegistrationForm,
    CouncilBallotForm,
    CouncilVoteForm,
    DecisionForm,
    EvaluationForm,
    EvaluationSheetForm,
    MemberRegistrationForm,
    ReturnProposalForm,
    ReviewForm,
    SubmitProposalForm,
)
from daihoi.emulation.models import (
    CertificatesStatus,
    CollectiveEvaluation,
    CouncilStatus,
    CouncilVote,
    Decision,
    Evaluation,
    Proposal,
    ProposalLine,
    TitleChoice,
)
from daihoi.emulation.services import EvaluationData
from daihoi.imports.forms import XLSX as XLSX_TYPE
from daihoi.imports.uploads import workbook_upload
from daihoi.imports.workbook import max_bytes, size_label
from daihoi.language import in_vietnamese
from daihoi.units.forms import add_errors


def is_htmx(request: HttpRequest) -> bool:
    """Tell whether htmx asks for a fragment (as units.views.is_htmx, whose module would bring
    the congress app in through its imports: emulation knows no congress)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"
    )


CAMPAIGNS_PER_PAGE = 30
MEMBERS_PER_PAGE = 100


def _fail(request: HttpRequest, error: EmulationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    rows = queries.campaign_rows(request.user)
    page = Paginator(rows, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("trang"))
    own_unit = getattr(request.user, "unit", None)
    return render(request, "emulation/campaign_list.html", {"page": page, "own_unit": own_unit})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    form = CampaignForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            campaign = services.create_campaign(
                unit=unit,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã phát động {title}.").format(title=campaign.title))
            return redirect("campaign_unit", campaign_id=campaign.pk, unit_id=unit.pk)
    return render(request, "emulation/campaign_form.html", {"form": form, "unit": unit})


@login_required
@require_GET
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, campaign_id)
    unit = scope_unit(request.user, campaign)
    return redirect("campaign_unit", campaign_id=campaign.pk, unit_id=unit.pk)


@login_required
@require_GET
def campaign_unit(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    registrations = list(queries.registrations_of(campaign, unit))
    context = {
        "campaign": campaign,
        "unit": unit,
        "registrations": registrations,
        "children": queries.children_progress(campaign, unit),
        "summary": queries.evaluation_summary(campaign, unit),
        "may_review": may_review(request.user, unit),
        "parent_in_campaign": unit.parent if unit != campaign.unit else None,
    }
    return render(request, "emulation/campaign_unit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def registration_create(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=True)
    members = queries.members_of(unit)
    posted = request.POST if request.method == "POST" else None
    collective = posted is not None and posted.get("kind") == "tap-the"
    member_form = MemberRegistrationForm(None if collective else posted, members=members)
    # A prefix: both forms have "titles", and their checkboxes' ids must differ.
    collective_form = CollectiveRegistrationForm(posted if collective else None, prefix="tap-the")
    form = collective_form if collective else member_form
    if posted is not None and form.is_valid():
        try:
            if collective:
                created = services.register_collective(
                    campaign=campaign,
                    unit=unit,
                    titles=collective_form.cleaned_data["titles"],
                    by=request.user,  # type: ignore[arg-type]
                )
            else:
                created = services.register_members(
                    campaign=campaign,
                    unit=unit,
                    members=list(member_form.cleaned_data["members"]),
                    titles=member_form.cleaned_data["titles"],
                    by=request.user,  # type: ignore[arg-type]
                )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Đã gửi {count} đăng ký lên cấp trên.").format(count=len(created))
            )
            return redirect("campaign_unit", campaign_id=campaign.pk, unit_id=unit.pk)
    return render(
        request,
        "emulation/registration_form.html",
        {
            "campaign": campaign,
            "unit": unit,
            "member_form": member_form,
            "collective_form": collective_form,
        },
    )


@login_required
@require_POST
def registration_review(
    request: HttpRequest, campaign_id: int, registration_id: int
) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, campaign_id)
    registration = get_registration_for_review(request.user, campaign, registration_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        try:
            services.review_registration(
                registration=registration,
                approve=form.approve,
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            _fail(request, error)
        else:
            done = _("Đã duyệt") if form.approve else _("Đã trả lại")
            messages.success(request, f"{done}: {registration}.")
    return redirect("campaign_unit", campaign_id=campaign.pk, unit_id=registration.unit_id)


@login_required
@require_POST
def registration_resubmit(
    request: HttpRequest, campaign_id: int, unit_id: int, registration_id: int
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=True)
    registration = get_registration_of_unit(request.user, campaign, unit, registration_id)
    try:
        services.resubmit_registration(registration=registration, by=request.user)  # type: ignore[arg-type]
    except EmulationError as error:
        _fail(request, error)
    else:
        messages.success(
            request, _("Đã gửi lại: {registration}.").format(registration=registration)
        )
    return redirect("campaign_unit", campaign_id=campaign.pk, unit_id=unit.pk)


@login_required
@require_GET
def evaluation_table(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    page = Paginator(queries.members_of(unit), MEMBERS_PER_PAGE).get_page(request.GET.get("trang"))
    rows = queries.evaluation_rows(campaign, list(page.object_list), unit=unit)
    return render(
        request,
        "emulation/evaluation_table.html",
        {
            "campaign": campaign,
            "unit": unit,
            "page": page,
            "rows": rows,
            "summary": queries.evaluation_summary(campaign, unit, members=page.paginator.count),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(
    request: HttpRequest, campaign_id: int, unit_id: int, member_id: int
) -> HttpResponse:
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)
    member = get_member_in_unit(unit, member_id)
    evaluation = Evaluation.objects.filter(campaign=campaign, member=member).first()
    initial = vars(EvaluationData.of(evaluation)) if evaluation else None
    form = EvaluationForm(request.POST if write else None, initial=initial)
    if write and form.is_valid():
        try:
            evaluation = services.evaluate_member(
                campaign=campaign,
                unit=unit,
                member=member,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu kết quả bình xét của {name}.").format(name=member))
            url = reverse(
                "evaluation_edit",
                kwargs={"campaign_id": campaign.pk, "unit_id": unit.pk, "member_id": member.pk},
            )
            return redirect(url)
    verdicts = []
    if evaluation is not None:
        verdicts = [
            {
                "label": label,
                "eligible": value in evaluation.eligible,
                "proposed": value in evaluation.proposed,
                "explanation": evaluation.explanations.get(value, ""),
            }
            for value, label in TitleChoice.choices
            if value in evaluation.explanations
        ]
    return render(
        request,
        "emulation/evaluation_form.html",
        {
            "campaign": campaign,
            "unit": unit,
            "member": member,
            "form": form,
            "evaluation": evaluation,
            "verdicts": verdicts,
        },
    )


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the upload
def evaluation_sheet_download(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    response = HttpResponse(content_type=XLSX_TYPE)
    evaluation_sheet.write_table(campaign, unit, response)
    name = f"bang-binh-xet-{campaign.year}-{unit.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@csrf_exempt  # the CSRF check runs in _evaluation_sheet, once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def evaluation_sheet_upload(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    """The whole table saved from a workbook: every row, or none with each row's problems."""
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)

    def save(form: EvaluationSheetForm) -> HttpResponse | None:
        upload = form.cleaned_data["file"]
        try:
            count = evaluation_sheet.save_table(
                campaign=campaign, unit=unit, source=upload, name=upload.name,
                size=upload.size, by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except EmulationError as error:
            add_errors(form, error)
            return None
        messages.success(
            request,
            _("Đã lưu kết quả bình xét của {count} đoàn viên từ tệp “{name}”.").format(
                count=count, name=upload.name
            ),
        )
        return redirect("evaluation_table", campaign_id=campaign.pk, unit_id=unit.pk)

    return workbook_upload(
        request,
        EvaluationSheetForm,
        save=save,
        page=lambda form: _evaluation_sheet_page(request, campaign, unit, form),
    )


def _evaluation_sheet_page(
    request: HttpRequest, campaign: Any, unit: Any, form: EvaluationSheetForm
) -> HttpResponse:
    return render(
        request,
        "emulation/evaluation_sheet.html",
        {"campaign": campaign, "unit": unit, "form": form, "limit": size_label(max_bytes())},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def collective_evaluation(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)
    evaluation = CollectiveEvaluation.objects.filter(campaign=campaign, unit=unit).first()
    initial = None
    if evaluation is not None:
        initial = {
            "task_level": evaluation.task_level,
            "active_in_emulation": evaluation.active_in_emulation,
            "united_and_lawful": evaluation.united_and_lawful,
            "proposed": evaluation.proposed,
            "override_reason": evaluation.override_reason,
        }
    form = CollectiveEvaluationForm(request.POST if write else None, initial=initial)
    if write and form.is_valid():
        try:
            services.evaluate_collective(
                campaign=campaign,
                unit=unit,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Đã lưu kết quả bình xét tập thể {unit}.").format(unit=unit)
            )
            return redirect("collective_evaluation", campaign_id=campaign.pk, unit_id=unit.pk)
    verdicts = []
    if evaluation is not None:
        verdicts = [
            {
                "label": label,
                "eligible": value in evaluation.eligible,
                "proposed": value in evaluation.proposed,
                "explanation": evaluation.explanations.get(value, ""),
            }
            for value, label in TitleChoice.choices
            if value in evaluation.explanations
        ]
    return render(
        request,
        "emulation/collective_evaluation.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "evaluation": evaluation,
            "verdicts": verdicts,
            "counts": services.member_counts(campaign, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_votes(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)
    form = CouncilVoteForm(request.POST if write else None, initial={"held_on": campaign.ends_on})
    if write and form.is_valid():
        try:
            vote = services.create_council_vote(
                campaign=campaign,
                unit=unit,
                data=form.to_data(),
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã lập phiên bỏ phiếu: {vote}.").format(vote=vote))
            return redirect(
                "council_vote", campaign_id=campaign.pk, unit_id=unit.pk, vote_id=vote.pk
            )
    return render(
        request,
        "emulation/council_votes.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "votes": CouncilVote.objects.filter(campaign=campaign, unit=unit),
            "waiting": queries.council_waiting(campaign, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_vote(
    request: HttpRequest, campaign_id: int, unit_id: int, vote_id: int
) -> HttpResponse:
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)
    vote = get_council_vote(campaign, unit, vote_id)
    form = CouncilBallotForm(request.POST if write else None)
    if write and form.is_valid():
        try:
            entered = services.enter_council_ballot(
                vote=vote,
                typed=form.cleaned_data["keys"],
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            add_errors(form, error)
        else:
            messages.success(request, entered.message)
            return redirect(
                "council_vote", campaign_id=campaign.pk, unit_id=unit.pk, vote_id=vote.pk
            )
    return render(
        request,
        "emulation/council_vote.html",
        {
            "campaign": campaign,
            "unit": unit,
            "vote": vote,
            "form": form,
            "sheet": queries.council_sheet(vote),
        },
    )


@login_required
@require_POST
def council_count(
    request: HttpRequest, campaign_id: int, unit_id: int, vote_id: int
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=True)
    vote = get_council_vote(campaign, unit, vote_id)
    try:
        result = services.count_council_vote(vote=vote)
    except EmulationError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            _("Đã kiểm phiếu: {passed}/{names} người được Hội đồng đề nghị.").format(
                passed=len(result.elected), names=len(result.candidates)
            ),
        )
    return redirect("council_vote", campaign_id=campaign.pk, unit_id=unit.pk, vote_id=vote.pk)


@login_required
@require_GET
def council_ballots(
    request: HttpRequest, campaign_id: int, unit_id: int, vote_id: int
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    vote = get_council_vote(campaign, unit, vote_id)
    content = documents.council_ballots_pdf(vote)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="phieu-hoi-dong-{vote.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def proposal_unit(request: HttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    write = request.method == "POST"
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=write)
    proposal = Proposal.objects.filter(campaign=campaign, unit=unit).first()
    if write:
        try:
            proposal = services.start_proposal(
                campaign=campaign,
                unit=unit,
                by=request.user,  # type: ignore[arg-type]
            )
        except EmulationError as error:
            _fail(request, error)
            return redirect("proposal_unit", campaign_id=campaign.pk, unit_id=unit.pk)
        messages.success(request, _("Đã lập tờ trình từ kết quả bình xét và Hội đồng."))
    if proposal is not None:
        return redirect(
            "proposal_detail", campaign_id=campaign.pk, unit_id=unit.pk, proposal_id=proposal.pk
        )
    return render(
        request,
        "emulation/proposal_unit.html",
        {
            "campaign": campaign,
            "unit": unit,
            "below": queries.proposals_below(campaign, unit),
        },
    )


def _proposal_page(
    request: HttpRequest,
    proposal: Proposal,
    *,
    award_form: AwardForm | None = None,
    decision_form: DecisionForm | None = None,
    return_form: ReturnProposalForm | None = None,
    submit_form: SubmitProposalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    unit = proposal.unit
    decision = getattr(proposal, "decision", None) if proposal.status == "da-quyet-dinh" else None
    return render(
        request,
        "emulation/proposal_detail.html",
        {
            "campaign": proposal.campaign,
            "unit": unit,
            "proposal": proposal,
            "decision": decision,
            "lines": queries.proposal_lines(proposal),
            "waiting": queries.awaiting_council(proposal) if proposal.editable else [],
            "below": queries.proposals_below(proposal.campaign, unit),
            "may_review": may_review(request.user, unit),
            "award_form": award_form
            or AwardForm(members=queries.members_of(unit), units=queries.units_of(unit)),
            "submit_form": submit_form or SubmitProposalForm(initial={"number": proposal.number}),
            "return_form": return_form or ReturnProposalForm(),
            "decision_form": decision_form
            or DecisionForm(initial={"signed_on": proposal.campaign.ends_on}),
        },
        status=status,
    )


@login_required
@require_GET
def proposal_detail(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    proposal = get_proposal_of_unit(campaign, unit, proposal_id)
    return _proposal_page(request, proposal)


UNIT_ACTIONS = ("cap-nhat", "them-khen-thuong", "gui")
REVIEW_ACTIONS = ("tra-lai", "quyet-dinh")


@login_required
@require_POST
def proposal_action(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int, action: str
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=True)
    proposal = get_proposal_of_unit(campaign, unit, proposal_id)
    if action not in UNIT_ACTIONS + REVIEW_ACTIONS:
        raise Http404
    if action in REVIEW_ACTIONS:
        require_reviewer(request.user, unit)
    user = request.user
    done = redirect(
        "proposal_detail", campaign_id=campaign.pk, unit_id=unit.pk, proposal_id=proposal.pk
    )
    try:
        if action == "cap-nhat":
            services.refresh_proposal(proposal=proposal)
            messages.success(request, _("Đã cập nhật tờ trình theo bảng bình xét và Hội đồng."))
        elif action == "them-khen-thuong":
            award_form = AwardForm(
                request.POST, members=queries.members_of(unit), units=queries.units_of(unit)
            )
            if not award_form.is_valid():
                return _proposal_page(request, proposal, award_form=award_form, status=400)
            try:
                line = services.add_award(proposal=proposal, data=award_form.to_data())
            except EmulationError as error:
                add_errors(award_form, error)
                return _proposal_page(request, proposal, award_form=award_form, status=400)
            messages.success(request, _("Đã thêm: {line}.").format(line=line))
        elif action == "gui":
            submit_form = SubmitProposalForm(request.POST)
            submit_form.is_valid()
            services.submit_proposal(
                proposal=proposal,
                number=submit_form.cleaned_data.get("number", ""),
                by=user,  # type: ignore[arg-type]
            )
            messages.success(request, _("Đã gửi tờ trình lên cấp trên."))
        elif action == "tra-lai":
            return_form = ReturnProposalForm(request.POST)
            if not return_form.is_valid():
                return _proposal_page(request, proposal, return_form=return_form, status=400)
            services.return_proposal(
                proposal=proposal,
                reason=return_form.cleaned_data["reason"],
                by=user,  # type: ignore[arg-type]
            )
            messages.success(request, _("Đã trả lại tờ trình cho đơn vị."))
        else:
            decision_form = DecisionForm(request.POST)
            if not decision_form.is_valid():
                return _proposal_page(request, proposal, decision_form=decision_form, status=400)
            try:
                decision = services.decide_proposal(
                    proposal=proposal,
                    deciding_unit=deciding_unit(user, unit),
                    data=decision_form.to_data(),
                    by=user,  # type: ignore[arg-type]
                )
            except EmulationError as error:
                add_errors(decision_form, error)
                return _proposal_page(request, proposal, decision_form=decision_form, status=400)
            messages.success(request, _("Đã ban hành {decision}.").format(decision=decision))
    except EmulationError as error:
        _fail(request, error)
    return done


@login_required
@require_POST
def proposal_line_remove(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int, line_id: int
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id, write=True)
    proposal = get_proposal_of_unit(campaign, unit, proposal_id)
    line = ProposalLine.objects.filter(pk=line_id, proposal=proposal).first()
    if line is None:
        raise Http404
    try:
        services.remove_line(line=line)
    except EmulationError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Đã bỏ khỏi tờ trình: {line}.").format(line=line))
    return redirect(
        "proposal_detail", campaign_id=campaign.pk, unit_id=unit.pk, proposal_id=proposal.pk
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CERTIFICATES = "emulation/certificates.html"


def _decision_of(request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int) -> Any:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    proposal = get_proposal_of_unit(campaign, unit, proposal_id)
    decision = Decision.objects.filter(proposal=proposal).select_related("unit__parent").first()
    if decision is None:
        raise Http404
    return decision


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def certificates_page(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int
) -> HttpResponse:
    decision = _decision_of(request, campaign_id, unit_id, proposal_id)
    here = {"campaign_id": campaign_id, "unit_id": unit_id, "proposal_id": proposal_id}
    if request.method == "POST":
        if not getattr(request.user, "can_write", False):
            raise PermissionDenied(READ_ONLY)
        batch = certificates.start_certificates(decision=decision, by=request.user)
        if batch.status == CertificatesStatus.DONE:
            return redirect("certificates_download", **here)
        return redirect("certificates_page", **here)
    batch = certificates.latest_batch(decision)
    template = CERTIFICATES + "#progress" if is_htmx(request) else CERTIFICATES
    response = render(
        request,
        template,
        {
            "campaign": decision.proposal.campaign,
            "unit": decision.proposal.unit,
            "proposal": decision.proposal,
            "decision": decision,
            "batch": batch,
            "lines": certificates.award_lines(decision),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def certificates_download(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int
) -> FileResponse:
    decision = _decision_of(request, campaign_id, unit_id, proposal_id)
    batch = certificates.latest_batch(decision)
    if batch is None or batch.status != CertificatesStatus.DONE or not batch.file:
        raise Http404
    response = FileResponse(
        batch.file.open("rb"),
        filename=certificates.FILENAME.format(decision=decision.pk),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
@in_vietnamese
def certificates_docx(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int
) -> HttpResponse:
    decision = _decision_of(request, campaign_id, unit_id, proposal_id)
    content = certificates.render_certificates_docx(certificates.certificates_of(decision))
    response = HttpResponse(content, content_type=DOCX)
    name = f"giay-khen-bang-khen-{decision.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
@in_vietnamese
def certificate_one(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int, line_id: int, kind: str
) -> HttpResponse:
    decision = _decision_of(request, campaign_id, unit_id, proposal_id)
    line = next((x for x in certificates.award_lines(decision) if x.pk == line_id), None)
    if line is None or kind not in ("pdf", "docx"):
        raise Http404
    one = [certificates.certificate_of(decision, line)]
    if kind == "pdf":
        content = certificates.render_certificates_pdf(one, title=str(decision))
        response = HttpResponse(content, content_type="application/pdf")
    else:
        response = HttpResponse(certificates.render_certificates_docx(one), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="khen-thuong-{line.pk}.{kind}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
@in_vietnamese
def year_report(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    if not 2000 <= year <= 2100:
        raise Http404

    def workbook() -> HttpResponse:
        lag = replica.current_lag()
        response = HttpResponse(content_type=XLSX)
        report.write_year_report(
            unit,
            year,
            response,
            lag="" if lag is None else str(replica.NOTICE.format(seconds=lag)),
        )
        name = f"thi-dua-khen-thuong-{year}-{unit.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response

    # A read-only report: it may come from the standby (daihoi.replica), its lag in its note.
    return replica.report(request, workbook)


@login_required
@require_GET
@in_vietnamese
def council_minutes(
    request: HttpRequest, campaign_id: int, unit_id: int, vote_id: int, kind: str
) -> HttpResponse:
    campaign, unit = get_campaign_unit_for_user(request.user, campaign_id, unit_id)
    vote = get_council_vote(campaign, unit, vote_id)
    if kind not in ("pdf", "docx") or vote.status != CouncilStatus.COUNTED:
        raise Http404
    content_type = "application/pdf" if kind == "pdf" else DOCX
    response = HttpResponse(documents.council_minutes(vote, kind), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hoi-dong-{vote.pk}.{kind}"'
    return response


@login_required
@require_GET
@in_vietnamese
def decision_document(
    request: HttpRequest, campaign_id: int, unit_id: int, proposal_id: int, kind: str
) -> HttpResponse:
    decision = _decision_of(request, campaign_id, unit_id, proposal_id)
    if kind not in ("pdf", "docx"):
        raise Http404
    content_type = "application/pdf" if kind == "pdf" else DOCX
    response = HttpResponse(documents.decision_document(decision, kind), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{decision.pk}.{kind}"'
    return response


def _dashboard_years(request: HttpRequest) -> tuple[list[int], str]:
    """The years asked for (?tu=&den=), or the last five; a message when they were wrong."""
    this_year = timezone.localdate().year
    default = list(range(this_year - 4, this_year + 1))
    first_text, last_text = request.GET.get("tu", ""), request.GET.get("den", "")
    if not first_text and not last_text:
        return default, ""
    try:
        first = int(first_text or last_text)
        last = int(last_text or first_text)
    except ValueError:
        first, last = 0, -1
    if not (2000 <= first <= last <= 2100 and last - first < dashboard.MOST_YEARS):
        message = dashboard.YEARS_WRONG.format(
            first=first_text or "?", last=last_text or "?", most=dashboard.MOST_YEARS
        )
        return default, message
    return list(range(first, last + 1)), ""


@login_required
@require_GET
def emulation_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    years, problem = _dashboard_years(request)
    board = dashboard.build(unit=unit, years=years)
    return render(
        request,
        "emulation/dashboard.html",
        {"unit": unit, "board": board, "problem": problem, "first": years[0], "last": years[-1]},
    )


@login_required
@require_GET
@in_vietnamese
def emulation_dashboard_xlsx(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    years, _problem = _dashboard_years(request)
    response = HttpResponse(content_type=XLSX)
    dashboard.write_workbook(dashboard.build(unit=unit, years=years), response)
    name = f"tong-hop-thi-dua-{years[0]}-{years[-1]}-{unit.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
