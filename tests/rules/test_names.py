from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.names import (
    SEARCH_WORDS,
    fold,
    has_hidden_characters,
    nfc,
    search_words,
    sort_key,
    split_name,
    without_hidden_characters,
)


def ordered(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


def test_names_sort_by_given_name_first() -> None:
    assert ordered(["Nguyễn Văn Bình", "Trần Thị An"]) == ["Trần Thị An", "Nguyễn Văn Bình"]


def test_then_middle_names_then_family_name() -> None:
    names = ["Trần Văn An", "Lê Thị An", "Nguyễn Thị An"]
    assert ordered(names) == ["Lê Thị An", "Nguyễn Thị An", "Trần Văn An"]


def test_letters_follow_the_vietnamese_alphabet() -> None:
    # a < ă < â, d < đ, o < ô < ơ, u < ư
    words = ["Ân", "Ăn", "An"]
    assert ordered([f"Lê {w}" for w in words]) == ["Lê An", "Lê Ăn", "Lê Ân"]
    assert ordered(["Lê Đức", "Lê Dũng"]) == ["Lê Dũng", "Lê Đức"]
    assert ordered(["Lê Ơn", "Lê Ôn", "Lê On"]) == ["Lê On", "Lê Ôn", "Lê Ơn"]
    assert ordered(["Lê Ưng", "Lê Uyên"]) == ["Lê Uyên", "Lê Ưng"]


def test_d_with_stroke_comes_after_all_of_d() -> None:
    assert ordered(["Lê Đào", "Lê Dương"]) == ["Lê Dương", "Lê Đào"]


def test_tones_decide_when_letters_are_equal() -> None:
    tones = ["Lê Mạnh", "Lê Mánh", "Lê Mãnh", "Lê Mảnh", "Lê Mành", "Lê Manh"]
    assert ordered(tones) == ["Lê Manh", "Lê Mành", "Lê Mảnh", "Lê Mãnh", "Lê Mánh", "Lê Mạnh"]


def test_letters_outrank_tones() -> None:
    assert ordered(["Lê Ánh", "Lê Anh", "Lê An"]) == ["Lê An", "Lê Anh", "Lê Ánh"]


def test_shorter_given_name_comes_first() -> None:
    assert ordered(["Lê Thị Anh", "Lê Thị An"]) == ["Lê Thị An", "Lê Thị Anh"]


def test_case_does_not_matter() -> None:
    assert sort_key("NGUYỄN THỊ BÌNH") == sort_key("Nguyễn Thị Bình")


def test_composed_and_decomposed_text_is_one_name() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Bình")
    assert nfc(decomposed) == "Nguyễn Thị Bình"
    assert sort_key(decomposed) == sort_key("Nguyễn Thị Bình")


def test_split_name_gives_family_middle_and_given() -> None:
    assert split_name("  Nguyễn   Thị Thu  Hà ") == ("Nguyễn", "Thị Thu", "Hà")
    assert split_name("Rcom Jen") == ("Rcom", "", "Jen")
    assert split_name("Hà") == ("", "", "Hà")


def test_fold_removes_diacritics_and_case() -> None:
    assert fold("Nguyễn Thị Bình") == "nguyen thi binh"
    assert fold("ĐẶNG Đức") == "dang duc"


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ ", max_size=24))
def test_key_ignores_case_and_unicode_form(name: str) -> None:
    key = sort_key(name)
    assert key.isdigit()
    assert sort_key(name.upper()) == key
    assert sort_key(unicodedata.normalize("NFD", name)) == key


def test_hidden_characters_are_control_characters_and_bidi_overrides_not_tabs() -> None:
    for char in ["\x00", "\x01", "\x1b", "\x7f", "\u202a", "\u202e", "\u2066", "\u2069"]:
        assert has_hidden_characters(f"Lò{char} Văn Pó"), repr(char)
    for text in ["Lò\tVăn\nPó\r", "Y Thanh Hà Niê Kdăm", "Nguyễn Thị Bình", "", "\u200b"]:
        assert not has_hidden_characters(text), repr(text)


def test_hidden_characters_are_left_out_of_what_is_printed() -> None:
    assert without_hidden_characters("\u202eLò\x00 Văn\x01 Pó\u2069\t") == "Lò Văn Pó\t"
    assert without_hidden_characters("Nguyễn Thị Bình") == "Nguyễn Thị Bình"


def test_a_search_asks_for_each_word_once_folded_in_the_order_typed() -> None:
    assert search_words("  Nguyễn  thị BÌNH nguyen ", longest=500) == ["nguyen", "thi", "binh"]
    assert search_words("", longest=500) == []


@given(st.text(), st.integers(min_value=1, max_value=60))
def test_a_search_asks_for_few_words_none_longer_than_the_text_searched(
    text: str, longest: int
) -> None:
    """What a search box sends the database stays small whatever is typed or pasted: at most
    SEARCH_WORDS words, each no longer than the searched text; a longer word finds nothing."""
    words = search_words(text, longest=longest)
    typed = list(dict.fromkeys(fold(text).split()))
    if any(len(word) > longest for word in typed):
        assert words is None
    else:
        assert words == typed[:SEARCH_WORDS]


def test_a_pasted_page_or_a_word_of_a_hundred_thousand_letters_stays_a_small_search() -> None:
    many = " ".join(f"tu{i}" for i in range(5_000))
    assert search_words(many, longest=500) == [f"tu{i}" for i in range(SEARCH_WORDS)]
    assert search_words("a" * 100_000, longest=500) is None
    assert search_words("[" * 100_000 + " binh", longest=500) is None
