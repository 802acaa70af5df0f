from __future__ import annotations

from django.urls import path

from daihoi.units import dashboard, views

urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:unit_id>/them-don-vi/", views.unit_create, name="unit_create"),
    path("don-vi/<int:unit_id>/thong-ke/", dashboard.unit_dashboard, name="unit_dashboard"),
    path("don-vi/<int:unit_id>/doan-vien/", views.member_list, name="member_list"),
    path("don-vi/<int:unit_id>/doan-vien/them/", views.member_create, name="member_create"),
    path("doan-vien/<int:member_id>/", views.member_detail, name="member_detail"),
    path("doan-vien/<int:member_id>/sua/", views.member_edit, name="member_edit"),
    path("doan-vien/<int:member_id>/chuyen/", views.member_transfer, name="member_transfer"),
]
