"""Downloads of the title records (hồ sơ thành tích) in Excel: a member's, or a unit's subtree.

The columns are the import's (``daihoi.emulation.record_sheet``), so an exported list is also a
filled template.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from daihoi.accounts.access import get_member_for_user, get_unit_for_user
from daihoi.emulation.record_sheet import records_of_member, records_of_unit, write_records
from daihoi.imports.forms import XLSX
from daihoi.language import in_vietnamese


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
@in_vietnamese
def member_records_export(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_member_for_user(request.user, member_id)
    out = io.BytesIO()
    write_records(records_of_member(member), out, title=f"Hồ sơ thành tích: {member.full_name}")
    return _xlsx(out.getvalue(), f"ho-so-thanh-tich-doan-vien-{member.pk}.xlsx")


@login_required
@require_GET
@in_vietnamese
def unit_records_export(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, unit_id)
    out = io.BytesIO()
    write_records(records_of_unit(unit), out, title=f"Hồ sơ thành tích: {unit.name}")
    return _xlsx(out.getvalue(), f"ho-so-thanh-tich-{unit.code}.xlsx")
