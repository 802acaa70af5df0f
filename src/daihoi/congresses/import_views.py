"""Pages of a delegate list imported from Excel: template, upload, preview, import.

Each view: authorize through daihoi.congresses.access, read the form, make one call, redirect
or render. The upload refuses a file over the size limit before storing it, as the member
import does (daihoi.imports.uploads).
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.congresses.access import get_congress_for_user, get_delegate_import_for_user
from daihoi.congresses.delegate_import import (
    checked_rows,
    confirm_delegate_import,
    count_by_kind,
    imported_message,
    recent_imports,
    start_delegate_import,
)
from daihoi.congresses.delegate_sheet import kind_texts, write_template
from daihoi.congresses.errors import CongressError
from daihoi.congresses.forms import DelegateListUploadForm
from daihoi.congresses.models import Congress
from daihoi.congresses.services import quota_checks
from daihoi.imports.forms import XLSX
from daihoi.imports.uploads import workbook_upload
from daihoi.imports.workbook import max_bytes, size_label
from daihoi.language import in_vietnamese
from daihoi.rules import hall
from daihoi.rules.numbers import number_vi

PER_PAGE = 100


@csrf_exempt  # the CSRF check runs in _upload, once the size-limit handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def delegate_import_upload(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)

    def save(form: DelegateListUploadForm) -> HttpResponse | None:
        try:
            upload = start_delegate_import(
                congress=congress,
                user=request.user,  # type: ignore[arg-type]
                upload=form.cleaned_data["file"],
            )
        except CongressError as error:
            for message in error.messages:
                form.add_error("file", message)
            return None
        return redirect("delegate_import_preview", congress_id=congress.pk, import_id=upload.pk)

    return workbook_upload(
        request,
        DelegateListUploadForm,
        save=save,
        page=lambda form: _upload_page(request, congress, form),
    )


def _upload_page(
    request: HttpRequest, congress: Congress, form: DelegateListUploadForm
) -> HttpResponse:
    return render(
        request,
        "congresses/delegate_import.html",
        {
            "congress": congress,
            "form": form,
            "kinds": list(kind_texts(congress).values()),
            "imports": recent_imports(congress),
            "limit": size_label(max_bytes()),
            "tab": "delegates",
        },
    )


@login_required
@require_GET
@in_vietnamese  # the workbook is read back by the importer
def delegate_import_template(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    out = io.BytesIO()
    write_template(congress, out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    name = f"danh-sach-dai-bieu-{congress.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def delegate_import_preview(request: HttpRequest, congress_id: int, import_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    upload = get_delegate_import_for_user(request.user, congress, import_id)
    rows = checked_rows(upload)
    adding = count_by_kind(rows)
    labels = kind_texts(congress)
    checks = quota_checks(congress, adding=adding) if upload.can_confirm else []
    linked = sum(row.member_id is not None for row in rows)
    return render(
        request,
        "congresses/delegate_import_preview.html",
        {
            "congress": congress,
            "upload": upload,
            "kinds": [(labels[k], number_vi(adding[k])) for k in labels if adding.get(k)],
            "quota_problems": hall.problems(checks),
            "quota_passed": [check for check in checks if check.ok],
            "summary": {
                "rows_read": number_vi(upload.rows_read),
                "rows_valid": number_vi(upload.rows_valid),
                "rows_with_errors": number_vi(upload.rows_with_errors),
                "rows_with_warnings": number_vi(upload.rows_with_warnings),
                "error_count": number_vi(upload.error_count),
                "warning_count": number_vi(upload.warning_count),
                "adding": number_vi(len(rows)),
                "linked": number_vi(linked),
                "unlinked": number_vi(len(rows) - linked),
                "imported_count": number_vi(upload.imported_count),
                "hidden": upload.error_count + upload.warning_count - len(upload.problems),
            },
            "problems": Paginator(upload.problems, PER_PAGE).get_page(request.GET.get("trang")),
            "rows": Paginator(
                [(row, labels.get(row.data.kind, "")) for row in rows], PER_PAGE
            ).get_page(request.GET.get("dong")),
            "tab": "delegates",
        },
    )


@login_required
@require_POST
def delegate_import_confirm(request: HttpRequest, congress_id: int, import_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    upload = get_delegate_import_for_user(request.user, congress, import_id, write=True)
    try:
        added = confirm_delegate_import(upload=upload)
    except CongressError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("delegate_import_preview", congress_id=congress.pk, import_id=upload.pk)
    messages.success(request, imported_message(added, congress=congress))
    # The list shows the new numbers and, above them, the quota warnings of the list as it is.
    return redirect("delegate_list", congress_id=congress.pk)
