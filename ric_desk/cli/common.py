"""What the commands share: opening the database, printing counts and progress."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from ric_desk import config
from ric_desk.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Collection

    from sqlalchemy.orm import Session

    from ric_desk.actor import Actor
    from ric_desk.clients.listing import ClientFilter
    from ric_desk.store import Store


def connect(url: URL) -> Engine:
    from ric_desk.db.engine import open_engine

    return open_engine(url)


def current_store(url: URL) -> Store:
    from ric_desk.db import migrate
    from ric_desk.store import Store

    engine = connect(url)
    migrate.require_current(engine)
    return Store(engine, url)


# commands that make the database they are given when it is not there yet; every other command
# reads (or adds to) a database that exists, and refuses rather than leave an empty file behind
MAKERS = {(None, None), ("demo", None), ("selftest", None)} | {
    ("db", action) for action in ("upgrade", "restore", "password")
}


def makes_database(args: argparse.Namespace) -> bool:
    return (args.command, getattr(args, "db_command", None)) in MAKERS


def require_database(url: URL, args: argparse.Namespace) -> None:
    """For a command that only reads: the SQLite file must be there (nothing is created), and the
    demo database must be filled; the advice names the command that makes that database."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return  # a server says itself that a database is missing
    path = Path(url.database)
    if args.demo:
        if not path.exists():
            raise UserError(
                f"Демонстрационной базы ещё нет ({path}). Создать и заполнить её: «ric-desk demo» "
                "(или откройте на ней рабочее место: «ric-desk --demo»)."
            )
        _require_demo_schema(url)
    elif not path.exists():
        if args.db:
            raise UserError(
                f"Файла базы данных нет: {path}. Проверьте путь; новую базу создаёт "
                f"«ric-desk --db {args.db} db upgrade»."
            )
        raise UserError(
            f"Базы данных ещё нет ({path}). Создать её: «ric-desk db upgrade» "
            "(или откройте рабочее место: «ric-desk»)."
        )


def _require_demo_schema(url: URL) -> None:
    from ric_desk.db import migrate

    engine = connect(url)
    try:
        revision = migrate.current_revision(engine)
        migrate.check_known(revision)
    finally:
        engine.dispose()
    if revision is None:
        raise UserError("Демонстрационная база пуста. Заполнить её: «ric-desk demo».")
    if revision != migrate.head_revision():
        raise UserError(
            f"Демонстрационная база старой версии (схема {revision}). "
            "Обновить её: «ric-desk --demo db upgrade»."
        )


def print_summary(engine: Engine, url: URL) -> None:
    from ric_desk.db.summary import summarize

    print(f"База: {config.describe_url(url)}")
    for line in summarize(engine).lines():
        print("  " + line)


def progress(what: str, done: float) -> None:
    if sys.stderr.isatty():
        print(f"\r{what}: {done:4.0%}   ", end="", file=sys.stderr, flush=True)


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def demo_is_default(args: argparse.Namespace) -> bool:
    return not args.db and not os.environ.get(config.DB_ENV)


def acting(session: Session, login: str | None, url: URL) -> Actor | None:
    """Who a command acts as: `--author LOGIN`, else the employee with the database user's
    login, else nobody."""
    from ric_desk.clients import lookups
    from ric_desk.errors import UserError

    if login:
        author = lookups.actor(session, login)
        if author is None:
            raise UserError(f"Сотрудник с логином «{login}» не найден.")
        return author
    return lookups.actor(session, url.username) if url.username else None


def chosen_clients(
    session: Session, args: argparse.Namespace
) -> tuple[Collection[int] | None, ClientFilter]:
    """The clients `--client` names (ids; None with `--all-matching`) and the list's filter."""
    from ric_desk.clients import lookups
    from ric_desk.clients.listing import ClientFilter
    from ric_desk.errors import UserError

    only = None
    if getattr(args, "client", None):  # `export clients` has the filter only
        if args.text or args.responsible or args.region or args.expired:
            raise UserError(
                "Фильтр (--text, --responsible, --region, --expired) задаётся "
                "только с --all-matching, а не с --client."
            )
        only = lookups.client_ids(session, args.client).values()
    responsible = None
    if args.responsible:
        responsible = lookups.employee_id(session, args.responsible)
        if responsible is None:
            raise UserError(f"Сотрудник с логином «{args.responsible}» не найден.")
    flt = ClientFilter(
        text=args.text,
        responsible_id=responsible,
        region_code=args.region,
        only_with_expired=args.expired,
    )
    return only, flt
