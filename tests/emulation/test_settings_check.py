"""``DAIHOI_EMULATION`` is checked when the server starts: a wrong key or value is named."""

from __future__ import annotations

from fractions import Fraction

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import SimpleTestCase, TestCase, override_settings

from daihoi.emulation.apps import check_emulation_settings
from daihoi.emulation.engine import (
    SETTING_CUTS_ORDER,
    SETTING_NOT_DICT,
    SETTING_SHARE_RANGE,
    settings_problems,
)
from daihoi.rules.profiles import Fraction as ProfileFraction


class EmulationSettingsCheckTests(SimpleTestCase):
    def test_the_defaults_and_documented_overrides_pass(self) -> None:
        assert settings_problems(None) == []
        assert settings_problems({}) == []
        assert settings_problems({"cstdcs_cap": Fraction(15, 100), "excellent_from": 85}) == []

    def test_a_mistyped_key_is_named(self) -> None:
        [problem] = settings_problems({"excelent_from": 85})
        assert problem.startswith("DAIHOI_EMULATION: không có cài đặt “excelent_from”")
        assert "excellent_from" in problem
        assert settings_problems(["excellent_from"]) == [SETTING_NOT_DICT]

    def test_cut_offs_out_of_order_and_shares_out_of_range_are_named(self) -> None:
        assert settings_problems({"good_from": 95}) == [
            SETTING_CUTS_ORDER.format(
                names="excellent_from, good_from, done_from", values="90, 95, 50"
            )
        ]
        assert settings_problems({"council_share_higher": Fraction(3, 2)}) == [
            SETTING_SHARE_RANGE.format(key="council_share_higher", value="3/2")
        ]
        assert settings_problems({"excellent_cap": 0.3}) == [
            SETTING_SHARE_RANGE.format(key="excellent_cap", value="0.3")
        ]
        assert settings_problems({"excellent_cap": ProfileFraction(1, 4)}) == []


class ManagePyCheckTests(TestCase):
    @override_settings(DAIHOI_EMULATION={"excelent_from": 85})
    def test_manage_py_check_stops_on_a_wrong_setting(self) -> None:
        [error] = check_emulation_settings()
        assert error.id == "daihoi.E001"
        with self.assertRaises(SystemCheckError) as caught:
            call_command("check")
        assert "excelent_from" in str(caught.exception)
