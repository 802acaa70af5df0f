"""The speakers' list (danh sách phát biểu, tham luận): listed, called by the presidium, kept.

The guests' guidance (phát biểu chỉ đạo, seed 000: "Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn
Trọng Thức - Bí thư Chi bộ Văn phòng Sở ...") and the delegates' contributions (tham luận) are
listed in the order the presidium will call them; calling one records the time and puts the
speaker on the projector. The called speeches are the record the minutes and the news report
read; the waiting ones may be removed.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from daihoi.congresses import errors
from daihoi.congresses.errors import CongressError, FieldError
from daihoi.congresses.models import Congress, ProjectorMode, Speech, SpeechKind
from daihoi.rules.names import has_hidden_characters
from daihoi.units.errors import HIDDEN_CHARACTERS

LIMITS = {"speaker": 200, "speaker_title": 300, "topic": 300}
LABELS = {"speaker": "Người phát biểu", "speaker_title": "Chức vụ, đơn vị", "topic": "Nội dung"}


def _line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@transaction.atomic
def add_speech(
    *, congress: Congress, kind: str, speaker: str, speaker_title: str = "", topic: str = ""
) -> Speech:
    """Put a speaker at the end of the list; every problem is said at once, nothing written."""
    raw = {"speaker": speaker, "speaker_title": speaker_title, "topic": topic}
    problems = [
        FieldError(name, HIDDEN_CHARACTERS.format(label=LABELS[name]))
        for name, value in raw.items()
        if has_hidden_characters(value)
    ]
    clean = {name: _line(value) for name, value in raw.items()}
    if kind not in SpeechKind.values:
        problems.append(FieldError("kind", errors.SPEECH_KIND_UNKNOWN.format(value=kind)))
    if not clean["speaker"]:
        problems.append(FieldError("speaker", errors.SPEAKER_REQUIRED))
    for name, limit in LIMITS.items():
        if len(clean[name]) > limit:
            problems.append(
                FieldError(
                    name,
                    errors.SPEECH_TOO_LONG.format(
                        label=LABELS[name], limit=limit, length=len(clean[name])
                    ),
                )
            )
    if problems:
        raise CongressError(*problems)
    # The congress row's lock orders two officers adding at once.
    Congress.objects.select_for_update().filter(pk=congress.pk).first()
    last = congress.speeches.aggregate(last=Max("order"))["last"] or 0
    return Speech.objects.create(congress=congress, order=last + 1, kind=kind, **clean)


def _time(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


@transaction.atomic
def call_speech(
    *, speech: Speech, show_on_projector: bool = True, at: datetime | None = None
) -> Speech:
    """Call the speaker to the rostrum: the time is recorded, the projector shows the list."""
    speech = Speech.objects.select_for_update().select_related("congress").get(pk=speech.pk)
    if speech.called_at is not None:
        raise CongressError.on(
            None, errors.SPEECH_CALLED.format(speaker=speech.speaker, time=_time(speech.called_at))
        )
    speech.called_at = at or timezone.now()
    speech.save(update_fields=["called_at"])
    if show_on_projector:
        congress = speech.congress
        congress.projector_mode = ProjectorMode.SPEECHES
        congress.save(update_fields=["projector_mode", "updated_at"])
    return speech


@transaction.atomic
def remove_speech(*, speech: Speech) -> None:
    """Take a waiting speaker off the list; a speech given is part of the record."""
    speech = Speech.objects.select_for_update().get(pk=speech.pk)
    if speech.called_at is not None:
        raise CongressError.on(
            None,
            errors.SPEECH_CALLED_KEPT.format(speaker=speech.speaker, time=_time(speech.called_at)),
        )
    speech.delete()


def speakers_list(congress: Congress) -> list[Speech]:
    return list(congress.speeches.order_by("order", "id"))


def speeches_given(congress: Congress) -> list[Speech]:
    """Return the speeches the presidium called, in the order they were given."""
    return list(congress.speeches.filter(called_at__isnull=False).order_by("called_at", "order"))


def screen(congress: Congress) -> tuple[Speech | None, list[Speech]]:
    """Return the speaker at the rostrum (the last called) and those waiting, for the projector."""
    speeches = speakers_list(congress)
    called = [s for s in speeches if s.called_at is not None]
    current = max(called, key=lambda s: (s.called_at, s.order)) if called else None
    return current, [s for s in speeches if s.called_at is None]
