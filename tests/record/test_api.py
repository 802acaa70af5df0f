"""GET /api/articles/: the published news reports, public as their pages; drafts never."""

from __future__ import annotations

from api.api_world import ApiTestCase
from daihoi.congresses.testing import make_congress
from daihoi.record import services


class ArticlesApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.section, number="lần thứ I", term=(2017, 2022))
        article = services.draft_article(congress=cls.congress, by=None)
        services.edit_article(
            article=article,
            data=services.ArticleData(
                title="Đại hội thành công", body="Đoạn một.\n\nĐoạn hai.", byline="Trần Thu"
            ),
            by=None,
        )
        cls.article = services.publish_article(article=article, by=None)
        cls.sibling = make_congress(cls.w.sibling)
        services.publish_article(
            article=services.draft_article(congress=cls.sibling, by=None), by=None
        )
        cls.draft = make_congress(cls.w.unit)
        services.draft_article(congress=cls.draft, by=None)

    def test_anyone_reads_a_published_report_as_it_was_published(self) -> None:
        response = self.call("GET", f"/api/articles/{self.congress.pk}")
        assert response.status_code == 200
        assert response.json() == {
            "congress_id": self.congress.pk,
            "unit_id": self.w.section.pk,
            "unit_name": self.w.section.name,
            "title": "Đại hội thành công",
            "paragraphs": ["Đoạn một.", "Đoạn hai."],
            "byline": "Trần Thu",
            "published_at": response.json()["published_at"],
            "url": f"/tin/dai-hoi/{self.congress.pk}/",
            "photos": [],  # tests/record/test_article_photos.py: with photos
        }
        assert response.json()["published_at"].startswith(
            self.article.published_at.date().isoformat()  # type: ignore[union-attr]
        )

    def test_a_draft_is_404_for_anyone_even_its_officer(self) -> None:
        path = f"/api/articles/{self.draft.pk}"
        assert self.call("GET", path).status_code == 404
        assert self.call("GET", path, user=self.w.officer).status_code == 404
        assert self.call("GET", "/api/articles/999999").status_code == 404

    def test_the_list_is_published_reports_of_the_unit_and_below(self) -> None:
        listed = self.call("GET", "/api/articles/").json()
        assert listed["count"] == 2
        assert {a["congress_id"] for a in listed["items"]} == {self.congress.pk, self.sibling.pk}
        mine = self.call("GET", f"/api/articles/?unit={self.w.unit.pk}").json()
        assert [a["congress_id"] for a in mine["items"]] == [self.congress.pk]
        assert self.call("GET", "/api/articles/?unit=999999").status_code == 404
        bad = self.call("GET", "/api/articles/?unit=abc")
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "unit"

    def test_writing_is_405(self) -> None:
        for method in ("POST", "PATCH", "DELETE"):
            path = f"/api/articles/{self.congress.pk}"
            assert self.call(method, path, user=self.w.upper).status_code == 405
