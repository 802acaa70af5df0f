"""Seed 004 in the demo: the Điện Biên federation's 5-year campaign and its Bằng khen (idempotent).

Seed 004 (Hội nghị điển hình tiên tiến lần thứ V, Liên đoàn Lao động tỉnh Điện Biên, 08/7/2020,
Nhà thiếu nhi tỉnh, 125 đại biểu tiên tiến): "Ban Chấp hành LĐLĐ tỉnh tặng Bằng khen cho 20 tập
thể, 30 cá nhân có thành tích xuất sắc tiêu biểu trong phong trào thi đua yêu nước CNVCLĐ, giai
đoạn 2015 - 2020". The demo has, through the emulation services as an officer would:

- the federation's themed campaign for 2015 - 2020 (launched by LĐLĐ tỉnh Điện Biên, "DB"), its
  content the seed's movements and figures;
- a proposal from each of the six unions below it (units.demo): each proposes a Bằng khen for
  its grassroots unions (16) and five of their members (30); Công đoàn Viên chức tỉnh, the
  Giáo dục and Y tế unions and the city's federation also propose themselves: 20 collectives;
- each proposal decided on 08/7/2020 by the federation, so the records hold 20 collectives' and
  30 members' Bằng khen of 2020, and each decision's certificates print from its page.

The seed names no decision number and no signer: "…/QĐ-LĐLĐ" stays to fill in by hand, and the
signer's line is left to sign. Which members are awarded is the demo's choice (the first
five by name across each union's grassroots unions). No reward amount: the law in rules.md gives
the base salary from 01/7/2024 only, so a 2020 decision shows none (a dated setting adds it).

Seed 000 (Công đoàn bộ phận Văn phòng Sở Công Thương Lai Châu, lần thứ I, 2017 - 2022) sets the
target "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh" but reports no yearly
classification: ``load_demo_classifications`` gives the section one for each year of the term,
through the classification service as an officer would type it, so the target is measured
(term measure don-vi-xep-loai). The points are the demo's, labelled so in each record's source;
the level is computed by the rules (rules.md §6): 2017 and 2018 on the older scale (vững mạnh),
2019 - 2022 on the 100-point scale of 1294/HD-TLĐ, which the target's "vững mạnh" is not held
to (rules.md gives no equivalence between the scales).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from daihoi.emulation import classification, services
from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.models import Campaign, CampaignKind, ClassificationScale, UnionClassification
from daihoi.emulation.services import AwardData, CampaignData, DecisionData
from daihoi.units.models import Member, Unit

UNIT_CODE = "DB"  # Liên đoàn Lao động tỉnh Điện Biên (units.demo)
UPPER_CODES = ("DB-CDVC", "DB-GD", "DB-YT", "DB-TP", "DB-MA", "DB-NP")
SELF_PROPOSED = ("DB-CDVC", "DB-GD", "DB-YT", "DB-TP")
PEOPLE_PER_UNION = 5
YEAR = 2020
DAY = datetime.date(2020, 7, 8)
TITLE = (
    "Phong trào thi đua yêu nước trong công nhân, viên chức, lao động tỉnh Điện Biên giai đoạn "
    "2015 - 2020"
)
CONTENT = (
    "Các phong trào: “Lao động giỏi, lao động sáng tạo”; “Học tập nâng cao trình độ học vấn, "
    "chuyên môn nghiệp vụ đáp ứng yêu cầu công nghiệp hóa, hiện đại hóa đất nước”; “Giỏi việc "
    "nước, đảm việc nhà” trong nữ công nhân viên chức lao động; thi đua thực hiện văn hóa công "
    "sở; “Đổi mới, sáng tạo, hiệu quả trong hoạt động của tổ chức Công đoàn”.\n"
    "Tổng kết tại Hội nghị điển hình tiên tiến trong công nhân, viên chức, lao động tỉnh lần "
    "thứ V, ngày 08/7/2020, tại Nhà thiếu nhi tỉnh, với 125 đại biểu tiên tiến: trong 5 năm có "
    "trên 10.000 sáng kiến được áp dụng; trên 50 đề tài, dự án được Hội đồng khoa học tỉnh công "
    "nhận, trên 40 sáng kiến được các Bộ ngành trung ương công nhận; hàng năm trên 95% CB, CC, VC "
    "hoàn thành tốt nhiệm vụ trở lên; từ 80 - 85% nữ CNVCLĐ đạt danh hiệu “Giỏi việc nước, đảm "
    "việc nhà”; gần 160 mái ấm công đoàn với số tiền trên 4,6 tỷ đồng; hỗ trợ các xã đặc biệt "
    "khó khăn tổng số tiền gần 6 tỷ đồng."
)
ACHIEVEMENT = (
    "Đã có thành tích xuất sắc tiêu biểu trong phong trào thi đua yêu nước công nhân, viên chức, "
    "lao động giai đoạn 2015 - 2020"
)
SIGNER_UNKNOWN = "(ký, ghi rõ họ tên)"
DECISION = DecisionData(
    number="…/QĐ-LĐLĐ",
    signed_on=DAY,
    signer=SIGNER_UNKNOWN,
    signer_title="Chủ tịch",
    locality="Điện Biên",
)


@dataclass
class DemoReport:
    campaigns: int = 0
    decisions: int = 0
    awards: int = 0
    missing_units: bool = False


SECTION_CODE = "LC-SCT-VP"  # seed 000's Công đoàn bộ phận Văn phòng Sở (units.demo)
DEMO_SOURCE = (
    "Số liệu minh họa của bản demo: bài báo mẫu 000 không nêu kết quả xếp loại hằng năm; điểm "
    "do bản demo đặt, mức xếp loại do quy tắc tính."
)
# (year, older scale's criteria) for 2017 - 2018; (year, group 1, 2, 3, bonus) from 2019.
LEGACY_POINTS = ((2017, "22/25; 21/25; 22/25; 21/25"), (2018, "23/25; 22/25; 21/25; 22/25"))
HD_1294_POINTS = (
    (2019, "37", "36", "13", "3"),
    (2020, "36,5", "37", "14", "3"),
    (2021, "38", "36", "13,5", "4"),
    (2022, "38", "37,5", "14", "4"),
)


def _classification_data() -> list[ClassificationData]:
    legacy = [
        ClassificationData(
            year=year, scale=ClassificationScale.LEGACY, criteria=criteria, source=DEMO_SOURCE
        )
        for year, criteria in LEGACY_POINTS
    ]
    return legacy + [
        ClassificationData(
            year=year,
            scale=ClassificationScale.HD_1294,
            group1=group1,
            group2=group2,
            group3=group3,
            bonus=bonus,
            source=DEMO_SOURCE,
        )
        for year, group1, group2, group3, bonus in HD_1294_POINTS
    ]


@transaction.atomic
def load_demo_classifications() -> int:
    """Classify seed 000's section for each year of its term unless it has a classification."""
    section = Unit.objects.filter(code=SECTION_CODE).first()
    if section is None or UnionClassification.objects.filter(unit=section).exists():
        return 0
    upper = section.parent or section
    for data in _classification_data():
        classification.record_classification(unit=section, within=upper, data=data, by=None)
    return len(LEGACY_POINTS) + len(HD_1294_POINTS)


@transaction.atomic
def load_demo_emulation() -> DemoReport:
    """Load seed 004's campaign, proposals and decisions unless the campaign is there."""
    report = DemoReport()
    federation = Unit.objects.filter(code=UNIT_CODE).first()
    uppers = list(Unit.objects.filter(code__in=UPPER_CODES).order_by("path"))
    if federation is None or len(uppers) != len(UPPER_CODES):
        report.missing_units = True
        return report
    if Campaign.objects.filter(unit=federation, year=YEAR, title=TITLE).exists():
        return report
    campaign = services.create_campaign(
        unit=federation,
        data=CampaignData(
            title=TITLE,
            year=YEAR,
            kind=CampaignKind.THEMED,
            starts_on=datetime.date(2015, 7, 1),
            ends_on=DAY,
            content=CONTENT,
        ),
        by=None,
    )
    report.campaigns += 1
    for upper in uppers:
        proposal = services.start_proposal(campaign=campaign, unit=upper, by=None)
        grassroots = list(upper.children.order_by("path"))
        collectives = grassroots + ([upper] if upper.code in SELF_PROPOSED else [])
        for unit in collectives:
            services.add_award(
                proposal=proposal,
                data=AwardData(award="bang-khen", note=ACHIEVEMENT, collective=unit),
            )
        people = Member.objects.in_subtree(upper).active().order_by("name_key", "id")
        for member in people[:PEOPLE_PER_UNION]:
            services.add_award(
                proposal=proposal,
                data=AwardData(award="bang-khen", note=ACHIEVEMENT, member=member),
            )
            report.awards += 1
        report.awards += len(collectives)
        services.submit_proposal(proposal=proposal, number="", by=None)
        services.decide_proposal(
            proposal=proposal, deciding_unit=federation, data=DECISION, by=None
        )
        report.decisions += 1
    return report
