from __future__ import annotations

from django.urls import path

from daihoi.term import views

C = "dai-hoi/<int:congress_id>/"
T = C + "chi-tieu/<int:target_id>/"

urlpatterns = [
    path(C + "chi-tieu/", views.target_list, name="term_targets"),
    path(T, views.target_edit, name="term_target_edit"),
    path(T + "xoa/", views.target_remove, name="term_target_remove"),
    path(T + "so-lieu/", views.value_enter, name="term_value_enter"),
    path(T + "so-lieu/<int:year>/xoa/", views.value_clear, name="term_value_clear"),
    path(C + "nhiem-ky/", views.dashboard, name="term_dashboard"),
    path("don-vi/<int:unit_id>/nhiem-ky/", views.unit_overview, name="term_overview"),
]
