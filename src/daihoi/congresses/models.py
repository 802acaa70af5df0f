"""A congress (đại hội) of a unit: its delegates, organs, agenda, documents and attendance.

A conference (hội nghị, seed 004: Hội nghị điển hình tiên tiến lần thứ V) is the same day in the
hall without a term to elect for: delegates, cards, check-in, projector, no elections; the
``event_kind`` says which, and the words the pages and documents print follow it.

Attendance is an append-only log (``AttendanceEvent``); a delegate's ``presence`` is the state the
log leads to, written in the same transaction as each event under a row lock on the delegate, so
counting who is present is one indexed query however many desks check people in at once.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from daihoi.rules import hall
from daihoi.rules.profiles import PROFILES, Profile
from daihoi.units.ethnicities import is_minority
from daihoi.units.models import Education, Gender, Member, SearchableQuerySet, Unit

TOKEN_DIGITS = 20
"""Check-in tokens are digits only: a USB scanner types them right whatever Vietnamese input
method (Telex, VNI) is on, and the QR code uses its compact numeric mode. 10^20 ≈ 2^66."""


def new_token() -> str:
    """Return a fresh random check-in or link token of TOKEN_DIGITS digits."""
    return f"{secrets.randbelow(10**TOKEN_DIGITS):0{TOKEN_DIGITS}d}"


class EventKind(models.TextChoices):
    """What the gathering is: a congress of a term, or a conference (seed 004)."""

    DAI_HOI = "dai-hoi", _("Đại hội")
    HOI_NGHI = "hoi-nghi", _("Hội nghị")


class CongressForm(models.TextChoices):
    """rules.md §1.4: all members attend, or delegates elected by the sections do."""

    TOAN_THE = hall.CongressForm.TOAN_THE.value, _("Đại hội toàn thể")
    DAI_BIEU = hall.CongressForm.DAI_BIEU.value, _("Đại hội đại biểu")


class CongressStatus(models.TextChoices):
    PREPARING = "chuan-bi", _("Đang chuẩn bị")
    IN_SESSION = "dang-hop", _("Đang họp")
    CLOSED = "be-mac", _("Đã bế mạc")


class ProjectorMode(models.TextChoices):
    """What the hall's projector shows; the presidium switches it."""

    WELCOME = "chao-mung", _("Tên đại hội (chào mừng)")
    ATTENDANCE = "diem-danh", _("Điểm danh và điều kiện tiến hành")
    AGENDA = "chuong-trinh", _("Nội dung đang tiến hành")
    ELECTIONS = "bau-cu", _("Bầu cử")
    HALL_VOTE = "bieu-quyet", _("Kết quả biểu quyết")
    SPEECHES = "phat-bieu", _("Phát biểu, tham luận")


PROFILE_CHOICES = [(p.name, p.label) for p in PROFILES.values()]


class Congress(models.Model):
    """One congress of a unit for one term (nhiệm kỳ)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="congresses", verbose_name=_("đơn vị")
    )
    event_kind = models.CharField(
        _("loại sự kiện"), max_length=10, choices=EventKind.choices, default=EventKind.DAI_HOI
    )
    name = models.CharField(
        _("tên hội nghị"),
        max_length=255,
        blank=True,
        help_text=_("Hội nghị: tên sau chữ “Hội nghị”, ví dụ: điển hình tiên tiến"),
    )
    number = models.CharField(
        _("lần thứ / khóa"), max_length=40, blank=True, help_text=_("Ví dụ: lần thứ I, khóa V")
    )
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    starts_on = models.DateField(_("ngày khai mạc"))
    ends_on = models.DateField(_("ngày bế mạc"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    place = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=100, blank=True, help_text=_("Ví dụ: Lai Châu")
    )
    form = models.CharField(_("hình thức"), max_length=10, choices=CongressForm.choices)
    profile = models.CharField(_("quy định áp dụng"), max_length=20, choices=PROFILE_CHOICES)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CongressStatus.choices,
        default=CongressStatus.PREPARING,
    )
    projector_mode = models.CharField(
        _("màn hình chiếu"),
        max_length=15,
        choices=ProjectorMode.choices,
        default=ProjectorMode.ATTENDANCE,
    )
    current_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nội dung đang tiến hành"),
    )
    delegates_over_max_approved = models.BooleanField(
        _("cấp trên đồng ý vượt số đại biểu tối đa"), default=False
    )
    # The link delegates open on their phones to read the documents (shown as a QR code).
    public_token = models.CharField(max_length=TOKEN_DIGITS, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đại hội")
        verbose_name_plural = _("đại hội")
        ordering = ("-starts_on", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="congress_term_order"
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_conference(self) -> bool:
        """Tell whether this is a hội nghị (no term to elect for, no quorum to reach)."""
        return self.event_kind == EventKind.HOI_NGHI

    @property
    def event_word(self) -> str:
        """Return "Đại hội" or "Hội nghị", as documents and the hall's screen print it."""
        return "Hội nghị" if self.is_conference else "Đại hội"

    @property
    def event_label(self) -> str:
        """Return event_word in the page's language, lower case (“đại hội”, “hội nghị”)."""
        return str(EVENT_WORDS[self.event_kind])

    @property
    def title(self) -> str:
        """Return "Đại hội Công đoàn … lần thứ I, nhiệm kỳ 2017 - 2022" (needs the unit).

        A conference is named by its organizers: "Hội nghị điển hình tiên tiến lần thứ V".
        """
        if self.is_conference:
            return " ".join(p for p in ("Hội nghị", self.name, self.number) if p)
        kind = "Đại hội đại biểu" if self.form == CongressForm.DAI_BIEU else "Đại hội"
        head = f"{kind} {self.unit.name}"
        if self.number:
            head += f" {self.number}"
        return f"{head}, nhiệm kỳ {self.term}"

    @property
    def term(self) -> str:
        return f"{self.term_start} - {self.term_end}"

    @property
    def term_line(self) -> str:
        """Return "nhiệm kỳ 2017 - 2022", or the period a conference reviews."""
        word = "giai đoạn" if self.is_conference else "nhiệm kỳ"
        return f"{word} {self.term}"

    @property
    def is_delegate_form(self) -> bool:
        return self.form == CongressForm.DAI_BIEU

    @property
    def rules(self) -> Profile:
        return PROFILES[self.profile]

    @property
    def member_word(self) -> str:
        """Return what a member is called: "đảng viên" in the Party, else "đoàn viên"."""
        return "đảng viên" if self.profile == "dang" else "đoàn viên"

    @property
    def attendee_word(self) -> str:
        """Return who is summoned: "đại biểu", or the members at a toàn thể congress."""
        return "đại biểu" if self.is_delegate_form else self.member_word

    @property
    def attendees_label(self) -> str:
        """Return attendee_word in the page's language, as a count of people."""
        return str(COUNTED_WORDS[self.attendee_word])

    @property
    def members_label(self) -> str:
        """Return member_word in the page's language, as a count of people."""
        return str(COUNTED_WORDS[self.member_word])


EVENT_WORDS = {
    EventKind.DAI_HOI: pgettext_lazy("sự kiện", "đại hội"),
    EventKind.HOI_NGHI: pgettext_lazy("sự kiện", "hội nghị"),
}

# The words above as the pages show them; documents and the rules' messages keep the
# Vietnamese words themselves (they are the record).
COUNTED_WORDS = {
    "đại biểu": pgettext_lazy("số đếm", "đại biểu"),
    "đoàn viên": pgettext_lazy("số đếm", "đoàn viên"),
    "đảng viên": pgettext_lazy("số đếm", "đảng viên"),
}


class DelegateKind(models.TextChoices):
    EX_OFFICIO = "duong-nhien", _("Chính thức đương nhiên")
    ELECTED = "bau", _("Chính thức bầu")
    APPOINTED = "chi-dinh", _("Chính thức chỉ định")
    MEMBER = "thanh-vien", _("Dự đại hội toàn thể")
    ATTENDEE = "du-hoi-nghi", _("Đại biểu dự hội nghị")
    GUEST = "khach-moi", _("Khách mời")


OFFICIAL_KINDS = frozenset({DelegateKind.EX_OFFICIO, DelegateKind.ELECTED, DelegateKind.APPOINTED})
"""The delegates of a đại hội đại biểu who vote."""
VOTING_KINDS = OFFICIAL_KINDS | {DelegateKind.MEMBER, DelegateKind.ATTENDEE}
"""Everyone summoned who votes; guests attend but never vote nor count toward the quorum."""


class Presence(models.TextChoices):
    EXPECTED = "chua-den", _("Chưa đến")
    PRESENT = "co-mat", _("Có mặt")
    LEFT = "da-ve", _("Đã ra về")
    ABSENT = "vang", _("Vắng có lý do")


class Sector(models.TextChoices):
    """rules.md §8.2: khu vực of the delegate's workplace."""

    ADMINISTRATIVE = "hcsn", _("Hành chính sự nghiệp")
    BUSINESS = "sxkd", _("Sản xuất kinh doanh")


class UnionOfficer(models.TextChoices):
    """rules.md §8.2: cán bộ công đoàn chuyên trách or not."""

    FULL_TIME = "chuyen-trach", _("Cán bộ công đoàn chuyên trách")
    PART_TIME = "khong-chuyen-trach", _("Không chuyên trách, trực tiếp sản xuất")


class DelegateQuerySet(SearchableQuerySet["Delegate"]):
    def voting(self) -> DelegateQuerySet:
        return self.filter(kind__in=VOTING_KINDS)

    def guests(self) -> DelegateQuerySet:
        return self.filter(kind=DelegateKind.GUEST)

    def in_protocol_order(self) -> DelegateQuerySet:
        """Order guests as they are introduced: by the rank of their office (1 first; unranked
        last), then in the order they were entered (their number on the list)."""
        return self.order_by(F("protocol_rank").asc(nulls_last=True), "number", "id")


class Delegate(models.Model):
    """A person summoned to the congress, or a guest.

    The personal fields are a snapshot taken when the delegate is added (from the member when
    there is one): the credentials report describes the congress as it was, whatever happens to
    the member record later, and outside guests have no member record at all.
    """

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("đại hội")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("đoàn viên"),
    )
    number = models.PositiveIntegerField(_("số đại biểu"), null=True, blank=True)
    kind = models.CharField(_("loại đại biểu"), max_length=12, choices=DelegateKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    name_key = models.CharField(max_length=1000, editable=False)
    search_text = models.CharField(max_length=700, editable=False, default="")
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    # A guest's place in the protocol order (1 = the highest office), typed by the organizers
    # who know it; guests are introduced by it, then in the order they were entered.
    protocol_rank = models.PositiveSmallIntegerField(_("bậc lễ tân"), null=True, blank=True)
    workplace = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    is_party_member = models.BooleanField(_("đảng viên"), default=False)
    education = models.CharField(
        _("trình độ học vấn"), max_length=12, choices=Education.choices, blank=True
    )
    sector = models.CharField(_("khu vực"), max_length=4, choices=Sector.choices, blank=True)
    union_officer = models.CharField(
        _("cán bộ công đoàn"), max_length=20, choices=UnionOfficer.choices, blank=True
    )
    token = models.CharField(max_length=TOKEN_DIGITS, unique=True, default=new_token)
    # The state the attendance log leads to; set by the services with each event.
    presence = models.CharField(
        _("điểm danh"), max_length=8, choices=Presence.choices, default=Presence.EXPECTED
    )
    presence_at = models.DateTimeField(null=True, blank=True)
    absence_reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)
    events_count = models.PositiveIntegerField(default=0, editable=False)
    # Where a delegate of an upper congress comes from: the lower unit that elected them, and
    # what the list says of them (an alternate replacing an official, by whose decision).
    origin_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị bầu, cử"),
    )
    origin_note = models.CharField(_("ghi chú nguồn"), max_length=300, blank=True)
    # A list kept in step with an outside source (the lower congresses of a season): the key
    # of the person in that source, so building the list again updates it, never duplicates.
    source_key = models.CharField(max_length=80, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[DelegateQuerySet] = DelegateQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ("name_key", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["congress", "member"],
                condition=Q(member__isnull=False),
                name="delegate_member_once_per_congress",
            ),
            models.UniqueConstraint(
                fields=["congress", "number"],
                condition=Q(number__isnull=False),
                name="delegate_number_unique_per_congress",
            ),
            models.UniqueConstraint(
                fields=["congress", "source_key"],
                condition=~Q(source_key=""),
                name="delegate_source_key_once",
            ),
        )
        indexes = (
            models.Index(fields=["congress", "presence", "kind"], name="delegate_presence"),
            models.Index(fields=["congress", "name_key"], name="delegate_name_key"),
        )

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_voting(self) -> bool:
        """Tell whether this delegate votes (everyone summoned; never an invited guest)."""
        return self.kind in VOTING_KINDS

    @property
    def is_present(self) -> bool:
        """Tell whether the delegate is in the hall now (checked in and not left)."""
        return self.presence == Presence.PRESENT

    @property
    def is_minority(self) -> bool:
        return bool(self.ethnicity) and is_minority(self.ethnicity)


class AttendanceKind(models.TextChoices):
    ARRIVED = "den", _("Đến")
    LEFT = "ve", _("Ra về")
    ABSENT = "vang", _("Vắng có lý do")


class AttendanceEvent(models.Model):
    """One line of the attendance log. Never deleted; a mistake is marked undone."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="+")
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="events", verbose_name=_("đại biểu")
    )
    # The delegate's n-th event: two desks writing the same delegate's next event at once
    # collide on (delegate, seq), so at most one of them lands.
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("loại"), max_length=4, choices=AttendanceKind.choices)
    at = models.DateTimeField(_("thời gian"))
    desk = models.CharField(_("bàn đón tiếp"), max_length=40, blank=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    undone = models.BooleanField(_("đã hoàn tác"), default=False)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt điểm danh")
        verbose_name_plural = _("nhật ký điểm danh")
        ordering = ("-at", "-id")
        constraints = (
            models.UniqueConstraint(fields=["delegate", "seq"], name="attendance_event_seq"),
        )
        indexes = (models.Index(fields=["congress", "-at"], name="attendance_recent"),)

    def __str__(self) -> str:
        return f"{self.delegate_id} {self.kind} {self.at:%H:%M:%S}"


class OrganKind(models.TextChoices):
    """The congress organs approved by show of hands (rules.md §2.1, §2.13 item 3)."""

    DOAN_CHU_TICH = "doan-chu-tich", _("Đoàn Chủ tịch")
    DOAN_THU_KY = "doan-thu-ky", _("Đoàn Thư ký")
    BAN_THAM_TRA = "ban-tham-tra", _("Ban Thẩm tra tư cách đại biểu")
    BAN_KIEM_PHIEU = "ban-kiem-phieu", _("Ban Kiểm phiếu")


class Organ(models.Model):
    """One organ of the congress and its show-of-hands approval (empty until recorded)."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="organs")
    kind = models.CharField(_("cơ quan"), max_length=15, choices=OrganKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    votes_yes = models.PositiveIntegerField(_("tán thành"), null=True, blank=True)
    votes_no = models.PositiveIntegerField(_("không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("không biểu quyết"), null=True, blank=True)
    votes_present = models.PositiveIntegerField(_("có mặt khi biểu quyết"), null=True, blank=True)
    adopted = models.BooleanField(_("được thông qua"), null=True, blank=True)
    decision = models.CharField(_("kết quả biểu quyết"), max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cơ quan giúp việc đại hội")
        verbose_name_plural = _("cơ quan giúp việc đại hội")
        ordering = ("congress", "order", "id")
        constraints = (
            models.UniqueConstraint(fields=["congress", "kind"], name="organ_once_per_congress"),
        )

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def head_label(self) -> str:
        """Return what the head of this organ is called."""
        if self.kind == OrganKind.DOAN_CHU_TICH:
            return "Chủ trì"
        if self.kind == OrganKind.DOAN_THU_KY:
            return "Trưởng đoàn"
        return "Trưởng ban"


class OrganRole(models.TextChoices):
    HEAD = "truong-ban", _("Trưởng ban")
    MEMBER = "thanh-vien", _("Thành viên")


class OrganMember(models.Model):
    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="members")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="organ_seats")
    role = models.CharField(
        _("vai trò"), max_length=10, choices=OrganRole.choices, default=OrganRole.MEMBER
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Ban Kiểm phiếu: the account this member enters, reconciles and counts ballots with. Only
    # the accounts of the committee's seats do (one account per seat, one seat per person).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organ_seats",
        verbose_name=_("tài khoản"),
    )

    class Meta:
        verbose_name = _("thành viên cơ quan đại hội")
        verbose_name_plural = _("thành viên cơ quan đại hội")
        ordering = ("organ", "order", "id")
        constraints = (
            models.UniqueConstraint(fields=["organ", "delegate"], name="organ_member_once"),
            models.UniqueConstraint(fields=["organ", "account"], name="organ_account_once"),
            models.UniqueConstraint(
                fields=["organ"], condition=Q(role="truong-ban"), name="organ_one_head"
            ),
        )

    def __str__(self) -> str:
        return f"{self.delegate} ({self.get_role_display()})"

    @property
    def full_name(self) -> str:
        return self.delegate.full_name

    @property
    def is_head(self) -> bool:
        return self.role == OrganRole.HEAD

    @property
    def role_label(self) -> str:
        return self.organ.head_label if self.role == OrganRole.HEAD else "Thành viên"


class AgendaItem(models.Model):
    """One item of the order of business (rules.md §2.13)."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.CharField(_("người trình bày"), max_length=200, blank=True)
    # Which statutory step this is (for the elections app to find "bầu cử"); "" if added by hand.
    step = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("chương trình đại hội")
        ordering = ("congress", "order", "id")

    def __str__(self) -> str:
        return self.title


def document_path(instance: CongressDocument, filename: str) -> str:
    # A random folder: the name of a file never reveals another file's address.
    return f"dai-hoi/{instance.congress_id}/{secrets.token_hex(8)}/{filename}"


class CongressDocument(models.Model):
    """A document of the congress (report, draft resolution) that delegates may read."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tên tài liệu"), max_length=300)
    file = models.FileField(_("tệp"), upload_to=document_path, max_length=300)
    for_delegates = models.BooleanField(_("đại biểu được xem"), default=True)
    order = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu đại hội")
        verbose_name_plural = _("tài liệu đại hội")
        ordering = ("congress", "order", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class QuorumOverride(models.Model):
    """The presidium's decision to proceed without the quorum (rules.md §1.2), kept for audit."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="overrides")
    present = models.PositiveIntegerField()
    summoned = models.PositiveIntegerField()
    reason = models.CharField(_("lý do"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định tiến hành khi chưa đủ số lượng")
        verbose_name_plural = _("quyết định tiến hành khi chưa đủ số lượng")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.present}/{self.summoned}: {self.reason}"


class CardsStatus(models.TextChoices):
    RUNNING = "dang-tao", _("Đang tạo")
    DONE = "xong", _("Đã tạo xong")
    FAILED = "loi", _("Không tạo được")


def cards_path(instance: CardBatch, filename: str) -> str:
    return f"the-dai-bieu/{instance.congress_id}/{secrets.token_hex(8)}/{filename}"


class CardBatch(models.Model):
    """One PDF of delegate cards, made in the background when the list is long."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="card_batches")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CardsStatus.choices, default=CardsStatus.RUNNING
    )
    total = models.PositiveIntegerField(_("số thẻ"), default=0)
    done = models.PositiveIntegerField(_("đã dàn trang"), default=0)
    file = models.FileField(_("tệp PDF"), upload_to=cards_path, blank=True, max_length=300)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    seconds = models.FloatField(_("thời gian tạo (giây)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thẻ đại biểu (tệp PDF)")
        verbose_name_plural = _("thẻ đại biểu (tệp PDF)")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.congress_id}: {self.done}/{self.total} {self.status}"

    @property
    def is_running(self) -> bool:
        return self.status == CardsStatus.RUNNING


class DelegateImport(models.Model):
    """An uploaded delegate list, checked once and kept until it is imported (all rows or none).

    A list holds at most a few thousand people, so it is checked inside the upload's request
    and the checked rows wait here, in the database, for the organizers to read the preview.
    """

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="imports", verbose_name=_("đại hội")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    original_name = models.CharField(_("tên tệp"), max_length=255)
    rows_read = models.PositiveIntegerField(_("số dòng đọc được"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("số dòng có lỗi"), default=0)
    rows_with_warnings = models.PositiveIntegerField(_("số dòng có cảnh báo"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    # The first problems found, in row order; the notes are about the file as a whole.
    problems = models.JSONField(_("các vấn đề"), default=list, blank=True)
    notes = models.JSONField(_("ghi chú về cả tệp"), default=list, blank=True)
    # The rows to write, checked (kept only when no row has an error).
    rows = models.JSONField(_("các dòng đã kiểm tra"), default=list, blank=True)
    imported_count = models.PositiveIntegerField(_("số người đã nhập"), default=0)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    imported_at = models.DateTimeField(_("lúc nhập"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách đại biểu")
        verbose_name_plural = _("các lần nhập danh sách đại biểu")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.original_name} → {self.congress_id}"

    @property
    def is_imported(self) -> bool:
        return self.imported_at is not None

    @property
    def rows_valid(self) -> int:
        return self.rows_read - self.rows_with_errors

    @property
    def can_confirm(self) -> bool:
        return not self.is_imported and self.rows_with_errors == 0 and bool(self.rows)


class HallVoteSubject(models.TextChoices):
    """What the congress adopts by show of hands besides its organs (rules.md §2.1)."""

    AGENDA = "chuong-trinh", _("Chương trình đại hội")
    RULES = "quy-che", _("Quy chế làm việc của đại hội")
    REPORT = "bao-cao", _("Báo cáo chính trị")
    RESOLUTION = "nghi-quyet", _("Nghị quyết đại hội")
    OTHER = "khac", _("Nội dung khác")


class HallVoteQuerySet(models.QuerySet["HallVote"]):
    def current(self) -> HallVoteQuerySet:
        """Return the votes that stand: neither cancelled nor replaced by a correction."""
        return self.filter(cancelled_at__isnull=True, replaced_by__isnull=True)


class HallVote(models.Model):
    """One show of hands on a document or item of the congress, with its figures and time.

    Recorded once and kept: a second vote on the same item is a new record (the minutes print
    each vote in order). A mistake is never deleted nor overwritten: a correction is a new row
    that ``replaces`` the old one with the written reason (same ``voted_at``, its own
    ``recorded_at``), a cancellation marks the row with its reason; the projector and the
    documents show only the votes that stand (``HallVote.objects.current()``), the history shows
    them all.
    """

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="hall_votes")
    subject = models.CharField(_("nội dung"), max_length=15, choices=HallVoteSubject.choices)
    title = models.CharField(_("tên nội dung biểu quyết"), max_length=300)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hall_votes",
        verbose_name=_("nội dung chương trình"),
    )
    votes_yes = models.PositiveIntegerField(_("tán thành"))
    votes_no = models.PositiveIntegerField(_("không tán thành"))
    votes_abstain = models.PositiveIntegerField(_("không biểu quyết"))
    votes_present = models.PositiveIntegerField(_("có mặt khi biểu quyết"))
    adopted = models.BooleanField(_("được thông qua"))
    decision = models.CharField(_("kết quả biểu quyết"), max_length=500)
    voted_at = models.DateTimeField(_("lúc biểu quyết"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    recorded_at = models.DateTimeField(_("lúc ghi"), default=timezone.now)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("sửa lần ghi"),
    )
    reason = models.CharField(_("lý do sửa"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("lúc hủy"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người hủy"),
    )
    cancel_reason = models.CharField(_("lý do hủy"), max_length=500, blank=True)

    objects: ClassVar[HallVoteQuerySet] = HallVoteQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("biểu quyết tại đại hội")
        verbose_name_plural = _("các biểu quyết tại đại hội")
        ordering = ("congress", "voted_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(
                    votes_yes__lte=models.F("votes_present")
                    - models.F("votes_no")
                    - models.F("votes_abstain")
                ),
                name="hall_vote_hands_within_present",
            ),
            # A correction and a cancellation always say why.
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(reason=""),
                name="hall_vote_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="hall_vote_cancellation_has_reason",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        """Tell whether this vote stands (not cancelled, not replaced by a correction)."""
        if self.cancelled_at is not None:
            return False
        try:
            self.replaced_by  # noqa: B018 (the reverse one-to-one raises when absent)
        except HallVote.DoesNotExist:
            return True
        return False


class SpeechKind(models.TextChoices):
    """What a speech at the congress is, as the minutes and the news report name it."""

    GUIDANCE = "chi-dao", _("Phát biểu chỉ đạo")
    CONTRIBUTION = "tham-luan", _("Tham luận")
    REMARKS = "phat-bieu", _("Phát biểu")


class Speech(models.Model):
    """One speech on the speakers' list (danh sách phát biểu) the presidium calls from.

    Listed in ``order``; ``called_at`` is when the presidium called the speaker to the rostrum
    (null while waiting). A called speech is part of the record (the minutes, the news report)
    and is never deleted.
    """

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="speeches")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=10, choices=SpeechKind.choices)
    speaker = models.CharField(_("người phát biểu"), max_length=200)
    speaker_title = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    topic = models.CharField(_("tên tham luận, nội dung"), max_length=300, blank=True)
    called_at = models.DateTimeField(_("lúc mời phát biểu"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phát biểu, tham luận")
        verbose_name_plural = _("phát biểu, tham luận")
        ordering = ("congress", "order", "id")
        constraints = (
            models.UniqueConstraint(fields=["congress", "order"], name="speech_order_unique"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.speaker}"

    @property
    def speaker_line(self) -> str:
        """Return "Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng Sở" as the seeds write it."""
        return f"{self.speaker} - {self.speaker_title}" if self.speaker_title else self.speaker
