"""API of emulation (thi đua): campaigns, registrations, evaluations, proposals, decisions, records
and the CĐCS classifications.

Read-only and paginated; mounted by daihoi.api at /api/campaigns/ and /api/units/. Objects come
through daihoi.emulation.access and daihoi.accounts.access, as on the pages: a campaign is seen by
the units it reaches; inside it, a unit of the caller's subtree and the units below it (outside:
404). The council's ballots are not in the API (secret); its result is in the evaluations'
proposals and the proposals' lines. No ``from __future__ import annotations``: django-ninja reads
the annotations at import time.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from daihoi.accounts.access import get_unit_for_user
from daihoi.api_common import PageNumber, caller, errors
from daihoi.emulation.access import (
    campaigns_visible_to,
    get_campaign_for_user,
    get_campaign_unit_for_user,
)
from daihoi.emulation.classification import classifications_of
from daihoi.emulation.models import (
    HONOUR_CHOICES,
    Campaign,
    CampaignKind,
    ClassificationLevel,
    CollectiveEvaluation,
    Decision,
    Evaluation,
    Proposal,
    ProposalLine,
    ProposalStatus,
    Registration,
    RegistrationStatus,
    TaskLevelChoice,
    TitleRecord,
    UnionClassification,
)
from daihoi.emulation.record_sheet import records_of_unit
from daihoi.units.models import Unit, path_range

campaigns_router = Router(tags=["Thi đua"])
records_router = Router(tags=["Thi đua"])

_HONOURS = dict(HONOUR_CHOICES)
HONOURS = ", ".join(value for value, _label in HONOUR_CHOICES)
TASK_LEVELS = ", ".join(TaskLevelChoice.values)
YEAR_HELP = "Chỉ năm này."


def honour_label(value: str) -> str:
    """The Vietnamese name of a title or a reward (the code itself if unknown)."""
    return str(_HONOURS.get(value, value))


# --------------------------------------------------------------------------- schemas


class CampaignOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị phát động (phong trào dành cho cả cây đơn vị dưới).")
    unit_name: str
    year: int
    kind: str = Field(description=f"Loại: {', '.join(CampaignKind.values)}.")
    kind_label: str
    title: str = Field(description="Tên phong trào.")
    starts_on: date
    ends_on: date
    content: str = Field(description="Nội dung, chỉ tiêu.")

    @staticmethod
    def resolve_unit_name(obj: Campaign) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_kind_label(obj: Campaign) -> str:
        return str(obj.get_kind_display())


class CampaignFilter(Schema):
    unit: int | None = Field(
        None, description="Chỉ các phong trào do đơn vị này (trong phạm vi tài khoản) phát động."
    )
    year: int | None = Field(None, ge=1, le=9999, description=YEAR_HELP)


class RegistrationOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị đăng ký (tập thể, hoặc đơn vị của cá nhân).")
    unit_name: str
    member_id: int | None = Field(description="Đoàn viên đăng ký (null: tập thể đăng ký).")
    member_name: str
    title: str = Field(description=f"Danh hiệu: {HONOURS}.")
    title_label: str
    status: str = Field(description=f"Trạng thái: {', '.join(RegistrationStatus.values)}.")
    status_label: str
    return_reason: str = Field(description="Lý do cấp trên trả lại.")
    created_at: datetime
    reviewed_at: datetime | None

    @staticmethod
    def resolve_unit_name(obj: Registration) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_member_name(obj: Registration) -> str:
        return obj.member.full_name if obj.member else ""

    @staticmethod
    def resolve_title_label(obj: Registration) -> str:
        return honour_label(obj.title)

    @staticmethod
    def resolve_status_label(obj: Registration) -> str:
        return str(obj.get_status_display())


class EvaluationOut(Schema):
    id: int
    member_id: int
    member_name: str
    unit_id: int = Field(description="Đơn vị của đoàn viên khi bình xét.")
    task_level: str = Field(description=f"Mức hoàn thành nhiệm vụ: {TASK_LEVELS}.")
    active_in_emulation: bool
    days_absent: int = Field(description="Số ngày làm việc nghỉ.")
    maternity_days: int = Field(description="Trong đó nghỉ thai sản.")
    joined_on: date | None = Field(description="Ngày tuyển dụng (nếu dưới một năm).")
    discipline: str = Field(description="Kỷ luật: khong, khien-trach, canh-cao, nang-hon.")
    administrative_sanction: bool
    initiative: str = Field(description="Sáng kiến: mức được công nhận.")
    research_accepted: bool
    active_in_union: bool
    family_duties_met: bool
    eligible: list[str] = Field(description="Danh hiệu đủ điều kiện theo quy định (máy xét).")
    explanations: dict[str, str] = Field(
        description="Lý do của từng danh hiệu: điều khoản và sự việc (máy xét)."
    )
    proposed: list[str] = Field(description="Danh hiệu đơn vị đề nghị.")
    override_reason: str = Field(description="Lý do đề nghị danh hiệu chưa đủ điều kiện.")
    updated_at: datetime

    @staticmethod
    def resolve_member_name(obj: Evaluation) -> str:
        return obj.member.full_name


class CollectiveEvaluationOut(Schema):
    id: int
    unit_id: int = Field(description="Tập thể được bình xét.")
    unit_name: str
    task_level: str = Field(description=f"Mức hoàn thành nhiệm vụ của tập thể: {TASK_LEVELS}.")
    active_in_emulation: bool
    united_and_lawful: bool
    members: int = Field(description="Số thành viên khi bình xét.")
    completed: int = Field(description="Số hoàn thành nhiệm vụ trở lên.")
    advanced: int = Field(description="Số đạt Lao động tiên tiến.")
    fighters: int = Field(description="Số đạt Chiến sĩ thi đua cơ sở.")
    disciplined_from_warning: int = Field(description="Số bị kỷ luật từ cảnh cáo trở lên.")
    eligible: list[str]
    explanations: dict[str, str]
    proposed: list[str]
    override_reason: str
    updated_at: datetime

    @staticmethod
    def resolve_unit_name(obj: CollectiveEvaluation) -> str:
        return obj.unit.name


class LineOut(Schema):
    id: int
    collective: bool = Field(description="true: khen tập thể (unit_id); false: cá nhân.")
    member_id: int | None
    unit_id: int = Field(description="Tập thể được khen, hoặc đơn vị của cá nhân.")
    who: str = Field(description="Họ tên cá nhân hoặc tên tập thể.")
    title: str = Field(description=f"Danh hiệu hoặc hình thức khen thưởng: {HONOURS}.")
    title_label: str
    eligible: bool | None = Field(
        description="Máy xét đủ điều kiện (null: hình thức khen thưởng, máy không xét)."
    )
    note: str = Field(description="Thành tích, hoặc lý do đề nghị danh hiệu chưa đủ điều kiện.")
    amount: int | None = Field(description="Tiền thưởng, đồng (số nguyên; có khi đã quyết định).")
    amount_explanation: str = Field(description="Cách tính tiền thưởng.")

    @staticmethod
    def resolve_title_label(obj: ProposalLine) -> str:
        return honour_label(obj.title)


class ProposalOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị đề nghị.")
    unit_name: str
    number: str = Field(description="Số tờ trình.")
    status: str = Field(description=f"Trạng thái: {', '.join(ProposalStatus.values)}.")
    status_label: str
    return_reason: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    decision_id: int | None = Field(description="Quyết định khen thưởng (khi đã quyết định).")
    lines: list[LineOut]

    @staticmethod
    def resolve_unit_name(obj: Proposal) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_status_label(obj: Proposal) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_decision_id(obj: Proposal) -> int | None:
        decision = getattr(obj, "decision", None)
        return decision.pk if decision is not None else None

    @staticmethod
    def resolve_lines(obj: Proposal) -> list[ProposalLine]:
        return list(obj.lines.all())


class DecisionOut(Schema):
    id: int
    proposal_id: int
    proposal_unit_id: int = Field(description="Đơn vị đã đề nghị.")
    unit_id: int = Field(description="Cấp ra quyết định.")
    unit_name: str
    number: str = Field(description="Số quyết định.")
    signed_on: date
    signer: str
    signer_title: str
    locality: str
    total: int = Field(description="Tổng tiền thưởng, đồng (số nguyên).")
    lines: list[LineOut] = Field(description="Danh sách kèm theo quyết định.")

    @staticmethod
    def resolve_proposal_unit_id(obj: Decision) -> int:
        return obj.proposal.unit_id

    @staticmethod
    def resolve_unit_name(obj: Decision) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_lines(obj: Decision) -> list[ProposalLine]:
        return list(obj.proposal.lines.all())


class TitleRecordOut(Schema):
    id: int
    member_id: int | None = Field(description="Đoàn viên (null: danh hiệu của tập thể).")
    member_name: str
    unit_id: int | None = Field(description="Tập thể (null: danh hiệu của cá nhân).")
    unit_name: str
    year: int
    title: str = Field(description=f"Danh hiệu hoặc hình thức khen thưởng: {HONOURS}.")
    title_label: str
    source: str = Field(description="Căn cứ (quyết định số, ngày).")
    decision_id: int | None = Field(description="Quyết định khen thưởng trong daihoi, nếu có.")

    @staticmethod
    def resolve_member_name(obj: TitleRecord) -> str:
        return obj.member.full_name if obj.member else ""

    @staticmethod
    def resolve_unit_name(obj: TitleRecord) -> str:
        return obj.unit.name if obj.unit else ""

    @staticmethod
    def resolve_title_label(obj: TitleRecord) -> str:
        return honour_label(obj.title)


class ClassificationOut(Schema):
    id: int
    unit_id: int = Field(description="Công đoàn được xếp loại.")
    unit_name: str
    year: int
    scale: str = Field(
        description="Thang điểm: hd-1294 (100 điểm, từ 2019) hoặc truoc-2019 (thang cũ)."
    )
    group1: Decimal | None = Field(description="Nhóm 1, tối đa 40 điểm (thang 100 điểm).")
    group2: Decimal | None = Field(description="Nhóm 2, tối đa 40 điểm.")
    group3: Decimal | None = Field(description="Nhóm 3, tối đa 15 điểm.")
    bonus: Decimal | None = Field(description="Điểm thưởng, tối đa 5 điểm.")
    criteria: list[tuple[str, int]] = Field(
        description="Thang cũ: điểm đạt và điểm tối đa của từng tiêu chí."
    )
    disciplined_from_warning: int = Field(
        description="Thang cũ: số đoàn viên bị kỷ luật từ cảnh cáo trở lên."
    )
    total: Decimal = Field(description="Tổng điểm.")
    level: str = Field(description=f"Xếp loại: {', '.join(ClassificationLevel.values)}.")
    level_label: str
    explanation: str = Field(description="Căn cứ xếp loại: điều khoản và số điểm (máy tính).")
    source: str = Field(description="Quyết định, biên bản xếp loại.")

    @staticmethod
    def resolve_unit_name(obj: UnionClassification) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_level_label(obj: UnionClassification) -> str:
        return str(obj.get_level_display())


class YearFilter(Schema):
    year: int | None = Field(None, ge=1, le=9999, description=YEAR_HELP)


# --------------------------------------------------------------------------- campaigns


@campaigns_router.get(
    "",
    response={200: list[CampaignOut], **errors(404, 422)},
    summary="Danh sách phong trào thi đua",
    description=(
        "Các phong trào do đơn vị trong phạm vi tài khoản phát động, và do cấp trên phát động "
        "cho đơn vị của tài khoản; mới nhất trước. `unit`: chỉ phong trào do đơn vị này phát "
        "động (ngoài phạm vi: 404)."
    ),
)
@paginate(PageNumber)
def list_campaigns(request: HttpRequest, filters: Query[CampaignFilter]) -> Any:
    user = caller(request)
    campaigns = campaigns_visible_to(user)
    if filters.unit is not None:
        campaigns = campaigns.filter(unit=get_unit_for_user(user, filters.unit))
    if filters.year is not None:
        campaigns = campaigns.filter(year=filters.year)
    return campaigns.order_by("-year", "-starts_on", "-id")


@campaigns_router.get(
    "{campaign_id}", response={200: CampaignOut, **errors(404)}, summary="Một phong trào thi đua"
)
def get_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    return get_campaign_for_user(caller(request), campaign_id)


def _subtree(request: HttpRequest, campaign_id: int, unit_id: int) -> tuple[Campaign, Q, Unit]:
    """The campaign, the filter of the unit's subtree (``unit__path``) and the unit; else 404."""
    campaign, unit = get_campaign_unit_for_user(caller(request), campaign_id, unit_id)
    low, high = path_range(unit.path)
    return campaign, Q(unit__path__gte=low, unit__path__lt=high), unit


@campaigns_router.get(
    "{campaign_id}/units/{unit_id}/registrations",
    response={200: list[RegistrationOut], **errors(404, 422)},
    summary="Đăng ký thi đua của một đơn vị và các đơn vị trực thuộc",
    description="Đăng ký của tập thể và cá nhân, theo cây đơn vị. Chỉ đọc.",
)
@paginate(PageNumber)
def list_registrations(request: HttpRequest, campaign_id: int, unit_id: int) -> Any:
    campaign, subtree, _unit = _subtree(request, campaign_id, unit_id)
    return (
        Registration.objects.filter(subtree, campaign=campaign)
        .select_related("unit", "member")
        .order_by("unit__path", F("member__name_key").asc(nulls_first=True), "id")
    )


@campaigns_router.get(
    "{campaign_id}/units/{unit_id}/evaluations",
    response={200: list[EvaluationOut], **errors(404, 422)},
    summary="Bình xét cá nhân",
    description=(
        "Kết quả bình xét của đoàn viên trong cây đơn vị: mức hoàn thành nhiệm vụ, các sự "
        "việc, danh hiệu máy xét đủ điều kiện kèm lý do, danh hiệu đề nghị. Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_evaluations(request: HttpRequest, campaign_id: int, unit_id: int) -> Any:
    campaign, _subtree_q, unit = _subtree(request, campaign_id, unit_id)
    low, high = path_range(unit.path)
    return (
        Evaluation.objects.filter(
            campaign=campaign, member__unit__path__gte=low, member__unit__path__lt=high
        )
        .select_related("member")
        .order_by("member__name_key", "id")
    )


@campaigns_router.get(
    "{campaign_id}/units/{unit_id}/collective-evaluations",
    response={200: list[CollectiveEvaluationOut], **errors(404, 422)},
    summary="Bình xét tập thể",
    description="Kết quả bình xét của đơn vị và các tập thể trực thuộc, theo cây đơn vị. Chỉ đọc.",
)
@paginate(PageNumber)
def list_collective_evaluations(request: HttpRequest, campaign_id: int, unit_id: int) -> Any:
    campaign, subtree, _unit = _subtree(request, campaign_id, unit_id)
    return (
        CollectiveEvaluation.objects.filter(subtree, campaign=campaign)
        .select_related("unit")
        .order_by("unit__path", "id")
    )


def _with_lines(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("unit", "decision").prefetch_related(
        "lines__member", "lines__unit"
    )


@campaigns_router.get(
    "{campaign_id}/units/{unit_id}/proposals",
    response={200: list[ProposalOut], **errors(404, 422)},
    summary="Tờ trình đề nghị khen thưởng",
    description=(
        "Tờ trình của đơn vị và các đơn vị trực thuộc, mỗi tờ trình với danh sách đề nghị "
        "(danh hiệu chưa đủ điều kiện kèm lý do) và trạng thái. Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_proposals(request: HttpRequest, campaign_id: int, unit_id: int) -> Any:
    campaign, subtree, _unit = _subtree(request, campaign_id, unit_id)
    return _with_lines(Proposal.objects.filter(subtree, campaign=campaign)).order_by(
        "unit__path", "id"
    )


@campaigns_router.get(
    "{campaign_id}/units/{unit_id}/decisions",
    response={200: list[DecisionOut], **errors(404, 422)},
    summary="Quyết định khen thưởng",
    description=(
        "Quyết định khen thưởng trên tờ trình của đơn vị và các đơn vị trực thuộc: số, ngày, "
        "người ký, danh sách kèm theo và tiền thưởng (đồng). Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_decisions(request: HttpRequest, campaign_id: int, unit_id: int) -> Any:
    campaign, _subtree_q, unit = _subtree(request, campaign_id, unit_id)
    low, high = path_range(unit.path)
    return (
        Decision.objects.filter(
            proposal__campaign=campaign,
            proposal__unit__path__gte=low,
            proposal__unit__path__lt=high,
        )
        .select_related("unit", "proposal")
        .prefetch_related("proposal__lines__member", "proposal__lines__unit")
        .order_by("-signed_on", "-id")
    )


# --------------------------------------------------------------------------- records


@records_router.get(
    "{unit_id}/title-records",
    response={200: list[TitleRecordOut], **errors(404, 422)},
    summary="Hồ sơ thành tích",
    description=(
        "Danh hiệu và hình thức khen thưởng đã đạt của đoàn viên và tập thể trong cây đơn vị, "
        "theo năm (như tệp Excel hồ sơ thành tích). Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_title_records(request: HttpRequest, unit_id: int, filters: Query[YearFilter]) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    records = records_of_unit(unit)
    if filters.year is not None:
        records = records.filter(year=filters.year)
    return records


@records_router.get(
    "{unit_id}/classifications",
    response={200: list[ClassificationOut], **errors(404, 422)},
    summary="Xếp loại công đoàn cơ sở",
    description=(
        "Kết quả xếp loại của đơn vị và các đơn vị trực thuộc trong năm `year` (bắt buộc): số "
        "điểm, tổng điểm, xếp loại do chương trình tính theo quy định, kèm căn cứ. Chỉ đọc."
    ),
)
@paginate(PageNumber)
def list_classifications(
    request: HttpRequest, unit_id: int, year: int = Query(..., ge=1, le=9999)
) -> Any:
    unit = get_unit_for_user(caller(request), unit_id)
    return classifications_of(unit, year=year)
