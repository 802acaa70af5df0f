"""The congress season: working-day deadlines, committee sizes, delegate seats.

- Recognition (rules.md §2.8): the upper level decides on a lower committee within **10 working
  days** of a complete file. Working days skip Saturdays, Sundays and the public holidays, which
  are dated data passed in (the app's setting ``DAIHOI_PUBLIC_HOLIDAYS``); a Saturday decreed a
  make-up working day (``working_weekends``) counts as a working day.
- Committee size (rules.md §2.12, KH 22/KH-TLĐ): the BCH of a CĐCS by its member count (3 to 25),
  of a CĐCS thành viên, công đoàn bộ phận, tổ công đoàn, tập đoàn / tổng công ty and the
  provincial level. Levels §2.12 gives no limit for (công đoàn xã, phường, đặc khu; cấp trên
  trực tiếp cơ sở) have none here: the upper level decides.
- Delegate seats (rules.md §2.10): the upper level allocates the number of official delegates
  each lower congress elects; no lower congress may elect more than its allocation.

Pure: stdlib only, no clock (``today`` is passed in).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from daihoi.rules.numbers import date_vi, number_vi

CL_RECOGNITION = "§2.8 – công nhận trong 10 ngày làm việc kể từ khi nhận đủ hồ sơ"
CL_DELEGATES = "§2.10 – số đại biểu chính thức do cấp trên phân bổ"
CL_SIZES = "§2.12 – số lượng ủy viên ban chấp hành"

RECOGNITION_WORKING_DAYS = 10

# Messages of SeasonRuleError (Vietnamese; the field is named by the error's ``field``).
MSG_DAYS_NEGATIVE = "số ngày làm việc không được là số âm (nhận được: {days})"
MSG_MEMBERS_NEGATIVE = "số đoàn viên không được là số âm (nhận được: {members})"
MSG_SIZE_BELOW = (
    "{size} ủy viên là ít hơn mức tối thiểu {low} cho đơn vị có {members} đoàn viên ({clause})"
)
MSG_SIZE_ABOVE = (
    "{size} ủy viên là nhiều hơn mức tối đa {high} cho đơn vị có {members} đoàn viên ({clause})"
)
MSG_SIZE_NOT_POSITIVE = "số ủy viên phải từ 1 trở lên (nhận được: {size})"
MSG_SEATS_NEGATIVE = "số đại biểu không được là số âm (nhận được: {seats})"
MSG_ELECTED_OVER_ALLOCATED = (
    "đã bầu {elected} đại biểu chính thức, nhiều hơn {allocated} được cấp trên phân bổ ({clause})"
)
MSG_DECIDED_BEFORE_COMPLETE = "ngày quyết định ({decided}) trước ngày nhận đủ hồ sơ ({complete})"


class SeasonRuleError(ValueError):
    """A season figure that the rules refuse (a committee too large, seats over the allocation)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


# ---------------------------------------------------------------------------------------------
# Working days (§2.8)


@dataclass(frozen=True)
class Calendar:
    """The days off besides weekends, and the weekend days decreed working days (làm bù)."""

    holidays: frozenset[datetime.date] = frozenset()
    working_weekends: frozenset[datetime.date] = frozenset()

    @classmethod
    def of(
        cls,
        holidays: Iterable[datetime.date],
        working_weekends: Iterable[datetime.date] = (),
    ) -> Calendar:
        return cls(frozenset(holidays), frozenset(working_weekends))

    def is_working_day(self, day: datetime.date) -> bool:
        """Tell whether the day is a working day: Monday to Friday and no holiday, or làm bù."""
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.holidays


def add_working_days(start: datetime.date, days: int, *, calendar: Calendar) -> datetime.date:
    """Return the day on which ``days`` working days counted from the day after ``start`` end.

    The day of the event itself is not counted (a file complete on Friday 3 January 2025 has
    its first working day on Monday 6 January). Zero days is the start day itself.
    """
    if days < 0:
        raise SeasonRuleError("số ngày", MSG_DAYS_NEGATIVE.format(days=days))
    day = start
    left = days
    while left:
        day += datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, *, calendar: Calendar) -> int:
    """Count the working days after ``start`` up to and including ``end`` (0 if end <= start).

    Weekdays by arithmetic over whole weeks, then the calendar's exceptions inside the range:
    a board judges thousands of files, each up to a year old.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    first = start.weekday()  # the days counted after the whole weeks: start+7w+1 .. end
    count += sum(1 for k in range(1, rest + 1) if (first + k) % 7 < 5)
    # As is_working_day: a make-up day (làm bù) is worked even if also listed as a holiday.
    count -= sum(
        1
        for d in calendar.holidays
        if start < d <= end and d.weekday() < 5 and d not in calendar.working_weekends
    )
    count += sum(1 for d in calendar.working_weekends if start < d <= end and d.weekday() >= 5)
    return count


@dataclass(frozen=True)
class Deadline:
    """Where a recognition stands against its legal deadline on a given day."""

    due: datetime.date
    used: int  # working days used (to the decision, or to today while undecided)
    left: int  # working days left before the due day (0 on or after it)
    overdue: bool
    decided: bool
    clause: str = CL_RECOGNITION

    @property
    def explanation(self) -> str:
        due = date_vi(self.due)
        if self.decided:
            if self.overdue:
                return f"Quyết định sau hạn {due}: dùng {self.used} ngày làm việc ({self.clause})."
            return f"Quyết định trong hạn {due}: dùng {self.used} ngày làm việc ({self.clause})."
        if self.overdue:
            return (
                f"Quá hạn: hạn công nhận là {due}, đã {self.used} ngày làm việc "
                f"kể từ khi nhận đủ hồ sơ ({self.clause})."
            )
        return f"Hạn công nhận {due}: còn {self.left} ngày làm việc ({self.clause})."


def recognition_deadline(
    *,
    file_complete_on: datetime.date,
    today: datetime.date,
    decided_on: datetime.date | None = None,
    calendar: Calendar,
    working_days: int = RECOGNITION_WORKING_DAYS,
) -> Deadline:
    """Judge a recognition against its deadline: ``working_days`` after a complete file (§2.8)."""
    due = add_working_days(file_complete_on, working_days, calendar=calendar)
    if decided_on is not None:
        if decided_on < file_complete_on:
            raise SeasonRuleError(
                "ngày quyết định",
                MSG_DECIDED_BEFORE_COMPLETE.format(
                    decided=date_vi(decided_on), complete=date_vi(file_complete_on)
                ),
            )
        used = working_days_between(file_complete_on, decided_on, calendar=calendar)
        return Deadline(due=due, used=used, left=0, overdue=decided_on > due, decided=True)
    used = working_days_between(file_complete_on, today, calendar=calendar)
    left = working_days_between(today, due, calendar=calendar) if today < due else 0
    return Deadline(due=due, used=used, left=left, overdue=today > due, decided=False)


# ---------------------------------------------------------------------------------------------
# Committee size (§2.12)


class CommitteeLevel(StrEnum):
    """The kinds of committee §2.12 sizes differently."""

    CO_SO = "co-so"  # CĐCS, nghiệp đoàn cơ sở
    CO_SO_THANH_VIEN = "co-so-thanh-vien"
    BO_PHAN = "bo-phan"
    TO = "to"  # tổ công đoàn: tổ trưởng (+ tổ phó)
    TAP_DOAN = "tap-doan"  # tập đoàn, tổng công ty
    TINH = "tinh"  # LĐLĐ tỉnh, công đoàn ngành trung ương
    HA_NOI = "ha-noi"
    HO_CHI_MINH = "ho-chi-minh"
    NOT_SET = "khong-quy-dinh"  # §2.12 gives no BCH size for this level


# (members below which, the largest committee): the CĐCS ladder of §2.12.
CO_SO_LADDER: tuple[tuple[int, int], ...] = (
    (50, 3),
    (150, 5),
    (500, 9),
    (1_000, 11),
    (3_000, 13),
    (7_000, 15),
    (10_000, 17),
    (15_000, 19),
    (20_000, 21),
    (25_000, 23),
)
CO_SO_TOP = 25
CO_SO_MIN = 3

FIXED_LIMITS: dict[CommitteeLevel, tuple[int, int]] = {
    CommitteeLevel.CO_SO_THANH_VIEN: (CO_SO_MIN, 15),
    CommitteeLevel.BO_PHAN: (1, 7),
    CommitteeLevel.TO: (1, 2),
    CommitteeLevel.TAP_DOAN: (CO_SO_MIN, 27),
    CommitteeLevel.TINH: (15, 45),
    CommitteeLevel.HA_NOI: (15, 55),
    CommitteeLevel.HO_CHI_MINH: (15, 65),
}


@dataclass(frozen=True)
class SizeLimit:
    """The smallest and largest committee allowed (``high`` None: §2.12 sets no limit)."""

    low: int
    high: int | None
    clause: str = CL_SIZES

    @property
    def text(self) -> str:
        if self.high is None:
            return f"từ {self.low} ủy viên (cấp trên quyết định)"
        if self.low == self.high:
            return f"{self.low} ủy viên"
        return f"từ {self.low} đến {self.high} ủy viên"


def committee_size_limit(*, level: CommitteeLevel, members: int) -> SizeLimit:
    """Return the BCH size allowed for a committee of this level and member count (§2.12)."""
    if members < 0:
        raise SeasonRuleError("số đoàn viên", MSG_MEMBERS_NEGATIVE.format(members=members))
    if level is CommitteeLevel.CO_SO:
        for below, high in CO_SO_LADDER:
            if members < below:
                return SizeLimit(CO_SO_MIN, high)
        return SizeLimit(CO_SO_MIN, CO_SO_TOP)
    if level is CommitteeLevel.NOT_SET:
        return SizeLimit(1, None)
    low, high = FIXED_LIMITS[level]
    return SizeLimit(low, high)


def check_committee_size(*, level: CommitteeLevel, members: int, size: int) -> SizeLimit:
    """Refuse a committee size outside §2.12's limits, naming the numbers; return the limit."""
    if size < 1:
        raise SeasonRuleError("số ủy viên", MSG_SIZE_NOT_POSITIVE.format(size=size))
    limit = committee_size_limit(level=level, members=members)
    shown = number_vi(members)
    if size < limit.low:
        raise SeasonRuleError(
            "số ủy viên",
            MSG_SIZE_BELOW.format(size=size, low=limit.low, members=shown, clause=CL_SIZES),
        )
    if limit.high is not None and size > limit.high:
        raise SeasonRuleError(
            "số ủy viên",
            MSG_SIZE_ABOVE.format(size=size, high=limit.high, members=shown, clause=CL_SIZES),
        )
    return limit


# ---------------------------------------------------------------------------------------------
# Delegate seats (§2.10)


def check_delegates_elected(*, allocated: int, elected: int) -> None:
    """Refuse more official delegates elected than the upper level allocated (§2.10)."""
    if allocated < 0:
        raise SeasonRuleError(
            "số đại biểu được phân bổ", MSG_SEATS_NEGATIVE.format(seats=allocated)
        )
    if elected < 0:
        raise SeasonRuleError("số đại biểu đã bầu", MSG_SEATS_NEGATIVE.format(seats=elected))
    if elected > allocated:
        raise SeasonRuleError(
            "số đại biểu đã bầu",
            MSG_ELECTED_OVER_ALLOCATED.format(
                elected=elected, allocated=allocated, clause=CL_DELEGATES
            ),
        )


YOUNG_UNDER = 35
"""Who the season's board counts as young (cán bộ trẻ): under 35 in the congress's year.

rules.md states no age for the committee's make-up; 35 is the limit personnel plans commonly use
for "cán bộ trẻ" [inference], kept here as the one place to change it.
"""


def is_young(*, birth_year: int, in_year: int) -> bool:
    """Return whether someone born that year is under ``YOUNG_UNDER`` in the congress's year."""
    return in_year - birth_year < YOUNG_UNDER
