"""Adding a contact person to a client: the person, its channels, characteristics and interests,
all validated first and written with an audit record; and the choices the person dialog offers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.errors import NotFound, UserError
from ric_desk.models import (
    CHANNEL_TITLES,
    AuditRecord,
    ChannelKind,
    Characteristic,
    Client,
    ContactChannel,
    ContactPerson,
    Interest,
    Scope,
    StatusGroup,
)
from ric_desk.priz.refresh import after_change
from ric_desk.validation import clean_field, column_limit, normalize_email, normalize_phone

__all__ = [
    "CHANNEL_TITLES",
    "ChannelDraft",
    "ChannelKind",
    "PersonChoices",
    "PersonDraft",
    "add_contact_person",
    "person_choices",
]


@dataclass
class ChannelDraft:
    kind: ChannelKind
    value: str
    region: str | None = None
    favourite: bool = False
    undesirable: bool = False


@dataclass
class PersonDraft:
    last_name: str
    first_name: str
    middle_name: str = ""
    position: str = ""
    department: str = ""
    note: str = ""
    channels: list[ChannelDraft] = field(default_factory=list)
    characteristic_ids: list[int] = field(default_factory=list)
    interest_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PersonChoices:
    """The characteristics and interests a new person can be given, as (id, name)."""

    characteristics: list[tuple[int, str]]
    interests: list[tuple[int, str]]


def person_choices(session: Session) -> PersonChoices:
    return PersonChoices(
        characteristics=[
            (i, n)
            for i, n in session.execute(
                select(Characteristic.id, Characteristic.name).order_by(Characteristic.id)
            )
        ],
        interests=[
            (i, n)
            for i, n in session.execute(select(Interest.id, Interest.name).order_by(Interest.name))
        ],
    )


def _channel(client_id: int, draft: ChannelDraft, number: int) -> ContactChannel:
    digits: str | None
    reversed_digits: str | None
    try:
        if draft.kind.is_phone:
            digits = normalize_phone(draft.value)
            value, reversed_digits = digits, digits[::-1]
        else:
            value = normalize_email(draft.value)
            digits = reversed_digits = None
    except UserError as exc:
        raise UserError(f"Контакт {number}: {exc.message}") from None
    return ContactChannel(
        client_id=client_id,
        kind=draft.kind,
        value=value,
        digits=digits,
        digits_reversed=reversed_digits,
        region=clean_field(draft.region, "Регион контакта", column_limit(ContactChannel.region)),
        favourite=draft.favourite,
        undesirable=draft.undesirable,
    )


def add_contact_person(
    session: Session,
    client_id: int,
    draft: PersonDraft,
    actor: Actor,
    on: date | None = None,
) -> Done[int]:
    """A new contact person with channels, characteristics and interests; all validated first.

    The value is the new person's id; the client's ПРИЗ items follow (their rules read persons)."""

    def field(raw: str, label: str, column: object, *, multiline: bool = False) -> str | None:
        return clean_field(raw, label, column_limit(column), multiline=multiline)

    last = field(draft.last_name, "Фамилия", ContactPerson.last_name)
    first = field(draft.first_name, "Имя", ContactPerson.first_name)
    if not last or not first:
        raise UserError("У контактного лица должны быть фамилия и имя.")
    middle = field(draft.middle_name, "Отчество", ContactPerson.middle_name)
    position = field(draft.position, "Должность", ContactPerson.position)
    department = field(draft.department, "Подразделение", ContactPerson.department)
    note = field(draft.note, "Примечание", ContactPerson.note, multiline=True)
    if session.get(Client, client_id) is None:
        raise NotFound("Клиент не найден: возможно, его удалили на другом рабочем месте.")
    channels = [_channel(client_id, c, i) for i, c in enumerate(draft.channels, start=1)]
    seen: set[tuple[ChannelKind, str]] = set()
    for c in channels:
        if (c.kind, c.value) in seen:
            raise UserError(f"Контакт «{c.value}» указан дважды.")
        seen.add((c.kind, c.value))
    person = ContactPerson(
        client_id=client_id,
        last_name=last,
        first_name=first,
        middle_name=middle,
        position=position,
        department=department,
        note=note,
        status_group_id=session.scalar(
            select(StatusGroup.id).where(StatusGroup.scope == Scope.CONTACT).limit(1)
        ),
        channels=channels,
        characteristics=list(
            session.scalars(
                select(Characteristic).where(Characteristic.id.in_(draft.characteristic_ids))
            )
        ),
        interests=list(
            session.scalars(select(Interest).where(Interest.id.in_(draft.interest_ids)))
        ),
    )
    session.add(person)
    session.flush()
    session.add(
        AuditRecord(
            employee_id=actor.employee_id,
            client_id=client_id,
            entity="contact_person",
            entity_id=person.id,
            action="insert",
            field="Контактное лицо",
            new_value=person.full_name,
        )
    )
    changes = Changes.of(clients=[client_id], persons=[person.id])
    return Done(person.id, changes | after_change(session, [client_id], on or date.today()))
