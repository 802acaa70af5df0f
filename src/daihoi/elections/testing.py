"""A congress ready to vote, for the elections tests (build in setUpTestData or a fixture).

Everything that creates congress-app rows (congress, delegates, check-in, organs) is here and
goes through the congress app's services, so the elections tests depend on it in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importable without Django: bench_verify_election takes published_record
    from daihoi.units.models import Unit

# Seed 001: the BCH khóa V of Công đoàn cơ sở Sở Công Thương (golden case seed-001-bch).
SEED_001_CANDIDATES = (
    "Rcom Jen",
    "Nguyễn Thị Bình",
    "Trần Thị Mai",
    "Lê Thị Hương",
    "Phạm Văn Đức",
    "Lò Văn Hùng",
    "Vàng A Sùng",
)
COMMITTEE = (("Hoàng Văn Nam", True), ("Đỗ Thị Lan", False), ("Vi Văn Tâm", False))


@dataclass
class Hall:
    congress: Any
    delegates: list[Any]  # voting delegates, all checked in (the committee first)
    guest: Any  # an invited guest, checked in, who does not vote
    absent: Any  # a voting delegate who has not checked in


def build_hall(
    unit: Unit, *, delegates: int = 6, form: str = "", tellers: Sequence[Any] = ()
) -> Hall:
    """Create a congress of the unit through the congress app's services, ready to vote.

    ``delegates`` voting delegates are checked in (the first three, the Ban Kiểm phiếu, carry
    the names of ``COMMITTEE``; the rest are "Đại biểu số n"), one more is summoned but absent,
    and a guest is present: ``delegates`` present of ``delegates + 1`` summoned. ``tellers``:
    the accounts linked to the committee's seats in order (they enter, reconcile and count).
    """
    from daihoi.congresses import services
    from daihoi.congresses.models import CongressForm, DelegateKind, Organ, OrganKind, OrganRole
    from daihoi.congresses.services import DelegateData
    from daihoi.congresses.testing import add_guest, make_congress

    congress = make_congress(unit, form=form or CongressForm.DAI_BIEU)
    kind = services.default_kind(congress)
    names = [name for name, _head in COMMITTEE][:delegates]
    names += [f"Đại biểu số {n}" for n in range(len(names) + 1, delegates + 1)]
    people = [
        services.add_delegate(congress=congress, data=DelegateData(full_name=name, kind=kind))
        for name in names
    ]
    absent = services.add_delegate(
        congress=congress, data=DelegateData(full_name="Đại biểu vắng", kind=kind)
    )
    guest = add_guest(congress, "Khách mời")
    for person in [*people, guest]:
        services.check_in(congress=congress, delegate=person)
    organ = Organ.objects.get(congress=congress, kind=OrganKind.BAN_KIEM_PHIEU)
    for person, (_name, head) in zip(people, COMMITTEE, strict=False):
        role = OrganRole.HEAD if head else OrganRole.MEMBER
        services.add_organ_member(organ=organ, delegate=person, role=role)
    for seat, account in zip(organ.members.order_by("order", "id"), tellers, strict=False):
        seat.account = account
        seat.save(update_fields=["account"])
    assert DelegateKind.GUEST == guest.kind
    congress.refresh_from_db()
    for person in people:
        person.refresh_from_db()
    return Hall(congress=congress, delegates=people, guest=guest, absent=absent)


def seat_teller(hall: Hall, account: Any, *, name: str = "") -> Any:
    """Seat one more voting delegate in the Ban Kiểm phiếu, entering with this account."""
    from daihoi.congresses import services
    from daihoi.congresses.models import Organ, OrganKind
    from daihoi.congresses.services import DelegateData

    congress = hall.congress
    person = services.add_delegate(
        congress=congress,
        data=DelegateData(
            full_name=name or account.display_name, kind=services.default_kind(congress)
        ),
    )
    organ = Organ.objects.get(congress=congress, kind=OrganKind.BAN_KIEM_PHIEU)
    seat = services.add_organ_member(organ=organ, delegate=person)
    seat.account = account
    seat.save(update_fields=["account"])
    return seat


def fill_hall(congress: Any, *, present: int) -> None:
    """Check in more voting delegates (new ones, "Đại biểu thêm n") until ``present`` are in."""
    from daihoi.congresses import services
    from daihoi.congresses.services import DelegateData

    kind = services.default_kind(congress)
    missing = present - services.attendance(congress).present
    for n in range(1, missing + 1):
        person = services.add_delegate(
            congress=congress, data=DelegateData(full_name=f"Đại biểu thêm {n}", kind=kind)
        )
        services.check_in(congress=congress, delegate=person)
    congress.refresh_from_db()


def check_in(delegate: Any) -> None:
    from daihoi.congresses import services

    services.check_in(congress=delegate.congress, delegate=delegate)
    delegate.refresh_from_db()


SEED_001_TITLE = "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"


def seed_001_election(hall: Hall) -> Any:
    """Create seed 001's BCH election (5 seats, the seven names of the golden case)."""
    from daihoi.elections import services

    election = services.create_election(
        congress=hall.congress, kind="bch", title=SEED_001_TITLE, seats=5
    )
    for name in SEED_001_CANDIDATES:
        services.add_candidate(election=election, full_name=name)
    return election


def committee_keys(group: Any, *, context: Any, n: int, k: int) -> tuple[list[Any], dict[int, int]]:
    """A committee's key as its n devices make it (threshold k), in one place for the tests and
    benches: the members' published commitments and each member's key share."""
    from daihoi.rules import ballot_crypto as bc

    pairs = [
        bc.member_generate(group, index=i, threshold=k, context=context) for i in range(1, n + 1)
    ]
    keys = {
        m: bc.combine_shares(
            group, shares=[bc.share_for(group, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in range(1, n + 1)
    }
    return [c for _, c in pairs], keys


def key_round_before_protocol_3(round_: Any, *, n: int = 3, k: int = 2) -> dict[int, int]:
    """Key ``round_`` as a round keyed before protocol 3 holds its key (edwards25519, protocol
    2: what ``encrypted.set_round_key`` wrote then), for the tests and benches of such rounds;
    returns each committee member's key share. The committee's first ``n`` seats hold it."""
    from daihoi.elections import congress as hall
    from daihoi.elections import encrypted
    from daihoi.elections.crypto_group import ED25519
    from daihoi.rules import ballot_crypto as bc

    context = encrypted.round_context(round_)
    commitments, keys = committee_keys(ED25519, context=context, n=n, k=k)
    seats = hall.counting_committee_seats(round_.election.congress)
    members = [bc.commitment_to_json(c) for c in commitments]
    for member, seat in zip(members, seats, strict=False):
        member["delegate"], member["name"] = seat.delegate_id, seat.name
    round_.encrypted = True
    round_.public_key = bc.joint_public_key(ED25519, commitments=commitments).hex()
    round_.key_record = {
        "group": ED25519.name,
        "protocol": bc.PROTOCOL,
        "context": context,
        "threshold": k,
        "members": members,
    }
    round_.save(update_fields=["encrypted", "public_key", "key_record"])
    return keys


def published_record(
    group: Any,
    *,
    ballots: Sequence[Any],
    totals: Sequence[int],
    commitments: Sequence[Any],
    keys: dict[int, int],
    threshold: int,
    minimum: int,
    maximum: int,
    protocol: str,
    context: list[Any],
    decryption_context: list[Any],
    audits: Sequence[Any] = (),
    proof_commitments: bool = True,
) -> dict[str, Any]:
    """A round's published record (``daihoi.encrypted-record``) assembled from the protocol's
    functions alone, with no database, for the verifier's tests and its bench: the board of
    ``ballots`` (encrypted ballots) chained, each with its proofs' commitments as the server
    publishes them (``proof_commitments``; a ballot that fails its check has none, and a
    ballot given again is checked once), the per-name sums, the first ``threshold`` members'
    partial decryptions with ``keys``, the ``totals`` claimed and the ``audits`` published."""
    import base64

    from daihoi.rules import ballot_crypto as bc
    from daihoi.rules.election_record import record_format

    names = len(totals)
    public_key = bc.joint_public_key(group, commitments=commitments)
    previous = bc.board_genesis(group, context=context)
    board = []
    computed: dict[int, str | None] = {}
    for position, ballot in enumerate(ballots, 1):
        previous = bc.board_entry(previous=previous, ballot=ballot)
        entry = {"position": position, "tracking": previous, "ballot": bc.ballot_to_json(ballot)}
        if proof_commitments and id(ballot) not in computed:
            kept = bc.checked_commitments(
                group,
                public_key=public_key,
                ballot=ballot,
                names=names,
                minimum=minimum,
                maximum=maximum,
                context=context,
                protocol=protocol,
            )
            computed[id(ballot)] = None if kept is None else base64.b64encode(kept).decode()
        if computed.get(id(ballot)):
            entry["commitments"] = computed[id(ballot)]
        board.append(entry)
    sums = bc.tally(group, ballots=ballots, names=names)
    partials = [
        bc.partial_decrypt(
            group, member=m, key_share=keys[m], sums=sums, context=decryption_context
        )
        for m in range(1, threshold + 1)
        if ballots  # an empty board's sums are the identity: nothing to decrypt
    ]
    return {
        "format": record_format(protocol),
        "group": group.name,
        "protocol": protocol,
        "context": context,
        "decryption_context": decryption_context,
        "candidates": [{"id": str(i), "name": f"Tên {i}"} for i in range(names)],
        "minimum": minimum,
        "maximum": maximum,
        "threshold": threshold,
        "public_key": public_key.hex(),
        "members": [bc.commitment_to_json(c) for c in commitments],
        "board": board,
        "final": previous,
        "sums": [[ct.alpha.hex(), ct.beta.hex()] for ct in sums],
        "partials": [bc.partial_to_json(p) for p in partials],
        "totals": list(totals),
        "audited": [
            {"position": i, "fingerprint": a.fingerprint, "audit": bc.audit_to_json(a)}
            for i, a in enumerate(audits, 1)
        ],
    }
