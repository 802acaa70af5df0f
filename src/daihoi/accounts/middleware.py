"""An account given a one-time password goes to the password change page until it has one."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if getattr(user, "must_change_password", False) and not self._exempt(request.path):
            change = reverse("password_change")
            if request.method == "GET":
                change += "?" + urlencode({"next": request.get_full_path()})
            return redirect(change)
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        # The change page itself, logging out, the language switch, files; the API authenticates
        # its own way (a token is made after a first login, which passes through this page).
        exempt = (reverse("password_change"), reverse("logout"), "/i18n/", "/api/")
        return path.startswith((*exempt, settings.STATIC_URL or "/static/"))
