"""Check-lists to and from Excel workbooks laid out as the supervisors keep them.

The layout (the sample `Чек-лист_с сентября 2020`): one sheet per check-list, named after its
stage («Знакомство», «ОС», ...); row 1 holds the check-list's title; the row whose other cells
say «Оценка» holds the columns' headers, and in the supervisors' own books it is also the first
section's row; below it bold rows are sections and the other rows, usually starting with «-»,
are criteria. The score column («Оценка») is left empty in a check-list: a supervisor fills it
in when listening to a call.

The program's export adds what a template holds beyond that, in columns of their own (a criterion's
points, scale, flags and hint, a section's weight: `COLUMNS`) and two label/value pairs in row 1
(the pass mark and the stage); every one of them is optional on import, with the defaults of
`ric_desk.checklists.templates`. A workbook is read whole before anything is written and is
refused at its first problem, in Russian, with its sheet and row.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from ric_desk.checklists.templates import (
    CRITERION_LIMIT,
    HINT_LIMIT,
    NAME_LIMIT,
    POINTS_MAX,
    SECTION_LIMIT,
    WEIGHT_MAX,
    CriterionDraft,
    SectionDraft,
    TemplateDraft,
    validate,
)
from ric_desk.errors import UserError
from ric_desk.export_xlsx import ExportFailed, check_target, not_written, put_text
from ric_desk.files import DOCUMENT_LIMIT, MB, checked_file, checked_package
from ric_desk.models.checklists import DEFAULT_PASS_MARK, Scale
from ric_desk.validation import clean_field, clip

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

UNPACKED_LIMIT = 5 * MB  # a check-list workbook is some kilobytes
MAX_SHEETS = 50
MAX_ROWS = 1000  # rows that hold something, per sheet
MAX_COLUMN = 20
WHAT = "книгой Excel .xlsx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
EXCEL_CONTROL = re.compile(r"_x00[01][0-9A-Fa-f]_")  # a control character as Excel escapes it

TEXT_HEADER = "Раздел / критерий"
SCORE = "Оценка"
POINTS = "Баллы"
SCALE = "Шкала"
CRITICAL = "Критичный"
MAY_BE_NA = "Может быть неприменим"
COMMENT_ON_MISS = "Комментарий при невыполнении"
WEIGHT = "Вес раздела"
HINT = "Подсказка"
COLUMNS = (SCORE, POINTS, SCALE, CRITICAL, MAY_BE_NA, COMMENT_ON_MISS, WEIGHT, HINT)
PASS_MARK = "Проходной балл, %"
STAGE = "Этап"
SCALE_LABELS = {Scale.YES_NO: "да/нет", Scale.ZERO_TWO: "0-2", Scale.ZERO_FIVE: "0-5"}
YES, NO = "да", "нет"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


_HEADERS = {_key(h): h for h in COLUMNS}
_ROW1_LABELS = {_key(PASS_MARK): PASS_MARK, _key(STAGE): STAGE}
_SCALES = {_key(label): scale for scale, label in SCALE_LABELS.items()} | {
    "0–2": Scale.ZERO_TWO,
    "0–5": Scale.ZERO_FIVE,
    "да / нет": Scale.YES_NO,
}


@dataclass
class WorkbookContents:
    drafts: list[TemplateDraft] = field(default_factory=list)
    empty_sheets: list[str] = field(default_factory=list)  # skipped: nothing on them


class _Refused(Exception):
    """A problem in one row of the sheet being read (the sheet's name is added on the way up)."""

    def __init__(self, row: int | None, reason: str) -> None:
        super().__init__(reason)
        self.row = row
        self.reason = reason


def read_checklists(path: Path) -> WorkbookContents:
    """Every check-list of the workbook at `path`, checked as `publish` checks them; refused
    whole, in words, at the first problem."""
    checked_file(path, "книга Excel", DOCUMENT_LIMIT)
    with path.open("rb") as f:
        if f.read(4) == OLE_MAGIC:
            raise UserError(
                f"Файл «{path.name}» — книга Excel старого формата (.xls): откройте её в Excel и "
                "сохраните как «Книга Excel (*.xlsx)»."
            )
    checked_package(path, WHAT, UNPACKED_LIMIT)
    _check_sheet_names(path)
    workbook = _load(path)
    contents = WorkbookContents()
    names: dict[str, str] = {}
    for sheet in workbook.worksheets:
        from openpyxl.worksheet.worksheet import Worksheet

        if not isinstance(sheet, Worksheet):
            raise UserError(f"Лист «{sheet.title}» — не таблица (диаграмма): уберите его из книги.")
        try:
            draft = _read_sheet(sheet)
            if draft is not None:
                validate(draft)
        except _Refused as exc:
            where = f"Лист «{sheet.title}»" + (f", строка {exc.row}" if exc.row else "")
            raise UserError(f"{where}: {exc.reason}") from None
        except UserError as exc:
            raise UserError(f"Лист «{sheet.title}»: {exc.message}") from None
        if draft is None:
            contents.empty_sheets.append(sheet.title)
            continue
        first = names.get(draft.name.casefold())
        if first is not None:
            raise UserError(
                f"Лист «{sheet.title}»: чек-лист «{clip(draft.name)}» уже есть на листе "
                f"«{first}» — у чек-листов книги разные заголовки."
            )
        names[draft.name.casefold()] = sheet.title
        contents.drafts.append(draft)
    if not contents.drafts:
        raise UserError(f"В книге «{path.name}» нет ни одного чек-листа: все листы пусты.")
    return contents


def _check_sheet_names(path: Path) -> None:
    """The sheets' names, from the workbook's own list before openpyxl reads a sheet: not too
    many, none twice (openpyxl would quietly rename the second)."""
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError):
        raise UserError(f"Файл «{path.name}» не является {WHAT} или повреждён.") from None
    sheets = [e.get("name", "") for e in root.iter() if e.tag.endswith("}sheet")]
    if len(sheets) > MAX_SHEETS:
        raise UserError(
            f"В книге «{path.name}» {len(sheets)} листов, а чек-листов в книге бывает не больше "
            f"{MAX_SHEETS}: такой файл не загружается."
        )
    seen: set[str] = set()
    for name in sheets:
        if name.casefold() in seen:
            raise UserError(
                f"В книге «{path.name}» два листа называются «{clip(name)}»: переименуйте один."
            )
        seen.add(name.casefold())


def _load(path: Path) -> Any:
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions, data validation...
            return load_workbook(path, data_only=False, rich_text=False)
    except Exception:  # openpyxl raises a dozen kinds on a damaged package
        raise UserError(f"Файл «{path.name}» не является {WHAT} или повреждён.") from None


def _rows(sheet: Worksheet) -> Iterator[tuple[int, dict[int, Cell]]]:
    """The sheet's rows that hold something: (row number, {column: cell})."""
    count = 0
    for row in sheet.iter_rows(max_col=max(sheet.max_column, 1)):
        cells = {c.column: c for c in row if c.value is not None and c.column is not None}
        if not cells:
            continue
        count += 1
        number = next(iter(cells.values())).row
        if count > MAX_ROWS:
            raise _Refused(number, f"заполнено больше {MAX_ROWS} строк — это не чек-лист.")
        for cell in cells.values():
            _check_cell(cell)
        yield number, cells


def _check_cell(cell: Cell) -> None:
    if cell.column > MAX_COLUMN:
        raise _Refused(
            cell.row,
            f"ячейка {cell.coordinate} заполнена, а колонок у чек-листа не больше {MAX_COLUMN}.",
        )
    if cell.data_type == "f" or not isinstance(cell.value, (str, int, float)):
        if cell.data_type == "f" or type(cell.value).__name__.endswith("Formula"):
            raise _Refused(
                cell.row,
                f"в ячейке {cell.coordinate} формула: формулы не загружаются, "
                "замените её значением.",
            )
        if not isinstance(cell.value, bool):
            raise _Refused(
                cell.row, f"в ячейке {cell.coordinate} дата или другое значение, а нужен текст."
            )
    if cell.data_type == "e":
        raise _Refused(cell.row, f"в ячейке {cell.coordinate} ошибка «{cell.value}».")


def _text(
    cell: Cell, label: str, limit: int, *, multiline: bool = False, value: object = None
) -> str | None:
    """The cell's text (or `value`, read from it), cleaned as every stored field is."""
    value = cell.value if value is None else value
    if isinstance(value, bool):
        raise _Refused(cell.row, f"в ячейке {cell.coordinate} логическое значение, а нужен текст.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and EXCEL_CONTROL.search(value):
        raise _Refused(
            cell.row,
            f"в ячейке {cell.coordinate} управляющие символы (Excel пишет их как _x0001_): "
            "уберите их.",
        )
    try:
        return clean_field(str(value), label, limit, multiline=multiline)
    except UserError as exc:
        raise _Refused(cell.row, exc.message[0].lower() + exc.message[1:]) from None


def _whole(cell: Cell, header: str, low: int, high: int) -> int:
    value = cell.value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value != int(value)
    ):
        raise _Refused(
            cell.row,
            f"в колонке «{header}» (ячейка {cell.coordinate}) «{clip(str(value), 30)}», а нужно "
            f"целое число от {low} до {high}.",
        )
    number = int(value)
    if not low <= number <= high:
        shown = str(number) if abs(number) < 10**12 else "слишком большое число"
        raise _Refused(
            cell.row,
            f"в колонке «{header}» (ячейка {cell.coordinate}) {shown}, а нужно от {low} до {high}.",
        )
    return number


def _flag(cell: Cell, header: str) -> bool:
    value = cell.value
    if isinstance(value, bool):
        return value
    key = _key(str(value))
    if key in (YES, NO, ""):
        return key == YES
    raise _Refused(
        cell.row,
        f"в колонке «{header}» (ячейка {cell.coordinate}) «{clip(str(value), 30)}», а нужно "
        f"«{YES}» или пусто.",
    )


def _scale(cell: Cell) -> Scale:
    scale = _SCALES.get(_key(str(cell.value)).replace(" ", ""), _SCALES.get(_key(str(cell.value))))
    if scale is None:
        labels = ", ".join(f"«{v}»" for v in SCALE_LABELS.values())
        raise _Refused(
            cell.row,
            f"в колонке «{SCALE}» (ячейка {cell.coordinate}) «{clip(str(cell.value), 30)}», а "
            f"нужна одна из шкал: {labels}.",
        )
    return scale


def _is_header(cells: dict[int, Cell]) -> bool:
    return any(
        column > 1 and isinstance(c.value, str) and _key(c.value) == _key(SCORE)
        for column, c in cells.items()
    )


def _read_sheet(sheet: Worksheet) -> TemplateDraft | None:
    rows = list(_rows(sheet))
    if not rows:
        return None
    for merged in sheet.merged_cells.ranges:
        if merged.min_row != 1 or merged.max_row != 1:
            raise _Refused(
                merged.min_row,
                f"объединённые ячейки {merged.coord}: объединять можно только ячейки заголовка "
                "в строке 1, разъедините остальные.",
            )
    title: str | None = None
    pass_mark = DEFAULT_PASS_MARK
    stage: int | None = None
    number, cells = rows[0]
    if number == 1 and not _is_header(cells):
        rows.pop(0)
        if 1 in cells:
            title = _text(cells[1], "заголовок чек-листа", NAME_LIMIT)
        pairs = sorted(c for c in cells if c > 1)
        while pairs:
            column = pairs.pop(0)
            label = cells[column]
            key = _key(str(label.value))
            if key not in _ROW1_LABELS or column + 1 not in cells:
                raise _Refused(
                    1,
                    f"в ячейке {label.coordinate} «{clip(str(label.value), 30)}»: в строке "
                    f"заголовка рядом с ним бывают только «{PASS_MARK}» и «{STAGE}» с "
                    "числом справа.",
                )
            value = cells[column + 1]
            if pairs and pairs[0] == column + 1:
                pairs.pop(0)
            if _ROW1_LABELS[key] == PASS_MARK:
                pass_mark = _whole(value, PASS_MARK, 0, 100)
            else:
                stage = _whole(value, STAGE, 1, 2**31 - 1)
    if not rows:
        raise _Refused(None, f"под заголовком ничего нет: нет строки с колонкой «{SCORE}».")
    header_at = next((i for i, (_, c) in enumerate(rows) if _is_header(c)), None)
    if header_at is None:
        raise _Refused(
            None,
            f"не найдена колонка «{SCORE}»: её заголовок пишут в строке первого раздела "
            f"(или в строке заголовков над разделами).",
        )
    if header_at > 0:
        number, cells = rows[0]
        first = str(cells[min(cells)].value).strip()
        if first.startswith("-"):
            shown = clip(first.removeprefix("-").strip())
            raise _Refused(number, f"критерий «{shown}» стоит до первого раздела.")
        raise _Refused(
            number, f"строка стоит выше строки с колонкой «{SCORE}»: уберите её или перенесите."
        )
    number, cells = rows[0]
    columns: dict[int, str] = {}
    for column in sorted(c for c in cells if c > 1):
        cell = cells[column]
        header = _HEADERS.get(_key(str(cell.value)))
        if header is None:
            known = ", ".join(f"«{h}»" for h in COLUMNS)
            raise _Refused(
                number,
                f"неизвестная колонка «{clip(str(cell.value), 40)}» (ячейка {cell.coordinate}); "
                f"колонки чек-листа: {known}.",
            )
        if header in columns.values():
            raise _Refused(number, f"колонка «{header}» указана дважды.")
        columns[column] = header
    sections: list[tuple[int, SectionDraft]] = []
    if 1 in cells and _key(str(cells[1].value)) != _key(TEXT_HEADER):
        rows[0] = (number, {1: cells[1]})  # the supervisors' layout: also the first section
    else:
        rows.pop(0)
    for number, cells in rows:
        _read_row(number, cells, columns, sections)
    if not sections:
        raise _Refused(None, "нет ни одного раздела (разделы — строки, выделенные жирным).")
    for number, section in sections:
        if not section.criteria:
            raise _Refused(
                number,
                f"в разделе «{clip(section.title)}» нет ни одного критерия "
                "(критерии — строки под разделом, обычно начинаются с «-»).",
            )
    return TemplateDraft(
        name=title or sheet.title,
        sheet_name=sheet.title,
        sections=[s for _, s in sections],
        pass_mark=pass_mark,
        stage_id=stage,
    )


def _read_row(
    number: int,
    cells: dict[int, Cell],
    columns: dict[int, str],
    sections: list[tuple[int, SectionDraft]],
) -> None:
    values: dict[str, Cell] = {}
    for column, cell in cells.items():
        if column == 1:
            continue
        if column not in columns:
            raise _Refused(
                number,
                f"в ячейке {cell.coordinate} «{clip(str(cell.value), 30)}», а у её колонки нет "
                f"заголовка в строке с «{SCORE}».",
            )
        values[columns[column]] = cell
    if 1 not in cells:
        cell = next(iter(values.values()))
        raise _Refused(
            number,
            f"в колонке A пусто, а в ячейке {cell.coordinate} «{clip(str(cell.value), 30)}»: "
            "у раздела или критерия должен быть текст.",
        )
    text_cell = cells[1]
    raw = text_cell.value
    is_criterion = (isinstance(raw, str) and raw.strip().startswith("-")) or not (
        text_cell.font is not None and text_cell.font.b
    )
    if SCORE in values:
        cell = values[SCORE]
        raise _Refused(
            number,
            f"в колонке «{SCORE}» (ячейка {cell.coordinate}) «{clip(str(cell.value), 30)}»: в "
            f"чек-листе она пуста — оценку ставят при прослушке, а баллы критерия пишут в "
            f"колонке «{POINTS}».",
        )
    if not is_criterion:
        title = _text(text_cell, "раздел", SECTION_LIMIT)
        assert title is not None  # the cell holds something
        for header in values:
            if header != WEIGHT:
                raise _Refused(
                    number,
                    f"раздел «{clip(title)}»: колонка «{header}» заполняется у критериев, "
                    f"у раздела бывает только «{WEIGHT}».",
                )
        weight = _whole(values[WEIGHT], WEIGHT, 1, WEIGHT_MAX) if WEIGHT in values else 1
        sections.append((number, SectionDraft(title=title, weight=weight)))
        return
    stripped = raw.strip().removeprefix("-") if isinstance(raw, str) else raw
    text = _text(text_cell, "критерий", CRITERION_LIMIT, multiline=True, value=stripped)
    if text is None:
        raise _Refused(number, "после «-» нет текста критерия.")
    if not sections:
        raise _Refused(number, f"критерий «{clip(text)}» стоит до первого раздела.")
    if WEIGHT in values:
        raise _Refused(
            number,
            f"критерий «{clip(text)}»: «{WEIGHT}» пишут в строке раздела (жирной), не критерия.",
        )
    hint = _text(values[HINT], HINT, HINT_LIMIT, multiline=True) if HINT in values else None
    sections[-1][1].criteria.append(
        CriterionDraft(
            text=text,
            hint=hint,
            scale=_scale(values[SCALE]) if SCALE in values else Scale.YES_NO,
            points=_whole(values[POINTS], POINTS, 1, POINTS_MAX) if POINTS in values else 1,
            critical=_flag(values[CRITICAL], CRITICAL) if CRITICAL in values else False,
            may_be_na=_flag(values[MAY_BE_NA], MAY_BE_NA) if MAY_BE_NA in values else False,
            comment_on_miss=(
                _flag(values[COMMENT_ON_MISS], COMMENT_ON_MISS)
                if COMMENT_ON_MISS in values
                else False
            ),
        )
    )


WIDTHS = {"A": 70, "B": 9, "C": 8, "D": 9, "E": 11, "F": 13, "G": 15, "H": 9, "I": 40}
LINE_HEIGHT = 15  # points, for Calibri 11


def _fit_heights(sheet: Worksheet) -> None:
    """Rows as tall as their wrapped text (neither Excel nor LibreOffice sizes them on open)."""
    from openpyxl.utils import get_column_letter

    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.column is None:
                continue
            width = WIDTHS.get(get_column_letter(cell.column), 10) - 1
            parts = cell.value.split("\n")
            count = sum(max(1, math.ceil(len(part) * 1.1 / width)) for part in parts)
            lines = max(lines, count)
        if lines > 1 and row[0].row is not None:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def write_checklist(draft: TemplateDraft, target: Path) -> None:
    """One check-list on one sheet, in the layout `read_checklists` reads back as it was; the
    file appears only when complete."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    check_target(target)
    validate(draft)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = draft.sheet_name
    bold = Font(name="Calibri", size=11, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    middle = Alignment(wrap_text=True, vertical="top", horizontal="center")

    put_text(_at(sheet, 1, 1), draft.name).font = Font(name="Calibri", size=12, bold=True)
    if draft.stage_id is not None:
        put_text(_at(sheet, 1, 5), STAGE).alignment = Alignment(horizontal="right")
        _at(sheet, 1, 6).value = draft.stage_id
    put_text(_at(sheet, 1, 7), PASS_MARK).alignment = wrap
    _at(sheet, 1, 8).value = draft.pass_mark
    for column, title in enumerate((TEXT_HEADER, *COLUMNS), start=1):
        cell = put_text(_at(sheet, 2, column), title)
        cell.font = bold
        cell.alignment = wrap
    row = 2
    for section in draft.sections:
        row += 1
        cell = put_text(_at(sheet, row, 1), section.title)
        cell.font = bold
        cell.alignment = wrap
        weight = _at(sheet, row, COLUMNS.index(WEIGHT) + 2)
        weight.value = section.weight
        weight.alignment = middle
        for criterion in section.criteria:
            row += 1
            put_text(_at(sheet, row, 1), "- " + criterion.text).alignment = wrap
            values: dict[str, str | int | None] = {
                POINTS: criterion.points,
                SCALE: SCALE_LABELS[criterion.scale],
                CRITICAL: YES if criterion.critical else None,
                MAY_BE_NA: YES if criterion.may_be_na else None,
                COMMENT_ON_MISS: YES if criterion.comment_on_miss else None,
                HINT: criterion.hint,
            }
            for header, value in values.items():
                if value is None:
                    continue
                cell = _at(sheet, row, COLUMNS.index(header) + 2)
                if isinstance(value, str):
                    put_text(cell, value)
                else:
                    cell.value = value
                cell.alignment = wrap if header == HINT else middle
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    _fit_heights(sheet)
    sheet.freeze_panes = "B3"
    flags = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    scales = DataValidation(
        type="list", formula1='"' + ",".join(SCALE_LABELS.values()) + '"', allow_blank=True
    )
    scales.add(f"D3:D{max(row, 3)}")
    flags.add(f"E3:G{max(row, 3)}")
    sheet.add_data_validation(scales)
    sheet.add_data_validation(flags)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_title_rows = "1:2"
    _save(workbook, target)


def _at(sheet: Worksheet, row: int, column: int) -> Cell:
    from openpyxl.cell.cell import Cell

    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # nothing is merged on the program's sheets
    return cell


def _save(workbook: Any, target: Path) -> None:
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("wb") as f:
            workbook.save(f)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportFailed(not_written(target, exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
