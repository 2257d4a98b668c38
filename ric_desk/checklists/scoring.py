"""Scoring a review against the check-list version it used (README: "Scoring a review").

- A criterion earns `points * grade / top` of its scale (yes/no: top 1; 0-2: 2; 0-5: 5); a
  criterion marked "not applicable" (grade None, allowed only where the template says it may be)
  earns nothing and is not possible either.
- A section's percent is 100 * earned / possible over its applicable criteria; a section with
  no applicable criterion has no percent and does not count.
- The total is the mean of the counted sections' percents weighted by the sections' weights.
- A miss is a grade of 0. A miss on a critical criterion makes the total 0 and fails the review;
  the total the review would have had without that rule is kept as `without_critical`, for
  analytics.
- A review where nothing applies is "not scored" (total None), never 100 %.
- Everything is computed on exact fractions; `passed` compares the exact total with the pass
  mark. Percentages are rounded (half up, one decimal) only to be shown: `shown`, `percent_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ric_desk.errors import UserError
from ric_desk.models import ChecklistReview, ChecklistVersion
from ric_desk.models.checklists import Scale
from ric_desk.validation import clip


@dataclass(frozen=True)
class Rule:
    """What the scoring needs of a criterion."""

    text: str
    points: int = 1
    scale: Scale = Scale.YES_NO
    critical: bool = False
    may_be_na: bool = False
    comment_on_miss: bool = False


@dataclass(frozen=True)
class Mark:
    """A criterion's grade (None: not applicable) and the supervisor's comment."""

    grade: int | None
    comment: str | None = None


@dataclass(frozen=True)
class SectionPart:
    weight: int
    criteria: Sequence[tuple[Rule, Mark]]


@dataclass(frozen=True)
class SectionResult:
    earned: Fraction
    possible: int  # points of its applicable criteria; 0: the section does not count

    @property
    def percent(self) -> Fraction | None:
        return Fraction(100) * self.earned / self.possible if self.possible else None


@dataclass(frozen=True)
class ReviewResult:
    sections: tuple[SectionResult, ...]
    without_critical: Fraction | None  # percent; None: not scored
    critical_miss: bool
    pass_mark: int

    @property
    def scored(self) -> bool:
        return self.without_critical is not None

    @property
    def total(self) -> Fraction | None:
        """The review's percent: 0 after a critical miss; None when nothing applies."""
        if self.without_critical is None:
            return None
        return Fraction(0) if self.critical_miss else self.without_critical

    @property
    def passed(self) -> bool | None:
        """At least the pass mark, exactly; a critical miss fails whatever the pass mark."""
        total = self.total
        if total is None:
            return None
        return not self.critical_miss and total >= self.pass_mark


def shown(percent: Fraction) -> Decimal:
    """A percent (never negative) as shown: rounded half up to one decimal (87.25 -> 87.3)."""
    tenths = percent * 10 + Fraction(1, 2)
    return Decimal(tenths.numerator // tenths.denominator) / 10


def percent_text(percent: Fraction | None) -> str:
    """ "87,3 %" as the screens show it; "не оценено" for a review where nothing applies."""
    if percent is None:
        return "не оценено"
    return f"{shown(percent):.1f}".replace(".", ",") + " %"


def check_mark(rule: Rule, mark: Mark) -> None:
    """Refuse, in words, a mark off the criterion's scale, "not applicable" where it may not be,
    or a miss without the comment the criterion asks for."""
    if mark.grade is not None and 0 < mark.grade <= rule.scale.top:
        return  # the usual case, checked without making the message
    where = f"критерий «{clip(rule.text)}»"
    if mark.grade is None:
        if not rule.may_be_na:
            raise UserError(f"{where.capitalize()} не может быть «неприменим»: поставьте оценку.")
        return
    if not 0 <= mark.grade <= rule.scale.top:
        raise UserError(
            f"Оценка {mark.grade} за {where} вне шкалы 0–{rule.scale.top}."
            if rule.scale is not Scale.YES_NO
            else f"Оценка {mark.grade} за {where}: нужна 1 (да) или 0 (нет)."
        )
    if mark.grade == 0 and rule.comment_on_miss and not (mark.comment or "").strip():
        raise UserError(f"За {where} поставлен 0: напишите комментарий, почему.")


def score_parts(parts: Sequence[SectionPart], pass_mark: int) -> ReviewResult:
    """The result of a review given as its sections' criteria and marks (checked first)."""
    results = []
    critical_miss = False
    for part in parts:
        earned = Fraction(0)
        possible = 0
        for rule, mark in part.criteria:
            check_mark(rule, mark)
            if mark.grade is None:
                continue
            earned += Fraction(rule.points * mark.grade, rule.scale.top)
            possible += rule.points
            critical_miss |= rule.critical and mark.grade == 0
        results.append(SectionResult(earned, possible))
    counted = [(p.weight, r.percent) for p, r in zip(parts, results, strict=True) if r.possible]
    weights = sum(w for w, _ in counted)
    total = (
        sum((w * pct for w, pct in counted if pct is not None), Fraction(0)) / weights
        if weights
        else None
    )
    return ReviewResult(tuple(results), total, critical_miss and total is not None, pass_mark)


def rule_of(criterion: object) -> Rule:
    from ric_desk.models import ChecklistCriterion

    assert isinstance(criterion, ChecklistCriterion)
    return Rule(
        text=criterion.text,
        points=criterion.points,
        scale=Scale(criterion.scale),
        critical=criterion.critical,
        may_be_na=criterion.may_be_na,
        comment_on_miss=criterion.comment_on_miss,
    )


def score(review: ChecklistReview, version: ChecklistVersion) -> ReviewResult:
    """A review's result on the frozen version it was scored against: every criterion of that
    version has exactly one mark; anything else is refused in words."""
    if review.version_id != version.id:
        raise UserError("Оценка сделана по другой версии чек-листа.")
    known = {c.id for section in version.sections for c in section.criteria}
    marks: dict[int, Mark] = {}
    for s in review.scores:
        if s.criterion_id not in known:
            raise UserError("В оценке есть критерий, которого нет в этой версии чек-листа.")
        marks[s.criterion_id] = Mark(s.score, s.comment)
    parts = []
    for section in version.sections:
        criteria = []
        for criterion in section.criteria:
            mark = marks.get(criterion.id)
            if mark is None:
                raise UserError(f"Критерий «{clip(criterion.text)}» не оценён.")
            criteria.append((rule_of(criterion), mark))
        parts.append(SectionPart(section.weight, criteria))
    return score_parts(parts, version.pass_mark)
