"""The total a review screen shows while the supervisor scores: `scoring`'s own rules over the
marks given so far, computed on the screen's data without the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ric_desk.checklists.review_views import CriterionView, Given, SectionView
from ric_desk.checklists.scoring import Mark, ReviewResult, Rule, SectionPart, score_parts
from ric_desk.models.checklists import Scale


def rule(criterion: CriterionView) -> Rule:
    return Rule(
        text=criterion.text,
        points=criterion.points,
        scale=Scale(criterion.scale),
        critical=criterion.critical,
        may_be_na=criterion.may_be_na,
        comment_on_miss=criterion.comment_on_miss,
    )


@dataclass(frozen=True)
class LiveTotal:
    result: ReviewResult
    marked: int  # criteria given a mark (or "not applicable")
    criteria: int  # criteria of the check-list

    @property
    def complete(self) -> bool:
        return self.marked == self.criteria


def live_total(
    sections: Sequence[SectionView], marks: Mapping[int, Given], pass_mark: int
) -> LiveTotal:
    """The result over the criteria marked so far (an unmarked one counts for nothing either
    way); a miss's missing comment is not held against the total here (publishing refuses it)."""
    parts = []
    marked = criteria = 0
    for section in sections:
        given = []
        for c in section.criteria:
            criteria += 1
            mark = marks.get(c.id)
            if mark is None:
                continue
            marked += 1
            given.append((rule(c), Mark(mark.grade, "-")))
        parts.append(SectionPart(section.weight, given))
    return LiveTotal(score_parts(parts, pass_mark), marked, criteria)
