"""URL routes: each app owns its own urls.py; the JSON API lives under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from daihoi.api import api

urlpatterns = [
    path("", include("daihoi.accounts.urls")),
    path("", include("daihoi.units.urls")),
    path("", include("daihoi.imports.urls")),
    path("", include("daihoi.congresses.urls")),
    path("", include("daihoi.elections.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
]
