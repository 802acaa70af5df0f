"""Pages of accounts: the administrator's list, add, edit (lock, re-role), one-time passwords;
everyone's own password change.

Each view: authorize through daihoi.accounts.access, read the form, make one call, redirect or
render. A one-time password is rendered in the POST's response only (never stored in clear).
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts import users
from daihoi.accounts.access import (
    accounts_managed_by,
    get_account_for_user,
    require_account_admin,
    units_visible_to,
)
from daihoi.accounts.forms import AccountForm, PasswordChangeForm
from daihoi.accounts.models import User
from daihoi.units.errors import UnitsError
from daihoi.units.forms import add_errors


@login_required
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    require_account_admin(request.user)
    accounts = accounts_managed_by(request.user).order_by("unit__path", "username")
    return render(request, "accounts/account_list.html", {"accounts": accounts})


def _one_time_password_page(request: HttpRequest, account: User, password: str) -> HttpResponse:
    context = {"account": account, "password": password}
    return render(request, "accounts/one_time_password.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_create(request: HttpRequest) -> HttpResponse:
    require_account_admin(request.user)
    by = cast(User, request.user)
    units = units_visible_to(by).order_by("path")
    form = AccountForm(request.POST or None, units=units, initial={"unit": by.unit})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account, password = users.create_account(
                by=by,
                username=data["username"],
                full_name=data["full_name"],
                unit=data["unit"],
                role=data["role"],
            )
        except UnitsError as error:
            add_errors(form, error)
        else:
            return _one_time_password_page(request, account, password)
    return render(request, "accounts/account_form.html", {"form": form, "account": None})


@login_required
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, account_id: int) -> HttpResponse:
    account = get_account_for_user(request.user, account_id)
    by = cast(User, request.user)
    units = units_visible_to(by).order_by("path")
    initial = {
        "full_name": account.display_name if account.first_name else "",
        "unit": account.unit,
        "role": account.role,
        "is_active": account.is_active,
    }
    form = AccountForm(request.POST or None, units=units, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            users.update_account(
                by=by,
                account=account,
                full_name=data["full_name"],
                unit=data["unit"],
                role=data["role"],
                is_active=data["is_active"],
            )
        except UnitsError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tài khoản “%(name)s”.") % {"name": account})
            return redirect("account_list")
    return render(request, "accounts/account_form.html", {"form": form, "account": account})


@never_cache
@login_required
@require_POST
def account_reset_password(request: HttpRequest, account_id: int) -> HttpResponse:
    account = get_account_for_user(request.user, account_id)
    password = users.reset_password(account=account)
    if account.pk == request.user.pk:
        update_session_auth_hash(request, account)
    return _one_time_password_page(request, account, password)


@sensitive_post_parameters("old_password", "new_password", "repeated")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            users.change_own_password(user=user, **form.cleaned_data)
        except UnitsError as error:
            add_errors(form, error)
        else:
            update_session_auth_hash(request, user)  # stay logged in here, out everywhere else
            messages.success(request, _("Đã đổi mật khẩu."))
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = "home"
            return redirect(target)
    return render(request, "accounts/password_change.html", {"form": form})
