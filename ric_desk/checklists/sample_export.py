"""The listening sample's calls as listed on the supervisor's page, to Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ric_desk.checklists.sample import PickRow
from ric_desk.export_xlsx import Column, Kind, write_sheet
from ric_desk.models import PickKind

PICK_COLUMNS = [
    Column("Дата звонка", Kind.DATETIME),
    Column("Звонок №", Kind.NUMBER),
    Column("Оператор"),
    Column("Клиент"),
    Column("Этап"),
    Column("Причина закрытия"),
    Column("Длительность, с", Kind.NUMBER),
    Column("Отбор"),
    Column("Состояние"),
    Column("Оценивает"),
]
PICK_HEADERS = [c.title for c in PICK_COLUMNS]


def _values(row: PickRow) -> list[object]:
    return [
        row.at,
        row.contact_id,
        row.operator,
        row.client,
        row.stage,
        row.closing_reason,
        row.duration_sec,
        "выборка" if row.kind == PickKind.SAMPLE else "вне выборки",
        row.status,
        row.taken_by,
    ]


def export_picks(rows: Sequence[PickRow], target: Path) -> int:
    """The sample's calls as listed (a month's: some hundreds of rows) to an .xlsx file."""
    return write_sheet(target, "Выборка", PICK_COLUMNS, [_values(r) for r in rows])
