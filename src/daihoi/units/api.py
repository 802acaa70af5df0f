"""API endpoints of units and members: read through daihoi.accounts.access, write through services.

Mounted by daihoi.api at /api/units/ and /api/members/. No ``from __future__ import
annotations`` here: django-ninja reads the annotations at import time to build the schemas.
"""

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from daihoi.accounts.access import can_see, get_member_for_user, get_unit_for_user, units_visible_to
from daihoi.api_common import PageNumber, caller, errors
from daihoi.units import queries, services
from daihoi.units.errors import UnitsError
from daihoi.units.models import Member, MemberStatus, Unit, UnitKind
from daihoi.units.services import MemberData
from daihoi.units.statistics import Group, unit_statistics

OWN_UNIT_CANNOT_MOVE = (
    "Đơn vị cấp trên: không chuyển được đơn vị gốc hoặc đơn vị của chính tài khoản bạn "
    "(sau khi chuyển bạn sẽ không còn thấy nó)."
)

units_router = Router(tags=["Đơn vị"])
members_router = Router(tags=["Đoàn viên"])

KINDS = ", ".join(UnitKind.values)
STATUSES = ", ".join(MemberStatus.values)


# --------------------------------------------------------------------------- schemas


class UnitOut(Schema):
    id: int
    name: str = Field(description="Tên đơn vị.")
    short_name: str = Field(description="Tên viết tắt (có thể trống).")
    code: str = Field(description="Mã đơn vị, duy nhất.")
    kind: str = Field(description=f"Loại đơn vị: {KINDS}.")
    kind_label: str = Field(description="Tên loại đơn vị bằng tiếng Việt.")
    parent_id: int | None = Field(description="Đơn vị cấp trên (null: đơn vị gốc).")
    depth: int = Field(description="Cấp trong cây tổ chức, 0 là gốc.")

    @staticmethod
    def resolve_kind_label(obj: Unit) -> str:
        return str(UnitKind(obj.kind).label)


class UnitCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    parent_id: int = Field(description="Đơn vị cấp trên (phải trong phạm vi tài khoản).")
    name: str = Field(max_length=255, description="Tên đơn vị.")
    code: str = Field(max_length=50, description="Mã đơn vị: chữ không dấu, số, . _ -")
    kind: str = Field(description=f"Loại đơn vị: {KINDS}.")
    short_name: str = Field("", max_length=100, description="Tên viết tắt.")


# PATCH: every field optional; an explicit null is refused (type error), omit the field instead.
class UnitPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(None, max_length=255, description="Tên đơn vị.")  # type: ignore[assignment]
    short_name: str = Field(None, max_length=100, description="Tên viết tắt.")  # type: ignore[assignment]
    code: str = Field(None, max_length=50, description="Mã đơn vị.")  # type: ignore[assignment]
    kind: str = Field(None, description=f"Loại đơn vị: {KINDS}.")  # type: ignore[assignment]
    parent_id: int = Field(None, description="Chuyển sang đơn vị cấp trên khác.")  # type: ignore[assignment]


_MEMBER_DESCRIPTIONS = {
    "full_name": "Họ và tên (lưu ở dạng Unicode NFC).",
    "gender": "Giới tính: nam hoặc nu.",
    "birth_date": "Ngày sinh, YYYY-MM-DD.",
    "ethnicity": "Dân tộc (một trong 54 dân tộc; viết cách nào phổ biến cũng được).",
    "religion": "Tôn giáo.",
    "is_party_member": "Là đảng viên.",
    "party_joined_on": "Ngày vào Đảng, YYYY-MM-DD (chỉ khi là đảng viên).",
    "education": "Trình độ học vấn: tieu_hoc, thcs, thpt, trung_cap, cao_dang, dai_hoc, "
    "thac_si, tien_si (trống: chưa rõ).",
    "professional_level": "Trình độ chuyên môn.",
    "position": "Chức vụ.",
    "workplace": "Nơi làm việc.",
    "union_joined_on": "Ngày vào Công đoàn, YYYY-MM-DD.",
    "member_number": "Số thẻ đoàn viên (duy nhất nếu có).",
    "phone": "Số điện thoại.",
    "status": f"Tình trạng: {STATUSES}.",
}


def _d(name: str) -> str:
    return _MEMBER_DESCRIPTIONS[name]


class MemberOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị sinh hoạt.")
    full_name: str = Field(description=_d("full_name"))
    ho: str = Field(description="Họ.")
    ten_dem: str = Field(description="Tên đệm.")
    ten: str = Field(description="Tên.")
    gender: str = Field(description=_d("gender"))
    birth_date: date | None = Field(description=_d("birth_date"))
    ethnicity: str = Field(description=_d("ethnicity"))
    religion: str = Field(description=_d("religion"))
    is_party_member: bool = Field(description=_d("is_party_member"))
    party_joined_on: date | None = Field(description=_d("party_joined_on"))
    education: str = Field(description=_d("education"))
    professional_level: str = Field(description=_d("professional_level"))
    position: str = Field(description=_d("position"))
    workplace: str = Field(description=_d("workplace"))
    union_joined_on: date | None = Field(description=_d("union_joined_on"))
    member_number: str = Field(description=_d("member_number"))
    phone: str = Field(description=_d("phone"))
    status: str = Field(description=_d("status"))
    updated_at: datetime


class MemberCreateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    unit_id: int = Field(description="Đơn vị sinh hoạt (phải trong phạm vi tài khoản).")
    full_name: str = Field(max_length=200, description=_d("full_name"))
    gender: str = Field(description=_d("gender"))
    birth_date: date | None = Field(None, description=_d("birth_date"))
    ethnicity: str = Field("", max_length=40, description=_d("ethnicity"))
    religion: str = Field("", max_length=60, description=_d("religion"))
    is_party_member: bool = Field(False, description=_d("is_party_member"))
    party_joined_on: date | None = Field(None, description=_d("party_joined_on"))
    education: str = Field("", description=_d("education"))
    professional_level: str = Field("", max_length=200, description=_d("professional_level"))
    position: str = Field("", max_length=200, description=_d("position"))
    workplace: str = Field("", max_length=255, description=_d("workplace"))
    union_joined_on: date | None = Field(None, description=_d("union_joined_on"))
    member_number: str = Field("", max_length=30, description=_d("member_number"))
    phone: str = Field("", max_length=20, description=_d("phone"))
    status: str = Field(MemberStatus.ACTIVE.value, description=_d("status"))


class MemberPatchIn(Schema):
    """Only the fields sent change. Dates may be null (cleared); other fields may not."""

    model_config = ConfigDict(extra="forbid")

    full_name: str = Field(None, max_length=200, description=_d("full_name"))  # type: ignore[assignment]
    gender: str = Field(None, description=_d("gender"))  # type: ignore[assignment]
    birth_date: date | None = Field(None, description=_d("birth_date"))
    ethnicity: str = Field(None, max_length=40, description=_d("ethnicity"))  # type: ignore[assignment]
    religion: str = Field(None, max_length=60, description=_d("religion"))  # type: ignore[assignment]
    is_party_member: bool = Field(None, description=_d("is_party_member"))  # type: ignore[assignment]
    party_joined_on: date | None = Field(None, description=_d("party_joined_on"))
    education: str = Field(None, description=_d("education"))  # type: ignore[assignment]
    professional_level: str = Field(None, max_length=200, description=_d("professional_level"))  # type: ignore[assignment]
    position: str = Field(None, max_length=200, description=_d("position"))  # type: ignore[assignment]
    workplace: str = Field(None, max_length=255, description=_d("workplace"))  # type: ignore[assignment]
    union_joined_on: date | None = Field(None, description=_d("union_joined_on"))
    member_number: str = Field(None, max_length=30, description=_d("member_number"))  # type: ignore[assignment]
    phone: str = Field(None, max_length=20, description=_d("phone"))  # type: ignore[assignment]
    status: str = Field(None, description=_d("status"))  # type: ignore[assignment]


class MemberFilter(Schema):
    q: str = Field(
        "", max_length=200, description="Tìm theo tên, số thẻ, số điện thoại; không phân biệt dấu."
    )
    status: MemberStatus | None = Field(
        None, description=f"Chỉ lấy đoàn viên có tình trạng này ({STATUSES}); bỏ trống: tất cả."
    )


class GroupOut(Schema):
    key: str
    label: str = Field(description="Tên nhóm bằng tiếng Việt.")
    count: int
    percent_vi: str = Field(description="Tỷ lệ viết kiểu Việt Nam, ví dụ “49,2%”.")

    @staticmethod
    def resolve_label(obj: Group) -> str:
        return str(obj.label)


class StatisticsOut(Schema):
    unit_id: int
    day: date = Field(description="Ngày tính tuổi.")
    members: int = Field(description="Đoàn viên đang sinh hoạt trong đơn vị và cấp dưới.")
    composition: list[GroupOut] = Field(description="Nữ, đảng viên, dân tộc thiểu số.")
    ethnicity_unknown: int = Field(description="Đoàn viên chưa ghi dân tộc.")
    age: list[GroupOut] = Field(description="Nhóm tuổi.")
    education: list[GroupOut] = Field(description="Trình độ học vấn.")
    units_below: list[GroupOut] = Field(description="Số đơn vị cấp dưới, theo loại.")

    @staticmethod
    def resolve_unit_id(obj: Any) -> int:
        return int(obj.unit.pk)


# --------------------------------------------------------------------------- units


@units_router.get(
    "",
    response={200: list[UnitOut], **errors(404, 422)},
    summary="Danh sách đơn vị",
    description="Các đơn vị trong phạm vi tài khoản, theo thứ tự cây; `parent`: chỉ các đơn vị "
    "trực thuộc một đơn vị (theo thứ tự tên).",
)
@paginate(PageNumber)
def list_units(
    request: HttpRequest,
    parent: int | None = Query(None, description="Chỉ lấy đơn vị trực thuộc đơn vị này."),
) -> Any:
    units = units_visible_to(caller(request))
    if parent is not None:
        parent_unit = get_unit_for_user(caller(request), parent)
        return units.filter(parent=parent_unit).order_by("name_key", "id")
    return units.order_by("path")


@units_router.get("{unit_id}", response={200: UnitOut, **errors(404)}, summary="Một đơn vị")
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    return get_unit_for_user(caller(request), unit_id)


@units_router.post(
    "",
    response={201: UnitOut, **errors(403, 404, 422)},
    summary="Thêm đơn vị",
    description="Chỉ tài khoản quản trị; đơn vị cấp trên phải trong phạm vi tài khoản.",
)
def create_unit(request: HttpRequest, payload: UnitCreateIn) -> Status[Unit]:
    parent = get_unit_for_user(caller(request), payload.parent_id, write=True, manage=True)
    unit = services.create_unit(
        parent=parent,
        name=payload.name,
        code=payload.code,
        kind=payload.kind,
        short_name=payload.short_name,
    )
    return Status(201, unit)


@units_router.patch(
    "{unit_id}",
    response={200: UnitOut, **errors(403, 404, 422)},
    summary="Sửa đơn vị",
    description="Chỉ tài khoản quản trị. Chỉ các trường gửi lên được đổi; `parent_id` chuyển "
    "đơn vị (cùng mọi đơn vị cấp dưới) sang đơn vị cấp trên khác.",
)
def patch_unit(request: HttpRequest, unit_id: int, payload: UnitPatchIn) -> Unit:
    unit = get_unit_for_user(caller(request), unit_id, write=True, manage=True)
    changes = payload.model_dump(exclude_unset=True)
    parent = unit.parent
    if "parent_id" in changes and changes["parent_id"] != unit.parent_id:
        if parent is None or not can_see(caller(request), parent):
            raise UnitsError.on("parent", OWN_UNIT_CANNOT_MOVE)
        parent = get_unit_for_user(caller(request), changes["parent_id"], write=True, manage=True)
    return services.edit_unit(
        unit=unit,
        name=changes.get("name", unit.name),
        short_name=changes.get("short_name", unit.short_name),
        code=changes.get("code", unit.code),
        kind=changes.get("kind", unit.kind),
        parent=parent,
    )


@units_router.get(
    "{unit_id}/members",
    response={200: list[MemberOut], **errors(404, 422)},
    summary="Đoàn viên của đơn vị và các đơn vị cấp dưới",
    description="Theo thứ tự tên tiếng Việt (tên, tên đệm, họ).",
)
@paginate(PageNumber)
def list_members(request: HttpRequest, unit_id: int, filters: Query[MemberFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return queries.members_of_subtree(unit, text=filters.q, status=filters.status)


@units_router.get(
    "{unit_id}/statistics",
    response={200: StatisticsOut, **errors(404)},
    summary="Thống kê đoàn viên",
    description="Đoàn viên đang sinh hoạt trong đơn vị và cấp dưới: nữ, đảng viên, dân tộc "
    "thiểu số, độ tuổi, học vấn; số đơn vị cấp dưới theo loại.",
)
def get_statistics(request: HttpRequest, unit_id: int) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return unit_statistics(unit)


# --------------------------------------------------------------------------- members


@members_router.post(
    "",
    response={201: MemberOut, **errors(403, 404, 422)},
    summary="Thêm đoàn viên",
    description="Tài khoản cán bộ hoặc quản trị; đơn vị phải trong phạm vi tài khoản.",
)
def create_member(request: HttpRequest, payload: MemberCreateIn) -> Status[Member]:
    unit = get_unit_for_user(caller(request), payload.unit_id, write=True)
    data = MemberData(**payload.model_dump(exclude={"unit_id"}))
    return Status(201, services.create_member(unit=unit, data=data))


@members_router.get(
    "{member_id}", response={200: MemberOut, **errors(404)}, summary="Một đoàn viên"
)
def get_member(request: HttpRequest, member_id: int) -> Member:
    return get_member_for_user(caller(request), member_id)


@members_router.patch(
    "{member_id}",
    response={200: MemberOut, **errors(403, 404, 422)},
    summary="Sửa đoàn viên",
    description="Chỉ các trường gửi lên được đổi. Chuyển sinh hoạt sang đơn vị khác không làm "
    "ở đây (cần ghi lịch sử chuyển).",
)
def patch_member(request: HttpRequest, member_id: int, payload: MemberPatchIn) -> Member:
    member = get_member_for_user(caller(request), member_id, write=True)
    data = replace(MemberData.of(member), **payload.model_dump(exclude_unset=True))
    return services.update_member(member=member, data=data)
