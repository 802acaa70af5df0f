"""Use cases of the organization tree and its members: every write goes through these."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from daihoi.rules.names import fold, has_hidden_characters, nfc, sort_key_parts, split_name
from daihoi.rules.numbers import years_before
from daihoi.units import errors
from daihoi.units.errors import FieldError, UnitsError
from daihoi.units.ethnicities import normalize_ethnicity
from daihoi.units.models import (
    KIND_LEVEL,
    NESTABLE_KINDS,
    PATH_SEGMENT_WIDTH,
    Education,
    Gender,
    Member,
    MemberStatus,
    MemberTransfer,
    Unit,
    UnitKind,
    path_segment,
)

if TYPE_CHECKING:
    from daihoi.accounts.models import User

MAX_DEPTH = 255 // PATH_SEGMENT_WIDTH
_CODE_RE = re.compile(r"^[A-Za-z0-9._-]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 .\-]+$")
_EARLIEST_BIRTH = date(1900, 1, 1)
# A member is at least 15 on the day the record is written (the youngest age one may work at,
# Bộ luật Lao động 2019 Điều 143; the import's template says so too).
MIN_AGE = 15


# --------------------------------------------------------------------------- texts


def hidden_character_errors(**fields: tuple[str, str]) -> list[FieldError]:
    """Return an error for each field (name=(label, value)) holding a hidden character.

    The one check of every name and text field that people type, used by the unit, member and
    congress services (forms, API and import alike): a control character or a bidirectional
    override in one member's name made unit pages, exports and the minutes fail (issue 9).
    """
    return [
        FieldError(name, errors.HIDDEN_CHARACTERS.format(label=label))
        for name, (label, value) in fields.items()
        if value and has_hidden_characters(value)
    ]


# --------------------------------------------------------------------------- units


def unit_name_key(name: str) -> str:
    """Return the dictionary-order key of a unit name, word by word from the first."""
    return sort_key_parts("", name, "")


def unit_search_text(*, name: str, short_name: str, code: str) -> str:
    """Return the accent- and case-free text that unit search looks in."""
    return fold(" ".join(part for part in (name, short_name, code) if part))


def _check_kind_under(kind: str, parent: Unit | None) -> None:
    if parent is None:
        return
    org, level = KIND_LEVEL[kind]
    parent_org, parent_level = KIND_LEVEL[parent.kind]
    nests = kind == parent.kind and kind in NESTABLE_KINDS
    if org != parent_org or not (level > parent_level or nests):
        raise UnitsError.on(
            "kind",
            errors.UNIT_KIND_UNDER_PARENT.format(
                kind=UnitKind(kind).label,
                parent=parent.name,
                parent_kind=UnitKind(parent.kind).label,
            ),
        )


def _clean_unit_fields(*, name: str, short_name: str, code: str, kind: str) -> tuple[str, str, str]:
    problems = hidden_character_errors(
        name=("Tên đơn vị", name), short_name=("Tên viết tắt", short_name), code=("Mã đơn vị", code)
    )
    name = nfc(name)
    code = code.strip()
    if not name:
        problems.append(FieldError("name", errors.UNIT_NAME_REQUIRED))
    if not code:
        problems.append(FieldError("code", errors.UNIT_CODE_REQUIRED))
    elif not _CODE_RE.match(code):
        problems.append(FieldError("code", errors.UNIT_CODE_INVALID))
    if kind not in KIND_LEVEL:
        problems.append(FieldError("kind", errors.UNIT_KIND_UNKNOWN.format(value=kind)))
    if problems:
        raise UnitsError(*problems)
    return name, nfc(short_name), code


def _check_code_free(code: str, *, exclude: Unit | None = None) -> None:
    taken = Unit.objects.filter(code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise UnitsError.on("code", errors.UNIT_CODE_TAKEN.format(code=code))


@transaction.atomic
def create_unit(
    *, parent: Unit | None, name: str, code: str, kind: str, short_name: str = ""
) -> Unit:
    """Create a unit below parent (None: a new root) and give it its path."""
    name, short_name, code = _clean_unit_fields(
        name=name, short_name=short_name, code=code, kind=kind
    )
    _check_kind_under(kind, parent)
    depth = 0 if parent is None else parent.depth + 1
    if depth >= MAX_DEPTH:
        raise UnitsError.on("parent", errors.UNIT_TOO_DEEP.format(depth=MAX_DEPTH))
    _check_code_free(code)
    unit = Unit.objects.create(
        parent=parent,
        name=name,
        short_name=short_name,
        code=code,
        kind=kind,
        depth=depth,
        name_key=unit_name_key(name),
        search_text=unit_search_text(name=name, short_name=short_name, code=code),
        # The path holds the unit's own id, known only after the insert.
        path=f"~{uuid.uuid4().hex}",
    )
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def rename_unit(*, unit: Unit, name: str, short_name: str) -> Unit:
    """Change the name and short name of a unit."""
    name, short_name, _ = _clean_unit_fields(
        name=name, short_name=short_name, code=unit.code, kind=unit.kind
    )
    unit.name = name
    unit.short_name = short_name
    unit.name_key = unit_name_key(name)
    unit.search_text = unit_search_text(name=name, short_name=short_name, code=unit.code)
    unit.save(update_fields=["name", "short_name", "name_key", "search_text", "updated_at"])
    return unit


@transaction.atomic
def move_unit(*, unit: Unit, new_parent: Unit | None) -> Unit:
    """Put a unit (and its whole subtree) below another parent; rewrite the paths in one UPDATE."""
    # Lock and re-read: the caller's copy may be stale, and two moves must not interleave.
    current = Unit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None:
        new_parent = Unit.objects.get(pk=new_parent.pk)
        if current.contains(new_parent):
            raise UnitsError.on("parent", errors.UNIT_MOVE_INTO_ITSELF)
    _check_kind_under(current.kind, new_parent)
    old_path = current.path
    new_path = (new_parent.path if new_parent else "") + path_segment(current.pk)
    delta = (0 if new_parent is None else new_parent.depth + 1) - current.depth
    subtree = Unit.objects.subtree(current)
    deepest = subtree.order_by("-depth").values_list("depth", flat=True).first()
    if (deepest or 0) + delta >= MAX_DEPTH:
        raise UnitsError.on("parent", errors.UNIT_TOO_DEEP.format(depth=MAX_DEPTH))
    subtree.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + delta,
    )
    Unit.objects.filter(pk=current.pk).update(parent=new_parent, updated_at=timezone.now())
    unit.parent = new_parent
    unit.path = new_path
    unit.depth = current.depth + delta
    return unit


@transaction.atomic
def edit_unit(
    *, unit: Unit, name: str, short_name: str, code: str, kind: str, parent: Unit | None
) -> Unit:
    """Apply the unit form: name, code and kind, and a move when the parent changed."""
    name, short_name, code = _clean_unit_fields(
        name=name, short_name=short_name, code=code, kind=kind
    )
    if code != unit.code:
        _check_code_free(code, exclude=unit)
    moves = (parent.pk if parent else None) != unit.parent_id
    if kind != unit.kind:
        _check_kind_under(kind, parent)
        as_kind = Unit(name=unit.name, kind=kind)
        for child in unit.children.all():
            try:
                _check_kind_under(child.kind, as_kind)
            except UnitsError:
                raise UnitsError.on(
                    "kind",
                    errors.UNIT_KIND_CHILDREN.format(
                        kind=UnitKind(kind).label,
                        child=child.name,
                        child_kind=UnitKind(child.kind).label,
                    ),
                ) from None
    unit.code = code
    unit.kind = kind
    unit.save(update_fields=["code", "kind", "updated_at"])
    if moves:
        unit = move_unit(unit=unit, new_parent=parent)
    return rename_unit(unit=unit, name=name, short_name=short_name)


# --------------------------------------------------------------------------- members


@dataclass(frozen=True, kw_only=True)
class MemberData:
    """What a person types about a member; the services derive and check the rest."""

    full_name: str
    gender: str
    birth_date: date | None = None
    ethnicity: str = ""
    religion: str = ""
    is_party_member: bool = False
    party_joined_on: date | None = None
    education: str = ""
    professional_level: str = ""
    position: str = ""
    workplace: str = ""
    union_joined_on: date | None = None
    member_number: str = ""
    phone: str = ""
    status: str = MemberStatus.ACTIVE

    @classmethod
    def of(cls, member: Member) -> MemberData:
        """Return the data of a saved member (to change a few fields with dataclasses.replace)."""
        return cls(**{f.name: getattr(member, f.name) for f in fields(cls)})


MEMBER_DATA_FIELDS = tuple(f.name for f in fields(MemberData))


def clean_name(text: str) -> str:
    """Return a full name in NFC, capitalized the usual way when typed all upper or lower case."""
    name = nfc(text)
    # Lists typed in capitals (or all lower case) are common; store the usual capitalization.
    if name and (name.isupper() or name.islower()):
        name = name.title()
    return name


def _clean_phone(text: str) -> str:
    return re.sub(r"[ .\-]", "", text.strip())


def clean_member_data(data: MemberData, *, today: date | None = None) -> MemberData:
    """Return the data normalized (NFC, canonical ethnicity, compact phone) or raise every error.

    Checks only what one record shows; the member number's uniqueness needs the database.
    """
    today = today or timezone.localdate()
    problems = hidden_character_errors(
        full_name=("Họ và tên", data.full_name),
        ethnicity=("Dân tộc", data.ethnicity),
        religion=("Tôn giáo", data.religion),
        professional_level=("Trình độ chuyên môn", data.professional_level),
        position=("Chức vụ", data.position),
        workplace=("Nơi làm việc", data.workplace),
        member_number=("Số thẻ đoàn viên", data.member_number),
        phone=("Số điện thoại", data.phone),
    )
    hidden = {problem.field for problem in problems}

    def problem(field: str, message: str) -> None:
        problems.append(FieldError(field, message))

    full_name = clean_name(data.full_name)
    if not full_name:
        problem("full_name", errors.FULL_NAME_REQUIRED)
    elif len(full_name) > 200:
        problem("full_name", errors.FULL_NAME_TOO_LONG)
    if data.gender not in Gender.values:
        problem("gender", errors.GENDER_REQUIRED)
    born = data.birth_date
    if born is not None:
        if born > today:
            problem("birth_date", errors.BIRTH_DATE_IN_FUTURE)
        elif born < _EARLIEST_BIRTH:
            problem("birth_date", errors.BIRTH_DATE_TOO_EARLY)
        elif born > years_before(today, MIN_AGE):
            problem("birth_date", errors.TOO_YOUNG.format(age=MIN_AGE, date=f"{born:%d/%m/%Y}"))
    ethnicity = normalize_ethnicity(data.ethnicity)
    if ethnicity is None and "ethnicity" not in hidden:
        problem("ethnicity", errors.ETHNICITY_UNKNOWN.format(value=nfc(data.ethnicity)))
    if data.education and data.education not in Education.values:
        problem("education", errors.EDUCATION_UNKNOWN.format(value=data.education))
    joined = data.party_joined_on
    if joined is not None:
        if not data.is_party_member:
            problem("party_joined_on", errors.PARTY_DATE_WITHOUT_MEMBERSHIP)
        elif joined > today:
            problem("party_joined_on", errors.PARTY_DATE_IN_FUTURE)
        elif born is not None and joined <= born:
            problem("party_joined_on", errors.PARTY_DATE_BEFORE_BIRTH)
    union = data.union_joined_on
    if union is not None:
        if union > today:
            problem("union_joined_on", errors.UNION_DATE_IN_FUTURE)
        elif born is not None and union <= born:
            problem("union_joined_on", errors.UNION_DATE_BEFORE_BIRTH)
    phone = _clean_phone(data.phone)
    if (
        phone
        and "phone" not in hidden
        and (not _PHONE_RE.match(data.phone.strip()) or not 9 <= len(phone.lstrip("+")) <= 12)
    ):
        problem("phone", errors.PHONE_INVALID)
    if data.status not in MemberStatus.values:
        problem("status", errors.STATUS_UNKNOWN.format(value=data.status))
    if problems:
        raise UnitsError(*problems)
    return replace(
        data,
        full_name=full_name,
        ethnicity=ethnicity or "",
        religion=nfc(data.religion),
        professional_level=nfc(data.professional_level),
        position=nfc(data.position),
        workplace=nfc(data.workplace),
        member_number=nfc(data.member_number),
        phone=phone,
    )


def member_search_text(*, full_name: str, member_number: str, phone: str) -> str:
    """Return the accent- and case-free text that member search looks in."""
    return fold(" ".join(part for part in (full_name, member_number, phone) if part))


def apply_member_data(member: Member, data: MemberData) -> list[str]:
    """Set a member's fields and the derived ones from clean data; return the changed fields."""
    ho, ten_dem, ten = split_name(data.full_name)
    values = {name: getattr(data, name) for name in MEMBER_DATA_FIELDS}
    values.update(
        ho=ho,
        ten_dem=ten_dem,
        ten=ten,
        name_key=sort_key_parts(ho, ten_dem, ten),
        search_text=member_search_text(
            full_name=data.full_name, member_number=data.member_number, phone=data.phone
        ),
    )
    changed = [name for name, value in values.items() if getattr(member, name) != value]
    for name in changed:
        setattr(member, name, values[name])
    return changed


def _check_member_number_free(number: str, *, exclude: Member | None = None) -> None:
    if not number:
        return
    taken = Member.objects.filter(member_number=number)
    if exclude is not None and exclude.pk is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise UnitsError.on("member_number", errors.MEMBER_NUMBER_TAKEN.format(number=number))


@transaction.atomic
def create_member(*, unit: Unit, data: MemberData) -> Member:
    """Add a member to a unit (name in NFC, split into họ / tên đệm / tên, sort and search keys)."""
    data = clean_member_data(data)
    _check_member_number_free(data.member_number)
    member = Member(unit=unit)
    apply_member_data(member, data)
    member.save()
    return member


@transaction.atomic
def update_member(*, member: Member, data: MemberData) -> Member:
    """Change a member's details; saves only the fields that changed."""
    data = clean_member_data(data)
    if data.member_number != member.member_number:
        _check_member_number_free(data.member_number, exclude=member)
    changed = apply_member_data(member, data)
    if changed:
        member.save(update_fields=[*changed, "updated_at"])
    return member


@transaction.atomic
def transfer_member(
    *, member: Member, to_unit: Unit, on: date, note: str = "", by: User | None = None
) -> MemberTransfer:
    """Move a member to another unit and record the move in the member's history."""
    if to_unit.pk == member.unit_id:
        raise UnitsError.on("to_unit", errors.TRANSFER_SAME_UNIT)
    if on > timezone.localdate():
        raise UnitsError.on("date", errors.TRANSFER_DATE_IN_FUTURE)
    if member.status != MemberStatus.ACTIVE:
        raise UnitsError.on("to_unit", errors.TRANSFER_NOT_ACTIVE)
    if hidden := hidden_character_errors(note=("Ghi chú", note)):
        raise UnitsError(*hidden)
    transfer = MemberTransfer.objects.create(
        member=member, from_unit_id=member.unit_id, to_unit=to_unit, date=on, note=nfc(note), by=by
    )
    member.unit = to_unit
    member.save(update_fields=["unit", "updated_at"])
    return transfer
