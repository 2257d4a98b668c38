"""`ric-desk calling`: the calling rules, their settings and the working calendar."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy.engine import URL

from ric_desk.cli.common import current_store
from ric_desk.errors import UserError


def cmd_calling(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.calls import rules as calling

    with current_store(url).session() as s:
        if args.calling_command == "set":
            values = {}
            for pair in args.pairs:
                key, sep, raw = pair.partition("=")
                if not sep:
                    raise UserError(f"«{pair}»: пишите КЛЮЧ=ЗНАЧЕНИЕ, например hours_from=09:00.")
                values[key.strip()] = calling.parse_setting(key.strip(), raw)
            calling.save_settings(s, **values)
            s.flush()
            calling.check_hours(calling.load_rules(s))
        elif args.calling_command == "day":
            calling.set_day(s, args.day, args.kind == "working", args.title)
        rules = calling.load_rules(s)
    weekend = ", ".join(str(d) for d in sorted(rules.weekend))
    print(
        f"Часы звонков (время клиента): {rules.hours_from:%H:%M}-{rules.hours_to:%H:%M}; "
        f"выходные дни недели: {weekend}; повторный звонок остаётся за оператором "
        f"{int(rules.recall_grace.total_seconds() // 60)} мин; захват работы "
        f"{int(rules.lease.total_seconds() // 60)} мин."
    )
    upcoming = sorted(d for d in rules.days if d >= date.today().replace(month=1, day=1))
    for day in upcoming:
        working, title = rules.days[day]
        kind = "рабочий" if working else "нерабочий"
        print(f"  {day:%d.%m.%Y}: {kind}" + (f" ({title})" if title else ""))
    return 0
