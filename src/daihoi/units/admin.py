"""Admin for inspection only: units and members change through the services (paths, keys)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from daihoi.units.models import Member, MemberTransfer, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "depth", "path")
    list_filter = ("kind", "depth")
    search_fields = ("name", "short_name", "code")


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "unit", "gender", "birth_date", "ethnicity", "status")
    list_filter = ("status", "gender", "is_party_member", "education")
    list_select_related = ("unit",)
    search_fields = ("search_text", "member_number")


@admin.register(MemberTransfer)
class MemberTransferAdmin(ReadOnlyAdmin):
    list_display = ("member", "from_unit", "to_unit", "date", "by")
    list_select_related = ("member", "from_unit", "to_unit", "by")
