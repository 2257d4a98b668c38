"""«Аналитика»: how the calls were scored over a period (issue 12), for supervisors, directors
and administrators (everyone's) and operators (their own).

The period and the filter (an operator, targeted reviews too) are read again when changed; the
grouping (operator, stage, month) only changes the table shown. Beside it, the average score by
month of the operator selected in the table (or chosen in the filter; else everyone's). Below:
the weakest criteria, every criterion, and the reviews counted, one of which goes to Word.
Ctrl+E saves the tables to Excel; F5 reads again; a change to any review reads again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor, Role
from ric_desk.calls.planning import office_today
from ric_desk.changes import Changes
from ric_desk.checklists import analytics
from ric_desk.checklists.analytics import OperatorChoice, Results, ReviewLine, Stats, month_label
from ric_desk.checklists.analytics_export import (
    export_review,
    results_file_name,
    review_file_name,
    write_results_xlsx,
)
from ric_desk.checklists.sample import previous_month
from ric_desk.checklists.scoring import percent_text
from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.reports.format import number, percent
from ric_desk.ui.reports.period_bar import PeriodBar
from ric_desk.ui.table_model import OBJECT_ROLE, SORT_ROLE, RowsModel
from ric_desk.ui.views import ask_xlsx, make_table, xlsx_target

Index = QModelIndex | QPersistentModelIndex
RELOAD_DELAY_MS = 300

# how a column's value reads: text as it is, a count, a share (0..1), a score (0..100 %)
TEXT, COUNT, SHARE, SCORE, MOMENT, FLAG = "text", "count", "share", "score", "moment", "flag"
MONTH = "month"  # a month's first day, read "11.2026"


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _shown(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == COUNT:
        return number(value)
    if kind == SHARE:
        return percent(value)
    if kind == SCORE:
        return percent_text(Fraction(value)).replace(" %", "\u00a0%")  # as `percent` reads
    if kind == MOMENT:
        return f"{value.astimezone():%d.%m.%Y %H:%M}"
    if kind == MONTH:
        return month_label(value)
    if kind == FLAG:
        return "✔" if value else ""
    return str(value)


class FiguresModel(RowsModel):
    """Rows of figures: each column (header, value, kind) sorts by its value and reads as its
    kind says, numbers on the right."""

    def __init__(
        self, columns: Sequence[tuple[str, Callable[[Any], Any], str]], parent: Any = None
    ) -> None:
        super().__init__([(h, get) for h, get, _k in columns], parent=parent)
        self.kinds = [k for _h, _g, k in columns]
        self.tips: dict[str, str] = {}  # a header's tooltip, by the header's text

    def set_columns(self, columns: Sequence[tuple[str, Callable[[Any], Any], str]]) -> None:
        self.beginResetModel()
        self.columns = [(h, get) for h, get, _k in columns]
        self.kinds = [k for _h, _g, k in columns]
        self.endResetModel()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.tips.get(self.columns[section][0])
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind = self.kinds[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if kind in (TEXT, MOMENT, MONTH):
                return None
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.columns[index.column()][1](self.rows[index.row()])
            return _shown(value, kind)
        if role == SORT_ROLE:  # what Qt compares: numbers, not Python's dates
            value = self.columns[index.column()][1](self.rows[index.row()])
            if isinstance(value, datetime):
                return value.timestamp()
            if isinstance(value, date):
                return value.toordinal()
            return value
        return super().data(index, role)


class AnalyticsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analyticsPage")
        self.db = db
        self.actor = actor
        self.results: Results | None = None
        self.stale = True
        self.own_only = actor.role == Role.OPERATOR

        self.period_bar = PeriodBar()
        self.period_bar.setObjectName("qcPeriod")
        # last month first, as the sample page: the month the supervisors are scoring
        last_month = previous_month(office_today())
        self.period_bar.set_period(last_month, None)
        self.period_bar.changed.connect(self.schedule_reload)
        self.operator = QComboBox()
        self.operator.setObjectName("qcOperator")
        self.operator.setMinimumContentsLength(22)
        self.operator.activated.connect(lambda _i: self.schedule_reload())
        self.grouping = QComboBox()
        self.grouping.setObjectName("qcGrouping")
        for title, key in (
            (self.tr("by operator"), "operator"),
            (self.tr("by stage"), "stage"),
            (self.tr("by month"), "month"),
        ):
            self.grouping.addItem(title, key)
        self.grouping.activated.connect(lambda _i: self._show_groups())
        self.targeted = QCheckBox(self.tr("Targeted reviews too"))
        self.targeted.setObjectName("qcTargeted")
        self.targeted.setToolTip(
            self.tr("Count the calls picked on purpose too (they are outside the sample)")
        )
        self.targeted.toggled.connect(lambda _on: self.schedule_reload())
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.refresh_button.setObjectName("qcRefresh")
        self.refresh_button.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export to Excel… (Ctrl+E)"))
        self.export_button.setObjectName("qcExport")
        self.export_button.clicked.connect(self.export)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Operator:")))
        filters.addWidget(self.operator, 1)
        filters.addWidget(QLabel(self.tr("Group:")))
        filters.addWidget(self.grouping)
        filters.addWidget(self.targeted)
        # no stretch: the operator's combo takes the free room, a whole name is not cut
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.export_button)
        # the period and the filters on a row each: side by side they need a wider screen
        # than 1366 pixels, and the tab would widen the whole window past it
        top = QVBoxLayout()
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_bar)
        period_row.addStretch(1)
        top.addLayout(period_row)
        top.addLayout(filters)

        self.summary = QLabel()
        self.summary.setObjectName("qcSummary")
        self.summary.setWordWrap(True)

        self.groups_model = FiguresModel(self._group_columns(self.tr("Operator")), self)
        self.groups_model.tips = {
            self.tr("Scored"): self.tr("Reviews with a total: where nothing applied is not scored"),
            self.tr("Average before zeroing"): self.tr(
                "The average had a critical miss not made its review's total 0"
            ),
            self.tr("Passed"): self.tr("Share of the scored reviews at the pass mark or above"),
            self.tr("Critical misses"): self.tr("Share of the scored reviews with a critical miss"),
            self.tr("Calls for the sample"): self.tr(
                "Successful calls long enough for the sample (targeted ones left out)"
            ),
            self.tr("Reviewed of them"): self.tr("Calls of the sample with a published review"),
            self.tr("Coverage"): self.tr("Reviewed calls of the sample / calls for the sample"),
        }
        self.groups = make_table(self.groups_model, "qcGroups")
        self.groups.selectionModel().currentRowChanged.connect(lambda *_a: self._show_trend())
        from ric_desk.ui.quality.trend_chart import TrendChart

        self.chart = TrendChart()
        self.upper = QSplitter(Qt.Orientation.Horizontal)
        self.upper.setObjectName("qcUpper")
        self.upper.addWidget(self.groups)
        self.upper.addWidget(self.chart)
        self.upper.setStretchFactor(0, 3)
        self.upper.setStretchFactor(1, 2)

        self.weakest_model = FiguresModel(self._criterion_columns(), self)
        self.weakest = make_table(self.weakest_model, "qcWeakest")
        self.criteria_model = FiguresModel(self._criterion_columns(), self)
        self.criteria = make_table(self.criteria_model, "qcCriteria")
        self.reviews_model = FiguresModel(self._review_columns(), self)
        self.reviews = make_table(self.reviews_model, "qcReviews")
        self.reviews.selectionModel().currentRowChanged.connect(lambda *_a: self._review_chosen())
        self.word_button = QPushButton(self.tr("Review to Word… (Ctrl+Shift+E)"))
        self.word_button.setObjectName("qcReviewToWord")
        self.word_button.setEnabled(False)
        self.word_button.clicked.connect(self.review_to_word)
        reviews_box = QWidget()
        reviews_layout = QVBoxLayout(reviews_box)
        reviews_layout.setContentsMargins(0, 0, 0, 0)
        reviews_bar = QHBoxLayout()
        reviews_bar.addStretch(1)
        reviews_bar.addWidget(self.word_button)
        reviews_layout.addLayout(reviews_bar)
        reviews_layout.addWidget(self.reviews, 1)
        self.details = QTabWidget()
        self.details.setObjectName("qcLowerTabs")
        self.details.addTab(self.weakest, self.tr("Weakest criteria"))
        self.details.addTab(self.criteria, self.tr("All criteria"))
        self.details.addTab(reviews_box, self.tr("Reviews counted"))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("qcSplitter")
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.status = QLabel()
        self.status.setObjectName("qcStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        # Ctrl+E is the main window's: it calls `export` of the page in front
        for key, action in (
            ("F5", self.reload),
            ("Ctrl+Shift+E", self.review_to_word),
        ):
            shortcut = QShortcut(QKeySequence(key), self, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        self._restore_layout()
        db.hub.changed.connect(self._on_changed)
        self._read_operators()

    # -- columns -----------------------------------------------------------------------------------
    def _group_columns(
        self, first: str, by_month: bool = False
    ) -> list[tuple[str, Callable[[Any], Any], str]]:
        label: tuple[str, Callable[[Any], Any], str] = (
            (first, lambda s: s.key, MONTH) if by_month else (first, lambda s: s.label, TEXT)
        )
        return [
            label,
            (self.tr("Reviews"), lambda s: s.reviews, COUNT),
            (self.tr("Scored"), lambda s: s.scored, COUNT),
            (self.tr("Average"), lambda s: _float(s.average), SCORE),
            (
                self.tr("Average before zeroing"),
                lambda s: _float(s.average_without_critical),
                SCORE,
            ),
            (self.tr("Passed"), lambda s: _float(s.pass_rate), SHARE),
            (self.tr("Critical misses"), lambda s: _float(s.critical_rate), SHARE),
            (self.tr("Calls for the sample"), lambda s: s.eligible, COUNT),
            (self.tr("Reviewed of them"), lambda s: s.reviewed_calls, COUNT),
            (self.tr("Coverage"), lambda s: _float(s.coverage), SHARE),
        ]

    def _criterion_columns(self) -> list[tuple[str, Callable[[Any], Any], str]]:
        return [
            (self.tr("Criterion"), lambda c: c.text, TEXT),
            (self.tr("Missed"), lambda c: _float(c.fail_rate), SHARE),
            (self.tr("Applied"), lambda c: c.applicable, COUNT),
            (self.tr("Missed, times"), lambda c: c.missed, COUNT),
            (self.tr("Fulfilment"), lambda c: _float(c.fulfilment), SHARE),
            (self.tr("Critical"), lambda c: c.critical, FLAG),
            (self.tr("Section"), lambda c: c.section, TEXT),
            (self.tr("Check-list"), lambda c: c.checklist, TEXT),
        ]

    def _review_columns(self) -> list[tuple[str, Callable[[Any], Any], str]]:
        return [
            (self.tr("No."), lambda r: r.id, COUNT),
            (self.tr("Call"), lambda r: r.at, MOMENT),
            (self.tr("Operator"), lambda r: r.operator, TEXT),
            (self.tr("Total"), lambda r: _float(r.total), SCORE),
            (self.tr("Critical miss"), lambda r: r.critical_miss, FLAG),
            (self.tr("Stage"), lambda r: r.stage, TEXT),
            (self.tr("Check-list"), lambda r: r.checklist, TEXT),
            (self.tr("Supervisor"), lambda r: r.supervisor, TEXT),
        ]

    # -- reading -----------------------------------------------------------------------------------
    def _read_operators(self) -> None:
        actor = self.actor
        self.db.run_query(self, lambda s: analytics.operators(s, actor), self._show_operators)

    def _show_operators(self, choices: list[OperatorChoice]) -> None:
        chosen = self.operator.currentData()
        self.operator.clear()
        if not self.own_only:
            self.operator.addItem(self.tr("All operators"), None)
        for choice in choices:
            self.operator.addItem(choice.name, choice.id)
        self.operator.setCurrentIndex(max(self.operator.findData(chosen), 0))
        self.operator.setEnabled(not self.own_only)
        self.reload()

    def filter(self) -> analytics.Filter:
        period = self.period_bar.period()  # refuses, in words, a period ending before it starts
        return analytics.Filter(
            period.start, period.end, self.operator.currentData(), self.targeted.isChecked()
        )

    def schedule_reload(self) -> None:
        self.reload_timer.start()

    def reload(self) -> None:
        self.reload_timer.stop()
        try:
            flt = self.filter()
        except UserError as exc:
            self.status.setText(exc.message)
            return
        actor = self.actor
        self.stale = False
        self.status.setText(self.tr("Reading…"))
        self.db.run_query(
            self,
            lambda s: analytics.results(s, actor, flt),
            self._show,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _show(self, results: Results) -> None:
        self.results = results
        total = results.total
        self.summary.setText(
            self.tr(
                "Reviews: {reviews} (scored {scored}); average {average}; passed {passed}; "
                "critical misses {critical}; coverage {coverage} ({reviewed} of {eligible} calls)"
            ).format(
                reviews=number(total.reviews),
                scored=number(total.scored),
                average=_shown(_float(total.average), SCORE) or "—",
                passed=_shown(_float(total.pass_rate), SHARE) or "—",
                critical=_shown(_float(total.critical_rate), SHARE) or "—",
                coverage=_shown(_float(total.coverage), SHARE) or "—",
                reviewed=number(total.reviewed_calls),
                eligible=number(total.eligible),
            )
        )
        self.weakest_model.set_rows(results.weakest)
        self.criteria_model.set_rows(results.criteria)
        self.reviews_model.set_rows(results.reviews)
        self._show_groups()
        self.status.setText(
            self.tr("Period {start} – {end}").format(
                start=f"{results.filter.start:%d.%m.%Y}", end=f"{results.filter.end:%d.%m.%Y}"
            )
        )
        self._review_chosen()

    def _show_groups(self) -> None:
        results = self.results
        key = self.grouping.currentData()
        first = {
            "operator": self.tr("Operator"),
            "stage": self.tr("Stage"),
            "month": self.tr("Month"),
        }[key]
        self.groups_model.set_columns(self._group_columns(first, by_month=key == "month"))
        if results is None:
            self.groups_model.set_rows([])
        else:
            rows = {
                "operator": results.by_operator,
                "stage": results.by_stage,
                "month": results.by_month,
            }[key]
            self.groups_model.set_rows(rows)  # the total is in the summary above
        self._show_trend()

    def _selected(self, table: QTableView) -> Any:
        index = table.currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def trend_operator(self) -> tuple[int | None, str]:
        """Whose months the chart shows: the operator selected in the table, else the filter's,
        else everyone's."""
        chosen = self._selected(self.groups)
        if (
            self.grouping.currentData() == "operator"
            and isinstance(chosen, Stats)
            and chosen.key is not None
        ):
            return int(chosen.key), chosen.label  # type: ignore[call-overload]
        if self.operator.currentData() is not None:
            return self.operator.currentData(), self.operator.currentText()
        return None, self.tr("all operators")

    def _show_trend(self) -> None:
        if self.results is None:
            return
        operator_id, name = self.trend_operator()
        self.chart.set_trend(
            self.tr("Average score by month: {name}").format(name=name),
            self.results.trend(operator_id),
        )

    def _review_chosen(self) -> None:
        self.word_button.setEnabled(isinstance(self._selected(self.reviews), ReviewLine))

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if changes.contacts or changes.works or changes.dictionaries or changes.all_clients:
            if changes.dictionaries:
                self._read_operators()
                return
            if self.isVisible():
                self.schedule_reload()
            else:
                self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and self.results is not None:
            self.schedule_reload()

    # -- files -------------------------------------------------------------------------------------
    def export(self) -> None:
        """Ctrl+E: the tables as read to an Excel workbook, a sheet each."""
        if self.results is None:
            return
        target = ask_xlsx(
            self, self.tr("Export quality analytics"), results_file_name(self.results)
        )
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        results = self.results
        if results is None:
            return
        target = xlsx_target(target)

        def work(_store: Store, _progress: Progress, _cancelled: IsCancelled) -> int:
            return write_results_xlsx(results, target, made_at=datetime.now())

        self.db.run_long(
            self,
            self.tr("Exporting quality analytics…"),
            work,
            lambda count: self.status.setText(
                self.tr("Saved {file} ({count} reviews counted)").format(
                    file=target.name, count=count
                )
            ),
        )

    def review_to_word(self) -> None:
        """Ctrl+Shift+E: the review selected below, with its call and marks, to a .docx."""
        line = self._selected(self.reviews)
        if not isinstance(line, ReviewLine):
            return
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the review"),
            str(settings.EXPORT_FOLDER.folder() / review_file_name(line)),
            self.tr("Word document (*.docx)"),
        )
        if path:
            self.review_to(line.id, Path(path))

    def review_to(self, review_id: int, target: Path) -> None:
        if target.suffix.lower() != ".docx":
            target = target.with_suffix(".docx")
        settings.EXPORT_FOLDER.remember(target)
        actor = self.actor

        def work(store: Store, _progress: Progress, _cancelled: IsCancelled) -> None:
            export_review(store, actor, review_id, target)

        self.db.run_long(
            self,
            self.tr("Saving the review…"),
            work,
            lambda _none: self.status.setText(self.tr("Saved {file}").format(file=target.name)),
        )

    # -- layout ------------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        layout = settings.QC_ANALYTICS_LAYOUT
        if not layout.restore_splitter(self.splitter, "splitter"):
            self.splitter.setSizes([380, 240])
        if not layout.restore_splitter(self.upper, "upper"):
            self.upper.setSizes([960, 370])
        for name, table in (("weakest", self.weakest), ("criteria", self.criteria)):
            if not layout.restore_header(table.horizontalHeader(), name):
                for column, width in enumerate((420, 100, 90, 95, 90, 80, 200)):
                    table.setColumnWidth(column, width)
        if not layout.restore_header(self.reviews.horizontalHeader(), "reviews"):
            for column, width in enumerate((60, 130, 240, 80, 130, 220, 220)):
                self.reviews.setColumnWidth(column, width)
        if not layout.restore_header(self.groups.horizontalHeader(), "groups"):
            for column, width in enumerate((200, 62, 74, 104, 114, 66, 90, 74, 96, 62)):
                self.groups.setColumnWidth(column, width)

    def save_layout(self) -> None:
        layout = settings.QC_ANALYTICS_LAYOUT
        layout.save_splitter(self.splitter, "splitter")
        layout.save_splitter(self.upper, "upper")
        layout.save_header(self.groups.horizontalHeader(), "groups")
        layout.save_header(self.weakest.horizontalHeader(), "weakest")
        layout.save_header(self.criteria.horizontalHeader(), "criteria")
        layout.save_header(self.reviews.horizontalHeader(), "reviews")


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    """Every role reads analytics: an operator their own."""
    return QCoreApplication.translate("AnalyticsPage", "Analytics"), AnalyticsPage(
        db, actor, parent
    )
