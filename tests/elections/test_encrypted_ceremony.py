"""The key ceremony's server side (issue 13): each member's device posts its device key, then its
commitments with proofs and the shares sealed for the others, then the verification key of the
share it assembled; the server checks what it can and sets the round's key at the end. The
devices' arithmetic is the browser's (tests/browser/test_encrypted_ceremony.py); here the same
values are made with the Python protocol."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from test_encrypted_count import partial, phone_ballot
from tests.rules.second_verifier.record import check_record
from world import approved_round, bch_election, build_hall, build_world

from daihoi.elections import encrypted, errors, services
from daihoi.elections.crypto_group import group_named, ristretto255
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import CeremonyPost, Round
from daihoi.rules import ballot_crypto as bc
from daihoi.rules.election_record import verify_record

#: The group a round is keyed in now (protocol 3).
GROUP = ristretto255()

NAMES = ("An", "Bình", "Chi")


def sealed() -> dict[str, str]:
    """A share sealed for another member, as the server sees it: opaque."""
    return {
        "ephemeral": GROUP.base_power(bc.random_exponent(GROUP)).hex(),
        "ciphertext": "ab" * 32,
    }


class _PhoneRound(TestCase):
    """A congress whose Ban Kiểm phiếu is three tellers, and a round on the phones, its list
    approved, not keyed yet."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.round = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=cls.round, paper=False, phone=True)


class CeremonyTests(_PhoneRound):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.seats = [d.pk for d in cls.hall.delegates[:3]]

    def post(self, member: int, data: object) -> encrypted.Ceremony:
        return encrypted.ceremony_post(
            round_=self.round, delegate_id=self.seats[member - 1], data=data
        )

    def run_to_check(self) -> tuple[list[bc.MemberCommitment], dict[int, int]]:
        for m in (1, 2, 3):
            key = GROUP.base_power(bc.random_exponent(GROUP)).hex()
            self.post(m, {"step": "key", "device_key": key})
        context = encrypted.round_context(self.round)
        pairs = [
            bc.member_generate(GROUP, index=m, threshold=2, context=context) for m in (1, 2, 3)
        ]
        for (_, commitment), m in zip(pairs, (1, 2, 3), strict=True):
            shares = {str(o): sealed() for o in (1, 2, 3) if o != m}
            state = self.post(
                m,
                {
                    "step": "commitment",
                    "commitment": bc.commitment_to_json(commitment),
                    "shares": shares,
                },
            )
        assert state.step == encrypted.CHECK
        keys = {
            m: bc.combine_shares(
                GROUP, shares=[bc.share_for(GROUP, secret=s, recipient=m) for s, _ in pairs]
            )
            for m in (1, 2, 3)
        }
        self.secrets = [s for s, _ in pairs]
        return [c for _, c in pairs], keys

    def test_a_complaint_is_answered_by_the_sender_publishing_a_share_that_matches(self) -> None:
        """Member 3 finds member 1's share bad and complains; member 1 is waited for, its
        published share is kept only if it matches its own commitments, then the key is made."""
        commitments, keys = self.run_to_check()
        state = self.post(3, {"step": "complaint", "against": 1})
        assert state.complaints == [encrypted.Complaint(by=3, against=1, share="")]
        state = self.post(1, {"step": "check", "verification": GROUP.base_power(keys[1]).hex()})
        assert [h.index for h in state.waiting_for()] == [1, 2, 3]  # 1: its answer
        for bad in (
            {"against": 1},
            {"against": 3},
            {"against": 9},
            {"against": "1"},
            {"against": True},  # JSON true: no complaint keyed "True"
            {"against": None},
            {},
        ):
            with pytest.raises(ElectionError, match="Khiếu nại không hợp lệ"):
                self.post(3, {"step": "complaint", **bad})
        with pytest.raises(ElectionError) as refused:  # member 2 is not the one accused
            self.post(2, {"step": "reveal", "to": 3, "share": "1"})
        assert refused.value.message == errors.CEREMONY_WRONG_STEP
        for to in (True, "3", None, 3.0):
            with pytest.raises(ElectionError, match="Bước này chưa đến"):
                self.post(1, {"step": "reveal", "to": to, "share": "1"})
        assert [c.by for c in encrypted.ceremony(self.round).complaints] == [3]
        wrong = bc.share_for(GROUP, secret=self.secrets[0], recipient=2)  # member 2's, not 3's
        for share in (format(wrong, "x"), "zz", "0" * 65, 7):
            with pytest.raises(ElectionError) as refused:
                self.post(1, {"step": "reveal", "to": 3, "share": share})
            assert refused.value.message == errors.CEREMONY_BAD_REVEAL.format(
                member=errors.ENCRYPTED_MEMBER_NAMED.format(
                    index=1, name=self.hall.delegates[0].full_name
                ),
                recipient=3,
            )
        assert encrypted.ceremony(self.round).complaints[0].share == ""  # nothing kept
        right = bc.share_for(GROUP, secret=self.secrets[0], recipient=3)
        state = self.post(1, {"step": "reveal", "to": 3, "share": format(right, "x")})
        assert state.complaints == [encrypted.Complaint(by=3, against=1, share=format(right, "x"))]
        assert [h.index for h in state.waiting_for()] == [2, 3]
        with pytest.raises(ElectionError):  # answered once
            self.post(1, {"step": "reveal", "to": 3, "share": format(right, "x")})
        for m in (2, 3):
            state = self.post(m, {"step": "check", "verification": GROUP.base_power(keys[m]).hex()})
        assert state.step == encrypted.DONE
        round_ = Round.objects.get(pk=self.round.pk)
        assert round_.public_key == bc.joint_public_key(GROUP, commitments=commitments).hex()
        # the published record carries the complaint and its answer (check 1 reads them)
        record = encrypted.election_record(round_)
        assert record["complaints"] == [{"by": 3, "against": 1, "share": format(right, "x")}]

    def test_three_members_make_the_key_two_of_three_and_the_round_is_encrypted(self) -> None:
        state = encrypted.ceremony(self.round)
        assert (state.step, state.threshold, len(state.holders)) == (encrypted.KEY, 2, 3)
        commitments, keys = self.run_to_check()
        for m in (1, 2, 3):
            state = self.post(m, {"step": "check", "verification": GROUP.base_power(keys[m]).hex()})
        assert state.step == encrypted.DONE
        round_ = Round.objects.get(pk=self.round.pk)
        assert round_.encrypted
        assert round_.public_key == bc.joint_public_key(GROUP, commitments=commitments).hex()
        names = [m["name"] for m in round_.key_record["members"]]
        assert names == [d.full_name for d in self.hall.delegates[:3]]
        assert encrypted.holder_of(round_, delegate_id=self.seats[2]).index == 3

    def test_a_wrong_verification_key_or_a_bad_commitment_is_refused_naming_the_member(
        self,
    ) -> None:
        _, keys = self.run_to_check()
        name = self.hall.delegates[1].full_name
        with pytest.raises(ElectionError) as refused:
            self.post(2, {"step": "check", "verification": GROUP.base_power(keys[1]).hex()})
        assert refused.value.message == errors.CEREMONY_BAD_VERIFICATION.format(
            member=errors.ENCRYPTED_MEMBER_NAMED.format(index=2, name=name)
        )
        assert not CeremonyPost.objects.get(round=self.round, member=2).verification
        other = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=other, paper=False, phone=True)
        for m in (1, 2, 3):
            encrypted.ceremony_post(
                round_=other,
                delegate_id=self.seats[m - 1],
                data={"step": "key", "device_key": GROUP.generator.hex()},
            )
        # A commitment made for another round (its proofs bind the round) is refused.
        _, foreign = bc.member_generate(
            GROUP, index=1, threshold=2, context=encrypted.round_context(self.round)
        )
        with pytest.raises(ElectionError, match="Cam kết khoá của thành viên số 1"):
            encrypted.ceremony_post(
                round_=other,
                delegate_id=self.seats[0],
                data={
                    "step": "commitment",
                    "commitment": bc.commitment_to_json(foreign),
                    "shares": {"2": sealed(), "3": sealed()},
                },
            )

    def test_a_member_restarts_a_stopped_ceremony_until_the_key_is_set(self) -> None:
        _, keys = self.run_to_check()
        before = timezone.now()
        state = self.post(3, {"step": "restart"})  # e.g. member 3's device lost its secrets
        assert state.step == encrypted.KEY and not state.posts
        assert not CeremonyPost.objects.filter(round=self.round).exists()
        third = state.holders[2].name
        assert [r.by for r in state.restarts] == [third]  # who stalls is seen
        assert before <= state.restarts[0].at <= timezone.now()
        commitments, keys = self.run_to_check()
        for m in (1, 2, 3):
            self.post(m, {"step": "check", "verification": GROUP.base_power(keys[m]).hex()})
        with pytest.raises(ElectionError) as refused:
            self.post(1, {"step": "restart"})
        assert refused.value.message == errors.CEREMONY_WRONG_STEP
        round_ = Round.objects.get(pk=self.round.pk)
        assert round_.public_key == bc.joint_public_key(GROUP, commitments=commitments).hex()
        assert [r.by for r in encrypted.ceremony(round_).restarts] == [third]  # kept once made

    def test_steps_come_in_order_once_each_and_only_before_the_round_opens(self) -> None:
        with pytest.raises(ElectionError) as refused:
            self.post(1, {"step": "check", "verification": "00"})
        assert refused.value.message == errors.CEREMONY_WRONG_STEP
        with pytest.raises(ElectionError, match="Khoá thiết bị"):
            self.post(1, {"step": "key", "device_key": "01" + "00" * 31})  # the identity
        self.post(1, {"step": "key", "device_key": GROUP.generator.hex()})
        with pytest.raises(ElectionError) as refused:
            self.post(1, {"step": "key", "device_key": GROUP.generator.hex()})
        assert refused.value.message == errors.CEREMONY_WRONG_STEP
        with pytest.raises(ElectionError) as refused:
            encrypted.ceremony_post(
                round_=self.round, delegate_id=self.hall.delegates[4].pk, data={}
            )
        assert refused.value.message == errors.ENCRYPTED_NOT_KEY_HOLDER
        services.open_round(round_=self.round, user=self.w.officer)
        with pytest.raises(ElectionError) as refused:
            self.post(2, {"step": "key", "device_key": GROUP.generator.hex()})
        assert refused.value.message == errors.CEREMONY_TOO_LATE

    def test_only_the_congress_tellers_reach_the_ceremony_and_decryption_pages(self) -> None:
        for name in ("round_ceremony", "round_decrypt"):
            url = reverse(name, args=[self.round.pk])
            self.client.force_login(self.w.sibling_officer)
            assert self.client.get(url).status_code == 404
            self.client.force_login(self.w.viewer)
            assert self.client.get(url).status_code == 403
            self.client.force_login(self.w.upper)
            assert self.client.get(url).status_code == 200
        page = self.client.get(reverse("round_ceremony", args=[self.round.pk])).content.decode()
        assert "Thành viên số 2: " + self.hall.delegates[1].full_name in page

    def test_a_step_nested_too_deep_or_no_json_is_refused_in_words(self) -> None:
        """Python's JSON reader gives up on a hundred thousand nested brackets (RecursionError):
        the member's device is answered 400 with the reason, as for any body that is no JSON."""
        self.client.force_login(self.w.officer)  # the committee's first member
        url = reverse("round_ceremony", args=[self.round.pk])
        for body in ("[" * 100_000, '{"step": ' * 50_000, "{"):
            response = self.client.post(url, body, content_type="application/json")
            assert response.status_code == 400, body[:20]
            assert response.json()["ok"] is False and response.json()["message"]
        assert not CeremonyPost.objects.exists()


class LeavingAMemberOutTests(_PhoneRound):
    """A member the ceremony waits for (absent, or not answering a complaint) is left out by
    another, and the others make the key without them (docs/ballot-crypto.md, "Keys")."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.an, cls.binh, cls.chi = (d.pk for d in cls.hall.delegates[:3])
        cls.names = [d.full_name for d in cls.hall.delegates[:3]]

    def post(self, delegate_id: int, data: object) -> encrypted.Ceremony:
        return encrypted.ceremony_post(round_=self.round, delegate_id=delegate_id, data=data)

    def commit(self, threshold: int) -> tuple[list[bc.MemberCommitment], dict[int, int]]:
        """Every holder's device key and commitments, as their devices post them."""
        self.round.refresh_from_db()
        state = encrypted.ceremony(self.round)
        for h in state.holders:
            key = GROUP.base_power(bc.random_exponent(GROUP)).hex()
            self.post(h.delegate_id, {"step": "key", "device_key": key})
        context = encrypted.round_context(self.round)
        indexes = [h.index for h in state.holders]
        pairs = [
            bc.member_generate(GROUP, index=i, threshold=threshold, context=context)
            for i in indexes
        ]
        for h, (_, commitment) in zip(state.holders, pairs, strict=True):
            shares = {str(o): sealed() for o in indexes if o != h.index}
            self.post(
                h.delegate_id,
                {
                    "step": "commitment",
                    "commitment": bc.commitment_to_json(commitment),
                    "shares": shares,
                },
            )
        keys = {
            i: bc.combine_shares(
                GROUP, shares=[bc.share_for(GROUP, secret=s, recipient=i) for s, _ in pairs]
            )
            for i in indexes
        }
        return [c for _, c in pairs], keys

    def test_a_member_not_answering_a_complaint_is_left_out_and_the_others_make_the_key(
        self,
    ) -> None:
        self.commit(threshold=2)
        state = self.post(self.chi, {"step": "complaint", "against": 1})  # An's share is bad
        chi = next(h for h in state.holders if h.delegate_id == self.chi)
        binh = next(h for h in state.holders if h.delegate_id == self.binh)
        # while the complaint waits, only the accused may be left out, by either other member
        assert [h.index for h in state.excludable(chi)] == [1]
        assert [h.index for h in state.excludable(binh)] == [1]
        for bad in ({"member": 3}, {"member": 2}, {"member": "1"}, {"member": True}, {}):
            with pytest.raises(ElectionError) as refused:
                self.post(self.binh, {"step": "exclude", **bad})
            assert refused.value.message == errors.CEREMONY_BAD_EXCLUSION
        state = self.post(self.chi, {"step": "exclude", "member": 1})
        assert state.step == encrypted.KEY and not state.posts
        assert [(h.index, h.name) for h in state.holders] == [
            (1, self.names[1]),
            (2, self.names[2]),
        ]
        assert state.threshold == 2  # the whole committee's majority: not lowered
        assert state.excluded == (
            encrypted.Exclusion(
                delegate_id=self.an,
                name=self.names[0],
                by=self.names[2],
                reason=encrypted.LEFT_OUT_COMPLAINT,
            ),
        )
        with pytest.raises(ElectionError) as refused:  # An holds no part of the key now
            self.post(self.an, {"step": "key", "device_key": GROUP.generator.hex()})
        assert refused.value.message == errors.ENCRYPTED_NOT_KEY_HOLDER
        with pytest.raises(ElectionError) as refused:  # two left, two needed: no one more
            self.post(self.binh, {"step": "exclude", "member": 2})
        assert refused.value.message == errors.CEREMONY_TOO_FEW_LEFT.format(members=2, k=2)
        commitments, keys = self.commit(threshold=2)
        for delegate, index in ((self.binh, 1), (self.chi, 2)):
            verification = GROUP.base_power(keys[index]).hex()
            state = self.post(delegate, {"step": "check", "verification": verification})
        assert state.step == encrypted.DONE
        round_ = Round.objects.get(pk=self.round.pk)
        assert round_.public_key == bc.joint_public_key(GROUP, commitments=commitments).hex()
        assert [m["name"] for m in round_.key_record["members"]] == self.names[1:]
        assert round_.key_record["threshold"] == 2
        assert encrypted.holder_of(round_, delegate_id=self.chi).index == 2
        assert encrypted.holder_of(round_, delegate_id=self.an) is None
        assert [e.name for e in encrypted.ceremony(round_).excluded] == [self.names[0]]
        with pytest.raises(ElectionError) as refused:
            self.post(self.binh, {"step": "restart"})
        assert refused.value.message == errors.CEREMONY_WRONG_STEP

    def test_a_round_keyed_without_a_member_counts_and_its_record_verifies(self) -> None:
        self.commit(threshold=2)
        self.post(self.chi, {"step": "complaint", "against": 1})
        self.post(self.chi, {"step": "exclude", "member": 1})
        _, keys = self.commit(threshold=2)
        for delegate, index in ((self.binh, 1), (self.chi, 2)):
            verification = GROUP.base_power(keys[index]).hex()
            self.post(delegate, {"step": "check", "verification": verification})
        services.open_round(round_=self.round, user=self.w.officer)
        self.round.refresh_from_db()
        votes = ((True, False, True), (False, True, True), (True, True, False))
        for delegate, kept in zip(self.hall.delegates, votes, strict=False):
            encrypted.cast_encrypted_ballot(
                round_=self.round, delegate=delegate, ballot=phone_ballot(self.round, kept)
            )
        services.close_round(round_=self.round)
        for index in (1, 2):  # both left are needed: 2 of 2
            encrypted.submit_partial(
                round_=self.round, member=index, partial=partial(self.round, index, keys[index])
            )
        services.count_round(round_=self.round)
        record = encrypted.election_record(Round.objects.get(pk=self.round.pk))
        assert record["totals"] == [2, 2, 2]
        assert [m["name"] for m in record["members"]] == self.names[1:]
        report = verify_record(record, group=group_named(record["group"]))
        assert report.ok, [c for c in report.checks if not c.ok]
        assert check_record(json.loads(json.dumps(record))) == []  # the second verifier too

    def test_an_absent_member_is_left_out_and_a_restart_brings_them_back(self) -> None:
        self.post(self.an, {"step": "key", "device_key": GROUP.generator.hex()})
        state = encrypted.ceremony(self.round)
        an, binh, _ = state.holders
        assert [h.index for h in state.excludable(an)] == [2, 3]  # not yet there
        assert state.excludable(binh) == []  # who has not taken the step leaves no one out
        with pytest.raises(ElectionError) as refused:
            self.post(self.binh, {"step": "exclude", "member": 3})
        assert refused.value.message == errors.CEREMONY_BAD_EXCLUSION
        page = self._page(self.w.officer)  # An's seat
        assert 'data-exclude="2"' in page and 'data-exclude="3"' in page
        assert 'data-exclude="1"' not in page
        with pytest.raises(ElectionError) as refused:  # oneself
            self.post(self.an, {"step": "exclude", "member": 1})
        assert refused.value.message == errors.CEREMONY_BAD_EXCLUSION
        state = self.post(self.an, {"step": "exclude", "member": 3})
        assert [e.reason for e in state.excluded] == [encrypted.LEFT_OUT_ABSENT]
        assert [h.name for h in state.holders] == self.names[:2] and not state.posts
        page = self._page(self.w.officer)
        assert f"{self.names[2]} không giữ phần khoá của vòng này: {self.names[0]} đã làm lại" in (
            page
        )
        assert "data-exclude" not in page  # two left, two needed
        page = self._page(self.w.superuser)  # Chi's seat: left out
        assert "Bạn không giữ phần khoá nào của vòng này" in page
        assert 'id="ceremony-action"' not in page
        state = self.post(self.binh, {"step": "restart"})
        assert len(state.holders) == 3 and state.excluded == ()
        assert Round.objects.get(pk=self.round.pk).key_excluded is None
        page = self._page(self.w.officer)
        assert 'id="ceremony-restarts"' in page and "làm lại 1 lần" in page
        assert f"<li>{self.names[1]}, " in page  # Bình pressed it

    def _page(self, user: Any) -> str:
        self.client.force_login(user)
        return self.client.get(reverse("round_ceremony", args=[self.round.pk])).content.decode()
