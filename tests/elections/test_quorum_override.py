"""Opening a round without the quorum: the presidium decides once, and is not asked again."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse
from world import approved_round, bch_election, build_hall, build_world

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import QuorumOverride
from daihoi.elections import services
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import RoundStatus

REASON = "Đại biểu vắng do mưa lũ, cấp trên đồng ý bằng văn bản"


class StandingOverrideTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(
            cls.w.unit, delegates=1, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser)
        )  # 1 present of 2 voting delegates

    def record_override(self) -> None:
        """The presidium's "Ghi quyết định và mở bầu cử" on the congress's own page."""
        congress_services.require_quorum_or_override(
            self.hall.congress, override_by=self.w.officer, reason=REASON
        )

    def test_without_a_decision_opening_still_asks_for_the_reason(self) -> None:
        round_ = approved_round(bch_election(self.hall))
        with pytest.raises(ElectionError, match="Cần Đoàn Chủ tịch quyết định"):
            services.open_round(round_=round_, user=self.w.officer)

    def test_a_decision_recorded_at_the_presidium_opens_the_round_without_a_new_reason(
        self,
    ) -> None:
        self.record_override()
        round_ = approved_round(bch_election(self.hall))
        services.open_round(round_=round_, user=self.w.officer)
        round_.refresh_from_db()
        assert round_.status == RoundStatus.OPEN
        assert (round_.summoned, round_.present) == (2, 1)
        assert QuorumOverride.objects.count() == 1

    def test_a_decision_taken_when_opening_a_round_covers_the_next_election(self) -> None:
        first = approved_round(bch_election(self.hall))
        services.open_round(round_=first, user=self.w.officer, override_reason=REASON)
        second = approved_round(bch_election(self.hall, seats=1, names=("An", "Bình")))
        services.open_round(round_=second, user=self.w.officer)
        second.refresh_from_db()
        assert second.status == RoundStatus.OPEN
        assert QuorumOverride.objects.get().reason == REASON

    def test_the_round_page_shows_the_decision_instead_of_asking_and_opens(self) -> None:
        round_ = approved_round(bch_election(self.hall))
        url = reverse("round_detail", kwargs={"round_id": round_.pk})
        self.client.force_login(self.w.officer)
        asking = self.client.get(url).content.decode()
        assert 'name="reason"' in asking and 'id="standing-override"' not in asking

        self.record_override()
        page = self.client.get(url).content.decode()
        assert 'name="reason"' not in page
        assert 'id="standing-override"' in page
        assert f"(1/2 có mặt), lý do: {REASON}. Không cần ghi lại lý do." in page
        response = self.client.post(reverse("round_open", kwargs={"round_id": round_.pk}))
        assert response.status_code == 302
        round_.refresh_from_db()
        assert round_.status == RoundStatus.OPEN
        assert QuorumOverride.objects.count() == 1
