"""The yearly emulation cycle of a unit: campaigns, registrations, evaluations and records.

A campaign (phong trào thi đua) is launched by one unit for its subtree and a year. Units in the
subtree register their members and themselves for titles (đăng ký thi đua); the level above
approves or returns each registration. The evaluation (bình xét) keeps each member's facts of the
year and the verdict the rules engine (``daihoi.rules.emulation``) gave on them, with the unit's
proposal. Titles decided in past years are records (hồ sơ thành tích), kept by member, so they
follow the member across transfers.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.rules import emulation as rules
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Member, Unit


class CampaignKind(models.TextChoices):
    YEARLY = "thuong-xuyen", _("Thi đua thường xuyên (hằng năm)")
    THEMED = "chuyen-de", _("Thi đua theo chuyên đề")


class TitleChoice(models.TextChoices):
    """The titles of ``daihoi.rules.emulation.Title``, labelled for the pages (gettext)."""

    LDTT = rules.Title.LDTT.value, _("Lao động tiên tiến")
    CSTDCS = rules.Title.CSTDCS.value, _("Chiến sĩ thi đua cơ sở")
    DVCDXS = rules.Title.DVCDXS.value, _("Đoàn viên công đoàn xuất sắc")
    GVNDVN = rules.Title.GVNDVN.value, _("Giỏi việc nước, đảm việc nhà")
    CSTD_PROVINCE = rules.Title.CSTD_PROVINCE.value, _("Chiến sĩ thi đua cấp bộ, ngành, tỉnh")
    CSTD_NATIONAL = rules.Title.CSTD_NATIONAL.value, _("Chiến sĩ thi đua toàn quốc")
    TTLDTT = rules.Title.TTLDTT.value, _("Tập thể lao động tiên tiến")
    TTLDXS = rules.Title.TTLDXS.value, _("Tập thể lao động xuất sắc")
    FLAG_GOVERNMENT = rules.Title.FLAG_GOVERNMENT.value, _("Cờ thi đua của Chính phủ")
    FLAG_PROVINCE = rules.Title.FLAG_PROVINCE.value, _("Cờ thi đua cấp bộ, ngành, tỉnh")


class AwardChoice(models.TextChoices):
    """The forms of reward of ``daihoi.rules.emulation.Award`` (Giấy khen, Bằng khen)."""

    GIAY_KHEN = rules.Award.GIAY_KHEN.value, _("Giấy khen")
    BANG_KHEN = rules.Award.BANG_KHEN.value, _("Bằng khen")


HONOUR_CHOICES = [*TitleChoice.choices, *AwardChoice.choices]
"""What a record, a proposal line or a decision holds: a title or a form of reward."""

INDIVIDUAL_TITLE_CHOICES = [
    (t.value, t.label) for t in TitleChoice if not rules.Title(t.value).collective
]
COLLECTIVE_TITLE_CHOICES = [
    (t.value, t.label)
    for t in TitleChoice
    if rules.Title(t.value)
    in (
        rules.Title.TTLDTT,
        rules.Title.TTLDXS,
    )
]


class TaskLevelChoice(models.TextChoices):
    EXCELLENT = rules.TaskLevel.EXCELLENT.value, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = rules.TaskLevel.GOOD.value, _("Hoàn thành tốt nhiệm vụ")
    DONE = rules.TaskLevel.DONE.value, _("Hoàn thành nhiệm vụ")
    NOT_DONE = rules.TaskLevel.NOT_DONE.value, _("Không hoàn thành nhiệm vụ")


class DisciplineChoice(models.TextChoices):
    NONE = rules.Discipline.NONE.value, _("Không bị kỷ luật")
    REPRIMAND = rules.Discipline.REPRIMAND.value, _("Khiển trách")
    WARNING = rules.Discipline.WARNING.value, _("Cảnh cáo")
    HEAVIER = rules.Discipline.HEAVIER.value, _("Nặng hơn cảnh cáo")


class InitiativeChoice(models.TextChoices):
    NONE = rules.InitiativeLevel.NONE.value, _("Không có")
    GRASSROOTS = rules.InitiativeLevel.GRASSROOTS.value, _("Được công nhận ở cơ sở")
    PROVINCE = rules.InitiativeLevel.PROVINCE.value, _("Ảnh hưởng cấp bộ, ngành, tỉnh")
    NATIONAL = rules.InitiativeLevel.NATIONAL.value, _("Ảnh hưởng toàn quốc")


class Campaign(models.Model):
    """A campaign (phong trào thi đua) launched by a unit for its subtree and one year."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="emulation_campaigns",
        verbose_name=_("đơn vị phát động"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(
        _("loại phong trào"),
        max_length=20,
        choices=CampaignKind.choices,
        default=CampaignKind.YEARLY,
    )
    title = models.CharField(_("tên phong trào"), max_length=255)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    content = models.TextField(_("nội dung, chỉ tiêu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phát động"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ("-year", "-starts_on", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(kind="thuong-xuyen"),
                name="campaign_one_yearly_per_unit_and_year",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "cho-duyet", _("Chờ duyệt")
    APPROVED = "da-duyet", _("Đã duyệt")
    RETURNED = "tra-lai", _("Trả lại")


class Registration(models.Model):
    """A member's or a collective's registration for one title in a campaign.

    ``member`` set: an individual of ``unit``'s subtree; empty: the collective ``unit`` itself.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị đăng ký")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đoàn viên"),
    )
    title = models.CharField(_("danh hiệu"), max_length=40, choices=TitleChoice.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    return_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "member", "title"],
                condition=Q(member__isnull=False),
                name="registration_once_per_member_and_title",
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit", "title"],
                condition=Q(member__isnull=True),
                name="registration_once_per_collective_and_title",
            ),
            models.CheckConstraint(
                condition=~Q(status="tra-lai") | ~Q(return_reason=""),
                name="registration_returned_with_a_reason",
            ),
        )

    def __str__(self) -> str:
        who = self.member.full_name if self.member else self.unit.name
        return f"{who}: {self.get_title_display()}"


class Evaluation(models.Model):
    """One member's year in a campaign: the facts, the engine's verdict and the proposal.

    ``eligible`` and ``explanations`` are what ``daihoi.rules.emulation`` found on the facts when
    they were saved; ``proposed`` is the unit's proposal, which may hold a title the engine found
    ineligible only with ``override_reason``.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="evaluations")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("đoàn viên")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị khi bình xét")
    )
    task_level = models.CharField(
        _("mức hoàn thành nhiệm vụ"), max_length=20, choices=TaskLevelChoice.choices
    )
    active_in_emulation = models.BooleanField(
        _("tích cực tham gia phong trào thi đua, đoàn kết, tương trợ"), default=True
    )
    days_absent = models.PositiveIntegerField(_("số ngày làm việc nghỉ"), default=0)
    maternity_days = models.PositiveIntegerField(_("trong đó nghỉ thai sản"), default=0)
    joined_on = models.DateField(_("ngày tuyển dụng (nếu dưới một năm)"), null=True, blank=True)
    discipline = models.CharField(
        _("kỷ luật"), max_length=20, choices=DisciplineChoice.choices, default=DisciplineChoice.NONE
    )
    administrative_sanction = models.BooleanField(_("bị xử phạt vi phạm hành chính"), default=False)
    initiative = models.CharField(
        _("sáng kiến"),
        max_length=20,
        choices=InitiativeChoice.choices,
        default=InitiativeChoice.NONE,
    )
    research_accepted = models.BooleanField(_("có đề tài, đề án được nghiệm thu"), default=False)
    active_in_union = models.BooleanField(_("tích cực tham gia hoạt động công đoàn"), default=True)
    family_duties_met = models.BooleanField(
        _("đảm đang việc gia đình (xét Giỏi việc nước, đảm việc nhà)"), default=True
    )
    eligible = models.JSONField(default=list, editable=False)
    explanations = models.JSONField(default=dict, editable=False)
    proposed = models.JSONField(_("danh hiệu đề nghị"), default=list)
    override_reason = models.TextField(_("lý do đề nghị danh hiệu chưa đủ điều kiện"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả bình xét")
        verbose_name_plural = _("kết quả bình xét")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "member"], name="evaluation_once_per_member"
            ),
            models.CheckConstraint(
                condition=Q(maternity_days__lte=models.F("days_absent")),
                name="evaluation_maternity_within_absence",
            ),
        )

    def __str__(self) -> str:
        return f"{self.member} ({self.campaign.year})"

    @property
    def ineligible_proposed(self) -> list[str]:
        """The proposed titles the engine did not find eligible (they carry the reason)."""
        return [t for t in self.proposed if t not in self.eligible]


class TitleRecord(models.Model):
    """A title decided for a member or a collective in a year (hồ sơ thành tích).

    Kept by member, so a member's record follows them across transfers; the engine reads it for
    the titles that need consecutive years (rules.md §5.1, Luật TĐKT 2022 Điều 21-22).
    """

    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đoàn viên"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tập thể"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(
        _("danh hiệu, hình thức khen thưởng"), max_length=40, choices=HONOUR_CHOICES
    )
    source = models.CharField(_("căn cứ (quyết định số, ngày)"), max_length=255, blank=True)
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("quyết định khen thưởng"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("danh hiệu đã đạt")
        verbose_name_plural = _("hồ sơ thành tích")
        ordering = ("-year", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(member__isnull=False) ^ Q(unit__isnull=False),
                name="title_record_of_a_member_or_a_collective",
            ),
            models.UniqueConstraint(
                fields=["member", "year", "title"],
                condition=Q(member__isnull=False),
                name="title_record_once_per_member_year_title",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=Q(unit__isnull=False),
                name="title_record_once_per_collective_year_title",
            ),
        )

    def __str__(self) -> str:
        who = self.member or self.unit
        return f"{who}: {self.get_title_display()} {self.year}"


class CollectiveEvaluation(models.Model):
    """A collective's year in a campaign: its own assessment, its members' counts, the verdict.

    The counts are those of the subtree's active members when it was saved: an unevaluated member
    counts as neither having completed their tasks nor holding a title.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="collective_evaluations"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tập thể")
    )
    task_level = models.CharField(
        _("mức hoàn thành nhiệm vụ của tập thể"), max_length=20, choices=TaskLevelChoice.choices
    )
    active_in_emulation = models.BooleanField(
        _("tích cực tham gia phong trào thi đua"), default=True
    )
    united_and_lawful = models.BooleanField(
        _("nội bộ đoàn kết, chấp hành tốt pháp luật"), default=True
    )
    members = models.PositiveIntegerField(default=0, editable=False)
    completed = models.PositiveIntegerField(default=0, editable=False)
    advanced = models.PositiveIntegerField(default=0, editable=False)
    fighters = models.PositiveIntegerField(default=0, editable=False)
    disciplined_from_warning = models.PositiveIntegerField(default=0, editable=False)
    eligible = models.JSONField(default=list, editable=False)
    explanations = models.JSONField(default=dict, editable=False)
    proposed = models.JSONField(_("danh hiệu đề nghị"), default=list)
    override_reason = models.TextField(_("lý do đề nghị danh hiệu chưa đủ điều kiện"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả bình xét tập thể")
        verbose_name_plural = _("kết quả bình xét tập thể")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "unit"], name="collective_evaluation_once_per_unit"
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit} ({self.campaign.year})"


class CouncilStatus(models.TextChoices):
    ENTERING = "dang-nhap", _("Đang nhập phiếu")
    COUNTED = "da-kiem", _("Đã kiểm phiếu")


class CouncilVote(models.Model):
    """The council's secret ballot (Hội đồng Thi đua – Khen thưởng) on the names for one title.

    The names are the members of ``unit``'s subtree whose evaluation proposes ``title``, frozen
    in ballot order when the vote is set up (``nominees``: [[member id, full name], ...]). The
    count is ``daihoi.rules.counting`` on ``rules.emulation.council_election`` (rules.md §5.1,
    NĐ 98/2023 Điều 30 k7): a name passes with the title's share of ALL council members.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="council_votes")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị có Hội đồng")
    )
    title = models.CharField(_("danh hiệu"), max_length=40, choices=TitleChoice.choices)
    members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    present = models.PositiveSmallIntegerField(_("số thành viên dự họp"))
    written = models.PositiveSmallIntegerField(
        _("số thành viên vắng mặt gửi ý kiến bằng văn bản"), default=0
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    nominees = models.JSONField(default=list, editable=False)
    status = models.CharField(
        max_length=12, choices=CouncilStatus.choices, default=CouncilStatus.ENTERING
    )
    result = models.JSONField(null=True, blank=True, editable=False)
    passed = models.JSONField(default=list, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    counted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bỏ phiếu của Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("phiên bỏ phiếu của Hội đồng Thi đua – Khen thưởng")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(
                fields=["campaign", "unit", "title"], name="council_vote_once_per_unit_and_title"
            ),
            models.CheckConstraint(
                condition=Q(present__lte=models.F("members"))
                & Q(written__lte=models.F("members") - models.F("present")),
                name="council_vote_attendance_within_council",
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_title_display()} ({self.campaign.year})"

    @property
    def ballots_most(self) -> int:
        """The most ballots there can be: one per member present or writing."""
        return self.present + self.written


class CouncilPaper(models.Model):
    """One paper ballot of a council vote as entered: the names kept, or why it is void.

    Not tied to any council member: the ballot is secret.
    """

    vote = models.ForeignKey(CouncilVote, on_delete=models.CASCADE, related_name="papers")
    number = models.PositiveSmallIntegerField()
    kept = models.JSONField(null=True, blank=True)
    invalid = models.CharField(max_length=40, blank=True)
    typed = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=["vote", "number"], name="council_paper_number_once"),
            models.CheckConstraint(
                condition=Q(kept__isnull=True) ^ Q(invalid=""),
                name="council_paper_kept_or_invalid",
            ),
        )

    def __str__(self) -> str:
        return f"Phiếu số {self.number}"


class ProposalStatus(models.TextChoices):
    DRAFT = "soan-thao", _("Đang soạn")
    SUBMITTED = "cho-duyet", _("Chờ cấp trên xét")
    RETURNED = "tra-lai", _("Cấp trên trả lại")
    DECIDED = "da-quyet-dinh", _("Đã có quyết định khen thưởng")


class Proposal(models.Model):
    """A unit's proposal of titles and rewards to the level above (tờ trình đề nghị khen thưởng).

    One per unit and campaign. Its lines come from the unit's evaluations (a title put to the
    council's ballot only for those the council carried) and the rewards the unit adds; the
    level above returns it with a reason or decides it (``Decision``).
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị đề nghị")
    )
    number = models.CharField(_("số tờ trình"), max_length=60, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    return_reason = models.CharField(_("lý do trả lại"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=["campaign", "unit"], name="proposal_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(status="tra-lai") | ~Q(return_reason=""),
                name="proposal_returned_with_a_reason",
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit}: {self.campaign}"

    @property
    def editable(self) -> bool:
        return self.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class ProposalLine(models.Model):
    """One honour proposed: a member's or a collective's title or reward.

    ``eligible`` is the engine's verdict when the line was made (rewards: None, the engine does
    not decide them); ``note`` the written reason kept with an ineligible title, or the
    achievement a reward is for. ``amount`` (whole đồng) is fixed when the decision is made.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị (của cá nhân) hoặc tập thể"),
    )
    collective = models.BooleanField(default=False)
    title = models.CharField(
        _("danh hiệu, hình thức khen thưởng"), max_length=40, choices=HONOUR_CHOICES
    )
    eligible = models.BooleanField(null=True)
    note = models.TextField(_("thành tích / lý do"), blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    amount_explanation = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.CheckConstraint(
                condition=Q(collective=True, member__isnull=True)
                | Q(collective=False, member__isnull=False),
                name="proposal_line_member_or_collective",
            ),
            models.UniqueConstraint(
                fields=["proposal", "member", "title"],
                condition=Q(member__isnull=False),
                name="proposal_line_member_once_per_title",
            ),
            models.UniqueConstraint(
                fields=["proposal", "unit", "title"],
                condition=Q(collective=True),
                name="proposal_line_collective_once_per_title",
            ),
        )

    def __str__(self) -> str:
        return f"{self.who}: {self.get_title_display()}"

    @property
    def who(self) -> str:
        return self.member.full_name if self.member else self.unit.name

    @property
    def amount_vi(self) -> str:
        return "" if self.amount is None else number_vi(self.amount)


class Decision(models.Model):
    """The upper level's decision on a proposal (quyết định khen thưởng, NĐ 30/2020's form).

    Its lines are the proposal's; each becomes a ``TitleRecord`` with its amount.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cấp quyết định")
    )
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=120)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    locality = models.CharField(_("địa danh"), max_length=120, blank=True)
    total = models.PositiveBigIntegerField(_("tổng tiền thưởng (đồng)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ("-signed_on", "-id")

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.signed_on:%d/%m/%Y}"

    @property
    def total_vi(self) -> str:
        return number_vi(self.total)


class CertificatesStatus(models.TextChoices):
    RUNNING = "dang-tao", _("Đang tạo")
    DONE = "xong", _("Xong")
    FAILED = "loi", _("Lỗi")


def certificates_path(instance: CertificateBatch, filename: str) -> str:
    return f"bang-khen/{instance.decision_id}/{secrets.token_hex(8)}/{filename}"


class CertificateBatch(models.Model):
    """One PDF of a decision's certificates (Giấy khen, Bằng khen), made in the background."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CertificatesStatus.choices,
        default=CertificatesStatus.RUNNING,
    )
    total = models.PositiveIntegerField(_("số giấy khen, bằng khen"), default=0)
    done = models.PositiveIntegerField(_("đã dàn trang"), default=0)
    file = models.FileField(_("tệp PDF"), upload_to=certificates_path, blank=True, max_length=300)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    seconds = models.FloatField(_("thời gian tạo (giây)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giấy khen, bằng khen (tệp PDF)")
        verbose_name_plural = _("giấy khen, bằng khen (tệp PDF)")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.done}/{self.total} {self.status}"

    @property
    def is_running(self) -> bool:
        return self.status == CertificatesStatus.RUNNING


class UnitStamp(models.Model):
    """How many times the emulation figures of one unit have changed (``rollup``).

    Bumped by database triggers (migration 0006) in the transaction of every write that changes
    what the unit's year tallies count: its members (added, removed, moved, status, gender, date
    of joining), their title records, evaluations and decided rewards, its own collective
    records and evaluations. No row: never changed since the triggers were installed (0).
    """

    unit = models.OneToOneField(
        Unit,
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,  # the triggers write it; a unit's deletion takes it (Django)
        related_name="+",
    )
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.version}"


class YearTally(models.Model):
    """The emulation figures of one unit (not its subtree) for one year, as counted at ``version``.

    A cache the dashboards read (``rollup``): valid only while ``version`` equals the unit's
    ``UnitStamp``; otherwise it is counted again from the records and written back.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, db_constraint=False, related_name="+")
    year = models.PositiveSmallIntegerField()
    version = models.BigIntegerField()
    figures = models.JSONField(default=dict)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["unit", "year"], name="year_tally_once_per_unit_year"),
        )

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} @{self.version}"


class ClassificationScale(models.TextChoices):
    """The scale a CĐCS's year was classified on (rules.md §6)."""

    HD_1294 = "hd-1294", _("Thang 100 điểm (HD 1294/HD-TLĐ, từ năm 2019)")
    LEGACY = "truoc-2019", _("Thang điểm trước năm 2019 (vững mạnh, khá, trung bình, yếu)")


class ClassificationLevel(models.TextChoices):
    """The levels of both scales (``rules.emulation.UnionLevel`` and ``LegacyLevel``)."""

    EXCELLENT = rules.UnionLevel.EXCELLENT.value, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = rules.UnionLevel.GOOD.value, _("Hoàn thành tốt nhiệm vụ")
    DONE = rules.UnionLevel.DONE.value, _("Hoàn thành nhiệm vụ")
    NOT_DONE = rules.UnionLevel.NOT_DONE.value, _("Không hoàn thành nhiệm vụ")
    STRONG = rules.LegacyLevel.STRONG.value, _("Vững mạnh")
    FAIR = rules.LegacyLevel.FAIR.value, _("Khá")
    AVERAGE = rules.LegacyLevel.AVERAGE.value, _("Trung bình")
    WEAK = rules.LegacyLevel.WEAK.value, _("Yếu")


POINTS = {"max_digits": 5, "decimal_places": 2}


class UnionClassification(models.Model):
    """A CĐCS's classification for a year (xếp loại chất lượng hoạt động công đoàn cơ sở).

    The points are entered; ``total``, ``level`` and ``explanation`` are what
    ``rules.emulation.classify_union`` (HD 1294, from 2019) or ``classify_union_legacy`` (the
    older scale, ``criteria`` as [[points, maximum], ...]) gave on them when saved.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("công đoàn được xếp loại")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    scale = models.CharField(_("thang điểm"), max_length=12, choices=ClassificationScale.choices)
    group1 = models.DecimalField(_("nhóm 1 (tối đa 40 điểm)"), null=True, blank=True, **POINTS)
    group2 = models.DecimalField(_("nhóm 2 (tối đa 40 điểm)"), null=True, blank=True, **POINTS)
    group3 = models.DecimalField(_("nhóm 3 (tối đa 15 điểm)"), null=True, blank=True, **POINTS)
    bonus = models.DecimalField(_("điểm thưởng (tối đa 5 điểm)"), null=True, blank=True, **POINTS)
    criteria = models.JSONField(_("điểm từng tiêu chí (thang cũ)"), default=list, blank=True)
    disciplined_from_warning = models.PositiveIntegerField(
        _("số đoàn viên bị kỷ luật từ cảnh cáo trở lên (thang cũ)"), default=0
    )
    total = models.DecimalField(_("tổng điểm"), editable=False, **POINTS)
    level = models.CharField(
        _("xếp loại"), max_length=20, choices=ClassificationLevel.choices, editable=False
    )
    explanation = models.TextField(_("căn cứ xếp loại"), editable=False)
    source = models.CharField(_("quyết định, biên bản xếp loại"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("xếp loại công đoàn cơ sở")
        verbose_name_plural = _("xếp loại công đoàn cơ sở")
        ordering = ("-year", "id")
        constraints = (
            models.UniqueConstraint(fields=["unit", "year"], name="classification_once_a_year"),
            models.CheckConstraint(
                condition=Q(scale="truoc-2019") | Q(group1__isnull=False, group2__isnull=False),
                name="classification_points_of_its_scale",
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_level_display()} ({self.year})"

    @property
    def points_text(self) -> str:
        """The points as entered, the Vietnamese way: "38,5 + 36 + 13,5 + 4" or "22/25; 20/25"."""
        if self.scale == ClassificationScale.LEGACY:
            return "; ".join(f"{points_vi(p)}/{m}" for p, m in self.criteria)
        groups = (self.group1, self.group2, self.group3, self.bonus)
        return " + ".join(points_vi(g or 0) for g in groups)

    @property
    def total_text(self) -> str:
        return points_vi(self.total)


def points_vi(value: object) -> str:
    """Points written the Vietnamese way, without trailing zeros: 38,5; 40."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")
