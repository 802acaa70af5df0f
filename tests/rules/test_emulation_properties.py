"""Properties the emulation rules guarantee, checked on generated years (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.emulation import (
    CLAUSES,
    CouncilVote,
    Discipline,
    IndividualYear,
    InitiativeLevel,
    TaskLevel,
    Title,
    UnionScore,
    classify_union,
    council_decides,
    evaluate_collective,
    evaluate_individual,
    reward_amount,
)
from daihoi.rules.emulation import CollectiveYear as Collective

EVALUATED = datetime.date(2025, 12, 15)
LEVELS = list(TaskLevel)  # best first
PRIOR = st.sampled_from([Title.CSTDCS, Title.CSTD_PROVINCE, Title.LDTT])


@st.composite
def people(draw: st.DrawFn) -> IndividualYear:
    absent = draw(st.integers(0, 120))
    return IndividualYear(
        year=2025,
        evaluated_on=EVALUATED,
        female=draw(st.booleans()),
        task_level=draw(st.sampled_from(LEVELS)),
        active_in_emulation=draw(st.booleans()),
        registered=draw(st.booleans()),
        days_absent=absent,
        maternity_days=draw(st.integers(0, absent)),
        joined_on=draw(st.none() | st.dates(datetime.date(2023, 1, 1), EVALUATED)),
        discipline=draw(st.sampled_from(list(Discipline))),
        administrative_sanction=draw(st.booleans()),
        initiative=draw(st.sampled_from(list(InitiativeLevel))),
        research_accepted=draw(st.booleans()),
        union_member=draw(st.booleans()),
        active_in_union=draw(st.booleans()),
        family_duties_met=draw(st.booleans()),
        awards=draw(st.frozensets(st.tuples(st.integers(2019, 2024), PRIOR), max_size=8)),
    )


@st.composite
def collectives(draw: st.DrawFn) -> Collective:
    members = draw(st.integers(0, 40))
    return Collective(
        year=2025,
        task_level=draw(st.sampled_from(LEVELS)),
        members=members,
        completed=draw(st.integers(0, members)),
        advanced=draw(st.integers(0, members)),
        fighters=draw(st.integers(0, members)),
        disciplined_from_warning=draw(st.integers(0, members)),
        active_in_emulation=draw(st.booleans()),
        united_and_lawful=draw(st.booleans()),
        registered=draw(st.booleans()),
    )


@given(people())
def test_every_cstdcs_is_a_ldtt(p: IndividualYear) -> None:
    result = evaluate_individual(p)
    if result.verdict(Title.CSTDCS).eligible:
        assert result.verdict(Title.LDTT).eligible


@given(people())
def test_higher_fighters_are_grassroots_fighters_this_year(p: IndividualYear) -> None:
    result = evaluate_individual(p)
    if result.verdict(Title.CSTD_NATIONAL).eligible:
        assert result.verdict(Title.CSTD_PROVINCE).eligible
    if result.verdict(Title.CSTD_PROVINCE).eligible:
        assert result.verdict(Title.CSTDCS).eligible


@given(people())
def test_only_women_are_good_at_work_and_at_home(p: IndividualYear) -> None:
    if evaluate_individual(p).verdict(Title.GVNDVN).eligible:
        assert p.female


@given(people())
def test_an_exclusion_bars_every_grassroots_title(p: IndividualYear) -> None:
    barred = (
        p.days_absent - p.maternity_days >= 40
        or not p.registered
        or p.discipline is not Discipline.NONE
        or p.administrative_sanction
    )
    if barred:
        result = evaluate_individual(p)
        for title in (Title.LDTT, Title.CSTDCS, Title.DVCDXS, Title.GVNDVN):
            assert not result.verdict(title).eligible


@given(people(), st.data())
def test_doing_better_never_loses_a_title(p: IndividualYear, data: st.DataObject) -> None:
    better = LEVELS[: LEVELS.index(p.task_level) + 1]
    improved = dataclasses.replace(p, task_level=data.draw(st.sampled_from(better)))
    before = set(evaluate_individual(p).eligible)
    assert before <= set(evaluate_individual(improved).eligible)


@given(people(), st.integers(0, 60))
def test_more_absence_never_gains_a_title(p: IndividualYear, extra: int) -> None:
    absent = dataclasses.replace(p, days_absent=p.days_absent + extra)
    assert set(evaluate_individual(absent).eligible) <= set(evaluate_individual(p).eligible)


@given(people())
def test_every_verdict_explains_itself_with_clauses(p: IndividualYear) -> None:
    for verdict in evaluate_individual(p).verdicts:
        assert verdict.reasons, verdict
        assert all(f.clause in CLAUSES for f in verdict.findings)
        assert verdict.eligible == all(f.met for f in verdict.findings)
        if not verdict.eligible:
            assert all(not f.met for f in verdict.reasons)
        assert verdict.explanation.startswith(verdict.title.label + ": ")


@given(collectives())
def test_collective_verdicts_follow_their_shares(c: Collective) -> None:
    result = evaluate_collective(c)
    if result.verdict(Title.TTLDXS).eligible:
        # Điều 27: at least 70% LĐTT, all completed, a fighter.
        assert 10 * c.advanced >= 7 * c.members > 0
        assert c.completed == c.members
        assert c.fighters >= 1
    if result.verdict(Title.TTLDTT).eligible:
        # Old Điều 28: more than half LĐTT, nobody warned.
        assert 2 * c.advanced > c.members
        assert c.disciplined_from_warning == 0
    for verdict in result.verdicts:
        assert all(f.clause in CLAUSES for f in verdict.findings)


@given(
    st.sampled_from([Title.CSTDCS, Title.CSTD_PROVINCE, Title.CSTD_NATIONAL]),
    st.integers(1, 60),
    st.data(),
)
def test_the_council_vote_is_at_least_the_share_of_all_members(
    title: Title, members: int, data: st.DataObject
) -> None:
    present = data.draw(st.integers(0, members))
    written = data.draw(st.integers(0, members - present))
    yes = data.draw(st.integers(0, present + written))
    verdict = council_decides(
        CouncilVote(title=title, members=members, present=present, written=written, yes=yes)
    )
    numerator, denominator = (4, 5) if title is Title.CSTDCS else (9, 10)
    assert verdict.passed == (
        3 * present >= 2 * members and denominator * yes >= numerator * members
    )
    # The least number of votes that passes, and one fewer does not.
    assert denominator * verdict.votes_needed >= numerator * members
    assert denominator * (verdict.votes_needed - 1) < numerator * members


@given(
    st.sampled_from([t for t in Title if t not in (Title.DVCDXS, Title.GVNDVN)]),
    st.dates(datetime.date(2024, 7, 1), datetime.date(2030, 12, 31)),
)
def test_rewards_are_whole_tens_of_thousands_rounded_up(title: Title, day: datetime.date) -> None:
    reward = reward_amount(title, day=day)
    exact_times_ten = reward.tenths * reward.base_salary
    assert reward.amount % 10_000 == 0
    assert 10 * reward.amount >= exact_times_ten
    assert 10 * (reward.amount - 10_000) < exact_times_ten


@given(
    st.decimals(0, 40, places=1),
    st.decimals(0, 40, places=1),
    st.decimals(0, 15, places=1),
    st.decimals(0, 5, places=1),
    st.decimals(0, 5, places=1),
)
def test_more_points_never_lower_the_level(
    g1: Decimal, g2: Decimal, g3: Decimal, bonus: Decimal, extra: Decimal
) -> None:
    levels = ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]
    low = classify_union(UnionScore(2025, g1, g2, g3, min(bonus, 5 - extra)))
    high = classify_union(UnionScore(2025, g1, g2, g3, min(bonus, 5 - extra) + extra))
    assert levels.index(high.level.value) <= levels.index(low.level.value)
    assert high.total - low.total == extra
