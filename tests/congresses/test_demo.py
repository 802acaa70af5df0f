"""The demo congresses of seeds 000-003: on load_demo's units, ready to run, idempotent."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts.models import Role, User
from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    CongressForm,
    CongressStatus,
    DelegateKind,
    EventKind,
    HallVoteSubject,
    OrganKind,
    OrganMember,
    Presence,
)
from daihoi.congresses.services import attendance, quota_checks
from daihoi.units.demo import DEMO_PASSWORD
from daihoi.units.models import Member, Unit

SEED_000_GUESTS = {
    "Vừ A Tiến": "UVBCH Đảng bộ Sở, Phó Giám đốc Sở Công Thương",
    "Hoàng Kiều Anh": "Phó Giám đốc Sở",
    "Nguyễn Trọng Thức": "Bí thư Chi bộ Văn phòng Sở",
}


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=open("/dev/null", "w"))

    def test_the_seed_congresses_exist_ready_to_run(self) -> None:
        # Seed 004's conference (daihoi.review.demo) is not a congress: tests/review.
        congresses = Congress.objects.filter(event_kind=EventKind.DAI_HOI)
        titles = sorted(c.title for c in congresses.select_related("unit"))
        assert titles == [
            "Đại hội Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc lần thứ Nhất, nhiệm kỳ 2015 - 2018",
            "Đại hội Công đoàn Sở Khoa học và Công nghệ Hải Phòng, nhiệm kỳ 2017 - 2022",
            "Đại hội Công đoàn bộ phận Văn phòng Sở lần thứ I, nhiệm kỳ 2017 - 2022",
            "Đại hội Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028",
            "Đại hội đại biểu Công đoàn Viên chức tỉnh Lai Châu, nhiệm kỳ 2023 - 2028",
        ]
        # Only seed 000's congress has been held (its afternoon is recorded); the others wait.
        held = Congress.objects.get(unit__code="LC-SCT-VP")
        others = AttendanceEvent.objects.exclude(congress=held)
        assert not others.filter(congress__event_kind=EventKind.DAI_HOI).exists()
        khcn = Congress.objects.get(unit__code="HP-SKHCN")
        assert khcn.delegates.voting().count() == 185
        assert khcn.delegates.filter(kind=DelegateKind.GUEST, full_name="Phạm Thị Thơ").exists()
        section = Congress.objects.get(unit__code="LC-SCT-VP")
        presidium = section.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        head = presidium.members.get(role="truong-ban")
        assert head.delegate.full_name == "Lường Danh Vọng"
        cell = Congress.objects.get(unit__code="VP-CB-CTXH")
        assert cell.profile == "dang" and cell.member_word == "đảng viên"
        for congress in congresses:
            assert congress.agenda.count() == 14
            assert all(o.members.exists() for o in congress.organs.all())

    def test_loading_again_changes_nothing(self) -> None:
        before = list(Congress.objects.values_list("id", "updated_at"))
        counts = [c.delegates.count() for c in Congress.objects.order_by("id")]
        call_command("load_demo_congresses", stdout=open("/dev/null", "w"))
        assert list(Congress.objects.values_list("id", "updated_at")) == before
        assert [c.delegates.count() for c in Congress.objects.order_by("id")] == counts

    def test_every_counting_committee_seat_has_a_demo_teller_account(self) -> None:
        for congress in Congress.objects.filter(event_kind=EventKind.DAI_HOI).select_related(
            "unit"
        ):
            seats = congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU).members.all()
            with self.subTest(congress.title):
                assert seats.count() == 3
                for seat in seats.select_related("account", "delegate"):
                    account = seat.account
                    assert account is not None and account.is_active
                    assert account.username.startswith("kiemphieu.")
                    assert account.display_name == seat.delegate.full_name
                    assert (account.unit_id, account.role) == (congress.unit_id, Role.OFFICER)
                    assert authenticate(username=account.username, password=DEMO_PASSWORD)
                    assert not account.must_change_password

    def test_print_login_lists_the_tellers_of_each_congress(self) -> None:
        out = StringIO()
        call_command("load_demo", "--print-login", stdout=out)
        text = out.getvalue()
        assert "Ban Kiểm phiếu" in text
        assert text.index("Mở http://") < text.index("Ban Kiểm phiếu")
        for seat in OrganMember.objects.filter(organ__kind=OrganKind.BAN_KIEM_PHIEU):
            assert seat.account is not None
            assert f"{seat.account.username}" in text
            assert seat.delegate.full_name in text
        assert "Đại hội Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028" in text

    def test_a_demo_loaded_before_tellers_were_accounts_gets_them_on_the_next_run(self) -> None:
        OrganMember.objects.update(account=None)
        User.objects.filter(username__startswith="kiemphieu.").delete()
        out = StringIO()
        call_command("load_demo_congresses", stdout=out)
        assert out.getvalue().strip() == "Ban Kiểm phiếu demo: thêm 15 tài khoản."
        seats = OrganMember.objects.filter(organ__kind=OrganKind.BAN_KIEM_PHIEU)
        assert not seats.filter(account=None).exists()
        assert seats.values("account").distinct().count() == 15

    def test_seed_000s_sở_leaders_and_cell_secretary_are_guests_not_members(self) -> None:
        section = Congress.objects.get(unit__code="LC-SCT-VP")
        guests = {d.full_name: d for d in section.delegates.filter(full_name__in=SEED_000_GUESTS)}
        assert set(guests) == set(SEED_000_GUESTS)
        for name, delegate in guests.items():
            assert (delegate.kind, delegate.position, delegate.member_id) == (
                DelegateKind.GUEST,
                SEED_000_GUESTS[name],
                None,
            )
        assert not Member.objects.filter(full_name__in=SEED_000_GUESTS).exists()
        # "cùng toàn thể đoàn viên công đoàn Văn phòng Sở": the 18 members, nobody else, vote.
        assert section.delegates.voting().count() == 18
        assert not section.delegates.voting().filter(full_name__in=SEED_000_GUESTS).exists()

    def test_seed_000s_afternoon_is_recorded_and_its_votes_match_the_check_in(self) -> None:
        section = Congress.objects.get(unit__code="LC-SCT-VP")
        assert section.status == CongressStatus.CLOSED
        # "cùng toàn thể đoàn viên": every member and every guest checked in on 19/9/2017.
        assert section.delegates.exclude(presence=Presence.PRESENT).count() == 0
        assert attendance(section).present == 18
        times = {timezone.localtime(e.at) for e in AttendanceEvent.objects.filter(congress=section)}
        assert {(t.date(), t.hour) for t in times} == {(date(2017, 9, 19), 14)}
        votes = list(section.hall_votes.current().select_related("agenda_item"))
        assert [(v.subject, v.agenda_item.step) for v in votes] == [
            (HallVoteSubject.AGENDA, "chuong-trinh"),
            (HallVoteSubject.RULES, "chuong-trinh"),
            (HallVoteSubject.RESOLUTION, "nghi-quyet"),
        ]
        for vote in votes:
            assert (vote.votes_present, vote.votes_yes, vote.votes_no, vote.votes_abstain) == (
                18,
                18,
                0,
                0,
            )
            assert vote.adopted
            assert timezone.localtime(vote.voted_at).date() == date(2017, 9, 19)
        assert all(o.adopted and o.votes_present == 18 for o in section.organs.all())
        # Idempotent: loading again records nothing more.
        call_command("load_demo_congresses", stdout=open("/dev/null", "w"))
        assert section.hall_votes.count() == 3
        assert AttendanceEvent.objects.filter(congress=section).count() == 23

    def test_only_seed_000_has_shows_of_hands_the_other_seeds_give_no_figures(self) -> None:
        # Seeds 001-003 give no figure of a show of hands (003's "nhất trí" counts nobody):
        # the demo records none rather than invent them.
        with_votes = Congress.objects.filter(hall_votes__isnull=False).distinct()
        assert [c.unit.code for c in with_votes.select_related("unit")] == ["LC-SCT-VP"]

    def test_the_seeds_guidance_speeches_are_on_the_speakers_lists(self) -> None:
        held = Congress.objects.get(unit__code="LC-SCT-VP")
        (speech,) = held.speeches.all()
        assert speech.speaker_line == "Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng Sở"
        assert speech.kind == "chi-dao"
        assert timezone.localtime(speech.called_at).strftime("%H:%M %d/%m/%Y") == "16:30 19/09/2017"
        cell = Congress.objects.get(unit__code="VP-CB-CTXH")
        (waiting,) = cell.speeches.all()
        assert waiting.speaker == "Bùi Minh Tuấn" and waiting.called_at is None

    def test_one_delegate_congress_shows_the_appointed_quota(self) -> None:
        congress = Congress.objects.get(form=CongressForm.DAI_BIEU, event_kind=EventKind.DAI_HOI)
        assert congress.unit.code == "LC-CDVC"
        kinds = dict(
            (kind, congress.delegates.filter(kind=kind).count()) for kind in DelegateKind.values
        )
        assert kinds == {
            DelegateKind.EX_OFFICIO: 9,
            DelegateKind.ELECTED: 17,
            DelegateKind.APPOINTED: 1,
            DelegateKind.MEMBER: 0,
            DelegateKind.ATTENDEE: 0,
            DelegateKind.GUEST: 2,
        }
        # Seed 001: the union of Sở Công Thương sends its two elected delegates, its chair first.
        sct_members = Member.objects.in_subtree(Unit.objects.get(code="LC-SCT"))
        sct = congress.delegates.filter(kind=DelegateKind.ELECTED, member__in=sct_members)
        assert sct.count() == 2 and sct.filter(full_name="Rcom Jen").exists()
        appointed = (
            "Đại biểu chỉ định 1 người (3,7% số đại biểu chính thức), không quá 5% (1 người)."
        )
        assert [c.message for c in quota_checks(congress) if "chỉ định" in c.message] == [appointed]
        assert all(c.ok or c.level == "warning" for c in quota_checks(congress))
        self.client.force_login(User.objects.get(username="canbo.ldld"))
        page = self.client.get(reverse("congress_detail", args=[congress.pk]))
        self.assertContains(page, appointed)
