"""Elections in the hall: the election, its rounds, candidates, paper entries and phone ballots.

Secrecy of the phone vote rests on the schema: ``VoterParticipation`` says who has voted in a
round, ``PhoneBallot`` what was voted, and nothing ties one row to the other. The ballot has a
random UUID key, no timestamp, no reference to a delegate, a user or the participation, and is
listed by its random key (or its random receipt code), never by insertion. Both rows are
written in one transaction, so a vote is counted exactly once or not at all. At the close both
tables are rewritten in random order and compacted, so nothing physical pairs them afterwards
(``services.close_round``; docs/secrecy.md says what can be seen while the vote is open).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daihoi.rules.election import PAPER_REASONS


class ElectionKind(models.TextChoices):
    BCH = "bch", _("Ban Chấp hành")
    CHAIR = "chu-tich", _("Chủ tịch (bầu trực tiếp tại đại hội)")
    DELEGATES = "dai-bieu", _("Đại biểu đi dự đại hội cấp trên")
    UBKT = "ubkt", _("Ủy ban Kiểm tra")
    PARTY_SECRETARY = "bi-thu", _("Bí thư chi bộ")
    OTHER = "khac", _("Khác")


class Election(models.Model):
    """One secret-ballot election of a congress; its rounds hold the votes."""

    congress = models.ForeignKey(
        "congresses.Congress",
        on_delete=models.PROTECT,
        related_name="elections",
        verbose_name=_("đại hội"),
    )
    kind = models.CharField(_("loại bầu cử"), max_length=10, choices=ElectionKind.choices)
    title = models.CharField(_("tên cuộc bầu cử"), max_length=300)
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    alternates = models.PositiveSmallIntegerField(_("số dự khuyết"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("cuộc bầu cử")
        ordering = ("congress", "id")
        constraints = (
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_seats_at_least_one"),
        )

    def __str__(self) -> str:
        return self.title


class Nomination(models.TextChoices):
    SELF = "ung-cu", _("Ứng cử")
    NOMINATED = "de-cu", _("Đề cử")


class Candidate(models.Model):
    """A name on the list of an election: a member or a delegate, nominated or self-nominated."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("bầu cử")
    )
    member = models.ForeignKey(
        "units.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("đoàn viên"),
    )
    delegate = models.ForeignKey(
        "congresses.Delegate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        verbose_name=_("đại biểu"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)  # NFC
    name_key = models.CharField(max_length=1000, editable=False)  # names.sort_key
    nomination = models.CharField(
        _("hình thức"), max_length=6, choices=Nomination.choices, default=Nomination.NOMINATED
    )
    withdrawn = models.BooleanField(_("đã rút"), default=False)
    withdrawn_reason = models.CharField(_("lý do rút"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người trong danh sách bầu cử")
        verbose_name_plural = _("danh sách bầu cử")
        ordering = ("election", "name_key", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["election", "member"],
                condition=Q(member__isnull=False),
                name="candidate_member_once_per_election",
            ),
            models.UniqueConstraint(
                fields=["election", "delegate"],
                condition=Q(delegate__isnull=False),
                name="candidate_delegate_once_per_election",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn=True) | Q(withdrawn_reason=""),
                name="candidate_reason_only_when_withdrawn",
            ),
        )

    def __str__(self) -> str:
        return self.full_name


class MinutesResult(models.Model):
    """The result of an election not voted in daihoi, recorded from its minutes.

    A congress held before the unit used daihoi, or counted by hand on paper, has a signed
    biên bản kiểm phiếu: who was elected, who is an alternate. Recorded here as the minutes
    (or what is published of them) give it, with ``source`` saying where it comes from. No
    ballot figure is recorded: nothing is counted here, so the documents say the figures are
    not held rather than invent them (``congresses.results.Elected.has_figures``).
    """

    election = models.OneToOneField(
        Election, on_delete=models.PROTECT, related_name="minutes_result", verbose_name=_("bầu cử")
    )
    held_on = models.DateField(_("ngày bầu"))
    source = models.TextField(_("nguồn kết quả"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả ghi theo biên bản")
        verbose_name_plural = _("kết quả ghi theo biên bản")

    def __str__(self) -> str:
        return str(self.election)


class MinutesSeat(models.Model):
    """One person the minutes name as elected (or as an alternate), in the minutes' order."""

    result = models.ForeignKey(MinutesResult, on_delete=models.CASCADE, related_name="seats")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    alternate = models.BooleanField(_("dự khuyết"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("result", "alternate", "order", "id")
        constraints = (
            models.UniqueConstraint(fields=["result", "candidate"], name="minutes_seat_once"),
        )

    def __str__(self) -> str:
        return self.candidate.full_name


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị danh sách")
    LIST_APPROVED = "list-approved", _("Danh sách đã thông qua")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu, đang kiểm phiếu")
    COUNTED = "counted", _("Đã có kết quả")


# Seen only inside ``services.close_round``'s transaction, which ends by closing the round: while
# a round is "sealing" the database lets its phone ballots be taken out and written back in
# random order (migration 0005 holds a frozen copy of this value). Never stored for good, so not
# one of the choices.
SEALING = "sealing"


class CongressDecision(models.Model):
    """The congress's decision after a tie or a short round: vote again, and on what, or stop.

    rules.md §2.6 (tie: a further vote among the tied) and §2.7 (short: another round only after
    the congress decides). ``seats`` and ``candidates`` are those the engine named.
    """

    after_round = models.OneToOneField(
        "Round", on_delete=models.PROTECT, related_name="decision", verbose_name=_("sau vòng")
    )
    continue_voting = models.BooleanField(_("bầu tiếp"))
    seats = models.PositiveSmallIntegerField(_("số lượng bầu tiếp"), default=0)
    candidates = models.ManyToManyField(Candidate, blank=True, related_name="+")
    yes = models.PositiveIntegerField(_("tán thành"))
    no = models.PositiveIntegerField(_("không tán thành"))
    abstain = models.PositiveIntegerField(_("không biểu quyết"))
    present = models.PositiveIntegerField(_("có mặt"))
    message = models.TextField(_("kết quả biểu quyết"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định của đại hội")
        verbose_name_plural = _("quyết định của đại hội")

    def __str__(self) -> str:
        return self.message


class Round(models.Model):
    """One round of voting: its list, its ballots (paper and phone) and its count."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("bầu cử")
    )
    number = models.PositiveSmallIntegerField(_("lần bầu"))
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    alternates = models.PositiveSmallIntegerField(_("số dự khuyết"), default=0)
    for_alternates = models.BooleanField(_("bầu dự khuyết"), default=False)
    candidates = models.ManyToManyField(Candidate, blank=True, related_name="rounds")
    status = models.CharField(
        _("trạng thái"), max_length=14, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    decided_by = models.OneToOneField(
        CongressDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_round",
        verbose_name=_("theo quyết định"),
    )
    # The list approved by show of hands (rules.md §2.1, §2.2 item 5).
    list_yes = models.PositiveIntegerField(null=True, blank=True)
    list_no = models.PositiveIntegerField(null=True, blank=True)
    list_abstain = models.PositiveIntegerField(null=True, blank=True)
    list_present = models.PositiveIntegerField(null=True, blank=True)
    list_message = models.TextField(blank=True)
    list_approved_at = models.DateTimeField(null=True, blank=True)
    # Voting
    paper = models.BooleanField(_("phiếu giấy"), default=True)
    phone = models.BooleanField(_("bỏ phiếu trên điện thoại"), default=False)
    issued = models.PositiveIntegerField(_("số phiếu giấy phát ra"), default=0)
    # Encrypted phone ballots (issue 13, docs/ballot-crypto.md): the phones send ciphertexts under
    # the counting committee's joint key, which ``encrypted.set_round_key`` sets with the
    # members' published commitments (``key_record``), and the server never sees a choice.
    encrypted = models.BooleanField(_("phiếu điện thoại mã hoá"), default=False)
    public_key = models.CharField(max_length=64, blank=True, editable=False)
    key_record = models.JSONField(null=True, blank=True, editable=False)
    # The Ban Kiểm phiếu members left out of the round's key by the others, the ceremony started
    # again without them (``encrypted.ceremony_post``, step "exclude"), until a restart with
    # everyone: [{"delegate", "name", "by", "reason", "at"}] (null: none). Public. Nullable: SQLite
    # adds the column without rebuilding the table that the phone ballots' triggers name.
    key_excluded = models.JSONField(null=True, blank=True, editable=False)
    # Each time a member started the key ceremony again for everyone (step "restart"): [{"by",
    # "at"}] (null: never), kept through the restarts and once the key is made, so that who
    # stalls the ceremony is seen. Public.
    key_restarts = models.JSONField(null=True, blank=True, editable=False)
    # At the close of an encrypted round: the board's ciphertexts multiplied per name, how many
    # ballots, the board's final hash (``encrypted.seal_board``); the decryption reads these.
    tally_record = models.JSONField(null=True, blank=True, editable=False)
    # Counted from the box by the committee after the close; the tellers must enter them all.
    collected = models.PositiveIntegerField(_("số phiếu giấy thu về"), null=True, blank=True)
    summoned = models.PositiveIntegerField(null=True, blank=True)  # at opening
    present = models.PositiveIntegerField(null=True, blank=True)  # at opening
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    # Tamper evidence (rules/digest.py): the phone ballots at the close, every ballot at count.
    close_digest = models.JSONField(null=True, blank=True, editable=False)
    digest = models.JSONField(null=True, blank=True, editable=False)
    # The engine's daihoi.result/1 and the daihoi.election/1 it was counted from.
    result = models.JSONField(null=True, blank=True, editable=False)
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("vòng bầu")
        verbose_name_plural = _("vòng bầu")
        ordering = ("election", "number")
        constraints = (
            models.UniqueConstraint(fields=["election", "number"], name="round_number_unique"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="round_seats_at_least_one"),
        )

    def __str__(self) -> str:
        return f"{self.election} – lần {self.number}"

    @property
    def digest_hex(self) -> str:
        return str(self.digest["digest"]) if self.digest else ""


class EntryKind(models.TextChoices):
    ENTRY = "entry", _("Nhập")
    CORRECTION = "correction", _("Sửa")
    RESOLUTION = "resolution", _("Giải quyết sai lệch")


class PaperEntry(models.Model):
    """One line of the entry log (nhật ký nhập phiếu): append-only, never changed or deleted.

    The database refuses UPDATE and DELETE on this table (triggers, migration 0002).

    A teller's sheet is, for each ballot number, their latest entry or correction; a
    resolution is the committee's decision on a mismatch. ``kept`` holds candidate ids
    (``Candidate.pk`` as text) for a ballot that is not void; ``no_ballot`` is a resolution
    saying there is no ballot at that number.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="entries")
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    teller_name = models.CharField(max_length=200)
    # The Ban Kiểm phiếu member whose seat the teller's account is linked to (rows from before
    # tellers were seats have none): one person enters a stack once, whatever the account.
    teller_delegate = models.ForeignKey(
        "congresses.Delegate", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=EntryKind.choices, default=EntryKind.ENTRY)
    number = models.PositiveIntegerField(_("phiếu số"))
    kept = models.JSONField(null=True, blank=True)
    invalid = models.CharField(max_length=12, blank=True, choices=[(r, r) for r in PAPER_REASONS])
    no_ballot = models.BooleanField(default=False)
    typed = models.CharField(_("phím đã gõ"), max_length=200, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dòng nhật ký nhập phiếu")
        verbose_name_plural = _("nhật ký nhập phiếu")
        ordering = ("round", "id")
        indexes = (models.Index(fields=["round", "teller", "number"], name="entry_sheet"),)
        constraints = (
            models.CheckConstraint(
                condition=(
                    (Q(kept__isnull=False) & Q(invalid="") & Q(no_ballot=False))
                    | (Q(kept__isnull=True) & ~Q(invalid="") & Q(no_ballot=False))
                    | (Q(kept__isnull=True) & Q(invalid="") & Q(no_ballot=True))
                ),
                name="entry_is_kept_or_invalid_or_no_ballot",
            ),
        )

    def __str__(self) -> str:
        return f"{self.teller_name}: phiếu số {self.number}"


class PaperBallot(models.Model):
    """A paper ballot as finally counted (after double entry and resolution), by number."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="paper_ballots")
    number = models.PositiveIntegerField()
    kept = models.JSONField(null=True, blank=True)
    invalid = models.CharField(max_length=12, blank=True)

    class Meta:
        verbose_name = _("phiếu giấy đã kiểm")
        verbose_name_plural = _("phiếu giấy đã kiểm")
        ordering = ("round", "number")
        constraints = (
            models.UniqueConstraint(fields=["round", "number"], name="paper_ballot_number_unique"),
        )

    def __str__(self) -> str:
        return f"Phiếu giấy số {self.number}"


class VotingPass(models.Model):
    """The code a checked-in delegate scans to vote on their phone (not the check-in code).

    Only the SHA-256 of the token is kept, like an API token: a new pass replaces the old one.
    """

    delegate = models.OneToOneField(
        "congresses.Delegate", on_delete=models.CASCADE, related_name="voting_pass"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mã bỏ phiếu")
        verbose_name_plural = _("mã bỏ phiếu")

    def __str__(self) -> str:
        return str(self.delegate)


class VotingPassReissue(models.Model):
    """A voting code replaced by a new one: who did it, when, and why (kept for audit).

    While a round is open to phone votes the presidium's reason is required: a new code lets
    whoever holds it vote in the delegate's name. ``replaced_hash`` (the old code's SHA-256) lets
    the phone pages say "this code was replaced" rather than "unknown".
    """

    delegate = models.ForeignKey(
        "congresses.Delegate", on_delete=models.CASCADE, related_name="voting_pass_reissues"
    )
    replaced_hash = models.CharField(max_length=64, db_index=True)
    during_round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voting_pass_reissues",
        verbose_name=_("trong vòng bầu đang mở"),
    )
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người cấp lại"),
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần cấp lại mã bỏ phiếu")
        verbose_name_plural = _("nhật ký cấp lại mã bỏ phiếu")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.delegate}: {self.at:%d/%m/%Y %H:%M}"


class VoterParticipation(models.Model):
    """That a delegate has voted on the phone in a round: one row, never the ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="participations")
    delegate = models.ForeignKey(
        "congresses.Delegate", on_delete=models.PROTECT, related_name="participations"
    )

    class Meta:
        verbose_name = _("đại biểu đã bỏ phiếu")
        verbose_name_plural = _("đại biểu đã bỏ phiếu")
        constraints = (
            models.UniqueConstraint(fields=["round", "delegate"], name="one_phone_vote_per_round"),
        )

    def __str__(self) -> str:
        return str(self.delegate)


class PhoneBallotQuerySet(models.QuerySet["PhoneBallot"]):
    def published(self) -> PhoneBallotQuerySet:
        """Return the ballots as published: by receipt code (random, so no order leaks)."""
        return self.order_by("receipt")


class PhoneBallot(models.Model):
    """A phone ballot: the names kept and a receipt code, and nothing about who cast it.

    No foreign key but the round, no timestamp, a random key: see the module docstring. The
    database adds a ballot only while its round is open and never changes or deletes one, but
    for the close's rewrite in random order (triggers, migration 0005).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="phone_ballots")
    kept = models.JSONField()
    receipt = models.CharField(_("mã biên nhận"), max_length=12)

    objects: ClassVar[PhoneBallotQuerySet] = PhoneBallotQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("phiếu điện thoại")
        verbose_name_plural = _("phiếu điện thoại")
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=["round", "receipt"], name="phone_receipt_unique"),
        )

    def __str__(self) -> str:
        return self.receipt


class BoardEntry(models.Model):
    """An encrypted phone ballot on its round's public board (issue 13, docs/ballot-crypto.md).

    The phone's ciphertexts and proofs (``ballot``, checked before it was written), its place
    in the chain (``position``, 1 first) and ``tracking``, the entry's hash over the previous
    entry's hash and the ciphertexts: the voter's receipt. Nothing about who cast it; the
    content can only be read by the counting committee together, and only summed. The database
    adds an entry only while its round is open and never changes or deletes one (migration 0008).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="board")
    position = models.PositiveIntegerField()
    ballot = models.JSONField()
    tracking = models.CharField(_("mã theo dõi"), max_length=64)
    #: The ballot's proofs' commitments as the server's check recomputed them (32 bytes each,
    #: ``ballot_crypto.verify_ballot(commitments=...)``), published in the record so that the
    #: verifier checks the board's proofs together (``ballot_crypto.BatchCheck``); public, like
    #: the ballot. None for a ballot cast before they were kept (migration 0017): the verifier
    #: checks it alone. Nullable so that SQLite adds the column in place (a column with a
    #: default would make Django rebuild the table and drop its triggers).
    commitments = models.BinaryField(null=True, editable=False)

    class Meta:
        verbose_name = _("phiếu mã hoá trên bảng công khai")
        verbose_name_plural = _("bảng phiếu mã hoá")
        ordering = ("round", "position")
        constraints = (
            models.UniqueConstraint(fields=["round", "position"], name="board_position_unique"),
            models.UniqueConstraint(fields=["round", "tracking"], name="board_tracking_unique"),
        )

    def __str__(self) -> str:
        return self.tracking


class AuditedBallot(models.Model):
    """An encryption a voter audited instead of casting (Benaloh cast-or-audit, issue 13), which
    they chose to publish: ``audit`` holds its ciphertexts, the choice the phone showed and the
    nonces it revealed (``ballot_crypto.audit_to_json``), checked against the round's key before
    it was written, so anyone can check the phone encrypted the choice shown. It never counts,
    and nothing in it says whose it was. ``position``: order of publication, 1 first."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="audits")
    position = models.PositiveIntegerField()
    fingerprint = models.CharField(_("dấu vân tay"), max_length=32)
    audit = models.JSONField()

    class Meta:
        verbose_name = _("bản mã cử tri đã kiểm tra")
        verbose_name_plural = _("bản mã cử tri đã kiểm tra")
        ordering = ("round", "position")
        constraints = (
            models.UniqueConstraint(fields=["round", "position"], name="audit_position_unique"),
            models.UniqueConstraint(
                fields=["round", "fingerprint"], name="audit_fingerprint_unique"
            ),
        )

    def __str__(self) -> str:
        return self.fingerprint


class DecryptionShare(models.Model):
    """A counting committee member's partial decryption of an encrypted round's sums (issue 13).

    ``partial`` is the member's share of each sum with its Chaum-Pedersen proof, checked against
    the member's verification key before it was written (``encrypted.submit_partial``). One per
    member and round; the totals are combined from ``threshold`` of them at the count.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decryptions")
    member = models.PositiveSmallIntegerField(_("thành viên số"))
    partial = models.JSONField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("phần giải mã của thành viên Ban Kiểm phiếu")
        verbose_name_plural = _("phần giải mã của Ban Kiểm phiếu")
        ordering = ("round", "member")
        constraints = (
            models.UniqueConstraint(fields=["round", "member"], name="one_decryption_per_member"),
        )

    def __str__(self) -> str:
        return f"{self.round_id}: {self.member}"


class CeremonyPost(models.Model):
    """What one Ban Kiểm phiếu member's device posted in an encrypted round's key ceremony.

    In order: ``device_key`` (the device's public key for receiving shares), then
    ``commitment`` (its polynomial's commitments with their proofs) with ``shares`` (the share
    for each other member, encrypted to that member's device key: the server cannot read them),
    then ``verification`` (g^s of the key share the device assembled and checked). Secrets never
    come here. When every member has checked theirs, the round's key is set.

    ``complaints`` (the complaint round, docs/ballot-crypto.md): the members whose share this
    member's device found not matching their commitments, each with the share that member then
    published in clear (null while it has not): {"<index>": "<hex>" | null}. Public.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="ceremony")
    member = models.PositiveSmallIntegerField(_("thành viên số"))
    delegate_id = models.PositiveIntegerField()
    device_key = models.CharField(max_length=64)
    commitment = models.JSONField(null=True, blank=True)
    shares = models.JSONField(null=True, blank=True)
    verification = models.CharField(max_length=64, blank=True)
    complaints = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("bước tạo khoá của thành viên Ban Kiểm phiếu")
        verbose_name_plural = _("các bước tạo khoá")
        ordering = ("round", "member")
        constraints = (
            models.UniqueConstraint(
                fields=["round", "member"], name="one_ceremony_post_per_member"
            ),
        )

    def __str__(self) -> str:
        return f"{self.round_id}: {self.member}"


class OpenChoice(models.TextChoices):
    """A delegate's hand in an open vote on the phone (rules.md §2.1: show of hands)."""

    YES = "tan-thanh", _("Tán thành")
    NO = "khong-tan-thanh", _("Không tán thành")
    ABSTAIN = "khong-bieu-quyet", _("Không biểu quyết")


class OpenVote(models.Model):
    """A show of hands held on the delegates' phones (biểu quyết công khai trên điện thoại).

    Open: the delegates checked in vote for, against or abstain, one hand each (a unique
    constraint), and the projector shows the tally as it grows. Closing counts the hands of the
    delegates still in the hall and records the congress's show of hands
    (``congresses.services.record_hall_vote``) with those figures: ``hall_vote``.
    It is open, not secret: who voted how is kept, as a raised hand is seen.
    """

    congress = models.ForeignKey(
        "congresses.Congress", on_delete=models.CASCADE, related_name="open_votes"
    )
    subject = models.CharField(_("nội dung"), max_length=15)
    title = models.CharField(_("tên nội dung biểu quyết"), max_length=300)
    agenda_item = models.ForeignKey(
        "congresses.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("lúc mở"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("lúc kết thúc"), null=True, blank=True)
    hall_vote = models.OneToOneField(
        "congresses.HallVote",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="open_vote",
    )

    class Meta:
        verbose_name = _("biểu quyết trên điện thoại")
        verbose_name_plural = _("biểu quyết trên điện thoại")
        ordering = ("congress", "-opened_at", "-id")
        constraints = (
            # One open vote at a time in a hall: the phones and the projector show that one.
            models.UniqueConstraint(
                fields=["congress"],
                condition=Q(closed_at__isnull=True),
                name="open_vote_one_open_per_congress",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class OpenVoteHand(models.Model):
    """One delegate's hand in an open vote: once, never changed."""

    open_vote = models.ForeignKey(OpenVote, on_delete=models.CASCADE, related_name="hands")
    delegate = models.ForeignKey(
        "congresses.Delegate", on_delete=models.CASCADE, related_name="open_vote_hands"
    )
    choice = models.CharField(_("biểu quyết"), max_length=20, choices=OpenChoice.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("biểu quyết của đại biểu")
        verbose_name_plural = _("biểu quyết của đại biểu")
        constraints = (
            models.UniqueConstraint(
                fields=["open_vote", "delegate"], name="open_vote_one_hand_per_delegate"
            ),
        )

    def __str__(self) -> str:
        return f"{self.open_vote_id}: {self.delegate_id} {self.choice}"
