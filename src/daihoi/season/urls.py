from __future__ import annotations

from django.urls import path

from daihoi.season import views

S = "mua-dai-hoi/<int:season_id>/"

urlpatterns = [
    path("don-vi/<int:unit_id>/mua-dai-hoi/", views.season_list, name="season_list"),
    path(S, views.season_plan, name="season_plan"),
    path(S + "bang-theo-doi/", views.season_board, name="season_board"),
    path("don-vi/<int:unit_id>/dai-hoi-cac-cap/", views.unit_steps, name="season_unit_steps"),
    path(
        "dai-hoi-cac-cap/<int:entry_id>/gui/<str:kind>/", views.send_step, name="season_send_step"
    ),
    path("mua-dai-hoi/buoc/<int:step_id>/", views.step_answer, name="season_step"),
]
