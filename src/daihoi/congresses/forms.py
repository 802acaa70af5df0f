"""Forms of the congress pages: they parse input; the services check the rules.

Domain errors become form errors with ``daihoi.units.forms.add_errors`` (CongressError is a
UnitsError), at this one seam.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.congresses import errors
from daihoi.congresses.models import (
    AgendaItem,
    Congress,
    CongressForm,
    CongressStatus,
    Delegate,
    DelegateKind,
    EventKind,
    HallVote,
    HallVoteSubject,
    Presence,
    ProjectorMode,
    Sector,
    UnionOfficer,
)
from daihoi.congresses.services import CongressData, DelegateData, kinds_for
from daihoi.imports.forms import UploadForm
from daihoi.units.ethnicities import ETHNICITY_CHOICES
from daihoi.units.forms import BLANK, date_field, indented_label
from daihoi.units.models import Education, Gender, Unit, UnitQuerySet

YEAR_ERRORS = {
    "required": _("Nhiệm kỳ: nhập năm, ví dụ 2023."),
    "invalid": _("Nhiệm kỳ: nhập năm bằng chữ số, ví dụ 2023."),
}


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1930,
        max_value=2100,
        error_messages={
            **YEAR_ERRORS,
            "min_value": _("Nhiệm kỳ: năm phải từ 1930 đến 2100."),
            "max_value": _("Nhiệm kỳ: năm phải từ 1930 đến 2100."),
        },
    )


class CongressRecordForm(forms.Form):
    event_kind = forms.ChoiceField(
        label=_("Loại"),
        choices=EventKind.choices,
        initial=EventKind.DAI_HOI,
        required=False,  # a form posted without it (as before conferences) makes a congress
        help_text=_(
            "Hội nghị (ví dụ hội nghị điển hình tiên tiến): có danh sách đại biểu, thẻ, điểm "
            "danh, màn hình chiếu; không bầu cử."
        ),
    )
    name = forms.CharField(
        label=_("Tên hội nghị"),
        required=False,
        max_length=255,
        help_text=_(
            "Chỉ với hội nghị: phần sau chữ “Hội nghị”, ví dụ: điển hình tiên tiến "
            "(đại hội mang tên đơn vị)"
        ),
    )
    number = forms.CharField(
        label=_("Lần thứ / khóa"),
        required=False,
        max_length=40,
        help_text=_("Ví dụ: lần thứ I, khóa V (để trống nếu không đánh số)"),
    )
    term_start = _year(_("Nhiệm kỳ từ năm"))
    term_end = _year(_("Đến năm"))
    term_start.help_text = _("Hội nghị: giai đoạn được tổng kết, ví dụ 2015 - 2020")
    form = forms.ChoiceField(
        label=_("Hình thức"),
        choices=CongressForm.choices,
        help_text=_("Chỉ với đại hội; người dự hội nghị là đại biểu được triệu tập"),
    )
    starts_on = date_field(_("Ngày khai mạc"), required=True)
    ends_on = date_field(_("Ngày bế mạc (nếu họp nhiều ngày)"))
    venue = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    place = forms.CharField(
        label=_("Địa danh ghi trên văn bản"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: Lai Châu — in ở dòng “Lai Châu, ngày … tháng … năm …”"),
    )
    delegates_over_max_approved = forms.BooleanField(
        label=_("Công đoàn cấp trên đã đồng ý vượt số đại biểu tối đa"), required=False
    )

    def to_data(self) -> CongressData:
        data = self.cleaned_data
        return CongressData(
            event_kind=data["event_kind"] or EventKind.DAI_HOI,
            name=data["name"],
            number=data["number"],
            term_start=data["term_start"],
            term_end=data["term_end"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            venue=data["venue"],
            place=data["place"],
            form=data["form"],
            delegates_over_max_approved=data["delegates_over_max_approved"],
        )


def kind_choices(congress: Congress) -> list[tuple[str, str]]:
    allowed = kinds_for(congress)
    return [(value, label) for value, label in DelegateKind.choices if value in allowed]


class AddMembersForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đoàn viên của đơn vị"),
        queryset=Unit.objects.none(),
        help_text=_("Thêm mọi đoàn viên đang sinh hoạt của đơn vị này và các đơn vị trực thuộc."),
        error_messages={"invalid_choice": _("Đơn vị: đơn vị này không có trong danh sách.")},
    )
    kind = forms.ChoiceField(label=_("Loại đại biểu"))

    def __init__(self, *args: Any, congress: Congress, units: UnitQuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        unit_field.label_from_instance = indented_label  # type: ignore[method-assign]
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            c for c in kind_choices(congress) if c[0] != DelegateKind.GUEST
        ]
        self.initial.setdefault("unit", congress.unit_id)


def protocol_rank_field() -> forms.IntegerField:
    """Return the guest's protocol rank field (its messages name the field)."""
    return forms.IntegerField(
        label=_("Bậc lễ tân (khách mời)"),
        required=False,
        min_value=1,
        max_value=errors.PROTOCOL_RANK_MOST,
        help_text=_(
            "1 là chức vụ cao nhất. Khách mời được giới thiệu theo bậc, cùng bậc theo thứ tự "
            "nhập; để trống thì xếp sau."
        ),
        error_messages={
            code: errors.PROTOCOL_RANK_RANGE for code in ("invalid", "min_value", "max_value")
        },
    )


class DelegateForm(forms.Form):
    """A delegate or guest typed by hand."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        error_messages={"required": _("Họ và tên: không được để trống.")},
    )
    kind = forms.ChoiceField(label=_("Loại đại biểu"))
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=200)
    workplace = forms.CharField(label=_("Đơn vị công tác"), required=False, max_length=255)
    protocol_rank = protocol_rank_field()
    gender = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=[*BLANK, *Gender.choices]
    )
    birth_date = date_field(_("Ngày sinh"))
    ethnicity = forms.ChoiceField(
        label=_("Dân tộc"), required=False, choices=[*BLANK, *ETHNICITY_CHOICES]
    )
    is_party_member = forms.BooleanField(label=_("Là đảng viên"), required=False)
    education = forms.ChoiceField(
        label=_("Trình độ học vấn"), required=False, choices=[*BLANK, *Education.choices]
    )
    sector = forms.ChoiceField(
        label=_("Khu vực"), required=False, choices=[*BLANK, *Sector.choices]
    )
    union_officer = forms.ChoiceField(
        label=_("Cán bộ công đoàn"), required=False, choices=[*BLANK, *UnionOfficer.choices]
    )

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(congress)  # type: ignore[attr-defined]
        self.initial.setdefault("kind", DelegateKind.GUEST)

    def to_data(self) -> DelegateData:
        return DelegateData(**self.cleaned_data)


class DelegateEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đại biểu"))
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=200)
    protocol_rank = protocol_rank_field()
    workplace = forms.CharField(label=_("Đơn vị công tác"), required=False, max_length=255)
    sector = forms.ChoiceField(
        label=_("Khu vực"), required=False, choices=[*BLANK, *Sector.choices]
    )
    union_officer = forms.ChoiceField(
        label=_("Cán bộ công đoàn"), required=False, choices=[*BLANK, *UnionOfficer.choices]
    )

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(congress)  # type: ignore[attr-defined]


class DelegateSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm đại biểu"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Họ tên (gõ không dấu cũng được) hoặc số đại biểu")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Mọi loại")), *DelegateKind.choices]
    )
    presence = forms.ChoiceField(
        label=_("Điểm danh"),
        required=False,
        choices=[("", _("Mọi trạng thái")), *Presence.choices],
    )

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # A conference lists its own kinds; a congress's filter is as it always was.
        kinds = (
            kind_choices(congress)
            if congress.is_conference
            else [c for c in DelegateKind.choices if c[0] != DelegateKind.ATTENDEE]
        )
        self.fields["kind"].choices = [("", _("Mọi loại")), *kinds]  # type: ignore[attr-defined]

    def query(self) -> tuple[str, str, str]:
        if not self.is_valid():
            return "", "", ""
        data = self.cleaned_data
        return data["q"], data["kind"], data["presence"]


class OrganMemberForm(forms.Form):
    delegate = forms.ModelChoiceField(
        label=_("Đại biểu"),
        queryset=Delegate.objects.none(),
        error_messages={
            "required": _("Đại biểu: chọn một đại biểu."),
            "invalid_choice": _("Đại biểu: người này không có trong danh sách đại biểu."),
        },
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[("thanh-vien", _("Thành viên")), ("truong-ban", _("Trưởng ban / chủ trì"))],
    )

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["delegate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = congress.delegates.voting().order_by("number", "name_key")
        field.empty_label = "— chọn đại biểu —"
        field.label_from_instance = lambda d: f"{d.number or '—'}. {d.full_name}"  # type: ignore[method-assign]


class SeatAccountForm(forms.Form):
    """A Ban Kiểm phiếu seat's account: a new one made on the spot, or one that exists."""

    CREATE, LINK = "tao", "gan"  # the value of the submit button named "action"
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        error_messages={"required": _("Tên đăng nhập: không được để trống.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


def _count(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        error_messages={
            "required": _("Nhập số người (0 nếu không có)."),
            "invalid": _("Nhập số người bằng chữ số."),
            "min_value": _("Số người không được âm."),
        },
    )


class ApprovalForm(forms.Form):
    yes = _count(_("Tán thành"))
    no = _count(_("Không tán thành"))
    abstain = _count(_("Không biểu quyết"))
    present = _count(_("Số có mặt khi biểu quyết"), required=False)


def _named_count(label: str, *, required: bool = True) -> forms.IntegerField:
    """A head count whose every message names its field (the hall reads them aloud)."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        error_messages={
            "required": _("%(field)s: nhập số người (0 nếu không có).") % {"field": label},
            "invalid": _("%(field)s: nhập số người bằng chữ số.") % {"field": label},
            "min_value": _("%(field)s: số người không được âm.") % {"field": label},
        },
    )


def _agenda_item_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Thuộc nội dung chương trình"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Nội dung chương trình: mục đã chọn không có trong chương trình.")
        },
    )


def _reason_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Lý do: không được để trống."),
            "max_length": _("Lý do: không quá 500 ký tự."),
        },
    )


class _AgendaChoice(forms.Form):
    """A form with the congress's agenda items to link the vote to (``agenda_item``)."""

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in congress.agenda.all()}
        field = self.fields["agenda_item"]
        field.choices = [  # type: ignore[attr-defined]
            ("", _("(không gắn với mục nào)")),
            *((pk, f"{item.order}. {item.title}") for pk, item in self.items.items()),
        ]

    def agenda_item(self) -> AgendaItem | None:
        pk = self.cleaned_data.get("agenda_item")
        return self.items.get(pk) if pk is not None else None


class HallVoteForm(_AgendaChoice):
    subject = forms.ChoiceField(
        label=_("Nội dung biểu quyết"),
        choices=HallVoteSubject.choices,
        error_messages={
            "required": _("Nội dung biểu quyết: chọn một nội dung."),
            "invalid_choice": _("Nội dung biểu quyết: “%(value)s” không có trong danh mục."),
        },
    )
    title = forms.CharField(
        label=_("Tên nội dung (để trống để dùng tên mặc định)"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Tên nội dung biểu quyết: không quá 300 ký tự.")},
    )
    agenda_item = _agenda_item_field()
    yes = _named_count(_("Tán thành"))
    no = _named_count(_("Không tán thành"))
    abstain = _named_count(_("Không biểu quyết"))
    present = _named_count(_("Số có mặt khi biểu quyết"), required=False)
    show = forms.BooleanField(
        label=_("Hiện kết quả trên màn hình chiếu"), required=False, initial=True
    )


class HallVoteCorrectionForm(_AgendaChoice):
    """The corrected figures of a recorded show of hands, and why."""

    title = forms.CharField(
        label=_("Tên nội dung biểu quyết"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Tên nội dung biểu quyết: không quá 300 ký tự.")},
    )
    agenda_item = _agenda_item_field()
    yes = _named_count(_("Tán thành"))
    no = _named_count(_("Không tán thành"))
    abstain = _named_count(_("Không biểu quyết"))
    present = _named_count(_("Số có mặt khi biểu quyết"))
    reason = _reason_field(_("Lý do sửa (ghi vào lịch sử, không xóa lần ghi cũ)"))
    show = forms.BooleanField(
        label=_("Hiện kết quả đã sửa trên màn hình chiếu"), required=False, initial=False
    )

    @classmethod
    def initial_of(cls, vote: HallVote) -> dict[str, object]:
        return {
            "title": vote.title,
            "agenda_item": vote.agenda_item_id,
            "yes": vote.votes_yes,
            "no": vote.votes_no,
            "abstain": vote.votes_abstain,
            "present": vote.votes_present,
        }


class HallVoteCancelForm(forms.Form):
    reason = _reason_field(_("Lý do hủy (ghi vào lịch sử, không xóa lần ghi)"))


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Nội dung"),
        max_length=300,
        error_messages={"required": _("Nội dung: không được để trống.")},
    )
    presenter = forms.CharField(
        label=_("Người trình bày"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Người trình bày")}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Tên tài liệu"),
        max_length=300,
        error_messages={"required": _("Tên tài liệu: không được để trống.")},
    )
    file = forms.FileField(label=_("Tệp"), required=False)
    for_delegates = forms.BooleanField(
        label=_("Đại biểu được xem trên điện thoại"), required=False, initial=True
    )


class ScanForm(forms.Form):
    code = forms.CharField(label=_("Mã QR hoặc số đại biểu"), required=False, max_length=200)
    desk = forms.CharField(label=_("Bàn"), required=False, max_length=40)


class AbsentForm(forms.Form):
    reason = forms.CharField(label=_("Lý do vắng"), required=False, max_length=300)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do Đoàn Chủ tịch quyết định tiến hành"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProjectorForm(forms.Form):
    mode = forms.ChoiceField(choices=ProjectorMode.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=CongressStatus.choices)


class DelegateListUploadForm(UploadForm):
    """The upload of a delegate list: the member import's file field, named for delegates."""

    file_label = _("Tệp danh sách đại biểu (.xlsx, .xls, .ods)")
