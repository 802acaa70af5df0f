"""The whole evaluation table saved at once: the same verdicts as row by row, all or nothing.

The service (``services.evaluate_members``) and the officer's way in: the table downloaded as
Excel, filled, uploaded (``evaluation_sheet``), each problem named by its row and column.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.emulation import errors, evaluation_sheet, services
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import Campaign, Evaluation, TitleRecord
from daihoi.emulation.services import EvaluationData, EvaluationTableError, RowProblem, TableRow
from daihoi.emulation.testing import make_campaign
from daihoi.rules import emulation as rules
from daihoi.units.models import Gender, Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import World, build_world

LDTT = rules.Title.LDTT.value
CSTDCS = rules.Title.CSTDCS.value
CSTDCS_LABEL = "Chiến sĩ thi đua cơ sở"
INDIVIDUAL = [t.value for t in rules.Title if not t.collective]
SAVED = (
    "task_level",
    "days_absent",
    "maternity_days",
    "joined_on",
    "discipline",
    "initiative",
    "eligible",
    "explanations",
    "proposed",
    "override_reason",
    "unit_id",
)


def more_members(w: World) -> list[Member]:
    """The personas' member and three more: women, a section, one without a card number."""
    made = [
        create_member(
            unit=unit,
            data=MemberData(full_name=name, gender=gender, member_number=number),
        )
        for unit, name, gender, number in (
            (w.unit, "Nguyễn Thị Lan", Gender.NU, "KT-0101"),
            (w.section, "Phạm Văn Hải", Gender.NAM, ""),
            (w.section, "Lò Thị Mai", Gender.NU, "KT-0102"),
        )
    ]
    return [w.member, *made]


def prepare(w: World, campaign: Campaign, members: list[Member]) -> None:
    """Registrations for three of them, and two years of CSTĐCS on record for the first."""
    services.register_members(
        campaign=campaign, unit=w.unit, members=members[:3], titles=[LDTT, CSTDCS], by=None
    )
    for year in (campaign.year - 2, campaign.year - 1):
        TitleRecord.objects.create(member=members[0], year=year, title=CSTDCS)


def saved(campaign: Campaign) -> dict[int, tuple[Any, ...]]:
    return {
        e.member_id: tuple(getattr(e, f) for f in SAVED)
        for e in Evaluation.objects.filter(campaign=campaign)
    }


# --------------------------------------------------------------------------- the service

FACTS = st.builds(
    lambda level, absent, maternity, joined, discipline, sanction, initiative, research, flags,
    proposed, reason: EvaluationData(
        task_level=level,
        days_absent=absent,
        maternity_days=min(maternity, absent),
        joined_on=joined,
        discipline=discipline,
        administrative_sanction=sanction,
        initiative=initiative,
        research_accepted=research,
        active_in_emulation=flags[0],
        active_in_union=flags[1],
        family_duties_met=flags[2],
        proposed=tuple(proposed),
        override_reason=reason,
    ),
    st.sampled_from([t.value for t in rules.TaskLevel]),
    st.integers(0, 60),
    st.integers(0, 60),
    st.none() | st.dates(datetime.date(2024, 1, 1), datetime.date(2025, 12, 15)),
    st.sampled_from([d.value for d in rules.Discipline]),
    st.booleans(),
    st.sampled_from([i.value for i in rules.InitiativeLevel]),
    st.booleans(),
    st.tuples(st.booleans(), st.booleans(), st.booleans()),
    st.lists(st.sampled_from(INDIVIDUAL), unique=True, max_size=3),
    st.sampled_from(["", "Đơn vị đề nghị vì có thành tích đột xuất."]),
)  # fmt: skip


class _Scene:
    def __init__(self) -> None:
        self.w = build_world()
        self.campaign = make_campaign(self.w.province)
        self.members = more_members(self.w)
        prepare(self.w, self.campaign, self.members)


@pytest.fixture
def scene(db: object) -> _Scene:
    return _Scene()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    facts=st.lists(FACTS, min_size=1, max_size=4),
    earlier=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_the_table_decides_every_row_as_the_row_save_does(
    scene: _Scene, facts: list[EvaluationData], earlier: list[bool]
) -> None:
    """Same input: the same verdicts, reasons and refusals whether saved at once or a row a time.

    Some members already have an evaluation (saved before with other facts), so the table both
    adds and replaces rows.
    """
    campaign, w = scene.campaign, scene.w
    members = scene.members[: len(facts)]
    Evaluation.objects.filter(campaign=campaign).delete()
    before = [
        TableRow(row=n, member=m, data=EvaluationData(task_level="khong-hoan-thanh"))
        for n, (m, again) in enumerate(zip(scene.members, earlier, strict=True), start=2)
        if again
    ]
    services.evaluate_members(campaign=campaign, unit=w.unit, rows=before, by=None)
    previous = saved(campaign)
    rows = [
        TableRow(row=n, member=m, data=d)
        for n, (m, d) in enumerate(zip(members, facts, strict=True), start=2)
    ]
    refused: set[int] = set()
    try:
        services.evaluate_members(campaign=campaign, unit=w.unit, rows=rows, by=w.officer)
    except EvaluationTableError as error:
        refused = {p.row for p in error.rows}
        assert saved(campaign) == previous  # all or nothing
    at_once = saved(campaign)

    Evaluation.objects.filter(campaign=campaign).delete()
    refused_by_row: set[int] = set()
    for row in rows:
        try:
            services.evaluate_member(
                campaign=campaign, unit=w.unit, member=row.member, data=row.data, by=w.officer
            )
        except EmulationError:
            refused_by_row.add(row.row)
    assert refused == refused_by_row
    if not refused:
        ids = {m.pk for m in members}
        assert {k: v for k, v in at_once.items() if k in ids} == saved(campaign)


class _Table(TestCase):
    """The personas, the province's campaign, four members of the unit, three registered."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)
        cls.members = more_members(cls.w)
        prepare(cls.w, cls.campaign, cls.members)


class EvaluationTableServiceTests(_Table):
    def save(self, *rows: tuple[Member, EvaluationData]) -> int:
        return services.evaluate_members(
            campaign=self.campaign,
            unit=self.w.unit,
            rows=[TableRow(row=n, member=m, data=d) for n, (m, d) in enumerate(rows, start=2)],
            by=self.w.officer,
        )

    def test_every_row_is_written_with_the_engines_verdict(self) -> None:
        excellent = EvaluationData(task_level="xuat-sac", initiative="co-so")
        count = self.save((self.members[0], excellent), (self.members[3], excellent))
        assert count == 2
        first = Evaluation.objects.get(member=self.members[0])
        assert LDTT in first.eligible and CSTDCS in first.eligible
        assert first.evaluated_by == self.w.officer
        assert first.unit_id == self.w.section.pk
        unregistered = Evaluation.objects.get(member=self.members[3])
        assert unregistered.eligible == []  # not registered (rules.md §5.2), and told why
        assert "đăng ký" in unregistered.explanations[LDTT]

    def test_a_bad_row_refuses_the_table_naming_it_and_nothing_is_written(self) -> None:
        good = EvaluationData(task_level="tot")
        unearned = EvaluationData(task_level="hoan-thanh", proposed=(CSTDCS,))
        with self.assertRaises(EvaluationTableError) as caught:
            self.save((self.members[0], good), (self.members[1], unearned), (self.members[2], good))
        assert caught.exception.rows == [
            RowProblem(
                3,
                "override_reason",
                errors.EVALUATION_OVERRIDE_REASON.format(titles="“Chiến sĩ thi đua cơ sở”"),
            )
        ]
        assert caught.exception.messages[0].startswith("Dòng 3: Lý do: chương trình thấy")
        assert not Evaluation.objects.exists()

    def test_a_member_of_another_unit_is_refused_and_nothing_is_written(self) -> None:
        good = EvaluationData(task_level="tot")
        with self.assertRaises(EvaluationTableError) as caught:
            self.save((self.members[0], good), (self.w.sibling_member, good))
        message = errors.EVALUATION_MEMBER_OUTSIDE.format(
            name="Trần Thị Hoa", unit=self.w.unit.name
        )
        assert caught.exception.rows == [RowProblem(3, "member", message)]
        assert not Evaluation.objects.exists()

    def test_a_member_written_twice_is_refused_naming_the_first_row(self) -> None:
        good = EvaluationData(task_level="tot")
        with self.assertRaises(EvaluationTableError) as caught:
            self.save((self.members[0], good), (self.members[1], good), (self.members[0], good))
        assert [(p.row, p.field) for p in caught.exception.rows] == [(4, "member")]
        assert "dòng 2" in caught.exception.rows[0].message
        assert not Evaluation.objects.exists()

    def test_a_value_outside_the_lists_is_refused_by_field(self) -> None:
        with self.assertRaises(EvaluationTableError) as caught:
            self.save((self.members[0], EvaluationData(task_level="gioi", discipline="phat")))
        assert [(p.row, p.field) for p in caught.exception.rows] == [
            (2, "task_level"),
            (2, "discipline"),
        ]

    def test_saving_again_replaces_each_members_one_evaluation(self) -> None:
        self.save((self.members[0], EvaluationData(task_level="tot")))
        first = Evaluation.objects.get(member=self.members[0])
        self.save(
            (self.members[0], EvaluationData(task_level="khong-hoan-thanh")),
            (self.members[1], EvaluationData(task_level="tot")),
        )
        again = Evaluation.objects.get(member=self.members[0])
        assert again.pk == first.pk
        assert (again.task_level, again.eligible) == ("khong-hoan-thanh", [])
        assert Evaluation.objects.count() == 2


# --------------------------------------------------------------------------- the workbook


def filled(campaign: Campaign, unit: Any, rows: dict[str, dict[str, Any]]) -> bytes:
    """Download the table and fill the rows of the members named (by name), as an office does."""
    out = io.BytesIO()
    evaluation_sheet.write_table(campaign, unit, out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for line in sheet.iter_rows(min_row=2):
        values = rows.get(line[2].value)
        for header, value in (values or {}).items():
            line[headers.index(header)].value = value
    kept = io.BytesIO()
    book.save(kept)
    return kept.getvalue()


def appended(campaign: Campaign, unit: Any, *rows: tuple[Any, ...]) -> bytes:
    """A downloaded table with rows added below (STT, code, name, unit, task level, ...)."""
    out = io.BytesIO()
    evaluation_sheet.write_table(campaign, unit, out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    sheet = book.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    kept = io.BytesIO()
    book.save(kept)
    return kept.getvalue()


class EvaluationSheetTests(_Table):
    def url(self, name: str) -> str:
        return reverse(name, args=[self.campaign.pk, self.w.unit.pk])

    def upload(self, content: bytes, *, user: Any = None) -> Any:
        self.client.force_login(user or self.w.officer)
        return self.client.post(
            self.url("evaluation_sheet_upload"),
            {"file": SimpleUploadedFile("binh-xet.xlsx", content)},
        )

    def test_the_downloaded_table_filled_in_is_saved_as_the_rows_page_would(self) -> None:
        content = filled(
            self.campaign,
            self.w.unit,
            {
                "Lường Danh Vọng": {
                    "Mức hoàn thành nhiệm vụ": "Hoàn thành xuất sắc nhiệm vụ",
                    "Sáng kiến": "Được công nhận ở cơ sở",
                    "Danh hiệu đề nghị": "Lao động tiên tiến; Chiến sĩ thi đua cơ sở",
                },
                "Nguyễn Thị Lan": {"Mức hoàn thành nhiệm vụ": "hoàn thành tốt nhiệm vụ"},
                "Phạm Văn Hải": {
                    "Mức hoàn thành nhiệm vụ": "Hoàn thành nhiệm vụ",
                    "Số ngày nghỉ": 45,
                    "Trong đó nghỉ thai sản": 0,
                },
                "Lò Thị Mai": {"Mức hoàn thành nhiệm vụ": "Không hoàn thành nhiệm vụ"},
            },
        )
        response = self.upload(content)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert response.url == self.url("evaluation_table")
        by_row = saved(self.campaign)
        assert len(by_row) == 4
        # The same facts through the row's service give the same verdicts.
        expected = {
            self.members[0].pk: EvaluationData(
                task_level="xuat-sac", initiative="co-so", proposed=(LDTT, CSTDCS)
            ),
            self.members[1].pk: EvaluationData(task_level="tot"),
            self.members[2].pk: EvaluationData(task_level="hoan-thanh", days_absent=45),
            self.members[3].pk: EvaluationData(task_level="khong-hoan-thanh"),
        }
        Evaluation.objects.all().delete()
        for member in self.members:
            services.evaluate_member(
                campaign=self.campaign,
                unit=self.w.unit,
                member=member,
                data=expected[member.pk],
                by=None,
            )
        assert saved(self.campaign) == by_row
        # Downloaded again, the table holds what was saved and the engine's verdict.
        out = io.BytesIO()
        evaluation_sheet.write_table(self.campaign, self.w.unit, out)
        sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
        lines = {line[2]: line for line in sheet.iter_rows(min_row=2, values_only=True)}
        assert list(lines) == ["Phạm Văn Hải", "Nguyễn Thị Lan", "Lò Thị Mai", "Lường Danh Vọng"]
        assert lines["Lò Thị Mai"][4] == "Không hoàn thành nhiệm vụ"
        assert lines["Lường Danh Vọng"][1] == "KT-0001"
        assert lines["Lường Danh Vọng"][-1].startswith("Lao động tiên tiến; Chiến sĩ thi đua")

    def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(self) -> None:
        content = appended(
            self.campaign,
            self.w.unit,
            (1, "KT-0001", "Lường Danh Vọng", "", "Hoàn thành tốt nhiệm vụ"),
            (2, "KT-9999", "Người Lạ", "", "Hoàn thành tốt nhiệm vụ"),
            (3, "KT-0101", "Nguyễn Thị Lan", "", "giỏi"),
            (4, "KT-0102", "Lò Thị Mai", "", "Hoàn thành nhiệm vụ", "ba"),
            (5, "KT-0002", "Trần Thị Hoa", "", "Hoàn thành tốt nhiệm vụ"),
        )
        response = self.upload(content)
        assert response.status_code == 400
        page = response.content.decode()
        unit = self.w.unit.name
        for line in (
            f"Dòng 3, cột B (Mã đoàn viên): Mã đoàn viên: không có đoàn viên “KT-9999” trong "
            f"{unit}",
            "Dòng 4, cột E (Mức hoàn thành nhiệm vụ): Mức hoàn thành nhiệm vụ: chọn một trong",
            "Dòng 5, cột F (Số ngày nghỉ): Số ngày nghỉ: nhập số bằng chữ số",
            f"Dòng 6, cột B (Mã đoàn viên): Mã đoàn viên: không có đoàn viên “KT-0002” trong "
            f"{unit}",
        ):
            assert line.replace("“", "&ldquo;").replace("”", "&rdquo;") in page or line in page, (
                line
            )
        assert not Evaluation.objects.exists()

    def test_a_verdict_refused_by_the_service_is_named_by_row_and_column(self) -> None:
        content = appended(
            self.campaign,
            self.w.unit,
            (1, "KT-0001", "Lường Danh Vọng", "", "Hoàn thành tốt nhiệm vụ"),
            (2, "", "Phạm Văn Hải", "", "Hoàn thành nhiệm vụ", *[None] * 10, CSTDCS_LABEL),
        )
        with self.assertRaises(EmulationError) as caught:
            evaluation_sheet.save_table(
                campaign=self.campaign, unit=self.w.unit, source=io.BytesIO(content),
                name="binh-xet.xlsx", size=len(content), by=None,
            )  # fmt: skip
        assert caught.exception.messages == [
            "Dòng 3, cột Q (Lý do đề nghị): "
            + errors.EVALUATION_OVERRIDE_REASON.format(titles="“Chiến sĩ thi đua cơ sở”")
        ]
        assert not Evaluation.objects.exists()

    def test_only_the_units_writers_upload_and_other_units_do_not_see_it(self) -> None:
        content = appended(
            self.campaign, self.w.unit, (1, "KT-0001", "Lường Danh Vọng", "", "Hoàn thành nhiệm vụ")
        )
        assert self.upload(content, user=self.w.viewer).status_code == 403
        assert self.upload(content, user=self.w.sibling_officer).status_code == 404
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.url("evaluation_sheet_download")).status_code == 404
        assert not Evaluation.objects.exists()
        self.client.force_login(self.w.viewer)
        page = self.client.get(self.url("evaluation_table")).content.decode()
        assert self.url("evaluation_sheet_download") in page
        assert self.url("evaluation_sheet_upload") not in page
        self.client.force_login(self.w.officer)
        page = self.client.get(self.url("evaluation_table")).content.decode()
        assert self.url("evaluation_sheet_upload") in page

    def test_a_row_naming_only_the_member_is_left_as_it_is(self) -> None:
        content = appended(
            self.campaign,
            self.w.unit,
            (1, "KT-0001", "Lường Danh Vọng", "Văn phòng", "Hoàn thành tốt nhiệm vụ"),
            (2, "KT-0101", "Nguyễn Thị Lan", "Sở Công Thương"),
        )
        count = evaluation_sheet.save_table(
            campaign=self.campaign, unit=self.w.unit, source=io.BytesIO(content),
            name="binh-xet.xlsx", size=len(content), by=None,
        )  # fmt: skip
        assert count == 1
        assert list(Evaluation.objects.values_list("member", flat=True)) == [self.members[0].pk]

    def test_a_member_is_found_by_card_number_else_by_a_name_only_one_has(self) -> None:
        create_member(
            unit=self.w.unit, data=MemberData(full_name="Phạm Văn Hải", gender=Gender.NAM)
        )
        content = appended(
            self.campaign,
            self.w.unit,
            (1, "KT-0101", "Nguyễn Thị Bình", "", "Hoàn thành tốt nhiệm vụ"),
            (2, "", "Phạm Văn Hải", "", "Hoàn thành tốt nhiệm vụ"),
            (3, "", "lò thị mai", "", "Hoàn thành tốt nhiệm vụ"),
        )
        with self.assertRaises(EmulationError) as caught:
            evaluation_sheet.save_table(
                campaign=self.campaign, unit=self.w.unit, source=io.BytesIO(content),
                name="binh-xet.xlsx", size=len(content), by=None,
            )  # fmt: skip
        assert caught.exception.messages == [
            "Dòng 2, cột C (Họ và tên): Họ và tên: mã “KT-0101” là của đoàn viên Nguyễn Thị "
            "Lan, không phải “Nguyễn Thị Bình”.",
            "Dòng 3, cột C (Họ và tên): "
            + evaluation_sheet.MEMBER_AMBIGUOUS.format(
                count=2, name="Phạm Văn Hải", unit=self.w.unit.name
            ),
        ]  # row 4 (the name written in lower case) is found: only its neighbours are refused
        assert not Evaluation.objects.exists()

    def test_the_whole_table_is_saved_in_a_few_queries_whatever_its_size(self) -> None:
        for n in range(20):
            create_member(
                unit=self.w.section, data=MemberData(full_name=f"Người số {n}", gender=Gender.NU)
            )
        content = filled(
            self.campaign,
            self.w.unit,
            {
                f"Người số {n}": {"Mức hoàn thành nhiệm vụ": "Hoàn thành tốt nhiệm vụ"}
                for n in range(20)
            },
        )
        # The members, their registrations, their earlier records, the savepoint, the insert
        # and the savepoint's release: none per row.
        with self.assertNumQueries(6):
            count = evaluation_sheet.save_table(
                campaign=self.campaign, unit=self.w.unit, source=io.BytesIO(content),
                name="binh-xet.xlsx", size=len(content), by=None,
            )  # fmt: skip
        assert count == 20
