"""Input of the news report page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.record.services import ArticleData


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=2000, required=False)
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống."),
    )
    byline = forms.CharField(label=_("Tác giả, nguồn tin"), max_length=2000, required=False)

    def to_data(self) -> ArticleData:
        return ArticleData(
            title=self.cleaned_data["title"],
            body=self.cleaned_data["body"],
            byline=self.cleaned_data["byline"],
        )
