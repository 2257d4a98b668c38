"""`ric-desk report contacts`: the contact report's groups as CSV on standard output."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from datetime import date
from typing import Any

from sqlalchemy.engine import URL

from ric_desk.cli.common import current_store
from ric_desk.errors import UserError


def _names(raw: str | None, default: list[str]) -> list[str]:
    if raw is None:
        return default
    return [n.strip() for n in raw.split(",") if n.strip()]


def _cell(dimension: str, value: Any, labels: dict[str, list[str]]) -> str:
    """A dimension's value for scripts: ids as they are, coded texts as their text, flags 1/0."""
    from ric_desk.reports.pivot import DIMENSIONS

    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    column = DIMENSIONS[dimension]
    if column in labels:
        return str(labels[column][value])
    return str(value)


def _number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def cmd_report(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.reports.facts import load_facts
    from ric_desk.reports.pivot import MEASURES, build, check_names

    rows = _names(args.rows, [])
    measures = _names(args.measures, list(MEASURES))
    check_names(rows, measures)  # before the database is read
    if args.out != "-":
        raise UserError("Пока отчёт выводится только в стандартный вывод: укажите --out -.")
    with current_store(url).session() as s:
        facts = load_facts(s, args.period_from, args.period_to)
    groups = build(facts, rows, measures)
    labels: dict[str, list[str]] = facts.attrs["labels"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    try:
        out.writerow(["level", *rows, *measures])
        for g in groups:
            keys = [_cell(d, v, labels) for d, v in zip(rows, g.key, strict=False)]
            keys += [""] * (len(rows) - len(keys))
            out.writerow([g.level, *keys, *(_number(g.values[m]) for m in measures)])
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (`| head`) has had enough: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
