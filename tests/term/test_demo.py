"""The demo carries seeds 000's and 001's targets word for word, each with its typed measure."""

from __future__ import annotations

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.congresses.models import Congress
from daihoi.emulation.demo import DEMO_SOURCE
from daihoi.emulation.models import UnionClassification
from daihoi.rules.targets import Comparison, Measure
from daihoi.term.models import Target
from daihoi.term.queries import target_rows

# The seeds' sentences, as the articles print them (shared/seeds/000_*.txt, 001_*.txt).
SEED_000 = (
    "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh, trên 95% đoàn viên hoàn thành "
    "nhiệm vụ và có trên 90% đoàn viên đạt danh hiệu đoàn viên xuất sắc; 100% tập thể đạt "
    "danh hiệu lao động tiên tiến, trong đó có trên 30% tập thể đạt danh hiệu lao động xuất "
    "sắc; trên 95% cán bộ, công chức và người lao động hoàn thành nhiệm vụ, trong đó, có trên "
    "90% đạt danh hiệu lao động tiên tiến và có trên 15% đạt danh hiệu chiến sỹ thi đua cấp "
    'cơ sở. Phấn đấu có trên 90% nữ cán bộ, công chức đạt danh hiệu "Giỏi việc nước, đảm việc '
    'nhà". Trong nhiệm kỳ giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú trở lên '
    "để bồi dưỡng, kết nạp. 100% cán bộ, công chức và người lao động tham gia các hoạt động "
    "xã hội, từ thiện; không vi phạm pháp luật và mắc các tệ nạn xã hội..."
)
SEED_001 = (
    "Trong nhiệm kỳ, công tác an sinh xã hội, từ thiện nhân đạo cũng nhận được sự ủng hộ của "
    "cán bộ, công chức, viên chức, người lao động đã đóng góp, xây dựng quỹ từ thiện do Công "
    "đoàn cấp trên phát động với số tiền trên 1,3 tỷ đồng. Công đoàn đã phát huy chức năng "
    "tham gia quản lý Nhà nước, giám sát việc thực hiện nội quy quy chế cơ quan, quy chế dân "
    "chủ ở cơ sở. Trong nhiệm kỳ, các chỉ tiêu, nhiệm vụ quan trọng của ngành đều hoàn thành "
    "và vượt chỉ tiêu so với Nghị quyết đã đề ra. Phấn đấu 100% cán bộ, công chức, viên chức, "
    "lao động chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước, nội quy, "
    "quy chế của cơ quan, Luật Cán bộ công chức và Luật viên chức. Tích cực tham gia phong "
    "trào thi đua học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo chủ đề "
    "hàng năm; hàng năm có 100% cán bộ, công chức, viên chức, lao động hoàn thành nhiệm vụ, "
    "trong đó có trên 90% đạt danh hiệu lao động tiên tiến, trên 15% đạt danh hiệu Chiến sĩ "
    "thi đua các cấp. Phấn đấu 100% cán bộ, công chức, viên chức, lao động phát huy vai trò "
    "trách nhiệm của mình tham mưu cho lãnh đạo phòng, lãnh đạo Sở làm tốt công tác quản lý "
    "nhà nước trên lĩnh vực được phân công và phấn đấu thực hiện hoàn thành các chỉ tiêu kế "
    "hoạch từ năm 2023 đến năm 2028. Hàng năm, phấn đấu xây dựng Công đoàn Sở hoàn thành tốt "
    "nhiệm vụ trở lên, 100% tổ Công đoàn được xếp loại hoàn thành tốt nhiệm vụ trở lên, trên "
    "90% đoàn viên công đoàn đạt danh hiệu “Đoàn viên công đoàn xuất sắc”, trên 90% nữ cán "
    "bộ, công chức, viên chức, lao động đạt danh hiệu “Giỏi việc nước-đảm việc nhà”, trên 90% "
    "trở lên cán bộ, công chức, viên chức, lao động tham gia học tập nâng cao trình độ về mọi "
    "mặt. Trong nhiệm kỳ giới thiệu 3 đoàn viên ưu tú trở lên cho Đảng xem xét bồi dưỡng và "
    "kết nạp vào Đảng…"
)


class DemoTargetsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with open("/dev/null", "w") as quiet:
            call_command("load_demo", stdout=quiet)
        cls.section = Congress.objects.get(unit__code="LC-SCT-VP")
        cls.grassroots = Congress.objects.get(unit__code="LC-SCT", term_start=2023)

    def targets(self, congress: Congress) -> list[Target]:
        return list(congress.targets.order_by("position"))

    def test_seed_000s_targets_are_its_words_in_order_each_typed(self) -> None:
        targets = self.targets(self.section)
        assert [t.position for t in targets] == list(range(1, 13))
        cursor = 0
        for target in targets:
            found = SEED_000.find(target.text, cursor)
            assert found >= 0, target.text
            cursor = found + len(target.text)
            assert (target.first_year, target.last_year) == (2017, 2022)
        measures = [(t.measure, t.comparison, t.title, t.threshold) for t in targets]
        assert measures[1] == ("doan-vien-hoan-thanh-nhiem-vu", "tren", "", 95)
        assert measures[2] == (
            "doan-vien-dat-danh-hieu",
            "tren",
            "doan-vien-cong-doan-xuat-sac",
            90,
        )
        assert measures[3] == ("tap-the-dat-danh-hieu", "dat", "tap-the-lao-dong-tien-tien", None)
        assert measures[7] == ("doan-vien-dat-danh-hieu", "tren", "chien-si-thi-dua-co-so", 15)
        assert measures[8][2] == "gioi-viec-nuoc-dam-viec-nha"
        # Counted from the Party introductions the units record, no longer typed by hand.
        assert measures[9] == ("gioi-thieu-cho-dang", "tu-tro-len", "", 3)
        assert not any(t.values.exists() for t in targets)  # the seed gives no yearly figures

    def test_seed_000s_vung_manh_target_is_measured_from_the_sections_classifications(
        self,
    ) -> None:
        target = self.targets(self.section)[0]
        assert (target.measure, target.comparison, target.level) == (
            "don-vi-xep-loai",
            "dat",
            "vung-manh",
        )
        records = {c.year: c for c in UnionClassification.objects.filter(unit=self.section.unit)}
        assert sorted(records) == list(range(2017, 2023))  # every year of the term
        # The points are the demo's, said so; the levels are the rules' (rules.md §6).
        assert all(c.source == DEMO_SOURCE and "minh họa" in c.source for c in records.values())
        assert [records[y].scale for y in (2017, 2018, 2019)] == ["truoc-2019"] * 2 + ["hd-1294"]
        assert records[2017].level == "vung-manh" and "85" in records[2017].explanation
        (row,) = [r for r in target_rows(self.section, charts=False) if r.target == target]
        assert row.measured and not target.values.exists()
        verdicts = {cell.year: (cell.text, cell.achieved) for cell in row.cells}
        assert verdicts[2017] == verdicts[2018] == ("Đạt", True)
        # From 2019 the section is classified on the 100-point scale: no value for vững mạnh.
        assert all(verdicts[year][1] is None for year in range(2019, 2023))
        notes = [cell.note for cell in row.cells if cell.year >= 2019]
        assert all("không so được với mức vững mạnh" in note for note in notes), notes

    def test_a_demo_loaded_before_measures_the_vung_manh_target_once_loaded_again(self) -> None:
        target = self.targets(self.section)[0]
        Target.objects.filter(pk=target.pk).update(measure="dat-khong-dat-hang-nam", level="")
        with open("/dev/null", "w") as quiet:
            call_command("load_demo_term", stdout=quiet)
        target.refresh_from_db()
        assert (target.measure, target.level) == ("don-vi-xep-loai", "vung-manh")
        assert Target.objects.count() == 12 + 13

    def test_seed_001s_targets_and_the_term_it_reviewed(self) -> None:
        targets = self.targets(self.grassroots)
        for target in targets:
            assert target.text in SEED_001, target.text
        current = [t for t in targets if t.first_year == 2023]
        assert len(current) == 11
        assert {t.rule().measure for t in current} >= {
            Measure.MEMBER_TASKS,
            Measure.MEMBER_TITLE,
            Measure.COLLECTIVE_LEVEL,
            Measure.PARTY_INTRODUCTIONS,
            Measure.SHARE_BY_HAND,
            Measure.YES_NO,
            Measure.TEXT,
        }
        charity = next(t for t in targets if "1,3 tỷ" in t.text)
        rule = charity.rule()
        assert (rule.measure, rule.comparison, rule.first_year, rule.last_year) == (
            Measure.MONEY,
            Comparison.RECORDED,
            2017,
            2023,
        )
        assert charity.values.get().amount == 1_300_000_000

    def test_the_grassroots_officer_sees_the_charity_of_the_previous_term(self) -> None:
        self.client.force_login(User.objects.get(username="canbo.congthuong"))
        response = self.client.get(
            reverse("term_dashboard", kwargs={"congress_id": self.grassroots.pk})
        )
        assert len(response.context["current"]) == 11
        (charity, review) = response.context["previous"]
        assert charity.explanation == (
            "Cộng dồn 2017 - 2023: 1,3 tỷ đồng (ghi nhận, không đặt ngưỡng)."
        )
        assert review.result.achieved is True
        self.assertContains(response, "Kết quả nhiệm kỳ trước")
        self.client.force_login(User.objects.get(username="canbo.ldld"))
        overview = self.client.get(
            reverse("term_overview", kwargs={"unit_id": self.grassroots.unit.parent_id})
        )
        assert {s.congress for s in overview.context["summaries"]} >= {
            self.grassroots,
            self.section,
        }

    def test_loading_again_adds_nothing(self) -> None:
        before = Target.objects.count()
        with open("/dev/null", "w") as quiet:
            call_command("load_demo_term", stdout=quiet)
        assert Target.objects.count() == before == 12 + 13
