"""Congress services: setup, delegates, quorum and quota boundaries, check-in, organs, agenda."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from daihoi.congresses import errors, services
from daihoi.congresses.errors import CongressError, QuorumNotReached
from daihoi.congresses.models import (
    AttendanceEvent,
    AttendanceKind,
    CongressForm,
    Delegate,
    DelegateKind,
    OrganKind,
    OrganRole,
    Presence,
    ProjectorMode,
    QuorumOverride,
)
from daihoi.congresses.services import CongressData, DelegateData, derive_presence
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.rules import hall
from daihoi.units.models import Gender, Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


def present(delegates: list[Delegate], count: int) -> None:
    congress = delegates[0].congress
    for delegate in delegates[:count]:
        services.check_in(congress=congress, delegate=delegate, desk="Bàn 1")


class CongressSetupTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def test_a_delegates_congress_gets_four_organs_and_the_statutory_agenda(self) -> None:
        congress = make_congress(self.world.unit)
        assert [o.kind for o in congress.organs.all()] == [
            OrganKind.DOAN_CHU_TICH,
            OrganKind.DOAN_THU_KY,
            OrganKind.BAN_THAM_TRA,
            OrganKind.BAN_KIEM_PHIEU,
        ]
        titles = [item.title for item in congress.agenda.all()]
        assert len(titles) == 14
        assert titles[0] == "Chào cờ (Quốc ca, Công đoàn ca)"
        assert titles[4] == "Báo cáo thẩm tra tư cách đại biểu"
        assert titles[10].startswith("Bầu cử")
        assert congress.profile == "cong-doan"
        assert congress.title == (
            "Đại hội đại biểu Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"
        )

    def test_a_members_congress_has_no_credentials_committee_and_a_members_report(self) -> None:
        congress = make_congress(self.world.section, form=CongressForm.TOAN_THE, number="lần thứ I")
        assert OrganKind.BAN_THAM_TRA not in {o.kind for o in congress.organs.all()}
        assert congress.agenda.get(order=5).title == "Báo cáo tình hình đoàn viên dự Đại hội"
        assert congress.title == (
            "Đại hội Công đoàn bộ phận Văn phòng Sở lần thứ I, nhiệm kỳ 2023 - 2028"
        )

    def test_term_and_profile_are_checked_together(self) -> None:
        with pytest.raises(CongressError) as caught:
            services.create_congress(
                unit=self.world.unit,
                data=CongressData(
                    term_start=2028,
                    term_end=2023,
                    starts_on=date(2023, 1, 1),
                    ends_on=date(2022, 12, 31),
                    form=CongressForm.DAI_BIEU,
                    profile="dang",
                ),
            )
        assert [e.field for e in caught.value.errors] == ["profile", "term_end", "ends_on"]
        assert caught.value.messages[1] == errors.TERM_ORDER.format(start=2028, end=2023)

    def test_changing_the_form_drops_the_credentials_committee(self) -> None:
        congress = make_congress(self.world.unit)
        data = CongressData.of(congress)
        services.update_congress(
            congress=congress,
            data=CongressData(**{**vars(data), "form": CongressForm.TOAN_THE}),
        )
        assert OrganKind.BAN_THAM_TRA not in {o.kind for o in congress.organs.all()}


class DelegateTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def test_members_are_added_once_in_name_order_with_a_snapshot(self) -> None:
        congress = make_congress(self.world.unit)
        other = create_member(
            unit=self.world.unit,
            data=MemberData(full_name="Nguyễn Thị An", gender=Gender.NU, is_party_member=True),
        )
        members = Member.objects.in_subtree(self.world.unit)
        added = services.add_delegates_from_members(congress=congress, members=members)
        assert [(d.number, d.full_name) for d in added] == [
            (1, "Nguyễn Thị An"),
            (2, "Lường Danh Vọng"),
        ]
        assert added[0].is_party_member and added[0].kind == DelegateKind.ELECTED
        assert added[1].ethnicity == "Thái" and added[1].is_minority
        again = services.add_delegates_from_members(congress=congress, members=members)
        assert again == []
        assert congress.delegates.filter(member=other).count() == 1

    def test_a_member_of_another_unit_comes_only_as_a_guest(self) -> None:
        congress = make_congress(self.world.unit)
        with pytest.raises(CongressError):
            services.add_delegates_from_members(
                congress=congress, members=[self.world.sibling_member]
            )
        guest = services.add_delegate(
            congress=congress,
            data=DelegateData(kind=DelegateKind.GUEST),
            member=self.world.sibling_member,
        )
        assert guest.full_name == "Trần Thị Hoa" and not guest.is_voting

    def test_kinds_follow_the_form(self) -> None:
        congress = make_congress(self.world.section, form=CongressForm.TOAN_THE)
        with pytest.raises(CongressError) as caught:
            services.add_delegate(
                congress=congress,
                data=DelegateData(full_name="Lê Văn Tám", kind=DelegateKind.APPOINTED),
            )
        assert caught.value.messages == [
            errors.DELEGATE_KIND_FOR_FORM.format(
                form="Đại hội toàn thể", kind="Chính thức chỉ định"
            )
        ]

    def test_search_ignores_diacritics_and_finds_numbers(self) -> None:
        congress = make_congress(self.world.unit)
        services.add_delegates_from_members(congress=congress, members=[self.world.member])
        assert list(congress.delegates.search("luong danh vong")) == list(congress.delegates.all())
        assert congress.delegates.search("VỌNG 1").count() == 1
        assert congress.delegates.search("hoa").count() == 0

    def test_a_delegate_with_attendance_is_not_deleted(self) -> None:
        congress = make_congress(self.world.unit)
        (delegate,) = add_people(congress, 1)
        services.check_in(congress=congress, delegate=delegate)
        delegate.refresh_from_db()
        with pytest.raises(CongressError):
            services.remove_delegate(delegate=delegate)


class QuorumTests(TestCase):
    """rules.md §1.1: at least 2/3 of those summoned; guests never count (§1.3)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.congress = make_congress(cls.world.unit)
        cls.delegates = add_people(cls.congress, 100)
        cls.guest = add_guest(cls.congress)

    def test_66_of_100_is_not_quorum(self) -> None:
        present(self.delegates, 66)
        result = services.current_quorum(self.congress)
        assert (result.present, result.summoned, result.reached) == (66, 100, False)
        assert result.needed == 67

    def test_67_of_100_is_quorum(self) -> None:
        present(self.delegates, 67)
        assert services.current_quorum(self.congress).reached

    def test_a_guest_does_not_count(self) -> None:
        present(self.delegates, 66)
        services.check_in(congress=self.congress, delegate=self.guest)
        result = services.current_quorum(self.congress)
        assert (result.present, result.summoned, result.reached) == (66, 100, False)
        figures = services.attendance(self.congress)
        assert (figures.guests, figures.guests_present) == (1, 1)

    def test_a_delegate_who_left_no_longer_counts(self) -> None:
        present(self.delegates, 67)
        services.check_out(delegate=self.delegates[0])
        assert not services.current_quorum(self.congress).reached

    def test_opening_without_quorum_is_refused_then_overridden_with_a_reason(self) -> None:
        present(self.delegates, 10)
        with pytest.raises(QuorumNotReached) as caught:
            services.require_quorum_or_override(self.congress)
        assert "chưa đủ điều kiện" in str(caught.value)
        with pytest.raises(CongressError) as missing:
            services.require_quorum_or_override(self.congress, override_by=self.world.officer)
        assert missing.value.messages == [errors.OVERRIDE_REASON_REQUIRED]
        services.require_quorum_or_override(
            self.congress, override_by=self.world.officer, reason="Mưa lũ, đường bị chia cắt"
        )
        override = QuorumOverride.objects.get()
        assert (override.present, override.summoned, override.by) == (10, 100, self.world.officer)

    def test_with_quorum_nothing_is_recorded(self) -> None:
        present(self.delegates, 67)
        assert services.require_quorum_or_override(self.congress).reached
        assert not QuorumOverride.objects.exists()

    def test_members_congress_counts_members_in_the_message(self) -> None:
        congress = make_congress(self.world.section, form=CongressForm.TOAN_THE)
        people = add_people(congress, 3)
        present(people, 2)
        result = services.current_quorum(congress)
        assert result.reached and "đoàn viên" in result.message


class QuotaTests(TestCase):
    """rules.md §2.12: appointed ≤ 5%, guests ≤ 15%, delegates by the unit's size."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.congress = make_congress(cls.world.unit)

    def failed(self) -> list[str]:
        return [c.message for c in hall.problems(services.quota_checks(self.congress))]

    def fails(self, start: str) -> bool:
        return any(m.startswith(start) for m in self.failed())

    def test_five_appointed_of_100_pass_six_fail(self) -> None:
        add_people(self.congress, 95)
        add_people(self.congress, 5, kind=DelegateKind.APPOINTED, prefix="Chỉ định")
        assert not self.fails("Đại biểu chỉ định")
        add_people(self.congress, 1, kind=DelegateKind.APPOINTED, prefix="Thêm")
        assert self.fails("Đại biểu chỉ định")

    def test_fifteen_guests_for_100_pass_sixteen_fail(self) -> None:
        add_people(self.congress, 100)
        for n in range(15):
            add_guest(self.congress, f"Khách Số {n}")
        assert not self.fails("Khách mời")
        add_guest(self.congress, "Khách Thứ Mười Sáu")
        assert self.fails("Khách mời")

    def test_a_grassroots_union_summons_at_least_75_delegates(self) -> None:
        def too_few() -> bool:
            return any(
                "ít hơn một nửa" in c.message
                for c in hall.problems(services.quota_checks(self.congress))
            )

        add_people(self.congress, 74)
        assert too_few()
        add_people(self.congress, 1, prefix="Người")
        assert not too_few()

    def test_a_party_congress_has_no_union_quotas(self) -> None:
        from daihoi.units.models import UnitKind
        from daihoi.units.services import create_unit

        party = create_unit(parent=None, name="Đảng bộ Thử", code="DB-T", kind=UnitKind.DANG_BO)
        cell = create_unit(parent=party, name="Chi bộ Thử", code="CB-T", kind=UnitKind.CHI_BO)
        congress = make_congress(cell, form=CongressForm.TOAN_THE)
        add_guest(congress)
        assert services.quota_checks(congress) == []
        assert congress.agenda.get(order=1).title == "Chào cờ (Quốc ca, Quốc tế ca)"


class CheckInTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.congress = make_congress(cls.world.unit)
        cls.delegate, cls.other = add_people(cls.congress, 2)

    def test_the_qr_token_or_the_number_finds_the_delegate(self) -> None:
        result = services.check_in(congress=self.congress, code=f" {self.delegate.token}\n")
        assert result.delegate == self.delegate and not result.already
        assert result.message == errors.CHECKED_IN.format(name="Đại biểu Số 1", number=1)
        by_number = services.check_in(congress=self.congress, code="2")
        assert by_number.delegate == self.other

    def test_scanning_twice_records_one_arrival(self) -> None:
        services.check_in(congress=self.congress, code=self.delegate.token, desk="Bàn 1")
        again = services.check_in(congress=self.congress, code=self.delegate.token, desk="Bàn 2")
        assert again.already
        assert AttendanceEvent.objects.filter(delegate=self.delegate).count() == 1

    def test_unknown_or_foreign_codes_say_what_is_wrong(self) -> None:
        with pytest.raises(CongressError) as caught:
            services.check_in(congress=self.congress, code="")
        assert caught.value.messages == [errors.CODE_EMPTY]
        with pytest.raises(CongressError) as caught:
            services.check_in(congress=self.congress, code="77")
        assert caught.value.messages == [errors.NUMBER_NOT_FOUND.format(number=77)]
        other = make_congress(self.world.sibling)
        (stranger,) = add_people(other, 1)
        with pytest.raises(CongressError) as caught:
            services.check_in(congress=self.congress, code=stranger.token)
        assert caught.value.messages == [errors.CODE_OTHER_CONGRESS.format(congress=other.title)]

    def test_undo_restores_the_previous_state_and_keeps_the_log(self) -> None:
        services.check_in(congress=self.congress, delegate=self.delegate)
        services.check_out(delegate=self.delegate)
        undone = services.undo_check_in(delegate=self.delegate, by=self.world.officer)
        assert undone.kind == AttendanceKind.LEFT and undone.undone
        self.delegate.refresh_from_db()
        assert self.delegate.presence == Presence.PRESENT
        services.undo_check_in(delegate=self.delegate)
        self.delegate.refresh_from_db()
        assert self.delegate.presence == Presence.EXPECTED
        assert self.delegate.presence_at is None
        assert AttendanceEvent.objects.filter(delegate=self.delegate).count() == 2
        with pytest.raises(CongressError):
            services.undo_check_in(delegate=self.delegate)
        # After an undo the next arrival still gets its own place in the log.
        services.check_in(congress=self.congress, delegate=self.delegate)
        assert AttendanceEvent.objects.filter(delegate=self.delegate, undone=False).count() == 1

    def test_absent_needs_a_reason_and_not_while_present(self) -> None:
        with pytest.raises(CongressError):
            services.mark_absent(delegate=self.delegate, reason="  ")
        services.mark_absent(delegate=self.delegate, reason="Đi công tác")
        self.delegate.refresh_from_db()
        assert (self.delegate.presence, self.delegate.absence_reason) == (
            Presence.ABSENT,
            "Đi công tác",
        )
        services.check_in(congress=self.congress, delegate=self.delegate)
        self.delegate.refresh_from_db()
        assert self.delegate.absence_reason == ""
        with pytest.raises(CongressError) as caught:
            services.mark_absent(delegate=self.delegate, reason="Ốm")
        assert caught.value.messages == [errors.ABSENT_WHILE_PRESENT.format(name="Đại biểu Số 1")]

    def test_leaving_needs_to_be_present(self) -> None:
        with pytest.raises(CongressError):
            services.check_out(delegate=self.other)

    def test_the_stored_presence_is_what_the_log_leads_to(self) -> None:
        services.check_in(congress=self.congress, delegate=self.delegate)
        services.check_out(delegate=self.delegate)
        services.check_in(congress=self.congress, delegate=self.delegate)
        services.undo_check_in(delegate=self.delegate)
        events = AttendanceEvent.objects.filter(delegate=self.delegate).order_by("seq")
        state, since, _ = derive_presence((e.kind, e.at, e.reason, e.undone) for e in events)
        self.delegate.refresh_from_db()
        assert (state, since) == (self.delegate.presence, self.delegate.presence_at)
        assert state == Presence.LEFT


def test_derive_presence_skips_undone_events() -> None:
    now = timezone.now()
    later = now + timedelta(minutes=5)
    events = [("den", now, "", False), ("vang", later, "Ốm", True)]
    assert derive_presence(events) == (Presence.PRESENT, now, "")
    assert derive_presence([]) == (Presence.EXPECTED, None, "")


class OrganAndAgendaTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.congress = make_congress(cls.world.unit)
        cls.people = add_people(cls.congress, 9)
        cls.guest = add_guest(cls.congress)
        cls.presidium = cls.congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)

    def test_show_of_hands_uses_the_present_count(self) -> None:
        present(self.people, 9)
        services.add_organ_member(organ=self.presidium, delegate=self.people[0], role="truong-ban")
        services.add_organ_member(organ=self.presidium, delegate=self.people[1])
        decision = services.record_organ_approval(organ=self.presidium, yes=5, no=3, abstain=1)
        assert decision.adopted and decision.present == 9
        self.presidium.refresh_from_db()
        assert self.presidium.adopted and self.presidium.votes_yes == 5
        rejected = services.record_organ_approval(organ=self.presidium, yes=4, no=5, abstain=0)
        assert not rejected.adopted

    def test_a_show_of_hands_over_those_checked_in_is_refused(self) -> None:
        # 100 in favour with 9 checked in was accepted: present is checked against the hall.
        present(self.people, 9)
        services.add_organ_member(organ=self.presidium, delegate=self.people[0])
        with pytest.raises(CongressError) as caught:
            services.record_organ_approval(
                organ=self.presidium, yes=100, no=0, abstain=0, present=100
            )
        assert caught.value.errors[0].field == "present"
        assert caught.value.messages == [
            hall.PRESENT_OVER_HALL.format(present=100, in_hall=9, who="đại biểu")
        ]
        self.presidium.refresh_from_db()
        assert self.presidium.adopted is None

    def test_a_change_of_members_clears_the_approval(self) -> None:
        present(self.people, 1)
        services.add_organ_member(organ=self.presidium, delegate=self.people[0])
        services.record_organ_approval(organ=self.presidium, yes=1, no=0, abstain=0, present=1)
        services.add_organ_member(organ=self.presidium, delegate=self.people[2])
        self.presidium.refresh_from_db()
        assert self.presidium.adopted is None

    def test_a_guest_sits_in_no_organ_and_there_is_one_head(self) -> None:
        with pytest.raises(CongressError):
            services.add_organ_member(organ=self.presidium, delegate=self.guest)
        services.add_organ_member(organ=self.presidium, delegate=self.people[0], role="truong-ban")
        services.add_organ_member(organ=self.presidium, delegate=self.people[1], role="truong-ban")
        heads = self.presidium.members.filter(role=OrganRole.HEAD)
        assert [s.delegate for s in heads] == [self.people[1]]

    def test_an_empty_organ_is_not_voted(self) -> None:
        with pytest.raises(CongressError) as caught:
            services.record_organ_approval(organ=self.presidium, yes=1, no=0, abstain=0)
        assert caught.value.messages == [errors.ORGAN_EMPTY.format(organ="Đoàn Chủ tịch")]

    def test_agenda_items_move_insert_delete_and_renumber(self) -> None:
        first, second = self.congress.agenda.all()[:2]
        services.move_agenda_item(item=second, up=True)
        assert list(self.congress.agenda.all()[:2]) == [second, first]
        added = services.add_agenda_item(congress=self.congress, title="Văn nghệ", after=second)
        assert added.order == 2
        services.delete_agenda_item(item=added)
        assert [i.order for i in self.congress.agenda.all()] == list(range(1, 15))
        assert services.election_item(self.congress).step == "bau-cu"

    def test_the_projector_follows_the_presidium(self) -> None:
        item = services.election_item(self.congress)
        services.set_current_item(congress=self.congress, item=item)
        services.set_projector_mode(congress=self.congress, mode=ProjectorMode.AGENDA)
        self.congress.refresh_from_db()
        assert (self.congress.current_item, self.congress.projector_mode) == (item, "chuong-trinh")
