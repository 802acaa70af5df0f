"""The upper congress's delegates built from the lower congresses of the season (rules.md §2.10)."""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from tests.season.record import (
    D,
    approved_plan,
    congress_with_results,
    party_entry,
    season_entry,
    vote_by_phone,
)
from tests.season.test_decision import RecognizedFileCase

from daihoi.congresses import report
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import CongressForm, Delegate, DelegateKind, Presence
from daihoi.congresses.testing import make_congress
from daihoi.elections import services as election_services
from daihoi.elections.testing import build_hall
from daihoi.season import errors, services, upper
from daihoi.season.errors import SeasonError
from daihoi.season.models import Officer, OfficerRole, Replacement, SeasonUnit
from daihoi.season.services import SeasonData
from daihoi.season.typed import TypedResult, send_typed_result
from daihoi.season.upper import LineState
from daihoi.units.models import Gender, Member, MemberStatus, UnitKind
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

TODAY = D(2023, 3, 20)


def names(congress: object) -> dict[str, Delegate]:
    return {d.full_name: d for d in Delegate.objects.filter(congress=congress)}


class UpperListTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2)
        approved_plan(cls.w, cls.entry)
        cls.lower = congress_with_results(cls.w)
        cls.upper_congress = make_congress(cls.w.province, on=D(2023, 4, 10))
        cls.season = cls.entry.season
        for n, name in enumerate(["Vũ Văn Hải", "Lê Thị Hoa"]):
            Officer.objects.create(
                unit=cls.w.province, role=OfficerRole.COMMITTEE, full_name=name,
                term_start=2018, term_end=2023, started_on=D(2018, 6, 1), order=n,
            )  # fmt: skip
        upper.set_upper_congress(season=cls.season, congress_id=cls.upper_congress.pk)

    def replace(self, official: str, **kw: object) -> Replacement:
        args = {"decision": "Quyết định số 12/QĐ-BTV", "decided_on": D(2023, 3, 15)} | kw
        return upper.replace_official(
            entry=self.entry, official=official, by=self.w.upper, today=TODAY, **args
        )  # type: ignore[arg-type]

    def test_preview_takes_the_officials_and_alternates_the_lower_congress_elected(self) -> None:
        line = upper.preview(self.season).lines[0]
        self.assertEqual(line.state, LineState.FULL)
        self.assertEqual([p.name for p in line.officials], ["Nguyễn Thị An", "Lò Văn Cường"])
        self.assertEqual([(p.name, p.votes) for p in line.alternates], [("Trần Văn Bình", 6)])
        self.assertEqual(line.congress.pk, self.lower.pk)

    def test_building_lists_the_elected_with_their_unit_and_the_outgoing_committee(self) -> None:
        result = upper.build_upper_list(season=self.season)
        self.assertEqual(len(result.added), 4)
        found = names(self.upper_congress)
        self.assertEqual(found["Nguyễn Thị An"].kind, DelegateKind.ELECTED)
        self.assertEqual(found["Nguyễn Thị An"].origin_unit_id, self.w.unit.pk)
        # The profile comes from the delegate record at the lower congress.
        self.assertEqual(found["Lò Văn Cường"].ethnicity, "Thái")
        self.assertEqual(found["Vũ Văn Hải"].kind, DelegateKind.EX_OFFICIO)
        self.assertEqual(found["Vũ Văn Hải"].origin_unit_id, self.w.province.pk)
        self.assertNotIn("Trần Văn Bình", found)  # an alternate does not attend unless called

    def test_building_again_updates_and_never_duplicates(self) -> None:
        upper.build_upper_list(season=self.season)
        numbers = {n: d.number for n, d in names(self.upper_congress).items()}
        again = upper.build_upper_list(season=self.season)
        self.assertEqual((again.added, again.updated, again.removed), ([], [], []))
        self.assertEqual({n: d.number for n, d in names(self.upper_congress).items()}, numbers)

    def test_a_member_added_by_hand_is_taken_over_not_added_twice(self) -> None:
        first = upper.build_upper_list(season=self.season)
        by_hand = first.added[0]
        Delegate.objects.filter(pk=by_hand.pk).update(source_key="")
        upper.build_upper_list(season=self.season)
        self.assertEqual(Delegate.objects.filter(congress=self.upper_congress).count(), 4)

    def test_the_next_alternate_replaces_an_official_who_cannot_attend(self) -> None:
        upper.build_upper_list(season=self.season)
        replacement = self.replace("lò văn cường")
        self.assertEqual(replacement.alternate_name, "Trần Văn Bình")
        result = upper.build_upper_list(season=self.season)
        self.assertEqual(result.removed, ["Lò Văn Cường"])
        found = names(self.upper_congress)
        self.assertNotIn("Lò Văn Cường", found)
        self.assertEqual(found["Trần Văn Bình"].kind, DelegateKind.ELECTED)
        self.assertIn("thay đồng chí Lò Văn Cường", found["Trần Văn Bình"].origin_note)
        self.assertIn("12/QĐ-BTV", found["Trần Văn Bình"].origin_note)

    def test_a_replacement_needs_a_decision_an_official_and_an_alternate_left(self) -> None:
        with self.assertRaises(SeasonError) as caught:
            self.replace("Lò Văn Cường", decision=" ")
        self.assertIn(errors.REPLACE_DECISION_REQUIRED, caught.exception.messages)
        with self.assertRaises(SeasonError) as caught:
            self.replace("Trần Văn Bình")
        self.assertIn(
            errors.REPLACE_UNKNOWN_OFFICIAL.format(unit=self.w.unit.name, name="Trần Văn Bình"),
            caught.exception.messages,
        )
        self.replace("Lò Văn Cường")
        with self.assertRaises(SeasonError) as caught:
            self.replace("Nguyễn Thị An")
        self.assertIn(
            errors.REPLACE_NO_ALTERNATE.format(
                unit=self.w.unit.name, name="Nguyễn Thị An", alternates=1, used=1
            ),
            caught.exception.messages,
        )
        self.assertEqual(Replacement.objects.count(), 1)

    def test_a_decision_with_a_hidden_character_is_refused(self) -> None:
        with self.assertRaises(SeasonError) as caught:
            self.replace("Lò Văn Cường", decision="Quyết định số 12\u202e/QĐ-BTV")
        self.assertTrue(any(m.startswith("Quyết định") for m in caught.exception.messages))
        self.assertFalse(Replacement.objects.exists())

    def test_more_officials_than_allocated_is_refused_with_the_numbers_and_nothing_written(
        self,
    ) -> None:
        SeasonUnit.objects.filter(pk=self.entry.pk).update(seats=1)
        with self.assertRaises(SeasonError) as caught:
            upper.build_upper_list(season=self.season)
        self.assertIn(
            errors.UPPER_OVER_ALLOCATION.format(unit=self.w.unit.name, elected=2, seats=1),
            caught.exception.messages,
        )
        self.assertFalse(Delegate.objects.filter(congress=self.upper_congress).exists())

    def test_fewer_officials_than_allocated_is_a_shortfall_shown_not_a_refusal(self) -> None:
        SeasonUnit.objects.filter(pk=self.entry.pk).update(seats=3)
        preview = upper.preview(self.season)
        self.assertEqual(preview.lines[0].state, LineState.SHORT)
        self.assertEqual(preview.shortfall, 1)
        upper.build_upper_list(season=self.season)
        self.assertEqual(Delegate.objects.filter(congress=self.upper_congress).count(), 4)

    def test_a_delegate_checked_in_is_not_dropped_and_the_list_stays_as_it_was(self) -> None:
        upper.build_upper_list(season=self.season)
        cuong = names(self.upper_congress)["Lò Văn Cường"]
        congress_services.check_in(congress=self.upper_congress, delegate=cuong)
        self.replace("Lò Văn Cường")
        with self.assertRaises(SeasonError):
            upper.build_upper_list(season=self.season)
        self.assertNotIn("Trần Văn Bình", names(self.upper_congress))
        self.assertEqual(names(self.upper_congress)["Lò Văn Cường"].presence, Presence.PRESENT)

    def test_a_delegate_on_a_ballot_list_is_not_dropped_and_the_refusal_says_so(self) -> None:
        from daihoi.congresses import errors as congress_errors
        from daihoi.elections import services as election_services

        upper.build_upper_list(season=self.season)
        election = election_services.create_election(
            congress=self.upper_congress, kind="bch", title="Bầu Ban Chấp hành", seats=1
        )
        cuong = names(self.upper_congress)["Lò Văn Cường"]
        election_services.add_candidate(election=election, delegate=cuong)
        self.replace("Lò Văn Cường")
        with self.assertRaises(SeasonError) as caught:
            upper.build_upper_list(season=self.season)
        message = congress_errors.SOURCED_IN_ELECTION.format(name="Lò Văn Cường")
        self.assertIn(errors.UPPER_LIST_REFUSED.format(message=message), caught.exception.messages)
        self.assertIn("Lò Văn Cường", names(self.upper_congress))
        self.assertNotIn("Trần Văn Bình", names(self.upper_congress))

    def test_the_upper_congress_checks_in_the_delegates_built_from_below(self) -> None:
        upper.build_upper_list(season=self.season)
        an = names(self.upper_congress)["Nguyễn Thị An"]
        checked = congress_services.check_in(congress=self.upper_congress, delegate=an)
        self.assertIsNotNone(checked.event)
        self.assertEqual(congress_services.attendance(self.upper_congress).present, 1)

    def test_the_upper_congress_must_be_a_delegate_congress_of_the_upper_unit(self) -> None:
        whole = make_congress(self.w.province, form=CongressForm.TOAN_THE, number="lần thứ II")
        with self.assertRaises(SeasonError) as caught:
            upper.set_upper_congress(season=self.season, congress_id=whole.pk)
        self.assertIn(
            errors.UPPER_NOT_DELEGATE_FORM.format(congress=whole.title), caught.exception.messages
        )
        with self.assertRaises(SeasonError) as caught:
            upper.set_upper_congress(season=self.season, congress_id=self.lower.pk)
        self.assertIn(
            errors.UPPER_CONGRESS_NOT_OF_UNIT.format(
                congress_id=self.lower.pk, unit=self.w.province.name
            ),
            caught.exception.messages,
        )
        self.season.refresh_from_db()
        self.assertEqual(self.season.upper_congress_id, self.upper_congress.pk)

    def test_without_an_upper_congress_nothing_is_built(self) -> None:
        self.season.upper_congress = None
        self.season.save(update_fields=["upper_congress"])
        with self.assertRaises(SeasonError) as caught:
            upper.build_upper_list(season=self.season)
        self.assertIn(
            errors.UPPER_CONGRESS_REQUIRED.format(unit=self.w.province.name),
            caught.exception.messages,
        )


class LowerWithoutDelegatesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2)
        approved_plan(cls.w, cls.entry)
        congress_with_results(cls.w, delegates=False)

    def test_a_congress_without_a_delegates_election_sends_nobody_and_says_so(self) -> None:
        line = upper.preview(self.entry.season).lines[0]
        self.assertEqual(line.state, LineState.NO_ELECTION)
        self.assertEqual(line.state.label, "Chưa có kết quả bầu đại biểu dự đại hội cấp trên")
        self.assertEqual(line.attending, [])


class ExOfficioProfileTests(TestCase):
    """The outgoing committee attends ex officio with the profile its records hold: the
    credentials report counts their gender, age, ethnicity, Party membership like anyone's."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.season = season_entry(cls.w, seats=2).season
        cls.upper_congress = make_congress(cls.w.province, on=D(2023, 4, 10))
        upper.set_upper_congress(season=cls.season, congress_id=cls.upper_congress.pk)
        old = D(1968, 8, 2)
        for unit, name, gender, born, status in (
            (cls.w.province, "Vũ Văn Hải", Gender.NAM, old, MemberStatus.ACTIVE),
            (cls.w.unit, "Lê Thị Hoa", Gender.NU, D(1992, 1, 5), MemberStatus.ACTIVE),
            (cls.w.sibling, "Lê Thị Hoa", Gender.NU, D(1960, 1, 5), MemberStatus.MOVED),
            (cls.w.unit, "Đỗ Văn Nam", Gender.NAM, D(1980, 1, 1), MemberStatus.ACTIVE),
            (cls.w.sibling, "Đỗ Văn Nam", Gender.NAM, D(1985, 1, 1), MemberStatus.ACTIVE),
        ):
            member = create_member(
                unit=unit,
                data=MemberData(
                    full_name=name, gender=gender, birth_date=born, ethnicity="Mường",
                    is_party_member=True,
                ),
            )  # fmt: skip
            Member.objects.filter(pk=member.pk).update(status=status)
        for n, name in enumerate(["Vũ Văn Hải", "Lê Thị Hoa", "Đỗ Văn Nam", "Hà Văn Xa"]):
            Officer.objects.create(
                unit=cls.w.province, role=OfficerRole.COMMITTEE, full_name=name,
                term_start=2018, term_end=2023, started_on=D(2018, 6, 1), order=n,
            )  # fmt: skip

    def test_the_outgoing_committee_carries_the_member_records_profile(self) -> None:
        upper.build_upper_list(season=self.season)
        found = names(self.upper_congress)
        hai = found["Vũ Văn Hải"]
        self.assertEqual((hai.gender, hai.birth_date), (Gender.NAM, D(1968, 8, 2)))
        self.assertEqual((hai.ethnicity, hai.is_party_member), ("Mường", True))
        # Two namesakes, one moved away: the active member is the outgoing committee member.
        self.assertEqual(found["Lê Thị Hoa"].birth_date, D(1992, 1, 5))
        # Two active namesakes: nobody's profile is guessed; a name not in the tree has none.
        self.assertEqual((found["Đỗ Văn Nam"].gender, found["Đỗ Văn Nam"].birth_date), ("", None))
        self.assertEqual(found["Hà Văn Xa"].gender, "")

    def test_the_credentials_report_counts_the_ex_officio_profile(self) -> None:
        upper.build_upper_list(season=self.season)
        for delegate in Delegate.objects.filter(congress=self.upper_congress):
            congress_services.check_in(congress=self.upper_congress, delegate=delegate)
        figures = report.credentials_figures(
            report.people_of(self.upper_congress), on=D(2023, 4, 10)
        )
        rows = {row.label: row.count for row in figures.makeup}
        self.assertEqual(figures.present, 4)
        self.assertEqual(rows[report.ROW_WOMEN], 1)
        self.assertEqual(rows[report.ROW_PARTY], 2)  # Đỗ Văn Nam and Hà Văn Xa: unknown
        self.assertEqual(figures.oldest, report.Age("Vũ Văn Hải", 54))
        self.assertEqual(figures.youngest, report.Age("Lê Thị Hoa", 31))

    def test_a_list_built_by_name_only_gets_the_profile_when_built_again(self) -> None:
        upper.build_upper_list(season=self.season)
        Delegate.objects.filter(congress=self.upper_congress).update(gender="", birth_date=None)
        again = upper.build_upper_list(season=self.season)
        self.assertEqual(sorted(d.full_name for d in again.updated), ["Lê Thị Hoa", "Vũ Văn Hải"])
        self.assertEqual(names(self.upper_congress)["Vũ Văn Hải"].birth_date, D(1968, 8, 2))
        self.assertEqual(upper.build_upper_list(season=self.season).updated, [])


class ExOfficioFromTheCongressRecordTests(RecognizedFileCase):
    """A committee recognized from a congress run in daihoi: the ex officio delegates of the
    unit's own season take the profile of their delegate records at that congress."""

    def test_the_committee_elected_in_daihoi_brings_its_delegate_records(self) -> None:
        self.recognize()
        season = services.open_season(
            unit=self.w.unit,
            data=SeasonData(
                name="Đại hội công đoàn bộ phận", term_start=2023, term_end=2028,
                deadlines={UnitKind.CD_BO_PHAN: D(2023, 12, 31)},
            ),
            by=self.w.officer,
        )  # fmt: skip
        next_congress = make_congress(self.w.unit, number="khóa VI", term=(2028, 2033))
        upper.set_upper_congress(season=season, congress_id=next_congress.pk)
        upper.build_upper_list(season=season)
        found = names(next_congress)
        self.assertEqual(set(found), {"Nguyễn Thị An", "Trần Văn Bình", "Lò Văn Cường"})
        cuong = found["Lò Văn Cường"]
        self.assertEqual(cuong.kind, DelegateKind.EX_OFFICIO)
        self.assertEqual((cuong.gender, cuong.birth_date), (Gender.NAM, D(1988, 3, 1)))
        self.assertEqual((cuong.ethnicity, cuong.is_party_member), ("Thái", True))


class UpperPreviewQueriesTests(TestCase):
    """bench_upper_counted: 150 lower congresses cost ~750 queries when each was read alone."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.season = season_entry(cls.w, seats=2).season
        congress_with_results(cls.w)

    def queries(self) -> int:
        with CaptureQueriesContext(connection) as captured:
            preview = upper.preview(self.season)
        self.assertEqual(preview.elected, 2)
        return len(captured.captured_queries)

    def test_the_preview_reads_the_lower_congresses_in_the_same_queries_however_many(self) -> None:
        self.queries()  # the season's unit is then loaded
        one = self.queries()
        make_congress(self.w.sibling, on=D(2023, 3, 1))  # a second lower congress, no election yet
        self.assertEqual(self.queries(), one)
        lines = {line.entry.unit_id: line.state for line in upper.preview(self.season).lines}
        self.assertEqual(lines[self.w.sibling.pk], LineState.NO_ELECTION)


class PartyChainTests(TestCase):
    """Seed 003: a chi bộ's congress feeds the Đảng bộ Sở's congress. The same season works for
    the Party profile: the Đảng bộ plans its chi bộ (§2.12 sets no size: the upper level decides),
    approves the personnel plan, receives the result file and builds its congress's list from the
    delegates the chi bộ elected. (Its words: test_party_words.)"""

    def test_a_chi_bo_elects_its_delegates_to_the_dang_bo_congress(self) -> None:
        entry = party_entry(term_start=2015, planned=D(2015, 3, 18), seats=2, committee=1)
        party, cell, season = entry.season.unit, entry.unit, entry.season
        plan = services.send_personnel_plan(
            entry=entry, committee_size=1, note="", by=None, today=D(2015, 2, 1)
        )
        services.answer_step(
            step=plan, approve=True, reason="", answered_on=D(2015, 2, 5), by=None,
            today=D(2015, 2, 5),
        )  # fmt: skip
        sent = send_typed_result(
            entry=entry,
            data=TypedResult(
                held_on=D(2015, 3, 18), committee="Nguyễn Văn Bí", chair="Nguyễn Văn Bí",
                delegates="Nguyễn Văn Bí\nTrần Thị Đoàn", alternates="Lê Văn Dự",
            ),
            note="", by=None, today=D(2015, 3, 20),
        )  # fmt: skip
        self.assertEqual((sent.chair_name, sent.delegates_elected), ("Nguyễn Văn Bí", 2))
        congress = make_congress(party, term=(2015, 2020), on=D(2015, 6, 10))
        upper.set_upper_congress(season=season, congress_id=congress.pk)
        upper.build_upper_list(season=season)
        found = names(congress)
        self.assertEqual(set(found), {"Nguyễn Văn Bí", "Trần Thị Đoàn"})
        self.assertEqual(found["Trần Thị Đoàn"].origin_unit_id, cell.pk)


class ExOfficioElectedFromBelowTests(TestCase):
    """An outgoing committee member of the province whom a lower congress elected too is one
    person: on the upper list once, as elected by the lower congress, said to be ex officio."""

    def test_the_same_member_is_listed_once(self) -> None:
        w = build_world()
        entry = season_entry(w, seats=1)
        hall = build_hall(w.unit, delegates=6)
        an = create_member(
            unit=w.unit, data=MemberData(full_name="Nguyễn Thị An", gender=Gender.NU)
        )
        election = election_services.create_election(
            congress=hall.congress, kind="dai-bieu", title="Bầu đại biểu", seats=1
        )
        election_services.add_candidate(election=election, member=an)
        election_services.add_candidate(election=election, full_name="Trần Văn Bình")
        votes = {"Nguyễn Thị An": 5, "Trần Văn Bình": 1}
        vote_by_phone(hall.congress, w.officer, election, votes, hall.delegates)
        for name, member in (("Nguyễn Thị An", an), ("Vũ Văn Hải", None)):
            Officer.objects.create(
                unit=w.province, role=OfficerRole.COMMITTEE, full_name=name, member=member,
                term_start=2018, term_end=2023, started_on=D(2018, 6, 1),
            )  # fmt: skip
        congress = make_congress(w.province, on=D(2023, 4, 10))
        upper.set_upper_congress(season=entry.season, congress_id=congress.pk)
        preview = upper.preview(entry.season)
        self.assertEqual([o.full_name for o in preview.ex_officio], ["Vũ Văn Hải"])
        self.assertEqual(preview.total, 2)
        upper.build_upper_list(season=entry.season)
        found = Delegate.objects.filter(congress=congress, full_name="Nguyễn Thị An")
        self.assertEqual(
            [(d.kind, d.member_id, d.origin_note) for d in found],
            [(DelegateKind.ELECTED, an.pk, upper.EX_OFFICIO_TOO.format(committee="Ban Chấp hành"))],
        )
        self.assertEqual(Delegate.objects.filter(congress=congress).count(), 2)
