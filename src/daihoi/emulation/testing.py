"""A campaign over the personas' tree (daihoi.units.testing), for the emulation tests."""

from __future__ import annotations

import datetime

from daihoi.emulation import services
from daihoi.emulation.models import Campaign
from daihoi.units.models import Unit


def make_campaign(unit: Unit, *, year: int = 2025, kind: str = "thuong-xuyen") -> Campaign:
    """Launch the yearly campaign of a unit, 15/01 to 15/12 of the year."""
    return services.create_campaign(
        unit=unit,
        data=services.CampaignData(
            title=f"Phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm {year}",
            year=year,
            kind=kind,
            starts_on=datetime.date(year, 1, 15),
            ends_on=datetime.date(year, 12, 15),
        ),
        by=None,
    )
