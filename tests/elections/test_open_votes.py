"""Open votes on the phones: one hand each, a live tally, closing records the show of hands."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone
from world import build_hall, build_world

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import HallVote, ProjectorMode
from daihoi.elections import errors, open_votes, services
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import OpenChoice, OpenVote, OpenVoteHand

YES, NO, ABSTAIN = OpenChoice.YES, OpenChoice.NO, OpenChoice.ABSTAIN


class OpenVoteServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, delegates=6)
        cls.congress = cls.hall.congress

    def open(self) -> OpenVote:
        return open_votes.open_vote(congress=self.congress, subject="nghi-quyet", by=self.w.officer)

    def test_each_delegate_votes_once_and_the_tally_counts_them(self) -> None:
        vote = self.open()
        a, b, c = self.hall.delegates[:3]
        open_votes.cast_hand(open_vote_id=vote.pk, delegate=a, choice=YES)
        open_votes.cast_hand(open_vote_id=vote.pk, delegate=b, choice=NO)
        open_votes.cast_hand(open_vote_id=vote.pk, delegate=c, choice=ABSTAIN)
        with pytest.raises(ElectionError) as caught:
            open_votes.cast_hand(open_vote_id=vote.pk, delegate=a, choice=NO)
        assert caught.value.message == errors.OPEN_VOTE_ALREADY_CAST.format(
            name=a.full_name, title="Nghị quyết đại hội"
        )
        figures = open_votes.tally(vote)
        assert (figures.yes, figures.no, figures.abstain, figures.present) == (1, 1, 1, 6)
        assert open_votes.hand_of(vote, a) == YES

    def test_a_guest_someone_not_checked_in_and_a_bad_choice_are_refused(self) -> None:
        vote = self.open()
        for delegate, message in (
            (self.hall.guest, errors.NOT_A_VOTER.format(name=self.hall.guest.full_name)),
            (self.hall.absent, errors.NOT_CHECKED_IN.format(name=self.hall.absent.full_name)),
        ):
            with pytest.raises(ElectionError) as caught:
                open_votes.cast_hand(open_vote_id=vote.pk, delegate=delegate, choice=YES)
            assert caught.value.message == message
        with pytest.raises(ElectionError):
            open_votes.cast_hand(open_vote_id=vote.pk, delegate=self.hall.delegates[0], choice="x")
        assert not OpenVoteHand.objects.exists()

    def test_one_open_vote_at_a_time(self) -> None:
        self.open()
        with pytest.raises(ElectionError):
            open_votes.open_vote(congress=self.congress, subject="bao-cao")
        assert OpenVote.objects.count() == 1

    def test_closing_records_the_show_of_hands_once_with_the_hands_in_the_hall(self) -> None:
        vote = self.open()
        people = self.hall.delegates
        for person in people[:4]:
            open_votes.cast_hand(open_vote_id=vote.pk, delegate=person, choice=YES)
        open_votes.cast_hand(open_vote_id=vote.pk, delegate=people[4], choice=NO)
        congress_services.check_out(delegate=people[3])
        result = open_votes.close_vote(open_vote=vote, by=self.w.officer)
        assert (result.votes_yes, result.votes_no, result.votes_abstain) == (3, 1, 0)
        assert result.votes_present == 5 and result.adopted
        assert result.subject == "nghi-quyet" and result.recorded_by == self.w.officer
        vote.refresh_from_db()
        assert vote.hall_vote == result and vote.closed_at is not None
        with pytest.raises(ElectionError):
            open_votes.close_vote(open_vote=vote)
        with pytest.raises(ElectionError):
            open_votes.cast_hand(open_vote_id=vote.pk, delegate=people[5], choice=YES)
        assert HallVote.objects.filter(congress=self.congress).count() == 1
        self.congress.refresh_from_db()
        assert self.congress.projector_mode == ProjectorMode.HALL_VOTE

    def test_a_delegate_of_another_congress_is_refused(self) -> None:
        vote = self.open()
        other = build_hall(self.w.sibling, delegates=2)
        with pytest.raises(ElectionError) as caught:
            open_votes.cast_hand(open_vote_id=vote.pk, delegate=other.delegates[0], choice=YES)
        assert caught.value.message == errors.OPEN_VOTE_OTHER_CONGRESS


class OpenVotePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, delegates=4)
        cls.congress = cls.hall.congress
        cls.page = reverse("open_vote_page", args=[cls.congress.pk])
        cls.close = reverse("open_vote_close", args=[cls.congress.pk])

    def test_open_vote_on_the_phone_live_tally_close(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.page, {"subject": "bao-cao", "title": ""})
        assert response.status_code == 302
        phone = self.client_class()
        token = services.issue_voting_pass(delegate=self.hall.delegates[0])
        phone.post(reverse("voter_entry"), {"ma": token})
        home = phone.get(reverse("voter_home"))
        assert reverse("voter_open_vote") in home.content.decode()
        cast = phone.post(reverse("voter_open_vote"), {"choice": YES})
        assert cast.status_code == 302
        again = phone.post(reverse("voter_open_vote"), {"choice": NO})
        assert again.status_code == 400
        assert "Tán thành" in again.content.decode()
        screen = self.client.get(reverse("projector_screen", args=[self.congress.pk]))
        assert "data-open-vote" in screen.content.decode()
        assert "Đã biểu quyết 1/4 có mặt" in screen.content.decode()
        tally = self.client.get(reverse("open_vote_tally", args=[self.congress.pk]))
        assert "data-cast>1/4<" in tally.content.decode()
        assert self.client.post(self.close).status_code == 302
        (vote,) = HallVote.objects.filter(congress=self.congress)
        assert (vote.votes_yes, vote.votes_no, vote.votes_present) == (1, 0, 4)
        assert not vote.adopted

    def test_the_phone_header_says_open_vote_not_secret_ballot_during_an_open_vote(self) -> None:
        open_votes.open_vote(congress=self.congress, subject="nghi-quyet", by=self.w.officer)
        phone = self.client_class()
        token = services.issue_voting_pass(delegate=self.hall.delegates[0])
        phone.post(reverse("voter_entry"), {"ma": token})

        def brand(url: str) -> str:
            page = phone.get(url).content.decode()
            return page.split('id="voter-brand">', 1)[1].split("<", 1)[0]

        assert brand(reverse("voter_open_vote")) == "Biểu quyết công khai"
        # the home page lists the secret rounds and links the open vote: it promises neither
        assert brand(reverse("voter_home")) == "Bỏ phiếu và biểu quyết"
        OpenVote.objects.update(closed_at=timezone.now())
        assert brand(reverse("voter_home")) == "Bỏ phiếu kín"

    def test_a_refused_cross_site_post_names_the_page_s_kind_of_vote(self) -> None:
        open_votes.open_vote(congress=self.congress, subject="nghi-quyet", by=self.w.officer)
        phone = self.client_class()
        token = services.issue_voting_pass(delegate=self.hall.delegates[0])
        phone.post(reverse("voter_entry"), {"ma": token})
        cross = {"Sec-Fetch-Site": "cross-site"}

        def refusal(url: str) -> str:
            page = phone.post(url, {"choice": YES}, headers=cross)
            assert page.status_code == 403
            text = page.content.decode()
            assert errors.CROSS_SITE_REFUSED in text
            return text.split("<h1>", 1)[1].split("<", 1)[0]

        assert refusal(reverse("voter_open_vote")) == "Biểu quyết công khai"
        # refused before anything is read: the round need not exist
        assert refusal(reverse("voter_ballot", args=[987654])) == "Bỏ phiếu kín"
        # the code page serves both kinds: it names neither
        assert refusal(reverse("voter_entry")) == "Bỏ phiếu trên điện thoại"
        assert not OpenVoteHand.objects.exists()

    def test_access(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.page).status_code == 404
        assert self.client.post(self.close).status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.page).status_code == 403
        tally = reverse("open_vote_tally", args=[self.congress.pk])
        assert self.client.get(tally).status_code == 200
        assert self.client.post(self.page, {"subject": "bao-cao"}).status_code == 403
        assert self.client.post(self.close).status_code == 403
        assert self.client.get(self.close).status_code == 405
        self.client.logout()
        assert self.client.get(self.page).status_code == 302
        phone = self.client_class()
        assert phone.get(reverse("voter_open_vote")).status_code == 302
        assert not OpenVote.objects.exists()


@pytest.mark.skipif("sqlite" in connection.vendor, reason="concurrent writers: PostgreSQL")
class OpenVoteRaceTests(TransactionTestCase):
    def test_two_phones_of_one_delegate_at_once_count_one_hand(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, delegates=2)
        vote = open_votes.open_vote(congress=hall.congress, subject="nghi-quyet")
        outcomes: list[str] = []

        def cast(choice: str) -> None:
            try:
                open_votes.cast_hand(
                    open_vote_id=vote.pk, delegate=hall.delegates[0], choice=choice
                )
                outcomes.append("ok")
            except ElectionError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=cast, args=(c,)) for c in (YES, NO)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["ok", "refused"]
        assert OpenVoteHand.objects.filter(open_vote=vote).count() == 1
