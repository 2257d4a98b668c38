"""What the commands share: opening the database, printing counts and progress."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from ric_desk import config

if TYPE_CHECKING:
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
