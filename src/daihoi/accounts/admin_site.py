"""The Django admin behind the app's own login: one throttled login page, and off in production.

The admin's own login form would bypass the throttle (accounts.services), so its login page sends
to /dang-nhap/ instead. In production (DAIHOI_PRODUCTION=1) the admin answers 404 everywhere
unless DAIHOI_ADMIN_SITE=1: accounts are managed on the app's own pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

ADMIN_SITE_OFF = "Trang quản trị hệ thống không được bật trên máy chủ này."
ADMIN_STAFF_ONLY = (
    "Trang quản trị hệ thống chỉ dành cho quản trị viên hệ thống. Tài khoản của đơn vị được "
    "quản lý ở trang “Tài khoản”."
)


def _require_enabled() -> None:
    if not settings.DAIHOI_ADMIN_SITE:
        raise Http404(ADMIN_SITE_OFF)


class DaihoiAdminSite(admin.AdminSite):
    site_header = "daihoi: quản trị hệ thống"
    site_title = "daihoi"

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Callable[..., Any]:
        inner = super().admin_view(view, cacheable)

        def enabled_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            _require_enabled()
            return inner(request, *args, **kwargs)

        return update_wrapper(enabled_view, inner)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Send to the app's throttled login page; a signed-in non-staff user gets 403."""
        _require_enabled()
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied(ADMIN_STAFF_ONLY)
            return redirect(target)
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")

    def logout(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        _require_enabled()
        return super().logout(request, extra_context)
