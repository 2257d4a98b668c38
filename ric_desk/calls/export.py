"""The session's queue as listed to Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ric_desk.calls.queue import QueueRow
from ric_desk.export_xlsx import Column, Kind, write_sheet

QUEUE_COLUMNS = [
    Column("План", Kind.DATETIME),
    Column("Работа №", Kind.NUMBER),
    Column("Клиент"),
    Column("Контактное лицо"),
    Column("Телефон"),
    Column("Этап"),
    Column("Направление"),
    Column("Исполнитель"),
    Column("Взята"),
    Column("Звонить можно с", Kind.DATETIME),  # empty: the client may be called now
]
QUEUE_HEADERS = [c.title for c in QUEUE_COLUMNS]


def _values(row: QueueRow) -> list[object]:
    return [
        row.planned_at,  # aware: written in the workstation's local time
        row.number,
        row.client,
        row.person,
        row.phone,
        row.stage,
        row.direction,
        row.executor or "группа",
        row.taken_by,
        row.wait.allowed_from if row.wait else None,
    ]


def export_queue(rows: Sequence[QueueRow], target: Path) -> int:
    """The session's queue as listed (at most a few hundred rows) to an .xlsx file."""
    return write_sheet(target, "Очередь", QUEUE_COLUMNS, [_values(r) for r in rows])
