from __future__ import annotations

from django.urls import URLPattern, path

from daihoi.activities import views
from daihoi.activities.registry import KINDS

U = "don-vi/<int:unit_id>/"


def _kind_urls() -> list[URLPattern]:
    patterns = []
    for kind in KINDS:
        base = f"{U}{kind.slug}/"
        args = {"kind": kind.slug}
        name = f"activities_{kind.name}"
        patterns += [
            path(base, views.record_list, args, name=f"{name}_list"),
            path(base + "them/", views.record_create, args, name=f"{name}_create"),
            path(base + "<int:record_id>/", views.record_edit, args, name=f"{name}_edit"),
            path(base + "<int:record_id>/xoa/", views.record_delete, args, name=f"{name}_delete"),
        ]
    return patterns


urlpatterns = [
    path(U + "hoat-dong/", views.index, name="activities_index"),
    *_kind_urls(),
]
