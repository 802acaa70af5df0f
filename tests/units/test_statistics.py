"""unit_statistics: the make-up of a subtree in two queries, on known data (seed 002)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.test import TestCase

from daihoi.rules.numbers import years_before
from daihoi.units.models import Education, Gender, Member, MemberStatus, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit
from daihoi.units.statistics import AGE_BANDS, unit_statistics
from daihoi.units.testing import build_world

DAY = date(2026, 3, 1)


def add(unit, full_name="Nguyễn Văn An", gender=Gender.NAM, **kw):  # type: ignore[no-untyped-def]
    return create_member(unit=unit, data=MemberData(full_name=full_name, gender=gender, **kw))


def counts(groups) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {g.key: g.count for g in groups}


class SeedTwoTests(TestCase):
    """Công đoàn Sở Khoa học và Công nghệ Hải Phòng: 6 CĐBP, 185 members of whom 91 women."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.cdcs = create_unit(
            parent=cls.w.upper_grassroots,
            name="Công đoàn Sở Khoa học và Công nghệ Hải Phòng",
            code="HP-KHCN",
            kind=UnitKind.CDCS,
        )
        sections = [
            create_unit(
                parent=cls.cdcs, name=f"Công đoàn bộ phận {i}", code=f"HP-KHCN-{i}",
                kind=UnitKind.CD_BO_PHAN,
            )
            for i in range(1, 7)
        ]  # fmt: skip
        educations = [Education.THAC_SI, Education.DAI_HOC, Education.CAO_DANG, Education.THPT, ""]
        for i in range(185):
            add(
                sections[i % 6],
                gender=Gender.NU if i < 91 else Gender.NAM,
                birth_date=None if i % 37 == 0 else date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                ethnicity="Kinh" if i % 10 else ("Tày" if i % 20 else ""),
                is_party_member=i % 3 == 0,
                education=educations[i % 5],
            )
        # Not counted: a member who left, and one who moved away.
        add(sections[0], status=MemberStatus.LEFT, gender=Gender.NU)
        add(sections[1], status=MemberStatus.MOVED, gender=Gender.NU)

    def test_185_members_of_whom_91_women_is_49_2_percent(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        assert stats.members == 185
        assert stats.members_vi == "185"
        assert stats.women == 91
        assert stats.women_group.percent_vi == "49,2%"
        assert stats.men_group.count == 94

    def test_party_members_and_minorities(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        assert stats.party_members == len(range(0, 185, 3)) == 62
        assert stats.party_group.percent_vi == "33,5%"
        # i % 10 == 0: Tày when i % 20 != 0 (10, 30, ...), not given when i % 20 == 0.
        assert stats.minorities == 9
        assert stats.ethnicity_unknown == 10

    def test_education_groups_add_up_to_the_members(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        assert counts(stats.education) == {
            "sau_dai_hoc": 37,
            "dai_hoc_cao_dang": 74,
            "trung_cap_tro_xuong": 37,
            "chua_ro": 37,
        }
        assert sum(g.count for g in stats.education) == stats.members

    def test_age_bands_match_age_on_for_every_member(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        expected = dict.fromkeys(counts(stats.age), 0)
        for member in Member.objects.in_subtree(self.cdcs).active():
            age = member.age_on(DAY)
            key = "chua_ro" if age is None else band_of(age)
            expected[key] += 1
        assert counts(stats.age) == expected
        assert expected["chua_ro"] == 5

    def test_units_below_by_kind(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        assert [(g.key, g.count) for g in stats.units_below] == [(UnitKind.CD_BO_PHAN, 6)]
        assert str(stats.units_below[0].label) == "Công đoàn bộ phận"

    def test_the_whole_roll_up_is_two_queries(self) -> None:
        with self.assertNumQueries(2):
            unit_statistics(self.w.root, day=DAY)

    def test_upper_levels_count_every_unit_and_member_below(self) -> None:
        stats = unit_statistics(self.w.province, day=DAY)
        # build_world's 2 members + 185 here; the left and moved ones are not counted.
        assert stats.members == 187
        assert [(g.key, g.count) for g in stats.units_below] == [
            (UnitKind.CD_VIEN_CHUC, 1),
            (UnitKind.CDCS, 3),
            (UnitKind.CD_BO_PHAN, 7),
        ]
        assert stats.units_below_total == 11

    def test_a_sibling_is_not_counted(self) -> None:
        stats = unit_statistics(self.w.sibling, day=DAY)
        assert stats.members == 1
        assert stats.units_below == ()


def band_of(age: int) -> str:
    for key, _label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    raise AssertionError(age)


class AgeBoundaryTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.cdcs = create_unit(
            parent=cls.w.upper_grassroots, name="CĐCS tuổi", code="TUOI", kind=UnitKind.CDCS
        )

    def test_a_birthday_today_counts_in_the_new_band(self) -> None:
        add(self.cdcs, birth_date=date(1996, 3, 1))  # 30 today
        add(self.cdcs, birth_date=date(1996, 3, 2))  # 30 tomorrow
        add(self.cdcs, birth_date=date(1966, 3, 1))  # 60 today
        add(self.cdcs, birth_date=date(1966, 3, 2))  # 59 until tomorrow
        got = counts(unit_statistics(self.cdcs, day=DAY).age)
        assert got == {"duoi_30": 1, "30_39": 1, "40_49": 0, "50_59": 1, "tu_60": 1, "chua_ro": 0}

    def test_on_29_february_the_bands_agree_with_age_on(self) -> None:
        day = date(2028, 2, 29)
        born = [date(1998, 2, 28), date(1998, 3, 1), date(1996, 2, 29), date(1988, 2, 29)]
        for b in born:
            add(self.cdcs, birth_date=b)
        got = counts(unit_statistics(self.cdcs, day=day).age)
        want = dict.fromkeys(got, 0)
        for member in Member.objects.in_subtree(self.cdcs):
            want[band_of(member.age_on(day))] += 1  # type: ignore[arg-type]
        assert got == want == {
            "duoi_30": 1, "30_39": 2, "40_49": 1, "50_59": 0, "tu_60": 0, "chua_ro": 0,
        }  # fmt: skip

    def test_random_birth_dates_agree_with_age_on(self) -> None:
        rng = random.Random(2)
        start = date(1940, 1, 1)
        # Born 1940-2009: everyone is born before each day asked about.
        for _ in range(120):
            add(self.cdcs, birth_date=start + timedelta(days=rng.randrange(365 * 70)))
        for day in (DAY, date(2024, 2, 29), date(2025, 12, 31)):
            got = counts(unit_statistics(self.cdcs, day=day).age)
            want = dict.fromkeys(got, 0)
            for member in Member.objects.in_subtree(self.cdcs):
                want[band_of(member.age_on(day))] += 1  # type: ignore[arg-type]
            assert got == want

    def test_years_before_falls_back_to_28_february(self) -> None:
        assert years_before(date(2028, 2, 29), 30) == date(1998, 2, 28)
        assert years_before(date(2028, 2, 29), 4) == date(2024, 2, 29)

    def test_an_empty_unit_has_zero_percent_not_an_error(self) -> None:
        stats = unit_statistics(self.cdcs, day=DAY)
        assert stats.members == 0
        assert stats.women_group.percent_vi == "0%"
        assert stats.women_group.permille == 0
