from __future__ import annotations

from django.urls import path

from daihoi.emulation import classification_views, record_views, views

C = "thi-dua/<int:campaign_id>/"
U = C + "don-vi/<int:unit_id>/"

urlpatterns = [
    path("thi-dua/", views.campaign_list, name="campaign_list"),
    path(
        "doan-vien/<int:member_id>/ho-so-thanh-tich.xlsx",
        record_views.member_records_export,
        name="member_records_export",
    ),
    path(
        "don-vi/<int:unit_id>/ho-so-thanh-tich.xlsx",
        record_views.unit_records_export,
        name="unit_records_export",
    ),
    path("don-vi/<int:unit_id>/thi-dua/phat-dong/", views.campaign_create, name="campaign_create"),
    path(
        "don-vi/<int:unit_id>/thi-dua/bao-cao-<int:year>.xlsx",
        views.year_report,
        name="emulation_year_report",
    ),
    path(
        "don-vi/<int:unit_id>/thi-dua/tong-hop/",
        views.emulation_dashboard,
        name="emulation_dashboard",
    ),
    path(
        "don-vi/<int:unit_id>/thi-dua/tong-hop.xlsx",
        views.emulation_dashboard_xlsx,
        name="emulation_dashboard_xlsx",
    ),
    path(
        "don-vi/<int:unit_id>/thi-dua/xep-loai/",
        classification_views.classification_page,
        name="classification_page",
    ),
    path(C, views.campaign_detail, name="campaign_detail"),
    path(U, views.campaign_unit, name="campaign_unit"),
    path(U + "dang-ky/", views.registration_create, name="registration_create"),
    path(
        U + "dang-ky/<int:registration_id>/gui-lai/",
        views.registration_resubmit,
        name="registration_resubmit",
    ),
    path(
        C + "dang-ky/<int:registration_id>/duyet/",
        views.registration_review,
        name="registration_review",
    ),
    path(U + "binh-xet/", views.evaluation_table, name="evaluation_table"),
    path(U + "binh-xet/tap-the/", views.collective_evaluation, name="collective_evaluation"),
    path(
        U + "binh-xet/bang-binh-xet.xlsx",
        views.evaluation_sheet_download,
        name="evaluation_sheet_download",
    ),
    path(U + "binh-xet/nhap-excel/", views.evaluation_sheet_upload, name="evaluation_sheet_upload"),
    path(U + "binh-xet/<int:member_id>/", views.evaluation_edit, name="evaluation_edit"),
    path(U + "de-nghi/", views.proposal_unit, name="proposal_unit"),
    path(U + "de-nghi/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path(
        U + "de-nghi/<int:proposal_id>/bang-khen/",
        views.certificates_page,
        name="certificates_page",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/bang-khen/tai-ve.pdf",
        views.certificates_download,
        name="certificates_download",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/bang-khen/tat-ca.docx",
        views.certificates_docx,
        name="certificates_docx",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/bang-khen/<int:line_id>.<str:kind>",
        views.certificate_one,
        name="certificate_one",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/quyet-dinh.<str:kind>",
        views.decision_document,
        name="decision_document",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/<slug:action>/",
        views.proposal_action,
        name="proposal_action",
    ),
    path(
        U + "de-nghi/<int:proposal_id>/dong/<int:line_id>/xoa/",
        views.proposal_line_remove,
        name="proposal_line_remove",
    ),
    path(U + "hoi-dong/", views.council_votes, name="council_votes"),
    path(U + "hoi-dong/<int:vote_id>/", views.council_vote, name="council_vote"),
    path(U + "hoi-dong/<int:vote_id>/kiem-phieu/", views.council_count, name="council_count"),
    path(U + "hoi-dong/<int:vote_id>/phieu.pdf", views.council_ballots, name="council_ballots"),
    path(
        U + "hoi-dong/<int:vote_id>/bien-ban.<str:kind>",
        views.council_minutes,
        name="council_minutes",
    ),
]
