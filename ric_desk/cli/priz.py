"""`ric-desk priz`: run the ПРИЗ rules for every client, give clients a task."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

from ric_desk.cli.common import connect, thousands
from ric_desk.errors import UserError

if TYPE_CHECKING:
    from ric_desk.store import Store


def cmd_priz(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.db import migrate
    from ric_desk.store import Store

    engine = connect(url)
    migrate.require_current(engine)
    store = Store(engine, url)
    if args.priz_command == "refresh":
        return _priz_refresh(store, args.as_of or date.today())
    return _priz_assign(store, args, url)


def _priz_refresh(store: Store, today: date) -> int:
    import time

    from ric_desk.priz import daily
    from ric_desk.priz.refresh import refresh

    started = time.perf_counter()
    with store.session() as s:
        result = refresh(s, today)
        if today == date.today():  # the workstations need not run it again today
            daily.mark_refreshed(s, today)
    seconds = time.perf_counter() - started
    raised, retired = thousands(result.raised), thousands(result.retired)
    print(f"ПРИЗ на {today:%d.%m.%Y}: новых {raised}, снято {retired}")
    for rule in result.rules:
        print(f"  {rule.title}: новых {thousands(rule.raised)}, снято {thousands(rule.retired)}")
    print(f"Готово за {seconds:.1f} с.".replace(".", ",", 1))
    return 0


def _priz_assign(store: Store, args: argparse.Namespace, url: URL) -> int:
    from ric_desk.clients import lookups
    from ric_desk.clients.listing import ClientFilter
    from ric_desk.priz.tasks import assign_task, assign_task_matching

    with store.session() as s:
        author = lookups.actor(s, args.author) if args.author else None
        if args.author and author is None:
            raise UserError(f"Сотрудник с логином «{args.author}» не найден.")
        if author is None and url.username:
            author = lookups.actor(s, url.username)
        if args.client:
            if args.text or args.responsible or args.region or args.expired:
                raise UserError(
                    "Фильтр (--text, --responsible, --region, --expired) задаётся "
                    "только с --all-matching, а не с --client."
                )
            found = lookups.client_ids(s, args.client)
            count = assign_task(s, args.title, found.values(), author, args.comment).value
        else:
            responsible = None
            if args.responsible:
                responsible = lookups.employee_id(s, args.responsible)
                if responsible is None:
                    raise UserError(f"Сотрудник с логином «{args.responsible}» не найден.")
            flt = ClientFilter(
                text=args.text,
                responsible_id=responsible,
                region_code=args.region,
                only_with_expired=args.expired,
            )
            count = assign_task_matching(s, args.title, flt, author, args.comment).value
            if count == 0:
                raise UserError("Под фильтр не подошёл ни один клиент: задания не созданы.")
    print(f"Задание «{' '.join(args.title.split())}» дано клиентам: {thousands(count)}.")
    return 0
