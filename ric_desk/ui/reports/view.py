"""The contact report screen («Отчёты», Ctrl+Shift+R).

F9 reads the period's facts (through the workstation's fact cache) behind a progress dialog
with Cancel, then builds the pivot; both off the GUI thread. The facts are kept: a change of
the layout (dimensions, measures, the filter) is pivoted again from them without reading the
database, unless it needs what was not read (another period, a segment not loaded). When the
hub says contacts or works changed, the screen only says the report is stale: F9 reads again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ric_desk.changes import Changes
from ric_desk.config import data_dir
from ric_desk.errors import Cancelled, UserError
from ric_desk.reports import configs, pivot, service
from ric_desk.reports.choices import ReportChoices, report_choices
from ric_desk.reports.errors import ReportError
from ric_desk.reports.export import write_csv, write_xlsx
from ric_desk.reports.loaded import Facts
from ric_desk.reports.names import MEASURES, RULE, dimension_title
from ric_desk.reports.pivot import Report
from ric_desk.reports.service import DrillRow
from ric_desk.reports.spec import Period, ReportSpec
from ric_desk.store import DbSession, Store
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.reports.chart import Bar, ChartPanel
from ric_desk.ui.reports.config_bar import ConfigBar, SaveConfigDialog
from ric_desk.ui.reports.drill import DrillDialog
from ric_desk.ui.reports.period_bar import PeriodBar
from ric_desk.ui.reports.setup import SetupPanel
from ric_desk.ui.reports.tree_model import Node, ReportTreeModel
from ric_desk.ui.session.script_panel import WrappingHeader

REPIVOT_DELAY_MS = 300


def cache_dir() -> Path:
    return data_dir() / "report-cache"


def warm(report: Report, collapsed_from: int | None) -> Report:
    """Compute the children of every group the screen shows open, in the worker: expanding them
    on the screen then costs nothing."""
    for _group in report.walk(collapsed_from):
        pass
    return report


class ReportView(QWidget):
    open_client = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.db = db
        self.facts: Facts | None = None
        self.report: Report | None = None
        self.stale = False
        self.building = False
        self._build_again = False
        self._generation = 0
        self.dialog: QDialog | None = None

        # -- configuration and period ------------------------------------------------------------
        self.config_bar = ConfigBar(db, self.spec)
        self.config_bar.chosen.connect(lambda config: self.apply_spec(config.spec))
        # the bar's parts, as the tests and the keys reach them
        self.configs = self.config_bar.combo
        self.delete_button = self.config_bar.delete_button

        self.period_bar = PeriodBar()
        self.period_bar.changed.connect(self._layout_changed)
        self.date_from, self.date_to = self.period_bar.date_from, self.period_bar.date_to
        self.build_button = QPushButton(self.tr("Build (F9)"))
        self.build_button.setObjectName("buildReport")
        self.build_button.setToolTip(RULE)
        self.build_button.clicked.connect(self.build)
        F9 = QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.build)
        F9.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        # -- setup, tree, chart --------------------------------------------------------------------
        self.setup = SetupPanel()
        self.setup.changed.connect(self._layout_changed)
        self.stale_label = QLabel(self.tr("The data changed — F9 will refresh"))
        self.stale_label.setObjectName("staleLabel")
        self.stale_label.setStyleSheet("color: #a01010; font-weight: bold;")
        self.stale_label.hide()
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.config_bar.said.connect(self.status.setText)
        side = QWidget()
        side.setObjectName("reportSide")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Configuration:")))
        side_layout.addWidget(self.config_bar)
        side_layout.addWidget(self.period_bar)
        side_layout.addWidget(self.setup, 1)
        side_layout.addWidget(self.stale_label)
        side_layout.addWidget(self.status)
        side_layout.addWidget(self.build_button)

        self.model = ReportTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("reportTree")
        self.tree.setHeader(WrappingHeader(self.tree))
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setExpandsOnDoubleClick(False)  # a double click drills down
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setToolTip(RULE)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sorted)
        self.tree.setSortingEnabled(True)
        self.tree.doubleClicked.connect(self.drill)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.tree, self.drill_current)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.update_chart())
        self.tree.expanded.connect(lambda _i: self.update_chart())

        self.collapse = QComboBox()
        self.collapse.setObjectName("collapseFrom")
        self.collapse.setMinimumContentsLength(16)
        self.collapse.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.collapse.activated.connect(lambda _i: self._collapse_chosen())
        # sorting from the keyboard (a click on a column's header does the same)
        self.sort_by = QComboBox()
        self.sort_by.setObjectName("sortBy")
        self.sort_by.setMinimumContentsLength(14)
        self.sort_by.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sort_by.activated.connect(lambda _i: self._sort_chosen())
        self.descending = QCheckBox(self.tr("descending"))
        self.descending.setObjectName("sortDescending")
        self.descending.toggled.connect(lambda _on: self._sort_chosen())
        tree_bar = QHBoxLayout()
        tree_bar.addWidget(QLabel(self.tr("Collapse from dimension:")))
        tree_bar.addWidget(self.collapse)
        tree_bar.addSpacing(12)
        tree_bar.addWidget(QLabel(self.tr("Sort by:")))
        tree_bar.addWidget(self.sort_by)
        tree_bar.addWidget(self.descending)
        tree_bar.addStretch(1)
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addLayout(tree_bar)
        tree_layout.addWidget(self.tree, 1)

        self.chart_box = chart_box = ChartPanel()
        chart_box.measure_chosen.connect(self.update_chart)
        self.chart, self.chart_measure = chart_box.chart, chart_box.measure

        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("reportRight")
        self.right.addWidget(tree_box)
        self.right.addWidget(chart_box)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reportSplitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)

        self.repivot_timer = QTimer(self)
        self.repivot_timer.setSingleShot(True)
        self.repivot_timer.setInterval(REPIVOT_DELAY_MS)
        self.repivot_timer.timeout.connect(self._repivot)

        self.apply_spec(configs.BUILTIN.spec)
        self._restore_layout()
        db.hub.changed.connect(self._on_changed)
        self._read_choices()
        self.config_bar.read(configs.BUILTIN.name)
        self._show_state()

    # -- the layout asked for --------------------------------------------------------------------
    def period(self) -> Period:
        return self.period_bar.period()

    def spec(self) -> ReportSpec:
        return ReportSpec(
            rows=self.setup.rows.names(),
            cols=self.setup.cols.names(),
            measures=self.setup.chosen_measures(),
            filters=self.setup.filters(),
            collapsed_from=self.collapse.currentData(),
        )

    def apply_spec(self, spec: ReportSpec) -> None:
        """Show a saved layout in the setup (the filter's ids that no longer exist are dropped
        by the lists that do not show them)."""
        self.setup.blockSignals(True)
        self.setup.set_dimensions(spec.rows, spec.cols)
        self.setup.set_measures(spec.measures)
        self.setup.set_filters(spec.filters)
        self.setup.blockSignals(False)
        self._fill_collapse(spec.rows, spec.collapsed_from)
        self._layout_changed()

    def _fill_collapse(self, rows: tuple[str, ...], chosen: int | None) -> None:
        """«Свернуть с разреза: <dimension>», as the seed says it: that dimension's groups are
        hidden (their parents, at the level above, collapsed); the first hides all but
        «Итого»."""
        self.collapse.clear()
        self.collapse.addItem(self.tr("(everything open)"), None)
        for level, dim in enumerate(rows):
            self.collapse.addItem(dimension_title(dim), level)
        index = self.collapse.findData(chosen) if chosen is not None else 0
        self.collapse.setCurrentIndex(max(index, 0))

    def _layout_changed(self) -> None:
        rows = self.setup.rows.names()
        chosen = self.collapse.currentData()
        if self.collapse.count() != len(rows) + 1 or any(
            self.collapse.itemText(i + 1) != dimension_title(d) for i, d in enumerate(rows)
        ):
            self._fill_collapse(rows, chosen if chosen is None or chosen < len(rows) else None)
        self.chart_box.set_measures(list(self.setup.chosen_measures()))
        if self.facts is not None:
            self.repivot_timer.start()
        self._show_state()

    def _needs_reading(self, spec: ReportSpec, period: Period) -> bool:
        return (
            self.facts is None
            or self.stale
            or self.facts.period != period
            or not self.facts.covers(spec)
        )

    def _show_state(self) -> None:
        self.stale_label.setVisible(self.stale)

    # -- building --------------------------------------------------------------------------------
    def _checked_spec(self) -> tuple[ReportSpec, Period] | None:
        try:
            spec, period = self.spec(), self.period()
            spec.check(self.setup.segment_types)
        except UserError as exc:
            self.status.setText(exc.line)
            return None
        return spec, period

    def build(self) -> None:
        """F9: read the facts when they are not at hand (or changed), then pivot."""
        self.repivot_timer.stop()
        if self.building:
            self._build_again = True  # once the report on its way is in
            return
        checked = self._checked_spec()
        if checked is None:
            show_error(self, ReportError(self.status.text()))
            return
        spec, period = checked
        if not self._needs_reading(spec, period):
            self._pivot(spec)
            return
        self._generation += 1
        generation = self._generation
        actor = self.db.actor
        where = cache_dir()

        def work(store: Store, progress: Progress, cancelled: IsCancelled) -> tuple[Facts, Report]:
            facts = service.load(
                store,
                actor,
                period,
                spec,
                cache=service.fact_cache(store, where),
                progress=progress,
                cancelled=cancelled,
            )
            return facts, warm(pivot.build(facts, spec), spec.collapsed_from)

        self.building = True
        self.status.setText(self.tr("Reading the contacts of the period…"))
        self.db.run_long(
            self,
            self.tr("Building the report…"),
            work,
            lambda result: self._read(generation, *result),
            on_error=self._failed,
        )

    def _built(self) -> None:
        self.building = False
        if self._build_again:
            self._build_again = False
            QTimer.singleShot(0, self.build)

    def _read(self, generation: int, facts: Facts, report: Report) -> None:
        self._built()
        self.facts = facts
        self.stale = False
        self._show_state()
        if generation == self._generation:
            self._show_report(report)

    def _failed(self, exc: BaseException) -> None:
        self._built()
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Building was cancelled: nothing was read."))
            return
        self.status.setText(self.tr("The report was not built."))
        show_error(self, exc)

    def _repivot(self) -> None:
        """A change of the layout: pivot again from the facts at hand, if they serve."""
        if self.building:
            self.repivot_timer.start()  # after the build on its way
            return
        checked = self._checked_spec()
        if checked is None:
            return
        spec, period = checked
        if self._needs_reading(spec, period):
            self.status.setText(self.tr("The period or the segments changed: F9 reads them."))
            return
        self._pivot(spec)

    def _pivot(self, spec: ReportSpec) -> None:
        facts = self.facts
        assert facts is not None
        self._generation += 1
        generation = self._generation

        def query(_session: DbSession) -> Report:
            return warm(pivot.build(facts, spec), spec.collapsed_from)

        self.building = True
        self.db.run_query(
            self,
            query,
            lambda report: self._pivoted(generation, report),
            on_error=self._failed,
        )

    def _pivoted(self, generation: int, report: Report) -> None:
        self._built()
        if generation == self._generation:
            self._show_report(report)

    def _show_report(self, report: Report) -> None:
        self.report = report
        sort_column, order = self.model.sort_column, self.model.sort_order
        self.model.set_report(report)
        if sort_column >= self.model.columnCount():
            sort_column, order = 0, Qt.SortOrder.AscendingOrder
        self.tree.header().setSortIndicator(sort_column, order)  # sorts the model
        self._fill_sort()
        self.apply_collapse()
        self._size_columns()
        self.tree.setCurrentIndex(self.model.index(0, 0))
        self.status.setText(report.period.title())
        self.update_chart()

    def _size_columns(self) -> None:
        remembered = settings.REPORT_LABEL_WIDTH.load()
        self.tree.setColumnWidth(0, int(remembered) if remembered.isdigit() else 300)
        for column in range(1, self.model.columnCount()):
            self.tree.setColumnWidth(column, 100)

    # -- sorting ---------------------------------------------------------------------------------
    def _fill_sort(self) -> None:
        self.sort_by.clear()
        for column in range(self.model.columnCount()):
            self.sort_by.addItem(self.model.header_text(column).replace("\n", " "), column)
        self._sorted(self.model.sort_column, self.model.sort_order)

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        """The header's sort shown in the combo and the check box."""
        for widget in (self.sort_by, self.descending):
            widget.blockSignals(True)
        self.sort_by.setCurrentIndex(max(self.sort_by.findData(column), 0))
        self.descending.setChecked(order == Qt.SortOrder.DescendingOrder)
        for widget in (self.sort_by, self.descending):
            widget.blockSignals(False)
        QTimer.singleShot(0, self.update_chart)  # its bars in the tree's new order

    def _sort_chosen(self) -> None:
        column = self.sort_by.currentData()
        if column is None:
            return
        order = (
            Qt.SortOrder.DescendingOrder
            if self.descending.isChecked()
            else Qt.SortOrder.AscendingOrder
        )
        self.tree.header().setSortIndicator(column, order)  # the model sorts

    # -- collapse --------------------------------------------------------------------------------
    def _collapse_chosen(self) -> None:
        self.apply_collapse()
        self.update_chart()

    def apply_collapse(self) -> None:
        """Open every group above the chosen level, close the others."""
        level = self.collapse.currentData()
        self.tree.collapseAll()
        if self.model.root is None:
            return
        if level is None:
            self.model.fetch_to(None)
            self.tree.expandAll()
        elif level > 0:
            self.model.fetch_to(level)
            self.tree.expandToDepth(level - 1)

    # -- drill-down ------------------------------------------------------------------------------
    def drill_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.drill(index)

    def drill(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """The contacts behind the cell: its group's row, its column's key (if any)."""
        node = self.model.node(index)
        report, facts = self.report, self.facts
        if node is None or report is None or facts is None:
            return
        col = self.model.column_def(index.column())
        col_key = col.col_key if col is not None else None
        row_key = tuple(node.group.key)
        title = self._cell_title(node, index.column())

        def query(session: DbSession) -> tuple[int, list[DrillRow]]:
            ids = service.behind(facts, report, row_key, col_key)
            return len(ids), service.drill(session, ids)

        self.db.run_query(self, query, lambda found: self._show_drill(title, *found))

    def _cell_title(self, node: Node, column: int) -> str:
        path = []
        walk: Node | None = node
        while walk is not None:
            path.append(self.model.label(walk))
            walk = walk.parent
        title = " → ".join(reversed(path))
        if column > 0:
            title += " · " + self.model.header_text(column)
        return title

    def _show_drill(self, title: str, total: int, rows: list[DrillRow]) -> None:
        dialog = DrillDialog(self.db, title, rows, self, total=total)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_client.connect(self.open_client)
        self.dialog = dialog
        dialog.open()

    # -- chart -----------------------------------------------------------------------------------
    def chart_node(self) -> Node | None:
        """The group whose children the chart shows: the selected group, or the parent of a
        group without children; the total when nothing is selected."""
        node = self.model.node(self.tree.currentIndex()) or self.model.root
        if node is not None and node.group.size == 0 and node.parent is not None:
            node = node.parent
        return node

    def update_chart(self) -> None:
        node, report = self.chart_node(), self.report
        measure = self.chart_measure.currentData()
        if node is None or report is None or measure not in report.spec.measures:
            self.chart.set_bars("", "", [])
            return
        if node.children is None:
            self.model.fetchMore(self.model.index_of(node))
        kids = node.children or []
        bars = [
            Bar(self.model.label(kid), float(value))
            for kid in kids
            if (value := kid.group.values.get(measure)) is not None
        ]
        title = f"{MEASURES[measure]}: {self.model.label(node)}"
        self.chart.set_bars(title, measure, bars)

    # -- saved configurations --------------------------------------------------------------------
    @property
    def config_name(self) -> str:
        return self.config_bar.name

    def save_config(self) -> SaveConfigDialog:
        self.dialog = self.config_bar.save_config()
        return self.dialog

    def delete_config(self) -> None:
        self.config_bar.delete_config()

    # -- dictionaries and changes ----------------------------------------------------------------
    def _read_choices(self) -> None:
        actor = self.db.actor
        self.db.run_query(self, lambda s: report_choices(s, actor), self._show_choices)

    def _show_choices(self, choices: ReportChoices) -> None:
        self.setup.blockSignals(True)
        self.setup.set_choices(choices)
        self.setup.blockSignals(False)

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if changes.dictionaries:
            self._read_choices()
        if (changes.contacts or changes.works or changes.all_clients) and self.facts is not None:
            self.stale = True
            self._show_state()

    # -- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        """Ctrl+E: the report as built to .xlsx (keeps the grouping) or .csv (for scripts)."""
        if self.report is None:
            show_error(self, UserError(self.tr("Build the report first (F9).")))
            return
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV for scripts (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the report"),
            str(settings.EXPORT_FOLDER.folder() / self._file_name()),
            f"{xlsx};;{csv}",
        )
        if path:
            self.export_to(Path(path), as_csv=chosen == csv)

    def _file_name(self) -> str:
        """«Отчёт по контактам 01.11.2026-30.11.2026.xlsx»"""
        period = self.report.period if self.report is not None else None
        days = f" {period.start:%d.%m.%Y}-{period.end:%d.%m.%Y}" if period is not None else ""
        return self.tr("Contact report") + days + ".xlsx"

    def export_to(self, target: Path, *, as_csv: bool = False) -> None:
        report = self.report
        if report is None:
            return
        # the file folds its groups as the screen shows them now
        report.spec = report.spec.with_(collapsed_from=self.collapse.currentData())
        suffix = ".csv" if as_csv else ".xlsx"
        if target.suffix.lower() != suffix:
            target = target.with_suffix(suffix)
        settings.EXPORT_FOLDER.remember(target)
        name = self.config_name

        def work(_store: Store, _progress: Progress, _cancelled: IsCancelled) -> int:
            return write_csv(report, target) if as_csv else write_xlsx(report, target, name)

        self.db.run_long(
            self,
            self.tr("Exporting the report…"),
            work,
            lambda rows: self.status.setText(
                self.tr("Exported {count} rows to {file}").format(count=rows, file=target.name)
            ),
        )

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        if not settings.REPORT_LAYOUT.restore_splitter(self.splitter, "splitter"):
            self.splitter.setSizes([330, 1000])
        if not settings.REPORT_LAYOUT.restore_splitter(self.right, "right"):
            self.right.setSizes([420, 200])

    def save_layout(self) -> None:
        settings.REPORT_LAYOUT.save_splitter(self.splitter, "splitter")
        settings.REPORT_LAYOUT.save_splitter(self.right, "right")
        if self.report is not None:
            settings.REPORT_LABEL_WIDTH.save(str(self.tree.columnWidth(0)))
