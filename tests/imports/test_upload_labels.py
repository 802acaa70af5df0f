"""Each upload form names its own file, whatever modules were imported before it.

The forms share UploadForm's file field object: a subclass that renamed it in place (a label set
on base_fields) renamed every upload's file, so the member import said "Tệp kết quả đại hội" or
"Tệp Excel" depending on the order of imports (seen as a browser test failing in one process of
two and passing alone).
"""

from __future__ import annotations

import importlib

from django.test import SimpleTestCase

from daihoi.imports.forms import UploadForm

LABELS = {
    "daihoi.imports.forms.UploadForm": "Tệp danh sách đoàn viên (.xlsx, .xls, .ods)",
    "daihoi.congresses.forms.DelegateListUploadForm": "Tệp danh sách đại biểu (.xlsx, .xls, .ods)",
    "daihoi.activities.import_views.SheetUploadForm": "Tệp Excel (.xlsx, .xls, .ods)",
    "daihoi.season.forms.ResultSheetForm": "Tệp kết quả đại hội (.xlsx, .xls, .ods)",
}


def form_class(path: str) -> type[UploadForm]:
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


class UploadLabelTests(SimpleTestCase):
    def test_every_upload_form_names_its_own_file_all_modules_imported(self) -> None:
        classes = {path: form_class(path) for path in LABELS}  # every module imported first
        for path, label in LABELS.items():
            with self.subTest(path):
                assert str(classes[path]().fields["file"].label) == label

    def test_the_shared_field_keeps_the_member_import_label(self) -> None:
        for path in LABELS:
            form_class(path)()
        assert (
            str(UploadForm.base_fields["file"].label) == LABELS["daihoi.imports.forms.UploadForm"]
        )
