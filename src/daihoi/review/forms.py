from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress
from daihoi.emulation.models import Campaign


class LinkForm(forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Phong trào thi đua được tổng kết"),
        queryset=Campaign.objects.none(),
        error_messages={
            "required": _("Phong trào: chọn một phong trào."),
            "invalid_choice": _("Phong trào: phong trào này không có trong danh sách."),
        },
    )

    def __init__(self, *args: Any, conference: Congress, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["campaign"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Campaign.objects.filter(unit=conference.unit).order_by("-year", "-id")
