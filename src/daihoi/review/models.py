"""A conference's review (hội nghị tổng kết, seed 004): the campaign it closes.

The conference is a ``Congress`` of kind hội nghị (the congress day: delegates, cards, check-in,
projector); the campaign is the emulation's. Linking them here keeps both apps ignorant of each
other: the honours announced at the conference are that campaign's decisions, and the review
report sums the records of the conference unit's subtree over the campaign's years.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress
from daihoi.emulation.models import Campaign


class ConferenceReview(models.Model):
    conference = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="review", verbose_name=_("hội nghị")
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="+", verbose_name=_("phong trào thi đua")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tổng kết phong trào tại hội nghị")
        verbose_name_plural = _("tổng kết phong trào tại hội nghị")

    def __str__(self) -> str:
        return f"{self.conference_id} ← {self.campaign_id}"
