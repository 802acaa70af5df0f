"""Writes of the review: a conference linked to the campaign it closes."""

from __future__ import annotations

from django.db import transaction

from daihoi.congresses.models import Congress
from daihoi.emulation.models import Campaign
from daihoi.review.models import ConferenceReview

NOT_A_CONFERENCE = "Chỉ hội nghị mới gắn với phong trào thi đua để tổng kết."
CAMPAIGN_OF_OTHER_UNIT = (
    "Phong trào “{campaign}” không do {unit} phát động: chọn một phong trào của đơn vị tổ chức "
    "hội nghị."
)


class ReviewError(Exception):
    """A refused link, with the message users see."""


@transaction.atomic
def link_campaign(*, conference: Congress, campaign: Campaign) -> ConferenceReview:
    """Link the conference to the campaign it reviews (or change it): its decisions, its years."""
    if not conference.is_conference:
        raise ReviewError(NOT_A_CONFERENCE)
    if campaign.unit_id != conference.unit_id:
        raise ReviewError(
            CAMPAIGN_OF_OTHER_UNIT.format(campaign=campaign.title, unit=conference.unit.name)
        )
    review, _created = ConferenceReview.objects.update_or_create(
        conference=conference, defaults={"campaign": campaign}
    )
    return review
