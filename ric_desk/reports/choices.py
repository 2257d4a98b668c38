"""What the report's screen offers to choose: its filters' dictionaries and the segment types
that make dimensions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor, Role
from ric_desk.models import Employee
from ric_desk.models.clients import Region
from ric_desk.models.functional_map import SegmentType, SegmentValue
from ric_desk.models.works import Campaign, Direction, Stage

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
    if actor.role == Role.OPERATOR:
        employees = employees.where(Employee.id == actor.employee_id)
    elif actor.role == Role.SUPERVISOR:
        employees = employees.where(
            or_(Employee.id == actor.employee_id, Employee.supervisor_id == actor.employee_id)
        )
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
        segment_values=[
            (i, f"{t}: {v}")
            for i, t, v in session.execute(
                select(SegmentValue.id, SegmentType.name, SegmentValue.name)
                .join(SegmentType, SegmentType.id == SegmentValue.segment_type_id)
                .order_by(SegmentType.position, SegmentValue.position)
            )
        ],
        segment_types=list(
            session.scalars(
                select(SegmentType.name).order_by(SegmentType.position, SegmentType.name)
            )
        ),
    )
