"""The four kinds of record and what their pages need: one table, read by the views and urls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daihoi.activities import forms as activity_forms
from daihoi.activities import queries, services
from daihoi.activities.models import Contribution, Initiative, PartyIntroduction, ResearchProject


@dataclass(frozen=True)
class Kind:
    slug: str  # the URL's segment
    name: str  # the URL names' prefix and the rows template's suffix
    model: type[Model]
    form: type[forms.Form]
    records: Callable[..., QuerySet[Any]]
    data_of: Callable[[Any], Any]
    save: Callable[..., Any]
    title: str | Promise  # the list's heading
    add: str | Promise  # the add button and page
    one: str | Promise  # a record, in a sentence ("sáng kiến")


KINDS = (
    Kind(
        slug="sang-kien",
        name="initiative",
        model=Initiative,
        form=activity_forms.InitiativeForm,
        records=queries.initiatives_of,
        data_of=services.InitiativeData.of,
        save=services.save_initiative,
        title=_("Sáng kiến"),
        add=_("Thêm sáng kiến"),
        one=_("sáng kiến"),
    ),
    Kind(
        slug="de-tai",
        name="research",
        model=ResearchProject,
        form=activity_forms.ResearchForm,
        records=queries.research_of,
        data_of=services.ResearchData.of,
        save=services.save_research,
        title=_("Đề tài nghiên cứu khoa học"),
        add=_("Thêm đề tài"),
        one=_("đề tài"),
    ),
    Kind(
        slug="tu-thien",
        name="contribution",
        model=Contribution,
        form=activity_forms.ContributionForm,
        records=queries.contributions_of,
        data_of=services.ContributionData.of,
        save=services.save_contribution,
        title=_("Từ thiện, mái ấm công đoàn, hỗ trợ"),
        add=_("Thêm khoản đóng góp"),
        one=_("khoản đóng góp"),
    ),
    Kind(
        slug="gioi-thieu-dang",
        name="introduction",
        model=PartyIntroduction,
        form=activity_forms.IntroductionForm,
        records=queries.introductions_of,
        data_of=services.IntroductionData.of,
        save=services.save_introduction,
        title=_("Giới thiệu đoàn viên ưu tú cho Đảng"),
        add=_("Thêm người được giới thiệu"),
        one=_("lượt giới thiệu"),
    ),
)
BY_SLUG = {kind.slug: kind for kind in KINDS}
