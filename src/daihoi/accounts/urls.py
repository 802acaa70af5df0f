from __future__ import annotations

from django.urls import path

from daihoi.accounts import views

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
]
