"""«Оценки»: the reviews the signed-in employee may see (an operator their own published ones,
a supervisor every published one and their own drafts, a director every published one), filtered
by operator, status and period, with the chosen review's marks and history below. An operator
acknowledges a review (Ctrl+Return) or disputes at most two of its criteria (Ctrl+Shift+D); a
supervisor asks another for a blind calibration review (Ctrl+K). F5 reads the list again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor, Role
from ric_desk.changes import Changes
from ric_desk.checklists import calibration, disputes, review_list, review_reads
from ric_desk.checklists.access import SCORERS
from ric_desk.checklists.disputes import MAX_DISPUTES
from ric_desk.checklists.qc_export import export_reviews
from ric_desk.checklists.review_list import ReviewRow, ReviewStatus, Scorer
from ric_desk.checklists.review_views import ReviewDetail
from ric_desk.checklists.vocabulary import ReviewKind, ReviewState
from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.quality.common import (
    FormattedRows,
    PeriodEdit,
    concerns_reviews,
    kind_name,
    percent,
    status_name,
    utcnow,
)
from ric_desk.ui.quality.review_detail import ReviewDetailPanel
from ric_desk.ui.quality.review_dialogs import CalibrationDialog, DisputeDialog
from ric_desk.ui.table_model import OBJECT_ROLE
from ric_desk.ui.views import ask_xlsx, make_table, xlsx_target

LAYOUT = settings.QC_REVIEWS_LAYOUT


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    return ReviewsPage(db, actor, parent=parent).titled()


class ReviewsPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        clock: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewsPage")
        self.db = db
        self.actor = actor
        self.clock = clock
        self.operator = actor.role == Role.OPERATOR
        self.scorer = actor.role in SCORERS
        self.rows: list[ReviewRow] = []
        self.wanted: int | None = None  # the review to select when the list comes back
        self.shown_id: int | None = None
        self.dialog: QDialog | None = None

        self.period = PeriodEdit(90)
        self.period.changed.connect(self.refresh)
        self.operators = QComboBox()
        self.operators.setObjectName("operatorFilter")
        self.operators.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.statuses = QComboBox()
        self.statuses.setObjectName("statusFilter")
        self.statuses.addItem(self.tr("Any status"), None)
        for status in ReviewStatus:
            if status != ReviewStatus.DRAFT or self.scorer:
                self.statuses.addItem(status_name(status), status)
        self.statuses.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.export_button = QPushButton(self.tr("E&xcel…"))
        self.export_button.setObjectName("reviewsExport")
        self.export_button.setToolTip(self.tr("The list as shown to an Excel workbook"))
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        if not self.operator:
            label = QLabel(self.tr("&Operator:"))
            label.setBuddy(self.operators)
            bar.addWidget(label)
            bar.addWidget(self.operators, 1)
        else:
            self.operators.hide()
        label = QLabel(self.tr("&Status:"))
        label.setBuddy(self.statuses)
        bar.addWidget(label)
        bar.addWidget(self.statuses)
        bar.addStretch(0)
        bar.addWidget(self.export_button)

        self.model = FormattedRows(
            [
                (self.tr("Call"), lambda r: r.summary.contact_at),
                (self.tr("Operator"), lambda r: r.summary.operator),
                (self.tr("Reviewer"), lambda r: r.summary.supervisor),
                (self.tr("Client"), lambda r: r.client),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Check-list"), lambda r: r.summary.checklist),
                (self.tr("Score"), _total_sort),
                (self.tr("Critical miss"), lambda r: r.summary.critical_miss),
                (self.tr("Status"), lambda r: status_name(r.status)),
                (self.tr("Kind"), lambda r: kind_name(r.summary.kind)),
            ],
            {6: self._total_text},
            right=(6,),
            parent=self,
        )
        self.table = make_table(self.model, "reviewsTable")
        for column, width in enumerate((120, 185, 185, 165, 120, 130, 65, 165, 100)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._chosen())
        self.table.setColumnHidden(
            1, self.operator
        )  # an operator's own list: their name throughout
        self.count = QLabel()
        self.count.setObjectName("reviewsCount")

        self.acknowledge_button = QPushButton(self.tr("I have &read it"))
        self.acknowledge_button.setObjectName("acknowledgeReview")
        self.acknowledge_button.setToolTip(self.tr("Acknowledge the review (Ctrl+Return)"))
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.dispute_button = QPushButton(self.tr("&Dispute…"))
        self.dispute_button.setObjectName("disputeReview")
        self.dispute_button.setToolTip(
            self.tr("Dispute at most {count} criteria of the review (Ctrl+Shift+D)").format(
                count=MAX_DISPUTES
            )
        )
        self.dispute_button.clicked.connect(self.open_dispute)
        self.calibrate_button = QPushButton(self.tr("Ask for &calibration…"))
        self.calibrate_button.setObjectName("requestCalibration")
        self.calibrate_button.setToolTip(
            self.tr("Ask another supervisor for a blind second review of the call (Ctrl+K)")
        )
        self.calibrate_button.clicked.connect(self.open_calibration)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        if self.operator:
            actions.addWidget(self.acknowledge_button)
            actions.addWidget(self.dispute_button)
        else:
            self.acknowledge_button.hide()
            self.dispute_button.hide()
        if self.scorer:
            actions.addWidget(self.calibrate_button)
        else:
            self.calibrate_button.hide()

        self.detail = ReviewDetailPanel()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("reviewsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter, 1)

        self._keys()
        self._restore_layout()
        self._enable()
        db.hub.changed.connect(self._changed)
        self.refresh()

    def titled(self) -> tuple[str, QWidget]:
        return (self.tr("My reviews") if self.operator else self.tr("Reviews")), self

    def _keys(self) -> None:
        bindings: list[tuple[str, Callable[[], object]]] = [("F5", self.refresh)]
        if self.operator:
            bindings += [
                ("Ctrl+Return", self.acknowledge),
                ("Ctrl+Enter", self.acknowledge),
                ("Ctrl+Shift+D", self.open_dispute),
            ]
        if self.scorer:
            bindings.append(("Ctrl+K", self.open_calibration))
        for sequence, slot in bindings:
            action = QAction(self)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _total_text(self, row: ReviewRow) -> str:
        if row.summary.hidden:
            return self.tr("hidden")
        return percent(row.summary.total)

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        start, end = self.period.bounds()
        actor = self.actor
        current = self.current()
        if current is not None and self.wanted is None:
            self.wanted = current.summary.id
        self.db.run_query(
            self,
            lambda s: review_list.review_rows(s, actor, start=start, end=end),
            self._loaded,
        )

    def _loaded(self, rows: list[ReviewRow]) -> None:
        self.rows = rows
        chosen = self.operators.currentData()
        self.operators.blockSignals(True)
        self.operators.clear()
        self.operators.addItem(self.tr("All operators"), None)
        seen = sorted(
            {(r.summary.operator, r.summary.operator_id) for r in rows if r.summary.operator_id}
        )
        for name, operator_id in seen:
            self.operators.addItem(name, operator_id)
        self.operators.setCurrentIndex(max(0, self.operators.findData(chosen)))
        self.operators.blockSignals(False)
        self._show_rows()

    def _show_rows(self) -> None:
        operator_id = self.operators.currentData()
        status = self.statuses.currentData()
        wanted = self.wanted
        if wanted is None and (current := self.current()) is not None:
            wanted = current.summary.id
        self.wanted = None
        shown = [
            r
            for r in self.rows
            if (operator_id is None or r.summary.operator_id == operator_id)
            and (status is None or r.status == status)
        ]
        self.model.set_rows(shown)
        self.count.setText(self.tr("Reviews: {count}").format(count=len(shown)))
        proxy = self._proxy()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(OBJECT_ROLE).summary.id == wanted:
                self.table.selectRow(row)
                break
        else:
            if proxy.rowCount():
                self.table.selectRow(0)
        self._chosen()

    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def current(self) -> ReviewRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = index.data(OBJECT_ROLE)
        return row if isinstance(row, ReviewRow) else None

    def select_review(self, review_id: int) -> bool:
        proxy = self._proxy()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(OBJECT_ROLE).summary.id == review_id:
                self.table.selectRow(row)
                return True
        return False

    def _chosen(self) -> None:
        row = self.current()
        self._enable()
        if row is None:
            self.shown_id = None
            self.detail.show_detail(None)
            return
        review_id = row.summary.id
        self.shown_id = review_id
        actor = self.actor

        def shown(detail: ReviewDetail) -> None:
            if self.shown_id == review_id:
                self.detail.show_detail(detail)
                self._enable()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                show_error(self, exc)
            elif self.shown_id == review_id:
                self.detail.show_detail(None)
                self.detail.heading.setText(exc.message)

        self.db.run_query(
            self,
            lambda s: review_reads.review_detail(s, actor, review_id),
            shown,
            on_error=refused,
        )

    def _enable(self) -> None:
        row = self.current()
        open_to_operator = row is not None and row.summary.acknowledged_at is None and self.operator
        self.acknowledge_button.setEnabled(
            open_to_operator and row is not None and row.summary.open_disputes == 0
        )
        left = MAX_DISPUTES - (row.disputes if row is not None else 0)
        self.dispute_button.setEnabled(open_to_operator and left > 0)
        self.calibrate_button.setEnabled(
            row is not None
            and row.summary.state == ReviewState.PUBLISHED
            and row.summary.kind != ReviewKind.CALIBRATION
            and not row.summary.hidden
        )

    def _changed(self, changes: Changes, _origin: object) -> None:
        if concerns_reviews(changes):
            self.refresh()

    # -- the operator ----------------------------------------------------------------------------
    def acknowledge(self) -> None:
        row = self.current()
        if row is None or not self.operator:
            return
        actor, review_id, now = self.actor, row.summary.id, self.clock()
        self.wanted = review_id
        self.db.run_op(self, lambda s: disputes.acknowledge(s, actor, review_id, now=now))

    def open_dispute(self) -> DisputeDialog | None:
        row = self.current()
        detail = self.detail.detail
        if row is None or detail is None or not self.operator:
            return None
        if detail.summary.id != row.summary.id or not self.dispute_button.isEnabled():
            return None
        dialog = DisputeDialog(detail, self)
        dialog.submitted.connect(lambda items: self.submit_dispute(row.summary.id, items, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def submit_dispute(
        self, review_id: int, items: dict[int, str], dialog: QDialog | None = None
    ) -> None:
        """Dispute `items` (criterion -> comment); the dialog closes once they are written."""
        actor, now = self.actor, self.clock()
        self.wanted = review_id
        self.db.run_op(
            dialog or self,
            lambda s: disputes.dispute(s, actor, review_id, items, now=now),
            lambda _ids: dialog.done(QDialog.DialogCode.Accepted) if dialog else None,
            on_error=lambda exc: show_error(dialog or self, exc),
        )

    # -- the supervisor --------------------------------------------------------------------------
    def open_calibration(self) -> None:
        row = self.current()
        if row is None or not self.calibrate_button.isEnabled():
            return
        actor = self.actor
        self.db.run_query(
            self,
            lambda s: review_list.scorers(s, actor),
            lambda found: self._ask_calibration(row, found),
        )

    def _ask_calibration(self, row: ReviewRow, found: list[Scorer]) -> None:
        choices = [s for s in found if s.id != row.summary.supervisor_id]
        dialog = CalibrationDialog(row, choices, self)
        dialog.submitted.connect(lambda reviewer: self.request_calibration(row, reviewer, dialog))
        self.dialog = dialog
        dialog.open()

    def request_calibration(
        self, row: ReviewRow, reviewer_id: int, dialog: QDialog | None = None
    ) -> None:
        actor, review_id, now = self.actor, row.summary.id, self.clock()
        self.wanted = review_id
        self.db.run_op(
            dialog or self,
            lambda s: calibration.request_calibration(s, actor, review_id, reviewer_id, now=now),
            lambda _id: dialog.done(QDialog.DialogCode.Accepted) if dialog else None,
            on_error=lambda exc: show_error(dialog or self, exc),
        )

    # -- export and layout -----------------------------------------------------------------------
    def export(self) -> None:
        target = ask_xlsx(self, self.tr("Export the reviews"), "reviews.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        target = xlsx_target(target)
        proxy = self._proxy()
        rows = [proxy.index(r, 0).data(OBJECT_ROLE) for r in range(proxy.rowCount())]

        def work(_store: Store, _progress: Progress, _cancelled: IsCancelled) -> int:
            return export_reviews(rows, target)

        self.db.run_long(
            self,
            self.tr("Exporting the reviews…"),
            work,
            lambda written: self.count.setText(
                self.tr("Exported {count} rows to {file}").format(count=written, file=target.name)
            ),
        )

    def _restore_layout(self) -> None:
        if not LAYOUT.restore_splitter(self.splitter, self.splitter.objectName()):
            self.splitter.setSizes([330, 400])
        LAYOUT.restore_header(self.table.horizontalHeader(), self.table.objectName())
        self.table.setColumnHidden(
            1, self.operator
        )  # an operator's own list: their name throughout
        LAYOUT.restore_splitter(self.detail.splitter, self.detail.splitter.objectName())

    def save_layout(self) -> None:
        LAYOUT.save_splitter(self.splitter, self.splitter.objectName())
        LAYOUT.save_header(self.table.horizontalHeader(), self.table.objectName())
        LAYOUT.save_splitter(self.detail.splitter, self.detail.splitter.objectName())


def _total_sort(row: ReviewRow) -> float:
    s = row.summary
    return -1.0 if s.hidden or s.total is None else float(s.total)
