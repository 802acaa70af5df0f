"""Names holding control characters or bidi overrides from before they were refused (issue 9).

The services refuse them now (daihoi.rules.names.has_hidden_characters), but a database may
hold some from before: the minutes of the count, in Word and PDF, are still made, with those
characters left out. One control character in one name made the minutes .docx fail (500).
"""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.urls import reverse
from test_tie_revote_pages import document_text
from world import approved_round, build_hall, build_world, paper_election, paper_vote_and_count

from daihoi.congresses.models import Congress, Delegate
from daihoi.elections.models import Candidate, Election

# (A vertical tab or a file separator is whitespace to the name's normalization: a space.)
# PostgreSQL refuses NUL in a text column, so only SQLite can hold one from before.
HIDDEN = "\x00" if connection.vendor == "sqlite" else ""
HIDDEN += "\x01\x07\x1b\x7f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def spoiled(text: str) -> str:
    """Return text with every hidden character slipped in after its first letter."""
    return text[0] + HIDDEN + text[1:]


class HiddenCharactersInTheMinutesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper))

    def test_the_minutes_are_made_with_the_hidden_characters_left_out(self) -> None:
        election = paper_election(self.hall, names=("An", "Bình", "Cúc"), seats=2)
        # As such values may already be in the database: written past the services.
        Candidate.objects.filter(full_name="Bình").update(full_name=spoiled("Nguyễn Thị Bình"))
        Election.objects.filter(pk=election.pk).update(title=spoiled(election.title))
        congress = self.hall.congress
        Congress.objects.filter(pk=congress.pk).update(
            venue=spoiled("Hội trường Sở"), place=spoiled("Lai Châu")
        )
        committee = Delegate.objects.filter(congress=congress).order_by("pk").first()
        assert committee is not None
        Delegate.objects.filter(pk=committee.pk).update(full_name=spoiled(committee.full_name))
        ballots = [["An", spoiled("Nguyễn Thị Bình")]] * 3 + [["Cúc"]] * 2
        round_ = paper_vote_and_count(
            approved_round(election),
            ballots,
            user=self.w.officer,
            tellers=(self.w.officer, self.w.upper),
        )
        self.client.force_login(self.w.officer)
        for suffix in ("docx", "pdf"):
            url = reverse("round_minutes", kwargs={"round_id": round_.pk, "suffix": suffix})
            response = self.client.get(url)
            assert response.status_code == 200, suffix
            text = document_text(response.content, f".{suffix}")
            assert "Nguyễn Thị Bình" in text, suffix
            assert "Lai Châu" in text and committee.full_name in text, suffix
            assert not set(HIDDEN) & set(text), suffix
