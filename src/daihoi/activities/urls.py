from __future__ import annotations

from django.urls import URLPattern, path

from daihoi.activities import import_views, views
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


IMPORT = U + "nhap/<slug:kind>/"

urlpatterns = [
    path(U + "hoat-dong/", views.index, name="activities_index"),
    path(IMPORT, import_views.import_upload, name="activities_import_upload"),
    path(IMPORT + "tep-mau.xlsx", import_views.import_template, name="activities_import_template"),
    path(
        IMPORT + "<int:import_id>/", import_views.import_preview, name="activities_import_preview"
    ),
    path(
        IMPORT + "<int:import_id>/nhap/",
        import_views.import_confirm,
        name="activities_import_confirm",
    ),
    *_kind_urls(),
]
