"""The account page for API tokens: list, create (the key is shown once), revoke."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from daihoi.accounts import tokens
from daihoi.accounts.models import User


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên khóa"),
        max_length=tokens.NAME_MAX_LENGTH,
        help_text=gettext_lazy("Để nhận ra khóa sau này, ví dụ: “Đồng bộ phần mềm nhân sự”."),
        error_messages={
            "required": tokens.TOKEN_NAME_REQUIRED,
            "max_length": tokens.TOKEN_NAME_TOO_LONG,
        },
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Thời hạn"),
        coerce=int,
        required=False,
        empty_value=tokens.DEFAULT_DAYS,
        initial=tokens.DEFAULT_DAYS,
        choices=[
            (30, gettext_lazy("30 ngày")),
            (90, gettext_lazy("90 ngày")),
            (180, gettext_lazy("180 ngày")),
            (365, gettext_lazy("1 năm")),
        ],
        help_text=gettext_lazy("Hết hạn, khóa không dùng được nữa; khi cần, tạo khóa mới."),
        error_messages={"invalid_choice": tokens.TOKEN_DAYS_INVALID},
    )
    read_only = forms.BooleanField(
        label=gettext_lazy("Chỉ đọc (khóa này không được thêm, sửa, xóa dữ liệu)"),
        required=False,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_key = None
    if form.is_valid():
        try:
            token, new_key = tokens.create_api_token(user=user, **form.cleaned_data)
        except tokens.TokenError as error:
            form.add_error("name", str(error))
        else:
            form = TokenForm()
            messages.success(request, _("Đã tạo khóa API “%(name)s”.") % {"name": token.name})
    # The new key is rendered in this response only; it is stored nowhere but as a hash.
    context = {
        "form": form,
        "tokens": tokens.tokens_of(user),
        "new_key": new_key,
        "now": timezone.now(),
    }
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = tokens.get_token_for_user(cast(User, request.user), token_id)
    tokens.revoke_api_token(token=token)
    messages.success(request, _("Đã thu hồi khóa API “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens")
