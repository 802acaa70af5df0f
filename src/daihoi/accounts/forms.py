"""Forms of accounts: login (with throttling), an account as its administrator edits it, and
changing one's own password. Vietnamese messages naming their field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from daihoi.accounts import services
from daihoi.accounts.models import Role
from daihoi.units.forms import indented_label
from daihoi.units.models import Unit, UnitQuerySet


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


class AccountForm(forms.Form):
    """An account as its administrator sees it; the services check the rules."""

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ không dấu, chữ số, dấu chấm, gạch ngang, ví dụ: nguyen.van.an"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
        error_messages={"required": _("Tên đăng nhập: không được để trống.")},
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        error_messages={
            "required": _("Họ và tên: không được để trống."),
            "max_length": _("Họ và tên: dài quá 150 ký tự."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        empty_label="—",
        error_messages={
            "required": _("Đơn vị: chọn đơn vị của tài khoản."),
            "invalid_choice": _("Đơn vị: chỉ chọn được đơn vị của bạn hoặc đơn vị trực thuộc."),
        },
    )
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=Role.choices,
        help_text=_(
            "Quản trị: đơn vị, đoàn viên và tài khoản; Cán bộ: đoàn viên và đại hội; "
            "Chỉ xem: chỉ đọc."
        ),
        error_messages={"invalid_choice": _("Vai trò: giá trị này không có trong danh mục.")},
    )
    is_active = forms.BooleanField(
        label=_("Đang hoạt động (bỏ chọn để khóa tài khoản)"), required=False
    )

    def __init__(self, *args: Any, units: UnitQuerySet, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        field.label_from_instance = indented_label  # type: ignore[method-assign]
        if editing:
            del self.fields["username"]
        else:
            del self.fields["is_active"]


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Mật khẩu hiện tại: không được để trống.")},
    )
    new_password = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        help_text=_("Ít nhất 8 ký tự, không phải mật khẩu quá phổ biến."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Mật khẩu mới: không được để trống.")},
    )
    repeated = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Nhập lại mật khẩu mới: không được để trống.")},
    )
