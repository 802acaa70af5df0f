"""Pages of the congress season: an upper unit's seasons and a season's plan.

Each view: authorize through accounts.access / season.access, read the form, make one service
call, redirect or render.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi import replica
from daihoi.accounts.access import NOT_FOUND, get_unit_for_user
from daihoi.congresses import results as congress_results
from daihoi.imports.forms import XLSX as XLSX_TYPE
from daihoi.imports.uploads import workbook_upload
from daihoi.imports.workbook import max_bytes, size_label
from daihoi.language import in_vietnamese
from daihoi.season import documents, queries, register, result_sheet, services, sheets, typed, upper
from daihoi.season import results as season_results
from daihoi.season.access import (
    get_entry_for_user,
    get_result_for_user,
    get_season_for_user,
    get_step_for_user,
)
from daihoi.season.errors import SeasonError
from daihoi.season.forms import (
    AnswerForm,
    BoardFilterForm,
    CongressResultForm,
    IncumbentCommitteeForm,
    PersonnelPlanForm,
    RecognizeForm,
    ReplacementForm,
    ResultForm,
    ResultSheetForm,
    SeasonForm,
    TypedResultForm,
    UpperCongressForm,
    plan_table,
    read_plan,
)
from daihoi.season.models import StepKind
from daihoi.season.words import words_of_kind, words_of_kinds
from daihoi.units.forms import add_errors

BOARD_PER_PAGE = 100
UPPER_PER_PAGE = 50  # a unit's line lists its delegates and a form: fewer to a page
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
        {
            "unit": unit,
            "seasons": queries.seasons_of(unit.pk),
            "form": form,
            "words": words_of_kinds(kinds),
        },
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
        {
            "season": season,
            "plan": plan,
            "table": table,
            "problems": problems,
            "words": words_of_kinds(line.entry.unit.kind for line in plan.lines),
        },
        status=400 if problems else 200,
    )


SENT = "Đã gửi {step} lên {upper}."
ANSWERED = "Đã trả lời: {step} của {unit} – {status}."
RECOGNIZED = "Đã ghi quyết định {recognize} số {number} cho {unit}."


@login_required
@require_GET
def unit_steps(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    words = words_of_kind(unit.kind)
    return render(
        request,
        "season/unit_steps.html",
        {
            "unit": unit,
            "words": words,
            "entries": queries.entries_of_unit(unit.pk, today=timezone.localdate()),
            "plan_form": PersonnelPlanForm(words=words),
            "result_form": ResultForm(words=words),
            "congress_form": _congress_form(unit),
            "officers": [
                (season_results.role_label(o.role, words), o)
                for o in season_results.current_officers(unit.pk)
            ],
            "history": [
                (season_results.role_label(o.role, words), o)
                for o in season_results.officer_history(unit.pk)
                if o.ended_on is not None
            ],
        },
    )


def _congress_form(unit: Any, data: Any = None) -> CongressResultForm | None:
    """The form of a result file from the unit's congress in daihoi; None if it has none."""
    congresses = congress_results.congresses_of_unit(unit.pk)
    if not congresses:
        return None
    return CongressResultForm(data, congresses=congresses, words=words_of_kind(unit.kind))


@login_required
@require_POST
def send_congress_result(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id, write=True)
    form = _congress_form(entry.unit, request.POST)
    if form is None:
        raise Http404(NOT_FOUND)
    if form.is_valid():
        data = form.cleaned_data
        try:
            step = season_results.send_result_from_congress(
                entry=entry, congress_id=data["congress"], meeting=form.meeting(),
                note=data["note"], by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, SENT.format(step=step.get_kind_display().lower(), upper=entry.season.unit)
            )
            return redirect("season_unit_steps", unit_id=entry.unit_id)
    return render(
        request,
        "season/send_step.html",
        {"entry": entry, "form": form, "kind": StepKind.RESULT},
        status=400,
    )


FILE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@in_vietnamese  # a document of record
@login_required
@require_GET
def result_file(request: HttpRequest, step_id: int, kind: str) -> HttpResponse:
    """The result file generated from the congress record, for the unit and the levels above."""
    step = get_result_for_user(request.user, step_id)
    record = season_results.record_of(step)
    if record is None or kind not in FILE_TYPES:
        raise Http404(NOT_FOUND)
    response = HttpResponse(documents.result_file(record, kind=kind), content_type=FILE_TYPES[kind])
    name = f"ho-so-ket-qua-dai-hoi-{step.entry.unit_id}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def send_step(request: HttpRequest, entry_id: int, kind: str) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id, write=True)
    today = timezone.localdate()
    by = request.user  # type: ignore[assignment]
    if kind == StepKind.PERSONNEL_PLAN:
        form: forms.Form = PersonnelPlanForm(request.POST, words=words_of_kind(entry.unit.kind))
    elif kind == StepKind.RESULT:
        form = ResultForm(request.POST, words=words_of_kind(entry.unit.kind))
    else:
        raise Http404(NOT_FOUND)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == StepKind.PERSONNEL_PLAN:
                step = services.send_personnel_plan(
                    entry=entry, committee_size=data["committee_size"], note=data["note"],
                    by=by, today=today,
                )  # fmt: skip
            else:
                step = services.send_result(
                    entry=entry, held_on=data["held_on"], committee_size=data["committee_size"],
                    delegates_elected=data["delegates_elected"], note=data["note"], by=by,
                    today=today,
                )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, SENT.format(step=step.get_kind_display().lower(), upper=entry.season.unit)
            )
            return redirect("season_unit_steps", unit_id=entry.unit_id)
    return render(
        request,
        "season/send_step.html",
        {"entry": entry, "form": form, "kind": StepKind(kind)},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_answer(request: HttpRequest, step_id: int) -> HttpResponse:
    step = get_step_for_user(request.user, step_id, write=request.method == "POST")
    today = timezone.localdate()
    post = request.POST if request.method == "POST" else None
    recognizing = post is not None and "decision_number" in post
    answer_form = AnswerForm(None if recognizing else post, initial={"answered_on": today})
    words = words_of_kind(step.entry.unit.kind)
    recognize_form = RecognizeForm(
        post if recognizing else None, initial={"decided_on": today}, words=words
    )
    form = recognize_form if recognizing else answer_form
    if post is not None and form.is_valid():
        data = form.cleaned_data
        by = request.user  # type: ignore[assignment]
        try:
            if recognizing:
                step = services.recognize(
                    step=step, decision_number=data["decision_number"],
                    decided_on=data["decided_on"], by=by, today=today,
                )  # fmt: skip
                text = RECOGNIZED.format(
                    recognize=words.recognize, number=step.decision_number, unit=step.entry.unit
                )
            else:
                step = services.answer_step(
                    step=step, approve=data["action"] == "duyet", reason=data["reason"],
                    answered_on=data["answered_on"], by=by, today=today,
                )  # fmt: skip
                text = ANSWERED.format(
                    step=step.get_kind_display(), unit=step.entry.unit,
                    status=step.status_label.lower(),
                )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(request, text)
            return redirect("season_step", step_id=step.pk)
    return render(
        request,
        "season/step.html",
        {
            "step": step,
            "words": words,
            "deadline": services.recognition_deadline(step, today=today),
            "answer_form": answer_form,
            "recognize_form": recognize_form,
        },
        status=400 if post is not None else 200,
    )


@login_required
@require_GET
def season_board(request: HttpRequest, season_id: int) -> HttpResponse:
    season = get_season_for_user(request.user, season_id)

    def board_page() -> HttpResponse:
        filters = BoardFilterForm(request.GET)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        board = queries.board_of(
            season,
            today=timezone.localdate(),
            status=chosen.get("trang_thai", ""),
            branch_id=chosen.get("nhanh"),
            kind=chosen.get("loai", ""),
        )
        page = Paginator(board.rows, BOARD_PER_PAGE).get_page(request.GET.get("trang"))
        query = request.GET.copy()
        query.pop("trang", None)
        keep = query.copy()
        keep.pop("trang-thai", None)
        return render(
            request,
            "season/board.html",
            {
                "board": board,
                "season": season,
                "words": board.words,
                "page": page,
                "chosen": chosen,
                "query": query.urlencode(),
                "keep": keep.urlencode(),
            },
        )

    # A read-only report: it may come from the standby (daihoi.replica), its lag shown.
    return replica.report(request, board_page)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def season_board_excel(request: HttpRequest, season_id: int) -> HttpResponse:
    """The board as Excel, every unit the filters keep (not a page of them)."""
    season = get_season_for_user(request.user, season_id)

    def workbook() -> HttpResponse:
        filters = BoardFilterForm(request.GET)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        board = queries.board_of(
            season,
            today=timezone.localdate(),
            status=chosen.get("trang_thai", ""),
            branch_id=chosen.get("nhanh"),
            kind=chosen.get("loai", ""),
        )
        response = HttpResponse(content_type=XLSX)
        sheets.write_board(board, response)
        name = f"bang-theo-doi-dai-hoi-{season.pk}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response

    return replica.report(request, workbook)


@in_vietnamese  # a document of record
@login_required
@require_GET
def decision_file(request: HttpRequest, step_id: int, kind: str) -> HttpResponse:
    """The recognition decision (Mẫu 7b) of a recognized file, for the unit and the levels above."""
    step = get_result_for_user(request.user, step_id)
    if kind not in FILE_TYPES:
        raise Http404(NOT_FOUND)
    try:
        record = season_results.decision_record(step)
    except SeasonError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("season_unit_steps", unit_id=step.entry.unit_id)
    # Signed by the upper unit's chair now in office, as its officer register says.
    signer = season_results.current_signer(step.entry.season.unit_id)
    content = documents.decision_file(record, kind=kind, signer=signer)
    response = HttpResponse(content, content_type=FILE_TYPES[kind])
    name = f"quyet-dinh-cong-nhan-{step.entry.unit_id}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


UPPER_CHOSEN = "Đã chọn {congress} nhận đại biểu từ các đại hội cấp dưới."
UPPER_BUILT = (
    "Đã lập danh sách đại biểu {congress}: thêm {added}, cập nhật {updated}, bỏ {removed} người."
)
UPPER_REPLACED = "Đã ghi: đồng chí {alternate} (dự khuyết) thay đồng chí {official} – {unit}."


def _upper_page(
    request: HttpRequest,
    season: Any,
    *,
    choose: UpperCongressForm | None = None,
    replace: ReplacementForm | None = None,
    replace_entry: int | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    congresses = congress_results.congresses_of_unit(season.unit_id)
    preview = upper.preview(season)
    filters = BoardFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    shown = upper.view_of(
        preview, branch_id=chosen.get("nhanh"), state=chosen.get("trang_thai", "")
    )
    page = Paginator(shown.lines, UPPER_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    keep = query.copy()
    keep.pop("trang-thai", None)
    here = query.copy()
    if page.number > 1:
        here["trang"] = str(page.number)
    return render(
        request,
        "season/upper.html",
        {
            "season": season,
            "words": words_of_kind(season.unit.kind),
            "upper": preview,
            "shown": shown,
            "page": page,
            "chosen": chosen,
            "query": query.urlencode(),
            "keep": keep.urlencode(),
            "here": here.urlencode(),
            "choose": choose
            or UpperCongressForm(
                congresses=congresses, initial={"congress": season.upper_congress_id}
            ),
            "has_congresses": bool(congresses),
            "replace": replace,
            "replace_entry": replace_entry,
            "problems": problems or [],
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def upper_congress(request: HttpRequest, season_id: int) -> HttpResponse:
    """The upper congress's delegates from the lower congresses: preview, choose, build."""
    season = get_season_for_user(request.user, season_id, write=request.method == "POST")
    if request.method == "GET":
        return _upper_page(request, season)
    if request.POST.get("action") == "chon":
        congresses = congress_results.congresses_of_unit(season.unit_id)
        form = UpperCongressForm(request.POST, congresses=congresses)
        if form.is_valid():
            try:
                upper.set_upper_congress(season=season, congress_id=form.cleaned_data["congress"])
            except SeasonError as error:
                add_errors(form, error)
            else:
                assert season.upper_congress is not None
                messages.success(request, UPPER_CHOSEN.format(congress=season.upper_congress.title))
                return redirect("season_upper", season_id=season.pk)
        return _upper_page(request, season, choose=form, status=400)
    try:
        built = upper.build_upper_list(season=season)
    except SeasonError as error:
        return _upper_page(request, season, problems=error.messages, status=400)
    season.refresh_from_db()
    messages.success(
        request,
        UPPER_BUILT.format(
            congress=season.upper_congress.title if season.upper_congress else "",
            added=len(built.added),
            updated=len(built.updated),
            removed=len(built.removed),
        ),
    )
    return redirect("season_upper", season_id=season.pk)


@login_required
@require_POST
def replace_official(request: HttpRequest, season_id: int, entry_id: int) -> HttpResponse:
    """Record the convening level's decision: the next alternate replaces an official."""
    season = get_season_for_user(request.user, season_id, write=True)
    entry = season.entries.select_related("unit").filter(pk=entry_id).first()
    if entry is None:
        raise Http404(NOT_FOUND)
    form = ReplacementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = upper.replace_official(
                entry=entry, official=data["official"], decision=data["decision"],
                decided_on=data["decided_on"], by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                UPPER_REPLACED.format(
                    alternate=done.alternate_name, official=done.official_name, unit=entry.unit
                ),
            )
            # Back to the page and filters the form was sent from (they ride on its action).
            back = reverse("season_upper", args=[season.pk])
            return redirect(f"{back}?{request.GET.urlencode()}" if request.GET else back)
    return _upper_page(request, season, replace=form, replace_entry=entry.pk, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def send_typed_result(request: HttpRequest, entry_id: int) -> HttpResponse:
    """A result file typed by hand with its names, by the unit or the upper level for it."""
    entry = get_entry_for_user(request.user, entry_id, write=request.method == "POST")
    form = TypedResultForm(
        request.POST if request.method == "POST" else None, words=words_of_kind(entry.unit.kind)
    )
    if request.method == "POST" and form.is_valid():
        try:
            step = typed.send_typed_result(
                entry=entry, data=form.to_data(), note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, SENT.format(step=step.get_kind_display().lower(), upper=entry.season.unit)
            )
            return redirect("season_unit_steps", unit_id=entry.unit_id)
    return render(
        request,
        "season/typed_result.html",
        {"entry": entry, "form": form, "words": words_of_kind(entry.unit.kind)},
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt  # the CSRF check runs in _result_sheet, once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def import_result_sheet(request: HttpRequest, entry_id: int) -> HttpResponse:
    """A lower unit's result file from a workbook, by the unit or the upper level for it."""
    entry = get_entry_for_user(request.user, entry_id, write=request.method == "POST")

    def save(form: ResultSheetForm) -> HttpResponse | None:
        data = form.cleaned_data
        upload = data["file"]
        try:
            result_sheet.import_result_sheet(
                entry=entry, source=upload, name=upload.name, size=upload.size,
                held_on=data["held_on"], number=data["number"], place=data["place"],
                note=data["note"], by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )  # fmt: skip
        except SeasonError as error:
            add_errors(form, error)
            return None
        messages.success(
            request, SENT.format(step=StepKind.RESULT.label.lower(), upper=entry.season.unit)
        )
        return redirect("season_unit_steps", unit_id=entry.unit_id)

    return workbook_upload(
        request,
        ResultSheetForm,
        save=save,
        page=lambda form: _result_sheet_page(request, entry, form),
    )


def _result_sheet_page(request: HttpRequest, entry: Any, form: ResultSheetForm) -> HttpResponse:
    return render(
        request,
        "season/result_sheet.html",
        {
            "entry": entry,
            "form": form,
            "limit": size_label(max_bytes()),
            "words": words_of_kind(entry.unit.kind),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the importer
def result_sheet_template(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_id)
    response = HttpResponse(content_type=XLSX_TYPE)
    result_sheet.write_template(entry, response)
    name = f"mau-ket-qua-dai-hoi-{entry.unit_id}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


RECORDED = "Đã ghi {committee} đương nhiệm, nhiệm kỳ {term}, vào sổ theo dõi cán bộ."


@login_required
@require_http_methods(["GET", "POST"])
def officer_register(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's officer register; its committee in office recorded by hand when it has none."""
    unit = get_unit_for_user(request.user, unit_id, write=request.method == "POST")
    words = words_of_kind(unit.kind)
    form = IncumbentCommitteeForm(request.POST if request.method == "POST" else None, words=words)
    if request.method == "POST" and form.is_valid():
        try:
            officers = register.record_incumbent_committee(
                unit=unit, data=form.to_data(), today=timezone.localdate()
            )
        except SeasonError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                RECORDED.format(
                    committee=words.committee,
                    term=f"{officers[0].term_start} - {officers[0].term_end}",
                ),
            )
            return redirect("season_officer_register", unit_id=unit.pk)
    return render(
        request,
        "season/register.html",
        {"unit": unit, "words": words, "register": register.register_of(unit), "form": form},
        status=400 if request.method == "POST" else 200,
    )
