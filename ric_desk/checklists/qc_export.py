"""Quality control to Excel: the list of reviews as shown, and the calibration agreement
report (its pairs of reviewers and the criteria they disagree on most, a sheet each)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ric_desk.checklists.calibration import Agreement
from ric_desk.checklists.review_list import STATUS_NAMES, ReviewRow
from ric_desk.checklists.scoring import shown
from ric_desk.export_xlsx import (
    Column,
    ExportFailed,
    Kind,
    check_target,
    not_written,
    put_text,
    write_sheet,
)
from ric_desk.models import ReviewKind

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

KIND_NAMES = {
    ReviewKind.SAMPLE: "выборка",
    ReviewKind.TARGETED: "целевая",
    ReviewKind.CALIBRATION: "калибровка",
}

REVIEW_COLUMNS = [
    Column("Дата звонка", Kind.DATETIME),
    Column("Оператор"),
    Column("Руководитель"),
    Column("Клиент"),
    Column("Этап"),
    Column("Чек-лист"),
    Column("Итог, %", Kind.NUMBER),
    Column("Критический промах"),
    Column("Статус"),
    Column("Вид"),
]


def percent_value(value: Fraction | None) -> float | None:
    """A percent as the screens round it (one decimal), as a number for a cell."""
    return None if value is None else float(shown(value))


def _review_values(row: ReviewRow) -> list[object]:
    s = row.summary
    return [
        s.contact_at,
        s.operator,
        s.supervisor,
        row.client,
        row.stage,
        s.checklist,
        None if s.hidden else percent_value(s.total),
        "да" if s.critical_miss else "",
        STATUS_NAMES[row.status],
        KIND_NAMES[s.kind],
    ]


def export_reviews(rows: Sequence[ReviewRow], target: Path) -> int:
    """The reviews as listed to an .xlsx sheet; returns the rows written."""
    return write_sheet(target, "Оценки", REVIEW_COLUMNS, [_review_values(r) for r in rows])


PAIR_HEADERS = [
    "Оценщик 1",
    "Оценщик 2",
    "Звонков",
    "Средняя разница итогов, п.п.",
    "Критериев сравнено",
    "Совпало",
    "Согласие, %",
    "Каппа Коэна",
]
DISAGREEMENT_HEADERS = ["Раздел", "Критерий", "Сравнений", "Расхождений", "Расхождения, %"]


def share_value(value: Fraction | None) -> float | None:
    """A share (0..1) as a percent rounded as shown."""
    return None if value is None else percent_value(value * 100)


def kappa_value(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 3)


def export_agreement(result: Agreement, target: Path) -> None:
    """The agreement report to an .xlsx file: «Пары» and «Расхождения»; kappa left empty
    where it is undefined."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    check_target(target)
    book = Workbook()
    pairs = book.active
    assert isinstance(pairs, Worksheet)
    pairs.title = "Пары"
    rows: list[list[object]] = [
        [
            p.reviewer_a,
            p.reviewer_b,
            len(p.calls),
            percent_value(p.mean_difference),
            p.compared,
            p.agreed,
            share_value(p.agreement),
            kappa_value(p.kappa),
        ]
        for p in result.pairs
    ]
    _fill(pairs, PAIR_HEADERS, rows)
    worst = book.create_sheet("Расхождения")
    rows = [
        [d.section, d.text, d.compared, d.disagreed, share_value(d.rate)]
        for d in result.disagreements
    ]
    _fill(worst, DISAGREEMENT_HEADERS, rows)
    partial = target.with_name(target.name + ".part")
    try:
        book.save(partial)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportFailed(not_written(target, exc)) from None


def _fill(sheet: Worksheet, headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(name="Calibri", size=11, bold=True)
    for column, title in enumerate(headers, 1):
        put_text(_at(sheet, 1, column), title).font = bold
        longest = max([len(title)] + [len(str(r[column - 1] or "")) for r in rows])
        sheet.column_dimensions[get_column_letter(column)].width = min(60, longest + 2)
    for r, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            if isinstance(value, str):
                put_text(_at(sheet, r, column), value)
            elif isinstance(value, (int, float)):
                _at(sheet, r, column).value = value
    sheet.freeze_panes = "A2"


def _at(sheet: Worksheet, row: int, column: int) -> Cell:
    from openpyxl.cell.cell import Cell

    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # nothing is merged here
    return cell
