"""Changing a client card: indicator values by their type, confirmation, with audit and locking.

Every change is written with the version the user saw; if someone saved in between, the save is
refused with `ConflictError` and the caller keeps what the user typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.functional_map import segments, validity
from ric_desk.models import (
    AuditRecord,
    Employee,
    IndicatorDef,
    IndicatorValue,
    SegmentType,
    SegmentValue,
    ValueType,
)
from ric_desk.validation import format_phone, normalize_phone


class ConflictError(UserError):
    """Someone else saved this record after it was read; nothing was written."""


CONFLICT_MESSAGE = (
    "Эти данные уже изменил другой пользователь, пока вы их редактировали. Ваш ввод сохранён "
    "в форме: обновите карточку, сравните и сохраните снова."
)


def parse_value(definition: IndicatorDef, raw: str) -> str | None:
    """What a person typed -> the stored form for the indicator's type; None clears the value."""
    text = (raw or "").strip()
    if not text:
        return None
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
        raise UserError("Такого показателя больше нет в справочнике.")
    return definition


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


def _audit(
    session: Session,
    by: Employee | None,
    client_id: int,
    value: IndicatorValue,
    definition: IndicatorDef,
    old: str | None,
    new: str | None,
) -> None:
    session.add(
        AuditRecord(
            employee_id=by.id if by else None,
            client_id=client_id,
            entity="indicator_value",
            entity_id=value.id,
            action="update",
            field=definition.name,
            old_value=old,
            new_value=new,
        )
    )


def set_indicator(
    session: Session,
    client_id: int,
    definition_id: int,
    raw: str,
    by: Employee | None,
    on: date,
    expected_version: int | None,
) -> IndicatorValue:
    """Store a new value (validated by type) and confirm it as actual on `on` by `by`.

    `expected_version` is the version the user saw (None if there was no value yet).
    """
    definition = _definition(session, definition_id)
    stored = parse_value(definition, raw)
    value = _value_to_change(session, client_id, definition_id, expected_version)
    old = value.value
    value.value = stored
    validity.confirm(value, definition, by, on)
    session.flush()
    _audit(session, by, client_id, value, definition, old, stored)
    return value


def confirm_indicator(
    session: Session,
    client_id: int,
    definition_id: int,
    by: Employee | None,
    on: date,
    expected_version: int | None,
) -> IndicatorValue:
    """ "Подтвердить актуальность": the value stays, the day, the user and valid-until are new."""
    definition = _definition(session, definition_id)
    value = _value_to_change(session, client_id, definition_id, expected_version)
    before = f"актуален до {value.valid_until:%d.%m.%Y}" if value.valid_until else None
    validity.confirm(value, definition, by, on)
    session.flush()
    after = f"подтверждён {on:%d.%m.%Y}"
    _audit(session, by, client_id, value, definition, before, after)
    return value


# -- segments ------------------------------------------------------------------------------------
def change_segment(
    session: Session,
    client_id: int,
    segment_value_id: int,
    by: Employee | None,
    on: date,
    expected_value_id: int | None,
) -> None:
    """Move the client into a segment value from `on`, keeping the earlier period as history.

    `expected_value_id` is the current value the user saw (None if there was none): a change
    made meanwhile by someone else is a conflict.
    """
    value = session.get(SegmentValue, segment_value_id)
    if value is None:
        raise UserError("Такого значения сегмента больше нет в справочнике.")
    current = segments.current_segment(session, client_id, value.segment_type_id)
    if (current.segment_value_id if current else None) != expected_value_id:
        raise ConflictError(CONFLICT_MESSAGE)
    old = current.segment_value.name if current else None
    period = segments.change_segment(session, client_id, value, on, by)
    if old != value.name:
        segment_type = session.get(SegmentType, value.segment_type_id)
        session.add(
            AuditRecord(
                employee_id=by.id if by else None,
                client_id=client_id,
                entity="client_segment",
                entity_id=period.id,
                action="update",
                field=segment_type.name if segment_type else None,
                old_value=old,
                new_value=value.name,
            )
        )
