"""The login form: Django's authentication plus throttling, with Vietnamese messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from daihoi.accounts import services


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
        error_messages={"required": _("Tên đăng nhập: không được để trống.")},
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Mật khẩu: không được để trống.")},
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: AbstractBaseUser | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        username = cleaned.get("username")
        password = cleaned.get("password")
        if username is None or password is None:
            return cleaned
        ip = services.client_ip(self.request)
        locked = services.login_locked_until(username=username, ip=ip)
        if locked is not None:
            until, count = locked
            raise forms.ValidationError(services.locked_message(until, count), code="locked")
        user = authenticate(self.request, username=username, password=password)
        if user is None:  # wrong password, unknown or inactive account: one message for all
            services.record_login_failure(username=username, ip=ip)
            raise forms.ValidationError(services.LOGIN_INVALID, code="invalid_login")
        services.clear_login_failures(username=username, ip=ip)
        self.user = user
        return cleaned
