"""The congress's news report: drafted from the record, edited, published, public, in the feed.

The congress of tests.season.record (10 of 11 delegates and a guest; a committee of 3 elected
of 4 names and 2 delegates with 1 alternate, counted by phone) adopts its agenda and its
resolution with two targets. The draft says each of those facts with the record's figures; a
published report keeps its words; only published reports are public; the feed is Atom.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time

import pytest
from django.test import TestCase
from django.utils import timezone
from tests.season.record import BCH_VOTES, DELEGATE_VOTES, congress_with_results, vote_by_phone

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import AttendanceEvent, CongressForm, HallVoteSubject, Presence
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.elections import services as election_services
from daihoi.record import article as writer
from daihoi.record import errors, services
from daihoi.record.errors import ArticleError
from daihoi.record.facts import congress_record
from daihoi.record.models import ArticleStatus
from daihoi.record.services import ArticleData
from daihoi.rules.numbers import percent_vi
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.season.models import Officer, OfficerRole
from daihoi.term import services as term_services
from daihoi.term.services import TargetData
from daihoi.units.testing import build_world

TARGETS = (
    "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
    "Trong nhiệm kỳ giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú trở lên để "
    "bồi dưỡng, kết nạp",
)


def add_targets(congress: object, texts: tuple[str, ...] = TARGETS) -> None:
    for text in texts:
        term_services.add_target(
            congress=congress,  # type: ignore[arg-type]
            data=TargetData(
                text=text, measure=Measure.YES_NO.value, comparison=Comparison.ALL.value,
                period=Period.YEARLY.value, first_year=congress.term_start,  # type: ignore[attr-defined]
                last_year=congress.term_end,  # type: ignore[attr-defined]
            ),
            by=None,
        )  # fmt: skip


class ArticleDraftTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress = congress_with_results(cls.w)
        items = {item.step: item for item in congress.agenda.all()}
        congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.AGENDA, yes=10, no=0, abstain=0,
            agenda_item=items["chuong-trinh"],
        )  # fmt: skip
        add_targets(congress)
        congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.RESOLUTION, yes=9, no=0, abstain=1,
            agenda_item=items["nghi-quyet"],
        )  # fmt: skip

    def draft(self) -> str:
        return writer.draft_body(congress_record(self.congress))

    def test_the_draft_says_when_where_who_and_how_many_came(self) -> None:
        body = self.draft()
        day = self.congress.starts_on
        assert f"{day.day}/{day.month}/{day.year}, tại Hội trường tầng 3, " in body
        assert (
            "Công đoàn cơ sở Sở Công Thương tổ chức Đại hội đại biểu khóa V, nhiệm kỳ 2023 - 2028."
            in body
        )
        assert "Dự Đại hội có các đồng chí: Khách mời - Chủ tịch Công đoàn cấp trên; " in body
        assert "cùng 10/11 đại biểu được triệu tập (90,9%)." in body

    def test_the_draft_quotes_the_hall_votes_and_the_targets_word_for_word(self) -> None:
        body = self.draft()
        assert "thông qua: chương trình đại hội (tán thành 10/10 đại biểu có mặt)." in body
        assert "thông qua Nghị quyết (tán thành 9/10 đại biểu có mặt)" in body
        assert f"đó là: {TARGETS[0]}; {TARGETS[1]}." in body

    def test_the_draft_names_the_elected_with_their_votes(self) -> None:
        body = self.draft()
        elected = ("Nguyễn Thị An", "Trần Văn Bình", "Lò Văn Cường")
        names = ", ".join(
            f"{n} ({BCH_VOTES[n]}/10 phiếu, {percent_vi(BCH_VOTES[n], 10)})" for n in elected
        )
        assert f"nhiệm kỳ 2023 - 2028 gồm 03 đồng chí: {names}." in body
        assert "Phạm Thị Dung" not in body
        assert "cũng đã bầu 02 đại biểu chính thức và 01 đại biểu dự khuyết" in body
        assert (
            f"đại biểu dự khuyết: Trần Văn Bình ({DELEGATE_VOTES['Trần Văn Bình']}/10 phiếu" in body
        )
        assert writer.PENDING not in body

    def test_no_ballot_nor_check_in_token_is_quoted(self) -> None:
        body = self.draft()
        for delegate in self.congress.delegates.all():
            assert delegate.token not in body

    def test_a_target_of_the_term_before_is_said_reviewed_not_adopted(self) -> None:
        term_services.add_target(
            congress=self.congress,
            data=TargetData(
                text="quỹ từ thiện trên 1,3 tỷ đồng", measure=Measure.MONEY.value,
                comparison=Comparison.RECORDED.value, period=Period.TERM.value,
                first_year=2017, last_year=2023,
            ),
            by=None,
        )  # fmt: skip
        body = self.draft()
        assert (
            "Báo cáo tổng kết nhiệm kỳ 2017 - 2023 trình Đại hội: quỹ từ thiện trên 1,3 tỷ đồng."
            in body
        )
        adopted = body.split("đề ra các chỉ tiêu nhiệm kỳ", 1)[1].split("\n", 1)[0]
        assert "1,3 tỷ" not in adopted


class ReelectedTests(TestCase):
    """ "Tái đắc cử" is read from the officer register: the unit's committee of the term before."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress_with_results(cls.w, delegates=False)

    def sat(self, name: str, start: int, role: str = OfficerRole.COMMITTEE) -> None:
        Officer.objects.create(
            unit=self.w.unit, role=role, full_name=name, term_start=start, term_end=start + 5,
            started_on=date(start, 3, 1), ended_on=date(start + 5, 1, 1),
        )  # fmt: skip

    def draft(self) -> str:
        return writer.draft_body(congress_record(self.congress))

    def test_members_of_the_outgoing_committee_are_said_re_elected(self) -> None:
        # the term before: An (typed in lower case) and Dung, who is not elected this time
        self.sat("nguyễn thị an", 2018)
        self.sat("Phạm Thị Dung", 2018)
        # two terms before: Cường sat then, not on the outgoing committee
        self.sat("Lò Văn Cường", 2013)
        body = self.draft()
        assert " gồm 03 đồng chí: " in body
        assert "Trong đó, 01 đồng chí tái đắc cử: Nguyễn Thị An." in body
        assert "Lò Văn Cường tái" not in body and "Dung" not in body

    def test_without_a_register_nothing_is_said_of_re_election(self) -> None:
        assert "tái đắc cử" not in self.draft()

    def test_the_new_committee_in_the_register_is_not_its_own_outgoing_one(self) -> None:
        self.sat("Nguyễn Thị An", self.congress.term_start)  # recognized after the congress
        assert "tái đắc cử" not in self.draft()

    def test_the_chair_who_held_the_chair_before_is_re_elected_to_it(self) -> None:
        voters = list(self.congress.delegates.voting().filter(presence=Presence.PRESENT))
        chair = election_services.create_election(
            congress=self.congress, kind="chu-tich", title="Bầu Chủ tịch", seats=1
        )
        an = self.congress.delegates.get(full_name="Nguyễn Thị An")
        election_services.add_candidate(election=chair, delegate=an)
        vote_by_phone(self.congress, self.w.officer, chair, {"Nguyễn Thị An": 9}, voters)
        assert "Đồng chí Nguyễn Thị An (9/10 phiếu" in self.draft()
        assert "được bầu giữ chức vụ Chủ tịch" in self.draft()
        self.sat("Nguyễn Thị An", 2018)  # on the committee, not its chair: not re-elected chair
        assert "được bầu giữ chức vụ Chủ tịch" in self.draft()
        self.sat("Nguyễn Thị An", 2018, OfficerRole.CHAIR)
        body = self.draft()
        unit = self.congress.unit.name
        assert f"phiếu, 90,0%) tái đắc cử chức Chủ tịch {unit} nhiệm kỳ 2023 - 2028." in body

    def elect(self, kind: str, votes: dict[str, int], seats: int = 1) -> None:
        voters = list(self.congress.delegates.voting().filter(presence=Presence.PRESENT))
        election = election_services.create_election(
            congress=self.congress, kind=kind, title=f"Bầu {kind}", seats=seats
        )
        for name in votes:
            delegate = self.congress.delegates.get(full_name=name)
            election_services.add_candidate(election=election, delegate=delegate)
        vote_by_phone(self.congress, self.w.officer, election, votes, voters)

    def test_the_cell_secretary_who_was_secretary_before_is_re_elected(self) -> None:
        self.elect("bi-thu", {"Nguyễn Thị An": 9})
        assert "Nguyễn Thị An (9/10 phiếu, 90,0%) được bầu giữ chức vụ Bí thư" in self.draft()
        self.sat("Nguyễn Thị An", 2018, OfficerRole.CHAIR)  # another office: not re-elected
        assert "tái đắc cử chức Bí thư" not in self.draft()
        self.sat("Nguyễn Thị An", 2018, OfficerRole.SECRETARY)
        unit = self.congress.unit.name
        assert f"90,0%) tái đắc cử chức Bí thư {unit} nhiệm kỳ 2023 - 2028." in self.draft()

    def test_members_of_the_outgoing_inspection_committee_are_said_re_elected(self) -> None:
        self.elect("ubkt", {"Nguyễn Thị An": 9, "Trần Văn Bình": 8, "Lò Văn Cường": 3}, seats=2)
        self.sat("Trần Văn Bình", 2018, OfficerRole.INSPECTION)
        self.sat("Nguyễn Thị An", 2018)  # on the committee, not the Ủy ban Kiểm tra
        inspection = self.draft().split("Ủy ban Kiểm tra", 1)[1]
        assert "Trong đó, 01 đồng chí tái đắc cử: Trần Văn Bình." in inspection


def test_an_afternoon_congress_opens_as_seed_000_does(db: object) -> None:
    w = build_world()
    congress = make_congress(
        w.section, form=CongressForm.TOAN_THE, number="lần thứ I", term=(2017, 2022),
        on=date(2017, 9, 19),
    )  # fmt: skip
    for person in add_people(congress, 18, prefix="Đoàn viên"):
        congress_services.check_in(congress=congress, delegate=person)
    afternoon = timezone.make_aware(datetime.combine(congress.starts_on, time(14, 0)))
    AttendanceEvent.objects.filter(congress=congress).update(at=afternoon)
    paragraphs = writer.draft_paragraphs(congress_record(congress))
    assert paragraphs[0] == (
        "Chiều 19/9/2017, tại Hội trường tầng 3, Công đoàn bộ phận Văn phòng Sở tổ chức Đại hội "
        "lần thứ I, nhiệm kỳ 2017 - 2022."
    )
    assert paragraphs[1] == "Dự Đại hội có 18/18 đoàn viên được triệu tập (100,0%)."


class ArticleLifeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress = make_congress(cls.w.unit)
        for person in add_people(congress, 5):
            congress_services.check_in(congress=congress, delegate=person)
        add_guest(congress)
        cls.vote = congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.AGENDA, yes=5, no=0, abstain=0
        )

    def test_editing_saves_the_officers_words_in_nfc(self) -> None:
        article = services.draft_article(congress=self.congress, by=self.w.officer)
        decomposed = unicodedata.normalize("NFD", "Đại hội thành công tốt đẹp")
        data = ArticleData(title=decomposed, body="Đoạn một.\r\n\r\nĐoạn hai.", byline="Trần Thu")
        services.edit_article(article=article, data=data, by=None)
        article.refresh_from_db()
        assert article.title == unicodedata.normalize("NFC", decomposed)
        assert article.paragraphs == ["Đoạn một.", "Đoạn hai."]

    def test_an_empty_title_or_body_is_refused_and_nothing_changes(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        before = (article.title, article.body)
        with pytest.raises(ArticleError) as caught:
            services.edit_article(article=article, data=ArticleData(title=" ", body="\n"), by=None)
        assert caught.value.messages == [errors.TITLE_REQUIRED, errors.BODY_REQUIRED]
        article.refresh_from_db()
        assert (article.title, article.body) == before

    def test_a_hidden_character_is_refused(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        with pytest.raises(ArticleError) as caught:
            services.edit_article(
                article=article, data=ArticleData(title="Tin\u202e", body="Nội dung"), by=None
            )
        assert caught.value.errors[0].field == "title"

    def test_a_published_report_keeps_the_figures_it_was_published_with(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        services.publish_article(article=article, by=self.w.officer)
        congress_services.correct_hall_vote(
            vote=self.vote, yes=4, no=1, abstain=0, present=5, reason="Đếm lại"
        )
        with pytest.raises(ArticleError):
            services.draft_article(congress=self.congress, by=None)
        with pytest.raises(ArticleError):
            services.edit_article(article=article, data=ArticleData(title="x", body="y"), by=None)
        article.refresh_from_db()
        assert "tán thành 5/5" in article.body and article.is_published
        assert "tán thành 4/5" in writer.draft_body(congress_record(self.congress))

    def test_a_report_is_not_published_while_a_round_is_not_counted(self) -> None:
        election = election_services.create_election(
            congress=self.congress, kind="bch", title="Bầu Ban Chấp hành", seats=1
        )
        election_services.add_candidate(
            election=election, delegate=self.congress.delegates.voting().first()
        )
        article = services.draft_article(congress=self.congress, by=None)
        assert writer.PENDING in article.body
        with pytest.raises(ArticleError) as caught:
            services.publish_article(article=article, by=None)
        assert caught.value.messages == [errors.PROVISIONAL.format(title="Bầu Ban Chấp hành")]
        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT and article.published_at is None

    def test_a_body_still_saying_pending_is_not_published(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        data = ArticleData(title="Tin", body="Kết quả (chưa có kết quả cuối cùng).")
        services.edit_article(article=article, data=data, by=None)
        with pytest.raises(ArticleError) as caught:
            services.publish_article(article=article, by=None)
        assert caught.value.messages == [errors.QUOTES_PENDING]

    def test_withdrawing_makes_it_a_draft_again(self) -> None:
        article = services.publish_article(
            article=services.draft_article(congress=self.congress, by=None), by=None
        )
        services.withdraw_article(article=article, by=None)
        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT and article.published_at is None
        with pytest.raises(ArticleError) as caught:
            services.withdraw_article(article=article, by=None)
        assert caught.value.messages == [errors.NOT_PUBLISHED]


def test_the_speeches_given_are_in_the_article_and_the_minutes(db: object) -> None:
    from tests.record.test_congress_documents import flat
    from tests.season.test_result_file import docx_text

    from daihoi.congresses import speeches
    from daihoi.congresses.models import SpeechKind
    from daihoi.record import documents

    w = build_world()
    congress = make_congress(w.unit)
    guidance = speeches.add_speech(
        congress=congress, kind=SpeechKind.GUIDANCE, speaker="Nguyễn Trọng Thức",
        speaker_title="Bí thư Chi bộ Văn phòng Sở",
    )  # fmt: skip
    contribution = speeches.add_speech(
        congress=congress, kind=SpeechKind.CONTRIBUTION, speaker="Lò Thị Mai",
        topic="Công tác nữ công",
    )  # fmt: skip
    speeches.add_speech(congress=congress, kind=SpeechKind.REMARKS, speaker="Chưa được mời")
    at = timezone.make_aware(datetime.combine(congress.starts_on, time(9, 30)))
    speeches.call_speech(speech=contribution, at=at)
    speeches.call_speech(speech=guidance, at=at.replace(hour=10, minute=0))
    record = congress_record(congress)
    body = writer.draft_body(record)
    assert (
        "Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng Sở."
        in body
    )
    assert (
        "Tại Đại hội, 01 tham luận đã được trình bày: đồng chí Lò Thị Mai (Công tác nữ công)."
        in body
    )
    assert "Chưa được mời" not in body
    content = documents.render(documents.minutes_blocks(record), title="x", kind="docx")
    minutes = flat(docx_text(content))
    assert "09:30: Tham luận - đồng chí Lò Thị Mai: “Công tác nữ công”." in minutes
    assert (
        "10:00: Phát biểu chỉ đạo - đồng chí Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng Sở."
        in minutes
    )
    assert minutes.index("09:30: Tham luận") < minutes.index("10:00: Phát biểu chỉ đạo")
    assert "Chưa được mời" not in minutes
