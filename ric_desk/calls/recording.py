"""Recording, re-scheduling and closing an attempt on a taken work.

Every attempt is kept as a contact, successful or not. "Зафиксировать" writes the attempt and
keeps the work; a re-schedule writes it and sets the re-call time (only when the client may be
called then); closing writes it with a reason from the stage-grouped list. All of them require
that the operator still holds the work's lease, so a work whose lease ran out and was taken by
someone else is never closed twice (`LeaseLost`).

Each is an operation: it takes the acting `Actor` and returns the contact's id with what it
changed (the client, the work, the contact, and the client's ПРИЗ items when they were marked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.calls import rules as calling
from ric_desk.calls.queue import OPEN_STATES, WORK_NOT_FOUND, lease_lost
from ric_desk.changes import Changes, Done
from ric_desk.errors import CONFLICT_MESSAGE, ConflictError, NotFound, UserError
from ric_desk.models import (
    ClosingReason,
    Contact,
    ContactInstrument,
    PrizItem,
    PrizState,
    Work,
    WorkState,
)


@dataclass
class PrizEdit:
    item_id: int
    version: int
    worked_on: bool
    done: bool
    unplanned: bool
    comment: str
    result: str


@dataclass
class Attempt:
    """What the operator entered for one contact attempt."""

    work_id: int
    started_at: datetime
    person_id: int | None = None
    channel_id: int | None = None
    successful: bool = False
    result: str = ""
    goal_answers: list[tuple[str, str]] = field(default_factory=list)
    instruments: dict[int, int] = field(default_factory=dict)  # instrument id -> used count
    script_path: dict[str, Any] | None = None
    priz: list[PrizEdit] = field(default_factory=list)


def _held_work(session: Session, work_id: int, actor: Actor) -> Work:
    work = session.get(Work, work_id, with_for_update=True)
    if work is None:
        raise NotFound(WORK_NOT_FOUND)
    if work.state == WorkState.CLOSED:
        raise UserError(f"Работа №{work.number} уже закрыта.")
    if work.claimed_by_id != actor.employee_id or work.state not in OPEN_STATES:
        raise lease_lost(session, work_id)
    return work


def _write_attempt(
    session: Session,
    work: Work,
    actor: Actor,
    attempt: Attempt,
    now: datetime,
    contact_id: int | None,
) -> Done[int]:
    """The attempt as a contact and the ПРИЗ items marked; the contact's id and the changes."""
    if contact_id is None:
        contact = Contact(
            work_id=work.id,
            client_id=work.client_id,
            operator_id=actor.employee_id,
            planned_at=work.planned_at,
        )
        session.add(contact)
    else:
        found = session.get(Contact, contact_id)
        if found is None or found.work_id != work.id:
            raise NotFound("Контакт не найден: возможно, его удалили.")
        contact = found
    contact.contact_person_id = attempt.person_id
    contact.channel_id = attempt.channel_id
    contact.actual_at = attempt.started_at
    contact.duration_sec = max(0, int((now - attempt.started_at).total_seconds()))
    contact.successful = attempt.successful
    contact.result = attempt.result.strip() or None
    contact.goal_answers = [
        {"question": q, "answer": a.strip()} for q, a in attempt.goal_answers if a.strip()
    ] or None
    contact.script_path = attempt.script_path
    session.flush()
    session.execute(delete(ContactInstrument).where(ContactInstrument.contact_id == contact.id))
    for instrument_id, count in sorted(attempt.instruments.items()):
        if count > 0:
            session.add(
                ContactInstrument(
                    contact_id=contact.id, instrument_id=instrument_id, used_count=count
                )
            )
    marked = False
    for edit in attempt.priz:
        item = session.get(PrizItem, edit.item_id)
        if item is None or item.client_id != work.client_id:
            raise NotFound("Пункт ПРИЗ не найден: возможно, его удалили.")
        if item.version != edit.version:
            raise ConflictError(CONFLICT_MESSAGE)
        changed = (
            item.worked_on != edit.worked_on
            or item.done != edit.done
            or item.unplanned != edit.unplanned
            or (item.comment or "") != edit.comment.strip()
            or (item.result or "") != edit.result.strip()
        )
        if not changed:
            continue
        marked = True
        item.worked_on = edit.worked_on or edit.done
        item.done = edit.done
        item.unplanned = edit.unplanned
        item.comment = edit.comment.strip() or None
        item.result = edit.result.strip() or None
        item.work_id = work.id
        if edit.done and item.state == PrizState.OPEN:
            item.state, item.closed_at = PrizState.DONE, now
        elif not edit.done and item.state == PrizState.DONE:
            item.state, item.closed_at = PrizState.OPEN, None
    session.flush()
    changes = Changes.of(
        clients=[work.client_id],
        works=[work.id],
        contacts=[contact.id],
        priz=[work.client_id] if marked else [],
    )
    return Done(contact.id, changes)


def record(
    session: Session,
    actor: Actor,
    attempt: Attempt,
    *,
    now: datetime,
    contact_id: int | None = None,
) -> Done[int]:
    """Зафиксировать: write the attempt as a contact (or update the one already written)."""
    work = _held_work(session, attempt.work_id, actor)
    return _write_attempt(session, work, actor, attempt, now, contact_id)


class RescheduleRefused(UserError):
    def __init__(self, message: str, next_allowed: datetime | None) -> None:
        super().__init__(message)
        self.next_allowed = next_allowed


def reschedule(
    session: Session,
    actor: Actor,
    attempt: Attempt,
    at: datetime,
    *,
    rules: calling.CallingRules,
    now: datetime,
    contact_id: int | None = None,
) -> Done[int]:
    """Write the attempt and plan a re-call at `at`; refused when the client may not be called."""
    work = _held_work(session, attempt.work_id, actor)
    zone = calling.zone(calling.client_zone(session, work.client_id))
    local = at.astimezone(zone)
    if at <= now:
        raise RescheduleRefused("Время повторного звонка уже прошло: выберите время позже.", None)
    if not rules.allowed_at(local):
        allowed = rules.next_allowed(local)
        why = rules.day_off(local.date()) or (
            f"звонить можно с {rules.hours_from:%H:%M} до {rules.hours_to:%H:%M}"
        )
        raise RescheduleRefused(
            f"В {local:%H:%M %d.%m.%Y} по времени клиента звонить нельзя ({why}). "
            f"Ближайшее разрешённое время: {allowed:%H:%M %d.%m.%Y} (время клиента).",
            allowed.astimezone(at.tzinfo),
        )
    written = _write_attempt(session, work, actor, attempt, now, contact_id)
    work.state = WorkState.RESCHEDULED
    work.planned_at = at
    work.claimed_by_id = actor.employee_id  # the re-call stays ours until overdue by the grace
    work.lease_expires_at = at + rules.recall_grace
    session.flush()
    return written


def close(
    session: Session,
    actor: Actor,
    attempt: Attempt,
    reason_id: int,
    comment: str,
    *,
    now: datetime,
    contact_id: int | None = None,
    successful: bool | None = None,
) -> Done[int]:
    """Write the attempt and close the work with `reason_id`. Whether the contact took place is
    `successful` when the operator said so, else the reason's: an unproductive reason's attempt
    is an unsuccessful contact, a productive one's a successful contact."""
    reason = session.get(ClosingReason, reason_id)
    if reason is None or not reason.active:
        raise UserError("Выберите причину закрытия из списка.")
    if reason.needs_comment and not comment.strip():
        raise UserError(f"Для причины «{reason.name}» нужен комментарий: напишите, что случилось.")
    work = _held_work(session, attempt.work_id, actor)
    attempt.successful = not reason.unproductive if successful is None else successful
    written = _write_attempt(session, work, actor, attempt, now, contact_id)
    work.state = WorkState.CLOSED
    work.closing_reason_id = reason.id
    work.closing_comment = comment.strip() or None
    work.closed_at = now
    work.claimed_by_id = None
    work.lease_expires_at = None
    session.flush()
    return written
