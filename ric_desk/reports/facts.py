"""The report's facts: one row per contact of the period, its dimensions integer-coded.

The report counts what happened in the period: contacts by their date (`actual_at`, the UTC day),
works by the contacts they had in it. Each row carries its work's closing reason, stage,
direction and campaign, the client's responsible, region and status group, and the measure
inputs: the contact's duration and used instruments, and its work's assignments and their
planned instruments (the same on every row of the work; the pivot counts them once per work).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.models.clients import Client
from ric_desk.models.works import (
    Assignment,
    AssignmentInstrument,
    ClosingReason,
    Contact,
    ContactInstrument,
    ContactMethod,
    Work,
)

# the frame's columns: dimensions, then measure inputs
ID_COLUMNS = (
    "operator_id",
    "reason_id",
    "reason_group",
    "stage_id",
    "direction_id",
    "campaign_id",
    "client_id",
    "responsible_id",
    "region_code",
    "status_group_id",
)
FLAG_COLUMNS = ("method", "successful", "incoming")
MEASURE_INPUTS = (
    "work_id",
    "contact_id",
    "duration_sec",
    "used",
    "work_assignments",
    "work_planned",
)
COLUMNS = (*ID_COLUMNS, *FLAG_COLUMNS, "day", *MEASURE_INPUTS)
# `method` holds the position of the contact's method in this list
METHODS = tuple(ContactMethod)

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


class ReportError(UserError):
    """A report asked for with bad parameters."""


@dataclass(frozen=True)
class Filters:
    """Narrow the facts; an empty set means no restriction on that dimension."""

    operator_ids: frozenset[int] = frozenset()
    direction_ids: frozenset[int] = frozenset()
    campaign_ids: frozenset[int] = frozenset()
    stage_ids: frozenset[int] = frozenset()
    region_codes: frozenset[str] = frozenset()


def _bounds(period_from: date, period_to: date) -> tuple[datetime, datetime]:
    if period_to < period_from:
        raise ReportError(
            f"Конец периода {period_to:%d.%m.%Y} раньше его начала {period_from:%d.%m.%Y}."
        )
    start = datetime.combine(period_from, time(), tzinfo=UTC)
    end = datetime.combine(period_to + timedelta(days=1), time(), tzinfo=UTC)
    return start, end


def _in_period(query: Q, start: datetime, end: datetime, filters: Filters) -> Q:
    """The contacts of the period through the given filters; the query joins work and client."""
    query = query.where(Contact.actual_at >= start, Contact.actual_at < end)
    if filters.operator_ids:
        query = query.where(Contact.operator_id.in_(filters.operator_ids))
    if filters.direction_ids:
        query = query.where(Work.direction_id.in_(filters.direction_ids))
    if filters.campaign_ids:
        query = query.where(Work.campaign_id.in_(filters.campaign_ids))
    if filters.stage_ids:
        query = query.where(Work.stage_id.in_(filters.stage_ids))
    if filters.region_codes:
        query = query.where(Client.region_code.in_(filters.region_codes))
    return query


def _joined(query: Q) -> Q:
    return (
        query.select_from(Contact)
        .join(Work, Work.id == Contact.work_id)
        .join(Client, Client.id == Contact.client_id)
    )


def _codes(values: Iterable[str | None]) -> tuple[list[int | None], list[str]]:
    """Integer codes for text values (in sorted order of the texts) and the texts by code."""
    labels = sorted({v for v in values if v is not None})
    index = {label: i for i, label in enumerate(labels)}
    return [None if v is None else index[v] for v in values], labels


def load_facts(
    session: Session, period_from: date, period_to: date, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per contact of the period (see the module's rule); labels of coded texts in
    `frame.attrs["labels"]` (`reason_group`, `region_code`, `method`)."""
    filters = filters or Filters()
    start, end = _bounds(period_from, period_to)
    conn = session.connection()  # core rows: no ORM loading on the way
    rows = conn.execute(
        _in_period(
            _joined(
                select(
                    Contact.id,
                    Contact.work_id,
                    Contact.client_id,
                    Contact.operator_id,
                    Contact.method,
                    Contact.successful,
                    Contact.incoming,
                    Contact.duration_sec,
                    Contact.actual_at,
                    Work.closing_reason_id,
                    Work.stage_id,
                    Work.direction_id,
                    Work.campaign_id,
                    Client.responsible_id,
                    Client.region_code,
                    Client.status_group_id,
                )
            ),
            start,
            end,
            filters,
        )
    ).all()
    contact_ids = select(Contact.id)
    work_ids = select(Contact.work_id).distinct()
    used = dict(
        conn.execute(
            select(ContactInstrument.contact_id, func.sum(ContactInstrument.used_count))
            .where(
                ContactInstrument.contact_id.in_(
                    _in_period(_joined(contact_ids), start, end, filters)
                )
            )
            .group_by(ContactInstrument.contact_id)
        ).all()
    )
    period_works = _in_period(_joined(work_ids), start, end, filters)
    assignments: dict[int, int] = {}
    planned: dict[int, int] = {}
    for work_id, count, planned_sum in conn.execute(
        select(
            Assignment.work_id,
            func.count(Assignment.id.distinct()),
            func.sum(AssignmentInstrument.planned_count),
        )
        .outerjoin(AssignmentInstrument, AssignmentInstrument.assignment_id == Assignment.id)
        .where(Assignment.work_id.in_(period_works))
        .group_by(Assignment.work_id)
    ):
        assignments[work_id], planned[work_id] = count, planned_sum
    reason_groups = dict(conn.execute(select(ClosingReason.id, ClosingReason.group_name)).all())

    group_codes, group_labels = _codes([reason_groups.get(r.closing_reason_id) for r in rows])
    region_codes, region_labels = _codes([r.region_code for r in rows])
    method_index = {m: i for i, m in enumerate(METHODS)}
    columns: dict[str, Any] = {
        "operator_id": [r.operator_id for r in rows],
        "reason_id": [r.closing_reason_id for r in rows],
        "reason_group": group_codes,
        "stage_id": [r.stage_id for r in rows],
        "direction_id": [r.direction_id for r in rows],
        "campaign_id": [r.campaign_id for r in rows],
        "client_id": [r.client_id for r in rows],
        "responsible_id": [r.responsible_id for r in rows],
        "region_code": region_codes,
        "status_group_id": [r.status_group_id for r in rows],
        "method": [method_index[ContactMethod(r.method)] for r in rows],
        "successful": [bool(r.successful) for r in rows],
        "incoming": [bool(r.incoming) for r in rows],
        "day": [r.actual_at.date() for r in rows],
        "work_id": [r.work_id for r in rows],
        "contact_id": [r.id for r in rows],
        "duration_sec": [r.duration_sec for r in rows],
        "used": [int(used.get(r.id) or 0) for r in rows],
        "work_assignments": [int(assignments.get(r.work_id) or 0) for r in rows],
        "work_planned": [int(planned.get(r.work_id) or 0) for r in rows],
    }
    frame = pd.DataFrame(
        {
            name: pd.Series(values, dtype="Int64")
            if name in ID_COLUMNS or name == "duration_sec"
            else pd.Series(values, dtype="datetime64[s]")
            if name == "day"
            else pd.Series(values, dtype="bool")
            if name in ("successful", "incoming")
            else pd.Series(values, dtype="int64")
            for name, values in columns.items()
        },
        columns=list(COLUMNS),
    )
    frame.attrs["labels"] = {
        "reason_group": group_labels,
        "region_code": region_labels,
        "method": [m.value for m in METHODS],
    }
    return frame
