"""The organization tree (units) and its members (đoàn viên), with their transfer history.

Subtrees use a materialized path: each unit's ``path`` is its ancestors' ids and its own, each
written as ``PATH_SEGMENT_WIDTH`` decimal digits, root first ("00000001" "00000007" ...). The
subtree of a unit is then the half-open range ``[path, next_prefix(path))``, which one B-tree index
answers on SQLite and PostgreSQL alike. Digits only, fixed width and an upper bound that is the
prefix plus one (not a "high" character) keep the range right under any collation: every collation
compares strings of ASCII digits digit by digit.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.rules.names import search_words
from daihoi.units.ethnicities import is_minority

PATH_SEGMENT_WIDTH = 8
MAX_UNIT_ID = 10**PATH_SEGMENT_WIDTH - 2  # 99999999 would overflow next_prefix() at the root


def path_segment(unit_id: int) -> str:
    """Return the path segment of one unit id."""
    return f"{unit_id:0{PATH_SEGMENT_WIDTH}d}"


def next_prefix(path: str) -> str:
    """Return the smallest digit string of the same length that sorts after every ``path...``."""
    return f"{int(path) + 1:0{len(path)}d}"


def path_range(path: str) -> tuple[str, str]:
    """Return the half-open range [low, high) of the paths in the subtree rooted at path."""
    return path, next_prefix(path)


class UnitKind(models.TextChoices):
    """The kinds of units in the trade union, and for other organizations, Party and Youth Union."""

    TONG_LIEN_DOAN = "tong_lien_doan", _("Tổng Liên đoàn")
    LDLD_TINH = "ldld_tinh", _("Liên đoàn Lao động tỉnh, thành phố")
    CD_NGANH_TW = "cd_nganh_tw", _("Công đoàn ngành trung ương")
    # Công đoàn cấp trên trực tiếp cơ sở
    LDLD_HUYEN = "ldld_huyen", _("Liên đoàn Lao động huyện, quận, thị xã, thành phố thuộc tỉnh")
    CD_NGANH_TINH = "cd_nganh_tinh", _("Công đoàn ngành tỉnh, thành phố")
    CD_VIEN_CHUC = "cd_vien_chuc", _("Công đoàn Viên chức tỉnh, thành phố")
    CD_KCN = "cd_kcn", _("Công đoàn các khu công nghiệp, khu kinh tế")
    CD_XA_PHUONG = "cd_xa_phuong", _("Công đoàn xã, phường, đặc khu")
    CD_CAP_TREN_KHAC = "cd_cap_tren_khac", _("Công đoàn cấp trên trực tiếp cơ sở khác")
    # Grassroots and below
    CDCS = "cdcs", _("Công đoàn cơ sở")
    CDCS_THANH_VIEN = "cdcs_thanh_vien", _("Công đoàn cơ sở thành viên")
    CD_BO_PHAN = "cd_bo_phan", _("Công đoàn bộ phận")
    TO_CONG_DOAN = "to_cong_doan", _("Tổ công đoàn")
    # Party
    DANG_BO = "dang_bo", _("Đảng bộ")
    CHI_BO = "chi_bo", _("Chi bộ")
    # Youth Union
    DOAN_CO_SO = "doan_co_so", _("Đoàn cơ sở")
    CHI_DOAN = "chi_doan", _("Chi đoàn")


UPPER_GRASSROOTS_KINDS = frozenset(
    {
        UnitKind.LDLD_HUYEN,
        UnitKind.CD_NGANH_TINH,
        UnitKind.CD_VIEN_CHUC,
        UnitKind.CD_KCN,
        UnitKind.CD_XA_PHUONG,
        UnitKind.CD_CAP_TREN_KHAC,
    }
)

# Organization (rules profile name) and level of each kind: a child must be of the same
# organization and of a deeper level than its parent (đảng bộ may hold đảng bộ: level is equal
# and allowed for the kinds in NESTABLE_KINDS).
KIND_LEVEL: dict[str, tuple[str, int]] = {
    UnitKind.TONG_LIEN_DOAN: ("cong-doan", 0),
    UnitKind.LDLD_TINH: ("cong-doan", 1),
    UnitKind.CD_NGANH_TW: ("cong-doan", 1),
    **{kind: ("cong-doan", 2) for kind in UPPER_GRASSROOTS_KINDS},
    UnitKind.CDCS: ("cong-doan", 3),
    UnitKind.CDCS_THANH_VIEN: ("cong-doan", 4),
    UnitKind.CD_BO_PHAN: ("cong-doan", 5),
    UnitKind.TO_CONG_DOAN: ("cong-doan", 6),
    UnitKind.DANG_BO: ("dang", 0),
    UnitKind.CHI_BO: ("dang", 1),
    UnitKind.DOAN_CO_SO: ("doan", 0),
    UnitKind.CHI_DOAN: ("doan", 1),
}
NESTABLE_KINDS = frozenset({UnitKind.DANG_BO, UnitKind.DOAN_CO_SO})


_Row = TypeVar("_Row", bound=models.Model)


class SearchableQuerySet(models.QuerySet[_Row]):
    """Rows that carry a ``search_text``: the folded words a search box looks in (a unit's
    names and code, a member's name, number and phone, a delegate's name, number and workplace;
    each written by its service)."""

    def search(self, text: str) -> Self:
        """Return the rows whose search text holds every word typed, accents aside
        (``rules.names.search_words``: a word too long to be held finds nothing)."""
        longest = self.model._meta.get_field("search_text").max_length
        words = search_words(text, longest=longest or 0)
        if words is None:
            return self.none()
        found = self
        for word in words:
            found = found.filter(search_text__contains=word)
        return found


class UnitQuerySet(SearchableQuerySet["Unit"]):
    def subtree(self, unit: Unit) -> UnitQuerySet:
        """Return this unit and every unit below it (one indexed range on ``path``)."""
        low, high = path_range(unit.path)
        return self.filter(path__gte=low, path__lt=high)

    def ancestors(self, unit: Unit) -> UnitQuerySet:
        """Return the units above this one, root first (not the unit itself)."""
        width = PATH_SEGMENT_WIDTH
        paths = [unit.path[:end] for end in range(width, len(unit.path), width)]
        return self.filter(path__in=paths).order_by("depth")


class Unit(models.Model):
    """A unit of the organization: the confederation down to a union group, or a Party cell."""

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.CharField(_("mã đơn vị"), max_length=50, unique=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    # Set by the services only (create_unit, move_unit); see the module docstring.
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Dictionary order of the name (daihoi.rules.names), for lists of child units.
    name_key = models.CharField(max_length=1000, editable=False, default="")
    # Name, short name and code without accents or case, for the unit search (services set it).
    search_text = models.CharField(max_length=500, editable=False, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[UnitQuerySet] = UnitQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ("path",)
        indexes = (models.Index(fields=["parent", "name_key"], name="unit_parent_name_key"),)

    def __str__(self) -> str:
        return self.name

    def contains(self, other: Unit) -> bool:
        """Tell whether other is this unit or a unit below it."""
        return other.path.startswith(self.path)

    @property
    def organization(self) -> str:
        """Return the rules profile name of this unit's organization (cong-doan, dang, doan)."""
        return KIND_LEVEL[self.kind][0]

    @property
    def is_upper_grassroots(self) -> bool:
        return self.kind in UPPER_GRASSROOTS_KINDS


class Gender(models.TextChoices):
    NAM = "nam", _("Nam")
    NU = "nu", _("Nữ")


class Education(models.TextChoices):
    """Highest education level; rank orders them, POSTGRADUATE groups "sau đại học"."""

    TIEU_HOC = "tieu_hoc", _("Tiểu học")
    THCS = "thcs", _("Trung học cơ sở")
    THPT = "thpt", _("Trung học phổ thông")
    TRUNG_CAP = "trung_cap", _("Trung cấp")
    CAO_DANG = "cao_dang", _("Cao đẳng")
    DAI_HOC = "dai_hoc", _("Đại học")
    THAC_SI = "thac_si", _("Thạc sĩ")
    TIEN_SI = "tien_si", _("Tiến sĩ")

    @classmethod
    def rank(cls, value: str) -> int:
        """Return 0 for primary school up to 7 for a doctorate; -1 when not given."""
        values = list(cls.values)
        return values.index(value) if value in values else -1


POSTGRADUATE = frozenset({Education.THAC_SI, Education.TIEN_SI})


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    MOVED = "moved", _("Đã chuyển đi")
    LEFT = "left", _("Ra khỏi tổ chức")


class MemberQuerySet(SearchableQuerySet["Member"]):
    def in_subtree(self, unit: Unit) -> MemberQuerySet:
        """Return the members of this unit and of every unit below it."""
        low, high = path_range(unit.path)
        return self.filter(unit__path__gte=low, unit__path__lt=high)

    def active(self) -> MemberQuerySet:
        return self.filter(status=MemberStatus.ACTIVE)


class Member(models.Model):
    """A member (đoàn viên) of one unit. Derived fields are set by the services, not by save()."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="members", verbose_name=_("đơn vị")
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    ho = models.CharField(_("họ"), max_length=100, blank=True, editable=False)
    ten_dem = models.CharField(_("tên đệm"), max_length=100, blank=True, editable=False)
    ten = models.CharField(_("tên"), max_length=100, editable=False)
    name_key = models.CharField(max_length=1000, editable=False, db_index=True)
    search_text = models.CharField(max_length=500, editable=False, default="")
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    education = models.CharField(
        _("trình độ học vấn"), max_length=12, choices=Education.choices, blank=True
    )
    professional_level = models.CharField(_("trình độ chuyên môn"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    workplace = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    union_joined_on = models.DateField(_("ngày vào Công đoàn"), null=True, blank=True)
    member_number = models.CharField(_("số thẻ đoàn viên"), max_length=30, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[MemberQuerySet] = MemberQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ("name_key", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["member_number"],
                condition=~Q(member_number=""),
                name="member_number_unique_when_set",
            ),
            models.CheckConstraint(
                condition=Q(is_party_member=True) | Q(party_joined_on__isnull=True),
                name="member_party_date_only_for_party_members",
            ),
        )
        indexes = (models.Index(fields=["unit", "name_key"], name="member_unit_name_key"),)

    def __str__(self) -> str:
        return self.full_name

    def age_on(self, day: date) -> int | None:
        """Return the age in whole years on a day, or None without a birth date."""
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minority(self) -> bool:
        return is_minority(self.ethnicity)


class MemberTransfer(models.Model):
    """One move of a member from one unit to another (the history kept by transfer_member)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("đoàn viên")
    )
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("từ đơn vị")
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đến đơn vị")
    )
    date = models.DateField(_("ngày chuyển"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần chuyển sinh hoạt")
        verbose_name_plural = _("lịch sử chuyển sinh hoạt")
        ordering = ("-date", "-id")

    def __str__(self) -> str:
        return f"{self.member} {self.from_unit} → {self.to_unit} {self.date}"
