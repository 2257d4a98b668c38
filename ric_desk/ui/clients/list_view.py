"""The client list screen: search as you type, filters, sortable lazy table, Excel export.

Everything is read through the worker. When the hub says clients changed the list reads its rows
again and keeps the selected client and the scroll position; while the list is hidden it only
remembers that it must, and reads when it is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ric_desk.changes import Changes
from ric_desk.clients import listing
from ric_desk.clients.export import export_clients
from ric_desk.clients.listing import ClientFilter, FilterChoices
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.clients.list_model import ClientListModel
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.views import ask_xlsx, compact_rows, xlsx_target

SEARCH_DELAY_MS = 200


class ClientListView(QWidget):
    open_client = Signal(int)
    import_requested = Signal()  # the empty database's buttons: the window does these
    demo_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientList")
        self.db = db
        self.model = ClientListModel(db, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._read_failed)
        self._stale = False  # clients changed while the list was hidden
        self._keep: tuple[int | None, int] | None = None  # selected client, scroll: to restore
        self._enter_pending = False  # Enter pressed while the list was still being read

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
        # long names must not widen the window: a combo shows ~14 letters, its popup all of them
        for combo in (self.responsible, self.region, self.segment, self.group):
            combo.addItem(self.tr("(all)"), None)
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.segment.setMinimumContentsLength(22)

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
        compact_rows(self.table)
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

        self.empty = self._empty_panel()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

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
        layout.addWidget(self.pages, 1)
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
        open_row = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open_current)
        open_row.setContext(Qt.ShortcutContext.WidgetShortcut)
        db.hub.changed.connect(self._on_changed)
        self._fill_filters()
        self.apply()

    def _empty_panel(self) -> QWidget:
        """What a new, empty database shows instead of a blank table: what to do first."""
        panel = QWidget()
        panel.setObjectName("emptyDatabase")
        title = QLabel(self.tr("The database has no clients yet"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            self.tr(
                "Import your clients from an Excel or CSV file with a header row (Рег. номер, "
                "Наименование, ИНН, КПП, Регион, Адрес, Телефон, E-mail, Ответственный): their "
                "cards, calls and works start from there. To look around first, fill this "
                "database with demo clients, employees and works."
            )
        )
        text.setWordWrap(True)
        text.setFixedWidth(620)  # its height follows from the width it is given
        text.setMinimumHeight(text.heightForWidth(620))
        import_button = QPushButton(self.tr("Import clients from a file…"))
        import_button.setObjectName("emptyImport")
        import_button.clicked.connect(self.import_requested)
        demo_button = QPushButton(self.tr("Fill with demo data…"))
        demo_button.setObjectName("emptyDemo")
        demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(import_button)
        buttons.addWidget(demo_button)
        buttons.addStretch(1)
        inner = QVBoxLayout()
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addLayout(buttons)
        box = QWidget()
        box.setLayout(inner)
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return panel

    @property
    def database_is_empty(self) -> bool:
        return self.pages.currentWidget() is self.empty

    # -- filters ---------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        self.db.run_query(self, listing.filter_choices, self._show_filters)

    def _show_filters(self, choices: FilterChoices) -> None:
        """The filters' choices; what is chosen stays chosen (if it still exists)."""
        for combo, items in (
            (self.responsible, choices.employees),
            (self.region, choices.regions),
            (self.segment, choices.segment_values),
            (self.group, choices.status_groups),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for key, label in items:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.blockSignals(False)
            if combo.currentData() != chosen:
                self.apply()  # the chosen value is gone: the list shows everyone again

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
        self._keep = None
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Read the rows shown again (clients changed elsewhere); selection and scroll stay."""
        self._stale = False
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self._keep = (row.id if row else None, self.table.verticalScrollBar().value())
        self.model.reload(keep=True)

    def _loaded(self, kept: bool) -> None:
        unfiltered = self.model.filter == ClientFilter()
        self.pages.setCurrentWidget(
            self.empty if unfiltered and self.model.total == 0 else self.table
        )
        shown = f"{min(self.model.total, self.model.count_limit):,}".replace(",", " ")
        if self.model.total_is_exact:
            self.count.setText(self.tr("Found: {count}").format(count=shown))
        else:
            self.count.setText(self.tr("Found: more than {count}").format(count=shown))
        if kept and self._keep is not None:
            client_id, scroll = self._keep
            self._keep = None
            for number, row in enumerate(self.model.rows):
                if row.id == client_id:
                    self.table.selectRow(number)
                    break
            self.table.verticalScrollBar().setValue(scroll)
        if self._enter_pending:
            self._enter_pending = False
            self._act_on_enter()

    def _read_failed(self) -> None:
        """An Enter waiting for that read must not open a client later, after another read."""
        self._enter_pending = False
        self._keep = None

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if changes.dictionaries:
            self._fill_filters()
        if changes.clients or changes.all_clients:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- opening ---------------------------------------------------------------------------------
    def _enter_pressed(self) -> None:
        """Enter in the search: one client found opens, several put the cursor on the first."""
        if self.timer.isActive():
            self.apply()
        if self.model.loading:
            self._enter_pending = True  # acted on when the rows arrive
            return
        self._act_on_enter()

    def _act_on_enter(self) -> None:
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
        target = ask_xlsx(self, self.tr("Export clients"), "clients.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Write the list as filtered and sorted now, behind a progress dialog with Cancel."""
        target = xlsx_target(target)
        f = self.current_filter()
        sort, descending = self.model.sort_key, self.model.descending

        def work(store: Store, progress: Progress, cancelled: IsCancelled) -> int:
            return export_clients(
                store,
                f,
                target,
                sort=sort,
                descending=descending,
                progress=progress,
                cancelled=cancelled,
            )

        self.db.run_long(
            self,
            self.tr("Exporting clients…"),
            work,
            lambda written: self._exported(target, written),
        )

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
