"""Pages of the member list in Excel: template, upload, preview and progress, confirm, export.

Each view: authorize through daihoi.accounts.access (jobs through daihoi.imports.access), read
the form, make one call, redirect or render.
"""

from __future__ import annotations

import io
import tempfile

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.access import get_unit_for_user
from daihoi.imports import messages, services
from daihoi.imports.access import get_import_job_for_user
from daihoi.imports.forms import XLSX, UploadForm
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.imports.spreadsheets import EXPORT_FIELDS, write_members, write_template
from daihoi.imports.uploads import workbook_upload
from daihoi.imports.workbook import max_bytes, size_label
from daihoi.language import in_vietnamese
from daihoi.rules.numbers import number_vi, percent_vi
from daihoi.units import queries
from daihoi.units.forms import MemberSearchForm
from daihoi.units.models import Unit
from daihoi.units.views import is_htmx
from daihoi.units.words import member_slug, member_word, member_word_vi

PROBLEMS_PER_PAGE = 100


@csrf_exempt  # workbook_upload checks CSRF once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)

    def save(form: UploadForm) -> HttpResponse:
        job = services.start_import(
            unit=unit,
            user=request.user,  # type: ignore[arg-type]
            upload=form.cleaned_data["file"],
        )
        return redirect("import_job", job_id=job.pk)

    return workbook_upload(
        request, UploadForm, save=save, page=lambda form: _upload_page(request, unit, form)
    )


def _upload_page(request: HttpRequest, unit: Unit, form: UploadForm) -> HttpResponse:
    label = _("Tệp danh sách %(members)s (.xlsx, .xls, .ods)")
    form.fields["file"].label = label % {"members": member_word(unit)}
    return render(
        request,
        "imports/upload.html",
        {
            "unit": unit,
            "form": form,
            "jobs": list(services.recent_jobs(unit)),
            "limit": size_label(max_bytes()),
            "breadcrumb": queries.breadcrumb(unit, user=request.user),
        },
    )


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the importer
def import_template(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    units = Unit.objects.subtree(unit).only("code", "name", "depth").order_by("path")
    out = io.BytesIO()
    write_template(unit, units.iterator(chunk_size=2000), out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-{member_slug(unit)}-{unit.code}.xlsx"'
    )
    return response


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the importer
def member_export(request: HttpRequest, unit_id: int) -> FileResponse:
    unit = get_unit_for_user(request.user, unit_id)
    text, status = MemberSearchForm(request.GET).query()  # the list's own filters
    members = queries.members_of_subtree(unit, text=text, status=status)
    rows = members.values_list(*EXPORT_FIELDS).iterator(chunk_size=2000)
    out = tempfile.TemporaryFile()  # closed, hence deleted, by FileResponse
    write_members(rows, out, word=member_word_vi(unit))
    out.seek(0)
    day = timezone.localdate()
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"{member_slug(unit)}-{unit.code}-{day:%Y%m%d}.xlsx",
        content_type=XLSX,
    )


@login_required
@require_GET
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = services.expire_if_stale(get_import_job_for_user(request.user, job_id))
    if is_htmx(request) and not job.is_active:
        # The poll that sees the end asks for the whole page: preview or result.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    current, total, counts = services.read_progress_of(job)
    context = {
        "job": job,
        "unit": job.unit,
        "progress": _progress(job, current, total, counts),
        "summary": _summary(job),
        "normalized": _normalized(job),
        "page": Paginator(job.problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("trang")),
        "breadcrumb": queries.breadcrumb(job.unit, user=request.user),
    }
    template = "imports/job.html"
    if is_htmx(request):
        template += "#progress"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_import_job_for_user(request.user, job_id, write=True)
    try:
        job = services.confirm_import(job=job, twins_confirmed=request.POST.get("twins") == "on")
    except services.ImportRefused as error:
        flash.error(request, error.message)
    else:
        if job.status == ImportStatus.DONE:
            flash.success(
                request,
                messages.in_words_of(
                    messages.DONE.format(count=number_vi(job.imported_count), unit=job.unit.name),
                    job.unit,
                ),
            )
    return redirect("import_job", job_id=job.pk)


def _progress(job: ImportJob, current: int, total: int, counts: str) -> dict[str, object]:
    unpacking = counts == services.BYTES
    return {
        "current": current,
        "total": total,
        "unpacking": unpacking,
        "current_vi": size_label(current) if unpacking else number_vi(current),
        "total_vi": size_label(total) if unpacking else number_vi(total),
        "percent": percent_vi(current, total, 0) if total else "0%",
        "value": min(current, total),
    }


def _normalized(job: ImportJob) -> list[dict[str, str]]:
    """Return the notes of values normalized, with their rows as a short text."""
    notes = []
    for note in job.normalized:
        more = note["count"] - len(note["rows"])
        rows = ", ".join(number_vi(row) for row in note["rows"])
        notes.append({**note, "rows": rows, "more": number_vi(more) if more > 0 else ""})
    return notes


def _summary(job: ImportJob) -> dict[str, str]:
    return {
        "rows_read": number_vi(job.rows_read),
        "rows_valid": number_vi(job.rows_valid),
        "rows_with_errors": number_vi(job.rows_with_errors),
        "rows_with_warnings": number_vi(job.rows_with_warnings),
        "error_count": number_vi(job.error_count),
        "warning_count": number_vi(job.warning_count),
        "twins": number_vi(job.twins),
        "imported_count": number_vi(job.imported_count),
        "shown": number_vi(len(job.problems)),
        "hidden": number_vi(job.error_count + job.warning_count - len(job.problems)),
    }
