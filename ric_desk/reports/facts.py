"""The report's facts, read from the database in three integer-coded tables.

The report counts what happened in the period: contacts by their date (`actual_at`, the UTC
day), works by the contacts they had in it. The tables, each a `Table` of numpy columns (-1
where the database has no value):

- contacts: one row per contact of the period: its work, client, operator, method, flags, day
  (days since 1970-01-01), duration, used instruments (all, and those its work's assignments
  planned);
- works: one row per work those contacts belong to: closing reason, stage, direction, campaign,
  and per work its assignments, their planned instruments and the ПРИЗ items worked on in it;
- clients: responsible, region and status group of every client.

A work's and a client's attributes live in their own table, so a re-closed work or a client
given to another responsible changes one row, and the fact cache (`ric_desk.reports.cache`)
replaces just that.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    func,
    select,
)

from ric_desk.errors import Cancelled
from ric_desk.models.clients import Client
from ric_desk.models.works import (
    Contact,
    ContactMethod,
)
from ric_desk.reports.errors import ReportError
from ric_desk.reports.spec import Period
from ric_desk.reports.table import Table

CONTACT_COLUMNS: dict[str, str] = {
    "contact_id": "int32",
    "work_id": "int32",
    "client_id": "int32",
    "operator_id": "int32",
    "method": "int8",
    "successful": "int8",
    "incoming": "int8",
    "day": "int32",
    "duration_sec": "int32",
    "used": "int32",
    "used_assigned": "int32",
}
WORK_COLUMNS: dict[str, str] = {
    "work_id": "int32",
    "reason_id": "int32",
    "stage_id": "int32",
    "direction_id": "int32",
    "campaign_id": "int32",
    "assignments": "int32",
    "planned": "int32",
    "priz": "int32",
}
CLIENT_COLUMNS: dict[str, str] = {
    "client_id": "int32",
    "responsible_id": "int32",
    "region_code": "str",
    "status_group_id": "int32",
}
METHODS = tuple(ContactMethod)  # `method` is the position of the contact's method here
EPOCH = date(1970, 1, 1)
CHUNK = 5000  # ids per IN (...) list

Progress = Callable[[int, int], None]


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_of(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def _bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.start, time(), tzinfo=UTC)
    end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC)
    return start, end


def in_period(period: Period) -> ColumnElement[bool]:
    start, end = _bounds(period)
    return and_(Contact.actual_at >= start, Contact.actual_at < end)


def frame(columns: dict[str, str], data: Mapping[str, Sequence[Any]] | None = None) -> Table:
    """A frame of the given columns, None as -1 (text: "")."""
    data = data or {}
    out: dict[str, Any] = {}
    for name, dtype in columns.items():
        values = data.get(name, [])
        if dtype == "str":
            # fixed-width text, not Python objects: a hundred thousand clients' codes in 1 MB
            out[name] = np.array(["" if v is None else v for v in values], dtype=str)
        else:
            out[name] = np.array([-1 if v is None else v for v in values], dtype=dtype)
    return Table(out)


def small(values: np.ndarray) -> np.ndarray:
    """The values in the narrowest integer type that holds them all: a year's facts are
    millions of rows, and most columns (operators, stages, flags, counts, days) fit 1-2 bytes.
    Arithmetic on them is done after widening (`pivot`)."""
    if not len(values):
        result: np.ndarray = values.astype("int32")
        return result
    low, high = int(values.min()), int(values.max())
    for kind in ("int8", "int16", "int32"):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            narrowed: np.ndarray = values.astype(kind)
            return narrowed
    wide: np.ndarray = values.astype("int64")
    return wide


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield [int(x) for x in ids[i : i + CHUNK]]


# --- the readers: plain SQL, integers only, straight into numpy ---------------------------------
#
# A year is 1.5 million contacts: the rows skip the ORM and SQLAlchemy's result processing, and
# PostgreSQL sends each query's rows packed into one binary value that numpy reads as it is.


@dataclass(frozen=True)
class Where:
    """A condition on the contacts (alias `c`), with its parameters: the period's bounds, and
    integer id lists written into the text (ints only, never text)."""

    sql: str
    params: tuple[Any, ...] = ()

    @classmethod
    def period(cls, conn: Connection, period: Period) -> Where:
        start, end = _bounds(period)
        if conn.dialect.name == "sqlite":  # stored as naive UTC text, compared as text
            fmt = "%Y-%m-%d %H:%M:%S.%f"
            bounds = (start.strftime(fmt), end.strftime(fmt))
            return cls("c.actual_at >= ? AND c.actual_at < ?", bounds)
        naive = (start.replace(tzinfo=None), end.replace(tzinfo=None))
        return cls("c.actual_at >= %s AND c.actual_at < %s", naive)

    @classmethod
    def ids(cls, column: str, ids: Sequence[int]) -> Where:
        return cls(f"{column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'})")

    def __and__(self, other: Where | None) -> Where:
        if other is None:
            return self
        return Where(f"({self.sql}) AND ({other.sql})", self.params + other.params)


def _rows(
    conn: Connection, sql: str, params: tuple[Any, ...], columns: int, wide: bool = False
) -> np.ndarray:
    """The integer rows of a query as an (n, columns) int64 array.

    PostgreSQL packs them into one binary value (each row its columns as 4-byte big-endian
    integers: ids, days, seconds and counts all fit; 8-byte ones when `wide`): a row at a
    time, through COPY or a cursor, cost Python 2-3 µs per row, more than the query itself.
    SQLite's rows are read straight into numpy."""
    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f"c{i}" for i in range(columns))
            send, size = ("int8send", 8) if wide else ("int4send", 4)
            packed = " || ".join(f"{send}(q.c{i}::int{size})" for i in range(columns))
            cursor.execute(
                f"SELECT string_agg({packed}, ''::bytea) FROM ({sql}) AS q({names})", params
            )
            data = cursor.fetchone()[0]
            if not data:
                return np.empty((0, columns), dtype="int64")
            result: np.ndarray = (
                np.frombuffer(bytes(data), dtype=f">i{size}").reshape(-1, columns).astype("int64")
            )
            return result
        cursor.execute(sql, params)
        values = np.fromiter(itertools.chain.from_iterable(cursor), dtype="int64").reshape(
            -1, columns
        )
    finally:
        cursor.close()
    return values


# a work's four dictionary ids share one 64-bit integer, 15 bits each (see `_packable`)
ID_BITS = 15
DURATION_SPAN = 1 << 24  # seconds, about 194 days: a longer duration counts as that


def _packable(conn: Connection) -> bool:
    """Whether the dictionaries' ids fit `ID_BITS` (they are a few dozen; a database with
    more is read unpacked)."""
    top = _rows(
        conn,
        "SELECT MAX(m) FROM (SELECT COALESCE(MAX(id), 0) AS m FROM closing_reason "
        "UNION ALL SELECT COALESCE(MAX(id), 0) FROM stage "
        "UNION ALL SELECT COALESCE(MAX(id), 0) FROM direction "
        "UNION ALL SELECT COALESCE(MAX(id), 0) FROM campaign) AS ids",
        (),
        1,
    )
    return int(top[0, 0]) + 1 < (1 << ID_BITS)


def _sql_contacts(conn: Connection, where: Where, scan: bool = False) -> str:
    """The contacts with their works' attributes, packed into six integers a row (each value
    fetched costs Python more than the database's work): the contact's id, work, client;
    operator, method and flags; day and seconds; the work's reason, stage, direction and
    campaign. `scan`: SQLite reads the table in id order instead of through the date index
    (a long period is most of the table; the index's random reads took five times longer)."""
    sqlite = conn.dialect.name == "sqlite"
    day = (
        "CAST(julianday(c.actual_at) - 2440587.5 AS INTEGER)"
        if sqlite
        else "(CAST(c.actual_at AS DATE) - DATE '1970-01-01')"
    )
    flag = "{}" if sqlite else "CAST(CAST({} AS INTEGER) AS BIGINT)"
    least = "MIN" if sqlite else "LEAST"
    method = " ".join(f"WHEN '{m.value}' THEN {i}" for i, m in enumerate(METHODS))
    hint = " NOT INDEXED" if sqlite and scan else ""
    span = 1 << ID_BITS
    big = "" if sqlite else "CAST(1 AS BIGINT) * "  # PostgreSQL: 64-bit from the first step
    ids = f"({big}COALESCE(w.closing_reason_id, -1) + 1)"
    for column in ("COALESCE(w.stage_id, -1)", "w.direction_id", "COALESCE(w.campaign_id, -1)"):
        ids = f"({ids} * {span} + {column} + 1)"
    return (
        "SELECT c.id, c.work_id, c.client_id, "
        f"({big}COALESCE(c.operator_id, -1) + 1) * 32 + CASE c.method {method} ELSE 0 END "
        f"+ 8 * {flag.format('c.successful')} + 16 * {flag.format('c.incoming')}, "
        f"{big}{day} * {DURATION_SPAN} "
        f"+ {least}(COALESCE(c.duration_sec, -1), {DURATION_SPAN - 2}) + 1, "
        f"{ids} "
        f"FROM contact c{hint} JOIN work w ON w.id = c.work_id "
        f"WHERE c.actual_at IS NOT NULL AND {where.sql}"
    )


def read_contacts(conn: Connection, where: Where, scan: bool = False) -> tuple[Table, Table]:
    """The contacts matching `where` and their works' attributes (without the per-work counts
    and the instruments: `add_counts`)."""
    if not _packable(conn):
        raise ReportError(
            "Справочников (причин, этапов, направлений, кампаний) больше 32 тысяч: отчёт "
            "такую базу не читает."
        )
    rows = _rows(conn, _sql_contacts(conn, where, scan), where.params, 6, wide=True)
    person, moment, work = rows[:, 3], rows[:, 4], rows[:, 5]
    span = 1 << ID_BITS
    contacts = Table(
        {
            "contact_id": small(rows[:, 0]),
            "work_id": small(rows[:, 1]),
            "client_id": small(rows[:, 2]),
            "operator_id": small(person // 32 - 1),
            "method": small(person % 8),
            "successful": small(person // 8 % 2),
            "incoming": small(person // 16 % 2),
            "day": small(moment // DURATION_SPAN),
            "duration_sec": small(moment % DURATION_SPAN - 1),
            "used": np.zeros(len(rows), dtype="int8"),
            "used_assigned": np.zeros(len(rows), dtype="int8"),
        }
    )
    works = Table(
        {
            "work_id": small(rows[:, 1]),
            "reason_id": small(work // span**3 - 1),
            "stage_id": small(work // span**2 % span - 1),
            "direction_id": small(work // span % span - 1),
            "campaign_id": small(work % span - 1),
        }
    ).unique_by("work_id")
    return contacts, works


def _positions(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of `wanted`, its position in the sorted `ids` and whether it is there."""
    if not len(ids):
        return np.zeros(len(wanted), dtype="int64"), np.zeros(len(wanted), dtype=bool)
    positions = np.searchsorted(ids, wanted)
    clipped = np.minimum(positions, len(ids) - 1)
    return clipped, (positions < len(ids)) & (ids[clipped] == wanted)


def add_counts(
    conn: Connection,
    contacts: Table,
    works: Table,
    where: Where,
    parallel: bool = False,
) -> tuple[Table, Table]:
    """Fill in the contacts' used instruments (all, and those their work's assignments planned)
    and the works' assignments, planned instruments and ПРИЗ items worked on. `where` chose
    the contacts. When the contacts or works are many, the small tables (assignments, their
    instruments, ПРИЗ items, used instruments) are read whole and matched here: cheaper than
    asking the database for a million ids."""
    contacts = contacts.sorted_by("contact_id")
    works = works.sorted_by("work_id")
    work_ids = works["work_id"].astype("int64")
    few = len(work_ids) <= CHUNK
    of_works = Where.ids("a.work_id", work_ids.tolist()).sql if few else "1 = 1"
    plans_sql = (
        "SELECT a.id, a.work_id, COALESCE(ai.instrument_id, -1), COALESCE(ai.planned_count, 0) "
        f"FROM assignment a LEFT JOIN assignment_instrument ai ON ai.assignment_id = a.id "
        f"WHERE {of_works}"
    )
    truth = "p.worked_on = 1" if conn.dialect.name == "sqlite" else "p.worked_on"
    of_priz = Where.ids("p.work_id", work_ids.tolist()).sql if few else "p.work_id IS NOT NULL"
    priz_sql = (
        f"SELECT p.work_id, COUNT(*) FROM priz_item p WHERE {truth} AND {of_priz} "
        "GROUP BY p.work_id"
    )
    used_sql = "SELECT ci.contact_id, ci.instrument_id, ci.used_count FROM contact_instrument ci"
    used_params: tuple[Any, ...] = ()
    if len(contacts) <= 20 * CHUNK:
        used_sql += (
            f" JOIN contact c ON c.id = ci.contact_id WHERE c.actual_at IS NOT NULL AND {where.sql}"
        )
        used_params = where.params
    plans, priz, used = _parallel(
        conn,
        [
            partial(_rows, sql=plans_sql, params=(), columns=4),
            partial(_rows, sql=priz_sql, params=(), columns=2),
            partial(_rows, sql=used_sql, params=used_params, columns=3),
        ],
        None,
        parallel,
    )
    # per work: distinct assignments, planned instruments
    at, found = _positions(work_ids, plans[:, 1])
    at, plans = at[found], plans[found]
    assignments = np.zeros(len(work_ids), dtype="int64")
    if len(plans):
        distinct = np.unique(plans[:, [0, 1]], axis=0)
        np.add.at(assignments, np.searchsorted(work_ids, distinct[:, 1]), 1)
    planned = np.bincount(at, weights=plans[:, 3], minlength=len(work_ids))
    works["assignments"] = small(assignments)
    works["planned"] = small(planned.astype("int64"))
    at, found = _positions(work_ids, priz[:, 0])
    worked = np.zeros(len(work_ids), dtype="int64")
    worked[at[found]] = priz[found, 1]
    works["priz"] = small(worked)
    # per contact: used instruments, and those its work's assignments planned
    contact_ids = contacts["contact_id"].astype("int64")
    at, found = _positions(contact_ids, used[:, 0])
    at, used = at[found], used[found]
    contacts["used"] = small(
        np.bincount(at, weights=used[:, 2], minlength=len(contact_ids)).astype("int64")
    )
    their_work = contacts["work_id"].astype("int64")[at]
    span = int(max(plans[:, 2].max(initial=0), used[:, 1].max(initial=0))) + 2
    planned_keys = np.unique(plans[:, 1] * span + plans[:, 2] + 1)
    assigned = np.isin(their_work * span + used[:, 1] + 1, planned_keys)
    contacts["used_assigned"] = small(
        np.bincount(
            at, weights=np.where(assigned, used[:, 2], 0), minlength=len(contact_ids)
        ).astype("int64")
    )
    return contacts, Table({name: works[name] for name in WORK_COLUMNS})


def read_clients(conn: Connection, client_ids: Sequence[int] | None = None) -> Table:
    """Every client (None) or the given ones."""
    query = select(
        Client.id,
        func.coalesce(Client.responsible_id, -1),
        func.coalesce(Client.region_code, ""),
        func.coalesce(Client.status_group_id, -1),
    )
    query = query.order_by(Client.id)  # kept sorted: looked up by id
    if client_ids is None:
        rows = conn.execute(query).all()
    else:
        rows = [
            r
            for chunk in _chunks(sorted(set(client_ids)))
            for r in conn.execute(query.where(Client.id.in_(chunk)))
        ]
    clients = frame(
        CLIENT_COLUMNS,
        {name: [r[i] for r in rows] for i, name in enumerate(CLIENT_COLUMNS)},
    )
    for name in ("client_id", "responsible_id", "status_group_id"):
        clients[name] = small(clients[name])
    return clients


def months(period: Period) -> list[Period]:
    """The period cut at month starts: the chunks a cold read reports progress by."""
    parts: list[Period] = []
    start = period.start
    while start <= period.end:
        next_month = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = min(period.end, next_month - timedelta(days=1))
        parts.append(Period(start, end))
        start = next_month
    return parts


@dataclass
class Tables:
    """The three tables of the facts (see the module)."""

    contacts: Table
    works: Table
    clients: Table

    @classmethod
    def empty(cls) -> Tables:
        return cls(frame(CONTACT_COLUMNS), frame(WORK_COLUMNS), frame(CLIENT_COLUMNS))


def _id_ranges(conn: Connection, period: Period) -> list[Where] | None:
    """SQLite, a period holding a good share of the contacts: ranges of ids to read in table
    order, ten of them for the progress bar; otherwise None (months through the index)."""
    if conn.dialect.name != "sqlite":
        return None
    where = Where.period(conn, period)
    count = _rows(conn, f"SELECT COUNT(*) FROM contact c WHERE {where.sql}", where.params, 1)
    top = _rows(conn, "SELECT COALESCE(MAX(id), 0) FROM contact", (), 1)
    in_period, last = int(count[0, 0]), int(top[0, 0])
    if in_period < 50_000 or in_period * 20 < last:
        return None
    step = last // 10 + 1
    return [Where(f"c.id >= {lo} AND c.id < {lo + step}") for lo in range(0, last + 1, step)]


def quarters(period: Period) -> list[Period]:
    """The period cut into parts of three months."""
    parts = months(period)
    return [
        Period(parts[i].start, parts[min(i + 2, len(parts) - 1)].end)
        for i in range(0, len(parts), 3)
    ]


T = TypeVar("T")


def _parallel(
    conn: Connection,
    jobs: Sequence[Callable[[Connection], T]],
    cancelled: Callable[[], bool] | None,
    parallel: bool,
) -> Iterator[T]:
    """The jobs' results in order. With `parallel` on PostgreSQL two run at once on
    connections of their own (the server does the work; its two processes use both cores:
    they see what is committed, not `conn`'s own transaction); otherwise one after another on
    `conn` (on SQLite, reading is Python's own work). Stops with `Cancelled`
    before a job when asked; a running query ends its part first."""

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    if not parallel or conn.dialect.name != "postgresql" or len(jobs) < 2:
        for job in jobs:
            check()
            yield job(conn)
        return

    def run(job: Callable[[Connection], T]) -> T:
        check()
        with conn.engine.connect() as own:
            return job(own)

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def read_period(
    conn: Connection,
    period: Period,
    scope: Where | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    parallel: bool = False,
) -> Tables:
    """A cold read of the period's facts in parts (months or quarters, or id ranges on
    SQLite); `scope` narrows the contacts (whose operator the reader may see); `parallel`:
    see `_parallel`. Stops with `Cancelled` between parts when asked."""
    ranges = _id_ranges(conn, period)
    whole = Where.period(conn, period) & scope
    parts = (
        [Where.period(conn, month) & scope for month in months(period)]
        if ranges is None
        else [r & whole for r in ranges]
    )
    if ranges is None and conn.dialect.name == "postgresql":  # fewer, larger parts
        parts = [Where.period(conn, p) & scope for p in quarters(period)]
    steps = len(parts) + 2
    contacts: list[Table] = []
    works: list[Table] = []
    scan = ranges is not None
    jobs = [partial(read_contacts, where=part, scan=scan) for part in parts]
    for i, (some, their_works) in enumerate(_parallel(conn, jobs, cancelled, parallel)):
        contacts.append(some)
        works.append(their_works)
        if progress is not None:
            progress(i + 1, steps)
    all_contacts = Table.concat(contacts) if contacts else frame(CONTACT_COLUMNS)
    all_works = Table.concat(works).unique_by("work_id") if works else frame(WORK_COLUMNS)
    all_contacts, all_works = add_counts(conn, all_contacts, all_works, whole, parallel)
    if progress is not None:
        progress(steps - 1, steps)
    if cancelled is not None and cancelled():
        raise Cancelled()
    clients = read_clients(conn)
    if progress is not None:
        progress(steps, steps)
    return Tables(all_contacts, all_works, clients)


def read_works_of(
    conn: Connection, work_ids: Sequence[int], period: Period, scope: Where | None
) -> tuple[Table, Table]:
    """The contacts of the period of the given works, and those works with their counts."""
    contacts: list[Table] = []
    works: list[Table] = []
    for chunk in _chunks(list(work_ids)):
        where = Where.ids("c.work_id", chunk) & Where.period(conn, period) & scope
        some, their_works = add_counts(conn, *read_contacts(conn, where), where)
        contacts.append(some)
        works.append(their_works)
    if not contacts:
        return frame(CONTACT_COLUMNS), frame(WORK_COLUMNS)
    return Table.concat(contacts), Table.concat(works)
