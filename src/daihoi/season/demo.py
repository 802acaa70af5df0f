"""The demo's officer register: seed 000's chair of the term before its first congress.

Seed 000 says "Đồng chí Lường Danh Vọng tái đắc cử chức Chủ tịch Công đoàn Bộ phận Văn phòng
Sở" at the section's "Đại hội lần thứ I, nhiệm kỳ 2017 - 2022", and reports on "nhiệm kỳ 2015 -
2017": before that first congress he chaired the section, appointed by the upper union. The demo
records only him, as the Chủ tịch of 2015 - 2017, through the one service a unit new to daihoi
uses (``register.record_incumbent_committee``), so the 2017 congress's article reads him as the
outgoing chair (``results.outgoing_committee``). The seed names nobody else of that committee and
no decision: the day he took office is the demo's, and the source says so.

His term is recorded ended on the congress day, 19/09/2017: the demo holds no recognition of the
2017 committee (no season), and a row left current would have the register, the unit's steps
page and any upper congress call a 2015 - 2017 chair the one in office today. Ended, the register
page shows the past term and offers to record the committee now in office, which is true: the
demo does not know it. Idempotent: a unit whose register holds anything is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from daihoi.season.register import IncumbentCommittee, record_incumbent_committee
from daihoi.units.models import Unit

SECTION_CODE = "LC-SCT-VP"  # seed 000's Công đoàn bộ phận Văn phòng Sở (units.demo)
CHAIR = "Lường Danh Vọng"
TERM = (2015, 2017)  # the seed's "Trong nhiệm kỳ 2015 - 2017"
TOOK_OFFICE = datetime.date(2015, 7, 1)  # the demo's: the seed gives no day
CONGRESS_DAY = datetime.date(2017, 9, 19)  # seed 000's "Chiều 19⁄9⁄2017"
SOURCE = (
    "Số liệu minh họa của bản demo: bài báo mẫu 000 nêu ông tái đắc cử chức Chủ tịch tại Đại hội "
    "lần thứ I và báo cáo nhiệm kỳ 2015 - 2017 (Chủ tịch do công đoàn cấp trên chỉ định); ngày "
    "nhận chức là của bản demo"
)


def load_demo_register() -> int:
    """Record seed 000's outgoing chair in the section's register; return the rows written."""
    unit = Unit.objects.filter(code=SECTION_CODE).first()
    if unit is None or unit.officers.exists():
        return 0
    officers = record_incumbent_committee(
        unit=unit,
        data=IncumbentCommittee(
            term_start=TERM[0],
            term_end=TERM[1],
            started_on=TOOK_OFFICE,
            source=SOURCE,
            chair=CHAIR,
        ),
        today=timezone.localdate(),
        ended_on=CONGRESS_DAY,
    )
    return len(officers)
