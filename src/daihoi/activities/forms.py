"""Forms of the activities: they read what is typed; the services check it and name the field.

Fields are optional here so that an empty one is refused by the service with its label
("Tên sáng kiến: không được để trống."), the same message the Excel import gives.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from daihoi.activities import services
from daihoi.activities.errors import ActivityError
from daihoi.activities.models import ContributionKind, Level
from daihoi.units.forms import BLANK, date_field

PEOPLE_HELP = _(
    "Họ và tên hoặc số thẻ đoàn viên, cách nhau bằng dấu phẩy; tìm trong đơn vị và các đơn vị "
    "trực thuộc."
)


def _text(label: Any, *, people: bool = False, help_text: Any = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 2}) if people else forms.TextInput()
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=widget,
        help_text=PEOPLE_HELP if people else help_text,
    )


def _choice(label: Any, choices: list[tuple[str, Any]]) -> forms.CharField:
    """A list to pick from, read as text: an unknown value is the service's to refuse."""
    return forms.CharField(
        label=label, required=False, widget=forms.Select(choices=BLANK + choices)
    )


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        error_messages={"invalid": format_lazy(_("{}: nhập năm bằng chữ số, ví dụ 2024."), label)},
    )


class InitiativeForm(forms.Form):
    title = _text(_("Tên sáng kiến"))
    authors = _text(_("Tác giả"), people=True)
    year = _year(_("Năm công nhận"))
    level = _choice(_("Cấp công nhận"), Level.choices)
    applied = forms.BooleanField(label=_("Đã áp dụng vào thực tế"), required=False)
    note = _text(_("Ghi chú (quyết định công nhận)"))

    def to_data(self) -> services.InitiativeData:
        d = self.cleaned_data
        return services.InitiativeData(
            title=d["title"],
            authors=d["authors"],
            year=d["year"],
            level=d["level"],
            applied=d["applied"],
            note=d["note"],
        )


class ResearchForm(forms.Form):
    title = _text(_("Tên đề tài"))
    authors = _text(_("Chủ nhiệm, thành viên"), people=True)
    level = _choice(_("Cấp đề tài"), Level.choices)
    accepted_on = date_field(_("Ngày nghiệm thu"))
    note = _text(_("Ghi chú (quyết định nghiệm thu)"))

    def to_data(self) -> services.ResearchData:
        d = self.cleaned_data
        return services.ResearchData(
            title=d["title"],
            authors=d["authors"],
            level=d["level"],
            accepted_on=d["accepted_on"],
            note=d["note"],
        )


class ContributionForm(forms.Form):
    kind = _choice(_("Loại đóng góp"), ContributionKind.choices)
    amount = _text(
        _("Số tiền (đồng)"), help_text=_("Số đồng, ví dụ 60.000.000 (không ghi “triệu”, “tỷ”).")
    )
    given_on = date_field(_("Ngày"))
    purpose = _text(_("Nội dung (cho ai, việc gì)"))

    def clean_amount(self) -> int | None:
        text = self.cleaned_data["amount"]
        if not text.strip():
            return None
        try:
            return services.parse_amount(text)
        except ActivityError as error:
            raise forms.ValidationError(error.messages[0]) from error

    def to_data(self) -> services.ContributionData:
        d = self.cleaned_data
        return services.ContributionData(
            kind=d["kind"], amount=d["amount"], given_on=d["given_on"], purpose=d["purpose"]
        )


class IntroductionForm(forms.Form):
    member = _text(
        _("Đoàn viên"),
        help_text=_("Họ và tên hoặc số thẻ đoàn viên của đơn vị hoặc đơn vị trực thuộc."),
    )
    introduced_on = date_field(_("Ngày giới thiệu"))
    admitted = forms.BooleanField(label=_("Đã được kết nạp vào Đảng"), required=False)
    note = _text(_("Ghi chú"))

    def to_data(self) -> services.IntroductionData:
        d = self.cleaned_data
        return services.IntroductionData(
            member=d["member"],
            introduced_on=d["introduced_on"],
            admitted=d["admitted"],
            note=d["note"],
        )


class YearFilterForm(forms.Form):
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=1975, max_value=2100)
