"""Change stamps: the database marks every row the contact report counts when it is written, and
records deletions, so a workstation's fact cache reads only what changed since its last refresh.

A refresh first takes a *bound*, then reads the rows whose stamp is at least the bound it took
the time before. Every write not yet visible when a bound is taken gets a stamp at least that
bound, so nothing is missed; a row may be read twice, which the cache's replace-by-work makes
harmless.

- PostgreSQL: the stamp is the writing transaction's id (`pg_current_xact_id()`, 64 bits, never
  wraps), set by a trigger on insert and update (the ORM may insert an explicit NULL). The bound
  is the oldest transaction still running (`pg_snapshot_xmin`): every one below it has ended.
- SQLite: writers take turns (`BEGIN IMMEDIATE`), so a counter is enough: triggers stamp rows
  with the value of `change_clock`, and taking a bound moves the clock on by one in its own short
  write. A clock lower than a cache's bound means the file was replaced (a restored copy): the
  cache is built again.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# the tables the report reads, and how a deleted row names the work or client to read again
STAMPED: dict[str, tuple[str, str]] = {
    # table: (column of `deleted_row`, the expression of OLD that fills it)
    "client": ("client_id", "OLD.id"),
    "work": ("work_id", "OLD.id"),
    "contact": ("work_id", "OLD.work_id"),
    "assignment": ("work_id", "OLD.work_id"),
    "assignment_instrument": (
        "work_id",
        "(SELECT work_id FROM assignment WHERE id = OLD.assignment_id)",
    ),
    "contact_instrument": ("work_id", "(SELECT work_id FROM contact WHERE id = OLD.contact_id)"),
    "priz_item": ("work_id", "OLD.work_id"),
}
PG_STAMP = "pg_current_xact_id()::text::bigint"
SQLITE_STAMP = "(SELECT value FROM change_clock)"


def _sqlite_triggers(table: str) -> list[str]:
    column, old = STAMPED[table]
    stamp = SQLITE_STAMP
    ddl = [
        f"CREATE TRIGGER tr_{table}_stamp_insert AFTER INSERT ON {table} BEGIN "
        f"UPDATE {table} SET change_stamp = {stamp} WHERE rowid = NEW.rowid; END",
        f"CREATE TRIGGER tr_{table}_stamp_update AFTER UPDATE ON {table} "
        f"WHEN NEW.change_stamp IS OLD.change_stamp BEGIN "
        f"UPDATE {table} SET change_stamp = {stamp} WHERE rowid = NEW.rowid; END",
        f"CREATE TRIGGER tr_{table}_deleted AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO deleted_row (change_stamp, table_name, {column}) "
        f"VALUES ({stamp}, '{table}', {old}); END",
    ]
    if table == "priz_item":  # an item moved to another work leaves its old work changed
        ddl.append(
            "CREATE TRIGGER tr_priz_item_moved AFTER UPDATE OF work_id ON priz_item "
            "WHEN OLD.work_id IS NOT NEW.work_id AND OLD.work_id IS NOT NULL BEGIN "
            f"INSERT INTO deleted_row (change_stamp, table_name, work_id) "
            f"VALUES ({stamp}, 'priz_item', OLD.work_id); END"
        )
    return ddl


def _pg_ddl(table: str) -> list[str]:
    column, old = STAMPED[table]
    moved = ""
    if table == "priz_item":
        moved = (
            "IF TG_OP = 'UPDATE' AND OLD.work_id IS DISTINCT FROM NEW.work_id "
            "AND OLD.work_id IS NOT NULL THEN "
            f"INSERT INTO deleted_row (change_stamp, table_name, work_id) "
            f"VALUES ({PG_STAMP}, 'priz_item', OLD.work_id); END IF; "
        )
    return [
        f"CREATE FUNCTION ric_{table}_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{moved}NEW.change_stamp := {PG_STAMP}; RETURN NEW; END $$",
        f"CREATE TRIGGER tr_{table}_stamp BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION ric_{table}_stamp()",
        f"CREATE FUNCTION ric_{table}_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO deleted_row (change_stamp, table_name, {column}) "
        f"VALUES ({PG_STAMP}, '{table}', {old}); RETURN OLD; END $$",
        f"CREATE TRIGGER tr_{table}_deleted AFTER DELETE ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION ric_{table}_deleted()",
    ]


def install(conn: Connection) -> None:
    """Create the clock (SQLite), defaults, functions and triggers."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS change_clock (value BIGINT NOT NULL)")
        if conn.exec_driver_sql("SELECT count(*) FROM change_clock").scalar() == 0:
            conn.exec_driver_sql("INSERT INTO change_clock (value) VALUES (1)")
        for table in STAMPED:
            for ddl in _sqlite_triggers(table):
                conn.exec_driver_sql(ddl)
    else:
        for table in STAMPED:
            for ddl in _pg_ddl(table):
                conn.exec_driver_sql(ddl)


def uninstall(conn: Connection) -> None:
    """Drop the triggers and functions (the clock stays): a bulk load runs without them, its rows
    unstamped, i.e. older than any cache."""
    if conn.dialect.name == "sqlite":
        for table in STAMPED:
            for name in ("stamp_insert", "stamp_update", "deleted", "moved"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS tr_{table}_{name}")
    else:
        for table in STAMPED:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS tr_{table}_stamp ON {table}")
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS tr_{table}_deleted ON {table}")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS ric_{table}_stamp()")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS ric_{table}_deleted()")


def take_bound(conn: Connection) -> int:
    """A bound for the next refresh (see the module). On SQLite this commits a short write of
    its own: call it on a connection outside any other transaction."""
    if conn.dialect.name == "sqlite":
        value = conn.exec_driver_sql(
            "UPDATE change_clock SET value = value + 1 RETURNING value"
        ).scalar_one()
        return int(value)
    return int(
        conn.execute(
            text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        ).scalar_one()
    )


def current(conn: Connection) -> int:
    """The clock now, without moving it: lower than a cache's bound means the database is not
    the one the cache was built from."""
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("SELECT value FROM change_clock").scalar_one())
    return int(
        conn.execute(
            text("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        ).scalar_one()
    )
