"""A recorded show of hands is corrected or cancelled with a written reason, never deleted.

The correction is a new record replacing the old (same time of the vote); the projector, the
API's ``current`` flag and the documents use only the votes that stand; the page shows the
history. A vote may be linked to the item of the congress's agenda it adopts.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import errors, services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import HallVote, HallVoteSubject, ProjectorMode
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import build_world


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        for person in add_people(cls.congress, 10)[:9]:
            services.check_in(congress=cls.congress, delegate=person)

    def vote(self, **figures: int) -> HallVote:
        args = {"yes": 4, "no": 3, "abstain": 2, "present": 9} | figures
        return services.record_hall_vote(
            congress=self.congress, subject=HallVoteSubject.RESOLUTION, by=self.w.officer, **args
        )

    def test_a_correction_replaces_the_vote_and_keeps_the_old_record(self) -> None:
        old = self.vote()
        new = services.correct_hall_vote(
            vote=old,
            yes=7,
            no=1,
            abstain=1,
            present=9,
            reason="Thư ký đọc nhầm số tán thành",
            by=self.w.upper,
        )
        old.refresh_from_db()
        assert (old.votes_yes, old.adopted) == (4, False)  # unchanged
        assert (new.votes_yes, new.adopted, new.replaces) == (7, True, old)
        assert new.voted_at == old.voted_at
        assert new.reason == "Thư ký đọc nhầm số tán thành"
        assert new.recorded_by == self.w.upper
        assert list(HallVote.objects.current()) == [new]
        assert HallVote.objects.count() == 2
        assert services.current_hall_votes(self.congress) == [new]

    def test_a_correction_needs_a_reason_and_writes_nothing_without_one(self) -> None:
        old = self.vote()
        with self.assertRaises(CongressError) as caught:
            services.correct_hall_vote(vote=old, yes=7, no=1, abstain=1, present=9, reason="  ")
        [problem] = caught.exception.errors
        assert problem.field == "reason"
        assert problem.message == errors.HALL_VOTE_REASON_REQUIRED.format(
            action="sửa", title="Nghị quyết đại hội"
        )
        assert HallVote.objects.count() == 1

    def test_corrected_figures_are_checked_as_a_vote_s_own(self) -> None:
        old = self.vote()
        with self.assertRaises(CongressError) as caught:
            services.correct_hall_vote(
                vote=old, yes=8, no=1, abstain=1, present=9, reason="Đếm lại"
            )
        assert caught.exception.errors[0].field == "yes"
        with self.assertRaises(CongressError) as caught:
            services.correct_hall_vote(
                vote=old, yes=8, no=1, abstain=1, present=11, reason="Đếm lại"
            )
        assert caught.exception.errors[0].field == "present"
        assert HallVote.objects.count() == 1

    def test_a_vote_already_corrected_or_cancelled_cannot_be_changed_again(self) -> None:
        old = self.vote()
        services.correct_hall_vote(vote=old, yes=7, no=1, abstain=1, present=9, reason="Sai số")
        with self.assertRaises(CongressError) as caught:
            services.correct_hall_vote(vote=old, yes=6, no=1, abstain=1, present=9, reason="Lại")
        assert "đã được sửa" in caught.exception.messages[0]
        with self.assertRaises(CongressError) as caught:
            services.cancel_hall_vote(vote=old, reason="Nhầm")
        assert "đã được sửa" in caught.exception.messages[0]
        other = self.vote()
        services.cancel_hall_vote(vote=other, reason="Ghi nhầm hai lần")
        with self.assertRaises(CongressError) as caught:
            services.cancel_hall_vote(vote=other, reason="Lại")
        assert "đã bị hủy" in caught.exception.messages[0]
        assert HallVote.objects.count() == 3

    def test_a_cancelled_vote_is_kept_with_its_reason_and_leaves_the_current_list(self) -> None:
        first = self.vote(yes=9, no=0, abstain=0)
        mistaken = self.vote()
        services.cancel_hall_vote(vote=mistaken, reason="Ghi trùng", by=self.w.officer)
        mistaken.refresh_from_db()
        assert mistaken.cancelled_at is not None
        assert (mistaken.cancel_reason, mistaken.cancelled_by) == ("Ghi trùng", self.w.officer)
        assert services.current_hall_votes(self.congress) == [first]
        assert services.latest_hall_vote(self.congress) == first

    def test_cancelling_needs_a_reason(self) -> None:
        vote = self.vote()
        with self.assertRaises(CongressError) as caught:
            services.cancel_hall_vote(vote=vote, reason="")
        assert caught.exception.messages == [
            errors.HALL_VOTE_REASON_REQUIRED.format(action="hủy", title="Nghị quyết đại hội")
        ]
        vote.refresh_from_db()
        assert vote.cancelled_at is None

    def test_the_database_refuses_a_correction_or_cancellation_without_reason(self) -> None:
        old = self.vote()
        fields = {"congress": self.congress, "subject": "khac", "title": "Thử", "adopted": True}
        fields |= {"decision": "", "voted_at": old.voted_at, "votes_yes": 1, "votes_no": 0}
        fields |= {"votes_abstain": 0, "votes_present": 9}
        with self.assertRaises(IntegrityError), transaction.atomic():
            HallVote.objects.create(replaces=old, reason="", **fields)
        with self.assertRaises(IntegrityError), transaction.atomic():
            HallVote.objects.filter(pk=old.pk).update(cancelled_at=old.voted_at)

    def test_the_projector_shows_the_corrected_figures(self) -> None:
        old = self.vote()
        services.correct_hall_vote(
            vote=old, yes=7, no=1, abstain=1, present=9, reason="Sai số", show_on_projector=True
        )
        self.congress.refresh_from_db()
        assert self.congress.projector_mode == ProjectorMode.HALL_VOTE
        self.client.force_login(self.w.viewer)
        text = self.client.get(reverse("projector_screen", args=[self.congress.pk])).content
        assert "<td data-yes>7</td>" in text.decode()
        assert "<td data-yes>4</td>" not in text.decode()

    def test_a_vote_is_linked_to_its_agenda_item(self) -> None:
        item = self.congress.agenda.get(step="nghi-quyet")
        vote = services.record_hall_vote(
            congress=self.congress,
            subject=HallVoteSubject.RESOLUTION,
            yes=9,
            no=0,
            abstain=0,
            agenda_item=item,
        )
        assert vote.agenda_item == item
        assert list(item.hall_votes.all()) == [vote]

    def test_an_agenda_item_of_another_congress_is_refused(self) -> None:
        other = make_congress(self.w.sibling)
        with self.assertRaises(CongressError) as caught:
            services.record_hall_vote(
                congress=self.congress,
                subject=HallVoteSubject.AGENDA,
                yes=9,
                no=0,
                abstain=0,
                agenda_item=other.agenda.first(),
            )
        [problem] = caught.exception.errors
        assert (problem.field, problem.message) == ("agenda_item", errors.HALL_VOTE_AGENDA_OTHER)
        assert not HallVote.objects.exists()


class CorrectionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        for person in add_people(cls.congress, 5):
            services.check_in(congress=cls.congress, delegate=person)
        cls.vote = services.record_hall_vote(
            congress=cls.congress, subject=HallVoteSubject.AGENDA, yes=2, no=2, abstain=1
        )
        cls.url = reverse("hall_vote_correct", args=[cls.congress.pk, cls.vote.pk])
        cls.list_url = reverse("hall_votes", args=[cls.congress.pk])

    def test_the_form_starts_from_the_recorded_figures(self) -> None:
        self.client.force_login(self.w.officer)
        form = self.client.get(self.url).context["form"]
        assert (form["yes"].value(), form["no"].value(), form["present"].value()) == (2, 2, 5)

    def test_a_correction_posted_shows_both_records_in_the_history(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"yes": "5", "no": "0", "abstain": "0", "present": "5", "reason": "Đọc nhầm"}
        posted |= {"title": "Chương trình đại hội", "agenda_item": ""}
        response = self.client.post(self.url, posted, follow=True)
        text = response.content.decode()
        correction = HallVote.objects.get(replaces=self.vote)
        assert correction.adopted
        assert f'id="hall-vote-{self.vote.pk}" class="hall-vote--history"' in text
        assert f'id="hall-vote-{correction.pk}" class="hall-vote--current"' in text
        assert "lý do: Đọc nhầm" in text
        assert "Đã sửa" in text

    def test_a_correction_without_reason_is_refused_beside_the_form(self) -> None:
        self.client.force_login(self.w.officer)
        posted = {"yes": "5", "no": "0", "abstain": "0", "present": "5", "reason": ""}
        response = self.client.post(self.url, posted)
        assert response.status_code == 200
        assert "Lý do: không được để trống." in response.content.decode()
        assert HallVote.objects.count() == 1

    def test_cancelling_from_the_page_keeps_the_record_marked(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("hall_vote_cancel", args=[self.congress.pk, self.vote.pk])
        response = self.client.post(url, {"reason": "Ghi nhầm"}, follow=True)
        text = response.content.decode()
        assert "Đã hủy lúc" in text and "lý do: Ghi nhầm" in text
        assert HallVote.objects.get().cancelled_at is not None

    def test_the_history_page_reads_in_a_fixed_number_of_queries(self) -> None:
        for n in range(3):
            vote = services.record_hall_vote(
                congress=self.congress, subject=HallVoteSubject.REPORT, yes=5, no=0, abstain=0
            )
            services.correct_hall_vote(
                vote=vote, yes=4, no=1, abstain=0, present=5, reason=f"Sửa {n}"
            )
        self.client.force_login(self.w.officer)
        self.client.get(self.list_url)  # warm the session
        with self.assertNumQueries(6):
            self.client.get(self.list_url)
