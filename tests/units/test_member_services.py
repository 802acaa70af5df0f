"""Members: NFC names split into họ / tên đệm / tên, validation messages, updates, transfers."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from daihoi.rules.names import sort_key
from daihoi.units import errors
from daihoi.units.errors import UnitsError
from daihoi.units.models import Education, Gender, Member, MemberStatus, MemberTransfer
from daihoi.units.services import (
    MemberData,
    clean_member_data,
    create_member,
    transfer_member,
    update_member,
)
from daihoi.units.testing import build_world


def statements(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]


def data(**kw: object) -> MemberData:
    return MemberData(**{"full_name": "Nguyễn Thị Bình", "gender": Gender.NU, **kw})  # type: ignore[arg-type]


def messages_of(bad: MemberData) -> list[str]:
    try:
        clean_member_data(bad, today=date(2026, 6, 1))
    except UnitsError as error:
        return error.messages
    raise AssertionError("no error")


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    assert messages_of(MemberData(full_name=" ", gender="x", ethnicity="Sao Hỏa")) == [
        errors.FULL_NAME_REQUIRED,
        errors.GENDER_REQUIRED,
        errors.ETHNICITY_UNKNOWN.format(value="Sao Hỏa"),
    ]


def test_dates_are_checked_against_today_and_the_birth_date() -> None:
    born = date(1990, 1, 1)
    assert messages_of(data(birth_date=date(2027, 1, 1))) == [errors.BIRTH_DATE_IN_FUTURE]
    assert messages_of(data(birth_date=date(1899, 12, 31))) == [errors.BIRTH_DATE_TOO_EARLY]
    assert messages_of(data(birth_date=born, union_joined_on=date(1989, 1, 1))) == [
        errors.UNION_DATE_BEFORE_BIRTH
    ]
    assert messages_of(data(party_joined_on=date(2010, 1, 1))) == [
        errors.PARTY_DATE_WITHOUT_MEMBERSHIP
    ]
    assert messages_of(
        data(birth_date=born, is_party_member=True, party_joined_on=date(1985, 1, 1))
    ) == [errors.PARTY_DATE_BEFORE_BIRTH]


def test_a_member_is_fifteen_on_the_day_the_record_is_written() -> None:
    assert messages_of(data(birth_date=date(2011, 6, 2))) == [
        errors.TOO_YOUNG.format(age=15, date="02/06/2011")
    ]
    clean_member_data(data(birth_date=date(2011, 6, 1)), today=date(2026, 6, 1))  # fifteen today


def test_phone_numbers_are_digits() -> None:
    assert messages_of(data(phone="09a123")) == [errors.PHONE_INVALID]
    assert clean_member_data(data(phone="0912 345.678")).phone == "0912345678"
    assert clean_member_data(data(phone="+84 912 345 678")).phone == "+84912345678"


def test_messages_start_with_the_field_label() -> None:
    assert errors.ETHNICITY_UNKNOWN.startswith("Dân tộc: ")
    assert errors.BIRTH_DATE_IN_FUTURE.startswith("Ngày sinh: ")


def test_names_typed_in_capitals_get_the_usual_capitalization() -> None:
    assert clean_member_data(data(full_name="NGUYỄN THỊ BÌNH")).full_name == "Nguyễn Thị Bình"
    assert clean_member_data(data(full_name="Rcom Jen")).full_name == "Rcom Jen"


class MemberServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_create_stores_nfc_and_splits_the_name(self) -> None:
        decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị  Thu Bình ")
        member = create_member(
            unit=self.w.unit, data=data(full_name=decomposed, ethnicity="kinh (việt)")
        )
        member.refresh_from_db()
        assert member.full_name == "Nguyễn Thị Thu Bình"
        assert unicodedata.is_normalized("NFC", member.full_name)
        assert (member.ho, member.ten_dem, member.ten) == ("Nguyễn", "Thị Thu", "Bình")
        assert member.name_key == sort_key("Nguyễn Thị Thu Bình")
        assert member.search_text == "nguyen thi thu binh"
        assert member.ethnicity == "Kinh"
        assert member.status == MemberStatus.ACTIVE

    def test_member_numbers_are_unique_when_given(self) -> None:
        with self.assertRaises(UnitsError) as caught:
            create_member(unit=self.w.unit, data=data(member_number="KT-0001"))
        assert caught.exception.messages == [errors.MEMBER_NUMBER_TAKEN.format(number="KT-0001")]
        create_member(unit=self.w.unit, data=data())
        create_member(unit=self.w.unit, data=data())  # blank numbers do not collide

    def test_update_saves_only_the_changed_fields(self) -> None:
        member = self.w.member
        changed = replace(MemberData.of(member), phone="0912345678", education=Education.THAC_SI)
        with CaptureQueriesContext(connection) as queries:
            update_member(member=member, data=changed)
        # No number change: no uniqueness query, one UPDATE naming only what changed.
        (sql,) = statements(queries)
        assert sql.startswith("UPDATE")
        assert '"phone"' in sql and '"education"' in sql and '"full_name"' not in sql
        fresh = Member.objects.get(pk=member.pk)
        assert (fresh.phone, fresh.education) == ("0912345678", Education.THAC_SI)
        assert "0912345678" in fresh.search_text

    def test_update_of_nothing_writes_nothing(self) -> None:
        member = self.w.member
        with CaptureQueriesContext(connection) as queries:
            update_member(member=member, data=MemberData.of(member))
        assert statements(queries) == []

    def test_update_renames_and_recomputes_the_keys(self) -> None:
        member = update_member(
            member=self.w.member,
            data=replace(MemberData.of(self.w.member), full_name="Lò Văn Muôn"),
        )
        fresh = Member.objects.get(pk=member.pk)
        assert (fresh.ho, fresh.ten_dem, fresh.ten) == ("Lò", "Văn", "Muôn")
        assert fresh.name_key == sort_key("Lò Văn Muôn")
        assert fresh.search_text.startswith("lo van muon")

    def test_transfer_moves_the_member_and_keeps_the_history(self) -> None:
        w = self.w
        on = timezone.localdate() - timedelta(days=3)
        transfer = transfer_member(
            member=w.member, to_unit=w.sibling, on=on, note="Điều động", by=w.upper
        )
        assert Member.objects.get(pk=w.member.pk).unit == w.sibling
        assert list(MemberTransfer.objects.filter(member=w.member)) == [transfer]
        assert (transfer.from_unit, transfer.to_unit, transfer.date, transfer.by) == (
            w.section,
            w.sibling,
            on,
            w.upper,
        )
        assert list(Member.objects.in_subtree(w.unit)) == []

    def test_transfer_to_the_same_unit_or_in_the_future_is_refused(self) -> None:
        w = self.w
        with self.assertRaises(UnitsError) as caught:
            transfer_member(member=w.member, to_unit=w.section, on=timezone.localdate())
        assert caught.exception.messages == [errors.TRANSFER_SAME_UNIT]
        tomorrow = timezone.localdate() + timedelta(days=1)
        with self.assertRaises(UnitsError) as caught:
            transfer_member(member=w.member, to_unit=w.sibling, on=tomorrow)
        assert caught.exception.messages == [errors.TRANSFER_DATE_IN_FUTURE]
        assert not MemberTransfer.objects.exists()

    def test_search_ignores_accents_and_case_and_reads_numbers(self) -> None:
        w = self.w
        create_member(unit=w.unit, data=data(phone="0912 345 678", member_number="LC-99"))
        create_member(unit=w.unit, data=data(full_name="Đặng Đức Dũng", gender=Gender.NAM))
        found = Member.objects.in_subtree(w.unit)
        assert [m.full_name for m in found.search("nguyen thi binh")] == ["Nguyễn Thị Bình"]
        assert [m.full_name for m in found.search("NGUYỄN BÌNH")] == ["Nguyễn Thị Bình"]
        assert [m.full_name for m in found.search("dang duc")] == ["Đặng Đức Dũng"]
        assert [m.full_name for m in found.search("0912345678")] == ["Nguyễn Thị Bình"]
        assert [m.full_name for m in found.search("lc-99")] == ["Nguyễn Thị Bình"]
        assert found.search("").count() == 3
        assert not found.search("trần").exists()  # Trần Thị Hoa is in the sibling unit

    def test_members_are_ordered_the_vietnamese_way(self) -> None:
        w = self.w
        names = ["Trần Văn Ánh", "Lê Thị An", "Nguyễn Văn Bình", "Phạm Thị Anh", "Lê Văn Ân"]
        for name in names:
            create_member(unit=w.unit, data=data(full_name=name))
        got = [m.full_name for m in Member.objects.filter(unit=w.unit)]
        assert got == ["Lê Thị An", "Phạm Thị Anh", "Trần Văn Ánh", "Lê Văn Ân", "Nguyễn Văn Bình"]
