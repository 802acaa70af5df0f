"""The targets of the demo congresses, word for word from seeds 000 and 001 (idempotent).

Each target is a clause of the seed's resolution, kept as the seed words it, with its typed
measure; a clause that holds two figures ("100% tập thể ..., trong đó có trên 30% ...") is two
targets, one measure each. The seeds give no yearly results for these terms, so the demo types
none: the dashboard says "chưa có số liệu" until the emulation records or an officer fill them
(seed 000's "vững mạnh" is measured from the section's classifications, which the emulation demo
records with demo-labelled points).
Seed 001 also reports the term before (2017 - 2023): its charity fund "trên 1,3 tỷ đồng" and its
targets "hoàn thành và vượt chỉ tiêu", recorded on the khóa V congress as the review it heard.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from daihoi.congresses.models import Congress
from daihoi.rules.emulation import LegacyLevel, TaskLevel, Title, UnionLevel
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.term import services
from daihoi.term.services import TargetData, ValueData

SEED_001_SOURCE = (
    "Báo cáo tổng kết nhiệm kỳ 2017 - 2023 trình Đại hội Công đoàn cơ sở Sở Công Thương khóa V "
    "(bài báo mẫu 001, VŨ THẢO)"
)


@dataclass(frozen=True)
class DemoTarget:
    text: str
    measure: Measure
    comparison: Comparison
    threshold: int | None = None
    title: Title | None = None
    level: str | None = None
    period: Period | None = None
    years: tuple[int, int] | None = None  # the congress's term unless given
    # A figure the seed reports: (year, amount or đạt, note).
    reported: tuple[int, int | bool, str] | None = None


A, ABOVE, ALL, RECORDED = Comparison.AT_LEAST, Comparison.ABOVE, Comparison.ALL, Comparison.RECORDED

# Seed 000: Công đoàn bộ phận Văn phòng Sở, lần thứ I, 2017 - 2022.
SEED_000 = (
    # Measured from the section's own classification of each year (emulation.demo classifies it).
    DemoTarget(
        "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
        Measure.UNIT_LEVEL,
        ALL,
        level=LegacyLevel.STRONG,
    ),
    DemoTarget(
        "trên 95% đoàn viên hoàn thành nhiệm vụ",
        Measure.MEMBER_TASKS,
        ABOVE,
        95,
        level=TaskLevel.DONE,
    ),
    DemoTarget(
        "có trên 90% đoàn viên đạt danh hiệu đoàn viên xuất sắc",
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.DVCDXS,
    ),
    DemoTarget(
        "100% tập thể đạt danh hiệu lao động tiên tiến",
        Measure.COLLECTIVE_TITLE,
        ALL,
        title=Title.TTLDTT,
    ),
    DemoTarget(
        "trong đó có trên 30% tập thể đạt danh hiệu lao động xuất sắc",
        Measure.COLLECTIVE_TITLE,
        ABOVE,
        30,
        title=Title.TTLDXS,
    ),
    DemoTarget(
        "trên 95% cán bộ, công chức và người lao động hoàn thành nhiệm vụ",
        Measure.MEMBER_TASKS,
        ABOVE,
        95,
        level=TaskLevel.DONE,
    ),
    DemoTarget(
        "trong đó, có trên 90% đạt danh hiệu lao động tiên tiến",
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.LDTT,
    ),
    DemoTarget(
        "có trên 15% đạt danh hiệu chiến sỹ thi đua cấp cơ sở",
        Measure.MEMBER_TITLE,
        ABOVE,
        15,
        title=Title.CSTDCS,
    ),
    DemoTarget(
        'Phấn đấu có trên 90% nữ cán bộ, công chức đạt danh hiệu "Giỏi việc nước, đảm việc nhà"',
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.GVNDVN,
    ),
    DemoTarget(
        "Trong nhiệm kỳ giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú trở lên để "
        "bồi dưỡng, kết nạp",
        Measure.PARTY_INTRODUCTIONS,
        A,
        3,
    ),
    DemoTarget(
        "100% cán bộ, công chức và người lao động tham gia các hoạt động xã hội, từ thiện",
        Measure.SHARE_BY_HAND,
        ALL,
    ),
    DemoTarget("không vi phạm pháp luật và mắc các tệ nạn xã hội", Measure.YES_NO, ALL),
)

# Seed 001: Công đoàn cơ sở Sở Công Thương, khóa V, 2023 - 2028, and the term it reviewed.
SEED_001 = (
    DemoTarget(
        "Phấn đấu 100% cán bộ, công chức, viên chức, lao động chấp hành tốt chủ trương của Đảng, "
        "chính sách, pháp luật của Nhà nước, nội quy, quy chế của cơ quan, Luật Cán bộ công chức "
        "và Luật viên chức",
        Measure.SHARE_BY_HAND,
        ALL,
    ),
    DemoTarget(
        "hàng năm có 100% cán bộ, công chức, viên chức, lao động hoàn thành nhiệm vụ",
        Measure.MEMBER_TASKS,
        ALL,
        level=TaskLevel.DONE,
    ),
    DemoTarget(
        "trong đó có trên 90% đạt danh hiệu lao động tiên tiến",
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.LDTT,
    ),
    DemoTarget(
        "trên 15% đạt danh hiệu Chiến sĩ thi đua các cấp",
        Measure.MEMBER_TITLE,
        ABOVE,
        15,
        title=Title.CSTDCS,
    ),
    DemoTarget(
        "Phấn đấu 100% cán bộ, công chức, viên chức, lao động phát huy vai trò trách nhiệm của "
        "mình tham mưu cho lãnh đạo phòng, lãnh đạo Sở làm tốt công tác quản lý nhà nước trên "
        "lĩnh vực được phân công và phấn đấu thực hiện hoàn thành các chỉ tiêu kế hoạch từ năm "
        "2023 đến năm 2028",
        Measure.TEXT,
        ALL,
    ),
    DemoTarget(
        "Hàng năm, phấn đấu xây dựng Công đoàn Sở hoàn thành tốt nhiệm vụ trở lên",
        Measure.YES_NO,
        ALL,
    ),
    DemoTarget(
        "100% tổ Công đoàn được xếp loại hoàn thành tốt nhiệm vụ trở lên",
        Measure.COLLECTIVE_LEVEL,
        ALL,
        level=UnionLevel.GOOD,
    ),
    DemoTarget(
        "trên 90% đoàn viên công đoàn đạt danh hiệu “Đoàn viên công đoàn xuất sắc”",
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.DVCDXS,
    ),
    DemoTarget(
        "trên 90% nữ cán bộ, công chức, viên chức, lao động đạt danh hiệu “Giỏi việc nước-đảm "
        "việc nhà”",
        Measure.MEMBER_TITLE,
        ABOVE,
        90,
        title=Title.GVNDVN,
    ),
    DemoTarget(
        "trên 90% trở lên cán bộ, công chức, viên chức, lao động tham gia học tập nâng cao trình "
        "độ về mọi mặt",
        Measure.SHARE_BY_HAND,
        ABOVE,
        90,
    ),
    DemoTarget(
        "Trong nhiệm kỳ giới thiệu 3 đoàn viên ưu tú trở lên cho Đảng xem xét bồi dưỡng và kết "
        "nạp vào Đảng",
        Measure.PARTY_INTRODUCTIONS,
        A,
        3,
    ),
    # The term before, as the khóa V congress heard it reviewed.
    DemoTarget(
        "đóng góp, xây dựng quỹ từ thiện do Công đoàn cấp trên phát động với số tiền trên 1,3 tỷ "
        "đồng",
        Measure.MONEY,
        RECORDED,
        years=(2017, 2023),
        reported=(
            2023,
            1_300_000_000,
            "Cả nhiệm kỳ 2017 - 2023: “trên 1,3 tỷ đồng” (báo cáo không nêu số từng năm).",
        ),
    ),
    DemoTarget(
        "Trong nhiệm kỳ, các chỉ tiêu, nhiệm vụ quan trọng của ngành đều hoàn thành và vượt chỉ "
        "tiêu so với Nghị quyết đã đề ra",
        Measure.TEXT,
        ALL,
        period=Period.TERM,
        years=(2017, 2023),
        reported=(2023, True, "“hoàn thành và vượt chỉ tiêu so với Nghị quyết đã đề ra”."),
    ),
)

DEMO_TARGETS: tuple[tuple[str, int, tuple[DemoTarget, ...]], ...] = (
    ("LC-SCT-VP", 2017, SEED_000),
    ("LC-SCT", 2023, SEED_001),
)


def _data(congress: Congress, spec: DemoTarget) -> TargetData:
    first, last = spec.years or (congress.term_start, congress.term_end)
    return TargetData(
        text=spec.text,
        measure=spec.measure.value,
        comparison=spec.comparison.value,
        period=(spec.period or spec.measure.periods[0]).value,
        first_year=first,
        last_year=last,
        threshold=None if spec.threshold is None else Decimal(spec.threshold),
        title=spec.title.value if spec.title else "",
        level=str(spec.level) if spec.level else "",
    )


def _measure_what_is_now_measured(congress: Congress, specs: tuple[DemoTarget, ...]) -> None:
    """Bring a demo loaded before a target became measured up to date (seed 000's "vững
    mạnh", typed by hand until its section had classifications), if nothing was typed in it."""
    for spec in specs:
        if not spec.measure.measured:
            continue
        stale = congress.targets.filter(text=spec.text, values__isnull=True).exclude(
            measure=spec.measure.value
        )
        for target in stale:
            services.change_target(target=target, data=_data(congress, spec))


@transaction.atomic
def load_demo_targets() -> int:
    """Add the seeds' targets to their demo congresses that have none yet; return how many."""
    added = 0
    for unit_code, term_start, specs in DEMO_TARGETS:
        congress = Congress.objects.filter(unit__code=unit_code, term_start=term_start).first()
        if congress is None:
            continue
        if congress.targets.exists():
            _measure_what_is_now_measured(congress, specs)
            continue
        for spec in specs:
            target = services.add_target(congress=congress, data=_data(congress, spec), by=None)
            added += 1
            if spec.reported is not None:
                year, value, note = spec.reported
                services.enter_value(
                    target=target,
                    data=ValueData(
                        year=year,
                        number=None if isinstance(value, bool) else Decimal(value),
                        achieved=value if isinstance(value, bool) else None,
                        note=note,
                        evidence=SEED_001_SOURCE,
                    ),
                    by=None,
                )
    return added
