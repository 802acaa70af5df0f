"""A conference (hội nghị, seed 004) reuses the congress day without elections or quorum.

Seed 004: "Hội nghị điển hình tiên tiến trong công nhân, viên chức, lao động tỉnh lần thứ V",
Điện Biên, 08/7/2020, 125 delegates. The pages, cards, projector and report say "Hội nghị";
a congress (the default kind) prints exactly what it printed before.
"""

from __future__ import annotations

import io
import shutil
import tempfile

import docx
from django.test import TestCase, override_settings
from django.urls import reverse

from daihoi.congresses import cards, errors, report, services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import (
    AgendaItem,
    Congress,
    CongressForm,
    DelegateKind,
    EventKind,
    OrganKind,
    ProjectorMode,
)
from daihoi.congresses.services import CongressData, DelegateData
from daihoi.congresses.testing import add_guest, add_people, make_conference, make_congress
from daihoi.units.models import Member
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-conference-")
TITLE = "Hội nghị điển hình tiên tiến lần thứ V"


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


@override_settings(MEDIA_ROOT=MEDIA)
class ConferenceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.conference = make_conference(cls.w.unit)
        cls.people = add_people(cls.conference, 4)
        cls.guest = add_guest(cls.conference)
        for delegate in cls.people[:3]:
            services.check_in(congress=cls.conference, delegate=delegate)
        cls.congress = make_congress(cls.w.unit)
        add_people(cls.congress, 3)

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def url(self, name: str, congress: Congress | None = None) -> str:
        return reverse(name, kwargs={"congress_id": (congress or self.conference).pk})

    # ------------------------------------------------------------------ the record

    def test_a_conference_is_named_by_its_organizers_not_by_a_term(self) -> None:
        assert self.conference.title == TITLE
        assert self.conference.term_line == "giai đoạn 2015 - 2020"
        assert self.conference.event_word == "Hội nghị"

    def test_a_conference_has_a_presidium_and_secretariat_but_no_election_committees(self) -> None:
        kinds = list(self.conference.organs.values_list("kind", flat=True))
        assert kinds == [OrganKind.DOAN_CHU_TICH, OrganKind.DOAN_THU_KY]

    def test_a_conference_agenda_has_no_elections_and_says_hoi_nghi(self) -> None:
        steps = list(self.conference.agenda.values_list("step", "title"))
        assert services.ELECTION_STEP not in [step for step, _ in steps]
        assert ("khai-mac", "Khai mạc Hội nghị") in steps
        assert ("be-mac", "Bế mạc Hội nghị") in steps
        assert not any("Đại hội" in title for _, title in steps)

    def test_conference_delegates_are_summoned_and_counted_and_no_quota_applies(self) -> None:
        assert {p.kind for p in self.people} == {DelegateKind.ATTENDEE}
        figures = services.attendance(self.conference)
        assert (figures.summoned, figures.present, figures.guests) == (4, 3, 1)
        assert services.quota_checks(self.conference) == []

    def test_a_member_added_to_a_conference_is_a_conference_delegate(self) -> None:
        added = services.add_delegates_from_members(
            congress=self.conference, members=Member.objects.in_subtree(self.w.unit)
        )
        assert added and {d.kind for d in added} == {DelegateKind.ATTENDEE}

    def test_an_elected_delegate_is_refused_at_a_conference(self) -> None:
        with self.assertRaises(CongressError) as caught:
            services.add_delegate(
                congress=self.conference,
                data=DelegateData(full_name="Lò Văn Muôn", kind=DelegateKind.ELECTED),
            )
        assert caught.exception.messages == [
            errors.DELEGATE_KIND_FOR_FORM.format(form="Hội nghị", kind="Chính thức bầu")
        ]

    def test_a_conference_needs_a_name(self) -> None:
        data = CongressData.of(self.conference)
        with self.assertRaises(CongressError) as caught:
            services.create_congress(
                unit=self.w.unit, data=CongressData(**{**vars(data), "name": "  "})
            )
        assert caught.exception.messages == [errors.CONFERENCE_NAME_REQUIRED]

    def test_a_congress_with_elected_delegates_cannot_become_a_conference(self) -> None:
        congress = make_congress(self.w.section, form=CongressForm.TOAN_THE)
        add_people(congress, 1)
        data = CongressData.of(congress)
        with self.assertRaises(CongressError) as caught:
            services.update_congress(
                congress=congress,
                data=CongressData(
                    **{**vars(data), "event_kind": EventKind.HOI_NGHI, "name": "tổng kết"}
                ),
            )
        assert caught.exception.messages == [
            errors.DELEGATE_KIND_FOR_FORM.format(form="Hội nghị", kind="Dự đại hội toàn thể")
        ]
        congress.refresh_from_db()
        assert congress.event_kind == EventKind.DAI_HOI

    def test_the_desk_messages_of_a_conference_say_hoi_nghi(self) -> None:
        with self.assertRaises(CongressError) as caught:
            services.find_by_code(self.conference, "77")
        assert caught.exception.messages == ["Không có đại biểu số 77 trong hội nghị này."]
        card = self.congress.delegates.first()
        assert card is not None
        with self.assertRaises(CongressError) as caught:
            services.find_by_code(self.conference, card.token)
        assert caught.exception.messages == [
            f"Thẻ này không thuộc hội nghị này mà thuộc: {self.congress.title}."
        ]
        with self.assertRaises(CongressError) as caught:
            services.find_by_code(self.congress, "77")
        assert caught.exception.messages == [errors.NUMBER_NOT_FOUND.format(number=77)]

    def test_a_closed_conference_says_hoi_nghi(self) -> None:
        conference = make_conference(self.w.section)
        services.set_status(congress=conference, status="be-mac")
        with self.assertRaises(CongressError) as caught:
            add_people(conference, 1)
        assert caught.exception.messages == [errors.CONFERENCE_CLOSED]

    # ------------------------------------------------------------------ the pages

    def test_the_create_form_offers_the_conference_and_makes_one(self) -> None:
        url = reverse("congress_create", kwargs={"unit_id": self.w.section.pk})
        page = self.client.get(url, {"loai": "hoi-nghi"})
        self.assertContains(page, '<option value="hoi-nghi" selected>Hội nghị</option>', html=True)
        response = self.client.post(
            url,
            {
                "event_kind": "hoi-nghi",
                "name": "điển hình  tiên tiến",
                "number": "lần thứ V",
                "term_start": "2015",
                "term_end": "2020",
                "form": "toan-the",  # ignored: a conference summons delegates
                "starts_on": "08/07/2020",
            },
        )
        conference = Congress.objects.get(unit=self.w.section)
        self.assertRedirects(response, reverse("congress_detail", args=[conference.pk]))
        assert (conference.event_kind, conference.form) == (
            EventKind.HOI_NGHI,
            CongressForm.DAI_BIEU,
        )
        assert conference.title == TITLE

    def test_the_list_offers_to_create_a_conference_and_names_its_kind(self) -> None:
        page = self.client.get(reverse("congress_list"))
        self.assertContains(page, "?loai=hoi-nghi")
        self.assertContains(page, f">{TITLE}</a>")
        self.assertContains(page, '<td class="hide-narrow">Hội nghị</td>', html=True)

    def test_the_conference_page_says_hoi_nghi_and_shows_no_elections_nor_quorum(self) -> None:
        page = self.client.get(self.url("congress_detail"))
        self.assertContains(page, f"<h1>{TITLE}</h1>", html=True)
        self.assertContains(page, "giai đoạn 2015 - 2020")
        self.assertContains(page, "Sửa thông tin hội nghị")
        self.assertContains(page, "Báo cáo tình hình đại biểu dự hội nghị (Word)")
        self.assertContains(page, "có mặt")
        for absent in (
            "điều kiện tiến hành",
            "Kiểm tra theo quy định",
            'id="nav-elections"',
            "Chỉ tiêu nhiệm kỳ",
            reverse("hall_votes", args=[self.conference.pk]),
            "Cơ quan đại hội",
            "Sửa thông tin đại hội",
        ):
            self.assertNotContains(page, absent)

    def test_the_congress_page_is_as_it_was(self) -> None:
        page = self.client.get(self.url("congress_detail", self.congress))
        for present in (
            "điều kiện tiến hành",
            "Kiểm tra theo quy định",
            'id="nav-elections"',
            "Chỉ tiêu nhiệm kỳ",
            reverse("hall_votes", args=[self.congress.pk]),
            "Cơ quan đại hội",
            "Sửa thông tin đại hội",
            "Đại hội đại biểu",
        ):
            self.assertContains(page, present)
        self.assertNotContains(page, "hội nghị")

    def test_the_presidium_of_a_conference_shows_attendance_without_elections(self) -> None:
        page = self.client.get(self.url("presidium"))
        self.assertContains(page, "<span data-present>3</span>/<span data-summoned>4</span>")
        self.assertContains(page, "Trạng thái hội nghị")
        self.assertContains(page, "Tên hội nghị (chào mừng)")
        for absent in ("Mở bầu cử", "quorum-message", "chưa đủ số lượng", "Kết quả biểu quyết"):
            self.assertNotContains(page, absent)

    def test_a_conference_projector_refuses_the_election_and_vote_modes(self) -> None:
        for mode in (ProjectorMode.ELECTIONS, ProjectorMode.HALL_VOTE):
            self.client.post(self.url("presidium_projector"), {"mode": mode})
            self.conference.refresh_from_db()
            assert self.conference.projector_mode == ProjectorMode.ATTENDANCE
        self.client.post(self.url("presidium_projector"), {"mode": ProjectorMode.WELCOME})
        self.conference.refresh_from_db()
        assert self.conference.projector_mode == ProjectorMode.WELCOME

    def test_the_conference_projector_shows_who_is_present_and_no_quorum(self) -> None:
        screen = self.client.get(self.url("projector_screen"))
        self.assertContains(screen, TITLE)
        self.assertContains(screen, "<span data-present>3</span>", html=True)
        self.assertNotContains(screen, "điều kiện tiến hành")
        congress_screen = self.client.get(self.url("projector_screen", self.congress))
        self.assertContains(congress_screen, "Chưa đủ điều kiện tiến hành")

    def test_the_delegate_list_filters_by_the_kinds_of_its_event_only(self) -> None:
        page = self.client.get(self.url("delegate_list"))
        self.assertContains(page, '<option value="du-hoi-nghi">Đại biểu dự hội nghị</option>')
        self.assertNotContains(page, "Dự đại hội toàn thể")
        self.assertNotContains(page, "Chính thức bầu")
        congress_page = self.client.get(self.url("delegate_list", self.congress))
        self.assertContains(congress_page, "Chính thức bầu")
        self.assertNotContains(congress_page, "hội nghị")

    def test_the_conference_desk_shows_attendance_without_quorum(self) -> None:
        page = self.client.get(self.url("desk"))
        self.assertContains(page, "3/4")
        self.assertNotContains(page, "điều kiện tiến hành")

    def test_the_public_documents_page_says_hoi_nghi(self) -> None:
        self.client.logout()
        page = self.client.get(reverse("public_documents", args=[self.conference.public_token]))
        self.assertContains(page, "Chương trình hội nghị")
        self.assertNotContains(page, "đại hội")

    # ------------------------------------------------------------------ cards and report

    def test_a_conference_card_says_the_delegate_attends_the_conference(self) -> None:
        html = "".join(
            cards.cards_html_pages(self.conference, cards.delegates_for_cards(self.conference))
        )
        assert TITLE.upper() in html
        assert html.count("THẺ ĐẠI BIỂU DỰ HỘI NGHỊ") == 4
        assert html.count("KHÁCH MỜI") == 1
        assert "Đại biểu dự hội nghị" not in html  # the role line says it already

    def test_a_congress_card_is_as_it_was(self) -> None:
        html = "".join(
            cards.cards_html_pages(self.congress, cards.delegates_for_cards(self.congress))
        )
        assert html.count('<div class="role">ĐẠI BIỂU</div>') == 3
        assert html.count("Chính thức bầu") == 3
        assert "HỘI NGHỊ" not in html

    def test_the_conference_report_is_the_presidiums_without_quorum(self) -> None:
        text = docx_text(report.credentials_report(self.conference, kind="docx"))
        assert f"Tình hình đại biểu dự {TITLE}" in text
        assert "Đoàn Chủ tịch Hội nghị báo cáo tình hình đại biểu dự Hội nghị như sau:" in text
        assert "Tổng số đại biểu được triệu tập: 4 đồng chí." in text
        assert "Số đại biểu có mặt: 3 đồng chí, đạt 75,0% số được triệu tập." in text
        assert "Khách mời dự Hội nghị" not in text  # the guest has not come
        assert "Kính trình Hội nghị." in text
        assert "KẾT LUẬN" not in text and "điều kiện tiến hành" not in text
        assert "Đại hội" not in text

    def test_the_congress_report_is_as_it_was(self) -> None:
        text = docx_text(report.credentials_report(self.congress, kind="docx"))
        assert "Ban Thẩm tra tư cách đại biểu báo cáo Đại hội như sau:" in text
        assert "III. KẾT LUẬN" in text
        assert "Kính trình Đại hội." in text
        assert "Hội nghị" not in text

    def test_the_api_says_which_kind_of_event(self) -> None:
        from daihoi.congresses.api import CongressOut

        out = CongressOut.from_orm(self.conference).model_dump()
        assert (out["event_kind"], out["title"]) == ("hoi-nghi", TITLE)
        assert CongressOut.from_orm(self.congress).model_dump()["event_kind"] == "dai-hoi"

    def test_the_season_is_not_offered_a_conference_as_the_units_congress(self) -> None:
        from daihoi.congresses import results

        assert results.congresses_of_unit(self.w.unit.pk) == [self.congress]
        assert results.congress_of_unit(self.w.unit.pk, self.conference.pk) is None
        assert results.congress_of_unit(self.w.unit.pk, self.congress.pk) == self.congress

    def test_a_conference_holds_no_election(self) -> None:
        from daihoi.elections import errors as election_errors
        from daihoi.elections import services as elections
        from daihoi.elections.errors import ElectionError

        with self.assertRaises(ElectionError) as caught:
            elections.create_election(
                congress=self.conference, kind="bch", title="Bầu Ban Chấp hành", seats=5
            )
        assert str(caught.exception) == election_errors.CONFERENCE_NO_ELECTIONS
        response = self.client.post(
            reverse("election_create", args=[self.conference.pk]),
            {"kind": "bch", "title": "Bầu Ban Chấp hành", "seats": "5"},
        )
        self.assertContains(response, election_errors.CONFERENCE_NO_ELECTIONS)
        assert not self.conference.elections.exists()

    def test_a_congress_created_without_a_kind_is_a_congress(self) -> None:
        congress = Congress.objects.get(pk=self.congress.pk)
        assert congress.event_kind == EventKind.DAI_HOI and congress.name == ""
        assert congress.title.startswith("Đại hội đại biểu Công đoàn cơ sở Sở Công Thương")
        items = AgendaItem.objects.filter(congress=congress)
        assert items.filter(step=services.ELECTION_STEP).exists()
