"""A tie re-vote in the pages and the minutes (rules.md §2.6, §2.10).

The further vote among the tied is decided by more votes alone; for an alternate place its
winner is an alternate ("dự khuyết"), never "trúng cử", on the round page, the projector and
the Word and PDF minutes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.test import TestCase
from django.urls import reverse
from world import (
    approved_round,
    build_hall,
    build_world,
    paper_election,
    paper_vote_and_count,
    spread,
)

from daihoi.elections import services
from daihoi.elections.models import Round
from daihoi.elections.presenters import REVOTE_RULE, REVOTE_WINS_SEAT
from daihoi.elections.projector import render_panel

NAMES = ("An", "Bình", "Cúc", "Dũng", "Giang")
# 3 seats and 1 alternate, 20 ballots (11 needed): An, Bình, Cúc elected; Dũng and Giang tied.
NEEDS = {"An": 13, "Bình": 12, "Cúc": 12, "Dũng": 11, "Giang": 11}


def document_text(content: bytes, suffix: str) -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "documents"))
    from extract import docx_text, flat, pdf_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"minutes{suffix}"
        path.write_bytes(content)
        return flat(docx_text(path) if suffix == ".docx" else pdf_text(path))


class TieRevotePageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper))

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def count(self, round_: Round, ballots: list[list[str]]) -> Round:
        return paper_vote_and_count(
            round_, ballots, user=self.w.officer, tellers=(self.w.officer, self.w.upper)
        )

    def page(self, round_: Round) -> str:
        response = self.client.get(reverse("round_detail", kwargs={"round_id": round_.pk}))
        assert response.status_code == 200
        return response.content.decode()

    def decide(self, round_: Round) -> Round:
        url = reverse("round_decide", kwargs={"round_id": round_.pk})
        data = {"present": 6, "yes": 6, "no": 0, "abstain": 0}
        response = self.client.post(url, data)
        following = Round.objects.get(election=round_.election, number=round_.number + 1)
        assert response.status_code == 302
        assert response["Location"] == reverse("round_detail", kwargs={"round_id": following.pk})
        return following

    def alternates_revote(self) -> tuple[Round, Round]:
        election = paper_election(self.hall, names=NAMES, seats=3, alternates=1)
        first = self.count(approved_round(election), spread(NEEDS, ballots=20, keep=3))
        return first, self.decide(first)

    def test_the_round_page_offers_the_revote_among_the_tied_then_links_to_it(self) -> None:
        first, second = self.alternates_revote()
        # Before the decision: the proposal names the tied and the places left.
        second.delete()
        first.decision.delete()
        text = self.page(first)
        assert "Bằng phiếu: bầu tiếp 1 người trong số Dũng, Giang" in text
        decide = self.client.get(reverse("round_decide", kwargs={"round_id": first.pk}))
        # The show of hands starts from those checked in now.
        self.assertContains(decide, 'name="present" value="6"')
        refused = self.client.post(
            reverse("round_decide", kwargs={"round_id": first.pk}),
            {"present": 100, "yes": 100, "no": 0, "abstain": 0},
        )
        self.assertContains(refused, "Số đại biểu có mặt: đã nhập 100")
        assert not Round.objects.filter(election=first.election, number=2).exists()
        assert "Đại hội quyết định bầu tiếp trong số những người bằng phiếu" in text
        second = self.decide(first)
        text = self.page(first)
        assert f'href="{reverse("round_detail", kwargs={"round_id": second.pk})}"' in text
        assert "Đến lần bầu 2" in text

    def test_an_alternates_revote_reads_du_khuyet_on_the_page_and_the_projector(self) -> None:
        _first, second = self.alternates_revote()
        # Dũng 2 of 5 collected, 2 ballots crossing both names: not over half, still chosen.
        second = self.count(second, [["Dũng"]] * 2 + [["Giang"]] + [[]] * 2)
        text = self.page(second)
        assert "Dự khuyết</td>" in text
        assert "Trúng cử</td>" not in text
        assert "Cần ít nhất" not in text
        assert REVOTE_RULE.format(wins="là đại biểu dự khuyết") in text
        projector = render_panel(self.hall.congress)
        assert REVOTE_RULE.format(wins="là đại biểu dự khuyết") in projector
        assert "Dòng nền vàng: trúng cử." not in projector
        assert "cần ít nhất" not in projector

    def test_the_minutes_of_an_alternates_revote_say_du_khuyet_not_trung_cu(self) -> None:
        _first, second = self.alternates_revote()
        second = self.count(second, [["Dũng"]] * 2 + [["Giang"]] + [[]] * 2)
        for suffix in ("docx", "pdf"):
            url = reverse("round_minutes", kwargs={"round_id": second.pk, "suffix": suffix})
            response = self.client.get(url)
            assert response.status_code == 200
            text = document_text(response.content, f".{suffix}")
            conclusion = text.split("III. KẾT LUẬN", 1)[1]
            assert "xác định đồng chí có tên sau đây là đại biểu dự khuyết" in conclusion
            assert "1. Đồng chí Dũng: 2/5 phiếu" in conclusion
            assert "trúng cử" not in conclusion.split("Biên bản được lập")[0]
            assert "không xét lại điều kiện quá một phần hai" in text
            assert "Người trúng cử phải được quá một phần hai" not in text
            assert "còn thiếu" not in text
            assert "Dũng 2/5 40,00% Dự khuyết" in text

    def test_the_minutes_of_a_seat_revote_elect_below_half(self) -> None:
        election = paper_election(self.hall, names=("An", "Bình", "Cúc", "Dũng"), seats=2)
        ballots = [["An", "Bình"]] * 2 + [["An", "Cúc"]] * 2 + [["Bình", "Cúc"]] * 2 + [["An"]]
        first = self.count(approved_round(election), ballots)
        second = self.count(self.decide(first), [["Bình"]] * 3 + [["Cúc"]] * 2 + [[]] * 2)
        assert REVOTE_RULE.format(wins=REVOTE_WINS_SEAT) in self.page(second)
        url = reverse("round_minutes", kwargs={"round_id": second.pk, "suffix": "docx"})
        text = document_text(self.client.get(url).content, ".docx")
        assert "xác định đồng chí có tên sau đây trúng cử: 1. Đồng chí Bình: 3/7 phiếu" in text
        assert "còn thiếu" not in text
        assert services.standing(second.election).seats_left == 0
