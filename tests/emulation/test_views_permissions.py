"""The permission matrix over every page of the emulation app.

The campaign is launched by the province (the upper persona's unit) for its subtree. Officer of
the unit and officer of the level above: allowed. Officer of a sibling unit: 404 on the unit's
pages. Read-only role writing: 403. Anonymous: redirect to the login page. Wrong method: 405.
Reviewing a registration needs a writer of a unit above the registering one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.test import TestCase
from django.urls import reverse

from daihoi.emulation import services
from daihoi.emulation.models import (
    Campaign,
    CouncilVote,
    Proposal,
    ProposalStatus,
    Registration,
    RegistrationStatus,
)
from daihoi.emulation.testing import make_campaign
from daihoi.units.testing import World, build_world

READ, WRITE = "read", "write"


@dataclass(frozen=True)
class Objects:
    w: World
    campaign: Campaign
    registration: Registration  # of the officer's unit, waiting
    sibling_registration: Registration
    vote: CouncilVote  # the unit's council ballot on CSTĐCS, entering
    sibling_vote: CouncilVote
    proposal: Proposal  # the unit's proposal upward, being written
    sibling_proposal: Proposal


Kwargs = Callable[[Objects], dict[str, int]]


def cu(attr: str) -> Kwargs:
    return lambda o: {"campaign_id": o.campaign.pk, "unit_id": getattr(o.w, attr).pk}


def member_page(unit: str, member: str) -> Kwargs:
    return lambda o: {**cu(unit)(o), "member_id": getattr(o.w, member).pk}


def vote_page(unit: str, vote: str) -> Kwargs:
    return lambda o: {**cu(unit)(o), "vote_id": getattr(o, vote).pk}


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    methods: tuple[str, ...]
    own: Kwargs
    other: Kwargs
    ok: int = 200


PAGES = [
    Page(
        "campaign_create",
        WRITE,
        ("GET", "POST"),
        lambda o: {"unit_id": o.w.unit.pk},
        lambda o: {"unit_id": o.w.sibling.pk},
    ),
    Page("campaign_unit", READ, ("GET",), cu("unit"), cu("sibling")),
    Page(
        "emulation_dashboard",
        READ,
        ("GET",),
        lambda o: {"unit_id": o.w.unit.pk},
        lambda o: {"unit_id": o.w.sibling.pk},
    ),
    Page(
        "emulation_dashboard_xlsx",
        READ,
        ("GET",),
        lambda o: {"unit_id": o.w.unit.pk},
        lambda o: {"unit_id": o.w.sibling.pk},
    ),
    Page(
        "classification_page",
        READ,
        ("GET",),
        lambda o: {"unit_id": o.w.unit.pk},
        lambda o: {"unit_id": o.w.sibling.pk},
    ),
    Page("registration_create", WRITE, ("GET", "POST"), cu("unit"), cu("sibling")),
    Page("evaluation_table", READ, ("GET",), cu("unit"), cu("sibling")),
    Page("collective_evaluation", READ, ("GET",), cu("unit"), cu("sibling")),
    Page("evaluation_sheet_download", READ, ("GET",), cu("unit"), cu("sibling")),
    Page("evaluation_sheet_upload", READ, ("GET",), cu("unit"), cu("sibling")),
    Page(
        "evaluation_edit",
        READ,
        ("GET",),
        member_page("unit", "member"),
        member_page("sibling", "sibling_member"),
    ),
    Page("council_votes", READ, ("GET",), cu("unit"), cu("sibling")),
    Page(
        "council_vote",
        READ,
        ("GET",),
        vote_page("unit", "vote"),
        vote_page("sibling", "sibling_vote"),
    ),
    Page(
        "council_ballots",
        READ,
        ("GET",),
        vote_page("unit", "vote"),
        vote_page("sibling", "sibling_vote"),
    ),
    Page("proposal_unit", READ, ("GET",), cu("unit"), cu("sibling"), ok=302),
    Page(
        "proposal_detail",
        READ,
        ("GET",),
        lambda o: {**cu("unit")(o), "proposal_id": o.proposal.pk},
        lambda o: {**cu("sibling")(o), "proposal_id": o.sibling_proposal.pk},
    ),
]
WRITES_BY_POST = (
    "classification_page",
    "evaluation_edit",
    "collective_evaluation",
    "evaluation_sheet_upload",
    "council_votes",
    "council_vote",
    "proposal_unit",
)


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        w = build_world()
        campaign = make_campaign(w.province)
        (registration,) = services.register_members(
            campaign=campaign,
            unit=w.unit,
            members=[w.member],
            titles=["lao-dong-tien-tien"],
            by=None,
        )
        (sibling_registration,) = services.register_members(
            campaign=campaign,
            unit=w.sibling,
            members=[w.sibling_member],
            titles=["lao-dong-tien-tien"],
            by=None,
        )
        votes = []
        for unit, member in ((w.unit, w.member), (w.sibling, w.sibling_member)):
            services.evaluate_member(
                campaign=campaign,
                unit=unit,
                member=member,
                data=services.EvaluationData(
                    task_level="xuat-sac",
                    proposed=("chien-si-thi-dua-co-so",),
                    override_reason="Hồ sơ bổ sung sau",
                ),
                by=None,
            )
            votes.append(
                services.create_council_vote(
                    campaign=campaign,
                    unit=unit,
                    data=services.CouncilVoteData(
                        title="chien-si-thi-dua-co-so",
                        members=5,
                        present=5,
                        written=0,
                        held_on=campaign.ends_on,
                    ),
                    by=None,
                )
            )
        proposals = [
            services.start_proposal(campaign=campaign, unit=unit, by=None)
            for unit in (w.unit, w.sibling)
        ]
        cls.o = Objects(w, campaign, registration, sibling_registration, *votes, *proposals)
        cls.w = w

    def url(self, page: Page, *, other: bool = False) -> str:
        return reverse(page.name, kwargs=(page.other if other else page.own)(self.o))

    def status_as(self, user: object, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)  # type: ignore[arg-type]
        return self.client.generic(method, url).status_code

    def test_every_page_is_covered(self) -> None:
        from daihoi.emulation.urls import urlpatterns

        covered = {p.name for p in PAGES} | {
            "campaign_list",
            "campaign_detail",
            "registration_review",
            "registration_resubmit",
            "council_count",
            "council_minutes",  # tests/emulation/test_council.py
            "proposal_action",
            "proposal_line_remove",
            # A decision's certificates: tests/emulation/test_certificates.py.
            "certificates_page",
            "certificates_download",
            "certificates_docx",
            "certificate_one",
            "decision_document",  # tests/emulation/test_proposals.py
            "emulation_year_report",  # tests/emulation/test_report.py
            "member_records_export",  # tests/emulation/test_record_sheet.py
            "unit_records_export",  # tests/emulation/test_record_sheet.py
        }
        assert {p.name for p in urlpatterns} == covered

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        urls = [self.url(page) for page in PAGES] + [
            reverse("campaign_list"),
            reverse("campaign_detail", kwargs={"campaign_id": self.o.campaign.pk}),
        ]
        for url in urls:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertRedirects(
                    response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                )

    def test_officer_of_the_unit_and_of_the_level_above_may_do_everything(self) -> None:
        for user in (self.w.officer, self.w.upper, self.w.superuser):
            for page in PAGES:
                with self.subTest(user=user.username, page=page.name):
                    assert self.status_as(user, "GET", self.url(page)) == page.ok

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            for method in page.methods:
                with self.subTest(page=page.name, method=method):
                    assert self.status_as(self.w.sibling_officer, method, self.url(page)) == 404

    def test_the_sibling_officer_works_in_their_own_unit(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                url = self.url(page, other=True)
                assert self.status_as(self.w.sibling_officer, "GET", url) == page.ok

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                expected = page.ok if page.level == READ else 403
                assert self.status_as(self.w.viewer, "GET", self.url(page)) == expected
                if page.level == WRITE:
                    assert self.status_as(self.w.viewer, "POST", self.url(page)) == 403
        for name in WRITES_BY_POST:
            (page,) = [p for p in PAGES if p.name == name]
            assert self.status_as(self.w.viewer, "POST", self.url(page)) == 403

    def test_wrong_methods_get_405(self) -> None:
        for page in PAGES:
            wrong = ("PUT", "DELETE") if "POST" in page.methods else ("POST", "PUT", "DELETE")
            if page.name in WRITES_BY_POST:
                wrong = ("PUT", "DELETE")
            for method in wrong:
                with self.subTest(page=page.name, method=method):
                    assert self.status_as(self.w.upper, method, self.url(page)) == 405
        review = reverse(
            "registration_review",
            kwargs={"campaign_id": self.o.campaign.pk, "registration_id": self.o.registration.pk},
        )
        assert self.status_as(self.w.upper, "GET", review) == 405

    def test_a_campaign_is_seen_below_and_above_but_not_beside(self) -> None:
        own = make_campaign(self.w.unit)
        sibling = make_campaign(self.w.sibling)
        self.client.force_login(self.w.officer)
        listed = self.client.get(reverse("campaign_list")).content.decode()
        assert self.o.campaign.title in listed  # launched above
        assert reverse("campaign_unit", args=[own.pk, self.w.unit.pk]) in listed
        assert reverse("campaign_detail", args=[sibling.pk]) not in listed
        assert f"/thi-dua/{sibling.pk}/" not in listed
        detail = reverse("campaign_detail", kwargs={"campaign_id": sibling.pk})
        assert self.client.get(detail).status_code == 404
        # The province's campaign opens at the officer's own unit, not the province.
        detail = reverse("campaign_detail", kwargs={"campaign_id": self.o.campaign.pk})
        self.assertRedirects(
            self.client.get(detail),
            reverse("campaign_unit", args=[self.o.campaign.pk, self.w.unit.pk]),
        )

    def test_the_officer_sees_nothing_above_their_unit_in_a_campaign(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("campaign_unit", args=[self.o.campaign.pk, self.w.province.pk])
        assert self.client.get(url).status_code == 404

    def test_a_unit_outside_the_campaign_is_404(self) -> None:
        own = make_campaign(self.w.unit)
        self.client.force_login(self.w.superuser)
        url = reverse("campaign_unit", args=[own.pk, self.w.sibling.pk])
        assert self.client.get(url).status_code == 404

    def review(self, user: object, registration: Registration) -> int:
        url = reverse(
            "registration_review",
            kwargs={"campaign_id": self.o.campaign.pk, "registration_id": registration.pk},
        )
        self.client.logout()
        self.client.force_login(user)  # type: ignore[arg-type]
        return self.client.post(url, {"decision": "duyet"}).status_code

    def test_only_a_writer_above_the_unit_reviews_its_registrations(self) -> None:
        assert self.review(self.w.officer, self.o.registration) == 403  # its own unit
        assert self.review(self.w.viewer, self.o.registration) == 403
        assert self.review(self.w.sibling_officer, self.o.registration) == 404
        self.o.registration.refresh_from_db()
        assert self.o.registration.status == RegistrationStatus.SUBMITTED
        assert self.review(self.w.upper, self.o.registration) == 302
        self.o.registration.refresh_from_db()
        assert self.o.registration.status == RegistrationStatus.APPROVED

    def test_resending_is_for_writers_of_the_unit(self) -> None:
        services.review_registration(
            registration=self.o.registration, approve=False, reason="Thiếu hồ sơ", by=None
        )
        url = reverse(
            "registration_resubmit",
            kwargs={
                "campaign_id": self.o.campaign.pk,
                "unit_id": self.w.unit.pk,
                "registration_id": self.o.registration.pk,
            },
        )
        assert self.status_as(self.w.sibling_officer, "POST", url) == 404
        assert self.status_as(self.w.viewer, "POST", url) == 403
        assert self.status_as(self.w.officer, "GET", url) == 405
        assert self.status_as(self.w.officer, "POST", url) == 302
        self.o.registration.refresh_from_db()
        assert self.o.registration.status == RegistrationStatus.SUBMITTED

    def test_a_registration_of_another_unit_is_not_resent_through_this_one(self) -> None:
        url = reverse(
            "registration_resubmit",
            kwargs={
                "campaign_id": self.o.campaign.pk,
                "unit_id": self.w.unit.pk,
                "registration_id": self.o.sibling_registration.pk,
            },
        )
        assert self.status_as(self.w.upper, "POST", url) == 404

    def test_a_member_of_another_unit_is_not_evaluated_through_this_one(self) -> None:
        url = reverse(
            "evaluation_edit",
            kwargs={
                "campaign_id": self.o.campaign.pk,
                "unit_id": self.w.unit.pk,
                "member_id": self.w.sibling_member.pk,
            },
        )
        assert self.status_as(self.w.upper, "GET", url) == 404

    def test_counting_the_council_vote_is_for_writers_of_the_unit(self) -> None:
        url = reverse("council_count", kwargs=vote_page("unit", "vote")(self.o))
        assert self.status_as(self.w.sibling_officer, "POST", url) == 404
        assert self.status_as(self.w.viewer, "POST", url) == 403
        assert self.status_as(self.w.officer, "GET", url) == 405
        # Another unit's vote is not reached through this unit.
        other = {**cu("unit")(self.o), "vote_id": self.o.sibling_vote.pk}
        assert self.status_as(self.w.upper, "POST", reverse("council_count", kwargs=other)) == 404
        assert self.status_as(self.w.upper, "GET", reverse("council_vote", kwargs=other)) == 404
        self.o.vote.refresh_from_db()
        assert self.o.vote.status == "dang-nhap"

    def test_a_proposal_is_changed_by_writers_of_its_unit_and_decided_only_above(self) -> None:
        services.add_award(
            proposal=self.o.proposal,
            data=services.AwardData(award="giay-khen", note="Thành tích", member=self.w.member),
        )
        kwargs = {**cu("unit")(self.o), "proposal_id": self.o.proposal.pk}
        send = reverse("proposal_action", kwargs={**kwargs, "action": "gui"})
        back = reverse("proposal_action", kwargs={**kwargs, "action": "tra-lai"})
        assert self.status_as(self.w.sibling_officer, "POST", send) == 404
        assert self.status_as(self.w.viewer, "POST", send) == 403
        assert self.status_as(self.w.officer, "GET", send) == 405
        unknown = reverse("proposal_action", kwargs={**kwargs, "action": "xoa-het"})
        assert self.status_as(self.w.officer, "POST", unknown) == 404
        assert self.status_as(self.w.officer, "POST", send) == 302
        assert self.status_as(self.w.officer, "POST", back) == 403
        self.o.proposal.refresh_from_db()
        assert self.o.proposal.status == ProposalStatus.SUBMITTED
        # Another unit's proposal is not reached through this unit.
        other = {**cu("unit")(self.o), "proposal_id": self.o.sibling_proposal.pk}
        assert self.status_as(self.w.upper, "GET", reverse("proposal_detail", kwargs=other)) == 404

    def test_a_line_is_removed_by_writers_of_its_unit(self) -> None:
        line = services.add_award(
            proposal=self.o.proposal,
            data=services.AwardData(award="giay-khen", note="Thành tích", member=self.w.member),
        )
        kwargs = {**cu("unit")(self.o), "proposal_id": self.o.proposal.pk, "line_id": line.pk}
        url = reverse("proposal_line_remove", kwargs=kwargs)
        assert self.status_as(self.w.sibling_officer, "POST", url) == 404
        assert self.status_as(self.w.viewer, "POST", url) == 403
        assert self.status_as(self.w.officer, "POST", url) == 302
        assert not self.o.proposal.lines.filter(pk=line.pk).exists()
