"""Input of the season pages: the season form, and the plan's rows read from one table form."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from daihoi.imports.forms import UploadForm
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import SeasonUnit
from daihoi.season.results import MeetingData
from daihoi.season.services import PlanRow, SeasonData, kind_label, row_field
from daihoi.season.words import UNION, Words, words_of_kind
from daihoi.units.forms import date_field

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_A_DATE = "{unit} – {label}: “{value}” không phải là ngày (ngày/tháng/năm)."
NOT_A_NUMBER = "{unit} – {label}: “{value}” không phải là số nguyên."


class SeasonForm(forms.Form):
    name = forms.CharField(
        label=_("Tên kế hoạch"),
        max_length=255,
        widget=forms.TextInput(
            attrs={"placeholder": _("Kế hoạch tổ chức đại hội công đoàn các cấp")}
        ),
    )
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=1950, max_value=2100)
    term_end = forms.IntegerField(label=_("Nhiệm kỳ đến năm"), min_value=1950, max_value=2100)

    def __init__(self, *args: Any, kinds: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        for kind in self.kinds:
            self.fields[f"due_{kind}"] = forms.DateField(
                label=_("Hạn đại hội: %(kind)s") % {"kind": kind_label(kind)},
                required=False,
                widget=DATE_INPUT,
                help_text=_("Để trống nếu loại đơn vị này không tổ chức đại hội trong kế hoạch."),
            )

    def to_data(self) -> SeasonData:
        data = self.cleaned_data
        return SeasonData(
            name=data["name"],
            term_start=data["term_start"],
            term_end=data["term_end"],
            deadlines={k: data[f"due_{k}"] for k in self.kinds if data.get(f"due_{k}")},
        )


def read_plan(post: QueryDict, entries: Sequence[SeasonUnit]) -> list[PlanRow]:
    """Read the plan table's inputs, one row per unit; unreadable values refused, naming them."""
    rows: list[PlanRow] = []
    problems: list[FieldError] = []

    def text(unit_id: int, field: str) -> str:
        return (post.get(row_field(unit_id, field)) or "").strip()

    for entry in entries:
        uid = entry.unit_id
        name = entry.unit.name
        planned_text = text(uid, "planned_on")
        planned: datetime.date | None = None
        if planned_text:
            try:
                planned = datetime.date.fromisoformat(planned_text)
            except ValueError:
                problems.append(
                    FieldError(
                        row_field(uid, "planned_on"),
                        NOT_A_DATE.format(
                            unit=name, label="Ngày dự kiến đại hội", value=planned_text
                        ),
                    )
                )
        numbers: dict[str, int | None] = {}
        for field, label in (
            ("seats", "Số đại biểu được phân bổ"),
            ("committee_size", f"Số ủy viên {words_of_kind(entry.unit.kind).committee_short}"),
        ):
            raw = text(uid, field)
            try:
                numbers[field] = int(raw) if raw else None
            except ValueError:
                numbers[field] = None
                problems.append(
                    FieldError(
                        row_field(uid, field),
                        NOT_A_NUMBER.format(unit=name, label=label, value=raw),
                    )
                )
        rows.append(
            PlanRow(
                unit_id=uid,
                planned_on=planned,
                pilot=post.get(row_field(uid, "pilot")) == "on",
                seats=numbers["seats"] or 0,
                committee_size=numbers["committee_size"],
            )
        )
    if problems:
        raise SeasonError(*problems)
    return rows


__all__ = ["SeasonForm", "errors", "read_plan"]


class PlanTableLine:
    """One row of the plan table as the form shows it: the values typed, and its errors."""

    def __init__(self, line: Any, post: QueryDict | None, problems: Sequence[FieldError]) -> None:
        entry = line.entry
        self.line = line
        self.entry = entry
        uid = entry.unit_id
        self.prefix = f"u{uid}"
        if post is None:
            self.planned_on = entry.planned_on.isoformat() if entry.planned_on else ""
            self.pilot = entry.pilot
            self.seats = str(entry.seats)
            self.committee_size = "" if entry.committee_size is None else str(entry.committee_size)
        else:
            self.planned_on = post.get(row_field(uid, "planned_on"), "")
            self.pilot = post.get(row_field(uid, "pilot")) == "on"
            self.seats = post.get(row_field(uid, "seats"), "")
            self.committee_size = post.get(row_field(uid, "committee_size"), "")
        self.errors = [p.message for p in problems if (p.field or "").startswith(self.prefix + "-")]


def plan_table(
    lines: Sequence[Any], post: QueryDict | None = None, problems: Sequence[FieldError] = ()
) -> list[PlanTableLine]:
    return [PlanTableLine(line, post, problems) for line in lines]


class WordedForm(forms.Form):
    """A form whose labels name the committee and its offices in the unit's words
    (``season.words``: a chi bộ's chi ủy and Bí thư): ``worded`` holds them by field."""

    worded: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, words: Words = UNION, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.worded.items():
            self.fields[name].label = format_lazy(
                label,
                committee=words.committee_short,
                committee_full=words.committee,
                chair=words.chair,
                vice_chair=words.vice_chair,
                recognize=words.recognize,
            )


class PersonnelPlanForm(WordedForm):
    worded: ClassVar[dict[str, Any]] = {"committee_size": _("Số ủy viên {committee} dự kiến")}
    committee_size = forms.IntegerField(min_value=1)
    note = forms.CharField(
        label=_("Cơ cấu, danh sách nhân sự (tóm tắt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResultForm(WordedForm):
    worded: ClassVar[dict[str, Any]] = {"committee_size": _("Số ủy viên {committee} đã bầu")}
    held_on = forms.DateField(label=_("Ngày đại hội"), widget=DATE_INPUT)
    committee_size = forms.IntegerField(min_value=0)
    delegates_elected = forms.IntegerField(
        label=_("Số đại biểu chính thức đã bầu dự đại hội cấp trên"), min_value=0
    )
    note = forms.CharField(
        label=_("Ghi chú hồ sơ"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


LINES_HELP = _("Mỗi dòng một người: Họ và tên: số phiếu (ví dụ “Nguyễn Văn An: 5”).")


class CongressResultForm(WordedForm):
    """The result file generated from the unit's congress in daihoi, with its first meeting."""

    worded: ClassVar[dict[str, Any]] = {
        "meeting_on": _("Ngày hội nghị {committee} lần thứ nhất"),
        "meeting_present": _("Số ủy viên {committee} có mặt tại hội nghị"),
        "chair": _("{chair} (bỏ trống nếu Đại hội bầu trực tiếp)"),
        "vice_chairs": "{vice_chair}",
    }

    congress = forms.TypedChoiceField(label=_("Đại hội trên daihoi"), coerce=int)
    meeting_on = date_field(_("Ngày hội nghị BCH lần thứ nhất"))
    meeting_present = forms.IntegerField(
        label=_("Số ủy viên BCH có mặt tại hội nghị"), min_value=0, required=False
    )
    chair = forms.CharField(
        label=_("Chủ tịch (bỏ trống nếu Đại hội bầu trực tiếp)"),
        required=False,
        help_text=_("Họ và tên: số phiếu"),
    )
    vice_chairs = forms.CharField(
        label=_("Phó Chủ tịch"),
        required=False,
        help_text=LINES_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    inspection = forms.CharField(
        label=_("Ủy ban Kiểm tra (bỏ trống nếu Đại hội đã bầu)"),
        required=False,
        help_text=LINES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    inspection_chair = forms.CharField(
        label=_("Chủ nhiệm Ủy ban Kiểm tra"), required=False, help_text=_("Họ và tên: số phiếu")
    )
    note = forms.CharField(
        label=_("Ghi chú hồ sơ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, congresses: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["congress"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.pk, c.title) for c in congresses]

    def meeting(self) -> MeetingData:
        data = self.cleaned_data
        return MeetingData(
            held_on=data["meeting_on"],
            present=data["meeting_present"],
            chair=data["chair"],
            vice_chairs=data["vice_chairs"],
            inspection=data["inspection"],
            inspection_chair=data["inspection_chair"],
        )


class AnswerForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[("duyet", _("Duyệt / hồ sơ đủ")), ("tra-lai", _("Trả lại"))],
        widget=forms.RadioSelect,
    )
    answered_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RecognizeForm(WordedForm):
    worded: ClassVar[dict[str, Any]] = {"decision_number": _("Số quyết định {recognize}")}
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=50)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE_INPUT)


class BoardFilterForm(forms.Form):
    """The board's filters as the query string carries them (unknown values: no filter)."""

    trang_thai = forms.CharField(required=False)
    nhanh = forms.IntegerField(required=False, min_value=1)
    loai = forms.CharField(required=False)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__({k.replace("-", "_"): v for k, v in data.items()}, **kwargs)


class UpperCongressForm(forms.Form):
    """Choose the upper unit's congress that receives the delegates elected below."""

    congress = forms.TypedChoiceField(label=_("Đại hội của đơn vị chỉ đạo"), coerce=int)

    def __init__(self, *args: Any, congresses: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["congress"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(c.pk, f"{c.title} ({c.starts_on:%d/%m/%Y})") for c in congresses]


class ReplacementForm(forms.Form):
    """The convening level's decision: an alternate replaces an official who cannot attend."""

    official = forms.CharField(label=_("Đại biểu chính thức không dự được"), max_length=200)
    decision = forms.CharField(
        label=_("Quyết định của cấp triệu tập"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Quyết định số 12/QĐ-BTV")}),
    )
    decided_on = date_field(_("Ngày quyết định"))


NAMES_HELP = _("Mỗi dòng một người.")
PROFILE_HELP = _(
    "Mỗi dòng một người; sau tên, cách nhau bằng dấu chấm phẩy, có thể ghi năm sinh, Nam/Nữ, "
    "“đảng viên”, chức vụ và đơn vị công tác (danh sách trích ngang), ví dụ “Nguyễn Thị An; "
    "1980; Nữ; Chuyên viên Văn phòng Sở”."
)


def _names_field(label: Any, *, rows: int = 4, help_text: Any = NAMES_HELP) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TypedResultForm(WordedForm):
    """A result file typed by hand with its names (the congress did not run in daihoi)."""

    worded: ClassVar[dict[str, Any]] = {
        "committee": _("{committee_full} đã trúng cử"),
        "chair": "{chair}",
        "vice_chairs": "{vice_chair}",
    }

    held_on = date_field(_("Ngày đại hội"))
    number = forms.CharField(
        label=_("Lần thứ / khóa"), max_length=40, required=False, help_text=_("Ví dụ: khóa V")
    )
    place = forms.CharField(label=_("Địa danh ghi trên văn bản"), max_length=100, required=False)
    committee = _names_field(_("Ban Chấp hành đã trúng cử"), rows=6, help_text=PROFILE_HELP)
    chair = forms.CharField(label=_("Chủ tịch"), max_length=200, required=False)
    vice_chairs = _names_field(_("Phó Chủ tịch"), rows=2)
    inspection = _names_field(_("Ủy ban Kiểm tra"), rows=3)
    inspection_chair = forms.CharField(
        label=_("Chủ nhiệm Ủy ban Kiểm tra"), max_length=200, required=False
    )
    women = forms.IntegerField(label=_("Số ủy viên nữ"), min_value=0, required=False)
    young = forms.IntegerField(
        label=_("Số ủy viên trẻ (dưới 35 tuổi)"), min_value=0, required=False
    )
    delegates = _names_field(_("Đại biểu chính thức dự đại hội cấp trên"))
    alternates = _names_field(
        _("Đại biểu dự khuyết"), rows=2, help_text=_("Mỗi dòng một người, theo thứ tự số phiếu.")
    )
    note = forms.CharField(
        label=_("Ghi chú hồ sơ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_data(self) -> Any:
        from daihoi.season.typed import TypedResult

        data = self.cleaned_data
        return TypedResult(
            held_on=data["held_on"],
            women=data["women"],
            young=data["young"],
            **{
                f: data[f]
                for f in (
                    "number", "place", "committee", "chair", "vice_chairs", "inspection",
                    "inspection_chair", "delegates", "alternates",
                )
            },
        )  # fmt: skip


class ResultSheetForm(UploadForm):
    """A lower unit's result file as a workbook, with what the workbook does not hold."""

    file_label = _("Tệp kết quả đại hội (.xlsx, .xls, .ods)")

    held_on = date_field(_("Ngày đại hội"))
    number = forms.CharField(
        label=_("Lần thứ / khóa"), max_length=40, required=False, help_text=_("Ví dụ: khóa V")
    )
    place = forms.CharField(label=_("Địa danh ghi trên văn bản"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Ghi chú hồ sơ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IncumbentCommitteeForm(WordedForm):
    """The committee in office, recorded by hand in the officer register (``season.register``)."""

    worded: ClassVar[dict[str, Any]] = {
        "started_on": _("Ngày quyết định {recognize}"),
        "chair": "{chair}",
        "vice_chairs": "{vice_chair}",
        "committee": _("Các ủy viên {committee} khác"),
    }

    term_start = forms.IntegerField(
        label=_("Nhiệm kỳ từ năm"), min_value=1950, max_value=2100, required=False
    )
    term_end = forms.IntegerField(
        label=_("Nhiệm kỳ đến năm"), min_value=1950, max_value=2100, required=False
    )
    started_on = date_field(_("Ngày quyết định công nhận"))
    source = forms.CharField(
        label=_("Số, nguồn quyết định"),
        max_length=300,
        required=False,
        help_text=_("Như trên văn bản: số, ngày và cấp ra quyết định công nhận (hoặc chỉ định)."),
    )
    chair = forms.CharField(label=_("Chủ tịch"), max_length=200, required=False)
    vice_chairs = _names_field(_("Phó Chủ tịch"), rows=2)
    committee = _names_field(
        _("Các ủy viên Ban Chấp hành khác"),
        rows=5,
        help_text=_("Mỗi dòng một người; không cần ghi lại người đã ghi ở các ô trên."),
    )
    inspection = _names_field(_("Ủy ban Kiểm tra"), rows=3)
    inspection_chair = forms.CharField(
        label=_("Chủ nhiệm Ủy ban Kiểm tra"), max_length=200, required=False
    )

    def to_data(self) -> Any:
        from daihoi.season.register import IncumbentCommittee

        data = self.cleaned_data
        return IncumbentCommittee(
            **{
                f: data[f]
                for f in (
                    "term_start", "term_end", "started_on", "source", "chair", "vice_chairs",
                    "committee", "inspection", "inspection_chair",
                )
            },
        )  # fmt: skip
