"""`ric-desk report contacts|dims|measures`: the contact report without a screen.

`report contacts` writes the report to an .xlsx (grouped as the screen shows it), a .csv, or
(`--out -`) CSV on standard output; `report dims` and `report measures` list the stable names
it accepts, with their Russian titles, one per line (`NAME<TAB>TITLE`).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import URL

from ric_desk.actor import Actor, Role
from ric_desk.cli.common import acting, current_store
from ric_desk.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ric_desk.reports.pivot import Report
    from ric_desk.reports.spec import ReportSpec

STDOUT = "-"
# who reads when the database's user is no employee: the database lets them see all its rows
EVERYONE = Actor(0, "", Role.DIRECTOR)


def _names(raw: str | None) -> tuple[str, ...] | None:
    """A comma-separated list of names; None when the option was not given."""
    if raw is None:
        return None
    return tuple(n.strip() for n in raw.split(",") if n.strip())


def _segment_types(session: Session) -> list[str]:
    from ric_desk.models.functional_map import SegmentType

    return list(session.scalars(select(SegmentType.name).order_by(SegmentType.name)))


def _operator_ids(session: Session, logins: list[str]) -> frozenset[int]:
    from ric_desk.clients import lookups

    ids, unknown = set(), []
    for login in dict.fromkeys(n.strip() for raw in logins for n in raw.split(",") if n.strip()):
        found = lookups.employee_id(session, login)
        if found is None:
            unknown.append(login)
        else:
            ids.add(found)
    if unknown:
        shown = ", ".join(f"«{login}»" for login in unknown)
        raise UserError(f"Сотрудник с логином {shown} не найден (--operator).")
    return frozenset(ids)


def _spec(
    session: Session, actor: Actor | None, args: argparse.Namespace
) -> tuple[ReportSpec, str | None]:
    """The report asked for: the saved configuration (--config), with what the options give
    explicitly taking its place; the configuration's name."""
    from ric_desk.reports.configs import find_config
    from ric_desk.reports.names import MEASURES
    from ric_desk.reports.spec import ReportSpec

    name = None
    if args.config is not None:
        saved = find_config(session, actor, args.config)
        spec, name = saved.spec, saved.name
    else:
        spec = ReportSpec(rows=(), measures=tuple(MEASURES))
    rows, cols, measures = _names(args.rows), _names(args.cols), _names(args.measures)
    spec = spec.with_(
        rows=spec.rows if rows is None else rows,
        cols=spec.cols if cols is None else cols,
        measures=spec.measures if measures is None else measures,
    )
    if args.operator:
        operators = _operator_ids(session, args.operator)
        spec = spec.with_(filters=replace(spec.filters, operator_ids=operators))
    spec.check(_segment_types(session))
    return spec, name


def _target(raw: str) -> Path | None:
    """The file to write (checked before the database is read); None for standard output."""
    from ric_desk.reports.export import check_out

    if raw == STDOUT:
        return None
    path = Path(raw)
    check_out(path)
    return path


def cmd_contacts(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.reports import pivot, service
    from ric_desk.reports.export import write_csv, write_xlsx
    from ric_desk.reports.spec import Period, ReportSpec

    period = Period(args.period_from, args.period_to)
    if args.config is None:  # the names, before the database is opened
        ReportSpec(
            rows=_names(args.rows) or (),
            cols=_names(args.cols) or (),
            measures=_names(args.measures) or ("works",),
        ).check()
    if args.rows is None and args.config is None:
        raise UserError(
            "Укажите разрезы строк (--rows, например operator,reason) или сохранённую настройку "
            "(--config). Список разрезов: «ric-desk report dims»."
        )
    target = _target(args.out)
    store = current_store(url)
    with store.session(read_only=True) as s:
        actor = acting(s, args.author, url)
        spec, config_name = _spec(s, actor, args)
    facts = service.load(store, actor or EVERYONE, period, spec)
    report = pivot.build(facts, spec)
    if target is None:
        _to_stdout(report)
    elif target.suffix.lower() == ".csv":
        write_csv(report, target)
    else:
        write_xlsx(report, target, config_name)
    return 0


def _to_stdout(report: Report) -> None:
    from ric_desk.reports.export import write_csv

    try:
        write_csv(report, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (`| head`) has had enough: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def cmd_dims(url: URL) -> int:
    from ric_desk.reports.names import DIMENSIONS, SEGMENT_PREFIX

    with current_store(url).session(read_only=True) as s:
        segments = _segment_types(s)
    for name, title in DIMENSIONS.items():
        print(f"{name}\t{title}")
    for segment in segments:
        print(f"{SEGMENT_PREFIX}{segment}\t{segment}")
    return 0


def cmd_measures() -> int:
    from ric_desk.reports.names import MEASURES

    for name, title in MEASURES.items():
        print(f"{name}\t{title}")
    return 0


def cmd_report(args: argparse.Namespace, url: URL) -> int:
    if args.report_command == "dims":
        return cmd_dims(url)
    if args.report_command == "measures":
        return cmd_measures()
    return cmd_contacts(args, url)
