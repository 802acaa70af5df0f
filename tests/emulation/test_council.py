"""The emulation council's secret ballot: set up, paper entry, the count by the elections' engine.

rules.md §5.1 (NĐ 98/2023 Điều 30 k7): CSTĐCS needs at least 80% of ALL council members, absent
members by written opinion; the meeting needs its quorum (a setting, 2/3 by default).
"""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse

from daihoi.emulation import errors, services
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import CouncilPaper, CouncilStatus, CouncilVote, Registration
from daihoi.emulation.services import CouncilVoteData, EvaluationData
from daihoi.emulation.testing import make_campaign
from daihoi.rules.emulation import Title
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

CSTDCS = Title.CSTDCS.value
LDTT = Title.LDTT.value
DAY = datetime.date(2025, 12, 10)


def vote_data(**changes: object) -> CouncilVoteData:
    values: dict[str, object] = {
        "title": CSTDCS,
        "members": 10,
        "present": 8,
        "written": 2,
        "held_on": DAY,
        "place": "Phòng họp Sở",
    }
    values.update(changes)
    return CouncilVoteData(**values)  # type: ignore[arg-type]


class CouncilWorld(TestCase):
    """Three members of the unit proposed for LĐTT and CSTĐCS in the province's campaign."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)
        # Ballot order is the Vietnamese order of names: Mai, Vọng, Xuân.
        cls.people = [
            create_member(unit=cls.w.unit, data=MemberData(full_name=name, gender=gender))
            for name, gender in (
                ("Tòng Thị Xuân", Gender.NU),
                ("Lường Danh Vọng", Gender.NAM),
                ("Lò Thị Mai", Gender.NU),
            )
        ]
        services.register_members(
            campaign=cls.campaign,
            unit=cls.w.unit,
            members=cls.people,
            titles=[LDTT, CSTDCS],
            by=None,
        )
        for person in cls.people:
            services.evaluate_member(
                campaign=cls.campaign,
                unit=cls.w.unit,
                member=person,
                data=EvaluationData(task_level="xuat-sac", proposed=(LDTT, CSTDCS)),
                by=None,
            )


class CouncilTests(CouncilWorld):
    def make_vote(self, **changes: object) -> CouncilVote:
        return services.create_council_vote(
            campaign=self.campaign, unit=self.w.unit, data=vote_data(**changes), by=None
        )

    def enter(self, vote: CouncilVote, *lines: str) -> None:
        for line in lines:
            services.enter_council_ballot(vote=vote, typed=line, by=None)

    def test_the_names_are_those_proposed_in_vietnamese_name_order(self) -> None:
        vote = self.make_vote()
        assert [name for _id, name in vote.nominees] == [
            "Lò Thị Mai",
            "Lường Danh Vọng",
            "Tòng Thị Xuân",
        ]

    def test_eight_of_ten_members_carry_a_name_and_seven_do_not(self) -> None:
        vote = self.make_vote()
        # 10 ballots (8 present, 2 written): Mai kept on 8, Vọng on 7, Xuân on all 10.
        self.enter(vote, "", "", "", "", "", "", "2", "1 2", "12", "")
        result = services.count_council_vote(vote=vote)
        assert (result.base_count, result.votes_needed) == (10, 8)
        votes = {c.name: c.votes for c in result.candidates}
        assert votes == {"Lò Thị Mai": 8, "Lường Danh Vọng": 7, "Tòng Thị Xuân": 10}
        vote.refresh_from_db()
        mai, _vong, xuan = (p.pk for p in sorted(self.people, key=lambda m: m.name_key))
        assert sorted(vote.passed) == sorted([mai, xuan])
        assert vote.status == CouncilStatus.COUNTED
        assert services.council_passed(campaign=self.campaign, unit=self.w.unit) == {
            mai: {CSTDCS},
            xuan: {CSTDCS},
        }

    def test_the_base_is_all_members_not_the_ballots(self) -> None:
        # 9 members, 7 present, nobody writes: 7 ballots keeping everyone still fall short of 8.
        vote = self.make_vote(members=9, present=7, written=0)
        self.enter(vote, *[""] * 7)
        result = services.count_council_vote(vote=vote)
        assert result.votes_needed == 8
        assert result.elected == ()

    def test_a_council_without_quorum_is_refused(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.make_vote(members=10, present=6, written=4)
        assert caught.exception.messages == [
            errors.COUNCIL_NO_QUORUM.format(present=6, members=10, share="2/3")
        ]
        assert not CouncilVote.objects.exists()

    def test_attendance_over_the_council_is_refused(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.make_vote(members=9, present=8, written=2)
        assert caught.exception.messages == [
            errors.COUNCIL_PRESENT_OVER.format(present=8, written=2, members=9)
        ]

    def test_a_title_not_put_to_the_ballot_is_refused(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.make_vote(title=LDTT)
        assert caught.exception.messages == [
            errors.COUNCIL_NO_BALLOT.format(title="Lao động tiên tiến")
        ]

    def test_nobody_proposed_means_no_vote(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            services.create_council_vote(
                campaign=self.campaign, unit=self.w.sibling, data=vote_data(), by=None
            )
        assert caught.exception.messages == [
            errors.COUNCIL_NOBODY.format(unit=self.w.sibling.name, title="Chiến sĩ thi đua cơ sở")
        ]

    def test_one_vote_per_unit_and_title(self) -> None:
        self.make_vote()
        with self.assertRaises(EmulationError) as caught:
            self.make_vote()
        assert caught.exception.messages == [
            errors.COUNCIL_TWICE.format(unit=self.w.unit.name, title="Chiến sĩ thi đua cơ sở")
        ]

    def test_never_more_ballots_than_members_voting(self) -> None:
        vote = self.make_vote(members=3, present=2, written=0)
        self.enter(vote, "", "")
        with self.assertRaises(EmulationError) as caught:
            self.enter(vote, "")
        assert caught.exception.messages == [errors.COUNCIL_TOO_MANY_BALLOTS.format(most=2)]
        assert CouncilPaper.objects.filter(vote=vote).count() == 2

    def test_a_correction_replaces_the_ballot_it_names(self) -> None:
        vote = self.make_vote(members=3, present=3, written=0)
        self.enter(vote, "", "", "")
        entered = services.enter_council_ballot(vote=vote, typed="2=1 2 3", by=None)
        assert entered.message.startswith("Đã sửa phiếu số 2")
        result = services.count_council_vote(vote=vote)
        assert [c.votes for c in result.candidates] == [2, 2, 2]
        assert result.votes_needed == 3
        assert result.elected == ()

    def test_a_typing_mistake_is_refused_with_the_keyboard_message(self) -> None:
        vote = self.make_vote()
        with self.assertRaises(EmulationError) as caught:
            self.enter(vote, "7")
        assert caught.exception.messages == ["Số 7 không có trên phiếu (phiếu có 3 tên)."]
        assert not CouncilPaper.objects.exists()

    def test_void_ballots_count_in_no_names_votes(self) -> None:
        vote = self.make_vote(members=3, present=3, written=0)
        self.enter(vote, "", "", "k")
        result = services.count_council_vote(vote=vote)
        assert (result.valid, result.invalid) == (2, 1)
        assert result.elected == ()  # 2 of 3 is under 80%

    def test_a_counted_vote_takes_no_more_ballots_and_is_not_counted_twice(self) -> None:
        vote = self.make_vote(members=3, present=3, written=0)
        self.enter(vote, "", "", "")
        services.count_council_vote(vote=vote)
        for action in (
            lambda: self.enter(vote, ""),
            lambda: services.count_council_vote(vote=vote),
        ):
            with self.assertRaises(EmulationError) as caught:
                action()
            assert caught.exception.messages == [errors.COUNCIL_COUNTED]

    def test_counting_nothing_is_refused(self) -> None:
        vote = self.make_vote()
        with self.assertRaises(EmulationError) as caught:
            services.count_council_vote(vote=vote)
        assert caught.exception.messages == [errors.COUNCIL_NO_PAPERS]


class CouncilPageTests(CouncilWorld):
    def test_an_officer_runs_the_vote_in_the_browserless_client(self) -> None:
        self.client.force_login(self.w.officer)
        base = {"campaign_id": self.campaign.pk, "unit_id": self.w.unit.pk}
        page = self.client.get(reverse("council_votes", kwargs=base))
        assert "Chiến sĩ thi đua cơ sở" in page.content.decode()
        response = self.client.post(
            reverse("council_votes", kwargs=base),
            {
                "title": CSTDCS,
                "members": 5,
                "present": 5,
                "written": 0,
                "held_on": "2025-12-10",
                "place": "",
            },
        )
        vote = CouncilVote.objects.get()
        url = reverse("council_vote", kwargs={**base, "vote_id": vote.pk})
        self.assertRedirects(response, url)
        for keys in ("", "", "", "3", "3"):
            assert self.client.post(url, {"keys": keys}).status_code == 302
        wrong = self.client.post(url, {"keys": "9"})
        assert "Số 9 không có trên phiếu" in wrong.content.decode()
        count = reverse("council_count", kwargs={**base, "vote_id": vote.pk})
        self.assertRedirects(self.client.post(count), url)
        page = self.client.get(url).content.decode()
        assert "Được Hội đồng đề nghị" in page
        assert "Không đủ tỷ lệ đồng ý" in page  # Xuân: 3 of 5, under 80%
        ballots = self.client.get(reverse("council_ballots", kwargs={**base, "vote_id": vote.pk}))
        assert ballots["Content-Type"] == "application/pdf"
        assert ballots.content.startswith(b"%PDF")

    def test_no_quorum_is_shown_on_the_form(self) -> None:
        self.client.force_login(self.w.officer)
        base = {"campaign_id": self.campaign.pk, "unit_id": self.w.unit.pk}
        page = self.client.post(
            reverse("council_votes", kwargs=base),
            {"title": CSTDCS, "members": 9, "present": 5, "written": 4, "held_on": "2025-12-10"},
        )
        assert errors.COUNCIL_NO_QUORUM.format(present=5, members=9, share="2/3") in (
            page.content.decode()
        )
        assert not CouncilVote.objects.exists()
        assert Registration.objects.count() == 6


class CouncilMinutesTests(CouncilWorld):
    def setUp(self) -> None:
        self.vote = services.create_council_vote(
            campaign=self.campaign,
            unit=self.w.unit,
            data=vote_data(members=5, present=4, written=1),
            by=None,
        )
        self.url = lambda kind: reverse(
            "council_minutes",
            kwargs={
                "campaign_id": self.campaign.pk,
                "unit_id": self.w.unit.pk,
                "vote_id": self.vote.pk,
                "kind": kind,
            },
        )

    def test_no_minutes_before_the_count(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.get(self.url("pdf")).status_code == 404

    def test_the_minutes_say_who_sat_the_ballots_and_each_names_votes(self) -> None:
        import io

        import docx
        import pypdf

        for keys in ("", "", "", "3", "3"):
            services.enter_council_ballot(vote=self.vote, typed=keys, by=None)
        services.count_council_vote(vote=self.vote)
        self.client.force_login(self.w.viewer)
        word = docx.Document(io.BytesIO(self.client.get(self.url("docx")).content))
        texts = [p.text for p in word.paragraphs]
        assert "BIÊN BẢN KIỂM PHIẾU" in texts
        assert "- Số thành viên vắng mặt gửi ý kiến bằng văn bản: 1 người" in texts
        cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
        assert "Tòng Thị Xuân" in cells and "3/5" in cells and "Không đủ tỷ lệ" in cells
        pdf = self.client.get(self.url("pdf"))
        pages = pypdf.PdfReader(io.BytesIO(pdf.content)).pages
        text = " ".join(" ".join(p.extract_text() for p in pages).split())
        assert "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in text
        assert "Lò Thị Mai" in text
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.url("pdf")).status_code == 404


class EvaluationTableCouncilTests(CouncilWorld):
    def test_the_table_says_where_each_name_stands_with_the_council(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("evaluation_table", args=[self.campaign.pk, self.w.unit.pk])
        waiting = "Chiến sĩ thi đua cơ sở: chờ Hội đồng bỏ phiếu"
        assert self.client.get(url).content.decode().count(waiting) == 3
        vote = services.create_council_vote(
            campaign=self.campaign,
            unit=self.w.unit,
            data=vote_data(members=5, present=5, written=0),
            by=None,
        )
        for keys in ("", "", "", "3", "3"):
            services.enter_council_ballot(vote=vote, typed=keys, by=None)
        services.count_council_vote(vote=vote)
        page = self.client.get(url).content.decode()
        assert page.count("Chiến sĩ thi đua cơ sở: Hội đồng đồng ý") == 2
        assert page.count("Chiến sĩ thi đua cơ sở: Hội đồng không đồng ý") == 1
