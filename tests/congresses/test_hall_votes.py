"""The congress adopts its agenda, report, resolution and other items by show of hands.

rules.md §2.1: more than half of those present in favour (the profile's majority); the figures
are checked against the check-in (``rules.hall.show_of_hands(..., in_hall=)``), refused figures
write nothing and the message names the figure at fault.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from daihoi.congresses import errors, services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import HallVote, HallVoteSubject, ProjectorMode
from daihoi.congresses.testing import add_people, make_congress
from daihoi.rules import hall
from daihoi.units.testing import build_world


class RecordHallVoteTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.people = add_people(cls.congress, 10)
        for person in cls.people[:9]:  # nine in the hall, one not yet arrived
            services.check_in(congress=cls.congress, delegate=person)

    def record(self, **figures: object) -> HallVote:
        args: dict[str, object] = {"subject": HallVoteSubject.RESOLUTION, "yes": 5, "no": 2}
        args |= {"abstain": 1, "present": 9} | figures
        return services.record_hall_vote(congress=self.congress, by=self.w.officer, **args)  # type: ignore[arg-type]

    def test_more_than_half_of_those_present_in_favour_adopts(self) -> None:
        vote = self.record(yes=5, no=3, abstain=1, present=9)
        assert vote.adopted
        assert vote.title == "Nghị quyết đại hội"
        assert (vote.votes_yes, vote.votes_no, vote.votes_abstain, vote.votes_present) == (
            5,
            3,
            1,
            9,
        )
        assert vote.recorded_by == self.w.officer
        assert vote.voted_at is not None
        assert vote.decision.startswith("Tán thành 5/9 đại biểu có mặt")
        assert "Được thông qua" in vote.decision

    def test_exactly_half_in_favour_is_not_adopted(self) -> None:
        vote = self.record(yes=4, no=4, abstain=0, present=8)
        assert not vote.adopted
        assert "Không được thông qua (cần ít nhất 5" in vote.decision

    def test_the_decision_is_the_pure_rule_s_own(self) -> None:
        vote = self.record(yes=6, no=1, abstain=0, present=9)
        expected = hall.show_of_hands(
            6, 1, 0, 9, self.congress.rules, who=self.congress.attendee_word, in_hall=9
        )
        assert (vote.adopted, vote.decision) == (expected.adopted, expected.message)

    def test_present_defaults_to_those_checked_in(self) -> None:
        vote = self.record(yes=7, no=0, abstain=0, present=None)
        assert vote.votes_present == 9

    def test_present_above_the_check_in_is_refused_naming_the_figure(self) -> None:
        with self.assertRaises(CongressError) as caught:
            self.record(yes=6, no=0, abstain=0, present=10)
        [problem] = caught.exception.errors
        assert problem.field == "present"
        assert "Số đại biểu có mặt: đã nhập 10" in problem.message
        assert not HallVote.objects.exists()

    def test_more_hands_than_present_is_refused_naming_the_figures(self) -> None:
        with self.assertRaises(CongressError) as caught:
            self.record(yes=6, no=3, abstain=1, present=9)
        [problem] = caught.exception.errors
        assert problem.field == "yes"
        assert problem.message == hall.VOTES_OVER_PRESENT.format(
            total=10, who="đại biểu", present=9
        )
        assert not HallVote.objects.exists()

    def test_the_database_refuses_more_hands_than_present_written_around_the_service(self) -> None:
        fields = {"congress": self.congress, "subject": "khac", "title": "Thử", "adopted": True}
        fields |= {"decision": "", "voted_at": timezone.now()}
        with self.assertRaises(IntegrityError), transaction.atomic():
            HallVote.objects.create(
                votes_yes=6, votes_no=3, votes_abstain=1, votes_present=9, **fields
            )
        assert not HallVote.objects.exists()

    def test_negative_figures_are_refused(self) -> None:
        with self.assertRaises(CongressError) as caught:
            self.record(no=-1)
        assert caught.exception.messages == [errors.VOTES_NEGATIVE]
        assert not HallVote.objects.exists()

    def test_another_item_needs_its_name(self) -> None:
        with self.assertRaises(CongressError) as caught:
            self.record(subject=HallVoteSubject.OTHER, title="   ")
        [problem] = caught.exception.errors
        assert (problem.field, problem.message) == ("title", errors.HALL_VOTE_TITLE_REQUIRED)
        vote = self.record(subject=HallVoteSubject.OTHER, title="  Mức  đóng góp quỹ ")
        assert vote.title == "Mức đóng góp quỹ"

    def test_an_unknown_subject_is_refused(self) -> None:
        with self.assertRaises(CongressError) as caught:
            self.record(subject="bau-cu")
        assert caught.exception.errors[0].field == "subject"
        assert not HallVote.objects.exists()

    def test_the_latest_vote_is_the_last_recorded(self) -> None:
        assert services.latest_hall_vote(self.congress) is None
        self.record(subject=HallVoteSubject.AGENDA)
        last = self.record(subject=HallVoteSubject.REPORT)
        assert services.latest_hall_vote(self.congress) == last


class HallVotePageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        for person in add_people(cls.congress, 5):
            services.check_in(congress=cls.congress, delegate=person)
        cls.url = reverse("hall_votes", args=[cls.congress.pk])

    def test_a_recorded_vote_is_listed_with_its_time_and_figures(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"subject": "chuong-trinh", "title": "", "yes": "5", "no": "0", "abstain": "0"}
        response = self.client.post(self.url, posted, follow=True)
        text = response.content.decode()
        vote = HallVote.objects.get()
        assert vote.votes_present == 5
        assert "Chương trình đại hội" in text
        assert vote.decision in text
        assert vote.voted_at.astimezone().strftime("%d/%m/%Y") in text

    def test_refused_figures_are_shown_beside_the_form_and_nothing_is_written(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"subject": "nghi-quyet", "yes": "5", "no": "0", "abstain": "0", "present": "6"}
        response = self.client.post(self.url, posted)
        assert response.status_code == 200
        assert "Số đại biểu có mặt: đã nhập 6" in response.content.decode()
        assert not HallVote.objects.exists()

    def test_a_missing_figure_is_named(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.url, {"subject": "nghi-quyet", "yes": "5", "no": "0"})
        assert "Không biểu quyết: nhập số người (0 nếu không có)." in response.content.decode()
        assert not HallVote.objects.exists()

    def test_a_read_only_user_sees_the_list_but_no_form(self) -> None:
        services.record_hall_vote(congress=self.congress, subject="bao-cao", yes=5, no=0, abstain=0)
        self.client.force_login(self.w.viewer)
        text = self.client.get(self.url).content.decode()
        assert "Báo cáo chính trị" in text
        assert 'name="yes"' not in text


class HallVoteOnTheProjectorTests(TestCase):
    """The projector's mode "Kết quả biểu quyết" shows the latest show of hands."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        for person in add_people(cls.congress, 9):
            services.check_in(congress=cls.congress, delegate=person)
        cls.screen = reverse("projector_screen", args=[cls.congress.pk])
        cls.url = reverse("hall_votes", args=[cls.congress.pk])

    def screen_text(self) -> str:
        self.client.force_login(self.w.viewer)
        return self.client.get(self.screen).content.decode()

    def test_before_any_vote_the_screen_says_so(self) -> None:
        services.set_projector_mode(congress=self.congress, mode=ProjectorMode.HALL_VOTE)
        text = self.screen_text()
        assert "Kết quả biểu quyết" in text
        assert "Chưa có biểu quyết nào" in text

    def test_the_screen_shows_the_latest_vote_with_its_figures(self) -> None:
        services.record_hall_vote(
            congress=self.congress, subject=HallVoteSubject.AGENDA, yes=9, no=0, abstain=0
        )
        services.record_hall_vote(
            congress=self.congress,
            subject=HallVoteSubject.RESOLUTION,
            yes=4,
            no=3,
            abstain=2,
            show_on_projector=True,
        )
        text = self.screen_text()
        assert "Nghị quyết đại hội" in text
        assert "Chương trình đại hội" not in text
        assert "<td data-yes>4</td><td>44,4%</td>" in text
        assert "<td data-no>3</td><td>33,3%</td>" in text
        assert "<td data-abstain>2</td><td>22,2%</td>" in text
        assert 'data-adopted="no"' in text
        assert "KHÔNG ĐƯỢC THÔNG QUA" in text

    def test_recording_from_the_page_puts_the_result_on_the_projector(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"subject": "bao-cao", "yes": "8", "no": "1", "abstain": "0", "show": "on"}
        self.client.post(self.url, posted)
        self.congress.refresh_from_db()
        assert self.congress.projector_mode == ProjectorMode.HALL_VOTE
        text = self.screen_text()
        assert "Báo cáo chính trị" in text
        assert "ĐƯỢC THÔNG QUA" in text

    def test_recording_without_the_box_leaves_the_projector_alone(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"subject": "bao-cao", "yes": "8", "no": "1", "abstain": "0"}
        self.client.post(self.url, posted)
        self.congress.refresh_from_db()
        assert self.congress.projector_mode != ProjectorMode.HALL_VOTE
        assert HallVote.objects.count() == 1

    def test_a_refused_vote_does_not_switch_the_projector(self) -> None:
        with self.assertRaises(CongressError):
            services.record_hall_vote(
                congress=self.congress,
                subject=HallVoteSubject.AGENDA,
                yes=10,
                no=0,
                abstain=0,
                show_on_projector=True,
            )
        self.congress.refresh_from_db()
        assert self.congress.projector_mode != ProjectorMode.HALL_VOTE
