"""The permission matrix over every page of elections.

Counting committee / officer of the unit and officer of the level above: allowed. Officer of a
sibling unit: 404. Read-only role writing: 403. Wrong method: 405. Anonymous: the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import TestCase
from django.urls import reverse
from world import (
    bch_election,
    build_hall,
    build_world,
    closed_paper_round,
    counted_short_round,
)

from daihoi.accounts.models import User

READ, WRITE, POST_ONLY = "read", "write", "post-only"
LOOKUP = "lookup"  # read, with a POST that only looks something up (kept out of the address)


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    kwargs: Callable[[dict[str, Any]], dict[str, Any]]

    @property
    def methods(self) -> tuple[str, ...]:
        return {
            READ: ("GET",),
            LOOKUP: ("GET", "POST"),
            WRITE: ("GET", "POST"),
            POST_ONLY: ("POST",),
        }[self.level]

    @property
    def wrong_method(self) -> str:
        if self.level == READ:
            return "POST"
        return "GET" if self.level == POST_ONLY else "PUT"


def key(name: str, field: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda objects: {field: objects[name]}


PAGES = [
    Page("election_list", READ, key("congress", "congress_id")),
    Page("election_create", WRITE, key("congress", "congress_id")),
    Page("election_detail", READ, key("election", "election_id")),
    Page("candidate_add", WRITE, key("election", "election_id")),
    Page("candidate_withdraw", WRITE, key("candidate", "candidate_id")),
    Page("minutes_result", WRITE, key("election", "election_id")),
    Page("round_detail", READ, key("counted", "round_id")),
    Page("round_approve", POST_ONLY, key("draft", "round_id")),
    Page("round_voting", POST_ONLY, key("draft", "round_id")),
    Page("round_issued", POST_ONLY, key("closed", "round_id")),
    Page("round_collected", POST_ONLY, key("closed", "round_id")),
    Page("round_open", POST_ONLY, key("draft", "round_id")),
    Page("round_close", POST_ONLY, key("draft", "round_id")),
    Page("round_ballots", READ, key("closed", "round_id")),
    Page("round_entry", WRITE, key("closed", "round_id")),
    Page("round_reconcile", READ, key("closed", "round_id")),
    Page("round_resolve", POST_ONLY, key("closed", "round_id")),
    Page("round_count", POST_ONLY, key("draft", "round_id")),
    Page("round_entry_log", READ, key("closed", "round_id")),
    Page("round_decide", WRITE, key("counted", "round_id")),
    Page("round_minutes", READ, lambda o: {"round_id": o["counted"], "suffix": "docx"}),
    Page("round_export", READ, key("counted", "round_id")),
    Page("round_published", LOOKUP, key("counted", "round_id")),
    Page("round_projector", READ, key("counted", "round_id")),
    Page("voting_pass", WRITE, key("delegate", "delegate_id")),
    Page("voting_slips", POST_ONLY, key("congress", "congress_id")),
    Page("open_vote_page", WRITE, key("congress", "congress_id")),
    Page("open_vote_tally", READ, key("congress", "congress_id")),
    Page("open_vote_close", POST_ONLY, key("congress", "congress_id")),
]


def scenario(hall: Any, user: User) -> dict[str, Any]:
    draft = bch_election(hall)
    counted = counted_short_round(hall, user)
    closed = closed_paper_round(hall, user)
    return {
        "congress": hall.congress.pk,
        "election": draft.pk,
        "candidate": draft.candidates.first().pk,
        "draft": draft.rounds.get().pk,
        "counted": counted.pk,
        "closed": closed.pk,
        "delegate": hall.delegates[0].pk,
    }


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.own = scenario(
            build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser)),
            cls.w.officer,
        )
        cls.theirs = scenario(
            build_hall(
                cls.w.sibling, tellers=(cls.w.sibling_officer, cls.w.upper, cls.w.superuser)
            ),
            cls.w.sibling_officer,
        )

    def url(self, page: Page, *, other: bool = False) -> str:
        return reverse(page.name, kwargs=page.kwargs(self.theirs if other else self.own))

    def call(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def test_every_page_is_covered(self) -> None:
        from daihoi.elections import open_vote_views, views
        from daihoi.elections.urls import urlpatterns

        officers = {views.__name__, open_vote_views.__name__}
        mine = [
            p
            for p in urlpatterns
            if getattr(p.callback, "__module__", "") in officers and not p.name.startswith("voter_")
        ]
        assert {p.name for p in mine} == {page.name for page in PAGES}

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES:
            url = self.url(page)
            for method in page.methods:
                with self.subTest(page.name, method=method):
                    response = self.client.generic(method, url)
                    self.assertRedirects(
                        response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                    )

    def allowed(self, user: User) -> None:
        for page in PAGES:
            for method in page.methods:
                with self.subTest(page.name, method=method):
                    status = self.call(user, method, self.url(page))
                    expected = (200, 302) if page.level != POST_ONLY else (302,)
                    if page.name == "voting_slips":
                        expected = (200, 302)  # the PDF, or back when every code is issued
                    if method == "POST" and page.level == WRITE:
                        expected = (200, 302, 422)  # a form shown again with its errors
                    assert status in expected, (page.name, method, status)

    def test_the_counting_committee_officer_of_the_unit_may_do_everything(self) -> None:
        self.allowed(self.w.officer)

    def test_the_officer_of_the_level_above_may_do_everything(self) -> None:
        self.allowed(self.w.upper)

    def test_the_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            for method in page.methods:
                with self.subTest(page.name, method=method):
                    assert self.call(self.w.sibling_officer, method, self.url(page)) == 404

    def test_the_sibling_officer_works_in_their_own_congress(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                method = page.methods[0]
                status = self.call(self.w.sibling_officer, method, self.url(page, other=True))
                assert status in (200, 302)

    def test_a_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            for method in page.methods:
                with self.subTest(page.name, method=method):
                    status = self.call(self.w.viewer, method, self.url(page))
                    assert status == (200 if page.level in (READ, LOOKUP) else 403)

    def test_a_wrong_method_gets_405(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                assert self.call(self.w.officer, page.wrong_method, self.url(page)) == 405
