from __future__ import annotations

from django.urls import path

from daihoi.accounts import account_views, token_views, views

urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("tai-khoan/", account_views.account_list, name="account_list"),
    path("tai-khoan/them/", account_views.account_create, name="account_create"),
    path("tai-khoan/<int:account_id>/", account_views.account_edit, name="account_edit"),
    path(
        "tai-khoan/<int:account_id>/dat-lai-mat-khau/",
        account_views.account_reset_password,
        name="account_reset_password",
    ),
    path("tai-khoan/doi-mat-khau/", account_views.password_change, name="password_change"),
    path("tai-khoan/khoa-api/", token_views.api_tokens, name="api_tokens"),
    path(
        "tai-khoan/khoa-api/<int:token_id>/thu-hoi/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
]
