"""Emulation titles, the council's vote, reward amounts and the yearly classification of a CĐCS.

Every check names the clause of ``rules.md`` (§5 titles, §6 classification) it applies. Inputs are
immutable snapshots of one year's facts; outputs are verdicts carrying their findings, each a
Vietnamese sentence with its clause, ready for the evaluation table and the decision's appendix.
What ``rules.md`` tags [unverified] is a field of ``EmulationSettings`` with the documented
default, never a constant in the code. Shares are compared as whole numbers, money is whole đồng.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from daihoi.rules.election import Ballot, Candidate, Election, Tally
from daihoi.rules.numbers import number_vi
from daihoi.rules.profiles import Fraction, council_profile

# Clauses, as the findings cite them.
CL_LDTT = "§5.1, Luật TĐKT 2022 Điều 24 k1 – Lao động tiên tiến"
CL_CSTDCS = "§5.1, Luật TĐKT 2022 Điều 23 – Chiến sĩ thi đua cơ sở"
CL_CSTDCS_CAP = "§5.1, Luật TĐKT 2022 – tỷ lệ Chiến sĩ thi đua cơ sở"
CL_COUNCIL = "§5.1, NĐ 98/2023 Điều 30 k7 – bỏ phiếu Hội đồng thi đua – khen thưởng"
CL_CSTD_PROVINCE = "§5.1, Luật TĐKT 2022 Điều 22 – Chiến sĩ thi đua cấp bộ, ngành, tỉnh"
CL_CSTD_NATIONAL = "§5.1, Luật TĐKT 2022 Điều 21 – Chiến sĩ thi đua toàn quốc"
CL_TTLDXS = "§5.1, Luật TĐKT 2022 Điều 27 – Tập thể lao động xuất sắc"
CL_TTLDTT = "§5.1, Luật TĐKT 2003 Điều 28 – Tập thể lao động tiên tiến"
CL_REWARD = "§5.1, NĐ 152/2025 Điều 49, 50 – mức tiền thưởng"
CL_AWARD = (
    "§5.1 làm tròn (NĐ 152/2025 Điều 49); hệ số Giấy khen, Bằng khen: cài đặt, chưa kiểm chứng"
)
CL_EXCLUSION = "§5.2 – các trường hợp không xét thi đua"
CL_DVCDXS = "§5.2 – Đoàn viên công đoàn xuất sắc"
CL_GVNDVN = "§5.2 – Giỏi việc nước, đảm việc nhà"
CL_CLASSIFICATION = "§6, HD 1294/HD-TLĐ – xếp loại công đoàn cơ sở"
CL_LEGACY = "§6, thang điểm trước năm 2019 – xếp loại công đoàn cơ sở"
CLAUSES: tuple[str, ...] = (
    CL_LDTT,
    CL_CSTDCS,
    CL_CSTDCS_CAP,
    CL_COUNCIL,
    CL_CSTD_PROVINCE,
    CL_CSTD_NATIONAL,
    CL_TTLDXS,
    CL_TTLDTT,
    CL_REWARD,
    CL_EXCLUSION,
    CL_DVCDXS,
    CL_GVNDVN,
    CL_CLASSIFICATION,
    CL_LEGACY,
)
"""Every clause a finding can cite: the rows of rules.md §5 and §6 the engine applies."""

# Messages of EmulationInputError (Vietnamese; the field is named by the error's ``place``).
MSG_NEGATIVE = "không được là số âm"
MSG_MATERNITY_OVER_ABSENT = (
    "số ngày nghỉ thai sản ({maternity}) nhiều hơn tổng số ngày nghỉ ({absent})"
)
MSG_PART_OVER_MEMBERS = "({part}) nhiều hơn số thành viên của tập thể ({members})"
MSG_POINTS_RANGE = "phải từ 0 đến {maximum} điểm (nhận được: {value})"
MSG_POINTS_NOT_NUMBER = "phải là số điểm hữu hạn (nhận được: {value})"
MSG_JOINED_AFTER = "ngày tuyển dụng ({joined}) sau ngày xét ({evaluated})"
MSG_COUNCIL_EMPTY = "Hội đồng phải có ít nhất một thành viên"
MSG_COUNCIL_OVER = "số {what} ({count}) nhiều hơn số thành viên Hội đồng ({members})"
MSG_COUNCIL_YES_OVER = "số phiếu đồng ý ({yes}) nhiều hơn số phiếu thu về ({ballots})"
MSG_NO_BALLOT_FOR_TITLE = "danh hiệu {title} không cần Hội đồng bỏ phiếu kín"
MSG_NO_BASE_SALARY = "chưa có mức lương cơ sở áp dụng cho {day}"
MSG_NO_MULTIPLIER = "danh hiệu {title} không có mức tiền thưởng theo NĐ 152/2025"
MSG_NO_AWARD_MULTIPLIER = "{award} cho {who} chưa có mức tiền thưởng trong cài đặt"


class EmulationInputError(ValueError):
    """A snapshot that cannot be true (a negative count, a part larger than its whole)."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(place, message)
        self.place = place
        self.message = message

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class TaskLevel(StrEnum):
    """The yearly assessment of how a person or a collective did its tasks (best first)."""

    EXCELLENT = "xuat-sac"
    GOOD = "tot"
    DONE = "hoan-thanh"
    NOT_DONE = "khong-hoan-thanh"

    @property
    def label(self) -> str:
        return _TASK_LABELS[self]

    def at_least(self, other: TaskLevel) -> bool:
        """Tell whether this level is ``other`` or better."""
        return _TASK_ORDER.index(self) <= _TASK_ORDER.index(other)


_TASK_ORDER = (TaskLevel.EXCELLENT, TaskLevel.GOOD, TaskLevel.DONE, TaskLevel.NOT_DONE)
_TASK_LABELS = MappingProxyType(
    {
        TaskLevel.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
        TaskLevel.GOOD: "hoàn thành tốt nhiệm vụ",
        TaskLevel.DONE: "hoàn thành nhiệm vụ",
        TaskLevel.NOT_DONE: "không hoàn thành nhiệm vụ",
    }
)


class Discipline(StrEnum):
    """The heaviest discipline of the year, lightest first (khiển trách is the lightest form)."""

    NONE = "khong"
    REPRIMAND = "khien-trach"
    WARNING = "canh-cao"
    HEAVIER = "nang-hon"  # hạ bậc lương, giáng chức, cách chức, buộc thôi việc, khai trừ

    @property
    def label(self) -> str:
        return _DISCIPLINE_LABELS[self]

    def at_least(self, other: Discipline) -> bool:
        """Tell whether this discipline is ``other`` or heavier."""
        return _DISCIPLINE_ORDER.index(self) >= _DISCIPLINE_ORDER.index(other)


_DISCIPLINE_ORDER = (Discipline.NONE, Discipline.REPRIMAND, Discipline.WARNING, Discipline.HEAVIER)
_DISCIPLINE_LABELS = MappingProxyType(
    {
        Discipline.NONE: "không bị kỷ luật",
        Discipline.REPRIMAND: "khiển trách",
        Discipline.WARNING: "cảnh cáo",
        Discipline.HEAVIER: "kỷ luật nặng hơn cảnh cáo",
    }
)


class InitiativeLevel(StrEnum):
    """How far a person's best initiative of the year was recognized (none first)."""

    NONE = "khong"
    GRASSROOTS = "co-so"
    PROVINCE = "tinh"  # bộ, ngành, tỉnh
    NATIONAL = "toan-quoc"

    @property
    def label(self) -> str:
        return _INITIATIVE_LABELS[self]

    def at_least(self, other: InitiativeLevel) -> bool:
        """Tell whether this recognition reaches ``other``'s level or wider."""
        return _INITIATIVE_ORDER.index(self) >= _INITIATIVE_ORDER.index(other)


_INITIATIVE_ORDER = (
    InitiativeLevel.NONE,
    InitiativeLevel.GRASSROOTS,
    InitiativeLevel.PROVINCE,
    InitiativeLevel.NATIONAL,
)
_INITIATIVE_LABELS = MappingProxyType(
    {
        InitiativeLevel.NONE: "không có sáng kiến được công nhận",
        InitiativeLevel.GRASSROOTS: "sáng kiến được công nhận ở cơ sở",
        InitiativeLevel.PROVINCE: "sáng kiến có phạm vi ảnh hưởng cấp bộ, ngành, tỉnh",
        InitiativeLevel.NATIONAL: "sáng kiến có phạm vi ảnh hưởng toàn quốc",
    }
)


class Title(StrEnum):
    """Emulation titles the engine decides (rules.md §5.1, §5.2)."""

    LDTT = "lao-dong-tien-tien"
    CSTDCS = "chien-si-thi-dua-co-so"
    DVCDXS = "doan-vien-cong-doan-xuat-sac"
    GVNDVN = "gioi-viec-nuoc-dam-viec-nha"
    CSTD_PROVINCE = "chien-si-thi-dua-tinh"
    CSTD_NATIONAL = "chien-si-thi-dua-toan-quoc"
    TTLDTT = "tap-the-lao-dong-tien-tien"
    TTLDXS = "tap-the-lao-dong-xuat-sac"
    FLAG_GOVERNMENT = "co-thi-dua-chinh-phu"
    FLAG_PROVINCE = "co-thi-dua-tinh"

    @property
    def label(self) -> str:
        return TITLE_LABELS[self]

    @property
    def collective(self) -> bool:
        return self in COLLECTIVE_TITLES


TITLE_LABELS: Mapping[Title, str] = MappingProxyType(
    {
        Title.LDTT: "Lao động tiên tiến",
        Title.CSTDCS: "Chiến sĩ thi đua cơ sở",
        Title.DVCDXS: "Đoàn viên công đoàn xuất sắc",
        Title.GVNDVN: "Giỏi việc nước, đảm việc nhà",
        Title.CSTD_PROVINCE: "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
        Title.CSTD_NATIONAL: "Chiến sĩ thi đua toàn quốc",
        Title.TTLDTT: "Tập thể lao động tiên tiến",
        Title.TTLDXS: "Tập thể lao động xuất sắc",
        Title.FLAG_GOVERNMENT: "Cờ thi đua của Chính phủ",
        Title.FLAG_PROVINCE: "Cờ thi đua cấp bộ, ngành, tỉnh",
    }
)
COLLECTIVE_TITLES = frozenset(
    {Title.TTLDTT, Title.TTLDXS, Title.FLAG_GOVERNMENT, Title.FLAG_PROVINCE}
)
INDIVIDUAL_TITLES: tuple[Title, ...] = (
    Title.LDTT,
    Title.CSTDCS,
    Title.DVCDXS,
    Title.GVNDVN,
    Title.CSTD_PROVINCE,
    Title.CSTD_NATIONAL,
)
"""The individual titles ``evaluate_individual`` decides, in the order the table shows them."""


class Award(StrEnum):
    """Forms of reward (hình thức khen thưởng) a level gives beside the titles."""

    GIAY_KHEN = "giay-khen"
    BANG_KHEN = "bang-khen"

    @property
    def label(self) -> str:
        return "Giấy khen" if self is Award.GIAY_KHEN else "Bằng khen"


@dataclass(frozen=True)
class BaseSalary:
    """The base salary (lương cơ sở) in whole đồng from a day on."""

    effective_from: datetime.date
    amount: int


_HALF = Fraction(1, 2)
_TWO_THIRDS = Fraction(2, 3)
_SEVENTY_PERCENT = Fraction(7, 10)
_EIGHTY_PERCENT = Fraction(4, 5)
_NINETY_PERCENT = Fraction(9, 10)


@dataclass(frozen=True)
class EmulationSettings:
    """The values rules.md leaves to a setting, with their documented defaults.

    Each field names its clause and tag; build a local variant with ``dataclasses.replace``.
    """

    # §5.2 exclusions [verified-local: S37]: absent this many working days or more, maternity
    # leave not counted; recruited fewer months than this; disciplined from this level up;
    # administratively sanctioned; not registered.
    absence_limit_days: int = 40
    min_months_employed: int = 10
    discipline_excludes_from: Discipline = Discipline.REPRIMAND
    administrative_sanction_excludes: bool = True
    registration_required: bool = True
    # §5.2 Đoàn viên công đoàn xuất sắc and Giỏi việc nước, đảm việc nhà: criteria not found
    # [unverified]; the least task level asked of them.
    union_member_min_task: TaskLevel = TaskLevel.GOOD
    women_title_min_task: TaskLevel = TaskLevel.GOOD
    # §5.1 CSTĐCS cap: none in Luật 2022 [verified: S28]; a sector may impose one (the old
    # NĐ 91/2017 had 15% of those with LĐTT) [unverified].
    cstdcs_cap: Fraction | None = None
    # §5.1 CSTĐ bộ/ngành/tỉnh: 3 consecutive CSTĐCS; national: 2 consecutive CSTĐ tỉnh
    # [verified: S30].
    province_consecutive_years: int = 3
    national_consecutive_years: int = 2
    # §5.1 Tập thể lao động tiên tiến: more than half LĐTT [verified-old: S33; 2022 unverified].
    ttldtt_advanced_share: Fraction = _HALF
    # §5.1 Tập thể lao động xuất sắc: at least 70% LĐTT [verified: S32].
    ttldxs_advanced_share: Fraction = _SEVENTY_PERCENT
    # §5.1 council vote [verified: S29]: at least 80% of all members for CSTĐCS, 90% higher.
    council_share_grassroots: Fraction = _EIGHTY_PERCENT
    council_share_higher: Fraction = _NINETY_PERCENT
    # The council's meeting quorum: not in rules.md [unverified]; §1.1's 2/3 of members present.
    council_quorum: Fraction = _TWO_THIRDS
    # §6 levels under 1294/HD-TLĐ: point cut-offs [unverified] and a cap on the top level
    # [unverified, default none].
    excellent_from: int = 90
    good_from: int = 70
    done_from: int = 50
    excellent_cap: Fraction | None = None
    # §6 pre-2019 scale [verified: S35]: vững mạnh from 85 with no criterion under half its
    # points and nobody disciplined from cảnh cáo; khá from 70; trung bình from 50.
    legacy_strong_from: int = 85
    legacy_fair_from: int = 70
    legacy_average_from: int = 50
    legacy_criterion_min_share: Fraction = _HALF
    # §5.1 rewards: lương cơ sở by date (2.340.000 đ from 01/7/2024, NĐ 73/2024) [verified:
    # S31]; multipliers in tenths of it (NĐ 152/2025 Điều 50); rounded up to this unit
    # (Điều 49).
    base_salaries: tuple[BaseSalary, ...] = (BaseSalary(datetime.date(2024, 7, 1), 2_340_000),)
    reward_tenths: Mapping[Title, int] = field(
        default_factory=lambda: MappingProxyType(
            {
                Title.CSTD_NATIONAL: 45,
                Title.CSTD_PROVINCE: 30,
                Title.CSTDCS: 10,
                Title.LDTT: 3,
                Title.TTLDXS: 15,
                Title.TTLDTT: 8,
                Title.FLAG_GOVERNMENT: 120,
                Title.FLAG_PROVINCE: 80,
            }
        )
    )
    reward_rounding: int = 10_000
    # Giấy khen and Bằng khen: rules.md §5 gives no amount [unverified]. Default, in tenths of
    # the base salary, (award, for a collective): the state's reading (NĐ 98/2023: Bằng khen of
    # a ministry or province 1,0, Giấy khen 0,3, a collective twice an individual); the union's
    # own quy chế (999/QĐ-TLĐ) was not available.
    award_tenths: Mapping[tuple[Award, bool], int] = field(
        default_factory=lambda: MappingProxyType(
            {
                (Award.GIAY_KHEN, False): 3,
                (Award.GIAY_KHEN, True): 6,
                (Award.BANG_KHEN, False): 10,
                (Award.BANG_KHEN, True): 20,
            }
        )
    )


DEFAULT_SETTINGS = EmulationSettings()


@dataclass(frozen=True)
class Finding:
    """One fact checked against one clause: whether it is met and why, in Vietnamese."""

    clause: str
    met: bool
    text: str

    def __str__(self) -> str:
        return f"{self.text} ({self.clause})"


@dataclass(frozen=True)
class Verdict:
    """Whether a title can be given, with every finding that decided it."""

    title: Title
    eligible: bool
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> tuple[Finding, ...]:
        """The findings that explain the verdict: all of them if eligible, else the unmet."""
        if self.eligible:
            return self.findings
        return tuple(f for f in self.findings if not f.met)

    @property
    def explanation(self) -> str:
        """One Vietnamese sentence for the table and the appendix, citing each clause."""
        head = "đủ điều kiện" if self.eligible else "chưa đủ điều kiện"
        return f"{self.title.label}: {head}. {explain(self.reasons)}"


def explain(findings: Iterable[Finding]) -> str:
    """Join findings into sentences, each run of findings under one clause cited once."""
    runs: list[tuple[str, list[str]]] = []
    for finding in findings:
        if runs and runs[-1][0] == finding.clause:
            runs[-1][1].append(finding.text)
        else:
            runs.append((finding.clause, [finding.text]))
    text = "; ".join(f"{'; '.join(texts)} ({clause})" for clause, texts in runs)
    return text[:1].upper() + text[1:] + "." if text else ""


def _verdict(title: Title, findings: Iterable[Finding]) -> Verdict:
    found = tuple(findings)
    return Verdict(title=title, eligible=all(f.met for f in found), findings=found)


def _not_negative(place: str, value: int) -> None:
    if value < 0:
        raise EmulationInputError(place, MSG_NEGATIVE)


# --- Individuals -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndividualYear:
    """One person's facts for one year of emulation, as the unit's evaluation records them.

    ``awards`` are the titles decided in earlier years (the records), as (year, title) pairs;
    ``joined_on`` is the day of recruitment (None: employed for longer than the rule asks);
    months of work are counted up to ``evaluated_on``.
    """

    year: int
    evaluated_on: datetime.date
    female: bool
    task_level: TaskLevel
    active_in_emulation: bool = True
    registered: bool = True
    days_absent: int = 0
    maternity_days: int = 0
    joined_on: datetime.date | None = None
    discipline: Discipline = Discipline.NONE
    administrative_sanction: bool = False
    initiative: InitiativeLevel = InitiativeLevel.NONE
    research_accepted: bool = False
    union_member: bool = True
    active_in_union: bool = True
    family_duties_met: bool = True
    awards: frozenset[tuple[int, Title]] = frozenset()

    def __post_init__(self) -> None:
        _not_negative("days_absent", self.days_absent)
        _not_negative("maternity_days", self.maternity_days)
        if self.maternity_days > self.days_absent:
            raise EmulationInputError(
                "maternity_days",
                MSG_MATERNITY_OVER_ABSENT.format(
                    maternity=self.maternity_days, absent=self.days_absent
                ),
            )
        if self.joined_on is not None and self.joined_on > self.evaluated_on:
            raise EmulationInputError(
                "joined_on",
                MSG_JOINED_AFTER.format(joined=self.joined_on, evaluated=self.evaluated_on),
            )


def full_months(start: datetime.date, end: datetime.date) -> int:
    """Count the whole months from ``start`` to ``end``: 15/3 to 14/1 next year is 9, to 15/1 is 10.

    A month is whole when the same day of the month is reached; from the 31st, a shorter month
    ends on its last day.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and not _is_last_day(end):
        months -= 1
    return max(months, 0)


def _is_last_day(day: datetime.date) -> bool:
    return (day + datetime.timedelta(days=1)).month != day.month


def exclusions(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> tuple[Finding, ...]:
    """Check the five cases in which no individual emulation title is considered.

    rules.md §5.2 "Exclusions" [verified-local: S37]: absent 40 working days or more except for
    maternity leave; not registered; recruited under 10 months; administratively sanctioned;
    disciplined from khiển trách up. The limits are settings.
    """
    counted = person.days_absent - person.maternity_days
    limit = settings.absence_limit_days
    absence = (
        f"nghỉ {counted} ngày làm việc"
        + (
            f" (không tính {person.maternity_days} ngày nghỉ thai sản)"
            if person.maternity_days
            else ""
        )
        + (f", dưới {limit} ngày" if counted < limit else f", từ {limit} ngày trở lên")
    )
    found = [Finding(CL_EXCLUSION, counted < limit, absence)]
    if settings.registration_required:
        found.append(
            Finding(
                CL_EXCLUSION,
                person.registered,
                "đã đăng ký thi đua" if person.registered else "không đăng ký thi đua",
            )
        )
    if person.joined_on is not None:
        months = full_months(person.joined_on, person.evaluated_on)
        need = settings.min_months_employed
        found.append(
            Finding(
                CL_EXCLUSION,
                months >= need,
                f"công tác được {months} tháng"
                + (f", đủ {need} tháng" if months >= need else f", chưa đủ {need} tháng"),
            )
        )
    if settings.administrative_sanction_excludes:
        found.append(
            Finding(
                CL_EXCLUSION,
                not person.administrative_sanction,
                "bị xử phạt vi phạm hành chính"
                if person.administrative_sanction
                else "không bị xử phạt vi phạm hành chính",
            )
        )
    barred = person.discipline.at_least(settings.discipline_excludes_from)
    found.append(
        Finding(
            CL_EXCLUSION,
            not barred,
            f"bị kỷ luật {person.discipline.label}"
            if person.discipline is not Discipline.NONE
            else "không bị kỷ luật",
        )
    )
    return tuple(found)


def _task_finding(clause: str, level: TaskLevel, least: TaskLevel) -> Finding:
    met = level.at_least(least)
    return Finding(clause, met, f"{level.label} (cần từ {least.label} trở lên)")


def lao_dong_tien_tien(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Lao động tiên tiến.

    rules.md §5.1 [verified: S28, S30 (Luật TĐKT 2022 Điều 24 k1)]: (a) hoàn thành tốt nhiệm vụ
    trở lên; (b) tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua;
    and none of the §5.2 exclusions.
    """
    return _verdict(
        Title.LDTT,
        (
            *exclusions(person, settings),
            _task_finding(CL_LDTT, person.task_level, TaskLevel.GOOD),
            Finding(
                CL_LDTT,
                person.active_in_emulation,
                "tích cực tham gia phong trào thi đua, đoàn kết, tương trợ"
                if person.active_in_emulation
                else "chưa tích cực tham gia phong trào thi đua",
            ),
        ),
    )


def chien_si_thi_dua_co_so(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Chiến sĩ thi đua cơ sở.

    rules.md §5.1 [verified: S28, S30 (Luật TĐKT 2022 Điều 23)]: Lao động tiên tiến, and one of:
    hoàn thành xuất sắc nhiệm vụ, an initiative recognized at grassroots, an accepted research
    project. An initiative is no longer required. The council's ballot (§5.1, ≥80%) follows.
    """
    ldtt = lao_dong_tien_tien(person, settings)
    excellent = person.task_level is TaskLevel.EXCELLENT
    initiative = person.initiative.at_least(InitiativeLevel.GRASSROOTS)
    achievements = [
        text
        for text, held in (
            (TaskLevel.EXCELLENT.label, excellent),
            (person.initiative.label, initiative),
            ("có đề tài, đề án nghiên cứu được nghiệm thu", person.research_accepted),
        )
        if held
    ]
    return _verdict(
        Title.CSTDCS,
        (
            Finding(
                CL_CSTDCS,
                ldtt.eligible,
                "đạt Lao động tiên tiến" if ldtt.eligible else "chưa đạt Lao động tiên tiến",
            ),
            *(f for f in ldtt.findings if not f.met),
            Finding(
                CL_CSTDCS,
                bool(achievements),
                "; ".join(achievements)
                if achievements
                else "chưa hoàn thành xuất sắc nhiệm vụ, không có sáng kiến được công nhận "
                "hay đề tài được nghiệm thu",
            ),
        ),
    )


def doan_vien_cong_doan_xuat_sac(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Đoàn viên công đoàn xuất sắc.

    rules.md §5.2: a union title [verified-local: S37] whose criteria were not found
    [unverified]: a union member, the task level of ``settings.union_member_min_task``, active in
    the union's work, and none of the exclusions.
    """
    return _verdict(
        Title.DVCDXS,
        (
            *exclusions(person, settings),
            Finding(
                CL_DVCDXS,
                person.union_member,
                "là đoàn viên công đoàn"
                if person.union_member
                else "không phải đoàn viên công đoàn",
            ),
            _task_finding(CL_DVCDXS, person.task_level, settings.union_member_min_task),
            Finding(
                CL_DVCDXS,
                person.active_in_union,
                "tích cực tham gia hoạt động công đoàn"
                if person.active_in_union
                else "chưa tích cực tham gia hoạt động công đoàn",
            ),
        ),
    )


def gioi_viec_nuoc_dam_viec_nha(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Giỏi việc nước, đảm việc nhà.

    rules.md §5.2 [verified: S38, S40]: a title for female workers; its individual criteria were
    not found [unverified]: the task level of ``settings.women_title_min_task``, family duties
    met, and none of the exclusions.
    """
    return _verdict(
        Title.GVNDVN,
        (
            Finding(
                CL_GVNDVN,
                person.female,
                "là nữ" if person.female else "danh hiệu chỉ xét cho nữ",
            ),
            *exclusions(person, settings),
            _task_finding(CL_GVNDVN, person.task_level, settings.women_title_min_task),
            Finding(
                CL_GVNDVN,
                person.family_duties_met,
                "đảm đang việc gia đình"
                if person.family_duties_met
                else "chưa hoàn thành trách nhiệm với gia đình",
            ),
        ),
    )


def consecutive_years(awards: Iterable[tuple[int, Title]], title: Title, *, ending: int) -> int:
    """Count the years in a row, ending with ``ending``, in which ``title`` was awarded."""
    years = {year for year, awarded in awards if awarded is title}
    run = 0
    while ending - run in years:
        run += 1
    return run


def _with_this_year(
    person: IndividualYear, title: Title, eligible: bool
) -> frozenset[tuple[int, Title]]:
    if eligible:
        return person.awards | {(person.year, title)}
    return person.awards


def chien_si_thi_dua_tinh(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide whether a person can be proposed for Chiến sĩ thi đua cấp bộ, ngành, tỉnh.

    rules.md §5.1 [verified: S30 (Luật TĐKT 2022 Điều 22)]: chosen among those with 3
    consecutive CSTĐCS, with an initiative of ministry/province-wide effect. The run ends with
    the year evaluated, whose CSTĐCS counts when the engine finds it eligible (the proposals go
    up together). The council's ballot (≥90%) follows.
    """
    cstdcs = chien_si_thi_dua_co_so(person, settings)
    need = settings.province_consecutive_years
    run = consecutive_years(
        _with_this_year(person, Title.CSTDCS, cstdcs.eligible), Title.CSTDCS, ending=person.year
    )
    return _verdict(
        Title.CSTD_PROVINCE,
        (
            Finding(
                CL_CSTD_PROVINCE,
                run >= need,
                f"{run} năm liên tục đạt Chiến sĩ thi đua cơ sở đến năm {person.year} "
                f"(cần {need} năm)",
            ),
            Finding(
                CL_CSTD_PROVINCE,
                person.initiative.at_least(InitiativeLevel.PROVINCE),
                person.initiative.label
                + ("" if person.initiative.at_least(InitiativeLevel.PROVINCE) else " cấp tỉnh"),
            ),
        ),
    )


def chien_si_thi_dua_toan_quoc(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide whether a person can be proposed for Chiến sĩ thi đua toàn quốc.

    rules.md §5.1 [verified: S30 (Luật TĐKT 2022 Điều 21)]: chosen among those with 2
    consecutive CSTĐ bộ/ngành/tỉnh, with an initiative of nationwide effect. The run ends with the
    year evaluated, as for the provincial title.
    """
    province = chien_si_thi_dua_tinh(person, settings)
    need = settings.national_consecutive_years
    run = consecutive_years(
        _with_this_year(person, Title.CSTD_PROVINCE, province.eligible),
        Title.CSTD_PROVINCE,
        ending=person.year,
    )
    national = person.initiative.at_least(InitiativeLevel.NATIONAL)
    return _verdict(
        Title.CSTD_NATIONAL,
        (
            Finding(
                CL_CSTD_NATIONAL,
                run >= need,
                f"{run} lần liên tục đạt Chiến sĩ thi đua cấp bộ, ngành, tỉnh đến năm "
                f"{person.year} (cần {need} lần)",
            ),
            Finding(
                CL_CSTD_NATIONAL,
                national,
                person.initiative.label + ("" if national else " toàn quốc"),
            ),
        ),
    )


@dataclass(frozen=True)
class IndividualResult:
    """Every individual title's verdict for one person and year, in ``INDIVIDUAL_TITLES`` order."""

    verdicts: tuple[Verdict, ...]

    @property
    def eligible(self) -> tuple[Title, ...]:
        return tuple(v.title for v in self.verdicts if v.eligible)

    def verdict(self, title: Title) -> Verdict:
        return next(v for v in self.verdicts if v.title is title)


def evaluate_individual(
    person: IndividualYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> IndividualResult:
    """Decide every individual title for one person's year (rules.md §5.1, §5.2)."""
    return IndividualResult(
        verdicts=(
            lao_dong_tien_tien(person, settings),
            chien_si_thi_dua_co_so(person, settings),
            doan_vien_cong_doan_xuat_sac(person, settings),
            gioi_viec_nuoc_dam_viec_nha(person, settings),
            chien_si_thi_dua_tinh(person, settings),
            chien_si_thi_dua_toan_quoc(person, settings),
        )
    )


def cstdcs_within_cap(
    *, fighters: int, advanced: int, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Finding:
    """Check a unit's number of CSTĐCS against the share of its LĐTT a sector may cap.

    rules.md §5.1 "CSTĐCS cap" [verified: S28]: Luật 2022 and NĐ 98/2023 set no cap (the old
    NĐ 91/2017 Điều 9 k3 allowed 15% of those with LĐTT); a sector cap is a setting.
    """
    _not_negative("fighters", fighters)
    _not_negative("advanced", advanced)
    cap = settings.cstdcs_cap
    if cap is None:
        return Finding(CL_CSTDCS_CAP, True, "không giới hạn tỷ lệ Chiến sĩ thi đua cơ sở")
    met = fighters * cap.denominator <= cap.numerator * advanced
    return Finding(
        CL_CSTDCS_CAP,
        met,
        f"{fighters} Chiến sĩ thi đua cơ sở trên {advanced} Lao động tiên tiến "
        f"(tối đa {cap.numerator}/{cap.denominator})",
    )


# --- Collectives -------------------------------------------------------------------------


@dataclass(frozen=True)
class CollectiveYear:
    """One collective's facts for one year: its own assessment and counts of its members.

    ``completed`` members did their tasks (hoàn thành nhiệm vụ or better); ``advanced`` hold
    Lao động tiên tiến; ``fighters`` hold Chiến sĩ thi đua cơ sở; ``disciplined_from_warning``
    were disciplined at cảnh cáo or heavier. ``collective_counts`` builds these from verdicts.
    """

    year: int
    task_level: TaskLevel
    members: int
    completed: int
    advanced: int
    fighters: int
    disciplined_from_warning: int = 0
    active_in_emulation: bool = True
    united_and_lawful: bool = True
    registered: bool = True

    def __post_init__(self) -> None:
        for name in ("members", "completed", "advanced", "fighters", "disciplined_from_warning"):
            _not_negative(name, getattr(self, name))
        for name, what in (
            ("completed", "số thành viên hoàn thành nhiệm vụ"),
            ("advanced", "số Lao động tiên tiến"),
            ("fighters", "số Chiến sĩ thi đua cơ sở"),
            ("disciplined_from_warning", "số người bị kỷ luật từ cảnh cáo"),
        ):
            part = getattr(self, name)
            if part > self.members:
                raise EmulationInputError(
                    name, f"{what} " + MSG_PART_OVER_MEMBERS.format(part=part, members=self.members)
                )


def collective_counts(
    members: Iterable[tuple[IndividualYear, IndividualResult]],
) -> tuple[int, int, int, int, int]:
    """Count members, completed, LĐTT, CSTĐCS and disciplined from cảnh cáo (``CollectiveYear``)."""
    total = completed = advanced = fighters = warned = 0
    for person, result in members:
        total += 1
        completed += person.task_level.at_least(TaskLevel.DONE)
        advanced += result.verdict(Title.LDTT).eligible
        fighters += result.verdict(Title.CSTDCS).eligible
        warned += person.discipline.at_least(Discipline.WARNING)
    return total, completed, advanced, fighters, warned


def _share_text(part: int, whole: int, what: str) -> str:
    return f"{part}/{whole} thành viên {what}"


def _registered(collective: CollectiveYear, settings: EmulationSettings) -> tuple[Finding, ...]:
    if not settings.registration_required:
        return ()
    return (
        Finding(
            CL_EXCLUSION,
            collective.registered,
            "tập thể đã đăng ký thi đua"
            if collective.registered
            else "tập thể không đăng ký thi đua",
        ),
    )


def _members_present(collective: CollectiveYear, clause: str) -> Finding:
    return Finding(
        clause,
        collective.members > 0,
        f"tập thể có {collective.members} thành viên"
        if collective.members
        else "tập thể chưa có thành viên nào",
    )


def tap_the_lao_dong_tien_tien(
    collective: CollectiveYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Tập thể lao động tiên tiến.

    rules.md §5.1 [verified-old: S33 (Luật TĐKT 2003 Điều 28); 2022 wording unverified]:
    hoàn thành tốt nhiệm vụ; active in emulation; more than half the members LĐTT (the share a
    setting); nobody disciplined at cảnh cáo or above; united.
    """
    share = settings.ttldtt_advanced_share
    members = collective.members
    return _verdict(
        Title.TTLDTT,
        (
            *_registered(collective, settings),
            _members_present(collective, CL_TTLDTT),
            _task_finding(CL_TTLDTT, collective.task_level, TaskLevel.GOOD),
            Finding(
                CL_TTLDTT,
                collective.active_in_emulation,
                "tích cực tham gia phong trào thi đua"
                if collective.active_in_emulation
                else "chưa tích cực tham gia phong trào thi đua",
            ),
            Finding(
                CL_TTLDTT,
                members > 0 and share.reached_by(collective.advanced, members, strictly=True),
                _share_text(collective.advanced, members, "đạt Lao động tiên tiến")
                + f" (cần trên {share.numerator}/{share.denominator})",
            ),
            Finding(
                CL_TTLDTT,
                collective.disciplined_from_warning == 0,
                "không có ai bị kỷ luật từ cảnh cáo trở lên"
                if collective.disciplined_from_warning == 0
                else f"{collective.disciplined_from_warning} người bị kỷ luật từ cảnh cáo trở lên",
            ),
            Finding(
                CL_TTLDTT,
                collective.united_and_lawful,
                "nội bộ đoàn kết" if collective.united_and_lawful else "nội bộ chưa đoàn kết",
            ),
        ),
    )


def tap_the_lao_dong_xuat_sac(
    collective: CollectiveYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Verdict:
    """Decide Tập thể lao động xuất sắc.

    rules.md §5.1 [verified: S32 (Luật TĐKT 2022 Điều 27)]: (a) hoàn thành xuất sắc nhiệm vụ;
    (b) active in emulation; (c) 100% of members complete their tasks and at least 70% are LĐTT;
    (d) at least one CSTĐCS; (đ) united, law-abiding.
    """
    share = settings.ttldxs_advanced_share
    members = collective.members
    return _verdict(
        Title.TTLDXS,
        (
            *_registered(collective, settings),
            _members_present(collective, CL_TTLDXS),
            _task_finding(CL_TTLDXS, collective.task_level, TaskLevel.EXCELLENT),
            Finding(
                CL_TTLDXS,
                collective.active_in_emulation,
                "tích cực tham gia phong trào thi đua"
                if collective.active_in_emulation
                else "chưa tích cực tham gia phong trào thi đua",
            ),
            Finding(
                CL_TTLDXS,
                collective.completed == members,
                _share_text(collective.completed, members, "hoàn thành nhiệm vụ") + " (cần 100%)",
            ),
            Finding(
                CL_TTLDXS,
                members > 0 and share.reached_by(collective.advanced, members, strictly=False),
                _share_text(collective.advanced, members, "đạt Lao động tiên tiến")
                + f" (cần từ {share.numerator}/{share.denominator})",
            ),
            Finding(
                CL_TTLDXS,
                collective.fighters >= 1,
                f"có {collective.fighters} Chiến sĩ thi đua cơ sở (cần ít nhất 1)",
            ),
            Finding(
                CL_TTLDXS,
                collective.united_and_lawful,
                "nội bộ đoàn kết, chấp hành tốt pháp luật"
                if collective.united_and_lawful
                else "nội bộ chưa đoàn kết hoặc chưa chấp hành tốt pháp luật",
            ),
        ),
    )


@dataclass(frozen=True)
class CollectiveResult:
    """Both collective titles' verdicts for one collective and year."""

    verdicts: tuple[Verdict, ...]

    @property
    def eligible(self) -> tuple[Title, ...]:
        return tuple(v.title for v in self.verdicts if v.eligible)

    def verdict(self, title: Title) -> Verdict:
        return next(v for v in self.verdicts if v.title is title)


def evaluate_collective(
    collective: CollectiveYear, settings: EmulationSettings = DEFAULT_SETTINGS
) -> CollectiveResult:
    """Decide both collective titles for one collective's year (rules.md §5.1)."""
    return CollectiveResult(
        verdicts=(
            tap_the_lao_dong_tien_tien(collective, settings),
            tap_the_lao_dong_xuat_sac(collective, settings),
        )
    )


# --- The council's vote ------------------------------------------------------------------


def council_share(title: Title, settings: EmulationSettings = DEFAULT_SETTINGS) -> Fraction | None:
    """Return the share of all council members a title's ballot needs, or None if no ballot.

    rules.md §5.1 "CSTĐCS approval" [verified: S29 (NĐ 98/2023 Điều 30 k7)]: CSTĐCS at least
    80% of all members; CSTĐ bộ/ngành/tỉnh and national at least 90%. Other titles are not
    put to the council's secret ballot.
    """
    if title is Title.CSTDCS:
        return settings.council_share_grassroots
    if title in (Title.CSTD_PROVINCE, Title.CSTD_NATIONAL):
        return settings.council_share_higher
    return None


@dataclass(frozen=True)
class CouncilVote:
    """One name's ballot in the council: its size, who sat, who wrote, and the votes for."""

    title: Title
    members: int
    present: int
    written: int
    yes: int

    def __post_init__(self) -> None:
        for name in ("members", "present", "written", "yes"):
            _not_negative(name, getattr(self, name))
        if self.members == 0:
            raise EmulationInputError("members", MSG_COUNCIL_EMPTY)
        if self.present + self.written > self.members:
            raise EmulationInputError(
                "written",
                MSG_COUNCIL_OVER.format(
                    what="người dự họp và gửi ý kiến bằng văn bản",
                    count=self.present + self.written,
                    members=self.members,
                ),
            )
        if self.yes > self.present + self.written:
            raise EmulationInputError(
                "yes",
                MSG_COUNCIL_YES_OVER.format(yes=self.yes, ballots=self.present + self.written),
            )


@dataclass(frozen=True)
class CouncilVerdict:
    """Whether the council met and whether the name carried, with the findings."""

    title: Title
    quorum: bool
    passed: bool
    votes_needed: int
    findings: tuple[Finding, ...]

    @property
    def explanation(self) -> str:
        head = "được Hội đồng thông qua" if self.passed else "không được Hội đồng thông qua"
        return f"{self.title.label}: {head}. {explain(self.findings)}"


def council_votes_needed(share: Fraction, members: int) -> int:
    """Return the least whole number of votes that is at least ``share`` of all members.

    ``share.denominator * votes >= share.numerator * members``: 8 of 10 at 80%, 9 of 10 at 90%,
    5 of 6 at 80% (4,8 rounds up), never a float (rules.md preamble).
    """
    return -(-share.numerator * members // share.denominator)


def council_decides(
    vote: CouncilVote, settings: EmulationSettings = DEFAULT_SETTINGS
) -> CouncilVerdict:
    """Decide a council ballot on one name for one title.

    rules.md §5.1 [verified: S29 (NĐ 98/2023 Điều 30 k7)]: by secret ballot, at least 80%
    (CSTĐCS) or 90% (higher titles) of ALL council members, absent members voting by written
    opinion; the base is the council's size, not the ballots. The meeting must have its quorum
    (``settings.council_quorum`` of members present, [unverified]) or nothing is decided.
    """
    share = council_share(vote.title, settings)
    if share is None:
        raise EmulationInputError("title", MSG_NO_BALLOT_FOR_TITLE.format(title=vote.title.label))
    quorum_share = settings.council_quorum
    quorum = quorum_share.reached_by(vote.present, vote.members, strictly=False)
    needed = council_votes_needed(share, vote.members)
    percent = f"{share.numerator * 100 // share.denominator}%"
    findings = [
        Finding(
            CL_COUNCIL,
            quorum,
            f"{vote.present}/{vote.members} thành viên dự họp "
            f"(cần từ {quorum_share.numerator}/{quorum_share.denominator})",
        )
    ]
    passed = False
    if quorum:
        passed = vote.yes >= needed
        findings.append(
            Finding(
                CL_COUNCIL,
                passed,
                f"{vote.yes}/{vote.members} thành viên đồng ý "
                f"({vote.present} dự họp, {vote.written} ý kiến bằng văn bản; "
                f"cần ít nhất {needed}, tức {percent} tổng số thành viên)",
            )
        )
    return CouncilVerdict(
        title=vote.title,
        quorum=quorum,
        passed=passed,
        votes_needed=needed,
        findings=tuple(findings),
    )


def council_election(
    *,
    title: Title,
    members: int,
    issued: int,
    nominees: Iterable[tuple[str, str]],
    ballots: Iterable[Ballot] | None = None,
    tally: Tally | None = None,
    settings: EmulationSettings = DEFAULT_SETTINGS,
) -> Election:
    """Build the council's secret ballot on the names proposed for a title, for ``count``.

    rules.md §5.1 [verified: S29 (NĐ 98/2023 Điều 30 k7)]: the same counting engine as congress
    elections, with the council's profile: base = all council members, a name passes with at
    least the title's share (``council_share``), every name may pass (seats = names), crossing
    every name is a valid ballot. ``nominees`` are (id, full name); exactly one of ``ballots``
    (each keeping the names agreed) and ``tally`` is given, as for any election.
    """
    share = council_share(title, settings)
    if share is None:
        raise EmulationInputError("title", MSG_NO_BALLOT_FOR_TITLE.format(title=title.label))
    candidates = tuple(Candidate(nominee_id, name) for nominee_id, name in nominees)
    profile = council_profile(share)
    return Election(
        title=f"Bỏ phiếu đề nghị danh hiệu {title.label}",
        organization="Hội đồng Thi đua – Khen thưởng",
        profile=profile,
        base=profile.base,
        seats=max(len(candidates), 1),
        alternates=0,
        summoned=members,
        present=None,
        issued=issued,
        candidates=candidates,
        ballots=None if ballots is None else tuple(ballots),
        tally=tally,
    )


# --- Rewards -----------------------------------------------------------------------------


def base_salary_on(day: datetime.date, settings: EmulationSettings = DEFAULT_SETTINGS) -> int:
    """Return the base salary in force on ``day`` (rules.md §5.1 Rewards, a dated setting)."""
    in_force = [s for s in settings.base_salaries if s.effective_from <= day]
    if not in_force:
        raise EmulationInputError("day", MSG_NO_BASE_SALARY.format(day=day.strftime("%d/%m/%Y")))
    return max(in_force, key=lambda s: s.effective_from).amount


@dataclass(frozen=True)
class Reward:
    """A title's reward in whole đồng, with how it was reckoned."""

    title: Title
    amount: int
    base_salary: int
    tenths: int

    @property
    def explanation(self) -> str:
        whole, tenth = divmod(self.tenths, 10)
        factor = f"{whole},{tenth}" if tenth else str(whole)
        return (
            f"{self.title.label}: {factor} × {number_vi(self.base_salary)} đồng lương cơ sở, "
            f"làm tròn lên hàng chục nghìn = {number_vi(self.amount)} đồng ({CL_REWARD})."
        )


def reward_amount(
    title: Title, *, day: datetime.date, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Reward:
    """Return the reward for a title decided on ``day``.

    rules.md §5.1 "Rewards" [verified: S29, S31]: a multiple of the base salary (NĐ 152/2025
    Điều 50: CSTĐCS 1,0; LĐTT 0,3; TTLĐXS 1,5; TTLĐTT 0,8; ...), rounded up to tens of
    thousands of đồng (Điều 49). Whole đồng only: 0,3 × 2.340.000 = 702.000 gives 710.000.
    """
    tenths = settings.reward_tenths.get(title)
    if tenths is None:
        raise EmulationInputError("title", MSG_NO_MULTIPLIER.format(title=title.label))
    base = base_salary_on(day, settings)
    unit = settings.reward_rounding
    exact_times_ten = tenths * base
    amount = -(-exact_times_ten // (10 * unit)) * unit
    return Reward(title=title, amount=amount, base_salary=base, tenths=tenths)


@dataclass(frozen=True)
class AwardReward:
    """A Giấy khen's or Bằng khen's reward in whole đồng, with how it was reckoned."""

    award: Award
    collective: bool
    amount: int
    base_salary: int
    tenths: int

    @property
    def explanation(self) -> str:
        whole, tenth = divmod(self.tenths, 10)
        factor = f"{whole},{tenth}" if tenth else str(whole)
        who = "tập thể" if self.collective else "cá nhân"
        return (
            f"{self.award.label} ({who}): {factor} × {number_vi(self.base_salary)} đồng lương cơ "
            f"sở, làm tròn lên hàng chục nghìn = {number_vi(self.amount)} đồng ({CL_AWARD})."
        )


def award_amount(
    award: Award,
    *,
    collective: bool,
    day: datetime.date,
    settings: EmulationSettings = DEFAULT_SETTINGS,
) -> AwardReward:
    """Return the reward of a Giấy khen or Bằng khen decided on ``day``.

    rules.md §5 gives no multiplier for them [unverified]: ``settings.award_tenths``; the base
    salary and the rounding up to tens of thousands are §5.1's (NĐ 152/2025 Điều 49).
    """
    tenths = settings.award_tenths.get((award, collective))
    if tenths is None:
        who = "tập thể" if collective else "cá nhân"
        raise EmulationInputError(
            "award", MSG_NO_AWARD_MULTIPLIER.format(award=award.label, who=who)
        )
    base = base_salary_on(day, settings)
    unit = settings.reward_rounding
    amount = -(-tenths * base // (10 * unit)) * unit
    return AwardReward(
        award=award, collective=collective, amount=amount, base_salary=base, tenths=tenths
    )


# --- Classification of a CĐCS (§6) -------------------------------------------------------


class UnionLevel(StrEnum):
    """The four levels of a CĐCS's year under 1294/HD-TLĐ (best first)."""

    EXCELLENT = "xuat-sac"
    GOOD = "tot"
    DONE = "hoan-thanh"
    NOT_DONE = "khong-hoan-thanh"

    @property
    def label(self) -> str:
        return _TASK_LABELS[TaskLevel(self.value)].capitalize()


class LegacyLevel(StrEnum):
    """The pre-2019 levels, for old records."""

    STRONG = "vung-manh"
    FAIR = "kha"
    AVERAGE = "trung-binh"
    WEAK = "yeu"

    @property
    def label(self) -> str:
        return _LEGACY_LABELS[self]


_LEGACY_LABELS = MappingProxyType(
    {
        LegacyLevel.STRONG: "Vững mạnh",
        LegacyLevel.FAIR: "Khá",
        LegacyLevel.AVERAGE: "Trung bình",
        LegacyLevel.WEAK: "Yếu",
    }
)

# 1294/HD-TLĐ's groups and their maximum points (rules.md §6 [verified: S34]).
GROUP_MAXIMA: tuple[tuple[str, str, int], ...] = (
    ("group1", "Nhóm 1 (đại diện, chăm lo, bảo vệ; tham gia quản lý, kiểm tra, giám sát)", 40),
    ("group2", "Nhóm 2 (xây dựng tổ chức công đoàn)", 40),
    ("group3", "Nhóm 3 (tuyên truyền và hoạt động khác)", 15),
    ("bonus", "Điểm thưởng", 5),
)


def check_points(place: str, value: Decimal | int, maximum: int) -> Decimal:
    """Return the points if they are a finite number from 0 to ``maximum`` (rules.md §6), else
    raise ``EmulationInputError`` naming ``place``."""
    points = Decimal(value)
    if not points.is_finite():
        raise EmulationInputError(place, MSG_POINTS_NOT_NUMBER.format(value=value))
    if points < 0 or points > maximum:
        raise EmulationInputError(place, MSG_POINTS_RANGE.format(maximum=maximum, value=value))
    return points


def _points_vi(points: Decimal) -> str:
    text = format(points.normalize(), "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class UnionScore:
    """A CĐCS's points for one year on 1294/HD-TLĐ's 100-point scale (exact decimals)."""

    year: int
    group1: Decimal
    group2: Decimal
    group3: Decimal
    bonus: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for name, _label, maximum in GROUP_MAXIMA:
            object.__setattr__(self, name, check_points(name, getattr(self, name), maximum))

    @property
    def total(self) -> Decimal:
        return self.group1 + self.group2 + self.group3 + self.bonus


@dataclass(frozen=True)
class Classification:
    """A CĐCS's level for a year, with the points and clauses that gave it."""

    level: UnionLevel | LegacyLevel
    total: Decimal
    findings: tuple[Finding, ...]

    @property
    def explanation(self) -> str:
        return f"{self.level.label}: {explain(self.findings)}"


def classify_union(
    score: UnionScore, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Classification:
    """Classify a CĐCS's year from its points.

    rules.md §6 [verified: S34 (1294/HD-TLĐ)]: groups of at most 40, 40 and 15 points and a
    bonus of at most 5; four levels (Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành
    nhiệm vụ) whose cut-offs are settings [unverified]. A cap on the top level is applied to a
    whole list by ``apply_excellent_cap``.
    """
    total = score.total
    cuts = (
        (UnionLevel.EXCELLENT, settings.excellent_from),
        (UnionLevel.GOOD, settings.good_from),
        (UnionLevel.DONE, settings.done_from),
    )
    level = next((lvl for lvl, cut in cuts if total >= cut), UnionLevel.NOT_DONE)
    parts = ", ".join(
        f"{label.split(' (')[0].lower()} {_points_vi(getattr(score, name))}/{maximum}"
        for name, label, maximum in GROUP_MAXIMA
    )
    cut = dict(cuts).get(level) if level is not UnionLevel.NOT_DONE else None
    rule = f"từ {cut} điểm" if cut is not None else f"dưới {settings.done_from} điểm"
    return Classification(
        level=level,
        total=total,
        findings=(
            Finding(CL_CLASSIFICATION, True, f"tổng {_points_vi(total)}/100 điểm ({parts})"),
            Finding(CL_CLASSIFICATION, True, f"mức {level.label.lower()}: {rule}"),
        ),
    )


def apply_excellent_cap(
    classifications: Mapping[str, Classification],
    settings: EmulationSettings = DEFAULT_SETTINGS,
) -> dict[str, Classification]:
    """Hold the top level to ``settings.excellent_cap`` of the CĐCS classified, best first.

    rules.md §6: "any % cap on the top level: [unverified] — make configurable". Those over the
    cap fall to Hoàn thành tốt nhiệm vụ with a finding that says so; ties at the cut all stay
    (the cap never separates equal points), keys break no ties.
    """
    cap = settings.excellent_cap
    result = dict(classifications)
    if cap is None:
        return result
    top = sorted(
        (k for k, c in classifications.items() if c.level is UnionLevel.EXCELLENT),
        key=lambda k: classifications[k].total,
        reverse=True,
    )
    allowed = cap.numerator * len(classifications) // cap.denominator
    if len(top) <= allowed:
        return result
    floor = classifications[top[allowed - 1]].total if allowed else None
    for key in top:
        current = classifications[key]
        if floor is not None and current.total >= floor:
            continue
        result[key] = Classification(
            level=UnionLevel.GOOD,
            total=current.total,
            findings=(
                *current.findings,
                Finding(
                    CL_CLASSIFICATION,
                    False,
                    f"vượt tỷ lệ tối đa {cap.numerator}/{cap.denominator} số CĐCS được xếp "
                    "Hoàn thành xuất sắc nhiệm vụ",
                ),
            ),
        )
    return result


@dataclass(frozen=True)
class LegacyScore:
    """A CĐCS's year on the pre-2019 scale: each criterion's (points, maximum)."""

    year: int
    criteria: tuple[tuple[Decimal, int], ...]
    disciplined_from_warning: int = 0

    def __post_init__(self) -> None:
        checked = tuple(
            (check_points(f"criteria[{i}]", points, maximum), maximum)
            for i, (points, maximum) in enumerate(self.criteria)
        )
        object.__setattr__(self, "criteria", checked)
        _not_negative("disciplined_from_warning", self.disciplined_from_warning)

    @property
    def total(self) -> Decimal:
        return sum((p for p, _ in self.criteria), Decimal(0))


def classify_union_legacy(
    score: LegacyScore, settings: EmulationSettings = DEFAULT_SETTINGS
) -> Classification:
    """Classify a pre-2019 record on the vững mạnh / khá / trung bình / yếu scale.

    rules.md §6 "Older scale" [verified: S35]: vững mạnh from 85 points and no criterion below
    half its points and no member disciplined from cảnh cáo, else it drops to khá; khá 70 to
    under 85; trung bình 50 to under 70; yếu under 50.
    """
    total = score.total
    share = settings.legacy_criterion_min_share
    weak = [
        i + 1
        for i, (points, maximum) in enumerate(score.criteria)
        if points * share.denominator < share.numerator * maximum
    ]
    findings = [Finding(CL_LEGACY, True, f"tổng {_points_vi(total)} điểm")]
    if total >= settings.legacy_strong_from:
        conditions_met = not weak and score.disciplined_from_warning == 0
        if weak:
            findings.append(
                Finding(
                    CL_LEGACY,
                    False,
                    "tiêu chí "
                    + ", ".join(str(i) for i in weak)
                    + f" dưới {share.numerator}/{share.denominator} số điểm",
                )
            )
        if score.disciplined_from_warning:
            findings.append(
                Finding(
                    CL_LEGACY,
                    False,
                    f"{score.disciplined_from_warning} đoàn viên bị kỷ luật từ cảnh cáo trở lên",
                )
            )
        if conditions_met:
            findings.append(
                Finding(CL_LEGACY, True, f"từ {settings.legacy_strong_from} điểm, đủ điều kiện")
            )
            return Classification(LegacyLevel.STRONG, total, tuple(findings))
        return Classification(LegacyLevel.FAIR, total, tuple(findings))
    if total >= settings.legacy_fair_from:
        level = LegacyLevel.FAIR
    elif total >= settings.legacy_average_from:
        level = LegacyLevel.AVERAGE
    else:
        level = LegacyLevel.WEAK
    return Classification(level, total, tuple(findings))
