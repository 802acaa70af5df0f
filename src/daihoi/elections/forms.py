"""Forms of elections: they parse input; the services check the rules.

Domain errors (ElectionError) become form errors here, at this one seam (add_error).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.elections.errors import ElectionError
from daihoi.elections.models import Candidate, ElectionKind, Nomination
from daihoi.rules.keyboard import Mode
from daihoi.units.forms import date_field


def add_error(form: forms.Form, error: ElectionError) -> None:
    """Show a service's error on the form, beside its field when the form has it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=1_000_000)


class ElectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại bầu cử"), choices=ElectionKind.choices)
    title = forms.CharField(label=_("Tên cuộc bầu cử"), max_length=300)
    seats = forms.IntegerField(label=_("Số lượng cần bầu"), min_value=1, max_value=1000)
    alternates = forms.IntegerField(
        label=_("Số đại biểu dự khuyết"), min_value=0, max_value=1000, initial=0, required=False
    )


class CandidateForm(forms.Form):
    delegate = forms.ModelChoiceField(
        label=_("Đại biểu"), queryset=None, required=False, empty_label="—"
    )
    member = forms.ModelChoiceField(
        label=_("Hoặc đoàn viên"), queryset=None, required=False, empty_label="—"
    )
    full_name = forms.CharField(
        label=_("Hoặc họ và tên"),
        max_length=200,
        required=False,
        help_text=_("Khi người này chưa có trong danh sách đại biểu hay đoàn viên."),
    )
    nomination = forms.ChoiceField(
        label=_("Hình thức"), choices=Nomination.choices, initial=Nomination.NOMINATED
    )

    def __init__(self, *args: Any, delegates: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = delegates  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class MinutesResultForm(forms.Form):
    """Who the minutes of a vote not held in daihoi name: from the election's list, no figure."""

    elected = forms.ModelMultipleChoiceField(
        label=_("Người trúng cử"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alternates = forms.ModelMultipleChoiceField(
        label=_("Đại biểu dự khuyết"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    held_on = date_field(_("Ngày bầu"), required=True)
    source = forms.CharField(
        label=_("Nguồn kết quả"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kết quả lấy từ đâu: biên bản kiểm phiếu số, ngày, ai ký; nơi lưu bản giấy. Số phiếu "
            "không được ghi: tài liệu sẽ ghi là không có."
        ),
    )

    def __init__(self, *args: Any, candidates: Any, alternates: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["elected"].queryset = candidates  # type: ignore[attr-defined]
        self.fields["alternates"].queryset = candidates  # type: ignore[attr-defined]
        if not alternates:
            del self.fields["alternates"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút"), max_length=300)


class ShowOfHandsForm(forms.Form):
    present = _count(_("Số đại biểu có mặt"))
    yes = _count(_("Tán thành"))
    no = _count(_("Không tán thành"))
    abstain = _count(_("Không biểu quyết"))


class VotingForm(forms.Form):
    paper = forms.BooleanField(label=_("Phiếu giấy"), required=False)
    phone = forms.BooleanField(label=_("Bỏ phiếu trên điện thoại"), required=False)


class IssuedForm(forms.Form):
    issued = _count(_("Số phiếu giấy phát ra"))


class CollectedForm(forms.Form):
    collected = _count(_("Số phiếu giấy thu về"))


MODE_CHOICES = [(Mode.CROSSED.value, _("số tên bị gạch")), (Mode.KEPT.value, _("số tên còn giữ"))]


class EntryForm(forms.Form):
    keys = forms.CharField(
        label=_("Phiếu"),
        max_length=200,
        required=False,
        strip=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autofocus": True,
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "entry-field",
            }
        ),
    )
    mode = forms.ChoiceField(label=_("Gõ"), choices=MODE_CHOICES, initial=Mode.CROSSED.value)

    def chosen_mode(self) -> Mode:
        return Mode(self.cleaned_data.get("mode") or Mode.CROSSED.value)


class ResolveForm(forms.Form):
    number = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    keys = forms.CharField(label=_("Phiếu giấy ghi"), max_length=200, required=False, strip=False)
    mode = forms.ChoiceField(choices=MODE_CHOICES, initial=Mode.CROSSED.value)
    no_ballot = forms.BooleanField(label=_("Không có phiếu ở số này"), required=False)


class DecisionForm(ShowOfHandsForm):
    candidates = forms.ModelMultipleChoiceField(
        label=_("Danh sách bầu tiếp"),
        queryset=Candidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, pool: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidates"]
        field.queryset = pool  # type: ignore[attr-defined]
        if pool is None:
            del self.fields["candidates"]
