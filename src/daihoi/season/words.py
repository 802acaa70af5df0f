"""The season's words by organisation: a union's Chủ tịch and BCH, a Party cell's Bí thư and chi ủy.

One place for the pages, the result file and the recognition decision (rules.md §3: the Party
chain differs from the union's in words and numbers). A union's committee is the Ban Chấp hành
with its Chủ tịch and Phó Chủ tịch, recognized by the upper level's Ban Thường vụ (Mẫu 7b,
rules.md §2.8); a Party cell's is its chi ủy with its Bí thư and Phó Bí thư, a đảng bộ's its Ban
Chấp hành (đảng ủy), and the upper committee approves them (chuẩn y, rules.md §3.1). rules.md
gives no form number for the Party's decision: it is titled plainly "Quyết định chuẩn y". What
the members are called is ``units.words``'s.

The words are marked for translation for the pages; the documents of record are rendered in
Vietnamese (``language.in_vietnamese``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from daihoi.units.models import KIND_LEVEL, UnitKind


@dataclass(frozen=True)
class Words:
    committee: Promise  # "Ban Chấp hành", "Chi ủy"
    committee_short: Promise  # "BCH", "chi ủy"
    committee_member: Promise  # "Ủy viên BCH", "Chi ủy viên"
    chair: Promise  # "Chủ tịch", "Bí thư"
    vice_chair: Promise  # "Phó Chủ tịch", "Phó Bí thư"
    recognize: Promise  # "công nhận", "chuẩn y"
    decision: Promise  # the decision's name on the pages
    on_behalf: Promise  # who signs the unit's papers: "TM. BAN CHẤP HÀNH", "TM. CHI BỘ"
    upper_body: Promise  # the upper level's body that decides: "Ban Thường vụ", "Ban Chấp hành"
    union_guide: bool = False  # cite the Tổng Liên đoàn's guide (38/HD-TLĐ, rules.md §2.8)
    # The petition's number, its sign the union's (rules.md §8.3); none known for the others.
    petition_number: str = "Số: ……"
    # A decision's number as the upper level writes it, for the example in a message.
    decision_example: str = "125/QĐ-LĐLĐ"


UNION = Words(
    committee=_("Ban Chấp hành"),
    committee_short=_("BCH"),
    committee_member=_("Ủy viên BCH"),
    chair=_("Chủ tịch"),
    vice_chair=_("Phó Chủ tịch"),
    recognize=_("công nhận"),
    decision=_("Quyết định công nhận (Mẫu 7b)"),
    on_behalf=_("TM. BAN CHẤP HÀNH"),
    upper_body=_("Ban Thường vụ"),
    union_guide=True,
    petition_number="Số: ……/TTr-CĐ",
)
YOUTH = Words(
    committee=_("Ban Chấp hành"),
    committee_short=_("BCH"),
    committee_member=_("Ủy viên BCH"),
    chair=_("Bí thư"),
    vice_chair=_("Phó Bí thư"),
    recognize=_("công nhận"),
    decision=_("Quyết định công nhận"),
    on_behalf=_("TM. BAN CHẤP HÀNH"),
    upper_body=_("Ban Thường vụ"),
)
PARTY_CELL = Words(
    committee=_("Chi ủy"),
    committee_short=_("chi ủy"),
    committee_member=_("Chi ủy viên"),
    chair=_("Bí thư"),
    vice_chair=_("Phó Bí thư"),
    recognize=_("chuẩn y"),
    decision=_("Quyết định chuẩn y"),
    on_behalf=_("TM. CHI BỘ"),
    upper_body=_("Ban Chấp hành"),
    decision_example="15-QĐ/ĐU",
)
PARTY_COMMITTEE = Words(
    committee=_("Ban Chấp hành Đảng bộ"),
    committee_short=_("BCH đảng bộ"),
    committee_member=_("Đảng ủy viên"),
    chair=_("Bí thư"),
    vice_chair=_("Phó Bí thư"),
    recognize=_("chuẩn y"),
    decision=_("Quyết định chuẩn y"),
    on_behalf=_("TM. ĐẢNG ỦY"),
    upper_body=_("Ban Chấp hành"),
    decision_example="15-QĐ/ĐU",
)
# A Party season over chi bộ and đảng bộ alike: their committees are "cấp ủy".
PARTY = Words(
    committee=_("Cấp ủy"),
    committee_short=_("cấp ủy"),
    committee_member=_("Cấp ủy viên"),
    chair=_("Bí thư"),
    vice_chair=_("Phó Bí thư"),
    recognize=_("chuẩn y"),
    decision=_("Quyết định chuẩn y"),
    on_behalf=_("TM. CẤP ỦY"),
    upper_body=_("Ban Chấp hành"),
    decision_example="15-QĐ/ĐU",
)

EVERY = (UNION, YOUTH, PARTY_CELL, PARTY_COMMITTEE, PARTY)
_BY_KIND = {UnitKind.CHI_BO: PARTY_CELL, UnitKind.DANG_BO: PARTY_COMMITTEE}
_BY_ORGANIZATION = {"cong-doan": UNION, "dang": PARTY, "doan": YOUTH}


def words_of_kind(kind: str) -> Words:
    """Return the words of a unit of this kind's committee."""
    return _BY_KIND.get(kind) or _BY_ORGANIZATION[KIND_LEVEL[kind][0]]


def words_of_kinds(kinds: Iterable[str]) -> Words:
    """Return the words of a page over units of these kinds (a season's): one kind's if they are
    all of one, else their organisation's (the union's when there is none)."""
    kinds = list(kinds)
    found = [words_of_kind(k) for k in kinds]
    if found and all(w is found[0] for w in found):
        return found[0]
    organizations = {KIND_LEVEL[k][0] for k in kinds}
    return _BY_ORGANIZATION[organizations.pop()] if len(organizations) == 1 else UNION
