"""Forms of units and members: they parse input; the services check the rules.

Domain errors (UnitsError) become form errors here, at this one seam (add_errors).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from daihoi.units.errors import UnitsError
from daihoi.units.ethnicities import ETHNICITY_CHOICES
from daihoi.units.models import Education, Gender, MemberStatus, Unit, UnitKind, UnitQuerySet
from daihoi.units.services import MEMBER_DATA_FIELDS, MemberData
from daihoi.units.words import joined_label, member_word

# Dates are typed and shown as ngày/tháng/năm; ISO (2017-09-19) and other separators are
# accepted too (pasted from a spreadsheet, typed by habit).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_SHOWN = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"
StrOrPromise = str | Promise
BLANK = [("", "—")]


class DayMonthYearInput(forms.DateInput):
    """A date as text, dd/mm/yyyy, whatever the browser's locale.

    ``<input type="date">`` shows and takes the date in the browser's locale (mm/dd/yyyy on an
    English-language phone), so the day and the month were swapped unseen; a text field reads
    the same on every device.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": DATE_PLACEHOLDER,
            "class": "date-input",
            "autocomplete": "off",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_SHOWN)


def date_field(label: StrOrPromise, *, required: bool = False) -> forms.DateField:
    """Return a date field typed and shown as dd/mm/yyyy (every form's dates use this one)."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DayMonthYearInput(),
        error_messages={
            "invalid": format_lazy(_("{}: nhập ngày/tháng/năm, ví dụ 23/12/1980."), label),
            "required": format_lazy(_("{}: không được để trống."), label),
        },
    )


def add_errors(form: forms.Form, error: UnitsError) -> None:
    """Show a service's errors on the form, each beside its field when the form has it."""
    for problem in error.errors:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm đoàn viên"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Họ tên, số thẻ hoặc số điện thoại"), "autocomplete": "off"}
        ),
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[*MemberStatus.choices, ("all", _("Tất cả"))],
    )

    def __init__(self, *args: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["q"].label = _("Tìm %(member)s") % {"member": member_word(unit, one=True)}

    def query(self) -> tuple[str, str | None]:
        """Return the text typed and the status chosen (None: every status)."""
        if not self.is_valid():
            return "", MemberStatus.ACTIVE
        status = self.cleaned_data["status"] or MemberStatus.ACTIVE
        return self.cleaned_data["q"], None if status == "all" else status


class MemberForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        error_messages={"required": _("Họ và tên: không được để trống.")},
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Giới tính: chọn Nam hoặc Nữ.")},
    )
    birth_date = date_field(_("Ngày sinh"))
    ethnicity = forms.ChoiceField(
        label=_("Dân tộc"), required=False, choices=[*BLANK, *ETHNICITY_CHOICES]
    )
    religion = forms.CharField(label=_("Tôn giáo"), required=False, max_length=60)
    is_party_member = forms.BooleanField(label=_("Là đảng viên"), required=False)
    party_joined_on = date_field(_("Ngày vào Đảng"))
    education = forms.ChoiceField(
        label=_("Trình độ học vấn"), required=False, choices=[*BLANK, *Education.choices]
    )
    professional_level = forms.CharField(
        label=_("Trình độ chuyên môn"), required=False, max_length=200
    )
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=200)
    workplace = forms.CharField(label=_("Nơi làm việc"), required=False, max_length=255)
    union_joined_on = date_field(_("Ngày vào Công đoàn"))
    member_number = forms.CharField(label=_("Số thẻ đoàn viên"), required=False, max_length=30)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label=_("Tình trạng"), choices=MemberStatus.choices)

    def __init__(
        self, *args: Any, editing: bool = False, unit: Unit | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            word = member_word(unit, one=True)
            self.fields["member_number"].label = _("Số thẻ %(member)s") % {"member": word}
            self.fields["union_joined_on"].label = joined_label(unit)
        if not editing:
            # A new member is active; status changes are edits of an existing one.
            del self.fields["status"]

    def to_data(self) -> MemberData:
        values = {name: self.cleaned_data.get(name) for name in MEMBER_DATA_FIELDS}
        clean = {k: v for k, v in values.items() if v is not None and (k != "status" or v)}
        return MemberData(**clean)


class TransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Chuyển đến đơn vị"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Chuyển đến đơn vị: chọn đơn vị nhận."),
            "invalid_choice": _("Chuyển đến đơn vị: đơn vị này không có trong danh sách."),
        },
    )
    date = date_field(_("Ngày chuyển"), required=True)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        field.label_from_instance = indented_label  # type: ignore[method-assign]
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())


def indented_label(unit: Unit) -> str:
    return "\u00a0\u00a0" * unit.depth + unit.name


class UnitForm(forms.Form):
    name = forms.CharField(
        label=_("Tên đơn vị"),
        max_length=255,
        error_messages={"required": _("Tên đơn vị: không được để trống.")},
    )
    short_name = forms.CharField(label=_("Tên viết tắt"), required=False, max_length=100)
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=50,
        error_messages={"required": _("Mã đơn vị: không được để trống.")},
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Đơn vị cấp trên"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Đơn vị cấp trên: chọn đơn vị cấp trên."),
            "invalid_choice": _("Đơn vị cấp trên: đơn vị này không có trong danh sách."),
        },
    )

    def __init__(self, *args: Any, parents: UnitQuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parents is None:
            # Creating below a given unit, or editing the user's own top unit: no move.
            del self.fields["parent"]
        else:
            field = self.fields["parent"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = parents
            field.label_from_instance = indented_label  # type: ignore[method-assign]
