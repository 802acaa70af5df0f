from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from daihoi.accounts.models import LoginFailure, User


@admin.register(User)
class DaihoiUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Đơn vị và vai trò", {"fields": ("unit", "role")}),
    )


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "created_at")
    search_fields = ("username", "ip_address")
