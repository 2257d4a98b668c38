"""Planning works: one for a client from its card, or one for each client of a filtered list.

A work is planned at a moment the calling rules allow at the client (its local calling hours on a
working day of the RIC's calendar). Planning is idempotent by stage: a client that already has
an open work of the stage gets no second one unless asked (`again`). A list is spread over a
number of working days, each day's clients evenly over the calling hours, and given to the
clients' responsible employees, to chosen executors in turn, or to the team's pool.

Anyone may plan a work from a card; planning for a list is a supervisor's or an administrator's
(the command line may act as nobody). Numbers continue the highest work number.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.calls import rules as calling
from ric_desk.calls.queue import OPEN_STATES
from ric_desk.changes import Changes, Done
from ric_desk.clients import listing
from ric_desk.clients.listing import ClientFilter
from ric_desk.errors import Cancelled, NotAllowed, NotFound, UserError
from ric_desk.models import (
    Campaign,
    Client,
    ContactPerson,
    Direction,
    Employee,
    Region,
    Stage,
    Work,
    WorkState,
)
from ric_desk.models.base import utcnow
from ric_desk.store import Store
from ric_desk.validation import clean_field

GOAL_LENGTH = 2000
MAX_DAYS = 60  # a spread longer than about three months of working days is a typo
BULK_LIMIT = 20_000  # more clients than this in one plan is a list left unfiltered
CHUNK = 500
PAST_TOLERANCE = timedelta(minutes=5)  # "now" typed a moment ago is still now


class Executors(StrEnum):
    """Who gets the works of a list."""

    POOL = "pool"  # the team's pool: the first free operator takes it
    RESPONSIBLE = "responsible"  # each client's responsible employee (the pool where none)
    ROUND_ROBIN = "round_robin"  # the chosen executors in turn


@dataclass(frozen=True)
class StageChoice:
    id: int
    name: str
    goal: str | None


@dataclass(frozen=True)
class PlanChoices:
    """What the planning dialogs offer: dictionaries, executors, the client's persons and a
    first moment the client may be called."""

    stages: list[StageChoice]
    directions: list[tuple[int, str]]
    campaigns: list[tuple[int, str]]
    executors: list[tuple[int, str]]  # active operators and supervisors
    persons: list[tuple[int, str]] = field(default_factory=list)
    responsible_id: int | None = None
    suggested: datetime | None = None  # aware, UTC: the next moment the client may be called
    client_zone: str | None = None


def _active(
    session: Session, key: Any, name: Any, active: Any, order: Any
) -> list[tuple[int, str]]:
    """(id, name) of the active rows of a dictionary, in order."""
    statement = select(key, name).where(active.is_(True)).order_by(order)
    return [(i, text) for i, text in session.execute(statement)]


def plan_choices(session: Session, client_id: int | None, now: datetime) -> PlanChoices:
    stages = [
        StageChoice(i, name, goal)
        for i, name, goal in session.execute(
            select(Stage.id, Stage.name, Stage.goal).order_by(Stage.id)
        )
    ]
    directions = _active(session, Direction.id, Direction.name, Direction.active, Direction.id)
    campaigns = _active(session, Campaign.id, Campaign.name, Campaign.active, Campaign.name)
    executors = _active(
        session, Employee.id, Employee.full_name, Employee.active, Employee.full_name
    )
    if client_id is None:
        return PlanChoices(stages, directions, campaigns, executors)
    found = session.execute(select(Client.responsible_id).where(Client.id == client_id)).first()
    if found is None:
        raise NotFound("Клиент не найден: возможно, его удалили.")
    responsible = found[0]
    persons = [
        (i, " ".join(p for p in (last, first, middle) if p))
        for i, last, first, middle in session.execute(
            select(
                ContactPerson.id,
                ContactPerson.last_name,
                ContactPerson.first_name,
                ContactPerson.middle_name,
            )
            .where(ContactPerson.client_id == client_id)
            .order_by(ContactPerson.last_name, ContactPerson.id)
        )
    ]
    zone_name = calling.client_zone(session, client_id)
    rules = calling.load_rules(session)
    local = now.astimezone(calling.zone(zone_name))
    suggested = rules.next_allowed(local).astimezone(UTC)
    return PlanChoices(
        stages,
        directions,
        campaigns,
        executors,
        persons,
        responsible,
        suggested,
        zone_name,
    )


# -- one work ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkPlan:
    """One work for one client, as the card's dialog fills it in."""

    client_id: int
    stage_id: int
    direction_id: int
    planned_at: datetime  # aware
    goal: str = ""
    contact_person_id: int | None = None
    executor_id: int | None = None  # None: the team's pool
    campaign_id: int | None = None
    again: bool = False  # plan even if the client has an open work of this stage


def _goal(text: str, stage: Stage) -> str | None:
    return clean_field(text, "Цель работы", GOAL_LENGTH, multiline=True) or stage.goal


def _stage(session: Session, stage_id: int) -> Stage:
    stage = session.get(Stage, stage_id)
    if stage is None:
        raise UserError(f"Этапа {stage_id} нет: этапы работы с клиентом — 1-7.")
    return stage


def _direction(session: Session, direction_id: int) -> None:
    direction = session.get(Direction, direction_id)
    if direction is None or not direction.active:
        raise UserError("Такого направления деятельности нет (или оно больше не используется).")


def _campaign(session: Session, campaign_id: int | None) -> None:
    if campaign_id is None:
        return
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or not campaign.active:
        raise UserError("Такой кампании нет (или она уже не активна).")


def _executors(session: Session, ids: Sequence[int]) -> None:
    if not ids:
        return
    active = set(
        session.scalars(select(Employee.id).where(Employee.id.in_(ids), Employee.active.is_(True)))
    )
    if missing := [i for i in ids if i not in active]:
        raise UserError(f"Исполнитель не найден или уволен (код {missing[0]}): выберите другого.")


def _open_of_stage(
    session: Session, client_ids: Sequence[int], stage_id: int
) -> dict[int, tuple[int, datetime]]:
    """Client id -> (number, planned at) of an open work of the stage, for these clients."""
    found: dict[int, tuple[int, datetime]] = {}
    for start in range(0, len(client_ids), CHUNK):
        chunk = client_ids[start : start + CHUNK]
        for client_id, number, planned_at in session.execute(
            select(Work.client_id, Work.number, Work.planned_at).where(
                Work.client_id.in_(chunk),
                Work.stage_id == stage_id,
                Work.state.in_(OPEN_STATES),
            )
        ):
            found.setdefault(client_id, (number, planned_at))
    return found


def _next_numbers(session: Session, count: int) -> Iterator[int]:
    """Work numbers after the highest one; a concurrent planner taking the same numbers makes
    this transaction fail on the unique number, which the user is told to repeat."""
    highest = session.scalar(select(func.max(Work.number))) or 0
    return iter(range(highest + 1, highest + 1 + count))


def _insert(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    result = session.execute(insert(Work).returning(Work.id), rows)
    return list(result.scalars())


def _row(
    number: int,
    client_id: int,
    stage_id: int,
    direction_id: int,
    planned_at: datetime,
    goal: str | None,
    author_id: int | None,
    *,
    executor_id: int | None,
    person_id: int | None = None,
    campaign_id: int | None = None,
) -> dict[str, Any]:
    moment = utcnow()
    return {
        "number": number,
        "client_id": client_id,
        "direction_id": direction_id,
        "stage_id": stage_id,
        "campaign_id": campaign_id,
        "contact_person_id": person_id,
        "executor_id": executor_id,
        "author_id": author_id,
        "planned_at": planned_at.astimezone(UTC),
        "state": WorkState.PLANNED,
        "goal": goal,
        "created_at": moment,
        "updated_at": moment,
        "version": 1,
    }


def plan_work(
    session: Session, actor: Actor | None, plan: WorkPlan, *, now: datetime | None = None
) -> Done[int]:
    """Plan one work; its id. Refused with words when the client has an open work of the stage
    (unless `again`), when the moment is past or the client may not be called then."""
    now = now or datetime.now(UTC)
    client = session.get(Client, plan.client_id)
    if client is None:
        raise NotFound("Клиент не найден: возможно, его удалили.")
    stage = _stage(session, plan.stage_id)
    _direction(session, plan.direction_id)
    _campaign(session, plan.campaign_id)
    if plan.executor_id is not None:
        _executors(session, [plan.executor_id])
    if plan.contact_person_id is not None:
        person = session.get(ContactPerson, plan.contact_person_id)
        if person is None or person.client_id != plan.client_id:
            raise UserError("Это контактное лицо не у этого клиента: выберите из списка.")
    goal = _goal(plan.goal, stage)
    if plan.planned_at.tzinfo is None:
        raise ValueError("planned_at must be aware")
    if plan.planned_at < now - PAST_TOLERANCE:
        raise UserError("Это время уже прошло: выберите время не раньше текущего.")
    zone_name = calling.client_zone(session, plan.client_id)
    rules = calling.load_rules(session)
    local = plan.planned_at.astimezone(calling.zone(zone_name))
    if not rules.allowed_at(local):
        allowed = rules.next_allowed(local)
        raise UserError(
            f"У клиента в это время {local:%d.%m.%Y %H:%M} — звонить нельзя "
            f"(часы звонков с {rules.hours_from:%H:%M} до {rules.hours_to:%H:%M} "
            f"в рабочие дни). Ближайшее подходящее время у клиента: {allowed:%d.%m.%Y %H:%M}."
        )
    if not plan.again:
        existing = _open_of_stage(session, [plan.client_id], plan.stage_id)
        if plan.client_id in existing:
            number, planned_at = existing[plan.client_id]
            raise UserError(
                f"У клиента уже есть открытая работа этапа «{stage.name}»: №{number} на "
                f"{planned_at.astimezone(calling.zone(zone_name)):%d.%m.%Y %H:%M}. "
                "Чтобы запланировать ещё одну, отметьте «Ещё одна работа этого этапа»."
            )
    (number,) = _next_numbers(session, 1)
    (work_id,) = _insert(
        session,
        [
            _row(
                number,
                plan.client_id,
                plan.stage_id,
                plan.direction_id,
                plan.planned_at,
                goal,
                actor.employee_id if actor else None,
                executor_id=plan.executor_id,
                person_id=plan.contact_person_id,
                campaign_id=plan.campaign_id,
            )
        ],
    )
    return Done(work_id, Changes.of(works=[work_id], clients=[plan.client_id]))


# -- a list of clients ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkPlan:
    """One work for each client of a filtered list."""

    stage_id: int
    direction_id: int
    first_day: date
    days: int = 1  # working days to spread the works over
    goal: str = ""
    executors: Executors = Executors.POOL
    executor_ids: tuple[int, ...] = ()  # for ROUND_ROBIN
    campaign_id: int | None = None
    again: bool = False


@dataclass(frozen=True)
class PlanReport:
    matched: int  # clients under the filter
    planned: int
    already: int  # skipped: an open work of the stage was there
    days: tuple[date, ...]  # the working days the works were spread over
    pooled: int = 0  # given to the pool because the client has no responsible employee


def working_days(rules: calling.CallingRules, first: date, count: int) -> list[date]:
    days: list[date] = []
    day = first
    while len(days) < count:
        if rules.day_off(day) is None:
            days.append(day)
        day += timedelta(days=1)
        if day - first > timedelta(days=count * 7 + 400):
            raise UserError("В рабочем календаре не нашлось столько рабочих дней.")
    return days


def spread(
    rules: calling.CallingRules, day: date, slot: int, slots: int, zone_name: str | None
) -> datetime:
    """The `slot`-th of `slots` moments spread evenly over the calling hours of `day` at the
    client (aware, UTC); whole minutes."""
    start = datetime.combine(day, rules.hours_from)
    span = datetime.combine(day, rules.hours_to) - start
    offset = span * (2 * slot + 1) / (2 * slots)
    local = (start + offset).replace(second=0, microsecond=0)
    return local.replace(tzinfo=calling.zone(zone_name)).astimezone(UTC)


def office_today(now: datetime | None = None) -> date:
    """Today in the office's time zone: the first day a list's works may be planned for (the
    workstation's own clock may be in another zone, or in UTC)."""
    return (now or datetime.now(UTC)).astimezone(calling.zone(None)).date()


def _check_bulk(session: Session, actor: Actor | None, bulk: BulkPlan, today: date) -> Stage:
    if actor is not None and not actor.gives_tasks:
        raise NotAllowed("Работы для списка клиентов планируют супервизоры и администраторы.")
    stage = _stage(session, bulk.stage_id)
    _direction(session, bulk.direction_id)
    _campaign(session, bulk.campaign_id)
    if not 1 <= bulk.days <= MAX_DAYS:
        raise UserError(f"Распределить работы можно на 1-{MAX_DAYS} рабочих дней.")
    if bulk.first_day < today:
        raise UserError("Первый день уже прошёл: выберите сегодняшний или будущий день.")
    if bulk.executors is Executors.ROUND_ROBIN:
        if not bulk.executor_ids:
            raise UserError("Выберите хотя бы одного исполнителя.")
        _executors(session, bulk.executor_ids)
    return stage


Progress = Callable[[int, int], None]  # done, of total
IsCancelled = Callable[[], bool]


def plan_matching(
    session: Session,
    actor: Actor | None,
    flt: ClientFilter,
    bulk: BulkPlan,
    *,
    now: datetime | None = None,
    only: Collection[int] | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Done[PlanReport]:
    """A work for each client the list shows under `flt` (and among `only`, when given),
    spread over working days."""
    now = now or datetime.now(UTC)
    today = office_today(now)
    stage = _check_bulk(session, actor, bulk, today)
    goal = _goal(bulk.goal, stage)
    where = listing.conditions(session, flt, today).where
    if only is not None:
        where.append(Client.id.in_(sorted(set(only))))
    clients = session.execute(
        select(Client.id, Client.responsible_id, Client.time_zone, Region.time_zone)
        .outerjoin(Region, Region.code == Client.region_code)
        .where(*where)
        .order_by(Client.reg_number)
        .limit(BULK_LIMIT + 1)
    ).all()
    if len(clients) > BULK_LIMIT:
        raise UserError(
            f"Под фильтр подходит больше {BULK_LIMIT:,} клиентов: сузьте список.".replace(",", " ")
        )
    existing = {} if bulk.again else _open_of_stage(session, [c[0] for c in clients], stage.id)
    todo = [c for c in clients if c[0] not in existing]
    rules = calling.load_rules(session)
    days = working_days(rules, bulk.first_day, bulk.days) if todo else []
    numbers = _next_numbers(session, len(todo))
    author_id = actor.employee_id if actor else None
    earliest = now + timedelta(minutes=5)
    rows: list[dict[str, Any]] = []
    ids: list[int] = []
    pooled = 0
    per_day = [0] * len(days)
    for i in range(len(todo)):
        per_day[i * len(days) // len(todo)] += 1
    slot_of_day = [0] * len(days)
    for i, (client_id, responsible_id, own_zone, region_zone) in enumerate(todo):
        if cancelled is not None and cancelled():
            raise Cancelled("Планирование отменено: ни одна работа не запланирована.")
        day_index = i * len(days) // len(todo)
        zone_name = calling.zone_name(own_zone, region_zone)
        slot, slots = slot_of_day[day_index], per_day[day_index]
        moment = spread(rules, days[day_index], slot, slots, zone_name)
        slot_of_day[day_index] += 1
        if moment < earliest:  # today's hours already gone by at the client: the next free
            local = earliest.astimezone(calling.zone(zone_name)).replace(second=0, microsecond=0)
            moment = rules.next_allowed(local + timedelta(minutes=1)).astimezone(UTC)
        if bulk.executors is Executors.RESPONSIBLE:
            executor = responsible_id
            pooled += executor is None
        elif bulk.executors is Executors.ROUND_ROBIN:
            executor = bulk.executor_ids[i % len(bulk.executor_ids)]
        else:
            executor = None
        rows.append(
            _row(
                next(numbers),
                client_id,
                stage.id,
                bulk.direction_id,
                moment,
                goal,
                author_id,
                executor_id=executor,
                campaign_id=bulk.campaign_id,
            )
        )
        if len(rows) == CHUNK:
            ids += _insert(session, rows)
            rows = []
            if progress is not None:
                progress(i + 1, len(todo))
    ids += _insert(session, rows)
    if progress is not None:
        progress(len(todo), len(todo))
    report = PlanReport(
        matched=len(clients),
        planned=len(ids),
        already=len(clients) - len(todo),
        days=tuple(days),
        pooled=pooled if bulk.executors is Executors.RESPONSIBLE else 0,
    )
    planned_clients = [c[0] for c in todo]
    return Done(report, Changes.of(works=ids, clients=planned_clients) if ids else Changes())


def plan_listed(
    store: Store,
    actor: Actor | None,
    flt: ClientFilter,
    bulk: BulkPlan,
    progress: Progress,
    cancelled: IsCancelled,
) -> Done[PlanReport]:
    """`plan_matching` in a transaction of its own, for the workstation's long jobs: all or
    nothing, Cancel included."""
    with store.session() as s:
        return plan_matching(s, actor, flt, bulk, progress=progress, cancelled=cancelled)
