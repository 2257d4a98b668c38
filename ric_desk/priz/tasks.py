"""Tasks given to clients by hand: one ПРИЗ task item per client, by id or by the list's filter.

Only supervisors and administrators give tasks (`Actor.gives_tasks`); the command line may act as
nobody (`actor` None: the items have no author)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import ColumnElement, String, insert, literal, null, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.clients import listing
from ric_desk.errors import NotAllowed, UserError
from ric_desk.models import Client, PrizKind
from ric_desk.models.base import UtcDateTime, utcnow
from ric_desk.priz.refresh import _NEW_ITEM, _chunks, _items, _new_item, _rowcount
from ric_desk.priz.rules import TITLE_LENGTH
from ric_desk.validation import clean_field


def _author(actor: Actor | None) -> int | None:
    if actor is None:
        return None
    if not actor.gives_tasks:
        raise NotAllowed("Задания клиентам дают супервизоры и администраторы.")
    return actor.employee_id


def _task_title(title: str) -> str:
    text = " ".join((clean_field(title, "Текст задания", None, multiline=True) or "").split())
    if not text:
        raise UserError("Укажите текст задания.")
    if len(text) > TITLE_LENGTH:
        raise UserError(f"Текст задания длиннее {TITLE_LENGTH} символов: сократите его.")
    return text


def _assign(
    session: Session,
    title: str,
    where: Sequence[ColumnElement[bool]],
    author_id: int | None,
    comment: str | None,
) -> int:
    statement = insert(_items).from_select(
        ["client_id", "title", "author_id", "comment", *_NEW_ITEM],
        select(
            Client.id,
            literal(title, String()),
            literal(author_id) if author_id is not None else null(),
            literal(comment, String()) if comment else null(),
            *_new_item(PrizKind.TASK, literal(utcnow(), UtcDateTime())),
        ).where(*where),
    )
    session.flush()
    return _rowcount(session.connection(), statement, {})


def assign_task(
    session: Session,
    title: str,
    client_ids: Collection[int],
    actor: Actor | None,
    comment: str | None = None,
) -> Done[int]:
    """A task item for each of these clients (ids of no client are skipped); how many were made."""
    author_id = _author(actor)
    text = _task_title(title)
    comment = (comment or "").strip() or None
    ids = sorted(set(client_ids))
    made = sum(
        _assign(session, text, [Client.id.in_(chunk)], author_id, comment) for chunk in _chunks(ids)
    )
    return Done(made, Changes.of(clients=ids, priz=ids) if made else Changes())


def assign_task_matching(
    session: Session,
    title: str,
    flt: listing.ClientFilter,
    actor: Actor | None,
    comment: str | None = None,
    on: date | None = None,
) -> Done[int]:
    """A task item for every client the list's filter finds (as the list shows it on `on`).

    The clients are many and not listed one by one: the change is `all_clients`."""
    author_id = _author(actor)
    text = _task_title(title)
    comment = (comment or "").strip() or None
    conditions = listing.conditions(session, flt, on or date.today())
    made = _assign(session, text, conditions.where, author_id, comment)
    return Done(made, Changes(all_clients=True) if made else Changes())
