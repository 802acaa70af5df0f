"""The unit dashboard (thống kê): the make-up of a unit's subtree, counted in the database.

Two queries whatever the size of the subtree: one conditional aggregate over the active members
(every count below in one pass) and one grouped count of the units below by kind. Ages are
compared as birth-date ranges against the day given, so the database does no date arithmetic
per row and Python never sees a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daihoi.rules.numbers import number_vi, percent_vi, years_before
from daihoi.units.ethnicities import KINH
from daihoi.units.models import KIND_LEVEL, Education, Gender, Member, Unit, UnitKind

# Education groups as the credentials reports list them (báo cáo thẩm tra tư cách đại biểu).
EDUCATION_GROUPS: tuple[tuple[str, Promise, frozenset[str]], ...] = (
    ("sau_dai_hoc", _("Sau đại học"), frozenset({Education.THAC_SI, Education.TIEN_SI})),
    (
        "dai_hoc_cao_dang",
        _("Đại học, cao đẳng"),
        frozenset({Education.DAI_HOC, Education.CAO_DANG}),
    ),
    (
        "trung_cap_tro_xuong",
        _("Trung cấp trở xuống"),
        frozenset({Education.TIEU_HOC, Education.THCS, Education.THPT, Education.TRUNG_CAP}),
    ),
)
EDUCATION_UNKNOWN = ("chua_ro", _("Chưa rõ"))

# Age bands: (key, label, lowest age, highest age or None); ages in whole years on the day.
AGE_BANDS: tuple[tuple[str, Promise, int, int | None], ...] = (
    ("duoi_30", _("Dưới 30 tuổi"), 0, 29),
    ("30_39", _("Từ 30 đến 39 tuổi"), 30, 39),
    ("40_49", _("Từ 40 đến 49 tuổi"), 40, 49),
    ("50_59", _("Từ 50 đến 59 tuổi"), 50, 59),
    ("tu_60", _("Từ 60 tuổi trở lên"), 60, None),
)
AGE_UNKNOWN = ("chua_ro", _("Chưa rõ ngày sinh"))


@dataclass(frozen=True)
class Group:
    """One line of a breakdown: a key for the API, a Vietnamese label, a count and its share."""

    key: str
    label: str | Promise
    count: int
    total: int

    @property
    def count_vi(self) -> str:
        return number_vi(self.count)

    @property
    def percent_vi(self) -> str:
        return percent_vi(self.count, self.total)

    @property
    def permille(self) -> int:
        """Return the share in thousandths, rounded down (the length of a chart bar)."""
        return self.count * 1000 // self.total if self.total else 0


@dataclass(frozen=True)
class UnitStatistics:
    """The figures of one unit's subtree on one day (active members only)."""

    unit: Unit
    day: date
    members: int
    women: int
    party_members: int
    minorities: int
    ethnicity_unknown: int
    education: tuple[Group, ...]
    age: tuple[Group, ...]
    units_below: tuple[Group, ...]  # by kind, upper levels first; total is all units below

    def share(self, key: str, label: str | Promise, count: int) -> Group:
        return Group(key, label, count, self.members)

    @property
    def women_group(self) -> Group:
        return self.share("nu", _("Nữ"), self.women)

    @property
    def party_group(self) -> Group:
        return self.share("dang_vien", _("Đảng viên"), self.party_members)

    @property
    def minority_group(self) -> Group:
        return self.share("dan_toc_thieu_so", _("Dân tộc thiểu số"), self.minorities)

    @property
    def men_group(self) -> Group:
        return self.share("nam", _("Nam"), self.members - self.women)

    @property
    def composition(self) -> tuple[Group, ...]:
        """Return women, party members and ethnic minorities, as credentials reports list them."""
        return (self.women_group, self.party_group, self.minority_group)

    @property
    def members_vi(self) -> str:
        return number_vi(self.members)

    @property
    def units_below_total(self) -> int:
        return sum(group.count for group in self.units_below)


def _age_filter(day: date, low: int, high: int | None) -> Q:
    # age >= low  <=>  born on or before years_before(day, low);
    # age <= high <=>  age < high + 1  <=>  born after years_before(day, high + 1).
    condition = Q(birth_date__lte=years_before(day, low))
    if high is not None:
        condition &= Q(birth_date__gt=years_before(day, high + 1))
    return condition


def unit_statistics(unit: Unit, *, day: date | None = None) -> UnitStatistics:
    """Return the figures of a unit's subtree (active members) on a day, today by default."""
    day = day or timezone.localdate()
    counts = {
        "members": Count("id"),
        "women": Count("id", filter=Q(gender=Gender.NU)),
        "party": Count("id", filter=Q(is_party_member=True)),
        "minorities": Count("id", filter=~Q(ethnicity__in=(KINH, ""))),
        "ethnicity_unknown": Count("id", filter=Q(ethnicity="")),
        "edu_unknown": Count("id", filter=~Q(education__in=Education.values)),
        "age_unknown": Count("id", filter=Q(birth_date__isnull=True)),
    }
    for key, _label, values in EDUCATION_GROUPS:
        counts[f"edu_{key}"] = Count("id", filter=Q(education__in=sorted(values)))
    for key, _label, low, high in AGE_BANDS:
        counts[f"age_{key}"] = Count("id", filter=_age_filter(day, low, high))
    row = Member.objects.in_subtree(unit).active().aggregate(**counts)

    total = row["members"]
    education = (
        *(Group(key, label, row[f"edu_{key}"], total) for key, label, _v in EDUCATION_GROUPS),
        Group(*EDUCATION_UNKNOWN, row["edu_unknown"], total),
    )
    age = (
        *(Group(key, label, row[f"age_{key}"], total) for key, label, _l, _h in AGE_BANDS),
        Group(*AGE_UNKNOWN, row["age_unknown"], total),
    )

    per_kind = dict(
        Unit.objects.subtree(unit)
        .filter(depth__gt=unit.depth)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    below = sum(per_kind.values())
    order = list(UnitKind.values)
    units_below = tuple(
        Group(kind, UnitKind(kind).label, n, below)
        for kind, n in sorted(
            per_kind.items(), key=lambda kv: (KIND_LEVEL[kv[0]][1], order.index(kv[0]))
        )
    )
    return UnitStatistics(
        unit=unit,
        day=day,
        members=total,
        women=row["women"],
        party_members=row["party"],
        minorities=row["minorities"],
        ethnicity_unknown=row["ethnicity_unknown"],
        education=education,
        age=age,
        units_below=units_below,
    )
