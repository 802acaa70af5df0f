"""What a teller types for one paper ballot on the entry screen, and what it means.

The screen has one text field; Enter confirms a ballot. A teller types the ballot numbers of the
names crossed out (or, switched, of the names kept), so a ballot costs one key per crossed name
plus Enter:

- ``2 5 7`` or ``2,5,7``: names 2, 5 and 7 are crossed. On a ballot of at most nine names the
  separators may be left out: ``257``.
- nothing (Enter alone), ``0`` or ``h``: no name crossed, every name kept. In the "kept" mode
  ``0`` means no name kept (every name crossed) and Enter alone asks for a number.
- a letter alone: the ballot is void for a reason seen on the paper (``REASON_KEYS``).
- ``12=2 5``: correct the entry of ballot 12 (the part after ``=`` as above).

Every mistake is rejected with a Vietnamese message that says what to type instead; nothing is
guessed. Whether the ballot is valid (too many names kept, every name crossed) is for
``counting.ballot_validity``: the teller records the paper as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from daihoi.rules.election import (
    ADDED_NAME,
    INVALID_REASON_LABELS,
    MARKED,
    UNCLEAR,
    UNOFFICIAL,
    Ballot,
)
from daihoi.rules.names import nfc


class Mode(StrEnum):
    """What the numbers typed stand for."""

    CROSSED = "crossed"  # the names crossed out (the default: fewer keys on a list with surplus)
    KEPT = "kept"  # the names left uncrossed


# One letter per reason the committee sees on the paper (election.PAPER_REASONS), chosen from
# the Vietnamese words: không có Dấu, ghi Thêm tên, Ký tên / đánh dấu, không Rõ.
REASON_KEYS: Mapping[str, str] = MappingProxyType(
    {"d": UNOFFICIAL, "t": ADDED_NAME, "k": MARKED, "r": UNCLEAR}
)
ALL_KEPT_KEYS = ("h", "0")  # "0" only in the crossed mode
NOTHING = "0"
COMPACT_UP_TO = 9  # ballots of at most this many names may be typed without separators
_SEPARATORS = re.compile(r"[\s,;.]+")

# Messages (Vietnamese, shown under the entry field).
MSG_OUT_OF_RANGE = "Số {number} không có trên phiếu (phiếu có {names} tên)."
MSG_REPEATED = "Số {number} được nhập hai lần."
MSG_ZERO_WITH_OTHERS = "Số 0 (không có tên nào) không đi cùng số khác."
MSG_UNKNOWN_KEY = (
    "Không hiểu “{char}”: gõ số thứ tự các tên {what}, hoặc một chữ cho phiếu không hợp lệ "
    "("
    + ", ".join(f"{key} = {INVALID_REASON_LABELS[r].lower()}" for key, r in REASON_KEYS.items())
    + ")."
)
MSG_LETTER_WITH_NUMBERS = "Chữ “{char}” (phiếu không hợp lệ) phải gõ một mình, không kèm số."
MSG_EMPTY_KEPT = "Chưa nhập số nào: gõ số thứ tự các tên còn giữ, hoặc 0 nếu gạch hết tên."
MSG_BAD_CORRECTION = "Sửa phiếu: gõ số thứ tự phiếu, dấu =, rồi nội dung phiếu (ví dụ 12=2 5)."
WHAT = {Mode.CROSSED: "bị gạch", Mode.KEPT: "còn giữ"}

DESCRIBE_VOID = "không hợp lệ: {reason}"
DESCRIBE_ALL_KEPT = "không gạch tên nào"
DESCRIBE_ALL_CROSSED = "gạch hết tên"
DESCRIBE_CROSSED = "gạch {numbers}"


class KeyEntryError(ValueError):
    """What the teller typed is not a ballot; the message says what to type."""


@dataclass(frozen=True)
class KeyEntry:
    """One confirmed line: the ballot, and the number of the ballot it corrects if any."""

    ballot: Ballot
    corrects: int | None = None


def parse_line(text: str, *, ids: Sequence[str], mode: Mode = Mode.CROSSED) -> KeyEntry:
    """Read one confirmed line of the entry field: a new ballot, or ``n=...`` a correction."""
    raw = nfc(text).strip()
    if "=" not in raw:
        return KeyEntry(parse_keys(raw, ids=ids, mode=mode))
    number_text, _, rest = raw.partition("=")
    number_text = number_text.strip()
    if not number_text.isdigit() or int(number_text) < 1:
        raise KeyEntryError(MSG_BAD_CORRECTION)
    return KeyEntry(parse_keys(rest, ids=ids, mode=mode), corrects=int(number_text))


def parse_keys(text: str, *, ids: Sequence[str], mode: Mode = Mode.CROSSED) -> Ballot:
    """Turn what was typed for one ballot into the ballot: names kept, or the void reason.

    ``ids`` are the candidate ids in ballot order (number 1 is ``ids[0]``).
    """
    raw = " ".join(_SEPARATORS.split(nfc(text).lower())).strip()
    names = len(ids)
    if raw in REASON_KEYS:
        return Ballot.void(REASON_KEYS[raw])
    if raw == "h" or (mode is Mode.CROSSED and raw in ("", NOTHING)):
        return Ballot(kept=frozenset(ids))
    if raw == NOTHING:
        return Ballot(kept=frozenset())
    if raw == "":
        raise KeyEntryError(MSG_EMPTY_KEPT)
    tokens = [t for t in _SEPARATORS.split(raw) if t]
    for token in tokens:
        for char in token:
            if char.isdigit() and char.isascii():
                continue
            if char in REASON_KEYS or char == "h":
                raise KeyEntryError(MSG_LETTER_WITH_NUMBERS.format(char=char))
            raise KeyEntryError(MSG_UNKNOWN_KEY.format(char=char, what=WHAT[mode]))
    if len(tokens) == 1 and names <= COMPACT_UP_TO:
        numbers = [int(digit) for digit in tokens[0]]
    else:
        numbers = [int(token) for token in tokens]
    seen: set[int] = set()
    for number in numbers:
        if number == 0:
            raise KeyEntryError(MSG_ZERO_WITH_OTHERS)
        if number > names:
            raise KeyEntryError(MSG_OUT_OF_RANGE.format(number=number, names=names))
        if number in seen:
            raise KeyEntryError(MSG_REPEATED.format(number=number))
        seen.add(number)
    chosen = frozenset(ids[n - 1] for n in seen)
    if mode is Mode.KEPT:
        return Ballot(kept=chosen)
    return Ballot(kept=frozenset(ids) - chosen)


def crossed_numbers(ballot: Ballot, ids: Sequence[str]) -> list[int]:
    """Return the ballot numbers of the names crossed out on a ballot that is not void."""
    assert ballot.kept is not None
    return [n for n, cid in enumerate(ids, start=1) if cid not in ballot.kept]


def kept_numbers(ballot: Ballot, ids: Sequence[str]) -> list[int]:
    """Return the ballot numbers of the names left uncrossed on a ballot that is not void."""
    assert ballot.kept is not None
    return [n for n, cid in enumerate(ids, start=1) if cid in ballot.kept]


def format_keys(ballot: Ballot, *, ids: Sequence[str], mode: Mode = Mode.CROSSED) -> str:
    """Return the shortest text that ``parse_keys`` reads back as this ballot."""
    if ballot.invalid is not None:
        return next(key for key, reason in REASON_KEYS.items() if reason == ballot.invalid)
    numbers = crossed_numbers(ballot, ids) if mode is Mode.CROSSED else kept_numbers(ballot, ids)
    if not numbers:
        return "" if mode is Mode.CROSSED else NOTHING
    separator = "" if len(ids) <= COMPACT_UP_TO else " "
    return separator.join(str(n) for n in numbers)


def keystrokes(ballot: Ballot, *, ids: Sequence[str], mode: Mode = Mode.CROSSED) -> int:
    """Return the keys the fastest entry of this ballot takes, Enter included."""
    return len(format_keys(ballot, ids=ids, mode=mode)) + 1


def describe(ballot: Ballot, ids: Sequence[str]) -> str:
    """Say what an entry records, for the mismatch list and the entry log: "gạch 2, 5"."""
    if ballot.invalid is not None:
        reason = INVALID_REASON_LABELS.get(ballot.invalid, ballot.invalid)
        return DESCRIBE_VOID.format(reason=reason.lower())
    crossed = crossed_numbers(ballot, ids)
    if not crossed:
        return DESCRIBE_ALL_KEPT
    if len(crossed) == len(ids):
        return DESCRIBE_ALL_CROSSED
    return DESCRIBE_CROSSED.format(numbers=", ".join(str(n) for n in crossed))
