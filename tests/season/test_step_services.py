"""Each lower unit's steps sent up and answered: personnel plan, result file, recognition."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import TestCase

from daihoi.season import errors, services
from daihoi.season.errors import SeasonError
from daihoi.season.models import SeasonStep, SeasonUnit, StepKind, StepStatus
from daihoi.season.services import PlanRow, SeasonData
from daihoi.units.models import UnitKind
from daihoi.units.testing import World, build_world

D = datetime.date
TODAY = D(2025, 11, 28)
SENT = D(2025, 10, 31)  # the result file is sent on


def planned_season(w: World) -> SeasonUnit:
    season = services.open_season(
        unit=w.province,
        data=SeasonData(
            name="Kế hoạch đại hội", term_start=2023, term_end=2028,
            deadlines={UnitKind.CDCS: D(2025, 12, 31)},
        ),
        by=None,
    )  # fmt: skip
    services.save_plan(
        season=season,
        rows=[PlanRow(w.unit.pk, D(2025, 10, 20), False, 2, 3)],
    )
    return SeasonUnit.objects.get(season=season, unit=w.unit)


class StepTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = planned_season(cls.w)

    def send_plan(self, size: int | None = 3) -> SeasonStep:
        return services.send_personnel_plan(
            entry=self.entry, committee_size=size, note="", by=self.w.officer, today=D(2025, 9, 1)
        )

    def approve(self, step: SeasonStep, on: datetime.date) -> SeasonStep:
        return services.answer_step(
            step=step, approve=True, reason="", answered_on=on, by=self.w.upper, today=TODAY
        )

    def send_result(self, **values: object) -> SeasonStep:
        data: dict[str, object] = {
            "held_on": D(2025, 10, 20),
            "committee_size": 3,
            "delegates_elected": 2,
        }
        data.update(values)
        return services.send_result(
            entry=self.entry,
            note="",
            by=self.w.officer,
            today=SENT,
            **data,  # type: ignore[arg-type]
        )

    def test_the_plan_then_the_result_then_the_recognition(self) -> None:
        plan = self.approve(self.send_plan(), D(2025, 9, 5))
        assert plan.status == StepStatus.APPROVED
        result = self.approve(self.send_result(), D(2025, 11, 3))
        assert result.status_label == "Hồ sơ đủ, chờ công nhận"
        deadline = services.recognition_deadline(result, today=D(2025, 11, 10))
        assert deadline is not None
        assert (deadline.due, deadline.used, deadline.left) == (D(2025, 11, 17), 5, 5)
        decided = services.recognize(
            step=result, decision_number="  125/QĐ-LĐLĐ ", decided_on=D(2025, 11, 14),
            by=self.w.upper, today=TODAY,
        )  # fmt: skip
        assert (decided.status, decided.decision_number) == (StepStatus.RECOGNIZED, "125/QĐ-LĐLĐ")
        after = services.recognition_deadline(decided, today=TODAY)
        assert after is not None and after.decided and not after.overdue

    def test_a_recognition_not_given_within_ten_working_days_is_overdue(self) -> None:
        self.approve(self.send_plan(), D(2025, 9, 5))
        result = self.approve(self.send_result(), D(2025, 11, 3))
        state = services.recognition_deadline(result, today=D(2025, 11, 18))
        assert state is not None and state.overdue and state.used == 11

    def test_a_step_cannot_be_sent_twice(self) -> None:
        first = self.send_plan()
        with pytest.raises(SeasonError) as error:
            self.send_plan()
        assert error.value.messages == [
            errors.STEP_TWICE.format(
                step="Đề án nhân sự", sent="01/09/2025", status="Đã gửi, chờ cấp trên"
            )
        ]
        self.approve(first, D(2025, 9, 5))
        with pytest.raises(SeasonError):
            self.send_plan()
        assert SeasonStep.objects.filter(kind=StepKind.PERSONNEL_PLAN).count() == 1

    def test_the_database_refuses_a_second_live_step_too(self) -> None:
        self.send_plan()
        with pytest.raises(IntegrityError), transaction.atomic():
            SeasonStep.objects.create(
                entry=self.entry, kind=StepKind.PERSONNEL_PLAN, status=StepStatus.SENT,
                sent_on=TODAY,
            )  # fmt: skip

    def test_a_returned_plan_keeps_its_reason_and_may_be_sent_again(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.answer_step(
                step=self.send_plan(), approve=False, reason=" ", answered_on=D(2025, 9, 2),
                by=self.w.upper, today=TODAY,
            )  # fmt: skip
        assert error.value.messages == [errors.REASON_REQUIRED]
        step = SeasonStep.objects.get()
        step = services.answer_step(
            step=step, approve=False, reason="Thiếu cơ cấu nữ", answered_on=D(2025, 9, 2),
            by=self.w.upper, today=TODAY,
        )  # fmt: skip
        assert (step.status, step.reason) == (StepStatus.RETURNED, "Thiếu cơ cấu nữ")
        again = self.send_plan()
        assert again.status == StepStatus.SENT
        with pytest.raises(SeasonError) as error:
            self.approve(step, D(2025, 9, 3))
        assert error.value.messages == [
            errors.NOT_WAITING.format(step="Đề án nhân sự", status="Trả lại")
        ]

    def test_a_plan_over_the_approved_size_is_refused(self) -> None:
        with pytest.raises(SeasonError) as error:
            self.send_plan(5)
        assert error.value.messages == [
            errors.SIZE_OVER_APPROVED.format(committee="BCH", size=5, approved=3)
        ]

    def test_a_result_before_the_plan_is_approved_is_refused(self) -> None:
        self.send_plan()
        with pytest.raises(SeasonError) as error:
            self.send_result()
        assert error.value.messages == [errors.RESULT_BEFORE_PLAN]

    def test_a_result_over_the_approved_size_or_the_allocated_seats_is_refused_with_numbers(
        self,
    ) -> None:
        self.approve(self.send_plan(), D(2025, 9, 5))
        with pytest.raises(SeasonError) as error:
            self.send_result(committee_size=4, delegates_elected=3, held_on=D(2025, 12, 1))
        assert error.value.messages == [
            errors.HELD_IN_FUTURE.format(held="01/12/2025", today="31/10/2025"),
            errors.SIZE_OVER_APPROVED.format(committee="BCH", size=4, approved=3),
            "Số đại biểu chính thức đã bầu: đã bầu 3 đại biểu chính thức, nhiều hơn 2 được cấp "
            "trên phân bổ (§2.10 – số đại biểu chính thức do cấp trên phân bổ).",
        ]
        assert not SeasonStep.objects.filter(kind=StepKind.RESULT).exists()

    def test_a_recognition_cannot_be_issued_for_an_incomplete_file(self) -> None:
        self.approve(self.send_plan(), D(2025, 9, 5))
        result = self.send_result()
        with pytest.raises(SeasonError) as error:
            services.recognize(
                step=result, decision_number="1/QĐ", decided_on=TODAY, by=None, today=TODAY
            )
        assert error.value.messages == [
            errors.RECOGNIZE_INCOMPLETE.format(recognize="công nhận", status="Đã gửi, chờ cấp trên")
        ]
        result = self.approve(result, D(2025, 11, 3))
        with pytest.raises(SeasonError) as error:
            services.recognize(
                step=result, decision_number="", decided_on=D(2025, 11, 1), by=None, today=TODAY
            )
        assert error.value.messages == [
            errors.DECISION_NUMBER_REQUIRED.format(recognize="công nhận", example="125/QĐ-LĐLĐ"),
            errors.DECIDED_BEFORE_COMPLETE.format(decided="01/11/2025", complete="03/11/2025"),
        ]
        assert SeasonStep.objects.get(pk=result.pk).status == StepStatus.APPROVED
