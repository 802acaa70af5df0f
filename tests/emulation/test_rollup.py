"""The year tallies (emulation.rollup) always equal a direct count of the records.

Whatever writes (the services, a bulk update, raw SQL), the database triggers bump the unit's
stamp in the same transaction, so a tally counted before the write is never served after it.
The property test applies random writes (CĐCS classifications among them) and compares every
subtree's figures with a count done by hand in Python over every row.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.emulation import classification, services
from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.models import (
    CollectiveEvaluation,
    Evaluation,
    Proposal,
    ProposalLine,
    ProposalStatus,
    TitleRecord,
    UnionClassification,
    UnitStamp,
    YearTally,
)
from daihoi.emulation.rollup import unit_tallies
from daihoi.emulation.testing import make_campaign
from daihoi.emulation.yearly import UNION_LEVELS, SubtreeYear, subtree_years
from daihoi.rules.emulation import Title
from daihoi.units.models import Gender, Member, MemberStatus, Unit
from daihoi.units.services import MemberData, create_member, move_unit, transfer_member
from daihoi.units.testing import World, build_world

YEARS = [2021, 2022]
MEMBER_TITLES = [Title.LDTT.value, Title.CSTDCS.value, Title.GVNDVN.value, "bang-khen"]
COLLECTIVE_TITLES = [Title.TTLDTT.value, Title.TTLDXS.value]
LEVELS = ["xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh"]
LEGACY_LEVELS = ["vung-manh", "kha", "trung-binh", "yeu"]
JOINED = [None, datetime.date(2021, 6, 1), datetime.date(2022, 3, 1)]


def direct_count(unit: Unit, year: int) -> SubtreeYear:
    """Count a subtree's year by hand over every row (no aggregate query)."""
    unit = Unit.objects.get(pk=unit.pk)
    units = {u.pk for u in Unit.objects.all() if u.path.startswith(unit.path)}
    below = units - {unit.pk}

    def counted(member: Member, in_year: int) -> bool:
        joined = member.union_joined_on
        return (
            member.unit_id in units
            and member.status == MemberStatus.ACTIVE
            and (joined is None or joined.year <= in_year)
        )

    members = [m for m in Member.objects.all() if counted(m, year)]
    found = SubtreeYear(
        members=len(members),
        women=sum(m.gender == Gender.NU for m in members),
        collectives=len(below),
    )
    for record in TitleRecord.objects.select_related("member").filter(year=year):
        if record.member is not None and counted(record.member, year):
            found.member_titles[record.title] += 1
            if record.member.gender == Gender.NU:
                found.women_titles[record.title] += 1
        elif record.member is None and record.unit_id in below:
            found.collective_titles[record.title] += 1
    for evaluation in Evaluation.objects.select_related("member", "campaign"):
        campaign = evaluation.campaign
        if (
            campaign.year == year
            and campaign.kind == "thuong-xuyen"
            and counted(evaluation.member, year)
        ):
            found.task_levels[evaluation.task_level] += 1
    # A CĐCS's classification of the year (rules.md §6) is its level, in place of its yearly
    # campaigns' collective evaluations; one on the older scale is counted apart.
    classified = {c.unit_id: c.level for c in UnionClassification.objects.filter(year=year)}
    for unit_id, level in classified.items():
        if unit_id == unit.pk:
            found.unit_level = level
        elif unit_id in below and level in UNION_LEVELS:
            found.collective_levels[level] += 1
        elif unit_id in below:
            found.collective_legacy_levels[level] += 1
    for collective in CollectiveEvaluation.objects.select_related("campaign"):
        campaign = collective.campaign
        if (
            campaign.year == year
            and campaign.kind == "thuong-xuyen"
            and collective.unit_id in below
            and classified.get(collective.unit_id) not in UNION_LEVELS
        ):
            found.collective_levels[collective.task_level] += 1
    lines = ProposalLine.objects.select_related("member", "proposal__campaign")
    for line in lines:
        if (
            line.proposal.status != ProposalStatus.DECIDED
            or line.proposal.campaign.year != year
            or line.amount is None
        ):
            continue
        if line.member is not None and counted(line.member, year):
            found.member_amounts[line.title] += line.amount
        elif line.member is None and line.unit_id in below:
            found.collective_amounts[line.title] += line.amount
    found.members_recorded = bool(found.member_titles or found.task_levels)
    found.collectives_recorded = bool(
        found.collective_titles or found.collective_levels or found.collective_legacy_levels
    )
    return found


def _plain(year: SubtreeYear) -> SubtreeYear:
    """Drop the zero counts (a Counter compares them equal anyway; this shows the diff)."""
    for name in (
        "member_titles",
        "women_titles",
        "task_levels",
        "collective_titles",
        "collective_levels",
        "collective_legacy_levels",
        "member_amounts",
        "collective_amounts",
    ):
        setattr(year, name, +getattr(year, name))
    return year


def assert_tallies_right(world: World) -> None:
    for unit in (world.root, world.province, world.upper_grassroots, world.unit, world.section):
        unit.refresh_from_db()
        years = subtree_years(unit=unit, years=YEARS)
        for year in YEARS:
            assert _plain(years[year]) == _plain(direct_count(unit, year)), (unit.name, year)


class Scene:
    """The personas' tree, six more members, campaigns and a proposal, for random writes."""

    def __init__(self) -> None:
        self.w = build_world()
        w = self.w
        self.units = [w.unit, w.section, w.sibling, w.upper_grassroots]
        for n, (unit, gender, joined) in enumerate(
            [
                (w.unit, Gender.NU, None),
                (w.section, Gender.NU, JOINED[1]),
                (w.section, Gender.NAM, JOINED[2]),
                (w.sibling, Gender.NU, None),
                (w.upper_grassroots, Gender.NAM, None),
                (w.unit, Gender.NAM, JOINED[1]),
            ]
        ):
            create_member(
                unit=unit,
                data=MemberData(full_name=f"Người thứ {n}", gender=gender, union_joined_on=joined),
            )
        self.campaigns = [make_campaign(w.upper_grassroots, year=y) for y in YEARS]
        self.toggled = make_campaign(w.section, year=2021)  # its kind changes back and forth
        self.proposals = [
            Proposal.objects.create(campaign=c, unit=w.upper_grassroots) for c in self.campaigns
        ]

    def members(self) -> list[Member]:
        return list(Member.objects.order_by("pk"))


OPERATIONS = st.lists(
    st.tuples(st.integers(0, 16), st.integers(0, 1000), st.integers(0, 1000)),
    min_size=1,
    max_size=12,
)


def apply(scene: Scene, op: int, a: int, b: int) -> None:
    """Make one write of kind ``op`` with the choices ``a`` and ``b``."""
    members = scene.members()
    member = members[a % len(members)]
    unit = scene.units[b % len(scene.units)]
    year = YEARS[b % 2]
    if op == 0:  # a member's title decided (the ORM)
        title = MEMBER_TITLES[b % len(MEMBER_TITLES)]
        TitleRecord.objects.get_or_create(member=member, year=year, title=title)
    elif op == 1:  # a record deleted
        record = TitleRecord.objects.order_by("pk")[a % max(TitleRecord.objects.count(), 1) :]
        if record:
            record[0].delete()
    elif op == 2:  # a collective's title
        title = COLLECTIVE_TITLES[a % 2]
        TitleRecord.objects.get_or_create(unit=unit, year=year, title=title)
    elif op == 3 and member.status == MemberStatus.ACTIVE and member.unit_id != unit.pk:
        transfer_member(member=member, to_unit=unit, on=datetime.date(2025, 1, 1))
    elif op == 4:  # status changed by a bulk update, around every service
        status = [MemberStatus.ACTIVE, MemberStatus.LEFT][b % 2]
        Member.objects.filter(pk=member.pk).update(status=status)
    elif op == 5:  # gender and date of joining by raw SQL
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE units_member SET gender = %s, union_joined_on = %s WHERE id = %s",
                [[Gender.NAM, Gender.NU][b % 2], JOINED[a % 3], member.pk],
            )
    elif op == 6:  # an evaluation saved (created or changed)
        Evaluation.objects.update_or_create(
            campaign=scene.campaigns[b % 2],
            member=member,
            defaults={"unit": member.unit, "task_level": LEVELS[a % 4]},
        )
    elif op == 7:
        Evaluation.objects.filter(member=member).delete()
    elif op == 8:
        CollectiveEvaluation.objects.update_or_create(
            campaign=[*scene.campaigns, scene.toggled][b % 3],
            unit=unit,
            defaults={"task_level": LEVELS[a % 4]},
        )
    elif op == 9:  # a campaign's kind changes
        scene.toggled.kind = "chuyen-de" if scene.toggled.kind == "thuong-xuyen" else "thuong-xuyen"
        scene.toggled.save(update_fields=["kind"])
        if a % 2:
            Evaluation.objects.get_or_create(
                campaign=scene.toggled,
                member=member,
                defaults={"unit": member.unit, "task_level": LEVELS[b % 4]},
            )
    elif op == 10:  # a proposal line with its amount
        proposal = scene.proposals[b % 2]
        if a % 3:
            ProposalLine.objects.get_or_create(
                proposal=proposal,
                member=member,
                title="bang-khen",
                defaults={"unit": member.unit, "amount": 1_000_000 + a * 10_000},
            )
        else:
            ProposalLine.objects.get_or_create(
                proposal=proposal,
                unit=unit,
                collective=True,
                title="bang-khen",
                defaults={"amount": 2_000_000 + b * 10_000},
            )
    elif op == 11:  # a proposal decided or taken back, all its amounts at once
        proposal = scene.proposals[b % 2]
        status = ProposalStatus.DECIDED if a % 2 else ProposalStatus.SUBMITTED
        Proposal.objects.filter(pk=proposal.pk).update(status=status)
    elif op == 12:  # a new member, or one without any row deleted
        if a % 2:
            create_member(
                unit=unit,
                data=MemberData(full_name=f"Đoàn viên mới {a}", gender=Gender.NU),
            )
        else:
            lonely = Member.objects.exclude(pk__in=_members_with_rows()).order_by("pk")
            if lonely:
                lonely[0].delete()
    elif op == 13:  # the section moves between the CĐCS and the upper level
        section = Unit.objects.get(pk=scene.w.section.pk)
        parent = scene.w.upper_grassroots if section.parent_id == scene.w.unit.pk else scene.w.unit
        move_unit(unit=section, new_parent=parent)
    elif op == 14:  # a classification recorded or corrected, its level computed by the rules
        classification.record_classification(
            unit=unit,
            within=unit,
            data=ClassificationData(
                year=year,
                scale="hd-1294",
                group1=str(a % 41),
                group2=str(b % 41),
                group3=str((a + b) % 16),
                bonus=str(a % 6),
            ),
            by=None,
        )
    elif op == 15:  # a classification deleted, changed in bulk or moved to the other year
        records = list(UnionClassification.objects.order_by("pk"))
        if not records:
            return
        record = records[a % len(records)]
        if b % 3 == 0:
            record.delete()
        elif b % 3 == 1:  # as an older record imported on the vững mạnh scale
            UnionClassification.objects.filter(pk=record.pk).update(
                scale="truoc-2019", level=LEGACY_LEVELS[a % 4]
            )
        else:
            other = YEARS[1 - YEARS.index(record.year)]
            if not UnionClassification.objects.filter(unit=record.unit_id, year=other).exists():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "UPDATE emulation_unionclassification SET year = %s WHERE id = %s",
                        [other, record.pk],
                    )

    elif op == 16:  # a whole evaluation table saved at once (one upsert of every row)
        campaign = scene.campaigns[b % 2]
        rows = [
            services.TableRow(
                row=n,
                member=m,
                data=services.EvaluationData(task_level=LEVELS[(a + n) % 4]),
            )
            for n, m in enumerate(members, start=2)
            if m.status == MemberStatus.ACTIVE and scene.w.upper_grassroots.contains(m.unit)
        ][: 1 + a % 4]
        services.evaluate_members(
            campaign=campaign, unit=scene.w.upper_grassroots, rows=rows, by=None
        )


def _members_with_rows() -> set[int]:
    ids: set[int] = set()
    ids.update(TitleRecord.objects.filter(member__isnull=False).values_list("member", flat=True))
    ids.update(Evaluation.objects.values_list("member", flat=True))
    ids.update(ProposalLine.objects.filter(member__isnull=False).values_list("member", flat=True))
    return ids


@pytest.fixture
def scene(db: object) -> Scene:
    """One scene per test: hypothesis's examples share its transaction and keep writing."""
    return Scene()


# Each example writes through the database (both engines in CI): 15 keep the suite inside its
# time; DAIHOI_ROLLUP_EXAMPLES=400 runs a longer search by hand.
@settings(
    max_examples=int(os.environ.get("DAIHOI_ROLLUP_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_the_tallies_equal_a_direct_count_after_any_writes(
    scene: Scene, operations: list[tuple[int, int, int]]
) -> None:
    assert_tallies_right(scene.w)  # counted once, kept: the writes below must invalidate them
    for op, a, b in operations:
        apply(scene, op, a, b)
        assert_tallies_right(scene.w)


@pytest.mark.django_db
def test_a_tally_is_counted_once_and_read_back_while_nothing_changes(
    django_assert_num_queries: object,
) -> None:
    scene = Scene()
    member = scene.members()[0]
    TitleRecord.objects.create(member=member, year=2021, title=Title.LDTT.value)
    subtree_years(unit=scene.w.root, years=YEARS)
    stored = YearTally.objects.count()
    assert stored == Unit.objects.count() * len(YEARS)
    with django_assert_num_queries(2):  # type: ignore[operator]
        subtree_years(unit=scene.w.root, years=YEARS)


@pytest.mark.django_db
def test_a_write_bumps_only_the_units_it_counts_in() -> None:
    scene = Scene()
    member = Member.objects.filter(unit=scene.w.section).first()
    assert member is not None
    before = dict(UnitStamp.objects.values_list("unit_id", "version"))
    TitleRecord.objects.create(member=member, year=2022, title=Title.LDTT.value)
    after = dict(UnitStamp.objects.values_list("unit_id", "version"))
    changed = {u for u in after if after[u] != before.get(u, 0)}
    assert changed == {scene.w.section.pk}


@pytest.mark.django_db
def test_a_tally_counted_before_a_write_is_not_served_after_it() -> None:
    """The race: a reader counts, a write commits, the reader stores what it counted."""
    scene = Scene()
    member = Member.objects.filter(unit=scene.w.unit).first()
    assert member is not None
    subtree_years(unit=scene.w.unit, years=[2021])
    stale = YearTally.objects.get(unit=scene.w.unit, year=2021)
    TitleRecord.objects.create(member=member, year=2021, title=Title.LDTT.value)
    # The slow reader stores its count (taken before the record) with the stamp it read then.
    YearTally.objects.filter(pk=stale.pk).update(version=stale.version, figures=stale.figures)
    year = subtree_years(unit=scene.w.unit, years=[2021])[2021]
    assert year.member_titles[Title.LDTT.value] == 1


@pytest.mark.django_db
def test_rewards_amounts_are_summed_up_the_tree_for_decided_proposals_only() -> None:
    scene = Scene()
    member = Member.objects.filter(unit=scene.w.section).first()
    assert member is not None
    proposal = scene.proposals[0]
    ProposalLine.objects.create(
        proposal=proposal, member=member, unit=member.unit, title="bang-khen", amount=2_340_000
    )
    ProposalLine.objects.create(
        proposal=proposal,
        unit=scene.w.section,
        collective=True,
        title="bang-khen",
        amount=4_680_000,
    )
    assert not subtree_years(unit=scene.w.province, years=[2021])[2021].member_amounts
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.DECIDED)
    year = subtree_years(unit=scene.w.province, years=[2021])[2021]
    assert year.member_amounts == Counter({"bang-khen": 2_340_000})
    assert year.collective_amounts == Counter({"bang-khen": 4_680_000})


def test_the_tallies_of_an_empty_list_of_years_are_empty(db: object) -> None:
    w = build_world()
    tallies = unit_tallies(unit=w.unit, years=[])
    assert tallies.figures == {}
    assert set(tallies.units) == {w.unit.pk, w.section.pk}
