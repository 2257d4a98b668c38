"""`ric-desk report contacts`: the contact report's groups as CSV on standard output."""

from __future__ import annotations

import argparse
import csv
import os
import sys

from sqlalchemy.engine import URL

from ric_desk.cli.common import current_store
from ric_desk.errors import UserError


def _names(raw: str | None, default: list[str]) -> list[str]:
    if raw is None:
        return default
    return [n.strip() for n in raw.split(",") if n.strip()]


def _number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def cmd_report(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.actor import Actor, Role
    from ric_desk.cli.common import acting
    from ric_desk.reports import service
    from ric_desk.reports.names import MEASURES
    from ric_desk.reports.pivot import build
    from ric_desk.reports.spec import Period, ReportSpec

    rows = _names(args.rows, [])
    measures = _names(args.measures, list(MEASURES))
    spec = ReportSpec(rows=tuple(rows), measures=tuple(measures))
    spec.check()  # before the database is read
    period = Period(args.period_from, args.period_to)
    if args.out != "-":
        raise UserError("Пока отчёт выводится только в стандартный вывод: укажите --out -.")
    store = current_store(url)
    with store.session(read_only=True) as s:
        # the database's user sees what the database lets them: all rows, unless an employee
        actor = acting(s, None, url) or Actor(0, "", Role.DIRECTOR)
    report = build(service.load(store, actor, period, spec), spec)
    out = csv.writer(sys.stdout, lineterminator="\n")
    try:
        out.writerow(["level", *rows, *measures])
        for g in report.walk():
            keys = [report.script_value(d, v) for d, v in zip(rows, g.key, strict=False)]
            keys += [""] * (len(rows) - len(keys))
            out.writerow([g.level, *keys, *(_number(g.values[m]) for m in measures)])
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (`| head`) has had enough: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
