"""Count one round of an election: valid ballots, the threshold, who is elected, ties, alternates.

Every rule function names the clause of ``rules.md`` it implements and that clause's source tag.
Decisions use whole numbers only (``2 * votes > base``); ``percent`` is for display.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import chain
from types import MappingProxyType
from typing import Any

from daihoi.rules.election import (
    INVALID_REASON_LABELS,
    INVALID_REASONS,
    NONE_KEPT,
    TOO_MANY,
    Ballot,
    Election,
    Tally,
)
from daihoi.rules.numbers import decimal_vi, number_vi
from daihoi.rules.profiles import COUNCIL_PROFILE, BaseKind, Fraction, Profile

RESULT_FORMAT = "daihoi.result/1"

# Candidate statuses (election-format.md, output).
ELECTED = "elected"
ALTERNATE = "alternate"
TIED = "tied"
OVER_HALF = "over-half"
NOT_ELECTED = "not-elected"

# Outcomes of the round.
COMPLETE = "complete"
TIE = "tie"
SHORT = "short"

STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        ELECTED: "Trúng cử",
        ALTERNATE: "Dự khuyết",
        TIED: "Bằng phiếu",
        OVER_HALF: "Quá 1/2, đã đủ số",
        NOT_ELECTED: "Không trúng cử",
    }
)


@dataclass(frozen=True)
class CandidateResult:
    """One line of the result: votes, share of the base (display only) and status."""

    id: str
    name: str
    votes: int
    percent: Decimal
    status: str


@dataclass(frozen=True)
class Tie:
    """Candidates tied across the last place, and how many places are left among them.

    ``alternates`` is true when the official seats are filled and the tie crosses the last
    alternate place.
    """

    candidates: tuple[str, ...]
    seats: int
    alternates: bool = False


@dataclass(frozen=True)
class Result:
    """The count of one round, ready for the minutes and for ``daihoi.result/1``."""

    profile: str
    seats: int
    alternates_wanted: int
    issued: int
    collected: int
    valid: int
    invalid: int
    invalid_by_reason: Mapping[str, int]
    base_kind: BaseKind
    base_count: int
    votes_needed: int
    candidates: tuple[CandidateResult, ...]
    elected: tuple[str, ...]
    alternates: tuple[str, ...]
    outcome: str
    tie: Tie | None
    unfilled: int
    explanation: tuple[str, ...]
    # How the round was held (not in daihoi.result/1, whose format has no place for it): a
    # further vote among candidates tied across the last place (rules.md §2.6), and a round
    # whose places are alternate places (§2.10), so its winners are "dự khuyết".
    tie_revote: bool = False
    for_alternates: bool = False


def ballot_validity(ballot: Ballot, election: Election) -> str | None:
    """Return None for a valid ballot, else the reason it is invalid.

    rules.md §2.4 [verified: S4, S52; S22 Đoàn; S18 Party]: a reason seen on the paper
    (items 1, 3, 5, 6); more names kept than seats (item 2); every name crossed on a list of
    more than one name (item 4; Youth Union §4.4 [verified-local: S22, S51]). On a single-name
    list crossing the name is a valid vote against (item 4, S4). The Party's "no vote for
    anyone" is invalid only on a list with surplus; a list without surplus is marked agree /
    disagree, so crossing all is a vote against all (§3.6 [verified-old: S18]). Fewer names
    kept than seats is valid (§2.4 "Valid").
    """
    if ballot.invalid is not None:
        return ballot.invalid
    assert ballot.kept is not None
    kept = len(ballot.kept)
    if kept > election.seats:
        return TOO_MANY
    if kept == 0 and _all_crossed_is_invalid(election):
        return NONE_KEPT
    return None


MSG_PHONE_TOTAL_UNKNOWN = "Tổng phiếu điện thoại có mã ứng cử viên {id} không có trong danh sách."
MSG_PHONE_TOTAL_RANGE = (
    "Tổng phiếu điện thoại của ứng cử viên {id} là {votes}, ngoài khoảng 0..{ballots} phiếu."
)


def tally_with_phone_totals(
    election: Election, *, phone_ballots: int, phone_votes: Mapping[str, int]
) -> Tally:
    """The round's tally: its paper ballots judged one by one, plus the phone part's totals.

    The paper ballots (``election.ballots``) are judged by ``ballot_validity`` exactly as
    ``count`` judges them (rules.md §2.4 [verified: S4, S52]); the phone part of an encrypted
    round is known only as totals per name, from ``phone_ballots`` ballots that are all valid
    (each ballot's proofs show every name 0 or 1 and the number kept within §2.4's bounds,
    docs/ballot-crypto.md). Every ballot collected counts in the base, invalid ones included
    (§2.5 [verified: S51, S22]); the votes are the paper's valid ballots' plus the phone totals.
    """
    if election.ballots is None:
        raise ValueError("the paper part must be given as ballots")
    ids = {c.id for c in election.candidates}
    for cid, votes in phone_votes.items():
        if cid not in ids:
            raise ValueError(MSG_PHONE_TOTAL_UNKNOWN.format(id=cid))
        if not 0 <= votes <= phone_ballots:
            raise ValueError(
                MSG_PHONE_TOTAL_RANGE.format(id=cid, votes=votes, ballots=phone_ballots)
            )
    by_reason: Counter[str] = Counter()
    votes_of: Counter[str] = Counter({cid: 0 for cid in sorted(ids)})
    for ballot in election.ballots:
        reason = ballot_validity(ballot, election)
        if reason is None:
            assert ballot.kept is not None
            votes_of.update(ballot.kept)
        else:
            by_reason[reason] += 1
    votes_of.update(dict(phone_votes))
    return Tally(
        collected=len(election.ballots) + phone_ballots,
        invalid=sum(by_reason.values()),
        votes=dict(votes_of),
        invalid_by_reason=dict(by_reason),
    )


def _all_crossed_is_invalid(election: Election) -> bool:
    return all_crossed_invalid(
        profile=election.profile, names=len(election.candidates), seats=election.seats
    )


def all_crossed_invalid(*, profile: Profile, names: int, seats: int) -> bool:
    """Whether crossing every name makes the ballot invalid (rules.md §2.4 item 4, §3.6, §4.4)."""
    if not profile.all_crossed_invalid_on_multi_name_list or names <= 1:
        return False
    return not (profile.all_crossed_valid_without_surplus and names <= seats)


def votes_needed(base_count: int, share: Fraction | None = None) -> int:
    """Return the least whole number of votes strictly more than half of the base.

    rules.md §2.5 "quá một phần hai" [verified-old: S1], §3.3-3.5 [verified-old: S15; S16] and
    the integer rule of rules.md's preamble: ``2 * votes > base`` holds exactly from
    ``base // 2 + 1`` (10 for 18, 5 for 9, 6 for 10). With a profile's ``share`` (the
    emulation council, §5.1): the least votes reaching it, ``ceil(share * base)`` in integers.
    """
    if share is None:
        return base_count // 2 + 1
    return -(-share.numerator * base_count // share.denominator)


def passes_threshold(votes: int, base_count: int, share: Fraction | None = None) -> bool:
    """Tell whether votes are more than half of the base: ``2 * votes > base``.

    rules.md §2.5 [verified-old: S1 (Điều lệ 2020 Điều 10 k3)], §3.3-3.5 [verified-old: S15],
    §4.4 [verified-local: S22, S51]. With a profile's ``share``: at least that share of the
    base (the emulation council, §5.1 [verified: S29]).
    """
    if share is None:
        return 2 * votes > base_count
    return share.reached_by(votes, base_count, strictly=False)


def base_count(election: Election, *, collected: int, valid: int) -> int:
    """Return the number the threshold is measured against.

    Union: ballots collected, invalid ones included, rules.md §2.5 [verified-old: S1; verified:
    S51, S22]. Party: members or delegates summoned after the deductions, §3.3-3.5
    [verified-old: S15; verified: S16]. Youth Union: ballots collected, §4.4 [verified-local:
    S22, S51]. A file may override the base (``valid`` is a local rule only, §2.5).
    """
    if election.base is BaseKind.COLLECTED:
        return collected
    if election.base is BaseKind.VALID:
        return valid
    assert election.summoned is not None  # checked when the election was built
    return election.summoned


def percent_of(votes: int, base: int) -> Decimal:
    """Return votes / base x 100 rounded half up to 2 decimals (display only); base 0 gives 0."""
    if base <= 0:
        return Decimal("0.00")
    hundredths, remainder = divmod(votes * 10_000, base)
    if 2 * remainder >= base:
        hundredths += 1
    return Decimal(hundredths).scaleb(-2)


def percent_vi(percent: Decimal) -> str:
    """Write a result percentage the Vietnamese way: Decimal("87.50") gives "87,50%"."""
    if percent.as_tuple().exponent != -2:
        return decimal_vi(percent, 2) + "%"
    # The common case, exact and quick: a minutes table formats hundreds of these.
    whole, hundredths = divmod(int(percent.scaleb(2)), 100)
    return f"{number_vi(whole)},{hundredths:02d}%"


@dataclass(frozen=True)
class _Placing:
    elected: tuple[str, ...]
    alternates: tuple[str, ...]
    outcome: str
    tie: Tie | None
    unfilled: int


def _place_candidates(
    ranking: list[tuple[str, int]],
    *,
    base: int,
    seats: int,
    alternates: int,
    share: Fraction | None = None,
) -> _Placing:
    """Decide who is elected, tied or alternate from (id, votes) ranked by votes.

    Elected: more than half of the base, from the top until the seats are filled, rules.md
    §2.5 [verified-old: S1] (Party §3.3-3.5, Youth Union §4.4). A tie across the last seat:
    the congress decides a further vote among the tied, §2.6 [verified: S4]; those strictly
    above are elected. Fewer than ``seats`` above half: the congress decides another round,
    §2.7 [unverified], §3.7 [verified-old: S19], §4.4. Alternates, method (b): after every
    seat is filled, the next above half by votes, §2.10 [verified-old: S5]; a tie across the
    last alternate place is left to the congress like §2.6.
    """
    above = [(cid, votes) for cid, votes in ranking if passes_threshold(votes, base, share)]
    if len(above) < seats:
        ids = tuple(cid for cid, _ in above)
        return _Placing(ids, (), SHORT, None, seats - len(above))
    cut = _cut(above, seats)
    if cut.tie is not None:
        return _Placing(cut.placed, (), TIE, cut.tie, 0)
    rest = above[seats:]
    if alternates <= 0:
        return _Placing(cut.placed, (), COMPLETE, None, 0)
    extra = _cut(rest, alternates)
    tie = None if extra.tie is None else Tie(extra.tie.candidates, extra.tie.seats, True)
    return _Placing(cut.placed, extra.placed, COMPLETE, tie, 0)


def _place_revote(ranking: list[tuple[str, int]], *, seats: int) -> _Placing:
    """Decide a further vote among candidates who were tied across the last place.

    rules.md §2.6 [verified: S4]: "người được nhiều phiếu hơn" in the further vote is
    elected; the threshold of §2.5 was met in the round that produced the tie and is not
    applied again. Still tied across the last place: the congress decides again (§2.6
    [unverified]), with those strictly above elected.
    """
    cut = _cut(ranking, seats)
    if cut.tie is not None:
        return _Placing(cut.placed, (), TIE, cut.tie, 0)
    return _Placing(cut.placed, (), COMPLETE, None, 0)


@dataclass(frozen=True)
class _Cut:
    placed: tuple[str, ...]
    tie: Tie | None


def _cut(ranked: list[tuple[str, int]], places: int) -> _Cut:
    """Take the first ``places`` of a ranking, or stop at a tie across the last place."""
    if len(ranked) <= places:
        return _Cut(tuple(cid for cid, _ in ranked), None)
    last = ranked[places - 1][1]
    if ranked[places][1] != last:
        return _Cut(tuple(cid for cid, _ in ranked[:places]), None)
    above = tuple(cid for cid, votes in ranked if votes > last)
    tied = tuple(cid for cid, votes in ranked if votes == last)
    return _Cut(above, Tie(tied, places - len(above)))


def count(election: Election, *, tie_revote: bool = False, for_alternates: bool = False) -> Result:
    """Count one round: validity per ballot, votes, base, elected, ties and alternates.

    With ``ballots`` every ballot is judged by ``ballot_validity`` (rules.md §2.4 [verified:
    S4, S52]) and each valid one gives a vote to every name left uncrossed; with ``tally`` the
    committee has already judged validity and the votes are taken as given. Invalid ballots
    count in the union's base but give no votes (§2.5 [verified: S51, S22]).

    ``tie_revote``: the round is the further vote among candidates tied across the last place
    (rules.md §2.6, ``_place_revote``): whoever has more votes takes the places, with no
    over-half threshold; it ranks no alternates. ``for_alternates``: the round's places are
    alternate places (§2.10), which changes the wording only. Neither is part of
    ``daihoi.election/1`` (election-format.md), so ``daihoi count`` never sets them.
    """
    if tie_revote and election.alternates > 0:
        raise ValueError(REVOTE_NO_ALTERNATES)
    by_reason: dict[str, int] = {}
    if election.ballots is not None:
        collected = len(election.ballots)
        valid_kept: list[frozenset[str]] = []
        for ballot in election.ballots:
            reason = ballot_validity(ballot, election)
            if reason is None:
                assert ballot.kept is not None
                valid_kept.append(ballot.kept)
            else:
                by_reason[reason] = by_reason.get(reason, 0) + 1
        votes: Mapping[str, int] = Counter(chain.from_iterable(valid_kept))
        valid = len(valid_kept)
    else:
        assert election.tally is not None
        collected = election.tally.collected
        valid = election.tally.valid
        votes = election.tally.votes
        by_reason = dict(election.tally.invalid_by_reason)
    invalid = collected - valid
    base = base_count(election, collected=collected, valid=valid)

    position = {c.id: i for i, c in enumerate(election.candidates)}
    ordered = sorted(election.candidates, key=lambda c: (-votes.get(c.id, 0), position[c.id]))
    ranking = [(c.id, votes.get(c.id, 0)) for c in ordered]
    share = election.profile.threshold
    if tie_revote:
        placing = _place_revote(ranking, seats=election.seats)
    else:
        placing = _place_candidates(
            ranking, base=base, seats=election.seats, alternates=election.alternates, share=share
        )
    statuses = _statuses(placing, ranking, base, share)
    lines = tuple(
        CandidateResult(
            id=c.id,
            name=c.name,
            votes=v,
            percent=percent_of(v, base),
            status=statuses[c.id],
        )
        for c, (_, v) in zip(ordered, ranking, strict=True)
    )
    ordered_reasons = {r: by_reason[r] for r in INVALID_REASONS if r in by_reason}
    ordered_reasons.update({r: n for r, n in by_reason.items() if r not in ordered_reasons})
    result = Result(
        profile=election.profile.name,
        seats=election.seats,
        alternates_wanted=election.alternates,
        issued=election.issued,
        collected=collected,
        valid=valid,
        invalid=invalid,
        invalid_by_reason=MappingProxyType(ordered_reasons),
        base_kind=election.base,
        base_count=base,
        votes_needed=votes_needed(base, share),
        candidates=lines,
        elected=placing.elected,
        alternates=placing.alternates,
        outcome=placing.outcome,
        tie=placing.tie,
        unfilled=placing.unfilled,
        explanation=(),
        tie_revote=tie_revote,
        for_alternates=for_alternates,
    )
    return _with_explanation(result, election)


def _statuses(
    placing: _Placing, ranking: list[tuple[str, int]], base: int, share: Fraction | None = None
) -> dict[str, str]:
    statuses: dict[str, str] = {}
    for cid, votes in ranking:
        statuses[cid] = OVER_HALF if passes_threshold(votes, base, share) else NOT_ELECTED
    for cid in placing.elected:
        statuses[cid] = ELECTED
    for cid in placing.alternates:
        statuses[cid] = ALTERNATE
    if placing.tie is not None:
        for cid in placing.tie.candidates:
            statuses[cid] = TIED
    return statuses


def result_to_json(result: Result) -> dict[str, Any]:
    """Return the ``daihoi.result/1`` document of a result (election-format.md, output)."""
    tie: dict[str, Any] | None = None
    if result.tie is not None:
        tie = {"candidates": list(result.tie.candidates), "seats": result.tie.seats}
        if result.tie.alternates:
            tie["alternates"] = True
    return {
        "format": RESULT_FORMAT,
        "profile": result.profile,
        "seats": result.seats,
        "ballots": {
            "issued": result.issued,
            "collected": result.collected,
            "valid": result.valid,
            "invalid": result.invalid,
            "invalid_by_reason": dict(result.invalid_by_reason),
        },
        "base": {
            "kind": result.base_kind.value,
            "count": result.base_count,
            "votes_needed": result.votes_needed,
        },
        "candidates": [
            {
                "id": c.id,
                "name": c.name,
                "votes": c.votes,
                # A JSON number for display; 87.5 for 87.50 (decisions never use it).
                "percent": float(c.percent),
                "status": c.status,
            }
            for c in result.candidates
        ],
        "elected": list(result.elected),
        "alternates": list(result.alternates),
        "outcome": result.outcome,
        "tie": tie,
        "unfilled": result.unfilled,
    }


# Sentences of the explanation (Vietnamese, printed in the minutes). Each ends with the clause
# of rules.md it rests on.
EXPLAIN_BALLOTS = (
    "Số phiếu phát ra: {issued}; số phiếu thu về: {collected}; số phiếu hợp lệ: {valid}; "
    "số phiếu không hợp lệ: {invalid}{reasons} (rules.md §2.4)."
)
EXPLAIN_BASE = (
    "Người trúng cử phải được quá một phần hai (1/2) số phiếu so với {base} ({count} {unit}), "
    "tức ít nhất {needed} phiếu, {authority} ({clause})."
)
BASE_PHRASES: Mapping[BaseKind, str] = MappingProxyType(
    {
        BaseKind.COLLECTED: "tổng số phiếu thu về, kể cả phiếu không hợp lệ",
        BaseKind.VALID: "tổng số phiếu hợp lệ",
        BaseKind.SUMMONED: "tổng số đảng viên chính thức hoặc đại biểu chính thức được triệu "
        "tập, sau khi trừ các trường hợp Quy chế bầu cử trong Đảng cho phép",
    }
)
BASE_PHRASE_SUMMONED_OTHER = "tổng số thành viên được triệu tập"
AUTHORITY_STATUTE = "theo quy định của {statute}"
AUTHORITY_LOCAL = "theo thể lệ bầu cử đã được đại hội thông qua"
EXPLAIN_ELECTED = (
    "Căn cứ kết quả kiểm phiếu và quy định của {statute}, {who} trúng cử "
    "(theo số phiếu từ cao xuống thấp): {names} ({clause})."
)
SHORT_SOME = "Chỉ có {elected} người được quá một phần hai số phiếu"
SHORT_NONE = "Không có người nào được quá một phần hai số phiếu"
EXPLAIN_COMPLETE = "Đã bầu đủ {seats} người theo số lượng đại hội đã quyết định."
EXPLAIN_TIE = (
    "{names} cùng được {votes} phiếu, đều quá một phần hai, nhưng chỉ còn {places} chỗ: "
    "Đoàn Chủ tịch đề nghị đại hội quyết định có bầu tiếp trong số những người này hay không; "
    "người được nhiều phiếu hơn trong lần bầu tiếp sẽ trúng cử (rules.md §2.6)."
)
EXPLAIN_SHORT = {
    "cong-doan": (
        "{passed}, còn thiếu {unfilled} trên "
        "{seats} người cần bầu: Đoàn Chủ tịch đề nghị để đại hội quyết định có bầu tiếp hay "
        "không; đại hội cũng có thể dừng và để trống số còn thiếu (rules.md §2.7)."
    ),
    "dang": (
        "{passed}, còn thiếu {unfilled} trên "
        "{seats} người cần bầu: đại hội bầu tiếp; nếu bầu nhiều lần vẫn chưa đủ, đại hội quyết "
        "định có bầu nữa hay không và có bổ sung danh sách hay không (rules.md §3.7)."
    ),
    "doan": (
        "{passed}, còn thiếu {unfilled} trên "
        "{seats} người cần bầu: đại hội bầu lần hai; nếu lần hai vẫn chưa đủ thì không bầu "
        "tiếp (rules.md §4.4)."
    ),
}
EXPLAIN_ALTERNATES = (
    "Đại biểu dự khuyết, xếp theo số phiếu trong số những người được quá một phần hai ngay "
    "sau người trúng cử cuối cùng: {names} (rules.md §2.10)."
)
EXPLAIN_ALTERNATES_SHORT = (
    "Chỉ có {found} người đủ điều kiện trên {wanted} đại biểu dự khuyết cần bầu: đại hội "
    "quyết định có bầu tiếp hay không (rules.md §2.10)."
)
EXPLAIN_ALTERNATES_NONE = (
    "Không có người nào đủ điều kiện làm đại biểu dự khuyết ({wanted} người cần bầu): đại hội "
    "quyết định có bầu tiếp hay không (rules.md §2.10)."
)
EXPLAIN_ALTERNATES_TIE = (
    "{names} cùng được {votes} phiếu ở vị trí dự khuyết cuối cùng, còn {places} chỗ: đại hội "
    "quyết định có bầu tiếp trong số những người này hay không (rules.md §2.6, §2.10)."
)
# A further vote among the tied (rules.md §2.6): no over-half threshold; for an alternate place
# the winners are "đại biểu dự khuyết", never "trúng cử" (§2.10).
REVOTE_NO_ALTERNATES = (
    "lần bầu tiếp khi bằng phiếu chỉ bầu cho các chỗ còn lại, không xếp dự khuyết"
)
PLACES_SEATS = "chỗ"
PLACES_ALTERNATES = "vị trí dự khuyết"
WINS_SEAT = "trúng cử"
WINS_ALTERNATE = "là đại biểu dự khuyết"
EXPLAIN_REVOTE = (
    "Đây là lần bầu tiếp trong số những người có số phiếu ngang nhau ở lần bầu trước, cho "
    "{places} {what} còn lại: người được nhiều phiếu hơn {wins}, không xét lại điều kiện quá "
    "một phần hai số phiếu (rules.md §2.6)."
)
EXPLAIN_REVOTE_TIE = (
    "{names} vẫn cùng được {votes} phiếu, còn {places} {what}: Đoàn Chủ tịch đề nghị đại hội "
    "quyết định có bầu tiếp trong số những người này hay không (rules.md §2.6)."
)
EXPLAIN_BASE_ALTERNATES = (
    "Đại biểu dự khuyết phải được quá một phần hai (1/2) số phiếu so với {base} ({count} "
    "{unit}), tức ít nhất {needed} phiếu, {authority} ({clause})."
)
EXPLAIN_ELECTED_ALTERNATES = (
    "Căn cứ kết quả kiểm phiếu và quy định của {statute}, {who} được bầu làm đại biểu dự "
    "khuyết (theo số phiếu từ cao xuống thấp): {names} ({clause})."
)
EXPLAIN_COMPLETE_ALTERNATES = (
    "Đã bầu đủ {seats} đại biểu dự khuyết theo số lượng đại hội đã quyết định."
)
EXPLAIN_ALTERNATES_WAIT = (
    "Chưa xếp đại biểu dự khuyết vì chưa bầu đủ số chính thức (rules.md §2.10)."
)
BASE_CLAUSES: Mapping[str, str] = MappingProxyType(
    {
        "cong-doan": "rules.md §2.5",
        "dang": "rules.md §3.3-3.5",
        "doan": "rules.md §4.4",
        COUNCIL_PROFILE: "rules.md §5.1",
    }
)
# The emulation council's ballot (rules.md §5.1): each name is agreed on its own, against the
# council's size; nobody is "elected" and a name short of the share is simply not agreed.
EXPLAIN_COUNCIL_BASE = (
    "Người được đề nghị phải được ít nhất {share}% tổng số thành viên Hội đồng ({count} "
    "người, kể cả thành viên vắng mặt gửi ý kiến bằng văn bản) đồng ý, tức ít nhất {needed} "
    "phiếu, theo quy định của {statute} (rules.md §5.1)."
)
EXPLAIN_COUNCIL_AGREED = "Hội đồng đồng ý đề nghị: {names} (rules.md §5.1)."
EXPLAIN_COUNCIL_ALL = "Tất cả {seats} người được đề nghị đều đủ tỷ lệ phiếu đồng ý."
EXPLAIN_COUNCIL_SHORT = (
    "{unfilled} trên {seats} người được đề nghị không đủ tỷ lệ phiếu đồng ý: Hội đồng không "
    "đề nghị (rules.md §5.1)."
)


_CLAUSE_NOTE = re.compile(r"\s*\((?:rules\.md[^)]*)\)")


def for_people(sentence: str) -> str:
    """Drop the developer's clause reference, "(rules.md §2.5)", from a sentence of ``explain``.

    The references tell a reader of the code which rule applies; the minutes and the command's
    table speak to the congress, which knows the statute by name.
    """
    return _CLAUSE_NOTE.sub("", sentence)


def _names(items: list[str]) -> str:
    """Join names the Vietnamese way: "A", "A và B", "A, B và C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _with_explanation(result: Result, election: Election) -> Result:
    return replace(result, explanation=explain(result, election))


def explain(result: Result, election: Election) -> tuple[str, ...]:
    """Return the sentences the minutes print: ballots, base, elected, outcome, alternates."""
    lines = {c.id: c for c in result.candidates}
    statute = election.profile.statute
    sentences: list[str] = []

    reasons = ""
    if result.invalid_by_reason:
        parts = [
            f"{INVALID_REASON_LABELS.get(r, r)}: {number_vi(n)}"
            for r, n in result.invalid_by_reason.items()
        ]
        reasons = " (" + "; ".join(parts) + ")"
    sentences.append(
        EXPLAIN_BALLOTS.format(
            issued=number_vi(result.issued),
            collected=number_vi(result.collected),
            valid=number_vi(result.valid),
            invalid=number_vi(result.invalid),
            reasons=reasons,
        )
    )

    share = election.profile.threshold
    if result.profile == COUNCIL_PROFILE and share is not None:
        return (*sentences, *_explain_council(result, election, share))

    kind = result.base_kind
    phrase = BASE_PHRASES[kind]
    if kind is BaseKind.SUMMONED and election.profile.base is not BaseKind.SUMMONED:
        phrase = BASE_PHRASE_SUMMONED_OTHER
    local = kind is not election.profile.base
    places_word = PLACES_ALTERNATES if result.for_alternates else PLACES_SEATS
    if result.tie_revote:
        sentences.append(
            EXPLAIN_REVOTE.format(
                places=result.seats,
                what=places_word,
                wins=WINS_ALTERNATE if result.for_alternates else WINS_SEAT,
            )
        )
    else:
        template = EXPLAIN_BASE_ALTERNATES if result.for_alternates else EXPLAIN_BASE
        sentences.append(
            template.format(
                base=phrase,
                count=number_vi(result.base_count),
                unit="người" if kind is BaseKind.SUMMONED else "phiếu",
                needed=number_vi(result.votes_needed),
                authority=AUTHORITY_LOCAL if local else AUTHORITY_STATUTE.format(statute=statute),
                clause="rules.md §2.5"
                if local
                else BASE_CLAUSES.get(result.profile, "rules.md §2.5"),
            )
        )

    def described(cid: str) -> str:
        line = lines[cid]
        return f"{line.name} ({number_vi(line.votes)} phiếu, {percent_vi(line.percent)})"

    if result.elected:
        who = "đồng chí" if len(result.elected) == 1 else f"{len(result.elected)} đồng chí"
        clause = BASE_CLAUSES.get(result.profile, "rules.md §2.5")
        if result.tie_revote:
            clause = "rules.md §2.6"
        if result.for_alternates:
            clause += ", §2.10"
        template = EXPLAIN_ELECTED_ALTERNATES if result.for_alternates else EXPLAIN_ELECTED
        sentences.append(
            template.format(
                statute=statute,
                who=who,
                names="; ".join(described(c) for c in result.elected),
                clause=clause,
            )
        )

    tie = result.tie
    if result.outcome == COMPLETE:
        template = EXPLAIN_COMPLETE_ALTERNATES if result.for_alternates else EXPLAIN_COMPLETE
        sentences.append(template.format(seats=result.seats))
    elif result.outcome == TIE and tie is not None and result.tie_revote:
        sentences.append(
            EXPLAIN_REVOTE_TIE.format(
                names=_names([lines[c].name for c in tie.candidates]),
                votes=number_vi(lines[tie.candidates[0]].votes),
                places=tie.seats,
                what=places_word,
            )
        )
    elif result.outcome == TIE and tie is not None:
        template = EXPLAIN_ALTERNATES_TIE if result.for_alternates else EXPLAIN_TIE
        sentences.append(
            template.format(
                names=_names([lines[c].name for c in tie.candidates]),
                votes=number_vi(lines[tie.candidates[0]].votes),
                places=tie.seats,
            )
        )
    elif result.outcome == SHORT:
        template = EXPLAIN_SHORT.get(result.profile, EXPLAIN_SHORT["cong-doan"])
        sentences.append(
            template.format(
                passed=SHORT_SOME.format(elected=len(result.elected))
                if result.elected
                else SHORT_NONE,
                unfilled=result.unfilled,
                seats=result.seats,
            )
        )

    if result.alternates_wanted > 0:
        if result.outcome != COMPLETE:
            sentences.append(EXPLAIN_ALTERNATES_WAIT)
        else:
            if result.alternates:
                numbered = [f"{i}. {described(c)}" for i, c in enumerate(result.alternates, 1)]
                sentences.append(EXPLAIN_ALTERNATES.format(names="; ".join(numbered)))
            if tie is not None and tie.alternates:
                sentences.append(
                    EXPLAIN_ALTERNATES_TIE.format(
                        names=_names([lines[c].name for c in tie.candidates]),
                        votes=number_vi(lines[tie.candidates[0]].votes),
                        places=tie.seats,
                    )
                )
            elif len(result.alternates) < result.alternates_wanted:
                short = EXPLAIN_ALTERNATES_SHORT if result.alternates else EXPLAIN_ALTERNATES_NONE
                sentences.append(
                    short.format(found=len(result.alternates), wanted=result.alternates_wanted)
                )
    return tuple(sentences)


def _explain_council(result: Result, election: Election, share: Fraction) -> tuple[str, ...]:
    """Return the council's sentences: the share of all members, who is agreed, who is not."""
    lines = {c.id: c for c in result.candidates}
    percent = decimal_vi(Decimal(share.numerator * 100) / share.denominator, 0)
    sentences = [
        EXPLAIN_COUNCIL_BASE.format(
            share=percent,
            count=number_vi(result.base_count),
            needed=number_vi(result.votes_needed),
            statute=election.profile.statute,
        )
    ]
    if result.elected:
        described = [
            f"{lines[c].name} ({number_vi(lines[c].votes)} phiếu, {percent_vi(lines[c].percent)})"
            for c in result.elected
        ]
        sentences.append(EXPLAIN_COUNCIL_AGREED.format(names="; ".join(described)))
    if result.outcome == SHORT:
        sentences.append(EXPLAIN_COUNCIL_SHORT.format(unfilled=result.unfilled, seats=result.seats))
    else:
        sentences.append(EXPLAIN_COUNCIL_ALL.format(seats=result.seats))
    return tuple(sentences)
