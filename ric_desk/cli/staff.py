"""`ric-desk staff`: the employees with their groups; `staff group LOGIN --supervisor LOGIN`."""

from __future__ import annotations

import argparse

from sqlalchemy.engine import URL

from ric_desk.cli.common import current_store

ROLE_TITLES = {
    "operator": "специалист",
    "supervisor": "руководитель",
    "director": "директор",
    "admin": "администратор",
}


def cmd_staff(args: argparse.Namespace, url: URL) -> int:
    from ric_desk import staff

    store = current_store(url)
    if args.staff_command == "group":
        supervisor = None if args.no_group else args.supervisor
        with store.session() as s:
            staff.set_supervisor(s, args.login, supervisor)
        if supervisor is None:
            print(f"{args.login}: вне групп.")
        else:
            print(f"{args.login}: в группе {supervisor}.")
        return 0
    with store.session(read_only=True) as s:
        rows = staff.staff(s)
    for row in rows:
        group = f"группа {row.supervisor}" if row.supervisor else "—"
        active = "" if row.active else " (не работает)"
        print(f"{row.login}\t{row.full_name}\t{ROLE_TITLES[row.role.value]}\t{group}{active}")
    return 0
