"""The organization tree: paths, subtrees, moves, kinds and codes (units.services)."""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from daihoi.units import errors
from daihoi.units.errors import UnitsError
from daihoi.units.models import PATH_SEGMENT_WIDTH, Member, Unit, UnitKind, next_prefix
from daihoi.units.services import create_unit, edit_unit, move_unit, rename_unit
from daihoi.units.testing import build_world


def test_next_prefix_is_the_path_plus_one_at_the_same_width() -> None:
    assert next_prefix("0000000100000009") == "0000000100000010"
    assert next_prefix("00000001") == "00000002"


def test_the_path_range_holds_descendants_and_nothing_else() -> None:
    # Plain string comparison, as every database collation does on ASCII digits.
    parent = "0000000100000009"
    low, high = parent, next_prefix(parent)
    assert low <= parent + "00000042" < high
    assert not (low <= "0000000100000010" < high)  # the next sibling
    assert not (low <= "0000000100000008" + "99999999" < high)  # the previous sibling's child


class UnitTreeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_new_unit_path_is_its_parents_path_and_its_own_id(self) -> None:
        w = self.w
        assert w.root.path == f"{w.root.pk:0{PATH_SEGMENT_WIDTH}d}"
        assert w.section.path == w.unit.path + f"{w.section.pk:08d}"
        assert (w.root.depth, w.province.depth, w.section.depth) == (0, 1, 4)

    def test_subtree_is_the_unit_and_everything_below_it(self) -> None:
        w = self.w
        codes = set(Unit.objects.subtree(w.unit).values_list("code", flat=True))
        assert codes == {w.unit.code, w.section.code}
        assert Unit.objects.subtree(w.root).count() == Unit.objects.count()

    def test_members_in_subtree_include_those_of_sections(self) -> None:
        w = self.w
        assert list(Member.objects.in_subtree(w.unit)) == [w.member]
        assert set(Member.objects.in_subtree(w.upper_grassroots)) == {w.member, w.sibling_member}

    def test_ancestors_come_root_first(self) -> None:
        w = self.w
        assert list(Unit.objects.ancestors(w.section)) == [
            w.root,
            w.province,
            w.upper_grassroots,
            w.unit,
        ]

    def test_moving_a_unit_rewrites_the_paths_of_its_whole_subtree(self) -> None:
        w = self.w
        moved = move_unit(unit=w.unit, new_parent=w.province)
        section = Unit.objects.get(pk=w.section.pk)
        assert moved.parent == w.province
        assert moved.path == w.province.path + f"{w.unit.pk:08d}"
        assert section.path == moved.path + f"{w.section.pk:08d}"
        assert (moved.depth, section.depth) == (2, 3)
        assert Unit.objects.get(pk=w.unit.pk).parent_id == w.province.pk
        assert set(Member.objects.in_subtree(w.upper_grassroots)) == {w.sibling_member}
        assert list(Member.objects.in_subtree(w.province).order_by("id")) == [
            w.member,
            w.sibling_member,
        ]

    def test_moving_uses_one_update_for_the_subtree(self) -> None:
        w = self.w
        with CaptureQueriesContext(connection) as queries:
            move_unit(unit=w.unit, new_parent=w.province)
        path_updates = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].startswith('UPDATE "units_unit" SET "path"')
        ]
        assert len(path_updates) == 1
        assert len(queries.captured_queries) <= 7  # lock, parent, depth, 2 UPDATEs, savepoints

    def test_a_unit_cannot_move_below_itself(self) -> None:
        w = self.w
        with self.assertRaises(UnitsError) as caught:
            move_unit(unit=w.province, new_parent=w.section)
        assert caught.exception.messages == [errors.UNIT_MOVE_INTO_ITSELF]
        assert caught.exception.errors[0].field == "parent"

    def test_a_kind_cannot_sit_under_a_lower_kind(self) -> None:
        w = self.w
        with self.assertRaises(UnitsError) as caught:
            create_unit(parent=w.section, name="Sai", code="SAI", kind=UnitKind.CDCS)
        assert caught.exception.messages == [
            errors.UNIT_KIND_UNDER_PARENT.format(
                kind="Công đoàn cơ sở",
                parent=w.section.name,
                parent_kind="Công đoàn bộ phận",
            )
        ]

    def test_a_party_cell_cannot_sit_in_the_union_tree(self) -> None:
        with self.assertRaises(UnitsError):
            create_unit(parent=self.w.unit, name="Chi bộ", code="CB", kind=UnitKind.CHI_BO)

    def test_party_committees_nest(self) -> None:
        top = create_unit(parent=None, name="Đảng bộ tỉnh", code="DB", kind=UnitKind.DANG_BO)
        mid = create_unit(parent=top, name="Đảng bộ Sở", code="DB-S", kind=UnitKind.DANG_BO)
        cell = create_unit(parent=mid, name="Chi bộ", code="DB-S-C", kind=UnitKind.CHI_BO)
        assert cell.depth == 2

    def test_codes_are_unique_and_plain(self) -> None:
        w = self.w
        with self.assertRaises(UnitsError) as caught:
            create_unit(parent=w.unit, name="Tổ 1", code=w.section.code, kind=UnitKind.TO_CONG_DOAN)
        assert caught.exception.messages == [errors.UNIT_CODE_TAKEN.format(code=w.section.code)]
        with self.assertRaises(UnitsError) as caught:
            create_unit(parent=w.unit, name="", code="có dấu", kind=UnitKind.TO_CONG_DOAN)
        assert caught.exception.messages == [
            errors.UNIT_NAME_REQUIRED,
            errors.UNIT_CODE_INVALID,
        ]

    def test_rename_saves_the_name_in_nfc(self) -> None:
        unit = rename_unit(unit=self.w.section, name="Cong doan bo phan  Van phong", short_name="")
        assert unit.name == "Cong doan bo phan Van phong"
        assert Unit.objects.get(pk=unit.pk).name == "Cong doan bo phan Van phong"

    def test_edit_changes_the_kind_only_if_children_still_fit(self) -> None:
        w = self.w
        with self.assertRaises(UnitsError) as caught:
            edit_unit(
                unit=w.unit,
                name=w.unit.name,
                short_name="",
                code=w.unit.code,
                kind=UnitKind.TO_CONG_DOAN,
                parent=w.upper_grassroots,
            )
        assert caught.exception.errors[0].field == "kind"
        assert Unit.objects.get(pk=w.unit.pk).kind == UnitKind.CDCS

    def test_edit_moves_renames_and_recodes_in_one_call(self) -> None:
        w = self.w
        unit = edit_unit(
            unit=w.sibling,
            name="Công đoàn cơ sở Sở Tài chính tỉnh",
            short_name="CĐCS STC",
            code="STC",
            kind=UnitKind.CDCS,
            parent=w.province,
        )
        fresh = Unit.objects.get(pk=unit.pk)
        assert (fresh.name, fresh.code, fresh.parent_id) == (
            "Công đoàn cơ sở Sở Tài chính tỉnh",
            "STC",
            w.province.pk,
        )
        assert fresh.path.startswith(w.province.path)
