"""The congress pages at work: desk, presidium, projector, lists (query counts), forms."""

from __future__ import annotations

from datetime import date

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import hall_views, services
from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    OrganKind,
    Presence,
    ProjectorMode,
    QuorumOverride,
)
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.elections import services as election_services
from daihoi.elections.models import Election
from daihoi.units.errors import HIDDEN_CHARACTERS
from daihoi.units.models import Member
from daihoi.units.testing import build_world

HTMX = {"HTTP_HX_REQUEST": "true"}


class DeskTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        services.add_delegates_from_members(
            congress=cls.congress, members=Member.objects.in_subtree(cls.w.unit)
        )
        cls.vong = cls.congress.delegates.get()
        cls.people = add_people(cls.congress, 3)

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def url(self, name: str, **kwargs: object) -> str:
        return reverse(name, kwargs={"congress_id": self.congress.pk, **kwargs})

    def test_a_scanned_qr_checks_in_and_refreshes_the_counters(self) -> None:
        response = self.client.post(
            self.url("desk_scan"), {"code": self.vong.token, "desk": "Bàn 2"}, **HTMX
        )
        assert response.status_code == 200
        assert response["HX-Trigger"] == "attendance-changed"
        self.assertContains(response, "Lường Danh Vọng")
        self.assertContains(response, "Đã điểm danh")
        event = AttendanceEvent.objects.get(delegate=self.vong)
        assert (event.desk, event.by) == ("Bàn 2", self.w.officer)
        # The desk is remembered for the next page load.
        self.assertContains(self.client.get(self.url("desk")), 'value="Bàn 2"')

    def test_a_desk_name_or_an_absence_reason_with_hidden_characters_is_refused(self) -> None:
        """Issue 9: control characters and bidi overrides are refused in every text typed."""
        desk = {"code": self.vong.token, "desk": "Bàn\u202e 2"}
        response = self.client.post(self.url("desk_scan"), desk, **HTMX)
        self.assertContains(response, HIDDEN_CHARACTERS.format(label="Bàn đón tiếp"))
        person = self.people[0]
        absent = self.url("desk_action", delegate_id=person.pk, action="vang")
        response = self.client.post(absent, {"reason": "Ốm\x1b"}, **HTMX)
        self.assertContains(response, HIDDEN_CHARACTERS.format(label="Lý do vắng"))
        assert not AttendanceEvent.objects.filter(delegate__in=[self.vong, person]).exists()

    def test_without_javascript_the_scan_redirects_with_a_message(self) -> None:
        response = self.client.post(self.url("desk_scan"), {"code": "999999"}, follow=True)
        self.assertContains(response, "Không có đại biểu số 999999")

    def test_a_name_typed_without_diacritics_is_found(self) -> None:
        response = self.client.get(self.url("desk_search"), {"q": "luong danh vong"}, **HTMX)
        self.assertContains(response, "Lường Danh Vọng")
        self.assertNotContains(response, "Đại biểu Số 1")
        # Without htmx the desk page itself lists the matches.
        page = self.client.get(self.url("desk"), {"q": "vong"})
        self.assertContains(page, "Lường Danh Vọng")

    def test_a_search_of_thousands_of_words_or_one_huge_word_answers(self) -> None:
        """SQLite refuses a LIKE pattern of 50,000 bytes and an expression 1,000 deep: whatever
        is pasted in the desk's search box, it answers and finds nobody."""
        many = " ".join(f"so{i}" for i in range(3_000))
        for typed in (many, "[" * 100_000):
            response = self.client.get(self.url("desk_search"), {"q": typed}, **HTMX)
            assert response.status_code == 200, typed[:20]
            self.assertNotContains(response, "Lường Danh Vọng")
            assert self.client.get(self.url("desk"), {"q": typed}).status_code == 200

    def test_one_tap_arrival_departure_absence_and_undo_swap_the_row(self) -> None:
        person = self.people[0]

        def act(action: str, **data: str) -> str:
            url = self.url("desk_action", delegate_id=person.pk, action=action)
            response = self.client.post(url, data, **HTMX)
            assert response.status_code == 200
            assert response["HX-Trigger"] == "attendance-changed"
            return response.content.decode()

        assert "Đã điểm danh" in act("den")
        assert "Ra về" not in act("hoan-tac").split("</td>")[-2]  # expected again: no departure
        act("den")
        assert "Đã ghi Đại biểu Số 1 ra về" in act("ve")
        person.refresh_from_db()
        assert person.presence == Presence.LEFT
        assert "Lý do vắng: không được để trống." in act("vang", reason="")
        assert "Ốm" in act("vang", reason="Ốm")
        person.refresh_from_db()
        assert (person.presence, person.absence_reason) == (Presence.ABSENT, "Ốm")

    def test_a_check_in_by_name_records_the_desk_like_a_scan(self) -> None:
        person = self.people[1]
        url = self.url("desk_action", delegate_id=person.pk, action="den")
        # The desk's name typed at the top of the page comes with the row's button (htmx).
        self.client.post(url, {"q": "so 2", "desk": "Bàn 3"}, **HTMX)
        assert AttendanceEvent.objects.get(delegate=person).desk == "Bàn 3"
        # Without JavaScript the desk remembered from the last scan or tap is used.
        self.client.post(self.url("desk_action", delegate_id=person.pk, action="ve"), {"q": ""})
        assert AttendanceEvent.objects.filter(delegate=person).latest("seq").desk == "Bàn 3"
        self.assertContains(self.client.get(self.url("desk")), 'value="Bàn 3"')

    def test_the_desk_rows_carry_the_desk_name_field(self) -> None:
        page = self.client.get(self.url("desk"), {"q": "so 1"}).content.decode()
        assert 'hx-include="#desk-name"' in page and 'id="desk-name"' in page

    def test_undo_is_offered_only_while_there_is_something_to_undo(self) -> None:
        person = self.people[2]
        undo = self.url("desk_action", delegate_id=person.pk, action="hoan-tac")
        row = self.client.post(
            self.url("desk_action", delegate_id=person.pk, action="den"), **HTMX
        ).content.decode()
        assert "Hoàn tác" in row
        row = self.client.post(undo, **HTMX).content.decode()
        assert "Đã hoàn tác" in row and ">Hoàn tác<" not in row
        search = self.client.get(self.url("desk_search"), {"q": "so 3"}, **HTMX).content.decode()
        assert ">Hoàn tác<" not in search

    def test_undo_from_the_scan_result(self) -> None:
        self.client.post(self.url("desk_scan"), {"code": self.vong.token}, **HTMX)
        url = self.url("desk_action", delegate_id=self.vong.pk, action="hoan-tac")
        response = self.client.post(url, {"from": "scan"}, **HTMX)
        self.assertContains(response, "Đã hoàn tác lượt đến của Lường Danh Vọng")
        self.vong.refresh_from_db()
        assert self.vong.presence == Presence.EXPECTED

    def test_counters_count_voting_delegates_and_guests_apart(self) -> None:
        guest = add_guest(self.congress)
        services.check_in(congress=self.congress, delegate=guest)
        services.check_in(congress=self.congress, delegate=self.vong)
        response = self.client.get(self.url("desk_counters"), **HTMX)
        self.assertContains(response, "1/4")  # voting: 1 of 4
        self.assertContains(response, "1/1")  # guests: 1 of 1


class ProjectorTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.people = add_people(cls.congress, 3)

    def setUp(self) -> None:
        self.client.force_login(self.w.viewer)
        self.screen = reverse("projector_screen", kwargs={"congress_id": self.congress.pk})

    def test_the_screen_shows_attendance_and_quorum(self) -> None:
        services.check_in(congress=self.congress, delegate=self.people[0])
        response = self.client.get(self.screen, **HTMX)
        self.assertContains(response, "<span data-present>1</span>", html=False)
        self.assertContains(response, 'data-quorum="not-reached"')
        for person in self.people[1:]:
            services.check_in(congress=self.congress, delegate=person)
        self.assertContains(self.client.get(self.screen, **HTMX), 'data-quorum="reached"')

    def test_the_fragment_costs_four_queries_in_every_mode(self) -> None:
        # Session, user (with unit), congress (with unit and agenda item), the hall's counts
        # (or the latest show of hands); the elections mode also asks the elections panel for
        # the round the hall follows, and the hall vote mode first looks for a vote open on the
        # phones (elections' open votes) before the latest show of hands.
        for mode in ProjectorMode.values:
            services.set_projector_mode(congress=self.congress, mode=mode)
            expected = {"chao-mung": 3, "bau-cu": 5, "bieu-quyet": 5}.get(mode, 4)
            with self.subTest(mode), self.assertNumQueries(expected):
                assert self.client.get(self.screen, **HTMX).status_code == 200

    def test_the_page_refreshes_itself_with_or_without_javascript(self) -> None:
        page = self.client.get(reverse("projector", kwargs={"congress_id": self.congress.pk}))
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, '<noscript><meta http-equiv="refresh" content="2"></noscript>')
        self.assertContains(page, "nonce=")

    def test_welcome_mode_shows_the_documents_qr(self) -> None:
        services.set_projector_mode(congress=self.congress, mode=ProjectorMode.WELCOME)
        response = self.client.get(self.screen, **HTMX)
        self.assertContains(response, "<svg")
        self.assertContains(response, "Quét mã để đọc tài liệu")


class PresidiumTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.people = add_people(cls.congress, 3)
        cls.guest = add_guest(cls.congress)
        election_services.create_election(
            congress=cls.congress, kind="bch", title="Bầu Ban Chấp hành", seats=5
        )

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"congress_id": self.congress.pk})

    def test_the_button_is_disabled_and_refused_without_quorum(self) -> None:
        services.check_in(congress=self.congress, delegate=self.people[0])
        services.check_in(congress=self.congress, delegate=self.guest)
        page = self.client.get(self.url("presidium"))
        self.assertContains(
            page, 'id="open-election" class="button button--primary button--big" disabled'
        )
        response = self.client.post(self.url("open_election"), follow=True)
        self.assertContains(response, "chưa đủ điều kiện")
        self.congress.refresh_from_db()
        assert self.congress.current_item is None

    def test_open_election_without_an_election_says_so_and_moves_nothing(self) -> None:
        congress = make_congress(self.w.section, form="toan-the")
        assert not Election.objects.filter(congress=congress).exists()
        for person in add_people(congress, 2):
            services.check_in(congress=congress, delegate=person)
        url = reverse("open_election", kwargs={"congress_id": congress.pk})
        response = self.client.post(url, follow=True)
        self.assertContains(response, hall_views.NO_ELECTION)
        congress.refresh_from_db()
        assert congress.current_item is None

    def test_with_quorum_the_hall_moves_to_the_elections(self) -> None:
        for person in self.people[:2]:
            services.check_in(congress=self.congress, delegate=person)
        response = self.client.post(self.url("open_election"), follow=True)
        self.assertContains(response, "đủ điều kiện tiến hành")
        congress = Congress.objects.get(pk=self.congress.pk)
        assert congress.current_item.step == "bau-cu"
        assert congress.projector_mode == ProjectorMode.AGENDA

    def test_an_override_needs_a_reason_and_is_recorded(self) -> None:
        response = self.client.post(self.url("open_election"), {"override": "1"}, follow=True)
        self.assertContains(response, "Lý do: ghi rõ lý do")
        self.client.post(
            self.url("open_election"), {"override": "1", "reason": "Cấp trên đồng ý bằng văn bản"}
        )
        override = QuorumOverride.objects.get()
        assert (override.present, override.summoned) == (0, 3)

    def test_a_recorded_override_stands_and_the_button_opens_without_asking_again(self) -> None:
        self.client.post(
            self.url("open_election"), {"override": "1", "reason": "Cấp trên đồng ý bằng văn bản"}
        )
        Congress.objects.filter(pk=self.congress.pk).update(current_item=None)
        fragment = self.client.get(self.url("presidium_quorum"), **HTMX)
        self.assertNotContains(fragment, 'button--big" disabled')
        self.assertContains(fragment, "Đoàn Chủ tịch đã quyết định tiến hành khi chưa đủ số lượng")
        self.client.post(self.url("open_election"))
        assert Congress.objects.get(pk=self.congress.pk).current_item.step == "bau-cu"
        assert QuorumOverride.objects.count() == 1

    def test_switching_the_projector_and_the_current_item(self) -> None:
        self.client.post(self.url("presidium_projector"), {"mode": "chuong-trinh"})
        self.client.post(self.url("presidium_item"), {"item": "next"})
        self.client.post(self.url("presidium_item"), {"item": "next"})
        congress = Congress.objects.get(pk=self.congress.pk)
        assert congress.projector_mode == "chuong-trinh"
        assert congress.current_item.order == 2
        self.client.post(self.url("presidium_item"), {"item": ""})
        assert Congress.objects.get(pk=self.congress.pk).current_item is None

    def test_the_quorum_fragment_is_cheap(self) -> None:
        with self.assertNumQueries(5):  # session, user, congress, counts, standing override
            self.client.get(self.url("presidium_quorum"), **HTMX)


class ListAndFormTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        add_people(cls.congress, 30)
        add_guest(cls.congress)

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def test_the_delegate_list_costs_the_same_for_any_length(self) -> None:
        url = reverse("delegate_list", kwargs={"congress_id": self.congress.pk})
        # Session, user, congress, count, page rows.
        with self.assertNumQueries(5):
            response = self.client.get(url, {"q": "so 1"}, **HTMX)
        assert response.status_code == 200
        names = [d.full_name for d in response.context["page"].object_list]
        assert "Đại biểu Số 10" in names and "Đại biểu Số 3" not in names

    def test_the_congress_list_costs_the_same_for_any_length(self) -> None:
        make_congress(self.w.section, form="toan-the")
        make_congress(self.w.unit, term=(2028, 2033))
        with self.assertNumQueries(4):
            response = self.client.get(reverse("congress_list"))
        assert len(response.context["page"].object_list) == 3

    def test_create_a_congress_from_the_form(self) -> None:
        url = reverse("congress_create", kwargs={"unit_id": self.w.section.pk})
        response = self.client.post(
            url,
            {
                "number": "lần thứ I",
                "term_start": "2017",
                "term_end": "2022",
                "form": "toan-the",
                "starts_on": "19/09/2017",
                "venue": "Hội trường Sở",
                "place": "Lai Châu",
            },
        )
        congress = Congress.objects.get(unit=self.w.section)
        self.assertRedirects(response, reverse("congress_detail", args=[congress.pk]))
        assert congress.starts_on == date(2017, 9, 19)
        assert congress.created_by == self.w.officer

    def test_a_bad_term_is_shown_beside_the_field(self) -> None:
        url = reverse("congress_create", kwargs={"unit_id": self.w.section.pk})
        response = self.client.post(
            url,
            {
                "term_start": "2022",
                "term_end": "2017",
                "form": "toan-the",
                "starts_on": "2017-09-19",
            },
        )
        self.assertContains(response, "Nhiệm kỳ: năm kết thúc (2017) phải sau năm bắt đầu (2022).")

    def test_members_are_added_from_a_unit_of_the_subtree(self) -> None:
        url = reverse("delegates_add_members", kwargs={"congress_id": self.congress.pk})
        response = self.client.post(url, {"unit": self.w.section.pk, "kind": "bau"}, follow=True)
        self.assertContains(response, "Đã thêm 1 người")
        response = self.client.post(url, {"unit": self.w.sibling.pk, "kind": "bau"})
        self.assertContains(response, "không có trong danh sách")

    def test_the_unit_select_of_add_members_asks_in_vietnamese(self) -> None:
        url = reverse("delegates_add_members", kwargs={"congress_id": self.congress.pk})
        response = self.client.get(url)
        self.assertNotContains(response, "Select an option")
        self.assertContains(response, "— Chọn —")

    def test_the_organ_page_records_a_show_of_hands(self) -> None:
        organ = self.congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        delegate = self.congress.delegates.get(number=1)
        add = reverse("organ_member_add", args=[self.congress.pk, organ.pk])
        self.client.post(add, {"delegate": delegate.pk, "role": "truong-ban"})
        vote = reverse("organ_approval", args=[self.congress.pk, organ.pk])
        # The show of hands is checked against the check-in: 26 are checked in.
        for person in self.congress.delegates.voting().order_by("number")[:26]:
            services.check_in(congress=self.congress, delegate=person)
        response = self.client.post(
            vote, {"yes": "20", "no": "5", "abstain": "1", "present": "26"}, follow=True
        )
        self.assertContains(response, "Được thông qua")
        organ.refresh_from_db()
        assert organ.adopted and organ.votes_present == 26
        refused = self.client.post(
            vote, {"yes": "100", "no": "0", "abstain": "0", "present": "100"}, follow=True
        )
        self.assertContains(refused, "Số đại biểu có mặt: đã nhập 100")
        organ.refresh_from_db()
        assert organ.votes_present == 26

    def test_the_agenda_editor_changes_an_item(self) -> None:
        item = self.congress.agenda.get(order=7)
        url = reverse("agenda_edit", args=[self.congress.pk, item.pk])
        self.client.post(
            url, {f"i{item.pk}-title": "Báo cáo chính trị", f"i{item.pk}-presenter": "Rcom Jen"}
        )
        item.refresh_from_db()
        assert (item.title, item.presenter) == ("Báo cáo chính trị", "Rcom Jen")
