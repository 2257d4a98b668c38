"""Calls held for review: a supervisor takes a call of the sample (or the next one free, as
F8 takes a work) under a lease that expires, renews it while scoring, and releases it; a call
not in the sample is picked on purpose ("targeted"). Two supervisors never hold one call."""

from __future__ import annotations

import math
import warnings
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.checklists.access import require_scorer
from ric_desk.checklists.sample import _published_primary, _utc, load_settings
from ric_desk.db.engine import WRITE_BEGIN
from ric_desk.errors import LeaseLost, NotFound, UserError
from ric_desk.models import (
    Contact,
    Employee,
    PickKind,
    QcPick,
    Work,
)

# -- leases ------------------------------------------------------------------------------------


def begin_write(session: Session) -> None:
    """Begin the transaction as a claim needs it: on SQLite with the file's write lock taken
    first (BEGIN IMMEDIATE), so claimers queue instead of failing to upgrade a read lock."""
    if session.get_bind().dialect.name != "sqlite":
        return
    with warnings.catch_warnings():
        # a transaction begun already (a `Store.session` begins immediate anyway) stays as it is
        warnings.filterwarnings("ignore", "Connection is already established", SAWarning)
        session.connection(execution_options={"sqlite_begin": WRITE_BEGIN})


def _free(me: int, now: datetime) -> ColumnElement[bool]:
    return or_(
        QcPick.claimed_by_id.is_(None),
        QcPick.claimed_by_id == me,
        QcPick.lease_expires_at < now,
    )


def _held_message(session: Session, contact_id: int, now: datetime) -> UserError:
    pick = session.execute(
        select(QcPick.claimed_by_id, QcPick.lease_expires_at).where(QcPick.contact_id == contact_id)
    ).first()
    if pick is None:
        return NotFound(
            "Этого звонка нет в выборке: выберите его для целевой прослушки или возьмите "
            "другой из очереди."
        )
    if session.scalar(select(_published_primary(contact_id))):
        return UserError("Этот звонок уже оценён: оценка опубликована.")
    name = session.scalar(select(Employee.full_name).where(Employee.id == pick[0])) or ""
    minutes = max(1, math.ceil((pick[1] - now).total_seconds() / 60)) if pick[1] else 0
    return UserError(
        f"Этот звонок сейчас оценивает {name} (захват ещё на {minutes} мин.). "
        "Возьмите другой звонок из очереди."
    )


def claim(session: Session, actor: Actor, contact_id: int, *, now: datetime) -> Done[int]:
    """Take the picked call `contact_id` to score it (or renew one's own hold); refused in words
    while another supervisor holds it or once it is scored. Returns the call's id."""
    require_scorer(actor)
    begin_write(session)
    lease = load_settings(session).lease
    taken = session.execute(
        update(QcPick)
        .where(
            QcPick.contact_id == contact_id,
            _free(actor.employee_id, now),
            ~_published_primary(QcPick.contact_id),
        )
        .values(
            claimed_by_id=actor.employee_id,
            lease_expires_at=now + lease,
            version=QcPick.version + 1,
        )
        .returning(QcPick.contact_id)
        .execution_options(synchronize_session=False)
    ).first()
    if taken is None:
        raise _held_message(session, contact_id, now)
    return Done(contact_id, Changes.of(contacts=[contact_id]))


def claim_next(
    session: Session,
    actor: Actor,
    start: datetime,
    end: datetime,
    *,
    now: datetime,
    operator_id: int | None = None,
) -> Done[int | None]:
    """Take the next unscored call of the period's sample nobody holds (of one operator, if
    given); None: nothing left. One UPDATE whose chosen row is locked with SKIP LOCKED on
    PostgreSQL, so concurrent supervisors pass over each other's; on SQLite the transaction
    begins immediate, so they queue."""
    require_scorer(actor)
    begin_write(session)
    settings = load_settings(session)
    pick = (
        select(QcPick.id)
        .where(
            QcPick.kind == PickKind.SAMPLE,
            QcPick.period_start == _utc(start),
            QcPick.period_end == _utc(end),
            QcPick.seed == settings.seed,
            or_(QcPick.claimed_by_id.is_(None), QcPick.lease_expires_at < now),
            ~_published_primary(QcPick.contact_id),
        )
        .order_by(QcPick.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if operator_id is not None:
        pick = pick.where(QcPick.operator_id == operator_id)
    taken = session.execute(
        update(QcPick)
        .where(QcPick.id == pick.scalar_subquery())
        .values(
            claimed_by_id=actor.employee_id,
            lease_expires_at=now + settings.lease,
            version=QcPick.version + 1,
        )
        .returning(QcPick.contact_id)
        .execution_options(synchronize_session=False)
    ).first()
    if taken is None:
        return Done(None, NOTHING)
    return Done(taken[0], Changes.of(contacts=[taken[0]]))


LEASE_LOST = (
    "Звонок больше не закреплён за вами (срок захвата истёк, его мог взять другой "
    "руководитель). Ваши оценки остались в форме: возьмите звонок снова."
)


def holds(session: Session, actor: Actor, contact_id: int, now: datetime) -> bool:
    return (
        session.scalar(
            select(QcPick.id).where(
                QcPick.contact_id == contact_id,
                QcPick.claimed_by_id == actor.employee_id,
                QcPick.lease_expires_at >= now,
            )
        )
        is not None
    )


def renew(session: Session, actor: Actor, contact_id: int, *, now: datetime) -> Changes:
    """Extend one's hold on a call being scored; `LeaseLost` once it is no longer one's."""
    require_scorer(actor)
    lease = load_settings(session).lease
    renewed = session.execute(
        update(QcPick)
        .where(
            QcPick.contact_id == contact_id,
            QcPick.claimed_by_id == actor.employee_id,
            QcPick.lease_expires_at >= now,
        )
        .values(lease_expires_at=now + lease)
        .returning(QcPick.id)
        .execution_options(synchronize_session=False)
    ).first()
    if renewed is None:
        raise LeaseLost(LEASE_LOST)
    return NOTHING


def release(session: Session, actor: Actor, contact_id: int) -> Changes:
    """Give a taken call back (its draft stays the supervisor's); a call no longer held by this
    supervisor is left as it is."""
    require_scorer(actor)
    released = session.execute(
        update(QcPick)
        .where(QcPick.contact_id == contact_id, QcPick.claimed_by_id == actor.employee_id)
        .values(claimed_by_id=None, lease_expires_at=None, version=QcPick.version + 1)
        .returning(QcPick.id)
        .execution_options(synchronize_session=False)
    ).first()
    return NOTHING if released is None else Changes.of(contacts=[contact_id])


def pick_targeted(session: Session, actor: Actor, contact_id: int, *, now: datetime) -> Done[int]:
    """Pick a call on purpose and take it (kept out of the sample's statistics); a call already
    drawn is simply taken."""
    require_scorer(actor)
    begin_write(session)
    row = session.execute(
        select(Contact.id, Contact.actual_at, Contact.operator_id, Work.stage_id,
               Work.closing_reason_id)
        .join(Work, Work.id == Contact.work_id)
        .where(Contact.id == contact_id)
    ).first()  # fmt: skip
    if row is None:
        raise NotFound("Звонок не найден: возможно, его удалили.")
    if row[1] is None:
        raise UserError("Этот контакт ещё не состоялся: слушать нечего.")
    if session.scalar(select(QcPick.id).where(QcPick.contact_id == contact_id)) is None:
        if session.scalar(select(_published_primary(contact_id))):
            raise UserError("Этот звонок уже оценён: оценка опубликована.")
        session.add(
            QcPick(
                contact_id=contact_id,
                kind=PickKind.TARGETED,
                operator_id=row[2],
                stage_id=row[3],
                closing_reason_id=row[4],
                picked_at=now,
                picked_by_id=actor.employee_id,
                claimed_by_id=actor.employee_id,
                lease_expires_at=now + load_settings(session).lease,
            )
        )
        session.flush()
        return Done(contact_id, Changes.of(contacts=[contact_id]))
    return claim(session, actor, contact_id, now=now)
