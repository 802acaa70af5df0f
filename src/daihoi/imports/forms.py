"""The upload form: one file; the checks of its content are in daihoi.imports.workbook."""

from __future__ import annotations

from typing import Any, Self

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.imports import messages

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPT = ",".join(
    (
        ".xlsx",
        ".xls",
        ".ods",
        XLSX,
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
    )
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách đoàn viên (.xlsx, .xls, .ods)"),
        allow_empty_file=True,  # an empty file gets its own message, naming it
        max_length=255,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": messages.FILE_REQUIRED,
            "invalid": messages.FILE_REQUIRED,
            "missing": messages.FILE_REQUIRED,
            "max_length": messages.FILE_NAME_TOO_LONG,
        },
    )

    # A subclass names its file here (the field object is shared with this class: changing its
    # label in place would rename every upload form's file, whichever module was imported last).
    file_label: object = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.file_label is not None:
            self.fields["file"].label = self.file_label

    @classmethod
    def refused(cls, message: str) -> Self:
        """Return the form showing one message about the file (no file reached the form)."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors["file"] = form.error_class([message])
        return form
