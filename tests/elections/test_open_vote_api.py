"""GET /api/congresses/{id}/open-votes: the open votes' tallies, with the congress's access."""

from __future__ import annotations

from world import build_hall

from api.api_world import ApiTestCase
from daihoi.elections import open_votes
from daihoi.elections.models import OpenChoice


class OpenVotesApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.hall = build_hall(cls.w.unit, delegates=5)
        cls.congress = cls.hall.congress
        people = cls.hall.delegates
        closed = open_votes.open_vote(congress=cls.congress, subject="chuong-trinh")
        for person in people[:4]:
            open_votes.cast_hand(open_vote_id=closed.pk, delegate=person, choice=OpenChoice.YES)
        open_votes.cast_hand(open_vote_id=closed.pk, delegate=people[4], choice=OpenChoice.NO)
        cls.recorded = open_votes.close_vote(open_vote=closed)
        cls.live = open_votes.open_vote(congress=cls.congress, subject="nghi-quyet")
        open_votes.cast_hand(open_vote_id=cls.live.pk, delegate=people[0], choice=OpenChoice.YES)
        open_votes.cast_hand(
            open_vote_id=cls.live.pk, delegate=people[1], choice=OpenChoice.ABSTAIN
        )
        cls.path = f"/api/congresses/{cls.congress.pk}/open-votes"

    def test_the_live_tally_and_the_recorded_figures_without_names(self) -> None:
        response = self.call("GET", self.path, user=self.w.viewer)
        assert response.status_code == 200
        live, closed = response.json()
        figures = open_votes.tally(self.live)
        assert (live["id"], live["open"], live["adopted"], live["hall_vote"]) == (
            self.live.pk,
            True,
            None,
            None,
        )
        assert (live["yes"], live["no"], live["abstain"], live["present"]) == (
            figures.yes,
            figures.no,
            figures.abstain,
            figures.present,
        )
        assert (live["yes"], live["abstain"]) == (1, 1)
        assert closed["open"] is False and closed["hall_vote"] == self.recorded.pk
        assert (closed["yes"], closed["no"], closed["present"], closed["adopted"]) == (
            self.recorded.votes_yes,
            self.recorded.votes_no,
            self.recorded.votes_present,
            self.recorded.adopted,
        )
        for person in self.hall.delegates:
            assert person.full_name not in response.content.decode()

    def test_sibling_404_anonymous_401_writing_405(self) -> None:
        assert self.call("GET", self.path, user=self.w.sibling_officer).status_code == 404
        assert self.call("GET", self.path).status_code == 401
        assert self.call("GET", self.path, user=self.w.upper).status_code == 200
        assert self.call("POST", self.path, user=self.w.upper).status_code == 405
        assert (
            self.call("GET", "/api/congresses/999999/open-votes", user=self.w.upper).status_code
            == 404
        )
