"""Encrypted phone ballots at cast time (issue 13): the server checks the proofs without reading
the ballot, records each delegate once, and appends the ballot to the round's hash-chained
board, whose entry hash is the voter's tracking code (daihoi.elections.encrypted)."""

from __future__ import annotations

import base64
import dataclasses
import importlib
import io
import json
import threading
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import TestCase, TransactionTestCase
from django.urls import reverse
from test_encrypted_count import audited
from world import approved_round, bch_election, build_hall, build_world

from daihoi.elections import encrypted, errors, services
from daihoi.elections.crypto_group import ristretto255
from daihoi.elections.errors import AlreadyVoted, ElectionError, InvalidBallot
from daihoi.elections.models import (
    AuditedBallot,
    BoardEntry,
    PhoneBallot,
    Round,
    VoterParticipation,
)
from daihoi.rules import ballot_crypto as bc

#: The group a round is keyed in now (protocol 3).
GROUP = ristretto255()

guards = importlib.import_module("daihoi.elections.migrations.0008_encrypted_phone_ballots_board")
NAMES = ("An", "Bình", "Chi", "Dũng")


def committee(round_: Round, *, n: int = 3, k: int = 2):
    """The Ban Kiểm phiếu's ceremony, done here as their devices would: secrets stay here."""
    context = encrypted.round_context(round_)
    pairs = [
        bc.member_generate(GROUP, index=i, threshold=k, context=context) for i in range(1, n + 1)
    ]
    keys = {
        m: bc.combine_shares(
            GROUP, shares=[bc.share_for(GROUP, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in range(1, n + 1)
    }
    return [c for _, c in pairs], keys


class EncryptedCastTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        round_ = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        cls.commitments, cls.keys = committee(round_)
        encrypted.set_round_key(round_=round_, commitments=cls.commitments, threshold=2)
        services.open_round(round_=round_, user=cls.w.officer)
        cls.round = Round.objects.select_related("election").get(pk=round_.pk)

    def crypto(self) -> encrypted.PhoneCrypto:
        return encrypted.phone_crypto(self.round, services.phone_sheet(self.round))

    def phone(self, kept: list[bool], **changes: object) -> dict[str, object]:
        """What a phone sends: the ballot encrypted for this round (or as ``changes`` say)."""
        crypto = self.crypto()
        args = {
            "public_key": bytes.fromhex(crypto.public_key),
            "kept": kept,
            "minimum": crypto.minimum,
            "maximum": crypto.maximum,
            "context": crypto.context,
        }
        args.update(changes)
        return bc.ballot_to_json(bc.encrypt_ballot(GROUP, **args))  # type: ignore[arg-type]

    def voter(self, delegate):  # type: ignore[no-untyped-def]
        """A phone holding the delegate's voter session (the code exchanged as the QR page does)."""
        client = self.client_class()
        code = services.issue_voting_pass(delegate=delegate)
        assert client.post(reverse("voter_entry"), {"ma": code}).status_code == 303
        return client

    def cast(self, delegate, data) -> str:  # type: ignore[no-untyped-def]
        cast = encrypted.cast_encrypted_ballot(round_=self.round, delegate=delegate, ballot=data)
        return cast.tracking

    def test_the_round_s_page_says_whether_its_phone_ballots_are_encrypted(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("round_detail", args=[self.round.pk])).content.decode()
        board = reverse("receipt_check", args=[self.round.pk])
        assert 'id="encrypted-open"' in page and f'href="{board}"' in page
        # a phone round about to open without the committee's key is opened in clear: said
        other = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=other, paper=False, phone=True)
        url = reverse("round_detail", args=[other.pk])
        assert 'id="open-without-key"' in self.client.get(url).content.decode()
        encrypted.set_round_key(round_=other, commitments=committee(other)[0], threshold=2)
        page = self.client.get(url).content.decode()
        assert 'id="open-round"' in page and 'id="open-without-key"' not in page

    def test_the_round_carries_the_committees_joint_key_and_bounds_from_the_profile(self) -> None:
        assert self.round.encrypted
        assert (
            self.round.public_key == bc.joint_public_key(GROUP, commitments=self.commitments).hex()
        )
        assert self.round.key_record["threshold"] == 2
        assert len(self.round.key_record["members"]) == 3
        crypto = self.crypto()
        assert (crypto.minimum, crypto.maximum, crypto.names) == (1, 2, 4)  # §2.4 items 2, 4

    def test_a_voter_finds_their_tracking_code_on_the_board_and_votes_once(self) -> None:
        first, second = self.hall.delegates[:2]
        code = self.cast(first, self.phone([True, False, True, False]))
        other = self.cast(second, self.phone([False, True, False, False]))
        board = encrypted.board(self.round)
        assert board.entries == ((1, code), (2, other)) and board.ok and board.final == other
        assert len(code) == 64
        with pytest.raises(AlreadyVoted):
            self.cast(first, self.phone([True, False, False, False]))
        assert BoardEntry.objects.filter(round=self.round).count() == 2
        assert VoterParticipation.objects.filter(round=self.round).count() == 2

    def test_a_second_ballot_of_the_delegate_is_refused_before_its_proofs_are_checked(
        self,
    ) -> None:
        """Its participation is written first: the unique index refuses the second."""
        delegate = self.hall.delegates[0]
        first, second = (
            self.phone([True, False, True, False]),
            self.phone([False, True, False, False]),
        )
        with mock.patch.object(bc, "verify_ballot", wraps=bc.verify_ballot) as checks:
            code = self.cast(delegate, first)
            assert checks.call_count == 1
            with pytest.raises(AlreadyVoted):
                self.cast(delegate, second)  # a double tap, another phone
            assert checks.call_count == 1  # refused without paying the proofs' check
        assert [e.tracking for e in BoardEntry.objects.filter(round=self.round)] == [code]

    def test_an_audited_encryption_is_published_on_the_board_without_its_voter_once_checked(
        self,
    ) -> None:
        audit = audited(self.round, (True, False, False, True))
        assert encrypted.publish_audit(round_=self.round, audit=bc.audit_to_json(audit)) == 1
        assert encrypted.publish_audit(round_=self.round, audit=bc.audit_to_json(audit)) == 1
        fields = {f.name for f in AuditedBallot._meta.get_fields()}
        assert fields == {"id", "round", "position", "fingerprint", "audit"}  # nobody's
        shown = self.client.get(reverse("receipt_check", args=[self.round.pk]))
        assert audit.fingerprint in shown.content.decode()
        assert "Bình, Dũng" not in shown.content.decode() and "An, Dũng" in shown.content.decode()
        lie = dataclasses.replace(audit, kept=(False, True, False, True))  # not what it encrypts
        other = audited(self.round, (True, False, True))  # three names of four
        for bad, message in (
            (lie, errors.ENCRYPTED_AUDIT_BAD),
            (other, errors.ENCRYPTED_AUDIT_BAD),
        ):
            with pytest.raises(InvalidBallot, match=message[:30]):
                encrypted.publish_audit(round_=self.round, audit=bc.audit_to_json(bad))
        with pytest.raises(InvalidBallot, match=errors.ENCRYPTED_AUDIT_FORMAT):
            encrypted.publish_audit(round_=self.round, audit={"kept": [True]})
        assert AuditedBallot.objects.filter(round=self.round).count() == 1

    def test_a_database_dump_holds_no_plaintext_ballot_and_the_sums_decrypt_to_the_clear_count(
        self,
    ) -> None:
        votes = [
            [True, False, True, False],
            [False, True, False, False],
            [True, True, False, False],
            [True, False, False, True],
        ]
        for delegate, kept in zip(self.hall.delegates, votes, strict=False):
            self.cast(delegate, self.phone(kept))
        assert not PhoneBallot.objects.filter(round=self.round).exists()
        out = io.StringIO()
        call_command("dumpdata", "elections", stdout=out)
        dump = json.loads(out.getvalue())
        entries = [row["fields"] for row in dump if row["model"] == "elections.boardentry"]
        assert len(entries) == 4
        for entry in entries:  # ciphertexts and proofs in hex, nothing else
            assert set(entry["ballot"]) == {"ciphertexts", "proofs", "range_proof"}
            assert all(len(x) == 64 for pair in entry["ballot"]["ciphertexts"] for x in pair)
        assert not any(row["model"] == "elections.phoneballot" for row in dump)
        # The encrypted round gives what the same ballots cast in clear give.
        ballots = [
            bc.ballot_from_json(b)
            for b in BoardEntry.objects.filter(round=self.round).values_list("ballot", flat=True)
        ]
        sums = bc.tally(GROUP, ballots=ballots, names=4)
        context = encrypted.round_context(self.round)
        partials = [
            bc.partial_decrypt(GROUP, member=m, key_share=self.keys[m], sums=sums, context=context)
            for m in (1, 3)
        ]
        totals = bc.combine_decryption(GROUP, sums=sums, partials=partials, threshold=2, limit=4)
        assert totals == tuple(sum(v[i] for v in votes) for i in range(4)) == (3, 2, 1, 1)
        # One member alone (below the threshold) cannot.
        with pytest.raises(bc.CryptoError):
            bc.combine_decryption(GROUP, sums=sums, partials=partials[:1], threshold=2, limit=4)

    def test_a_ballot_with_more_names_kept_than_seats_or_none_is_refused_and_nothing_written(
        self,
    ) -> None:
        delegate = self.hall.delegates[0]
        crypto = self.crypto()
        # A phone that proves a wider range than the round allows: [0, 4] instead of [1, 2].
        too_many = self.phone([True, True, True, False], minimum=0, maximum=4)
        none_kept = self.phone([False, False, False, False], minimum=0, maximum=4)
        for data in (too_many, none_kept):
            with pytest.raises(InvalidBallot) as refused:
                self.cast(delegate, data)
            assert refused.value.message == errors.BALLOT_INVALID.format(
                reason=errors.ENCRYPTED_PROOF_FAILED
            )
        assert crypto.maximum == 2
        assert not VoterParticipation.objects.filter(round=self.round).exists()
        assert not BoardEntry.objects.exists()
        # The delegate may then send a good one.
        assert self.cast(delegate, self.phone([True, False, False, False]))

    def test_a_ballot_altered_on_the_way_or_made_for_another_round_or_key_is_refused(self) -> None:
        delegate = self.hall.delegates[0]
        good = self.phone([True, False, True, False])
        ballot = bc.ballot_from_json(good)
        ct = ballot.ciphertexts[1]
        flipped = bc.Ciphertext(alpha=ct.alpha, beta=GROUP.mul(ct.beta, GROUP.generator))
        altered = dataclasses.replace(
            ballot, ciphertexts=(ballot.ciphertexts[0], flipped, *ballot.ciphertexts[2:])
        )
        other_key = GROUP.base_power(bc.random_exponent(GROUP))
        bad = [
            bc.ballot_to_json(altered),
            self.phone([True, False, True, False], context=["daihoi/round", 0, 0, 0, 1]),
            self.phone([True, False, True, False], public_key=other_key),
            self.phone([True, False, True], minimum=1, maximum=2),  # a name missing
        ]
        for data in bad:
            with pytest.raises(InvalidBallot, match="bằng chứng kèm phiếu mã hoá không đúng"):
                self.cast(delegate, data)
        for data in (None, {"ciphertexts": "x"}, {**good, "proofs": [{"challenges": ["zz"]}]}):
            with pytest.raises(InvalidBallot, match=errors.ENCRYPTED_FORMAT):
                self.cast(delegate, data)
        assert not VoterParticipation.objects.exists() and not BoardEntry.objects.exists()

    def test_a_ballot_or_audit_nested_too_deep_or_no_json_is_refused_in_words_through_the_page(
        self,
    ) -> None:
        """A security tester's body: a hundred thousand nested brackets make Python's JSON
        reader give up (RecursionError), which must be refused as bad input, not answered 500."""
        delegate = self.hall.delegates[0]
        entered = self.client.post(
            reverse("voter_entry"), {"ma": services.issue_voting_pass(delegate=delegate)}
        )
        assert entered.status_code == 303
        ballot_url = reverse("voter_ballot", kwargs={"round_id": self.round.pk})
        audit_url = reverse("voter_audit_publish", kwargs={"round_id": self.round.pk})
        refused_ballot = errors.BALLOT_INVALID.format(reason=errors.ENCRYPTED_FORMAT)
        for body in ("[" * 100_000, '{"ciphertexts": ' * 50_000, "{", "null"):
            response = self.client.post(ballot_url, {"ballot": body})
            assert response.status_code == 400, body[:20]
            assert refused_ballot in response.content.decode()
            response = self.client.post(audit_url, body, content_type="application/json")
            assert response.status_code == 400, body[:20]
            assert response.json()["ok"] is False and response.json()["message"]
        assert not VoterParticipation.objects.exists() and not BoardEntry.objects.exists()
        assert not AuditedBallot.objects.exists()
        # The same phone then casts a good ballot.
        good = json.dumps(self.phone([True, False, True, False]))
        assert self.client.post(ballot_url, {"ballot": good}).status_code == 200
        assert BoardEntry.objects.filter(round=self.round).count() == 1

    def test_the_commitments_a_phone_sends_let_the_server_check_a_batch_of_one_not_one_by_one(
        self,
    ) -> None:
        """Through the page, as the phone's script posts: with its commitments (base64 beside
        the ballot) the ballot is checked as a batch of one, not one proof at a time; the board
        keeps the same commitments either way. Commitments changed, of another ballot, not
        base64 or missing are checked without (one by one): every true ballot counts, and a
        false one is refused whatever is sent with it."""
        crypto = self.crypto()
        shape = dict(
            public_key=bytes.fromhex(crypto.public_key),
            names=crypto.names,
            minimum=crypto.minimum,
            maximum=crypto.maximum,
            context=crypto.context,
            protocol=crypto.protocol,
        )
        ballot_url = reverse("voter_ballot", kwargs={"round_id": self.round.pk})
        ballots = [self.phone([True, False, i % 2 == 0, False]) for i in range(5)]
        own = [
            bc.checked_commitments(GROUP, ballot=bc.ballot_from_json(b), **shape) for b in ballots
        ]
        changed = own[2][:-1] + bytes([own[2][-1] ^ 1])  # type: ignore[index]
        sent = [
            base64.b64encode(own[0]).decode(),  # type: ignore[arg-type]
            base64.b64encode(own[0]).decode(),  # another ballot's
            base64.b64encode(changed).decode(),
            "not base64!",
            None,
        ]
        for i, (delegate, data, commitments) in enumerate(
            zip(self.hall.delegates, ballots, sent, strict=False)
        ):
            client = self.voter(delegate)
            fields = {"ballot": json.dumps(data)}
            if commitments is not None:
                fields["commitments"] = commitments
            with mock.patch.object(bc, "verify_ballot", wraps=bc.verify_ballot) as one_by_one:
                assert client.post(ballot_url, fields).status_code == 200
            assert one_by_one.call_count == (0 if i == 0 else 1), i
        kept = list(BoardEntry.objects.filter(round=self.round).order_by("position"))
        assert [bytes(e.commitments) for e in kept] == own[: len(kept)]
        assert len(kept) == 5
        # A false ballot with the commitments of a true one: refused, nothing written.
        p0 = bc.ballot_from_json(ballots[-1])
        proof = dataclasses.replace(
            p0.proofs[0], responses=(p0.proofs[0].responses[0] + 1, p0.proofs[0].responses[1])
        )
        false = bc.ballot_to_json(dataclasses.replace(p0, proofs=(proof, *p0.proofs[1:])))
        client = self.voter(self.hall.delegates[len(kept)])
        fields = {"ballot": json.dumps(false), "commitments": base64.b64encode(own[-1]).decode()}
        response = client.post(ballot_url, fields)  # type: ignore[arg-type]
        assert response.status_code == 400
        assert errors.ENCRYPTED_PROOF_FAILED in response.content.decode()
        assert BoardEntry.objects.filter(round=self.round).count() == len(kept)

    def test_a_clear_ballot_is_refused_in_an_encrypted_round(self) -> None:
        ids = services.phone_sheet(self.round).ids
        with pytest.raises(ElectionError, match="cần bật JavaScript"):
            services.cast_phone_ballot(
                round_id=self.round.pk, delegate=self.hall.delegates[0], kept=[ids[0]]
            )
        assert not PhoneBallot.objects.exists() and not VoterParticipation.objects.exists()

    def test_closing_keeps_the_board_and_counting_is_refused_below_the_threshold(self) -> None:
        code = self.cast(self.hall.delegates[0], self.phone([True, False, False, False]))
        services.close_round(round_=self.round)
        self.round.refresh_from_db()
        assert encrypted.board(self.round).entries == ((1, code),)
        with pytest.raises(ElectionError, match=r"không \(hoặc không còn\) nhận phiếu"):
            self.cast(self.hall.delegates[1], self.phone([True, False, False, False]))
        with pytest.raises(ElectionError) as refused:
            services.count_round(round_=self.round)
        assert refused.value.message == errors.ENCRYPTED_BELOW_THRESHOLD.format(
            threshold=2, received=0
        )

    def test_the_board_is_append_only_in_the_database(self) -> None:
        assert guards.MESSAGE == errors.BOARD_APPEND_ONLY
        self.cast(self.hall.delegates[0], self.phone([True, False, False, False]))
        table = BoardEntry._meta.db_table
        with pytest.raises(IntegrityError, match="Bảng phiếu mã hoá"), transaction.atomic():
            BoardEntry.objects.update(tracking="0" * 64)
        with pytest.raises(IntegrityError, match="Bảng phiếu mã hoá"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        services.close_round(round_=self.round)
        with pytest.raises(IntegrityError, match="Bảng phiếu mã hoá"), transaction.atomic():
            BoardEntry.objects.create(round=self.round, position=2, ballot={}, tracking="1" * 64)
        assert encrypted.board(self.round).ok


class RoundKeyTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        cls.round = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=cls.round, paper=False, phone=True)

    def test_a_commitment_with_a_bad_proof_or_for_another_round_is_refused(self) -> None:
        commitments, _ = committee(self.round)
        forged = dataclasses.replace(commitments[1], proofs=commitments[1].proofs[::-1])
        with pytest.raises(ElectionError, match="số 2 không hợp lệ"):
            encrypted.set_round_key(
                round_=self.round, commitments=[commitments[0], forged, commitments[2]], threshold=2
            )
        other = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        elsewhere, _ = committee(other)
        with pytest.raises(ElectionError, match="không hợp lệ"):
            encrypted.set_round_key(round_=self.round, commitments=elsewhere, threshold=2)
        with pytest.raises(ElectionError, match="ngưỡng giải mã"):
            encrypted.set_round_key(round_=self.round, commitments=commitments, threshold=4)
        self.round.refresh_from_db()
        assert not self.round.encrypted and not self.round.public_key

    def test_the_key_is_set_before_the_round_opens_only_and_an_encrypted_round_needs_it(
        self,
    ) -> None:
        Round.objects.filter(pk=self.round.pk).update(encrypted=True)
        self.round.refresh_from_db()
        with pytest.raises(ElectionError) as refused:
            services.open_round(round_=self.round, user=self.w.officer)
        assert refused.value.message == errors.ENCRYPTED_NO_KEY
        commitments, _ = committee(self.round)
        encrypted.set_round_key(round_=self.round, commitments=commitments, threshold=2)
        services.open_round(round_=self.round, user=self.w.officer)
        again, _ = committee(self.round)
        with pytest.raises(ElectionError) as refused:
            encrypted.set_round_key(round_=self.round, commitments=again, threshold=2)
        assert refused.value.message == errors.ENCRYPTED_KEY_TOO_LATE


@pytest.mark.skipif("sqlite" in connection.vendor, reason="concurrent casts: PostgreSQL")
class EncryptedDoubleTapTests(TransactionTestCase):
    def test_a_double_tap_at_the_same_instant_pays_one_proof_check_and_counts_once(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, delegates=2)
        round_ = approved_round(bch_election(hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        commitments, _ = committee(round_)
        encrypted.set_round_key(round_=round_, commitments=commitments, threshold=2)
        services.open_round(round_=round_, user=w.officer)
        round_ = Round.objects.select_related("election").get(pk=round_.pk)
        crypto = encrypted.phone_crypto(round_, services.phone_sheet(round_))
        key = bytes.fromhex(crypto.public_key)
        ballots = [
            bc.ballot_to_json(
                bc.encrypt_ballot(
                    GROUP, public_key=key, kept=kept, minimum=1, maximum=2, context=crypto.context
                )
            )
            for kept in ([True, False, True, False], [False, True, False, False])
        ]
        checks: list[int] = []
        real_check = bc.verify_ballot

        def slow_check(*args: object, **kwargs: object) -> bool:
            checks.append(1)
            time.sleep(0.3)  # the twin arrives while the first is being checked
            return real_check(*args, **kwargs)  # type: ignore[arg-type]

        outcomes: list[str] = []

        def tap(ballot: dict[str, object]) -> None:
            try:
                encrypted.cast_encrypted_ballot(
                    round_=round_, delegate=hall.delegates[0], ballot=ballot
                )
                outcomes.append("ok")
            except AlreadyVoted:
                outcomes.append("already voted")
            finally:
                connection.close()

        with mock.patch.object(bc, "verify_ballot", slow_check):
            threads = [threading.Thread(target=tap, args=(b,)) for b in ballots]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert sorted(outcomes) == ["already voted", "ok"]
        assert len(checks) == 1  # the twin waited, then was refused without a check
        assert BoardEntry.objects.filter(round=round_).count() == 1
        assert VoterParticipation.objects.filter(round=round_).count() == 1
