"""The entry screen (htmx partial, corrections, mode), reconciliation, and the voter's pages."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import zxingcpp
from django.db import connection
from django.http import HttpResponse
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from world import (
    approved_round,
    bch_election,
    build_hall,
    build_world,
    closed_paper_round,
    counted_short_round,
    phone_round,
    typed,
    vote,
)

from daihoi.congresses import services as congress_services
from daihoi.elections import errors, services
from daihoi.elections.models import PaperEntry, PhoneBallot, Round, RoundStatus
from daihoi.rules.counting import count, result_to_json
from daihoi.rules.election import Ballot, parse_election


def read_codes(content: bytes) -> list[Any]:
    """Decode the barcodes on a PDF's first page, rendered at 200 dpi, as a phone would."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-", f"{folder}/p"],
            input=content,
            check=True,
        )
        with Image.open(next(Path(folder).glob("p*.png"))) as image:
            return list(zxingcpp.read_barcodes(image))


class EntryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.round = closed_paper_round(cls.hall, cls.w.officer)

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)
        self.url = reverse("round_entry", kwargs={"round_id": self.round.pk})

    def test_the_page_lists_the_names_by_ballot_number(self) -> None:
        response = self.client.get(self.url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "<b>1</b> Nguyễn Thị Bình" in text
        assert "autofocus" in text

    def test_an_htmx_line_returns_the_panel_with_the_running_totals(self) -> None:
        response = self.client.post(
            self.url, {"keys": "1357", "mode": "crossed"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert text.lstrip().startswith('<section class="entry__panel" id="entry-panel"')
        assert "Phiếu số 1: gạch 1, 3, 5, 7." in text
        assert '<strong id="entered">1</strong>' in text
        assert '<strong id="valid">1</strong>' in text

    def test_a_bad_line_returns_422_with_the_message_and_logs_nothing(self) -> None:
        response = self.client.post(
            self.url, {"keys": "2 12", "mode": "crossed"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 422
        assert "Số 12 không có trên phiếu (phiếu có 7 tên)." in response.content.decode()
        assert not PaperEntry.objects.exists()

    def test_without_javascript_the_form_posts_and_redirects(self) -> None:
        response = self.client.post(self.url, {"keys": "h", "mode": "crossed"})
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        assert PaperEntry.objects.get().kept is not None

    def test_the_mode_is_remembered_for_the_teller(self) -> None:
        self.client.post(self.url, {"keys": "12", "mode": "kept"}, headers={"HX-Request": "true"})
        entry = PaperEntry.objects.get()
        assert len(entry.kept) == 2
        assert 'value="kept" selected' in self.client.get(self.url).content.decode()

    def test_the_reconciliation_page_shows_each_mismatch_with_both_entries(self) -> None:
        services.enter_line(round_=self.round, teller=self.w.officer, typed="12")
        services.enter_line(round_=self.round, teller=self.w.upper, typed="13")
        response = self.client.get(reverse("round_reconcile", kwargs={"round_id": self.round.pk}))
        text = response.content.decode()
        assert 'id="mismatch-1"' in text
        assert "gạch 1, 2" in text and "gạch 1, 3" in text
        assert 'id="count-round"' not in text
        ballot = Ballot(kept=frozenset(services.ballot_ids_of(self.round)[2:]))
        self.client.post(
            reverse("round_resolve", kwargs={"round_id": self.round.pk}),
            {"number": 1, "keys": typed(self.round, ballot), "mode": "crossed"},
        )
        text = self.client.get(
            reverse("round_reconcile", kwargs={"round_id": self.round.pk})
        ).content.decode()
        assert "✔ gạch 1, 2" in text
        assert 'id="count-round"' not in text  # the number collected is not recorded yet
        services.record_collected(round_=self.round, collected=1)
        text = self.client.get(
            reverse("round_reconcile", kwargs={"round_id": self.round.pk})
        ).content.decode()
        assert 'id="count-round"' in text

    def test_the_reconciliation_page_names_the_tellers_and_flags_an_invalid_reading(self) -> None:
        services.enter_line(round_=self.round, teller=self.w.officer, typed="12")
        services.enter_line(round_=self.round, teller=self.w.upper, typed="1")  # 6 kept of 5 seats
        response = self.client.get(reverse("round_reconcile", kwargs={"round_id": self.round.pk}))
        text = response.content.decode()
        assert (
            f"{self.hall.delegates[1].full_name}: <strong>gạch 1 – phiếu này không hợp lệ: " in text
        )
        assert "để lại quá số lượng cần bầu" in text
        assert "(#" not in text

    def test_the_hint_names_the_invalid_reasons_in_vietnamese(self) -> None:
        text = self.client.get(self.url).content.decode()
        assert "<kbd>d</kbd> không phải phiếu do Ban kiểm phiếu phát ra" in text
        for english in ("unofficial", "added-name", "marked", "unclear"):
            assert english not in text

    def test_a_line_over_the_length_limit_is_refused_with_422_not_stored_blank(self) -> None:
        response = self.client.post(
            self.url, {"keys": "1" * 201, "mode": "crossed"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 422
        assert "quá dài (tối đa 200 ký tự)" in response.content.decode()
        assert not PaperEntry.objects.exists()
        response = self.client.post(self.url, {"keys": "1" * 201, "mode": "crossed"})
        assert not PaperEntry.objects.exists()

    def test_the_entry_screen_warns_at_once_past_the_ballots_collected(self) -> None:
        services.record_collected(round_=self.round, collected=1)
        first = self.client.post(
            self.url, {"keys": "12", "mode": "crossed"}, headers={"HX-Request": "true"}
        ).content.decode()
        assert 'id="over-collected"' not in first
        assert '<strong id="entered">1</strong>/1' in first
        second = self.client.post(
            self.url, {"keys": "13", "mode": "crossed"}, headers={"HX-Request": "true"}
        ).content.decode()
        assert 'id="over-collected"' in second
        assert "Bạn đã nhập 2 phiếu, nhiều hơn số phiếu giấy thu về (1)" in second

    def test_the_round_page_records_the_ballots_collected_and_says_what_is_missing(self) -> None:
        url = reverse("round_detail", kwargs={"round_id": self.round.pk})
        assert "Chưa ghi số phiếu giấy thu về" in self.client.get(url).content.decode()
        self.client.post(
            reverse("round_collected", kwargs={"round_id": self.round.pk}), {"collected": 40}
        )
        text = self.client.get(url).content.decode()
        assert '<strong id="collected">40</strong>' in text
        assert "Chưa ai nhập phiếu." in text


class BallotDocumentsBeforeTheListTests(TestCase):
    def test_ballots_and_the_entry_log_of_a_round_not_approved_say_why_not_a_server_error(
        self,
    ) -> None:
        """A draft round has no names yet (they are set when the congress approves the list):
        its ballots' address, typed or bookmarked, answered 500; it now says why."""
        w = build_world()
        hall = build_hall(w.unit)
        election = bch_election(hall, seats=2, names=("An", "Bình", "Chi"))
        draft = Round.objects.get(election=election)
        assert draft.status == RoundStatus.DRAFT
        self.client.force_login(w.officer)
        for name in ("round_ballots", "round_entry_log"):
            response = self.client.get(reverse(name, kwargs={"round_id": draft.pk}), follow=True)
            assert response.redirect_chain == [
                (reverse("round_detail", kwargs={"round_id": draft.pk}), 302)
            ]
            self.assertContains(response, errors.BALLOTS_BEFORE_LIST)
        approved = approved_round(election)
        response = self.client.get(reverse("round_ballots", kwargs={"round_id": approved.pk}))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


class ExportTests(TestCase):
    def test_the_exported_round_counts_to_the_stored_result(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
        round_ = counted_short_round(hall, w.officer)
        self.client.force_login(w.officer)
        response = self.client.get(reverse("round_export", kwargs={"round_id": round_.pk}))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        document = json.loads(response.content)
        assert document["format"] == "daihoi.election/1"
        assert result_to_json(count(parse_election(document))) == round_.result


class VoterPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.round = phone_round(cls.hall, names=("An", "Bình", "Cúc"), seats=2, user=cls.w.officer)
        cls.voter = cls.hall.delegates[0]
        cls.token = services.issue_voting_pass(delegate=cls.voter)

    def setUp(self) -> None:
        self.open_ballot(self.token)

    def open_ballot(self, token: str) -> HttpResponse:
        """Exchange the voting code for the phone's voter session, as the QR page does."""
        return self.client.post(reverse("voter_entry"), {"ma": token})

    def ballot_url(self) -> str:
        return reverse("voter_ballot", kwargs={"round_id": self.round.pk})

    def crossed(self, *names: str) -> list[str]:
        return [str(c.pk) for c in self.round.candidates.filter(full_name__in=names)]

    def test_an_unknown_code_shows_the_apps_own_message(self) -> None:
        response = self.open_ballot("nope")
        assert response.status_code == 403
        assert errors.VOTING_CODE_UNKNOWN in response.content.decode()
        assert 'id="code-form"' in response.content.decode()  # the code can be typed again

    def test_the_home_page_offers_the_open_round(self) -> None:
        response = self.client.get(reverse("voter_home"))
        assert response.status_code == 200
        assert self.ballot_url() in response.content.decode()

    def test_the_home_page_reads_which_rounds_are_voted_in_one_query_however_many(self) -> None:
        home = reverse("voter_home")
        with CaptureQueriesContext(connection) as one_round:
            self.client.get(home)
        second = phone_round(self.hall, names=("Dũng", "Em"), seats=1, user=self.w.officer)
        vote(second, self.voter, "Dũng")
        with CaptureQueriesContext(connection) as two_rounds:
            page = self.client.get(home).content.decode()
        assert len(two_rounds) == len(one_round)
        assert self.ballot_url() in page  # open, not voted yet
        assert reverse("voter_ballot", kwargs={"round_id": second.pk}) not in page
        assert page.count("Đã bỏ phiếu") == 1

    def test_a_vote_gives_a_receipt_and_a_second_is_refused(self) -> None:
        response = self.client.post(self.ballot_url(), {"crossed": self.crossed("Cúc")})
        assert response.status_code == 200
        receipt = response.context["receipt"]
        assert receipt in response.content.decode()
        assert PhoneBallot.objects.get().receipt == receipt
        again = self.client.post(self.ballot_url(), {"crossed": self.crossed("An")})
        assert again.status_code == 409
        assert "Bạn đã bỏ phiếu trong vòng bầu này" in again.content.decode()
        assert receipt not in again.content.decode()  # the receipt is not sent with the session
        mine = reverse("receipt_check", kwargs={"round_id": self.round.pk})
        assert mine in again.content.decode()
        assert receipt in self.client.get(mine).content.decode()  # the phone's own cookie
        assert PhoneBallot.objects.count() == 1

    def form_code(self) -> str:
        """The submission code of the ballot page's form, as the phone sends it back."""
        page = self.client.get(self.ballot_url()).content.decode()
        match = re.search(r'name="lan-gui" value="([A-Za-z0-9_-]+)"', page)
        assert match is not None, "the ballot form carries its submission code"
        return match.group(1)

    def test_the_same_ballot_sent_again_gets_the_same_receipt_not_already_voted(self) -> None:
        """Issue 14: HAProxy re-sends a POST whose node died after the commit; the voter gets
        the receipt of the ballot stored, and no second ballot is stored."""
        ballot = {"crossed": self.crossed("Cúc"), "lan-gui": self.form_code()}
        first = self.client.post(self.ballot_url(), ballot)
        assert first.status_code == 200
        receipt = first.context["receipt"]
        again = self.client.post(self.ballot_url(), ballot)
        assert again.status_code == 200
        assert again.context["receipt"] == receipt
        assert receipt in again.content.decode()
        assert PhoneBallot.objects.count() == 1
        assert self.round.participations.count() == 1

    def test_another_ballot_with_the_same_code_is_refused(self) -> None:
        code = self.form_code()
        first = self.client.post(
            self.ballot_url(), {"crossed": self.crossed("Cúc"), "lan-gui": code}
        )
        receipt = first.context["receipt"]
        changed = self.client.post(
            self.ballot_url(), {"crossed": self.crossed("An"), "lan-gui": code}
        )
        assert changed.status_code == 409
        assert receipt not in changed.content.decode()
        assert PhoneBallot.objects.count() == 1

    def test_another_delegate_sending_the_same_form_never_sees_the_first_ones_receipt(
        self,
    ) -> None:
        code = self.form_code()
        ballot = {"crossed": self.crossed("Cúc"), "lan-gui": code}
        receipt = self.client.post(self.ballot_url(), ballot).context["receipt"]
        other = self.hall.delegates[1]
        self.client.cookies.clear()
        self.open_ballot(services.issue_voting_pass(delegate=other))
        theirs = self.client.post(self.ballot_url(), ballot)
        assert theirs.status_code == 200  # their own first ballot
        assert theirs.context["receipt"] != receipt
        assert receipt not in theirs.content.decode()
        assert PhoneBallot.objects.count() == 2

    def test_an_invalid_ballot_is_refused_with_the_reason(self) -> None:
        response = self.client.post(self.ballot_url(), {"crossed": []})
        assert response.status_code == 400
        assert "gạch thêm 1 tên" in response.content.decode()
        assert not PhoneBallot.objects.exists()

    def test_the_published_list_waits_for_the_close_then_finds_the_receipt(self) -> None:
        receipt = self.client.post(self.ballot_url(), {"crossed": self.crossed("Cúc")}).context[
            "receipt"
        ]
        url = reverse("voter_published", kwargs={"round_id": self.round.pk})
        assert "công bố sau khi kết thúc" in self.client.get(url).content.decode()
        services.close_round(round_=self.round)
        listed = self.client.get(url).content.decode()
        assert receipt in listed
        lookup = reverse("receipt_check", kwargs={"round_id": self.round.pk})
        assert f'action="{lookup}"' in listed
        text = self.client.post(lookup, {"ma": receipt.lower()}).content.decode()
        assert f"Phiếu {receipt}: 1. An, 2. Bình" in text
        assert self.round.status == RoundStatus.OPEN  # the object in memory; the row is closed

    def test_the_projector_shows_the_turnout_then_the_result(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("round_projector", kwargs={"round_id": self.round.pk})
        assert "Đã bỏ phiếu: 0 / 6" in self.client.get(url).content.decode()
        self.client.logout()
        self.open_ballot(self.token)
        self.client.post(self.ballot_url(), {"crossed": self.crossed("Cúc")})
        self.client.force_login(self.w.officer)
        partial = self.client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert partial.lstrip().startswith('<div id="live"')
        assert "Đã bỏ phiếu: 1 / 6" in partial
        services.close_round(round_=self.round)
        services.count_round(round_=self.round)
        partial = self.client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert "Không trúng cử" in partial and "An" in partial

    def test_the_close_digest_is_shown_to_the_hall_and_on_the_round_page(self) -> None:
        from daihoi.rules.digest import group_hex

        self.client.post(self.ballot_url(), {"crossed": self.crossed("Cúc")})
        services.close_round(round_=self.round)
        self.round.refresh_from_db()
        shown = group_hex(self.round.close_digest["digest"])
        self.client.force_login(self.w.officer)
        projector = reverse("round_projector", kwargs={"round_id": self.round.pk})
        text = self.client.get(projector, headers={"HX-Request": "true"}).content.decode()
        assert 'id="projector-close-digest"' in text and shown in text
        page = reverse("round_detail", kwargs={"round_id": self.round.pk})
        text = self.client.get(page).content.decode()
        assert 'id="close-digest"' in text and shown in text

    def test_a_guest_with_a_code_is_refused_before_filling_the_ballot(self) -> None:
        self.open_ballot(services.issue_voting_pass(delegate=self.hall.guest))
        page = self.client.get(self.ballot_url())
        assert page.status_code == 403
        assert "khách mời" in page.content.decode()
        assert 'name="crossed"' not in page.content.decode()
        response = self.client.post(self.ballot_url(), {"crossed": self.crossed("Cúc")})
        assert response.status_code == 403
        assert "khách mời" in response.content.decode()

    def test_the_round_page_polls_the_phone_turnout_while_the_round_is_open(self) -> None:
        from world import vote

        self.client.force_login(self.w.officer)
        url = reverse("round_detail", kwargs={"round_id": self.round.pk})
        page = self.client.get(url).content.decode()
        assert f'hx-get="{url}" hx-trigger="every 2s"' in page
        vote(self.round, self.hall.delegates[1], "An")
        part = self.client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert part.lstrip().startswith('<p id="turnout"')
        assert "Đã bỏ phiếu trên điện thoại: 1 / 6 đại biểu có mặt" in part
        # Once closed, the figure is the minutes' (present at the opening), not the hall's now.
        services.close_round(round_=self.round)
        congress_services.check_out(delegate=self.hall.delegates[5])
        page = self.client.get(url).content.decode()
        assert "Đã bỏ phiếu trên điện thoại: 1 / 6 đại biểu có mặt" in page
        self.round.refresh_from_db()
        assert self.round.present == 6

    def test_slips_are_printed_once_for_the_voting_delegates_without_a_code(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("voting_slips", kwargs={"congress_id": self.hall.congress.pk})
        response = self.client.post(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        from io import BytesIO

        from pypdf import PdfReader

        text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
        assert "5 · Đại biểu số 5" in " ".join(text.split())
        assert "Khách mời" not in text  # a guest does not vote
        codes = read_codes(response.content)
        assert len(codes) == 6  # the six voting delegates
        assert all(c.format == zxingcpp.BarcodeFormat.QRCode for c in codes)
        assert all("/bo-phieu/#" in c.text for c in codes)  # the code after '#': never sent
        self.client.logout()
        code = codes[0].text.partition("#")[2]
        assert self.client.post(reverse("voter_entry"), {"ma": code}).status_code == 303
        again = self.client.post(url)
        assert again.status_code == 302  # every voting delegate has a code now

    def test_a_new_code_replaces_the_old_one_and_the_phone_is_told_so(self) -> None:
        services.issue_voting_pass(delegate=self.voter, by=self.w.officer, reason="Mất phiếu mã")
        page = self.client.get(self.ballot_url())  # the session opened with the old code
        assert page.status_code == 403
        assert errors.VOTING_CODE_REPLACED in page.content.decode()
        typed_again = self.open_ballot(self.token)
        assert typed_again.status_code == 403
        assert errors.VOTING_CODE_REPLACED in typed_again.content.decode()
