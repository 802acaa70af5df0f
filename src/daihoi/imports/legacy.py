"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI, found and turned into Unicode.

Old union files were typed with the .VnTime fonts (TCVN3, the ABC code of TCVN 5712:1993) or
the VNI-Times fonts (VNI Windows). Excel keeps such text as the Windows-1252 characters of the
legacy bytes, so a cell reads "NguyÔn ThÞ B×nh" (TCVN3) or "Nguyeãn Thò Bình" (VNI) where the
font showed "Nguyễn Thị Bình".

Detection must not touch ordinary text: plain ASCII and Unicode Vietnamese have to come out
unchanged. A cell is converted only when the conversion turns more of its words into valid
Vietnamese syllables than it breaks (``legacy_score``); Unicode Vietnamese is made of valid
syllables already, so it never gains. Stdlib only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Encoding(StrEnum):
    TCVN3 = "TCVN3"
    VNI = "VNI"


ENCODING_LABELS = {
    Encoding.TCVN3: "TCVN3 (ABC, phông .VnTime)",
    Encoding.VNI: "VNI (phông VNI-Times)",
}

# --------------------------------------------------------------------------- TCVN3 (ABC)

# TCVN 5712:1993, the VN3 code used by the ABC keyboard and the .VnTime fonts: lower-case letters
# with tones, and the base capitals Ă Â Ê Ô Ơ Ư Đ. Capitals with tones have no code of their own
# in VN3 (the .VnTimeH font draws the lower-case codes as capitals); see _restore_case.
# Keys are the Windows-1252 characters of the bytes 0xA1-0xFE.
TCVN3_TABLE: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
    "\u00a7": "Đ", "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ",
    "\u00ad": "ư", "\u00ae": "đ",
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip
_TCVN3_TRANSLATION = str.maketrans(TCVN3_TABLE)

# --------------------------------------------------------------------------- VNI

# VNI Windows: a base letter followed by one mark character (tone, or hat/breve with a tone);
# ơ ư đ and a few letters with tones have a single character. Order of each row of marks:
# sắc, huyền, hỏi, ngã, nặng.
_VNI_TONES = "ùøûõï"
_VNI_HAT_TONES = "áàåãä"  # on â ê ô
_VNI_BREVE_TONES = "éèúüë"  # on ă
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # same order, as combining characters


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, letter: str) -> None:
        for b, m, result in ((base, mark, letter), (base.upper(), mark.upper(), letter.upper())):
            pairs[b + m] = result
            # VNI capitals are sometimes followed by a lower-case mark (typed with Shift
            # released early); the base letter decides the case.
            pairs[b + m.lower()] = result

    def toned(letter: str, tone: int) -> str:
        return unicodedata.normalize("NFC", letter + _TONE_MARKS[tone])

    for base, unicode_base in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y")):
        for i, mark in enumerate(_VNI_TONES):
            add(base, mark, toned(unicode_base, i))
    for base, hatted in (("a", "â"), ("e", "ê"), ("o", "ô")):
        add(base, "â", hatted)
        for i, mark in enumerate(_VNI_HAT_TONES):
            add(base, mark, toned(hatted, i))
    add("a", "ê", "ă")
    for i, mark in enumerate(_VNI_BREVE_TONES):
        add("a", mark, toned("ă", i))
    # ơ is "ô" and ư is "ö" in VNI; their tones follow as marks.
    for base, horned in (("ô", "ơ"), ("ö", "ư")):
        for i, mark in enumerate(_VNI_TONES):
            add(base, mark, toned(horned, i))
    return pairs


VNI_PAIRS: dict[str, str] = _vni_pairs()
VNI_SINGLE: dict[str, str] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_CODES = {**VNI_SINGLE, **VNI_PAIRS}
# One pass, pairs before single characters: "oâ" is ô, and that ô must not become ơ again.
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_CODES), key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    """Convert text typed in VNI Windows (read as Windows-1252) to Unicode NFC."""
    return _VNI_RE.sub(lambda m: _VNI_CODES[m.group(0)], text)


def tcvn3_to_unicode(text: str) -> str:
    """Convert text typed in TCVN3 (ABC, read as Windows-1252) to Unicode NFC."""
    return _restore_case(text, text.translate(_TCVN3_TRANSLATION))


def _restore_case(original: str, converted: str) -> str:
    """Put back the capitals of words typed with .VnTimeH (capitals drawn from lower-case codes).

    A word was typed in capitals when it holds no lower-case ASCII letter and a capital one past
    its first character ("NGUYÔN", "§¹I"); "Hµ" is a capital H and a lower-case à.
    """
    words = converted.split(" ")
    for i, word in enumerate(original.split(" ")):
        if any(c.isascii() and c.isupper() for c in word[1:]) and not any(
            c.isascii() and c.islower() for c in word
        ):
            words[i] = words[i].upper()
    return " ".join(words)


CONVERTERS = {Encoding.TCVN3: tcvn3_to_unicode, Encoding.VNI: vni_to_unicode}

_TO_TCVN3 = {letter: code for code, letter in TCVN3_TABLE.items()}
_TO_VNI = {
    letter: code
    for code, letter in reversed(_VNI_CODES.items())
    if code[-1:] != code[-1:].lower() or letter.islower()
}


def unicode_to_tcvn3(text: str) -> str:
    """Write Unicode text as a .VnTime user typed it (capitals with tones take lower-case codes)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = _TO_TCVN3.get(char)
        if code is None and char.isupper():
            code = _TO_TCVN3.get(char.lower())
        out.append(code or char)
    return "".join(out)


def unicode_to_vni(text: str) -> str:
    """Write Unicode text as a VNI-Times user typed it."""
    return "".join(_TO_VNI.get(char, char) for char in unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------- detection

# Windows-1252 puts these at 0x80-0x9F; with Latin-1 they are every character legacy text holds.
_CP1252_EXTRA = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\x81\x8d\x8f\x90\x9d")
_WORD_SPLIT = re.compile(r"[\s,.;:()/\[\]\"'\-–—]+")

_ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt oe oen oeo oet ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uân uâng uât uây uê uêch uênh uơ uôc uôi uôm uôn uông uôt
    uy uya uych uyên uyêt uynh uyt uyu
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu y yêm yên yêng yêt yêu
    """.split()
)
_STOPS = ("c", "ch", "p", "t")
_VOWELS = frozenset("aăâeêioôơuưy")
_SHARP_TONES = frozenset({"\u0301", "\u0323"})  # sắc, nặng: the only tones after a stop


def is_syllable(word: str) -> bool:
    """Tell whether a word is one valid Vietnamese syllable: onset, rhyme, one tone well placed.

    Both tone placements of oa, oe, uy are accepted ("hòa" and "hoà").
    """
    letters: list[str] = []
    tone = ""
    tone_at = -1
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONE_MARKS:
            if tone or not letters:
                return False
            tone, tone_at = char, len(letters) - 1
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    bare = unicodedata.normalize("NFC", "".join(letters))
    if len(bare) != len(letters):
        return False  # a mark that makes no Vietnamese letter
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        if ("u" + rest if onset == "qu" else rest) not in _RHYMES:
            continue
        if not tone:
            return True
        if rest.endswith(_STOPS) and tone not in _SHARP_TONES:
            continue
        if tone_at - len(onset) in _tone_places(rest):
            return True
    return False


def _tone_places(rest: str) -> set[int]:
    """Return where a tone may go in a rhyme (index in rest)."""
    vowels = [i for i, c in enumerate(rest) if c in _VOWELS]
    if not vowels:
        return set()
    marked = [i for i in vowels if rest[i] in "ăâêôơư"]
    if marked:
        return {marked[-1]}
    if rest[-1] not in _VOWELS:
        return {vowels[-1]}
    if len(vowels) == 1:
        return {vowels[0]}
    if len(vowels) == 2:
        first, second = vowels
        return {first, second} if rest[first] + rest[second] in ("oa", "oe", "uy") else {first}
    return {vowels[1]}


def could_be_legacy(text: str) -> bool:
    """Tell cheaply whether text may hold legacy-encoded letters (else it is left as it is).

    Legacy text read as Windows-1252 holds nothing beyond Latin-1 and the 0x80-0x9F extras; a
    letter such as ă, ơ or ễ proves the text is Unicode already.
    """
    if text.isascii():
        return False
    return all(ord(c) <= 0xFF or c in _CP1252_EXTRA for c in text)


def legacy_score(text: str, converted: str) -> int:
    """Return how many more words are valid Vietnamese syllables after the conversion."""
    score = 0
    for before, after in zip(_WORD_SPLIT.split(text), _WORD_SPLIT.split(converted), strict=False):
        if before != after:
            score += is_syllable(after) - is_syllable(before)
    return score


def encoding_scores(text: str) -> dict[Encoding, int]:
    """Return the score of each legacy encoding that changes text (see legacy_score)."""
    if not could_be_legacy(text):
        return {}
    scores = {}
    for encoding, convert in CONVERTERS.items():
        converted = convert(text)
        if converted != text:
            scores[encoding] = legacy_score(text, converted)
    return scores


def detect_encoding(text: str, *, prefer: Encoding | None = None) -> Encoding | None:
    """Return the legacy encoding text was typed in, or None for Unicode or plain ASCII.

    prefer is the encoding the rest of the file was typed in (prevailing_encoding). It decides
    a tie ("HAØ" is VNI "HÀ" and TCVN3 "HAỈ"), and converts a text that reads as well both ways
    ("Thò" is a Unicode syllable, and VNI for "Thị"): in a VNI file it is VNI.
    """
    scores = encoding_scores(text)
    best = max(scores.values(), default=0)
    if best <= 0:
        return prefer if scores.get(prefer) == 0 else None  # type: ignore[arg-type]
    winners = [encoding for encoding, score in scores.items() if score == best]
    return prefer if prefer in winners else winners[0]


def prevailing_encoding(texts: Iterable[str]) -> Encoding | None:
    """Return the legacy encoding a whole file (its non-ASCII texts) was typed in, or None.

    A file is taken as typed in a legacy encoding only when texts that convert with a gain
    outnumber ten to one the texts that are surely Unicode (holding ă, ơ, ư, ễ...): one old name
    pasted into a Unicode list must not make "Có" read as the TCVN3 "Cú".
    """
    totals = dict.fromkeys(Encoding, 0)
    unicode = 0
    for text in texts:
        if not could_be_legacy(text):
            unicode += not text.isascii()
            continue
        for encoding, score in encoding_scores(text).items():
            totals[encoding] += score > 0
    encoding, total = max(totals.items(), key=lambda item: item[1])
    return encoding if total > 10 * unicode else None


def to_unicode(text: str, *, prefer: Encoding | None = None) -> tuple[str, Encoding | None]:
    """Return text in Unicode NFC and the legacy encoding it was converted from (None: none)."""
    encoding = detect_encoding(text, prefer=prefer)
    if encoding is not None:
        text = CONVERTERS[encoding](text)
    return unicodedata.normalize("NFC", text), encoding


@dataclass(frozen=True)
class ColumnEncoding:
    """What one column's texts say of their encoding.

    encoding: the legacy encoding its undecidable texts are read in (None: Unicode).
    seen: the legacy encoding some text of the column surely is in (it converts with a gain):
    a text left as it is that reads as well in it may be legacy too, and is shown as a doubt.
    """

    encoding: Encoding | None
    seen: Encoding | None


def column_encoding(texts: Iterable[str], *, file: Encoding | None = None) -> ColumnEncoding:
    """Decide the encoding of one column from its own texts; file decides a column with none.

    Each column is decided alone: in a list whose names were typed in VNI and whose other
    columns in Unicode ("Đại học", "Nữ"), the Unicode cells must not outvote the names (issue
    9: "Hoà Thò Nam" stayed for "Hồ Thị Nam"). Within a column, the texts that surely are
    legacy and those that surely are Unicode (holding ă, ơ, ư, ễ...) are counted; the larger
    side decides the texts that read well both ways.
    """
    totals = dict.fromkeys(Encoding, 0)
    unicode = 0
    for text in texts:
        if not could_be_legacy(text):
            unicode += not text.isascii()
            continue
        for encoding, score in encoding_scores(text).items():
            totals[encoding] += score > 0
    encoding, legacy = max(totals.items(), key=lambda item: item[1])
    if legacy == 0 and unicode == 0:
        return ColumnEncoding(file, file)
    return ColumnEncoding(encoding if legacy > unicode else None, encoding if legacy else None)


def reads_as_well_in(text: str, encoding: Encoding) -> bool:
    """Tell whether text changes in a legacy encoding and reads as well there as in Unicode."""
    return encoding_scores(text).get(encoding) == 0
