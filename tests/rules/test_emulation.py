"""Emulation titles, exclusions, the council's vote, rewards and the CĐCS classification.

Each table row names the clause of rules.md §5 or §6 it checks; the reference figures are worked
by hand from the clause (the integer rule of rules.md's preamble: shares compared as products).
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest

from daihoi.rules.emulation import (
    CL_CLASSIFICATION,
    CL_COUNCIL,
    CL_CSTD_NATIONAL,
    CL_CSTD_PROVINCE,
    CL_CSTDCS,
    CL_CSTDCS_CAP,
    CL_DVCDXS,
    CL_EXCLUSION,
    CL_GVNDVN,
    CL_LDTT,
    CL_LEGACY,
    CL_TTLDTT,
    CL_TTLDXS,
    CLAUSES,
    DEFAULT_SETTINGS,
    MSG_COUNCIL_EMPTY,
    MSG_MATERNITY_OVER_ABSENT,
    MSG_NO_BALLOT_FOR_TITLE,
    MSG_NO_BASE_SALARY,
    MSG_POINTS_RANGE,
    BaseSalary,
    Classification,
    CollectiveYear,
    CouncilVote,
    Discipline,
    EmulationInputError,
    Finding,
    IndividualYear,
    InitiativeLevel,
    LegacyLevel,
    LegacyScore,
    TaskLevel,
    Title,
    UnionLevel,
    UnionScore,
    apply_excellent_cap,
    base_salary_on,
    classify_union,
    classify_union_legacy,
    collective_counts,
    consecutive_years,
    council_decides,
    council_votes_needed,
    cstdcs_within_cap,
    evaluate_collective,
    evaluate_individual,
    full_months,
    reward_amount,
)
from daihoi.rules.profiles import Fraction

EVALUATED = datetime.date(2025, 12, 15)


def person(**changes: Any) -> IndividualYear:
    """A man who did his tasks well, registered, worked all year: Lao động tiên tiến."""
    fields: dict[str, Any] = {
        "year": 2025,
        "evaluated_on": EVALUATED,
        "female": False,
        "task_level": TaskLevel.GOOD,
    }
    fields.update(changes)
    return IndividualYear(**fields)


def collective(**changes: Any) -> CollectiveYear:
    """A team of 10 that meets Tập thể lao động xuất sắc exactly at its limits."""
    fields: dict[str, Any] = {
        "year": 2025,
        "task_level": TaskLevel.EXCELLENT,
        "members": 10,
        "completed": 10,
        "advanced": 7,
        "fighters": 1,
    }
    fields.update(changes)
    return CollectiveYear(**fields)


def eligible(p: IndividualYear, title: Title) -> bool:
    return evaluate_individual(p).verdict(title).eligible


def unmet(p: IndividualYear, title: Title) -> list[Finding]:
    return list(evaluate_individual(p).verdict(title).reasons)


# --- Individual titles: every criterion, table-driven --------------------------------------

INDIVIDUAL_CASES = [
    # (case, changes, title, expected, clause of the deciding finding)
    # §5.1 LĐTT (a) hoàn thành tốt nhiệm vụ trở lên; (b) tích cực phong trào thi đua.
    ("ldtt_good_tasks", {}, Title.LDTT, True, CL_LDTT),
    ("ldtt_excellent_tasks", {"task_level": TaskLevel.EXCELLENT}, Title.LDTT, True, CL_LDTT),
    ("ldtt_only_done", {"task_level": TaskLevel.DONE}, Title.LDTT, False, CL_LDTT),
    ("ldtt_not_done", {"task_level": TaskLevel.NOT_DONE}, Title.LDTT, False, CL_LDTT),
    ("ldtt_not_active", {"active_in_emulation": False}, Title.LDTT, False, CL_LDTT),
    # §5.1 CSTĐCS: LĐTT and one of excellent tasks / grassroots initiative / research.
    ("cstdcs_ldtt_alone", {}, Title.CSTDCS, False, CL_CSTDCS),
    (
        "cstdcs_excellent",
        {"task_level": TaskLevel.EXCELLENT},
        Title.CSTDCS,
        True,
        CL_CSTDCS,
    ),
    (
        "cstdcs_initiative_no_longer_needed_but_enough",
        {"initiative": InitiativeLevel.GRASSROOTS},
        Title.CSTDCS,
        True,
        CL_CSTDCS,
    ),
    ("cstdcs_research", {"research_accepted": True}, Title.CSTDCS, True, CL_CSTDCS),
    (
        "cstdcs_initiative_without_ldtt",
        {"task_level": TaskLevel.DONE, "initiative": InitiativeLevel.NATIONAL},
        Title.CSTDCS,
        False,
        CL_CSTDCS,
    ),
    # §5.2 Đoàn viên công đoàn xuất sắc: member, task level (setting), active in the union.
    ("dvcdxs_member", {}, Title.DVCDXS, True, CL_DVCDXS),
    ("dvcdxs_not_member", {"union_member": False}, Title.DVCDXS, False, CL_DVCDXS),
    ("dvcdxs_inactive", {"active_in_union": False}, Title.DVCDXS, False, CL_DVCDXS),
    ("dvcdxs_only_done", {"task_level": TaskLevel.DONE}, Title.DVCDXS, False, CL_DVCDXS),
    # §5.2 Giỏi việc nước, đảm việc nhà: women only; task level and family (settings).
    ("gvndvn_woman", {"female": True}, Title.GVNDVN, True, CL_GVNDVN),
    ("gvndvn_man", {}, Title.GVNDVN, False, CL_GVNDVN),
    (
        "gvndvn_family",
        {"female": True, "family_duties_met": False},
        Title.GVNDVN,
        False,
        CL_GVNDVN,
    ),
    (
        "gvndvn_only_done",
        {"female": True, "task_level": TaskLevel.DONE},
        Title.GVNDVN,
        False,
        CL_GVNDVN,
    ),
]


@pytest.mark.parametrize(
    ("changes", "title", "expected", "clause"),
    [case[1:] for case in INDIVIDUAL_CASES],
    ids=[case[0] for case in INDIVIDUAL_CASES],
)
def test_each_individual_criterion(
    changes: dict[str, Any], title: Title, expected: bool, clause: str
) -> None:
    p = person(**changes)
    assert eligible(p, title) is expected
    verdict = evaluate_individual(p).verdict(title)
    assert clause in {f.clause for f in verdict.reasons}


# --- Exclusions (§5.2 [verified-local: S37]) -----------------------------------------------

EXCLUSION_CASES = [
    # (case, changes, excluded)
    ("absent_39_days", {"days_absent": 39}, False),
    ("absent_40_days", {"days_absent": 40}, True),
    ("absent_60_of_which_30_maternity", {"days_absent": 60, "maternity_days": 30}, False),
    ("absent_70_of_which_30_maternity", {"days_absent": 70, "maternity_days": 30}, True),
    ("not_registered", {"registered": False}, True),
    # Recruited 15/02/2025, evaluated 15/12/2025: exactly 10 whole months.
    ("recruited_10_months", {"joined_on": datetime.date(2025, 2, 15)}, False),
    ("recruited_9_months", {"joined_on": datetime.date(2025, 2, 16)}, True),
    ("reprimanded", {"discipline": Discipline.REPRIMAND}, True),
    ("warned", {"discipline": Discipline.WARNING}, True),
    ("heavier_discipline", {"discipline": Discipline.HEAVIER}, True),
    ("administratively_sanctioned", {"administrative_sanction": True}, True),
]


@pytest.mark.parametrize(
    ("changes", "excluded"),
    [case[1:] for case in EXCLUSION_CASES],
    ids=[case[0] for case in EXCLUSION_CASES],
)
def test_each_exclusion_bars_every_individual_title(
    changes: dict[str, Any], excluded: bool
) -> None:
    # An excellent woman with an accepted research project would hold every grassroots title.
    p = person(task_level=TaskLevel.EXCELLENT, female=True, research_accepted=True, **changes)
    for title in (Title.LDTT, Title.CSTDCS, Title.DVCDXS, Title.GVNDVN):
        assert eligible(p, title) is not excluded, title
        if excluded:
            assert CL_EXCLUSION in {f.clause for f in unmet(p, title)}


def test_maternity_leave_is_not_counted_in_the_absence() -> None:
    p = person(days_absent=120, maternity_days=100)
    (absence,) = [
        f for f in evaluate_individual(p).verdict(Title.LDTT).findings if "nghỉ" in f.text
    ]
    assert absence.met
    assert absence.text == "nghỉ 20 ngày làm việc (không tính 100 ngày nghỉ thai sản), dưới 40 ngày"


def test_exclusion_limits_are_settings() -> None:
    lenient = dataclasses.replace(
        DEFAULT_SETTINGS,
        absence_limit_days=60,
        min_months_employed=6,
        discipline_excludes_from=Discipline.WARNING,
        registration_required=False,
        administrative_sanction_excludes=False,
    )
    p = person(
        days_absent=59,
        joined_on=datetime.date(2025, 6, 15),
        discipline=Discipline.REPRIMAND,
        registered=False,
        administrative_sanction=True,
    )
    assert not evaluate_individual(p).verdict(Title.LDTT).eligible
    assert evaluate_individual(p, lenient).verdict(Title.LDTT).eligible


def test_unregistered_is_not_checked_when_registration_is_not_required() -> None:
    relaxed = dataclasses.replace(DEFAULT_SETTINGS, registration_required=False)
    findings = evaluate_individual(person(), relaxed).verdict(Title.LDTT).findings
    assert not any("đăng ký" in f.text for f in findings)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (datetime.date(2025, 3, 15), datetime.date(2026, 1, 14), 9),
        (datetime.date(2025, 3, 15), datetime.date(2026, 1, 15), 10),
        # From the 31st, February's last day completes the month.
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 28), 1),
        (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), 1),
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 27), 0),
        (datetime.date(2025, 12, 15), datetime.date(2025, 12, 15), 0),
    ],
)
def test_full_months_of_work(start: datetime.date, end: datetime.date, months: int) -> None:
    assert full_months(start, end) == months


# --- Titles that need consecutive years (§5.1 Điều 21-22) ----------------------------------


def awards(title: Title, *years: int) -> frozenset[tuple[int, Title]]:
    return frozenset((year, title) for year in years)


def test_provincial_fighter_needs_three_cstdcs_in_a_row_ending_this_year() -> None:
    # CSTĐCS 2023 and 2024 recorded, 2025's found now, initiative of provincial effect.
    p = person(
        task_level=TaskLevel.EXCELLENT,
        initiative=InitiativeLevel.PROVINCE,
        awards=awards(Title.CSTDCS, 2023, 2024),
    )
    assert eligible(p, Title.CSTD_PROVINCE)


def test_a_gap_breaks_the_run_of_years() -> None:
    p = person(
        task_level=TaskLevel.EXCELLENT,
        initiative=InitiativeLevel.PROVINCE,
        awards=awards(Title.CSTDCS, 2021, 2022, 2024),
    )
    assert not eligible(p, Title.CSTD_PROVINCE)
    (finding,) = unmet(p, Title.CSTD_PROVINCE)
    assert finding.text == "2 năm liên tục đạt Chiến sĩ thi đua cơ sở đến năm 2025 (cần 3 năm)"


def test_this_year_counts_only_if_this_years_cstdcs_holds() -> None:
    # Three recorded years, but 2025 is barred (45 days absent): no CSTĐCS this year, so the
    # run ending in 2025 is empty although the initiative has provincial effect.
    p = person(
        task_level=TaskLevel.EXCELLENT,
        initiative=InitiativeLevel.PROVINCE,
        awards=awards(Title.CSTDCS, 2022, 2023, 2024),
        days_absent=45,
    )
    assert not eligible(p, Title.CSTDCS)
    assert not eligible(p, Title.CSTD_PROVINCE)
    (finding,) = unmet(p, Title.CSTD_PROVINCE)
    assert finding.text.startswith("0 năm liên tục")


def test_provincial_fighter_needs_an_initiative_of_provincial_effect() -> None:
    p = person(
        task_level=TaskLevel.EXCELLENT,
        initiative=InitiativeLevel.GRASSROOTS,
        awards=awards(Title.CSTDCS, 2023, 2024),
    )
    assert not eligible(p, Title.CSTD_PROVINCE)
    assert [f.clause for f in unmet(p, Title.CSTD_PROVINCE)] == [CL_CSTD_PROVINCE]


def test_national_fighter_needs_two_provincial_titles_in_a_row() -> None:
    history = awards(Title.CSTDCS, 2023, 2024) | awards(Title.CSTD_PROVINCE, 2024)
    p = person(task_level=TaskLevel.EXCELLENT, initiative=InitiativeLevel.NATIONAL, awards=history)
    assert eligible(p, Title.CSTD_NATIONAL)
    provincial_only = person(
        task_level=TaskLevel.EXCELLENT, initiative=InitiativeLevel.PROVINCE, awards=history
    )
    assert eligible(provincial_only, Title.CSTD_PROVINCE)
    assert not eligible(provincial_only, Title.CSTD_NATIONAL)


def test_national_fighter_without_the_provincial_run() -> None:
    p = person(task_level=TaskLevel.EXCELLENT, initiative=InitiativeLevel.NATIONAL)
    assert not eligible(p, Title.CSTD_NATIONAL)
    assert CL_CSTD_NATIONAL in {f.clause for f in unmet(p, Title.CSTD_NATIONAL)}


def test_consecutive_years_counts_back_from_the_end() -> None:
    history = awards(Title.CSTDCS, 2019, 2020, 2022, 2023, 2024)
    assert consecutive_years(history, Title.CSTDCS, ending=2024) == 3
    assert consecutive_years(history, Title.CSTDCS, ending=2021) == 0
    assert consecutive_years(history, Title.LDTT, ending=2024) == 0


def test_years_in_a_row_are_settings() -> None:
    two = dataclasses.replace(DEFAULT_SETTINGS, province_consecutive_years=2)
    p = person(
        task_level=TaskLevel.EXCELLENT,
        initiative=InitiativeLevel.PROVINCE,
        awards=awards(Title.CSTDCS, 2024),
    )
    assert not evaluate_individual(p).verdict(Title.CSTD_PROVINCE).eligible
    assert evaluate_individual(p, two).verdict(Title.CSTD_PROVINCE).eligible


# --- Golden explanations ------------------------------------------------------------------


def test_golden_explanation_of_an_eligible_cstdcs() -> None:
    p = person(task_level=TaskLevel.EXCELLENT, initiative=InitiativeLevel.GRASSROOTS)
    assert evaluate_individual(p).verdict(Title.CSTDCS).explanation == (
        "Chiến sĩ thi đua cơ sở: đủ điều kiện. Đạt Lao động tiên tiến; hoàn thành xuất sắc nhiệm "
        "vụ; sáng kiến được công nhận ở cơ sở (§5.1, Luật TĐKT 2022 Điều 23 – Chiến sĩ thi đua "
        "cơ sở)."
    )


def test_golden_explanation_of_a_refusal_names_only_what_failed() -> None:
    # Recruited 01/3/2025 and evaluated 15/12/2025: 9 whole months; absent 50 days of which 30
    # for maternity: 20 counted, under 40.
    p = person(
        female=True,
        task_level=TaskLevel.EXCELLENT,
        days_absent=50,
        maternity_days=30,
        joined_on=datetime.date(2025, 3, 1),
    )
    assert evaluate_individual(p).verdict(Title.LDTT).explanation == (
        "Lao động tiên tiến: chưa đủ điều kiện. Công tác được 9 tháng, chưa đủ 10 tháng "
        "(§5.2 – các trường hợp không xét thi đua)."
    )


def test_golden_explanation_of_the_full_ldtt() -> None:
    assert evaluate_individual(person()).verdict(Title.LDTT).explanation == (
        "Lao động tiên tiến: đủ điều kiện. Nghỉ 0 ngày làm việc, dưới 40 ngày; đã đăng ký thi "
        "đua; không bị xử phạt vi phạm hành chính; không bị kỷ luật (§5.2 – các trường hợp "
        "không xét thi đua); hoàn thành tốt nhiệm vụ (cần từ hoàn thành tốt nhiệm vụ trở lên); "
        "tích cực tham gia phong trào thi đua, đoàn kết, tương trợ (§5.1, Luật TĐKT 2022 Điều "
        "24 k1 – Lao động tiên tiến)."
    )


def test_every_verdict_is_returned_in_table_order() -> None:
    result = evaluate_individual(person(task_level=TaskLevel.EXCELLENT, female=True))
    assert [v.title for v in result.verdicts] == [
        Title.LDTT,
        Title.CSTDCS,
        Title.DVCDXS,
        Title.GVNDVN,
        Title.CSTD_PROVINCE,
        Title.CSTD_NATIONAL,
    ]
    assert result.eligible == (Title.LDTT, Title.CSTDCS, Title.DVCDXS, Title.GVNDVN)


# --- Bad snapshots --------------------------------------------------------------------------


def test_maternity_days_over_the_absence_are_refused() -> None:
    with pytest.raises(EmulationInputError) as caught:
        person(days_absent=10, maternity_days=11)
    assert caught.value.place == "maternity_days"
    assert caught.value.message == MSG_MATERNITY_OVER_ABSENT.format(maternity=11, absent=10)


def test_negative_days_and_a_future_recruitment_are_refused() -> None:
    with pytest.raises(EmulationInputError, match="days_absent"):
        person(days_absent=-1)
    with pytest.raises(EmulationInputError, match="joined_on"):
        person(joined_on=datetime.date(2026, 1, 1))


def test_a_collective_part_larger_than_its_members_is_refused() -> None:
    with pytest.raises(EmulationInputError) as caught:
        collective(advanced=11)
    assert caught.value.place == "advanced"
    assert "(11) nhiều hơn số thành viên của tập thể (10)" in caught.value.message


# --- Collectives (§5.1) ----------------------------------------------------------------------

COLLECTIVE_CASES = [
    # (case, changes, TTLĐTT, TTLĐXS, clause of the first unmet finding of the refused titles)
    ("at_the_limits", {}, True, True, None),
    # Điều 27 (a): only "tốt" tasks: advanced, not excellent.
    ("good_tasks", {"task_level": TaskLevel.GOOD}, True, False, CL_TTLDXS),
    # Điều 28 old law: hoàn thành tốt nhiệm vụ needed for TTLĐTT too.
    ("done_tasks", {"task_level": TaskLevel.DONE}, False, False, CL_TTLDTT),
    # Điều 27 (c): 100% complete tasks.
    ("one_member_fell_short", {"completed": 9}, True, False, CL_TTLDXS),
    # Điều 27 (c): at least 70% LĐTT: 6 of 10 is short; Điều 28: 6 of 10 is over half.
    ("sixty_percent_advanced", {"advanced": 6}, True, False, CL_TTLDXS),
    # Điều 28: more than half, strictly: 5 of 10 is not.
    ("exactly_half_advanced", {"advanced": 5}, False, False, CL_TTLDTT),
    # Điều 27 (d): at least one CSTĐCS.
    ("no_fighter", {"fighters": 0}, True, False, CL_TTLDXS),
    # Điều 28: nobody disciplined from cảnh cáo.
    ("one_warned", {"disciplined_from_warning": 1}, False, True, CL_TTLDTT),
    # Điều 27 (b), Điều 28: active in emulation.
    ("inactive", {"active_in_emulation": False}, False, False, CL_TTLDTT),
    # Điều 27 (đ), Điều 28: united and law-abiding.
    ("divided", {"united_and_lawful": False}, False, False, CL_TTLDTT),
    # §5.2 exclusions: a collective that did not register.
    ("not_registered", {"registered": False}, False, False, CL_EXCLUSION),
    # A collective with no members has no share to compare.
    ("empty", {"members": 0, "completed": 0, "advanced": 0, "fighters": 0}, False, False, None),
]


@pytest.mark.parametrize(
    ("changes", "advanced", "excellent", "clause"),
    [case[1:] for case in COLLECTIVE_CASES],
    ids=[case[0] for case in COLLECTIVE_CASES],
)
def test_each_collective_criterion(
    changes: dict[str, Any], advanced: bool, excellent: bool, clause: str | None
) -> None:
    result = evaluate_collective(collective(**changes))
    assert result.verdict(Title.TTLDTT).eligible is advanced
    assert result.verdict(Title.TTLDXS).eligible is excellent
    refused = [v for v in result.verdicts if not v.eligible]
    if clause is not None:
        assert clause in {f.clause for v in refused for f in v.reasons}


def test_collective_shares_are_settings() -> None:
    # A sector that asks two thirds LĐTT for TTLĐTT (a local variant of the old Điều 28).
    stricter = dataclasses.replace(DEFAULT_SETTINGS, ttldtt_advanced_share=Fraction(2, 3))
    c = collective(advanced=6, fighters=0)
    assert evaluate_collective(c).verdict(Title.TTLDTT).eligible
    assert not evaluate_collective(c, stricter).verdict(Title.TTLDTT).eligible


def test_collective_counts_come_from_the_members_verdicts() -> None:
    people = [
        person(task_level=TaskLevel.EXCELLENT),  # LĐTT and CSTĐCS
        person(),  # LĐTT
        person(task_level=TaskLevel.DONE),  # completed, no title
        person(task_level=TaskLevel.NOT_DONE),  # not completed
        person(discipline=Discipline.WARNING),  # excluded, counted as warned
    ]
    counts = collective_counts((p, evaluate_individual(p)) for p in people)
    assert counts == (5, 4, 2, 1, 1)


def test_golden_explanation_of_a_refused_excellent_collective() -> None:
    verdict = evaluate_collective(collective(advanced=6, fighters=0)).verdict(Title.TTLDXS)
    assert verdict.explanation == (
        "Tập thể lao động xuất sắc: chưa đủ điều kiện. 6/10 thành viên đạt Lao động tiên tiến "
        "(cần từ 7/10); có 0 Chiến sĩ thi đua cơ sở (cần ít nhất 1) (§5.1, Luật TĐKT 2022 "
        "Điều 27 – Tập thể lao động xuất sắc)."
    )


# --- CSTĐCS cap (§5.1) ----------------------------------------------------------------------


def test_there_is_no_cstdcs_cap_by_default() -> None:
    finding = cstdcs_within_cap(fighters=50, advanced=50)
    assert finding.met
    assert finding.clause == CL_CSTDCS_CAP


def test_a_sector_cap_of_fifteen_percent_of_ldtt() -> None:
    # Old NĐ 91/2017 Điều 9 k3: at most 15% of those with LĐTT: 3 of 20, not 4.
    capped = dataclasses.replace(DEFAULT_SETTINGS, cstdcs_cap=Fraction(15, 100))
    assert cstdcs_within_cap(fighters=3, advanced=20, settings=capped).met
    assert not cstdcs_within_cap(fighters=4, advanced=20, settings=capped).met


# --- The council's vote (§5.1, NĐ 98/2023 Điều 30 k7) ---------------------------------------

COUNCIL_CASES = [
    # (case, title, members, present, written, yes, quorum, passed)
    ("cstdcs_8_of_10", Title.CSTDCS, 10, 8, 2, 8, True, True),
    ("cstdcs_7_of_10", Title.CSTDCS, 10, 10, 0, 7, True, False),
    # 80% of 6 is 4,8: 5 needed.
    ("cstdcs_5_of_6", Title.CSTDCS, 6, 6, 0, 5, True, True),
    ("cstdcs_4_of_6", Title.CSTDCS, 6, 6, 0, 4, True, False),
    # The base is ALL members: 8 yes of 8 ballots with 2 members silent is 80% of 10.
    ("base_is_all_members", Title.CSTDCS, 10, 8, 0, 8, True, True),
    ("province_9_of_10", Title.CSTD_PROVINCE, 10, 9, 1, 9, True, True),
    ("province_8_of_10", Title.CSTD_PROVINCE, 10, 9, 1, 8, True, False),
    ("national_9_of_10", Title.CSTD_NATIONAL, 10, 10, 0, 9, True, True),
    # Quorum (setting, 2/3 of members present): 6 of 9 sit, 7 of 11 do not.
    ("quorum_6_of_9", Title.CSTDCS, 9, 6, 3, 8, True, True),
    ("no_quorum_7_of_11", Title.CSTDCS, 11, 7, 4, 11, False, False),
]


@pytest.mark.parametrize(
    ("title", "members", "present", "written", "yes", "quorum", "passed"),
    [case[1:] for case in COUNCIL_CASES],
    ids=[case[0] for case in COUNCIL_CASES],
)
def test_council_vote(
    title: Title, members: int, present: int, written: int, yes: int, quorum: bool, passed: bool
) -> None:
    verdict = council_decides(
        CouncilVote(title=title, members=members, present=present, written=written, yes=yes)
    )
    assert verdict.quorum is quorum
    assert verdict.passed is passed
    assert {f.clause for f in verdict.findings} == {CL_COUNCIL}


def test_council_votes_needed_is_integer_arithmetic() -> None:
    assert council_votes_needed(Fraction(4, 5), 10) == 8
    assert council_votes_needed(Fraction(4, 5), 6) == 5
    assert council_votes_needed(Fraction(9, 10), 10) == 9
    assert council_votes_needed(Fraction(9, 10), 11) == 10
    assert council_votes_needed(Fraction(4, 5), 5) == 4


def test_golden_council_explanation() -> None:
    verdict = council_decides(
        CouncilVote(title=Title.CSTDCS, members=9, present=7, written=2, yes=7)
    )
    assert verdict.votes_needed == 8
    assert verdict.explanation == (
        "Chiến sĩ thi đua cơ sở: không được Hội đồng thông qua. 7/9 thành viên dự họp (cần từ "
        "2/3); 7/9 thành viên đồng ý (7 dự họp, 2 ý kiến bằng văn bản; cần ít nhất 8, tức 80% "
        "tổng số thành viên) (§5.1, NĐ 98/2023 Điều 30 k7 – bỏ phiếu Hội đồng thi đua – khen "
        "thưởng)."
    )


def test_a_title_without_a_ballot_is_refused() -> None:
    with pytest.raises(EmulationInputError) as caught:
        council_decides(CouncilVote(title=Title.LDTT, members=5, present=5, written=0, yes=5))
    assert caught.value.message == MSG_NO_BALLOT_FOR_TITLE.format(title="Lao động tiên tiến")


def test_impossible_council_counts_are_refused() -> None:
    with pytest.raises(EmulationInputError) as caught:
        CouncilVote(title=Title.CSTDCS, members=0, present=0, written=0, yes=0)
    assert caught.value.message == MSG_COUNCIL_EMPTY
    with pytest.raises(EmulationInputError, match="written"):
        CouncilVote(title=Title.CSTDCS, members=5, present=4, written=2, yes=4)
    with pytest.raises(EmulationInputError, match="yes"):
        CouncilVote(title=Title.CSTDCS, members=5, present=3, written=1, yes=5)


# --- Rewards (§5.1, NĐ 152/2025 Điều 49-50) -------------------------------------------------

REWARD_CASES = [
    # rules.md §9 T14: CSTĐCS 1,0 × 2.340.000 = 2.340.000 đ.
    (Title.CSTDCS, 2_340_000),
    # 0,3 × 2.340.000 = 702.000, rounded up to tens of thousands: 710.000.
    (Title.LDTT, 710_000),
    # 0,8 × 2.340.000 = 1.872.000 -> 1.880.000.
    (Title.TTLDTT, 1_880_000),
    # 1,5 × 2.340.000 = 3.510.000 (already round).
    (Title.TTLDXS, 3_510_000),
    # 3,0 × 2.340.000 = 7.020.000; 4,5 × = 10.530.000.
    (Title.CSTD_PROVINCE, 7_020_000),
    (Title.CSTD_NATIONAL, 10_530_000),
    # Cờ thi đua: 12,0 × = 28.080.000; 8,0 × = 18.720.000.
    (Title.FLAG_GOVERNMENT, 28_080_000),
    (Title.FLAG_PROVINCE, 18_720_000),
]


@pytest.mark.parametrize(("title", "amount"), REWARD_CASES)
def test_reward_amounts_from_july_2024(title: Title, amount: int) -> None:
    reward = reward_amount(title, day=datetime.date(2025, 12, 31))
    assert reward.amount == amount
    assert isinstance(reward.amount, int)


def test_golden_reward_explanation() -> None:
    assert reward_amount(Title.LDTT, day=datetime.date(2025, 1, 1)).explanation == (
        "Lao động tiên tiến: 0,3 × 2.340.000 đồng lương cơ sở, làm tròn lên hàng chục nghìn = "
        "710.000 đồng (§5.1, NĐ 152/2025 Điều 49, 50 – mức tiền thưởng)."
    )


def test_the_base_salary_is_a_dated_setting() -> None:
    # An older base salary added for past decisions (the value is the setting's, not the law's).
    dated = dataclasses.replace(
        DEFAULT_SETTINGS,
        base_salaries=(
            BaseSalary(datetime.date(2023, 7, 1), 1_800_000),
            *DEFAULT_SETTINGS.base_salaries,
        ),
    )
    assert base_salary_on(datetime.date(2024, 6, 30), dated) == 1_800_000
    assert base_salary_on(datetime.date(2024, 7, 1), dated) == 2_340_000
    # 0,3 × 1.800.000 = 540.000.
    assert reward_amount(Title.LDTT, day=datetime.date(2024, 1, 1), settings=dated).amount == (
        540_000
    )


def test_a_day_before_any_base_salary_is_refused() -> None:
    with pytest.raises(EmulationInputError) as caught:
        base_salary_on(datetime.date(2024, 6, 30))
    assert caught.value.message == MSG_NO_BASE_SALARY.format(day="30/06/2024")


def test_a_title_without_a_multiplier_has_no_reward() -> None:
    with pytest.raises(EmulationInputError, match="title"):
        reward_amount(Title.DVCDXS, day=datetime.date(2025, 1, 1))


# --- Classification of a CĐCS (§6) ----------------------------------------------------------

CLASSIFICATION_CASES = [
    # (points of groups 1, 2, 3 and bonus, level) with the default cut-offs 90 / 70 / 50.
    ((40, 40, 15, 5), UnionLevel.EXCELLENT),
    ((38, 37, 12, 3), UnionLevel.EXCELLENT),  # 90
    ((38, 37, 12, "2.5"), UnionLevel.GOOD),  # 89,5
    ((30, 30, 10, 0), UnionLevel.GOOD),  # 70
    ((30, 29, 10, "0.5"), UnionLevel.DONE),  # 69,5
    ((20, 20, 10, 0), UnionLevel.DONE),  # 50
    ((20, 19, 10, 0), UnionLevel.NOT_DONE),  # 49
    ((0, 0, 0, 0), UnionLevel.NOT_DONE),
]


@pytest.mark.parametrize(("points", "level"), CLASSIFICATION_CASES)
def test_cdcs_classification_levels(points: tuple[Any, ...], level: UnionLevel) -> None:
    score = UnionScore(2025, *(Decimal(p) for p in points))
    result = classify_union(score)
    assert result.level is level


def test_cdcs_cut_offs_are_settings() -> None:
    strict = dataclasses.replace(DEFAULT_SETTINGS, excellent_from=95)
    score = UnionScore(2025, Decimal(38), Decimal(37), Decimal(12), Decimal(3))
    assert classify_union(score).level is UnionLevel.EXCELLENT
    assert classify_union(score, strict).level is UnionLevel.GOOD


@pytest.mark.parametrize(
    ("field", "value", "maximum"),
    [("group1", 41, 40), ("group2", -1, 40), ("group3", 16, 15), ("bonus", "5.5", 5)],
)
def test_points_out_of_a_groups_range_are_refused(field: str, value: Any, maximum: int) -> None:
    points: dict[str, Any] = {"group1": 0, "group2": 0, "group3": 0, "bonus": 0, field: value}
    with pytest.raises(EmulationInputError) as caught:
        UnionScore(2025, **{k: Decimal(v) for k, v in points.items()})
    assert caught.value.place == field
    assert caught.value.message == MSG_POINTS_RANGE.format(maximum=maximum, value=Decimal(value))


def test_golden_classification_explanation() -> None:
    score = UnionScore(2025, Decimal(38), Decimal(36), Decimal("14.5"), Decimal(3))
    assert classify_union(score).explanation == (
        "Hoàn thành xuất sắc nhiệm vụ: Tổng 91,5/100 điểm (nhóm 1 38/40, nhóm 2 36/40, nhóm 3 "
        "14,5/15, điểm thưởng 3/5); mức hoàn thành xuất sắc nhiệm vụ: từ 90 điểm (§6, HD "
        "1294/HD-TLĐ – xếp loại công đoàn cơ sở)."
    )


def _classified(total: int) -> Classification:
    group3 = min(total, 15)
    rest = total - group3
    return classify_union(
        UnionScore(2025, Decimal(min(rest, 40)), Decimal(max(rest - 40, 0)), Decimal(group3))
    )


def test_the_excellent_cap_keeps_the_best_and_never_splits_equal_points() -> None:
    # Cap 20% of 10 CĐCS = 2; four excellent: 95, 93, 93, 91. The 93s tie at the cut: both stay.
    capped = dataclasses.replace(DEFAULT_SETTINGS, excellent_cap=Fraction(1, 5))
    units = {
        "a": 95,
        "b": 93,
        "c": 93,
        "d": 91,
        "e": 80,
        "f": 75,
        "g": 70,
        "h": 60,
        "i": 50,
        "j": 40,
    }
    result = apply_excellent_cap({k: _classified(v) for k, v in units.items()}, capped)
    levels = {k: c.level for k, c in result.items()}
    assert [k for k, v in levels.items() if v is UnionLevel.EXCELLENT] == ["a", "b", "c"]
    assert levels["d"] is UnionLevel.GOOD
    assert not result["d"].findings[-1].met
    assert result["d"].findings[-1].clause == CL_CLASSIFICATION


def test_no_cap_by_default() -> None:
    units = {str(n): _classified(95) for n in range(5)}
    assert apply_excellent_cap(units) == units


LEGACY_CASES = [
    # (criteria as (points, maximum), disciplined from cảnh cáo, level) — rules.md §6 [S35].
    (((Decimal(45), 50), (Decimal(40), 50)), 0, LegacyLevel.STRONG),  # 85, none under half
    # 86 points but criterion 2 has 20 of 45, under half: drops to khá.
    (((Decimal(55), 55), (Decimal(20), 45), (Decimal(11), 11)), 0, LegacyLevel.FAIR),
    # 90 points, one member disciplined with a warning: khá.
    (((Decimal(45), 50), (Decimal(45), 50)), 1, LegacyLevel.FAIR),
    (((Decimal(40), 50), (Decimal(44), 50)), 0, LegacyLevel.FAIR),  # 84
    (((Decimal(35), 50), (Decimal(35), 50)), 0, LegacyLevel.FAIR),  # 70
    (((Decimal(35), 50), (Decimal("34.5"), 50)), 0, LegacyLevel.AVERAGE),  # 69,5
    (((Decimal(25), 50), (Decimal(25), 50)), 0, LegacyLevel.AVERAGE),  # 50
    (((Decimal(25), 50), (Decimal(24), 50)), 0, LegacyLevel.WEAK),  # 49
]


@pytest.mark.parametrize(("criteria", "warned", "level"), LEGACY_CASES)
def test_pre_2019_scale(
    criteria: tuple[tuple[Decimal, int], ...], warned: int, level: LegacyLevel
) -> None:
    result = classify_union_legacy(LegacyScore(2017, criteria, warned))
    assert result.level is level
    assert {f.clause for f in result.findings} == {CL_LEGACY}


def test_golden_legacy_explanation() -> None:
    score = LegacyScore(2018, ((Decimal(60), 65), (Decimal(30), 35)), disciplined_from_warning=1)
    assert classify_union_legacy(score).explanation == (
        "Khá: Tổng 90 điểm; 1 đoàn viên bị kỷ luật từ cảnh cáo trở lên (§6, thang điểm trước "
        "năm 2019 – xếp loại công đoàn cơ sở)."
    )


def test_every_clause_of_sections_5_and_6_is_cited_by_the_tables() -> None:
    cited: set[str] = set()
    for _case, changes, *_ in INDIVIDUAL_CASES + EXCLUSION_CASES:
        for verdict in evaluate_individual(person(**changes)).verdicts:
            cited.update(f.clause for f in verdict.findings)
    for _case, changes, *_ in COLLECTIVE_CASES:
        for verdict in evaluate_collective(collective(**changes)).verdicts:
            cited.update(f.clause for f in verdict.findings)
    for _case, title, members, present, written, yes, *_ in COUNCIL_CASES:
        vote = CouncilVote(title=title, members=members, present=present, written=written, yes=yes)
        cited.update(f.clause for f in council_decides(vote).findings)
    cited.add(cstdcs_within_cap(fighters=1, advanced=1).clause)
    for points, _level in CLASSIFICATION_CASES:
        score = UnionScore(2025, *(Decimal(p) for p in points))
        cited.update(f.clause for f in classify_union(score).findings)
    for criteria, warned, _level in LEGACY_CASES:
        cited.update(
            f.clause for f in classify_union_legacy(LegacyScore(2017, criteria, warned)).findings
        )
    for title, _amount in REWARD_CASES:
        explanation = reward_amount(title, day=datetime.date(2025, 1, 1)).explanation
        cited.update(c for c in CLAUSES if c in explanation)
    assert cited == set(CLAUSES)
