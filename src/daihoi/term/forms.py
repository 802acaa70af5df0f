"""Input of the target pages: numbers typed the Vietnamese way ("95,5", "1.300.000.000")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.term.models import (
    LEGACY_LEVEL_CHOICES,
    TASK_LEVEL_CHOICES,
    TITLE_CHOICES,
    ComparisonChoice,
    MeasureChoice,
    PeriodChoice,
)
from daihoi.term.services import TargetData, ValueData

BLANK = [("", "—")]
NUMBER_INVALID = "{label}: nhập số, ví dụ 95 hoặc 95,5 hoặc 1.300.000.000 (nhận được: “{value}”)."
YEAR_INVALID = "{label}: nhập năm bằng chữ số, ví dụ 2023."
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$")


def parse_number_vi(text: str, label: str) -> Decimal | None:
    """Read a number as Vietnamese write it: dots between thousands, a decimal comma."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not raw:
        return None
    if _GROUPED.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif _PLAIN.match(raw):
        raw = raw.replace(",", ".")
    else:
        raise forms.ValidationError(NUMBER_INVALID.format(label=label, value=text.strip()))
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        raise forms.ValidationError(NUMBER_INVALID.format(label=label, value=text)) from None


def _year(label: Any) -> forms.IntegerField:
    error = YEAR_INVALID.format(label=label)
    return forms.IntegerField(
        label=label,
        min_value=1930,
        max_value=2100,
        error_messages={
            "required": error,
            "invalid": error,
            "min_value": error,
            "max_value": error,
        },
    )


class TargetForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung chỉ tiêu"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi nguyên văn nghị quyết, ví dụ: trên 95% đoàn viên hoàn thành nhiệm vụ"),
        error_messages={"required": _("Nội dung chỉ tiêu: không được để trống.")},
    )
    measure = forms.ChoiceField(label=_("Cách đo"), choices=MeasureChoice.choices)
    title = forms.ChoiceField(
        label=_("Danh hiệu (nếu đo theo danh hiệu)"),
        choices=[*BLANK, *TITLE_CHOICES],
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Mức xếp loại, mức hoàn thành nhiệm vụ (từ mức này trở lên)"),
        choices=[*BLANK, *TASK_LEVEL_CHOICES, *LEGACY_LEVEL_CHOICES],
        required=False,
    )
    comparison = forms.ChoiceField(label=_("So sánh"), choices=ComparisonChoice.choices)
    threshold = forms.CharField(
        label=_("Ngưỡng"),
        required=False,
        max_length=30,
        help_text=_("Tỷ lệ tính bằng %; số tiền tính bằng đồng. Để trống khi “100% / đạt”."),
    )
    period = forms.ChoiceField(label=_("Thời gian đánh giá"), choices=PeriodChoice.choices)
    first_year = _year(_("Từ năm"))
    last_year = _year(_("Đến năm"))

    def clean_threshold(self) -> Decimal | None:
        return parse_number_vi(self.cleaned_data["threshold"], "Ngưỡng")

    def to_data(self) -> TargetData:
        data = self.cleaned_data
        return TargetData(
            text=data["text"],
            measure=data["measure"],
            comparison=data["comparison"],
            period=data["period"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            threshold=data["threshold"],
            title=data["title"],
            level=data["level"],
        )


ACHIEVED_CHOICES = [("", "—"), ("dat", _("Đạt")), ("khong-dat", _("Không đạt"))]


class ValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, choices=())
    value = forms.CharField(
        label=_("Giá trị (tỷ lệ %, số lượng hoặc số tiền)"), required=False, max_length=30
    )
    achieved = forms.ChoiceField(
        label=_("Đạt / không đạt"), choices=ACHIEVED_CHOICES, required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.CharField(
        label=_("Minh chứng"),
        required=False,
        max_length=500,
        help_text=_("Văn bản làm căn cứ: tên, số, ngày, nơi lưu"),
    )

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]

    def clean_value(self) -> Decimal | None:
        return parse_number_vi(self.cleaned_data["value"], "Giá trị")

    def to_data(self) -> ValueData:
        data = self.cleaned_data
        achieved = {"dat": True, "khong-dat": False}.get(data["achieved"])
        return ValueData(
            year=data["year"],
            number=data["value"],
            achieved=achieved,
            note=data["note"],
            evidence=data["evidence"],
        )
