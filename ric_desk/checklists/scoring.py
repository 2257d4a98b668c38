"""Scoring a review against the check-list version it used."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ric_desk.errors import UserError
from ric_desk.models import ChecklistReview, ChecklistVersion


@dataclass(frozen=True)
class ReviewScoreSummary:
    scored: int
    max_total: int
    total: int

    @property
    def percent(self) -> Decimal:
        if self.max_total == 0:
            return Decimal("0.00")
        return (Decimal(100 * self.total) / Decimal(self.max_total)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


def score(review: ChecklistReview, version: ChecklistVersion) -> ReviewScoreSummary:
    """Total and percent of a review; a score outside 0..max of its criterion is refused."""
    if review.version_id != version.id:
        raise UserError("Оценка сделана по другой версии чек-листа.")
    criteria = {c.id: c for section in version.sections for c in section.criteria}
    total = 0
    for s in review.scores:
        criterion = criteria.get(s.criterion_id)
        if criterion is None:
            raise UserError("В оценке есть критерий, которого нет в этой версии чек-листа.")
        if not 0 <= s.score <= criterion.max_score:
            raise UserError(
                f"Оценка {s.score} по критерию «{criterion.text}» вне диапазона "
                f"0–{criterion.max_score}."
            )
        total += s.score
    return ReviewScoreSummary(
        scored=len(review.scores),
        max_total=sum(c.max_score for c in criteria.values()),
        total=total,
    )
