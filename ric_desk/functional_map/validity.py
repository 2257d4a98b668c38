"""Validity of indicator values: valid-until, expiry, confirmation and the fill %."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.models import (
    Employee,
    IndicatorDef,
    IndicatorValue,
    StatusGroup,
    status_group_indicator,
)


def valid_until(verified_on: date | None, validity_days: int | None) -> date | None:
    """The last day a confirmation holds; None when it never expires or was never confirmed."""
    if verified_on is None or validity_days is None:
        return None
    return verified_on + timedelta(days=validity_days)


def is_expired(value: IndicatorValue, on: date) -> bool:
    """Confirmed once, but the confirmation has run out by `on` (valid-until day itself is fine)."""
    return value.is_actual and value.valid_until is not None and value.valid_until < on


def is_actual_on(value: IndicatorValue, on: date) -> bool:
    return value.is_actual and not is_expired(value, on)


def confirm(value: IndicatorValue, definition: IndicatorDef, by: Employee | None, on: date) -> None:
    """ "Подтвердить актуальность": stamps the day and the user and recomputes valid-until."""
    value.is_actual = True
    value.verified_on = on
    value.valid_until = valid_until(on, definition.validity_days)
    value.verified_by_id = by.id if by is not None else None


def fill_percent(
    indicator_ids: Iterable[int], values: Iterable[IndicatorValue], on: date
) -> Decimal:
    """Share of the group's indicators whose value is actual on `on`, in percent, 2 decimals."""
    wanted = set(indicator_ids)
    if not wanted:
        return Decimal("0.00")
    actual = {
        v.indicator_def_id for v in values if v.indicator_def_id in wanted and is_actual_on(v, on)
    }
    percent = Decimal(100 * len(actual)) / Decimal(len(wanted))
    return percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def group_indicator_ids(session: Session, group_id: int | None) -> set[int]:
    """The indicators of a status group (none without a group), as its fill % counts them."""
    if group_id is None:
        return set()
    return set(
        session.scalars(
            select(status_group_indicator.c.indicator_def_id).where(
                status_group_indicator.c.status_group_id == group_id
            )
        )
    )


def client_fill_percent(session: Session, client_id: int, group: StatusGroup, on: date) -> Decimal:
    ids = group_indicator_ids(session, group.id)
    values = session.scalars(
        select(IndicatorValue).where(
            IndicatorValue.client_id == client_id, IndicatorValue.indicator_def_id.in_(ids)
        )
    )
    return fill_percent(ids, values, on)


def contact_fill_percent(
    session: Session, contact_person_id: int, group: StatusGroup, on: date
) -> Decimal:
    ids = group_indicator_ids(session, group.id)
    values = session.scalars(
        select(IndicatorValue).where(
            IndicatorValue.contact_person_id == contact_person_id,
            IndicatorValue.indicator_def_id.in_(ids),
        )
    )
    return fill_percent(ids, values, on)
