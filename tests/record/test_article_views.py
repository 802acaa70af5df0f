"""The news report's pages: the officers' page (permission matrix), the public page, the feed."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import HallVoteSubject
from daihoi.congresses.testing import add_guest, add_people, make_congress
from daihoi.record import errors, services
from daihoi.record.models import Article
from daihoi.record.services import ArticleData
from daihoi.units.testing import build_world

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = "Chiều 19/9/2017, đại hội <b>khai mạc</b> & bế mạc."


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress = make_congress(cls.w.unit)
        for person in add_people(congress, 3):
            congress_services.check_in(congress=congress, delegate=person)
        add_guest(congress)
        congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.AGENDA, yes=3, no=0, abstain=0
        )
        cls.page = reverse("congress_article", args=[congress.pk])
        cls.draft = reverse("congress_article_draft", args=[congress.pk])
        cls.publish = reverse("congress_article_publish", args=[congress.pk])
        cls.public = reverse("public_article", args=[congress.pk])

    def test_the_officer_drafts_edits_and_publishes(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(self.draft)
        response = self.client.get(self.page)
        assert response.status_code == 200
        self.assertContains(response, "tán thành 3/3 đại biểu có mặt")
        edit = {
            "title": "Đại hội thành công",
            "body": "Đoạn một.\n\nĐoạn hai.",
            "byline": "Trần Thu",
        }
        response = self.client.post(self.page, edit)
        assert response.status_code == 302
        self.client.post(self.publish)
        article = Article.objects.get(congress=self.congress)
        assert article.is_published and article.published_by == self.w.officer
        self.client.logout()
        response = self.client.get(self.public)
        self.assertContains(response, "<p>Đoạn một.</p>", html=False)
        self.assertContains(response, "Trần Thu")

    def test_a_bad_edit_says_which_field_and_changes_nothing(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        self.client.force_login(self.w.officer)
        response = self.client.post(self.page, {"title": "", "body": "x", "byline": ""})
        assert response.status_code == 400
        self.assertContains(response, errors.TITLE_REQUIRED, status_code=400)
        article.refresh_from_db()
        assert article.title == self.congress.title

    def test_every_bad_field_comes_back_in_the_form_named_with_the_words_kept(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        self.client.force_login(self.w.officer)
        cases = (
            ({"title": "T" * 2001, "body": "Đoạn giữ lại."}, errors.TITLE_TOO_LONG, "title"),
            ({"title": "Đúng", "body": "", "byline": ""}, errors.BODY_REQUIRED, "body"),
            (
                {"title": "Đúng", "body": "Đoạn giữ lại.", "byline": "B" * 2001},
                errors.BYLINE_TOO_LONG,
                "byline",
            ),
        )
        for data, message, field in cases:
            response = self.client.post(self.page, data)
            # the project's forms answer 400 with the page and its form filled in again
            assert response.status_code == 400, field
            form = response.context["form"]
            assert form.errors[field] == [message]
            assert message.split(":")[0] in ("Tiêu đề", "Nội dung", "Tác giả, nguồn tin")
            self.assertContains(response, f'id="id_{field}_error"', status_code=400)
            self.assertContains(response, message, status_code=400)
            if data["body"]:
                self.assertContains(response, data["body"], status_code=400)
        article.refresh_from_db()
        assert (article.title, article.byline) == (self.congress.title, "")

    def test_saving_a_report_published_meanwhile_keeps_the_words_and_says_why(self) -> None:
        article = services.draft_article(congress=self.congress, by=None)
        self.client.force_login(self.w.officer)
        services.publish_article(article=article, by=self.w.officer)
        response = self.client.post(self.page, {"title": "Sửa muộn", "body": "Lời đã gõ."})
        assert response.status_code == 400
        self.assertContains(response, "Lời đã gõ.", status_code=400)
        self.assertContains(response, "Bản tin đã đăng lúc", status_code=400)
        article.refresh_from_db()
        assert article.is_published and article.title == self.congress.title
        assert self.client.get(self.page).context["form"] is None

    def test_a_sibling_gets_404_a_viewer_403_anonymous_the_login(self) -> None:
        services.draft_article(congress=self.congress, by=None)
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.page).status_code == 404
        assert self.client.post(self.draft).status_code == 404
        assert self.client.post(self.publish).status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.page).status_code == 200
        assert self.client.post(self.publish).status_code == 403
        assert self.client.post(self.page, {"title": "x", "body": "y"}).status_code == 403
        self.client.force_login(self.w.upper)
        assert self.client.get(self.page).status_code == 200
        self.client.logout()
        assert self.client.get(self.page).status_code == 302
        assert not Article.objects.get(congress=self.congress).is_published

    def test_wrong_methods_are_refused(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.get(self.draft).status_code == 405
        assert self.client.get(self.publish).status_code == 405
        assert self.client.post(self.public).status_code == 405

    def test_a_draft_is_not_public(self) -> None:
        services.draft_article(congress=self.congress, by=None)
        assert self.client.get(self.public).status_code == 404
        feed = self.client.get(reverse("unit_feed", args=[self.w.unit.pk]))
        assert self.congress.title not in feed.content.decode()

    def test_publishing_a_missing_report_is_404(self) -> None:
        self.client.force_login(self.w.officer)
        assert self.client.post(self.publish).status_code == 404


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.articles = {}
        for unit in (cls.w.unit, cls.w.section, cls.w.sibling, cls.w.province):
            congress = make_congress(unit)
            article = services.draft_article(congress=congress, by=None)
            services.edit_article(
                article=article,
                data=ArticleData(
                    title=unicodedata.normalize("NFD", f"Đại hội {unit.name}"),
                    body=unicodedata.normalize("NFD", BODY),
                    byline="Trần Thu",
                ),
                by=None,
            )
            services.publish_article(article=article, by=None)
            cls.articles[unit.pk] = article
        hidden = make_congress(cls.w.section, term=(2028, 2033))
        services.draft_article(congress=hidden, by=None)
        cls.hidden = hidden

    def feed(self, unit_id: int) -> tuple[bytes, ET.Element]:
        response = self.client.get(reverse("unit_feed", args=[unit_id]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        return response.content, ET.fromstring(response.content)  # noqa: S314 (our own response)

    def test_the_feed_is_atom_with_the_unit_and_its_subtree_only(self) -> None:
        raw, root = self.feed(self.w.unit.pk)
        assert root.tag == f"{ATOM}feed"
        titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
        assert sorted(titles) == sorted(
            [f"Đại hội {self.w.unit.name}", f"Đại hội {self.w.section.name}"]
        )
        assert self.hidden.title not in raw.decode()
        entry = root.find(f"{ATOM}entry")
        assert entry is not None
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Trần Thu"
        summary = entry.findtext(f"{ATOM}summary") or ""
        assert "&lt;b&gt;khai mạc&lt;/b&gt; &amp; bế mạc" in summary
        link = entry.find(f"{ATOM}link")
        assert link is not None and "/tin/dai-hoi/" in link.get("href", "")

    def test_the_feed_text_is_nfc(self) -> None:
        raw, _root = self.feed(self.w.unit.pk)
        text = raw.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text)

    def test_the_public_list_and_an_unknown_unit(self) -> None:
        response = self.client.get(reverse("public_unit_news", args=[self.w.province.pk]))
        assert response.status_code == 200
        for unit in (self.w.unit, self.w.section, self.w.sibling, self.w.province):
            self.assertContains(response, f"Đại hội {unit.name}")
        assert self.client.get(reverse("unit_feed", args=[999999])).status_code == 404
