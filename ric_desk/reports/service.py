"""The contact report's steps that read the database: load the facts a reader may see (through
the workstation's fact cache), and list the contacts behind a cell.

Who sees what: an operator their own contacts; a supervisor those of their group (the employees
whose «Руководитель группы» they are) and their own; a director or an administrator all. The
application applies it; the database will when per-user roles land.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk import memory
from ric_desk.actor import Actor, Role
from ric_desk.models.clients import Client, Region
from ric_desk.models.employees import Employee
from ric_desk.models.functional_map import ClientSegment, SegmentType, SegmentValue, StatusGroup
from ric_desk.models.works import (
    Campaign,
    ClosingReason,
    Contact,
    ContactMethod,
    Direction,
    Stage,
    Work,
)
from ric_desk.reports.cache import FactCache
from ric_desk.reports.errors import ReportError
from ric_desk.reports.facts import (
    METHODS,
    Progress,
    Tables,
    Where,
    day_number,
    read_period,
    small,
)
from ric_desk.reports.loaded import Facts, dimension_values, view
from ric_desk.reports.names import QC_COLUMNS, QC_MEASURES
from ric_desk.reports.pivot import Report
from ric_desk.reports.spec import Period, ReportSpec
from ric_desk.store import Store

METHOD_TITLES = {
    ContactMethod.PHONE: "Звонок",
    ContactMethod.EMAIL: "Письмо",
    ContactMethod.VISIT: "Встреча",
    ContactMethod.MESSENGER: "Мессенджер",
}
DRILL_LIMIT = 10_000


def visible_operators(session: Session, actor: Actor) -> list[int] | None:
    """The operators whose contacts `actor` may see; None: everyone's."""
    if actor.role in (Role.DIRECTOR, Role.ADMIN):
        return None
    if actor.role == Role.SUPERVISOR:
        group = session.scalars(
            select(Employee.id).where(Employee.supervisor_id == actor.employee_id)
        ).all()
        return sorted({actor.employee_id, *group})
    return [actor.employee_id]


def _scope(operators: list[int] | None) -> tuple[str, Where | None]:
    if operators is None:
        return "all", None
    return ",".join(map(str, operators)), Where.ids("c.operator_id", operators)


@dataclass(frozen=True)
class Dictionaries:
    """The texts of every coded value by dimension; each reason's group (a code of
    `texts["reason_group"]`); region names by code."""

    texts: dict[str, dict[int, str]]
    reason_group: dict[int, int]
    regions: dict[str, str]


def dictionaries(session: Session, clients: bool = True) -> Dictionaries:
    """The texts; the clients' names (a hundred thousand) only when asked."""

    def names(query: Any) -> dict[int, str]:
        return {int(k): str(v) for k, v in session.execute(query).all()}

    employees = {e.id: e.short_name for e in session.scalars(select(Employee)).all()}
    reasons = session.execute(
        select(ClosingReason.id, ClosingReason.name, ClosingReason.group_name)
    ).all()
    groups = sorted({r.group_name for r in reasons})
    texts = {
        "operator": employees,
        "responsible": employees,
        "reason": {r.id: r.name for r in reasons},
        "reason_group": dict(enumerate(groups)),
        "stage": names(select(Stage.id, Stage.name)),
        "direction": names(select(Direction.id, Direction.name)),
        "campaign": names(select(Campaign.id, Campaign.name)),
        "status_group": names(select(StatusGroup.id, StatusGroup.name)),
        "segment": names(select(SegmentValue.id, SegmentValue.name)),
        "method": {i: METHOD_TITLES[m] for i, m in enumerate(METHODS)},
        "successful": {1: "Успешный", 0: "Неуспешный"},
        "incoming": {1: "Входящий", 0: "Исходящий"},
    }
    regions = {
        str(code): str(name) for code, name in session.execute(select(Region.code, Region.name))
    }
    return Dictionaries(texts, {r.id: groups.index(r.group_name) for r in reasons}, regions)


def make_facts(tables: Tables, dicts: Dictionaries, period: Period) -> Facts:
    """The facts of `period`: the contacts of its days, each pointing at its work's and client's
    rows (their attributes are looked up when a report asks for them, not copied per contact)."""
    contacts = tables.contacts
    days = contacts["day"]
    first, last = day_number(period.start), day_number(period.end)
    if len(contacts) and (days.min() < first or days.max() > last):
        contacts = contacts.take((days >= first) & (days <= last))
    works = tables.works.sorted_by("work_id")
    clients = tables.clients.sorted_by("client_id")
    work_pos = np.searchsorted(works["work_id"], contacts["work_id"])
    client_pos = np.searchsorted(clients["client_id"], contacts["client_id"])
    top = max(
        int(works["reason_id"].max()) if len(works) else 0, max(dicts.reason_group, default=0)
    )
    reason_groups = np.full(top + 2, -1, dtype="int32")  # the last one stands for "no reason"
    for reason, group in dicts.reason_group.items():
        reason_groups[reason] = group
    uniques, inverse = np.unique(clients["region_code"].astype(str), return_inverse=True)
    region_uniques = [str(code) for code in uniques]
    region_codes = inverse.reshape(-1)
    region_codes = np.where(
        np.array([u == "" for u in region_uniques], dtype=bool)[region_codes]
        if len(region_uniques)
        else np.zeros(len(region_codes), dtype=bool),
        -1,
        region_codes,
    ).astype("int32")
    texts = dicts.texts
    texts["region"] = {
        i: dicts.regions.get(code, code) for i, code in enumerate(region_uniques) if code
    }
    texts["region_code"] = {i: code for i, code in enumerate(region_uniques) if code}
    return Facts(
        contacts=contacts,
        works=works,
        clients=clients,
        work_pos=np.minimum(work_pos, max(len(works) - 1, 0)).astype("int32"),
        client_pos=np.minimum(client_pos, max(len(clients) - 1, 0)).astype("int32"),
        reason_groups=reason_groups,
        client_regions=region_codes,
        labels=texts,
        period=period,
    )


def _segments(session: Session, facts: Facts, names: set[str]) -> dict[str, np.ndarray]:
    """Each segment type's value of each row's client on the row's day (-1: none)."""
    out: dict[str, np.ndarray] = {}
    if not names:
        return out
    types = dict(
        session.execute(
            select(SegmentType.name, SegmentType.id).where(SegmentType.name.in_(names))
        ).all()
    )
    unknown = sorted(names - set(types))
    if unknown:
        raise ReportError(f"Нет такого типа сегмента: {', '.join(unknown)}.")
    # each contact's and each segment entry's (client, day) in one integer, ordered alike
    offset, span = 1 << 20, 1 << 21
    contact_clients = facts.contacts["client_id"].astype("int64")
    contact_days = facts.contacts["day"].astype("int64")
    keys = contact_clients * span + contact_days + offset
    for name, type_id in types.items():
        history = session.execute(
            select(
                ClientSegment.client_id,
                ClientSegment.segment_value_id,
                ClientSegment.entered_on,
                ClientSegment.left_on,
            ).where(ClientSegment.segment_type_id == type_id)
        ).all()
        if not history:
            out[f"segment:{name}"] = np.full(len(keys), -1, dtype="int32")
            continue
        epoch = date(1970, 1, 1)
        clients = np.array([h[0] for h in history], dtype="int64")
        values = np.array([h[1] for h in history], dtype="int64")
        entered = np.array([(h[2] - epoch).days for h in history], dtype="int64")
        left = np.array([(h[3] - epoch).days if h[3] else 1 << 40 for h in history], dtype="int64")
        # the client's entry in force on the day: the last one entered by then (of one day's
        # entries, the last written), unless it was left by then
        entry_keys = clients * span + np.clip(entered, -offset, offset - 1) + offset
        order = np.argsort(entry_keys, kind="stable")
        at = np.searchsorted(entry_keys[order], keys, side="right") - 1
        entry = order[np.maximum(at, 0)]
        ok = (at >= 0) & (clients[entry] == contact_clients) & (contact_days < left[entry])
        column = np.where(ok, values[entry], -1)
        out[f"segment:{name}"] = column.astype("int32")
    return out


def _quality(session: Session, actor: Actor, facts: Facts) -> dict[str, np.ndarray]:
    """The quality control's columns (`names.QC_COLUMNS`) of each contact: its reviews as the
    quality analytics counts them (published, of the listening sample, as `actor` may see them),
    of them the scored ones, their totals in thousandths of a percent (rounded half up), passed,
    with a critical miss. Reviews of contacts the facts do not hold are left out."""
    from ric_desk.checklists.analytics import Filter, contact_results

    found = contact_results(session, actor, Filter(facts.period.start, facts.period.end))
    contacts = facts.contacts["contact_id"].astype("int64")
    rows = len(contacts)
    columns = {name: np.zeros(rows, dtype="int64") for name in QC_COLUMNS}
    if found and rows:
        order = np.argsort(contacts, kind="stable")
        ids = np.array([contact for contact, _ in found], dtype="int64")
        at = np.minimum(np.searchsorted(contacts[order], ids), rows - 1)
        held = contacts[order][at] == ids
        where = order[at]
        values: dict[str, list[int]] = {name: [] for name in QC_COLUMNS}
        for _contact, result in found:
            total = result.total if result is not None else None
            values["qc_reviewed"].append(1)
            if result is None or total is None:  # not scored: counted, never averaged
                for name in QC_COLUMNS[1:]:
                    values[name].append(0)
                continue
            values["qc_scored"].append(1)
            # thousandths of a percent, half up: floor(x + 1/2) of a non-negative fraction
            values["qc_score_milli"].append(math.floor(total * 1000 + Fraction(1, 2)))
            values["qc_passed"].append(int(bool(result.passed)))
            values["qc_critical"].append(int(result.critical_miss))
        for name, column in columns.items():
            np.add.at(column, where[held], np.array(values[name], dtype="int64")[held])
    return {name: small(column) for name, column in columns.items()}


def segment_value_types(session: Session) -> dict[int, str]:
    return {
        int(v): str(t)
        for v, t in session.execute(
            select(SegmentValue.id, SegmentType.name).join(
                SegmentType, SegmentType.id == SegmentValue.segment_type_id
            )
        )
    }


def load(
    store: Store,
    actor: Actor,
    period: Period,
    spec: ReportSpec,
    *,
    cache: FactCache | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Facts:
    """The facts of `period` that `actor` may see, with the segment types `spec` uses and the
    quality control's columns when it asks for a quality measure."""
    with store.session(read_only=True) as session:
        operators = visible_operators(session, actor)
        dicts = dictionaries(session, clients="client" in (*spec.rows, *spec.cols))
        value_types = segment_value_types(session)
    scope_key, scope = _scope(operators)
    if cache is not None:
        tables = cache.load(store, period, scope_key, scope, progress=progress, cancelled=cancelled)
    else:
        with store.session(read_only=True) as session:
            tables = read_period(
                session.connection(),
                period,
                scope,
                progress=progress,
                cancelled=cancelled,
                parallel=True,
            )
    facts = make_facts(tables, dicts, period)
    facts.segment_values = value_types
    needed = spec.segment_types() | {
        value_types[v] for v in spec.filters.segment_value_ids if v in value_types
    }
    if needed:
        with store.session(read_only=True) as session:
            facts.segments.update(_segments(session, facts, needed))
    if QC_MEASURES & set(spec.measures):
        with store.session(read_only=True) as session:
            facts.qc.update(_quality(session, actor, facts))
    memory.give_back()  # the reading's temporary arrays
    return facts


def fact_cache(store: Store, root: Path) -> FactCache:
    """The workstation's cache for the signed-in reader of this database."""
    actor = store.actor
    reader = actor.login if actor is not None else ""
    return FactCache(root, store.url.render_as_string(hide_password=True), reader)


def behind(
    facts: Facts, report: Report, row_key: tuple[Any, ...], col_key: tuple[Any, ...] | None
) -> list[int]:
    """The ids of the contacts counted in a cell (a group's row, and a column when given)."""
    rows = view(facts, report.spec.filters)
    mask = np.ones(len(rows), dtype=bool)
    for dims, key in ((report.spec.rows, row_key), (report.spec.cols, col_key or ())):
        for dimension, value in zip(dims, key, strict=False):
            mask &= dimension_values(rows, dimension) == (-1 if value is None else value)
    return sorted(int(i) for i in rows.column("contact_id")[mask])


@dataclass(frozen=True)
class DrillRow:
    contact_id: int
    day: date
    client_id: int
    client_name: str
    work_id: int
    work_number: int
    operator: str
    reason: str
    stage: str
    successful: bool
    duration_sec: int | None
    result: str | None


def drill(session: Session, contact_ids: list[int]) -> list[DrillRow]:
    """The contacts behind a cell, newest first (at most `DRILL_LIMIT`)."""
    ids = sorted(contact_ids)[-DRILL_LIMIT:]
    operators = {e.id: e.short_name for e in session.scalars(select(Employee)).all()}
    rows: list[DrillRow] = []
    for i in range(0, len(ids), 5000):
        chunk = ids[i : i + 5000]
        for c, client_name, number, reason, stage in session.execute(
            select(Contact, Client.name, Work.number, ClosingReason.name, Stage.name)
            .join(Work, Work.id == Contact.work_id)
            .join(Client, Client.id == Contact.client_id)
            .outerjoin(ClosingReason, ClosingReason.id == Work.closing_reason_id)
            .outerjoin(Stage, Stage.id == Work.stage_id)
            .where(Contact.id.in_(chunk))
        ):
            rows.append(
                DrillRow(
                    contact_id=c.id,
                    day=c.actual_at.date() if c.actual_at else date.min,
                    client_id=c.client_id,
                    client_name=client_name,
                    work_id=c.work_id,
                    work_number=number,
                    operator=operators.get(c.operator_id, "") if c.operator_id else "",
                    reason=reason or "",
                    stage=stage or "",
                    successful=bool(c.successful),
                    duration_sec=c.duration_sec,
                    result=c.result,
                )
            )
    rows.sort(key=lambda r: (r.day, r.contact_id), reverse=True)
    return rows
