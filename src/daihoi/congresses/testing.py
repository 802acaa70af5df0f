"""Congresses for tests (any app's): build them through the services, as the pages do."""

from __future__ import annotations

from datetime import date

from daihoi.congresses import services
from daihoi.congresses.models import Congress, CongressForm, Delegate, DelegateKind, EventKind
from daihoi.congresses.services import CongressData, DelegateData
from daihoi.units.models import Unit


def make_congress(
    unit: Unit,
    *,
    form: str = CongressForm.DAI_BIEU,
    number: str = "khóa V",
    term: tuple[int, int] = (2023, 2028),
    on: date = date(2023, 2, 15),
) -> Congress:
    return services.create_congress(
        unit=unit,
        data=CongressData(
            number=number,
            term_start=term[0],
            term_end=term[1],
            starts_on=on,
            form=form,
            venue="Hội trường tầng 3",
            place="Lai Châu",
        ),
    )


def make_conference(
    unit: Unit,
    *,
    name: str = "điển hình tiên tiến",
    number: str = "lần thứ V",
    period: tuple[int, int] = (2015, 2020),
    on: date = date(2020, 7, 8),
) -> Congress:
    """Create a hội nghị (seed 004's by default) through the services."""
    return services.create_congress(
        unit=unit,
        data=CongressData(
            event_kind=EventKind.HOI_NGHI,
            name=name,
            number=number,
            term_start=period[0],
            term_end=period[1],
            starts_on=on,
            form=CongressForm.DAI_BIEU,
            venue="Nhà thiếu nhi tỉnh",
            place="Điện Biên",
        ),
    )


def add_people(
    congress: Congress, count: int, *, kind: str | None = None, prefix: str = "Đại biểu"
) -> list[Delegate]:
    """Add ``count`` delegates typed by hand ("Đại biểu Số 1" ...), numbered in order."""
    kind = kind or services.default_kind(congress)
    return [
        services.add_delegate(
            congress=congress, data=DelegateData(full_name=f"{prefix} Số {n}", kind=kind)
        )
        for n in range(1, count + 1)
    ]


def add_guest(congress: Congress, name: str = "Phạm Thị Thơ") -> Delegate:
    return services.add_delegate(
        congress=congress,
        data=DelegateData(
            full_name=name, kind=DelegateKind.GUEST, position="Chủ tịch Công đoàn cấp trên"
        ),
    )
