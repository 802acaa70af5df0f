"""Pages of a list of past records imported from Excel: template, upload, preview, import.

The same steps as the delegate list's (daihoi.congresses.import_views): the upload refuses a
file over the size limit before storing it; the preview lists every row's problems; the import
writes every row or none.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.access import NOT_FOUND, get_unit_for_user
from daihoi.activities import sheets
from daihoi.activities.errors import ActivityError
from daihoi.activities.models import SheetImport
from daihoi.activities.sheets import SheetKind
from daihoi.imports.forms import XLSX, UploadForm
from daihoi.imports.uploads import workbook_upload
from daihoi.imports.workbook import max_bytes, size_label
from daihoi.language import in_vietnamese
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Unit

PER_PAGE = 100


class SheetUploadForm(UploadForm):
    file_label = _("Tệp Excel (.xlsx, .xls, .ods)")


def _kind(slug: str) -> SheetKind:
    kind = sheets.KINDS.get(slug)
    if kind is None:
        raise Http404(NOT_FOUND)
    return kind


def _upload_for(unit: Unit, kind: SheetKind, import_id: int) -> SheetImport:
    upload = SheetImport.objects.filter(pk=import_id, unit=unit, kind=kind.slug).first()
    if upload is None:
        raise Http404(NOT_FOUND)
    return upload


@csrf_exempt  # workbook_upload checks CSRF once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, unit_id: int, kind: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    what = _kind(kind)

    def save(form: SheetUploadForm) -> HttpResponse:
        upload = sheets.start_import(
            kind=what, unit=unit, user=request.user, upload=form.cleaned_data["file"]
        )
        return redirect(
            "activities_import_preview", unit_id=unit.pk, kind=what.slug, import_id=upload.pk
        )

    return workbook_upload(
        request,
        SheetUploadForm,
        save=save,
        page=lambda form: _upload_page(request, unit, what, form),
    )


def _upload_page(
    request: HttpRequest, unit: Unit, kind: SheetKind, form: SheetUploadForm
) -> HttpResponse:
    recent = SheetImport.objects.filter(unit=unit, kind=kind.slug).defer("rows", "problems")[:5]
    return render(
        request,
        "activities/import.html",
        {
            "unit": unit,
            "sheet": kind,
            "form": form,
            "imports": recent,
            "limit": size_label(max_bytes()),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the importer
def import_template(request: HttpRequest, unit_id: int, kind: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    what = _kind(kind)
    out = io.BytesIO()
    sheets.write_template(what, unit, out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{what.slug}.xlsx"'
    return response


@login_required
@require_GET
def import_preview(request: HttpRequest, unit_id: int, kind: str, import_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    what = _kind(kind)
    upload = _upload_for(unit, what, import_id)
    return render(
        request,
        "activities/import_preview.html",
        {
            "unit": unit,
            "sheet": what,
            "upload": upload,
            "summary": {
                "rows_read": number_vi(upload.rows_read),
                "rows_valid": number_vi(upload.rows_valid),
                "rows_with_errors": number_vi(upload.rows_with_errors),
                "error_count": number_vi(upload.error_count),
                "adding": number_vi(len(upload.rows)),
                "imported_count": number_vi(upload.imported_count),
                "hidden": upload.error_count + upload.warning_count - len(upload.problems),
            },
            "problems": Paginator(upload.problems, PER_PAGE).get_page(request.GET.get("trang")),
            "rows": Paginator(upload.rows, PER_PAGE).get_page(request.GET.get("dong")),
        },
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, unit_id: int, kind: str, import_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id, write=True)
    what = _kind(kind)
    upload = _upload_for(unit, what, import_id)
    try:
        count = sheets.confirm_import(upload=upload, by=request.user)
    except ActivityError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            "activities_import_preview", unit_id=unit.pk, kind=what.slug, import_id=upload.pk
        )
    messages.success(request, sheets.imported_message(what, count))
    return redirect(
        "activities_import_preview", unit_id=unit.pk, kind=what.slug, import_id=upload.pk
    )
