"""What the report's screen offers to choose: its filters' dictionaries and the segment types
that make dimensions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.clients.listing import segment_value_choices
from ric_desk.models import Employee
from ric_desk.models.clients import Region
from ric_desk.models.functional_map import SegmentType
from ric_desk.models.works import Campaign, Direction, Stage
from ric_desk.reports.service import visible_operators

Choice = tuple[int | str, str]


@dataclass(frozen=True)
class ReportChoices:
    operators: list[Choice]
    directions: list[Choice]
    campaigns: list[Choice]
    stages: list[Choice]
    regions: list[Choice]
    segment_values: list[Choice]  # "Тип: значение"
    segment_types: list[str]


def report_choices(session: Session, actor: Actor) -> ReportChoices:
    """The dictionaries; the specialists are those whose contacts the actor may see in the
    report (an operator: themself, a supervisor: their group, a director: everyone)."""
    employees = select(Employee.id, Employee.full_name).order_by(Employee.full_name)
    visible = visible_operators(session, actor)
    if visible is not None:
        employees = employees.where(Employee.id.in_(visible))
    return ReportChoices(
        operators=[(i, n) for i, n in session.execute(employees)],
        directions=[
            (i, n)
            for i, n in session.execute(
                select(Direction.id, Direction.name).order_by(Direction.name)
            )
        ],
        campaigns=[
            (i, n)
            for i, n in session.execute(select(Campaign.id, Campaign.name).order_by(Campaign.name))
        ],
        stages=[
            (i, f"{i}. {n}")
            for i, n in session.execute(select(Stage.id, Stage.name).order_by(Stage.id))
        ],
        regions=[
            (c, f"{c} {n}")
            for c, n in session.execute(select(Region.code, Region.name).order_by(Region.code))
        ],
        segment_values=list(segment_value_choices(session)),
        segment_types=list(
            session.scalars(
                select(SegmentType.name).order_by(SegmentType.position, SegmentType.name)
            )
        ),
    )
