"""Excel sheets the product writes (client list, session queue): streamed, safe, readable.

Every export goes through `XlsxSheet`, which
- writes text as text: a value beginning with `=`, `+`, `-`, `@`, tab or CR is never a formula
  (and carries Excel's quote prefix, so editing the cell keeps it text), nor is "#N/A" an error;
- replaces characters an .xlsx cannot hold (control characters) with U+FFFD instead of failing;
- sizes the columns to their content (from the header and the first rows), keeps a bold header
  row in view and puts an autofilter over the data;
- writes dates and times as dates with a Russian number format, numbers as numbers and
  identifiers (INN, KPP, phones) as text, so leading zeros and long digit strings survive;
- streams rows (openpyxl's write-only mode) into `NAME.part`, which becomes the file only when
  complete: a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from ric_desk.errors import UserError

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
MIN_WIDTH = 6
FILTER_BUTTON = 3  # room the autofilter's arrow takes in the header cell
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"


class Kind(enum.Enum):
    TEXT = "text"  # names, identifiers (INN, KPP, phones): always text
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


class ExportFailed(UserError):
    """The export file cannot be written where asked."""


def check_target(target: Path) -> None:
    """Refuse, in words, a file name the export cannot write to (before any work is done)."""
    if target.is_dir():
        raise ExportFailed(f"{target} — это папка: укажите имя файла *.xlsx.")
    if target.suffix.lower() != ".xlsx":
        raise ExportFailed(f"Файл для выгрузки должен называться *.xlsx, а не «{target.name}».")
    folder = target.parent
    if not folder.is_dir():
        raise ExportFailed(f"Папки {folder} нет: файл {target.name} не записан.")


def clean_text(value: str) -> str:
    """`value` as an .xlsx cell can hold it: characters it cannot hold become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return text[:MAX_CELL_TEXT]


def put_text(cell: Cell, value: str) -> Cell:
    """Write `value` into a cell of an ordinary (not write-only) sheet as text, never as a
    formula or an error code: `clean_text`'s characters, the string type, and Excel's quote
    prefix on text that begins like a formula. Returns the cell."""
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _shown(value: object, kind: Kind) -> str:
    """Roughly what the cell shows, for its column's width."""
    if value is None:
        return ""
    if kind is Kind.DATE:
        return "00.00.0000"
    if kind is Kind.DATETIME:
        return "00.00.0000 00:00"
    return str(value)


def _width(title: str, values: list[str]) -> float:
    longest = max(
        [len(title) + FILTER_BUTTON]
        + [max((len(line) for line in v.splitlines()), default=0) for v in values]
    )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


class XlsxSheet:
    """One sheet streamed to `target`: `append` the rows, then `save()`; `discard()` on failure.

    `sample` (the first rows, or all of a short list) sizes the columns: in write-only mode they
    must be known before the first row is written.
    """

    def __init__(
        self,
        target: Path,
        title: str,
        columns: Sequence[Column],
        sample: Sequence[Sequence[object]] = (),
    ) -> None:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
        from openpyxl.utils import get_column_letter

        self._illegal = ILLEGAL_CHARACTERS_RE
        self._error_codes = ERROR_CODES

        check_target(target)
        self.target = target
        self.columns = list(columns)
        self._partial = target.with_name(target.name + ".part")
        try:
            self._file: IO[bytes] = self._partial.open("wb")
        except OSError as exc:
            raise ExportFailed(not_written(target, exc)) from None
        self._workbook = Workbook(write_only=True)
        self._sheet: WriteOnlyWorksheet = self._workbook.create_sheet(title)
        self._last_column = get_column_letter(max(1, len(self.columns)))
        for i, column in enumerate(self.columns):
            shown = [_shown(row[i], column.kind) for row in sample]
            self._sheet.column_dimensions[get_column_letter(i + 1)].width = _width(
                column.title, shown
            )
        self._sheet.freeze_panes = "A2"
        # printed: landscape, as wide as the page, the header on every page
        sheet = cast(Any, self._sheet)  # openpyxl's stubs lack what write-only sheets have
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        self._rows = 0
        self._header()

    def _header(self) -> None:
        from openpyxl.styles import Font

        bold = Font(name="Calibri", size=11, bold=True)  # the body's font, only bold
        cells = []
        for column in self.columns:
            cell = self._text_cell(column.title)
            cell.font = bold
            cells.append(cell)
        self._sheet.append(cells)

    def _plain(self, text: str) -> bool:
        """openpyxl writes `text` as text by itself: no formula, error code or illegal character."""
        return (
            not text.startswith(FORMULA_STARTS)
            and len(text) <= MAX_CELL_TEXT
            and text not in self._error_codes
            and self._illegal.search(text) is None
        )

    def _text_cell(self, value: str) -> Cell:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet)
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, an error code or anything but the text
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell

    def _cell(self, value: object, kind: Kind) -> object:
        from openpyxl.cell import WriteOnlyCell

        if value is None:
            return None
        if kind is Kind.TEXT or isinstance(value, str):
            text = str(value)
            if self._plain(text):
                return text  # the common case, left to openpyxl's own (faster) cell
            return self._text_cell(text)
        if kind is Kind.NUMBER:
            return value
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones
        if kind is Kind.DATE and isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            return self._text_cell(str(value))
        cell = WriteOnlyCell(self._sheet)
        cell.value = value
        cell.number_format = DATE_FORMAT if kind is Kind.DATE else DATETIME_FORMAT
        return cell

    def append(self, values: Sequence[object]) -> None:
        self._sheet.append(
            [self._cell(v, c.kind) for v, c in zip(values, self.columns, strict=True)]
        )
        self._rows += 1

    def save(self) -> int:
        """Finish the file and put it in place; returns the number of data rows."""
        # openpyxl's write-only sheet has the filter (written after the rows); its stubs do not
        cast(Any, self._sheet).auto_filter.ref = f"A1:{self._last_column}{self._rows + 1}"
        try:
            self._workbook.save(self._file)
            self._file.close()
            os.replace(self._partial, self.target)
        except OSError as exc:
            self.discard()
            raise ExportFailed(not_written(self.target, exc)) from None
        except BaseException:
            self.discard()
            raise
        return self._rows

    def discard(self) -> None:
        """Give up: close and remove the partial file (and openpyxl's temporary one)."""
        writer = cast(Any, self._sheet)._writer
        if writer is not None and not self._sheet.closed:
            with contextlib.suppress(Exception):
                self._sheet.close()
                writer.cleanup()
        self._file.close()
        self._partial.unlink(missing_ok=True)


def write_sheet(
    target: Path, title: str, columns: Sequence[Column], values: Sequence[Sequence[object]]
) -> int:
    """A listed table (hundreds of rows, already in memory) to one sheet of `target`; the
    columns sized by its first 200 rows; nothing left behind if writing fails. The rows
    written."""
    sheet = XlsxSheet(target, title, columns, values[:200])
    try:
        for row in values:
            sheet.append(row)
    except BaseException:
        sheet.discard()
        raise
    return sheet.save()


def not_written(target: Path, exc: OSError) -> str:
    """Why `target` could not be written, in one Russian sentence."""
    if isinstance(exc, PermissionError):
        reason = "нет доступа (файл открыт в другой программе или нет прав на запись в папку)"
    elif exc.errno == errno.ENOSPC:
        reason = "на диске нет места"
    elif exc.errno == errno.EROFS:
        reason = "диск только для чтения"
    elif isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        reason = "такой папки нет"
    else:
        reason = exc.strerror or str(exc)
    return f"Файл {target} не записан: {reason}."


_not_written = not_written  # the name ric_desk.reports imports
