"""Activities the emulation reviews and the resolution targets count, recorded by units.

Four kinds of record, each kept by the unit that recorded it and summed up the tree
(``daihoi.activities.queries.subtree_activity_years``):

- initiatives (sáng kiến): title, authors, the year and level they were recognized at, whether
  they are applied (rules.md §5.1: an initiative recognized at grassroots counts for CSTĐCS);
- research projects (đề tài nghiên cứu khoa học): title, authors, level, the date accepted;
- contributions (quỹ từ thiện, mái ấm công đoàn, other support): an amount in whole đồng, the
  date, the kind and what it was for; one "mái ấm" record is one house built or repaired;
- Party introductions (giới thiệu đoàn viên ưu tú cho Đảng): the member, the date, and whether
  the Party admitted them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.rules.numbers import number_vi
from daihoi.units.models import Member, Unit

FIRST_YEAR = 1975
LAST_YEAR = 2100


class Level(models.TextChoices):
    """The level that recognized an initiative or accepted a research project."""

    GRASSROOTS = "co-so", _("Cấp cơ sở")
    SECTOR = "nganh", _("Cấp ngành")
    PROVINCE = "tinh", _("Cấp tỉnh")
    CENTRAL = "trung-uong", _("Cấp bộ, ngành trung ương")


class ContributionKind(models.TextChoices):
    SHELTER = "mai-am", _("Xây, sửa mái ấm công đoàn")
    CHARITY = "tu-thien", _("Quỹ từ thiện, ủng hộ")
    OTHER_SUPPORT = "ho-tro-khac", _("Hỗ trợ khác (an sinh, phúc lợi)")


class Recorded(models.Model):
    """What every record has: the unit that keeps it, who entered it and when."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Initiative(Recorded):
    """An initiative (sáng kiến) recognized in a year at a level."""

    title = models.CharField(_("tên sáng kiến"), max_length=500)
    authors = models.ManyToManyField(Member, related_name="+", verbose_name=_("tác giả"))
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=Level.choices)
    applied = models.BooleanField(_("đã áp dụng vào thực tế"), default=False)
    note = models.CharField(_("ghi chú (quyết định công nhận)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ("-year", "title", "id")
        indexes = (models.Index(fields=["unit", "year"], name="initiative_unit_year"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="initiative_year_in_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ResearchProject(Recorded):
    """A research project (đề tài nghiên cứu khoa học) accepted (nghiệm thu) at a level."""

    title = models.CharField(_("tên đề tài"), max_length=500)
    authors = models.ManyToManyField(
        Member, related_name="+", verbose_name=_("chủ nhiệm, thành viên")
    )
    level = models.CharField(_("cấp đề tài"), max_length=20, choices=Level.choices)
    accepted_on = models.DateField(_("ngày nghiệm thu"))
    note = models.CharField(_("ghi chú (quyết định nghiệm thu)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("đề tài nghiên cứu khoa học")
        verbose_name_plural = _("đề tài nghiên cứu khoa học")
        ordering = ("-accepted_on", "title", "id")
        indexes = (models.Index(fields=["unit", "accepted_on"], name="research_unit_accepted"),)

    def __str__(self) -> str:
        return f"{self.title} ({self.accepted_on:%d/%m/%Y})"


class Contribution(Recorded):
    """Money given by a unit for charity or welfare, in whole đồng (never a float)."""

    kind = models.CharField(_("loại đóng góp"), max_length=20, choices=ContributionKind.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    given_on = models.DateField(_("ngày"))
    purpose = models.CharField(_("nội dung (cho ai, việc gì)"), max_length=500)

    class Meta:
        verbose_name = _("đóng góp từ thiện, an sinh")
        verbose_name_plural = _("đóng góp từ thiện, an sinh")
        ordering = ("-given_on", "id")
        indexes = (models.Index(fields=["unit", "given_on"], name="contribution_unit_given"),)
        constraints = (
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
        )

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.purpose}, {number_vi(self.amount)} đồng "
            f"({self.given_on:%d/%m/%Y})"
        )


class PartyIntroduction(Recorded):
    """A member introduced to the Party (giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp)."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("đoàn viên")
    )
    introduced_on = models.DateField(_("ngày giới thiệu"))
    admitted = models.BooleanField(_("đã được kết nạp vào Đảng"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("giới thiệu đoàn viên ưu tú cho Đảng")
        verbose_name_plural = _("giới thiệu đoàn viên ưu tú cho Đảng")
        ordering = ("-introduced_on", "id")
        indexes = (models.Index(fields=["unit", "introduced_on"], name="party_intro_unit_date"),)
        constraints = (
            models.UniqueConstraint(
                fields=["member", "introduced_on"], name="party_introduction_once_a_day"
            ),
        )

    def __str__(self) -> str:
        return f"{self.member} ({self.introduced_on:%d/%m/%Y})"


class SheetImport(models.Model):
    """An uploaded list of past records, checked, waiting for its preview to be imported.

    ``kind`` names a ``daihoi.activities.sheets.SheetKind``; ``rows`` holds the checked rows
    (empty when the file has errors, and once imported), ``problems`` every row's problems.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    rows_read = models.PositiveIntegerField(default=0)
    rows_with_errors = models.PositiveIntegerField(default=0)
    rows_with_warnings = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    @property
    def is_imported(self) -> bool:
        return self.imported_at is not None

    @property
    def rows_valid(self) -> int:
        return self.rows_read - self.rows_with_errors

    @property
    def can_confirm(self) -> bool:
        return not self.is_imported and self.rows_with_errors == 0 and bool(self.rows)
