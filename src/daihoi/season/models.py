"""The congress season of an upper unit: its plan, and each lower unit's place in it.

A season (``Season``) belongs to the upper unit that runs it (a LĐLĐ tỉnh, a công đoàn ngành,
the Tổng Liên đoàn): the term, a deadline per kind of unit below (KH 22/KH-TLĐ: công đoàn xã,
phường, đặc khu by 31/10/2025, CĐCS by 31/12/2025), and one ``SeasonUnit`` for each unit below
that must hold its congress: planned date, pilot congress (đại hội điểm), the delegate seats
allocated to it for the upper congress (rules.md §2.10) and the committee size approved (checked
against rules.md §2.12 with the unit's members, counted when the plan was saved).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.season.words import words_of_kind
from daihoi.units.models import UnitKind


class Season(models.Model):
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="seasons",
        verbose_name=_("đơn vị chỉ đạo"),
    )
    name = models.CharField(_("tên kế hoạch"), max_length=255)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The upper unit's own congress, whose delegates the lower congresses elect (rules.md §2.10).
    upper_congress = models.ForeignKey(
        "congresses.Congress",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đại hội của đơn vị chỉ đạo"),
    )

    class Meta:
        verbose_name = _("kế hoạch đại hội các cấp")
        verbose_name_plural = _("kế hoạch đại hội các cấp")
        ordering = ("-term_start", "-id")

    def __str__(self) -> str:
        return self.name

    @property
    def term(self) -> str:
        return f"{self.term_start} - {self.term_end}"


class SeasonDeadline(models.Model):
    """The day by which the units of one kind below must have held their congress."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    due = models.DateField(_("hoàn thành trước ngày"))

    class Meta:
        ordering = ("due", "kind")
        constraints = (
            models.UniqueConstraint(fields=("season", "kind"), name="season_deadline_kind_once"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.due:%d/%m/%Y}"


class SeasonUnit(models.Model):
    """A unit below that must hold its congress in the season, with what the plan gives it."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="season_entries")
    planned_on = models.DateField(_("ngày dự kiến đại hội"), null=True, blank=True)
    pilot = models.BooleanField(_("đại hội điểm"), default=False)
    seats = models.PositiveIntegerField(_("số đại biểu được phân bổ"), default=0)
    committee_size = models.PositiveSmallIntegerField(
        _("số ủy viên BCH được duyệt"), null=True, blank=True
    )
    members = models.PositiveIntegerField(_("số đoàn viên khi duyệt"), default=0)

    class Meta:
        ordering = ("unit__path",)
        constraints = (models.UniqueConstraint(fields=("season", "unit"), name="season_unit_once"),)

    def __str__(self) -> str:
        return f"{self.season}: {self.unit}"


class StepKind(models.TextChoices):
    PERSONNEL_PLAN = "de-an-nhan-su", _("Đề án nhân sự")
    RESULT = "ket-qua-dai-hoi", _("Hồ sơ kết quả đại hội")


class StepStatus(models.TextChoices):
    SENT = "da-gui", _("Đã gửi, chờ cấp trên")
    APPROVED = "da-duyet", _("Đã duyệt")
    RETURNED = "tra-lai", _("Trả lại")
    RECOGNIZED = "da-cong-nhan", _("Đã công nhận")


# A recognized step in the unit's words (season.words): "Đã công nhận", a chi bộ's "Đã chuẩn y".
RECOGNIZED_LABEL = _("Đã {recognize}")
LIVE_STATUSES = (StepStatus.SENT, StepStatus.APPROVED, StepStatus.RECOGNIZED)


class SeasonStep(models.Model):
    """One step a lower unit sends up (đề án nhân sự, hồ sơ kết quả) and the upper's answer.

    A result file approved is a complete file: the recognition deadline runs from its answer
    (rules.md §2.8); the recognition decision is recorded on it.
    """

    entry = models.ForeignKey(SeasonUnit, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("bước"), max_length=20, choices=StepKind.choices)
    status = models.CharField(_("trạng thái"), max_length=20, choices=StepStatus.choices)
    sent_on = models.DateField(_("ngày gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    committee_size = models.PositiveSmallIntegerField(_("số ủy viên BCH"), null=True, blank=True)
    held_on = models.DateField(_("ngày đại hội"), null=True, blank=True)
    delegates_elected = models.PositiveIntegerField(
        _("số đại biểu chính thức đã bầu"), null=True, blank=True
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("lý do trả lại"), blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True)
    decided_on = models.DateField(_("ngày quyết định công nhận"), null=True, blank=True)
    # The new committee's make-up, counted when the file was sent (the board and its export):
    # its chair, how many women, how many young (rules.season.is_young), how many re-elected
    # (in the unit's previous committee in the officer register); None where nobody knows.
    chair_name = models.CharField(_("chủ tịch"), max_length=200, blank=True)
    women = models.PositiveSmallIntegerField(_("số ủy viên nữ"), null=True, blank=True)
    young = models.PositiveSmallIntegerField(_("số ủy viên trẻ"), null=True, blank=True)
    reelected = models.PositiveSmallIntegerField(_("số ủy viên tái cử"), null=True, blank=True)
    # A file typed by hand (a unit that does not use daihoi): what the congress was called and
    # where, for the recognition decision; the names are its ``typed_names``.
    congress_number = models.CharField(_("lần thứ / khóa"), max_length=40, blank=True)
    place = models.CharField(_("địa danh ghi trên văn bản"), max_length=100, blank=True)
    # The congress the unit ran in daihoi: its result file is generated from the record.
    congress = models.ForeignKey(
        "congresses.Congress",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đại hội trên daihoi"),
    )

    class Meta:
        ordering = ("sent_on", "id")
        constraints = (
            # A step cannot be sent twice: one live step of each kind per unit and season.
            models.UniqueConstraint(
                fields=("entry", "kind"),
                condition=models.Q(status__in=LIVE_STATUSES),
                name="season_step_live_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.entry.unit}: {self.get_kind_display()} ({self.status_label})"

    @property
    def names_people(self) -> bool:
        """Tell whether the file names the people (generated from a congress, or typed with its
        names): a recognition decision can then be issued from it."""
        return self.congress_id is not None or self.typed_names.exists()

    @property
    def status_label(self) -> str:
        """Name the status as the step reads it: an approved result file is a complete file."""
        if self.kind == StepKind.RESULT and self.status == StepStatus.APPROVED:
            recognize = words_of_kind(self.entry.unit.kind).recognize
            return str(_("Hồ sơ đủ, chờ {recognize}")).format(recognize=recognize)
        if self.status == StepStatus.RECOGNIZED:
            recognize = words_of_kind(self.entry.unit.kind).recognize
            return str(RECOGNIZED_LABEL).format(recognize=recognize)
        if self.kind == StepKind.RESULT and self.status == StepStatus.RETURNED:
            return str(_("Trả lại (hồ sơ chưa đủ)"))
        return str(self.get_status_display())


class OfficerRole(models.TextChoices):
    """The offices of a union's committee (rules.md §2.8), in the order documents list them."""

    CHAIR = "chu-tich", _("Chủ tịch")
    SECRETARY = "bi-thu", _("Bí thư")  # a Party cell's (or committee's), elected at its congress
    VICE_CHAIR = "pho-chu-tich", _("Phó Chủ tịch")
    COMMITTEE = "uy-vien-bch", _("Ủy viên Ban Chấp hành")
    INSPECTION_CHAIR = "chu-nhiem-ubkt", _("Chủ nhiệm Ủy ban Kiểm tra")
    INSPECTION = "uy-vien-ubkt", _("Ủy viên Ủy ban Kiểm tra")


class FirstMeeting(models.Model):
    """The first meeting of the new committee (hội nghị BCH lần thứ nhất, rules.md §2.8).

    Recorded by the unit with a result file generated from its congress: who was present and
    whom the committee elected, by secret ballot, to its offices (``MeetingVote``).
    """

    step = models.OneToOneField(SeasonStep, on_delete=models.CASCADE, related_name="first_meeting")
    held_on = models.DateField(_("ngày hội nghị BCH lần thứ nhất"))
    committee = models.PositiveSmallIntegerField(_("số ủy viên BCH"))
    present = models.PositiveSmallIntegerField(_("số ủy viên có mặt"))

    class Meta:
        verbose_name = _("hội nghị BCH lần thứ nhất")
        verbose_name_plural = _("hội nghị BCH lần thứ nhất")

    def __str__(self) -> str:
        return f"{self.step}: {self.held_on:%d/%m/%Y}"


class MeetingVote(models.Model):
    """One person the first meeting elected to an office, with the votes over those present."""

    meeting = models.ForeignKey(FirstMeeting, on_delete=models.CASCADE, related_name="votes")
    role = models.CharField(_("chức danh"), max_length=20, choices=OfficerRole.choices)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    votes = models.PositiveSmallIntegerField(_("số phiếu"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("meeting", "order", "id")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class Officer(models.Model):
    """One office held in a unit for a term: the officer register, kept as history.

    Written when the upper level recognizes the unit's new committee (rules.md §2.8): the
    offices of the recognized file start on the decision's day and the unit's previous holders'
    end that day. A unit new to daihoi records its incumbent committee by hand
    (``season.register``): those rows have no step and say where they come from (``source``).
    The current officers (``ended_on`` empty) sign the unit's documents.
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="officers")
    role = models.CharField(_("chức danh"), max_length=20, choices=OfficerRole.choices)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    # The member record the name came from, when the result had one (a typed file has none):
    # two members of the same name are two people (``results.OutgoingCommittee``).
    member = models.ForeignKey(
        "units.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đoàn viên"),
    )
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    step = models.ForeignKey(
        SeasonStep, on_delete=models.PROTECT, null=True, blank=True, related_name="officers"
    )
    # A row recorded by hand: the decision that recognized the committee, as the unit typed it
    # ("Quyết định số 125/QĐ-LĐLĐ ngày 02/10/2022"); empty on a row from a recognized step.
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cán bộ công đoàn (sổ theo dõi)")
        verbose_name_plural = _("sổ theo dõi cán bộ công đoàn")
        ordering = ("unit", "-started_on", "order", "id")
        indexes = (models.Index(fields=["unit", "ended_on"], name="officer_current"),)

    def __str__(self) -> str:
        return f"{self.full_name} – {self.get_role_display()}"


class Replacement(models.Model):
    """An alternate replacing an official delegate who cannot attend the upper congress.

    Decided by the convening level (rules.md §2.10: BCH/BTV of the convening level, on the lower
    level's proposal); the alternate is the next of the same unit in order of votes.
    """

    entry = models.ForeignKey(SeasonUnit, on_delete=models.CASCADE, related_name="replacements")
    official_name = models.CharField(_("đại biểu chính thức vắng"), max_length=200)
    official_key = models.CharField(max_length=80)
    alternate_name = models.CharField(_("đại biểu dự khuyết thay"), max_length=200)
    alternate_key = models.CharField(max_length=80)
    decision = models.CharField(_("quyết định của cấp triệu tập"), max_length=200)
    decided_on = models.DateField(_("ngày quyết định"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đại biểu chính thức bằng dự khuyết")
        verbose_name_plural = _("thay đại biểu chính thức bằng dự khuyết")
        ordering = ("entry", "decided_on", "id")
        constraints = (
            models.UniqueConstraint(fields=("entry", "official_key"), name="replacement_once"),
            models.UniqueConstraint(
                fields=("entry", "alternate_key"), name="replacement_alternate_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.alternate_name} thay {self.official_name}"


class TypedRole(models.TextChoices):
    """What a name typed in a result file is: an office, or a delegate to the upper congress."""

    CHAIR = OfficerRole.CHAIR.value, _("Chủ tịch")
    VICE_CHAIR = OfficerRole.VICE_CHAIR.value, _("Phó Chủ tịch")
    COMMITTEE = OfficerRole.COMMITTEE.value, _("Ủy viên Ban Chấp hành")
    INSPECTION_CHAIR = OfficerRole.INSPECTION_CHAIR.value, _("Chủ nhiệm Ủy ban Kiểm tra")
    INSPECTION = OfficerRole.INSPECTION.value, _("Ủy viên Ủy ban Kiểm tra")
    DELEGATE = "dai-bieu", _("Đại biểu chính thức dự đại hội cấp trên")
    ALTERNATE = "du-khuyet", _("Đại biểu dự khuyết")


class TypedName(models.Model):
    """One name of a result file typed by hand (a unit whose congress did not run in daihoi),
    with what the danh sách trích ngang says of the person, as far as it was given."""

    step = models.ForeignKey(SeasonStep, on_delete=models.CASCADE, related_name="typed_names")
    role = models.CharField(_("chức danh"), max_length=20, choices=TypedRole.choices)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    gender = models.CharField(_("giới tính"), max_length=3, blank=True)  # "Nam", "Nữ" or ""
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, blank=True)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    education = models.CharField(_("trình độ"), max_length=100, blank=True)
    position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("step", "order", "id")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"
