"""Photos of the news report: uploaded through the storage API, checked, shown once published.

Only a readable JPEG, PNG or WebP is kept (Pillow reads it: a renamed text file is refused,
naming the field, with nothing written); a published report is frozen with its photos; a
draft's photo is seen only by those who see the congress, a published one by anyone.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from daihoi.congresses.testing import make_congress
from daihoi.record import errors, services
from daihoi.record.models import ArticlePhoto
from daihoi.units.testing import build_world


def png(name: str = "dai-hoi.png", size: tuple[int, int] = (4, 3)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class ArticlePhotoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.article = services.draft_article(congress=cls.congress, by=None)
        cls.page = reverse("congress_article", args=[cls.congress.pk])
        cls.add = reverse("congress_article_photo_add", args=[cls.congress.pk])

    def test_the_officer_adds_a_photo_that_shows_once_published(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.add, {"file": png(), "caption": "Ban Chấp hành ra mắt"})
        assert response.status_code == 302
        photo = ArticlePhoto.objects.get(article=self.article)
        assert photo.caption == "Ban Chấp hành ra mắt" and photo.file.name.endswith(".png")
        own = reverse("congress_article_photo", args=[self.congress.pk, photo.pk])
        self.assertContains(self.client.get(self.page), own)
        served = self.client.get(own)
        assert served.status_code == 200 and served["Content-Type"] == "image/png"
        assert served["Cache-Control"] == "private, no-store"
        self.client.logout()
        public = reverse("public_article_photo", args=[self.congress.pk, photo.pk])
        assert self.client.get(public).status_code == 404  # a draft's photo is not public
        services.publish_article(article=self.article, by=None)
        page = self.client.get(reverse("public_article", args=[self.congress.pk]))
        self.assertContains(page, f'src="{public}"')
        self.assertContains(page, "<figcaption>Ban Chấp hành ra mắt</figcaption>", html=False)
        image = self.client.get(public)
        assert image.status_code == 200
        assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (4, 3)

    def test_the_published_photo_carries_no_metadata_of_the_phone(self) -> None:
        exif = Image.Exif()
        exif[0x0110] = "Điện thoại của phóng viên"  # Model
        exif[0x0112] = 6  # Orientation: turned 90° on the phone
        buffer = io.BytesIO()
        Image.new("RGB", (40, 20), (10, 120, 10)).save(buffer, format="JPEG", exif=exif)
        upload = SimpleUploadedFile("dien-thoai.jpg", buffer.getvalue(), "image/jpeg")
        assert Image.open(io.BytesIO(buffer.getvalue())).getexif()  # the phone's file has it
        photo = services.add_photo(article=self.article, file=upload, caption="", by=None)
        with photo.file.open("rb") as stored, Image.open(stored) as image:
            assert not image.getexif() and image.format == "JPEG"
            assert image.size == (20, 40)  # stood upright as the phone showed it

    def test_a_file_that_is_not_an_image_is_refused_naming_the_field(self) -> None:
        self.client.force_login(self.w.officer)
        fake = SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", "image/jpeg")
        response = self.client.post(self.add, {"file": fake, "caption": ""})
        assert response.status_code == 400
        message = errors.PHOTO_NOT_IMAGE.format(name="anh.jpg")
        assert response.context["photo_form"].errors["file"] == [message]
        self.assertContains(response, "Ảnh: tệp “anh.jpg” không phải ảnh", status_code=400)
        missing = self.client.post(self.add, {"caption": "Không có tệp"})
        assert missing.context["photo_form"].errors["file"] == [errors.PHOTO_REQUIRED]
        assert not ArticlePhoto.objects.exists()

    def test_a_published_report_keeps_its_photos(self) -> None:
        photo = services.add_photo(article=self.article, file=png(), caption="", by=None)
        services.publish_article(article=self.article, by=None)
        self.client.force_login(self.w.officer)
        response = self.client.post(self.add, {"file": png("khac.png"), "caption": ""})
        assert response.status_code == 400
        self.assertContains(response, "Bản tin đã đăng lúc", status_code=400)
        remove = reverse("congress_article_photo_remove", args=[self.congress.pk, photo.pk])
        assert self.client.post(remove).status_code == 302
        assert list(ArticlePhoto.objects.all()) == [photo]

    def test_access_sibling_404_viewer_403_anonymous_login_wrong_method_405(self) -> None:
        photo = services.add_photo(article=self.article, file=png(), caption="", by=None)
        own = reverse("congress_article_photo", args=[self.congress.pk, photo.pk])
        remove = reverse("congress_article_photo_remove", args=[self.congress.pk, photo.pk])
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(own).status_code == 404
        assert self.client.post(self.add, {"file": png()}).status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.get(own).status_code == 200
        assert self.client.post(self.add, {"file": png()}).status_code == 403
        assert self.client.post(remove).status_code == 403
        assert self.client.get(self.add).status_code == 405
        self.client.logout()
        assert self.client.get(own).status_code == 302
        assert self.client.post(self.add, {"file": png()}).status_code == 302
        assert ArticlePhoto.objects.count() == 1
        self.client.force_login(self.w.officer)
        assert self.client.post(remove).status_code == 302
        assert not ArticlePhoto.objects.exists()

    def test_a_published_report_s_photos_are_in_the_feed_and_the_api_and_leave_with_it(
        self,
    ) -> None:
        photo = services.add_photo(article=self.article, file=png(), caption="Ra mắt", by=None)
        public = reverse("public_article_photo", args=[self.congress.pk, photo.pk])
        private = reverse("congress_article_photo", args=[self.congress.pk, photo.pk])
        feed_url = reverse("unit_feed", args=[self.w.unit.pk])
        api_url = f"/api/articles/{self.congress.pk}"

        def seen() -> tuple[str, dict[str, object] | None]:
            feed = self.client.get(feed_url).content.decode()
            api = self.client.get(api_url)
            return feed, (api.json() if api.status_code == 200 else None)

        feed, api = seen()  # a draft: in neither, its photo private
        assert public not in feed and api is None
        services.publish_article(article=self.article, by=None)
        feed, api = seen()
        assert f'&lt;img src="http://testserver{public}" alt="Ra mắt"&gt;' in feed
        assert "&lt;figcaption&gt;Ra mắt&lt;/figcaption&gt;" in feed
        assert api is not None and api["photos"] == [{"url": public, "caption": "Ra mắt"}]
        listed = self.client.get("/api/articles/").json()["items"]
        assert listed[0]["photos"] == api["photos"]
        assert private not in feed + str(api)
        services.withdraw_article(article=self.article, by=None)
        feed, api = seen()
        assert public not in feed and api is None
        assert self.client.get(public).status_code == 404
