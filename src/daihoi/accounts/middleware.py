"""An account given a one-time password goes to the password change page until it has one; a
script's request after the session ended gets 401, not the login page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
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


SESSION_ENDED = "Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại."
#: A JSON post's answer (the key ceremony, the decryption): what was computed on the device is
#: still on its page, so the member logs in again in another tab and presses again.
SESSION_ENDED_POST = (
    "Phiên đăng nhập đã kết thúc: việc vừa rồi CHƯA được gửi. Hãy đăng nhập lại (mở thẻ mới) "
    "rồi bấm lại trên trang này."
)


class SessionEndedMiddleware:
    """Answer a request that a page's script makes after the session ended with 401, not the
    login page.

    htmx follows the redirect to the login page and would swap that page into the projector,
    the presidium or the desk; with 401 it swaps nothing, the page keeps its last good state,
    and static/js/session.js tells the user how to log in again. A JSON post (the key ceremony,
    the decryption) gets its refusal as JSON, which static/js/post-json.js shows, instead of
    a login page its script cannot read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or not response.get("Location", "").startswith(
            resolve_url(settings.LOGIN_URL) + "?"
        ):
            return response
        if request.headers.get("HX-Request") == "true":
            ended = HttpResponse(SESSION_ENDED, status=401, content_type="text/plain")
            ended["HX-Trigger"] = "session-ended"
            return ended
        if request.content_type == "application/json":
            return JsonResponse(
                {"ok": False, "session_ended": True, "message": SESSION_ENDED_POST}, status=401
            )
        return response
