"""Seed 004 end to end in the demo: the conference, its delegates, its honours and its records.

"Ngày 08/7, tại Nhà thiếu nhi tỉnh, Liên đoàn Lao động tỉnh tổ chức Hội nghị điển hình tiên tiến
trong công nhân, viên chức, lao động tỉnh lần thứ V. Dự Hội nghị có đồng chí Lò Văn Muôn, Phó Bí
thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh; … cùng 125 đại biểu tiên tiến". The demo has:

- the conference (a hội nghị of LĐLĐ tỉnh Điện Biên, "DB") for 2015 - 2020: the 125 delegates
  taken from the members of the Điện Biên tree (the 30 members given a Bằng khen first, then by
  name), Lò Văn Muôn as guest, everyone checked in at 7:30 on 08/7/2020 (the seed reports them
  present), the conference then closed;
- its review: the campaign of emulation.demo (whose six decisions give Bằng khen to 20
  collectives and 30 members), so the honours announced are those decisions;
- the records the 5-year review sums, from which its figures come out as the seed states them:
  10.236 initiatives applied (43 recognized by central ministries), 54 research projects
  accepted by the province, yearly campaigns 2015 - 2019 whose evaluations give 96% of members
  completing their tasks well or better each year, "Giỏi việc nước, đảm việc nhà" for 83% of the
  women each year, 158 mái ấm công đoàn for 4.626.400.000 đồng and 96 other supports for
  5.904.000.000 đồng. The seed gives totals only: how they spread over years, units and levels,
  the titles and amounts of single records are the demo's choice. Written with bulk_create (a
  few thousand rows a second), once: loading again adds nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import time

from django.db import transaction
from django.utils import timezone

from daihoi.activities.models import (
    Contribution,
    ContributionKind,
    Initiative,
    Level,
    ResearchProject,
)
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    CongressForm,
    CongressStatus,
    DelegateKind,
    EventKind,
)
from daihoi.congresses.services import CongressData, DelegateData
from daihoi.emulation import demo as emulation_demo
from daihoi.emulation import services as emulation_services
from daihoi.emulation.engine import awards_of, emulation_settings
from daihoi.emulation.models import (
    Campaign,
    CampaignKind,
    Evaluation,
    TaskLevelChoice,
    TitleChoice,
    TitleRecord,
)
from daihoi.review.models import ConferenceReview
from daihoi.rules import emulation as rules
from daihoi.units.models import Gender, Member, Unit

UNIT_CODE = emulation_demo.UNIT_CODE
DELEGATES = 125
CONFERENCE = CongressData(
    event_kind=EventKind.HOI_NGHI,
    name="điển hình tiên tiến",
    number="lần thứ V",
    term_start=2015,
    term_end=2020,
    starts_on=emulation_demo.DAY,
    venue="Nhà thiếu nhi tỉnh",
    place="Điện Biên",
    form=CongressForm.DAI_BIEU,
)
GUEST = DelegateData(
    full_name="Lò Văn Muôn",
    kind=DelegateKind.GUEST,
    position="Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    workplace="Tỉnh ủy Điện Biên",
    gender=Gender.NAM,
    ethnicity="Thái",
)
CHECK_IN = time(7, 30)
AGENDA = {
    "bao-cao": ("Báo cáo tổng kết phong trào thi đua yêu nước 5 năm (2015 - 2020)", ""),
    "cap-tren": (
        "Phát biểu chỉ đạo của lãnh đạo tỉnh",
        "Lò Văn Muôn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh",
    ),
    "khen-thuong": ("Công bố quyết định và trao Bằng khen của Ban Chấp hành LĐLĐ tỉnh", ""),
}

EVALUATED_YEARS = range(2015, 2020)  # 2020's year is evaluated after the conference
INITIATIVES = 10_236
INITIATIVES_CENTRAL = 43
INITIATIVES_PROVINCE = 212
INITIATIVES_SECTOR = 964
LEVEL_STRIDE = 7919
RESEARCH = 54
SHELTERS = 158
SHELTER_AMOUNT = 29_300_000  # each ± up to 2 triệu: 4.626.400.000 đồng in all
OTHER_SUPPORTS = 96
OTHER_AMOUNT = 61_500_000  # 5.904.000.000 đồng in all
NOT_WELL_EVERY = 25  # one member in 25 only completes the tasks: 96% well or better
WOMEN_GVN_SHARE = (83, 100)
TOPICS = (
    "Cải tiến quy trình tiếp nhận và trả kết quả hồ sơ",
    "Ứng dụng phần mềm quản lý văn bản trong công tác chuyên môn",
    "Đổi mới phương pháp dạy học theo hướng phát triển năng lực học sinh",
    "Giải pháp tiết kiệm điện năng tại đơn vị",
    "Nâng cao chất lượng chăm sóc người bệnh",
    "Cải tiến thiết bị đo lường phục vụ sản xuất",
    "Số hóa hồ sơ đoàn viên công đoàn cơ sở",
    "Giải pháp giảm thất thoát nước sạch",
)
RESEARCH_TOPICS = (
    "Nghiên cứu ứng dụng tiến bộ kỹ thuật trong sản xuất nông nghiệp vùng cao",
    "Nghiên cứu giải pháp nâng cao chất lượng giáo dục vùng dân tộc thiểu số",
    "Nghiên cứu quy trình khám, điều trị bệnh thường gặp tại tuyến huyện",
)
SHELTER_PURPOSE = "Xây dựng mái ấm công đoàn cho đoàn viên có hoàn cảnh khó khăn về nhà ở ({n})"
OTHER_PURPOSE = (
    "Kết nối tổ chức, cá nhân hỗ trợ xã đặc biệt khó khăn xây dựng cơ sở hạ tầng, trang "
    "thiết bị ({n})"
)


@dataclass
class DemoReport:
    conferences: int = 0
    delegates: int = 0
    initiatives: int = 0
    research: int = 0
    contributions: int = 0
    evaluations: int = 0
    titles: int = 0
    missing: bool = False


def _spread_date(i: int, total: int) -> datetime.date:
    """The i-th of total days spread from 01/7/2015 to 30/6/2020 (the five years reviewed)."""
    first, last = datetime.date(2015, 7, 1), datetime.date(2020, 6, 30)
    return first + datetime.timedelta(days=(last - first).days * i // max(total - 1, 1))


def _load_conference(federation: Unit, campaign: Campaign, report: DemoReport) -> None:
    if Congress.objects.filter(
        unit=federation, event_kind=EventKind.HOI_NGHI, starts_on=CONFERENCE.starts_on
    ).exists():
        return
    conference = congress_services.create_congress(unit=federation, data=CONFERENCE)
    awarded = set(
        TitleRecord.objects.filter(
            decision__proposal__campaign=campaign, member__isnull=False
        ).values_list("member_id", flat=True)
    )
    members = list(Member.objects.in_subtree(federation).active().order_by("name_key", "id"))
    chosen = [m for m in members if m.pk in awarded]
    chosen += [m for m in members if m.pk not in awarded][: DELEGATES - len(chosen)]
    congress_services.add_delegates_from_members(
        congress=conference, members=chosen, kind=DelegateKind.ATTENDEE
    )
    congress_services.add_delegate(congress=conference, data=GUEST)
    for delegate in conference.delegates.order_by("number", "id"):
        congress_services.check_in(congress=conference, delegate=delegate, desk="Bàn 1")
    # The desk writes the time it is now; the demo dates its record to the seed's morning.
    opening = timezone.make_aware(datetime.datetime.combine(conference.starts_on, CHECK_IN))
    AttendanceEvent.objects.filter(congress=conference).update(at=opening)
    conference.delegates.update(presence_at=opening)
    for item in conference.agenda.filter(step__in=AGENDA):
        title, presenter = AGENDA[item.step]
        congress_services.update_agenda_item(item=item, title=title, presenter=presenter)
    congress_services.set_status(congress=conference, status=CongressStatus.CLOSED)
    ConferenceReview.objects.create(conference=conference, campaign=campaign)
    report.conferences += 1
    report.delegates += len(chosen)


def _load_activities(federation: Unit, units: list[Unit], report: DemoReport) -> None:
    def unit(i: int) -> Unit:
        return units[i % len(units)]

    levels = (
        [Level.CENTRAL] * INITIATIVES_CENTRAL
        + [Level.PROVINCE] * INITIATIVES_PROVINCE
        + [Level.SECTOR] * INITIATIVES_SECTOR
    )
    levels += [Level.GRASSROOTS] * (INITIATIVES - len(levels))
    initiatives = [
        Initiative(
            unit=unit(i),
            title=f"{TOPICS[i % len(TOPICS)]} (sáng kiến {i + 1})",
            year=_spread_date(i, INITIATIVES).year,
            # A stride prime to the count spreads each level over the years and units.
            level=levels[i * LEVEL_STRIDE % INITIATIVES],
            applied=True,
        )
        for i in range(INITIATIVES)
    ]
    report.initiatives += len(Initiative.objects.bulk_create(initiatives, batch_size=1000))
    research = [
        ResearchProject(
            unit=unit(i * 7),
            title=f"{RESEARCH_TOPICS[i % len(RESEARCH_TOPICS)]} (đề tài {i + 1})",
            level=Level.PROVINCE,
            accepted_on=_spread_date(i, RESEARCH),
        )
        for i in range(RESEARCH)
    ]
    report.research += len(ResearchProject.objects.bulk_create(research))
    contributions = [
        Contribution(
            unit=unit(i * 3),
            kind=ContributionKind.SHELTER,
            amount=SHELTER_AMOUNT + (i % 5 - 2) * 1_000_000,
            given_on=_spread_date(i, SHELTERS),
            purpose=SHELTER_PURPOSE.format(n=i + 1),
        )
        for i in range(SHELTERS)
    ] + [
        Contribution(
            unit=federation if i % 4 == 0 else unit(i * 5),
            kind=ContributionKind.OTHER_SUPPORT,
            amount=OTHER_AMOUNT,
            given_on=_spread_date(i, OTHER_SUPPORTS),
            purpose=OTHER_PURPOSE.format(n=i + 1),
        )
        for i in range(OTHER_SUPPORTS)
    ]
    report.contributions += len(Contribution.objects.bulk_create(contributions))


def _load_years(federation: Unit, report: DemoReport) -> None:
    """Each year's evaluations (task levels, the engine's verdict) and GVN-ĐVN records."""
    members = list(Member.objects.in_subtree(federation).active().order_by("id"))
    settings = emulation_settings()
    held: dict[int, list[tuple[int, str]]] = {m.pk: [] for m in members}
    for year in EVALUATED_YEARS:
        campaign = emulation_services.create_campaign(
            unit=federation,
            data=emulation_services.CampaignData(
                title=f"Thi đua thường xuyên năm {year}",
                year=year,
                kind=CampaignKind.YEARLY,
                starts_on=datetime.date(year, 1, 1),
                ends_on=datetime.date(year, 12, 31),
            ),
            by=None,
        )
        base = [
            m
            for m in members
            if m.union_joined_on is None or m.union_joined_on <= datetime.date(year, 12, 31)
        ]
        evaluations, records = [], []
        women = [m for m in base if m.gender == Gender.NU]
        given = len(women) * WOMEN_GVN_SHARE[0] // WOMEN_GVN_SHARE[1]
        for i, member in enumerate(base):
            level = (
                TaskLevelChoice.DONE
                if i % NOT_WELL_EVERY == NOT_WELL_EVERY - 1
                else TaskLevelChoice.EXCELLENT
                if i % 10 == 0
                else TaskLevelChoice.GOOD
            )
            result = rules.evaluate_individual(
                rules.IndividualYear(
                    year=year,
                    evaluated_on=campaign.ends_on,
                    female=member.gender == Gender.NU,
                    task_level=rules.TaskLevel(level),
                    awards=awards_of(held[member.pk]),
                ),
                settings,
            )
            eligible = [t.value for t in result.eligible]
            evaluations.append(
                Evaluation(
                    campaign=campaign,
                    member=member,
                    unit=member.unit,
                    task_level=level,
                    eligible=eligible,
                    explanations={v.title.value: v.explanation for v in result.verdicts},
                )
            )
            if given and member.gender == Gender.NU and TitleChoice.GVNDVN in eligible:
                given -= 1
                records.append(TitleRecord(member=member, year=year, title=TitleChoice.GVNDVN))
                held[member.pk].append((year, TitleChoice.GVNDVN))
        report.evaluations += len(Evaluation.objects.bulk_create(evaluations, batch_size=1000))
        report.titles += len(TitleRecord.objects.bulk_create(records, batch_size=1000))


@transaction.atomic
def load_demo_review() -> DemoReport:
    """Load seed 004's conference and the records of its review, each unless already there."""
    report = DemoReport()
    federation = Unit.objects.filter(code=UNIT_CODE).first()
    campaign = Campaign.objects.filter(
        unit__code=UNIT_CODE, year=emulation_demo.YEAR, title=emulation_demo.TITLE
    ).first()
    if federation is None or campaign is None:
        report.missing = True
        return report
    _load_conference(federation, campaign, report)
    if Campaign.objects.filter(
        unit=federation, kind=CampaignKind.YEARLY, year=EVALUATED_YEARS[0]
    ).exists():
        return report
    units = list(Unit.objects.subtree(federation).exclude(pk=federation.pk).order_by("path"))
    _load_activities(federation, units, report)
    _load_years(federation, report)
    return report
