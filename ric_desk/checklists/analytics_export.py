"""Quality analytics to files: the tables to .xlsx, one review to .docx (issue 12).

The workbook has a sheet per table (by operator, stage, month, the operators' months, criteria,
the weakest criteria, the reviews counted); above each table what was counted (the period, the
filter, when it was made), then a bold header that stays in view and an autofilter. Shares and
averages are numbers with a percent format (`0.0%`), counts `#,##0`, dates dates; text is text,
never a formula (`export_xlsx.put_text`).

The document is one review as the operator and the supervisor discuss it: the call's facts, the
check-list's sections with each criterion's mark and comment, the sections' percents, the total
(and whether it passed), the reviewer and the date, the disputes and how they ended.

Both are written beside the target and put in place only when complete.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.checklists.analytics import Results, ReviewLine
from ric_desk.checklists.review_reads import review_detail
from ric_desk.checklists.review_views import CallFacts, ReviewDetail
from ric_desk.checklists.reviews import _call
from ric_desk.checklists.scoring import percent_text
from ric_desk.export_xlsx import (
    DATETIME_FORMAT,
    ExportFailed,
    check_target,
    not_written,
    put_text,
)
from ric_desk.models import DisputeOutcome, ReviewKind, ReviewState

if TYPE_CHECKING:
    from docx.document import Document
    from openpyxl.worksheet.worksheet import Worksheet

    from ric_desk.store import Store

TITLE = "Контроль качества"
COUNT = "#,##0"
SHARE = "0.0%"
FONT = "Calibri"
NOT_SCORED = "не оценено"
KINDS = {
    ReviewKind.SAMPLE: "выборка",
    ReviewKind.TARGETED: "целевая",
    ReviewKind.CALIBRATION: "калибровка",
}


def _share(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _percent(value: Fraction | None) -> float | None:
    """A percent (0..100) as Excel's share (0..1), shown with `SHARE`."""
    return None if value is None else float(value / 100)


# -- .xlsx -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    title: str
    value: Callable[[Any], object]
    number_format: str | None = None  # None: text
    width: float = 14


def _stats_columns(first: str, width: float = 34) -> list[_Column]:
    return [
        _Column(first, lambda s: s.label, None, width),
        _Column("Оценок", lambda s: s.reviews, COUNT, 9),
        _Column("С баллом", lambda s: s.scored, COUNT, 10),
        _Column("Средний балл", lambda s: _percent(s.average), SHARE, 11),
        _Column(
            "Средний балл без обнуления", lambda s: _percent(s.average_without_critical), SHARE
        ),
        _Column("Прошли, доля", lambda s: _share(s.pass_rate), SHARE, 11),
        _Column("Критичные ошибки, доля", lambda s: _share(s.critical_rate), SHARE, 12),
        _Column("Звонков для выборки", lambda s: s.eligible, COUNT, 12),
        _Column("Прослушано из выборки", lambda s: s.reviewed_calls, COUNT, 12),
        _Column("Охват", lambda s: _share(s.coverage), SHARE, 9),
    ]


CRITERION_COLUMNS = [
    _Column("Чек-лист", lambda c: c.checklist, None, 26),
    _Column("Раздел", lambda c: c.section, None, 24),
    _Column("Критерий", lambda c: c.text, None, 46),
    _Column("Критичный", lambda c: "да" if c.critical else "", None, 10),
    _Column("Применялся", lambda c: c.applicable, COUNT, 11),
    _Column("Не выполнен", lambda c: c.missed, COUNT, 11),
    _Column("Доля невыполнения", lambda c: _share(c.fail_rate), SHARE, 12),
    _Column("Выполнение, в среднем", lambda c: _share(c.fulfilment), SHARE, 12),
]

REVIEW_COLUMNS = [
    _Column("№ оценки", lambda r: r.id, "0", 9),
    _Column("Звонок", lambda r: r.at, DATETIME_FORMAT, 16),
    _Column("Оператор", lambda r: r.operator, None, 30),
    _Column("Этап", lambda r: r.stage, None, 24),
    _Column("Чек-лист", lambda r: r.checklist, None, 26),
    _Column("Руководитель", lambda r: r.supervisor, None, 28),
    _Column("Вид", lambda r: KINDS[r.kind], None, 10),
    _Column("Итог", lambda r: _percent(r.total) if r.total is not None else NOT_SCORED, SHARE, 11),
    _Column("Критичная ошибка", lambda r: "да" if r.critical_miss else "", None, 11),
    _Column("Прошла", lambda r: {True: "да", False: "нет", None: ""}[r.passed], None, 9),
]


def described(results: Results, made_at: datetime) -> list[str]:
    """What was counted, in the words written above every table."""
    flt = results.filter
    counted = "выборка и целевые прослушки" if flt.targeted else "только выборка"
    return [
        f"Период: {flt.start:%d.%m.%Y} – {flt.end:%d.%m.%Y} (по дате звонка)",
        f"Отбор: {results.operator or 'все операторы'}; {counted}; без калибровочных оценок",
        f"Сформирован: {made_at:%d.%m.%Y %H:%M}",
    ]


def _sheet(
    sheet: Worksheet,
    title: str,
    lines: list[str],
    columns: Sequence[_Column],
    rows: Sequence[object],
    total: object | None = None,
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    def at(row: int, column: int) -> Any:  # an ordinary sheet's cell (never a merged one)
        return sheet.cell(row=row, column=column)

    bold = Font(name=FONT, size=11, bold=True)
    put_text(at(1, 1), f"{TITLE}: {title}").font = Font(name=FONT, size=14, bold=True)
    for i, line in enumerate(lines):
        put_text(at(2 + i, 1), line)
    top = 2 + len(lines) + 1
    for c, column in enumerate(columns, start=1):
        cell = put_text(at(top, c), column.title)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    sheet.row_dimensions[top].height = 30
    everything = [*rows, *([total] if total is not None else [])]
    for r, item in enumerate(everything, start=top + 1):
        for c, column in enumerate(columns, start=1):
            value: Any = column.value(item)
            cell = at(r, c)
            if value is None:
                pass
            elif isinstance(value, str):
                put_text(cell, value)
            else:
                if isinstance(value, datetime) and value.tzinfo is not None:
                    value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones
                cell.value = value
                if column.number_format:
                    cell.number_format = column.number_format
            if item is total:
                cell.font = bold
    last = get_column_letter(len(columns))
    sheet.freeze_panes = at(top + 1, 2).coordinate
    sheet.auto_filter.ref = f"A{top}:{last}{top + max(1, len(rows))}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{top}:{top}"


def _month_average(index: int) -> Callable[[Any], object]:
    return lambda trend: _percent(trend.months[index].average)


def _trend_columns(results: Results) -> list[_Column]:
    return [_Column("Оператор", lambda t: t.operator, None, 34)] + [
        _Column(month.label, _month_average(i), SHARE, 10)
        for i, month in enumerate(results.by_month)
    ]


def write_results_xlsx(results: Results, target: Path, *, made_at: datetime | None = None) -> int:
    """The analytics tables to `target`, a sheet each; returns the number of reviews counted."""
    from openpyxl import Workbook

    check_target(target)
    lines = described(results, made_at or datetime.now())
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    sheets: list[tuple[str, str, Sequence[_Column], Sequence[object], object | None]] = [
        ("По операторам", "по операторам", _stats_columns("Оператор"), results.by_operator,
         results.total),
        ("По этапам", "по этапам", _stats_columns("Этап"), results.by_stage, results.total),
        ("По месяцам", "по месяцам", _stats_columns("Месяц", 12), results.by_month, results.total),
        ("Динамика", "средний балл операторов по месяцам", _trend_columns(results),
         results.trends, None),
        ("Критерии", "критерии", CRITERION_COLUMNS, results.criteria, None),
        ("Слабые критерии", "самые слабые критерии", CRITERION_COLUMNS, results.weakest, None),
        ("Оценки", "оценки, вошедшие в расчёт", REVIEW_COLUMNS, results.reviews, None),
    ]  # fmt: skip
    for name, title, columns, rows, total in sheets:
        _sheet(workbook.create_sheet(name), title, lines, columns, rows, total)
    _save(target, workbook.save)
    return len(results.reviews)


def _save(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write into `NAME.part` beside `target`, then put it in place; nothing left on failure."""
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("wb") as handle:
            write(handle)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ExportFailed(not_written(target, exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


# -- .docx -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewPaper:
    """What the document of one review says."""

    detail: ReviewDetail
    call: CallFacts


def review_paper(session: Session, actor: Actor, review_id: int) -> ReviewPaper:
    """One review the actor may open, with its call's facts."""
    detail = review_detail(session, actor, review_id)
    _contact, _work, facts = _call(session, detail.summary.contact_id)
    return ReviewPaper(detail, facts)


def check_docx_target(target: Path) -> None:
    """Refuse, in words and before any work, a file name a review cannot be written to."""
    if target.is_dir():
        raise ExportFailed(f"{target} — это папка: укажите имя файла *.docx.")
    if target.suffix.lower() != ".docx":
        raise ExportFailed(f"Оценку сохраняют в файл *.docx, а не «{target.name}».")
    if not target.parent.is_dir():
        raise ExportFailed(f"Папки {target.parent} нет: файл {target.name} не записан.")


def _moment(value: datetime | None) -> str:
    return value.astimezone().strftime("%d.%m.%Y %H:%M") if value is not None else ""


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def grade_text(grade: int | None, top: int) -> str:
    if grade is None:
        return "неприменим"
    if top == 1:
        return "да" if grade else "нет"
    return f"{grade} из {top}"


def _facts(paper: ReviewPaper) -> list[tuple[str, str]]:
    call, summary = paper.call, paper.detail.summary
    rows = [
        ("Звонок", _moment(call.at)),
        ("Длительность", _duration(call.duration_sec)),
        ("Оператор", call.operator),
        ("Клиент", call.client),
        ("Контактное лицо", call.person),
        ("Работа", f"№ {call.work_number}"),
        ("Этап", call.stage),
        ("Причина закрытия", call.closing_reason),
        ("Результат", call.result),
        ("Чек-лист", summary.checklist),
        ("Вид оценки", KINDS[summary.kind]),
    ]
    return [(k, v) for k, v in rows if v]


CRITERIA_CM = (8.5, 3.0, 5.5)  # criterion, mark, comment: 17 cm, an A4 page's text width
FACTS_CM = (4.5, 12.5)


def _widths(cells: Sequence[Any], widths: Sequence[float]) -> None:
    from docx.shared import Cm

    for cell, width in zip(cells, widths, strict=True):
        cell.width = Cm(width)


def _table(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float] = CRITERIA_CM,
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _widths(table.columns, widths)  # the grid LibreOffice reads
    _widths(table.rows[0].cells, widths)  # the cells Word reads
    for row in rows:
        cells = table.add_row().cells
        _widths(cells, widths)
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def build_review_docx(paper: ReviewPaper) -> Document:
    import docx
    from docx.shared import Pt

    detail, summary = paper.detail, paper.detail.summary
    document = docx.Document()
    style: Any = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    document.add_heading(f"Оценка звонка № {summary.id}", level=1)
    if summary.state != ReviewState.PUBLISHED:
        document.add_paragraph().add_run("Черновик: оценка не опубликована.").bold = True
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    facts.autofit = False
    _widths(facts.columns, FACTS_CM)
    for name, value in _facts(paper):
        cells = facts.add_row().cells
        _widths(cells, FACTS_CM)
        cells[0].text = name
        cells[1].text = value
    for section in detail.sections:
        heading = section.title
        if section.percent is not None:
            heading += f" — {percent_text(section.percent)}"
        if section.weight != 1:
            heading += f" (вес {section.weight})"
        document.add_heading(heading, level=2)
        rows = []
        for c in section.criteria:
            text = c.text + (" (критичный)" if c.critical else "")
            mark = c.mark
            rows.append(
                [
                    text,
                    grade_text(mark.grade, c.top) if mark is not None else "",
                    (mark.comment or "") if mark is not None else "",
                ]
            )
        _table(document, ["Критерий", "Оценка", "Комментарий"], rows)
    document.add_heading("Итог", level=2)
    total = document.add_paragraph()
    total.add_run(f"Итог: {summary.total_text}").bold = True
    if summary.critical_miss:
        total.add_run(" — критичная ошибка: итог обнулён")
    if summary.without_critical is not None and summary.critical_miss:
        total.add_run(f" (без обнуления {percent_text(summary.without_critical)})")
    if summary.passed is not None:
        document.add_paragraph("Оценка пройдена." if summary.passed else "Оценка не пройдена.")
    if detail.comment:
        document.add_paragraph(f"Комментарий руководителя: {detail.comment}")
    document.add_paragraph(f"Руководитель: {summary.supervisor}")
    document.add_paragraph(f"Дата оценки: {_moment(summary.published_at or summary.reviewed_at)}")
    if summary.acknowledged_at is not None:
        document.add_paragraph(f"Оператор ознакомился: {_moment(summary.acknowledged_at)}")
    if detail.disputes:
        document.add_heading("Споры", level=2)
        outcomes = {DisputeOutcome.UPHELD: "оценка оставлена", DisputeOutcome.CHANGED: "изменена"}
        _table(
            document,
            ["Критерий", "Довод оператора", "Решение"],
            [
                [
                    d.criterion,
                    d.comment,
                    (
                        f"{outcomes[d.outcome]}: {d.resolution or ''} ({d.resolved_by})"
                        if d.outcome is not None
                        else "разбирается"
                    ),
                ]
                for d in detail.disputes
            ],
            (5.5, 5.5, 6.0),
        )
    return document


def write_review_docx(paper: ReviewPaper, target: Path) -> None:
    check_docx_target(target)
    document = build_review_docx(paper)
    _save(target, lambda handle: document.save(handle))


def review_file_name(line: ReviewLine | int) -> str:
    """«Оценка 123.docx»"""
    return f"Оценка {line if isinstance(line, int) else line.id}.docx"


def results_file_name(results: Results) -> str:
    """«Контроль качества 01.11.2026-30.11.2026.xlsx»"""
    flt = results.filter
    who = f" {results.operator}" if results.operator else ""
    return f"{TITLE}{who} {flt.start:%d.%m.%Y}-{flt.end:%d.%m.%Y}.xlsx"


def export_review(store: Store, actor: Actor, review_id: int, target: Path) -> None:
    """Read one review the actor may open and write it to `target` (the screens' long job)."""
    check_docx_target(target)
    with store.session(read_only=True) as session:
        paper = review_paper(session, actor, review_id)
    write_review_docx(paper, target)
