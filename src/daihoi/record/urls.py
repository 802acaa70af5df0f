from __future__ import annotations

from django.urls import path

from daihoi.record import views

C = "dai-hoi/<int:congress_id>/"

urlpatterns = [
    path(C + "van-kien/", views.record_page, name="congress_record"),
    path(
        C + "van-kien/<str:paper>.<str:kind>",
        views.record_document,
        name="congress_record_document",
    ),
]
