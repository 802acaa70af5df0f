"""Forms of the emulation pages: they parse input; the services check the rules.

Domain errors become form errors with ``daihoi.units.forms.add_errors`` (EmulationError is a
UnitsError), at this one seam.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.models import (
    COLLECTIVE_TITLE_CHOICES,
    INDIVIDUAL_TITLE_CHOICES,
    AwardChoice,
    CampaignKind,
    ClassificationScale,
    DisciplineChoice,
    InitiativeChoice,
    TaskLevelChoice,
)
from daihoi.emulation.services import (
    AwardData,
    CampaignData,
    CollectiveData,
    CouncilVoteData,
    DecisionData,
    EvaluationData,
    council_titles,
)
from daihoi.imports.forms import UploadForm
from daihoi.units.forms import date_field
from daihoi.units.models import Member, Unit


def _whole(label: Any, *, minimum: int = 0, maximum: int = 366) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        initial=0,
        error_messages={
            "required": format_lazy(_("{}: nhập số, ví dụ 0."), label),
            "invalid": format_lazy(_("{}: nhập số nguyên, ví dụ 12."), label),
            "min_value": format_lazy(_("{}: không được là số âm."), label),
            "max_value": format_lazy(_("{}: không được quá {} ngày."), label, maximum),
        },
    )


class CampaignForm(forms.Form):
    title = forms.CharField(
        label=_("Tên phong trào"),
        max_length=255,
        error_messages={"required": _("Tên phong trào: không được để trống.")},
        help_text=_("Ví dụ: Phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm 2025"),
    )
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Năm: nhập năm, ví dụ 2025."),
            "invalid": _("Năm: nhập năm bằng chữ số, ví dụ 2025."),
            "min_value": _("Năm: phải từ 2000 đến 2100."),
            "max_value": _("Năm: phải từ 2000 đến 2100."),
        },
    )
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=CampaignKind.choices)
    starts_on = date_field(_("Ngày bắt đầu"), required=True)
    ends_on = date_field(_("Ngày kết thúc (ngày bình xét)"), required=True)
    content = forms.CharField(
        label=_("Nội dung, chỉ tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def to_data(self) -> CampaignData:
        data = self.cleaned_data
        return CampaignData(
            title=data["title"],
            year=data["year"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            content=data["content"],
        )


class MemberRegistrationForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Đoàn viên"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Đoàn viên: chọn ít nhất một người."),
            "invalid_choice": _("Đoàn viên: người đã chọn không còn trong danh sách."),
            "invalid_pk_value": _("Đoàn viên: lựa chọn không hợp lệ."),
        },
    )
    titles = forms.MultipleChoiceField(
        label=_("Danh hiệu đăng ký"),
        choices=INDIVIDUAL_TITLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Danh hiệu: chọn ít nhất một danh hiệu.")},
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members
        field.label_from_instance = lambda m: m.full_name  # type: ignore[method-assign]


class CollectiveRegistrationForm(forms.Form):
    titles = forms.MultipleChoiceField(
        label=_("Danh hiệu tập thể đăng ký"),
        choices=COLLECTIVE_TITLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Danh hiệu: chọn ít nhất một danh hiệu.")},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("duyet", _("Duyệt")), ("tra-lai", _("Trả lại"))],
        error_messages={"required": _("Chọn duyệt hoặc trả lại.")},
    )
    reason = forms.CharField(label=_("Lý do trả lại"), required=False, max_length=500)

    @property
    def approve(self) -> bool:
        return bool(self.cleaned_data["decision"] == "duyet")


class EvaluationSheetForm(UploadForm):
    """The unit's evaluation table as a workbook (the one downloaded from the table, filled)."""

    file_label = _("Tệp bảng bình xét (.xlsx, .xls, .ods)")


class EvaluationForm(forms.Form):
    task_level = forms.ChoiceField(
        label=_("Mức hoàn thành nhiệm vụ"),
        choices=TaskLevelChoice.choices,
        error_messages={"required": _("Mức hoàn thành nhiệm vụ: chọn một mức.")},
    )
    active_in_emulation = forms.BooleanField(
        label=_("Tích cực tham gia phong trào thi đua, đoàn kết, tương trợ"),
        required=False,
        initial=True,
    )
    days_absent = _whole(_("Số ngày làm việc nghỉ trong năm"))
    maternity_days = _whole(_("Trong đó nghỉ thai sản"))
    joined_on = date_field(_("Ngày tuyển dụng (chỉ nhập nếu vào làm chưa đủ một năm)"))
    discipline = forms.ChoiceField(label=_("Kỷ luật trong năm"), choices=DisciplineChoice.choices)
    administrative_sanction = forms.BooleanField(
        label=_("Bị xử phạt vi phạm hành chính"), required=False
    )
    initiative = forms.ChoiceField(label=_("Sáng kiến"), choices=InitiativeChoice.choices)
    research_accepted = forms.BooleanField(
        label=_("Có đề tài, đề án nghiên cứu được nghiệm thu"), required=False
    )
    active_in_union = forms.BooleanField(
        label=_("Tích cực tham gia hoạt động công đoàn"), required=False, initial=True
    )
    family_duties_met = forms.BooleanField(
        label=_("Đảm đang việc gia đình (xét Giỏi việc nước, đảm việc nhà)"),
        required=False,
        initial=True,
    )
    proposed = forms.MultipleChoiceField(
        label=_("Đơn vị đề nghị danh hiệu"),
        choices=INDIVIDUAL_TITLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Lý do đề nghị danh hiệu chương trình thấy chưa đủ điều kiện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        absent, maternity = data.get("days_absent"), data.get("maternity_days")
        if absent is not None and maternity is not None and maternity > absent:
            self.add_error(
                "maternity_days",
                _("Trong đó nghỉ thai sản: không được nhiều hơn số ngày nghỉ ({absent}).").format(
                    absent=absent
                ),
            )
        return data

    def to_data(self) -> EvaluationData:
        data = self.cleaned_data
        return EvaluationData(
            task_level=data["task_level"],
            active_in_emulation=data["active_in_emulation"],
            days_absent=data["days_absent"],
            maternity_days=data["maternity_days"],
            joined_on=data["joined_on"],
            discipline=data["discipline"],
            administrative_sanction=data["administrative_sanction"],
            initiative=data["initiative"],
            research_accepted=data["research_accepted"],
            active_in_union=data["active_in_union"],
            family_duties_met=data["family_duties_met"],
            proposed=tuple(data["proposed"]),
            override_reason=data["override_reason"],
        )


class CollectiveEvaluationForm(forms.Form):
    task_level = forms.ChoiceField(
        label=_("Mức hoàn thành nhiệm vụ của tập thể"),
        choices=TaskLevelChoice.choices,
        error_messages={"required": _("Mức hoàn thành nhiệm vụ: chọn một mức.")},
    )
    active_in_emulation = forms.BooleanField(
        label=_("Tích cực tham gia phong trào thi đua"), required=False, initial=True
    )
    united_and_lawful = forms.BooleanField(
        label=_("Nội bộ đoàn kết, chấp hành tốt pháp luật"), required=False, initial=True
    )
    proposed = forms.MultipleChoiceField(
        label=_("Đề nghị danh hiệu tập thể"),
        choices=COLLECTIVE_TITLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Lý do đề nghị danh hiệu chương trình thấy chưa đủ điều kiện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def to_data(self) -> CollectiveData:
        data = self.cleaned_data
        return CollectiveData(
            task_level=data["task_level"],
            active_in_emulation=data["active_in_emulation"],
            united_and_lawful=data["united_and_lawful"],
            proposed=tuple(data["proposed"]),
            override_reason=data["override_reason"],
        )


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=500,
        initial=0,
        error_messages={
            "required": format_lazy(_("{}: nhập số, ví dụ 0."), label),
            "invalid": format_lazy(_("{}: nhập số nguyên, ví dụ 7."), label),
            "min_value": format_lazy(_("{}: không được là số âm."), label),
            "max_value": format_lazy(_("{}: không được quá 500."), label),
        },
    )


class CouncilVoteForm(forms.Form):
    title = forms.ChoiceField(label=_("Danh hiệu bỏ phiếu"), choices=())
    members = forms.IntegerField(
        label=_("Tổng số thành viên Hội đồng"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Tổng số thành viên Hội đồng: nhập số, ví dụ 9."),
            "invalid": _("Tổng số thành viên Hội đồng: nhập số nguyên, ví dụ 9."),
            "min_value": _("Tổng số thành viên Hội đồng: phải có ít nhất 1 thành viên."),
            "max_value": _("Tổng số thành viên Hội đồng: không được quá 500."),
        },
    )
    present = _count(_("Số thành viên dự họp"))
    written = _count(_("Số thành viên vắng mặt gửi ý kiến bằng văn bản"))
    held_on = date_field(_("Ngày họp"), required=True)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["title"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = council_titles()

    def to_data(self) -> CouncilVoteData:
        data = self.cleaned_data
        return CouncilVoteData(
            title=data["title"],
            members=data["members"],
            present=data["present"],
            written=data["written"],
            held_on=data["held_on"],
            place=data["place"],
        )


class CouncilBallotForm(forms.Form):
    keys = forms.CharField(
        label=_("Phiếu"),
        required=False,
        max_length=200,
        help_text=_(
            "Gõ số thứ tự các tên bị gạch (ví dụ 2 5), Enter nếu không gạch tên nào, một chữ nếu "
            "phiếu không hợp lệ; sửa phiếu đã nhập: số phiếu, dấu =, rồi nội dung (ví dụ 3=2)."
        ),
    )


class AwardForm(forms.Form):
    award = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=AwardChoice.choices)
    member = forms.ModelChoiceField(
        label=_("Cá nhân"),
        queryset=Member.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Cá nhân: người đã chọn không còn trong danh sách.")},
    )
    collective = forms.ModelChoiceField(
        label=_("hoặc tập thể"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Tập thể: đơn vị đã chọn không còn trong danh sách.")},
    )
    note = forms.CharField(
        label=_("Thành tích"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "In trên Giấy khen, Bằng khen, ví dụ: Đã có thành tích xuất sắc trong phong trào thi "
            "đua yêu nước giai đoạn 2015 - 2020."
        ),
    )

    def __init__(self, *args: Any, members: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = members
        member.label_from_instance = lambda m: f"{m.full_name} ({m.unit.name})"  # type: ignore[method-assign]
        collective = self.fields["collective"]
        assert isinstance(collective, forms.ModelChoiceField)
        collective.queryset = units
        collective.label_from_instance = lambda u: u.name  # type: ignore[method-assign]

    def to_data(self) -> AwardData:
        data = self.cleaned_data
        return AwardData(
            award=data["award"],
            note=data["note"],
            member=data["member"],
            collective=data["collective"],
        )


class SubmitProposalForm(forms.Form):
    number = forms.CharField(
        label=_("Số tờ trình"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: 12/TTr-CĐCS"),
    )


class ReturnProposalForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Lý do trả lại: ghi rõ lý do để đơn vị sửa và gửi lại.")},
    )


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_("Số quyết định"),
        max_length=60,
        help_text=_("Ví dụ: 245/QĐ-LĐLĐ"),
        error_messages={"required": _("Số quyết định: không được để trống.")},
    )
    signed_on = date_field(_("Ngày ký"), required=True)
    signer = forms.CharField(
        label=_("Người ký"),
        max_length=120,
        error_messages={"required": _("Người ký: không được để trống.")},
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=120,
        # Printed on the decision and the certificates, in Vietnamese whatever the UI language.
        initial="Chủ tịch",
        help_text=_("In trên quyết định và giấy khen, bằng tiếng Việt."),
        error_messages={"required": _("Chức vụ người ký: không được để trống.")},
    )
    locality = forms.CharField(
        label=_("Địa danh"),
        max_length=120,
        required=False,
        help_text=_("In ở dòng ngày tháng, ví dụ: Điện Biên"),
    )

    def to_data(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            number=data["number"],
            signed_on=data["signed_on"],
            signer=data["signer"],
            signer_title=data["signer_title"],
            locality=data["locality"],
        )


def _points_field(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Ví dụ 37,5") if required else _("Bỏ trống nếu không có"),
    )


class ClassificationForm(forms.Form):
    """A CĐCS's classification for a year: the points; the level is computed (rules.md §6)."""

    unit = forms.ModelChoiceField(
        label=_("Công đoàn được xếp loại"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Công đoàn được xếp loại: chọn một đơn vị."),
            "invalid_choice": _("Công đoàn được xếp loại: đơn vị không có trong danh sách."),
        },
    )
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=1975,
        max_value=2100,
        error_messages={
            "required": _("Năm: nhập năm, ví dụ 2024."),
            "invalid": _("Năm: nhập số, ví dụ 2024."),
            "min_value": _("Năm: phải từ 1975 đến 2100."),
            "max_value": _("Năm: phải từ 1975 đến 2100."),
        },
    )
    scale = forms.ChoiceField(
        label=_("Thang điểm"),
        choices=ClassificationScale.choices,
        error_messages={"required": _("Thang điểm: chọn một thang điểm.")},
    )
    group1 = _points_field(_("Nhóm 1: đại diện, chăm lo, bảo vệ; tham gia quản lý (tối đa 40)"))
    group2 = _points_field(_("Nhóm 2: xây dựng tổ chức công đoàn (tối đa 40)"))
    group3 = _points_field(_("Nhóm 3: tuyên truyền và hoạt động khác (tối đa 15)"))
    bonus = _points_field(_("Điểm thưởng (tối đa 5)"), required=False)
    criteria = forms.CharField(
        label=_("Điểm từng tiêu chí (thang điểm trước năm 2019)"),
        required=False,
        max_length=500,
        help_text=_("Điểm đạt / điểm tối đa, cách nhau bởi dấu chấm phẩy: 18/20; 22/25; 27/30"),
    )
    disciplined_from_warning = _whole(
        _("Số đoàn viên bị kỷ luật từ cảnh cáo trở lên (thang điểm trước năm 2019)"),
        maximum=100_000,
    )
    source = forms.CharField(
        label=_("Quyết định, biên bản xếp loại"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Quyết định số 15/QĐ-LĐLĐ ngày 20/01/2025"),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units

    def to_data(self) -> ClassificationData:
        data = self.cleaned_data
        return ClassificationData(
            year=data["year"],
            scale=data["scale"],
            group1=data["group1"],
            group2=data["group2"],
            group3=data["group3"],
            bonus=data["bonus"],
            criteria=data["criteria"],
            disciplined_from_warning=data["disciplined_from_warning"],
            source=data["source"],
        )
