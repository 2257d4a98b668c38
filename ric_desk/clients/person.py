"""Everything the contact person's card shows: channels, characteristics, interests, indicators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.clients.card import IndicatorRow, indicator_rows
from ric_desk.errors import NotFound
from ric_desk.functional_map import validity
from ric_desk.models import (
    CHANNEL_TITLES,
    ContactChannel,
    ContactPerson,
    IndicatorValue,
    Scope,
    StatusGroup,
)
from ric_desk.validation import format_phone


@dataclass(frozen=True)
class ChannelRow:
    kind: str
    value: str
    region: str | None
    favourite: bool
    undesirable: bool


@dataclass(frozen=True)
class PersonHeader:
    """The person's own fields the card shows."""

    id: int
    client_id: int
    full_name: str
    position: str | None
    department: str | None
    started_on: date | None
    profile: str | None
    note: str | None


@dataclass(frozen=True)
class PersonCard:
    person: PersonHeader
    channels: list[ChannelRow]
    characteristics: list[str]
    interests: list[str]
    status_group: str | None
    fill_percent: Decimal
    indicators: list[IndicatorRow]


def load_person(session: Session, person_id: int, on: date | None = None) -> PersonCard:
    on = on or date.today()
    person = session.get(ContactPerson, person_id)
    if person is None:
        raise NotFound("Контактное лицо не найдено: возможно, его удалили на другом рабочем месте.")
    channels = [
        ChannelRow(
            CHANNEL_TITLES[c.kind],
            format_phone(c.value) if c.kind.is_phone and c.value.isdigit() else c.value,
            c.region,
            c.favourite,
            c.undesirable,
        )
        for c in session.scalars(
            select(ContactChannel)
            .where(ContactChannel.contact_person_id == person_id)
            .order_by(ContactChannel.favourite.desc(), ContactChannel.id)
        )
    ]
    group = session.get(StatusGroup, person.status_group_id) if person.status_group_id else None
    group_ids = validity.group_indicator_ids(session, group.id if group else None)
    indicators, values = indicator_rows(
        session, Scope.CONTACT, IndicatorValue.contact_person_id == person_id, group_ids, on
    )
    return PersonCard(
        person=PersonHeader(
            person.id,
            person.client_id,
            person.full_name,
            person.position,
            person.department,
            person.started_on,
            person.profile,
            person.note,
        ),
        channels=channels,
        characteristics=sorted(c.name for c in person.characteristics),
        interests=sorted(i.name for i in person.interests),
        status_group=group.name if group else None,
        fill_percent=validity.fill_percent(group_ids, values, on),
        indicators=indicators,
    )
