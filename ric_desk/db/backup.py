"""Backups: a raw copy of the SQLite file, and a portable archive for either backend.

The archive (a zip of one JSON-lines file per table plus a manifest with the schema revision)
restores into an empty SQLite or PostgreSQL database at the same revision, so it also moves a
department from the embedded file to a shared server.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, Numeric, Table, func, insert, select, text

from ric_desk import __version__, files
from ric_desk.db import migrate
from ric_desk.errors import UserError
from ric_desk.models import Base, UtcDateTime

FORMAT = "ric_desk-backup-1"
BATCH = 5000


def copy_sqlite(engine: Engine, target: Path) -> None:
    """An online, consistent copy of the SQLite file through SQLite's backup API."""
    assert engine.url.database is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(engine.url.database)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decoder(table: Table) -> Callable[[dict[str, Any]], dict[str, Any]]:
    converters: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        if isinstance(column.type, UtcDateTime | DateTime):
            converters[column.name] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            converters[column.name] = date.fromisoformat
        elif isinstance(column.type, Numeric):
            converters[column.name] = Decimal

    def decode(row: dict[str, Any]) -> dict[str, Any]:
        for name, convert in converters.items():
            if row.get(name) is not None:
                row[name] = convert(row[name])
        return row

    return decode


def _rows(engine: Engine, table: Table) -> Iterator[dict[str, Any]]:
    with engine.connect() as conn:
        order = list(table.primary_key.columns)
        result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
        for row in result.mappings():
            yield dict(row)


def write_archive(engine: Engine, target: Path) -> dict[str, int]:
    """Dump every table of the model; returns the row count per table."""
    revision = migrate.current_revision(engine)
    migrate.require_current(engine)
    counts: dict[str, int] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in Base.metadata.sorted_tables:
            count = 0
            with archive.open(f"{table.name}.jsonl", "w") as out:
                for row in _rows(engine, table):
                    row = {k: _encode(v) for k, v in row.items()}
                    out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
                    count += 1
            counts[table.name] = count
        manifest = {"format": FORMAT, "revision": revision, "program": __version__, "rows": counts}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    tmp.replace(target)
    return counts


BACKUP_LIMIT = 50 * 1024 * files.MB  # a file this large is no workstation's backup
UNPACKED_BACKUP_LIMIT = 200 * 1024 * files.MB


def read_manifest(source: Path) -> dict[str, Any]:
    files.checked_file(source, "резервная копия ric_desk", BACKUP_LIMIT)
    files.checked_package(source, "резервной копией ric_desk", UNPACKED_BACKUP_LIMIT)
    try:
        with zipfile.ZipFile(source) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        raise UserError(f"Файл «{source}» не является резервной копией ric_desk.") from None
    if manifest.get("format") != FORMAT:
        raise UserError(f"Файл «{source}» имеет неизвестный формат резервной копии.")
    return manifest


def restore_archive(engine: Engine, source: Path, *, replace: bool = False) -> dict[str, int]:
    """Load an archive into the database, all or nothing.

    The database is brought to the archive's schema first; it must hold no clients unless
    `replace` is given, in which case its data is deleted in the same transaction.
    """
    manifest = read_manifest(source)
    if manifest["revision"] != migrate.head_revision():
        raise UserError(
            f"Копия сделана на схеме {manifest['revision']}, программа знает схему "
            f"{migrate.head_revision()}: восстановите её той версией программы, "
            "которой она сделана."
        )
    migrate.upgrade(engine)
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    with engine.begin() as conn, zipfile.ZipFile(source) as archive:
        existing = conn.scalar(select(func.count()).select_from(Base.metadata.tables["client"]))
        if existing and not replace:
            raise UserError(
                "В базе уже есть данные: восстановление их заменит. Повторите с --replace, "
                "если это то, что нужно."
            )
        for table in reversed(tables):
            conn.execute(table.delete())
        for table in tables:
            decode = _decoder(table)
            batch: list[dict[str, Any]] = []
            count = 0
            # a row may refer to a later row of its own table (an employee to the supervisor of
            # their group): those references are written after the table's rows
            own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
            later: list[dict[str, Any]] = []
            try:
                lines = archive.open(f"{table.name}.jsonl")
            except KeyError:
                raise UserError(
                    f"Копия «{source.name}» неполная: в ней нет таблицы {table.name}. "
                    "Ничего не восстановлено."
                ) from None
            with lines:
                for number, line in enumerate(_lines(lines, source, table.name), start=1):
                    try:
                        row = decode(json.loads(line))
                        if own and any(row.get(name) is not None for name in own):
                            later.append({"id": row["id"], **{n: row[n] for n in own}})
                            row = {**row, **dict.fromkeys(own)}
                        batch.append(row)
                    except (ValueError, TypeError, KeyError, AttributeError):
                        raise UserError(
                            f"Копия «{source.name}» повреждена: строка {number} таблицы "
                            f"{table.name} не читается. Ничего не восстановлено."
                        ) from None
                    if len(batch) >= BATCH:
                        conn.execute(insert(table), batch)
                        count += len(batch)
                        batch = []
            if batch:
                conn.execute(insert(table), batch)
                count += len(batch)
            for refs in later:
                conn.execute(
                    table.update().where(table.c.id == refs["id"]).values({n: refs[n] for n in own})
                )
            counts[table.name] = count
        if conn.dialect.name == "postgresql":
            reset_sequences(conn)
    return counts


def _lines(lines: Any, source: Path, table: str) -> Iterator[bytes]:
    """The lines of a table's file, a damaged compression said in words."""
    try:
        yield from lines
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise UserError(
            f"Копия «{source.name}» повреждена: файл таблицы {table} не распаковывается. "
            "Ничего не восстановлено."
        ) from None


def reset_sequences(conn: Any) -> None:
    """After rows were written with explicit ids, move each PostgreSQL sequence past them."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.autoincrement is not False and table.name != "stage":
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
