"""Segment history of a client: one open period per segment type, the earlier ones kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.models import ClientSegment, Employee, SegmentType, SegmentValue


@dataclass(frozen=True)
class SegmentPeriod:
    value: str
    entered_on: date
    left_on: date | None


def current_segment(session: Session, client_id: int, segment_type_id: int) -> ClientSegment | None:
    return session.scalar(
        select(ClientSegment).where(
            ClientSegment.client_id == client_id,
            ClientSegment.segment_type_id == segment_type_id,
            ClientSegment.left_on.is_(None),
        )
    )


def change_segment(
    session: Session,
    client_id: int,
    value: SegmentValue,
    on: date,
    by: Employee | None = None,
) -> ClientSegment:
    """Put the client into `value` from `on`: the current period is closed, kept as history.

    Choosing the value the client is already in changes nothing.
    """
    current = current_segment(session, client_id, value.segment_type_id)
    if current is not None:
        if current.segment_value_id == value.id:
            return current
        if on < current.entered_on:
            raise UserError(
                f"Дата входа {on:%d.%m.%Y} раньше даты входа в текущий сегмент "
                f"({current.entered_on:%d.%m.%Y})."
            )
        current.left_on = on
        session.flush()  # the partial unique index allows one open period per type
    period = ClientSegment(
        client_id=client_id,
        segment_type_id=value.segment_type_id,
        segment_value_id=value.id,
        entered_on=on,
        set_by_id=by.id if by is not None else None,
    )
    session.add(period)
    session.flush()
    return period


def segment_history(
    session: Session, client_id: int, segment_type: SegmentType
) -> list[SegmentPeriod]:
    """All periods of the client in this segment type, the current one last."""
    rows = session.execute(
        select(SegmentValue.name, ClientSegment.entered_on, ClientSegment.left_on)
        .join(SegmentValue, SegmentValue.id == ClientSegment.segment_value_id)
        .where(
            ClientSegment.client_id == client_id,
            ClientSegment.segment_type_id == segment_type.id,
        )
        .order_by(ClientSegment.entered_on, ClientSegment.id)
    )
    return [SegmentPeriod(name, entered, left) for name, entered, left in rows]
