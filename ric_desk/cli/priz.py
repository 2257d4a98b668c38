"""`ric-desk priz`: run the ПРИЗ rules for every client, give clients a task."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

from ric_desk.cli.common import acting, chosen_clients, connect, thousands
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
    from ric_desk.priz.tasks import assign_task, assign_task_matching

    with store.session() as s:
        author = acting(s, args.author, url)
        only, flt = chosen_clients(s, args)
        if only is not None:
            count = assign_task(s, args.title, only, author, args.comment).value
        else:
            count = assign_task_matching(s, args.title, flt, author, args.comment).value
            if count == 0:
                raise UserError("Под фильтр не подошёл ни один клиент: задания не созданы.")
    print(f"Задание «{' '.join(args.title.split())}» дано клиентам: {thousands(count)}.")
    return 0
