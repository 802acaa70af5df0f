"""Reading ``daihoi.election/1``: every fault is rejected as a whole, with its place."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from daihoi.rules import election as ef
from daihoi.rules.election import (
    Ballot,
    Candidate,
    ElectionFormatError,
    load_election,
    parse_election,
)
from daihoi.rules.profiles import BaseKind

GOOD: dict[str, Any] = {
    "format": "daihoi.election/1",
    "title": "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028",
    "organization": "Công đoàn cơ sở Sở Công Thương",
    "profile": "cong-doan",
    "seats": 1,
    "alternates": 0,
    "summoned": 42,
    "present": 40,
    "issued": 40,
    "candidates": [
        {"id": "1", "name": "Nguyễn Thị Bình"},
        {"id": "2", "name": "Rcom Jen"},
    ],
    "ballots": [
        {"kept": ["1", "2"]},
        {"kept": ["2"]},
        {"invalid": "unofficial"},
    ],
}


def changed(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def rejected(data: object) -> ElectionFormatError:
    with pytest.raises(ElectionFormatError) as caught:
        parse_election(data)
    return caught.value


def test_the_example_of_the_contract_reads() -> None:
    e = parse_election(GOOD)
    assert e.profile.name == "cong-doan"
    assert e.base is BaseKind.COLLECTED
    assert e.base_overridden is False
    assert (e.seats, e.alternates, e.summoned, e.present, e.issued) == (1, 0, 42, 40, 40)
    # Ballot order is the Vietnamese order: Bình before Jen.
    assert e.candidates == (Candidate("1", "Nguyễn Thị Bình"), Candidate("2", "Rcom Jen"))
    assert e.ballots == (
        Ballot(kept=frozenset({"1", "2"})),
        Ballot(kept=frozenset({"2"})),
        Ballot(invalid="unofficial"),
    )
    assert e.tally is None


def test_unknown_top_level_keys_are_ignored_for_forward_compatibility() -> None:
    e = parse_election(changed(note="ghi chú", round=2))
    assert e.seats == 1


def test_optional_fields_default() -> None:
    e = parse_election(changed(alternates=None, summoned=None, present=None, title=None))
    assert (e.alternates, e.summoned, e.present, e.title) == (0, None, None, "")


def test_names_are_stored_in_nfc() -> None:
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Bi\u0300nh"
    e = parse_election(changed(candidates=[{"id": "1", "name": decomposed}, GOOD["candidates"][1]]))
    assert e.candidates[0].name == "Nguyễn Thị Bình"


def test_a_file_may_override_the_base() -> None:
    e = parse_election(changed(base="valid"))
    assert e.base is BaseKind.VALID
    assert e.base_overridden is True
    assert parse_election(changed(base="collected")).base_overridden is False


def test_a_tally_reads() -> None:
    tally = {"collected": 40, "invalid": 1, "votes": {"1": 30, "2": 39}}
    e = parse_election(changed(ballots=None, tally=tally))
    assert e.tally is not None
    assert (e.tally.collected, e.tally.invalid, dict(e.tally.votes)) == (40, 1, {"1": 30, "2": 39})


@pytest.mark.parametrize(
    ("data", "place", "message"),
    [
        ([], "", ef.MSG_NOT_OBJECT),
        (changed(format=None), "format", ef.MSG_MISSING),
        (changed(format="daihoi.election/2"), "format", None),
        (changed(profile=None), "profile", ef.MSG_MISSING),
        (changed(profile="cong_doan"), "profile", None),
        (changed(base="present"), "base", None),
        (changed(seats=None), "seats", ef.MSG_MISSING),
        (changed(seats=0), "seats", ef.MSG_SEATS),
        (changed(seats=True), "seats", ef.MSG_NOT_WHOLE),
        (changed(seats=2.0), "seats", ef.MSG_NOT_WHOLE),
        (changed(seats="5"), "seats", ef.MSG_NOT_WHOLE),
        (changed(alternates=-1), "alternates", ef.MSG_NEGATIVE),
        (changed(issued=None), "issued", ef.MSG_MISSING),
        (changed(issued=False), "issued", ef.MSG_NOT_WHOLE),
        (changed(present=-3), "present", ef.MSG_NEGATIVE),
        (changed(title=7), "title", ef.MSG_NOT_TEXT),
        (changed(profile="dang", summoned=None), "summoned", ef.MSG_SUMMONED_NEEDED),
        (changed(base="summoned", summoned=None), "summoned", ef.MSG_SUMMONED_NEEDED),
        (changed(candidates=None), "candidates", ef.MSG_MISSING),
        (changed(candidates={}), "candidates", ef.MSG_NOT_LIST),
        (changed(candidates=[]), "candidates", ef.MSG_NO_CANDIDATES),
        (changed(candidates=["Rcom Jen"]), "candidates[0]", ef.MSG_NOT_OBJECT),
        (changed(candidates=[{"name": "Rcom Jen"}]), "candidates[0].id", ef.MSG_MISSING),
        (changed(candidates=[{"id": 1, "name": "Rcom Jen"}]), "candidates[0].id", ef.MSG_NOT_TEXT),
        (changed(candidates=[{"id": "", "name": "Rcom Jen"}]), "candidates[0].id", ef.MSG_EMPTY_ID),
        (changed(candidates=[{"id": "1"}]), "candidates[0].name", ef.MSG_MISSING),
        (changed(candidates=[{"id": "1", "name": "  "}]), "candidates[0].name", ef.MSG_EMPTY_NAME),
        (changed(ballots=None), "", ef.MSG_BALLOTS_OR_TALLY),
        (changed(tally={"collected": 0, "invalid": 0, "votes": {}}), "", ef.MSG_BALLOTS_OR_TALLY),
        (changed(ballots={"kept": []}), "ballots", ef.MSG_NOT_LIST),
        (changed(ballots=[{}]), "ballots[0]", ef.MSG_BALLOT_SHAPE),
        (
            changed(ballots=[{"kept": ["1"], "invalid": "marked"}]),
            "ballots[0]",
            ef.MSG_BALLOT_SHAPE,
        ),
        (changed(ballots=[{"kept": "12"}]), "ballots[0].kept", ef.MSG_NOT_LIST),
        (changed(ballots=[{"kept": [1]}]), "ballots[0].kept[0]", ef.MSG_NOT_TEXT),
        (changed(ballots=[{"invalid": "torn"}]), "ballots[0].invalid", None),
        (changed(ballots=[{"invalid": "too-many"}]), "ballots[0].invalid", None),
        (changed(ballots=[{"invalid": None}]), "ballots[0].invalid", ef.MSG_NOT_TEXT),
    ],
)
def test_faults_are_rejected_with_their_place(
    data: object, place: str, message: str | None
) -> None:
    error = rejected(data)
    assert error.place == place
    if message is not None:
        assert error.message == message
    assert str(error).startswith(f"{place}: " if place else error.message)


def test_a_repeated_candidate_id_names_the_second_one() -> None:
    people = [
        {"id": "1", "name": "Lê An"},
        {"id": "2", "name": "Lê Bình"},
        {"id": "1", "name": "X"},
    ]
    error = rejected(changed(candidates=people))
    assert error.place == "candidates[2].id"
    assert error.message == ef.MSG_REPEATED_ID.format(id="1")


def test_an_unknown_id_on_a_ballot_names_the_ballot_and_the_position() -> None:
    ballots = [{"kept": ["1"]}] * 17 + [{"kept": ["2", "1", "7"]}]
    error = rejected(changed(ballots=ballots, issued=40))
    assert error.place == "ballots[17].kept[2]"
    assert error.message == ef.MSG_UNKNOWN_ID.format(id="7")
    assert str(error) == 'ballots[17].kept[2]: mã "7" không có trong danh sách bầu cử'


def test_a_name_kept_twice_on_one_ballot() -> None:
    error = rejected(changed(ballots=[{"kept": ["2", "1", "2"]}]))
    assert error.place == "ballots[0].kept[2]"
    assert error.message == ef.MSG_KEPT_TWICE.format(id="2")


def test_more_ballots_collected_than_issued() -> None:
    # election-format.md; rules.md §2.5 "if collected > issued, the round is void".
    error = rejected(changed(issued=2))
    assert error.place == "ballots"
    assert error.message == ef.MSG_COLLECTED_OVER_ISSUED.format(collected=3, issued=2)


@pytest.mark.parametrize(
    ("tally", "place", "message"),
    [
        ({"collected": 41, "invalid": 0, "votes": {}}, "tally.collected", None),
        ({"collected": 10, "invalid": 11, "votes": {}}, "tally.invalid", None),
        ({"collected": 10, "invalid": 2, "votes": {"1": 9}}, 'tally.votes["1"]', None),
        ({"collected": 10, "invalid": 2, "votes": {"9": 1}}, 'tally.votes["9"]', None),
        ({"collected": 10, "invalid": 2, "votes": {"1": -1}}, 'tally.votes["1"]', ef.MSG_NEGATIVE),
        ({"collected": 10, "invalid": 2, "votes": {"1": 1.5}}, 'tally.votes["1"]', None),
        ({"collected": 10, "invalid": 2}, "tally.votes", ef.MSG_MISSING),
        ({"collected": 10, "votes": {}}, "tally.invalid", ef.MSG_MISSING),
        ({"collected": True, "invalid": 0, "votes": {}}, "tally.collected", ef.MSG_NOT_WHOLE),
        ([10, 0], "tally", ef.MSG_NOT_OBJECT),
    ],
)
def test_a_tally_that_contradicts_itself(tally: object, place: str, message: str | None) -> None:
    error = rejected(changed(ballots=None, tally=tally))
    assert error.place == place
    if message is not None:
        assert error.message == message


def test_a_tally_gives_its_invalid_ballots_reasons_and_the_count_keeps_them() -> None:
    from daihoi.rules.counting import count

    reasons = {"too-many": 1, "marked": 2}
    tally = {"collected": 40, "invalid": 3, "votes": {"1": 30}, "invalid_by_reason": reasons}
    e = parse_election(changed(ballots=None, tally=tally))
    assert e.tally is not None and dict(e.tally.invalid_by_reason) == reasons
    # The count lists them in the minutes' order (the paper's reasons first).
    assert list(count(e).invalid_by_reason.items()) == [("marked", 2), ("too-many", 1)]


@pytest.mark.parametrize(
    ("reasons", "place", "message"),
    [
        ({"torn": 1}, 'tally.invalid_by_reason["torn"]', None),
        ({"marked": -1}, 'tally.invalid_by_reason["marked"]', ef.MSG_NEGATIVE),
        ({"marked": 1}, "tally.invalid_by_reason", ef.MSG_REASONS_SUM.format(total=1, invalid=2)),
        ([1, 1], "tally.invalid_by_reason", ef.MSG_NOT_OBJECT),
    ],
)
def test_a_tally_whose_reasons_are_wrong(reasons: object, place: str, message: str | None) -> None:
    tally = {"collected": 10, "invalid": 2, "votes": {}, "invalid_by_reason": reasons}
    error = rejected(changed(ballots=None, tally=tally))
    assert error.place == place
    if message is not None:
        assert error.message == message


def test_a_candidate_with_more_votes_than_valid_ballots() -> None:
    tally = {"collected": 10, "invalid": 2, "votes": {"1": 9}}
    error = rejected(changed(ballots=None, tally=tally))
    assert error.message == ef.MSG_VOTES_OVER_VALID.format(votes=9, valid=8)


def test_messages_are_vietnamese_constants() -> None:
    assert ef.MSG_MISSING == "thiếu trường bắt buộc"
    assert set(ef.INVALID_REASON_LABELS) == set(ef.INVALID_REASONS)
    assert ef.INVALID_REASON_LABELS[ef.NONE_KEPT] == "Gạch hết tên"
    assert ef.INVALID_REASON_LABELS[ef.TOO_MANY] == "Để lại quá số lượng cần bầu"


# --- files -----------------------------------------------------------------------------------


def test_load_reads_a_utf8_file_with_or_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "bau.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8-sig")
    assert load_election(path).organization == "Công đoàn cơ sở Sở Công Thương"


def test_load_names_line_and_column_of_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "bau.json"
    path.write_text('{\n  "format": "daihoi.election/1",\n  "seats": ,\n}', encoding="utf-8")
    with pytest.raises(ElectionFormatError) as caught:
        load_election(path)
    assert caught.value.place == "dòng 3, cột 12"
    assert caught.value.message == ef.MSG_NOT_JSON


def test_load_rejects_a_key_given_twice(tmp_path: Path) -> None:
    # JSON parsers keep the last of two equal keys silently; a count must not.
    path = tmp_path / "bau.json"
    text = json.dumps(changed(ballots=None, tally={"collected": 3, "invalid": 0, "votes": {}}))
    text = text.replace('"votes": {}', '"votes": {"1": 2, "1": 3}')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ElectionFormatError) as caught:
        load_election(path)
    assert caught.value.place == "tally.votes.1"
    assert caught.value.message == ef.MSG_DUPLICATE_KEY


def test_load_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.json"
    with pytest.raises(ElectionFormatError) as caught:
        load_election(path)
    assert caught.value.place == ""
    assert str(caught.value) == ef.MSG_CANNOT_READ.format(path=path, reason=ef.MSG_FILE_MISSING)


def test_load_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ElectionFormatError) as caught:
        load_election(tmp_path)
    assert ef.MSG_FILE_IS_DIR in caught.value.message


def test_load_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bau.json"
    path.write_bytes('{"title": "Bầu"}'.encode("utf-16"))
    with pytest.raises(ElectionFormatError) as caught:
        load_election(path)
    assert caught.value.message == ef.MSG_NOT_UTF8


# --- snapshots built in code -----------------------------------------------------------------


def test_a_snapshot_built_in_code_is_checked_too() -> None:
    e = parse_election(GOOD)
    with pytest.raises(ElectionFormatError) as caught:
        dataclasses.replace(e, ballots=(Ballot(kept=frozenset({"9"})),))
    assert caught.value.place == "ballots[0].kept"


def test_a_ballot_is_kept_names_or_a_reason_never_both() -> None:
    with pytest.raises(ElectionFormatError):
        Ballot(kept=frozenset(), invalid="marked")
    with pytest.raises(ElectionFormatError):
        Ballot()
