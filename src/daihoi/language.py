"""Vietnamese unless the user chose another language with the switcher (the language cookie).

Django's LocaleMiddleware would follow the browser's Accept-Language, and many officers' phones
are set to English: the app stays Vietnamese until someone asks for English on the page.
Legal documents (reports, minutes, ballots) and workbooks meant to be imported back are
always written in Vietnamese, whatever the page's language: their views use ``in_vietnamese``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """Return the language of the switcher's cookie when it is one we offer, else the default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_vietnamese[V: Callable[..., Any]](view: V) -> V:
    """Run a view in Vietnamese whatever the user's language (documents of record, workbooks)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with translation.override(settings.LANGUAGE_CODE):
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


class LanguageMiddleware:
    """Activate the chosen language for the request (in place of LocaleMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
