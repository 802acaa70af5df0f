from __future__ import annotations

from django.urls import path

from daihoi.imports import views

urlpatterns = [
    path("don-vi/<int:unit_id>/nhap-doan-vien/", views.import_upload, name="import_upload"),
    path(
        "don-vi/<int:unit_id>/nhap-doan-vien/tep-mau.xlsx",
        views.import_template,
        name="import_template",
    ),
    path("don-vi/<int:unit_id>/xuat-doan-vien.xlsx", views.member_export, name="member_export"),
    path("nhap-doan-vien/<int:job_id>/", views.import_job, name="import_job"),
    path("nhap-doan-vien/<int:job_id>/nhap/", views.import_confirm, name="import_confirm"),
]
