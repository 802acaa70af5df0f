"""The elections on the congress's projector: the mode, the agenda rule, turnout, the result.

The congress app shows the panel through ``daihoi.congresses.panels``, registered by the
elections app; the fragment the projector polls every second is the one tested here.
"""

from __future__ import annotations

from typing import Any

from django.test import TestCase
from django.urls import reverse
from world import build_hall, build_world, phone_round, vote

from daihoi.congresses import panels
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import Congress, ProjectorMode
from daihoi.elections import projector, services
from daihoi.rules.counting import ELECTED, NOT_ELECTED, STATUS_LABELS

HTMX = {"HTTP_HX_REQUEST": "true"}
NAMES = ("An", "Bình", "Cúc")


class HallProjectorTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.congress = cls.hall.congress

    def setUp(self) -> None:
        self.client.force_login(self.w.viewer)

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"congress_id": self.congress.pk})

    def screen(self) -> str:
        response = self.client.get(self.url("projector_screen"), **HTMX)
        assert response.status_code == 200
        return response.content.decode()

    def set_mode(self, mode: str) -> None:
        congress = Congress.objects.get(pk=self.congress.pk)
        congress_services.set_projector_mode(congress=congress, mode=mode)

    def test_the_presidium_switches_the_projector_to_the_elections(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(self.url("presidium")).content.decode()
        assert 'name="mode" value="bau-cu"' in page
        self.client.post(self.url("presidium_projector"), {"mode": "bau-cu"})
        assert Congress.objects.get(pk=self.congress.pk).projector_mode == "bau-cu"

    def test_before_any_vote_the_elections_mode_says_voting_has_not_opened(self) -> None:
        self.set_mode(ProjectorMode.ELECTIONS)
        text = self.screen()
        assert "Chưa mở bỏ phiếu" in text
        assert "data-attendance" in text
        assert 'id="elections-panel"' not in text

    def test_the_turnout_rises_with_each_phone_vote_then_the_result_shows(self) -> None:
        round_ = phone_round(self.hall, names=NAMES, seats=2, user=self.w.officer)
        self.set_mode(ProjectorMode.ELECTIONS)
        text = self.screen()
        assert text.lstrip().startswith('<main id="screen" class="screen screen--bau-cu')
        assert "screen--elections" in text
        assert "Đã bỏ phiếu: 0 / 6" in text
        assert 'max="6" value="0"' in text
        vote(round_, self.hall.delegates[0], "An", "Bình")
        assert "Đã bỏ phiếu: 1 / 6" in self.screen()
        for delegate in self.hall.delegates[1:4]:
            vote(round_, delegate, "An", "Cúc")
        services.close_round(round_=round_)
        assert "Đã kết thúc bỏ phiếu, đang kiểm phiếu" in self.screen()
        services.count_round(round_=round_)
        text = self.screen()
        assert 'id="projector-result"' in text
        assert "Phiếu thu về 4, hợp lệ 4; cần ít nhất 3 phiếu." in text
        assert '<tr class="hall-result__row result--elected"><td class="num">1</td>' in text
        assert "Không trúng cử" in text

    def test_the_agenda_mode_shows_the_panel_while_the_item_is_the_elections(self) -> None:
        phone_round(self.hall, names=NAMES, seats=2, user=self.w.officer)
        congress = Congress.objects.get(pk=self.congress.pk)
        congress_services.set_projector_mode(congress=congress, mode=ProjectorMode.AGENDA)
        item = congress_services.election_item(congress)
        assert item is not None
        congress_services.set_current_item(congress=congress, item=item)
        text = self.screen()
        assert 'id="elections-panel"' in text and item.title in text
        other = congress.agenda.exclude(pk=item.pk).first()
        congress_services.set_current_item(congress=congress, item=other)
        assert 'id="elections-panel"' not in self.screen()
        # The attendance mode shows the attendance, whatever the item.
        congress_services.set_current_item(congress=congress, item=item)
        congress_services.set_projector_mode(congress=congress, mode=ProjectorMode.ATTENDANCE)
        assert 'id="elections-panel"' not in self.screen()

    def test_mo_bau_cu_puts_the_vote_on_the_screen(self) -> None:
        phone_round(self.hall, names=NAMES, seats=2, user=self.w.officer)
        self.client.force_login(self.w.officer)
        self.client.post(self.url("open_election"))
        self.client.force_login(self.w.viewer)
        assert "Đã bỏ phiếu: 0 / 6" in self.screen()

    def test_the_fragment_costs_six_queries_while_voting_and_four_after_the_count(self) -> None:
        # Session, user, congress, the round; while voting, the hall's count and the voters'.
        round_ = phone_round(self.hall, names=NAMES, seats=2, user=self.w.officer)
        self.set_mode(ProjectorMode.ELECTIONS)
        self.screen()
        with self.assertNumQueries(6):
            self.screen()
        services.close_round(round_=round_)
        services.count_round(round_=round_)
        with self.assertNumQueries(4):
            self.screen()

    def test_the_page_loads_the_panel_stylesheet_once(self) -> None:
        page = self.client.get(self.url("projector")).content.decode()
        assert page.count("elections/hall-panel.css") == 1

    def test_the_congress_pages_lead_to_the_elections(self) -> None:
        elections = reverse("election_list", kwargs={"congress_id": self.congress.pk})
        for name in ("congress_detail", "presidium", "agenda"):
            with self.subTest(name):
                page = self.client.get(self.url(name)).content.decode()
                assert f'href="{elections}"' in page
        back = self.client.get(elections).content.decode()
        assert f'href="{self.url("congress_detail")}"' in back


def rows(statuses: list[str]) -> list[dict[str, Any]]:
    return [
        {"rank": n, "status": s, "status_label": STATUS_LABELS[s]}
        for n, s in enumerate(statuses, start=1)
    ]


class LayoutTests(TestCase):
    def test_a_short_list_is_one_column_in_the_biggest_type(self) -> None:
        layout = projector._layout(rows([ELECTED] * 5 + [NOT_ELECTED] * 2))
        assert (len(layout["columns"]), layout["size"], layout["hidden"]) == (1, "big", "")

    def test_thirty_names_are_two_columns_of_fifteen(self) -> None:
        layout = projector._layout(rows([ELECTED] * 9 + [NOT_ELECTED] * 21))
        assert [len(c) for c in layout["columns"]] == [15, 15]
        assert layout["size"] == "small" and layout["hidden"] == ""

    def test_past_thirty_the_elected_are_shown_and_the_others_counted(self) -> None:
        layout = projector._layout(rows([ELECTED] * 9 + ["tied"] * 2 + [NOT_ELECTED] * 29))
        shown = [row for column in layout["columns"] for row in column]
        assert [r["status"] for r in shown] == [ELECTED] * 9 + ["tied"] * 2
        assert layout["hidden"] == (
            "Còn 29 người không trúng cử: số phiếu của từng người có trong biên bản."
        )

    def test_a_large_committee_elected_spreads_over_more_columns_with_fewer_words(self) -> None:
        layout = projector._layout(rows([ELECTED] * 44 + ["tied"] * 2 + [NOT_ELECTED] * 10))
        assert [len(c) for c in layout["columns"]] == [12, 12, 12, 10]
        assert (layout["size"], layout["percent"]) == ("tiny", False)
        marks = [row["mark"] for column in layout["columns"] for row in column]
        assert marks == [""] * 44 + ["Bằng phiếu"] * 2
        assert layout["legend"] == "Dòng nền vàng: trúng cử."

    def test_in_two_columns_only_the_not_elected_lose_their_word(self) -> None:
        layout = projector._layout(rows([ELECTED] * 5 + [NOT_ELECTED] * 15))
        marks = [row["mark"] for column in layout["columns"] for row in column]
        assert marks == ["Trúng cử"] * 5 + [""] * 15
        assert layout["percent"] and not layout["legend"]


class HookTests(TestCase):
    def test_without_a_registered_panel_the_projector_shows_none(self) -> None:
        saved = list(panels._elections)
        panels._elections.clear()
        try:
            assert panels.elections_panel(object()) == ""  # type: ignore[arg-type]
            assert panels.stylesheets() == []
        finally:
            panels._elections[:] = saved
        assert panels.stylesheets() == [projector.STYLESHEET]
