"""URL routes: each app owns its own urls.py; the JSON API lives under /api/."""

from __future__ import annotations

from pathlib import Path

from django.contrib import admin
from django.http import FileResponse, HttpRequest
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from daihoi.api import api

FAVICON = Path(__file__).parent / "static" / "favicon.ico"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """Serve the icon browsers ask for at the root whatever the page says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", include("daihoi.accounts.urls")),
    path("", include("daihoi.units.urls")),
    path("", include("daihoi.imports.urls")),
    path("", include("daihoi.congresses.urls")),
    path("", include("daihoi.elections.urls")),
    path("", include("daihoi.emulation.urls")),
    path("", include("daihoi.activities.urls")),
    path("", include("daihoi.term.urls")),
    path("", include("daihoi.season.urls")),
    path("", include("daihoi.review.urls")),
    path("", include("daihoi.record.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
]
