"""The speakers' list page: the officers list speakers, the presidium calls them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses import speeches
from daihoi.congresses.access import get_congress_for_user
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import Congress, Speech, SpeechKind
from daihoi.units.forms import add_errors


class SpeechForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"), choices=SpeechKind.choices, initial=SpeechKind.CONTRIBUTION
    )
    speaker = forms.CharField(
        label=gettext_lazy("Người phát biểu"), required=False, max_length=2000
    )
    speaker_title = forms.CharField(
        label=gettext_lazy("Chức vụ, đơn vị"), required=False, max_length=2000
    )
    topic = forms.CharField(
        label=gettext_lazy("Tên tham luận, nội dung"), required=False, max_length=2000
    )


@login_required
@require_http_methods(["GET", "POST"])
def speech_list(request: HttpRequest, congress_id: int) -> HttpResponse:
    write = request.method == "POST"
    congress = get_congress_for_user(request.user, congress_id, write=write)
    form = SpeechForm(request.POST if write else None)
    if write and form.is_valid():
        try:
            speech = speeches.add_speech(congress=congress, **form.cleaned_data)
        except CongressError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã thêm %(speaker)s vào danh sách phát biểu.") % {"speaker": speech.speaker},
            )
            return redirect("speech_list", congress_id=congress.pk)
    return render(
        request,
        "congresses/speeches.html",
        {
            "congress": congress,
            "speeches": speeches.speakers_list(congress),
            "form": form,
            "tab": "speeches",
        },
    )


def _speech(congress: Congress, speech_id: int) -> Speech:
    speech = congress.speeches.filter(pk=speech_id).first()
    if speech is None:
        raise Http404(NOT_FOUND)
    return speech


@login_required
@require_POST
def speech_call(request: HttpRequest, congress_id: int, speech_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    try:
        speech = speeches.call_speech(speech=_speech(congress, speech_id))
    except CongressError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã mời %(speaker)s phát biểu; màn hình chiếu hiện danh sách phát biểu.")
            % {"speaker": speech.speaker},
        )
    return redirect("speech_list", congress_id=congress.pk)


@login_required
@require_POST
def speech_remove(request: HttpRequest, congress_id: int, speech_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    speech = _speech(congress, speech_id)
    try:
        speeches.remove_speech(speech=speech)
    except CongressError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã xóa %(speaker)s khỏi danh sách.") % {"speaker": speech.speaker}
        )
    return redirect("speech_list", congress_id=congress.pk)
