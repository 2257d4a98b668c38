"""The demo data generator, also used by `bench/` at reference scale (DESIGN.md §8).

Per client it makes on average 3 contact persons, 30 indicator values, 10 works and 15 contacts,
so 100,000 clients give the reference data set. Rows are written in bulk (`db.bulk`); one random
generator seeded with `seed` is drawn in a fixed order, so the same seed and the same `as_of`
day give the same database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.orm import Session

from ric_desk.db import migrate, stamps
from ric_desk.db.backup import reset_sequences
from ric_desk.db.bulk import BulkWriter
from ric_desk.demo.base import Cancelled as Cancelled  # what generate() raises when cancelled
from ric_desk.demo.base import Progress, add_employees, load_dictionaries
from ric_desk.demo.clients import ClientMaker
from ric_desk.demo.functional_map import FunctionalMapMaker
from ric_desk.demo.payments import PaymentMaker
from ric_desk.demo.persons import PersonMaker
from ric_desk.demo.priz import PrizMaker
from ric_desk.demo.quality import QualityMaker
from ric_desk.demo.works import WorkMaker
from ric_desk.errors import UserError
from ric_desk.models import Base, Client
from ric_desk.store import Store

BULK_TABLES = (
    "client",
    "contact_person",
    "contact_channel",
    "indicator_value",
    "client_segment",
    "work",
    "contact",
    "assignment",
    "invoice",
    "payment",
    "payment_promise",
    "priz_item",
)


@dataclass
class DemoSummary:
    clients: int
    seed: int
    as_of: date
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def generate(
    engine: Engine,
    clients: int = 2000,
    seed: int = 1,
    as_of: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an upgraded database that has no clients yet; all or nothing."""
    if clients < 1:
        raise UserError("Число клиентов должно быть не меньше 1.")
    migrate.require_current(engine)
    as_of = as_of or date.today()
    started = datetime.now()
    summary = DemoSummary(clients=clients, seed=seed, as_of=as_of)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        engine.dispose()  # leaving WAL needs the only connection: close the idle pooled ones
    with engine.connect() as connection:
        raw = connection.connection.driver_connection  # no transaction begun yet
        assert raw is not None
        in_memory_journal = False
        if sqlite:
            # one big load: a rollback journal in memory instead of writing every page twice
            # through the WAL; the database is empty, so a crash loses only the demo itself.
            # Another program having the file open keeps WAL: slower, not wrong.
            try:
                in_memory_journal = (
                    raw.execute("PRAGMA journal_mode=MEMORY").fetchone()[0] == "memory"
                )
            except sqlite3.OperationalError:
                in_memory_journal = False
        try:
            _generate(
                connection, engine.dialect.name, summary, clients, seed, as_of, progress, cancelled
            )
        finally:
            if in_memory_journal:
                raw.execute("PRAGMA journal_mode=WAL")
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    if progress is not None:
        progress(INDEXES, 1.0)
    summary.seconds = (datetime.now() - started).total_seconds()
    return summary


def _generate(
    connection: Connection,
    dialect: str,
    summary: DemoSummary,
    clients: int,
    seed: int,
    as_of: date,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    with Session(bind=connection) as session, session.begin():
        if session.scalar(select(func.count(Client.id))):
            raise UserError(
                "В базе уже есть клиенты: демонстрационные данные заполняют только пустую базу."
            )
        if dialect == "sqlite":
            session.execute(text("PRAGMA cache_size=-262144"))
        dicts = load_dictionaries(session)
        staff = add_employees(session)
        conn = session.connection()
        writer = BulkWriter(conn)
        # secondary indexes are built once after the load: much faster than row by row
        indexes = [ix for name in BULK_TABLES for ix in Base.metadata.tables[name].indexes]
        for index in indexes:
            index.drop(conn)
        stamps.uninstall(conn)  # bulk rows go unstamped: older than any report cache
        _Generator(writer, dicts, staff, clients, seed, as_of, progress, cancelled).run()
        for index in indexes:
            index.create(conn)
        stamps.install(conn)
        if dialect == "postgresql":
            reset_sequences(session.connection())
        summary.rows = dict(writer.counts)


# the parts in the order the random generator is drawn, with their shares of the whole time
# (measured on SQLite); the indexes, built after the load, and the statistics take the rest
PARTS = (
    ("Клиенты", 0.07),
    ("Контактные лица", 0.08),
    ("Показатели", 0.24),
    ("Сегменты", 0.05),
    ("Работы и контакты", 0.26),
    ("Счета и оплаты", 0.04),
    ("ПРИЗ", 0.05),
    ("Контроль качества", 0.03),
)
INDEXES = "Индексы"
INDEXES_FROM = sum(share for _what, share in PARTS)


class _Generator(
    ClientMaker,
    PersonMaker,
    FunctionalMapMaker,
    WorkMaker,
    PaymentMaker,
    PrizMaker,
    QualityMaker,
):
    """All the parts; `run` calls them in the order the random generator is drawn, and the
    progress it reports is the share of the whole: it only moves forward."""

    def run(self) -> None:
        makers = {
            "Клиенты": self.make_clients,
            "Контактные лица": self.make_people,
            "Показатели": self.make_indicators,
            "Сегменты": self.make_segments,
            "Работы и контакты": self.make_works,
            "Счета и оплаты": self.make_payments,
            "ПРИЗ": self.make_priz,
            "Контроль качества": self.make_quality,
        }
        begins = 0.0
        for what, share in PARTS:
            self.part(begins, begins + share)
            self.step(what, 0.0)
            makers[what]()
            begins += share
        self.part(begins, 1.0)
        self.step(INDEXES, 0.0)


def fill_store(
    store: Store,
    clients: int,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> DemoSummary:
    """`generate` for the workstation's first start: as of today, progress in percent of the
    whole (never going back)."""
    return generate(
        store.engine,
        clients=clients,
        as_of=date.today(),
        progress=lambda _what, share: progress(int(share * 100), 100),
        cancelled=cancelled,
    )
