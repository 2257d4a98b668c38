"""`ric-desk demo`: fill a database, or the separate demo database, with demo data."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from ric_desk.cli.common import connect, demo_is_default, print_summary, progress, thousands
from ric_desk.errors import UserError


def _fill_demo(engine: Engine, *, clients: int, seed: int, as_of: date | None) -> None:
    from ric_desk.demo.generator import generate

    print(f"Заполняю базу демонстрационными данными ({clients} клиентов)...", file=sys.stderr)
    result = generate(engine, clients=clients, seed=seed, as_of=as_of, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Готово за {result.seconds:.1f} с: {thousands(sum(result.rows.values()))} строк.")


def ensure_demo(url: URL, *, clients: int, seed: int, as_of: date | None, reset: bool) -> Engine:
    """Upgrade the demo database and fill it on first use; `reset` starts it again from empty."""
    from ric_desk.db import migrate
    from ric_desk.db.summary import summarize

    if reset and url.get_backend_name() == "sqlite" and url.database:
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)
    engine = connect(url)
    migrate.upgrade(engine)
    if summarize(engine).clients == 0:
        _fill_demo(engine, clients=clients, seed=seed, as_of=as_of)
    else:
        print("Демонстрационная база уже заполнена («ric-desk demo --reset» заполнит заново).")
    return engine


def cmd_demo(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.db import migrate

    if demo_is_default(args) or args.demo:
        engine = ensure_demo(
            url, clients=args.clients, seed=args.seed, as_of=args.as_of, reset=args.reset
        )
    else:
        if args.reset:
            raise UserError(
                "--reset пересоздаёт только отдельную демонстрационную базу, не базу из --db."
            )
        engine = connect(url)
        migrate.upgrade(engine)
        _fill_demo(engine, clients=args.clients, seed=args.seed, as_of=args.as_of)
    print_summary(engine, url)
    return 0
