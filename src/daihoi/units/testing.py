"""Personas for permission-matrix tests, shared by every app's tests (build in setUpTestData).

Tổng Liên đoàn (root)
└── LĐLĐ tỉnh Lai Châu (province)            ← upper: quản trị
    └── Công đoàn Viên chức tỉnh (upper_grassroots)
        ├── CĐCS Sở Công Thương (unit)      ← officer: cán bộ; viewer: chỉ xem
        │   └── CĐBP Văn phòng Sở (section)
        └── CĐCS Sở Tài chính (sibling)     ← sibling_officer: cán bộ
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from daihoi.accounts.models import Role, User
from daihoi.units.models import Gender, Member, Unit, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit

PASSWORD = "mat-khau-kiem-thu-2026"  # noqa: S105 - tests only


@dataclass(frozen=True)
class World:
    root: Unit
    province: Unit
    upper_grassroots: Unit
    unit: Unit
    section: Unit
    sibling: Unit
    officer: User
    upper: User
    sibling_officer: User
    viewer: User
    superuser: User
    member: Member  # in section, so inside unit's subtree
    sibling_member: Member


def make_user(username: str, unit: Unit | None, role: str, **extra: object) -> User:
    user = User(username=username, unit=unit, role=role, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def build_world() -> World:
    """Create the tree, the personas and one member on each side of the sibling line."""
    root = create_unit(
        parent=None, name="Tổng Liên đoàn Lao động Việt Nam", code="T", kind=UnitKind.TONG_LIEN_DOAN
    )
    province = create_unit(
        parent=root, name="Liên đoàn Lao động tỉnh Lai Châu", code="T-LC", kind=UnitKind.LDLD_TINH
    )
    upper_grassroots = create_unit(
        parent=province,
        name="Công đoàn Viên chức tỉnh Lai Châu",
        code="T-LC-VC",
        kind=UnitKind.CD_VIEN_CHUC,
    )
    unit = create_unit(
        parent=upper_grassroots,
        name="Công đoàn cơ sở Sở Công Thương",
        code="T-LC-VC-CT",
        kind=UnitKind.CDCS,
    )
    section = create_unit(
        parent=unit,
        name="Công đoàn bộ phận Văn phòng Sở",
        code="T-LC-VC-CT-VP",
        kind=UnitKind.CD_BO_PHAN,
    )
    sibling = create_unit(
        parent=upper_grassroots,
        name="Công đoàn cơ sở Sở Tài chính",
        code="T-LC-VC-TC",
        kind=UnitKind.CDCS,
    )
    member = create_member(
        unit=section,
        data=MemberData(
            full_name="Lường Danh Vọng",
            gender=Gender.NAM,
            birth_date=date(1975, 5, 19),
            ethnicity="Thái",
            member_number="KT-0001",
        ),
    )
    sibling_member = create_member(
        unit=sibling,
        data=MemberData(full_name="Trần Thị Hoa", gender=Gender.NU, member_number="KT-0002"),
    )
    return World(
        root=root,
        province=province,
        upper_grassroots=upper_grassroots,
        unit=unit,
        section=section,
        sibling=sibling,
        officer=make_user("canbo", unit, Role.OFFICER),
        upper=make_user("captren", province, Role.ADMIN),
        sibling_officer=make_user("canbo.ben", sibling, Role.OFFICER),
        viewer=make_user("chixem", unit, Role.VIEWER),
        superuser=make_user("sieu", root, Role.ADMIN, is_superuser=True, is_staff=True),
        member=member,
        sibling_member=sibling_member,
    )
