"""API of the congress season: the plans, each unit's steps and statuses, the board's results.

Read-only; mounted by daihoi.api at /api/seasons/ and /api/units/. The same access as the pages
(daihoi.season.access, daihoi.accounts.access): a season, its plan and its board are seen by who
sees its upper unit (the levels above the units that hold congresses); a unit's steps by the unit
and the levels above it. A lower unit sees its own steps, never its sibling's nor the season's
board (404). No ``from __future__ import annotations``: django-ninja reads the annotations at
import time.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from daihoi.accounts.access import get_unit_for_user
from daihoi.api_common import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, PageNumber, caller, errors
from daihoi.season import queries
from daihoi.season.access import get_season_for_user
from daihoi.season.models import Season, SeasonStep, StepKind, StepStatus
from daihoi.season.queries import BoardRow, BoardStatus
from daihoi.season.services import kind_label
from daihoi.units.models import Unit, path_range

seasons_router = Router(tags=["Mùa đại hội"])
season_steps_router = Router(tags=["Mùa đại hội"])

STATUSES = ", ".join(BoardStatus)


# --------------------------------------------------------------------------- schemas


class DeadlineOut(Schema):
    kind: str = Field(description="Loại đơn vị phải đại hội.")
    kind_label: str
    due: datetime.date = Field(description="Hoàn thành trước ngày.")


class SeasonOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị cấp trên lập kế hoạch.")
    unit_name: str
    name: str = Field(description="Tên kế hoạch.")
    term_start: int
    term_end: int
    deadlines: list[DeadlineOut] = Field(description="Hạn hoàn thành theo loại đơn vị.")
    upper_congress_id: int | None = Field(
        description="Đại hội của đơn vị cấp trên nhận đại biểu từ các đại hội cấp dưới."
    )

    @staticmethod
    def resolve_unit_name(obj: Season) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_deadlines(obj: Season) -> list[dict[str, Any]]:
        return [
            {"kind": d.kind, "kind_label": kind_label(d.kind), "due": d.due}
            for d in obj.deadlines.all()
        ]


class SeasonFilter(Schema):
    unit: int | None = Field(
        None, description="Chỉ các kế hoạch do đơn vị này (trong phạm vi tài khoản) lập."
    )


class StepOut(Schema):
    id: int
    season_id: int
    season_name: str
    unit_id: int
    unit_name: str
    kind: str = Field(description=f"Bước: {', '.join(StepKind.values)}.")
    kind_label: str
    status: str = Field(description=f"Trạng thái: {', '.join(StepStatus.values)}.")
    status_label: str
    sent_on: datetime.date
    answered_on: datetime.date | None
    reason: str = Field(description="Lý do cấp trên trả lại.")
    committee_size: int | None = Field(description="Số ủy viên BCH (đề án hoặc kết quả).")
    held_on: datetime.date | None = Field(description="Ngày đại hội (hồ sơ kết quả).")
    delegates_elected: int | None = Field(description="Số đại biểu chính thức dự cấp trên đã bầu.")
    chair_name: str
    women: int | None
    young: int | None
    reelected: int | None
    decision_number: str = Field(description="Số quyết định công nhận.")
    decided_on: datetime.date | None
    congress_id: int | None = Field(description="Đại hội tổ chức trên daihoi (null: nhập tay).")

    @staticmethod
    def resolve_season_id(obj: SeasonStep) -> int:
        return obj.entry.season_id

    @staticmethod
    def resolve_season_name(obj: SeasonStep) -> str:
        return obj.entry.season.name

    @staticmethod
    def resolve_unit_id(obj: SeasonStep) -> int:
        return obj.entry.unit_id

    @staticmethod
    def resolve_unit_name(obj: SeasonStep) -> str:
        return obj.entry.unit.name

    @staticmethod
    def resolve_kind_label(obj: SeasonStep) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: SeasonStep) -> str:
        return str(obj.get_status_display())


class StepFilter(Schema):
    season: int | None = Field(None, description="Chỉ các bước của kế hoạch này.")
    status: StepStatus | None = Field(None, description="Chỉ các bước ở trạng thái này.")


class BoardRowOut(Schema):
    unit_id: int
    unit_name: str
    unit_kind: str
    branch: str = Field(description="Đơn vị trực thuộc cấp lập kế hoạch mà đơn vị nằm dưới.")
    planned_on: datetime.date | None = Field(description="Ngày dự kiến đại hội.")
    pilot: bool = Field(description="Đại hội điểm.")
    seats: int = Field(description="Số đại biểu được phân bổ dự đại hội cấp trên.")
    approved_committee_size: int | None = Field(description="Số ủy viên BCH được duyệt.")
    due: datetime.date | None = Field(description="Hạn của kế hoạch theo loại đơn vị.")
    status: str = Field(description=f"Tình trạng: {STATUSES}.")
    status_label: str
    warnings: list[str] = Field(description="Quá ngày dự kiến, quá hạn, quá hạn công nhận.")
    step: StepOut | None = Field(description="Bước gần nhất của đơn vị.")
    result: StepOut | None = Field(description="Hồ sơ kết quả đại hội, nếu đã gửi.")

    @staticmethod
    def resolve_unit_id(obj: BoardRow) -> int:
        return obj.entry.unit_id

    @staticmethod
    def resolve_unit_name(obj: BoardRow) -> str:
        return obj.entry.unit.name

    @staticmethod
    def resolve_unit_kind(obj: BoardRow) -> str:
        return obj.entry.unit.kind

    @staticmethod
    def resolve_planned_on(obj: BoardRow) -> datetime.date | None:
        return obj.entry.planned_on

    @staticmethod
    def resolve_pilot(obj: BoardRow) -> bool:
        return obj.entry.pilot

    @staticmethod
    def resolve_seats(obj: BoardRow) -> int:
        return obj.entry.seats

    @staticmethod
    def resolve_approved_committee_size(obj: BoardRow) -> int | None:
        return obj.entry.committee_size

    @staticmethod
    def resolve_status_label(obj: BoardRow) -> str:
        return obj.status_label


class StatusCountOut(Schema):
    status: str
    label: str
    count: int


class BoardOut(Schema):
    season_id: int
    total: int = Field(description="Số đơn vị theo bộ lọc (trước khi lọc trạng thái).")
    warned: int = Field(description="Số đơn vị cần nhắc.")
    counts: list[StatusCountOut] = Field(description="Số đơn vị theo từng tình trạng.")
    items: list[BoardRowOut]
    count: int = Field(description="Tổng số dòng trên mọi trang.")
    page: int
    page_size: int


class BoardFilter(Schema):
    status: BoardStatus | None = Field(None, description=f"Chỉ tình trạng này: {STATUSES}.")
    branch: int | None = Field(None, description="Chỉ các đơn vị dưới đơn vị trực thuộc này.")
    kind: str | None = Field(None, max_length=20, description="Chỉ loại đơn vị này.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Số trang, bắt đầu từ 1.")
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 200)."
    )


# --------------------------------------------------------------------------- endpoints


def _seasons() -> QuerySet[Season]:
    return Season.objects.select_related("unit").prefetch_related("deadlines").order_by("-id")


@seasons_router.get(
    "",
    response={200: list[SeasonOut], **errors(404, 422)},
    summary="Các kế hoạch đại hội trong phạm vi tài khoản",
    description="Kế hoạch do đơn vị của tài khoản và các đơn vị trực thuộc lập, mới nhất trước.",
)
@paginate(PageNumber)
def list_seasons(request: HttpRequest, filters: Query[SeasonFilter]) -> Any:
    user = caller(request)
    if filters.unit is not None:
        return _seasons().filter(unit=get_unit_for_user(user, filters.unit))
    if user.is_superuser:
        return _seasons()
    if user.unit is None:
        return _seasons().none()
    low, high = path_range(user.unit.path)
    return _seasons().filter(unit__path__gte=low, unit__path__lt=high)


@seasons_router.get(
    "{season_id}",
    response={200: SeasonOut, **errors(404)},
    summary="Một kế hoạch đại hội",
)
def get_season(request: HttpRequest, season_id: int) -> Season:
    get_season_for_user(caller(request), season_id)
    return _seasons().get(pk=season_id)


@seasons_router.get(
    "{season_id}/board",
    response={200: BoardOut, **errors(404, 422)},
    summary="Bảng theo dõi: tình trạng và kết quả của từng đơn vị",
    description=(
        "Mỗi đơn vị phải đại hội: ngày dự kiến, bước gần nhất, tình trạng, cảnh báo và kết quả "
        "(BCH so với số được duyệt, chủ tịch, nữ, trẻ, tái cử, đại biểu đã bầu)."
    ),
)
def season_board(request: HttpRequest, season_id: int, filters: Query[BoardFilter]) -> Any:
    season = get_season_for_user(caller(request), season_id)
    board = queries.board_of(
        season,
        today=timezone.localdate(),
        status=filters.status or "",
        branch_id=filters.branch,
        kind=filters.kind or "",
    )
    size = filters.page_size
    offset = (filters.page - 1) * size
    return {
        "season_id": season.pk,
        "total": board.total,
        "warned": board.warned,
        "counts": [{"status": s, "label": label, "count": n} for s, label, n in board.counts],
        "items": board.rows[offset : offset + size],
        "count": len(board.rows),
        "page": filters.page,
        "page_size": size,
    }


@season_steps_router.get(
    "{unit_id}/season-steps",
    response={200: list[StepOut], **errors(404, 422)},
    summary="Các bước mùa đại hội của đơn vị và các đơn vị trực thuộc",
    description=(
        "Đề án nhân sự, hồ sơ kết quả và quyết định công nhận mà đơn vị (và các đơn vị dưới "
        "nó) đã gửi lên, với trạng thái và ngày; mới nhất trước."
    ),
)
@paginate(PageNumber)
def list_unit_steps(request: HttpRequest, unit_id: int, filters: Query[StepFilter]) -> Any:
    unit: Unit = get_unit_for_user(caller(request), unit_id)
    low, high = path_range(unit.path)
    steps = SeasonStep.objects.select_related("entry__unit", "entry__season").filter(
        entry__unit__path__gte=low, entry__unit__path__lt=high
    )
    if filters.season is not None:
        steps = steps.filter(entry__season_id=filters.season)
    if filters.status is not None:
        steps = steps.filter(status=filters.status)
    return steps.order_by("-sent_on", "-id")
