"""Encrypted phone ballots (issue 13; docs/ballot-crypto.md): the round's key, the cast, the board.

The phone encrypts its ballot (static/js/ballot-crypto.js) under the joint public key of the
counting committee; the server never sees a choice. It checks the ballot's proofs (every name 0
or 1, the number kept within the profile's bounds) before writing anything, records the
delegate's participation exactly as a clear phone vote does (one per delegate, same
transaction), and appends the ballot to the round's hash-chained board, whose entry hash is the
voter's tracking code. The protocol is ``daihoi.rules.ballot_crypto``; the group is the one the
round's key was made in (``group_of``): ristretto255 and protocol 3 for a key made now,
edwards25519 and protocol 2 for a round keyed before protocol 3, whose ballots, count and record
work as they did.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from daihoi.elections import congress as hall
from daihoi.elections import errors
from daihoi.elections.crypto_group import checks_faster_in_a_batch, group_named
from daihoi.elections.errors import ElectionError, InvalidBallot
from daihoi.elections.models import (
    AuditedBallot,
    BoardEntry,
    CeremonyPost,
    DecryptionShare,
    Election,
    Round,
    RoundStatus,
    VoterParticipation,
)
from daihoi.rules import ballot_crypto as bc

#: The group and protocol a round's key is made in from now on (docs/ballot-crypto.md,
#: "Protocol 3").
NEW_GROUP = "ristretto255"
NEW_PROTOCOL = bc.PROTOCOL_3


def group_of(round_: Round) -> bc.Group:
    """The group of the round's key (its key record says), or of a key being made: the new one."""
    return group_named((round_.key_record or {}).get("group", NEW_GROUP))


def new_group() -> bc.Group:
    """The group a key is made in now: the key ceremony's, and a key set directly."""
    return group_named(NEW_GROUP)


def protocol_of(round_: Round) -> str:
    """The ballot protocol of the round's key, or of a key being made: the new one."""
    return str((round_.key_record or {}).get("protocol", NEW_PROTOCOL))


#: Fewest committee members a key is made with (the Ban Kiểm phiếu has 3 to 5).
LEAST_MEMBERS = 1


def round_context(round_: Round) -> list[bc.HashItem]:
    """What every proof of the round binds: the congress, the election and the round."""
    election = round_.election
    return ["daihoi/round", election.congress_id, election.pk, round_.pk, round_.number]


@dataclass(frozen=True)
class PhoneCrypto:
    """What the phone needs to encrypt a ballot of the round (the page hands it over)."""

    public_key: str  # hex
    context: list[Any]
    minimum: int
    maximum: int
    names: int
    group: str
    protocol: str


def bounds(*, names: int, seats: int, all_crossed_ok: bool) -> tuple[int, int]:
    """[minimum, maximum] of names kept the range proof shows: the engine's own validity
    (``services.PhoneSheet.all_crossed_ok``, rules.md §2.4 items 2 and 4, §3.6, §4.4)."""
    return (0 if all_crossed_ok else 1), min(seats, names)


def phone_crypto(round_: Round, sheet: Any) -> PhoneCrypto:
    minimum, maximum = bounds(
        names=len(sheet.ids), seats=round_.seats, all_crossed_ok=sheet.all_crossed_ok
    )
    return PhoneCrypto(
        public_key=round_.public_key,
        context=round_context(round_),
        minimum=minimum,
        maximum=maximum,
        names=len(sheet.ids),
        group=group_of(round_).name,
        protocol=protocol_of(round_),
    )


# --- The committee's key ---


def commitment_from_json(data: Any) -> bc.MemberCommitment:
    try:
        return bc.MemberCommitment(
            index=int(data["index"]),
            commitments=tuple(bytes.fromhex(k) for k in data["commitments"]),
            proofs=tuple(
                bc.SchnorrProof(challenge=int(c, 16), response=int(r, 16))
                for c, r in data["proofs"]
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ElectionError(errors.ENCRYPTED_KEY_BAD.format(index="?")) from error


@transaction.atomic
def set_round_key(
    *,
    round_: Round,
    commitments: Sequence[bc.MemberCommitment],
    threshold: int,
    holders: Sequence[tuple[int, str]] | None = None,
) -> Round:
    """Make the round encrypted under the committee's joint key, from the members' published
    commitments (each with its proofs, checked here); before the round opens only.

    The members' secrets and shares never come here (docs/ballot-crypto.md, "Keys").
    ``holders`` names who holds each index, in index order: (delegate id, full name) of the Ban
    Kiểm phiếu member, so that the decryption knows each member's account and the messages name
    the member.
    """
    round_ = Round.objects.select_for_update().select_related("election").get(pk=round_.pk)
    if round_.status not in (RoundStatus.DRAFT, RoundStatus.LIST_APPROVED):
        raise ElectionError(errors.ENCRYPTED_KEY_TOO_LATE)
    indexes = [c.index for c in commitments]
    if (
        len(commitments) < LEAST_MEMBERS
        or sorted(indexes) != list(range(1, len(indexes) + 1))
        or not 1 <= threshold <= len(commitments)
    ):
        raise ElectionError(errors.ENCRYPTED_KEY_SHAPE.format(least=LEAST_MEMBERS))
    context = round_context(round_)
    group = new_group()
    for commitment in commitments:
        if not bc.verify_member_commitment(
            group, commitment=commitment, threshold=threshold, context=context
        ):
            raise ElectionError(errors.ENCRYPTED_KEY_BAD.format(index=commitment.index))
    if holders is not None and len(holders) != len(commitments):
        raise ElectionError(errors.ENCRYPTED_KEY_SHAPE.format(least=LEAST_MEMBERS))
    key = bc.joint_public_key(group, commitments=commitments)
    members = [bc.commitment_to_json(c) for c in commitments]
    for member, (delegate_id, name) in zip(members, holders or (), strict=False):
        member["delegate"] = delegate_id
        member["name"] = name
    round_.encrypted = True
    round_.public_key = key.hex()
    round_.key_record = {
        "group": group.name,
        "protocol": NEW_PROTOCOL,
        "context": context,
        "threshold": threshold,
        "members": members,
    }
    round_.save(update_fields=["encrypted", "public_key", "key_record"])
    return round_


# --- The cast ---

_ROUND_SQL = (
    "SELECT r.status, r.phone, r.opened_at, e.congress_id, r.encrypted, r.public_key "
    "FROM {round} r JOIN {election} e ON e.id = r.election_id WHERE r.id = %s"
)


def _round_row(round_id: int, *, lock: bool) -> tuple[Any, ...] | None:
    """The round as casting needs it; with ``lock`` (PostgreSQL) the row lock that orders the
    appends to the board (and that ``close_round`` waits for, as for clear ballots)."""
    sql = _ROUND_SQL.format(round=Round._meta.db_table, election=Election._meta.db_table)
    if lock and connection.vendor == "postgresql":
        sql += " FOR UPDATE OF r"
    with connection.cursor() as cursor:
        cursor.execute(sql, [round_id])
        row = cursor.fetchone()
    return None if row is None else tuple(row)


def _require_open(row: tuple[Any, ...] | None, delegate: Any) -> tuple[Any, ...]:
    if row is None:
        raise ElectionError(errors.PHONE_NOT_OPEN)
    status, phone, _opened, congress_id, encrypted, public_key = row
    if status != RoundStatus.OPEN or not phone or congress_id != delegate.congress_id:
        raise ElectionError(errors.PHONE_NOT_OPEN)
    if not encrypted or not public_key:
        raise ElectionError(errors.PHONE_NOT_OPEN)
    return row


def genesis(round_: Round) -> str:
    return bc.board_genesis(group_of(round_), context=round_context(round_))


_LAST_ENTRY_SQL = (
    "SELECT position, tracking FROM {table} WHERE round_id = %s ORDER BY position DESC LIMIT 1"
)
_INSERT_ENTRY_SQL = (
    "INSERT INTO {table} (id, round_id, position, ballot, tracking, commitments)"
    " VALUES (%s, %s, %s, %s, %s, %s)"
)


def _append_to_board(round_: Round, ballot: bc.EncryptedBallot, commitments: bytes) -> str:
    """Append a checked ballot and its proofs' commitments (as its check recomputed them) to
    the round's board, under the round's row lock (which orders the positions); return its
    tracking code. Raw queries, as the clear cast's insert: the ORM's read and create cost
    about 0.6 ms of a cast's 8 (bench/bench_phone_vote.py)."""
    from daihoi.elections.services import new_row_id

    table = BoardEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(_LAST_ENTRY_SQL.format(table=table), [round_.pk])
        last = cursor.fetchone()
        position, previous = last if last is not None else (0, genesis(round_))
        tracking = bc.board_entry(previous=previous, ballot=ballot)
        cursor.execute(
            _INSERT_ENTRY_SQL.format(table=table),
            [
                new_row_id(),
                round_.pk,
                position + 1,
                json.dumps(bc.ballot_to_json(ballot)),
                tracking,
                commitments,
            ],
        )
    return str(tracking)


@dataclass(frozen=True, slots=True)
class Cast:
    """A ballot cast: its tracking code (the voter's receipt, found on the board) and its
    fingerprint (the one the phone showed before the voter chose to cast it)."""

    tracking: str
    fingerprint: str


def cast_encrypted_ballot(
    *, round_: Round, delegate: Any, ballot: object, commitments: bytes | None = None
) -> Cast:
    """Check an encrypted ballot's proofs, record the delegate's vote once, append the ballot to
    the board; return its tracking code and fingerprint.

    ``commitments``: those the phone sent beside the ballot (its proofs' commitments), with
    which the proofs are checked as a batch of one where that is faster
    (``bc.checked_commitments(sent=...)``): the same verdict and the same commitments kept,
    whatever is sent.

    One transaction, which first writes the delegate's participation: it is unique per round
    and delegate (what keeps exactly one ballot), so a delegate who has already voted (a double
    tap, a second phone) is refused there, before the proofs are checked, and a second cast
    sent at the same instant as the first waits on that write for the first to end, then is
    refused: a second cast never pays the check. Both look at this delegate only, so their
    timing tells them nothing they do not know. The proofs are then checked (milliseconds,
    holding no lock but the delegate's; the round's key and list cannot change while it is
    open); a ballot refused undoes the participation with the transaction. The round is re-read
    under its row lock and the board entry written.
    """
    from daihoi.elections.services import phone_sheet, record_participation

    try:
        parsed = bc.ballot_from_json(ballot)
    except bc.CryptoError:
        raise InvalidBallot(errors.BALLOT_INVALID.format(reason=errors.ENCRYPTED_FORMAT)) from None
    # the round as the caller read it (the page, just now): refused early if it is not open;
    # the locked read below decides
    row = _require_open(
        (
            round_.status,
            round_.phone,
            None,
            round_.election.congress_id,
            round_.encrypted,
            round_.public_key,
        ),
        delegate,
    )
    if not hall.is_voter(delegate):
        raise ElectionError(errors.NOT_A_VOTER.format(name=delegate.full_name))
    if not hall.is_checked_in(delegate):
        raise ElectionError(errors.NOT_CHECKED_IN.format(name=delegate.full_name))
    crypto = phone_crypto(round_, phone_sheet(round_))
    group = group_of(round_)
    try:
        with transaction.atomic():
            record_participation(round_.pk, delegate.pk)
            checked = bc.checked_commitments(
                group,
                public_key=bytes.fromhex(row[5]),
                ballot=parsed,
                names=crypto.names,
                minimum=crypto.minimum,
                maximum=crypto.maximum,
                context=crypto.context,
                protocol=crypto.protocol,
                sent=commitments if checks_faster_in_a_batch(group) else None,
            )
            if checked is None:
                raise InvalidBallot(
                    errors.BALLOT_INVALID.format(reason=errors.ENCRYPTED_PROOF_FAILED)
                )
            locked = _require_open(_round_row(round_.pk, lock=True), delegate)
            if locked[5] != row[5]:
                raise ElectionError(errors.PHONE_NOT_OPEN)
            tracking = _append_to_board(round_, parsed, checked)
    except IntegrityError:
        raise errors.AlreadyVoted() from None
    return Cast(tracking=tracking, fingerprint=bc.ballot_fingerprint(parsed))


#: Published audits a round takes at most: bounds the table (a congress has at most a few
#: thousand delegates, each auditing a few times at most).
MAX_AUDITS = 10_000


def publish_audit(*, round_: Round, audit: object) -> int:
    """Publish an encryption the voter audited instead of casting (Benaloh): checked first
    (one ciphertext per name, each Enc(choice; nonce) under the round's key), then appended to
    the round's audits; returns its position. The same audit sent again returns its position.
    Nothing about who sent it is written (docs/ballot-crypto.md, "Cast or audit")."""
    try:
        parsed = bc.audit_from_json(audit)
    except bc.CryptoError:
        raise InvalidBallot(errors.ENCRYPTED_AUDIT_FORMAT) from None
    if round_.status != RoundStatus.OPEN or not round_.encrypted or not round_.public_key:
        raise ElectionError(errors.ENCRYPTED_AUDIT_CLOSED)
    from daihoi.elections.services import phone_sheet

    names = len(phone_sheet(round_).ids)
    if not bc.audit_holds(
        group_of(round_), public_key=bytes.fromhex(round_.public_key), audit=parsed, names=names
    ):
        raise InvalidBallot(errors.ENCRYPTED_AUDIT_BAD)
    fingerprint = parsed.fingerprint
    try:
        with transaction.atomic():
            _round_row(round_.pk, lock=True)  # orders the positions (PostgreSQL)
            last = AuditedBallot.objects.filter(round_id=round_.pk).order_by("-position").first()
            position = (last.position if last is not None else 0) + 1
            if position > MAX_AUDITS:
                raise ElectionError(errors.ENCRYPTED_AUDITS_FULL.format(limit=MAX_AUDITS))
            AuditedBallot.objects.create(
                round_id=round_.pk,
                position=position,
                fingerprint=fingerprint,
                audit=bc.audit_to_json(parsed),
            )
            return position
    except IntegrityError:  # this audit already published
        return AuditedBallot.objects.get(round_id=round_.pk, fingerprint=fingerprint).position


def audits(round_: Round) -> list[AuditedBallot]:
    """The round's published audits in order."""
    return list(AuditedBallot.objects.filter(round=round_).order_by("position"))


# --- The board ---


@dataclass(frozen=True)
class Board:
    entries: tuple[tuple[int, str], ...]  # (position, tracking code) in chain order
    final: str  # the last entry's hash, or the genesis of an empty board
    ok: bool  # the chain recomputed from the stored ciphertexts matches every tracking code


def board(round_: Round) -> Board:
    """The round's public board, its chain checked from the stored ballots."""
    rows = list(
        BoardEntry.objects.filter(round=round_)
        .order_by("position")
        .values_list("position", "ballot", "tracking")
    )
    try:
        ballots = [bc.ballot_from_json(b) for _, b, _ in rows]
        ok = [p for p, _, _ in rows] == list(range(1, len(rows) + 1)) and bc.verify_board(
            group_of(round_),
            context=round_context(round_),
            ballots=ballots,
            hashes=[t for _, _, t in rows],
        )
    except bc.CryptoError:
        ok = False
    return Board(
        entries=tuple((p, t) for p, _, t in rows),
        final=rows[-1][2] if rows else genesis(round_),
        ok=ok,
    )


# --- Closing and counting (issue 13, step "Closing" of docs/ballot-crypto.md) ---


def _board_ballots(round_: Round) -> tuple[list[bc.EncryptedBallot], list[str]]:
    rows = list(
        BoardEntry.objects.filter(round=round_)
        .order_by("position")
        .values_list("position", "ballot", "tracking")
    )
    if [p for p, _, _ in rows] != list(range(1, len(rows) + 1)):
        raise bc.CryptoError(bc.ERROR_FORMAT)
    return [bc.ballot_from_json(b) for _, b, _ in rows], [t for _, _, t in rows]


def _sums_to_json(sums: Sequence[bc.Ciphertext]) -> list[list[str]]:
    return [[ct.alpha.hex(), ct.beta.hex()] for ct in sums]


def _sums_from_json(data: Any) -> tuple[bc.Ciphertext, ...]:
    return tuple(bc.Ciphertext(alpha=bytes.fromhex(a), beta=bytes.fromhex(b)) for a, b in data)


def board_sums(round_: Round) -> dict[str, Any]:
    """The board read back: its chain checked, its ciphertexts multiplied per name.

    Raises ``ElectionError`` when the chain does not hold (an entry changed, missing, added).
    """
    names = len(round_.candidates.all())
    try:
        ballots, hashes = _board_ballots(round_)
        group = group_of(round_)
        ok = bc.verify_board(group, context=round_context(round_), ballots=ballots, hashes=hashes)
        sums = bc.tally(group, ballots=ballots, names=names)
    except bc.CryptoError:
        ok = False
    final = hashes[-1] if ok and hashes else genesis(round_)
    if not ok:
        raise ElectionError(errors.ENCRYPTED_BOARD_BROKEN.format(final=final))
    return {"ballots": len(ballots), "final": final, "sums": _sums_to_json(sums)}


def seal_board(round_: Round) -> None:
    """At the close (inside ``services.close_round``'s transaction, the round locked): keep
    the board's per-name sums, its length and final hash on the round."""
    round_.tally_record = board_sums(round_)


@dataclass(frozen=True)
class Holder:
    """A member of the committee as the round's key names them."""

    index: int
    delegate_id: int | None
    name: str

    @property
    def label(self) -> str:
        if self.name:
            return errors.ENCRYPTED_MEMBER_NAMED.format(index=self.index, name=self.name)
        return errors.ENCRYPTED_MEMBER.format(index=self.index)


def holders(round_: Round) -> list[Holder]:
    record = round_.key_record or {}
    return [
        Holder(index=int(m["index"]), delegate_id=m.get("delegate"), name=m.get("name", ""))
        for m in record.get("members", [])
    ]


def holder_of(round_: Round, *, delegate_id: int) -> Holder | None:
    """The key share index the Ban Kiểm phiếu member (by delegate) holds, or None."""
    return next((h for h in holders(round_) if h.delegate_id == delegate_id), None)


def verification_key(round_: Round, *, member: int) -> str:
    """Member ``member``'s public verification key (g to its key share, hex), from the published
    commitments: the member's device checks a backup typed by hand against it before
    decrypting, so a mistyped character is said as such."""
    group = group_of(round_)
    return bc.verification_key(group, member=member, commitments=_commitments(round_)).hex()


def _commitments(round_: Round) -> list[bc.MemberCommitment]:
    assert round_.key_record is not None
    return [commitment_from_json(m) for m in round_.key_record["members"]]


def partial_from_json(data: Any) -> bc.PartialDecryption:
    """Read a member's partial decryption (JSON: hex); malformed raises ``bc.CryptoError``."""
    try:
        if not isinstance(data, dict) or set(data) != {"member", "shares", "proofs"}:
            raise ValueError
        member = data["member"]
        if not isinstance(member, int) or isinstance(member, bool):
            raise ValueError
        shares = tuple(bytes.fromhex(m) for m in data["shares"] if isinstance(m, str))
        proofs = tuple(
            bc.ChaumPedersenProof(challenge=int(c, 16), response=int(r, 16))
            for c, r in data["proofs"]
        )
        if len(shares) != len(data["shares"]):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise bc.CryptoError(bc.ERROR_FORMAT) from None
    return bc.PartialDecryption(member=member, shares=shares, proofs=proofs)


def decryption_context(round_: Round) -> list[bc.HashItem]:
    return [*round_context(round_), "decryption"]


def sums_of(round_: Round) -> tuple[bc.Ciphertext, ...]:
    assert round_.tally_record is not None
    return _sums_from_json(round_.tally_record["sums"])


@transaction.atomic
def submit_partial(*, round_: Round, member: int, partial: object, user: Any = None) -> int:
    """Check a member's partial decryption of the closed round's sums and keep it; return how
    many members have given theirs.

    The proof is checked against the member's verification key (computed from the published
    commitments) before anything is written; a bad one is refused naming the member. Each
    member gives theirs once; the round must be closed and not yet counted.
    """
    round_ = Round.objects.select_for_update().select_related("election").get(pk=round_.pk)
    if not round_.encrypted or round_.status != RoundStatus.CLOSED or not round_.tally_record:
        raise ElectionError(errors.ENCRYPTED_DECRYPT_NOT_CLOSED)
    holder = next((h for h in holders(round_) if h.index == member), None)
    if holder is None:
        raise ElectionError(errors.ENCRYPTED_NOT_A_MEMBER.format(index=member))
    if DecryptionShare.objects.filter(round=round_, member=member).exists():
        raise ElectionError(errors.ENCRYPTED_PARTIAL_TWICE.format(member=holder.label))
    if not round_.tally_record.get("ballots"):
        raise ElectionError(errors.ENCRYPTED_NOTHING_TO_DECRYPT)
    bad = ElectionError(errors.ENCRYPTED_PARTIAL_BAD.format(member=holder.label))
    try:
        parsed = partial_from_json(partial)
    except bc.CryptoError:
        raise bad from None
    group = group_of(round_)
    verification = bc.verification_key(group, member=member, commitments=_commitments(round_))
    if parsed.member != member or not bc.verify_partial(
        group,
        partial=parsed,
        verification=verification,
        sums=sums_of(round_),
        context=decryption_context(round_),
    ):
        raise bad
    DecryptionShare.objects.create(
        round=round_,
        member=member,
        partial=bc.partial_to_json(parsed),
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    return DecryptionShare.objects.filter(round=round_).count()


@dataclass(frozen=True)
class PhoneTotals:
    """The phone part of an encrypted round, decrypted: ballots and votes per candidate id."""

    ballots: int
    votes: dict[str, int]
    final: str
    members: tuple[int, ...]  # whose partial decryptions were combined
    threshold: int
    holders: int


def decrypt_totals(round_: Round, *, ids: Sequence[str]) -> PhoneTotals:
    """Combine the stored partial decryptions (at least the threshold) into the totals.

    The board is read back and checked against what the close recorded (chain, sums, length
    equal to the delegates who voted on the phone); each stored partial is checked again. Called
    inside ``services.count_round``'s transaction.
    """
    record = round_.tally_record
    assert record is not None and round_.key_record is not None
    again = board_sums(round_)
    if again != record:
        raise ElectionError(errors.ENCRYPTED_SUMS_CHANGED)
    voters = VoterParticipation.objects.filter(round=round_).count()
    if record["ballots"] != voters:
        raise ElectionError(
            errors.ENCRYPTED_BOARD_COUNT.format(board=record["ballots"], voters=voters)
        )
    threshold = int(round_.key_record["threshold"])
    sums = sums_of(round_)
    commitments = _commitments(round_)
    group = group_of(round_)
    if record["ballots"]:
        totals, members = _combined(
            round_,
            group,
            sums=sums,
            commitments=commitments,
            threshold=threshold,
            limit=record["ballots"],
        )
    else:  # voted on paper alone: every total 0, nothing to decrypt
        try:
            totals, members = bc.totals_of_empty_board(group, sums=sums), ()
        except bc.CryptoError:
            raise ElectionError(errors.ENCRYPTED_SUMS_CHANGED) from None
    return PhoneTotals(
        ballots=record["ballots"],
        votes=dict(zip(ids, totals, strict=True)),
        final=record["final"],
        members=members,
        threshold=threshold,
        holders=len(commitments),
    )


def _combined(
    round_: Round,
    group: bc.Group,
    *,
    sums: Sequence[bc.Ciphertext],
    commitments: Sequence[bc.MemberCommitment],
    threshold: int,
    limit: int,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The totals from the stored partial decryptions, each checked again, and the members
    whose partials were combined (the first ``threshold`` that hold)."""
    context = decryption_context(round_)
    partials: list[bc.PartialDecryption] = []
    for row in DecryptionShare.objects.filter(round=round_).order_by("member"):
        parsed = partial_from_json(row.partial)
        verification = bc.verification_key(group, member=row.member, commitments=commitments)
        if bc.verify_partial(
            group, partial=parsed, verification=verification, sums=sums, context=context
        ):
            partials.append(parsed)
    if len(partials) < threshold:
        raise ElectionError(
            errors.ENCRYPTED_BELOW_THRESHOLD.format(threshold=threshold, received=len(partials))
        )
    try:
        totals = bc.combine_decryption(
            group, sums=sums, partials=partials, threshold=threshold, limit=limit
        )
    except bc.CryptoError as error:
        raise ElectionError(str(error)) from None
    return totals, tuple(p.member for p in partials[:threshold])


def decrypted_record(round_: Round, totals: PhoneTotals) -> dict[str, Any]:
    """What the round keeps of its decryption, for the minutes and the verifier."""
    return {
        **(round_.tally_record or {}),
        "totals": [totals.votes[k] for k in totals.votes],
        "members": list(totals.members),
        "threshold": totals.threshold,
        "holders": totals.holders,
        "decrypted_at": timezone.now().isoformat(),
    }


# --- The key ceremony (each member's device; docs/ballot-crypto.md, "Keys") ---

KEY = "key"
COMMITMENT = "commitment"
CHECK = "check"
DONE = "done"
RESTART = "restart"
#: The complaint round, within the check step: a member's device finds a share that does not
#: match its sender's commitments and complains; the sender's device publishes that share.
COMPLAINT = "complaint"
REVEAL = "reveal"
#: A member leaves out of the key another member the ceremony waits for (absent, or accused by
#: a complaint not answered), and everyone starts again without that member.
EXCLUDE = "exclude"
#: Why a member was left out (``Exclusion.reason``).
LEFT_OUT_ABSENT = "absent"
LEFT_OUT_COMPLAINT = "complaint"


def ceremony_threshold(members: int) -> int:
    """The members needed to decrypt: a majority of the committee (2 of 3, 3 of 4, 3 of 5)."""
    return members // 2 + 1


@dataclass(frozen=True)
class Complaint:
    """Member ``by`` found the share member ``against`` sent it not matching ``against``'s
    commitments; ``share`` is the share ``against`` then published (hex), checked against its
    commitments, or "" while it has not."""

    by: int
    against: int
    share: str


def complaints_in(posts: Iterable[CeremonyPost]) -> list[Complaint]:
    """The complaints the members' posts hold, by complaining member then accused."""
    return [
        Complaint(by=post.member, against=int(against), share=share or "")
        for post in sorted(posts, key=lambda p: p.member)
        for against, share in sorted((post.complaints or {}).items(), key=lambda c: int(c[0]))
    ]


@dataclass(frozen=True)
class Exclusion:
    """A Ban Kiểm phiếu member left out of the round's key: who, by which member, and why
    (``LEFT_OUT_ABSENT`` or ``LEFT_OUT_COMPLAINT``)."""

    delegate_id: int
    name: str
    by: str
    reason: str


@dataclass(frozen=True)
class Restart:
    """A member started the key ceremony again for everyone: who, and when."""

    by: str
    at: datetime.datetime


def restarts(round_: Round) -> tuple[Restart, ...]:
    return tuple(
        Restart(by=r["by"], at=datetime.datetime.fromisoformat(r["at"]))
        for r in round_.key_restarts or []
    )


def exclusions(round_: Round) -> tuple[Exclusion, ...]:
    return tuple(
        Exclusion(delegate_id=int(e["delegate"]), name=e["name"], by=e["by"], reason=e["reason"])
        for e in round_.key_excluded or []
    )


@dataclass(frozen=True)
class Ceremony:
    """Where a round's key ceremony stands, for the members' pages."""

    holders: tuple[Holder, ...]
    threshold: int
    posts: dict[int, CeremonyPost]
    step: str  # KEY, COMMITMENT, CHECK or DONE
    excluded: tuple[Exclusion, ...] = ()
    restarts: tuple[Restart, ...] = ()

    @property
    def complaints(self) -> list[Complaint]:
        return complaints_in(self.posts.values())

    def excludable(self, by: Holder) -> list[Holder]:
        """The members ``by`` may leave out of the key, starting again without them, while the
        members left are still at least the threshold (which stays the whole committee's
        majority: leaving a member out never lowers it): while a complaint is not answered, the
        accused (not ``by``); otherwise those the ceremony waits for at this step, once ``by``
        has taken it (so not everyone right after a restart)."""
        if self.step == DONE or not self.enough_without_one():
            return []
        waiting = self.waiting_for()
        accused = self.accused()  # then the others wait for them, not for the complainers
        if accused:
            return [h for h in waiting if h.index in accused and h.index != by.index]
        if any(h.index == by.index for h in waiting):
            return []
        return waiting

    def enough_without_one(self) -> bool:
        """Whether the members would still be at least the threshold with one left out."""
        return len(self.holders) - 1 >= max(self.threshold, LEAST_MEMBERS)

    def accused(self) -> set[int]:
        """The members accused by a complaint they have not answered."""
        return {c.against for c in self.complaints if not c.share} if self.step == CHECK else set()

    def waiting_for(self) -> list[Holder]:
        field = {KEY: "device_key", COMMITMENT: "commitment", CHECK: "verification"}.get(self.step)
        if field is None:
            return []
        accused = self.accused()
        return [
            h
            for h in self.holders
            if h.index not in self.posts
            or not getattr(self.posts[h.index], field)
            or h.index in accused
        ]


def ceremony(round_: Round) -> Ceremony:
    if round_.public_key:
        found = tuple(holders(round_))
        threshold = int((round_.key_record or {}).get("threshold", 0))
        return Ceremony(
            holders=found,
            threshold=threshold,
            posts={},
            step=DONE,
            excluded=exclusions(round_),
            restarts=restarts(round_),
        )
    seats = hall.counting_committee_seats(round_.election.congress)
    excluded = exclusions(round_)
    left_out = {e.delegate_id for e in excluded}
    found = tuple(
        Holder(index=i, delegate_id=s.delegate_id, name=s.name)
        for i, s in enumerate((s for s in seats if s.delegate_id not in left_out), 1)
    )
    posts = {p.member: p for p in CeremonyPost.objects.filter(round=round_)}
    n = len(found)
    if n and len(posts) == n and all(p.device_key for p in posts.values()):
        step = CHECK if all(p.commitment for p in posts.values()) else COMMITMENT
    else:
        step = KEY
    return Ceremony(
        holders=found,
        threshold=ceremony_threshold(len(seats)),
        posts=posts,
        step=step,
        excluded=excluded,
        restarts=restarts(round_),
    )


def _ceremony_locked(round_: Round) -> tuple[Round, Ceremony]:
    round_ = Round.objects.select_for_update().select_related("election").get(pk=round_.pk)
    if round_.status not in (RoundStatus.DRAFT, RoundStatus.LIST_APPROVED) or not round_.phone:
        raise ElectionError(errors.CEREMONY_TOO_LATE)
    state = ceremony(round_)
    if not state.holders:
        raise ElectionError(errors.CEREMONY_NO_COMMITTEE)
    return round_, state


def _holder_in(state: Ceremony, delegate_id: int) -> Holder:
    holder = next((h for h in state.holders if h.delegate_id == delegate_id), None)
    if holder is None:
        raise ElectionError(errors.ENCRYPTED_NOT_KEY_HOLDER)
    return holder


def _is_hex_point(value: object) -> bool:
    # the ceremony makes the key of a round not keyed yet: in the new group
    return isinstance(value, str) and len(value) == 64 and new_group().is_element(_unhex(value))


def _unhex(value: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError:
        return b""


@transaction.atomic
def ceremony_post(*, round_: Round, delegate_id: int, data: Any) -> Ceremony:
    """Take one step of a member's device in the round's key ceremony (``data["step"]``).

    ``key``: the device's public key for receiving shares. ``commitment``: the member's
    commitments with their proofs (checked here) and a share for each other member, encrypted
    to that member's device key. ``check``: g^s of the key share the device assembled from the
    shares it received and checked against the commitments; it must equal what the commitments
    give. When the last member has checked, the round's key is set (``set_round_key``).
    ``complaint`` (during the check, before the member's own): the device found the share
    member ``against`` sent it not matching ``against``'s commitments; recorded, public, and the
    accused is waited for. ``reveal``: the accused's device publishes that share in clear
    (``to``, ``share``); it is kept only if it matches the accused's own commitments (then the
    complaining device uses it), refused naming the member otherwise. ``restart``: any member,
    until the key is set, clears every member's posts (a device lost its secrets, or a
    complaint is not answered), brings back any member left out, and is logged with who asked
    and when (``Ceremony.restarts``, shown to the members). ``exclude``: a member
    leaves out another the ceremony waits for (``member``, its index; ``Ceremony.excludable``)
    and every member's posts are cleared: the others start again without that member, indexed
    anew, the threshold unchanged.
    """
    round_, state = _ceremony_locked(round_)
    holder = _holder_in(state, delegate_id)
    step = data.get("step") if isinstance(data, dict) else None
    post = state.posts.get(holder.index)
    if (
        step == RESTART and state.step != DONE
    ):  # a device lost its secrets or found a bad share: everyone starts again
        CeremonyPost.objects.filter(round=round_).delete()
        round_.key_excluded = None  # everyone back
        round_.key_restarts = _logged(round_.key_restarts, by=holder.name)
        round_.save(update_fields=["key_excluded", "key_restarts"])
    elif step == EXCLUDE and state.step != DONE:
        _take_exclusion(round_, state, holder, data)
    elif step == KEY and state.step == KEY and post is None:
        if not _is_hex_point(data.get("device_key")):
            raise ElectionError(errors.CEREMONY_BAD_DEVICE_KEY.format(member=holder.label))
        CeremonyPost.objects.create(
            round=round_,
            member=holder.index,
            delegate_id=holder.delegate_id or 0,
            device_key=data["device_key"],
        )
    elif step == COMMITMENT and state.step == COMMITMENT and post and not post.commitment:
        _take_commitment(round_, state, holder, post, data)
    elif step == CHECK and state.step == CHECK and post and not post.verification:
        _take_check(round_, state, holder, post, data)
    elif step == COMPLAINT and state.step == CHECK and post and not post.verification:
        _take_complaint(state, holder, post, data)
    elif step == REVEAL and state.step == CHECK and post and post.commitment:
        _take_reveal(state, holder, post, data)
    else:
        raise ElectionError(errors.CEREMONY_WRONG_STEP)
    round_.refresh_from_db()
    return ceremony(round_)


def _logged(log: list[dict[str, Any]] | None, **entry: Any) -> list[dict[str, Any]]:
    """A round's public log of the ceremony (``key_excluded``, ``key_restarts``) with one more
    entry, stamped with the time now."""
    return [*(log or []), {**entry, "at": timezone.now().isoformat()}]


def _take_exclusion(round_: Round, state: Ceremony, holder: Holder, data: dict[str, Any]) -> None:
    if not state.enough_without_one():
        raise ElectionError(
            errors.CEREMONY_TOO_FEW_LEFT.format(members=len(state.holders), k=state.threshold)
        )
    index = data.get("member")
    excludable = state.excludable(holder) if _is_index(index) else []
    target = next((h for h in excludable if h.index == index), None)
    if target is None:
        raise ElectionError(errors.CEREMONY_BAD_EXCLUSION)
    reason = LEFT_OUT_COMPLAINT if target.index in state.accused() else LEFT_OUT_ABSENT
    round_.key_excluded = _logged(
        round_.key_excluded,
        delegate=target.delegate_id,
        name=target.name,
        by=holder.name,
        reason=reason,
    )
    round_.save(update_fields=["key_excluded"])
    CeremonyPost.objects.filter(round=round_).delete()


def _take_commitment(
    round_: Round, state: Ceremony, holder: Holder, post: CeremonyPost, data: dict[str, Any]
) -> None:
    bad = ElectionError(errors.CEREMONY_BAD_COMMITMENT.format(member=holder.label))
    try:
        commitment = commitment_from_json(data.get("commitment"))
    except ElectionError:
        raise bad from None
    if commitment.index != holder.index or not bc.verify_member_commitment(
        new_group(),
        commitment=commitment,
        threshold=state.threshold,
        context=round_context(round_),
    ):
        raise bad
    shares = data.get("shares")
    others = {str(h.index) for h in state.holders if h.index != holder.index}
    if not isinstance(shares, dict) or set(shares) != others:
        raise bad
    for sealed in shares.values():
        if not (
            isinstance(sealed, dict)
            and set(sealed) == {"ephemeral", "ciphertext"}
            and _is_hex_point(sealed["ephemeral"])
            and isinstance(sealed["ciphertext"], str)
            and len(_unhex(sealed["ciphertext"])) == 32
        ):
            raise bad
    post.commitment = bc.commitment_to_json(commitment)
    post.shares = shares
    post.save(update_fields=["commitment", "shares"])


def _take_complaint(
    state: Ceremony, holder: Holder, post: CeremonyPost, data: dict[str, Any]
) -> None:
    against = data.get("against")
    others = {h.index for h in state.holders if h.index != holder.index}
    complaints = dict(post.complaints or {})
    if not _is_index(against) or against not in others or str(against) in complaints:
        raise ElectionError(errors.CEREMONY_BAD_COMPLAINT)
    complaints[str(against)] = None
    post.complaints = complaints
    post.save(update_fields=["complaints"])


def _take_reveal(state: Ceremony, holder: Holder, post: CeremonyPost, data: dict[str, Any]) -> None:
    recipient = data.get("to")
    accuser = state.posts.get(recipient) if _is_index(recipient) else None
    complaints = dict(accuser.complaints or {}) if accuser else {}
    if accuser is None or str(holder.index) not in complaints or complaints[str(holder.index)]:
        raise ElectionError(errors.CEREMONY_WRONG_STEP)
    try:
        share = bc.scalar_from_hex(data.get("share"))
    except bc.CryptoError:
        share = -1  # refused below, as a share that does not match
    if not bc.verify_share(
        new_group(),
        share=share,
        recipient=accuser.member,
        commitment=commitment_from_json(post.commitment),
    ):
        raise ElectionError(
            errors.CEREMONY_BAD_REVEAL.format(member=holder.label, recipient=accuser.member)
        )
    complaints[str(holder.index)] = format(share, "x")
    accuser.complaints = complaints
    accuser.save(update_fields=["complaints"])


def _is_index(value: object) -> bool:
    """A member's index as JSON sends it: an integer, not a boolean (true == 1 in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _take_check(
    round_: Round, state: Ceremony, holder: Holder, post: CeremonyPost, data: dict[str, Any]
) -> None:
    commitments = [commitment_from_json(state.posts[h.index].commitment) for h in state.holders]
    group = new_group()
    expected = bc.verification_key(group, member=holder.index, commitments=commitments).hex()
    if data.get("verification") != expected:
        raise ElectionError(errors.CEREMONY_BAD_VERIFICATION.format(member=holder.label))
    post.verification = expected
    post.save(update_fields=["verification"])
    if all(p.verification or p.member == holder.index for p in state.posts.values()):
        set_round_key(
            round_=round_,
            commitments=commitments,
            threshold=state.threshold,
            holders=[(h.delegate_id or 0, h.name) for h in state.holders],
        )


# --- The published record (daihoi verify-election; rules/election_record.py) ---


def _board_entry(entry: BoardEntry) -> dict[str, Any]:
    """A board entry as the record publishes it: with its proofs' commitments (base64) when
    the server kept them, for the verifier's batch check."""
    published: dict[str, Any] = {
        "position": entry.position,
        "tracking": entry.tracking,
        "ballot": entry.ballot,
    }
    if entry.commitments:
        published["commitments"] = base64.b64encode(bytes(entry.commitments)).decode("ascii")
    return published


def election_record(round_: Round) -> dict[str, Any]:
    """The round's public record: keys, board, sums, partial decryptions, totals. Everything in
    it is public (no secret, no link between a ballot and a delegate); the independent verifier
    checks it without the database (``daihoi verify-election``). The page serves it as text
    (``election_record_text``)."""
    before, rows, after = _record_parts(round_)
    return {**before, "board": [_board_entry(e) for e in rows], **after}


#: Board entries read from the database at a time while the record is written.
_RECORD_ROWS = 50


def election_record_text(round_: Round) -> Iterator[str]:
    """``election_record`` as JSON text (UTF-8), in pieces: a field per line and the board an
    entry per line, its rows read a few at a time. A round of 2,000 ballots of 185 names makes
    about 250 MB of it, which is never held whole: the page streams it."""
    before, rows, after = _record_parts(round_)

    def fields(part: dict[str, Any]) -> str:
        return ",\n".join(
            f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in part.items()
        )

    yield "{" + fields(before) + ',\n"board": ['
    for i, entry in enumerate(rows.iterator(chunk_size=_RECORD_ROWS)):
        yield ("\n" if i == 0 else ",\n") + json.dumps(_board_entry(entry))
    yield "\n],\n" + fields(after) + "}\n"


def _record_parts(round_: Round) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """The record's fields before its board, the board's rows in order (a query, not yet
    read), and its fields after the board."""
    from daihoi.elections.services import phone_sheet
    from daihoi.rules.election_record import record_format

    sheet = phone_sheet(round_)
    crypto = phone_crypto(round_, sheet)
    key = round_.key_record or {}
    tally_record = round_.tally_record or {}
    before: dict[str, Any] = {
        "format": record_format(crypto.protocol),
        "group": crypto.group,
        "protocol": crypto.protocol,
        "context": round_context(round_),
        "decryption_context": decryption_context(round_),
        "candidates": [{"id": cid, "name": sheet.names[cid]} for cid in sheet.ids],
        "minimum": crypto.minimum,
        "maximum": crypto.maximum,
        "threshold": key.get("threshold"),
        "public_key": round_.public_key,
        "members": [
            {k: v for k, v in m.items() if k != "delegate"} for m in key.get("members", [])
        ],
    }
    after: dict[str, Any] = {
        "final": tally_record.get("final") or board(round_).final,
        "sums": tally_record.get("sums", []),
        "partials": [
            d.partial for d in DecryptionShare.objects.filter(round=round_).order_by("member")
        ],
        "totals": tally_record.get("totals"),
        "audited": [
            {"position": a.position, "fingerprint": a.fingerprint, "audit": a.audit}
            for a in audits(round_)
        ],
    }
    if crypto.protocol == bc.PROTOCOL_3:  # the ceremony's complaints and their answers
        after["complaints"] = [
            {"by": c.by, "against": c.against, "share": c.share or None}
            for c in complaints_in(CeremonyPost.objects.filter(round=round_))
        ]
    rows = BoardEntry.objects.filter(round=round_).order_by("position")
    return before, rows, after
