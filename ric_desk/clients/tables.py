"""Reading a table a person hands in: the first sheet of an .xlsx or a .csv (; or , separated,
UTF-8 or Windows-1251), as text cells, row by row; a damaged file said in words."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ric_desk import files
from ric_desk.errors import UserError


def _cells(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into Excel: 6037005253.0
    return str(value).strip()


def read_table(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows of the first sheet of an .xlsx, or of a .csv (; or , separated)."""
    suffix = path.suffix.lower()
    files.checked_file(path, "таблица .xlsx или .csv", files.TABLE_LIMIT)
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        files.checked_package(path, "книгой Excel .xlsx", files.UNPACKED_TABLE_LIMIT)
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
            sheets = workbook.worksheets
        except Exception:
            raise UserError(
                f"Файл «{path.name}» не удалось открыть как книгу Excel (.xlsx)."
            ) from None
        if not sheets:
            raise UserError(f"В книге «{path.name}» нет ни одного листа.")
        sheet = sheets[0]
        rows = _readable(
            ([_cells(v) for v in row] for row in sheet.iter_rows(values_only=True)), path
        )
        return next(rows, []), rows
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # bytes that cp1251 leaves undefined, e.g. 0x98
            raise UserError(f"Не удалось прочитать кодировку файла «{path.name}».")
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        # not splitlines(): a quoted cell may hold a line break, and \x1c or \x85 are no row ends
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = _readable(([c.strip() for c in row] for row in reader), path)
        return next(rows, []), rows
    raise UserError(f"Формат «{suffix or path.name}» не поддерживается: нужен .xlsx или .csv.")


def _readable(rows: Iterator[list[str]], path: Path) -> Iterator[list[str]]:
    """The rows, with a damaged file (a cell over the CSV reader's limit of 131 072 characters,
    broken XML inside an .xlsx) said in words instead of a traceback."""
    read = 0
    try:
        for row in rows:
            yield row
            read += 1
    except Exception:
        raise UserError(
            f"Файл «{path.name}» повреждён или слишком велик: строку {read + 1} не удалось "
            "прочитать. Сохраните его заново из Excel (.xlsx) и повторите загрузку."
        ) from None
