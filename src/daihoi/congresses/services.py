"""Use cases of a congress: setting it up, the delegates, check-in, organs, agenda and quorum.

Every write goes through these functions. The hall rules themselves (quorum, show of hands,
quotas) are ``daihoi.rules.hall``; this module only counts and records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, ProtectedError, Q
from django.utils import timezone

from daihoi.congresses import errors
from daihoi.congresses.errors import CongressError, FieldError, QuorumNotReached
from daihoi.congresses.models import (
    OFFICIAL_KINDS,
    TOKEN_DIGITS,
    VOTING_KINDS,
    AgendaItem,
    AttendanceEvent,
    AttendanceKind,
    Congress,
    CongressDocument,
    CongressForm,
    CongressStatus,
    Delegate,
    DelegateKind,
    EventKind,
    HallVote,
    HallVoteSubject,
    Organ,
    OrganKind,
    OrganMember,
    OrganRole,
    Presence,
    ProjectorMode,
    QuorumOverride,
)
from daihoi.rules import hall
from daihoi.rules.names import fold, nfc, sort_key
from daihoi.rules.profiles import PROFILES
from daihoi.units.models import KIND_LEVEL, Member, Unit, UnitKind
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User


# --------------------------------------------------------------------------- congress


def _agenda_steps(form: str, profile: str, term: str) -> list[tuple[str, str]]:
    """Return the statutory order of business (rules.md §2.13, 38/HD-TLĐ mục 7.6 [S9, S11])."""
    delegates = form == CongressForm.DAI_BIEU
    party = profile == "dang"
    anthem = {"dang": "Quốc ca, Quốc tế ca", "doan": "Quốc ca, Đoàn ca"}.get(
        profile, "Quốc ca, Công đoàn ca"
    )
    committee = "cấp ủy" if party else "Ban Chấp hành"
    members = "đảng viên" if party else "đoàn viên"
    elections = (
        "Bầu cấp ủy, bí thư và đại biểu dự đại hội cấp trên"
        if party
        else "Bầu cử Ban Chấp hành khóa mới và đại biểu dự đại hội cấp trên"
    )
    return [
        ("chao-co", f"Chào cờ ({anthem})"),
        ("ly-do", "Tuyên bố lý do, giới thiệu đại biểu"),
        (
            "bau-co-quan",
            "Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách đại biểu"
            if delegates
            else "Bầu Đoàn Chủ tịch, Đoàn Thư ký",
        ),
        ("chuong-trinh", "Thông qua chương trình, quy chế làm việc của Đại hội"),
        (
            "tham-tra",
            "Báo cáo thẩm tra tư cách đại biểu"
            if delegates
            else f"Báo cáo tình hình {members} dự Đại hội",
        ),
        ("khai-mac", "Khai mạc Đại hội"),
        (
            "bao-cao",
            f"Báo cáo tổng kết nhiệm kỳ qua; phương hướng, nhiệm vụ nhiệm kỳ {term}",
        ),
        ("kiem-diem", f"Báo cáo kiểm điểm của {committee}"),
        ("thao-luan", "Thảo luận các văn kiện Đại hội"),
        ("cap-tren", "Phát biểu chỉ đạo của lãnh đạo cấp trên, cấp ủy"),
        ("bau-cu", elections),
        ("nghi-quyet", "Thông qua Nghị quyết Đại hội"),
        ("be-mac", "Bế mạc Đại hội"),
        ("chao-co-be-mac", "Chào cờ bế mạc"),
    ]


def _conference_steps(profile: str) -> list[tuple[str, str]]:
    """Return a conference's usual order of business: no term to review, no elections."""
    anthem = {"dang": "Quốc ca, Quốc tế ca", "doan": "Quốc ca, Đoàn ca"}.get(
        profile, "Quốc ca, Công đoàn ca"
    )
    return [
        ("chao-co", f"Chào cờ ({anthem})"),
        ("ly-do", "Tuyên bố lý do, giới thiệu đại biểu"),
        ("chuong-trinh", "Giới thiệu Đoàn Chủ tịch, Đoàn Thư ký, chương trình Hội nghị"),
        ("khai-mac", "Khai mạc Hội nghị"),
        ("bao-cao", "Báo cáo tại Hội nghị"),
        ("thao-luan", "Tham luận, thảo luận tại Hội nghị"),
        ("cap-tren", "Phát biểu chỉ đạo của lãnh đạo cấp trên, cấp ủy"),
        ("khen-thuong", "Công bố quyết định và trao khen thưởng"),
        ("be-mac", "Bế mạc Hội nghị"),
    ]


ELECTION_STEP = "bau-cu"

_ORGANS_BY_FORM = {
    CongressForm.DAI_BIEU: (
        OrganKind.DOAN_CHU_TICH,
        OrganKind.DOAN_THU_KY,
        OrganKind.BAN_THAM_TRA,
        OrganKind.BAN_KIEM_PHIEU,
    ),
    # rules.md §2.13 item 3: a toàn thể congress has no credentials committee.
    CongressForm.TOAN_THE: (
        OrganKind.DOAN_CHU_TICH,
        OrganKind.DOAN_THU_KY,
        OrganKind.BAN_KIEM_PHIEU,
    ),
}


# A conference has no elections: no vote-counting or credentials committee.
CONFERENCE_ORGANS = (OrganKind.DOAN_CHU_TICH, OrganKind.DOAN_THU_KY)


def organs_for(*, event_kind: str, form: str) -> tuple[OrganKind, ...]:
    """Return the organs a congress (by its form) or a conference has, in order."""
    if event_kind == EventKind.HOI_NGHI:
        return CONFERENCE_ORGANS
    return _ORGANS_BY_FORM[CongressForm(form)]


@dataclass(frozen=True, kw_only=True)
class CongressData:
    """What the organizers type about a congress or a conference."""

    event_kind: str = EventKind.DAI_HOI
    name: str = ""  # a conference's name after "Hội nghị"
    number: str = ""
    term_start: int
    term_end: int
    starts_on: date
    ends_on: date | None = None
    venue: str = ""
    place: str = ""
    form: str
    profile: str = ""  # "": the profile of the unit's organization
    delegates_over_max_approved: bool = False

    @classmethod
    def of(cls, congress: Congress) -> CongressData:
        return cls(
            event_kind=congress.event_kind,
            name=congress.name,
            number=congress.number,
            term_start=congress.term_start,
            term_end=congress.term_end,
            starts_on=congress.starts_on,
            ends_on=congress.ends_on,
            venue=congress.venue,
            place=congress.place,
            form=congress.form,
            profile=congress.profile,
            delegates_over_max_approved=congress.delegates_over_max_approved,
        )


def _refuse_hidden(**fields: tuple[str, str]) -> None:
    if hidden := hidden_character_errors(**fields):
        raise CongressError(*hidden)


def _clean_congress(unit: Unit, data: CongressData) -> CongressData:
    problems = hidden_character_errors(
        name=("Tên hội nghị", data.name),
        number=("Số thứ tự đại hội", data.number),
        venue=("Địa điểm", data.venue),
        place=("Địa danh", data.place),
    )
    organization = KIND_LEVEL[unit.kind][0]
    profile = data.profile or organization
    if profile not in PROFILES:
        problems.append(FieldError("profile", errors.PROFILE_UNKNOWN.format(value=profile)))
    elif profile != organization:
        problems.append(
            FieldError(
                "profile",
                errors.PROFILE_OF_UNIT.format(
                    unit=unit.name, expected=PROFILES[organization].label, value=profile
                ),
            )
        )
    conference = data.event_kind == EventKind.HOI_NGHI
    if data.event_kind not in EventKind.values:
        problems.append(
            FieldError("event_kind", errors.EVENT_KIND_UNKNOWN.format(value=data.event_kind))
        )
    elif conference:
        # Those summoned to a conference are its delegates, whatever the form typed.
        data = replace(data, form=CongressForm.DAI_BIEU, delegates_over_max_approved=False)
        if not nfc(data.name).strip():
            problems.append(FieldError("name", errors.CONFERENCE_NAME_REQUIRED))
    if data.form not in CongressForm.values:
        problems.append(FieldError("form", errors.FORM_UNKNOWN.format(value=data.form)))
    for name in ("term_start", "term_end"):
        if not 1930 <= getattr(data, name) <= 2100:
            problems.append(FieldError(name, errors.TERM_YEARS))
            break
    else:
        if data.term_end <= data.term_start:
            problems.append(
                FieldError(
                    "term_end",
                    errors.TERM_ORDER.format(start=data.term_start, end=data.term_end),
                )
            )
    if data.ends_on is not None and data.ends_on < data.starts_on:
        problems.append(FieldError("ends_on", errors.DATES_ORDER))
    if problems:
        raise CongressError(*problems)
    return replace(
        data,
        profile=profile,
        # Only a conference is named; a congress is named by its unit.
        name=" ".join(nfc(data.name).split()) if conference else "",
        number=nfc(data.number),
        venue=nfc(data.venue),
        place=nfc(data.place),
    )


def _apply(congress: Congress, data: CongressData) -> list[str]:
    changed = []
    for name, value in vars(data).items():
        if getattr(congress, name) != value:
            setattr(congress, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def create_congress(*, unit: Unit, data: CongressData, by: User | None = None) -> Congress:
    """Create a congress (or conference) with its organs and the statutory (usual) agenda."""
    data = _clean_congress(unit, data)
    congress = Congress(unit=unit, created_by=by)
    _apply(congress, data)
    congress.save()
    for order, kind in enumerate(organs_for(event_kind=congress.event_kind, form=congress.form)):
        Organ.objects.create(congress=congress, kind=kind, order=order)
    reset_agenda(congress=congress)
    return congress


@transaction.atomic
def update_congress(*, congress: Congress, data: CongressData) -> Congress:
    """Change the record; a change of form or kind adds or drops organs (credentials, counting).

    A congress becomes a conference (or back) only while its list allows: a conference's
    delegates are neither elected nor attending members, a congress has no conference delegates.
    """
    data = _clean_congress(congress.unit, data)
    if data.form != congress.form or data.event_kind != congress.event_kind:
        kinds = {d.kind for d in congress.delegates.all()}
        allowed = kinds_for_form(data.form, event_kind=data.event_kind)
        wrong = sorted(kinds - allowed)
        if wrong:
            field = "event_kind" if data.event_kind != congress.event_kind else "form"
            raise CongressError.on(
                field,
                errors.DELEGATE_KIND_FOR_FORM.format(
                    form=_form_label(data.form, data.event_kind), kind=DelegateKind(wrong[0]).label
                ),
            )
    changed = _apply(congress, data)
    if changed:
        congress.save(update_fields=[*changed, "updated_at"])
    if "form" in changed or "event_kind" in changed:
        wanted = organs_for(event_kind=congress.event_kind, form=congress.form)
        congress.organs.exclude(kind__in=wanted).delete()
        for order, kind in enumerate(wanted):
            Organ.objects.update_or_create(congress=congress, kind=kind, defaults={"order": order})
    return congress


@transaction.atomic
def set_status(*, congress: Congress, status: str) -> Congress:
    congress.status = CongressStatus(status)
    congress.save(update_fields=["status", "updated_at"])
    return congress


def _check_open(congress: Congress) -> None:
    if congress.status == CongressStatus.CLOSED:
        message = errors.CONFERENCE_CLOSED if congress.is_conference else errors.CONGRESS_CLOSED
        raise CongressError.on(None, message)


# --------------------------------------------------------------------------- delegates


def kinds_for_form(form: str, *, event_kind: str = EventKind.DAI_HOI) -> set[str]:
    """Return the delegate kinds a congress of this form (or a conference) lists."""
    if event_kind == EventKind.HOI_NGHI:
        return {DelegateKind.ATTENDEE, DelegateKind.GUEST}
    if form == CongressForm.DAI_BIEU:
        return {*OFFICIAL_KINDS, DelegateKind.GUEST}
    return {DelegateKind.MEMBER, DelegateKind.GUEST}


def kinds_for(congress: Congress) -> set[str]:
    """Return the delegate kinds this congress or conference lists."""
    return kinds_for_form(congress.form, event_kind=congress.event_kind)


def _form_label(form: str, event_kind: str) -> str:
    if event_kind == EventKind.HOI_NGHI:
        return "Hội nghị"
    return str(CongressForm(form).label)


def default_kind(congress: Congress) -> DelegateKind:
    """Return the kind a member added to the list gets: elected delegate, attending member or
    conference delegate."""
    if congress.is_conference:
        return DelegateKind.ATTENDEE
    return DelegateKind.ELECTED if congress.is_delegate_form else DelegateKind.MEMBER


def _check_kind(congress: Congress, kind: str) -> None:
    if kind not in DelegateKind.values:
        raise CongressError.on("kind", errors.DELEGATE_KIND_UNKNOWN.format(value=kind))
    if kind not in kinds_for(congress):
        raise CongressError.on(
            "kind",
            errors.DELEGATE_KIND_FOR_FORM.format(
                form=_form_label(congress.form, congress.event_kind),
                kind=DelegateKind(kind).label,
            ),
        )


def delegate_search_text(*, full_name: str, number: int | None, workplace: str) -> str:
    parts = [full_name, workplace]
    if number is not None:
        parts.append(str(number))
    return fold(" ".join(p for p in parts if p))


def _set_derived(delegate: Delegate) -> None:
    delegate.name_key = sort_key(delegate.full_name)
    delegate.search_text = delegate_search_text(
        full_name=delegate.full_name, number=delegate.number, workplace=delegate.workplace
    )


def _snapshot(delegate: Delegate, member: Member) -> None:
    delegate.member = member
    delegate.full_name = member.full_name
    delegate.gender = member.gender
    delegate.birth_date = member.birth_date
    delegate.ethnicity = member.ethnicity
    delegate.is_party_member = member.is_party_member
    delegate.education = member.education
    delegate.position = delegate.position or member.position
    delegate.workplace = delegate.workplace or member.workplace or member.unit.name


def _locked(congress: Congress) -> Congress:
    # Adding delegates numbers them: one writer at a time per congress.
    return Congress.objects.select_for_update().get(pk=congress.pk)


def _next_number(congress: Congress) -> int:
    top = congress.delegates.aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@transaction.atomic
def add_delegates_from_members(
    *, congress: Congress, members: Iterable[Member], kind: str | None = None
) -> list[Delegate]:
    """Summon members of the unit's subtree; those already on the list are left as they are.

    New delegates get the next numbers in the Vietnamese name order of the members added.
    """
    _check_open(congress)
    kind = kind or default_kind(congress)
    _check_kind(congress, kind)
    _locked(congress)
    unit = congress.unit
    members = sorted(members, key=lambda m: (m.name_key, m.pk))
    for member in members:
        if not unit.contains(member.unit):
            raise CongressError.on(
                "member",
                errors.DELEGATE_MEMBER_OUTSIDE.format(name=member.full_name, unit=unit.name),
            )
    have = set(congress.delegates.filter(member__isnull=False).values_list("member_id", flat=True))
    number = _next_number(congress)
    added = []
    for member in members:
        if member.pk in have:
            continue
        delegate = Delegate(congress=congress, kind=kind, number=number)
        _snapshot(delegate, member)
        _set_derived(delegate)
        added.append(delegate)
        have.add(member.pk)
        number += 1
    Delegate.objects.bulk_create(added, batch_size=500)
    return added


@dataclass(frozen=True, kw_only=True)
class DelegateData:
    """A delegate typed by hand (a guest, or someone outside the member records)."""

    full_name: str = ""
    kind: str
    position: str = ""
    workplace: str = ""
    gender: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    is_party_member: bool = False
    education: str = ""
    sector: str = ""
    union_officer: str = ""
    protocol_rank: int | None = None  # a guest's place in the protocol order (1 first)


def _protocol_rank(kind: str, rank: int | None) -> int | None:
    """Return the rank a guest keeps (none for whoever is not a guest), or refuse it."""
    if rank is None or kind != DelegateKind.GUEST:
        return None
    if not 1 <= rank <= errors.PROTOCOL_RANK_MOST:
        raise CongressError.on("protocol_rank", errors.PROTOCOL_RANK_RANGE)
    return rank


def _new_delegate(congress: Congress, data: DelegateData, member: Member | None) -> Delegate:
    """Build (not save) a delegate from a member (a guest may come from anywhere) or by name."""
    hidden = hidden_character_errors(
        full_name=("Họ và tên", data.full_name),
        ethnicity=("Dân tộc", data.ethnicity),
        position=("Chức vụ", data.position),
        workplace=("Nơi làm việc", data.workplace),
    )
    if hidden:
        raise CongressError(*hidden)
    delegate = Delegate(
        congress=congress,
        kind=data.kind,
        position=nfc(data.position),
        protocol_rank=_protocol_rank(data.kind, data.protocol_rank),
        workplace=nfc(data.workplace),
        sector=data.sector,
        union_officer=data.union_officer,
    )
    if member is not None:
        if data.kind != DelegateKind.GUEST and not congress.unit.contains(member.unit):
            raise CongressError.on(
                "member",
                errors.DELEGATE_MEMBER_OUTSIDE.format(
                    name=member.full_name, unit=congress.unit.name
                ),
            )
        _snapshot(delegate, member)
    else:
        full_name = nfc(data.full_name)
        if not full_name:
            raise CongressError.on("full_name", errors.DELEGATE_NAME_REQUIRED)
        delegate.full_name = full_name
        delegate.gender = data.gender
        delegate.birth_date = data.birth_date
        delegate.ethnicity = nfc(data.ethnicity)
        delegate.is_party_member = data.is_party_member
        delegate.education = data.education
    return delegate


def _member_twice(congress: Congress, member: Member, number: int | None) -> CongressError:
    message = errors.worded(errors.DELEGATE_MEMBER_TWICE, conference=congress.is_conference)
    return CongressError.on("member", message.format(name=member.full_name, number=number or "—"))


@transaction.atomic
def add_delegate(
    *, congress: Congress, data: DelegateData, member: Member | None = None
) -> Delegate:
    """Add one delegate or guest: from a member (a guest may come from anywhere) or by name."""
    _check_open(congress)
    _check_kind(congress, data.kind)
    _locked(congress)
    delegate = _new_delegate(congress, data, member)
    if member is not None:
        existing = congress.delegates.filter(member=member).first()
        if existing is not None:
            raise _member_twice(congress, member, existing.number)
    delegate.number = _next_number(congress)
    _set_derived(delegate)
    delegate.save()
    return delegate


@transaction.atomic
def add_delegates_from_list(
    *, congress: Congress, people: Sequence[tuple[DelegateData, Member | None]]
) -> list[Delegate]:
    """Add everyone of a list at once (a list imported from Excel): all of them or none.

    Each person is added as add_delegate adds one (from the member record when linked), and
    the new delegates get the next numbers in the Vietnamese name order, as
    add_delegates_from_members numbers them; equal names keep the list's order.
    """
    _check_open(congress)
    for kind in sorted({data.kind for data, _ in people}):
        _check_kind(congress, kind)
    _locked(congress)
    numbers = dict(
        congress.delegates.filter(member__isnull=False).values_list("member_id", "number")
    )
    added = []
    for data, member in people:
        delegate = _new_delegate(congress, data, member)
        if member is not None:
            if member.pk in numbers:
                raise _member_twice(congress, member, numbers[member.pk])
            numbers[member.pk] = None
        delegate.name_key = sort_key(delegate.full_name)
        added.append(delegate)
    added.sort(key=lambda d: d.name_key)  # stable: equal names keep the list's order
    number = _next_number(congress)
    for delegate in added:
        delegate.number = number
        _set_derived(delegate)
        number += 1
    Delegate.objects.bulk_create(added, batch_size=500)
    return added


@transaction.atomic
def update_delegate(
    *,
    delegate: Delegate,
    kind: str,
    position: str,
    workplace: str,
    sector: str,
    union_officer: str,
    protocol_rank: int | None = None,
) -> Delegate:
    """Change what the organizers may change about a delegate (not the snapshot)."""
    _refuse_hidden(position=("Chức vụ", position), workplace=("Nơi làm việc", workplace))
    rank = _protocol_rank(kind, protocol_rank)
    _check_open(delegate.congress)
    _check_kind(delegate.congress, kind)
    if kind == DelegateKind.GUEST and delegate.organ_seats.exists():
        raise CongressError.on(
            "kind", errors.ORGAN_GUEST.format(name=delegate.full_name, organ="cơ quan đại hội")
        )
    delegate.kind = kind
    delegate.position = nfc(position)
    delegate.workplace = nfc(workplace)
    delegate.sector = sector
    delegate.union_officer = union_officer
    delegate.protocol_rank = rank
    _set_derived(delegate)
    delegate.save(
        update_fields=[
            *("kind", "position", "workplace", "sector", "union_officer", "protocol_rank"),
            "search_text",
        ]
    )
    return delegate


@transaction.atomic
def remove_delegate(*, delegate: Delegate) -> None:
    """Take someone off the list, as long as nothing was recorded about them yet."""
    _check_open(delegate.congress)
    if delegate.events_count:
        raise CongressError.on(None, errors.DELEGATE_HAS_EVENTS.format(name=delegate.full_name))
    seat = delegate.organ_seats.select_related("organ").first()
    if seat is not None:
        raise CongressError.on(
            None,
            errors.DELEGATE_IN_ORGAN.format(
                name=delegate.full_name, organ=seat.organ.get_kind_display()
            ),
        )
    delegate.delete()


@dataclass(frozen=True, kw_only=True)
class SourcedDelegate:
    """A delegate of a list kept in step with an outside source (an upper congress's delegates
    built from the lower congresses): ``key`` names the person in that source.

    The profile is copied from ``from_delegate_id`` (the person's delegate record at the lower
    congress) or ``member_id``, else only the name is known.
    """

    key: str
    kind: str
    full_name: str
    origin_unit_id: int | None = None
    origin_note: str = ""
    from_delegate_id: int | None = None
    member_id: int | None = None
    position: str = ""
    workplace: str = ""


@dataclass(frozen=True)
class SyncResult:
    added: list[Delegate]
    updated: list[Delegate]
    removed: list[str]


PROFILE_FIELDS = ("gender", "birth_date", "ethnicity", "is_party_member", "education")


def _sourced_profile(delegate: Delegate, person: SourcedDelegate, source: Delegate | None) -> None:
    if source is not None:
        for field in PROFILE_FIELDS:
            setattr(delegate, field, getattr(source, field))
        for field in ("sector", "union_officer"):
            setattr(delegate, field, getattr(delegate, field) or getattr(source, field))
        delegate.position = delegate.position or source.position
        delegate.workplace = delegate.workplace or source.workplace


def _fill_empty_profile(
    delegate: Delegate, person: SourcedDelegate, source: Delegate | None, member: Member | None
) -> bool:
    """Give a delegate listed by name only (no gender, no birth date) the profile its records
    hold, as a new one would get; return whether anything was filled."""
    if delegate.gender or delegate.birth_date or (source is None and member is None):
        return False
    if source is not None:
        _sourced_profile(delegate, person, source)
    elif member is not None:
        for field in PROFILE_FIELDS:
            setattr(delegate, field, getattr(member, field))
        delegate.position = delegate.position or member.position
        delegate.workplace = delegate.workplace or member.workplace or member.unit.name
    return bool(delegate.gender or delegate.birth_date)


@transaction.atomic
def sync_sourced_delegates(
    *, congress: Congress, source: str, people: Sequence[SourcedDelegate]
) -> SyncResult:
    """Make the congress's delegates from ``source`` exactly ``people``, all or nothing.

    Keys are ``source`` + ":" + the person's key. Someone already on the list from the source is
    updated (name, kind, origin; presence and number kept); someone new is added with the next
    number (a member already on the list by hand is taken over, not added twice); someone of the
    source no longer in ``people`` is taken off, unless the hall recorded something of them.
    Someone typed by hand (not a guest) with the same name, the only one so named, is taken over.
    """
    _check_open(congress)
    for kind in sorted({p.kind for p in people}):
        _check_kind(congress, kind)
    _locked(congress)
    prefix = f"{source}:"
    wanted: dict[str, SourcedDelegate] = {}
    for person in people:
        key = prefix + person.key
        if key in wanted:
            raise CongressError.on(None, errors.SOURCED_KEY_TWICE.format(name=person.full_name))
        wanted[key] = person
    have = {
        d.source_key: d
        for d in congress.delegates.filter(source_key__startswith=prefix).annotate(
            seats=Count("organ_seats")
        )
    }
    by_member = {
        d.member_id: d
        for d in congress.delegates.filter(
            member_id__in=[p.member_id for p in people if p.member_id]
        )
    }
    # Someone typed onto the list by hand, not a guest, with the same name, once: the same person.
    by_name: dict[str, list[Delegate]] = {}
    for typed in congress.delegates.filter(source_key="").exclude(kind=DelegateKind.GUEST):
        by_name.setdefault(fold(typed.full_name), []).append(typed)
    sources = Delegate.objects.in_bulk([p.from_delegate_id for p in people if p.from_delegate_id])
    members = Member.objects.select_related("unit").in_bulk(
        [p.member_id for p in people if p.member_id]
    )
    removed = []
    for key, delegate in have.items():
        if key in wanted:
            continue
        if delegate.events_count or delegate.seats:  # type: ignore[attr-defined]
            raise CongressError.on(
                None, errors.SOURCED_NOT_REMOVABLE.format(name=delegate.full_name)
            )
        removed.append(delegate)
    for delegate in removed:
        try:
            with transaction.atomic():
                delegate.delete()
        except ProtectedError as error:
            # Named on a ballot list or in a vote of this congress: the record must stay.
            raise CongressError.on(
                None, errors.SOURCED_IN_ELECTION.format(name=delegate.full_name)
            ) from error
    fields = ["full_name", "kind", "origin_unit", "origin_note", "source_key", "name_key"]
    updated, added = [], []
    for key, person in wanted.items():
        name = nfc(person.full_name)
        same_name = by_name.get(fold(name), [])
        delegate = (
            have.get(key)
            or by_member.get(person.member_id or 0)
            or (same_name.pop() if len(same_name) == 1 else None)
        )
        if delegate is not None:
            changed = (
                delegate.full_name != name
                or delegate.kind != person.kind
                or delegate.origin_unit_id != person.origin_unit_id
                or delegate.origin_note != person.origin_note
                or delegate.source_key != key
            )
            filled = _fill_empty_profile(
                delegate,
                person,
                sources.get(person.from_delegate_id or 0),
                members.get(person.member_id or 0),
            )
            if changed or filled:
                delegate.full_name = name
                delegate.kind = person.kind
                delegate.origin_unit_id = person.origin_unit_id
                delegate.origin_note = person.origin_note
                delegate.source_key = key
                _set_derived(delegate)
                updated.append(delegate)
            continue
        delegate = Delegate(
            congress=congress,
            kind=person.kind,
            full_name=name,
            position=nfc(person.position),
            workplace=nfc(person.workplace),
            origin_unit_id=person.origin_unit_id,
            origin_note=person.origin_note,
            source_key=key,
        )
        member = members.get(person.member_id or 0)
        if member is not None:
            _snapshot(delegate, member)
            delegate.full_name = name
        _sourced_profile(delegate, person, sources.get(person.from_delegate_id or 0))
        delegate.name_key = sort_key(delegate.full_name)
        added.append(delegate)
    profile = [*PROFILE_FIELDS, "sector", "union_officer", "position", "workplace"]
    Delegate.objects.bulk_update(updated, [*fields, *profile, "search_text"], batch_size=500)
    added.sort(key=lambda d: d.name_key)
    number = _next_number(congress)
    for delegate in added:
        delegate.number = number
        _set_derived(delegate)
        number += 1
    Delegate.objects.bulk_create(added, batch_size=500)
    return SyncResult(added=added, updated=updated, removed=[d.full_name for d in removed])


# --------------------------------------------------------------------------- attendance


@dataclass(frozen=True)
class CheckIn:
    """What a desk shows after a scan: who, and whether this scan recorded the arrival."""

    delegate: Delegate
    event: AttendanceEvent | None  # None: already present, nothing recorded
    message: str

    @property
    def already(self) -> bool:
        return self.event is None


_NON_DIGITS = re.compile(r"\D")
_NUMBER_DIGITS = 6


def find_by_code(congress: Congress, code: str) -> Delegate:
    """Return the delegate a scanned QR payload or a typed delegate number names."""
    digits = _NON_DIGITS.sub("", code)
    if not digits:
        raise CongressError.on("code", errors.CODE_EMPTY)
    if len(digits) <= _NUMBER_DIGITS:
        found = congress.delegates.filter(number=int(digits)).first()
        if found is None:
            message = errors.worded(errors.NUMBER_NOT_FOUND, conference=congress.is_conference)
            raise CongressError.on("code", message.format(number=int(digits)))
        return found
    found = Delegate.objects.select_related("congress__unit").filter(token=digits).first()
    if found is None or len(digits) != TOKEN_DIGITS:
        message = errors.worded(errors.CODE_NOT_FOUND, conference=congress.is_conference)
        raise CongressError.on("code", message.format(code=code.strip()[:40]))
    if found.congress_id != congress.pk:
        message = errors.worded(errors.CODE_OTHER_CONGRESS, conference=congress.is_conference)
        raise CongressError.on("code", message.format(congress=found.congress.title))
    return found


_STATE_AFTER = {
    AttendanceKind.ARRIVED: Presence.PRESENT,
    AttendanceKind.LEFT: Presence.LEFT,
    AttendanceKind.ABSENT: Presence.ABSENT,
}


def derive_presence(
    events: Iterable[tuple[str, datetime, str, bool]],
) -> tuple[Presence, datetime | None, str]:
    """Return (presence, since, absence reason) after a delegate's events, oldest first.

    Each event is (kind, at, reason, undone); undone events are skipped.
    """
    state, since, reason = Presence.EXPECTED, None, ""
    for kind, at, why, undone in events:
        if undone:
            continue
        state, since = _STATE_AFTER[AttendanceKind(kind)], at
        reason = why if kind == AttendanceKind.ABSENT else ""
    return state, since, reason


def _time(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M") if moment else ""


def _append(
    delegate_id: int,
    kind: AttendanceKind,
    *,
    desk: str,
    reason: str = "",
    by: User | None,
) -> tuple[Delegate, AttendanceEvent | None]:
    """Lock the delegate, check the move, write the event and the new presence together.

    Returns (delegate, None) when the delegate is already present and the event is an arrival:
    two desks scanning one card at once yield one arrival. The row lock serializes them on
    PostgreSQL; the unique (delegate, seq) pair is the backstop if a lock is ever missing.
    """
    for attempt in range(2):
        try:
            with transaction.atomic():
                delegate = (
                    Delegate.objects.select_for_update(of=("self",))
                    .select_related("congress")
                    .get(pk=delegate_id)
                )
                _check_open(delegate.congress)
                state = delegate.presence
                if kind == AttendanceKind.ARRIVED and state == Presence.PRESENT:
                    return delegate, None
                if kind == AttendanceKind.LEFT and state != Presence.PRESENT:
                    raise CongressError.on(None, errors.NOT_PRESENT.format(name=delegate.full_name))
                if kind == AttendanceKind.ABSENT and state == Presence.PRESENT:
                    raise CongressError.on(
                        None, errors.ABSENT_WHILE_PRESENT.format(name=delegate.full_name)
                    )
                now = timezone.now()
                event = AttendanceEvent.objects.create(
                    congress_id=delegate.congress_id,
                    delegate=delegate,
                    seq=delegate.events_count + 1,
                    kind=kind,
                    at=now,
                    desk=nfc(desk)[:40],
                    reason=reason,
                    by=by,
                )
                delegate.events_count = event.seq
                delegate.presence = _STATE_AFTER[kind]
                delegate.presence_at = now
                delegate.absence_reason = reason
                delegate.save(
                    update_fields=["events_count", "presence", "presence_at", "absence_reason"]
                )
                return delegate, event
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def check_in(
    *,
    congress: Congress,
    code: str = "",
    delegate: Delegate | None = None,
    desk: str = "",
    by: User | None = None,
) -> CheckIn:
    """Record an arrival by scanned code, typed number or chosen delegate; idempotent."""
    _refuse_hidden(desk=("Bàn đón tiếp", desk))
    if delegate is None:
        delegate = find_by_code(congress, code)
    elif delegate.congress_id != congress.pk:
        message = errors.worded(errors.ORGAN_OTHER_CONGRESS, conference=congress.is_conference)
        raise CongressError.on("code", message.format(name=delegate))
    delegate, event = _append(delegate.pk, AttendanceKind.ARRIVED, desk=desk, by=by)
    if event is None:
        message = errors.ALREADY_PRESENT.format(
            name=delegate.full_name, time=_time(delegate.presence_at)
        )
    else:
        message = errors.CHECKED_IN.format(name=delegate.full_name, number=delegate.number or "—")
    return CheckIn(delegate, event, message)


def check_out(*, delegate: Delegate, desk: str = "", by: User | None = None) -> AttendanceEvent:
    """Record that a present delegate left the hall."""
    _refuse_hidden(desk=("Bàn đón tiếp", desk))
    _, event = _append(delegate.pk, AttendanceKind.LEFT, desk=desk, by=by)
    assert event is not None
    return event


def mark_absent(*, delegate: Delegate, reason: str, by: User | None = None) -> AttendanceEvent:
    """Record that a delegate who is not in the hall is absent, with the reason given."""
    _refuse_hidden(reason=("Lý do vắng", reason))
    reason = nfc(reason)[:300]
    if not reason:
        raise CongressError.on("reason", errors.ABSENT_REASON_REQUIRED)
    _, event = _append(delegate.pk, AttendanceKind.ABSENT, desk="", reason=reason, by=by)
    assert event is not None
    return event


@transaction.atomic
def undo_check_in(*, delegate: Delegate, by: User | None = None) -> AttendanceEvent:
    """Undo the delegate's latest attendance event (a mistaken arrival, departure or absence).

    The event stays in the log, marked undone; the presence is derived again from the rest.
    """
    locked = Delegate.objects.select_for_update(of=("self",)).select_related("congress")
    delegate = locked.get(pk=delegate.pk)
    _check_open(delegate.congress)
    events = list(delegate.events.order_by("seq"))
    last = next((e for e in reversed(events) if not e.undone), None)
    if last is None:
        raise CongressError.on(None, errors.NOTHING_TO_UNDO.format(name=delegate.full_name))
    last.undone = True
    last.undone_at = timezone.now()
    last.undone_by = by
    last.save(update_fields=["undone", "undone_at", "undone_by"])
    presence, since, reason = derive_presence((e.kind, e.at, e.reason, e.undone) for e in events)
    delegate.presence = presence
    delegate.presence_at = since
    delegate.absence_reason = reason
    delegate.save(update_fields=["presence", "presence_at", "absence_reason"])
    return last


# --------------------------------------------------------------------------- counts and quorum


@dataclass(frozen=True)
class Attendance:
    """The figures of the hall: voting delegates (or members) and guests, by presence."""

    summoned: int
    present: int
    left: int
    absent: int
    guests: int
    guests_present: int

    @property
    def expected(self) -> int:
        return self.summoned - self.present - self.left - self.absent


def attendance(congress: Congress) -> Attendance:
    """Count the hall in one query."""
    voting = Q(kind__in=VOTING_KINDS)
    guest = Q(kind=DelegateKind.GUEST)
    figures = Delegate.objects.filter(congress=congress).aggregate(
        summoned=Count("id", filter=voting),
        present=Count("id", filter=voting & Q(presence=Presence.PRESENT)),
        left=Count("id", filter=voting & Q(presence=Presence.LEFT)),
        absent=Count("id", filter=voting & Q(presence=Presence.ABSENT)),
        guests=Count("id", filter=guest),
        guests_present=Count("id", filter=guest & Q(presence=Presence.PRESENT)),
    )
    return Attendance(**figures)


def current_quorum(congress: Congress, figures: Attendance | None = None) -> hall.QuorumResult:
    """Apply the profile's quorum to those present now (rules.md §1.1, §1.3).

    Summoned: the official delegates (đại hội đại biểu) or the members (đại hội toàn thể);
    guests never count.
    """
    figures = figures or attendance(congress)
    return hall.quorum(
        figures.present, figures.summoned, congress.rules, who=congress.attendee_word
    )


def standing_override(congress: Congress) -> QuorumOverride | None:
    """Return the presidium's latest decision to proceed without the quorum, if there is one."""
    return congress.overrides.select_related("by").order_by("-created_at", "-id").first()


@transaction.atomic
def require_quorum_or_override(
    congress: Congress, override_by: User | None = None, reason: str = ""
) -> hall.QuorumResult:
    """Return the quorum if reached; otherwise record the presidium's override or refuse.

    rules.md §1.2: without the quorum the congress may not proceed. The elections app calls
    this before it opens a vote; ``override_by`` and ``reason`` record who decided otherwise.
    A decision already recorded stands for the rest of the congress: the presidium decided
    once, with its reason, and is not asked again (a new reason given anyway is recorded too).
    """
    result = current_quorum(congress)
    if result.reached:
        return result
    if override_by is None:
        if standing_override(congress) is not None:
            return result
        raise QuorumNotReached(result, errors.QUORUM_NOT_REACHED.format(message=result.message))
    _refuse_hidden(reason=("Lý do", reason))
    reason = nfc(reason)
    if not reason:
        raise CongressError.on("reason", errors.OVERRIDE_REASON_REQUIRED)
    QuorumOverride.objects.create(
        congress=congress,
        present=result.present,
        summoned=result.summoned,
        reason=reason[:500],
        by=override_by,
    )
    return result


# --------------------------------------------------------------------------- quotas

# rules.md §2.12 and §7.1: the union kinds whose sizes KH 22/KH-TLĐ sets.
UNIT_LEVELS: dict[str, hall.UnitLevel] = {
    UnitKind.CDCS: hall.UnitLevel.CO_SO,
    UnitKind.CDCS_THANH_VIEN: hall.UnitLevel.CO_SO_THANH_VIEN,
    UnitKind.CD_BO_PHAN: hall.UnitLevel.BO_PHAN,
    UnitKind.TO_CONG_DOAN: hall.UnitLevel.TO,
    UnitKind.CD_XA_PHUONG: hall.UnitLevel.XA_PHUONG,
    UnitKind.LDLD_TINH: hall.UnitLevel.TINH,
    UnitKind.CD_NGANH_TW: hall.UnitLevel.TINH,
}
# §1.4: the form of congress by members is stated for these levels only.
FORM_LEVELS = frozenset(
    {hall.UnitLevel.CO_SO, hall.UnitLevel.CO_SO_THANH_VIEN, hall.UnitLevel.BO_PHAN}
)


def quota_checks(
    congress: Congress, *, adding: Mapping[str, int] | None = None
) -> list[hall.Check]:
    """Check the list against the union's quotas (rules.md §1.4, §2.12); all checks, ok or not.

    Union profile: form of congress by members, appointed ≤ 5%, guests ≤ 15% / 30%, official
    delegates between half the maximum and the maximum by unit size. Youth Union: appointed ≤ 5%
    (§4.5). Party: none of these are union rules, so none apply. ``adding`` (people by kind)
    checks the list as it would be once they are added, for an import's preview.
    """
    if congress.profile == "dang" or congress.is_conference:
        return []  # a conference elects nothing: the congress quotas do not apply
    counts = congress.delegates.aggregate(
        voting=Count("id", filter=Q(kind__in=VOTING_KINDS)),
        appointed=Count("id", filter=Q(kind=DelegateKind.APPOINTED)),
        guests=Count("id", filter=Q(kind=DelegateKind.GUEST)),
    )
    for kind, count in (adding or {}).items():
        if kind in VOTING_KINDS:
            counts["voting"] += count
        if kind == DelegateKind.APPOINTED:
            counts["appointed"] += count
        elif kind == DelegateKind.GUEST:
            counts["guests"] += count
    checks: list[hall.Check] = []
    if congress.is_delegate_form:
        checks += hall.check_appointed(counts["appointed"], counts["voting"])
    if congress.profile != "cong-doan":
        return checks
    level = UNIT_LEVELS.get(congress.unit.kind)
    members = Member.objects.in_subtree(congress.unit).active().count()
    if level in FORM_LEVELS:
        checks += hall.check_congress_form(hall.CongressForm(congress.form), members)
    if congress.is_delegate_form:
        if level is None:
            label = UnitKind(congress.unit.kind).label.lower()
            message = hall.DELEGATES_NO_TABLE.format(unit=label)
            checks.append(hall.Check(False, "warning", message, hall.RULE_DELEGATES))
        else:
            checks += hall.check_delegates(
                counts["voting"],
                members,
                level,
                upper_approved=congress.delegates_over_max_approved,
            )
    # Guests: 30% at the provincial level, 15% everywhere else the plan names (§2.12).
    who = "đại biểu chính thức" if congress.is_delegate_form else congress.attendee_word
    checks += hall.check_guests(
        counts["guests"], counts["voting"], level or hall.UnitLevel.CO_SO, who=who
    )
    return checks


# --------------------------------------------------------------------------- organs


def _reset_approval(organ: Organ) -> None:
    if organ.adopted is None:
        return
    organ.votes_yes = organ.votes_no = organ.votes_abstain = organ.votes_present = None
    organ.adopted = None
    organ.decision = ""
    organ.decided_at = None
    organ.decided_by = None
    organ.save(
        update_fields=[
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "votes_present",
            "adopted",
            "decision",
            "decided_at",
            "decided_by",
        ]
    )


@transaction.atomic
def add_organ_member(
    *, organ: Organ, delegate: Delegate, role: str = OrganRole.MEMBER
) -> OrganMember:
    """Put a delegate in an organ; a new head replaces the old one. Clears a past approval."""
    label = organ.get_kind_display()
    if delegate.congress_id != organ.congress_id:
        message = errors.worded(
            errors.ORGAN_OTHER_CONGRESS, conference=organ.congress.is_conference
        )
        raise CongressError.on("delegate", message.format(name=delegate.full_name))
    if delegate.kind == DelegateKind.GUEST:
        raise CongressError.on(
            "delegate", errors.ORGAN_GUEST.format(name=delegate.full_name, organ=label)
        )
    if organ.members.filter(delegate=delegate).exists():
        raise CongressError.on(
            "delegate", errors.ORGAN_MEMBER_TWICE.format(name=delegate.full_name, organ=label)
        )
    role = OrganRole(role)
    if role == OrganRole.HEAD:
        organ.members.filter(role=OrganRole.HEAD).update(role=OrganRole.MEMBER)
    top = organ.members.aggregate(top=Max("order"))["top"]
    seat = OrganMember.objects.create(
        organ=organ, delegate=delegate, role=role, order=(top or 0) + 1
    )
    if role == OrganRole.HEAD:
        seat.order = 0
        seat.save(update_fields=["order"])
    _reset_approval(organ)
    return seat


@transaction.atomic
def remove_organ_member(*, seat: OrganMember) -> None:
    organ = seat.organ
    seat.delete()
    _reset_approval(organ)


def _require_counting_seat(seat: OrganMember) -> None:
    if seat.organ.kind != OrganKind.BAN_KIEM_PHIEU:
        raise CongressError.on("account", errors.SEAT_NOT_COUNTING)


@transaction.atomic
def link_seat_account(*, by: User, seat: OrganMember, username: str) -> OrganMember:
    """Give a Ban Kiểm phiếu seat the account its member enters ballots with (one per seat).

    The account is one the administrator manages (their unit or below); one account serves one
    seat, so one person cannot enter a stack twice under two seats.
    """
    from daihoi.accounts.access import accounts_managed_by

    _require_counting_seat(seat)
    username = username.strip()
    account = accounts_managed_by(by).filter(username__iexact=username).first()
    if account is None:
        raise CongressError.on("account", errors.SEAT_ACCOUNT_UNKNOWN.format(username=username))
    if not account.is_active:
        raise CongressError.on("account", errors.SEAT_ACCOUNT_INACTIVE.format(username=username))
    other = seat.organ.members.filter(account=account).exclude(pk=seat.pk).first()
    if other is not None:
        message = errors.SEAT_ACCOUNT_TAKEN.format(
            username=account.username, name=other.delegate.full_name, organ=seat.organ
        )
        raise CongressError.on("account", message)
    seat.account = account
    seat.save(update_fields=["account"])
    return seat


@transaction.atomic
def create_seat_account(*, by: User, seat: OrganMember, username: str) -> tuple[User, str]:
    """Create on the spot the account of a Ban Kiểm phiếu member, named as the delegate.

    Return it and its one-time password (shown once; changed at first login). The account
    belongs to the congress's unit with the cán bộ role, which entering ballots needs.
    """
    from daihoi.accounts import users
    from daihoi.accounts.models import Role
    from daihoi.units.errors import UnitsError

    _require_counting_seat(seat)
    try:
        account, password = users.create_account(
            by=by,
            username=username,
            full_name=seat.delegate.full_name,
            unit=seat.organ.congress.unit,
            role=Role.OFFICER,
        )
    except UnitsError as error:
        raise CongressError(*(FieldError(e.field, e.message) for e in error.errors)) from None
    seat.account = account
    seat.save(update_fields=["account"])
    return account, password


def organ_members_not_present(organ: Organ) -> list[str]:
    """Return the names of the organ's members not in the hall now (not checked in, left, absent).

    Reads ``organ.members.all()``: the organ page prefetches the seats with their delegates.
    """
    return [s.delegate.full_name for s in organ.members.all() if not s.delegate.is_present]


def organ_presence_warning(organ: Organ) -> str:
    """Return the warning that some of the organ's members are not present, or ""."""
    names = organ_members_not_present(organ)
    if not names:
        return ""
    return errors.ORGAN_NOT_PRESENT.format(organ=organ.get_kind_display(), names=", ".join(names))


def counting_signature_warning(congress: Congress) -> str:
    """Return the warning that members of the Ban Kiểm phiếu cannot sign the minutes, or ""."""
    organ = congress.organs.filter(kind=OrganKind.BAN_KIEM_PHIEU).first()
    names = organ_members_not_present(organ) if organ is not None else []
    if not names:
        return ""
    return errors.COUNTING_NOT_PRESENT_TO_SIGN.format(names=", ".join(names))


@transaction.atomic
def record_organ_approval(
    *,
    organ: Organ,
    yes: int,
    no: int,
    abstain: int,
    present: int | None = None,
    by: User | None = None,
) -> hall.Decision:
    """Record the show of hands on an organ (rules.md §2.1) and return the decision.

    ``present`` defaults to the voting delegates present now.
    """
    if not organ.members.exists():
        raise CongressError.on(None, errors.ORGAN_EMPTY.format(organ=organ.get_kind_display()))
    if min(yes, no, abstain) < 0 or (present is not None and present < 0):
        raise CongressError.on(None, errors.VOTES_NEGATIVE)
    congress = organ.congress
    in_hall = attendance(congress).present
    if present is None:
        present = in_hall
    try:
        decision = hall.show_of_hands(
            yes, no, abstain, present, congress.rules, who=congress.attendee_word, in_hall=in_hall
        )
    except hall.ShowOfHandsError as error:
        raise CongressError.on(error.field, str(error)) from None
    except ValueError as error:
        raise CongressError.on(None, str(error)) from None
    organ.votes_yes, organ.votes_no, organ.votes_abstain = yes, no, abstain
    organ.votes_present = present
    organ.adopted = decision.adopted
    organ.decision = decision.message[:500]
    organ.decided_at = timezone.now()
    organ.decided_by = by
    organ.save()
    return decision


# --------------------------------------------------------------------------- hall votes

HALL_VOTE_TITLE_LIMIT = 300
HALL_VOTE_REASON_LIMIT = 500


def _hall_vote_title(subject: str, title: str) -> str:
    if subject not in HallVoteSubject.values:
        raise CongressError.on("subject", errors.HALL_VOTE_SUBJECT_UNKNOWN.format(value=subject))
    _refuse_hidden(title=("Tên nội dung biểu quyết", title))
    title = nfc(" ".join(title.split()))
    if not title:
        if subject == HallVoteSubject.OTHER:
            raise CongressError.on("title", errors.HALL_VOTE_TITLE_REQUIRED)
        title = str(HallVoteSubject(subject).label)
    if len(title) > HALL_VOTE_TITLE_LIMIT:
        raise CongressError.on(
            "title",
            errors.HALL_VOTE_TITLE_TOO_LONG.format(limit=HALL_VOTE_TITLE_LIMIT, length=len(title)),
        )
    return title


def hall_vote_title(
    *, congress: Congress, subject: str, title: str, item: AgendaItem | None
) -> str:
    """Return the title a show of hands on this subject gets; refuse a bad subject or item."""
    _check_agenda_item(congress, item)
    return _hall_vote_title(subject, title)


def _check_agenda_item(congress: Congress, item: AgendaItem | None) -> None:
    if item is not None and item.congress_id != congress.pk:
        raise CongressError.on("agenda_item", errors.HALL_VOTE_AGENDA_OTHER)


def _hall_decision(
    congress: Congress, *, yes: int, no: int, abstain: int, present: int, in_hall: int
) -> hall.Decision:
    if min(yes, no, abstain, present) < 0:
        raise CongressError.on(None, errors.VOTES_NEGATIVE)
    try:
        return hall.show_of_hands(
            yes, no, abstain, present, congress.rules, who=congress.attendee_word, in_hall=in_hall
        )
    except hall.ShowOfHandsError as error:
        raise CongressError.on(error.field, str(error)) from None
    except ValueError as error:
        raise CongressError.on(None, str(error)) from None


@transaction.atomic
def record_hall_vote(
    *,
    congress: Congress,
    subject: str,
    title: str = "",
    yes: int,
    no: int,
    abstain: int,
    present: int | None = None,
    agenda_item: AgendaItem | None = None,
    by: User | None = None,
    show_on_projector: bool = False,
    voted_at: datetime | None = None,
) -> HallVote:
    """Record the congress's show of hands on its agenda, report, resolution or another item.

    rules.md §2.1 (``rules.hall.show_of_hands``, the profile's majority, by default more than
    half of those present in favour); §1.5: the figures are those of this vote, so ``present``
    may not exceed those checked in now, and the hands may not exceed ``present``. ``present``
    defaults to the voting delegates present now. Refused figures write nothing.
    ``agenda_item``: the item of the congress's agenda voted on, if any.
    ``show_on_projector``: the hall's projector switches to this result in the same write.
    ``voted_at``: when the hall voted, by default now (a record entered after the fact).
    """
    title = _hall_vote_title(subject, title)
    _check_agenda_item(congress, agenda_item)
    if min(yes, no, abstain) < 0 or (present is not None and present < 0):
        raise CongressError.on(None, errors.VOTES_NEGATIVE)
    in_hall = attendance(congress).present
    if present is None:
        present = in_hall
    decision = _hall_decision(
        congress, yes=yes, no=no, abstain=abstain, present=present, in_hall=in_hall
    )
    now = timezone.now()
    vote = HallVote.objects.create(
        congress=congress,
        subject=subject,
        title=title,
        agenda_item=agenda_item,
        votes_yes=yes,
        votes_no=no,
        votes_abstain=abstain,
        votes_present=present,
        adopted=decision.adopted,
        decision=decision.message[:500],
        voted_at=voted_at or now,
        recorded_at=now,
        recorded_by=by,
    )
    if show_on_projector:
        set_projector_mode(congress=congress, mode=ProjectorMode.HALL_VOTE)
    return vote


def _hall_vote_reason(reason: str, *, action: str, title: str) -> str:
    _refuse_hidden(reason=("Lý do", reason))
    reason = nfc(" ".join(reason.split()))
    if not reason:
        raise CongressError.on(
            "reason", errors.HALL_VOTE_REASON_REQUIRED.format(action=action, title=title)
        )
    if len(reason) > HALL_VOTE_REASON_LIMIT:
        raise CongressError.on(
            "reason",
            errors.HALL_VOTE_REASON_TOO_LONG.format(
                limit=HALL_VOTE_REASON_LIMIT, length=len(reason)
            ),
        )
    return reason


def _locked_current_vote(vote: HallVote) -> HallVote:
    """Lock the vote's row and refuse it unless it stands (two officers correcting at once)."""
    locked = HallVote.objects.select_for_update().get(pk=vote.pk)
    state = ""
    if locked.cancelled_at is not None:
        state = errors.HALL_VOTE_STATE_CANCELLED
    elif HallVote.objects.filter(replaces=locked).exists():
        state = errors.HALL_VOTE_STATE_REPLACED
    if state:
        raise CongressError.on(
            None,
            errors.HALL_VOTE_NOT_CURRENT.format(
                title=locked.title, time=_time(locked.voted_at), state=state
            ),
        )
    return locked


@transaction.atomic
def correct_hall_vote(
    *,
    vote: HallVote,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    reason: str,
    title: str | None = None,
    agenda_item: AgendaItem | None = None,
    by: User | None = None,
    show_on_projector: bool = False,
) -> HallVote:
    """Correct the figures of a recorded show of hands, with the written reason.

    The old record is kept as it was: the correction is a new record that ``replaces`` it, with
    the same time of the vote. The figures are checked as the vote's own (rules.md §2.1, §1.5);
    the hall may have changed since the vote, so those present may be up to the more of the
    present recorded then and those checked in now. Only a vote that stands may be corrected.
    """
    congress = vote.congress
    reason = _hall_vote_reason(reason, action="sửa", title=vote.title)
    new_title = vote.title if title is None else _hall_vote_title(vote.subject, title)
    _check_agenda_item(congress, agenda_item)
    old = _locked_current_vote(vote)
    in_hall = max(attendance(congress).present, old.votes_present)
    decision = _hall_decision(
        congress, yes=yes, no=no, abstain=abstain, present=present, in_hall=in_hall
    )
    correction = HallVote.objects.create(
        congress=congress,
        subject=old.subject,
        title=new_title,
        agenda_item=agenda_item,
        votes_yes=yes,
        votes_no=no,
        votes_abstain=abstain,
        votes_present=present,
        adopted=decision.adopted,
        decision=decision.message[:500],
        voted_at=old.voted_at,
        recorded_at=timezone.now(),
        recorded_by=by,
        replaces=old,
        reason=reason,
    )
    if show_on_projector:
        set_projector_mode(congress=congress, mode=ProjectorMode.HALL_VOTE)
    return correction


@transaction.atomic
def cancel_hall_vote(*, vote: HallVote, reason: str, by: User | None = None) -> HallVote:
    """Cancel a recorded show of hands (recorded by mistake), with the written reason; kept."""
    reason = _hall_vote_reason(reason, action="hủy", title=vote.title)
    old = _locked_current_vote(vote)
    old.cancelled_at = timezone.now()
    old.cancelled_by = by
    old.cancel_reason = reason
    old.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    return old


def latest_hall_vote(congress: Congress) -> HallVote | None:
    """Return the congress's most recent show of hands that stands, None before the first."""
    return congress.hall_votes.current().order_by("-voted_at", "-id").first()


def current_hall_votes(congress: Congress) -> list[HallVote]:
    """Return the votes that stand, in the order the hall voted (what the documents print)."""
    return list(
        congress.hall_votes.current().select_related("agenda_item").order_by("voted_at", "id")
    )


# --------------------------------------------------------------------------- agenda and hall


@transaction.atomic
def reset_agenda(*, congress: Congress) -> list[AgendaItem]:
    """Replace the agenda with the statutory order of business (rules.md §2.13)."""
    congress.agenda.all().delete()
    if congress.current_item_id is not None:
        congress.current_item = None
        congress.save(update_fields=["current_item", "updated_at"])
    steps = (
        _conference_steps(congress.profile)
        if congress.is_conference
        else _agenda_steps(congress.form, congress.profile, congress.term)
    )
    items = [
        AgendaItem(congress=congress, order=order, title=title, step=step)
        for order, (step, title) in enumerate(steps, start=1)
    ]
    return AgendaItem.objects.bulk_create(items)


def _renumber(congress: Congress) -> None:
    for order, item in enumerate(congress.agenda.order_by("order", "id"), start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])


@transaction.atomic
def add_agenda_item(
    *, congress: Congress, title: str, presenter: str = "", after: AgendaItem | None = None
) -> AgendaItem:
    """Add an item at the end, or right after another one."""
    _refuse_hidden(title=("Nội dung", title), presenter=("Người trình bày", presenter))
    title = nfc(title)
    if not title:
        raise CongressError.on("title", errors.AGENDA_TITLE_REQUIRED)
    if after is not None:
        position = congress.agenda.get(pk=after.pk).order + 1
        congress.agenda.filter(order__gte=position).update(order=F("order") + 1)
    else:
        top = congress.agenda.aggregate(top=Max("order"))["top"]
        position = (top or 0) + 1
    return AgendaItem.objects.create(
        congress=congress, order=position, title=title, presenter=nfc(presenter)
    )


@transaction.atomic
def update_agenda_item(*, item: AgendaItem, title: str, presenter: str) -> AgendaItem:
    _refuse_hidden(title=("Nội dung", title), presenter=("Người trình bày", presenter))
    title = nfc(title)
    if not title:
        raise CongressError.on("title", errors.AGENDA_TITLE_REQUIRED)
    item.title = title
    item.presenter = nfc(presenter)
    item.save(update_fields=["title", "presenter"])
    return item


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, up: bool) -> None:
    """Swap an item with the one above (up) or below it."""
    items = list(item.congress.agenda.order_by("order", "id"))
    index = next(i for i, x in enumerate(items) if x.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for order, x in enumerate(items, start=1):
        if x.order != order:
            x.order = order
            x.save(update_fields=["order"])


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem) -> None:
    congress = item.congress
    item.delete()
    _renumber(congress)


@transaction.atomic
def set_current_item(*, congress: Congress, item: AgendaItem | None) -> Congress:
    """Show which agenda item the hall is on (None: none)."""
    if item is not None and item.congress_id != congress.pk:
        raise CongressError.on("item", errors.AGENDA_ITEM_OTHER_CONGRESS)
    congress.current_item = item
    congress.save(update_fields=["current_item", "updated_at"])
    return congress


@transaction.atomic
def set_projector_mode(*, congress: Congress, mode: str) -> Congress:
    congress.projector_mode = ProjectorMode(mode)
    congress.save(update_fields=["projector_mode", "updated_at"])
    return congress


def election_item(congress: Congress) -> AgendaItem | None:
    """Return the agenda item of the elections (the statutory step), if it is still there."""
    return congress.agenda.filter(step=ELECTION_STEP).first()


# --------------------------------------------------------------------------- documents

DOCUMENT_TYPES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".jpg", ".jpeg", ".png")
DOCUMENT_MAX_MB = 20


def _check_file(file: UploadedFile | None) -> None:
    if file is None:
        raise CongressError.on("file", errors.DOCUMENT_FILE_REQUIRED)
    name = file.name or ""
    if PurePath(name).suffix.lower() not in DOCUMENT_TYPES:
        types = ", ".join(t.lstrip(".") for t in DOCUMENT_TYPES)
        raise CongressError.on("file", errors.DOCUMENT_TYPE.format(types=types, name=name))
    if (file.size or 0) > DOCUMENT_MAX_MB * 1024 * 1024:
        raise CongressError.on("file", errors.DOCUMENT_TOO_LARGE.format(limit=DOCUMENT_MAX_MB))


@transaction.atomic
def add_document(
    *,
    congress: Congress,
    title: str,
    file: UploadedFile | None,
    for_delegates: bool = True,
    by: User | None = None,
) -> CongressDocument:
    _refuse_hidden(title=("Tên tài liệu", title))
    title = nfc(title)
    if not title:
        raise CongressError.on("title", errors.DOCUMENT_TITLE_REQUIRED)
    _check_file(file)
    top = congress.documents.aggregate(top=Max("order"))["top"]
    return CongressDocument.objects.create(
        congress=congress,
        title=title,
        file=file,
        for_delegates=for_delegates,
        order=(top or 0) + 1,
        uploaded_by=by,
    )


@transaction.atomic
def update_document(
    *, document: CongressDocument, title: str, for_delegates: bool
) -> CongressDocument:
    _refuse_hidden(title=("Tên tài liệu", title))
    title = nfc(title)
    if not title:
        raise CongressError.on("title", errors.DOCUMENT_TITLE_REQUIRED)
    document.title = title
    document.for_delegates = for_delegates
    document.save(update_fields=["title", "for_delegates"])
    return document


@transaction.atomic
def delete_document(*, document: CongressDocument) -> None:
    file = document.file
    document.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: file.storage.delete(file.name))
