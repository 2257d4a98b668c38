"""The session's queue as listed to Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ric_desk.calls.queue import QueueRow

QUEUE_HEADERS = [
    "План",
    "Работа №",
    "Клиент",
    "Контактное лицо",
    "Телефон",
    "Этап",
    "Направление",
    "Исполнитель",
    "Взята",
    "Звонить можно с",  # empty: the client may be called now
]


def export_queue(rows: Sequence[QueueRow], target: Path) -> int:
    """The session's queue as listed (at most a few hundred rows) to an .xlsx file."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Очередь")
    sheet.append(QUEUE_HEADERS)
    for row in rows:
        sheet.append(
            [
                row.planned_at.astimezone().replace(tzinfo=None),
                row.number,
                row.client,
                row.person,
                row.phone,
                row.stage,
                row.direction,
                row.executor or "группа",
                row.taken_by,
                row.wait.allowed_from.astimezone().replace(tzinfo=None) if row.wait else None,
            ]
        )
    partial = target.with_name(target.name + ".part")
    workbook.save(partial)
    partial.replace(target)
    return len(rows)
