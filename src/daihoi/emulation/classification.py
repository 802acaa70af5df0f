"""The yearly classification of a CĐCS (xếp loại công đoàn cơ sở, rules.md §6), recorded per year.

From 2019 (HD 1294/HD-TLĐ, effective 01/01/2019) a year is scored on 100 points in three groups
(40, 40, 15) and a bonus (5); before, on the older scale's criteria (vững mạnh, khá, trung bình,
yếu). The level is never typed: ``rules.emulation`` computes it from the points, with the clause,
and the cut-offs are settings (``DAIHOI_EMULATION``). A unit has one classification a year;
saving again corrects it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet

from daihoi.emulation import errors
from daihoi.emulation.engine import emulation_settings
from daihoi.emulation.errors import EmulationError, FieldError
from daihoi.emulation.models import ClassificationScale, UnionClassification, points_vi
from daihoi.rules import emulation as rules
from daihoi.rules.names import nfc
from daihoi.units.models import Unit, path_range
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

FIRST_YEAR, LAST_YEAR = 1975, 2100
FIRST_1294_YEAR = 2019
"""HD 1294/HD-TLĐ applies from 01/01/2019 (rules.md §6); the years before use the older scale."""

GROUP_LABELS = {
    "group1": "Nhóm 1",
    "group2": "Nhóm 2",
    "group3": "Nhóm 3",
    "bonus": "Điểm thưởng",
}


@dataclass(frozen=True)
class ClassificationData:
    """A classification as typed: points as text (a comma or a dot before the decimals)."""

    year: int
    scale: str
    group1: str = ""
    group2: str = ""
    group3: str = ""
    bonus: str = ""
    criteria: str = ""  # older scale: "18/20; 22/25; ..."
    disciplined_from_warning: int = 0
    source: str = ""


def read_points(text: str) -> Decimal:
    """Read points written the Vietnamese way (37,5) or with a dot; raise ValueError if not."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _score(data: ClassificationData) -> tuple[rules.UnionScore, list[FieldError]]:
    problems: list[FieldError] = []
    values: dict[str, Decimal] = {}
    for name, label in GROUP_LABELS.items():
        text = getattr(data, name).strip()
        if not text:
            if name == "bonus":
                values[name] = Decimal(0)
                continue
            problems.append(
                FieldError(name, errors.CLASSIFICATION_POINTS_REQUIRED.format(label=label))
            )
            continue
        maximum = next(m for n, _l, m in rules.GROUP_MAXIMA if n == name)
        try:
            values[name] = rules.check_points(name, read_points(text), maximum)
        except rules.EmulationInputError:
            message = errors.CLASSIFICATION_POINTS_RANGE.format(
                label=label, maximum=maximum, value=text
            )
            problems.append(FieldError(name, message))
        except ValueError:
            message = errors.CLASSIFICATION_POINTS_NOT_NUMBER.format(label=label, value=text)
            problems.append(FieldError(name, message))
    if problems:
        return rules.UnionScore(data.year, Decimal(0), Decimal(0), Decimal(0)), problems
    return rules.UnionScore(data.year, **values), []


def read_criteria(text: str) -> list[tuple[Decimal, int]]:
    """Read the older scale's criteria, "18/20; 22/25": (points, maximum) each, in order."""
    parts = [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]
    if not parts:
        raise EmulationError.on("criteria", errors.CLASSIFICATION_CRITERIA_REQUIRED)
    found: list[tuple[Decimal, int]] = []
    for number, part in enumerate(parts, start=1):
        points_text, slash, maximum_text = part.partition("/")
        try:
            if not slash:
                raise ValueError(part)
            points = read_points(points_text)
            maximum = int(maximum_text.strip())
        except ValueError:
            raise EmulationError.on(
                "criteria", errors.CLASSIFICATION_CRITERION_FORM.format(number=number, text=part)
            ) from None
        try:
            rules.check_points(f"tiêu chí {number}", points, maximum)
        except rules.EmulationInputError:
            raise EmulationError.on(
                "criteria",
                errors.CLASSIFICATION_CRITERION_RANGE.format(
                    number=number, maximum=maximum, value=points_text.strip()
                ),
            ) from None
        found.append((points, maximum))
    total = sum(m for _p, m in found)
    if total > 100:
        raise EmulationError.on("criteria", errors.CLASSIFICATION_CRITERIA_OVER.format(total=total))
    return found


def criteria_text(criteria: list[list[str | int]]) -> str:
    """Write stored criteria back as typed ("18/20; 22,5/25")."""
    return "; ".join(f"{points_vi(p)}/{m}" for p, m in criteria)


def classify(*, data: ClassificationData) -> tuple[rules.Classification, dict[str, object]]:
    """Check the points and classify them by the scale's rule; return the verdict and the fields.

    Every problem is raised together (``EmulationError``), each naming its field.
    """
    problems: list[FieldError] = []
    if not FIRST_YEAR <= data.year <= LAST_YEAR:
        problems.append(FieldError("year", errors.CLASSIFICATION_YEAR_RANGE))
    if data.scale not in ClassificationScale.values:
        problems.append(
            FieldError("scale", errors.CLASSIFICATION_SCALE_UNKNOWN.format(value=data.scale))
        )
        raise EmulationError(*problems)
    scale = ClassificationScale(data.scale)
    wanted = (
        ClassificationScale.HD_1294 if data.year >= FIRST_1294_YEAR else ClassificationScale.LEGACY
    )
    if not problems and scale != wanted:
        problems.append(
            FieldError(
                "scale",
                errors.CLASSIFICATION_SCALE_FOR_YEAR.format(
                    year=data.year, scale=str(wanted.label).split(" (")[0].lower()
                ),
            )
        )
    settings = emulation_settings()
    if scale == ClassificationScale.HD_1294:
        score, found = _score(data)
        problems.extend(found)
        if problems:
            raise EmulationError(*problems)
        verdict = rules.classify_union(score, settings)
        fields: dict[str, object] = {
            "group1": score.group1,
            "group2": score.group2,
            "group3": score.group3,
            "bonus": score.bonus,
            "criteria": [],
            "disciplined_from_warning": 0,
        }
    else:
        try:
            criteria = read_criteria(data.criteria)
        except EmulationError as exc:
            problems.extend(exc.errors)
            raise EmulationError(*problems) from None
        if data.disciplined_from_warning < 0:
            problems.append(
                FieldError("disciplined_from_warning", "Số đoàn viên bị kỷ luật: không được âm.")
            )
        if problems:
            raise EmulationError(*problems)
        verdict = rules.classify_union_legacy(
            rules.LegacyScore(
                data.year, tuple(criteria), disciplined_from_warning=data.disciplined_from_warning
            ),
            settings,
        )
        fields = {
            "group1": None,
            "group2": None,
            "group3": None,
            "bonus": None,
            "criteria": [[str(p), m] for p, m in criteria],
            "disciplined_from_warning": data.disciplined_from_warning,
        }
    return verdict, fields


@transaction.atomic
def record_classification(
    *, unit: Unit, within: Unit, data: ClassificationData, by: User | None
) -> UnionClassification:
    """Record (or correct) ``unit``'s classification for the year, computed by the rules.

    ``within`` is the unit whose page it was entered from: ``unit`` must be it or below it.
    """
    if not within.contains(unit):
        raise EmulationError.on(
            "unit",
            errors.CLASSIFICATION_UNIT_OUTSIDE.format(name=unit.name, unit=within.name),
        )
    source = nfc(data.source)
    if problems := hidden_character_errors(source=("Quyết định, biên bản xếp loại", source)):
        raise EmulationError(*problems)
    verdict, fields = classify(data=data)
    record, _created = UnionClassification.objects.update_or_create(
        unit=unit,
        year=data.year,
        defaults={
            **fields,
            "scale": data.scale,
            "total": verdict.total,
            "level": verdict.level.value,
            "explanation": verdict.explanation,
            "source": source,
            "recorded_by": by,
        },
    )
    _hold_to_cap(unit=unit, year=data.year)
    record.refresh_from_db()
    return record


def _score_of(record: UnionClassification) -> rules.UnionScore:
    return rules.UnionScore(
        record.year,
        record.group1 or Decimal(0),
        record.group2 or Decimal(0),
        record.group3 or Decimal(0),
        record.bonus or Decimal(0),
    )


def _hold_to_cap(*, unit: Unit, year: int) -> None:
    """Apply the cap on the top level (``excellent_cap``, rules.md §6 [unverified], none by
    default) to the year's 100-point classifications of the units under the same upper level,
    each classified again from its points, so a correction moves the others back or down."""
    settings = emulation_settings()
    if settings.excellent_cap is None:
        return
    peers = list(
        UnionClassification.objects.select_for_update()
        .filter(unit__parent_id=unit.parent_id, year=year, scale=ClassificationScale.HD_1294)
        .order_by("pk")
    )
    computed = {
        str(record.pk): rules.classify_union(_score_of(record), settings) for record in peers
    }
    held = rules.apply_excellent_cap(computed, settings)
    changed = []
    for record in peers:
        verdict = held[str(record.pk)]
        if (record.level, record.explanation) != (verdict.level.value, verdict.explanation):
            record.level, record.explanation = verdict.level.value, verdict.explanation
            changed.append(record)
    UnionClassification.objects.bulk_update(changed, ["level", "explanation"])


def classifications_of(unit: Unit, *, year: int) -> QuerySet[UnionClassification]:
    """The year's classifications of the unit and the units below it, by place in the tree."""
    low, high = path_range(unit.path)
    return (
        UnionClassification.objects.filter(unit__path__gte=low, unit__path__lt=high, year=year)
        .select_related("unit")
        .order_by("unit__path")
    )


def history_of(unit: Unit) -> QuerySet[UnionClassification]:
    """The unit's own classifications, newest year first."""
    return UnionClassification.objects.filter(unit=unit).order_by("-year")
