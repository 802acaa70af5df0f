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

        # Every form's text field refuses NUL before the services see it, with an English
        # message ("Null characters are not allowed."): say it as the services say the rest of
        # the hidden characters (issue 9), beside the field.
        from django.core.validators import ProhibitNullCharactersValidator

        from daihoi.units.errors import NUL_IN_FIELD

        ProhibitNullCharactersValidator.message = NUL_IN_FIELD
