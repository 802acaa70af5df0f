"""API endpoints of congresses: the list, delegates, check-in, the attendance log, hall votes.

Mounted by daihoi.api at /api/congresses/. Objects come through daihoi.congresses.access, as on
the pages (outside the caller's subtree: 404; a read-only role writing: 403); writes go
through the services. No ``from __future__ import annotations``: django-ninja reads the
annotations at import time.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from daihoi.accounts.access import get_member_for_user
from daihoi.api_common import PageNumber, caller, errors
from daihoi.congresses import queries, services
from daihoi.congresses.access import (
    congresses_visible_to,
    get_congress_for_user,
    get_delegate_for_user,
)
from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    Delegate,
    DelegateKind,
    HallVote,
    HallVoteSubject,
    Presence,
)
from daihoi.congresses.services import DelegateData
from daihoi.units.models import Member

congresses_router = Router(tags=["Đại hội"])

KINDS = ", ".join(DelegateKind.values)
SUBJECTS = ", ".join(HallVoteSubject.values)
PRESENCES = ", ".join(Presence.values)


# --------------------------------------------------------------------------- schemas


class CongressOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị tổ chức đại hội.")
    event_kind: str = Field(
        description="Loại: dai-hoi (đại hội) hoặc hoi-nghi (hội nghị: không bầu cử, không tính "
        "điều kiện tiến hành)."
    )
    title: str = Field(
        description="Tên đại hội, ví dụ “Đại hội … khóa V, nhiệm kỳ 2023 - 2028”, hoặc hội nghị, "
        "ví dụ “Hội nghị điển hình tiên tiến lần thứ V”."
    )
    number: str = Field(description="Lần thứ / khóa.")
    term_start: int
    term_end: int
    starts_on: date
    ends_on: date | None
    venue: str
    form: str = Field(description="Hình thức: toan-the (toàn thể) hoặc dai-bieu (đại biểu).")
    profile: str = Field(description="Quy định áp dụng: cong-doan, dang, doan.")
    status: str = Field(description="chuan-bi, dang-hop, be-mac.")
    current_item: str | None = Field(description="Nội dung chương trình đang tiến hành.")

    @staticmethod
    def resolve_current_item(obj: Congress) -> str | None:
        return obj.current_item.title if obj.current_item else None


class HallOut(Schema):
    summoned: int = Field(
        description="Số được triệu tập có quyền biểu quyết (không tính khách mời)."
    )
    present: int = Field(description="Số có mặt (đã điểm danh, chưa ra về).")
    left: int = Field(description="Số đã ra về.")
    absent: int = Field(description="Số vắng có lý do.")
    guests: int
    guests_present: int
    quorum_reached: bool = Field(description="Đủ ít nhất 2/3 số được triệu tập (rules.md §1.1).")
    quorum_needed: int = Field(description="Số có mặt tối thiểu để đủ điều kiện.")
    quorum_message: str


class DelegateOut(Schema):
    id: int
    number: int | None = Field(description="Số đại biểu (in trên thẻ).")
    full_name: str
    kind: str = Field(description=f"Loại: {KINDS}.")
    kind_label: str
    is_voting: bool = Field(description="Có quyền biểu quyết (khách mời: không).")
    member_id: int | None = Field(description="Đoàn viên tương ứng (null: người ngoài danh sách).")
    position: str
    protocol_rank: int | None = Field(
        description="Bậc lễ tân của khách mời (1 giới thiệu trước; null: xếp sau, theo số)."
    )
    workplace: str
    gender: str
    presence: str = Field(description=f"Điểm danh: {PRESENCES}.")
    presence_at: datetime | None
    absence_reason: str

    @staticmethod
    def resolve_kind_label(obj: Delegate) -> str:
        return str(DelegateKind(obj.kind).label)


class DelegateFilter(Schema):
    q: str = Field(
        "", max_length=100, description="Tìm theo họ tên, số đại biểu; không phân biệt dấu."
    )
    kind: DelegateKind | None = Field(None, description=f"Chỉ loại này ({KINDS}).")
    presence: Presence | None = Field(None, description=f"Chỉ trạng thái này ({PRESENCES}).")


class DelegateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: DelegateKind = Field(description=f"Loại đại biểu: {KINDS}.")
    member_id: int | None = Field(
        None, description="Đoàn viên trong phạm vi tài khoản (bỏ trống: nhập họ tên)."
    )
    full_name: str = Field("", max_length=200, description="Họ và tên (khi không có member_id).")
    position: str = Field("", max_length=200)
    protocol_rank: int | None = Field(
        None,
        description="Khách mời: bậc lễ tân, 1 đến 99 (1 là chức vụ cao nhất, giới thiệu trước); "
        "bỏ qua với đại biểu.",
    )
    workplace: str = Field("", max_length=255)
    gender: Literal["", "nam", "nu"] = ""
    birth_date: date | None = None
    ethnicity: str = Field("", max_length=40)
    is_party_member: bool = False


class CheckInIn(Schema):
    model_config = ConfigDict(extra="forbid")

    scanned: str = Field(
        max_length=200, description="Nội dung mã QR trên thẻ, hoặc số đại biểu gõ tay."
    )
    desk: str = Field("", max_length=40, description="Tên bàn đón tiếp, ví dụ “Bàn 2”.")


class CheckInOut(Schema):
    recorded: bool = Field(description="false: đại biểu đã có mặt từ trước, không ghi thêm.")
    message: str
    delegate: DelegateOut


class AbsentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=300, description="Lý do vắng.")


class EventOut(Schema):
    id: int
    delegate_id: int
    delegate_name: str
    kind: str = Field(description="den (đến), ve (ra về), vang (vắng có lý do).")
    at: datetime
    desk: str
    reason: str
    undone: bool = Field(description="Lượt này đã được hoàn tác.")

    @staticmethod
    def resolve_delegate_name(obj: AttendanceEvent) -> str:
        return obj.delegate.full_name


class HallVoteOut(Schema):
    id: int
    subject: str = Field(description=f"Loại nội dung: {SUBJECTS}.")
    title: str = Field(description="Tên nội dung biểu quyết.")
    votes_present: int = Field(description="Số có mặt khi biểu quyết.")
    votes_yes: int = Field(description="Tán thành.")
    votes_no: int = Field(description="Không tán thành.")
    votes_abstain: int = Field(description="Không biểu quyết.")
    adopted: bool = Field(
        description="Được thông qua (quá 1/2 số có mặt tán thành, rules.md §2.1)."
    )
    decision: str = Field(description="Kết quả như in trong biên bản.")
    voted_at: datetime
    recorded_at: datetime = Field(description="Lúc ghi (lần sửa: lúc ghi lần sửa).")
    recorded_by: str = Field(description="Tên đăng nhập của người ghi ('' nếu không rõ).")
    agenda_item: int | None = Field(description="Mục chương trình được biểu quyết (id), nếu có.")
    current: bool = Field(
        description="Lần ghi hiện hành (không bị hủy, không bị thay bằng lần sửa); biên bản và "
        "nghị quyết chỉ dùng các lần ghi hiện hành."
    )
    replaces: int | None = Field(description="Lần ghi mà lần này sửa (id), nếu là lần sửa.")
    reason: str = Field(description="Lý do sửa ('' nếu không phải lần sửa).")
    cancelled_at: datetime | None = Field(description="Lúc hủy, nếu lần ghi đã bị hủy.")
    cancel_reason: str = Field(description="Lý do hủy.")

    @staticmethod
    def resolve_recorded_by(obj: HallVote) -> str:
        return obj.recorded_by.username if obj.recorded_by else ""

    @staticmethod
    def resolve_agenda_item(obj: HallVote) -> int | None:
        return obj.agenda_item_id

    @staticmethod
    def resolve_current(obj: HallVote) -> bool:
        return obj.is_current

    @staticmethod
    def resolve_replaces(obj: HallVote) -> int | None:
        return obj.replaces_id


# --------------------------------------------------------------------------- congresses


@congresses_router.get(
    "",
    response={200: list[CongressOut], **errors(422)},
    summary="Danh sách đại hội",
    description="Các đại hội của các đơn vị trong phạm vi tài khoản, mới nhất trước.",
)
@paginate(PageNumber)
def list_congresses(request: HttpRequest) -> Any:
    return (
        congresses_visible_to(caller(request))
        .select_related("current_item")
        .order_by("-starts_on", "-id")
    )


@congresses_router.get(
    "{congress_id}", response={200: CongressOut, **errors(404)}, summary="Một đại hội"
)
def get_congress(request: HttpRequest, congress_id: int) -> Congress:
    return get_congress_for_user(caller(request), congress_id)


@congresses_router.get(
    "{congress_id}/hall",
    response={200: HallOut, **errors(404)},
    summary="Số có mặt và điều kiện tiến hành",
)
def get_hall(request: HttpRequest, congress_id: int) -> dict[str, Any]:
    congress = get_congress_for_user(caller(request), congress_id)
    hall = queries.hall_figures(congress)
    figures = hall.figures
    return {
        "summoned": figures.summoned,
        "present": figures.present,
        "left": figures.left,
        "absent": figures.absent,
        "guests": figures.guests,
        "guests_present": figures.guests_present,
        "quorum_reached": hall.quorum.reached,
        "quorum_needed": hall.quorum.needed,
        "quorum_message": hall.quorum.message,
    }


# --------------------------------------------------------------------------- delegates


@congresses_router.get(
    "{congress_id}/delegates",
    response={200: list[DelegateOut], **errors(404, 422)},
    summary="Đại biểu và khách mời",
    description="Theo số đại biểu.",
)
@paginate(PageNumber)
def list_delegates(request: HttpRequest, congress_id: int, filters: Query[DelegateFilter]) -> Any:
    congress = get_congress_for_user(caller(request), congress_id)
    return queries.delegates_of(
        congress,
        text=filters.q,
        kind=filters.kind or "",
        presence=filters.presence or "",
    )


@congresses_router.post(
    "{congress_id}/delegates",
    response={201: DelegateOut, **errors(403, 404, 422)},
    summary="Thêm đại biểu hoặc khách mời",
)
def add_delegate(request: HttpRequest, congress_id: int, payload: DelegateIn) -> Any:
    user = caller(request)
    congress = get_congress_for_user(user, congress_id, write=True)
    member: Member | None = None
    if payload.member_id is not None:
        member = get_member_for_user(user, payload.member_id)
    data = DelegateData(
        full_name=payload.full_name,
        kind=payload.kind,
        position=payload.position,
        protocol_rank=payload.protocol_rank,
        workplace=payload.workplace,
        gender=payload.gender,
        birth_date=payload.birth_date,
        ethnicity=payload.ethnicity,
        is_party_member=payload.is_party_member,
    )
    return Status(201, services.add_delegate(congress=congress, data=data, member=member))


# --------------------------------------------------------------------------- attendance


@congresses_router.post(
    "{congress_id}/check-in",
    response={200: CheckInOut, **errors(403, 404, 422)},
    summary="Điểm danh bằng mã QR hoặc số đại biểu",
    description="Quét hai lần, hoặc hai bàn cùng quét một thẻ, chỉ ghi một lượt đến.",
)
def check_in(request: HttpRequest, congress_id: int, payload: CheckInIn) -> dict[str, Any]:
    user = caller(request)
    congress = get_congress_for_user(user, congress_id, write=True)
    result = services.check_in(congress=congress, code=payload.scanned, desk=payload.desk, by=user)
    return {"recorded": not result.already, "message": result.message, "delegate": result.delegate}


def _delegate(request: HttpRequest, congress_id: int, delegate_id: int) -> Delegate:
    user = caller(request)
    congress = get_congress_for_user(user, congress_id, write=True)
    return get_delegate_for_user(user, congress, delegate_id, write=True)


def _reload(delegate: Delegate) -> Delegate:
    return Delegate.objects.get(pk=delegate.pk)


@congresses_router.post(
    "{congress_id}/delegates/{delegate_id}/check-out",
    response={200: DelegateOut, **errors(403, 404, 422)},
    summary="Ghi ra về",
)
def check_out(request: HttpRequest, congress_id: int, delegate_id: int) -> Delegate:
    delegate = _delegate(request, congress_id, delegate_id)
    services.check_out(delegate=delegate, by=caller(request))
    return _reload(delegate)


@congresses_router.post(
    "{congress_id}/delegates/{delegate_id}/absent",
    response={200: DelegateOut, **errors(403, 404, 422)},
    summary="Ghi vắng có lý do",
)
def absent(request: HttpRequest, congress_id: int, delegate_id: int, payload: AbsentIn) -> Delegate:
    delegate = _delegate(request, congress_id, delegate_id)
    services.mark_absent(delegate=delegate, reason=payload.reason, by=caller(request))
    return _reload(delegate)


@congresses_router.post(
    "{congress_id}/delegates/{delegate_id}/undo",
    response={200: DelegateOut, **errors(403, 404, 422)},
    summary="Hoàn tác lượt điểm danh gần nhất",
)
def undo(request: HttpRequest, congress_id: int, delegate_id: int) -> Delegate:
    delegate = _delegate(request, congress_id, delegate_id)
    services.undo_check_in(delegate=delegate, by=caller(request))
    return _reload(delegate)


@congresses_router.get(
    "{congress_id}/attendance",
    response={200: list[EventOut], **errors(404, 422)},
    summary="Nhật ký điểm danh",
    description="Mọi lượt đến, ra về, vắng, mới nhất trước; lượt đã hoàn tác vẫn còn, có đánh dấu.",
)
@paginate(PageNumber)
def attendance_log(request: HttpRequest, congress_id: int) -> Any:
    congress = get_congress_for_user(caller(request), congress_id)
    return (
        AttendanceEvent.objects.filter(congress=congress)
        .select_related("delegate")
        .order_by("-at", "-id")
    )


# --------------------------------------------------------------------------- hall votes


@congresses_router.get(
    "{congress_id}/hall-votes",
    response={200: list[HallVoteOut], **errors(404, 422)},
    summary="Biểu quyết tại đại hội",
    description=(
        "Các lần biểu quyết bằng giơ tay (chương trình, quy chế, báo cáo chính trị, nghị quyết, "
        "nội dung khác) theo thứ tự thời gian, với số liệu và kết quả; các lần ghi đã sửa hoặc "
        "đã hủy vẫn có trong danh sách (current = false) kèm lý do. Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_hall_votes(request: HttpRequest, congress_id: int) -> Any:
    congress = get_congress_for_user(caller(request), congress_id)
    return congress.hall_votes.select_related("recorded_by", "replaced_by").order_by(
        "voted_at", "recorded_at", "id"
    )
