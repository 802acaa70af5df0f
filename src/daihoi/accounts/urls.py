from __future__ import annotations

from django.urls import path

from daihoi.accounts import token_views, views

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/khoa-api/", token_views.api_tokens, name="api_tokens"),
    path(
        "tai-khoan/khoa-api/<int:token_id>/thu-hoi/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
]
