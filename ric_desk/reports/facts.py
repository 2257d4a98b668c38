"""The report's facts, read from the database in three integer-coded tables.

The report counts what happened in the period: contacts by their date (`actual_at`, the UTC
day), works by the contacts they had in it. The tables, each a pandas frame of numpy columns
(-1 where the database has no value):

- contacts: one row per contact of the period: its work, client, operator, method, flags, day
  (days since 1970-01-01), duration, used instruments (all, and those its work's assignments
  planned);
- works: one row per work those contacts belong to: closing reason, stage, direction, campaign,
  and per work its assignments, their planned instruments and the ПРИЗ items worked on in it;
- clients: responsible, region and status group of every client.

A work's and a client's attributes live in their own table, so a re-closed work or a client
given to another responsible changes one row, and the fact cache (`ric_desk.reports.cache`)
replaces just that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    case,
    exists,
    func,
    select,
)

from ric_desk.errors import Cancelled
from ric_desk.models.clients import Client
from ric_desk.models.priz import PrizItem
from ric_desk.models.works import (
    Assignment,
    AssignmentInstrument,
    Contact,
    ContactInstrument,
    ContactMethod,
    Work,
)
from ric_desk.reports.spec import Period

CONTACT_COLUMNS: dict[str, str] = {
    "contact_id": "int64",
    "work_id": "int64",
    "client_id": "int64",
    "operator_id": "int64",
    "method": "int8",
    "successful": "int8",
    "incoming": "int8",
    "day": "int32",
    "duration_sec": "int32",
    "used": "int32",
    "used_assigned": "int32",
}
WORK_COLUMNS: dict[str, str] = {
    "work_id": "int64",
    "reason_id": "int64",
    "stage_id": "int64",
    "direction_id": "int64",
    "campaign_id": "int64",
    "assignments": "int32",
    "planned": "int32",
    "priz": "int32",
}
CLIENT_COLUMNS: dict[str, str] = {
    "client_id": "int64",
    "responsible_id": "int64",
    "region_code": "str",
    "status_group_id": "int64",
}
METHODS = tuple(ContactMethod)  # `method` is the position of the contact's method here
EPOCH = date(1970, 1, 1)
CHUNK = 5000  # ids per IN (...) list

Progress = Callable[[int, int], None]


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def _day(moment: datetime | None) -> int:
    assert moment is not None  # the queries read only contacts that happened
    return (moment.date() - EPOCH).days


def _bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.start, time(), tzinfo=UTC)
    end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC)
    return start, end


def in_period(period: Period) -> ColumnElement[bool]:
    start, end = _bounds(period)
    return and_(Contact.actual_at >= start, Contact.actual_at < end)


def frame(columns: dict[str, str], data: Mapping[str, Sequence[Any]] | None = None) -> pd.DataFrame:
    """A frame of the given columns, None as -1 (text: "")."""
    data = data or {}
    out: dict[str, Any] = {}
    for name, dtype in columns.items():
        values = data.get(name, [])
        if dtype == "str":
            out[name] = np.array(["" if v is None else v for v in values], dtype=object)
        else:
            out[name] = np.array([-1 if v is None else v for v in values], dtype=dtype)
    return pd.DataFrame(out, columns=list(columns))


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield [int(x) for x in ids[i : i + CHUNK]]


def read_contacts(conn: Connection, where: ColumnElement[bool]) -> pd.DataFrame:
    """The contacts matching `where` (a condition on `Contact`) with their instruments."""
    rows = conn.execute(
        select(
            Contact.id,
            Contact.work_id,
            Contact.client_id,
            Contact.operator_id,
            Contact.method,
            Contact.successful,
            Contact.incoming,
            Contact.actual_at,
            Contact.duration_sec,
        ).where(where, Contact.actual_at.is_not(None))
    ).all()
    planned_here = (
        exists()
        .where(
            Assignment.work_id == Contact.work_id,
            AssignmentInstrument.assignment_id == Assignment.id,
            AssignmentInstrument.instrument_id == ContactInstrument.instrument_id,
        )
        .correlate(Contact, ContactInstrument)
    )
    used: dict[int, tuple[int, int]] = {
        contact_id: (int(all_used or 0), int(assigned or 0))
        for contact_id, all_used, assigned in conn.execute(
            select(
                ContactInstrument.contact_id,
                func.sum(ContactInstrument.used_count),
                func.sum(case((planned_here, ContactInstrument.used_count), else_=0)),
            )
            .join(Contact, Contact.id == ContactInstrument.contact_id)
            .where(where, Contact.actual_at.is_not(None))
            .group_by(ContactInstrument.contact_id)
        )
    }
    method_index = {m.value: i for i, m in enumerate(METHODS)}
    none = (0, 0)
    return frame(
        CONTACT_COLUMNS,
        {
            "contact_id": [r[0] for r in rows],
            "work_id": [r[1] for r in rows],
            "client_id": [r[2] for r in rows],
            "operator_id": [r[3] for r in rows],
            "method": [method_index[ContactMethod(r[4]).value] for r in rows],
            "successful": [1 if r[5] else 0 for r in rows],
            "incoming": [1 if r[6] else 0 for r in rows],
            "day": [_day(r[7]) for r in rows],
            "duration_sec": [r[8] for r in rows],
            "used": [used.get(r[0], none)[0] for r in rows],
            "used_assigned": [used.get(r[0], none)[1] for r in rows],
        },
    )


def read_works(conn: Connection, work_ids: Sequence[int]) -> pd.DataFrame:
    """The works of the given ids with their assignments' and ПРИЗ items' counts."""
    data: dict[str, list[Any]] = {name: [] for name in WORK_COLUMNS}
    for chunk in _chunks(sorted(set(work_ids))):
        assignments: dict[int, tuple[int, int]] = {
            work_id: (int(count), int(planned or 0))
            for work_id, count, planned in conn.execute(
                select(
                    Assignment.work_id,
                    func.count(Assignment.id.distinct()),
                    func.sum(AssignmentInstrument.planned_count),
                )
                .outerjoin(
                    AssignmentInstrument, AssignmentInstrument.assignment_id == Assignment.id
                )
                .where(Assignment.work_id.in_(chunk))
                .group_by(Assignment.work_id)
            )
        }
        priz = dict(
            conn.execute(
                select(PrizItem.work_id, func.count())
                .where(PrizItem.work_id.in_(chunk), PrizItem.worked_on.is_(True))
                .group_by(PrizItem.work_id)
            ).all()
        )
        for row in conn.execute(
            select(
                Work.id,
                Work.closing_reason_id,
                Work.stage_id,
                Work.direction_id,
                Work.campaign_id,
            ).where(Work.id.in_(chunk))
        ):
            count, planned = assignments.get(row[0], (0, 0))
            for name, value in zip(
                WORK_COLUMNS,
                (*row, count, planned, int(priz.get(row[0], 0))),
                strict=True,
            ):
                data[name].append(value)
    return frame(WORK_COLUMNS, data)


def read_clients(conn: Connection, client_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Every client (None) or the given ones."""
    query = select(Client.id, Client.responsible_id, Client.region_code, Client.status_group_id)
    if client_ids is None:
        rows = conn.execute(query).all()
    else:
        rows = [
            r
            for chunk in _chunks(sorted(set(client_ids)))
            for r in conn.execute(query.where(Client.id.in_(chunk)))
        ]
    return frame(
        CLIENT_COLUMNS,
        {name: [r[i] for r in rows] for i, name in enumerate(CLIENT_COLUMNS)},
    )


def months(period: Period) -> list[Period]:
    """The period cut at month starts: the chunks a cold read reports progress by."""
    parts: list[Period] = []
    start = period.start
    while start <= period.end:
        next_month = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = min(period.end, next_month - timedelta(days=1))
        parts.append(Period(start, end))
        start = next_month
    return parts


@dataclass
class Tables:
    """The three tables of the facts (see the module)."""

    contacts: pd.DataFrame
    works: pd.DataFrame
    clients: pd.DataFrame

    @classmethod
    def empty(cls) -> Tables:
        return cls(frame(CONTACT_COLUMNS), frame(WORK_COLUMNS), frame(CLIENT_COLUMNS))


def read_period(
    conn: Connection,
    period: Period,
    scope: ColumnElement[bool] | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Tables:
    """A cold read of the period's facts, month by month; `scope` narrows the contacts (whose
    operator the reader may see). Stops with `Cancelled` between months when asked."""
    parts = months(period)
    steps = len(parts) + 2
    contacts: list[pd.DataFrame] = []
    for i, part in enumerate(parts):
        if cancelled is not None and cancelled():
            raise Cancelled()
        where = in_period(part) if scope is None else and_(in_period(part), scope)
        contacts.append(read_contacts(conn, where))
        if progress is not None:
            progress(i + 1, steps)
    all_contacts = pd.concat(contacts, ignore_index=True) if contacts else frame(CONTACT_COLUMNS)
    if cancelled is not None and cancelled():
        raise Cancelled()
    works = read_works(conn, all_contacts["work_id"].unique().tolist())
    if progress is not None:
        progress(steps - 1, steps)
    if cancelled is not None and cancelled():
        raise Cancelled()
    clients = read_clients(conn)
    if progress is not None:
        progress(steps, steps)
    return Tables(all_contacts, works, clients)
