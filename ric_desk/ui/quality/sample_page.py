"""«Выборка»: the supervisor's listening sample of a month: drawing it, each operator's progress
against the quota, the sample's calls (and those picked on purpose) to take and score.

Enter or a double click takes the call (a lease, `claims.claim`) and opens its review; F8 takes
the next call nobody holds; a call outside the sample is picked by its number. A director sees
the progress and the calls, read-only. The page refreshes when the hub reports changed contacts
(a review saved, a call taken) and once a minute for what other workstations did.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.calls.planning import office_today
from ric_desk.changes import Changes
from ric_desk.checklists import claims, sample
from ric_desk.checklists.access import READERS, SCORERS
from ric_desk.checklists.sample import PickRow, Progress, QcQueue, month_period, previous_month
from ric_desk.checklists.sample_export import export_picks
from ric_desk.checklists.vocabulary import PickKind
from ric_desk.errors import UserError
from ric_desk.store import DbSession, Store
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, IsCancelled
from ric_desk.ui.operations import Progress as JobProgress
from ric_desk.ui.table_model import OBJECT_ROLE, SORT_ROLE, Index, RowsModel
from ric_desk.ui.views import ask_xlsx, make_table, ok_cancel, xlsx_target

REFRESH_EVERY_MS = 60_000
LAYOUT = settings.Layout("quality/sample/{name}", "the sample page's splitter and tables")

# the states a listed call is in, for the filter
WAITING, TAKEN, DRAFT, REVIEWED, TARGETED = "waiting", "taken", "draft", "reviewed", "targeted"


def state_of(row: PickRow) -> str:
    if row.reviewed:
        return REVIEWED
    if row.taken_by:
        return TAKEN
    if row.drafted:
        return DRAFT
    return WAITING


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


class _PickModel(RowsModel):
    """The sample's calls; the duration shown as m:ss, sorted by seconds."""

    DURATION = 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == self.DURATION:
            row = self.object_at(index.row())
            return duration_text(row.duration_sec) if row is not None else None
        return super().data(index, role)


class _ProgressModel(RowsModel):
    """Each operator's progress; the share of the quota reviewed shown as "40 %"."""

    PERCENT = 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == self.PERCENT:
            value = super().data(index, SORT_ROLE)
            return "" if value is None else f"{value}\u00a0%"
        return super().data(index, role)


class _PickFilter(QSortFilterProxyModel):
    """The calls of one operator and in one state (None: any)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.operator_id: int | None = None
        self.state: str | None = None

    def set_filter(self, operator_id: int | None, state: str | None) -> None:
        self.beginFilterChange()
        self.operator_id, self.state = operator_id, state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        row = model.object_at(source_row)
        if not isinstance(row, PickRow):
            return False
        if self.operator_id is not None and row.operator_id != self.operator_id:
            return False
        if self.state == TARGETED:
            return row.kind == PickKind.TARGETED
        return self.state is None or state_of(row) == self.state


class TargetedDialog(QDialog):
    """The number of a call to listen to outside the sample."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetedDialog")
        self.setWindowTitle(self.tr("A call outside the sample"))
        self.number = QLineEdit()
        self.number.setObjectName("targetedNumber")
        self.number.setValidator(QIntValidator(1, 2_000_000_000, self))
        explain = QLabel(
            self.tr(
                "A call picked on purpose is scored as any other but is kept out of the "
                "sample's statistics."
            )
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Call No.:"), self.number)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        self.resize(420, self.sizeHint().height())

    def contact_id(self) -> int | None:
        text = self.number.text().strip()
        return int(text) if text.isdigit() else None


class SamplePage(QWidget):
    """The month's sample: draw it, follow it, take its calls; `open_review(contact_id)` asks
    for a taken call's review screen."""

    open_review = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplePage")
        self.db = db
        self.actor = actor
        self.scorer = actor.role in SCORERS
        self.queue: QcQueue | None = None
        self._reading = False
        self._again = False

        last_month = previous_month(office_today())
        self.month = QDateEdit(QDate(last_month.year, last_month.month, 1))
        self.month.setObjectName("sampleMonth")
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setCalendarPopup(True)
        self.month.setToolTip(self.tr("The month whose calls are listened to"))
        self.month.dateChanged.connect(lambda _d: self.refresh())
        self.draw_button = QPushButton(self.tr("Draw the sample"))
        self.draw_button.setObjectName("drawSample")
        self.draw_button.setToolTip(
            self.tr(
                "Draws each operator's share of the month's successful calls; drawing again "
                "adds only what is missing"
            )
        )
        self.draw_button.clicked.connect(self.draw)
        self.next_button = QPushButton(self.tr("Next call (F8)"))
        self.next_button.setObjectName("nextCall")
        self.next_button.clicked.connect(self.take_next)
        self.targeted_button = QPushButton(self.tr("Pick a call outside the sample…"))
        self.targeted_button.setObjectName("pickTargeted")
        self.targeted_button.clicked.connect(self.pick_targeted)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("sampleExport")
        self.export_button.clicked.connect(self.export)
        for button in (self.draw_button, self.next_button, self.targeted_button):
            button.setVisible(self.scorer)

        self.progress_model = _ProgressModel(
            [
                (self.tr("Operator"), lambda p: p.operator),
                (self.tr("Eligible calls"), lambda p: p.eligible),
                (self.tr("Quota"), lambda p: p.quota),
                (self.tr("Drawn"), lambda p: p.sampled),
                (self.tr("Reviewed"), lambda p: p.reviewed),
                (self.tr("Of the quota"), self._percent),
                (self.tr("Outside the sample"), lambda p: p.targeted),
            ],
            parent=self,
        )
        self.progress_table = make_table(self.progress_model, "sampleProgress")
        for column, width in enumerate((260, 150, 80, 90, 90, 90)):
            self.progress_table.setColumnWidth(column, width)

        self.model = _PickModel(
            [
                (self.tr("Date"), lambda r: r.at),
                (self.tr("Operator"), lambda r: r.operator),
                (self.tr("Client"), lambda r: r.client),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Closing reason"), lambda r: r.closing_reason),
                (self.tr("Duration"), lambda r: r.duration_sec),
                (self.tr("Picked"), self._kind),
                (self.tr("State"), lambda r: r.status),
                (self.tr("Being scored by"), lambda r: r.taken_by),
            ],
            parent=self,
        )
        self.table = make_table(self.model, "sampleCalls")
        self.filter = _PickFilter(self.model)
        self.filter.setSourceModel(self.model)
        self.filter.setSortRole(SORT_ROLE)
        self.table.setModel(self.filter)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((115, 180, 230, 125, 160, 105, 80, 150)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        for key in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(key), self.table, self.take_selected)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        next_key = QShortcut(QKeySequence("F8"), self, self.take_next)
        next_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.operator = QComboBox()
        self.operator.setObjectName("sampleOperator")
        self.operator.addItem(self.tr("All operators"), None)
        self.operator.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.state = QComboBox()
        self.state.setObjectName("sampleState")
        for text, value in (
            (self.tr("Any state"), None),
            (self.tr("Waiting"), WAITING),
            (self.tr("Being scored"), TAKEN),
            (self.tr("Drafts"), DRAFT),
            (self.tr("Reviewed"), REVIEWED),
            (self.tr("Outside the sample"), TARGETED),
        ):
            self.state.addItem(text, value)
        self.state.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.count = QLabel()
        self.count.setObjectName("sampleCount")
        self.summary = QLabel()
        self.summary.setObjectName("sampleSummary")

        top = QHBoxLayout()
        month_label = QLabel(self.tr("&Month:"))
        month_label.setBuddy(self.month)
        top.addWidget(month_label)
        top.addWidget(self.month)
        top.addWidget(self.draw_button)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        top.addWidget(self.next_button)
        top.addWidget(self.targeted_button)
        calls_bar = QHBoxLayout()
        calls_bar.addWidget(QLabel(self.tr("Calls:")))
        calls_bar.addWidget(self.operator, 1)
        calls_bar.addWidget(self.state)
        calls_bar.addStretch(1)
        calls_bar.addWidget(self.count)
        calls_bar.addWidget(self.export_button)
        calls = QWidget()
        calls_layout = QVBoxLayout(calls)
        calls_layout.setContentsMargins(0, 0, 0, 0)
        calls_layout.addLayout(calls_bar)
        calls_layout.addWidget(self.table, 1)
        if self.scorer:
            hint = QLabel(
                self.tr(
                    "Enter or a double click takes the call and opens its review; F8 takes the "
                    "next call nobody is scoring."
                )
            )
            hint.setObjectName("sampleHint")
            calls_layout.addWidget(hint)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sampleSplitter")
        self.splitter.addWidget(self.progress_table)
        self.splitter.addWidget(calls)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setFocusProxy(self.table)
        self._restore_layout()

        db.hub.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def _percent(self, progress: Progress) -> Any:
        if not progress.quota:
            return None
        return round(100 * progress.reviewed / progress.quota)

    def _kind(self, row: PickRow) -> str:
        return self.tr("sample") if row.kind == PickKind.SAMPLE else self.tr("on purpose")

    def period(self) -> tuple[datetime, datetime]:
        chosen = self.month.date()
        return month_period(date(chosen.year(), chosen.month(), 1))

    def refresh(self) -> None:
        """Read the month's sample again (once more after the read on its way, if one is)."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        start, end = self.period()
        actor = self.actor

        def read(session: DbSession) -> QcQueue:
            return sample.queue(session, actor, start, end, now=datetime.now(UTC))

        self.db.run_query(self, read, self._show, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        show_error(self, exc)

    def _show(self, queue: QcQueue) -> None:
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.queue = queue
        current = self.current()
        self.progress_model.set_rows(queue.progress)
        self.model.set_rows(queue.rows)
        chosen = self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        self.operator.addItem(self.tr("All operators"), None)
        for p in queue.progress:
            self.operator.addItem(p.operator, p.operator_id)
        found = self.operator.findData(chosen)
        self.operator.setCurrentIndex(max(0, found))
        self.operator.blockSignals(False)
        self._apply_filter()
        if current is not None:
            self.select(current.contact_id)
        elif self.filter.rowCount():
            self.table.selectRow(0)
        sampled = sum(p.sampled for p in queue.progress)
        reviewed = sum(p.reviewed for p in queue.progress)
        wanted = sum(p.quota for p in queue.progress)
        if sampled:
            self.summary.setText(
                self.tr("Quota {quota}, drawn {drawn}, reviewed {reviewed}").format(
                    quota=wanted, drawn=sampled, reviewed=reviewed
                )
            )
        else:
            self.summary.setText(self.tr("No sample drawn for this month yet"))

    def _apply_filter(self) -> None:
        self.filter.set_filter(self.operator.currentData(), self.state.currentData())
        self.count.setText(
            self.tr("Listed: {shown} of {total}").format(
                shown=self.filter.rowCount(), total=self.model.rowCount()
            )
        )

    def current(self) -> PickRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.filter.mapToSource(index).data(OBJECT_ROLE)
        return row if isinstance(row, PickRow) else None

    def select(self, contact_id: int) -> bool:
        for r in range(self.filter.rowCount()):
            row = self.filter.index(r, 0).data(OBJECT_ROLE)
            if isinstance(row, PickRow) and row.contact_id == contact_id:
                self.table.selectRow(r)
                return True
        return False

    def listed(self) -> list[PickRow]:
        """The calls as listed now: filtered and sorted as on the screen."""
        return [self.filter.index(r, 0).data(OBJECT_ROLE) for r in range(self.filter.rowCount())]

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if changes.contacts or changes.dictionaries or changes.works:
            self.refresh()

    # -- acting ----------------------------------------------------------------------------------
    def draw(self) -> None:
        """Draw the month's sample (or complete it) through the worker, with progress."""
        start, end = self.period()
        actor = self.actor

        def op(session: DbSession) -> Any:
            return sample.draw_sample(session, actor, start, end, now=datetime.now(UTC))

        self.db.run_op(self, op, self._drawn, title=self.tr("Drawing the sample…"))

    def _drawn(self, draw: sample.Draw) -> None:
        self.summary.setText(
            self.tr("Drawn now: {added}; calls in the sample: {total}").format(
                added=draw.added, total=draw.total
            )
        )
        self.refresh()

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.take_selected()

    def take_selected(self) -> None:
        """Take the selected call (or renew one's hold on it) and open its review."""
        row = self.current()
        if row is None or not self.scorer:
            return
        self.take(row.contact_id)

    def take(self, contact_id: int) -> None:
        actor = self.actor

        def op(session: DbSession) -> Any:
            return claims.claim(session, actor, contact_id, now=datetime.now(UTC))

        self.db.run_op(self, op, self.open_review.emit)

    def take_next(self) -> None:
        if not self.scorer:
            return
        start, end = self.period()
        actor = self.actor
        operator = self.operator.currentData()

        def op(session: DbSession) -> Any:
            return claims.claim_next(
                session, actor, start, end, now=datetime.now(UTC), operator_id=operator
            )

        self.db.run_op(self, op, self._next_taken)

    def _next_taken(self, contact_id: int | None) -> None:
        if contact_id is None:
            show_error(
                self,
                UserError(
                    self.tr(
                        "No call of this month's sample waits for a review: every call is "
                        "scored or being scored (or the sample is not drawn yet)."
                    )
                ),
            )
            return
        self.select(contact_id)
        self.open_review.emit(contact_id)

    def pick_targeted(self) -> TargetedDialog | None:
        if not self.scorer:
            return None
        dialog = TargetedDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._targeted(dialog.contact_id()))
        dialog.open()
        return dialog

    def _targeted(self, contact_id: int | None) -> None:
        if contact_id is None:
            show_error(self, UserError(self.tr("Type the number of the call to listen to.")))
            return
        actor = self.actor

        def op(session: DbSession) -> Any:
            return claims.pick_targeted(session, actor, contact_id, now=datetime.now(UTC))

        self.db.run_op(self, op, self.open_review.emit)

    def export(self) -> None:
        target = ask_xlsx(self, self.tr("Export the sample"), "sample.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        target = xlsx_target(target)
        rows = self.listed()

        def work(_store: Store, _progress: JobProgress, _cancelled: IsCancelled) -> int:
            return export_picks(rows, target)

        self.db.run_long(
            self,
            self.tr("Exporting the sample…"),
            work,
            lambda written: self.count.setText(
                self.tr("Exported {count} rows to {file}").format(count=written, file=target.name)
            ),
        )

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        LAYOUT.restore_splitter(self.splitter, "splitter")
        LAYOUT.restore_header(self.progress_table.horizontalHeader(), "progress")
        LAYOUT.restore_header(self.table.horizontalHeader(), "calls")

    def save_layout(self) -> None:
        LAYOUT.save_splitter(self.splitter, "splitter")
        LAYOUT.save_header(self.progress_table.horizontalHeader(), "progress")
        LAYOUT.save_header(self.table.horizontalHeader(), "calls")


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    """Supervisors and administrators draw and score; a director follows the progress."""
    if actor.role not in READERS:
        return None
    return QCoreApplication.translate("SamplePage", "Sample"), SamplePage(db, actor, parent)
