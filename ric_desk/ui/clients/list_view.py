"""The client list screen: search as you type, filters, sortable lazy table, Excel export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ric_desk.clients.export import export_clients
from ric_desk.clients.listing import ClientFilter
from ric_desk.models import Employee, Region, SegmentType, SegmentValue, StatusGroup
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.clients.list_model import ClientListModel
from ric_desk.ui.messages import show_error
from ric_desk.ui.tasks import Task

SEARCH_DELAY_MS = 200


class ClientListView(QWidget):
    open_client = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientList")
        self.store = store
        self.model = ClientListModel(store, self)
        self.task: Task | None = None

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Reg. number, INN, name or phone digits"))
        self.search.setClearButtonEnabled(True)
        self.responsible = QComboBox()
        self.responsible.setObjectName("responsibleFilter")
        self.region = QComboBox()
        self.region.setObjectName("regionFilter")
        self.segment = QComboBox()
        self.segment.setObjectName("segmentFilter")
        self.group = QComboBox()
        self.group.setObjectName("statusGroupFilter")
        self.expired = QCheckBox(self.tr("Only with expired indicators"))
        self.expired.setObjectName("expiredFilter")
        self._fill_filters()

        self.table = QTableView()
        self.table.setObjectName("clientTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 360)
        self.table.setColumnWidth(2, 110)
        self.table.setColumnWidth(3, 160)
        self.table.setColumnWidth(4, 210)
        self.table.doubleClicked.connect(self._open_index)

        self.count = QLabel()
        self.count.setObjectName("count")
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.export)

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("Responsible:")), 0, 0)
        filters.addWidget(self.responsible, 0, 1)
        filters.addWidget(QLabel(self.tr("Region:")), 0, 2)
        filters.addWidget(self.region, 0, 3)
        filters.addWidget(QLabel(self.tr("Status group:")), 0, 4)
        filters.addWidget(self.group, 0, 5)
        filters.addWidget(QLabel(self.tr("Segment:")), 1, 0)
        filters.addWidget(self.segment, 1, 1, 1, 3)
        filters.addWidget(self.expired, 1, 4, 1, 2)
        filters.setColumnStretch(6, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self._enter_pressed)
        for combo in (self.responsible, self.region, self.segment, self.group):
            combo.currentIndexChanged.connect(lambda _i: self.apply())
        self.expired.toggled.connect(lambda _on: self.apply())
        find = QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        open_row = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open_current)
        open_row.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.apply()

    # -- filters ---------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        everyone = self.tr("(all)")
        with self.store.session() as s:
            employees = s.execute(
                select(Employee.id, Employee.full_name).order_by(Employee.full_name)
            ).all()
            regions = s.execute(select(Region.code, Region.name).order_by(Region.name)).all()
            segments = s.execute(
                select(SegmentValue.id, SegmentType.name, SegmentValue.name)
                .join(SegmentType, SegmentType.id == SegmentValue.segment_type_id)
                .order_by(SegmentType.position, SegmentValue.position)
            ).all()
            groups = s.execute(
                select(StatusGroup.id, StatusGroup.name).order_by(StatusGroup.name)
            ).all()
        for combo, items in (
            (self.responsible, [(i, n) for i, n in employees]),
            (self.region, [(c, n) for c, n in regions]),
            (self.segment, [(i, f"{t}: {v}") for i, t, v in segments]),
            (self.group, [(i, n) for i, n in groups]),
        ):
            combo.addItem(everyone, None)
            for key, label in items:
                combo.addItem(label, key)
        # long names must not widen the window: a combo shows ~14 letters, its popup all of them
        for combo in (self.responsible, self.region, self.segment, self.group):
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.segment.setMinimumContentsLength(22)

    def current_filter(self) -> ClientFilter:
        return ClientFilter(
            text=self.search.text(),
            responsible_id=self.responsible.currentData(),
            region_code=self.region.currentData(),
            segment_value_id=self.segment.currentData(),
            status_group_id=self.group.currentData(),
            only_with_expired=self.expired.isChecked(),
        )

    def apply(self) -> None:
        self.timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except Exception as exc:
            show_error(self, exc)
            return
        shown = f"{min(self.model.total, self.model.count_limit):,}".replace(",", " ")
        if self.model.total_is_exact:
            self.count.setText(self.tr("Found: {count}").format(count=shown))
        else:
            self.count.setText(self.tr("Found: more than {count}").format(count=shown))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- opening ---------------------------------------------------------------------------------
    def _enter_pressed(self) -> None:
        if self.timer.isActive():
            self.apply()
        if self.model.rowCount() == 1:
            self._open_row(0)
        elif self.model.rowCount() > 0:
            self.table.setFocus()
            self.table.selectRow(0)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_index(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        client = self.model.row_at(row)
        if client is not None:
            self.open_client.emit(client.id)

    # -- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export clients"),
            str(settings.EXPORT_FOLDER.folder() / "clients.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> Task:
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        settings.EXPORT_FOLDER.remember(target)
        f = self.current_filter()
        sort, descending = self.model.sort_key, self.model.descending
        self.task = Task(
            self,
            self.tr("Exporting clients…"),
            lambda progress, cancelled: export_clients(
                self.store,
                f,
                target,
                sort=sort,
                descending=descending,
                progress=progress,
                cancelled=cancelled,
            ),
            lambda written: self._exported(target, written),
            lambda exc: show_error(self, exc),
        )
        self.task.start()
        return self.task

    def _exported(self, target: Path, written: int) -> None:
        if written >= 0:
            self.count.setText(
                self.tr("Exported {count} rows to {file}").format(count=written, file=target.name)
            )

    # -- layout ----------------------------------------------------------------------------------
    def save_layout(self) -> None:
        settings.CLIENT_LIST_HEADER.save_header(self.table.horizontalHeader())

    def restore_layout(self) -> None:
        settings.CLIENT_LIST_HEADER.restore_header(self.table.horizontalHeader())
