"""Double entry of a paper stack: two or three tellers enter it alone, the machine compares.

Each teller (thành viên Ban kiểm phiếu) enters the same stack of ballots by their sequence
number, without seeing the others' entries. ``reconcile`` matches the sheets ballot by ballot and
reports every number where they differ, including a ballot one teller has and another has not.
``resolve`` gives the final list of ballots only once the committee has decided every mismatch
by looking at the paper again; until then there is no list to count. This is the counting
committee's usual safeguard (two people count every stack), made exact.

A teller's entry of one ballot is a ``Ballot``: the names kept, or the reason it is void. An
entry by crossed names is turned into the names kept first (``kept_from_crossed``), so a teller
who types the crossed names and one who types the kept names agree when the paper is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

from daihoi.rules.election import Ballot

# Messages (Vietnamese, shown to the counting committee).
MSG_TOO_FEW_TELLERS = "Cần ít nhất {least} người nhập độc lập để đối chiếu (hiện có {count})."
MSG_TOO_MANY_TELLERS = "Chỉ đối chiếu tối đa {most} người nhập (hiện có {count})."
MSG_SAME_TELLER = "Người nhập {teller} có hai bảng nhập: mỗi người chỉ nhập một lần."
MSG_BAD_NUMBER = "Số thứ tự phiếu phải từ 1 trở lên (nhận được {number})."
MSG_UNKNOWN_CROSSED = "Tên số {id} bị gạch nhưng không có trong danh sách bầu cử."
MSG_UNRESOLVED = "Còn {count} phiếu chưa thống nhất: {numbers}. Đối chiếu lại phiếu giấy trước."
MSG_NOT_A_MISMATCH = "Phiếu số {number} không có sai lệch để giải quyết."

LEAST_TELLERS = 2
MOST_TELLERS = 3


class EntryError(ValueError):
    """Sheets that cannot be compared, or a resolution that cannot be applied."""


def kept_from_crossed(crossed: Iterable[str], ids: Iterable[str]) -> frozenset[str]:
    """Return the names kept on a ballot on which exactly these names were crossed out."""
    every = frozenset(ids)
    gone = frozenset(crossed)
    unknown = sorted(gone - every)
    if unknown:
        raise EntryError(MSG_UNKNOWN_CROSSED.format(id=unknown[0]))
    return every - gone


@dataclass(frozen=True)
class Sheet:
    """What one teller entered for the stack: the ballot at each sequence number."""

    teller: str
    ballots: Mapping[int, Ballot]

    def __post_init__(self) -> None:
        for number in self.ballots:
            if number < 1:
                raise EntryError(MSG_BAD_NUMBER.format(number=number))
        object.__setattr__(self, "ballots", MappingProxyType(dict(self.ballots)))


@dataclass(frozen=True)
class Mismatch:
    """One ballot number where the tellers differ; ``None`` is a teller who has no entry."""

    number: int
    entries: tuple[tuple[str, Ballot | None], ...]  # (teller, entry), by teller

    @property
    def missing_for(self) -> tuple[str, ...]:
        """Return the tellers who have no entry at this number."""
        return tuple(teller for teller, entry in self.entries if entry is None)

    @property
    def choices(self) -> tuple[Ballot, ...]:
        """Return the distinct entries made at this number, in teller order."""
        seen: list[Ballot] = []
        for _teller, entry in self.entries:
            if entry is not None and entry not in seen:
                seen.append(entry)
        return tuple(seen)


@dataclass(frozen=True)
class Reconciliation:
    """The sheets compared: ballots every teller entered alike, and every mismatch."""

    tellers: tuple[str, ...]
    matched: Mapping[int, Ballot]
    mismatches: tuple[Mismatch, ...]  # by ballot number

    @property
    def numbers(self) -> tuple[int, ...]:
        """Return every ballot number some teller entered, in order."""
        return tuple(sorted({*self.matched, *(m.number for m in self.mismatches)}))

    @property
    def agreed(self) -> bool:
        """Tell whether every teller entered every ballot alike."""
        return not self.mismatches


def reconcile(sheets: Sequence[Sheet]) -> Reconciliation:
    """Compare the tellers' sheets ballot by ballot and report every difference.

    A ballot matches when every teller entered it and all the entries are equal (the same names
    kept, or the same reason for a void ballot). Anything else is a mismatch at that number: a
    different entry, or a teller with no entry there (a ballot missed or entered twice shifts
    the stack, and the numbers after it show it). The result does not depend on the order of
    the sheets.
    """
    if len(sheets) < LEAST_TELLERS:
        raise EntryError(MSG_TOO_FEW_TELLERS.format(least=LEAST_TELLERS, count=len(sheets)))
    if len(sheets) > MOST_TELLERS:
        raise EntryError(MSG_TOO_MANY_TELLERS.format(most=MOST_TELLERS, count=len(sheets)))
    ordered = sorted(sheets, key=lambda sheet: sheet.teller)
    tellers = tuple(sheet.teller for sheet in ordered)
    for first, second in pairwise(tellers):
        if first == second:
            raise EntryError(MSG_SAME_TELLER.format(teller=first))
    numbers = sorted({number for sheet in ordered for number in sheet.ballots})
    matched: dict[int, Ballot] = {}
    mismatches: list[Mismatch] = []
    for number in numbers:
        entries = tuple((sheet.teller, sheet.ballots.get(number)) for sheet in ordered)
        first_entry = entries[0][1]
        if first_entry is not None and all(entry == first_entry for _, entry in entries):
            matched[number] = first_entry
        else:
            mismatches.append(Mismatch(number, entries))
    return Reconciliation(tellers, MappingProxyType(matched), tuple(mismatches))


@dataclass(frozen=True)
class Shortfall:
    """A teller who has not entered every ballot collected yet."""

    teller: str
    entered: int
    missing: int


def shortfalls(sheets: Sequence[Sheet], collected: int) -> tuple[Shortfall, ...]:
    """Return the tellers whose sheet holds fewer ballots than the committee collected.

    Every ballot taken from the box is entered by every teller (the double entry of the
    stack): a sheet short of ``collected`` is not finished, and nothing may be counted until
    it is. A sheet with more is caught by the reconciliation and the final number.
    """
    return tuple(
        Shortfall(sheet.teller, len(sheet.ballots), collected - len(sheet.ballots))
        for sheet in sorted(sheets, key=lambda sheet: sheet.teller)
        if len(sheet.ballots) < collected
    )


def unresolved(
    reconciliation: Reconciliation, resolutions: Mapping[int, Ballot | None]
) -> list[int]:
    """Return the numbers of the mismatches the committee has not decided yet."""
    return [m.number for m in reconciliation.mismatches if m.number not in resolutions]


def resolve(
    reconciliation: Reconciliation, resolutions: Mapping[int, Ballot | None]
) -> Mapping[int, Ballot]:
    """Return the final ballots by number, in order, once every mismatch is decided.

    ``resolutions`` gives, for each mismatched number, what the paper shows after the committee
    looked again: a ``Ballot`` (one of the entries or neither), or ``None`` when there is no
    ballot at that number (a teller entered one too many). Matched ballots cannot be overruled
    here: a teller corrects their own entry, and the sheets are compared again.
    """
    mismatched = {m.number for m in reconciliation.mismatches}
    for number in sorted(resolutions):
        if number not in mismatched:
            raise EntryError(MSG_NOT_A_MISMATCH.format(number=number))
    left = unresolved(reconciliation, resolutions)
    if left:
        shown = ", ".join(str(n) for n in left)
        raise EntryError(MSG_UNRESOLVED.format(count=len(left), numbers=shown))
    final: dict[int, Ballot] = {}
    for number in reconciliation.numbers:
        ballot = reconciliation.matched.get(number)
        if ballot is None:
            ballot = resolutions[number]
        if ballot is not None:
            final[number] = ballot
    return MappingProxyType(final)
