"""Demo data from the seeds (../shared/seeds): the units they name, their upper levels, synthetic
members that reproduce their figures, and demo accounts. Deterministic and idempotent.

| seed | unit | figures kept |
| 000 | Công đoàn bộ phận Văn phòng Sở (Sở Công Thương Lai Châu) | 18 members: room for a BCH of 5
|     |   | and 9 official + 1 alternate delegates; Lường Danh Vọng (chair) by name (the seed's
|     |   | Sở leaders and cell secretary are its congress's guests, congresses.demo) |
| 001 | Công đoàn cơ sở Sở Công Thương | 42 members in 3 sections; Rcom Jen (chair) by name |
| 002 | Công đoàn Sở Khoa học và Công nghệ Hải Phòng | 6 sections, 185 members, 91 women (49,2%) |
| 003 | Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc | 14 Party members |
| 004 | Liên đoàn Lao động tỉnh Điện Biên | 6 upper-grassroots unions, 18 CĐCS, ~470 members |

Seed 001 names no province; it is put under Công đoàn Viên chức tỉnh Lai Châu so that seeds 000 and
001 form one chain (section → grassroots union → upper level), as in domain.md. Six more
grassroots unions of that upper level (156 members) send delegates with seed 001's union to its
đại hội đại biểu (congresses.demo).
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from daihoi.accounts.models import Role, User
from daihoi.units.models import Education, Gender, Member, Unit, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit

DEMO_PASSWORD = "daihoi-demo-2026"  # noqa: S105 - a published demo password, never production
TODAY = date(2025, 1, 1)  # ages are drawn against a fixed day, so the data never drifts


@dataclass(frozen=True)
class Person:
    """A member named in a seed."""

    full_name: str
    gender: str
    ethnicity: str
    position: str
    is_party_member: bool = True
    education: str = Education.DAI_HOC


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    short_name: str = ""
    members: int = 0
    women: int | None = None  # exact count; None: drawn around half
    region: str = "kinh"  # name and ethnicity pool
    party_share: float = 0.45
    people: tuple[Person, ...] = ()
    workplace: str = ""
    children: tuple[DemoUnit, ...] = field(default=())


@dataclass(frozen=True)
class DemoAccount:
    username: str
    unit_code: str
    role: str
    first_name: str
    last_name: str
    superuser: bool = False


# ----------------------------------------------------------------------------- names and people

KINH_FAMILY = (
    ["Nguyễn"] * 12 + ["Trần"] * 5 + ["Lê"] * 4 + ["Phạm"] * 4 + ["Hoàng"] * 3 + ["Vũ"] * 3
    + ["Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Phan", "Trịnh", "Đào", "Lương", "Mai", "Tạ",
       "Cao", "Lý", "Hà", "Đoàn", "Lại", "Nghiêm", "Khúc", "Vương"]
)  # fmt: skip
KINH_MIDDLE = {
    Gender.NAM: ["Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Thành", "Mạnh", "Ngọc", "Công",
                 "Trọng", "Tiến", "Việt", "Anh", "Duy", "Hải"],
    Gender.NU: ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Thị Thu", "Minh", "Hồng", "Phương",
                "Kim", "Thị Hồng", "Diệu", "Thùy", "Bích"],
}  # fmt: skip
KINH_GIVEN = {
    Gender.NAM: ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hùng", "Huy",
                 "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Tùng",
                 "Việt", "Vinh", "Hoàng", "Kiên", "Lâm", "Thành", "Trung", "Toàn", "Hưng", "Đạt",
                 "Quý", "Tâm", "Nghĩa", "Thái", "Hiệp", "Linh"],
    Gender.NU: ["Anh", "Chi", "Dung", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hồng", "Huyền",
                "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngọc", "Nhung", "Oanh", "Phương",
                "Quyên", "Thảo", "Thơ", "Thủy", "Trang", "Vân", "Yến", "Bình", "Giang", "Ánh",
                "Nga", "Nhàn", "Lý", "Duyên", "Thư", "Ngân"],
}  # fmt: skip

# Minority names (family names, middle words, given names) as they appear in Northwest records.
MINORITY_NAMES: dict[str, tuple[list[str], dict[str, list[str]], dict[str, list[str]]]] = {
    "Thái": (
        ["Lò", "Lường", "Quàng", "Cầm", "Tòng", "Lèo", "Điêu", "Vì", "Lù", "Bạc", "Mè", "Hoàng"],
        {Gender.NAM: ["Văn"], Gender.NU: ["Thị"]},
        {Gender.NAM: ["Muôn", "Chiến", "Xôm", "Ún", "Pánh", "Phong", "Hặc", "Khum", "Dũng",
                      "Thanh", "Hom", "Sương", "Ngoan", "Tiên"],
         Gender.NU: ["Xuân", "Ngọc", "Hoa", "Bua", "Ỏn", "Hương", "Đôi", "Pọm", "Lả", "Thoan",
                     "Ánh", "Hiên", "Kim", "Thương"]},
    ),
    "Mông": (
        ["Vừ", "Giàng", "Sùng", "Lầu", "Mùa", "Thào", "Hầu", "Lý", "Tráng", "Vàng", "Hạng"],
        {Gender.NAM: ["A"], Gender.NU: ["Thị"]},
        {Gender.NAM: ["Tiến", "Sơn", "Páo", "Dế", "Chu", "Lử", "Sử", "Pó", "Thề", "Chống", "Dình",
                      "Vàng"],
         Gender.NU: ["Mỷ", "Dua", "Chò", "Say", "Mai", "Sa", "Dợ", "Ía", "Pà", "Sua", "Của"]},
    ),
    "Dao": (
        ["Tẩn", "Chảo", "Lý", "Đặng", "Bàn", "Phàn", "Triệu"],
        {Gender.NAM: ["Láo", "Văn", "Kim", "A"], Gender.NU: ["Thị", "Mẩy", "Sành"]},
        {Gender.NAM: ["Phẩu", "Sài", "Chòi", "Lở", "Quẩy", "Chìu", "Vần", "Lìu"],
         Gender.NU: ["Mẩy", "Sli", "Chiêu", "Xẻ", "Dính", "Mây", "Phây"]},
    ),
    "Hà Nhì": (
        ["Pờ", "Chu", "Lỳ", "Lò", "Phù"],
        {Gender.NAM: ["A", "Xá", "Gạ"], Gender.NU: ["Mé", "Thị", "Xá"]},
        {Gender.NAM: ["Tú", "Xá", "Pó", "Phì", "Chừ", "Hờ"],
         Gender.NU: ["Ma", "Chừ", "Pạ", "Xuy", "Mỷ", "Lé"]},
    ),
    "Lự": (
        ["Lò", "Tao", "Tòng", "Đao", "Chang"],
        {Gender.NAM: ["Văn"], Gender.NU: ["Thị"]},
        {Gender.NAM: ["Pản", "Khăm", "Thoong", "Ón"], Gender.NU: ["Ín", "Pọm", "Sương", "Khăm"]},
    ),
    "Khơ Mú": (
        ["Quàng", "Lò", "Lường", "Cút", "Vi"],
        {Gender.NAM: ["Văn"], Gender.NU: ["Thị"]},
        {Gender.NAM: ["Pấng", "Xiêng", "Ình", "Phăn"], Gender.NU: ["Ón", "Xá", "Pơm", "Nhọt"]},
    ),
    "Giáy": (
        ["Hoàng", "Lù", "Vương", "Sần", "Lồ"],
        {Gender.NAM: ["Văn"], Gender.NU: ["Thị"]},
        {Gender.NAM: ["Sinh", "Páo", "Chấn", "Quân"], Gender.NU: ["Lan", "Mỷ", "Sen", "Dín"]},
    ),
}  # fmt: skip

# Ethnic make-up of each demo region (weights); names follow the group where one is listed above.
REGIONS: dict[str, dict[str, int]] = {
    "laichau": {"Kinh": 52, "Thái": 20, "Mông": 12, "Dao": 5, "Giáy": 3, "Hà Nhì": 3, "Lự": 2,
                "Khơ Mú": 2, "La Hủ": 1},
    "dienbien": {"Kinh": 44, "Thái": 32, "Mông": 15, "Khơ Mú": 3, "Dao": 2, "Hà Nhì": 2,
                 "Lào": 1, "Cống": 1},
    "haiphong": {"Kinh": 98, "Hoa": 1, "Tày": 1},
    "vinhphuc": {"Kinh": 96, "Sán Dìu": 3, "Sán Chay": 1},
}  # fmt: skip
RELIGIONS = {"Kinh": {"Không": 90, "Phật giáo": 7, "Công giáo": 3}, "Mông": {"Không": 80,
             "Tin lành": 20}, "Hoa": {"Không": 70, "Phật giáo": 30}}  # fmt: skip

EDUCATION_WEIGHTS = {
    Education.THPT: 8, Education.TRUNG_CAP: 6, Education.CAO_DANG: 6, Education.DAI_HOC: 62,
    Education.THAC_SI: 16, Education.TIEN_SI: 2,
}  # fmt: skip
PROFESSIONS = [
    "Cử nhân Kinh tế", "Cử nhân Luật", "Cử nhân Kế toán", "Kỹ sư Điện", "Kỹ sư Cơ khí",
    "Cử nhân Quản trị kinh doanh", "Kỹ sư Công nghệ thông tin", "Cử nhân Hành chính",
    "Kỹ sư Hóa học", "Cử nhân Ngoại ngữ", "Kỹ sư Môi trường", "Cử nhân Tài chính - Ngân hàng",
]  # fmt: skip
POSITIONS = (
    ["Chuyên viên"] * 14 + ["Chuyên viên chính"] * 3 + ["Trưởng phòng", "Phó Trưởng phòng",
     "Phó Trưởng phòng", "Kế toán", "Văn thư", "Lái xe", "Nhân viên", "Nhân viên", "Kỹ thuật viên"]
)  # fmt: skip
SCHOOL_POSITIONS = ["Giáo viên"] * 10 + ["Tổ trưởng chuyên môn", "Kế toán", "Nhân viên", "Hiệu phó"]
HOSPITAL_POSITIONS = ["Bác sĩ"] * 4 + ["Điều dưỡng"] * 6 + ["Kỹ thuật viên", "Dược sĩ", "Hộ lý"]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _name(rng: random.Random, ethnicity: str, gender: str) -> str:
    if ethnicity in MINORITY_NAMES:
        families, middles, givens = MINORITY_NAMES[ethnicity]
        return f"{rng.choice(families)} {rng.choice(middles[gender])} {rng.choice(givens[gender])}"
    return (
        f"{rng.choice(KINH_FAMILY)} {rng.choice(KINH_MIDDLE[gender])} "
        f"{rng.choice(KINH_GIVEN[gender])}"
    )


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def _synthetic(
    rng: random.Random, unit: DemoUnit, gender: str, number: str, *, born: range = range(1967, 2002)
) -> MemberData:
    ethnicity = _weighted(rng, REGIONS[unit.region])
    birth = _day(rng, date(born.start, 1, 1), date(born.stop - 1, 12, 31))
    union = _day(
        rng, birth + timedelta(days=365 * 22), min(TODAY, birth + timedelta(days=365 * 32))
    )
    party = rng.random() < unit.party_share
    party_on = (
        _day(rng, birth + timedelta(days=365 * 24), min(TODAY, birth + timedelta(days=365 * 38)))
        if party
        else None
    )
    education = _weighted(rng, EDUCATION_WEIGHTS)
    positions = (
        SCHOOL_POSITIONS
        if "Trường" in unit.name
        else HOSPITAL_POSITIONS
        if "Bệnh viện" in unit.name or "Trung tâm Y tế" in unit.name
        else POSITIONS
    )
    professional = (
        rng.choice(PROFESSIONS)
        if education in (Education.DAI_HOC, Education.THAC_SI, Education.TIEN_SI)
        else ""
    )
    return MemberData(
        full_name=_name(rng, ethnicity, gender),
        gender=gender,
        birth_date=birth,
        ethnicity=ethnicity,
        religion=_weighted(rng, RELIGIONS.get(ethnicity, {"Không": 1})),
        is_party_member=party,
        party_joined_on=party_on,
        education=education,
        professional_level=professional,
        position=rng.choice(positions),
        workplace=unit.workplace
        or unit.name.removeprefix("Công đoàn bộ phận ").removeprefix("Công đoàn cơ sở "),
        union_joined_on=union,
        member_number=number,
        phone="09" + "".join(str(rng.randrange(10)) for _ in range(8)),
    )


def _named(rng: random.Random, unit: DemoUnit, person: Person, number: str) -> MemberData:
    # Leaders named in the seeds held office in 2017-2023: born well before the others.
    data = _synthetic(rng, unit, person.gender, number, born=range(1966, 1980))
    party_on = data.party_joined_on
    if person.is_party_member and party_on is None:
        assert data.birth_date is not None
        party_on = _day(rng, data.birth_date + timedelta(days=365 * 25), TODAY)
    return replace(
        data,
        full_name=person.full_name,
        ethnicity=person.ethnicity,
        religion="Không",
        position=person.position,
        education=person.education,
        is_party_member=person.is_party_member,
        party_joined_on=party_on if person.is_party_member else None,
    )


def members_of(unit: DemoUnit) -> list[MemberData]:
    """Return the demo members of one unit, the same every time."""
    rng = random.Random(f"daihoi-demo/{unit.code}")
    women = unit.women if unit.women is not None else round(unit.members * rng.uniform(0.42, 0.58))
    named_women = sum(1 for p in unit.people if p.gender == Gender.NU)
    rest = [Gender.NU] * (women - named_women)
    rest += [Gender.NAM] * (unit.members - len(unit.people) - len(rest))
    rng.shuffle(rest)
    out = [
        _named(rng, unit, person, f"{unit.code}-{i + 1:04d}")
        for i, person in enumerate(unit.people)
    ]
    for i, gender in enumerate(rest, start=len(out)):
        out.append(_synthetic(rng, unit, gender, f"{unit.code}-{i + 1:04d}"))
    return out


# ----------------------------------------------------------------------------- the tree

NAM, NU = Gender.NAM, Gender.NU
K = UnitKind


def _section(code: str, name: str, members: int, region: str, **kw: object) -> DemoUnit:
    return DemoUnit(code=code, name=name, kind=K.CD_BO_PHAN, members=members, region=region, **kw)  # type: ignore[arg-type]


LAI_CHAU_CONG_THUONG = DemoUnit(
    code="LC-SCT",
    name="Công đoàn cơ sở Sở Công Thương",
    short_name="CĐCS Sở Công Thương",
    kind=K.CDCS,
    children=(
        _section(
            "LC-SCT-VP",
            "Công đoàn bộ phận Văn phòng Sở",
            18,
            "laichau",
            party_share=0.6,
            workplace="Văn phòng Sở Công Thương",
            # The seed's guests (Vừ A Tiến, Hoàng Kiều Anh, Nguyễn Trọng Thức) are guests of
            # its congress (congresses.demo), not members of the section.
            people=(Person("Lường Danh Vọng", NAM, "Thái", "Chủ tịch Công đoàn bộ phận"),),
        ),
        _section(
            "LC-SCT-PCM",
            "Công đoàn bộ phận Các phòng chuyên môn",
            12,
            "laichau",
            party_share=0.55,
            workplace="Các phòng chuyên môn Sở Công Thương",
            people=(
                Person("Rcom Jen", NAM, "Gia Rai", "Phó Giám đốc Sở, Chủ tịch Công đoàn cơ sở"),
            ),
        ),
        _section(
            "LC-SCT-TTKC",
            "Công đoàn bộ phận Trung tâm Khuyến công và Xúc tiến thương mại",
            12,
            "laichau",
            workplace="Trung tâm Khuyến công và Xúc tiến thương mại",
        ),
    ),
)

# The other grassroots unions of Công đoàn Viên chức tỉnh Lai Châu: they send delegates to its
# đại hội đại biểu (congresses.demo), as seed 001's union does.
LAI_CHAU_CDVC_GRASSROOTS = (
    ("LC-STC", "Sở Tài chính", 31),
    ("LC-STP", "Sở Tư pháp", 22),
    ("LC-SNV", "Sở Nội vụ", 24),
    ("LC-SKHDT", "Sở Kế hoạch và Đầu tư", 23),
    ("LC-STNMT", "Sở Tài nguyên và Môi trường", 27),
    ("LC-VPUB", "Văn phòng Ủy ban nhân dân tỉnh", 29),
)

LAI_CHAU = DemoUnit(
    code="LC",
    name="Liên đoàn Lao động tỉnh Lai Châu",
    short_name="LĐLĐ tỉnh Lai Châu",
    kind=K.LDLD_TINH,
    children=(
        DemoUnit(
            code="LC-CDVC",
            name="Công đoàn Viên chức tỉnh Lai Châu",
            short_name="CĐVC tỉnh Lai Châu",
            kind=K.CD_VIEN_CHUC,
            children=(
                LAI_CHAU_CONG_THUONG,
                *(
                    DemoUnit(
                        code=code,
                        name=f"Công đoàn cơ sở {name}",
                        short_name=f"CĐCS {name}",
                        kind=K.CDCS,
                        members=n,
                        region="laichau",
                        workplace=f"{name} tỉnh Lai Châu",
                    )
                    for code, name, n in LAI_CHAU_CDVC_GRASSROOTS
                ),
            ),
        ),
    ),
)

# Seed 002: 6 sections, 185 members of whom 91 women (49,2%).
HAI_PHONG_KHCN_SECTIONS = tuple(
    _section(code, f"Công đoàn bộ phận {name}", n, "haiphong", women=w, party_share=0.5)
    for code, name, n, w in (
        ("HP-SKHCN-VP", "Văn phòng và các phòng chuyên môn Sở", 42, 22),
        ("HP-SKHCN-TTR", "Thanh tra Sở", 12, 5),
        ("HP-SKHCN-CCTC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", 28, 14),
        ("HP-SKHCN-TTUD", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", 45, 21),
        ("HP-SKHCN-TTTT", "Trung tâm Thông tin khoa học và công nghệ", 22, 12),
        ("HP-SKHCN-TTKT", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", 36, 17),
    )
)

HAI_PHONG = DemoUnit(
    code="HP",
    name="Liên đoàn Lao động thành phố Hải Phòng",
    short_name="LĐLĐ TP Hải Phòng",
    kind=K.LDLD_TINH,
    children=(
        DemoUnit(
            code="HP-CDVC",
            name="Công đoàn Viên chức thành phố Hải Phòng",
            short_name="CĐVC TP Hải Phòng",
            kind=K.CD_VIEN_CHUC,
            children=(
                DemoUnit(
                    code="HP-SKHCN",
                    name="Công đoàn Sở Khoa học và Công nghệ Hải Phòng",
                    short_name="CĐ Sở KH&CN",
                    kind=K.CDCS,
                    children=HAI_PHONG_KHCN_SECTIONS,
                ),
            ),
        ),
    ),
)

DIEN_BIEN = DemoUnit(
    code="DB",
    name="Liên đoàn Lao động tỉnh Điện Biên",
    short_name="LĐLĐ tỉnh Điện Biên",
    kind=K.LDLD_TINH,
    children=tuple(
        DemoUnit(
            code=code,
            name=name,
            kind=kind,
            children=tuple(
                DemoUnit(code=f"{code}-{i + 1}", name=cdcs, kind=K.CDCS, members=n,
                         region="dienbien", party_share=0.4)
                for i, (cdcs, n) in enumerate(grassroots)
            ),
        )
        for code, name, kind, grassroots in (
            ("DB-CDVC", "Công đoàn Viên chức tỉnh Điện Biên", K.CD_VIEN_CHUC, (
                ("Công đoàn cơ sở Sở Lao động - Thương binh và Xã hội", 34),
                ("Công đoàn cơ sở Sở Kế hoạch và Đầu tư", 28),
                ("Công đoàn cơ sở Văn phòng Ủy ban nhân dân tỉnh", 41))),
            ("DB-GD", "Công đoàn ngành Giáo dục tỉnh Điện Biên", K.CD_NGANH_TINH, (
                ("Công đoàn cơ sở Trường THPT Chuyên Lê Quý Đôn", 46),
                ("Công đoàn cơ sở Trường Phổ thông Dân tộc nội trú tỉnh", 38),
                ("Công đoàn cơ sở Trường Cao đẳng Kinh tế - Kỹ thuật Điện Biên", 29))),
            ("DB-YT", "Công đoàn ngành Y tế tỉnh Điện Biên", K.CD_NGANH_TINH, (
                ("Công đoàn cơ sở Bệnh viện Đa khoa tỉnh Điện Biên", 48),
                ("Công đoàn cơ sở Trung tâm Y tế huyện Mường Ảng", 27),
                ("Công đoàn cơ sở Trung tâm Y tế huyện Tủa Chùa", 22))),
            ("DB-TP", "Liên đoàn Lao động thành phố Điện Biên Phủ", K.LDLD_HUYEN, (
                ("Công đoàn cơ sở Trường Tiểu học Him Lam", 24),
                ("Công đoàn cơ sở Công ty Cổ phần Cấp nước Điện Biên", 26))),
            ("DB-MA", "Liên đoàn Lao động huyện Mường Ảng", K.LDLD_HUYEN, (
                ("Công đoàn cơ sở Trường THPT Mường Ảng", 21),
                ("Công đoàn cơ sở Ủy ban nhân dân xã Ẳng Nưa", 15))),
            ("DB-NP", "Liên đoàn Lao động huyện Nậm Pồ", K.LDLD_HUYEN, (
                ("Công đoàn cơ sở Trường THPT Nậm Pồ", 19),
                ("Công đoàn cơ sở Trường Tiểu học Nà Khoa", 17),
                ("Công đoàn cơ sở Ủy ban nhân dân huyện Nậm Pồ", 23))),
        )
    ),
)  # fmt: skip

ROOT = DemoUnit(
    code="TLD",
    name="Tổng Liên đoàn Lao động Việt Nam",
    short_name="Tổng Liên đoàn",
    kind=K.TONG_LIEN_DOAN,
    children=(LAI_CHAU, HAI_PHONG, DIEN_BIEN),
)

VINH_PHUC_PARTY = DemoUnit(
    code="VP-DB",
    name="Đảng bộ tỉnh Vĩnh Phúc",
    short_name="Tỉnh ủy Vĩnh Phúc",
    kind=K.DANG_BO,
    children=(
        DemoUnit(
            code="VP-DBK",
            name="Đảng bộ Khối các cơ quan tỉnh Vĩnh Phúc",
            kind=K.DANG_BO,
            children=(
                DemoUnit(
                    code="VP-DB-SLDTBXH",
                    name="Đảng bộ Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Phúc",
                    short_name="Đảng bộ Sở LĐ-TB&XH",
                    kind=K.DANG_BO,
                    children=(
                        DemoUnit(
                            code="VP-CB-CTXH",
                            name="Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc",
                            short_name="Chi bộ TT CTXH",
                            kind=K.CHI_BO,
                            members=14,
                            region="vinhphuc",
                            party_share=1.0,
                            workplace="Trung tâm Công tác xã hội tỉnh Vĩnh Phúc",
                        ),
                    ),
                ),
            ),
        ),
    ),
)

TREES = (ROOT, VINH_PHUC_PARTY)

ACCOUNTS = (
    DemoAccount("admin", "TLD", Role.ADMIN, "Quản trị viên", "", superuser=True),
    DemoAccount("canbo.congthuong", "LC-SCT", Role.OFFICER, "Thảo", "Vũ"),
    DemoAccount("canbo.ldld", "LC", Role.ADMIN, "Hùng", "Nguyễn Văn"),
    DemoAccount("xem.congthuong", "LC-SCT", Role.VIEWER, "Lan", "Trần Thị"),
    DemoAccount("canbo.khcn", "HP-SKHCN", Role.OFFICER, "Dũng", "Hoàng"),
    DemoAccount("canbo.dienbien", "DB", Role.ADMIN, "An", "Bảo"),
    DemoAccount("canbo.ctxh", "VP-CB-CTXH", Role.OFFICER, "Vĩnh", "Lương Cầm"),
)


# ----------------------------------------------------------------------------- loading


@dataclass
class LoadReport:
    units: int = 0
    members: int = 0
    accounts: int = 0


def _load_unit(spec: DemoUnit, parent: Unit | None, report: LoadReport) -> None:
    unit = Unit.objects.filter(code=spec.code).first()
    if unit is None:
        unit = create_unit(
            parent=parent,
            name=spec.name,
            short_name=spec.short_name,
            code=spec.code,
            kind=spec.kind,
        )
        report.units += 1
    if spec.members:
        wanted = members_of(spec)
        have = set(
            Member.objects.filter(member_number__in=[m.member_number for m in wanted]).values_list(
                "member_number", flat=True
            )
        )
        for data in wanted:
            if data.member_number not in have:
                create_member(unit=unit, data=data)
                report.members += 1
    for child in spec.children:
        _load_unit(child, unit, report)


@transaction.atomic
def load_demo() -> LoadReport:
    """Create whatever of the demo data is missing; change nothing that exists."""
    report = LoadReport()
    for tree in TREES:
        _load_unit(tree, None, report)
    for account in ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        user = User(
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            unit=Unit.objects.get(code=account.unit_code),
            role=account.role,
            is_superuser=account.superuser,
            is_staff=account.superuser,
        )
        user.password = demo_password_hash()
        user.save()
        report.accounts += 1
    return report


@functools.cache
def demo_password_hash() -> str:
    """The demo password, hashed once for every demo account.

    The accounts share one published password, so one salt for all of them tells nobody
    anything; hashing it anew for each (Argon2, about 0.45 s) took 10 s of the first `make run`.
    """
    return make_password(DEMO_PASSWORD)


def login_text(base_url: str) -> str:
    """Return the lines that tell a newcomer how to log in to the demo."""
    units = dict(
        Unit.objects.filter(code__in=[a.unit_code for a in ACCOUNTS]).values_list("code", "name")
    )
    lines = [
        f"Mở {base_url} và đăng nhập. Mật khẩu chung của các tài khoản demo: {DEMO_PASSWORD}",
    ]
    for account in ACCOUNTS:
        role = "quản trị hệ thống" if account.superuser else Role(account.role).label
        lines.append(f"  {account.username:<18} {role} · {units.get(account.unit_code, '?')}")
    return "\n".join(lines)
