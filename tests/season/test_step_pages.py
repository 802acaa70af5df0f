"""Steps and the board through the pages: the permission matrix, one unit's way to recognition."""

from __future__ import annotations

import datetime
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.season import services, views
from daihoi.season.models import SeasonStep, SeasonUnit, StepKind, StepStatus
from daihoi.season.services import PlanRow, SeasonData
from daihoi.units.models import UnitKind
from daihoi.units.testing import World, build_world

D = datetime.date


def planned(w: World) -> tuple[SeasonUnit, SeasonUnit]:
    season = services.open_season(
        unit=w.province,
        data=SeasonData(
            name="Kế hoạch đại hội công đoàn các cấp", term_start=2023, term_end=2028,
            deadlines={UnitKind.CDCS: D(2025, 12, 31)},
        ),
        by=None,
    )  # fmt: skip
    services.save_plan(
        season=season,
        rows=[
            PlanRow(w.unit.pk, D(2025, 10, 20), True, 2, 3),
            PlanRow(w.sibling.pk, D(2025, 11, 10), False, 1, 3),
        ],
    )
    entries = SeasonUnit.objects.filter(season=season)
    return entries.get(unit=w.unit), entries.get(unit=w.sibling)


def on(day: datetime.date) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class StepPermissionTests(TestCase):
    """A lower unit sees only its own steps; the upper level its subtree and the board."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry, cls.sibling_entry = planned(cls.w)
        cls.step = services.send_personnel_plan(
            entry=cls.entry, committee_size=3, note="", by=None, today=D(2025, 9, 1)
        )
        cls.viewer_above = User.objects.create_user(
            "xem.tinh", password="x-y-z-123456", unit=cls.w.province, role="viewer"
        )

    def status(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def test_matrix(self) -> None:
        w = self.w
        season = self.entry.season_id
        own_steps = reverse("season_unit_steps", args=[w.unit.pk])
        sibling_steps = reverse("season_unit_steps", args=[w.sibling.pk])
        send = reverse("season_send_step", args=[self.entry.pk, StepKind.RESULT])
        send_sibling = reverse("season_send_step", args=[self.sibling_entry.pk, "de-an-nhan-su"])
        answer = reverse("season_step", args=[self.step.pk])
        board = reverse("season_board", args=[season])
        from_congress = reverse("season_send_congress_result", args=[self.entry.pk])
        sibling_from_congress = reverse("season_send_congress_result", args=[self.sibling_entry.pk])
        file = reverse("season_result_file", args=[self.step.pk, "pdf"])
        decision = reverse("season_decision_file", args=[self.step.pk, "pdf"])
        upper = reverse("season_upper", args=[season])
        replace = reverse("season_upper_replace", args=[season, self.entry.pk])
        excel = reverse("season_board_excel", args=[season])
        typed = reverse("season_send_typed_result", args=[self.entry.pk])
        typed_sibling = reverse("season_send_typed_result", args=[self.sibling_entry.pk])
        sheet = reverse("season_import_result_sheet", args=[self.entry.pk])
        sheet_sibling = reverse("season_import_result_sheet", args=[self.sibling_entry.pk])
        template = reverse("season_result_sheet_template", args=[self.entry.pk])
        register = reverse("season_officer_register", args=[w.unit.pk])
        sibling_register = reverse("season_officer_register", args=[w.sibling.pk])
        cases = [
            # the officer register: the unit's and the levels above, not a sibling's
            (w.officer, "GET", register, 200),
            (w.upper, "GET", register, 200),
            (w.viewer, "GET", register, 200),
            (w.officer, "GET", sibling_register, 404),
            (w.sibling_officer, "POST", register, 404),
            (w.viewer, "POST", register, 403),
            (w.officer, "POST", register, 400),  # refused: nothing typed
            (w.upper, "PUT", register, 405),
            # a result file from Excel and its template: as the typed file
            (w.officer, "GET", sheet, 200),
            (w.upper, "GET", sheet, 200),
            (w.officer, "GET", sheet_sibling, 404),
            (w.sibling_officer, "POST", sheet, 404),
            (w.viewer, "POST", sheet, 403),
            (w.upper, "PUT", sheet, 405),
            (w.officer, "GET", template, 200),
            (w.viewer, "GET", template, 200),
            (w.sibling_officer, "GET", template, 404),
            (w.upper, "POST", template, 405),
            # the board's Excel export: the upper level's, as the board
            (w.upper, "GET", excel, 200),
            (self.viewer_above, "GET", excel, 200),
            (w.officer, "GET", excel, 404),
            (w.sibling_officer, "GET", excel, 404),
            (w.upper, "POST", excel, 405),
            # a file typed with its names: the unit and the levels above, not a sibling
            (w.officer, "GET", typed, 200),
            (w.upper, "GET", typed, 200),
            (w.officer, "GET", typed_sibling, 404),
            (w.sibling_officer, "POST", typed, 404),
            (w.viewer, "POST", typed, 403),
            (w.upper, "PUT", typed, 405),
            # the upper congress built from below: the upper level's page, not the units'
            (w.officer, "GET", upper, 404),
            (w.sibling_officer, "GET", upper, 404),
            (w.officer, "POST", replace, 404),
            (w.upper, "GET", upper, 200),
            (self.viewer_above, "GET", upper, 200),
            (self.viewer_above, "POST", upper, 403),
            (self.viewer_above, "POST", replace, 403),
            (w.upper, "GET", replace, 405),
            (w.upper, "PUT", upper, 405),
            # the lower unit: its own steps, not its sibling's, not the upper's board or answers
            (w.officer, "GET", own_steps, 200),
            (w.officer, "POST", send, 400),  # refused: the plan is not approved yet
            (w.officer, "GET", sibling_steps, 404),
            (w.officer, "POST", send_sibling, 404),
            (w.officer, "GET", board, 404),
            (w.officer, "GET", answer, 404),
            (w.officer, "POST", answer, 404),
            (w.viewer, "GET", own_steps, 200),
            (w.viewer, "POST", send, 403),
            (w.officer, "POST", from_congress, 404),  # the unit has no congress in daihoi
            (w.officer, "POST", sibling_from_congress, 404),
            (w.viewer, "POST", from_congress, 403),
            (w.officer, "GET", file, 404),  # a personnel plan has no generated file
            (w.sibling_officer, "GET", file, 404),
            (w.upper, "POST", file, 405),
            (w.officer, "GET", decision, 302),  # refused: not recognized, back with the reason
            (w.sibling_officer, "GET", decision, 404),
            (w.upper, "POST", decision, 405),
            (w.upper, "GET", from_congress, 405),
            (w.sibling_officer, "GET", own_steps, 404),
            (w.sibling_officer, "GET", board, 404),
            # the upper level: the subtree and the board
            (w.upper, "GET", own_steps, 200),
            (w.upper, "GET", sibling_steps, 200),
            (w.upper, "GET", board, 200),
            (w.upper, "GET", answer, 200),
            (w.superuser, "GET", board, 200),
            (self.viewer_above, "GET", board, 200),
            (self.viewer_above, "POST", answer, 403),
            # methods
            (w.upper, "POST", board, 405),
            (w.upper, "GET", send, 405),
            (w.upper, "POST", own_steps, 405),
            (w.upper, "PUT", answer, 405),
            (w.upper, "POST", reverse("season_send_step", args=[self.entry.pk, "khac"]), 404),
        ]
        for user, method, url, expected in cases:
            assert self.status(user, method, url) == expected, (user, method, url)
        for url in (own_steps, board, answer, upper, register):
            self.client.logout()
            assert "?next=" in self.client.get(url)["Location"]
        assert SeasonStep.objects.count() == 1

    def test_every_page_is_in_the_matrix(self) -> None:
        from daihoi.season.urls import urlpatterns

        assert {p.name for p in urlpatterns} == {
            "season_list",
            "season_plan",
            "season_board",
            "season_unit_steps",
            "season_send_step",
            "season_step",
            "season_send_congress_result",
            "season_result_file",
            "season_decision_file",
            "season_upper",
            "season_upper_replace",
            "season_send_typed_result",
            "season_board_excel",
            "season_import_result_sheet",
            "season_result_sheet_template",
            "season_officer_register",
        }


class OneUnitToRecognitionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry, cls.sibling_entry = planned(cls.w)

    def as_user(self, user: User) -> None:
        self.client.logout()
        self.client.force_login(user)

    def board(self, **query: str) -> str:
        self.as_user(self.w.upper)
        response = self.client.get(reverse("season_board", args=[self.entry.season_id]), query)
        assert response.status_code == 200
        return response.content.decode()

    def test_plan_congress_result_recognition_and_the_board(self) -> None:
        w, entry = self.w, self.entry
        self.as_user(w.officer)
        with on(D(2025, 9, 1)):
            page = self.client.get(reverse("season_unit_steps", args=[w.unit.pk])).content.decode()
            assert "Gửi đề án nhân sự" in page and w.sibling.name not in page
            response = self.client.post(
                reverse("season_send_step", args=[entry.pk, StepKind.PERSONNEL_PLAN]),
                {"committee_size": "3", "note": "Cơ cấu: 1 nữ"},
                follow=True,
            )
            assert "Đã gửi đề án nhân sự lên Liên đoàn Lao động tỉnh Lai Châu." in (
                response.content.decode()
            )
            again = self.client.post(
                reverse("season_send_step", args=[entry.pk, StepKind.PERSONNEL_PLAN]),
                {"committee_size": "3"},
            )
            assert again.status_code == 400
            assert "đã gửi ngày 01/09/2025" in again.content.decode()
        plan = SeasonStep.objects.get(kind=StepKind.PERSONNEL_PLAN)
        with on(D(2025, 9, 3)):
            assert "Đề án nhân sự chờ duyệt (1)" in self.board()
            response = self.client.post(
                reverse("season_step", args=[plan.pk]),
                {"action": "tra-lai", "answered_on": "2025-09-03", "reason": ""},
            )
            assert response.status_code == 400
            assert "Lý do trả lại: ghi rõ" in response.content.decode()
            self.client.post(
                reverse("season_step", args=[plan.pk]),
                {"action": "duyet", "answered_on": "2025-09-03"},
            )
        self.as_user(w.officer)
        with on(D(2025, 10, 21)):
            response = self.client.post(
                reverse("season_send_step", args=[entry.pk, StepKind.RESULT]),
                {"held_on": "2025-10-20", "committee_size": "3", "delegates_elected": "3"},
            )
            assert response.status_code == 400
            assert "đã bầu 3 đại biểu chính thức, nhiều hơn 2 được cấp trên phân bổ" in (
                response.content.decode()
            )
            self.client.post(
                reverse("season_send_step", args=[entry.pk, StepKind.RESULT]),
                {"held_on": "2025-10-20", "committee_size": "3", "delegates_elected": "2"},
            )
        result = SeasonStep.objects.get(kind=StepKind.RESULT)
        with on(D(2025, 11, 3)):
            self.as_user(w.upper)
            self.client.post(
                reverse("season_step", args=[result.pk]),
                {"action": "duyet", "answered_on": "2025-11-03"},
            )
        with on(D(2025, 11, 18)):
            page = self.board()
            assert "Hồ sơ đủ, chờ quyết định công nhận (1)" in page
            assert "BCH 3/3 ủy viên được duyệt · 2/2 đại biểu đã bầu / được phân bổ" in page
            assert "Quá hạn: hạn công nhận là ngày 17 tháng 11 năm 2025" in page
            # The sibling planned 10/11 has sent nothing: warned.
            assert "Quá ngày dự kiến đại hội 10/11/2025 mà chưa gửi hồ sơ kết quả." in page
            filtered = self.board(**{"trang-thai": "cho-cong-nhan"})
            assert w.unit.name in filtered and w.sibling.name not in filtered
            response = self.client.post(
                reverse("season_step", args=[result.pk]),
                {"decision_number": "125/QĐ-LĐLĐ", "decided_on": "2025-11-18"},
                follow=True,
            )
            assert "Đã ghi quyết định công nhận số 125/QĐ-LĐLĐ" in response.content.decode()
            assert "Quyết định sau hạn ngày 17 tháng 11 năm 2025" in response.content.decode()
            assert "Đã công nhận (1)" in self.board()
        assert SeasonStep.objects.get(pk=result.pk).status == StepStatus.RECOGNIZED

    def test_the_board_takes_the_same_queries_however_many_steps(self) -> None:
        self.as_user(self.w.upper)
        url = reverse("season_board", args=[self.entry.season_id])
        for entry in (self.entry, self.sibling_entry):
            step = services.send_personnel_plan(
                entry=entry, committee_size=3, note="", by=None, today=D(2025, 9, 1)
            )
            services.answer_step(
                step=step, approve=True, reason="", answered_on=D(2025, 9, 2), by=None,
                today=D(2025, 9, 2),
            )  # fmt: skip
        # session, user, season, entries with units, their steps, deadlines, the branches
        with self.assertNumQueries(7):
            response = self.client.get(url)
        assert response.content.decode().count("Đề án đã duyệt, chờ đại hội") == 3


class BoardFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.season = services.open_season(
            unit=cls.w.province,
            data=SeasonData(
                name="Kế hoạch", term_start=2023, term_end=2028,
                deadlines={UnitKind.CD_VIEN_CHUC: D(2025, 10, 31), UnitKind.CDCS: D(2025, 12, 31)},
            ),
            by=None,
        )  # fmt: skip

    def board(self, **query: str) -> str:
        self.client.force_login(self.w.upper)
        url = reverse("season_board", args=[self.season.pk])
        return self.client.get(url, query).content.decode()

    def test_filters_by_kind_and_by_branch_and_progress_per_branch(self) -> None:
        w = self.w
        page = self.board()
        assert "0/3 đã đại hội (0,0%), 0 đã công nhận" in page  # the one branch: CĐ Viên chức
        by_kind = self.board(loai=UnitKind.CDCS)
        assert f'id="unit-{w.unit.pk}"' in by_kind and f'id="unit-{w.sibling.pk}"' in by_kind
        assert f'id="unit-{w.upper_grassroots.pk}"' not in by_kind
        assert "Tất cả (2)" in by_kind
        by_branch = self.board(nhanh=str(w.upper_grassroots.pk))
        assert "Tất cả (3)" in by_branch
        assert "Tất cả (0)" in self.board(nhanh=str(w.unit.pk))  # not a branch: nothing
        assert "Tất cả (3)" in self.board(nhanh="abc")  # unreadable: no filter
        # The status links keep the other filters.
        assert f"?loai={UnitKind.CDCS}&amp;trang-thai=chua-gui" in by_kind

    def test_the_board_pages_its_units_and_the_pages_keep_the_filters(self) -> None:
        w = self.w
        with mock.patch.object(views, "BOARD_PER_PAGE", 1):
            first = self.board(loai=UnitKind.CDCS)
            second = self.board(loai=UnitKind.CDCS, trang="2")
        assert "Trang 1 / 2" in first and "Trang 2 / 2" in second
        assert f"?loai={UnitKind.CDCS}&amp;trang=2" in first
        shown = [p.count(f'id="unit-{u.pk}"') for p in (first, second) for u in (w.unit, w.sibling)]
        assert sorted(shown) == [0, 0, 1, 1]
        assert "Tất cả (2)" in second  # the counts are the filter's, not the page's
