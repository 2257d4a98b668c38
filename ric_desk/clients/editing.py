"""Changing a client card: indicator values by their type, confirmation, segments, with audit
and locking; and the plain reads the editing dialogs need.

Every change is written with the version the user saw; if someone saved in between, the save is
refused with `ConflictError` and the caller keeps what the user typed. Each operation takes the
acting user and returns what it changed, the client's ПРИЗ items included (their rules read
indicators and segments, so they run in the same transaction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.db.errors import is_unique_violation
from ric_desk.errors import CONFLICT_MESSAGE, ConflictError, NotFound, UserError
from ric_desk.functional_map import segments, validity
from ric_desk.functional_map.segments import SegmentPeriod
from ric_desk.models import (
    AuditRecord,
    Client,
    Employee,
    IndicatorDef,
    IndicatorValue,
    SegmentType,
    SegmentValue,
    ValueType,
)
from ric_desk.priz.refresh import after_change
from ric_desk.validation import clean_field, format_phone, normalize_phone

__all__ = [
    "SavedIndicator",
    "SavedSegment",
    "SegmentForm",
    "ValueType",
    "change_segment",
    "confirm_indicator",
    "display_value",
    "parse_value",
    "saved_indicator",
    "saved_segment",
    "segment_form",
    "set_indicator",
]


@dataclass(frozen=True)
class SavedIndicator:
    """A client's stored value of an indicator, as the dialogs and the tests read it."""

    definition_id: int
    value: str | None
    display: str
    is_actual: bool
    verified_on: date | None
    valid_until: date | None
    verified_by_id: int | None
    version: int | None  # None: there is no stored value yet


@dataclass(frozen=True)
class SavedSegment:
    """The client's current value in a segment type (None when it has none)."""

    value_id: int | None
    name: str | None


@dataclass(frozen=True)
class SegmentForm:
    """What the segment dialog offers: the type's active values, the current one, the history."""

    segment_type_id: int
    segment_type: str
    values: list[tuple[int, str]]
    current: SavedSegment
    history: list[SegmentPeriod]


VALUE_LIMIT = 4000  # an indicator's value: longer than any real one, within what a cell shows


def parse_value(definition: IndicatorDef, raw: str) -> str | None:
    """What a person typed -> the stored form for the indicator's type; None clears the value."""
    cleaned = clean_field(raw, definition.name, VALUE_LIMIT, multiline=True)
    if cleaned is None:
        return None
    text = cleaned
    name = definition.name
    match definition.value_type:
        case ValueType.INTEGER:
            if not re.fullmatch(r"\d{1,9}", text):
                raise UserError(f"«{name}»: нужно целое число не меньше нуля, а не «{text}».")
            return str(int(text))
        case ValueType.DATE:
            for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
                try:
                    return datetime.strptime(text, fmt).date().isoformat()
                except ValueError:
                    pass
            raise UserError(f"«{name}»: дата «{text}» не распознана, нужен формат ДД.ММ.ГГГГ.")
        case ValueType.CHOICE:
            choices = definition.choices or []
            for choice in choices:
                if choice.casefold() == text.casefold():
                    return choice
            raise UserError(f"«{name}»: выберите одно из значений: {', '.join(choices)}.")
        case ValueType.PHONE:
            phones = [normalize_phone(p) for p in re.split(r"[,;]", text) if p.strip()]
            return ", ".join(dict.fromkeys(phones))
        case ValueType.PERSON:
            if len(text.split()) < 2 or re.search(r"\d", text):
                raise UserError(
                    f"«{name}»: укажите фамилию и имя (например: Штылин Иван Викторович)."
                )
            return " ".join(text.split())
        case _:
            return text


def display_value(definition: IndicatorDef, stored: str | None) -> str:
    """The stored form as people read it: dates dd.MM.yyyy, phones 7(8112)59-00-51."""
    if stored is None:
        return ""
    if definition.value_type == ValueType.DATE:
        try:
            return date.fromisoformat(stored).strftime("%d.%m.%Y")
        except ValueError:
            return stored
    if definition.value_type == ValueType.PHONE:
        parts = [p.strip() for p in stored.split(",")]
        return ", ".join(format_phone(p) if p.isdigit() and len(p) == 11 else p for p in parts)
    return stored


def _value_for(session: Session, client_id: int, definition_id: int) -> IndicatorValue | None:
    return session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.client_id == client_id,
            IndicatorValue.indicator_def_id == definition_id,
        )
    )


def _definition(session: Session, definition_id: int) -> IndicatorDef:
    definition = session.get(IndicatorDef, definition_id)
    if definition is None:
        raise NotFound("Такого показателя больше нет в справочнике.")
    return definition


def _employee(session: Session, actor: Actor) -> Employee:
    employee = session.get(Employee, actor.employee_id)
    if employee is None:
        raise NotFound(f"Сотрудник «{actor.login}» не найден: войдите в программу заново.")
    return employee


def _saved(definition: IndicatorDef, value: IndicatorValue | None) -> SavedIndicator:
    return SavedIndicator(
        definition_id=definition.id,
        value=value.value if value else None,
        display=display_value(definition, value.value if value else None),
        is_actual=bool(value and value.is_actual),
        verified_on=value.verified_on if value else None,
        valid_until=value.valid_until if value else None,
        verified_by_id=value.verified_by_id if value else None,
        version=value.version if value else None,
    )


def saved_indicator(session: Session, client_id: int, definition_id: int) -> SavedIndicator:
    """What is stored now (after a conflict the dialog shows it and takes its version)."""
    definition = _definition(session, definition_id)
    return _saved(definition, _value_for(session, client_id, definition_id))


def _value_to_change(
    session: Session, client_id: int, definition_id: int, expected_version: int | None
) -> IndicatorValue:
    """The client's value of an indicator (a new one if none), after the version check."""
    value = _value_for(session, client_id, definition_id)
    if (value.version if value is not None else None) != expected_version:
        raise ConflictError(CONFLICT_MESSAGE)
    if value is None:
        value = IndicatorValue(indicator_def_id=definition_id, client_id=client_id)
        session.add(value)
    return value


def _flush_value(session: Session) -> None:
    """Write the value; a first value someone else stored meanwhile (its unique key taken
    between our read and our insert, possible on PostgreSQL) is the same conflict as a stale
    version. A stale version found at the write is the `StaleDataError` `Store.session` says
    as that conflict."""
    try:
        session.flush()
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise ConflictError(CONFLICT_MESSAGE) from exc
        raise


def _audit(
    session: Session,
    actor: Actor,
    client_id: int,
    value: IndicatorValue,
    definition: IndicatorDef,
    old: str | None,
    new: str | None,
) -> None:
    session.add(
        AuditRecord(
            employee_id=actor.employee_id,
            client_id=client_id,
            entity="indicator_value",
            entity_id=value.id,
            action="update",
            field=definition.name,
            old_value=old,
            new_value=new,
        )
    )


def _changed(session: Session, client_id: int, on: date) -> Changes:
    """The client changed; its ПРИЗ items follow in the same transaction."""
    return Changes.of(clients=[client_id]) | after_change(session, [client_id], on)


def set_indicator(
    session: Session,
    client_id: int,
    definition_id: int,
    raw: str,
    actor: Actor,
    on: date,
    expected_version: int | None,
) -> Done[SavedIndicator]:
    """Store a new value (validated by type) and confirm it as actual on `on` by `actor`.

    `expected_version` is the version the user saw (None if there was no value yet).
    """
    definition = _definition(session, definition_id)
    stored = parse_value(definition, raw)
    verifier = _employee(session, actor)  # read first: a read later would flush a half-made row
    value = _value_to_change(session, client_id, definition_id, expected_version)
    old = value.value
    value.value = stored
    validity.confirm(value, definition, verifier, on)
    _flush_value(session)
    _audit(session, actor, client_id, value, definition, old, stored)
    return Done(_saved(definition, value), _changed(session, client_id, on))


def confirm_indicator(
    session: Session,
    client_id: int,
    definition_id: int,
    actor: Actor,
    on: date,
    expected_version: int | None,
) -> Done[SavedIndicator]:
    """ "Подтвердить актуальность": the value stays, the day, the user and valid-until are new."""
    definition = _definition(session, definition_id)
    verifier = _employee(session, actor)  # read first: a read later would flush a half-made row
    value = _value_to_change(session, client_id, definition_id, expected_version)
    before = f"актуален до {value.valid_until:%d.%m.%Y}" if value.valid_until else None
    validity.confirm(value, definition, verifier, on)
    _flush_value(session)
    after = f"подтверждён {on:%d.%m.%Y}"
    _audit(session, actor, client_id, value, definition, before, after)
    return Done(_saved(definition, value), _changed(session, client_id, on))


# -- segments ------------------------------------------------------------------------------------
def saved_segment(session: Session, client_id: int, segment_type_id: int) -> SavedSegment:
    current = segments.current_segment(session, client_id, segment_type_id)
    if current is None:
        return SavedSegment(None, None)
    return SavedSegment(current.segment_value_id, current.segment_value.name)


def segment_form(session: Session, client_id: int, segment_type_name: str) -> SegmentForm:
    """The segment dialog's choices for one segment type of the client."""
    segment_type = session.scalar(select(SegmentType).where(SegmentType.name == segment_type_name))
    if segment_type is None:
        raise NotFound("Такого типа сегмента больше нет в справочнике.")
    return SegmentForm(
        segment_type_id=segment_type.id,
        segment_type=segment_type.name,
        values=[(v.id, v.name) for v in segment_type.values if v.active],
        current=saved_segment(session, client_id, segment_type.id),
        history=segments.segment_history(session, client_id, segment_type),
    )


def change_segment(
    session: Session,
    client_id: int,
    segment_value_id: int,
    actor: Actor,
    on: date,
    expected_value_id: int | None,
) -> Changes:
    """Move the client into a segment value from `on`, keeping the earlier period as history.

    `expected_value_id` is the current value the user saw (None if there was none): a change
    made meanwhile by someone else is a conflict.
    """
    value = session.get(SegmentValue, segment_value_id)
    if value is None:
        raise NotFound("Такого значения сегмента больше нет в справочнике.")
    # a segment has no version of its own: the client's row, locked, orders two changes, so the
    # second reads the first's value and is a conflict (SQLite's write lock does it there)
    if (
        session.execute(select(Client.id).where(Client.id == client_id).with_for_update()).first()
        is None
    ):
        raise NotFound("Клиент не найден: возможно, его удалили.")
    current = segments.current_segment(session, client_id, value.segment_type_id)
    if (current.segment_value_id if current else None) != expected_value_id:
        raise ConflictError(CONFLICT_MESSAGE)
    old = current.segment_value.name if current else None
    period = segments.change_segment(session, client_id, value, on, _employee(session, actor))
    if old == value.name:
        return Changes()
    segment_type = session.get(SegmentType, value.segment_type_id)
    session.add(
        AuditRecord(
            employee_id=actor.employee_id,
            client_id=client_id,
            entity="client_segment",
            entity_id=period.id,
            action="update",
            field=segment_type.name if segment_type else None,
            old_value=old,
            new_value=value.name,
        )
    )
    return _changed(session, client_id, on)
