"""The congress API: same access rules as the pages, check-in by QR payload, the log, OpenAPI."""

from __future__ import annotations

from api.api_world import ApiTestCase
from daihoi.congresses import errors, services
from daihoi.congresses.models import AttendanceEvent, Presence
from daihoi.congresses.testing import add_guest, add_people, make_congress


class CongressApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.unit)
        cls.people = add_people(cls.congress, 3)
        cls.guest = add_guest(cls.congress)
        cls.other = make_congress(cls.w.sibling)
        (cls.stranger,) = add_people(cls.other, 1)

    def base(self, congress=None) -> str:  # type: ignore[no-untyped-def]
        return f"/api/congresses/{(congress or self.congress).pk}"

    def test_the_list_holds_the_callers_subtree(self) -> None:
        mine = self.call("GET", "/api/congresses/", user=self.w.officer).json()
        assert [c["id"] for c in mine["items"]] == [self.congress.pk]
        assert mine["items"][0]["title"].startswith("Đại hội đại biểu Công đoàn cơ sở")
        above = self.call("GET", "/api/congresses/", user=self.w.upper).json()
        assert {c["id"] for c in above["items"]} == {self.congress.pk, self.other.pk}

    def test_a_sibling_gets_404_and_a_viewer_403_on_writing(self) -> None:
        assert self.call("GET", self.base(), user=self.w.sibling_officer).status_code == 404
        body = {"scanned": self.people[0].token}
        response = self.call("POST", self.base() + "/check-in", body, user=self.w.viewer)
        assert response.status_code == 403
        assert self.call("GET", self.base() + "/hall", user=self.w.viewer).status_code == 200
        assert self.call("GET", self.base()).status_code == 401

    def test_check_in_by_qr_payload_once(self) -> None:
        body = {"scanned": self.people[0].token, "desk": "Bàn 1"}
        first = self.call("POST", self.base() + "/check-in", body, user=self.w.officer).json()
        assert first["recorded"] is True
        assert first["delegate"]["presence"] == Presence.PRESENT
        again = self.call("POST", self.base() + "/check-in", body, user=self.w.officer).json()
        assert again["recorded"] is False and "đã điểm danh" in again["message"]
        assert AttendanceEvent.objects.count() == 1
        hall = self.call("GET", self.base() + "/hall", user=self.w.officer).json()
        assert (hall["present"], hall["summoned"], hall["quorum_needed"]) == (1, 3, 2)

    def test_a_card_of_another_congress_is_refused_with_a_message(self) -> None:
        body = {"scanned": self.stranger.token}
        response = self.call("POST", self.base() + "/check-in", body, user=self.w.upper)
        assert response.status_code == 422
        assert "Thẻ này thuộc đại hội khác" in response.json()["detail"]

    def test_departure_absence_undo_and_the_log(self) -> None:
        person = self.people[1]
        services.check_in(congress=self.congress, delegate=person)
        path = f"{self.base()}/delegates/{person.pk}"
        assert self.call("POST", path + "/check-out", user=self.w.officer).json()["presence"] == (
            Presence.LEFT
        )
        undone = self.call("POST", path + "/undo", user=self.w.officer).json()
        assert undone["presence"] == Presence.PRESENT
        refused = self.call("POST", path + "/absent", {"reason": "Ốm"}, user=self.w.officer)
        assert refused.status_code == 422
        log = self.call("GET", self.base() + "/attendance", user=self.w.viewer).json()
        assert [(e["kind"], e["undone"]) for e in log["items"]] == [("ve", True), ("den", False)]
        foreign = f"{self.base(self.other)}/delegates/{self.stranger.pk}/check-out"
        assert self.call("POST", foreign, user=self.w.officer).status_code == 404

    def test_delegates_are_listed_and_added(self) -> None:
        found = self.call(
            "GET", self.base() + "/delegates?q=dai bieu so 2", user=self.w.viewer
        ).json()
        assert [d["full_name"] for d in found["items"]] == ["Đại biểu Số 2"]
        guests = self.call("GET", self.base() + "/delegates?kind=khach-moi", user=self.w.viewer)
        assert [d["is_voting"] for d in guests.json()["items"]] == [False]
        body = {"kind": "bau", "member_id": self.w.member.pk}
        added = self.call("POST", self.base() + "/delegates", body, user=self.w.officer)
        assert added.status_code == 201 and added.json()["full_name"] == "Lường Danh Vọng"
        outside = {"kind": "bau", "member_id": self.w.sibling_member.pk}
        assert (
            self.call("POST", self.base() + "/delegates", outside, user=self.w.officer).status_code
            == 404
        )
        assert "token" not in added.json()

    def test_a_guest_is_added_with_the_rank_of_their_office(self) -> None:
        body = {"kind": "khach-moi", "full_name": "Vừ A Tiến", "protocol_rank": 1}
        added = self.call("POST", self.base() + "/delegates", body, user=self.w.officer)
        assert added.status_code == 201 and added.json()["protocol_rank"] == 1
        bad = self.call(
            "POST", self.base() + "/delegates", {**body, "protocol_rank": 0}, user=self.w.officer
        )
        assert bad.status_code == 422
        assert bad.json()["errors"] == [
            {"field": "protocol_rank", "message": errors.PROTOCOL_RANK_RANGE}
        ]
        typo = self.call(
            "POST", self.base() + "/delegates", {**body, "protocol_rank": "x"}, user=self.w.officer
        )
        assert typo.json()["errors"][0]["message"] == "Bậc lễ tân: phải là số nguyên."

    def test_the_endpoints_are_in_the_openapi_schema(self) -> None:
        schema = self.call("GET", "/api/openapi.json").json()
        paths = set(schema["paths"])
        for path in (
            "/api/congresses/",
            "/api/congresses/{congress_id}/check-in",
            "/api/congresses/{congress_id}/attendance",
            "/api/congresses/{congress_id}/delegates",
        ):
            assert path in paths


class CongressApiMatrixTests(ApiTestCase):
    """Every endpoint: anonymous 401, sibling 404, read-only writing 403, own unit and above ok."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.unit)
        (cls.delegate,) = add_people(cls.congress, 1)

    def endpoints(self) -> list[tuple[str, str, dict[str, str] | None, bool]]:
        base = f"/api/congresses/{self.congress.pk}"
        person = f"{base}/delegates/{self.delegate.pk}"
        return [  # method, path, body, writes
            ("GET", base, None, False),
            ("GET", base + "/hall", None, False),
            ("GET", base + "/delegates", None, False),
            ("GET", base + "/attendance", None, False),
            ("GET", base + "/hall-votes", None, False),
            ("POST", base + "/delegates", {"kind": "khach-moi", "full_name": "Khách"}, True),
            ("POST", base + "/check-in", {"scanned": str(self.delegate.number)}, True),
            ("POST", person + "/check-out", None, True),
            ("POST", person + "/undo", None, True),
            ("POST", person + "/absent", {"reason": "Ốm"}, True),
        ]

    def test_the_matrix(self) -> None:
        for method, path, body, writes in self.endpoints():
            with self.subTest(method=method, path=path):
                assert self.call(method, path, body).status_code == 401
                assert self.call(method, path, body, user=self.w.sibling_officer).status_code == 404
                viewer = self.call(method, path, body, user=self.w.viewer).status_code
                assert viewer == (403 if writes else 200)
                for user in (self.w.officer, self.w.upper):
                    status = self.call(method, path, body, user=user).status_code
                    assert status in (200, 201, 422), status


class HallVoteApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.unit)
        for person in add_people(cls.congress, 5):
            services.check_in(congress=cls.congress, delegate=person)
        cls.first = services.record_hall_vote(
            congress=cls.congress, subject="chuong-trinh", yes=5, no=0, abstain=0, by=cls.w.officer
        )
        cls.second = services.record_hall_vote(
            congress=cls.congress, subject="nghi-quyet", yes=2, no=2, abstain=1
        )
        cls.other = make_congress(cls.w.sibling)

    def test_the_votes_in_order_with_their_figures(self) -> None:
        path = f"/api/congresses/{self.congress.pk}/hall-votes"
        items = self.call("GET", path, user=self.w.viewer).json()["items"]
        assert [v["id"] for v in items] == [self.first.pk, self.second.pk]
        first, second = items
        assert first["title"] == "Chương trình đại hội" and first["adopted"] is True
        assert first["recorded_by"] == self.w.officer.username
        assert (second["votes_present"], second["votes_yes"], second["votes_no"]) == (5, 2, 2)
        assert second["votes_abstain"] == 1 and second["adopted"] is False
        assert second["decision"] == self.second.decision
        assert second["recorded_by"] == ""
        assert first["current"] is True and first["replaces"] is None

    def test_a_correction_follows_the_vote_it_replaces_which_is_no_longer_current(self) -> None:
        item = self.congress.agenda.get(step="nghi-quyet")
        fixed = services.correct_hall_vote(
            vote=self.second, yes=4, no=1, abstain=0, present=5, reason="Đọc nhầm", agenda_item=item
        )
        path = f"/api/congresses/{self.congress.pk}/hall-votes"
        items = self.call("GET", path, user=self.w.viewer).json()["items"]
        assert [(v["id"], v["current"]) for v in items] == [
            (self.first.pk, True),
            (self.second.pk, False),
            (fixed.pk, True),
        ]
        assert (items[2]["replaces"], items[2]["reason"]) == (self.second.pk, "Đọc nhầm")
        assert items[2]["agenda_item"] == item.pk and items[2]["adopted"] is True

    def test_another_unit_s_votes_are_404_and_writing_is_405(self) -> None:
        path = f"/api/congresses/{self.other.pk}/hall-votes"
        assert self.call("GET", path, user=self.w.officer).status_code == 404
        mine = f"/api/congresses/{self.congress.pk}/hall-votes"
        assert self.call("POST", mine, {}, user=self.w.officer).status_code == 405
