"""Closing and counting an encrypted round (issue 13): the board's ciphertexts are multiplied per
name at the close, the members' partial decryptions are checked before they are kept, and at
the threshold the totals go to the engine as a tally, with the paper ballots of a mixed round;
the minutes say so and print the board's final hash."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse
from world import approved_round, bch_election, build_hall, build_world, typed

from daihoi.documents.minutes import (
    FIGURE_INVALID_OF_WHICH,
    FIGURE_REASON,
    HOMOMORPHIC_EMPTY,
    MIXED,
    PAPER,
    PHONE,
    STATEMENT_CONDUCT,
    write_minutes,
)
from daihoi.elections import congress as hall
from daihoi.elections import documents, encrypted, errors, services
from daihoi.elections.crypto_group import ristretto255
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import DecryptionShare, Round, RoundStatus
from daihoi.elections.testing import committee_keys, key_round_before_protocol_3
from daihoi.rules import ballot_crypto as bc
from daihoi.rules import counting
from daihoi.rules.digest import group_hex
from daihoi.rules.election import INVALID_REASON_LABELS, Ballot, Election, parse_election
from daihoi.rules.election_record import CHECK_TOTALS_EMPTY, verify_record
from daihoi.rules.numbers import number_vi

sys.path.insert(0, str(Path(__file__).parent.parent / "documents"))
from extract import docx_text, flat

#: The group a round is keyed in now (protocol 3).
GROUP = ristretto255()

NAMES = ("An", "Bình", "Chi", "Dũng")
# Four phone ballots (kept per name, in ballot order), 2 seats.
VOTES = (
    (True, False, True, False),
    (False, True, False, False),
    (True, True, False, False),
    (True, False, False, True),
)


def ceremony(round_: Round, *, n: int = 3, k: int = 2) -> dict[int, int]:
    """The committee's key, made as their devices would; returns each member's key share."""
    commitments, keys = committee_keys(GROUP, context=encrypted.round_context(round_), n=n, k=k)
    seats = hall.counting_committee_seats(round_.election.congress)
    holders = [(seat.delegate_id, seat.name) for seat in seats[:n]]
    encrypted.set_round_key(round_=round_, commitments=commitments, threshold=k, holders=holders)
    return keys


#: A round keyed before protocol 3 (edwards25519): its committee's key shares.
keyed_before_protocol_3 = key_round_before_protocol_3


def phone_ballot(round_: Round, kept: tuple[bool, ...]) -> dict[str, object]:
    """The ballot the phone sends, in the group and protocol of the round's key."""
    crypto = encrypted.phone_crypto(round_, services.phone_sheet(round_))
    return bc.ballot_to_json(
        bc.encrypt_ballot(
            encrypted.group_of(round_),
            public_key=bytes.fromhex(crypto.public_key),
            kept=kept,
            minimum=crypto.minimum,
            maximum=crypto.maximum,
            context=crypto.context,
            protocol=crypto.protocol,
        )
    )


def audited(round_: Round, kept: tuple[bool, ...]) -> bc.Audit:
    """An encryption of ``kept`` as the phone makes it, audited: with its nonces revealed."""
    key = bytes.fromhex(encrypted.phone_crypto(round_, services.phone_sheet(round_)).public_key)
    made = [bc.encrypt(encrypted.group_of(round_), public_key=key, message=int(k)) for k in kept]
    return bc.Audit(
        ciphertexts=tuple(ct for ct, _ in made), kept=tuple(kept), nonces=tuple(r for _, r in made)
    )


def partial(round_: Round, member: int, key: int) -> dict[str, object]:
    """What member ``member``'s device computes and posts."""
    round_.refresh_from_db()
    return bc.partial_to_json(
        bc.partial_decrypt(
            encrypted.group_of(round_),
            member=member,
            key_share=key,
            sums=encrypted.sums_of(round_),
            context=encrypted.decryption_context(round_),
        )
    )


def minutes_text_of(election: Election) -> str:
    """The minutes of the same ballots counted as a paper-only round."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bien-ban.docx"
        write_minutes(election, counting.count(election), path)
        return docx_text(path)


class EncryptedCountTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        round_ = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        cls.keys = ceremony(round_)
        services.open_round(round_=round_, user=cls.w.officer)
        round_.refresh_from_db()
        for delegate, kept in zip(cls.hall.delegates, VOTES, strict=False):
            encrypted.cast_encrypted_ballot(
                round_=round_, delegate=delegate, ballot=phone_ballot(round_, kept)
            )
        services.close_round(round_=round_)
        cls.round = Round.objects.select_related("election").get(pk=round_.pk)

    def submit(self, member: int, data: object) -> int:
        return encrypted.submit_partial(round_=self.round, member=member, partial=data)

    def test_the_close_keeps_the_sums_length_and_final_hash_of_the_board(self) -> None:
        record = self.round.tally_record
        board = encrypted.board(self.round)
        assert record["ballots"] == 4 and record["final"] == board.final and board.ok
        assert len(record["sums"]) == len(NAMES)

    def test_two_of_three_members_decrypt_and_the_result_equals_the_same_ballots_in_clear(
        self,
    ) -> None:
        assert self.submit(1, partial(self.round, 1, self.keys[1])) == 1
        assert self.submit(3, partial(self.round, 3, self.keys[3])) == 2
        result = services.count_round(round_=self.round)
        self.round.refresh_from_db()
        assert self.round.status == RoundStatus.COUNTED
        assert self.round.snapshot["tally"]["collected"] == 4
        ids = services.ballot_ids_of(self.round)
        # The same ballots cast in clear, counted by the engine one by one.
        clear = dict(self.round.snapshot)
        del clear["tally"]
        clear["ballots"] = [
            {"kept": sorted((i for i, k in zip(ids, kept, strict=True) if k), key=int)}
            for kept in VOTES
        ]
        expected = counting.count(parse_election(clear))
        assert counting.result_to_json(result) == counting.result_to_json(expected)
        votes = {line.id: line.votes for line in result.candidates}
        assert [votes[i] for i in ids] == [3, 2, 1, 1]
        assert self.round.tally_record["members"] == [1, 3]
        # The projector and the round's page show it as any counted round.
        self.client.force_login(self.w.officer)
        shown = self.client.get(reverse("round_projector", args=[self.round.pk]))
        assert shown.status_code == 200 and "An" in shown.content.decode()
        page = self.client.get(reverse("round_detail", args=[self.round.pk])).content.decode()
        assert "Biên bản" in page or "biên bản" in page
        # Exactly once: the round is counted, a second count is refused.
        with pytest.raises(ElectionError):
            services.count_round(round_=self.round)

    def test_below_the_threshold_the_count_is_refused_and_the_round_stays_closed(self) -> None:
        with pytest.raises(ElectionError) as refused:
            services.count_round(round_=self.round)
        assert refused.value.message == errors.ENCRYPTED_BELOW_THRESHOLD.format(
            threshold=2, received=0
        )
        self.submit(2, partial(self.round, 2, self.keys[2]))
        with pytest.raises(ElectionError) as refused:
            services.count_round(round_=self.round)
        assert refused.value.message == errors.ENCRYPTED_BELOW_THRESHOLD.format(
            threshold=2, received=1
        )
        self.round.refresh_from_db()
        assert self.round.status == RoundStatus.CLOSED and self.round.result is None

    def test_a_wrong_partial_decryption_is_refused_naming_the_member_and_nothing_is_kept(
        self,
    ) -> None:
        name = self.hall.delegates[1].full_name
        label = errors.ENCRYPTED_MEMBER_NAMED.format(index=2, name=name)
        wrong_key = partial(self.round, 2, self.keys[1])  # member 1's share posted as 2's
        honest = bc.partial_decrypt(
            GROUP,
            member=2,
            key_share=self.keys[2],
            sums=encrypted.sums_of(self.round),
            context=encrypted.decryption_context(self.round),
        )
        shifted = dataclasses.replace(
            honest, shares=(GROUP.mul(honest.shares[0], GROUP.generator), *honest.shares[1:])
        )
        for data in (wrong_key, bc.partial_to_json(shifted), {"member": 2}, None):
            with pytest.raises(ElectionError) as refused:
                self.submit(2, data)
            assert refused.value.message == errors.ENCRYPTED_PARTIAL_BAD.format(member=label)
            assert name in refused.value.message
        assert not DecryptionShare.objects.exists()
        with pytest.raises(ElectionError, match="số 7 không có"):
            self.submit(7, partial(self.round, 2, self.keys[2]))

    def test_each_member_decrypts_once_and_only_a_closed_uncounted_round(self) -> None:
        self.submit(1, partial(self.round, 1, self.keys[1]))
        with pytest.raises(ElectionError) as twice:
            self.submit(1, partial(self.round, 1, self.keys[1]))
        name = self.hall.delegates[0].full_name
        assert twice.value.message == errors.ENCRYPTED_PARTIAL_TWICE.format(
            member=errors.ENCRYPTED_MEMBER_NAMED.format(index=1, name=name)
        )
        assert twice.value.message.startswith("Phần giải mã của thành viên số 1")
        assert DecryptionShare.objects.filter(round=self.round).count() == 1
        other = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        with pytest.raises(ElectionError) as refused:
            encrypted.submit_partial(round_=other, member=1, partial={})
        assert refused.value.message == errors.ENCRYPTED_DECRYPT_NOT_CLOSED

    def test_the_minutes_say_the_phone_part_was_counted_homomorphically_with_the_final_hash(
        self,
    ) -> None:
        self.submit(2, partial(self.round, 2, self.keys[2]))
        self.submit(3, partial(self.round, 3, self.keys[3]))
        services.count_round(round_=self.round)
        self.round.refresh_from_db()
        final = self.round.tally_record["final"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bien-ban.docx"
            path.write_bytes(documents.minutes(self.round, ".docx"))
            text = flat(docx_text(path))
        assert "kiểm phiếu đồng cấu" in text
        # a round voted on phones alone: no ballot box, no paper ballot handed out
        assert flat(STATEMENT_CONDUCT[PHONE]) in text and "thùng phiếu" not in text
        assert "với phần giải mã của 2 trong 3 thành viên Ban Kiểm phiếu giữ khoá (số 2, 3)" in text
        assert group_hex(final) in text
        assert "không giữ khoá" not in text
        assert documents.minutes(self.round, ".pdf").startswith(b"%PDF")
        left_out = [{"delegate": 99, "name": "Hà Văn Vắng", "by": "An", "reason": "absent"}]
        Round.objects.filter(pk=self.round.pk).update(key_excluded=left_out)
        self.round.refresh_from_db()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bien-ban.docx"
            path.write_bytes(documents.minutes(self.round, ".docx"))
            text = flat(docx_text(path))
        assert (
            "Thành viên Ban Kiểm phiếu không giữ khoá: Hà Văn Vắng (các thành viên khác đã tạo "
            "khoá không có người này, vì vắng mặt hoặc không công bố phần khoá bị khiếu nại)."
        ) in text

    def test_a_board_changed_after_the_close_stops_the_count(self) -> None:
        self.submit(1, partial(self.round, 1, self.keys[1]))
        self.submit(2, partial(self.round, 2, self.keys[2]))
        record = dict(self.round.tally_record)
        record["ballots"] = 5
        Round.objects.filter(pk=self.round.pk).update(tally_record=record)
        with pytest.raises(ElectionError) as refused:
            services.count_round(round_=self.round)
        assert refused.value.message == errors.ENCRYPTED_SUMS_CHANGED

    def test_once_the_threshold_is_reached_the_page_says_so_and_offers_no_more_decryption(
        self,
    ) -> None:
        url = reverse("round_decrypt", args=[self.round.pk])
        self.client.force_login(self.w.upper)  # teller seat 2, key holder 2
        assert 'id="decrypt-action"' in self.client.get(url).content.decode()
        self.submit(1, partial(self.round, 1, self.keys[1]))
        self.submit(3, partial(self.round, 3, self.keys[3]))
        page = self.client.get(url).content.decode()
        assert "Đã nhận 2 phần giải mã, cần 2. Đã đủ" in page
        assert 'id="decrypt-action"' not in page

    def test_only_a_key_holding_teller_of_the_congress_posts_a_partial(self) -> None:
        url = reverse("round_decrypt_submit", args=[self.round.pk])
        body = json.dumps(partial(self.round, 1, self.keys[1]))
        self.client.force_login(self.w.sibling_officer)
        assert self.client.post(url, body, content_type="application/json").status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.post(url, body, content_type="application/json").status_code == 403
        self.client.force_login(self.w.upper)  # teller seat 2: posting seat 1's share is refused
        answer = self.client.post(url, body, content_type="application/json")
        assert answer.status_code == 400 and "số 2" in answer.json()["message"]
        self.client.force_login(self.w.officer)  # seat 1
        answer = self.client.post(url, body, content_type="application/json")
        assert answer.status_code == 200
        assert answer.json()["received"] == 1 and answer.json()["threshold"] == 2
        assert list(DecryptionShare.objects.values_list("member", flat=True)) == [1]

    def test_a_partial_nested_too_deep_or_no_json_is_refused_in_words(self) -> None:
        """Python's JSON reader gives up on a hundred thousand nested brackets (RecursionError):
        the member's device is answered 400 with the reason, not a server error."""
        url = reverse("round_decrypt_submit", args=[self.round.pk])
        self.client.force_login(self.w.officer)  # seat 1
        for body in ("[" * 100_000, '{"partial": ' * 50_000, "{"):
            answer = self.client.post(url, body, content_type="application/json")
            assert answer.status_code == 400, body[:20]
            assert answer.json()["ok"] is False and answer.json()["message"]
        assert not DecryptionShare.objects.exists()


class MixedEncryptedRoundTests(TestCase):
    """Paper ballots and encrypted phone ballots in one round: added as ever."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))

    def test_the_paper_ballots_are_judged_one_by_one_and_added_to_the_phone_totals(self) -> None:
        round_ = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=True, phone=True)
        keys = ceremony(round_)
        services.record_issued(round_=round_, issued=3)
        services.open_round(round_=round_, user=self.w.officer)
        round_.refresh_from_db()
        for delegate, kept in zip(self.hall.delegates, VOTES[:2], strict=False):
            encrypted.cast_encrypted_ballot(
                round_=round_, delegate=delegate, ballot=phone_ballot(round_, kept)
            )
        services.close_round(round_=round_)
        round_.refresh_from_db()
        ids = services.ballot_ids_of(round_)
        paper = [
            Ballot(kept=frozenset({ids[0], ids[3]})),
            Ballot(kept=frozenset(ids[:3])),  # three names kept for two seats: invalid
            Ballot(kept=frozenset()),  # every name crossed: invalid (§2.4 item 4)
        ]
        services.record_collected(round_=round_, collected=len(paper))
        for teller in (self.w.officer, self.w.upper):
            for ballot in paper:
                services.enter_line(round_=round_, teller=teller, typed=typed(round_, ballot))
        for member in (1, 2):
            encrypted.submit_partial(
                round_=round_, member=member, partial=partial(round_, member, keys[member])
            )
        result = services.count_round(round_=round_)
        round_.refresh_from_db()
        assert round_.snapshot["tally"] == {
            "collected": 5,
            "invalid": 2,
            "votes": {ids[0]: 2, ids[1]: 1, ids[2]: 1, ids[3]: 1},
            "invalid_by_reason": {counting.TOO_MANY: 1, counting.NONE_KEPT: 1},
        }
        clear = dict(round_.snapshot)
        del clear["tally"]
        clear["ballots"] = [{"kept": sorted(b.kept or (), key=int)} for b in paper] + [
            {"kept": sorted((i for i, k in zip(ids, kept, strict=True) if k), key=int)}
            for kept in VOTES[:2]
        ]
        expected = counting.count(parse_election(clear))
        # The same result, the reasons of the paper's invalid ballots included.
        assert dataclasses.replace(result, explanation=()) == dataclasses.replace(
            expected, explanation=()
        )
        assert result.invalid == 2 and result.collected == 5
        assert services.verify_round(round_).ok
        # The minutes give the reasons as a paper-only round's minutes do.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bien-ban.docx"
            path.write_bytes(documents.minutes(round_, ".docx"))
            text = flat(docx_text(path))
        paper_only = flat(minutes_text_of(parse_election(clear)))
        for reason in (counting.TOO_MANY, counting.NONE_KEPT):
            line = "+ " + FIGURE_REASON.format(
                label=INVALID_REASON_LABELS[reason], value=number_vi(1)
            )
            assert line in text and line in paper_only
        assert FIGURE_INVALID_OF_WHICH.format(value=number_vi(2)) in text
        assert flat(STATEMENT_CONDUCT[MIXED]) in text
        assert flat(STATEMENT_CONDUCT[PAPER]) in paper_only

    def test_a_round_voted_on_paper_alone_counts_without_a_decryption_and_its_record_verifies(
        self,
    ) -> None:
        # Every delegate of a mixed encrypted round chose paper: the board is empty, its sums
        # the identity, which no member can decrypt; every phone total is 0 from the board.
        round_ = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=True, phone=True)
        ceremony(round_)
        services.record_issued(round_=round_, issued=2)
        services.open_round(round_=round_, user=self.w.officer)
        services.close_round(round_=round_)
        round_.refresh_from_db()
        assert round_.tally_record["ballots"] == 0
        self.client.force_login(self.w.officer)  # teller seat 1, a key holder
        page = self.client.get(reverse("round_decrypt", args=[round_.pk])).content.decode()
        assert errors.ENCRYPTED_NOTHING_TO_DECRYPT in page
        assert 'id="decrypt-action"' not in page
        with pytest.raises(ElectionError) as refused:
            encrypted.submit_partial(round_=round_, member=1, partial={"member": 1})
        assert refused.value.message == errors.ENCRYPTED_NOTHING_TO_DECRYPT
        ids = services.ballot_ids_of(round_)
        paper = [Ballot(kept=frozenset({ids[0], ids[1]})), Ballot(kept=frozenset({ids[0]}))]
        services.record_collected(round_=round_, collected=len(paper))
        for teller in (self.w.officer, self.w.upper):
            for ballot in paper:
                services.enter_line(round_=round_, teller=teller, typed=typed(round_, ballot))
        result = services.count_round(round_=round_)
        round_.refresh_from_db()
        assert round_.status == RoundStatus.COUNTED
        assert round_.snapshot["tally"]["votes"] == {ids[0]: 2, ids[1]: 1, ids[2]: 0, ids[3]: 0}
        assert result.collected == 2 and round_.tally_record["members"] == []
        assert round_.tally_record["totals"] == [0, 0, 0, 0]
        # The minutes say there was no phone ballot, with the empty board's final hash.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bien-ban.docx"
            path.write_bytes(documents.minutes(round_, ".docx"))
            text = flat(docx_text(path))
        final = group_hex(round_.tally_record["final"])
        assert flat(HOMOMORPHIC_EMPTY.format(final=final)) in text
        # The published record verifies: no partial, every total 0.
        record = encrypted.election_record(round_)
        checks = verify_record(record, group=GROUP)
        assert checks.ok, checks
        assert CHECK_TOTALS_EMPTY.format(totals="0, 0, 0, 0") in [c.label for c in checks.checks]
        record["totals"] = [0, 1, 0, 0]
        assert not verify_record(record, group=GROUP).ok


class TellersOnlyStepsTests(TestCase):
    """The Ban Kiểm phiếu's own steps are offered to its members, and the others are told whose
    steps they are (the trial's official saw three buttons that each answered 403)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer,))  # upper: no seat

    def test_the_key_decryption_and_count_are_offered_to_the_tellers_only(self) -> None:
        round_ = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        url = reverse("round_detail", args=[round_.pk])
        self.client.force_login(self.w.upper)  # writes to the unit below, no teller seat
        page = self.client.get(url).content.decode()
        assert 'id="to-ceremony"' not in page and 'id="tellers-only"' in page
        self.client.force_login(self.w.officer)
        assert 'id="to-ceremony"' in self.client.get(url).content.decode()
        ceremony(round_, n=1, k=1)
        services.open_round(round_=round_, user=self.w.officer)
        services.close_round(round_=round_)
        page = self.client.get(url).content.decode()
        assert 'id="to-decrypt"' in page and 'id="count-round"' in page
        self.client.force_login(self.w.upper)
        page = self.client.get(url).content.decode()
        assert 'id="to-decrypt"' not in page and 'id="count-round"' not in page
        assert 'id="tellers-only"' in page
        assert self.client.get(reverse("round_decrypt", args=[round_.pk])).status_code == 403
