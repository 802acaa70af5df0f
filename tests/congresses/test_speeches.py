"""The speakers' list: listed in order, called by the presidium (time kept), on the projector."""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import errors, speeches
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import ProjectorMode, Speech, SpeechKind
from daihoi.congresses.testing import make_congress
from daihoi.units.testing import build_world


class SpeechServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def add(self, speaker: str = "Nguyễn Trọng Thức", **kw: str) -> Speech:
        return speeches.add_speech(
            congress=self.congress,
            kind=kw.pop("kind", SpeechKind.GUIDANCE),
            speaker=speaker,
            speaker_title=kw.pop("speaker_title", "Bí thư Chi bộ Văn phòng Sở"),
            **kw,
        )

    def test_speakers_are_listed_in_order(self) -> None:
        first = self.add()
        second = self.add("Lò Thị Mai", kind=SpeechKind.CONTRIBUTION, topic="Công tác nữ công")
        assert (first.order, second.order) == (1, 2)
        assert speeches.speakers_list(self.congress) == [first, second]

    def test_every_problem_is_said_and_nothing_written(self) -> None:
        with pytest.raises(CongressError) as caught:
            speeches.add_speech(congress=self.congress, kind="hat", speaker="  ", topic="x" * 301)
        assert caught.value.messages == [
            errors.SPEECH_KIND_UNKNOWN.format(value="hat"),
            errors.SPEAKER_REQUIRED,
            errors.SPEECH_TOO_LONG.format(label="Nội dung", limit=300, length=301),
        ]
        assert not Speech.objects.exists()

    def test_a_hidden_character_is_refused(self) -> None:
        with pytest.raises(CongressError) as caught:
            self.add("Nguyễn\u202eThức")
        assert caught.value.errors[0].field == "speaker"

    def test_calling_keeps_the_time_and_shows_the_list_on_the_projector(self) -> None:
        speech = speeches.call_speech(speech=self.add())
        self.congress.refresh_from_db()
        assert speech.called_at is not None
        assert self.congress.projector_mode == ProjectorMode.SPEECHES
        with pytest.raises(CongressError):
            speeches.call_speech(speech=speech)
        assert speeches.speeches_given(self.congress) == [speech]

    def test_a_waiting_speaker_may_be_removed_a_speech_given_may_not(self) -> None:
        waiting, given = self.add("Lò Thị Mai"), speeches.call_speech(speech=self.add())
        speeches.remove_speech(speech=waiting)
        with pytest.raises(CongressError):
            speeches.remove_speech(speech=given)
        assert list(Speech.objects.all()) == [given]


class SpeechPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.speech = speeches.add_speech(
            congress=cls.congress, kind=SpeechKind.GUIDANCE, speaker="Nguyễn Trọng Thức",
            speaker_title="Bí thư Chi bộ",
        )  # fmt: skip
        speeches.add_speech(
            congress=cls.congress, kind=SpeechKind.CONTRIBUTION, speaker="Lò Thị Mai"
        )
        cls.page = reverse("speech_list", args=[cls.congress.pk])
        cls.call = reverse("speech_call", args=[cls.congress.pk, cls.speech.pk])

    def test_the_officer_adds_and_calls_the_projector_shows_who_speaks_and_who_is_next(
        self,
    ) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(
            self.page,
            {"kind": "tham-luan", "speaker": "Vừ A Tiến", "speaker_title": "", "topic": ""},
        )
        assert response.status_code == 302
        assert self.client.post(self.call).status_code == 302
        screen = self.client.get(reverse("projector_screen", args=[self.congress.pk]))
        text = screen.content.decode()
        assert "Nguyễn Trọng Thức" in text and "data-speaker" in text
        assert "Lò Thị Mai" in text and "Vừ A Tiến" in text

    def test_a_bad_line_says_which_field(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.page, {"kind": "tham-luan", "speaker": ""})
        self.assertContains(response, errors.SPEAKER_REQUIRED)
        assert self.congress.speeches.count() == 2

    def test_a_sibling_gets_404_a_viewer_403_anonymous_the_login(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.page).status_code == 404
        assert self.client.post(self.call).status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.page).status_code == 200
        assert self.client.post(self.call).status_code == 403
        self.client.force_login(self.w.upper)
        assert self.client.get(self.page).status_code == 200
        assert self.client.get(self.call).status_code == 405
        other = make_congress(self.w.sibling)
        assert (
            self.client.post(reverse("speech_call", args=[other.pk, self.speech.pk])).status_code
            == 404
        )
        self.client.logout()
        assert self.client.get(self.page).status_code == 302
        self.speech.refresh_from_db()
        assert self.speech.called_at is None
