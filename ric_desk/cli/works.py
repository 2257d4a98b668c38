"""`ric-desk works plan`: a work for each client named or matching the list's filter."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from ric_desk.cli.common import acting, chosen_clients, current_store, thousands
from ric_desk.errors import UserError
from ric_desk.models import Campaign, Direction


def _named(
    session: Session, model: type[Campaign | Direction], name: str | None, what: str
) -> int | None:
    """The id of the campaign or direction called `name`; refused listing the names there are."""
    if name is None:
        return None
    found: int | None = session.scalar(select(model.id).where(model.name == " ".join(name.split())))
    if found is None:
        names = session.scalars(select(model.name).order_by(model.name))
        known = ", ".join(f"«{n}»" for n in names)
        raise UserError(f"{what} «{name[:100]}» нет. Есть: {known or 'ни одного'}.")
    return found


def cmd_works(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.calls.planning import BulkPlan, Executors, plan_matching
    from ric_desk.clients import lookups

    with current_store(url).session() as s:
        author = acting(s, args.author, url)
        direction = _named(s, Direction, args.direction, "Направления")
        if direction is None:
            direction = s.scalar(
                select(Direction.id).where(Direction.active.is_(True)).order_by(Direction.id)
            )
            if direction is None:
                raise UserError("В базе нет ни одного направления деятельности.")
        campaign = _named(s, Campaign, args.campaign, "Кампании")
        executors, executor_ids = Executors.POOL, tuple[int, ...]()
        if args.executor:
            executors = Executors.ROUND_ROBIN
            ids = []
            for login in args.executor:
                found = lookups.employee_id(s, login)
                if found is None:
                    raise UserError(f"Сотрудник с логином «{login}» не найден.")
                ids.append(found)
            executor_ids = tuple(dict.fromkeys(ids))
        elif args.to_responsible:
            executors = Executors.RESPONSIBLE
        only, flt = chosen_clients(s, args)
        plan = BulkPlan(
            stage_id=args.stage,
            direction_id=direction,
            first_day=args.first_day or date.today(),
            days=args.days,
            goal=args.goal or "",
            executors=executors,
            executor_ids=executor_ids,
            campaign_id=campaign,
            again=args.again,
        )
        report = plan_matching(s, author, flt, plan, only=only).value
    if report.matched == 0:
        raise UserError("Под фильтр не подошёл ни один клиент: работы не запланированы.")
    days = ", ".join(f"{d:%d.%m.%Y}" for d in report.days)
    print(f"Запланировано работ: {thousands(report.planned)}" + (f" на {days}." if days else "."))
    if report.already:
        print(
            f"У {thousands(report.already)} клиентов уже есть открытая работа этого этапа: "
            "им не запланировано (--again, чтобы запланировать ещё одну)."
        )
    if report.pooled:
        print(f"Без ответственного, в общую очередь: {thousands(report.pooled)}.")
    return 0
