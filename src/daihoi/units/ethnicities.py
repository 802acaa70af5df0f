"""The 54 ethnic groups of Vietnam, with one canonical name each and a normalizer for variants.

The list and its order follow the official list of ethnic groups (Danh mục các dân tộc Việt Nam,
Tổng cục Thống kê, Quyết định 121-TCTK/PPCĐ ngày 02/3/1979), with the spellings used today in
personnel records ("Mông" rather than "H'Mông (Mèo)", "Ê Đê" rather than "Ê-đê").
"""

from __future__ import annotations

import functools

from daihoi.rules.names import fold, nfc

KINH = "Kinh"

ETHNICITIES: tuple[str, ...] = (
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khmer",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ngái",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Mnông",
    "Ra Glai",
    "Xtiêng",
    "Bru - Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ Tu",
    "Giẻ Triêng",
    "Mạ",
    "Khơ Mú",
    "Co",
    "Tà Ôi",
    "Chơ Ro",
    "Kháng",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cờ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ Măm",
)

# Other names found in old records and spreadsheets (the 1979 list's own spellings, older
# exonyms, local group names). Keys are compared after _key(), so case, accents, spaces, hyphens
# and apostrophes do not matter.
_ALIASES: dict[str, str] = {
    "Việt": "Kinh",
    "Kinh (Việt)": "Kinh",
    "Hán": "Hoa",
    "Hoa (Hán)": "Hoa",
    "Khơ-me": "Khmer",
    "Khơ me": "Khmer",
    "Khơme": "Khmer",
    "Khmer Krom": "Khmer",
    "Miên": "Khmer",
    "H'Mông": "Mông",
    "Hmông": "Mông",
    "Hmong": "Mông",
    "Mèo": "Mông",
    "HMông (Mèo)": "Mông",
    "Mán": "Dao",
    "Jrai": "Gia Rai",
    "Gia-rai": "Gia Rai",
    "Ê-đê": "Ê Đê",
    "Êđê": "Ê Đê",
    "Rađê": "Ê Đê",
    "Bahnar": "Ba Na",
    "Ba-na": "Ba Na",
    "Xê Đăng": "Xơ Đăng",
    "Sê Đăng": "Xơ Đăng",
    "Xơ-đăng": "Xơ Đăng",
    "Cao Lan": "Sán Chay",
    "Sán Chỉ": "Sán Chay",
    "K'Ho": "Cơ Ho",
    "Koho": "Cơ Ho",
    "Cơ-ho": "Cơ Ho",
    "Chàm": "Chăm",
    "Chăm (Chàm)": "Chăm",
    "H're": "Hrê",
    "M'Nông": "Mnông",
    "Raglai": "Ra Glai",
    "Ra-glai": "Ra Glai",
    "Stiêng": "Xtiêng",
    "Bru": "Bru - Vân Kiều",
    "Vân Kiều": "Bru - Vân Kiều",
    "Bru Vân Kiều": "Bru - Vân Kiều",
    "Cơ-tu": "Cơ Tu",
    "Katu": "Cơ Tu",
    "Gié Triêng": "Giẻ Triêng",
    "Gié-Triêng": "Giẻ Triêng",
    "Khơ-mú": "Khơ Mú",
    "Khmú": "Khơ Mú",
    "Kmhmú": "Khơ Mú",
    "Xá Cẩu": "Khơ Mú",
    "Tà-ôi": "Tà Ôi",
    "Pa Cô": "Tà Ôi",
    "Chơ-ro": "Chơ Ro",
    "Xinh-mun": "Xinh Mun",
    "Chu-ru": "Chu Ru",
    "Xa Phó": "Phù Lá",
    "Lô-lô": "Lô Lô",
    "Lolo": "Lô Lô",
    "Pà Hưng": "Pà Thẻn",
    "Co Lao": "Cờ Lao",
    "Cơ Lao": "Cờ Lao",
    "Bố Y (Tu Dí)": "Bố Y",
    "Tu Dí": "Bố Y",
    "Rơ-măm": "Rơ Măm",
    "Ơ-đu": "Ơ Đu",
}


def _key(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


_LOOKUP: dict[str, str] = {_key(name): name for name in ETHNICITIES}
_LOOKUP.update({_key(alias): name for alias, name in _ALIASES.items()})


@functools.lru_cache(maxsize=4096)  # a list of 100,000 members holds a few dozen spellings
def normalize_ethnicity(text: str) -> str | None:
    """Return the canonical name of an ethnic group written any common way, or None if unknown.

    An empty text gives "" (not given); "Kinh (Việt)" and "kinh" both give "Kinh".
    """
    text = nfc(text)
    if not text:
        return ""
    found = _LOOKUP.get(_key(text))
    if found is None and "(" in text:
        found = _LOOKUP.get(_key(text.split("(", 1)[0]))
    return found


def is_minority(name: str) -> bool:
    """Tell whether a canonical ethnicity name is an ethnic minority (dân tộc thiểu số)."""
    return bool(name) and name != KINH


ETHNICITY_CHOICES: list[tuple[str, str]] = [(name, name) for name in ETHNICITIES]
