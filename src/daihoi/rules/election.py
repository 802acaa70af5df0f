"""One round of one secret-ballot election: the ``daihoi.election/1`` file and its snapshot.

The file format is a fixed contract (``election-format.md``). ``parse_election`` turns decoded
JSON into an immutable ``Election`` or rejects it as a whole with an ``ElectionFormatError`` that
names the place (``ballots[17].kept[2]``). Counting lives in ``daihoi.rules.counting``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from types import MappingProxyType
from typing import Any

from daihoi.rules.names import nfc, sort_key
from daihoi.rules.profiles import PROFILES, BaseKind, Profile

FORMAT = "daihoi.election/1"

# Reasons a ballot is invalid. The committee sees the first four on the paper itself
# (rules.md §2.4 items 1, 3, 5, 6); the engine finds the last two from the names kept
# (§2.4 items 2 and 4, §3.6, §4.4).
UNOFFICIAL = "unofficial"
ADDED_NAME = "added-name"
MARKED = "marked"
UNCLEAR = "unclear"
TOO_MANY = "too-many"
NONE_KEPT = "none-kept"

PAPER_REASONS: tuple[str, ...] = (UNOFFICIAL, ADDED_NAME, MARKED, UNCLEAR)
ENGINE_REASONS: tuple[str, ...] = (TOO_MANY, NONE_KEPT)
INVALID_REASONS: tuple[str, ...] = PAPER_REASONS + ENGINE_REASONS
"""Every reason, in the stable order the minutes list them."""

INVALID_REASON_LABELS: Mapping[str, str] = MappingProxyType(
    {
        UNOFFICIAL: "Không phải phiếu do Ban kiểm phiếu phát ra",
        ADDED_NAME: "Ghi thêm tên người ngoài danh sách bầu cử",
        MARKED: "Có ký tên hoặc đánh dấu riêng",
        UNCLEAR: "Gạch xóa không rõ, không xác định được người được bầu",
        TOO_MANY: "Để lại quá số lượng cần bầu",
        NONE_KEPT: "Gạch hết tên",
    }
)

# Messages of ElectionFormatError (Vietnamese, shown to the counting committee).
MSG_NOT_OBJECT = "phải là một đối tượng JSON {...}"
MSG_NOT_LIST = "phải là một danh sách JSON [...]"
MSG_NOT_TEXT = "phải là chuỗi ký tự"
MSG_NOT_WHOLE = "phải là số nguyên (không phải số thập phân, true/false hay chuỗi)"
MSG_MISSING = "thiếu trường bắt buộc"
MSG_DUPLICATE_KEY = "khóa này xuất hiện hai lần trong cùng một đối tượng"
MSG_FORMAT = 'phải là "' + FORMAT + '" (nhận được: {value})'
MSG_PROFILE = "không có hồ sơ quy tắc {value}; chọn một trong: " + ", ".join(PROFILES)
MSG_BASE = "không có căn cứ tính tỷ lệ {value}; chọn một trong: " + ", ".join(
    kind.value for kind in BaseKind
)
MSG_SEATS = "số người cần bầu phải ít nhất là 1"
MSG_NEGATIVE = "không được là số âm"
MSG_EMPTY_ID = "mã ứng cử viên không được để trống"
MSG_EMPTY_NAME = "họ và tên không được để trống"
MSG_NO_CANDIDATES = "danh sách bầu cử phải có ít nhất một người"
MSG_REPEATED_ID = 'mã "{id}" bị trùng: đã dùng cho người khác trong danh sách'
MSG_UNKNOWN_ID = 'mã "{id}" không có trong danh sách bầu cử'
MSG_KEPT_TWICE = 'mã "{id}" được ghi hai lần trên cùng một phiếu'
MSG_BALLOT_SHAPE = 'mỗi phiếu phải có đúng một trong hai trường "kept" hoặc "invalid"'
MSG_REASON = "không có lý do {value}; chọn một trong: " + ", ".join(PAPER_REASONS)
MSG_ENGINE_REASON = 'lý do {value} do chương trình tự xác định: hãy ghi các tên còn lại vào "kept"'
MSG_TALLY_REASON = "không có lý do {value}; chọn một trong: " + ", ".join(INVALID_REASONS)
MSG_REASONS_SUM = "các lý do cộng lại được {total} phiếu, khác số phiếu không hợp lệ ({invalid})"
MSG_BALLOTS_OR_TALLY = 'phải có đúng một trong hai trường "ballots" hoặc "tally"'
MSG_SUMMONED_NEEDED = "cần số người được triệu tập (summoned): đây là căn cứ tính tỷ lệ trúng cử"
MSG_COLLECTED_OVER_ISSUED = "số phiếu thu về ({collected}) nhiều hơn số phiếu phát ra ({issued})"
MSG_INVALID_OVER_COLLECTED = (
    "số phiếu không hợp lệ ({invalid}) nhiều hơn số phiếu thu về ({collected})"
)
MSG_VOTES_OVER_VALID = "số phiếu bầu ({votes}) nhiều hơn số phiếu hợp lệ ({valid})"
MSG_NOT_JSON = "tệp không phải JSON hợp lệ"
MSG_NOT_UTF8 = "tệp không phải văn bản UTF-8"
MSG_CANNOT_READ = 'không đọc được tệp "{path}": {reason}'
MSG_FILE_MISSING = "không tìm thấy tệp"
MSG_FILE_DENIED = "không có quyền đọc"
MSG_FILE_IS_DIR = "đây là thư mục, không phải tệp"
MSG_FILE_OTHER = "lỗi hệ thống ({error})"


class ElectionFormatError(ValueError):
    """An election file or snapshot that breaks the contract, with the place it breaks it."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(place, message)
        self.place = place
        self.message = message

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass(frozen=True)
class Candidate:
    """A name on the ballot; ``id`` is the file's key, ``name`` is NFC text."""

    id: str
    name: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", nfc(self.name))


@dataclass(frozen=True)
class Ballot:
    """One ballot collected: the ids of the names left uncrossed, or the reason it is void.

    ``invalid`` holds a reason seen on the paper (``PAPER_REASONS``); the reasons that follow
    from ``kept`` are found by ``counting.ballot_validity``.
    """

    kept: frozenset[str] | None = None
    invalid: str | None = None

    def __post_init__(self) -> None:
        if (self.kept is None) == (self.invalid is None):
            raise ElectionFormatError("", MSG_BALLOT_SHAPE)

    @classmethod
    def keeping(cls, *ids: str) -> Ballot:
        """Return a ballot on which exactly these names are left uncrossed."""
        return cls(kept=frozenset(ids))

    @classmethod
    def void(cls, reason: str) -> Ballot:
        """Return a ballot the committee found invalid on the paper for this reason."""
        return cls(invalid=reason)


@dataclass(frozen=True)
class Tally:
    """Totals only: ballots collected, how many invalid, votes per id from valid ballots.

    ``invalid_by_reason`` (optional, empty when unknown): how many invalid ballots for each reason
    (``INVALID_REASONS``), adding up to ``invalid``; the minutes list them as for ballots (a
    mixed encrypted round's paper ballots are judged one by one, so their reasons are known).
    """

    collected: int
    invalid: int
    votes: Mapping[str, int]
    invalid_by_reason: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A snapshot: later changes to the caller's dict must not change the count.
        object.__setattr__(self, "votes", MappingProxyType(dict(self.votes)))
        object.__setattr__(
            self, "invalid_by_reason", MappingProxyType(dict(self.invalid_by_reason))
        )

    @property
    def valid(self) -> int:
        """Return the number of valid ballots."""
        return self.collected - self.invalid


@dataclass(frozen=True)
class Election:
    """One round of one election, checked and in ballot order.

    ``base`` is the effective threshold base (the file's override, else the profile's);
    ``base_overridden`` tells the minutes that the congress's own rule set it. ``candidates``
    are kept in ballot order whatever order they are given in: the Vietnamese name order
    (``names.sort_key``), the given order only breaking ties between identical keys. Exactly
    one of ``ballots`` and ``tally`` is set. Construction checks the invariants the contract
    states and raises ``ElectionFormatError``.
    """

    title: str
    organization: str
    profile: Profile
    base: BaseKind
    seats: int
    alternates: int
    summoned: int | None
    present: int | None
    issued: int
    candidates: tuple[Candidate, ...]
    ballots: tuple[Ballot, ...] | None
    tally: Tally | None
    base_overridden: bool = field(default=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.candidates, key=lambda c: sort_key(c.name)))
        object.__setattr__(self, "candidates", ordered)
        _check_invariants(self)

    @cached_property
    def _positions(self) -> Mapping[str, int]:
        return {c.id: number for number, c in enumerate(self.candidates, start=1)}

    @property
    def ids(self) -> frozenset[str]:
        """Return the ids of every candidate."""
        return frozenset(self._positions)

    @property
    def collected(self) -> int:
        """Return the number of ballots collected."""
        if self.ballots is not None:
            return len(self.ballots)
        assert self.tally is not None
        return self.tally.collected

    def ballot_number(self, candidate_id: str) -> int:
        """Return the 1-based position of this candidate on the ballot."""
        try:
            return self._positions[candidate_id]
        except KeyError:
            raise ElectionFormatError("", MSG_UNKNOWN_ID.format(id=candidate_id)) from None

    def candidate(self, candidate_id: str) -> Candidate:
        """Return the candidate with this id."""
        return self.candidates[self.ballot_number(candidate_id) - 1]


def _check_invariants(election: Election) -> None:
    """Check what a snapshot built in code must satisfy as much as a parsed file does."""
    if election.seats < 1:
        raise ElectionFormatError("seats", MSG_SEATS)
    for name in ("alternates", "issued", "summoned", "present"):
        value = getattr(election, name)
        if value is not None and value < 0:
            raise ElectionFormatError(name, MSG_NEGATIVE)
    if not election.candidates:
        raise ElectionFormatError("candidates", MSG_NO_CANDIDATES)
    ids = election.ids
    if len(ids) != len(election.candidates):
        seen: set[str] = set()
        for c in election.candidates:
            if c.id in seen:
                raise ElectionFormatError("candidates", MSG_REPEATED_ID.format(id=c.id))
            seen.add(c.id)
    if election.summoned is None and (
        election.profile.base is BaseKind.SUMMONED or election.base is BaseKind.SUMMONED
    ):
        raise ElectionFormatError("summoned", MSG_SUMMONED_NEEDED)
    if (election.ballots is None) == (election.tally is None):
        raise ElectionFormatError("", MSG_BALLOTS_OR_TALLY)
    if election.ballots is not None:
        for index, ballot in enumerate(election.ballots):
            if ballot.kept is not None and not ballot.kept <= ids:
                unknown = sorted(ballot.kept - ids)[0]
                place = f"ballots[{index}].kept"
                raise ElectionFormatError(place, MSG_UNKNOWN_ID.format(id=unknown))
            if ballot.invalid is not None and ballot.invalid not in INVALID_REASONS:
                place = f"ballots[{index}].invalid"
                raise ElectionFormatError(place, MSG_REASON.format(value=ballot.invalid))
        if len(election.ballots) > election.issued:
            raise ElectionFormatError(
                "ballots",
                MSG_COLLECTED_OVER_ISSUED.format(
                    collected=len(election.ballots), issued=election.issued
                ),
            )
    if election.tally is not None:
        _check_tally(election.tally, ids, election.issued)


def _check_tally(tally: Tally, ids: frozenset[str], issued: int) -> None:
    """Check totals against each other: rules.md §2.4-2.5 (valid ballots bound every vote)."""
    for name in ("collected", "invalid"):
        if getattr(tally, name) < 0:
            raise ElectionFormatError(f"tally.{name}", MSG_NEGATIVE)
    if tally.collected > issued:
        raise ElectionFormatError(
            "tally.collected",
            MSG_COLLECTED_OVER_ISSUED.format(collected=tally.collected, issued=issued),
        )
    if tally.invalid > tally.collected:
        raise ElectionFormatError(
            "tally.invalid",
            MSG_INVALID_OVER_COLLECTED.format(invalid=tally.invalid, collected=tally.collected),
        )
    if tally.invalid_by_reason:
        for reason, number in tally.invalid_by_reason.items():
            if reason not in INVALID_REASONS:
                raise ElectionFormatError(
                    f"tally.invalid_by_reason{_key(reason)}",
                    MSG_TALLY_REASON.format(value=_show(reason)),
                )
            if number < 0:
                raise ElectionFormatError(f"tally.invalid_by_reason{_key(reason)}", MSG_NEGATIVE)
        if sum(tally.invalid_by_reason.values()) != tally.invalid:
            raise ElectionFormatError(
                "tally.invalid_by_reason",
                MSG_REASONS_SUM.format(
                    total=sum(tally.invalid_by_reason.values()), invalid=tally.invalid
                ),
            )
    for candidate_id, votes in tally.votes.items():
        place = f"tally.votes{_key(candidate_id)}"
        if candidate_id not in ids:
            raise ElectionFormatError(place, MSG_UNKNOWN_ID.format(id=candidate_id))
        if votes < 0:
            raise ElectionFormatError(place, MSG_NEGATIVE)
        if votes > tally.valid:
            raise ElectionFormatError(
                place, MSG_VOTES_OVER_VALID.format(votes=votes, valid=tally.valid)
            )


def _key(key: str) -> str:
    return "[" + json.dumps(key, ensure_ascii=False) + "]"


def parse_election(data: object) -> Election:
    """Check decoded ``daihoi.election/1`` JSON and return the election it describes.

    Everything ``election-format.md`` lists is checked and the whole file is rejected at the
    first fault, with its place: the format value, the profile and base, ``seats >= 1``,
    ``alternates >= 0``, counts not negative, a missing field or a wrong type (``true`` is not
    a number), an unknown or repeated id, a name kept twice on one ballot, ``summoned`` when
    the Party profile or ``base: summoned`` needs it, exactly one of ``ballots`` / ``tally``,
    more ballots collected than issued, and a tally that contradicts itself (votes for an
    unknown id, more invalid ballots than collected, a candidate with more votes than valid
    ballots). Top-level keys the contract does not name are ignored, so a later minor version
    can add fields that older readers skip.
    """
    top = _object(data, "")
    if "format" not in top:
        raise ElectionFormatError("format", MSG_MISSING)
    if top["format"] != FORMAT:
        raise ElectionFormatError("format", MSG_FORMAT.format(value=_show(top["format"])))
    profile_name = _text(top, "profile")
    if profile_name not in PROFILES:
        raise ElectionFormatError("profile", MSG_PROFILE.format(value=_show(profile_name)))
    profile = PROFILES[profile_name]
    base = profile.base
    base_name = _text(top, "base", required=False)
    if base_name is not None:
        if base_name not in _BASES:
            raise ElectionFormatError("base", MSG_BASE.format(value=_show(base_name)))
        base = _BASES[base_name]
    seats = _whole(top, "seats")
    if seats < 1:
        raise ElectionFormatError("seats", MSG_SEATS)
    alternates = _whole(top, "alternates", required=False)
    summoned = _whole(top, "summoned", required=False)
    present = _whole(top, "present", required=False)
    issued = _whole(top, "issued")
    if summoned is None and BaseKind.SUMMONED in (profile.base, base):
        raise ElectionFormatError("summoned", MSG_SUMMONED_NEEDED)
    candidates = _candidates(top)
    ids = frozenset(c.id for c in candidates)
    has_ballots, has_tally = "ballots" in top, "tally" in top
    if has_ballots == has_tally:
        raise ElectionFormatError("", MSG_BALLOTS_OR_TALLY)
    canonical = {c.id: c.id for c in candidates}
    ballots = _ballots(top["ballots"], canonical, issued) if has_ballots else None
    tally = _tally(top["tally"], ids, issued) if has_tally else None
    return Election(
        title=nfc(_text(top, "title", required=False) or ""),
        organization=nfc(_text(top, "organization", required=False) or ""),
        profile=profile,
        base=base,
        seats=seats,
        alternates=alternates or 0,
        summoned=summoned,
        present=present,
        issued=issued,
        candidates=candidates,
        ballots=ballots,
        tally=tally,
        base_overridden=base is not profile.base,
    )


_BASES: Mapping[str, BaseKind] = {kind.value: kind for kind in BaseKind}


class _Duplicated(dict[str, Any]):
    """A decoded JSON object in which a key appeared more than once (the last one kept)."""

    duplicate: str = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    marked = _Duplicated(obj)
    for key, _value in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _object(value: object, place: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ElectionFormatError(place, MSG_NOT_OBJECT)
    if isinstance(value, _Duplicated):
        raise ElectionFormatError(_join(place, value.duplicate), MSG_DUPLICATE_KEY)
    return value


def _list(value: object, place: str) -> list[Any]:
    if not isinstance(value, list):
        raise ElectionFormatError(place, MSG_NOT_LIST)
    return value


def _is_whole(value: object) -> bool:
    # JSON true/false decode to bool, a subclass of int: never a count.
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_value(value: object, place: str) -> int:
    if not _is_whole(value):
        raise ElectionFormatError(place, MSG_NOT_WHOLE)
    assert isinstance(value, int)
    if value < 0:
        raise ElectionFormatError(place, MSG_NEGATIVE)
    return value


def _text(obj: dict[str, Any], key: str, *, place: str = "", required: bool = True) -> Any:
    """Return obj[key] as text; absent and not required gives None."""
    where = _join(place, key)
    if key not in obj:
        if required:
            raise ElectionFormatError(where, MSG_MISSING)
        return None
    value = obj[key]
    if not isinstance(value, str):
        raise ElectionFormatError(where, MSG_NOT_TEXT)
    return value


def _whole(obj: dict[str, Any], key: str, *, place: str = "", required: bool = True) -> Any:
    """Return obj[key] as a whole number >= 0; absent and not required gives None."""
    where = _join(place, key)
    if key not in obj:
        if required:
            raise ElectionFormatError(where, MSG_MISSING)
        return None
    return _whole_value(obj[key], where)


def _candidates(top: dict[str, Any]) -> tuple[Candidate, ...]:
    if "candidates" not in top:
        raise ElectionFormatError("candidates", MSG_MISSING)
    items = _list(top["candidates"], "candidates")
    if not items:
        raise ElectionFormatError("candidates", MSG_NO_CANDIDATES)
    seen: set[str] = set()
    candidates: list[Candidate] = []
    for index, item in enumerate(items):
        place = f"candidates[{index}]"
        obj = _object(item, place)
        candidate_id = _text(obj, "id", place=place)
        if not candidate_id:
            raise ElectionFormatError(f"{place}.id", MSG_EMPTY_ID)
        if candidate_id in seen:
            raise ElectionFormatError(f"{place}.id", MSG_REPEATED_ID.format(id=candidate_id))
        seen.add(candidate_id)
        name = nfc(_text(obj, "name", place=place))
        if not name:
            raise ElectionFormatError(f"{place}.name", MSG_EMPTY_NAME)
        candidates.append(Candidate(id=candidate_id, name=name))
    return tuple(candidates)


def _ballots(value: object, canonical: dict[str, str], issued: int) -> tuple[Ballot, ...]:
    items = _list(value, "ballots")
    ballots: list[Ballot] = []
    for index, item in enumerate(items):
        place = f"ballots[{index}]"
        obj = _object(item, place)
        if ("kept" in obj) == ("invalid" in obj):
            raise ElectionFormatError(place, MSG_BALLOT_SHAPE)
        if "kept" in obj:
            ballots.append(Ballot(kept=_kept(obj["kept"], canonical, f"{place}.kept")))
        else:
            reason = _text(obj, "invalid", place=place)
            if reason in ENGINE_REASONS:
                raise ElectionFormatError(
                    f"{place}.invalid", MSG_ENGINE_REASON.format(value=_show(reason))
                )
            if reason not in PAPER_REASONS:
                raise ElectionFormatError(
                    f"{place}.invalid", MSG_REASON.format(value=_show(reason))
                )
            ballots.append(Ballot(invalid=reason))
    if len(ballots) > issued:
        raise ElectionFormatError(
            "ballots", MSG_COLLECTED_OVER_ISSUED.format(collected=len(ballots), issued=issued)
        )
    return tuple(ballots)


def _kept(value: object, canonical: dict[str, str], place: str) -> frozenset[str]:
    """Return the ids kept on one ballot, each the candidate's own id object.

    Mapping every id to the one object the candidate list holds is also the check (an unknown
    id, or a name that is not text, fails the lookup) and keeps a large count compact in
    memory: a thousand ballots share 185 strings instead of holding 150,000 copies.
    """
    items = _list(value, place)
    try:
        kept = frozenset(map(canonical.__getitem__, items))  # no Python loop per name
    except (KeyError, TypeError):
        kept = None
    if kept is not None and len(kept) == len(items):
        return kept
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{place}[{index}]"
        if not isinstance(item, str):
            raise ElectionFormatError(where, MSG_NOT_TEXT)
        if item not in canonical:
            raise ElectionFormatError(where, MSG_UNKNOWN_ID.format(id=item))
        if item in seen:
            raise ElectionFormatError(where, MSG_KEPT_TWICE.format(id=item))
        seen.add(item)
    raise AssertionError("unreachable: the fast check failed but no item is at fault")


def _tally(value: object, ids: frozenset[str], issued: int) -> Tally:
    obj = _object(value, "tally")
    collected = _whole(obj, "collected", place="tally")
    invalid = _whole(obj, "invalid", place="tally")
    if "votes" not in obj:
        raise ElectionFormatError("tally.votes", MSG_MISSING)
    votes_obj = _object(obj["votes"], "tally.votes")
    votes: dict[str, int] = {}
    for candidate_id, number in votes_obj.items():
        place = f"tally.votes{_key(candidate_id)}"
        if candidate_id not in ids:
            raise ElectionFormatError(place, MSG_UNKNOWN_ID.format(id=candidate_id))
        votes[candidate_id] = _whole_value(number, place)
    reasons: dict[str, int] = {}
    if "invalid_by_reason" in obj:
        reasons_obj = _object(obj["invalid_by_reason"], "tally.invalid_by_reason")
        for reason, number in reasons_obj.items():
            reasons[reason] = _whole_value(number, f"tally.invalid_by_reason{_key(reason)}")
    tally = Tally(collected=collected, invalid=invalid, votes=votes, invalid_by_reason=reasons)
    _check_tally(tally, ids, issued)
    return tally


def load_election(path: str | PathLike[str]) -> Election:
    """Read a ``daihoi.election/1`` file; an unreadable file or bad JSON is a format error."""
    return parse_election(read_json(path))


def read_json(path: str | PathLike[str], *, mark_duplicates: bool = True) -> object:
    """Read a UTF-8 JSON file; an unreadable file or bad JSON raises ElectionFormatError.

    Objects in which a key appears twice are marked, so ``parse_election`` names that place;
    ``mark_duplicates=False`` leaves them unmarked and reads a large file (an encrypted round's
    record) in half the time.
    """
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        reason = MSG_FILE_MISSING
    except PermissionError:
        reason = MSG_FILE_DENIED
    except IsADirectoryError:
        reason = MSG_FILE_IS_DIR
    except OSError as error:
        reason = MSG_FILE_OTHER.format(error=error.strerror or error)
    else:
        return _decode(raw, hook=_pairs if mark_duplicates else None)
    raise ElectionFormatError("", MSG_CANNOT_READ.format(path=os.fspath(path), reason=reason))


def _decode(raw: bytes, *, hook: Callable[[list[tuple[str, Any]]], Any] | None) -> object:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ElectionFormatError("", MSG_NOT_UTF8) from None
    try:
        return json.loads(text, object_pairs_hook=hook)
    except json.JSONDecodeError as error:
        place = f"dòng {error.lineno}, cột {error.colno}"
        raise ElectionFormatError(place, MSG_NOT_JSON) from None
    except RecursionError:
        raise ElectionFormatError("", MSG_NOT_JSON) from None
