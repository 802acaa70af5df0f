"""Text typed in TCVN3 (ABC, .VnTime) or VNI (VNI-Times) is found and converted; Unicode is not."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from daihoi.imports.legacy import (
    _ONSETS,
    _RHYMES,
    Encoding,
    detect_encoding,
    is_syllable,
    prevailing_encoding,
    tcvn3_to_unicode,
    to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

# Names and words as they read in old union files (cells typed with the legacy fonts).
REAL_TCVN3 = {
    "NguyÔn ThÞ B×nh": "Nguyễn Thị Bình",
    "TrÇn V¨n Hïng": "Trần Văn Hùng",
    "§inh Ngäc Hµ": "Đinh Ngọc Hà",
    "Hoµng Quèc ViÖt": "Hoàng Quốc Việt",
    "L­êng Danh Väng": "Lường Danh Vọng",
    "C«ng ®oµn c¬ së Së C«ng Th­¬ng": "Công đoàn cơ sở Sở Công Thương",
    "Th¸i": "Thái",
    "N÷": "Nữ",
    "§¹i häc": "Đại học",
    "Chuyªn viªn": "Chuyên viên",
}
REAL_VNI = {
    "Nguyeãn Thò Bình": "Nguyễn Thị Bình",
    "Traàn Vaên Huøng": "Trần Văn Hùng",
    "Ñinh Ngoïc Haø": "Đinh Ngọc Hà",
    "Hoaøng Quoác Vieät": "Hoàng Quốc Việt",
    "Löôøng Danh Voïng": "Lường Danh Vọng",
    "Coâng ñoaøn cô sôû Sôû Coâng Thöông": "Công đoàn cơ sở Sở Công Thương",
    "Taøy": "Tày",
    "Nöõ": "Nữ",
    "Ñaïi hoïc": "Đại học",
    "Chuyeân vieân": "Chuyên viên",
}


@pytest.mark.parametrize(("legacy", "unicode"), REAL_TCVN3.items())
def test_tcvn3_text_from_real_files_is_found_and_converted(legacy: str, unicode: str) -> None:
    assert to_unicode(legacy) == (unicode, Encoding.TCVN3)


@pytest.mark.parametrize(("legacy", "unicode"), REAL_VNI.items())
def test_vni_text_from_real_files_is_found_and_converted(legacy: str, unicode: str) -> None:
    assert to_unicode(legacy) == (unicode, Encoding.VNI)


def test_capitals_typed_with_vntimeh_stay_capitals() -> None:
    # .VnTimeH draws the lower-case codes as capitals: "NGUYÔN" is NGUYỄN, not NGUYễN.
    assert tcvn3_to_unicode("NGUYÔN V¡N AN") == "NGUYỄN VĂN AN"
    assert tcvn3_to_unicode("TRÇN §¹I NGHÜA") == "TRẦN ĐẠI NGHĨA"
    # ...while a capital H followed by a TCVN3 letter is an ordinary capitalized word.
    assert tcvn3_to_unicode("Hµ") == "Hà"


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Thị Bình",
        "Bình",  # all Latin-1: ì is also a TCVN3 code (ỡ), and "Bỡnh" is no syllable
        "Tú",  # ú is TCVN3 for ỳ and "Tỳ" is a syllable too: no gain, no change
        "Lê Hà",
        "Tô Lâm",
        "Thái",
        "Nguyen Thi Binh",
        "Nam",
        "Café",
        "José Müller",
        "Khmer",
        "H' Hen Niê",
        "",
        "0912 345 678",
    ],
)
def test_unicode_and_plain_ascii_are_left_alone(text: str) -> None:
    assert detect_encoding(text) is None
    assert to_unicode(text) == (unicodedata.normalize("NFC", text), None)


def _syllables() -> list[str]:
    """Every valid onset + rhyme + tone (about 14,000 syllables, many unused in practice)."""
    words = []
    for onset, rhyme in itertools.product(_ONSETS, sorted(_RHYMES)):
        if onset == "qu":
            if not rhyme.startswith("u") or rhyme == "u":
                continue
            rhyme = rhyme[1:]
        bare = onset + rhyme
        words.append(bare)
        for tone in ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323"):
            for at in range(len(onset), len(bare)):
                word = unicodedata.normalize("NFC", bare[: at + 1] + tone + bare[at + 1 :])
                if is_syllable(word):
                    words.append(word)
    return words


SYLLABLES = _syllables()


def test_no_unicode_vietnamese_syllable_is_taken_for_legacy_text() -> None:
    assert len(SYLLABLES) > 5000
    for word in SYLLABLES:
        for form in (word, word.capitalize(), word.upper()):
            assert detect_encoding(form) is None, form


def test_most_legacy_syllables_are_recovered_alone_and_all_within_a_name() -> None:
    # A lone syllable may read as another valid syllable in the legacy code (no gain, left as
    # is); inside a three-word name the other words decide. Never a wrong conversion.
    for encode, encoding in ((unicode_to_tcvn3, Encoding.TCVN3), (unicode_to_vni, Encoding.VNI)):
        recovered = wrong = 0
        for word in SYLLABLES:
            legacy = encode(word)
            if legacy == word:
                continue
            text, found = to_unicode(legacy, prefer=encoding)
            if found is not None:
                recovered += text == word
                wrong += text != word
        assert wrong == 0
        assert recovered > 0.8 * sum(encode(w) != w for w in SYLLABLES)


def test_round_trip_of_many_names_in_both_encodings() -> None:
    from tests.documents.vietnamese_names import HO, TEN_DEM_NU, TEN_NU

    alone = 0
    names = [" ".join(parts) for parts in itertools.product(HO, TEN_DEM_NU, TEN_NU)]
    for name in names:
        for encode, encoding in (
            (unicode_to_vni, Encoding.VNI),
            (unicode_to_tcvn3, Encoding.TCVN3),
        ):
            legacy = encode(name)
            if legacy == name:
                assert to_unicode(legacy, prefer=encoding) == (name, None)  # "Phan Thu Anh"
                continue
            # TCVN3 (VN3) has no capitals with tones: "Ánh" was typed with the code of "á".
            expected = name if encoding is Encoding.VNI else name.lower()
            # With the file's encoding known, every name comes back.
            text, found = to_unicode(legacy, prefer=encoding)
            assert (text if encoding is Encoding.VNI else text.lower(), found) == (
                expected,
                encoding,
            )
            # Alone, a name comes back or is left as it is ("Phan Thò Anh" is valid Unicode
            # too), never converted wrongly.
            text, found = to_unicode(legacy)
            if found is None:
                assert text == legacy
            else:
                alone += 1
                assert (text if encoding is Encoding.VNI else text.lower()) == expected
    assert alone > 0.9 * 2 * len(names)


def test_vni_pairs_are_read_before_single_letters() -> None:
    # "oâ" is ô; that ô must not be read again as the VNI ơ.
    assert vni_to_unicode("Coâng") == "Công"
    assert vni_to_unicode("Sôû") == "Sở"


def test_a_tie_between_encodings_follows_the_rest_of_the_file() -> None:
    assert to_unicode("HAØ", prefer=Encoding.VNI) == ("HÀ", Encoding.VNI)
    assert prevailing_encoding(["Nguyeãn Thò Bình", "HAØ", "Coâng ñoaøn"]) is Encoding.VNI
    assert prevailing_encoding(["NguyÔn ThÞ B×nh", "Nam"]) is Encoding.TCVN3
    assert prevailing_encoding(["Nguyễn Thị Bình", "Nam"]) is None


def test_one_old_name_in_a_unicode_list_does_not_make_the_list_legacy() -> None:
    # Else "Có" (a valid Unicode word) would be read as TCVN3 and become "Cú".
    texts = ["NguyÔn ThÞ B×nh", "Có", "Trần Văn Hùng", "Lê Thị Ánh"]
    assert prevailing_encoding(texts) is None
    assert to_unicode("Có", prefer=prevailing_encoding(texts)) == ("Có", None)


def test_syllable_rules() -> None:
    assert is_syllable("nguyễn") and is_syllable("Quốc") and is_syllable("gìn")
    assert not is_syllable("bỡnh")  # no rhyme "ơnh"
    assert not is_syllable("mãt")  # a stop ending takes only sắc or nặng
    assert not is_syllable("thịị")
