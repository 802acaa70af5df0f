"""A congress's resolution targets (chỉ tiêu nghị quyết) and the values entered by hand.

A target is the resolution's words kept as they were adopted, with the typed measure the rules
engine (``daihoi.rules.targets``) judges. Targets measured from the emulation records have no
stored values: they are counted when shown. The others take one value a year, typed by an
officer with a note and the evidence it rests on.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress
from daihoi.rules import targets as rules
from daihoi.rules.emulation import LegacyLevel, TaskLevel, Title, UnionLevel


class MeasureChoice(models.TextChoices):
    MEMBER_TITLE = rules.Measure.MEMBER_TITLE.value, _("Tỷ lệ đoàn viên đạt danh hiệu thi đua")
    COLLECTIVE_TITLE = (
        rules.Measure.COLLECTIVE_TITLE.value,
        _("Tỷ lệ tập thể đạt danh hiệu thi đua"),
    )
    COLLECTIVE_LEVEL = (
        rules.Measure.COLLECTIVE_LEVEL.value,
        _("Tỷ lệ công đoàn cấp dưới được xếp loại từ một mức trở lên"),
    )
    UNIT_LEVEL = (
        rules.Measure.UNIT_LEVEL.value,
        _("Công đoàn (đơn vị tổ chức đại hội) được xếp loại từ một mức trở lên (hằng năm)"),
    )
    MEMBER_TASKS = (
        rules.Measure.MEMBER_TASKS.value,
        _("Tỷ lệ đoàn viên hoàn thành nhiệm vụ từ một mức trở lên"),
    )
    SHARE_BY_HAND = rules.Measure.SHARE_BY_HAND.value, _("Tỷ lệ khác (nhập tay từng năm)")
    COUNT = rules.Measure.COUNT.value, _("Số lượng (nhập tay, cộng dồn cả nhiệm kỳ)")
    MONEY = rules.Measure.MONEY.value, _("Số tiền (nhập tay, cộng dồn cả nhiệm kỳ)")
    YES_NO = rules.Measure.YES_NO.value, _("Đạt / không đạt (nhập tay từng năm)")
    TEXT = rules.Measure.TEXT.value, _("Nội dung khác (đánh giá bằng tay, có minh chứng)")
    PARTY_INTRODUCTIONS = (
        rules.Measure.PARTY_INTRODUCTIONS.value,
        _("Số đoàn viên ưu tú giới thiệu cho Đảng (tính từ sổ giới thiệu, cộng dồn cả nhiệm kỳ)"),
    )
    INITIATIVES = (
        rules.Measure.INITIATIVES.value,
        _("Số sáng kiến được công nhận (tính từ sổ sáng kiến, cộng dồn cả nhiệm kỳ)"),
    )
    RESEARCH = (
        rules.Measure.RESEARCH.value,
        _("Số đề tài nghiên cứu khoa học được nghiệm thu (cộng dồn cả nhiệm kỳ)"),
    )
    SHELTERS = (
        rules.Measure.SHELTERS.value,
        _("Số mái ấm công đoàn xây, sửa (cộng dồn cả nhiệm kỳ)"),
    )
    CONTRIBUTIONS = (
        rules.Measure.CONTRIBUTIONS.value,
        _("Số tiền từ thiện, mái ấm, hỗ trợ (tính từ sổ đóng góp, cộng dồn cả nhiệm kỳ)"),
    )


class ComparisonChoice(models.TextChoices):
    ABOVE = rules.Comparison.ABOVE.value, _("trên")
    AT_LEAST = rules.Comparison.AT_LEAST.value, _("từ ... trở lên")
    AT_MOST = rules.Comparison.AT_MOST.value, _("không quá")
    ALL = rules.Comparison.ALL.value, _("100% / đạt")


class PeriodChoice(models.TextChoices):
    YEARLY = rules.Period.YEARLY.value, _("Hằng năm")
    TERM = rules.Period.TERM.value, _("Cả nhiệm kỳ")


TITLE_CHOICES = [(t.value, t.label) for t in Title]
LEVEL_CHOICES = [
    *((level.value, level.label) for level in UnionLevel),
]
TASK_LEVEL_CHOICES = [(level.value, level.label.capitalize()) for level in TaskLevel]
# The older scale's levels (before 2019), for a union's own classification (UNIT_LEVEL).
LEGACY_LEVEL_CHOICES = [
    (LegacyLevel.STRONG.value, _("Vững mạnh (thang điểm trước năm 2019)")),
    (LegacyLevel.FAIR.value, _("Khá (thang điểm trước năm 2019)")),
    (LegacyLevel.AVERAGE.value, _("Trung bình (thang điểm trước năm 2019)")),
    (LegacyLevel.WEAK.value, _("Yếu (thang điểm trước năm 2019)")),
]


class Target(models.Model):
    """One target of a congress's resolution: its words and its typed measure."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="targets", verbose_name=_("đại hội")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung chỉ tiêu (nguyên văn nghị quyết)"))
    measure = models.CharField(_("cách đo"), max_length=40, choices=MeasureChoice.choices)
    title = models.CharField(_("danh hiệu"), max_length=40, choices=TITLE_CHOICES, blank=True)
    level = models.CharField(_("mức xếp loại"), max_length=20, blank=True)
    comparison = models.CharField(_("so sánh"), max_length=20, choices=ComparisonChoice.choices)
    threshold = models.DecimalField(
        _("ngưỡng"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    period = models.CharField(_("thời gian đánh giá"), max_length=20, choices=PeriodChoice.choices)
    first_year = models.PositiveSmallIntegerField(_("từ năm"))
    last_year = models.PositiveSmallIntegerField(_("đến năm"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chỉ tiêu nghị quyết")
        verbose_name_plural = _("chỉ tiêu nghị quyết")
        ordering = ("congress", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["congress", "position"], name="target_position_once_per_congress"
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")),
                name="target_years_in_order",
            ),
        )

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    def rule(self) -> rules.Target:
        """Return the target as the rules engine judges it."""
        measure = rules.Measure(self.measure)
        threshold: Decimal | int | None = self.threshold
        if threshold is not None and measure.kind in (rules.Kind.COUNT, rules.Kind.MONEY):
            threshold = int(threshold)
        return rules.Target(
            measure=measure,
            comparison=rules.Comparison(self.comparison),
            threshold=threshold,
            period=rules.Period(self.period),
            first_year=self.first_year,
            last_year=self.last_year,
            title=Title(self.title) if self.title else None,
            level=self.level or None,
        )


class TargetValue(models.Model):
    """A year's value of a target that nothing in the app measures, entered by hand."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("năm"))
    percent = models.DecimalField(
        _("tỷ lệ (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = models.BigIntegerField(_("số lượng / số tiền"), null=True, blank=True)
    achieved = models.BooleanField(_("đạt"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    evidence = models.CharField(_("minh chứng (văn bản, số, ngày, nơi lưu)"), max_length=500)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        ordering = ("target", "year")
        constraints = (
            models.UniqueConstraint(fields=["target", "year"], name="target_value_once_per_year"),
            models.CheckConstraint(
                condition=(
                    Q(percent__isnull=False, amount__isnull=True, achieved__isnull=True)
                    | Q(percent__isnull=True, amount__isnull=False, achieved__isnull=True)
                    | Q(percent__isnull=True, amount__isnull=True, achieved__isnull=False)
                ),
                name="target_value_holds_one_value",
            ),
        )

    def __str__(self) -> str:
        return f"{self.target_id} {self.year}"

    def value(self) -> rules.Value:
        if self.percent is not None:
            return rules.Share.of_percent(self.percent)
        if self.amount is not None:
            return self.amount
        return bool(self.achieved)
