"""Loading everything a client card shows, in a handful of queries.

Budget: p95 ≤ 50 ms of database time at reference scale (DESIGN.md §8, `bench/bench_card.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from ric_desk.clients.editing import display_value
from ric_desk.errors import NotFound
from ric_desk.functional_map import validity
from ric_desk.models import (
    CHANNEL_TITLES,
    AuditRecord,
    ChannelKind,
    Client,
    ClientSegment,
    ClosingReason,
    Contact,
    ContactChannel,
    ContactPerson,
    Employee,
    IndicatorDef,
    IndicatorValue,
    Region,
    Scope,
    SegmentType,
    SegmentValue,
    Stage,
    StatusGroup,
    ValueType,
    Work,
    WorkState,
)
from ric_desk.validation import format_phone

LAST_WORKS = 20
LAST_CONTACTS = 50
LAST_CHANGES = 200


@dataclass(frozen=True)
class IndicatorRow:
    definition_id: int
    name: str
    value: str | None
    is_actual: bool
    verified_on: date | None
    valid_until: date | None
    verified_by: str | None
    expired: bool
    in_status_group: bool
    display: str  # the value as people read it (dates dd.MM.yyyy, phones 7(8112)59-00-51)
    version: int | None  # of the stored value; None when there is none yet
    value_type: ValueType  # what the editing dialog asks for
    choices: tuple[str, ...]  # the allowed values of a choice indicator
    validity_days: int | None  # how long a confirmation holds; None: it never expires


@dataclass(frozen=True)
class SegmentRow:
    segment_type: str
    value: str | None
    entered_on: date | None


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    position: str | None
    phones: list[str]


@dataclass(frozen=True)
class ChannelRow:
    """One of the client's own phones or e-mails (of no contact person)."""

    kind: ChannelKind
    title: str  # "Телефон рабочий", "E-Mail рабочий"...
    value: str  # as people read it: 7(8112)59-00-51, sport@pskov.ru
    favourite: bool
    undesirable: bool


@dataclass(frozen=True)
class WorkRow:
    id: int
    number: int
    planned_at: datetime
    state: WorkState
    stage: str | None
    closing_reason: str | None
    executor: str | None


@dataclass(frozen=True)
class ContactRow:
    at: datetime
    person: str | None
    operator: str | None
    successful: bool
    duration_sec: int | None
    result: str | None
    work_number: int


@dataclass(frozen=True)
class ChangeRow:
    at: datetime
    who: str | None
    what: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ClientHeader:
    """Who the card is about: the client's own fields the card's header shows."""

    id: int
    reg_number: int
    name: str
    inn: str
    kpp: str | None
    version: int

    @property
    def display_name(self) -> str:
        """ "42724826 - name", as tabs and lists show a client."""
        return f"{self.reg_number} - {self.name}"


@dataclass(frozen=True)
class ClientCard:
    client: ClientHeader
    region: str | None
    status_group: str | None
    fill_percent: Decimal
    responsible: str | None
    indicators: list[IndicatorRow]
    segments: list[SegmentRow]
    persons: list[PersonRow]
    channels: list[ChannelRow]  # the client's own phones and e-mails, the favourite first
    works: list[WorkRow]
    contacts: list[ContactRow]
    changes: list[ChangeRow]

    @property
    def expired_count(self) -> int:
        return sum(1 for i in self.indicators if i.expired)


def _short(full_name: str | None) -> str | None:
    if full_name is None:
        return None
    return Employee(full_name=full_name).short_name


def indicator_rows(
    session: Session,
    scope: Scope,
    owner: ColumnElement[bool],
    group_ids: set[int],
    on: date,
) -> tuple[list[IndicatorRow], list[IndicatorValue]]:
    """One row per active indicator of `scope`, with the owner's value where there is one."""
    rows = session.execute(
        select(IndicatorDef, IndicatorValue, Employee.full_name)
        .outerjoin(IndicatorValue, (IndicatorValue.indicator_def_id == IndicatorDef.id) & owner)
        .outerjoin(Employee, Employee.id == IndicatorValue.verified_by_id)
        .where(IndicatorDef.scope == scope, IndicatorDef.active.is_(True))
        .order_by(IndicatorDef.position)
    ).all()
    indicators = []
    values = []
    for definition, value, verified_by in rows:
        if value is not None:
            values.append(value)
        indicators.append(
            IndicatorRow(
                definition_id=definition.id,
                name=definition.name,
                value=value.value if value else None,
                is_actual=bool(value and value.is_actual),
                verified_on=value.verified_on if value else None,
                valid_until=value.valid_until if value else None,
                verified_by=_short(verified_by),
                expired=bool(value and validity.is_expired(value, on)),
                in_status_group=definition.id in group_ids,
                display=display_value(definition, value.value if value else None),
                version=value.version if value else None,
                value_type=definition.value_type,
                choices=tuple(definition.choices or ()),
                validity_days=definition.validity_days,
            )
        )
    return indicators, values


def load_card(session: Session, client_id: int, on: date | None = None) -> ClientCard:
    """Everything the card shows, as plain data; a pure read (the ПРИЗ rules run where their
    inputs change, `priz.refresh.after_change`, and once a day)."""
    on = on or date.today()
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound("Клиент не найден: возможно, его удалили на другом рабочем месте.")
    region = session.get(Region, client.region_code) if client.region_code else None
    group = session.get(StatusGroup, client.status_group_id) if client.status_group_id else None
    group_ids = validity.group_indicator_ids(session, group.id if group else None)
    responsible = session.get(Employee, client.responsible_id) if client.responsible_id else None

    indicators, values = indicator_rows(
        session, Scope.CLIENT, IndicatorValue.client_id == client_id, group_ids, on
    )

    segments = [
        SegmentRow(type_name, value_name, entered)
        for type_name, value_name, entered in session.execute(
            select(SegmentType.name, SegmentValue.name, ClientSegment.entered_on)
            .outerjoin(
                ClientSegment,
                (ClientSegment.segment_type_id == SegmentType.id)
                & (ClientSegment.client_id == client_id)
                & ClientSegment.left_on.is_(None),
            )
            .outerjoin(SegmentValue, SegmentValue.id == ClientSegment.segment_value_id)
            .order_by(SegmentType.position)
        )
    ]

    phones: dict[int, list[str]] = {}
    channels: list[ChannelRow] = []
    for person_id, kind, value, digits, favourite, undesirable in session.execute(
        select(
            ContactChannel.contact_person_id,
            ContactChannel.kind,
            ContactChannel.value,
            ContactChannel.digits,
            ContactChannel.favourite,
            ContactChannel.undesirable,
        )
        .where(ContactChannel.client_id == client_id)
        .order_by(ContactChannel.favourite.desc(), ContactChannel.id)
    ):
        shown = format_phone(digits) if digits else value
        if person_id is None:
            channels.append(ChannelRow(kind, CHANNEL_TITLES[kind], shown, favourite, undesirable))
        elif digits:
            phones.setdefault(person_id, []).append(shown)
    persons = [
        PersonRow(p.id, p.full_name, p.position, phones.get(p.id, []))
        for p in session.scalars(
            select(ContactPerson)
            .where(ContactPerson.client_id == client_id, ContactPerson.active.is_(True))
            .order_by(ContactPerson.last_name, ContactPerson.first_name)
        )
    ]

    executor = aliased(Employee)
    works = [
        WorkRow(w_id, number, planned, state, stage, reason, _short(name))
        for w_id, number, planned, state, stage, reason, name in session.execute(
            select(
                Work.id,
                Work.number,
                Work.planned_at,
                Work.state,
                Stage.name,
                ClosingReason.name,
                executor.full_name,
            )
            .outerjoin(Stage, Stage.id == Work.stage_id)
            .outerjoin(ClosingReason, ClosingReason.id == Work.closing_reason_id)
            .outerjoin(executor, executor.id == Work.executor_id)
            .where(Work.client_id == client_id)
            .order_by(Work.planned_at.desc())
            .limit(LAST_WORKS)
        )
    ]

    operator = aliased(Employee)
    contacts = [
        ContactRow(
            at=actual or planned,
            person=" ".join(p for p in (last, first, middle) if p) or None,
            operator=_short(name),
            successful=successful,
            duration_sec=duration,
            result=result,
            work_number=number,
        )
        for actual, planned, last, first, middle, name, successful, duration, result, number in (
            session.execute(
                select(
                    Contact.actual_at,
                    Contact.planned_at,
                    ContactPerson.last_name,
                    ContactPerson.first_name,
                    ContactPerson.middle_name,
                    operator.full_name,
                    Contact.successful,
                    Contact.duration_sec,
                    Contact.result,
                    Work.number,
                )
                .join(Work, Work.id == Contact.work_id)
                .outerjoin(ContactPerson, ContactPerson.id == Contact.contact_person_id)
                .outerjoin(operator, operator.id == Contact.operator_id)
                .where(Contact.client_id == client_id)
                .order_by(Contact.actual_at.desc(), Contact.id.desc())
                .limit(LAST_CONTACTS)
            )
        )
    ]
    author = aliased(Employee)
    changes = [
        ChangeRow(at, _short(name), field, old, new)
        for at, name, field, old, new in session.execute(
            select(
                AuditRecord.at,
                author.full_name,
                AuditRecord.field,
                AuditRecord.old_value,
                AuditRecord.new_value,
            )
            .outerjoin(author, author.id == AuditRecord.employee_id)
            .where(AuditRecord.client_id == client_id)
            .order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
            .limit(LAST_CHANGES)
        )
    ]

    return ClientCard(
        client=ClientHeader(
            client.id, client.reg_number, client.name, client.inn, client.kpp, client.version
        ),
        region=region.name if region else None,
        status_group=group.name if group else None,
        fill_percent=validity.fill_percent(group_ids, values, on),
        responsible=responsible.full_name if responsible else None,
        indicators=indicators,
        segments=segments,
        persons=persons,
        channels=channels,
        works=works,
        contacts=contacts,
        changes=changes,
    )
