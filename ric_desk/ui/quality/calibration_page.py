"""«Калибровка»: how well supervisors agree over the calibration pairs (both reviews published)
of calls in the period: per pair of reviewers the calls, the mean difference of totals, the
share of criteria graded alike and Cohen's kappa ("—" when undefined); below, the criteria
reviewers disagree on most. Both tables go to one Excel workbook. F5 reads them again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.changes import Changes
from ric_desk.checklists import calibration
from ric_desk.checklists.access import READERS
from ric_desk.checklists.calibration import Agreement, PairAgreement
from ric_desk.checklists.qc_export import export_agreement
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.quality.common import (
    FormattedRows,
    PeriodEdit,
    concerns_reviews,
    kappa_text,
    percent,
    share,
)
from ric_desk.ui.views import ask_xlsx, make_table, xlsx_target

LAYOUT = settings.QC_REVIEWS_LAYOUT


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    if actor.role not in READERS:
        return None
    return CalibrationPage(db, actor, parent=parent).titled()


def _number(value: object) -> float:
    return -2.0 if value is None else float(value)  # type: ignore[arg-type]


class CalibrationPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationPage")
        self.db = db
        self.actor = actor
        self.result: Agreement | None = None
        self.period = PeriodEdit(90)
        self.period.changed.connect(self.refresh)
        self.export_button = QPushButton(self.tr("E&xcel…"))
        self.export_button.setObjectName("calibrationExport")
        self.export_button.setToolTip(self.tr("Both tables to an Excel workbook"))
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.pairs = FormattedRows(
            [
                (self.tr("Reviewer 1"), lambda p: p.reviewer_a),
                (self.tr("Reviewer 2"), lambda p: p.reviewer_b),
                (self.tr("Calls"), lambda p: len(p.calls)),
                (self.tr("Mean difference of totals, pp"), lambda p: _number(p.mean_difference)),
                (self.tr("Criteria compared"), lambda p: p.compared),
                (self.tr("Agreed"), lambda p: p.agreed),
                (self.tr("Agreement"), lambda p: _number(p.agreement)),
                (self.tr("Cohen's kappa"), lambda p: _number(p.kappa)),
            ],
            {
                3: lambda p: _points(p),
                6: lambda p: share(p.agreement),
                7: lambda p: kappa_text(p.kappa),
            },
            right=(2, 3, 4, 5, 6, 7),
            parent=self,
        )
        self.pair_table = make_table(self.pairs, "calibrationPairs")
        for column, width in enumerate((215, 215, 70, 235, 165, 90, 100)):
            self.pair_table.setColumnWidth(column, width)
        self.worst = FormattedRows(
            [
                (self.tr("Section"), lambda d: d.section),
                (self.tr("Criterion"), lambda d: d.text),
                (self.tr("Compared"), lambda d: d.compared),
                (self.tr("Disagreed"), lambda d: d.disagreed),
                (self.tr("Disagreement"), lambda d: float(d.rate)),
            ],
            {4: lambda d: share(d.rate)},
            right=(2, 3, 4),
            parent=self,
        )
        self.worst_table = make_table(self.worst, "calibrationDisagreements")
        for column, width in enumerate((220, 420, 100, 100)):
            self.worst_table.setColumnWidth(column, width)
        self.count = QLabel()
        self.count.setObjectName("calibrationCount")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("calibrationSplitter")
        self.splitter.addWidget(_titled(self.tr("Pairs of reviewers"), self.pair_table))
        self.splitter.addWidget(
            _titled(self.tr("Criteria reviewers disagree on most"), self.worst_table)
        )
        self.splitter.setChildrenCollapsible(False)
        hint = QLabel(
            self.tr(
                "Only calibration pairs with both reviews published count; kappa is «—» when "
                "undefined (both reviewers gave one and the same grade throughout)."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(hint)
        layout.addWidget(self.count)
        action = QAction(self)
        action.setShortcut(QKeySequence("F5"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self.refresh)
        self.addAction(action)
        if not LAYOUT.restore_splitter(self.splitter, self.splitter.objectName()):
            self.splitter.setSizes([300, 300])
        for table in (self.pair_table, self.worst_table):
            LAYOUT.restore_header(table.horizontalHeader(), table.objectName())
        db.hub.changed.connect(self._changed)
        self.refresh()

    def titled(self) -> tuple[str, QWidget]:
        return self.tr("Calibration"), self

    def refresh(self) -> None:
        start, end = self.period.bounds()
        actor = self.actor
        self.db.run_query(
            self,
            lambda s: calibration.agreement(s, actor, start=start, end=end),
            self._loaded,
        )

    def _loaded(self, result: Agreement) -> None:
        self.result = result
        self.pairs.set_rows(result.pairs)
        self.worst.set_rows(result.disagreements)
        calls = sum(len(p.calls) for p in result.pairs)
        self.count.setText(
            self.tr("Pairs of reviewers: {pairs}; calibrated calls: {calls}").format(
                pairs=len(result.pairs), calls=calls
            )
        )
        if result.pairs:
            self.pair_table.selectRow(0)

    def _changed(self, changes: Changes, _origin: object) -> None:
        if concerns_reviews(changes):
            self.refresh()

    def export(self) -> None:
        target = ask_xlsx(self, self.tr("Export the agreement report"), "calibration.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        target = xlsx_target(target)
        result = self.result
        if result is None:
            return

        def work(_store: Store, _progress: Progress, _cancelled: IsCancelled) -> None:
            export_agreement(result, target)

        self.db.run_long(
            self,
            self.tr("Exporting the agreement report…"),
            work,
            lambda _none: self.count.setText(
                self.tr("Exported to {file}").format(file=target.name)
            ),
        )

    def save_layout(self) -> None:
        LAYOUT.save_splitter(self.splitter, self.splitter.objectName())
        for table in (self.pair_table, self.worst_table):
            LAYOUT.save_header(table.horizontalHeader(), table.objectName())


def _points(pair: PairAgreement) -> str:
    value = pair.mean_difference
    if value is None:
        return "—"
    return percent(value).replace("\u00a0%", "")


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(f"<b>{title}</b>")
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
