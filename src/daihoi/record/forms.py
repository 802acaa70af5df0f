"""Input of the news report page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.record import errors
from daihoi.record.services import ArticleData


class ArticleForm(forms.Form):
    # The lengths are the model's, and Django's own "at most N characters" would not name the
    # field: the services' messages are used instead.
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=300,
        required=False,
        error_messages={"max_length": errors.TITLE_TOO_LONG},
    )
    body = forms.CharField(
        label=_("Nội dung"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống."),
    )
    byline = forms.CharField(
        label=_("Tác giả, nguồn tin"),
        max_length=200,
        required=False,
        error_messages={"max_length": errors.BYLINE_TOO_LONG},
    )

    def to_data(self) -> ArticleData:
        return ArticleData(
            title=self.cleaned_data["title"],
            body=self.cleaned_data["body"],
            byline=self.cleaned_data["byline"],
        )


class PhotoForm(forms.Form):
    file = forms.FileField(
        label=_("Ảnh"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG hoặc WebP, tối đa 10 MB."),
    )
    caption = forms.CharField(
        label=_("Chú thích"),
        max_length=300,
        required=False,
        error_messages={"max_length": errors.CAPTION_TOO_LONG},
    )
