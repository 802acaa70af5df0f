"""Vietnamese names: NFC text, the họ / tên đệm / tên split, dictionary order, accent-free search.

The order is the one in ``domain.md`` ("Conventions users expect"): by given name (the last
word), then the middle names, then the family name; letters in the Vietnamese alphabet
(a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with f j w z at their Latin places);
equal letters are decided by tone: none, huyền, hỏi, ngã, sắc, nặng. Case does not matter.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Combining marks that change the letter (they are part of it) and those that are tones.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Tokens of the sort key: two digits each, so the key sorts the same under any collation.
_GROUP_END = "00"
_WORD_END = "01"
_LETTER_BASE = 10
_OTHER_CHAR = 99


class NameParts(NamedTuple):
    ho: str
    ten_dem: str
    ten: str


# C0 control characters (NUL included) and DEL, and the bidirectional overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) that make a name display as something else ("Trojan Source").
# Tab, line feed and carriage return are whitespace, which nfc() folds into a space.
_HIDDEN = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\x7f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)


def has_hidden_characters(text: str) -> bool:
    """Tell whether text holds a control character or a bidirectional override (refused)."""
    return not _HIDDEN.isdisjoint(text)


_WITHOUT_HIDDEN = dict.fromkeys(map(ord, _HIDDEN))


def without_hidden_characters(text: str) -> str:
    """Return text without its control characters and bidirectional overrides.

    For what is printed from a database that may hold some from before they were refused:
    Word files cannot hold most of them, and an override makes a name read as another.
    """
    return text.translate(_WITHOUT_HIDDEN)


def nfc(text: str) -> str:
    """Return text in Unicode NFC with runs of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_name(full_name: str) -> NameParts:
    """Split a full name into family name, middle names and given name."""
    words = nfc(full_name).split(" ")
    if not words or words == [""]:
        return NameParts("", "", "")
    if len(words) == 1:
        return NameParts("", "", words[0])
    return NameParts(words[0], " ".join(words[1:-1]), words[-1])


def _letters_and_tones(word: str) -> tuple[list[int], list[int]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter = base
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter += mark
            elif mark in _TONES:
                tone = _TONES[mark]
        letter = unicodedata.normalize("NFC", letter)
        index = ALPHABET.find(letter) if len(letter) == 1 else -1
        if index >= 0:
            letters.append(_LETTER_BASE + index)
        elif letter.isdigit():
            letters.append(_LETTER_BASE + len(ALPHABET) + int(letter))
        elif letter.isalpha():
            letters.append(_OTHER_CHAR)
        else:
            continue  # hyphens, apostrophes and dots do not take part in the order
        tones.append(tone)
    return letters, tones


# Names repeat (a few hundred family, middle and given names cover most people): importing
# 100,000 members computes each word's key once instead of 300,000 times.
@functools.lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    letters, tones = _letters_and_tones(word)
    return "".join(f"{n:02d}" for n in letters) + _WORD_END + "".join(f"{t:02d}" for t in tones)


def sort_key_parts(ho: str, ten_dem: str, ten: str) -> str:
    """Return the sort key of a name given as its three parts (see the module docstring)."""
    key = _word_key(ten) + _GROUP_END
    for word in nfc(ten_dem).split():
        key += _word_key(word)
    key += _GROUP_END
    for word in nfc(ho).split():
        key += _word_key(word)
    return key


def sort_key(full_name: str) -> str:
    """Return the sort key of a full name: a string of digits that orders like the dictionary."""
    return sort_key_parts(*split_name(full_name))


def fold(text: str) -> str:
    """Return text without diacritics, in lower case: "Nguyễn Thị Bình" gives "nguyen thi binh"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: The words of a search that are looked for. A person types a few; the words of a pasted text
#: beyond these widen the search instead of making its query deeper than the database allows
#: (SQLite refuses an expression more than 1,000 deep).
SEARCH_WORDS = 20


def search_words(text: str, *, longest: int) -> list[str] | None:
    """Return the words a search box's text asks for, folded (``fold``), each once, in the order
    typed, at most SEARCH_WORDS; or None when no searched text (at most ``longest`` characters)
    can hold one of them, so the search finds nothing without asking the database (which
    refuses a pattern of 50,000 bytes)."""
    words = list(dict.fromkeys(fold(text).split()))
    if any(len(word) > longest for word in words):
        return None
    return words[:SEARCH_WORDS]
