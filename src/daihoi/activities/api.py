"""API of the activities the reviews count: initiatives, research, contributions, introductions.

Read-only and paginated; mounted by daihoi.api at /api/units/. The unit comes through
daihoi.accounts.access, as on the pages (outside the caller's subtree: 404); the records are
those of the unit and the units below it (``activities.queries``). No ``from __future__ import
annotations``: django-ninja reads the annotations at import time.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from daihoi.accounts.access import get_unit_for_user
from daihoi.activities import queries
from daihoi.activities.models import (
    Contribution,
    ContributionKind,
    Initiative,
    Level,
    PartyIntroduction,
    ResearchProject,
)
from daihoi.api_common import PageNumber, caller, errors

activities_router = Router(tags=["Hoạt động (sáng kiến, đề tài, đóng góp)"])

LEVELS = ", ".join(Level.values)


class AuthorOut(Schema):
    id: int
    full_name: str


class YearFilter(Schema):
    year: int | None = Field(None, ge=1, le=9999, description="Chỉ năm này.")


class InitiativeOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị ghi nhận.")
    unit_name: str
    title: str
    authors: list[AuthorOut]
    year: int = Field(description="Năm công nhận.")
    level: str = Field(description=f"Cấp công nhận: {LEVELS}.")
    level_label: str
    applied: bool = Field(description="Đã áp dụng vào thực tế.")
    note: str

    @staticmethod
    def resolve_unit_name(obj: Initiative) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_authors(obj: Initiative) -> list[Any]:
        return list(obj.authors.all())

    @staticmethod
    def resolve_level_label(obj: Initiative) -> str:
        return str(obj.get_level_display())


class ResearchOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    title: str
    authors: list[AuthorOut] = Field(description="Chủ nhiệm, thành viên.")
    level: str = Field(description=f"Cấp đề tài: {LEVELS}.")
    level_label: str
    accepted_on: date = Field(description="Ngày nghiệm thu.")
    note: str

    @staticmethod
    def resolve_unit_name(obj: ResearchProject) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_authors(obj: ResearchProject) -> list[Any]:
        return list(obj.authors.all())

    @staticmethod
    def resolve_level_label(obj: ResearchProject) -> str:
        return str(obj.get_level_display())


class ContributionOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: str = Field(description=f"Loại: {', '.join(ContributionKind.values)}.")
    kind_label: str
    amount: int = Field(description="Số tiền, đồng (số nguyên).")
    given_on: date
    purpose: str = Field(description="Nội dung (cho ai, việc gì).")

    @staticmethod
    def resolve_unit_name(obj: Contribution) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_kind_label(obj: Contribution) -> str:
        return str(obj.get_kind_display())


class IntroductionOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    member_id: int
    member_name: str
    introduced_on: date
    admitted: bool = Field(description="Đã được kết nạp vào Đảng.")
    note: str

    @staticmethod
    def resolve_unit_name(obj: PartyIntroduction) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_member_name(obj: PartyIntroduction) -> str:
        return obj.member.full_name


@activities_router.get(
    "{unit_id}/initiatives",
    response={200: list[InitiativeOut], **errors(404, 422)},
    summary="Sáng kiến",
    description="Sáng kiến do đơn vị và các đơn vị trực thuộc ghi nhận, năm mới trước. Chỉ đọc.",
)
@paginate(PageNumber)
def list_initiatives(request: HttpRequest, unit_id: int, filters: Query[YearFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return queries.initiatives_of(unit, year=filters.year).order_by("-year", "title", "id")


@activities_router.get(
    "{unit_id}/research-projects",
    response={200: list[ResearchOut], **errors(404, 422)},
    summary="Đề tài nghiên cứu khoa học",
    description="Đề tài được nghiệm thu của đơn vị và các đơn vị trực thuộc. Chỉ đọc.",
)
@paginate(PageNumber)
def list_research(request: HttpRequest, unit_id: int, filters: Query[YearFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return queries.research_of(unit, year=filters.year).order_by("-accepted_on", "title", "id")


@activities_router.get(
    "{unit_id}/contributions",
    response={200: list[ContributionOut], **errors(404, 422)},
    summary="Đóng góp từ thiện, mái ấm công đoàn, an sinh",
    description="Số tiền (đồng) của đơn vị và các đơn vị trực thuộc, mới nhất trước. Chỉ đọc.",
)
@paginate(PageNumber)
def list_contributions(request: HttpRequest, unit_id: int, filters: Query[YearFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return queries.contributions_of(unit, year=filters.year).order_by("-given_on", "id")


@activities_router.get(
    "{unit_id}/party-introductions",
    response={200: list[IntroductionOut], **errors(404, 422)},
    summary="Giới thiệu đoàn viên ưu tú cho Đảng",
    description="Của đơn vị và các đơn vị trực thuộc, mới nhất trước. Chỉ đọc.",
)
@paginate(PageNumber)
def list_introductions(request: HttpRequest, unit_id: int, filters: Query[YearFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return queries.introductions_of(unit, year=filters.year).order_by("-introduced_on", "id")
