"""Read side of the season pages, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from daihoi.rules import season as rules
from daihoi.rules.numbers import percent_vi
from daihoi.season import services
from daihoi.season.models import (
    LIVE_STATUSES,
    RECOGNIZED_LABEL,
    Season,
    SeasonStep,
    SeasonUnit,
    StepKind,
    StepStatus,
)
from daihoi.season.services import committee_level
from daihoi.season.words import Words, words_of_kind, words_of_kinds
from daihoi.units.models import PATH_SEGMENT_WIDTH, Unit
from daihoi.units.queries import active_members_below


@dataclass(frozen=True)
class PlanLine:
    entry: SeasonUnit
    members: int
    limit: rules.SizeLimit
    due: datetime.date | None


@dataclass(frozen=True)
class Plan:
    season: Season
    lines: list[PlanLine]
    seats: int
    pilots: int


def plan_of(season: Season) -> Plan:
    """Return the season's plan: each unit below with its members, §2.12 limit and deadline."""
    entries = list(season.entries.select_related("unit"))
    due = {d.kind: d.due for d in season.deadlines.all()}
    members = active_members_below(season.unit, [e.unit for e in entries])
    lines = [
        PlanLine(
            entry=e,
            members=members[e.unit_id],
            limit=rules.committee_size_limit(
                level=committee_level(e.unit.kind), members=members[e.unit_id]
            ),
            due=due.get(e.unit.kind),
        )
        for e in entries
    ]
    return Plan(
        season=season,
        lines=lines,
        seats=sum(e.seats for e in entries),
        pilots=sum(1 for e in entries if e.pilot),
    )


def seasons_of(unit_id: int) -> list[Season]:
    """Return the seasons an upper unit runs, newest term first, with their seat totals."""
    return list(Season.objects.filter(unit_id=unit_id).annotate(seat_total=Sum("entries__seats")))


@dataclass(frozen=True)
class StepLine:
    step: SeasonStep
    deadline: rules.Deadline | None


@dataclass(frozen=True)
class EntryView:
    entry: SeasonUnit
    due: datetime.date | None
    steps: list[StepLine]
    can_send_plan: bool
    can_send_result: bool


def entries_of_unit(unit_id: int, *, today: datetime.date) -> list[EntryView]:
    """Return the seasons this unit holds its congress in, each with its own steps only."""
    entries = list(
        SeasonUnit.objects.filter(unit_id=unit_id)
        .select_related("season", "season__unit", "unit")
        .prefetch_related("steps", "season__deadlines")
        .order_by("-season__term_start", "-season_id")
    )
    views = []
    for entry in entries:
        steps = list(entry.steps.all())
        live = {s.kind for s in steps if s.status in LIVE_STATUSES}
        approved_plan = any(
            s.kind == StepKind.PERSONNEL_PLAN and s.status == StepStatus.APPROVED for s in steps
        )
        due = next((d.due for d in entry.season.deadlines.all() if d.kind == entry.unit.kind), None)
        views.append(
            EntryView(
                entry=entry,
                due=due,
                steps=[StepLine(s, services.recognition_deadline(s, today=today)) for s in steps],
                can_send_plan=StepKind.PERSONNEL_PLAN not in live,
                can_send_result=approved_plan and StepKind.RESULT not in live,
            )
        )
    return views


class BoardStatus(StrEnum):
    """Where a unit below stands in the season, from its latest step."""

    NOT_SENT = "chua-gui"
    PLAN_SENT = "de-an-cho-duyet"
    PLAN_RETURNED = "de-an-tra-lai"
    AWAITING_CONGRESS = "cho-dai-hoi"
    RESULT_SENT = "ho-so-cho-kiem-tra"
    RESULT_RETURNED = "ho-so-tra-lai"
    AWAITING_RECOGNITION = "cho-cong-nhan"
    RECOGNIZED = "da-cong-nhan"

    def label_in(self, words: Words) -> str:
        """Name the status in the words of the units it stands for (a chi bộ's "Đã chuẩn y")."""
        return str(BOARD_LABELS[self]).format(recognize=words.recognize)


BOARD_LABELS = {
    BoardStatus.NOT_SENT: _("Chưa gửi đề án nhân sự"),
    BoardStatus.PLAN_SENT: _("Đề án nhân sự chờ duyệt"),
    BoardStatus.PLAN_RETURNED: _("Đề án nhân sự bị trả lại"),
    BoardStatus.AWAITING_CONGRESS: _("Đề án đã duyệt, chờ đại hội"),
    BoardStatus.RESULT_SENT: _("Đã đại hội, hồ sơ chờ kiểm tra"),
    BoardStatus.RESULT_RETURNED: _("Hồ sơ kết quả bị trả lại"),
    BoardStatus.AWAITING_RECOGNITION: _("Hồ sơ đủ, chờ quyết định {recognize}"),
    BoardStatus.RECOGNIZED: RECOGNIZED_LABEL,
}
NOT_HELD = {
    BoardStatus.NOT_SENT,
    BoardStatus.PLAN_SENT,
    BoardStatus.PLAN_RETURNED,
    BoardStatus.AWAITING_CONGRESS,
}
PAST_PLANNED_DAY = "Quá ngày dự kiến đại hội {day} mà chưa gửi hồ sơ kết quả."
PAST_DEADLINE = "Quá hạn kế hoạch {day} mà chưa gửi hồ sơ kết quả đại hội."

STATUS_OF_STEP = {
    (StepKind.PERSONNEL_PLAN, StepStatus.SENT): BoardStatus.PLAN_SENT,
    (StepKind.PERSONNEL_PLAN, StepStatus.RETURNED): BoardStatus.PLAN_RETURNED,
    (StepKind.PERSONNEL_PLAN, StepStatus.APPROVED): BoardStatus.AWAITING_CONGRESS,
    (StepKind.RESULT, StepStatus.SENT): BoardStatus.RESULT_SENT,
    (StepKind.RESULT, StepStatus.RETURNED): BoardStatus.RESULT_RETURNED,
    (StepKind.RESULT, StepStatus.APPROVED): BoardStatus.AWAITING_RECOGNITION,
    (StepKind.RESULT, StepStatus.RECOGNIZED): BoardStatus.RECOGNIZED,
}


def _share(count: int | None, size: int | None) -> str:
    if count is None or not size:
        return "—"
    return f"{count}/{size} ({percent_vi(count, size)})"


@dataclass(frozen=True)
class BoardRow:
    entry: SeasonUnit
    due: datetime.date | None
    step: SeasonStep | None
    status: BoardStatus
    deadline: rules.Deadline | None
    warnings: list[str]
    branch: str = ""

    @property
    def status_label(self) -> str:
        return self.status.label_in(words_of_kind(self.entry.unit.kind))

    @property
    def result(self) -> SeasonStep | None:
        """The result file the row's figures come from, if the unit sent one."""
        return self.step if self.step is not None and self.step.kind == StepKind.RESULT else None

    @property
    def women(self) -> str:
        r = self.result
        return _share(r.women, r.committee_size) if r else "—"

    @property
    def young(self) -> str:
        r = self.result
        return _share(r.young, r.committee_size) if r else "—"

    @property
    def reelected(self) -> str:
        r = self.result
        return _share(r.reelected, r.committee_size) if r else "—"


@dataclass(frozen=True)
class Branch:
    """A unit directly below the season's unit, with the progress of the units under it."""

    unit: Unit
    total: int
    held: int
    recognized: int

    @property
    def held_percent(self) -> str:
        return percent_vi(self.held, self.total) if self.total else "—"


@dataclass(frozen=True)
class Board:
    season: Season
    rows: list[BoardRow]
    counts: list[tuple[BoardStatus, str, int]]  # each status, named in the season's words
    total: int
    warned: int
    branches: list[Branch]
    kinds: list[tuple[str, str]]
    words: Words  # the season's: its kinds' committee and decision (season.words)


def _current(steps: list[SeasonStep]) -> SeasonStep | None:
    results = [s for s in steps if s.kind == StepKind.RESULT]
    pool = results or steps
    return max(pool, key=lambda s: (s.sent_on, s.pk)) if pool else None


def board_of(
    season: Season,
    *,
    today: datetime.date,
    status: str = "",
    branch_id: int | None = None,
    kind: str = "",
) -> Board:
    """Return every unit below with its planned date, step, status and warnings (4 queries).

    Filters: the branch (a unit directly below the season's unit) and the kind narrow the rows
    and the counts by status; the status narrows the rows shown.
    """
    entries = list(season.entries.select_related("unit").prefetch_related("steps"))
    due_of = {d.kind: d.due for d in season.deadlines.all()}
    children = list(Unit.objects.filter(parent_id=season.unit_id).order_by("name_key", "id"))
    width = len(season.unit.path) + PATH_SEGMENT_WIDTH
    by_path = {c.path: c for c in children}
    progress: dict[int, list[int]] = {c.pk: [0, 0, 0] for c in children}
    days_off = services.calendar()
    rows = []
    for entry in entries:
        step = _current(list(entry.steps.all()))
        state = BoardStatus.NOT_SENT if step is None else STATUS_OF_STEP[(step.kind, step.status)]
        top = by_path.get(entry.unit.path[:width])
        if top is not None:
            tally = progress[top.pk]
            tally[0] += 1
            tally[1] += state not in NOT_HELD
            tally[2] += state is BoardStatus.RECOGNIZED
        if branch_id is not None and (top is None or top.pk != branch_id):
            continue
        if kind and entry.unit.kind != kind:
            continue
        due = due_of.get(entry.unit.kind)
        warnings = []
        if state in NOT_HELD:
            if entry.planned_on and entry.planned_on < today:
                warnings.append(PAST_PLANNED_DAY.format(day=f"{entry.planned_on:%d/%m/%Y}"))
            if due and due < today:
                warnings.append(PAST_DEADLINE.format(day=f"{due:%d/%m/%Y}"))
        deadline = (
            services.recognition_deadline(step, today=today, days_off=days_off) if step else None
        )
        if deadline is not None and deadline.overdue:
            warnings.append(deadline.explanation)
        rows.append(BoardRow(entry, due, step, state, deadline, warnings, top.name if top else ""))
    words = words_of_kinds(due_of)
    counts = [(s, s.label_in(words), sum(1 for r in rows if r.status is s)) for s in BoardStatus]
    shown = [r for r in rows if r.status == status] if status in BoardStatus else rows
    return Board(
        season=season,
        rows=shown,
        counts=counts,
        total=len(rows),
        warned=sum(1 for r in rows if r.warnings),
        branches=[Branch(c, *progress[c.pk]) for c in children if progress[c.pk][0]],
        kinds=[(d, services.kind_label(d)) for d in sorted(due_of)],
        words=words,
    )
