"""Reviews scored in bulk on their frozen versions, for analytics and the contact report: each
version's layout made once, and reviews marked alike scored once (`scoring` is the rule)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ric_desk.checklists.scoring import (
    Mark,
    ReviewResult,
    Rule,
    SectionPart,
    rule_of,
    score_parts,
)
from ric_desk.errors import UserError
from ric_desk.models import ChecklistSection, ChecklistVersion


def versions(session: Session, ids: Iterable[int]) -> dict[int, ChecklistVersion]:
    wanted = set(ids)
    if not wanted:
        return {}
    found = session.scalars(
        select(ChecklistVersion)
        .where(ChecklistVersion.id.in_(wanted))
        .options(
            joinedload(ChecklistVersion.template),
            selectinload(ChecklistVersion.sections).selectinload(ChecklistSection.criteria),
        )
    )
    return {v.id: v for v in found}


@dataclass(frozen=True)
class Layout:
    """What scoring needs of a frozen version, in order: each section's weight and its criteria
    (id and rule); made once per version, not once per review."""

    pass_mark: int
    sections: tuple[tuple[int, tuple[tuple[int, Rule], ...]], ...]


def layout_of(version: ChecklistVersion) -> Layout:
    return Layout(
        version.pass_mark,
        tuple(
            (
                section.weight,
                tuple(
                    (criterion.id, rule_of(criterion))
                    for criterion in sorted(section.criteria, key=lambda c: c.position)
                ),
            )
            for section in sorted(version.sections, key=lambda s: s.position)
        ),
    )


class Scorer:
    """The results of reviews on their versions. A result depends only on the grades (and, for a
    miss, on whether it has a comment), so reviews marked alike are scored once."""

    def __init__(self, versions: dict[int, ChecklistVersion]) -> None:
        self._layouts = {i: layout_of(v) for i, v in versions.items()}
        self._known: dict[tuple[object, ...], ReviewResult | None] = {}

    def __call__(self, version_id: int, marks: dict[int, Mark]) -> ReviewResult | None:
        layout = self._layouts[version_id]
        key = (
            version_id,
            *(
                (m.grade, bool((m.comment or "").strip())) if m is not None else None
                for m in (marks.get(c) for _w, rules in layout.sections for c, _r in rules)
            ),
        )
        if key not in self._known:
            self._known[key] = result_of(layout, marks)
        return self._known[key]


def result_of(layout: Layout, marks: dict[int, Mark]) -> ReviewResult | None:
    """The review's result on its frozen version (None when its marks do not score through)."""
    parts = []
    for weight, rules in layout.sections:
        criteria = []
        for criterion_id, rule in rules:
            mark = marks.get(criterion_id)
            if mark is None:
                return None
            criteria.append((rule, mark))
        parts.append(SectionPart(weight, criteria))
    try:
        return score_parts(parts, layout.pass_mark)
    except UserError:
        return None
