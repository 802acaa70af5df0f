from __future__ import annotations

from django.urls import path

from daihoi.season import views

S = "mua-dai-hoi/<int:season_id>/"

urlpatterns = [
    path("don-vi/<int:unit_id>/mua-dai-hoi/", views.season_list, name="season_list"),
    path(S, views.season_plan, name="season_plan"),
    path(S + "bang-theo-doi/", views.season_board, name="season_board"),
    path(S + "bang-theo-doi/excel/", views.season_board_excel, name="season_board_excel"),
    path(S + "dai-hoi-cap-tren/", views.upper_congress, name="season_upper"),
    path(
        S + "dai-hoi-cap-tren/thay/<int:entry_id>/",
        views.replace_official,
        name="season_upper_replace",
    ),
    path("don-vi/<int:unit_id>/dai-hoi-cac-cap/", views.unit_steps, name="season_unit_steps"),
    path(
        "don-vi/<int:unit_id>/so-theo-doi-can-bo/",
        views.officer_register,
        name="season_officer_register",
    ),
    # Before the steps' own: “ho-so-tu-dai-hoi” is not a kind of step.
    path(
        "dai-hoi-cac-cap/<int:entry_id>/gui/ho-so-tu-dai-hoi/",
        views.send_congress_result,
        name="season_send_congress_result",
    ),
    path(
        "dai-hoi-cac-cap/<int:entry_id>/gui/ho-so-nhap-tay/",
        views.send_typed_result,
        name="season_send_typed_result",
    ),
    path(
        "dai-hoi-cac-cap/<int:entry_id>/gui/ho-so-excel/",
        views.import_result_sheet,
        name="season_import_result_sheet",
    ),
    path(
        "dai-hoi-cac-cap/<int:entry_id>/mau-ket-qua.xlsx",
        views.result_sheet_template,
        name="season_result_sheet_template",
    ),
    path(
        "dai-hoi-cac-cap/<int:entry_id>/gui/<str:kind>/", views.send_step, name="season_send_step"
    ),
    path("mua-dai-hoi/buoc/<int:step_id>/", views.step_answer, name="season_step"),
    path(
        "mua-dai-hoi/buoc/<int:step_id>/ho-so.<str:kind>",
        views.result_file,
        name="season_result_file",
    ),
    path(
        "mua-dai-hoi/buoc/<int:step_id>/quyet-dinh.<str:kind>",
        views.decision_file,
        name="season_decision_file",
    ),
]
