"""The contacts behind a cell of the report: a sortable table, Enter opens the client's card,
Excel export of the rows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ric_desk.export_xlsx import Column, Kind, write_sheet
from ric_desk.reports.service import DrillRow
from ric_desk.store import Store
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.reports.format import duration, number
from ric_desk.ui.table_model import OBJECT_ROLE, RowsModel
from ric_desk.ui.views import ElidedLabel, ask_xlsx, fit_to_screen, make_table, xlsx_target

DRILL_COLUMNS = [
    Column("Дата контакта", Kind.DATE),
    Column("Клиент"),
    Column("Работа №", Kind.NUMBER),
    Column("Специалист"),
    Column("Причина/результат действия"),
    Column("Этап"),
    Column("Успешный"),
    Column("Длительность, с", Kind.NUMBER),
    Column("Результат"),
]


def _values(row: DrillRow) -> list[object]:
    return [
        row.day,
        row.client_name,
        row.work_number,
        row.operator,
        row.reason,
        row.stage,
        "да" if row.successful else "нет",
        row.duration_sec,
        row.result,
    ]


def export_drill(rows: Sequence[DrillRow], target: Path, title: str) -> int:
    """The contacts of a report cell to an .xlsx sheet."""
    return write_sheet(target, "Контакты", DRILL_COLUMNS, [_values(r) for r in rows])


class _DrillModel(RowsModel):
    """The duration reads as ч:мм:сс and sorts as seconds."""

    DURATION_COLUMN = 7

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.isValid()
            and index.column() == self.DURATION_COLUMN
        ):
            seconds = self.rows[index.row()].duration_sec
            return "" if seconds is None else duration(seconds)
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.isValid()
            and index.column() in (2, self.DURATION_COLUMN)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class DrillDialog(QDialog):
    """The contacts behind one cell; Enter or a double click opens the client's card."""

    open_client = Signal(int)

    def __init__(
        self,
        db: Database,
        title: str,
        rows: list[DrillRow],
        parent: QWidget | None = None,
        *,
        total: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.db = db
        self.title = title
        self.setWindowTitle(self.tr("Contacts behind the cell"))
        self.model = _DrillModel(
            [
                (self.tr("Date"), lambda r: r.day),
                (self.tr("Client"), lambda r: r.client_name),
                (self.tr("Work No."), lambda r: r.work_number),
                (self.tr("Specialist"), lambda r: r.operator),
                (self.tr("Reason / result"), lambda r: r.reason),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Successful"), lambda r: r.successful),
                (self.tr("Duration"), lambda r: r.duration_sec),
                (self.tr("Result"), lambda r: r.result),
            ],
            parent=self,
        )
        self.model.set_rows(rows)
        self.table = make_table(self.model, "drillTable")
        for column, width in enumerate((80, 260, 80, 130, 220, 200, 70, 80)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self._open(index))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self.open_current)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)

        heading = ElidedLabel()
        heading.setObjectName("drillTitle")
        heading.setText(title)
        if total is not None and total > len(rows):  # the drill shows the newest only
            count = self.tr("Contacts: {total}; the newest {shown} are listed").format(
                total=number(total), shown=number(len(rows))
            )
        else:
            count = self.tr("Contacts: {count}").format(count=number(len(rows)))
        self.count = QLabel(count)
        self.count.setObjectName("drillCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("drillExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = QPushButton(self.tr("Open the client's card"))
        self.open_button.setObjectName("drillOpen")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        hint = QLabel(self.tr("Enter or a double click opens the client's card."))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        fit_to_screen(self, 1200, 600)
        if rows:
            self.table.selectRow(0)
        self.table.setFocus()

    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def current(self) -> DrillRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self._proxy().mapToSource(index).data(OBJECT_ROLE)
        return row if isinstance(row, DrillRow) else None

    def _open(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.open_current()

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.accept()
            self.open_client.emit(row.client_id)

    def export(self) -> None:
        target = ask_xlsx(self, self.tr("Export the contacts"), "contacts.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        target = xlsx_target(target)
        proxy = self._proxy()
        rows = [  # as sorted on the screen
            proxy.index(r, 0).data(OBJECT_ROLE) for r in range(proxy.rowCount())
        ]
        title = self.title

        def work(_store: Store, _progress: Progress, _cancelled: IsCancelled) -> int:
            return export_drill(rows, target, title)

        self.db.run_long(
            self,
            self.tr("Exporting the contacts…"),
            work,
            lambda written: self.count.setText(
                self.tr("Exported {count} rows to {file}").format(count=written, file=target.name)
            ),
        )
