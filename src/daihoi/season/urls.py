from __future__ import annotations

from django.urls import path

from daihoi.season import views

S = "mua-dai-hoi/<int:season_id>/"

urlpatterns = [
    path("don-vi/<int:unit_id>/mua-dai-hoi/", views.season_list, name="season_list"),
    path(S, views.season_plan, name="season_plan"),
]
