"""Admin: read-only. Congresses change through the pages and services (rules, audit log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    Delegate,
    HallVote,
    QuorumOverride,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Congress)
class CongressAdmin(ReadOnly):
    list_display = ("__str__", "starts_on", "form", "status")
    list_select_related = ("unit",)
    list_filter = ("form", "status", "profile")


@admin.register(Delegate)
class DelegateAdmin(ReadOnly):
    list_display = ("full_name", "number", "kind", "presence", "congress")
    list_select_related = ("congress__unit",)
    list_filter = ("kind", "presence")
    search_fields = ("full_name", "search_text")
    exclude = ("token",)


@admin.register(AttendanceEvent)
class AttendanceEventAdmin(ReadOnly):
    list_display = ("delegate", "kind", "at", "desk", "by", "undone")
    list_select_related = ("delegate", "by")
    list_filter = ("kind", "undone")


@admin.register(QuorumOverride)
class QuorumOverrideAdmin(ReadOnly):
    list_display = ("congress", "present", "summoned", "reason", "by", "created_at")
    list_select_related = ("congress__unit", "by")


@admin.register(HallVote)
class HallVoteAdmin(ReadOnly):
    list_display = ("title", "congress", "votes_present", "votes_yes", "adopted", "voted_at")
    list_select_related = ("congress__unit",)
    list_filter = ("subject", "adopted")
