from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "daihoi.units"
    verbose_name = "Tổ chức và đoàn viên"

    def ready(self) -> None:
        # Django 6 labels a select's empty choice "- Select an option -", a string its Vietnamese
        # catalog lacks; Django documents replacing it from an app's ready().
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("— Chọn —")
