"""Fast loading of many rows: executemany on SQLite, COPY on PostgreSQL.

Rows are tuples of plain values that both backends parse the same way: ISO strings for dates
and times (UTC), 0/1 for booleans, strings for money.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection


class BulkWriter:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.raw: Any = conn.connection.driver_connection
        self.counts: dict[str, int] = {}

    def write(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = ", ".join(columns)
        if self.dialect == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
        else:
            with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
