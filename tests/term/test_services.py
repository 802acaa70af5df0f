"""Targets and their values: typed, checked, refused with a message naming the field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.test import TestCase

from daihoi.congresses.testing import make_congress
from daihoi.term import errors, services
from daihoi.term.errors import TermError
from daihoi.term.models import Target, TargetValue
from daihoi.term.services import TargetData, ValueData
from daihoi.units.testing import build_world

SHARE = TargetData(
    text="trên 95% đoàn viên hoàn thành nhiệm vụ",
    measure="doan-vien-hoan-thanh-nhiem-vu",
    comparison="tren",
    period="hang-nam",
    first_year=2023,
    last_year=2028,
    threshold=Decimal(95),
    level="hoan-thanh",
)
CHARITY = TargetData(
    text="quỹ từ thiện do Công đoàn cấp trên phát động",
    measure="so-tien-trong-nhiem-ky",
    comparison="tren",
    period="ca-nhiem-ky",
    first_year=2023,
    last_year=2028,
    threshold=Decimal(1_300_000_000),
)
STRONG = TargetData(
    text="hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
    measure="dat-khong-dat-hang-nam",
    comparison="dat",
    period="hang-nam",
    first_year=2023,
    last_year=2028,
)


class TargetServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def refused(self, data: TargetData) -> TermError:
        before = Target.objects.count()
        with self.assertRaises(TermError) as caught:
            services.add_target(congress=self.congress, data=data, by=None)
        assert Target.objects.count() == before
        return caught.exception

    def test_targets_are_numbered_in_the_order_they_are_adopted(self) -> None:
        first = services.add_target(congress=self.congress, data=SHARE, by=self.w.officer)
        second = services.add_target(congress=self.congress, data=CHARITY, by=None)
        assert (first.position, second.position) == (1, 2)
        assert first.created_by == self.w.officer
        assert first.rule().threshold == Decimal(95)
        assert second.rule().threshold == 1_300_000_000

    def test_a_share_over_a_hundred_percent_is_refused_naming_the_threshold(self) -> None:
        error = self.refused(dataclasses.replace(SHARE, threshold=Decimal(120)))
        assert [(e.field, e.message) for e in error.errors] == [
            ("threshold", "Ngưỡng: tỷ lệ phải từ 0% đến 100% (nhận được: 120%).")
        ]

    def test_a_negative_count_is_refused(self) -> None:
        error = self.refused(dataclasses.replace(CHARITY, threshold=Decimal(-3)))
        assert error.messages == ["Ngưỡng: không được là số âm (nhận được: -3)."]

    def test_words_are_required(self) -> None:
        assert self.refused(dataclasses.replace(SHARE, text="  ")).messages == [
            errors.TEXT_REQUIRED
        ]

    def test_a_hidden_character_in_the_words_is_refused(self) -> None:
        error = self.refused(dataclasses.replace(SHARE, text="trên 95%\u202e"))
        assert error.errors[0].field == "text"

    def test_years_outside_the_term_are_refused(self) -> None:
        error = self.refused(dataclasses.replace(SHARE, last_year=2030))
        assert error.messages == [errors.YEARS_OUTSIDE_TERM.format(start=2023, end=2028)]

    def test_the_previous_terms_result_may_be_recorded_on_the_next_congress(self) -> None:
        data = dataclasses.replace(
            CHARITY, comparison="ghi-nhan", threshold=None, first_year=2017, last_year=2023
        )
        target = services.add_target(congress=self.congress, data=data, by=None)
        assert target.rule().first_year == 2017

    def test_an_unknown_measure_is_refused(self) -> None:
        error = self.refused(dataclasses.replace(SHARE, measure="doan-kiem"))
        assert error.messages == [errors.MEASURE_UNKNOWN.format(value="doan-kiem")]

    def test_a_change_that_breaks_the_rules_leaves_the_target_as_it_was(self) -> None:
        target = services.add_target(congress=self.congress, data=SHARE, by=None)
        with self.assertRaises(TermError):
            services.change_target(
                target=target, data=dataclasses.replace(SHARE, threshold=Decimal(101))
            )
        target.refresh_from_db()
        assert target.threshold == Decimal(95)


class ValueServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.charity = services.add_target(congress=cls.congress, data=CHARITY, by=None)
        cls.strong = services.add_target(congress=cls.congress, data=STRONG, by=None)
        cls.measured = services.add_target(congress=cls.congress, data=SHARE, by=None)

    def refused(self, target: Target, data: ValueData) -> TermError:
        with self.assertRaises(TermError) as caught:
            services.enter_value(target=target, data=data, by=None)
        assert not TargetValue.objects.filter(target=target, year=data.year).exists()
        return caught.exception

    def test_a_value_is_typed_with_its_evidence_and_corrected_in_place(self) -> None:
        data = ValueData(year=2024, number=Decimal(700_000_000), evidence="Báo cáo số 12/BC-CĐ")
        services.enter_value(target=self.charity, data=data, by=self.w.officer)
        services.enter_value(
            target=self.charity,
            data=dataclasses.replace(data, number=Decimal(650_000_000), note="sửa theo sổ quỹ"),
            by=self.w.officer,
        )
        (value,) = self.charity.values.all()
        assert (value.amount, value.note, value.entered_by) == (
            650_000_000,
            "sửa theo sổ quỹ",
            self.w.officer,
        )

    def test_evidence_is_required(self) -> None:
        error = self.refused(self.charity, ValueData(year=2024, number=Decimal(5)))
        assert error.messages == [errors.EVIDENCE_REQUIRED]

    def test_a_negative_amount_is_refused(self) -> None:
        error = self.refused(
            self.charity, ValueData(year=2024, number=Decimal(-5), evidence="Sổ quỹ")
        )
        assert error.messages == ["Số tiền (đồng): không được là số âm (nhận được: -5)."]

    def test_a_year_outside_the_target_is_refused(self) -> None:
        error = self.refused(
            self.charity, ValueData(year=2030, number=Decimal(5), evidence="Sổ quỹ")
        )
        assert error.errors[0].field == "year"

    def test_a_yes_no_needs_its_verdict(self) -> None:
        error = self.refused(self.strong, ValueData(year=2024, evidence="Quyết định xếp loại"))
        assert error.messages == [errors.VALUE_REQUIRED.format(what="đạt hay không đạt", year=2024)]
        services.enter_value(
            target=self.strong,
            data=ValueData(year=2024, achieved=True, evidence="QĐ 45/QĐ-CĐVC"),
            by=None,
        )
        assert self.strong.values.get().achieved is True

    def test_a_measured_target_takes_no_typed_value(self) -> None:
        error = self.refused(
            self.measured, ValueData(year=2024, number=Decimal(96), evidence="Báo cáo")
        )
        assert error.errors[0].field == "year"

    def test_changing_the_measure_of_a_target_with_values_is_refused(self) -> None:
        services.enter_value(
            target=self.charity,
            data=ValueData(year=2025, number=Decimal(1), evidence="Sổ quỹ"),
            by=None,
        )
        with self.assertRaises(TermError) as caught:
            services.change_target(target=self.charity, data=STRONG)
        assert caught.exception.errors[0].field == "measure"
        self.charity.refresh_from_db()
        assert self.charity.measure == "so-tien-trong-nhiem-ky"
