"""Adding a contact person to a client: the person, its channels, characteristics and interests,
all validated first and written with an audit record."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.models import (
    AuditRecord,
    ChannelKind,
    Characteristic,
    Client,
    ContactChannel,
    ContactPerson,
    Employee,
    Interest,
    Scope,
    StatusGroup,
)
from ric_desk.validation import normalize_email, normalize_phone


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
        region=(draft.region or "").strip() or None,
        favourite=draft.favourite,
        undesirable=draft.undesirable,
    )


def add_contact_person(
    session: Session, client_id: int, draft: PersonDraft, by: Employee | None
) -> ContactPerson:
    """A new contact person with channels, characteristics and interests; all validated first."""
    last, first = draft.last_name.strip(), draft.first_name.strip()
    if not last or not first:
        raise UserError("У контактного лица должны быть фамилия и имя.")
    if session.get(Client, client_id) is None:
        raise UserError("Клиент не найден: возможно, его удалили на другом рабочем месте.")
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
        middle_name=draft.middle_name.strip() or None,
        position=draft.position.strip() or None,
        department=draft.department.strip() or None,
        note=draft.note.strip() or None,
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
            employee_id=by.id if by else None,
            client_id=client_id,
            entity="contact_person",
            entity_id=person.id,
            action="insert",
            field="Контактное лицо",
            new_value=person.full_name,
        )
    )
    return person
