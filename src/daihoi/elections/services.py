"""Use cases of elections in the hall: every write goes through these.

Rules come from the pure engine (``daihoi.rules``): the show of hands and the surplus check
(``rules.hall``), the entry grammar (``rules.keyboard``), double entry (``rules.entry``), the
count (``rules.counting``) and the digest (``rules.digest``). These functions add the rows, the
transactions and the order of things: a list approved before voting, voting opened only with
quorum, results only after every mismatch is resolved, a new round only after the congress
decided it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import secrets
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import salted_hmac

from daihoi.elections import congress as hall
from daihoi.elections import encrypted, errors, rows
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import (
    SEALING,
    Candidate,
    CongressDecision,
    Election,
    ElectionKind,
    EntryKind,
    MinutesResult,
    MinutesSeat,
    Nomination,
    PaperBallot,
    PaperEntry,
    PhoneBallot,
    Round,
    RoundStatus,
    VoterParticipation,
    VotingPass,
    VotingPassReissue,
)
from daihoi.elections.snapshot import (
    election_document,
    engine_election,
    identity,
    phone_records,
    round_title,
    stored_ballots,
)
from daihoi.rules import counting, digest, entry, keyboard
from daihoi.rules.election import Ballot, ElectionFormatError, parse_election
from daihoi.rules.hall import Check, Decision, ShowOfHandsError, check_surplus, show_of_hands
from daihoi.rules.names import nfc, sort_key
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.congresses.models import Congress, Delegate
    from daihoi.units.models import Member

RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U


def _require_status(round_: Round, allowed: Iterable[str], action: str) -> None:
    if round_.status not in allowed:
        label = RoundStatus(round_.status).label
        raise ElectionError(errors.WRONG_STATUS.format(status=label, action=action))


def _locked(round_: Round) -> Round:
    """Return the round re-read under a row lock (inside a transaction)."""
    return Round.objects.select_for_update().select_related("election__congress").get(pk=round_.pk)


# --- Elections and candidates -------------------------------------------------------------------


# The labels of the fields, as the forms show them, for the hidden-character message.
_LABEL_TITLE = "Tên cuộc bầu cử"
_LABEL_FULL_NAME = "Họ và tên"
_LABEL_REASON = "Lý do"
_LABEL_NOTE = "Ghi chú"


def _refuse_hidden(**fields: tuple[str, str]) -> None:
    """Refuse a typed text holding a hidden character (issue 9), naming its field.

    The same check as the unit, member and congress services: such a character in a
    candidate's name broke the minutes and the exported election file.
    """
    if problems := hidden_character_errors(**fields):
        raise ElectionError(problems[0].message, field=problems[0].field)


@transaction.atomic
def create_election(
    *, congress: Congress, kind: str, title: str, seats: int, alternates: int = 0
) -> Election:
    """Create an election of the congress with its first round, its list still open."""
    if congress.is_conference:
        raise ElectionError(errors.CONFERENCE_NO_ELECTIONS)
    title = nfc(title)
    _refuse_hidden(title=(_LABEL_TITLE, title))
    if not title:
        raise ElectionError(errors.TITLE_REQUIRED, field="title")
    if seats < 1:
        raise ElectionError(errors.SEATS_AT_LEAST_ONE, field="seats")
    ElectionKind(kind)
    election = Election.objects.create(
        congress=congress, kind=kind, title=title, seats=seats, alternates=max(alternates, 0)
    )
    Round.objects.create(election=election, number=1, seats=seats, alternates=election.alternates)
    return election


def first_round(election: Election) -> Round:
    return election.rounds.get(number=1)


def _refuse_recorded(election: Election, action: str) -> None:
    """Refuse to change or vote an election whose result is recorded from its minutes."""
    recorded = MinutesResult.objects.filter(election=election).first()
    if recorded is not None:
        raise ElectionError(
            errors.MINUTES_RECORDED.format(day=f"{recorded.held_on:%d/%m/%Y}", action=action)
        )


SOURCE_MOST = 1000


def result_from_minutes(election: Election) -> MinutesResult | None:
    """Return the election's result recorded from its minutes, with its people; None if none."""
    found = MinutesResult.objects.filter(election=election).prefetch_related("seats__candidate")
    return found.first()


def _minutes_problem(
    election: Election,
    *,
    elected: Sequence[Candidate],
    alternates: Sequence[Candidate],
    held_on: datetime.date,
    today: datetime.date,
) -> ElectionError | None:
    on_list = {c.pk for c in election.candidates.filter(withdrawn=False)}
    seen: set[int] = set()
    for person in (*elected, *alternates):
        if person.pk not in on_list:
            return ElectionError(errors.MINUTES_NOT_ON_LIST.format(name=person.full_name))
        if person.pk in seen:
            return ElectionError(errors.MINUTES_TWICE.format(name=person.full_name))
        seen.add(person.pk)
    if not elected:
        return ElectionError(errors.MINUTES_NONE_ELECTED, field="elected")
    if len(elected) > election.seats:
        return ElectionError(
            errors.MINUTES_TOO_MANY.format(count=len(elected), seats=election.seats),
            field="elected",
        )
    if len(alternates) > election.alternates:
        return ElectionError(
            errors.MINUTES_TOO_MANY_ALTERNATES.format(
                count=len(alternates), alternates=election.alternates
            ),
            field="alternates",
        )
    starts = election.congress.starts_on
    if held_on < starts:
        return ElectionError(
            errors.MINUTES_BEFORE_CONGRESS.format(
                held=f"{held_on:%d/%m/%Y}", congress=f"{starts:%d/%m/%Y}"
            ),
            field="held_on",
        )
    if held_on > today:
        return ElectionError(
            errors.MINUTES_IN_FUTURE.format(held=f"{held_on:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"),
            field="held_on",
        )
    return None


@transaction.atomic
def record_result_from_minutes(
    *,
    election: Election,
    elected: Sequence[Candidate],
    alternates: Sequence[Candidate] = (),
    held_on: datetime.date,
    source: str,
    by: User | None,
) -> MinutesResult:
    """Record who an election not voted in daihoi elected, as its minutes say; no figure.

    For a congress held outside daihoi (before the unit used it, or counted by hand): the
    people come from the election's list, in the minutes' order, and ``source`` says where the
    result comes from. Refused, nothing is written: an election voted here (its result is the
    count's), one already recorded, more elected than seats or alternates than asked for, a
    name not on the list, a day outside the congress.
    """
    round_ = _locked(first_round(election))
    if MinutesResult.objects.filter(election=election).exists():
        raise ElectionError(errors.MINUTES_ALREADY)
    voted = election.rounds.exclude(status=RoundStatus.DRAFT).order_by("number").first()
    if voted is not None or round_.status != RoundStatus.DRAFT:
        voted = voted or round_
        raise ElectionError(
            errors.MINUTES_VOTED.format(number=voted.number, status=RoundStatus(voted.status).label)
        )
    source = nfc(source).strip()
    _refuse_hidden(source=("Nguồn kết quả", source))
    if not source:
        raise ElectionError(errors.MINUTES_SOURCE_REQUIRED, field="source")
    if len(source) > SOURCE_MOST:
        raise ElectionError(
            errors.MINUTES_SOURCE_TOO_LONG.format(most=SOURCE_MOST, length=len(source)),
            field="source",
        )
    problem = _minutes_problem(
        election,
        elected=elected,
        alternates=alternates,
        held_on=held_on,
        today=timezone.localdate(),
    )
    if problem is not None:
        raise problem
    result = MinutesResult.objects.create(
        election=election, held_on=held_on, source=source, recorded_by=by
    )
    MinutesSeat.objects.bulk_create(
        [MinutesSeat(result=result, candidate=c, order=n) for n, c in enumerate(elected)]
        + [
            MinutesSeat(result=result, candidate=c, alternate=True, order=n)
            for n, c in enumerate(alternates)
        ]
    )
    return result


@transaction.atomic
def add_candidate(
    *,
    election: Election,
    member: Member | None = None,
    delegate: Delegate | None = None,
    full_name: str = "",
    nomination: str = Nomination.NOMINATED,
) -> Candidate:
    """Put a member or a delegate (or a name) on the list while the list is still open."""
    round_ = _locked(first_round(election))
    _require_status(round_, [RoundStatus.DRAFT], errors.ACTION_EDIT_LIST)
    _refuse_recorded(election, errors.ACTION_EDIT_LIST)
    congress = election.congress
    if delegate is not None:
        if delegate.congress_id != congress.pk:
            raise ElectionError(errors.CANDIDATE_OUTSIDE.format(name=delegate.full_name))
        full_name = delegate.full_name
        if member is None:
            member = delegate.member
    elif member is not None:
        if not congress.unit.contains(member.unit):
            raise ElectionError(errors.CANDIDATE_OUTSIDE.format(name=member.full_name))
        full_name = member.full_name
    full_name = nfc(full_name)
    _refuse_hidden(full_name=(_LABEL_FULL_NAME, full_name))
    if not full_name:
        raise ElectionError(errors.CANDIDATE_NAME_REQUIRED, field="full_name")
    twice = election.candidates.filter(withdrawn=False)
    if (member is not None and twice.filter(member=member).exists()) or (
        delegate is not None and twice.filter(delegate=delegate).exists()
    ):
        raise ElectionError(errors.CANDIDATE_TWICE.format(name=full_name))
    Nomination(nomination)
    try:
        with transaction.atomic():
            return Candidate.objects.create(
                election=election,
                member=member,
                delegate=delegate,
                full_name=full_name,
                name_key=sort_key(full_name),
                nomination=nomination,
            )
    except IntegrityError:
        raise ElectionError(errors.CANDIDATE_TWICE.format(name=full_name)) from None


@transaction.atomic
def withdraw_candidate(*, candidate: Candidate, reason: str) -> Candidate:
    """Take a name off the list before it is approved, with the reason (kept for the record)."""
    round_ = _locked(first_round(candidate.election))
    _require_status(round_, [RoundStatus.DRAFT], errors.ACTION_EDIT_LIST)
    _refuse_recorded(candidate.election, errors.ACTION_EDIT_LIST)
    reason = nfc(reason)
    _refuse_hidden(reason=(_LABEL_REASON, reason))
    if not reason:
        raise ElectionError(errors.WITHDRAW_REASON_REQUIRED, field="reason")
    candidate.withdrawn = True
    candidate.withdrawn_reason = reason[:300]
    candidate.save(update_fields=["withdrawn", "withdrawn_reason"])
    return candidate


def list_of(round_: Round) -> list[Candidate]:
    """Return the names of the round's list: frozen once approved, else those not withdrawn."""
    if round_.status != RoundStatus.DRAFT or round_.number > 1:
        return list(round_.candidates.order_by("name_key", "id"))
    return list(round_.election.candidates.filter(withdrawn=False).order_by("name_key", "id"))


def surplus_checks(round_: Round) -> list[Check]:
    """Check the size of the list against the seats (rules.md §2.2 item 6, §3.2)."""
    profile = hall.profile_of(round_.election.congress)
    return check_surplus(len(list_of(round_)), round_.seats, profile)


def _show_of_hands(round_: Round, *, yes: int, no: int, abstain: int, present: int) -> Decision:
    """Decide a show of hands in the hall, its figures checked against the check-in now.

    rules.md §2.1 (``rules.hall.show_of_hands``): nobody can be present at the vote who is not
    checked in, and no more hands than those present; the message names the figure at fault.
    """
    congress = round_.election.congress
    try:
        return show_of_hands(
            yes,
            no,
            abstain,
            present,
            hall.profile_of(congress),
            who=hall.attendee_word(congress),
            in_hall=hall.hall_figures(congress).present,
        )
    except ShowOfHandsError as error:
        raise ElectionError(str(error), field=error.field) from None
    except ValueError as error:
        raise ElectionError(str(error)) from None


@transaction.atomic
def approve_list(*, round_: Round, yes: int, no: int, abstain: int, present: int) -> Decision:
    """Record the show of hands on the list; adopted, the list is frozen for the ballots.

    rules.md §2.1 and §2.2 item 5: the list is approved by show of hands, decided by
    ``rules.hall.show_of_hands`` with the profile's majority.
    """
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.DRAFT], errors.ACTION_APPROVE)
    _refuse_recorded(round_.election, errors.ACTION_APPROVE)
    names = list_of(round_)
    if len(names) < round_.seats:
        raise ElectionError(errors.LIST_TOO_SHORT.format(candidates=len(names), seats=round_.seats))
    decision = _show_of_hands(round_, yes=yes, no=no, abstain=abstain, present=present)
    round_.list_yes, round_.list_no, round_.list_abstain = yes, no, abstain
    round_.list_present = present
    round_.list_message = decision.message
    fields = ["list_yes", "list_no", "list_abstain", "list_present", "list_message"]
    if decision.adopted:
        round_.candidates.set(names)
        round_.status = RoundStatus.LIST_APPROVED
        round_.list_approved_at = timezone.now()
        fields += ["status", "list_approved_at"]
    round_.save(update_fields=fields)
    return decision


@transaction.atomic
def set_voting(*, round_: Round, paper: bool, phone: bool) -> Round:
    """Choose how the round is voted: paper ballots, phones, or both."""
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.DRAFT, RoundStatus.LIST_APPROVED], errors.ACTION_OPEN)
    if not (paper or phone):
        raise ElectionError(errors.NO_METHOD)
    round_.paper, round_.phone = paper, phone
    round_.save(update_fields=["paper", "phone"])
    return round_


@transaction.atomic
def record_issued(*, round_: Round, issued: int) -> Round:
    """Record how many paper ballots the committee handed out."""
    round_ = _locked(round_)
    _require_status(
        round_,
        [RoundStatus.LIST_APPROVED, RoundStatus.OPEN, RoundStatus.CLOSED],
        errors.ACTION_ISSUE,
    )
    if issued < 0:
        raise ElectionError(errors.ISSUED_NEGATIVE, field="issued")
    round_.issued = issued
    round_.save(update_fields=["issued"])
    return round_


@transaction.atomic
def record_collected(*, round_: Round, collected: int) -> Round:
    """Record how many paper ballots the committee took from the box after the close."""
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.CLOSED], errors.ACTION_COLLECT)
    if collected < 0:
        raise ElectionError(errors.COLLECTED_NEGATIVE, field="collected")
    if collected > round_.issued:
        raise ElectionError(
            errors.COLLECTED_PAPER_OVER_ISSUED.format(collected=collected, issued=round_.issued),
            field="collected",
        )
    round_.collected = collected
    round_.save(update_fields=["collected"])
    return round_


@transaction.atomic
def open_round(*, round_: Round, user: User, override_reason: str = "") -> Round:
    """Open the vote: the list approved, the congress's decision for a later round, quorum.

    Quorum goes through the congress app's ``require_quorum_or_override`` (rules.md §1.1-1.2,
    §1.5): without it, only a reason the presidium gives (``override_reason``) opens the vote,
    and the congress app keeps that decision on record.
    """
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.LIST_APPROVED], errors.ACTION_OPEN)
    if round_.number > 1 and round_.decided_by_id is None:
        raise ElectionError(errors.NEEDS_DECISION.format(number=round_.number))
    if round_.encrypted and not round_.public_key:
        raise ElectionError(errors.ENCRYPTED_NO_KEY)
    congress = round_.election.congress
    hall.require_quorum(congress, user=user, override_reason=override_reason)
    figures = hall.hall_figures(congress)
    round_.summoned, round_.present = figures.summoned, figures.present
    round_.status = RoundStatus.OPEN
    round_.opened_at = timezone.now()
    round_.save(update_fields=["summoned", "present", "status", "opened_at"])
    return round_


@transaction.atomic
def close_round(*, round_: Round) -> Round:
    """End the vote: no more phone ballots; the phone ballots are re-sealed and digested.

    Taking the round's row lock waits for phone ballots being cast (they hold a share lock on
    it) and keeps new ones out. The phone ballots and participations are then taken out and
    written again, each table in its own random order, in this one transaction (the round is
    ``sealing`` meanwhile, which the append-only triggers require; no other transaction sees
    it). The digest is computed over the ballots' content, after the rewrite; it does not
    depend on their order. Once this transaction commits, ``scrub_phone_tables`` compacts both
    tables, so the rows the casts wrote (their transaction ids, their physical order) are gone
    from the tables' files too.
    """
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.OPEN], errors.ACTION_CLOSE)
    Round.objects.filter(pk=round_.pk).update(status=SEALING)
    _reseal(round_)
    ids = ballot_ids_of(round_)
    recorded = digest.compute_digest(identity(round_, ids), phone_records(round_))
    round_.close_digest = digest.digest_to_json(recorded)
    if round_.encrypted:  # the board's sums per name, its length and final hash (encrypted.py)
        encrypted.seal_board(round_)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    round_.save(update_fields=["close_digest", "tally_record", "status", "closed_at"])
    transaction.on_commit(scrub_phone_tables)
    return round_


def _reseal(round_: Round) -> None:
    """Take the round's phone ballots and participations out and write them back shuffled."""
    shuffle = secrets.SystemRandom().shuffle
    ballots = list(PhoneBallot.objects.filter(round=round_).values("id", "kept", "receipt"))
    voters = list(VoterParticipation.objects.filter(round=round_).values("id", "delegate_id"))
    shuffle(ballots)
    shuffle(voters)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # the deleted rows' bytes are overwritten
            cursor.execute("PRAGMA secure_delete = ON")
    PhoneBallot.objects.filter(round=round_).delete()
    VoterParticipation.objects.filter(round=round_).delete()
    PhoneBallot.objects.bulk_create(PhoneBallot(round=round_, **row) for row in ballots)
    VoterParticipation.objects.bulk_create(
        VoterParticipation(round=round_, **row) for row in voters
    )


PHONE_TABLES = (PhoneBallot._meta.db_table, VoterParticipation._meta.db_table)
SCRUB_LOCK_TIMEOUT = "10s"


def scrub_phone_tables() -> bool:
    """Compact the phone ballots' and participations' tables; True if done.

    Run after a close commits (``transaction.on_commit``; VACUUM cannot run in a transaction).
    On PostgreSQL, ``VACUUM FULL`` writes both tables anew: the rows a delete leaves behind
    (with the transaction id that wrote a ballot and its participation together, in the order
    of the casts) stay in the table's pages after a plain VACUUM, until overwritten; a new file
    holds only the live rows, which the close wrote in random order in one transaction. It
    locks the two tables for the moment it takes (milliseconds for thousands of rows), waiting
    at most SCRUB_LOCK_TIMEOUT. A dead row that a transaction begun before now might still see
    is copied into the new file too, so it first waits, at most SCRUB_WAIT_SECONDS, until every
    such transaction has ended (see _OLDER_TRANSACTIONS); if one is still there, it compacts
    anyway, logs it and returns False. On SQLite the deleted rows were overwritten
    (``secure_delete``) and the write-ahead log, which still holds the old pages, is
    checkpointed and truncated.
    A failure is logged, not raised (the round is closed either way):
    ``manage.py scrub_phone_votes`` runs it again.
    """
    if connection.in_atomic_block:
        return False
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                waited_out = _wait_for_older_transactions(cursor)
                cursor.execute(f"SET lock_timeout = '{SCRUB_LOCK_TIMEOUT}'")
                try:
                    cursor.execute("VACUUM (FULL) " + ", ".join(PHONE_TABLES))
                finally:
                    cursor.execute("RESET lock_timeout")
                if not waited_out:
                    logging.getLogger(__name__).warning(
                        "Phone vote tables compacted while an older transaction was open: "
                        "its rows may remain; run manage.py scrub_phone_votes"
                    )
                    return False
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError:
        logging.getLogger(__name__).exception(
            "Phone vote tables not compacted after a close: run manage.py scrub_phone_votes"
        )
        return False
    return True


SCRUB_WAIT_SECONDS = 10.0

# Whether a transaction begun before a moment may still keep the deleted rows from being
# removed: one of this database holding a snapshot or an id (another request, autovacuum's
# ANALYZE), or one of any database of the cluster holding an id, since the VACUUM's own
# snapshot then reaches back to it (a test class's transaction in another database did).
_OLDER_TRANSACTIONS = """
    SELECT EXISTS (
        SELECT 1 FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL) AND xact_start < %s
    ) OR pg_snapshot_xmin(pg_current_snapshot())::text::bigint < %s
"""


def _wait_for_older_transactions(cursor: Any) -> bool:
    """Wait until no transaction begun before now could keep a dead row; True if none does."""
    cursor.execute(
        "SELECT clock_timestamp(), pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
    )
    now, next_id = cursor.fetchone()
    deadline = time.monotonic() + SCRUB_WAIT_SECONDS
    while True:
        cursor.execute(_OLDER_TRANSACTIONS, [now, next_id])
        if not cursor.fetchone()[0]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def ballot_ids_of(round_: Round) -> tuple[str, ...]:
    """Return the candidate ids of the round in ballot order (number 1 first)."""
    return tuple(c.id for c in engine_election(round_, ballots=()).candidates)


# --- Paper ballots: double entry ----------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """What one confirmed line did, for the entry screen."""

    line: PaperEntry
    ballot: Ballot
    message: str


def _ballot_of(row: PaperEntry) -> Ballot | None:
    if row.no_ballot:
        return None
    if row.invalid:
        return Ballot.void(row.invalid)
    return Ballot(kept=frozenset(str(k) for k in row.kept or ()))


def _kept_json(ballot: Ballot) -> list[str] | None:
    return None if ballot.kept is None else sorted(ballot.kept, key=int)


TYPED_MOST = 200  # PaperEntry.typed


def _require_short(typed: str) -> None:
    """Refuse a line longer than the log keeps: never store a part of what was typed."""
    if len(typed.strip()) > TYPED_MOST:
        raise ElectionError(errors.ENTRY_TOO_LONG.format(most=TYPED_MOST), field="keys")


def require_teller(round_: Round, user: User) -> hall.TellerSeat:
    """Return the user's Ban Kiểm phiếu seat, or refuse: only the committee enters and counts."""
    seat = hall.teller_seat(round_.election.congress, user)
    if seat is None:
        raise ElectionError(errors.NOT_A_TELLER)
    return seat


@transaction.atomic
def enter_line(
    *, round_: Round, teller: User, typed: str, mode: keyboard.Mode = keyboard.Mode.CROSSED
) -> Saved:
    """Record one confirmed line of a teller: the next ballot of their stack, or a correction.

    The log is append-only: a correction is a new line naming the line it corrects.
    """
    round_ = _locked(round_)  # one teller's lines get their numbers one at a time
    _require_status(round_, [RoundStatus.CLOSED], errors.ACTION_ENTER)
    seat = require_teller(round_, teller)
    if not round_.paper:
        raise ElectionError(
            errors.WRONG_STATUS.format(
                status=RoundStatus(round_.status).label, action=errors.ACTION_ENTER
            )
        )
    _require_short(typed)
    ids = ballot_ids_of(round_)
    try:
        line = keyboard.parse_line(typed, ids=ids, mode=mode)
    except keyboard.KeyEntryError as error:
        raise ElectionError(str(error), field="keys") from None
    entries = PaperEntry.objects.filter(round=round_).exclude(kind=EntryKind.RESOLUTION)
    mine = entries.filter(teller=teller)
    earlier = entries.filter(teller_delegate_id=seat.delegate_id).exclude(teller=teller).first()
    if earlier is not None:
        other = get_user_model().objects.get(pk=earlier.teller_id)
        raise ElectionError(
            errors.TELLER_ENTERED_AS_OTHER.format(name=seat.name, username=other.username)
        )
    if not mine.exists():
        others = entries.values("teller").distinct().count()
        if others >= entry.MOST_TELLERS:
            raise ElectionError(errors.TOO_MANY_TELLERS.format(most=entry.MOST_TELLERS))
    corrects = None
    if line.corrects is not None:
        number = line.corrects
        corrects = mine.filter(number=number).order_by("-id").first()
        if corrects is None:
            raise ElectionError(errors.ENTRY_NUMBER_UNKNOWN.format(number=number), field="keys")
        kind = EntryKind.CORRECTION
    else:
        number = (mine.aggregate(top=Max("number"))["top"] or 0) + 1
        kind = EntryKind.ENTRY
    row = PaperEntry.objects.create(
        round=round_,
        teller=teller,
        teller_name=seat.name,
        teller_delegate_id=seat.delegate_id,
        kind=kind,
        number=number,
        kept=_kept_json(line.ballot),
        invalid=line.ballot.invalid or "",
        typed=typed.strip(),
        corrects=corrects,
    )
    said = keyboard.describe(line.ballot, ids)
    template = errors.ENTRY_CORRECTED if corrects is not None else errors.ENTRY_SAVED
    return Saved(row, line.ballot, template.format(number=number, entry=said))


def _teller_labels(rows: Iterable[PaperEntry]) -> dict[int, str]:
    """Name each teller by their name; two tellers of one name get their login beside it."""
    names: dict[int, str] = {}
    for row in rows:
        names[row.teller_id] = row.teller_name
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    twice = [tid for tid, name in names.items() if seen[name] > 1]
    if twice:
        users = get_user_model().objects.filter(pk__in=twice)
        logins = dict(users.values_list("pk", "username"))
        for tid in twice:
            names[tid] = f"{names[tid]} ({logins.get(tid, tid)})"
    return names


def _sheets_by_teller(round_: Round) -> dict[int, entry.Sheet]:
    latest: dict[int, dict[int, PaperEntry]] = {}
    rows = list(
        PaperEntry.objects.filter(round=round_).exclude(kind=EntryKind.RESOLUTION).order_by("id")
    )
    for row in rows:
        latest.setdefault(row.teller_id, {})[row.number] = row
    labels = _teller_labels(rows)
    sheets = {}
    for teller_id, by_number in latest.items():
        ballots = {n: b for n, r in by_number.items() if (b := _ballot_of(r)) is not None}
        sheets[teller_id] = entry.Sheet(labels[teller_id], ballots)
    return sheets


def sheets_of(round_: Round) -> list[entry.Sheet]:
    """Return each teller's sheet, named by the teller: their latest entry at every number."""
    return list(_sheets_by_teller(round_).values())


def sheet_of(round_: Round, teller: User) -> dict[int, Ballot]:
    sheet = _sheets_by_teller(round_).get(teller.pk)
    return dict(sheet.ballots) if sheet is not None else {}


def resolutions_of(round_: Round) -> dict[int, Ballot | None]:
    """Return the committee's latest decision at each ballot number."""
    decided: dict[int, Ballot | None] = {}
    rows = PaperEntry.objects.filter(round=round_, kind=EntryKind.RESOLUTION)
    for row in rows.order_by("id"):
        decided[row.number] = _ballot_of(row)
    return decided


@dataclass(frozen=True)
class PaperState:
    """Where double entry stands: the comparison, and what is still to decide."""

    sheets: list[entry.Sheet]
    reconciliation: entry.Reconciliation | None
    resolutions: dict[int, Ballot | None]
    open_numbers: list[int]

    @property
    def ready(self) -> bool:
        return self.reconciliation is not None and not self.open_numbers


def paper_state(round_: Round) -> PaperState:
    sheets = sheets_of(round_)
    if len(sheets) < entry.LEAST_TELLERS:
        return PaperState(sheets, None, {}, [])
    reconciliation = entry.reconcile(sheets)
    mismatched = {m.number for m in reconciliation.mismatches}
    resolutions = {n: b for n, b in resolutions_of(round_).items() if n in mismatched}
    return PaperState(
        sheets, reconciliation, resolutions, entry.unresolved(reconciliation, resolutions)
    )


@transaction.atomic
def resolve_mismatch(
    *,
    round_: Round,
    user: User,
    number: int,
    typed: str,
    mode: keyboard.Mode = keyboard.Mode.CROSSED,
    no_ballot: bool = False,
) -> Saved:
    """Record the committee's reading of the paper at a mismatched number (in the log)."""
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.CLOSED], errors.ACTION_ENTER)
    seat = require_teller(round_, user)
    state = paper_state(round_)
    if state.reconciliation is None or number not in {
        m.number for m in state.reconciliation.mismatches
    }:
        raise ElectionError(errors.RESOLUTION_NOT_NEEDED.format(number=number))
    _require_short(typed)
    ids = ballot_ids_of(round_)
    if no_ballot:
        ballot = None
        said = errors.NO_BALLOT
    else:
        try:
            ballot = keyboard.parse_keys(typed, ids=ids, mode=mode)
        except keyboard.KeyEntryError as error:
            raise ElectionError(str(error), field="keys") from None
        said = keyboard.describe(ballot, ids)
    row = PaperEntry.objects.create(
        round=round_,
        teller=user,
        teller_name=seat.name,
        teller_delegate_id=seat.delegate_id,
        kind=EntryKind.RESOLUTION,
        number=number,
        kept=None if ballot is None else _kept_json(ballot),
        invalid="" if ballot is None else ballot.invalid or "",
        no_ballot=ballot is None,
        typed=typed.strip(),
    )
    return Saved(row, ballot or Ballot.keeping(), errors.RESOLVED.format(number=number, entry=said))


def running_totals(round_: Round, ballots: Sequence[Ballot]) -> counting.Result:
    """Count a teller's sheet so far, for the totals beside the entry field."""
    election = engine_election(round_, ballots=ballots)
    return counting.count(election, **count_mode(round_))


def is_tie_revote(round_: Round) -> bool:
    """Tell whether the round is the further vote among the tied (rules.md §2.6).

    It is when the congress decided it after a round whose count named a tie (across the last
    seat, or across the last alternate place): ``decide_next_round`` then puts exactly the
    tied on the list, for the places left.
    """
    decision = round_.decided_by
    if decision is None:
        return False
    before = decision.after_round.result or {}
    return bool(before.get("tie"))


def count_mode(round_: Round) -> dict[str, bool]:
    """Return how the engine counts this round (``counting.count``'s keyword arguments).

    Neither is part of ``daihoi.election/1`` (election-format.md is fixed), so they come from
    the round: a further vote among the tied, and a round for alternate places.
    """
    return {"tie_revote": is_tie_revote(round_), "for_alternates": round_.for_alternates}


# --- Counting -----------------------------------------------------------------------------------


def missing_entries(round_: Round, state: PaperState) -> str | None:
    """Say what is still to enter before the paper ballots can be counted, or None.

    Every ballot collected must be entered by at least two tellers on their own (rules/entry);
    the message says how many each teller still lacks.
    """
    collected = round_.collected
    if collected is None:
        return errors.COLLECTED_NOT_RECORDED
    short = entry.shortfalls(state.sheets, collected)
    complete = len(state.sheets) - len(short)
    if not short and complete >= entry.LEAST_TELLERS:
        return None
    parts: list[str] = [
        errors.ENTRIES_MISSING_TELLER.format(
            teller=s.teller, entered=s.entered, collected=collected, missing=s.missing
        )
        for s in short
    ]
    if len(state.sheets) < entry.LEAST_TELLERS:
        more = entry.LEAST_TELLERS - len(state.sheets)
        parts.append(errors.ENTRIES_MISSING_MORE_TELLERS.format(count=more))
    detail = "; ".join(parts) + "." if state.sheets else errors.ENTRIES_MISSING_NOBODY
    return errors.ENTRIES_MISSING.format(
        collected=collected, least=entry.LEAST_TELLERS, detail=detail
    )


def _paper_ballots(round_: Round) -> dict[int, Ballot]:
    """Return the paper ballots as finally decided, refusing while any is missing or open."""
    if round_.collected == 0 and not PaperEntry.objects.filter(round=round_).exists():
        return {}
    state = paper_state(round_)
    missing = missing_entries(round_, state)
    if missing is not None:
        raise ElectionError(missing)
    assert state.reconciliation is not None
    if state.open_numbers:
        shown = ", ".join(str(n) for n in state.open_numbers[:20])
        raise ElectionError(
            errors.MISMATCHES_OPEN.format(count=len(state.open_numbers), numbers=shown)
        )
    paper = dict(entry.resolve(state.reconciliation, state.resolutions))
    if len(paper) != round_.collected:
        raise ElectionError(
            errors.PAPER_FINAL_DIFFERS.format(final=len(paper), collected=round_.collected)
        )
    return paper


@transaction.atomic
def count_round(*, round_: Round) -> counting.Result:
    """Count the round: the reconciled paper ballots and the phone ballots, by the engine.

    The paper ballots as finally decided are stored, the result and the exact
    ``daihoi.election/1`` it came from are kept, and the digest of every ballot is recorded.
    """
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.CLOSED], errors.ACTION_COUNT)
    _require_phone_as_closed(round_)
    paper = _paper_ballots(round_) if round_.paper else {}
    PaperBallot.objects.filter(round=round_).delete()
    PaperBallot.objects.bulk_create(
        PaperBallot(round=round_, number=n, kept=_kept_json(b), invalid=b.invalid or "")
        for n, b in paper.items()
    )
    voters = VoterParticipation.objects.filter(round=round_).count()
    issued = round_.issued + voters
    if round_.encrypted:
        document = _encrypted_document(round_, paper=list(paper.values()), issued=issued)
    else:
        phone = [r.ballot for r in phone_records(round_)]
        ballots = [*paper.values(), *phone]
        if len(ballots) > issued:
            raise ElectionError(
                errors.COLLECTED_OVER_ISSUED.format(collected=len(ballots), issued=issued)
            )
        document = election_document(round_, ballots=ballots, issued=issued)
    try:
        election = parse_election(document)
    except ElectionFormatError as error:
        raise ElectionError(str(error)) from None
    result = counting.count(election, **count_mode(round_))
    ids = tuple(c.id for c in election.candidates)
    result_json = counting.result_to_json(result)
    recorded = digest.compute_digest(
        identity(round_, ids),
        stored_ballots(round_),
        {"election": document, "result": result_json},
    )
    round_.snapshot = document
    round_.result = result_json
    round_.digest = digest.digest_to_json(recorded)
    round_.status = RoundStatus.COUNTED
    round_.counted_at = timezone.now()
    round_.save(
        update_fields=["snapshot", "result", "digest", "status", "counted_at", "tally_record"]
    )
    return result


def _encrypted_document(round_: Round, *, paper: list[Ballot], issued: int) -> dict[str, Any]:
    """The ``daihoi.election/1`` of an encrypted round: a tally of its paper ballots (judged one
    by one, as ever) plus the phone part's decrypted totals (``encrypted.decrypt_totals``; the
    members' partial decryptions, at least the threshold). The round keeps how it was decrypted
    in ``tally_record`` for the minutes (the board's final hash) and the verifier."""
    ids = ballot_ids_of(round_)
    phone = encrypted.decrypt_totals(round_, ids=ids)
    collected = len(paper) + phone.ballots
    if collected > issued:
        raise ElectionError(errors.COLLECTED_OVER_ISSUED.format(collected=collected, issued=issued))
    document = election_document(round_, ballots=paper, issued=issued)
    try:
        tally = counting.tally_with_phone_totals(
            parse_election(document), phone_ballots=phone.ballots, phone_votes=phone.votes
        )
    except (ElectionFormatError, ValueError) as error:
        raise ElectionError(str(error)) from None
    del document["ballots"]
    document["tally"] = {
        "collected": tally.collected,
        "invalid": tally.invalid,
        "votes": dict(tally.votes),
        # The paper ballots' reasons, for the minutes (rules.md §2.4, as a paper-only round).
        "invalid_by_reason": dict(tally.invalid_by_reason),
    }
    round_.tally_record = encrypted.decrypted_record(round_, phone)
    return document


def _require_phone_as_closed(round_: Round) -> None:
    """Refuse to count phone ballots that are not the ones digested when voting ended."""
    at_close = verify_close(round_)
    if at_close is None or at_close.ok:
        return
    shown = [d.message for d in at_close.differences[:10]]
    raise ElectionError(
        errors.PHONE_CHANGED_SINCE_CLOSE.format(
            digest=digest.group_hex(at_close.recorded), differences=" ".join(shown)
        )
    )


def counted(round_: Round) -> tuple[Any, counting.Result]:
    """Return the engine's election and result of a counted round, from the stored snapshot."""
    assert round_.snapshot is not None
    election = parse_election(round_.snapshot)
    return election, counting.count(election, **count_mode(round_))


# --- The congress decides the next round -------------------------------------------------------


@transaction.atomic
def decide_next_round(
    *,
    round_: Round,
    user: User,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    candidates: Sequence[Candidate] | None = None,
    note: str = "",
) -> CongressDecision:
    """Record the congress's show of hands on voting again, and open the next round's list.

    A tie (rules.md §2.6): the proposal is a further vote among the tied for the places left,
    exactly as the engine named them. Too few elected (§2.7): another round for the seats left,
    among the names the presidium proposes (by default everyone on the list not elected).
    Adopted, the next round exists at once with its list approved (the decision approved it);
    not adopted, the seats stay empty.
    """
    note = nfc(note)
    _refuse_hidden(note=(_LABEL_NOTE, note))
    round_ = _locked(round_)
    _require_status(round_, [RoundStatus.COUNTED], errors.ACTION_DECIDE)
    if CongressDecision.objects.filter(after_round=round_).exists():
        raise ElectionError(errors.ALREADY_DECIDED.format(number=round_.number))
    result = round_.result or {}
    tie = result.get("tie")
    if result.get("outcome") == counting.TIE or (tie and tie.get("alternates")):
        seats = int(tie["seats"])
        named = [int(cid) for cid in tie["candidates"]]
        chosen = list(Candidate.objects.filter(pk__in=named))
        # A tie in a round for alternate places is still about alternate places.
        for_alternates = bool(tie.get("alternates")) or round_.for_alternates
    elif result.get("outcome") == counting.SHORT:
        seats = int(result["unfilled"])
        elected = {int(cid) for cid in result.get("elected", [])}
        pool = [c for c in round_.candidates.all() if c.pk not in elected and not c.withdrawn]
        if candidates is None:
            chosen = pool
        else:
            allowed = {c.pk for c in pool}
            chosen = [c for c in candidates if c.pk in allowed]
        if len(chosen) < seats:
            raise ElectionError(errors.DECISION_CANDIDATES.format(seats=seats))
        for_alternates = round_.for_alternates
    else:
        raise ElectionError(errors.NOT_UNDECIDED.format(number=round_.number))
    vote = _show_of_hands(round_, yes=yes, no=no, abstain=abstain, present=present)
    decision = CongressDecision.objects.create(
        after_round=round_,
        continue_voting=vote.adopted,
        seats=seats if vote.adopted else 0,
        yes=yes,
        no=no,
        abstain=abstain,
        present=present,
        message=vote.message,
        note=note[:500],
        recorded_by=user,
    )
    if vote.adopted:
        decision.candidates.set(chosen)
        following = Round.objects.create(
            election=round_.election,
            number=round_.number + 1,
            seats=seats,
            alternates=0,
            for_alternates=for_alternates,
            status=RoundStatus.LIST_APPROVED,
            decided_by=decision,
            paper=round_.paper,
            phone=round_.phone,
            list_approved_at=timezone.now(),
            list_yes=yes,
            list_no=no,
            list_abstain=abstain,
            list_present=present,
            list_message=vote.message,
        )
        following.candidates.set(chosen)
    return decision


@dataclass(frozen=True)
class Standing:
    """Who the election has elected so far, over all its counted rounds."""

    elected: list[Candidate]
    alternates: list[Candidate]
    seats_left: int
    undecided: Round | None  # a counted round waiting for the congress's decision


def standing_ids(rounds: Iterable[Round]) -> tuple[list[int], list[int], list[Round]]:
    """Read the counted rounds (in order): the candidates elected, those ranked alternates, and
    the rounds whose outcome waits for the congress's decision (incomplete or tied)."""
    elected: list[int] = []
    alternates: list[int] = []
    waiting: list[Round] = []
    for round_ in rounds:
        if round_.status != RoundStatus.COUNTED or not round_.result:
            continue
        ids = [int(c) for c in round_.result["elected"]]
        if round_.for_alternates:
            alternates.extend(ids)
        else:
            elected.extend(ids)
            alternates.extend(int(c) for c in round_.result.get("alternates", []))
        tie = round_.result.get("tie")
        if round_.result["outcome"] != counting.COMPLETE or bool(tie):
            waiting.append(round_)
    return elected, alternates, waiting


def standing(election: Election) -> Standing:
    elected, alternates, waiting = standing_ids(election.rounds.order_by("number"))
    undecided = None
    for round_ in waiting:
        if not CongressDecision.objects.filter(after_round=round_).exists():
            undecided = round_
    people = Candidate.objects.in_bulk([*elected, *alternates])
    return Standing(
        elected=[people[i] for i in elected],
        alternates=[people[i] for i in alternates],
        seats_left=max(election.seats - len(elected), 0),
        undecided=undecided,
    )


# --- Phone voting -------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


VOTING_CODE_LENGTH = 20  # characters of RECEIPT_ALPHABET: 100 bits, printed in groups of four


def new_voting_code() -> str:
    """Return a new voting code like ``K7QX-2M9P-...`` (five groups of four; typed if need be)."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(VOTING_CODE_LENGTH))
    return "-".join(chars[i : i + 4] for i in range(0, VOTING_CODE_LENGTH, 4))


def normalized_code(code: str) -> str:
    """Return a typed voting code as printed: upper case, groups of four (spaces forgiven)."""
    chars = "".join(ch for ch in code.upper() if ch.isalnum())
    chars = chars.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def open_phone_round_of(congress_id: int) -> Round | None:
    """Return a round of the congress now open to phone votes, if there is one."""
    return (
        Round.objects.select_related("election")
        .filter(election__congress_id=congress_id, phone=True, status=RoundStatus.OPEN)
        .order_by("election_id", "number")
        .first()
    )


@transaction.atomic
def issue_voting_pass(*, delegate: Delegate, by: User | None = None, reason: str = "") -> str:
    """Give the delegate a new voting code (shown once, as a QR code); the old one stops working.

    Replacing a code is logged (who, when, the code replaced, by its hash). While a round is
    open to phone votes, a new code lets whoever holds it vote in the delegate's name, so it
    needs the presidium's reason, recorded with it.
    """
    existing = VotingPass.objects.select_for_update().filter(delegate=delegate).first()
    token = new_voting_code()
    if existing is None:
        VotingPass.objects.create(delegate=delegate, token_hash=_token_hash(token))
        return token
    if by is None:
        raise ValueError("Replacing a voting code needs the user who does it (logged).")
    reason = nfc(reason)
    _refuse_hidden(reason=(_LABEL_REASON, reason))
    open_round = open_phone_round_of(delegate.congress_id)
    if open_round is not None and not reason:
        raise ElectionError(
            errors.REISSUE_REASON_REQUIRED.format(title=round_title(open_round)), field="reason"
        )
    VotingPassReissue.objects.create(
        delegate=delegate,
        replaced_hash=existing.token_hash,
        during_round=open_round,
        reason=reason[:500],
        by=by,
    )
    existing.token_hash = _token_hash(token)
    existing.save(update_fields=["token_hash", "issued_at"])
    return token


def issue_missing_voting_passes(*, congress: Congress) -> list[tuple[Delegate, str]]:
    """Give a voting code to every voting delegate of the congress who has none yet."""
    issued = []
    waiting = hall.voting_delegates_of(congress).filter(voting_pass__isnull=True)
    for delegate in waiting.order_by("number", "pk"):
        issued.append((delegate, issue_voting_pass(delegate=delegate)))
    return issued


def delegate_for_hash(token_hash: str) -> Delegate | None:
    """Return the delegate whose voting code has this SHA-256, or None (unknown or replaced).

    Every phone request starts here (the voter's session on the phone holds the hash), so the
    lookup is one raw query (``rows``; the ORM spent about 0.7 ms a request compiling the
    select_related join, bench/bench_phone_vote.py).
    """
    delegate_model: Any = VotingPass._meta.get_field("delegate").related_model
    found = rows.read(_delegate_by_code_sql(), [token_hash], (delegate_model,))
    return None if found is None else found[0]


@cache
def _delegate_by_code_sql() -> str:
    """The query of ``delegate_for_hash`` (made once the models are ready)."""
    delegate_model: Any = VotingPass._meta.get_field("delegate").related_model
    selected = rows.columns(delegate_model, "d")  # the model's own columns
    return (
        f"SELECT {selected} FROM congresses_delegate d "  # noqa: S608 - columns of the model
        "JOIN elections_votingpass p ON p.delegate_id = d.id WHERE p.token_hash = %s"
    )


def hash_of_code(code: str) -> str | None:
    """Return the SHA-256 of the voting code as stored, trying it as given then as printed."""
    for candidate in dict.fromkeys([code.strip(), normalized_code(code)]):
        if candidate and VotingPass.objects.filter(token_hash=_token_hash(candidate)).exists():
            return _token_hash(candidate)
    return None


def delegate_for_token(token: str) -> Delegate | None:
    """Return the delegate holding this voting code (as given or as printed), or None."""
    token_hash = hash_of_code(token)
    return None if token_hash is None else delegate_for_hash(token_hash)


def code_was_replaced(*, code: str = "", token_hash: str = "") -> bool:
    """Tell whether this code (or the code with this hash) was replaced by a newer one."""
    hashes = {token_hash} if token_hash else set()
    if code:
        hashes |= {_token_hash(code.strip()), _token_hash(normalized_code(code))}
    return VotingPassReissue.objects.filter(replaced_hash__in=hashes - {""}).exists()


def new_receipt() -> str:
    """Return a random receipt code like ``K7QX-2M9P`` (40 bits)."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


SUBMISSION_CODE = re.compile(r"[A-Za-z0-9_-]{22,64}")


def submission_receipt(*, round_id: int, delegate_id: int, submission: str) -> str:
    """Return the receipt code of the ballot sent with a ballot form's submission code.

    The ballot page carries a random code (``new_submission_code``) that the phone sends with
    its ballot; the receipt is a keyed hash (SECRET_KEY) of the round, the delegate and that
    code, 40 bits like a random one. The same form sent again (HAProxy retrying a POST whose
    node died after the commit, a double tap) finds its ballot again by this code, so the voter
    gets their receipt, not "already voted". Nothing stores the code: without it the receipt
    cannot be tied to the delegate, and another delegate's session computes another code.
    """
    value = f"{round_id}/{delegate_id}/{submission}"
    mac = salted_hmac("daihoi.elections.submission-receipt", value, algorithm="sha256").digest()
    number = int.from_bytes(mac[:5], "big")
    chars = "".join(RECEIPT_ALPHABET[(number >> (5 * (7 - i))) & 31] for i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def new_submission_code() -> str:
    """Return the random code a ballot page's form sends with its ballot (128 bits)."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class PhoneSheet:
    """What a phone ballot of an open round needs, read once per opening and kept in memory.

    The list is frozen once approved, so while a round is open nothing here can change; the key
    includes the moment it opened, so a round opened again (or a reused id in tests) never
    meets a stale sheet.
    """

    round_id: int
    seats: int
    ids: tuple[str, ...]  # ballot order
    names: Mapping[str, str]
    election: Any  # the engine's Election, without ballots
    all_crossed_ok: bool


_SHEETS: dict[tuple[int, str], PhoneSheet] = {}
_SHEETS_MAX = 64


def _stamp(moment: datetime.datetime | None) -> str:
    """Write a moment the same way whether the ORM or a raw cursor read it (UTC)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite's raw cursor: naive, in UTC
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).isoformat()


def phone_sheet(round_: Round) -> PhoneSheet:
    """Return the ballot of an open round (cached per opening; read afresh otherwise)."""
    key = (round_.pk, _stamp(round_.opened_at))
    cacheable = round_.status == RoundStatus.OPEN and round_.opened_at is not None
    if cacheable and key in _SHEETS:
        return _SHEETS[key]
    election = engine_election(round_, ballots=())
    sheet = PhoneSheet(
        round_id=round_.pk,
        seats=round_.seats,
        ids=tuple(c.id for c in election.candidates),
        names=MappingProxyType({c.id: c.name for c in election.candidates}),
        election=election,
        all_crossed_ok=counting.ballot_validity(Ballot(kept=frozenset()), election) is None,
    )
    if cacheable:
        if len(_SHEETS) >= _SHEETS_MAX:
            _SHEETS.clear()
        _SHEETS[key] = sheet
    return sheet


def phone_ballot_problem(sheet: PhoneSheet, kept: frozenset[str]) -> str | None:
    """Return why this phone ballot may not be cast, or None if the engine finds it valid.

    The screen allows only valid ballots, and so does the server: the engine's own validity
    (rules.md §2.4, §3.6, §4.4) decides, so a single-name list may be crossed out (a vote
    against) exactly where the rules allow it.
    """
    election = sheet.election
    if not kept <= election.ids:
        return errors.UNKNOWN_NAME
    reason = counting.ballot_validity(Ballot(kept=kept), election)
    if reason == "too-many":
        return errors.KEPT_TOO_MANY.format(
            kept=len(kept), seats=sheet.seats, extra=len(kept) - sheet.seats
        )
    if reason is not None:
        return errors.ALL_CROSSED
    return None


_OPEN_ROUND_SQL = (
    "SELECT r.status, r.phone, r.opened_at, e.congress_id, r.encrypted FROM {round} r "
    "JOIN {election} e ON e.id = r.election_id WHERE r.id = %s"
)


def _open_round_row(round_id: int) -> tuple[str, bool, Any, int, bool] | None:
    """Read what casting needs of the round; on PostgreSQL under a share lock (see close_round).

    Voters' share locks do not block each other; ``close_round`` takes the row lock, so it
    waits for the ballots being cast and no ballot is cast after it.
    """
    sql = _OPEN_ROUND_SQL.format(round=Round._meta.db_table, election=Election._meta.db_table)
    if connection.vendor == "postgresql":
        sql += " FOR SHARE OF r"
    with connection.cursor() as cursor:
        cursor.execute(sql, [round_id])
        row = cursor.fetchone()
    return None if row is None else (row[0], bool(row[1]), row[2], row[3], bool(row[4]))


_INSERT_BALLOT_SQL = (
    "INSERT INTO {table} (id, round_id, kept, receipt) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (round_id, receipt) DO NOTHING RETURNING id"
)


def new_row_id() -> uuid.UUID | str:
    """A new UUID primary key as a raw insert gives it to the database: a uuid on PostgreSQL,
    its 32 hex digits on SQLite (how Django's UUIDField stores it there)."""
    pk = uuid.uuid4()
    return pk if connection.vendor == "postgresql" else pk.hex


def _insert_ballot(round_id: int, kept_json: str, receipt: str) -> bool:
    """Insert a ballot; False if its receipt code is taken (then draw another, no savepoint)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_BALLOT_SQL.format(table=PhoneBallot._meta.db_table),
            [new_row_id(), round_id, kept_json, receipt],
        )
        return cursor.fetchone() is not None


_INSERT_PARTICIPATION_SQL = "INSERT INTO {table} (id, round_id, delegate_id) VALUES (%s, %s, %s)"


def record_participation(round_id: int, delegate_id: int) -> None:
    """Write that the delegate has voted in the round, inside the cast's transaction: the
    unique index on (round, delegate) refuses a second one (IntegrityError), and makes a second
    sent at the same instant wait for the first's transaction. The clear and the encrypted cast
    both write it here. Raw SQL, as the ballot's insert: 0.11 ms of CPU against the ORM's
    0.19-0.26 (PostgreSQL, 1,000 inserts in one transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_PARTICIPATION_SQL.format(table=VoterParticipation._meta.db_table),
            [new_row_id(), round_id, delegate_id],
        )


def cast_phone_ballot(
    *, round_id: int, delegate: Delegate, kept: Iterable[str], submission: str = ""
) -> str:
    """Record a delegate's phone ballot once, secretly, and return its receipt code.

    One transaction writes the participation (unique per round and delegate: a second vote
    fails on the database's unique index, however many arrive at once) and the ballot, which
    carries no link to the delegate. ``submission``: the ballot form's code; the same ballot
    sent again with it returns the same receipt (``submission_receipt``) instead of
    AlreadyVoted; any other second ballot of the delegate is refused.
    """
    chosen = frozenset(str(k) for k in kept)
    if not SUBMISSION_CODE.fullmatch(submission):
        submission = ""
    try:
        with transaction.atomic():
            row = _open_round_row(round_id)
            if row is None:
                raise ElectionError(errors.PHONE_NOT_OPEN)
            status, phone, opened_at, congress_id, encrypted = row
            if status != RoundStatus.OPEN or not phone or congress_id != delegate.congress_id:
                raise ElectionError(errors.PHONE_NOT_OPEN)
            if encrypted:  # a ballot in clear never enters an encrypted round (encrypted.py)
                raise ElectionError(errors.ENCRYPTED_NEEDS_SCRIPT)
            if not hall.is_voter(delegate):
                raise ElectionError(errors.NOT_A_VOTER.format(name=delegate.full_name))
            if not hall.is_checked_in(delegate):
                raise ElectionError(errors.NOT_CHECKED_IN.format(name=delegate.full_name))
            sheet = _SHEETS.get((round_id, _stamp(opened_at)))
            if sheet is None:
                sheet = phone_sheet(
                    Round.objects.select_related("election__congress__unit").get(pk=round_id)
                )
            problem = phone_ballot_problem(sheet, chosen)
            if problem is not None:
                raise errors.InvalidBallot(errors.BALLOT_INVALID.format(reason=problem))
            record_participation(round_id, delegate.pk)
            kept_json = json.dumps(sorted(chosen, key=int))
            for attempt in range(5):
                receipt = (
                    submission_receipt(
                        round_id=round_id, delegate_id=delegate.pk, submission=submission
                    )
                    if submission and attempt == 0
                    else new_receipt()
                )
                if _insert_ballot(round_id, kept_json, receipt):
                    return receipt
            raise ElectionError(errors.PHONE_NOT_OPEN)  # five collisions of 40 bits: never
    except IntegrityError:
        if submission:
            receipt = submission_receipt(
                round_id=round_id, delegate_id=delegate.pk, submission=submission
            )
            stored = PhoneBallot.objects.filter(round_id=round_id, receipt=receipt).first()
            if stored is not None and frozenset(str(k) for k in stored.kept) == chosen:
                return receipt  # this very ballot, sent again: its receipt again
        raise errors.AlreadyVoted() from None


def has_voted(round_: Round, delegate: Delegate) -> bool:
    return VoterParticipation.objects.filter(round=round_, delegate=delegate).exists()


def rounds_voted(delegate: Delegate, rounds: Iterable[Round]) -> set[int]:
    """The ids of those of ``rounds`` in which the delegate has voted, in one query (the phone's
    list of rounds asks it of every round of the congress)."""
    return set(
        VoterParticipation.objects.filter(
            delegate=delegate, round_id__in=[r.pk for r in rounds]
        ).values_list("round_id", flat=True)
    )


@dataclass(frozen=True)
class Turnout:
    voted: int
    present: int  # voting delegates in the hall now


def turnout(round_: Round) -> Turnout:
    """Who voted on the phone, of those present: in the hall now while the round is open; once
    it has closed, as the minutes give it (present at its opening), not whoever came since."""
    voted = VoterParticipation.objects.filter(round=round_).count()
    if round_.status != RoundStatus.OPEN and round_.present is not None:
        return Turnout(voted=voted, present=round_.present)
    return Turnout(voted=voted, present=hall.hall_figures(round_.election.congress).present)


# --- Tamper evidence ----------------------------------------------------------------------------


def _ballot_order(round_: Round) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the candidate ids and names of the round in ballot order."""
    candidates = engine_election(round_, ballots=()).candidates
    return tuple(c.id for c in candidates), tuple(c.name for c in candidates)


def verify_round(round_: Round) -> digest.Verification | None:
    """Check a counted round against the digest recorded at the count.

    The digest binds the stored ballots and the two documents the minutes and the export are
    printed from (the ``daihoi.election/1`` snapshot and the ``daihoi.result/1`` result).
    """
    if not round_.digest:
        return None
    recorded = digest.digest_from_json(round_.digest)
    ids, names = _ballot_order(round_)
    return digest.verify(
        recorded,
        identity(round_, ids),
        stored_ballots(round_),
        {"election": round_.snapshot, "result": round_.result},
        names=names,
    )


def verify_close(round_: Round) -> digest.Verification | None:
    """Check the stored phone ballots against the digest recorded when voting ended."""
    if not round_.close_digest:
        return None
    recorded = digest.digest_from_json(round_.close_digest)
    ids, names = _ballot_order(round_)
    return digest.verify(recorded, identity(round_, ids), phone_records(round_), names=names)
