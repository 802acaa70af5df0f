"""A result recorded from the minutes of a vote not held in daihoi: who, no figure, all or none."""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse
from world import approved_round, bch_election, build_hall, build_world

from daihoi.congresses import results
from daihoi.documents.blocks import Para
from daihoi.elections import errors, services
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import MinutesResult, MinutesSeat
from daihoi.record import article, documents
from daihoi.record.facts import congress_record

SOURCE = "Biên bản kiểm phiếu ngày 19/9/2017 (bản giấy lưu tại văn phòng)"


class MinutesResultTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        cls.day = cls.hall.congress.starts_on

    def setUp(self) -> None:
        self.election = bch_election(self.hall, seats=5)
        self.people = list(self.election.candidates.order_by("name_key"))

    def record(self, **kwargs: object) -> MinutesResult:
        data: dict[str, object] = {
            "election": self.election,
            "elected": self.people[:5],
            "held_on": self.day,
            "source": SOURCE,
            "by": self.w.officer,
        }
        data.update(kwargs)
        return services.record_result_from_minutes(**data)  # type: ignore[arg-type]

    def refused(self, message: str, **kwargs: object) -> None:
        with self.assertRaisesMessage(ElectionError, message):
            self.record(**kwargs)
        assert not MinutesResult.objects.exists() and not MinutesSeat.objects.exists()

    def test_the_outcome_names_the_elected_in_the_minutes_order_without_figures(self) -> None:
        chosen = [self.people[4], *self.people[:4]]
        self.record(elected=chosen)
        (outcome,) = results.outcomes_of(self.hall.congress)
        assert [p.name for p in outcome.elected] == [p.full_name for p in chosen]
        assert not any(p.has_figures for p in outcome.elected)
        assert (outcome.complete, outcome.rounds, outcome.source) == (True, 0, SOURCE)
        assert outcome.counted_on == self.day

    def test_the_news_draft_names_them_says_the_source_and_quotes_no_figure(self) -> None:
        self.record()
        body = article.draft_body(congress_record(self.hall.congress))
        assert "gồm 05 đồng chí: " + ", ".join(p.full_name for p in self.people[:5]) in body
        assert f"Nguồn kết quả bầu cử: {SOURCE}. Số phiếu bầu không được ghi nhận." in body
        assert " phiếu, " not in body

    def test_the_list_cannot_change_nor_be_voted_once_the_result_is_recorded(self) -> None:
        self.record()
        recorded = errors.MINUTES_RECORDED.format(
            day=f"{self.day:%d/%m/%Y}", action=errors.ACTION_EDIT_LIST
        )
        with self.assertRaisesMessage(ElectionError, recorded):
            services.add_candidate(election=self.election, full_name="Người thêm")
        with self.assertRaisesMessage(ElectionError, errors.ACTION_APPROVE):
            approved_round(self.election)
        with self.assertRaisesMessage(ElectionError, errors.MINUTES_ALREADY):
            self.record()

    def test_an_election_voted_here_keeps_its_count(self) -> None:
        approved_round(self.election)
        self.refused(errors.MINUTES_VOTED.format(number=1, status="Danh sách đã thông qua"))

    def test_more_elected_than_seats_is_refused(self) -> None:
        self.election.candidates.create(full_name="Người thứ tám", name_key="x")
        everyone = list(self.election.candidates.all())
        self.refused(errors.MINUTES_TOO_MANY.format(count=6, seats=5), elected=everyone[:6])

    def test_an_alternate_not_asked_for_is_refused(self) -> None:
        self.refused(
            errors.MINUTES_TOO_MANY_ALTERNATES.format(count=1, alternates=0),
            elected=self.people[:5],
            alternates=self.people[5:6],
        )

    def test_a_name_twice_or_off_the_list_is_refused(self) -> None:
        self.refused(
            errors.MINUTES_TWICE.format(name=self.people[0].full_name),
            elected=[self.people[0], self.people[0]],
        )
        other = bch_election(self.hall).candidates.first()
        assert other is not None
        self.refused(errors.MINUTES_NOT_ON_LIST.format(name=other.full_name), elected=[other])

    def test_nobody_elected_or_no_source_or_a_day_outside_the_congress_is_refused(self) -> None:
        self.refused(errors.MINUTES_NONE_ELECTED, elected=[])
        self.refused(errors.MINUTES_SOURCE_REQUIRED, source="  ")
        before = self.day - datetime.timedelta(days=1)
        self.refused(
            errors.MINUTES_BEFORE_CONGRESS.format(
                held=f"{before:%d/%m/%Y}", congress=f"{self.day:%d/%m/%Y}"
            ),
            held_on=before,
        )


def _texts(content: list[object]) -> list[str]:
    return [b.content for b in content if isinstance(b, Para) and isinstance(b.content, str)]


class MinutesResultPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        election = bch_election(cls.hall, seats=3)
        cls.people = list(election.candidates.order_by("name_key"))[:3]
        services.record_result_from_minutes(
            election=election,
            elected=cls.people,
            held_on=cls.hall.congress.starts_on,
            source=SOURCE,
            by=None,
        )
        cls.election = election
        cls.record = congress_record(cls.hall.congress)

    def test_the_election_page_shows_the_result_and_its_source_and_no_list_to_edit(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("election_detail", args=[self.election.pk]))
        self.assertContains(page, "Kết quả ghi theo biên bản")
        self.assertContains(page, ", ".join(p.full_name for p in self.people))
        self.assertContains(page, SOURCE)
        self.assertContains(page, "số phiếu bầu không được ghi nhận")
        self.assertNotContains(page, reverse("candidate_add", args=[self.election.pk]))
        listing = self.client.get(reverse("election_list", args=[self.hall.congress.pk]))
        self.assertContains(listing, "Theo biên bản (")
        self.assertNotContains(page, "Vòng bầu lần 1")

    def test_the_resolution_and_the_minutes_name_them_with_the_source_and_no_figure(self) -> None:
        names = "; ".join(p.full_name for p in self.people)
        resolution = _texts(documents.resolution_blocks(self.record))
        minutes = _texts(documents.minutes_blocks(self.record))
        said = f"Nguồn kết quả bầu cử: {SOURCE}. Số phiếu bầu không được ghi nhận."
        assert any(names + "." in line for line in resolution), resolution
        assert said in resolution and said in minutes
        assert f"1. {self.people[0].full_name}." in minutes
        assert not any("/0 phiếu" in line for line in resolution + minutes)


class MinutesResultFormTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        cls.election = bch_election(cls.hall, seats=2)
        cls.url = reverse("minutes_result", args=[cls.election.pk])

    def test_the_officer_records_the_minutes_result_through_the_form(self) -> None:
        self.client.force_login(self.w.officer)
        detail = self.client.get(reverse("election_detail", args=[self.election.pk]))
        self.assertContains(detail, self.url)
        people = list(self.election.candidates.order_by("name_key"))[:2]
        day = self.hall.congress.starts_on
        data = {
            "elected": [p.pk for p in people],
            "held_on": f"{day:%d/%m/%Y}",
            "source": SOURCE,
        }
        response = self.client.post(self.url, data)
        assert response.status_code == 302
        recorded = MinutesResult.objects.get(election=self.election)
        assert recorded.recorded_by == self.w.officer and recorded.source == SOURCE
        assert [s.candidate for s in recorded.seats.all()] == people
        assert "alternates" not in self.client.get(self.url).context["form"].fields

    def test_a_refusal_comes_back_on_the_form_with_nothing_written(self) -> None:
        self.client.force_login(self.w.officer)
        day = self.hall.congress.starts_on
        response = self.client.post(self.url, {"held_on": f"{day:%d/%m/%Y}", "source": SOURCE})
        assert response.context["form"].errors["elected"] == [errors.MINUTES_NONE_ELECTED]
        assert not MinutesResult.objects.exists()

    def test_access(self) -> None:
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.url).status_code == 403
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.url).status_code == 404
        self.client.logout()
        assert self.client.get(self.url).status_code == 302
