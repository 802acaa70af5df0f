"""Use cases of a delegate list imported from Excel: check it once, preview it, import it all.

A list is small (a few hundred people, MAX_ROWS at most), so it is read and checked inside the
upload's request and the checked rows wait in a DelegateImport row until the organizers import
them: every row or none, in one transaction, numbered as the other ways of adding delegates
number them (daihoi.congresses.services).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from daihoi.congresses import errors, services
from daihoi.congresses.delegate_sheet import (
    DELEGATES,
    MAX_ROWS,
    DelegateCheck,
    DelegateRow,
    ListedDelegates,
    check_delegate_rows,
    person_key,
)
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import Congress, CongressStatus, Delegate, DelegateImport
from daihoi.imports.checking import find_header
from daihoi.imports.workbook import read_workbook
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Member

if TYPE_CHECKING:
    from daihoi.accounts.models import User

MAX_STORED_PROBLEMS = 5000
# A list of MAX_ROWS people unpacks to about 4 MB; it is read inside the upload's request.
MAX_UNPACKED = 16 * 1024 * 1024
PREVIEW_KEPT = datetime.timedelta(days=1)

NOT_READY = "Tệp còn lỗi hoặc không có dòng nào để nhập: hãy sửa tệp rồi tải lên lại."
ALREADY_IMPORTED = "Tệp này đã được nhập."
CHANGED_SINCE_PREVIEW = (
    "Danh sách đã thay đổi từ lúc kiểm tra tệp: {detail} Không có ai được thêm; hãy tải tệp "
    "lên lại để kiểm tra lại."
)
CHANGED_MEMBER_GONE = "một đoàn viên trong tệp không còn trong hồ sơ."
CHANGED_PERSON_LISTED = errors.LIST_CHANGED_PERSON_LISTED
IMPORTED = errors.LIST_IMPORTED  # a conference's say "hội nghị" (errors.worded)


def start_delegate_import(
    *,
    congress: Congress,
    user: User | None,
    upload: UploadedFile,
    today: datetime.date | None = None,
) -> DelegateImport:
    """Read and check an uploaded delegate list, and keep the result for its preview.

    Raises ImportFileError for a file refused as a whole (not a workbook, too large, empty,
    missing columns...), CongressError when the congress is closed.
    """
    if congress.status == CongressStatus.CLOSED:
        raise CongressError.on(None, errors.CONGRESS_CLOSED)
    name = (upload.name or "danh-sach-dai-bieu.xlsx")[-255:]
    sheet = read_workbook(
        upload, name=name, size=upload.size or 0, max_rows=MAX_ROWS, unpacked_limit=MAX_UNPACKED
    )
    header = find_header(sheet, table=DELEGATES)
    result = check_delegate_rows(
        sheet, header, congress=congress, today=today or timezone.localdate()
    )
    return _record(congress, user, name, result)


@transaction.atomic
def _record(
    congress: Congress, user: User | None, name: str, result: DelegateCheck
) -> DelegateImport:
    # Previews nobody imported within a day are dropped: the list has changed since.
    stale = timezone.now() - PREVIEW_KEPT
    congress.imports.filter(imported_at__isnull=True, created_at__lt=stale).delete()
    return DelegateImport.objects.create(
        congress=congress,
        user=user,
        original_name=name,
        rows_read=result.rows_read,
        rows_with_errors=result.error_rows,
        rows_with_warnings=result.warning_rows,
        error_count=result.error_count,
        warning_count=result.warning_count,
        problems=[p.as_json() for p in result.problems[:MAX_STORED_PROBLEMS]],
        notes=result.notes,
        rows=[r.as_json() for r in result.rows] if result.can_import else [],
    )


def checked_rows(upload: DelegateImport) -> list[DelegateRow]:
    return [DelegateRow.from_json(value) for value in upload.rows]


def count_by_kind(rows: list[DelegateRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.data.kind] = counts.get(row.data.kind, 0) + 1
    return counts


def confirm_delegate_import(*, upload: DelegateImport) -> list[Delegate]:
    """Add every checked row of a previewed list to its congress: all of them or none.

    What may have changed since the preview is checked again inside the transaction; the
    import is marked done in the same transaction, so a second click imports nothing.
    """
    if upload.is_imported:
        raise CongressError.on(None, ALREADY_IMPORTED)
    if not upload.can_confirm:
        raise CongressError.on(None, NOT_READY)
    rows = checked_rows(upload)
    congress = upload.congress
    with transaction.atomic():
        claimed = DelegateImport.objects.filter(pk=upload.pk, imported_at__isnull=True).update(
            imported_at=timezone.now(), imported_count=len(rows), rows=[]
        )
        if not claimed:  # a second click, or a second tab
            raise CongressError.on(None, ALREADY_IMPORTED)
        ids = [row.member_id for row in rows if row.member_id is not None]
        members = Member.objects.select_related("unit").in_bulk(ids)
        if len(members) != len(set(ids)):
            raise _changed(CHANGED_MEMBER_GONE)
        listed = ListedDelegates.of(congress)
        for row in rows:
            data = row.data
            person = person_key(data.full_name, data.birth_date)
            if row.member_id is None and data.birth_date is not None and person in listed.people:
                listed_now = errors.worded(CHANGED_PERSON_LISTED, conference=congress.is_conference)
                raise _changed(listed_now.format(name=data.full_name, row=number_vi(row.row)))
        people = [(row.data, members.get(row.member_id or 0)) for row in rows]
        try:
            added = services.add_delegates_from_list(congress=congress, people=people)
        except CongressError as error:
            raise _changed(error.messages[0]) from None
    upload.refresh_from_db()
    return added


def _changed(detail: str) -> CongressError:
    return CongressError.on(None, CHANGED_SINCE_PREVIEW.format(detail=detail))


def imported_message(added: list[Delegate], *, congress: Congress) -> str:
    numbers = [d.number or 0 for d in added]
    return errors.worded(IMPORTED, conference=congress.is_conference).format(
        count=number_vi(len(added)), first=min(numbers, default=0), last=max(numbers, default=0)
    )


def recent_imports(congress: Congress, *, limit: int = 5) -> list[DelegateImport]:
    return list(congress.imports.defer("rows", "problems")[:limit])
