"""The encrypted round's published record (issue 13): exported from the round's page, it is
checked by ``daihoi verify-election`` without the database; a change to it is named."""

from __future__ import annotations

import base64
import io
import json
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from django.test import TestCase
from django.urls import reverse
from test_encrypted_count import (
    NAMES,
    VOTES,
    audited,
    ceremony,
    keyed_before_protocol_3,
    partial,
    phone_ballot,
)
from world import approved_round, bch_election, build_hall, build_world

from daihoi import cli
from daihoi.elections import encrypted, services
from daihoi.elections.models import BoardEntry, Round
from daihoi.rules import ballot_crypto as bc
from daihoi.rules.election_record import ALL_OK


def downloaded(client: Any, round_: Round) -> bytes:
    """The round's record as its page serves it (streamed)."""
    answer = client.get(reverse("round_record", args=[round_.pk]))
    assert answer.status_code == 200
    return b"".join(answer.streaming_content)


def run_verifier(record: dict[str, object]) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ban-ghi.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        out = io.StringIO()
        with redirect_stdout(out):
            status = cli.main(["verify-election", str(path)])
    return status, out.getvalue()


class EncryptedRecordTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        round_ = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        keys = ceremony(round_)
        services.open_round(round_=round_, user=cls.w.officer)
        round_.refresh_from_db()
        for delegate, kept in zip(cls.hall.delegates, VOTES, strict=False):
            encrypted.cast_encrypted_ballot(
                round_=round_, delegate=delegate, ballot=phone_ballot(round_, kept)
            )
        cls.audit = audited(round_, (True, False, True, False))
        encrypted.publish_audit(round_=round_, audit=bc.audit_to_json(cls.audit))
        services.close_round(round_=round_)
        for member in (2, 3):
            encrypted.submit_partial(
                round_=round_, member=member, partial=partial(round_, member, keys[member])
            )
        services.count_round(round_=round_)
        cls.round = Round.objects.select_related("election").get(pk=round_.pk)

    def record(self) -> dict[str, object]:
        self.client.force_login(self.w.viewer)
        return json.loads(downloaded(self.client, self.round))

    def test_the_record_is_streamed_an_entry_per_line_and_is_the_record(self) -> None:
        # a round of 2,000 ballots of 185 names makes about 250 MB: never held whole
        self.client.force_login(self.w.viewer)
        answer = self.client.get(reverse("round_record", args=[self.round.pk]))
        assert answer.streaming
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        text = b"".join(answer.streaming_content).decode("utf-8")
        assert json.loads(text) == encrypted.election_record(self.round)
        lines = text.splitlines()
        board = lines.index('"board": [')
        entries = [
            json.loads(line.rstrip(",")) for line in lines[board + 1 : board + 1 + len(VOTES)]
        ]
        assert [e["position"] for e in entries] == list(range(1, len(VOTES) + 1))
        assert lines[board + 1 + len(VOTES)] == "],"

    def test_the_published_record_verifies_without_the_server(self) -> None:
        record = self.record()
        assert "delegate" not in json.dumps(record["members"])
        assert record["totals"] == [3, 2, 1, 1]
        status, out = run_verifier(record)
        assert status == 0, out
        assert out.strip().endswith(ALL_OK)
        assert out.count("[đúng]") == 8
        assert record["format"] == "daihoi.encrypted-record/3"
        assert (record["group"], record["protocol"]) == ("ristretto255", "daihoi/ballot/3")
        assert record["audited"] == [
            {
                "position": 1,
                "fingerprint": self.audit.fingerprint,
                "audit": bc.audit_to_json(self.audit),
            }
        ]
        assert "[đúng] 1 bản mã cử tri đã kiểm tra" in out
        # the totals by name, to set beside the minutes
        assert cli.LINE_TOTALS in out
        for name, votes in zip(NAMES, [3, 2, 1, 1], strict=True):
            assert cli.LINE_TOTAL.format(name=name, votes=votes) + "\n" in out

    def test_each_ballot_is_kept_and_published_with_its_proofs_commitments(self) -> None:
        # what the server's check of the cast computed, for the verifier's batch check
        record = self.record()
        crypto = encrypted.phone_crypto(self.round, services.phone_sheet(self.round))
        key = bytes.fromhex(self.round.public_key)
        stored = BoardEntry.objects.filter(round=self.round).order_by("position")
        assert len(record["board"]) == len(stored) == len(VOTES)
        for entry, row in zip(record["board"], stored, strict=True):
            computed: list[bytes] = []
            assert bc.verify_ballot(
                encrypted.group_of(self.round),
                public_key=key,
                ballot=bc.ballot_from_json(entry["ballot"]),
                names=crypto.names,
                minimum=crypto.minimum,
                maximum=crypto.maximum,
                context=crypto.context,
                protocol=crypto.protocol,
                commitments=computed,
            )
            assert base64.b64decode(entry["commitments"]) == bytes(row.commitments)
            assert bytes(row.commitments) == b"".join(computed)

    def test_a_ballot_kept_without_commitments_is_published_without_and_verified_alone(
        self,
    ) -> None:
        # a ballot cast before the server kept them (migration 0017); the board's rows cannot
        # be changed (its triggers), so the row is read as such a ballot's would be
        row = BoardEntry.objects.filter(round=self.round).order_by("position")[1]
        row.commitments = None
        published = encrypted._board_entry(row)
        assert published.keys() == {"position", "tracking", "ballot"}
        record = self.record()
        record["board"][1] = published
        assert "commitments" in record["board"][0]
        status, out = run_verifier(record)
        assert status == 0, out
        assert out.strip().endswith(ALL_OK)

    def test_a_published_audit_whose_choice_was_changed_is_named(self) -> None:
        record = self.record()
        kept = record["audited"][0]["audit"]["kept"]
        kept[0], kept[1] = kept[1], kept[0]  # the choice shown is not what was encrypted
        status, out = run_verifier(record)
        assert status == 1
        assert "[SAI]  1 bản mã cử tri đã kiểm tra" in out
        assert f"bản kiểm tra số 1 (dấu vân tay {self.audit.fingerprint})" in out
        assert out.count("[SAI]") == 1

    def test_a_changed_total_or_ballot_fails_with_exit_one_naming_the_check(self) -> None:
        record = self.record()
        record["totals"] = [2, 3, 1, 1]
        status, out = run_verifier(record)
        assert status == 1
        assert "[SAI]  Kết quả giải mã (2 phần)" in out
        assert "giải mã được [3, 2, 1, 1], bản ghi công bố [2, 3, 1, 1]" in out
        record = self.record()
        first = record["board"][0]["ballot"]["ciphertexts"]
        first[0], first[1] = first[1], first[0]  # names swapped on a ballot
        status, out = run_verifier(record)
        assert status == 1
        assert "[SAI]  Chuỗi băm" in out and "phiếu ở vị trí 1" in out

    def test_anyone_downloads_the_record_from_the_public_board_and_it_verifies(self) -> None:
        # no login, no voter session: the board links to it once voting has ended
        board = self.client.get(reverse("receipt_check", args=[self.round.pk]))
        url = reverse("public_record", args=[self.round.pk])
        assert f'href="{url}"' in board.content.decode()
        answer = self.client.get(url)
        assert answer.status_code == 200 and answer.streaming
        assert answer["Referrer-Policy"] == "no-referrer"
        record = json.loads(b"".join(answer.streaming_content))
        assert record == encrypted.election_record(self.round)
        status, out = run_verifier(record)
        assert status == 0 and out.strip().endswith(ALL_OK)

    def test_no_record_is_public_before_the_close_nor_for_a_round_in_clear(self) -> None:
        open_round = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=open_round, paper=False, phone=True)
        ceremony(open_round)
        services.open_round(round_=open_round, user=self.w.officer)
        clear = approved_round(bch_election(self.hall, seats=2, names=NAMES))
        services.set_voting(round_=clear, paper=False, phone=True)
        services.open_round(round_=clear, user=self.w.officer)
        services.close_round(round_=clear)
        for round_ in (open_round, clear):
            answer = self.client.get(reverse("public_record", args=[round_.pk]))
            assert answer.status_code == 404
        board = self.client.get(reverse("receipt_check", args=[open_round.pk])).content.decode()
        assert reverse("public_record", args=[open_round.pk]) not in board
        # an address typed by hand: no round, even one beyond the database's integers
        for round_id in (0, 10**30):
            assert self.client.get(reverse("public_record", args=[round_id])).status_code == 404

    def test_the_published_ballots_pages_send_to_the_board_of_an_encrypted_round(self) -> None:
        # the list by receipt holds clear ballots only: it said "0 phiếu" for this round
        board = reverse("receipt_check", args=[self.round.pk])
        self.client.force_login(self.w.viewer)
        official = self.client.get(reverse("round_published", args=[self.round.pk]))
        assert official.status_code == 302 and official["Location"] == board
        phone = self.client_class()
        code = services.issue_voting_pass(delegate=self.hall.delegates[0])
        assert phone.post(reverse("voter_entry"), {"ma": code}).status_code == 303
        answer = phone.get(reverse("voter_published", args=[self.round.pk]))
        assert answer.status_code == 302 and answer["Location"] == board

    def test_an_unreadable_record_is_refused_with_exit_two(self) -> None:
        status, _ = run_verifier({"format": "khác"})
        assert status == 2
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(reverse("round_record", args=[self.round.pk])).status_code == 404


class Protocol2RoundTests(TestCase):
    """A round keyed before protocol 3 (edwards25519) takes its phones' ballots, counts and
    publishes a /2 record that verifies, as it did."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        round_ = approved_round(bch_election(cls.hall, seats=2, names=NAMES))
        services.set_voting(round_=round_, paper=False, phone=True)
        keys = keyed_before_protocol_3(round_)
        services.open_round(round_=round_, user=cls.w.officer)
        round_.refresh_from_db()
        assert encrypted.phone_crypto(round_, services.phone_sheet(round_)).group == "ed25519"
        for delegate, kept in zip(cls.hall.delegates, VOTES, strict=False):
            encrypted.cast_encrypted_ballot(
                round_=round_, delegate=delegate, ballot=phone_ballot(round_, kept)
            )
        services.close_round(round_=round_)
        for member in (1, 3):
            encrypted.submit_partial(
                round_=round_, member=member, partial=partial(round_, member, keys[member])
            )
        services.count_round(round_=round_)
        cls.round = Round.objects.select_related("election").get(pk=round_.pk)

    def test_its_record_is_format_2_on_edwards25519_and_verifies(self) -> None:
        self.client.force_login(self.w.viewer)
        record = json.loads(downloaded(self.client, self.round))
        assert (record["format"], record["group"]) == ("daihoi.encrypted-record/2", "ed25519")
        assert record["totals"] == [3, 2, 1, 1]
        status, out = run_verifier(record)
        assert status == 0, out
        assert out.count("[đúng]") == 8
