"""The 54 ethnic groups and the normalizer of their many spellings."""

from __future__ import annotations

import pytest

from daihoi.units.ethnicities import ETHNICITIES, is_minority, normalize_ethnicity


def test_there_are_54_distinct_groups() -> None:
    assert len(ETHNICITIES) == 54
    assert len(set(ETHNICITIES)) == 54
    assert len({normalize_ethnicity(name) for name in ETHNICITIES}) == 54


@pytest.mark.parametrize("name", ETHNICITIES)
def test_every_canonical_name_maps_to_itself(name: str) -> None:
    assert normalize_ethnicity(name) == name
    assert normalize_ethnicity(name.upper()) == name


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Kinh (Việt)", "Kinh"),
        ("kinh", "Kinh"),
        ("KINH", "Kinh"),
        ("Viet", "Kinh"),
        ("H'Mông", "Mông"),
        ("Hmông", "Mông"),
        ("HMÔNG", "Mông"),
        ("Mèo", "Mông"),
        ("mong", "Mông"),
        ("thai", "Thái"),
        ("Ê-đê", "Ê Đê"),
        ("Khơ-me", "Khmer"),
        ("Hoa (Hán)", "Hoa"),
        ("ha nhi", "Hà Nhì"),
        ("Lự", "Lự"),
        ("Bru Vân Kiều", "Bru - Vân Kiều"),
        ("Thái (Thái đen)", "Thái"),
    ],
)
def test_common_variants_are_normalized(typed: str, canonical: str) -> None:
    assert normalize_ethnicity(typed) == canonical


def test_unknown_gives_none_and_empty_gives_empty() -> None:
    assert normalize_ethnicity("Sao Hỏa") is None
    assert normalize_ethnicity("  ") == ""


def test_minorities_are_every_group_but_kinh() -> None:
    assert not is_minority("Kinh")
    assert not is_minority("")
    assert is_minority("Mông")
