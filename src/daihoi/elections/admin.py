"""Admin for inspection only: elections change through the services (rule-governed rows)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from daihoi.elections.models import (
    Candidate,
    CongressDecision,
    Election,
    PaperBallot,
    PaperEntry,
    PhoneBallot,
    Round,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "seats", "congress")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("election", "number", "seats", "status")
    list_filter = ("status",)


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "election", "nomination", "withdrawn")


@admin.register(CongressDecision)
class CongressDecisionAdmin(ReadOnlyAdmin):
    list_display = ("after_round", "continue_voting", "seats", "recorded_at")


@admin.register(PaperEntry)
class PaperEntryAdmin(ReadOnlyAdmin):
    list_display = ("round", "teller_name", "kind", "number", "typed", "created_at")


@admin.register(PaperBallot)
class PaperBallotAdmin(ReadOnlyAdmin):
    list_display = ("round", "number", "kept", "invalid")


@admin.register(PhoneBallot)
class PhoneBallotAdmin(ReadOnlyAdmin):
    # Listed by receipt code, which is random: never by when a ballot was cast.
    list_display = ("receipt", "round", "kept")
    ordering = ("receipt",)
