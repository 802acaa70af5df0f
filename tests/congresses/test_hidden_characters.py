"""Control characters and bidi overrides typed in the congress pages are refused (issue 9).

The services refuse them; the pages put the message where it is read (beside the field, or as
a message at the top) and write nothing.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses.models import AgendaItem, Delegate, DelegateKind
from daihoi.congresses.testing import make_congress
from daihoi.units.errors import HIDDEN_CHARACTERS, NUL_IN_FIELD
from daihoi.units.testing import build_world


class HiddenCharactersInTheCongressPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"congress_id": self.congress.pk})

    def test_a_delegates_name_position_and_workplace_are_refused_beside_the_field(self) -> None:
        delegates = Delegate.objects.count()
        cases = [
            ("full_name", "Hà\u202e Văn Khách", HIDDEN_CHARACTERS.format(label="Họ và tên")),
            ("position", "Phó\x01 Giám đốc", HIDDEN_CHARACTERS.format(label="Chức vụ")),
            ("workplace", "Sở\u2066 Tài chính", HIDDEN_CHARACTERS.format(label="Nơi làm việc")),
            ("full_name", "Hà\x00 Văn Khách", NUL_IN_FIELD),
        ]
        for field, value, message in cases:
            post = {"full_name": "Hà Văn Khách", "kind": DelegateKind.GUEST, field: value}
            with self.subTest(field=field, value=value):
                response = self.client.post(self.url("delegate_create"), post)
                assert response.status_code == 200
                assert response.context["form"].errors == {field: [message]}
        assert Delegate.objects.count() == delegates

    def test_an_agenda_items_title_is_refused_with_a_message(self) -> None:
        items = AgendaItem.objects.filter(congress=self.congress).count()
        post = {"title": "Khai mạc\u202e đại hội", "presenter": ""}
        response = self.client.post(self.url("agenda_add"), post, follow=True)
        self.assertContains(response, HIDDEN_CHARACTERS.format(label="Nội dung"))
        assert AgendaItem.objects.filter(congress=self.congress).count() == items
        item = AgendaItem.objects.filter(congress=self.congress).first()
        assert item is not None
        edit = reverse("agenda_edit", kwargs={"congress_id": self.congress.pk, "item_id": item.pk})
        post = {f"i{item.pk}-title": "Bế mạc", f"i{item.pk}-presenter": "Đoàn\x1b Chủ tịch"}
        response = self.client.post(edit, post, follow=True)
        self.assertContains(response, HIDDEN_CHARACTERS.format(label="Người trình bày"))
        self.assertNotContains(response, "Đã lưu")
        item.refresh_from_db()
        assert "\x1b" not in item.presenter and item.title != "Bế mạc"
