"""A live fragment asked after the session ended gets 401, not the login page swapped in; a
script's JSON post gets 401 and a message it shows."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.middleware import SESSION_ENDED, SESSION_ENDED_POST
from daihoi.congresses.testing import make_congress
from daihoi.units.testing import build_world

HTMX = {"HTTP_HX_REQUEST": "true"}


class SessionEndedTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def test_a_polled_fragment_answers_401_when_nobody_is_logged_in(self) -> None:
        for name in ("desk_counters", "presidium_quorum", "projector_screen"):
            url = reverse(name, args=[self.congress.pk])
            response = self.client.get(url, **HTMX)
            assert response.status_code == 401, name
            assert response["HX-Trigger"] == "session-ended"
            assert response.content.decode() == SESSION_ENDED

    def test_a_scan_sent_after_the_session_ended_answers_401(self) -> None:
        url = reverse("desk_scan", args=[self.congress.pk])
        response = self.client.post(url, {"code": "1"}, **HTMX)
        assert response.status_code == 401

    def test_a_script_posting_json_after_the_session_ended_gets_401_and_a_message(self) -> None:
        # the key ceremony's and the decryption's devices post JSON and read the answer (the
        # login is asked before the round is looked up)
        for name in ("round_ceremony", "round_decrypt_submit"):
            url = reverse(name, args=[1])
            response = self.client.post(url, data="{}", content_type="application/json")
            assert response.status_code == 401, name
            assert response.json() == {
                "ok": False,
                "session_ended": True,
                "message": SESSION_ENDED_POST,
            }
        form = self.client.post(reverse("round_ceremony", args=[1]), {"step": "key"})
        assert form.status_code == 302  # a form's post still goes to the login page

    def test_a_page_without_htmx_still_goes_to_the_login_page(self) -> None:
        url = reverse("desk", args=[self.congress.pk])
        response = self.client.get(url)
        self.assertRedirects(
            response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
        )

    def test_live_pages_carry_the_notice_and_its_login_link(self) -> None:
        self.client.force_login(self.w.officer)
        for name in ("desk", "presidium", "projector"):
            page = self.client.get(reverse(name, args=[self.congress.pk])).content.decode()
            assert 'id="session-ended"' in page, name
            assert "Phiên đăng nhập đã kết thúc." in page
            assert "js/session.js" in page
