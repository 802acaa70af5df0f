"""What travels over the wire and into the access log when a delegate votes on their phone.

The voting code is exchanged once, by POST, for a voter session and appears in no URL (the QR
carries it after ``#``), no Referer (``Referrer-Policy: no-referrer``) and no log line; the
receipt is looked up by POST and its cookie lives under another path than the voter session,
so the two never travel together; gunicorn's access log keeps only the path template and the
status under the voter paths. A replaced code needs the presidium's reason while a round is
open, and is logged.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import TestCase
from django.urls import reverse
from gunicorn.config import Config
from world import build_hall, build_world, phone_round

from daihoi.access_log import PRIVATE_PREFIXES, AccessLogger
from daihoi.congresses import services as congress_services
from daihoi.elections import errors, services, voter_views
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import VotingPass, VotingPassReissue

ROOT = Path(__file__).resolve().parents[2]


class VotingCodeStaysOutOfAddressesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.round = phone_round(cls.hall, names=("An", "Bình", "Cúc"), seats=2, user=cls.w.officer)
        cls.voter = cls.hall.delegates[0]

    def walk(self, token: str) -> list[tuple[str, object]]:
        """Vote as a phone does, from the QR's address; return every (URL, response)."""
        seen: list[tuple[str, object]] = []

        def go(method: str, url: str, data: dict[str, object] | None = None) -> object:
            response = getattr(self.client, method)(url, data or {})
            seen.append((url, response))
            return response

        entry = go("get", reverse("voter_entry"))
        assert 'id="code-form"' in entry.content.decode()  # type: ignore[attr-defined]
        opened = go("post", reverse("voter_entry"), {"ma": token})
        assert opened.status_code == 303  # type: ignore[attr-defined]
        go("get", opened["Location"])  # type: ignore[index]
        ballot_url = reverse("voter_ballot", kwargs={"round_id": self.round.pk})
        go("get", ballot_url)
        kept = [str(c.pk) for c in self.round.candidates.order_by("name_key")][2:]
        done = go("post", ballot_url, {"crossed": kept})
        receipt = done.context["receipt"]  # type: ignore[attr-defined]
        services.close_round(round_=self.round)
        go("get", reverse("voter_published", kwargs={"round_id": self.round.pk}))
        go("post", reverse("receipt_check", kwargs={"round_id": self.round.pk}), {"ma": receipt})
        return seen

    def test_the_qr_carries_the_code_after_the_hash_and_the_page_posts_it(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.post(
            reverse("voting_pass", kwargs={"delegate_id": self.voter.pk})
        ).content.decode()
        url = re.search(r'id="voting-url"[^>]*>([^<]+)<', page).group(1)  # type: ignore[union-attr]
        address, _, fragment = url.partition("#")
        assert address.endswith(reverse("voter_entry"))
        assert VotingPass.objects.get(delegate=self.voter).token_hash == services._token_hash(
            fragment
        )
        script = (ROOT / "src/daihoi/elections/static/elections/voter_entry.js").read_text()
        assert "location.hash" in script and "form.submit()" in script
        assert "replaceState" in script  # the code leaves the address bar and the history

    def test_no_request_carries_the_code_or_its_hash_in_its_address(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        secrets = (token, services._token_hash(token), token.replace("-", ""))
        for url, response in self.walk(token):
            for secret in secrets:
                assert secret not in url, url
                assert secret not in response.get("Location", ""), url  # type: ignore[attr-defined]
                assert secret not in response.content.decode(), url  # type: ignore[attr-defined]

    def test_every_voter_page_sends_no_referrer_and_sets_no_csrf_cookie(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        for url, response in self.walk(token):
            assert response["Referrer-Policy"] == "no-referrer", url  # type: ignore[index]
            assert "csrftoken" not in response.cookies, url  # type: ignore[attr-defined]
        assert "csrftoken" not in self.client.cookies

    def test_the_receipt_cookie_never_travels_with_the_voter_session(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        self.walk(token)
        session = self.client.cookies[voter_views.VOTER_COOKIE]
        receipt = self.client.cookies[voter_views.RECEIPT_COOKIE.format(round=self.round.pk)]
        assert session["path"] == voter_views.VOTER_PATH == "/bo-phieu/"
        assert receipt["path"] == voter_views.RECEIPT_PATH == "/bien-nhan/"
        assert not voter_views.RECEIPT_PATH.startswith(voter_views.VOTER_PATH)
        assert not voter_views.VOTER_PATH.startswith(voter_views.RECEIPT_PATH)
        for cookie in (session, receipt):
            assert cookie["httponly"] and cookie["samesite"] == "Strict"
        assert reverse("receipt_check", kwargs={"round_id": 1}).startswith(voter_views.RECEIPT_PATH)
        for name in ("voter_home", "voter_entry"):
            assert reverse(name).startswith(voter_views.VOTER_PATH)

    def test_a_receipt_is_looked_up_by_post_not_in_the_address(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        self.walk(token)
        url = reverse("receipt_check", kwargs={"round_id": self.round.pk})
        self.client.cookies.pop(voter_views.RECEIPT_COOKIE.format(round=self.round.pk))
        assert 'id="found"' not in self.client.get(url, {"ma": "ABCD-EFGH"}).content.decode()
        self.client.force_login(self.w.officer)
        officer = reverse("round_published", kwargs={"round_id": self.round.pk})
        page = self.client.get(officer).content.decode()
        assert re.search(r'<form method="post" action="' + re.escape(officer), page)

    def test_a_post_the_browser_marks_cross_site_is_refused(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        response = self.client.post(
            reverse("voter_entry"), {"ma": token}, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert response.status_code == 403
        assert errors.CROSS_SITE_REFUSED in response.content.decode()
        assert voter_views.VOTER_COOKIE not in response.cookies
        same = self.client.post(
            reverse("voter_entry"),
            {"ma": token},
            headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"},  # no-referrer page
        )
        assert same.status_code == 303

    def test_a_typed_code_is_forgiven_its_case_and_spacing(self) -> None:
        token = services.issue_voting_pass(delegate=self.voter)
        typed = " " + token.lower().replace("-", " ") + " "
        response = self.client.post(reverse("voter_entry"), {"ma": typed})
        assert response.status_code == 303


class NotCheckedInTests(TestCase):
    def test_a_delegate_not_checked_in_is_told_before_filling_the_ballot(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
        round_ = phone_round(hall, names=("An", "Bình"), seats=1, user=w.officer)
        voter = hall.delegates[0]
        congress_services.check_out(delegate=voter, by=w.officer)
        self.client.post(reverse("voter_entry"), {"ma": services.issue_voting_pass(delegate=voter)})
        home = self.client.get(reverse("voter_home")).content.decode()
        assert "chưa điểm danh" in home
        page = self.client.get(reverse("voter_ballot", kwargs={"round_id": round_.pk}))
        assert page.status_code == 403
        text = page.content.decode()
        assert errors.NOT_CHECKED_IN.format(name=voter.full_name) in text
        assert 'name="crossed"' not in text  # not asked to fill a ballot it cannot send


class ReissueTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.voter = cls.hall.delegates[0]
        cls.first = services.issue_voting_pass(delegate=cls.voter)

    def test_without_an_open_round_a_new_code_is_logged_without_a_reason(self) -> None:
        services.issue_voting_pass(delegate=self.voter, by=self.w.officer)
        log = VotingPassReissue.objects.get()
        assert (log.delegate, log.by, log.during_round, log.reason) == (
            self.voter,
            self.w.officer,
            None,
            "",
        )
        assert log.replaced_hash == services._token_hash(self.first)
        assert log.at is not None

    def test_while_a_round_is_open_a_new_code_needs_the_presidiums_reason(self) -> None:
        round_ = phone_round(self.hall, names=("An", "Bình"), seats=1, user=self.w.officer)
        with pytest.raises(ElectionError) as refused:
            services.issue_voting_pass(delegate=self.voter, by=self.w.officer, reason="  ")
        assert refused.value.field == "reason"
        assert "cần ghi lý do Đoàn Chủ tịch quyết định" in refused.value.message
        assert services.delegate_for_token(self.first) == self.voter  # the old code still works
        assert not VotingPassReissue.objects.exists()
        new = services.issue_voting_pass(
            delegate=self.voter, by=self.w.officer, reason="Điện thoại đại biểu bị mất"
        )
        log = VotingPassReissue.objects.get()
        assert (log.during_round, log.reason, log.by) == (
            round_,
            "Điện thoại đại biểu bị mất",
            self.w.officer,
        )
        assert services.delegate_for_token(self.first) is None
        assert services.delegate_for_token(new) == self.voter

    def test_the_page_asks_the_reason_refuses_without_it_and_shows_the_log(self) -> None:
        phone_round(self.hall, names=("An", "Bình"), seats=1, user=self.w.officer)
        self.client.force_login(self.w.officer)
        url = reverse("voting_pass", kwargs={"delegate_id": self.voter.pk})
        assert 'name="reason"' in self.client.get(url).content.decode()
        refused = self.client.post(url)
        assert refused.status_code == 400
        assert "cần ghi lý do Đoàn Chủ tịch quyết định" in refused.content.decode()
        assert not VotingPassReissue.objects.exists()
        done = self.client.post(url, {"reason": "Đại biểu làm mất phiếu mã"})
        assert done.status_code == 200
        text = done.content.decode()
        assert 'id="reissues"' in text and "Đại biểu làm mất phiếu mã" in text
        assert self.w.officer.display_name in text

    def test_a_script_posting_without_a_working_code_is_refused_in_json(self) -> None:
        # the phone's script (a published audit) reads the refusal; a page it could not read
        round_ = phone_round(self.hall, names=("An", "Bình"), seats=1, user=self.w.officer)
        url = reverse("voter_audit_publish", kwargs={"round_id": round_.pk})
        json_post = {"data": "{}", "content_type": "application/json"}
        refused = self.client.post(url, **json_post)
        assert (refused.status_code, refused.json()) == (
            403,
            {"ok": False, "message": errors.VOTER_SESSION_NEEDED},
        )
        self.client.post(reverse("voter_entry"), {"ma": self.first})
        services.issue_voting_pass(delegate=self.voter, by=self.w.officer, reason="Mất điện thoại")
        refused = self.client.post(url, **json_post)
        assert (refused.status_code, refused.json()["message"]) == (
            403,
            errors.VOTING_CODE_REPLACED,
        )
        assert refused.cookies[voter_views.VOTER_COOKIE].value == ""  # the old session dropped
        page = self.client.post(url, {"x": "1"})  # a form, not the script: the page, as before
        assert page.status_code == 302

    def test_a_replacement_is_never_anonymous(self) -> None:
        with pytest.raises(ValueError, match="logged"):
            services.issue_voting_pass(delegate=self.voter)


class AccessLogTests(TestCase):
    def log_line(self, path: str, query: str = "") -> str:
        config = Config()
        config.set("accesslog", "-")
        config.set(
            "access_log_format",
            '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(q)s %({cookie}i)s',
        )
        logger = AccessLogger(config)
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logger.access_log.handlers = [handler]
        environ = {
            "REQUEST_METHOD": "POST",
            "RAW_URI": path + ("?" + query if query else ""),
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "10.1.2.3",
            "HTTP_REFERER": "https://hall.example/bo-phieu/#K7QX",
            "HTTP_USER_AGENT": "Phone of Nguyễn Văn A",
        }
        response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
        request = SimpleNamespace(headers=[("COOKIE", "phien-bo-phieu=secret")])
        logger.access(response, request, environ, timedelta(microseconds=4321))
        return stream.getvalue()

    def test_a_voter_path_is_logged_by_its_template_and_status_only(self) -> None:
        line = self.log_line("/bo-phieu/vong/7/", query="ma=K7QX-2M9P")
        assert '"POST /bo-phieu/vong/<int:round_id>/ HTTP/1.1" 200' in line
        for leak in ("10.1.2.3", "K7QX", "Phone of", "secret", "1234", "4321", "/vong/7/"):
            assert leak not in line, leak
        assert "[" not in line  # no time either

    def test_the_receipt_path_too(self) -> None:
        line = self.log_line("/bien-nhan/vong/7/")
        assert '"POST /bien-nhan/vong/<int:round_id>/ HTTP/1.1" 200' in line
        assert "10.1.2.3" not in line

    def test_other_paths_are_logged_as_gunicorn_always_does(self) -> None:
        line = self.log_line("/vong-bau/7/", query="x=1")
        assert "10.1.2.3" in line and "/vong-bau/7/?x=1" in line and "4321" in line

    def test_the_logger_knows_the_voter_paths_and_make_run_uses_it(self) -> None:
        assert (voter_views.VOTER_PATH, voter_views.RECEIPT_PATH) == PRIVATE_PREFIXES
        serve = (ROOT / "scripts/serve").read_text()  # what make run starts
        assert "--access-logfile -" in serve and "-c gunicorn.conf.py" in serve
        settings: dict[str, object] = {}
        exec((ROOT / "gunicorn.conf.py").read_text(), settings)  # noqa: S102 - our own file
        assert settings["logger_class"] == "daihoi.access_log.AccessLogger"
