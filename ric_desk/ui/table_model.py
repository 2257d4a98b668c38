"""A small read-only table model over a list of rows, for the card's sections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (dates, numbers)

EXPIRED_BACKGROUND = QColor(255, 228, 225)
EXPIRED_FOREGROUND = QColor(150, 20, 20)


class RowsModel(QAbstractTableModel):
    """Columns are (header, getter) pairs; `highlight(row)` marks a row as needing attention."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[Any], Any]]],
        highlight: Callable[[Any], str | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.highlight = highlight

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        value = self.columns[index.column()][1](row)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(value)
        note = self.highlight(row) if self.highlight else None
        if note is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(EXPIRED_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(EXPIRED_FOREGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return note
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def object_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None


def _display(value: Any) -> str:
    from datetime import date, datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "✔" if value else ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)
