"""The contact report saved to a file: an .xlsx that keeps the grouping, or a flat .csv.

The .xlsx has, above the table, what was counted (the configuration, the period, the rows and
columns, the filter, the counting rule and when it was made); then a header (with columns, two
rows: each column key over its measures) and the groups, the total first and each group before
its children, as Excel/LibreOffice outline levels (collapsible, the summary row above its
details) with each group's own totals. The values are the engine's (distinct counts are never
summed from the children), with number formats: counts `#,##0`, shares `0.0%`, durations
`[h]:mm:ss`; a negative deviation is red. Text is written as text (never a formula).

The .csv is for scripts: the stable names in its header (`level`, the row dimensions, the
measures, then `<measure>@<column key>` with columns), the dimensions' script values (ids, ISO
dates, "2026-03", "2026-Q1"...), numbers with a point and durations in seconds.

Both are written into `NAME.part` beside the target and put in place only when complete.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from ric_desk.export_xlsx import FORMULA_STARTS, ExportFailed, _not_written, clean_text
from ric_desk.reports.names import MEASURES, RULE, SHARES, dimension_title

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ric_desk.reports.pivot import Group, Report

SUFFIXES = (".xlsx", ".csv")
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
TITLE = "Отчёт по контактам с клиентами"
TOTAL = "Итого"
PERCENT = SHARES
DURATIONS = frozenset({"duration", "avg_duration"})
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
DURATION_FORMAT = "[h]:mm:ss"
SECONDS_PER_DAY = 86_400
RED = "FFC00000"
TOTAL_FILL = "FFD9D9D9"
GROUP_FILL = "FFF2F2F2"
LABEL_WIDTH = (16, 70)
INDENT = 2  # a level's indent of its label, in the cell's indent steps
FONT = "Calibri"  # the body's font (as the other exports), so bold cells do not change face
MEASURE_WIDTH = (9, 16)
CSV_CONTROL = str.maketrans({c: " " for c in "\r\n"})


def check_out(path: Path) -> None:
    """Refuse, in words and before any work is done, a file the report cannot be saved to."""
    if path.is_dir():
        raise ExportFailed(f"{path} — это папка: укажите имя файла *.xlsx или *.csv.")
    if path.suffix.lower() not in SUFFIXES:
        raise ExportFailed(
            f"Отчёт сохраняется в файл *.xlsx или *.csv, а не «{clean_text(path.name)}»."
        )
    if not path.parent.is_dir():
        raise ExportFailed(f"Папки {path.parent} нет: файл {path.name} не записан.")


def number_format(measure: str) -> str:
    if measure in PERCENT:
        return SHARE_FORMAT
    if measure in DURATIONS:
        return DURATION_FORMAT
    return COUNT_FORMAT


def group_label(report: Report, group: Group) -> str:
    """The group's own key as the report shows it (the total: «Итого»), with the number of its
    child groups as the seed shows it, e.g. «Кузнецова Ю.Б. (12)»."""
    if group.level == 0:
        label = TOTAL
    else:
        label = report.label(report.spec.rows[group.level - 1], group.key[-1])
    return f"{label} ({group.size})" if group.size else label


# -- .xlsx -------------------------------------------------------------------------------------


def _font(**style: Any) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=style.pop("size", 11), **style)


def _text(sheet: Worksheet, row: int, column: int, value: str) -> Any:
    """A cell holding `value` as text: never a formula or an error code, whatever it begins
    with; characters an .xlsx cannot hold become U+FFFD."""
    cell = sheet.cell(row=row, column=column)
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _described(report: Report, config_name: str | None, made_at: datetime) -> list[str]:
    spec = report.spec
    lines = [
        f"Настройка: «{config_name}»" if config_name else "Настройка: без названия",
        f"Период: {report.period.title()}",
        "Строки: " + (" → ".join(dimension_title(d) for d in spec.rows) or "только итог"),
    ]
    if spec.cols:
        lines.append("Колонки: " + " → ".join(dimension_title(d) for d in spec.cols))
    chosen = _filters(report)
    if chosen:
        lines.append("Отбор: " + "; ".join(chosen))
    lines += [f"Как считается: {RULE}", f"Сформирован: {made_at:%d.%m.%Y %H:%M}"]
    return lines


FILTERED = (
    ("operator_ids", "operator"),
    ("direction_ids", "direction"),
    ("campaign_ids", "campaign"),
    ("stage_ids", "stage"),
    ("region_codes", "region"),
)


def _filters(report: Report) -> list[str]:
    out = []
    filters = report.spec.filters
    for attr, dim in FILTERED:
        values = getattr(filters, attr)
        if values:
            if dim == "region":  # kept as the regions' codes, shown as they are
                labels = sorted(str(v) for v in values)
            else:
                labels = sorted(report.label(dim, v) for v in values)
            out.append(f"{dimension_title(dim)}: {', '.join(labels)}")
    if filters.segment_value_ids:
        out.append(f"значения сегментов: {len(filters.segment_value_ids)}")
    return out


def _header(
    sheet: Worksheet, top: int, report: Report, measures: tuple[str, ...]
) -> tuple[int, list[tuple[tuple[Any, ...] | None, str]]]:
    """The header at row `top`; the first data row and the value columns (column key or None
    for the row total, measure) from column B on."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    bold = _font(bold=True)
    fill = PatternFill("solid", fgColor=TOTAL_FILL)
    thin = Side(style="thin", color="FF808080")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    spec = report.spec
    keys: list[tuple[Any, ...] | None] = [None, *report.columns] if spec.cols else [None]
    columns = [(key, m) for key in keys for m in measures]
    if len(columns) + 1 > EXCEL_COLUMNS:
        raise ExportFailed(
            f"В отчёте {len(columns) + 1} колонок, а на листе Excel помещается {EXCEL_COLUMNS}: "
            "уберите разрез колонок или показатели, или сохраните отчёт в .csv."
        )
    rows_title = " → ".join(dimension_title(d) for d in spec.rows)
    header_rows = 2 if spec.cols else 1
    label = _text(sheet, top, 1, rows_title)
    label.alignment = Alignment(wrap_text=True, vertical="center")
    if spec.cols:
        sheet.merge_cells(start_row=top, end_row=top + 1, start_column=1, end_column=1)
        for k, key in enumerate(keys):
            first = 2 + k * len(measures)
            title = TOTAL if key is None else report.column_title(key)
            _text(sheet, top, first, title)
            if len(measures) > 1:
                sheet.merge_cells(
                    start_row=top,
                    end_row=top,
                    start_column=first,
                    end_column=first + len(measures) - 1,
                )
    for i, (_key, measure) in enumerate(columns):
        _text(sheet, top + header_rows - 1, 2 + i, MEASURES[measure])
    for r in range(top, top + header_rows):
        for c in range(1, len(columns) + 2):
            cell = sheet.cell(row=r, column=c)
            cell.font = bold
            cell.fill = fill
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if c > 1:
                cell.alignment = wrap
    return top + header_rows, columns


def _widths(sheet: Worksheet, labels: list[str], deepest: int, titles: list[str]) -> list[float]:
    """Column widths: the label column by its longest label (with its indent), each measure
    column by its title (wrapped); returns the measure columns' widths."""
    from openpyxl.utils import get_column_letter

    longest = max([len(t) for t in labels] or [0]) + INDENT * deepest + 2
    sheet.column_dimensions["A"].width = float(min(LABEL_WIDTH[1], max(LABEL_WIDTH[0], longest)))
    widths = []
    for i, title in enumerate(titles):
        word = max((len(w) for w in title.split()), default=0)
        width = float(min(MEASURE_WIDTH[1], max(MEASURE_WIDTH[0], word + 2, len(title) // 3 + 2)))
        sheet.column_dimensions[get_column_letter(2 + i)].width = width
        widths.append(width)
    return widths


def write_xlsx(
    report: Report, path: Path, config_name: str | None, *, made_at: datetime | None = None
) -> int:
    """Save the report as an .xlsx at `path`; returns the number of group rows (total included)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.worksheet.properties import Outline, PageSetupProperties

    check_out(path)
    made_at = made_at or datetime.now()
    spec = report.spec
    measures = tuple(spec.measures)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Отчёт по контактам"
    _text(sheet, 1, 1, TITLE).font = _font(bold=True, size=14)
    lines = _described(report, config_name, made_at)
    for i, line in enumerate(lines):
        _text(sheet, 2 + i, 1, line)
    top = 2 + len(lines) + 1  # an empty row between the description and the table
    first, columns = _header(sheet, top, report, measures)

    deepest = len(spec.rows)
    collapse_at = None if spec.collapsed_from is None else max(1, spec.collapsed_from)
    labels: list[str] = []
    red = _font(color=RED)
    fonts = {"group": _font(bold=True), "group_red": _font(bold=True, color=RED)}
    fills = {
        0: PatternFill("solid", fgColor=TOTAL_FILL),
        1: PatternFill("solid", fgColor=GROUP_FILL),
    }
    formats = [number_format(m) for _key, m in columns]
    row = first
    for group in report.walk():
        if row > EXCEL_ROWS:
            most = f"{EXCEL_ROWS:,}".replace(",", "\u00a0")
            raise ExportFailed(
                f"В отчёте больше строк, чем помещается на листе Excel ({most}): "
                "уберите разрез строк или сохраните отчёт в .csv."
            )
        label = group_label(report, group)
        labels.append(label)
        heading = group.level < deepest  # a group with details below it: bold
        cell = _text(sheet, row, 1, label)
        cell.alignment = Alignment(horizontal="left", indent=INDENT * group.level)
        if heading:
            cell.font = fonts["group"]
        fill = fills.get(group.level) if heading else None
        if fill is not None:
            cell.fill = fill
        for i, (key, measure) in enumerate(columns):
            values = group.values if key is None else group.cells.get(key, {})
            value = values.get(measure)
            target = sheet.cell(row=row, column=2 + i)
            if fill is not None:
                target.fill = fill
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                continue
            target.value = value / SECONDS_PER_DAY if measure in DURATIONS else value
            target.number_format = formats[i]
            negative = measure == "deviation" and value < 0
            if negative:
                target.font = fonts["group_red"] if heading else red
            elif heading:
                target.font = fonts["group"]
        dimension = sheet.row_dimensions[row]
        if group.level >= 1:
            dimension.outlineLevel = group.level - 1
        if collapse_at is not None:
            if group.level > collapse_at:
                dimension.hidden = True
            elif group.level == collapse_at and group.size:
                dimension.collapsed = True
        row += 1

    properties = sheet.sheet_properties
    if properties.outlinePr is None:
        properties.outlinePr = Outline()
    properties.outlinePr.summaryBelow = False  # each group's row above its details
    sheet.sheet_format.outlineLevelRow = max(0, deepest - 1)
    sheet.freeze_panes = sheet.cell(row=first, column=2).coordinate
    widths = _widths(sheet, labels, deepest, [MEASURES[m] for _k, m in columns])
    lines_needed = max(
        [
            math.ceil(len(MEASURES[m]) / max(1.0, w - 1))
            for (_k, m), w in zip(columns, widths, strict=True)
        ]
        or [1]
    )
    sheet.row_dimensions[first - 1].height = 15 * max(1, lines_needed)
    # the description above spans the table (wrapped), so it never widens the printed page
    table_width = float(sheet.column_dimensions["A"].width) + sum(widths)
    for i, line in enumerate(lines):
        r = 2 + i
        sheet.merge_cells(start_row=r, end_row=r, start_column=1, end_column=1 + len(columns))
        cell = sheet.cell(row=r, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        needed = math.ceil(len(line) / max(1.0, table_width))
        if needed > 1:
            sheet.row_dimensions[r].height = 15 * needed
    if spec.cols:
        keys_needed = max(
            [
                math.ceil(len(report.column_title(k)) / max(1.0, sum(widths[: len(measures)])))
                for k in report.columns
            ]
            or [1]
        )
        sheet.row_dimensions[top].height = 15 * max(1, keys_needed)
    # printed: landscape, as wide as the page, the header on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{top}:{first - 1}"
    _save(path, lambda f: workbook.save(f), binary=True)
    return row - first


# -- .csv ---------------------------------------------------------------------------------------


def _number(value: int | float | None) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _script(report: Report, dimension: str, value: Any) -> str:
    if value is None:
        return ""
    return str(report.script_value(dimension, value)).translate(CSV_CONTROL)


def csv_header(report: Report) -> list[str]:
    spec = report.spec
    header = ["level", *spec.rows, *spec.measures]
    for key in report.columns:
        joined = "/".join(_script(report, d, v) for d, v in zip(spec.cols, key, strict=True))
        header += [f"{m}@{joined}" for m in spec.measures]
    return header


def csv_rows(report: Report) -> Iterator[list[str]]:
    """One row per group, the total first and each group before its children."""
    spec = report.spec
    for group in report.walk():
        keys = [_script(report, d, v) for d, v in zip(spec.rows, group.key, strict=False)]
        keys += [""] * (len(spec.rows) - len(keys))
        values = [_number(group.values.get(m)) for m in spec.measures]
        for key in report.columns:
            cell = group.cells.get(key, {})
            values += [_number(cell.get(m)) for m in spec.measures]
        yield [str(group.level), *keys, *values]


def write_csv(report: Report, target: Path | TextIO) -> int:
    """The report's flat cells as CSV, to a file (put in place when complete) or an open text
    stream (standard output); returns the number of group rows."""

    def write(stream: IO[str]) -> int:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(csv_header(report))
        count = 0
        for row in csv_rows(report):
            out.writerow(row)
            count += 1
        return count

    if not isinstance(target, Path):
        return write(target)
    check_out(target)
    counted: list[int] = []
    _save(target, lambda f: counted.append(write(f)), binary=False)
    return counted[0]


def _save(target: Path, fill: Any, *, binary: bool) -> None:
    """Write through `fill(file)` into `NAME.part`, then put it in place; nothing is left behind
    on failure. An unwritable place is said in words."""
    partial = target.with_name(target.name + ".part")
    try:
        with contextlib.ExitStack() as stack:
            if binary:
                handle: IO[Any] = stack.enter_context(partial.open("wb"))
            else:
                handle = stack.enter_context(partial.open("w", encoding="utf-8", newline=""))
            fill(handle)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise ExportFailed(_not_written(target, exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
